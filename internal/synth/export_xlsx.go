package synth

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// WriteXLSX writes every table as a sheet of one workbook at path, the way Excel stores them: text in the shared string table, numbers as
// numbers, dates and timestamps as serial numbers with a date format. It
// returns the sheet each table went to (a sheet name has at most 31
// characters).
func (c *Corpus) WriteXLSX(path string) (sheets map[string]string, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	bw := bufio.NewWriterSize(f, 256<<10)
	zw := zip.NewWriter(bw)
	sst := &sharedStrings{index: map[string]int{}}
	sheets = map[string]string{}
	var names []string
	for i, t := range c.Tables {
		name := t.Name
		if len(name) > 31 {
			name = name[:31]
		}
		for k := 2; sheets[name] != ""; k++ {
			suffix := strconv.Itoa(k)
			name = name[:min(len(name), 31-len(suffix))] + suffix
		}
		sheets[name] = t.Name
		names = append(names, name)
		w, err := zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		if err != nil {
			return nil, err
		}
		if err := writeSheet(w, t, sst); err != nil {
			return nil, fmt.Errorf("synth: table %s: %w", t.Name, err)
		}
	}
	parts := map[string]string{
		"[Content_Types].xml":        contentTypes(len(names)),
		"_rels/.rels":                rootRels,
		"xl/workbook.xml":            workbookXML(names),
		"xl/_rels/workbook.xml.rels": workbookRels(len(names)),
		"xl/styles.xml":              stylesXML,
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, parts[name]); err != nil {
			return nil, err
		}
	}
	w, err := zw.Create("xl/sharedStrings.xml")
	if err != nil {
		return nil, err
	}
	if err := sst.write(w); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return sheets, bw.Flush()
}

type sharedStrings struct {
	index map[string]int
	list  []string
}

func (s *sharedStrings) id(v string) int {
	if i, ok := s.index[v]; ok {
		return i
	}
	s.index[v] = len(s.list)
	s.list = append(s.list, v)
	return len(s.list) - 1
}

func (s *sharedStrings) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(s.list), len(s.list))
	for _, v := range s.list {
		bw.WriteString(`<si><t xml:space="preserve">`)
		xml.EscapeText(bw, []byte(v))
		bw.WriteString(`</t></si>`)
	}
	bw.WriteString(`</sst>`)
	return bw.Flush()
}

// xlsxSerial is a time as Excel's serial number (1900 date system), with
// its time of day as the fraction.
func xlsxSerial(t time.Time) string {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	d := t.Sub(epoch)
	days := float64(d/(24*time.Hour)) + float64(d%(24*time.Hour))/float64(24*time.Hour)
	return strconv.FormatFloat(days, 'f', -1, 64)
}

func colLetters(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

func writeSheet(w io.Writer, t *Table, sst *sharedStrings) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	letters := make([]string, len(t.Columns))
	for i := range letters {
		letters[i] = colLetters(i)
	}
	writeRow := func(r int, cells func(i int) string) {
		fmt.Fprintf(bw, `<row r="%d">`, r)
		for i := range t.Columns {
			if c := cells(i); c != "" {
				bw.WriteString(c)
			}
		}
		bw.WriteString(`</row>`)
	}
	writeRow(1, func(i int) string {
		return fmt.Sprintf(`<c r="%s1" t="s"><v>%d</v></c>`, letters[i], sst.id(t.Columns[i].Name))
	})
	r := 1
	t.Generate(func(row []any) bool {
		r++
		writeRow(r, func(i int) string {
			ref := letters[i] + strconv.Itoa(r)
			switch v := row[i].(type) {
			case nil:
				return ""
			case string:
				if v == "" {
					return ""
				}
				return fmt.Sprintf(`<c r="%s" t="s"><v>%d</v></c>`, ref, sst.id(v))
			case int64:
				return fmt.Sprintf(`<c r="%s"><v>%d</v></c>`, ref, v)
			case float64:
				return fmt.Sprintf(`<c r="%s"><v>%s</v></c>`, ref, strconv.FormatFloat(v, 'f', -1, 64))
			case time.Time:
				style := 1
				if t.Columns[i].Type.Kind == KindTimestamp {
					style = 2
				}
				return fmt.Sprintf(`<c r="%s" s="%d"><v>%s</v></c>`, ref, style, xlsxSerial(v))
			}
			return ""
		})
		return true
	})
	bw.WriteString(`</sheetData></worksheet>`)
	return bw.Flush()
}

func contentTypes(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i)
	}
	b.WriteString(`</Types>`)
	return b.String()
}

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`

func workbookXML(names []string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	for i, n := range names {
		b.WriteString(`<sheet name="`)
		xml.EscapeText(&b, []byte(n))
		fmt.Fprintf(&b, `" sheetId="%d" r:id="rId%d"/>`, i+1, i+1)
	}
	b.WriteString(`</sheets></workbook>`)
	return b.String()
}

func workbookRels(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, n+1)
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, n+2)
	b.WriteString(`</Relationships>`)
	return b.String()
}

// stylesXML: style 1 is a date (built-in format 14), style 2 a date and
// time (a custom format).
const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm:ss"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`
