package scan

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/reports"
)

// TestFullModeIsExact scans a corpus with a sample far smaller than its
// tables: in sample mode the person figures are exact already (the columns
// that identify and link people are read in full); in full mode every
// record count is exact too, and the person figures are the same.
func TestFullModeIsExact(t *testing.T) {
	gen, err := synth.Generate(synth.Config{Seed: 5, Persons: 2500})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "corpus.db")
	if err := gen.WriteSQLite(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	spec, err := connectors.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	run := func(mode string) *reports.Report {
		rep, out := Run(context.Background(), Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions(),
			SampleRows: 300, Mode: mode, HashKey: []byte("0123456789abcdef")})
		if out.TablesFailed > 0 || out.SourcesFailed > 0 || out.Warnings > 0 {
			t.Fatalf("%s: %+v", mode, rep.Errors())
		}
		return rep
	}
	sample, full := run("sample"), run("full")
	sampled := 0
	for _, tb := range full.Sources[0].Tables {
		if !tb.Rows.Exact {
			t.Errorf("full mode: %s has an estimated row count", tb.Name)
		}
		if tb.SampledRows < int(tb.Rows.Value) {
			sampled++
		}
		if !tb.Exposure.Records.IsExact() {
			t.Errorf("full mode: %s records %+v", tb.Name, tb.Exposure.Records)
		}
		for cat, e := range tb.Exposure.ByCategory {
			if !e.IsExact() || e.Value > tb.Rows.Value {
				t.Errorf("full mode: %s %s records %+v of %d rows", tb.Name, cat, e, tb.Rows.Value)
			}
		}
	}
	if sampled < 5 {
		t.Fatalf("only %d tables larger than the sample: the test measures nothing", sampled)
	}
	for cat, e := range full.Exposure.RecordsByCategory {
		if !e.IsExact() {
			t.Errorf("full mode: %s records %+v", cat, e)
		}
	}
	// Full mode also reads the free text sample mode only samples, whose
	// CURPs sample mode counts in its high bound: its exact figures lie
	// within sample mode's bounds, and are exact themselves.
	for _, f := range []struct {
		name         string
		sample, full reports.Figure
	}{
		{"persons", sample.Exposure.Persons, full.Exposure.Persons},
		{"persons_with_health", sample.Exposure.PersonsWithHealth, full.Exposure.PersonsWithHealth},
		{"minors", sample.Exposure.Minors, full.Exposure.Minors},
		{"identity_kit", sample.Exposure.IdentityKit, full.Exposure.IdentityKit},
		{"financial", sample.Exposure.Financial, full.Exposure.Financial},
	} {
		if f.full.Value < f.sample.Low || f.full.Value > f.sample.High {
			t.Errorf("%s: full mode %d outside sample mode's bounds %+v", f.name, f.full.Value, f.sample.Estimate)
		}
		if f.full.Low != f.full.Value {
			t.Errorf("%s: full mode %+v is not exact", f.name, f.full.Estimate)
		}
	}
}
