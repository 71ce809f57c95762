package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

func init() { register("csv", CSVWriter{}) }

// csvHeader is the promised column order: columns are only ever added
// before error, which is always last.
var csvHeader = []string{"source", "kind", "location", "schema", "table", "rows", "rows_exact",
	"sampled_rows", "table_tier", "table_records", "table_records_low", "table_records_high",
	"column", "type", "category", "confidence", "match_rate", "evidence", "examples",
	"institution", "truncated", "row_type", "figure", "figure_value", "figure_low", "figure_high", "method_id", "note",
	"error"}

// CSVWriter writes one row per (source, table, column, finding) in the
// model's order (row_type finding); a table with no finding gets one row
// with the column fields empty (table), so a spreadsheet shows every
// scanned table; each error gets a row of its own with the error in the
// last column (error). Then the person figures (figure: the whole report's
// with source empty, then each source's), warnings, skipped files and
// links (column: from; note: to; evidence: declared or inferred). An open figure's high cell is empty and its note says
// "lower_bound". When the scan was interrupted, the first row says so.
// Evidence ids are joined with ";", masked examples with " | ". Numbers
// are plain (no thousands separators) for spreadsheets and scripts; ids
// and notes are language-neutral.
//
// Every text cell passes through csvSafe, which writes control characters
// as visible escapes (\x1b) and defuses spreadsheet formulas (OWASP CSV
// injection); numeric cells the writer made do not need it.
type CSVWriter struct{}

func (CSVWriter) Write(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	col := map[string]int{}
	for i, h := range csvHeader {
		col[h] = i
	}
	// row builds a record from named cells; text cells are made safe here.
	write := func(cells map[string]string) error {
		row := make([]string, len(csvHeader))
		for k, v := range cells {
			row[col[k]] = v
		}
		return cw.Write(row)
	}
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	if r.Scan.Interrupted {
		if err := write(map[string]string{"row_type": "interrupted", "note": "scan.interrupted"}); err != nil {
			return err
		}
	}
	for _, s := range r.Sources {
		src := func(m map[string]string) map[string]string {
			m["source"], m["kind"], m["location"] = csvSafe(s.Name), csvSafe(s.Kind), csvSafe(s.Location)
			if s.Institution != "" {
				m["institution"] = csvSafe(s.Institution)
			}
			return m
		}
		for _, t := range s.Tables {
			x := t.Exposure
			table := func(m map[string]string) map[string]string {
				m = src(m)
				m["schema"], m["table"] = csvSafe(t.Schema), csvSafe(t.Name)
				m["rows"], m["rows_exact"] = num(t.Rows.Value), strconv.FormatBool(t.Rows.Exact)
				m["sampled_rows"], m["table_tier"] = num(int64(t.SampledRows)), csvSafe(x.Tier)
				m["table_records"], m["table_records_low"], m["table_records_high"] = num(x.Records.Value), num(x.Records.Low), high(x.Records)
				if x.Records.Open {
					m["note"] = "lower_bound"
				}
				return m
			}
			wrote := false
			for _, c := range t.Columns {
				for _, f := range c.Findings {
					m := table(map[string]string{"row_type": "finding"})
					m["column"], m["type"], m["category"] = csvSafe(c.Name), csvSafe(c.Type), csvSafe(f.Category)
					m["confidence"], m["match_rate"] = float(f.Confidence), float(f.MatchRate)
					m["evidence"], m["examples"] = csvSafe(strings.Join(f.Evidence, ";")), csvSafe(strings.Join(f.Examples, " | "))
					m["truncated"] = strconv.FormatBool(c.Truncated)
					if f.NameOnly {
						m["evidence"] = csvSafe(strings.Join(f.Evidence, ";") + ";name_only")
					}
					if err := write(m); err != nil {
						return err
					}
					wrote = true
				}
			}
			if !wrote {
				if err := write(table(map[string]string{"row_type": "table"})); err != nil {
					return err
				}
			}
		}
		for _, e := range s.Errors {
			if err := write(src(map[string]string{"row_type": "error", "table": csvSafe(e.Table), "error": csvSafe(e.Error)})); err != nil {
				return err
			}
		}
	}
	// Person figures: the whole report's, then each source's.
	figureRows := func(source map[string]string, figs []namedFigure) error {
		for _, f := range figs {
			m := map[string]string{}
			for k, v := range source {
				m[k] = v
			}
			e := f.F()
			m["row_type"], m["figure"] = "figure", f.ID
			m["figure_value"], m["figure_low"], m["figure_high"] = num(e.Value), num(e.Low), high(e.Estimate)
			m["method_id"] = csvSafe(e.MethodID)
			if e.Open {
				m["note"] = "lower_bound"
			}
			if err := write(m); err != nil {
				return err
			}
		}
		return nil
	}
	whole := r.Exposure.Figures.list()
	whole = append(whole, namedFigure{"persons_in_several_sources", &r.Exposure.PersonsInSeveralSources})
	if err := figureRows(map[string]string{}, whole); err != nil {
		return err
	}
	for i := range r.Sources {
		s := &r.Sources[i]
		id := map[string]string{"source": csvSafe(s.Name), "kind": csvSafe(s.Kind), "location": csvSafe(s.Location)}
		if s.Institution != "" {
			id["institution"] = csvSafe(s.Institution)
		}
		if s.Exposure != nil {
			if err := figureRows(id, s.Exposure.Figures.list()); err != nil {
				return err
			}
		}
		for _, wn := range s.Warnings {
			if err := write(merge(id, map[string]string{"row_type": "warning", "note": csvSafe(wn)})); err != nil {
				return err
			}
		}
		for _, k := range s.Skipped {
			if err := write(merge(id, map[string]string{"row_type": "skipped", "table": csvSafe(k.Path), "note": csvSafe(k.Reason)})); err != nil {
				return err
			}
		}
		for _, k := range s.Links {
			d := "inferred"
			if k.Declared {
				d = "declared"
			}
			if err := write(merge(id, map[string]string{"row_type": "link", "column": csvSafe(k.From),
				"note": csvSafe(k.To), "evidence": d})); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// merge returns a copy of a with the cells of b.
func merge(a, b map[string]string) map[string]string {
	m := make(map[string]string, len(a)+len(b))
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

// high is an estimate's high bound, or empty when there is none.
func high(e Estimate) string {
	if e.Open {
		return ""
	}
	return num(e.High)
}

func num(n int64) string { return strconv.FormatInt(n, 10) }

func float(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// csvSafe makes a text cell safe: control characters (NUL, ESC, line
// breaks, tabs, C1) and the bidirectional overrides become visible escapes
// such as \x1b and \u202e, so no raw control byte reaches a spreadsheet or
// a terminal that prints the file; then a cell a spreadsheet would run as
// a formula, one that starts with =, +, -, @ (or their fullwidth forms,
// which some spreadsheets fold), gets a leading apostrophe, which
// spreadsheets show as text.
func csvSafe(s string) string {
	s = escapeControls(s)
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@':
		return "'" + s
	}
	for _, p := range []string{"＝", "＋", "－", "＠"} {
		if strings.HasPrefix(s, p) {
			return "'" + s
		}
	}
	return s
}

// escapeControls writes control and bidirectional-override characters as
// \xNN or \uNNNN, leaving all other text as it is.
func escapeControls(s string) string {
	if !strings.ContainsFunc(s, isHazard) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1: // a byte that is not UTF-8
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !isHazard(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

func isHazard(r rune) bool {
	return unicode.IsControl(r) || r == utf8.RuneError ||
		r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c' || r == '\u2028' || r == '\u2029'
}
