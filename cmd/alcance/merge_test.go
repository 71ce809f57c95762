package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/reports"
)

// institutions writes a small corpus as two SQLite files, as two
// institutions would hold it: the health programme (register,
// consultations, payments, addresses) and everything else. People are
// shared between them.
func institutions(t *testing.T, dir string) (a, b string) {
	t.Helper()
	gen, err := synth.Generate(synth.Config{Seed: 11, Persons: 1500})
	if err != nil {
		t.Fatal(err)
	}
	health := map[string]bool{"padron_beneficiarios": true, "consultas": true, "pagos_beneficiarios": true, "domicilios_historial": true}
	sa, sb := *gen, *gen
	sa.Tables, sb.Tables = nil, nil
	for _, tb := range gen.Tables {
		if health[tb.Name] {
			sa.Tables = append(sa.Tables, tb)
		} else {
			sb.Tables = append(sb.Tables, tb)
		}
	}
	a, b = filepath.Join(dir, "salud.db"), filepath.Join(dir, "registro.db")
	for path, c := range map[string]*synth.Corpus{a: &sa, b: &sb} {
		if err := c.WriteSQLite(context.Background(), path); err != nil {
			t.Fatal(err)
		}
	}
	return a, b
}

func loadReport(t *testing.T, path string) *reports.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := reports.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestMergeEqualsOneScan scans two institutions apart with one key, each
// handing over its report and persons file, merges them, and gets the
// figures of one scan of both.
func TestMergeEqualsOneScan(t *testing.T) {
	dir := t.TempDir()
	a, b := institutions(t, dir)
	key := filepath.Join(dir, "shared.key")
	if err := os.WriteFile(key, []byte("a shared key of thirty-two bytes!"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, inst := range []struct{ src, name string }{{a, "salud"}, {b, "registro"}} {
		sub := filepath.Join(dir, inst.name)
		os.Mkdir(sub, 0o755)
		code, _, stderr := runCLI("scan", "--quiet", "--hash-key-file", key, "--persons-out", filepath.Join(sub, "persons.bin"),
			"-o", filepath.Join(sub, "report.json"), inst.src)
		if code != exitOK {
			t.Fatalf("scan %s: exit %d: %s", inst.name, code, stderr)
		}
	}
	code, _, stderr := runCLI("scan", "--quiet", "--hash-key-file", key, "-o", filepath.Join(dir, "one.json"), a, b)
	if code != exitOK {
		t.Fatalf("one scan: exit %d: %s", code, stderr)
	}
	code, _, stderr = runCLI("merge", "-o", filepath.Join(dir, "merged.json"),
		filepath.Join(dir, "salud", "report.json"), filepath.Join(dir, "registro", "report.json"))
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	one, merged := loadReport(t, filepath.Join(dir, "one.json")), loadReport(t, filepath.Join(dir, "merged.json"))
	if one.Exposure.Persons.Value == 0 || one.Exposure.PersonsInSeveralSources.Value == 0 {
		t.Fatalf("the corpus must share people between institutions: %+v", one.Exposure.Figures.Persons)
	}
	figs := func(r *reports.Report) map[string]reports.Estimate {
		e := r.Exposure
		m := map[string]reports.Estimate{
			"persons": e.Persons.Estimate, "persons_with_health": e.PersonsWithHealth.Estimate, "minors": e.Minors.Estimate,
			"older_adults": e.OlderAdults.Estimate, "identity_kit": e.IdentityKit.Estimate, "financial": e.Financial.Estimate,
			"persons_in_several_sources": e.PersonsInSeveralSources.Estimate,
		}
		for i, s := range r.Sources {
			m["source "+string(rune('0'+i))+" persons"] = s.Exposure.Persons.Estimate
			m["source "+string(rune('0'+i))+" health"] = s.Exposure.PersonsWithHealth.Estimate
		}
		for c, est := range e.RecordsByCategory {
			m["records "+c] = est
		}
		return m
	}
	want, got := figs(one), figs(merged)
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: merged %+v, one scan %+v", k, got[k], w)
		}
	}
	if len(merged.Sources) != 2 {
		t.Errorf("merged sources: %d", len(merged.Sources))
	}

	// A part made with another key is refused, and so is a persons file
	// that does not match its report.
	other := filepath.Join(dir, "other.key")
	os.WriteFile(other, []byte("another key, thirty-two bytes!!!"), 0o600)
	os.Mkdir(filepath.Join(dir, "x"), 0o755)
	runCLI("scan", "--quiet", "--hash-key-file", other, "--persons-out", filepath.Join(dir, "x", "p.bin"), "-o", filepath.Join(dir, "x", "r.json"), b)
	code, _, stderr = runCLI("merge", "-o", filepath.Join(dir, "bad.json"), filepath.Join(dir, "salud", "report.json"), filepath.Join(dir, "x", "r.json"))
	if code != exitUsage || !strings.Contains(stderr, "another key") {
		t.Errorf("mixed keys: exit %d, %s", code, stderr)
	}
	p := filepath.Join(dir, "registro", "persons.bin")
	data, _ := os.ReadFile(p)
	data[len(data)/2] ^= 1
	os.WriteFile(p, data, 0o600)
	code, _, stderr = runCLI("merge", "-o", filepath.Join(dir, "bad.json"), filepath.Join(dir, "salud", "report.json"), filepath.Join(dir, "registro", "report.json"))
	if code != exitUsage || !strings.Contains(stderr, "does not match") {
		t.Errorf("altered persons file: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.json")); err == nil {
		t.Error("a refused merge wrote a report")
	}
}

