package files

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"golang.org/x/text/encoding/charmap"
)

// dBase and FoxPro tables (.dbf) and their memo files (.fpt, .dbt).
//
// No maintained Go library reads FoxPro memo files and code pages, so this
// is a parser of the documented layout (dBase III/IV file structure; the
// Visual FoxPro "Table File Structure" reference):
//
//	header   32 bytes: version, last update, record count (uint32 LE),
//	         header length and record length (uint16 LE), language driver
//	         id at byte 29 (the code page)
//	fields   32 bytes each up to a 0x0D byte: name (11 bytes), type, an
//	         offset (FoxPro), length, decimals, flags (FoxPro: 1 system,
//	         2 nullable)
//	records  from the header length on, each a deletion flag (' ' or '*')
//	         and the fields' bytes, fixed width
//
// Types: C text (in the table's code page), N and F numbers as text, D
// dates YYYYMMDD, L logicals, I int32, Y currency (int64/10000), B double
// (FoxPro; in dBase a binary memo), T FoxPro datetimes (Julian day and
// milliseconds), M memo (a block number into the memo file), V varchar;
// G, P, Q, O, @ and + are binary or rare and not read. FoxPro's hidden
// _NullFlags field marks NULLs: each nullable field has a bit (a varchar
// field one more, before it, for its length).
//
// Memo files: .fpt (FoxPro) has its block size in its header and each
// block starts with a type and a length (big-endian); .dbt (dBase III) has
// 512-byte blocks of text ended by 0x1A, and dBase IV blocks start with
// FF FF 08 00 and a length. A memo is read only for the rows kept.
//
// Rows marked deleted are still in the file, and so are their values: a
// leaked file exposes them, so they are rows like the others, and a
// warning counts them. A file that holds fewer records than its header
// says is truncated: an error; one that holds more (a program crashed
// before updating the count) is read to its end, with a warning.

// dbfField is one field of a .dbf.
type dbfField struct {
	name     string
	typ      byte
	off, len int
	dec      int
	nullBit  int // bit in _NullFlags, or -1
	varBit   int // V and Q: bit saying the length is in the last byte
}

type dbfHeader struct {
	version   byte
	records   int64
	headerLen int
	recordLen int
	ldid      byte
	fields    []dbfField // the visible ones
	nullFlags *dbfField  // FoxPro's _NullFlags, or nil
	consumed  int        // header bytes read by readDBFHeader
}

func readDBFHeader(r io.Reader) (*dbfHeader, error) {
	var h [32]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, errors.New("not a dBase table: shorter than its header")
	}
	hd := &dbfHeader{
		version:   h[0],
		records:   int64(binary.LittleEndian.Uint32(h[4:8])),
		headerLen: int(binary.LittleEndian.Uint16(h[8:10])),
		recordLen: int(binary.LittleEndian.Uint16(h[10:12])),
		ldid:      h[29],
	}
	if hd.headerLen < 33 || hd.recordLen < 1 {
		return nil, fmt.Errorf("not a dBase table: header length %d, record length %d", hd.headerLen, hd.recordLen)
	}
	off := 1
	nullBits := 0
	hd.consumed = 32
	var all []dbfField
	for read := 32; read+32 <= hd.headerLen; read += 32 {
		var f [32]byte
		n, err := io.ReadFull(r, f[:1])
		if err != nil || n == 0 {
			return nil, errors.New("not a dBase table: its field list ends early")
		}
		hd.consumed = read + 1
		if f[0] == 0x0D {
			break
		}
		if _, err := io.ReadFull(r, f[1:]); err != nil {
			return nil, errors.New("not a dBase table: its field list ends early")
		}
		hd.consumed = read + 32
		name := string(bytes.TrimRight(f[:11], "\x00 "))
		if i := bytes.IndexByte(f[:11], 0); i >= 0 {
			name = string(f[:i])
		}
		fd := dbfField{name: name, typ: f[11], off: off, len: int(f[16]), dec: int(f[17]), nullBit: -1, varBit: -1}
		if fd.typ == 'C' && f[17] > 0 && hd.version != 0x30 && hd.version != 0x31 && hd.version != 0x32 {
			fd.len += int(f[17]) << 8 // Clipper and FoxPro: long text fields
			fd.dec = 0
		}
		flags := f[18]
		isVFP := hd.version == 0x30 || hd.version == 0x31 || hd.version == 0x32
		if isVFP && (fd.typ == 'V' || fd.typ == 'Q') {
			fd.varBit = nullBits
			nullBits++
		}
		if isVFP && flags&0x02 != 0 {
			fd.nullBit = nullBits
			nullBits++
		}
		off += fd.len
		if off > hd.recordLen {
			return nil, fmt.Errorf("not a dBase table: field %s ends past the record (%d bytes)", name, hd.recordLen)
		}
		all = append(all, fd)
	}
	if len(all) == 0 {
		return nil, errors.New("not a dBase table: no fields")
	}
	for i := range all {
		if all[i].typ == '0' || strings.EqualFold(all[i].name, "_NullFlags") {
			hd.nullFlags = &all[i]
			continue
		}
		hd.fields = append(hd.fields, all[i])
	}
	return hd, nil
}

