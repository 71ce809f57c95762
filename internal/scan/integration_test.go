package scan

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/alcance-mx/alcance/reports"
)

// TestSameFindingsEverywhere loads one small synthetic corpus into SQLite,
// PostgreSQL and MariaDB (the legacy civil registry as latin1 there) and
// scans each: every table must be scanned, with the same categories per
// column and the same number of distinct persons as on SQLite. Databases
// of this package are named alcance_scan_*.
func TestSameFindingsEverywhere(t *testing.T) {
	ctx := context.Background()
	gen, err := synth.Generate(synth.Config{Seed: 5, Persons: 2500})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "corpus.db")
	if err := gen.WriteSQLite(ctx, path); err != nil {
		t.Fatal(err)
	}
	base := scanOne(t, path)
	// Every valid CURP of a CURP column is a person; people known by name
	// and birthdate only come on top.
	if p := base.Exposure.Persons; p.Low < int64(gen.Labels().Persons) || p.Open {
		t.Fatalf("SQLite: persons %+v, at least %d distinct CURPs", p, gen.Labels().Persons)
	}
	t.Run("postgres", func(t *testing.T) {
		u := testdb.Postgres(t, "alcance_scan_it")
		if err := gen.WritePostgres(ctx, u); err != nil {
			t.Fatal(err)
		}
		compare(t, base, scanOne(t, u))
	})
	t.Run("mariadb", func(t *testing.T) {
		u := testdb.MySQL(t, "alcance_scan_it")
		if err := gen.WriteMySQL(ctx, u); err != nil {
			t.Fatal(err)
		}
		compare(t, base, scanOne(t, u))
	})
}

func scanOne(t *testing.T, source string) *reports.Report {
	t.Helper()
	spec, err := connectors.Parse(source)
	if err != nil {
		t.Fatal(err)
	}
	rep, out := Run(context.Background(), Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions(), SampleRows: 10000})
	if out.TablesFailed > 0 || out.SourcesFailed > 0 {
		t.Fatalf("%s: %+v", spec.Kind, rep.Errors())
	}
	return rep
}

// findings lists "table.column:category" for every finding of a report.
func findings(rep *reports.Report) []string {
	var out []string
	for _, s := range rep.Sources {
		for _, tb := range s.Tables {
			for _, c := range tb.Columns {
				for _, f := range c.Findings {
					out = append(out, strings.ToLower(tb.Name+"."+c.Name)+":"+f.Category)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func compare(t *testing.T, base, got *reports.Report) {
	t.Helper()
	for _, f := range []struct {
		name      string
		got, want reports.Figure
	}{
		{"persons", got.Exposure.Persons, base.Exposure.Persons},
		{"persons_with_health", got.Exposure.PersonsWithHealth, base.Exposure.PersonsWithHealth},
		{"minors", got.Exposure.Minors, base.Exposure.Minors},
		{"older_adults", got.Exposure.OlderAdults, base.Exposure.OlderAdults},
		{"identity_kit", got.Exposure.IdentityKit, base.Exposure.IdentityKit},
		{"financial", got.Exposure.Financial, base.Exposure.Financial},
	} {
		if f.got.Estimate != f.want.Estimate {
			t.Errorf("%s %+v, SQLite %+v", f.name, f.got.Estimate, f.want.Estimate)
		}
	}
	// Keys declared on SQLite and PostgreSQL are inferred on MariaDB, whose
	// legacy schema declares none: the same links, found either way.
	if a, b := linksOf(base), linksOf(got); a != b {
		t.Errorf("links %s, SQLite %s", b, a)
	}
	want, have := findings(base), findings(got)
	missing, extra := diff(want, have), diff(have, want)
	if len(missing)+len(extra) > 0 {
		t.Errorf("findings differ from SQLite's:\nmissing %v\nextra %v", missing, extra)
	}
}

func diff(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

// linksOf lists a report's links as table.column -> table.column, without
// schema names (a database name on MariaDB, main on SQLite).
func linksOf(r *reports.Report) string {
	var out []string
	for _, s := range r.Sources {
		for _, l := range s.Links {
			strip := func(x string) string {
				parts := strings.Split(x, ".")
				return strings.Join(parts[len(parts)-2:], ".")
			}
			out = append(out, strip(l.From)+" -> "+strip(l.To))
		}
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}