func TestPersonsOutNeedsKey(t *testing.T) {
	code, _, stderr := runCLI("scan", "--persons-out", filepath.Join(t.TempDir(), "p.bin"), "x.db")
	if code != exitUsage || !strings.Contains(stderr, "--hash-key-file") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// Two institutions whose systems sit at the same address from where each
// scanned (the same file path, localhost) are two sources when their
// inventories name them: merge keeps both and counts the people they
// share in persons_in_several_sources. Without institutions to tell them
// apart, the same location twice is a source scanned twice, and refused.
func TestMergeTellsInstitutionsApart(t *testing.T) {
	dir := t.TempDir()
	db := withCURPs(t)
	key := filepath.Join(dir, "k")
	os.WriteFile(key, []byte("0123456789abcdef0123456789abcdef"), 0o600)
	scanAs := func(name, institution string) string {
		inv := filepath.Join(dir, name+".yaml")
		os.WriteFile(inv, []byte("sources:\n  - name: padron\n    institution: "+institution+"\n    url: "+db+"\n"), 0o600)
		out := filepath.Join(dir, name+".json")
		code, _, stderr := runCLI("scan", "--quiet", "--hash-key-file", key, "--inventory", inv,
			"--persons-out", filepath.Join(dir, name+".persons"), "-o", out)
		if code != exitOK {
			t.Fatalf("scan %s: exit %d: %s", name, code, stderr)
		}
		return out
	}
	salud, imss, salud2 := scanAs("salud", "Salud"), scanAs("imss", "IMSS"), scanAs("salud2", "Salud")

	merged := filepath.Join(dir, "merged.json")
	code, _, stderr := runCLI("merge", "-o", merged, salud, imss)
	if code != exitOK {
		t.Fatalf("merge of two institutions at one path: exit %d: %s", code, stderr)
	}
	r := loadReport(t, merged)
	one := loadReport(t, salud)
	if len(r.Sources) != 2 {
		t.Errorf("merged %d sources, want 2 (one per institution)", len(r.Sources))
	}
	if got, want := r.Exposure.PersonsInSeveralSources.Value, one.Exposure.Persons.Value; want == 0 || got != want {
		t.Errorf("persons_in_several_sources %d, want %d (everyone is in both)", got, want)
	}
	code, _, stderr = runCLI("merge", "-o", filepath.Join(dir, "refused.json"), salud, salud2)
	if code != exitUsage || !strings.Contains(stderr, "whole in both") {
		t.Errorf("one institution's source twice: exit %d, want 2 with \"whole in both\": %s", code, stderr)
	}
	// The same file scanned once with an institution and once without may
	// be one source twice: refused too.
	plain := filepath.Join(dir, "plain.json")
	if code, _, stderr := runCLI("scan", "--quiet", "--hash-key-file", key, "--persons-out", filepath.Join(dir, "plain.persons"), "-o", plain, db); code != exitOK {
		t.Fatalf("plain scan: exit %d: %s", code, stderr)
	}
	code, _, stderr = runCLI("merge", "-o", filepath.Join(dir, "refused2.json"), salud, plain)
	if code != exitUsage || !strings.Contains(stderr, "named with an institution in one and without") {
		t.Errorf("one source with and without an institution: exit %d, want 2: %s", code, stderr)
	}
}
