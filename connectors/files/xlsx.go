package files

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// Excel workbooks (.xlsx, .xlsm): each sheet is a table.
//
// The workbook is a zip of XML parts (ECMA-376): xl/workbook.xml names the
// sheets, its relationships say which part holds each, xl/sharedStrings.xml
// holds the text cells point at, xl/styles.xml says which cells are dates
// (a number whose format is a date format), and each sheet's part lists its
// rows. A sheet is read as a stream of XML tokens, so a sheet of any size
// takes the memory of one row; the shared strings are held in memory while
// the source is open (up to maxSharedStrings of XML), since any cell may
// point at any of them.
//
// This reader is written here rather than taken from excelize (the Go
// library for Excel files): excelize reads every part of a workbook into
// memory when it opens it, and writes a large sheet's XML, decompressed,
// to a temporary file; alcance never puts a copy of the data it scans on
// disk. It also renders dates through the cell's display format (21/03/63),
// where the scan wants them as YYYY-MM-DD.
//
// The header row is detected as for delimited text (header.go), after
// skipping empty rows, so a title above the header is not data. Dates
// become YYYY-MM-DD (YYYY-MM-DD HH:MM:SS with a time), booleans 1 and 0,
// error cells (#N/A) empty; other numbers keep the text Excel stored.

const (
	maxSharedStrings = 512 << 20
	maxXLSXInMemory  = 256 << 20
)

// workbook is an opened .xlsx.
type workbook struct {
	zr        *zip.Reader
	parts     map[string]*zip.File // by lower-case name
	date1904  bool
	dateStyle []bool // by style index: the number format is a date's

	sstOnce sync.Once
	sst     []string
	sstErr  error
}

type sheetRef struct{ name, part string }

// openWorkbook opens the zip and reads the workbook's catalog parts.
func openWorkbook(e *entry) (*workbook, []sheetRef, io.Closer, error) {
	var zr *zip.Reader
	var closer io.Closer
	if e.zf == nil && !e.gz && e.mem == nil {
		rc, err := zip.OpenReader(e.path)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
		}
		zr, closer = &rc.Reader, rc
	} else {
		// Inside an archive or compressed: the zip needs random access, so
		// the workbook is read into memory, up to a bound.
		rc, err := e.open()
		if err != nil {
			return nil, nil, nil, err
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxXLSXInMemory+1))
		rc.Close()
		if err != nil {
			return nil, nil, nil, err
		}
		if len(b) > maxXLSXInMemory {
			return nil, nil, nil, fmt.Errorf("a workbook larger than %d MiB inside an archive or compressed: extract it to scan it", maxXLSXInMemory>>20)
		}
		if zr, err = zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil {
			return nil, nil, nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
		}
	}
	wb := &workbook{zr: zr, parts: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.parts[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	fail := func(err error) (*workbook, []sheetRef, io.Closer, error) {
		if closer != nil {
			closer.Close()
		}
		return nil, nil, nil, err
	}
	wbPart := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPart = r.target
			}
		}
	}
	sheets, err := wb.sheets(wbPart)
	if err != nil {
		return fail(err)
	}
	if err := wb.styles(path.Join(path.Dir(wbPart), "styles.xml")); err != nil {
		return fail(err)
	}
	return wb, sheets, closer, nil
}

func (wb *workbook) open(part string) (io.ReadCloser, *zip.File, error) {
	f := wb.parts[strings.ToLower(strings.TrimPrefix(part, "/"))]
	if f == nil {
		return nil, nil, fmt.Errorf("the workbook has no part %s", part)
	}
	rc, err := f.Open()
	return rc, f, err
}

type rel struct{ id, typ, target string }

// rels reads a relationships part; targets are made absolute from base.
func (wb *workbook) rels(part, base string) ([]rel, error) {
	rc, _, err := wb.open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	var out []rel
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", part, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			r := rel{id: attr(se, "Id"), typ: attr(se, "Type"), target: attr(se, "Target")}
			if strings.HasPrefix(r.target, "/") {
				r.target = strings.TrimPrefix(r.target, "/")
			} else {
				r.target = path.Join(base, r.target)
			}
			out = append(out, r)
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// sheets reads the workbook part: its sheets, in order, and the date system.
func (wb *workbook) sheets(wbPart string) ([]sheetRef, error) {
	rc, _, err := wb.open(wbPart)
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	defer rc.Close()
	dir := path.Dir(wbPart)
	rels, _ := wb.rels(path.Join(dir, "_rels", path.Base(wbPart)+".rels"), dir)
	byID := map[string]string{}
	for _, r := range rels {
		byID[r.id] = r.target
	}
	dec := xml.NewDecoder(rc)
	var out []sheetRef
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", wbPart, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			wb.date1904 = v == "1" || v == "true"
		case "sheet":
			target := byID[attr(se, "id")]
			if target == "" {
				continue // a chart sheet or a broken reference: no cells
			}
			out = append(out, sheetRef{name: attr(se, "name"), part: target})
		}
	}
}