// dbfKind is how a field type is reported.
func dbfKind(f dbfField) (typ string, kind connectors.Kind) {
	t := string(f.typ)
	switch f.typ {
	case 'C', 'V':
		return fmt.Sprintf("%s(%d)", t, f.len), connectors.KindText
	case 'N', 'F':
		if f.dec == 0 {
			return fmt.Sprintf("%s(%d)", t, f.len), connectors.KindInteger
		}
		return fmt.Sprintf("%s(%d,%d)", t, f.len, f.dec), connectors.KindDecimal
	case 'I':
		return t, connectors.KindInteger
	case 'Y':
		return t, connectors.KindDecimal
	case 'B':
		if f.len == 8 {
			return t, connectors.KindDecimal // FoxPro double
		}
		return t, connectors.KindBinary // dBase binary memo
	case 'D':
		return t, connectors.KindDate
	case 'T':
		return t, connectors.KindTimestamp
	case 'L':
		return t, connectors.KindBool
	case 'M':
		return t, connectors.KindText
	}
	return t, connectors.KindBinary // G, P, Q, O, @, +: pictures, OLE, binary, rare
}

// codePages maps a .dbf's language driver id to its code page, for the
// ids whose code page x/text knows.
var codePages = map[byte]*charmap.Charmap{
	0x01: charmap.CodePage437, 0x02: charmap.CodePage850, 0x03: charmap.Windows1252,
	0x04: charmap.Macintosh, 0x08: charmap.CodePage865, 0x09: charmap.CodePage437,
	0x0A: charmap.CodePage850, 0x0B: charmap.CodePage437, 0x0D: charmap.CodePage437,
	0x0E: charmap.CodePage850, 0x0F: charmap.CodePage437, 0x10: charmap.CodePage850,
	0x11: charmap.CodePage437, 0x12: charmap.CodePage850, 0x14: charmap.CodePage850,
	0x15: charmap.CodePage437, 0x16: charmap.CodePage850, 0x17: charmap.CodePage865,
	0x18: charmap.CodePage437, 0x19: charmap.CodePage437, 0x1A: charmap.CodePage850,
	0x1B: charmap.CodePage437, 0x1C: charmap.CodePage863, 0x1D: charmap.CodePage850,
	0x1F: charmap.CodePage852, 0x22: charmap.CodePage852, 0x23: charmap.CodePage852,
	0x24: charmap.CodePage860, 0x25: charmap.CodePage850, 0x26: charmap.CodePage866,
	0x37: charmap.CodePage850, 0x40: charmap.CodePage852, 0x57: charmap.Windows1252,
	0x58: charmap.Windows1252, 0x59: charmap.Windows1252, 0x64: charmap.CodePage852,
	0x65: charmap.CodePage866, 0x66: charmap.CodePage865, 0x6A: charmap.CodePage437,
	0x6B: charmap.CodePage437, 0x7D: charmap.Windows1255, 0x7E: charmap.Windows1256,
	0x96: charmap.MacintoshCyrillic, 0xC8: charmap.Windows1250, 0xC9: charmap.Windows1251,
	0xCA: charmap.Windows1254, 0xCB: charmap.Windows1253, 0xCC: charmap.Windows1257,
}

