package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/reports"
)

// TestShardsMergeToOneScan scans one corpus as three shards and merges
// them: in full mode the merged report equals one process's scan (same
// findings, records and person figures), although links cross shards
// (consultations read by one shard point at the register another read).
func TestShardsMergeToOneScan(t *testing.T) {
	dir := t.TempDir()
	a, b := institutions(t, dir)
	key := filepath.Join(dir, "k")
	os.WriteFile(key, []byte("0123456789abcdef0123456789abcdef"), 0o600)
	common := []string{"scan", "--quiet", "--mode", "full", "--hash-key-file", key}
	code, _, stderr := runCLI(append(common, "-o", filepath.Join(dir, "one.json"), a, b)...)
	if code != exitOK {
		t.Fatalf("one scan: exit %d: %s", code, stderr)
	}
	const n = 3
	parts := []string{"merge", "-o", filepath.Join(dir, "merged.json")}
	for i := range n {
		out := filepath.Join(dir, fmt.Sprintf("part-%d.json", i))
		code, _, stderr := runCLI(append(common, "--shard", fmt.Sprintf("%d/%d", i, n),
			"--persons-out", filepath.Join(dir, fmt.Sprintf("part-%d.persons", i)), "-o", out, a, b)...)
		if code != exitOK {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr)
		}
		part := loadReport(t, out)
		if !part.Exposure.Persons.Open {
			t.Errorf("shard %d: a part's persons figure must be a lower bound until merged: %+v", i, part.Exposure.Persons)
		}
		parts = append(parts, out)
	}
	// Without every part the merge is still a lower bound.
	code, _, stderr = runCLI(parts[:len(parts)-1]...)
	if code != exitOK {
		t.Fatalf("merge of two parts: exit %d: %s", code, stderr)
	}
	if r := loadReport(t, filepath.Join(dir, "merged.json")); !r.Exposure.Persons.Open {
		t.Errorf("merge of 2 of 3 parts: %+v", r.Exposure.Persons)
	}
	code, _, stderr = runCLI(parts...)
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	one, merged := loadReport(t, filepath.Join(dir, "one.json")), loadReport(t, filepath.Join(dir, "merged.json"))
	if len(merged.Sources) != 2 {
		t.Fatalf("merged sources: %d", len(merged.Sources))
	}
	sameAsOneScan(t, one, merged)
	for i := range one.Sources {
		if fmt.Sprint(one.Sources[i].Links) != fmt.Sprint(merged.Sources[i].Links) {
			t.Errorf("source %d links: merged %v, one scan %v", i, merged.Sources[i].Links, one.Sources[i].Links)
		}
	}
}

// findingsOf lists table.column:category:tier for every finding.
func findingsOf(r *reports.Report) map[string]string {
	out := map[string]string{}
	for _, s := range r.Sources {
		for _, t := range s.Tables {
			for _, c := range t.Columns {
				for _, f := range c.Findings {
					out[s.Name+"."+t.QualifiedName()+"."+c.Name+":"+f.Category] = t.Exposure.Tier
				}
			}
		}
	}
	return out
}

