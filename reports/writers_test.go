package reports

import (
	"bytes"
	"encoding/csv"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/taxonomy"
)

// The CLI picks writers by these names (--format, -o extensions).
func TestFormatsRegistered(t *testing.T) {
	got := slices.Sorted(maps.Keys(Formats))
	if want := []string{"csv", "html", "json", "md", "table"}; !slices.Equal(got, want) {
		t.Errorf("Formats = %q, want %q", got, want)
	}
	for _, f := range []string{"a.json", "a.html", "a.md", "a.csv"} {
		if name, err := FormatForFile(f); err != nil || Formats[name] == nil {
			t.Errorf("%s: format %q has no writer (%v)", f, name, err)
		}
	}
}

// Every writer must cope with a scan that found nothing to scan, and with
// one whose only source failed (exit 1 still writes every -o file, holding
// the errors).
func TestEmptyAndFailedReports(t *testing.T) {
	for _, l := range Langs {
		for name := range Formats {
			r := emptyReport()
			Localize(r, l)
			out := string(render(t, name, r))
			switch name {
			case "csv":
				// The header, and the whole report's person figures.
				if n := strings.Count(out, "\n"); n != 8 {
					t.Errorf("csv of an empty report has %d lines, want the header and 7 figures", n)
				}
			case "json":
				if !strings.Contains(out, `"sources": []`) {
					t.Errorf("json of an empty report lacks sources: []")
				}
			default:
				if want := l.T("head.nosources"); !strings.Contains(out, want) {
					t.Errorf("%s/%s of an empty report lacks %q:\n%s", name, l, want, out)
				}
			}

			r = failedReport()
			Localize(r, l)
			out = string(render(t, name, r))
			if !strings.Contains(out, "connect: connection refused") {
				t.Errorf("%s of a failed report does not say why it failed:\n%s", name, out)
			}
			certified := map[Lang]string{English: "cannot be certified", Spanish: "no puede certificarse"}[l]
			if name != "json" && name != "csv" && !strings.Contains(out, certified) {
				t.Errorf("%s/%s of a failed report does not say the scan is incomplete:\n%s", name, l, out)
			}
		}
	}
	recs, err := csv.NewReader(bytes.NewReader(render(t, "csv", failedReport()))).ReadAll()
	if err != nil || len(recs) != 9 || recs[1][0] != "padron" || recs[1][4] != "" || recs[1][len(csvHeader)-1] == "" {
		t.Errorf("csv of a failed source = %q, %v; want the header and one error row with no table", recs, err)
	}
}

// Tables go most serious tier first, then most records; ties keep the
// model's order.
func TestRankedTables(t *testing.T) {
	var got []string
	for _, tr := range rankedTables(sampleReport()) {
		got = append(got, tr.Table.Exposure.Tier+" "+tr.Table.Name)
	}
	want := []string{"critical consultas", "critical beneficiarios", "high pagos", "medium contactos",
		"low domicilios", "none cat_municipios"}
	if !slices.Equal(got, want) {
		t.Errorf("order = %q, want %q", got, want)
	}
}

// The headline counts come from the model, not from the golden files.
func TestSummarize(t *testing.T) {
	s := summarize(sampleReport())
	if s.Sources != 3 || s.Tables != 6 || s.TablesWithFindings != 5 || len(s.Errors) != 2 {
		t.Errorf("sources %d, tables %d, with findings %d, errors %d; want 3, 6, 5, 2",
			s.Sources, s.Tables, s.TablesWithFindings, len(s.Errors))
	}
	if want := est(134000, 132500, 134600); s.Records != want {
		t.Errorf("records = %+v, want the tables' sum %+v", s.Records, want)
	}
	var ids []string
	for _, c := range s.Categories {
		ids = append(ids, c.ID)
	}
	want := []string{taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address,
		taxonomy.PostalCode, taxonomy.Email, taxonomy.HealthCondition, taxonomy.HealthFacility, taxonomy.CLABE}
	if !slices.Equal(ids, want) {
		t.Errorf("categories in %q, want taxonomy order %q", ids, want)
	}
	if got := notScanned(English, s.Errors); got != "1 table and 1 source" {
		t.Errorf("notScanned = %q", got)
	}
	if got := notScanned(Spanish, s.Errors); got != "1 tabla y 1 fuente" {
		t.Errorf("notScanned = %q", got)
	}
}

// No writer may change the report it is given: the CLI writes several
// formats from one report.
func TestWritersLeaveReportAlone(t *testing.T) {
	for name := range Formats {
		r := sampleReport()
		render(t, name, r)
		if !reflect.DeepEqual(r, sampleReport()) {
			t.Errorf("%s changed the report", name)
		}
	}
}