// builtinDateFormats are the number format ids ECMA-376 defines as dates
// (14-17, 22) and those Excel's East Asian locales use for dates (27-36,
// 50-58); 18-21 and 45-47 are times of day, not dates.
func builtinDate(id int) bool {
	return id >= 14 && id <= 17 || id == 22 || id >= 27 && id <= 36 || id >= 50 && id <= 58
}

// styles reads which cell styles format numbers as dates.
func (wb *workbook) styles(part string) error {
	rc, _, err := wb.open(part)
	if err != nil {
		return nil // no styles: no dates
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	custom := map[int]bool{}
	inXfs := false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				id, _ := strconv.Atoi(attr(t, "numFmtId"))
				custom[id] = isDateFormat(attr(t, "formatCode"))
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					d, ok := custom[id]
					if !ok {
						d = builtinDate(id)
					}
					wb.dateStyle = append(wb.dateStyle, d)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
}

// isDateFormat says whether a number format code shows a date: it has a
// day or year token outside quoted text, escapes and [brackets] (colours,
// conditions, elapsed times).
func isDateFormat(code string) bool {
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case bracket:
		case c == 'd' || c == 'D' || c == 'y' || c == 'Y':
			return true
		}
	}
	return false
}

// sharedStrings loads the shared string table once.
func (wb *workbook) sharedStrings() ([]string, error) {
	wb.sstOnce.Do(func() {
		var part *zip.File
		for name, f := range wb.parts {
			if strings.HasSuffix(name, "sharedstrings.xml") {
				part = f
			}
		}
		if part == nil {
			return
		}
		if part.UncompressedSize64 > maxSharedStrings {
			wb.sstErr = fmt.Errorf("the workbook's shared strings take %d MiB, more than alcance holds in memory (%d MiB): export its sheets to CSV", part.UncompressedSize64>>20, maxSharedStrings>>20)
			return
		}
		rc, err := part.Open()
		if err != nil {
			wb.sstErr = err
			return
		}
		defer rc.Close()
		// The size in the zip's directory may lie: the read is bounded too.
		dec := xml.NewDecoder(io.LimitReader(rc, maxSharedStrings))
		var b strings.Builder
		depthPh := 0
		inT := false
		for {
			tok, err := dec.RawToken()
			if err == io.EOF {
				return
			}
			if err != nil {
				wb.sstErr = fmt.Errorf("shared strings: %w", err)
				return
			}
			switch t := tok.(type) {
			case xml.StartElement:
				switch t.Name.Local {
				case "si":
					b.Reset()
				case "rPh": // phonetic guides repeat the text: not part of it
					depthPh++
				case "t":
					inT = depthPh == 0
				}
			case xml.EndElement:
				switch t.Name.Local {
				case "si":
					wb.sst = append(wb.sst, bound(b.String()))
				case "rPh":
					depthPh--
				case "t":
					inT = false
				}
			case xml.CharData:
				if inT {
					b.Write(t)
				}
			}
		}
	})
	return wb.sst, wb.sstErr
}

// listXLSX opens a workbook and describes each sheet as a table.
func listXLSX(ctx context.Context, e *entry) ([]*table, func() error) {
	wb, sheets, closer, err := openWorkbook(e)
	if err != nil {
		return []*table{failed(e.rel, err)}, nil
	}
	var out []*table
	for _, sh := range sheets {
		out = append(out, sheetTable(ctx, e, wb, sh))
	}
	if len(out) == 0 {
		out = append(out, failed(e.rel, errors.New("the workbook has no worksheets")))
	}
	var close func() error
	if closer != nil {
		close = closer.Close
	}
	return out, close
}

