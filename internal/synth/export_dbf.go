package synth

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// WriteDBF writes each table as a FoxPro 2 table, dir/NAME.dbf, with its
// unbounded text columns in a memo file beside it (NAME.fpt), text in the
// code page enc (Windows1252 or CP850, declared in the header). dBase
// field names have at most ten characters, so it returns, per table, the
// field each column became: fields[table][FIELD] = column.
func (c *Corpus) WriteDBF(dir string, enc Encoding) (fields map[string]map[string]string, err error) {
	var cm *charmap.Charmap
	var ldid byte
	switch enc {
	case Windows1252, "":
		cm, ldid = charmap.Windows1252, 0x03
	case CP850:
		cm, ldid = charmap.CodePage850, 0x02
	default:
		return nil, fmt.Errorf("synth: dBase tables in %q: use windows-1252 or cp850", enc)
	}
	fields = map[string]map[string]string{}
	for _, t := range c.Tables {
		m, err := writeDBFTable(dir, t, cm, ldid)
		if err != nil {
			return nil, fmt.Errorf("synth: table %s: %w", t.Name, err)
		}
		fields[t.Name] = m
	}
	return fields, nil
}

type dbfCol struct {
	name     string
	typ      byte
	len, dec int
}

func dbfColumns(t *Table) ([]dbfCol, map[string]string) {
	names := map[string]string{}
	var out []dbfCol
	for _, col := range t.Columns {
		n := strings.ToUpper(col.Name)
		if len(n) > 10 {
			n = n[:10]
		}
		for k := 2; names[n] != ""; k++ {
			s := strconv.Itoa(k)
			n = n[:min(len(n), 10-len(s))] + s
		}
		names[n] = col.Name
		d := dbfCol{name: n}
		switch col.Type.Kind {
		case KindChar, KindVarchar:
			d.typ, d.len = 'C', min(col.Type.Size, 254)
		case KindInteger:
			d.typ, d.len = 'N', 20
		case KindDecimal:
			d.typ, d.len, d.dec = 'N', col.Type.Size+2, col.Type.Scale
		case KindDate:
			d.typ, d.len = 'D', 8
		case KindTimestamp:
			d.typ, d.len = 'C', 19
		default:
			d.typ, d.len = 'M', 10
		}
		out = append(out, d)
	}
	return out, names
}

func writeDBFTable(dir string, t *Table, cm *charmap.Charmap, ldid byte) (names map[string]string, err error) {
	cols, names := dbfColumns(t)
	hasMemo := false
	recLen := 1
	for _, c := range cols {
		recLen += c.len
		hasMemo = hasMemo || c.typ == 'M'
	}
	f, err := os.OpenFile(filepath.Join(dir, t.Name+".dbf"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(f, 256<<10)
	var memo *fptWriter
	if hasMemo {
		if memo, err = newFPT(filepath.Join(dir, t.Name+".fpt")); err != nil {
			return nil, err
		}
		defer func() {
			if cerr := memo.close(); err == nil {
				err = cerr
			}
		}()
	}
	version := byte(0x03)
	if hasMemo {
		version = 0xF5
	}
	hdr := make([]byte, 32)
	hdr[0] = version
	hdr[1], hdr[2], hdr[3] = 126, 1, 15 // last update 2026-01-15
	binary.LittleEndian.PutUint32(hdr[4:], uint32(t.Rows))
	binary.LittleEndian.PutUint16(hdr[8:], uint16(32+32*len(cols)+1))
	binary.LittleEndian.PutUint16(hdr[10:], uint16(recLen))
	hdr[29] = ldid
	w.Write(hdr)
	for _, c := range cols {
		fd := make([]byte, 32)
		copy(fd, c.name)
		fd[11] = c.typ
		fd[16], fd[17] = byte(c.len), byte(c.dec)
		w.Write(fd)
	}
	w.WriteByte(0x0D)
	rec := make([]byte, recLen)
	t.Generate(func(row []any) bool {
		for i := range rec {
			rec[i] = ' '
		}
		off := 1
		for i, c := range cols {
			field := rec[off : off+c.len]
			off += c.len
			v := row[i]
			if v == nil {
				continue
			}
			switch c.typ {
			case 'C':
				b, e := encoding.ReplaceUnsupported(cm.NewEncoder()).String(exportText(t.Columns[i].Type, v))
				if e != nil {
					err = e
					return false
				}
				copy(field, b)
			case 'N':
				s := exportText(t.Columns[i].Type, v)
				if c.dec > 0 {
					if fv, e := strconv.ParseFloat(s, 64); e == nil {
						s = strconv.FormatFloat(fv, 'f', c.dec, 64)
					}
				}
				if len(s) > c.len {
					err = fmt.Errorf("number %s wider than its field", s)
					return false
				}
				copy(field[c.len-len(s):], s)
			case 'D':
				copy(field, v.(time.Time).Format("20060102"))
			case 'M':
				s := exportText(t.Columns[i].Type, v)
				if s == "" {
					continue
				}
				b, e := encoding.ReplaceUnsupported(cm.NewEncoder()).String(s)
				if e != nil {
					err = e
					return false
				}
				block, e := memo.add(b)
				if e != nil {
					err = e
					return false
				}
				n := strconv.Itoa(block)
				copy(field[c.len-len(n):], n)
			}
		}
		_, err = w.Write(rec)
		return err == nil
	})
	if err != nil {
		return nil, err
	}
	w.WriteByte(0x1A)
	return names, w.Flush()
}

// fptWriter writes a FoxPro memo file: a 512-byte header holding the next
// free block and the block size (big-endian), then blocks, each a type (1:
// text) and a length (big-endian) before the text.
type fptWriter struct {
	f    *os.File
	w    *bufio.Writer
	next int
}

const fptBlock = 64

func newFPT(path string) (*fptWriter, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	m := &fptWriter{f: f, w: bufio.NewWriterSize(f, 256<<10), next: 512 / fptBlock}
	m.w.Write(make([]byte, 512))
	return m, nil
}

func (m *fptWriter) add(s string) (int, error) {
	block := m.next
	var h [8]byte
	binary.BigEndian.PutUint32(h[:4], 1)
	binary.BigEndian.PutUint32(h[4:], uint32(len(s)))
	m.w.Write(h[:])
	m.w.WriteString(s)
	n := 8 + len(s)
	pad := (fptBlock - n%fptBlock) % fptBlock
	_, err := m.w.Write(make([]byte, pad))
	m.next += (n + pad) / fptBlock
	return block, err
}

func (m *fptWriter) close() error {
	if err := m.w.Flush(); err != nil {
		m.f.Close()
		return err
	}
	var h [8]byte
	binary.BigEndian.PutUint32(h[:4], uint32(m.next))
	binary.BigEndian.PutUint16(h[6:], fptBlock)
	if _, err := m.f.WriteAt(h[:], 0); err != nil {
		m.f.Close()
		return err
	}
	return m.f.Close()
}