// listDBF reads a .dbf's header and describes it as a table; closer
// closes its memo file.
func listDBF(e *entry) (*table, func() error) {
	rc, err := e.open()
	if err != nil {
		return failed(e.rel, err), nil
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	hd, err := readDBFHeader(br)
	if err != nil {
		return failed(e.rel, err), nil
	}
	cm := codePages[hd.ldid]
	if cm == nil {
		// No code page declared (0, or one x/text lacks): guess it from
		// the first records' bytes.
		cm = defaultLegacy
		if _, err := br.Discard(hd.headerLen - hd.consumed); err == nil {
			head, _ := br.Peek(32 << 10)
			cm = guessLegacy(head)
		}
	}
	names := make([]string, len(hd.fields))
	cols := make([]connectors.Column, len(hd.fields))
	hasMemo := false
	for i, f := range hd.fields {
		names[i] = f.name
		hasMemo = hasMemo || f.typ == 'M' || (f.typ == 'B' && f.len != 8) || f.typ == 'G' || f.typ == 'P'
	}
	names = uniqueNames(names)
	for i, f := range hd.fields {
		typ, kind := dbfKind(f)
		cols[i] = connectors.Column{Name: names[i], Type: typ, Kind: kind}
	}
	// The header's count is what the catalog says; the pass counts.
	t := &table{name: e.rel, cols: cols, legacy: cm,
		rows: connectors.RowCount{Value: hd.records, Exact: false, Known: true}}
	memo := &memoFile{e: e.memo, version: hd.version}
	if hasMemo && e.memo == nil {
		memo.missing = true
	}
	t.convert = func(col int, raw string) (string, error) {
		return dbfValue(hd.fields[col], raw, memo)
	}
	t.stream = func(ctx context.Context, _ []int, fn func([]string) error) ([]string, error) {
		return streamDBF(ctx, e, hd, memo, fn)
	}
	return t, memo.close
}

func streamDBF(ctx context.Context, e *entry, hd *dbfHeader, memo *memoFile, fn func([]string) error) ([]string, error) {
	rc, err := e.open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 256<<10)
	if _, err := br.Discard(hd.headerLen); err != nil {
		return nil, errors.New("the file ends inside its header: truncated")
	}
	rec := make([]byte, hd.recordLen)
	row := make([]string, len(hd.fields))
	var deleted int64
	var i int64
	// Records are read up to the end-of-file mark or the end of the file,
	// not just up to the header's count: a program that crashed may have
	// appended records without updating it, and they are data too.
	for i = 0; ; i++ {
		if i&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		n, err := io.ReadFull(br, rec)
		if n > 0 && rec[0] == 0x1A || err != nil && i >= hd.records {
			break
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("the file holds %d of the %d records its header lists: truncated", i, hd.records)
			}
			return nil, err
		}
		if rec[0] == '*' {
			deleted++
		}
		s := string(rec)
		var nulls uint64
		if nf := hd.nullFlags; nf != nil {
			for k := nf.len - 1; k >= 0; k-- {
				nulls = nulls<<8 | uint64(rec[nf.off+k])
			}
		}
		for j, f := range hd.fields {
			v := s[f.off : f.off+f.len]
			if f.nullBit >= 0 && f.nullBit < 64 && nulls&(1<<f.nullBit) != 0 {
				v = ""
			} else if f.varBit >= 0 && f.varBit < 64 && nulls&(1<<f.varBit) != 0 && f.len > 0 {
				// The value is shorter than the field: its length is
				// the field's last byte.
				if n := int(rec[f.off+f.len-1]); n < f.len {
					v = v[:n]
				}
			}
			row[j] = v
		}
		if err := fn(row); err != nil {
			return nil, err
		}
	}
	var ws []string
	if i > hd.records {
		ws = append(ws, fmt.Sprintf("the header lists %d records and the file holds %d: all were read", hd.records, i))
	}
	if deleted > 0 {
		ws = append(ws, fmt.Sprintf("%d of %d records are marked deleted; they are still in the file and were read like the others", deleted, i))
	}
	if memo.missing {
		ws = append(ws, "the table has memo fields but no memo file (.fpt or .dbt) beside it: the memos were not read")
	}
	return ws, nil
}

// dbfValue renders one field's bytes.
func dbfValue(f dbfField, raw string, memo *memoFile) (string, error) {
	switch f.typ {
	case 'C', 'V':
		return strings.TrimRight(raw, " \x00"), nil
	case 'N', 'F':
		v := strings.TrimSpace(strings.TrimRight(raw, "\x00"))
		if strings.Trim(v, "*") == "" {
			return "", nil // blank, or ***** for a value that did not fit
		}
		return v, nil
	case 'D':
		v := strings.TrimSpace(raw)
		if len(v) != 8 || v == "00000000" {
			return "", nil
		}
		return v[:4] + "-" + v[4:6] + "-" + v[6:], nil
	case 'L':
		switch strings.TrimSpace(raw) {
		case "T", "t", "Y", "y":
			return "1", nil
		case "F", "f", "N", "n":
			return "0", nil
		}
		return "", nil
	case 'I':
		if len(raw) != 4 {
			return "", nil
		}
		return strconv.FormatInt(int64(int32(binary.LittleEndian.Uint32([]byte(raw)))), 10), nil
	case 'Y':
		if len(raw) != 8 {
			return "", nil
		}
		v := int64(binary.LittleEndian.Uint64([]byte(raw)))
		return strconv.FormatFloat(float64(v)/10000, 'f', -1, 64), nil
	case 'B':
		if len(raw) == 8 {
			return strconv.FormatFloat(math.Float64frombits(binary.LittleEndian.Uint64([]byte(raw))), 'f', -1, 64), nil
		}
		return "", nil
	case 'T':
		if len(raw) != 8 {
			return "", nil
		}
		day := int64(int32(binary.LittleEndian.Uint32([]byte(raw[:4]))))
		ms := int64(int32(binary.LittleEndian.Uint32([]byte(raw[4:]))))
		if day == 0 {
			return "", nil
		}
		t := time.Unix((day-2440588)*86400, 0).UTC().Add(time.Duration(ms) * time.Millisecond)
		return connectors.RenderTime(t), nil
	case 'M':
		return memo.read(raw)
	}
	return "", nil
}

