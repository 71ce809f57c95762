package synth

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Exports of a corpus as the files responders receive: delimited text in
// the encodings legacy systems write, JSON Lines, an Excel workbook and
// dBase tables (export_xlsx.go, export_dbf.go). Each writes one file per
// table, named after it, into a folder that must exist; values are written
// as the SQLite loader stores them (dates YYYY-MM-DD, timestamps
// YYYY-MM-DD HH:MM:SS, NULL as an empty field or null).

// Encoding is a text encoding an export is written in.
type Encoding string

const (
	UTF8        Encoding = "utf-8"
	UTF8BOM     Encoding = "utf-8-bom" // with a byte-order mark, as Excel writes "CSV UTF-8"
	Windows1252 Encoding = "windows-1252"
	CP850       Encoding = "cp850"    // MS-DOS Latin-1
	UTF16LE     Encoding = "utf-16le" // with a byte-order mark, as Excel writes "Unicode text"
)

// encoder returns a writer that encodes UTF-8 text into enc.
func encoder(w io.Writer, enc Encoding) (io.Writer, error) {
	switch enc {
	case UTF8, "":
		return w, nil
	case UTF8BOM:
		_, err := w.Write([]byte{0xEF, 0xBB, 0xBF})
		return w, err
	case Windows1252:
		return transform.NewWriter(w, encoding.ReplaceUnsupported(charmap.Windows1252.NewEncoder())), nil
	case CP850:
		// CP850 lacks some letters (curly quotes, some accented capitals):
		// they become '?', as a DOS program would write them.
		return transform.NewWriter(w, encoding.ReplaceUnsupported(charmap.CodePage850.NewEncoder())), nil
	case UTF16LE:
		return transform.NewWriter(w, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()), nil
	}
	return nil, fmt.Errorf("synth: unknown encoding %q", enc)
}

// CSVOptions says how WriteCSV writes.
type CSVOptions struct {
	Encoding  Encoding
	Delimiter rune // ',' when zero
	Gzip      bool // name.csv.gz
}

// exportText renders a generated value as text.
func exportText(typ Type, v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case time.Time:
		if typ.Kind == KindDate {
			return v.Format("2006-01-02")
		}
		return v.Format("2006-01-02 15:04:05")
	}
	return fmt.Sprint(v)
}

// createOut creates dir/name (refusing to overwrite), gzip-compressed when
// gz; close flushes and closes everything.
func createOut(dir, name string, gz bool) (w io.Writer, close func() error, err error) {
	if gz {
		name += ".gz"
	}
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("synth: %w", err)
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if !gz {
		return bw, func() error {
			if err := bw.Flush(); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		}, nil
	}
	zw := gzip.NewWriter(bw)
	return zw, func() error {
		if err := zw.Close(); err != nil {
			f.Close()
			return err
		}
		if err := bw.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}, nil
}

// WriteCSV writes each table to dir/NAME.csv (.tsv with a tab delimiter),
// a header row first.
func (c *Corpus) WriteCSV(dir string, opt CSVOptions) error {
	ext := ".csv"
	if opt.Delimiter == '\t' {
		ext = ".tsv"
	}
	for _, t := range c.Tables {
		if err := writeCSVTable(dir, t.Name+ext, t, opt); err != nil {
			return fmt.Errorf("synth: table %s: %w", t.Name, err)
		}
	}
	return nil
}

func writeCSVTable(dir, name string, t *Table, opt CSVOptions) (err error) {
	out, closeOut, err := createOut(dir, name, opt.Gzip)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := closeOut(); err == nil {
			err = cerr
		}
	}()
	w, err := encoder(out, opt.Encoding)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if opt.Delimiter != 0 {
		cw.Comma = opt.Delimiter
	}
	rec := make([]string, len(t.Columns))
	for i, col := range t.Columns {
		rec[i] = col.Name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	t.Generate(func(row []any) bool {
		for i, v := range row {
			rec[i] = exportText(t.Columns[i].Type, v)
		}
		err = cw.Write(rec)
		return err == nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if wc, ok := w.(io.Closer); ok {
		return wc.Close() // a transform.Writer flushes its last bytes
	}
	return nil
}

// WriteJSONL writes each table to dir/NAME.jsonl, one object per row with
// the columns in order; numbers are JSON numbers, NULL is null.
func (c *Corpus) WriteJSONL(dir string, gz bool) error {
	for _, t := range c.Tables {
		if err := writeJSONLTable(dir, t, gz); err != nil {
			return fmt.Errorf("synth: table %s: %w", t.Name, err)
		}
	}
	return nil
}

func writeJSONLTable(dir string, t *Table, gz bool) (err error) {
	w, closeOut, err := createOut(dir, t.Name+".jsonl", gz)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := closeOut(); err == nil {
			err = cerr
		}
	}()
	keys := make([][]byte, len(t.Columns))
	for i, col := range t.Columns {
		keys[i], _ = json.Marshal(col.Name)
	}
	var line []byte
	t.Generate(func(row []any) bool {
		line = append(line[:0], '{')
		for i, v := range row {
			if i > 0 {
				line = append(line, ',')
			}
			line = append(line, keys[i]...)
			line = append(line, ':')
			switch v := v.(type) {
			case nil:
				line = append(line, "null"...)
			case int64:
				line = strconv.AppendInt(line, v, 10)
			case float64:
				line = strconv.AppendFloat(line, v, 'f', -1, 64)
			default:
				b, _ := json.Marshal(exportText(t.Columns[i].Type, v))
				line = append(line, b...)
			}
		}
		line = append(line, '}', '\n')
		_, err = w.Write(line)
		return err == nil
	})
	return err
}
