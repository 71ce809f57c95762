package reports

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

func init() { register("csv", CSVWriter{}) }

// csvHeader is the promised column order; error is always last.
var csvHeader = []string{"source", "kind", "location", "schema", "table", "rows", "rows_exact",
	"sampled_rows", "table_tier", "table_records", "table_records_low", "table_records_high",
	"column", "type", "category", "confidence", "match_rate", "evidence", "examples", "error"}

// CSVWriter writes one row per (source, table, column, finding) in the
// model's order; a table with no finding gets one row with the column
// fields empty, so a spreadsheet shows every scanned table; each error gets
// a row of its own with the error in the last column. Evidence ids are
// joined with ";", masked examples with " | ". Numbers are plain (no
// thousands separators) for spreadsheets and scripts.
//
// Every text cell passes through csvSafe, which defuses spreadsheet
// formulas (OWASP CSV injection); numeric cells the writer made do not.
type CSVWriter struct{}

func (CSVWriter) Write(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, s := range r.Sources {
		src := []string{csvSafe(s.Name), csvSafe(s.Kind), csvSafe(s.Location)}
		for _, t := range s.Tables {
			x := t.Exposure
			table := append(src[:len(src):len(src)], csvSafe(t.Schema), csvSafe(t.Name), num(t.Rows.Value),
				strconv.FormatBool(t.Rows.Exact), num(int64(t.SampledRows)), csvSafe(x.Tier),
				num(x.Records.Value), num(x.Records.Low), num(x.Records.High))
			wrote := false
			for _, c := range t.Columns {
				for _, f := range c.Findings {
					row := append(table[:len(table):len(table)], csvSafe(c.Name), csvSafe(c.Type),
						csvSafe(f.Category), float(f.Confidence), float(f.MatchRate),
						csvSafe(strings.Join(f.Evidence, ";")), csvSafe(strings.Join(f.Examples, " | ")), "")
					if err := cw.Write(row); err != nil {
						return err
					}
					wrote = true
				}
			}
			if !wrote {
				if err := cw.Write(pad(table)); err != nil {
					return err
				}
			}
		}
		for _, e := range s.Errors {
			row := pad(append(src[:len(src):len(src)], "", csvSafe(e.Table)))
			row[len(row)-1] = csvSafe(e.Error)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// pad fills a row with empty cells up to the header's width.
func pad(row []string) []string {
	return append(row[:len(row):len(row)], make([]string, len(csvHeader)-len(row))...)
}

func num(n int64) string { return strconv.FormatInt(n, 10) }

func float(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// csvSafe defuses a text cell a spreadsheet would run as a formula: one
// that starts with =, +, -, @, tab, CR or LF (OWASP's list, LF added) gets
// a leading apostrophe, which spreadsheets show as text. The fullwidth
// forms of = + - @ are included, since some spreadsheets fold them.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return "'" + s
	}
	for _, p := range []string{"＝", "＋", "－", "＠"} {
		if strings.HasPrefix(s, p) {
			return "'" + s
		}
	}
	return s
}