func sheetTable(ctx context.Context, e *entry, wb *workbook, sh sheetRef) *table {
	name := e.rel + "/" + sh.name
	var first [][]string
	errStop := errors.New("enough rows")
	err := wb.readSheet(ctx, sh.part, func(row []string) error {
		first = append(first, append([]string(nil), row...))
		if len(first) >= headerWindow {
			return errStop
		}
		return nil
	})
	if err != nil && err != errStop {
		return failed(name, err)
	}
	header, start := findHeader(first)
	width := 0
	for _, r := range first {
		width = max(width, len(r))
	}
	var names []string
	if header >= 0 {
		names = append(names, first[header]...)
	}
	for len(names) < max(width, 1) {
		names = append(names, "")
	}
	for i, n := range names {
		if strings.TrimSpace(n) == "" {
			names[i] = columnLetters(i) // Excel's own name for the column
		}
	}
	cols := textColumns(uniqueNames(names), "cell")
	t := &table{name: name, cols: cols, untyped: true}
	t.stream = func(ctx context.Context, _ []int, fn func([]string) error) ([]string, error) {
		row := make([]string, len(cols))
		i, wide := 0, int64(0)
		err := wb.readSheet(ctx, sh.part, func(r []string) error {
			i++
			if i <= start {
				return nil
			}
			if len(r) > len(row) {
				wide++
				r = r[:len(row)]
			}
			copy(row, r)
			clear(row[len(r):])
			return fn(row)
		})
		var ws []string
		if wide > 0 {
			ws = append(ws, fmt.Sprintf("%d rows have cells right of the %d columns the first rows use (not read)", wide, len(cols)))
		}
		return ws, err
	}
	return t
}

// columnLetters is Excel's name of the column at index i: A, B, ... AA.
func columnLetters(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// columnIndex reads the column of a cell reference (B3 -> 1), or -1.
func columnIndex(ref string) int {
	n := 0
	i := 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A'+1)
	}
	if i == 0 || n > 1<<14 {
		return -1
	}
	return n - 1
}

// readSheet streams the non-empty rows of a sheet: fn gets each row's
// values by column position (the slice is reused).
func (wb *workbook) readSheet(ctx context.Context, part string, fn func(row []string) error) error {
	rc, _, err := wb.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	sst, err := wb.sharedStrings()
	if err != nil {
		return err
	}
	dec := xml.NewDecoder(rc)
	var row []string
	var cellType, cellRef, style string
	var val strings.Builder
	inValue := false
	col := -1
	for tokens := 0; ; tokens++ {
		if tokens&4095 == 0 {
			// Checked by tokens, not rows: a sheet may hold megabytes of
			// anything but rows.
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := dec.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return fmt.Errorf("sheet %s ends early: the workbook is truncated", part)
			}
			return fmt.Errorf("sheet %s: %w", part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row = row[:0]
				col = -1
			case "c":
				cellType, cellRef, style = attr(t, "t"), attr(t, "r"), attr(t, "s")
				val.Reset()
				if c := columnIndex(cellRef); c >= 0 {
					col = c
				} else {
					col++
				}
			case "v", "t":
				inValue = true
			case "rPh":
				inValue = false
			}
		case xml.CharData:
			if inValue && val.Len() < 2*connectors.MaxValueBytes {
				val.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "t":
				inValue = false
			case "c":
				v := wb.cellValue(cellType, style, val.String(), sst)
				if col >= 0 && col < 1<<14 && v != "" {
					for len(row) <= col {
						row = append(row, "")
					}
					row[col] = v
				}
			case "row":
				if filled(row) == 0 {
					continue
				}
				if err := fn(row); err != nil {
					return err
				}
			}
		}
	}
}

// cellValue renders a cell from its type, style and stored text.
func (wb *workbook) cellValue(typ, style, v string, sst []string) string {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(sst) {
			return ""
		}
		return sst[i]
	case "b":
		if v == "1" || v == "true" {
			return "1"
		}
		return "0"
	case "e":
		return ""
	case "d":
		return renderDateTime(strings.Replace(v, "T", " ", 1))
	case "str", "inlineStr":
		return v
	}
	if s, err := strconv.Atoi(style); err == nil && s >= 0 && s < len(wb.dateStyle) && wb.dateStyle[s] {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return excelDate(f, wb.date1904)
		}
	}
	return v
}

// excelDate renders an Excel serial date: days since 1899-12-30 (which
// absorbs Lotus 1-2-3's phantom 29 February 1900 for every date after it),
// or since 1904-01-01 in the 1904 system; the fraction is the time of day.
func excelDate(serial float64, date1904 bool) string {
	if serial < 0 || serial > 2958465 { // past 9999-12-31
		return strconv.FormatFloat(serial, 'f', -1, 64)
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	days := math.Floor(serial)
	ms := math.Round((serial - days) * 86400 * 1000)
	t := epoch.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond)
	t = t.Round(time.Second)
	return connectors.RenderTime(t)
}