// TestSplitTableMergesToOneScan splits the large tables of one corpus
// across three shards (the threshold lowered to 2,000 rows: consultas,
// with health data and links to the register another shard may read, and
// cat_municipios), each shard reading one part of each, and merges them:
// in full mode the merged report equals one process's scan (findings,
// records per table and category, person figures).
func TestSplitTableMergesToOneScan(t *testing.T) {
	defer scan.SetSplitRows(2000)()
	dir := t.TempDir()
	a, b := institutions(t, dir)
	key := filepath.Join(dir, "k")
	os.WriteFile(key, []byte("0123456789abcdef0123456789abcdef"), 0o600)
	common := []string{"scan", "--quiet", "--mode", "full", "--hash-key-file", key}
	code, _, stderr := runCLI(append(common, "-o", filepath.Join(dir, "one.json"), a, b)...)
	if code != exitOK {
		t.Fatalf("one scan: exit %d: %s", code, stderr)
	}
	one := loadReport(t, filepath.Join(dir, "one.json"))
	const n = 3
	parts := []string{"merge", "-o", filepath.Join(dir, "merged.json")}
	split := map[string][]int64{} // table: rows each shard read of it
	for i := range n {
		out := filepath.Join(dir, fmt.Sprintf("part-%d.json", i))
		code, _, stderr := runCLI(append(common, "--shard", fmt.Sprintf("%d/%d", i, n),
			"--persons-out", filepath.Join(dir, fmt.Sprintf("part-%d.persons", i)), "-o", out, a, b)...)
		if code != exitOK {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr)
		}
		for _, s := range loadReport(t, out).Sources {
			for _, tb := range s.Tables {
				split[tb.Name] = append(split[tb.Name], tb.Rows.Value)
			}
		}
		parts = append(parts, out)
	}
	for _, name := range []string{"consultas", "cat_municipios"} {
		rows := split[name]
		if len(rows) != n {
			t.Errorf("%s was read by %d shards, want all %d, each a part", name, len(rows), n)
			continue
		}
		var sum int64
		for _, r := range rows {
			sum += r
			if r == 0 {
				t.Errorf("%s: a shard read none of its rows: %v", name, rows)
			}
		}
		if want := tableOf(t, one, name).Rows.Value; sum != want {
			t.Errorf("%s: the shards read %v rows, %d in all; the table has %d", name, rows, sum, want)
		}
	}
	for name, rows := range split {
		if name != "consultas" && name != "cat_municipios" && len(rows) != 1 {
			t.Errorf("%s (below the threshold) was read by %d shards", name, len(rows))
		}
	}
	code, _, stderr = runCLI(parts...)
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	merged := loadReport(t, filepath.Join(dir, "merged.json"))
	sameAsOneScan(t, one, merged)
	if m := tableOf(t, merged, "consultas"); m.Part != nil {
		t.Errorf("consultas, merged from all its parts, is still marked part %+v", *m.Part)
	}
	refuseInconsistentParts(t, dir, parts[3:])
	for _, s := range one.Sources {
		for _, tb := range s.Tables {
			m := tableOf(t, merged, tb.Name)
			if m.Rows != tb.Rows || m.Exposure.Records != tb.Exposure.Records || fmt.Sprint(m.Exposure.ByCategory) != fmt.Sprint(tb.Exposure.ByCategory) {
				t.Errorf("%s: merged rows %+v records %+v %v; one scan rows %+v records %+v %v", tb.Name,
					m.Rows, m.Exposure.Records, m.Exposure.ByCategory, tb.Rows, tb.Exposure.Records, tb.Exposure.ByCategory)
			}
		}
	}
}

// tableOf finds the table called name in a report.
func tableOf(t *testing.T, r *reports.Report, name string) reports.Table {
	t.Helper()
	for _, s := range r.Sources {
		for _, tb := range s.Tables {
			if tb.Name == name {
				return tb
			}
		}
	}
	t.Fatalf("no table %s in the report", name)
	return reports.Table{}
}

