package reports

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

func TestCSVGolden(t *testing.T) {
	golden(t, "report.csv", render(t, "csv", sampleIn(Spanish)))
	golden(t, "interrupted.csv", render(t, "csv", interruptedReport()))
}

// readCSV parses the writer's output; csv.Reader also checks that every
// record has as many fields as the header.
func readCSV(t *testing.T, r *Report) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(render(t, "csv", r))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], csvHeader) || csvHeader[len(csvHeader)-1] != "error" {
		t.Fatalf("header = %q", recs[0])
	}
	return recs
}

// One row per finding, one per table without a finding, one per error: a
// count made from the model independently of the writer.
func TestCSVRowCount(t *testing.T) {
	r := sampleReport()
	want := 1 // header
	for _, s := range r.Sources {
		want += len(s.Errors)
		for _, tb := range s.Tables {
			n := 0
			for _, c := range tb.Columns {
				n += len(c.Findings)
			}
			want += max(n, 1)
		}
	}
	if got := len(readCSV(t, r)); got != want {
		t.Errorf("%d records, want %d", got, want)
	}
}

// A cell from the source that a spreadsheet would evaluate gets a leading
// apostrophe; numbers the writer made do not.
func TestCSVInjectionGuard(t *testing.T) {
	col := map[string]int{}
	for i, h := range csvHeader {
		col[h] = i
	}
	recs := readCSV(t, hostileReport())
	row := recs[1] // the hostile table comes first in the model
	for name, want := range map[string]string{
		"source":       "'" + evilSource,
		"type":         "'" + evilType,
		"examples":     "'" + evilExample + " | \tTAB | \rCR",
		"table":        evilTable, // harmless start: left alone
		"rows":         "7",
		"sampled_rows": "7",
	} {
		if got := row[col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	errRow := recs[len(recs)-2]
	if got := errRow[col["error"]]; got != "'"+evilError {
		t.Errorf("error = %q, want the error with a leading apostrophe", got)
	}
	for in, want := range map[string]string{"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@A1": "'@A1",
		"\tx": "'\tx", "\rx": "'\rx", "\nx": "'\nx", "＝1": "'＝1", "a=1": "a=1", "": "", "CURP": "CURP"} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
	// Numbers stay numbers: a spreadsheet must be able to add them up.
	for _, r := range recs[1:] {
		for _, h := range []string{"rows", "table_records", "table_records_low", "confidence"} {
			if strings.HasPrefix(r[col[h]], "'") {
				t.Errorf("%s cell %q was guarded", h, r[col[h]])
			}
		}
	}
}