// memoFile reads memo blocks.
type memoFile struct {
	e       *entry
	version byte
	missing bool

	once      sync.Once
	r         io.ReaderAt
	closer    io.Closer
	blockSize int64
	fpt       bool
	err       error
}

// maxMemoInMemory bounds a memo file read into memory (one inside a zip
// archive, which cannot be read at an offset).
const maxMemoInMemory = 256 << 20

func (m *memoFile) open() {
	if m.e == nil {
		m.err = errors.New("no memo file")
		return
	}
	if m.e.zf == nil && !m.e.gz && m.e.mem == nil {
		f, err := os.Open(m.e.path)
		if err != nil {
			m.err = err
			return
		}
		m.r, m.closer = f, f
	} else {
		rc, err := m.e.open()
		if err != nil {
			m.err = err
			return
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxMemoInMemory+1))
		if err != nil {
			m.err = err
			return
		}
		if len(b) > maxMemoInMemory {
			m.err = fmt.Errorf("memo file %s larger than %d MiB inside an archive: extract it to read its memos", m.e.rel, maxMemoInMemory>>20)
			return
		}
		m.r = bytes.NewReader(b)
	}
	var h [512]byte
	n, _ := m.r.ReadAt(h[:], 0)
	m.fpt = strings.HasSuffix(strings.ToLower(m.e.rel), ".fpt")
	switch {
	case m.fpt && n >= 8:
		m.blockSize = int64(binary.BigEndian.Uint16(h[6:8]))
	case n >= 22 && m.version != 0x83:
		m.blockSize = int64(binary.LittleEndian.Uint16(h[20:22]))
	}
	if m.blockSize <= 0 {
		m.blockSize = 512
	}
}

// read returns the memo a field's block reference points at: ten ASCII
// digits (dBase, FoxPro 2) or a uint32 (Visual FoxPro).
func (m *memoFile) read(ref string) (string, error) {
	var block int64
	switch {
	case len(ref) == 4:
		block = int64(binary.LittleEndian.Uint32([]byte(ref)))
	default:
		v := strings.TrimSpace(strings.TrimRight(ref, "\x00"))
		if v == "" {
			return "", nil
		}
		b, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", nil
		}
		block = b
	}
	if block <= 0 || m.missing {
		return "", nil
	}
	m.once.Do(m.open)
	if m.err != nil {
		return "", fmt.Errorf("reading memos: %w", m.err)
	}
	off := block * m.blockSize
	want := int64(2 * connectors.MaxValueBytes)
	if m.fpt {
		var h [8]byte
		if _, err := m.r.ReadAt(h[:], off); err != nil {
			return "", fmt.Errorf("memo block %d: past the end of the memo file (truncated?)", block)
		}
		if binary.BigEndian.Uint32(h[:4]) != 1 {
			return "", nil // a picture or an object, not text
		}
		n := min(int64(binary.BigEndian.Uint32(h[4:8])), want)
		buf := make([]byte, n)
		k, err := m.r.ReadAt(buf, off+8)
		if err != nil && int64(k) < n {
			return "", fmt.Errorf("memo block %d: the memo file ends inside it (truncated)", block)
		}
		return string(buf), nil
	}
	buf := make([]byte, want+8)
	k, err := m.r.ReadAt(buf, off)
	if k == 0 && err != nil {
		return "", fmt.Errorf("memo block %d: past the end of the memo file (truncated?)", block)
	}
	buf = buf[:k]
	if bytes.HasPrefix(buf, []byte{0xFF, 0xFF, 0x08, 0x00}) && len(buf) >= 8 {
		n := int64(binary.LittleEndian.Uint32(buf[4:8])) - 8
		buf = buf[8:]
		if n >= 0 && n < int64(len(buf)) {
			buf = buf[:n]
		}
		return string(buf), nil
	}
	if i := bytes.IndexByte(buf, 0x1A); i >= 0 {
		buf = buf[:i]
	}
	return string(buf), nil
}

func (m *memoFile) close() error {
	if m.closer != nil {
		return m.closer.Close()
	}
	return nil
}
