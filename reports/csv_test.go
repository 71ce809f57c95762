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
	got := 1
	kind := slices.Index(csvHeader, "row_type")
	for _, rec := range readCSV(t, r)[1:] {
		if k := rec[kind]; k == "finding" || k == "table" || k == "error" {
			got++
		}
	}
	if got != want {
		t.Errorf("%d finding, table and error records, want %d", got, want)
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
		"examples":     "'" + evilExample + ` | \x09TAB | \x0dCR`,
		"table":        evilTable, // harmless start: left alone
		"rows":         "7",
		"sampled_rows": "7",
	} {
		if got := row[col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	var errRow []string
	for _, r := range recs {
		if r[col["row_type"]] == "error" {
			errRow = r
			break
		}
	}
	if got, want := errRow[col["error"]], "'@SUM(A1)\\x0a# injected heading\\x1b[31m red \\u202e"; got != want {
		t.Errorf("error = %q, want %q: a leading apostrophe and every control character escaped", got, want)
	}
	for in, want := range map[string]string{"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@A1": "'@A1",
		"\tx": `\x09x`, "\rx": `\x0dx`, "\nx": `\x0ax`, "＝1": "'＝1", "a=1": "a=1", "": "", "CURP": "CURP",
		"a\x00b": `a\x00b`, "\x1b[2J": `\x1b[2J`, "x\u202ey": `x\u202ey`, "bad\xffbyte": `bad\xffbyte`, "ñ": "ñ"} {
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

// No raw control character from a source reaches the CSV file: NUL, ESC,
// BEL, the bidirectional overrides are written as visible escapes.
func TestCSVEscapesControls(t *testing.T) {
	out := string(render(t, "csv", hostileReport()))
	for _, bad := range []string{"\x00", "\x1b", "\x07", "\u202e", "\t"} {
		if strings.Contains(out, bad) {
			t.Errorf("%q reached the CSV raw", bad)
		}
	}
	for _, want := range []string{`\x1b[2J`, `\x00`, `\x1b]0;title\x07`} {
		if !strings.Contains(out, want) {
			t.Errorf("want the escape %s in the CSV", want)
		}
	}
}
