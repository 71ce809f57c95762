package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Compare finds what appeared, disappeared and changed, and nothing when
// the reports are the same.
func TestCompare(t *testing.T) {
	old := sampleReport()
	if d := Compare(old, sampleReport()); !d.Empty() {
		t.Fatalf("a report differs from itself: %+v", d)
	}
	cur := sampleReport()
	// A column's CURP finding disappears, a new e-mail finding appears, a
	// confidence moves, persons grows, a table is dropped, an error is fixed.
	cur.Sources[0].Tables[1].Columns[0].Findings = nil
	cur.Sources[0].Tables[2].Columns = append(cur.Sources[0].Tables[2].Columns,
		Column{Name: "correo", Type: "TEXT", Findings: []Finding{finding("email", 0.9, 0.8, "a***@x.mx")}})
	cur.Sources[1].Tables[0].Columns[1].Findings[0].Confidence = 0.5
	cur.Exposure.Persons.Estimate = Exact(60000)
	cur.Sources[0].Tables = cur.Sources[0].Tables[:3]
	cur.Sources[0].Errors = nil
	d := Compare(old, cur)
	if len(d.FindingsNew) != 1 || d.FindingsNew[0].Category != "email" || d.FindingsNew[0].Table != "public.pagos" {
		t.Errorf("appeared = %+v", d.FindingsNew)
	}
	if len(d.FindingsGone) != 1 || d.FindingsGone[0].Category != "curp" {
		t.Errorf("disappeared = %+v", d.FindingsGone)
	}
	if len(d.FindingsChanged) != 1 || d.FindingsChanged[0].Old.Confidence != 0.9 {
		t.Errorf("changed = %+v", d.FindingsChanged)
	}
	if len(d.TablesGone) != 1 || !strings.Contains(d.TablesGone[0], "cat_municipios") || len(d.ErrorsGone) != 1 {
		t.Errorf("tables gone %q, errors gone %q", d.TablesGone, d.ErrorsGone)
	}
	var persons *DiffFigure
	for i := range d.Figures {
		if d.Figures[i].Figure == "persons" {
			persons = &d.Figures[i]
		}
	}
	if persons == nil || persons.New.Value != 60000 {
		t.Errorf("persons change missing: %+v", d.Figures)
	}
	for _, l := range Langs {
		for _, f := range []string{"text", "md"} {
			var b bytes.Buffer
			if err := WriteDiff(&b, f, l, d); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, want := range []string{l.T("diff.appeared", 1), l.T("diff.disappeared", 1), "60,000", "public.pagos"} {
				if f == "md" {
					want = mdText(want)
				}
				if !strings.Contains(out, want) {
					t.Errorf("%s/%s lacks %q:\n%s", f, l, want, out)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := WriteDiff(&b, "json", English, d); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil || doc["schema"] != "alcance.diff/v1" {
		t.Fatalf("json: %v %v", err, doc["schema"])
	}
	if got := len(doc["findings_appeared"].([]any)); got != 1 {
		t.Errorf("json findings_appeared has %d", got)
	}
}