// refuseInconsistentParts changes the shards' reports of a split table
// the ways shards that disagree on splitting it would write them, and a
// source scanned twice, and checks that merge refuses each (exit 2, with
// the table named) rather than count rows twice or not at all.
func refuseInconsistentParts(t *testing.T, dir string, parts []string) {
	t.Helper()
	edit := func(name, path string, change func(r *reports.Report)) string {
		r := loadReport(t, path)
		change(r)
		out := filepath.Join(dir, name+".json")
		f, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := (reports.JSONWriter{}).Write(f, r); err != nil {
			t.Fatal(err)
		}
		return out
	}
	onConsultas := func(r *reports.Report, change func(s *reports.Source, k int)) {
		for i := range r.Sources {
			for k := range r.Sources[i].Tables {
				if r.Sources[i].Tables[k].Name == "consultas" {
					change(&r.Sources[i], k)
					return
				}
			}
		}
		t.Fatal("no consultas in the part")
	}
	wholeHere := edit("whole", parts[1], func(r *reports.Report) {
		onConsultas(r, func(s *reports.Source, k int) { s.Tables[k].Part = nil })
	})
	noneHere := edit("none", parts[2], func(r *reports.Report) {
		onConsultas(r, func(s *reports.Source, k int) { s.Tables = slices.Delete(s.Tables, k, k+1) })
	})
	failedHere := edit("failed", parts[2], func(r *reports.Report) {
		onConsultas(r, func(s *reports.Source, k int) {
			s.Errors = append(s.Errors, reports.Error{Table: s.Tables[k].QualifiedName(), Error: "statement timeout"})
			s.Tables = slices.Delete(s.Tables, k, k+1)
		})
	})
	// A warning names the table too, but the shard read its part.
	warnedHere := edit("warned", parts[1], func(r *reports.Report) {
		onConsultas(r, func(s *reports.Source, k int) {
			s.Errors = append(s.Errors, reports.Error{Table: s.Tables[k].QualifiedName(), Error: "3 columns truncated"})
		})
	})
	interruptedHere := edit("interrupted", parts[2], func(r *reports.Report) {
		r.Scan.Interrupted = true
		onConsultas(r, func(s *reports.Source, k int) {
			s.Errors = append(s.Errors, reports.Error{Error: "1 of 9 tables not scanned: the scan was interrupted"})
			s.Tables = slices.Delete(s.Tables, k, k+1)
		})
	})
	sourceFailedHere := edit("source-failed", parts[2], func(r *reports.Report) {
		onConsultas(r, func(s *reports.Source, k int) {
			s.Errors = append(s.Errors, reports.Error{Error: "listing tables: connection refused"})
			s.Tables = slices.Delete(s.Tables, k, k+1)
		})
	})
	unsharded := func(name, path string) string {
		return edit(name, path, func(r *reports.Report) {
			r.Scan.Shard = ""
			for i := range r.Sources {
				for k := range r.Sources[i].Tables {
					r.Sources[i].Tables[k].Part = nil
				}
			}
		})
	}
	for _, c := range []struct {
		name  string
		parts []string
		want  string // in stderr; "" when the merge must succeed
	}{
		{"one shard read it whole, the others in parts", []string{parts[0], wholeHere, parts[2]}, "read whole by one shard and in parts"},
		{"one shard read none of it", []string{parts[0], parts[1], noneHere}, "only 2 arrived"},
		{"one shard says its part failed", []string{parts[0], parts[1], failedHere}, ""},
		{"one shard warned on its part, another read none of it", []string{parts[0], warnedHere, noneHere}, "only 2 arrived"},
		{"one shard was interrupted before its part", []string{parts[0], parts[1], interruptedHere}, ""},
		{"one shard's source failed", []string{parts[0], parts[1], sourceFailedHere}, ""},
		{"a source scanned twice", []string{unsharded("again-a", parts[0]), unsharded("again-b", parts[0])}, "whole in both"},
	} {
		args := append([]string{"merge", "-o", filepath.Join(dir, "refused.json")}, c.parts...)
		code, _, stderr := runCLI(args...)
		switch {
		case c.want == "" && code != exitOK:
			t.Errorf("%s: exit %d, want 0: %s", c.name, code, stderr)
		case c.want != "" && (code != exitUsage || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "consultas") && c.name != "a source scanned twice"):
			t.Errorf("%s: exit %d, want 2 with %q and the table named: %s", c.name, code, c.want, stderr)
		}
	}
}

// sameAsOneScan checks that a merged report gives one scan's person
// figures, records per category and findings.
func sameAsOneScan(t *testing.T, one, merged *reports.Report) {
	t.Helper()
	e1, e2 := one.Exposure, merged.Exposure
	for _, f := range []struct {
		name     string
		one, got reports.Figure
	}{
		{"persons", e1.Persons, e2.Persons}, {"persons_with_health", e1.PersonsWithHealth, e2.PersonsWithHealth},
		{"minors", e1.Minors, e2.Minors}, {"older_adults", e1.OlderAdults, e2.OlderAdults},
		{"identity_kit", e1.IdentityKit, e2.IdentityKit}, {"financial", e1.Financial, e2.Financial},
		{"persons_in_several_sources", e1.PersonsInSeveralSources, e2.PersonsInSeveralSources},
	} {
		if f.one.Estimate != f.got.Estimate {
			t.Errorf("%s: merged %+v, one scan %+v", f.name, f.got.Estimate, f.one.Estimate)
		}
	}
	for c, est := range e1.RecordsByCategory {
		if e2.RecordsByCategory[c] != est {
			t.Errorf("records %s: merged %+v, one scan %+v", c, e2.RecordsByCategory[c], est)
		}
	}
	if got, want := findingsOf(merged), findingsOf(one); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("findings differ:\nmerged %v\none    %v", got, want)
	}
}
