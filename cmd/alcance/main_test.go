package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/reports"
)

// fakeOpener serves sources that fail in chosen ways, for the exit codes a
// SQLite file cannot produce: fake://table-fails lists a good table and one
// that fails to read; fake://all-fail lists only failing tables.
type fakeOpener struct{}

func (fakeOpener) Parse(raw string) (connectors.Spec, bool, error) {
	rest, ok := strings.CutPrefix(raw, "fake://")
	if !ok {
		return connectors.Spec{}, false, nil
	}
	return connectors.Spec{Raw: raw, Location: raw, Name: rest}, true, nil
}

func (fakeOpener) Open(_ context.Context, spec connectors.Spec, _ connectors.Options) (connectors.Source, error) {
	return &fakeSource{mode: spec.Name}, nil
}

type fakeSource struct{ mode string }

func (f *fakeSource) Info() connectors.Info {
	return connectors.Info{Kind: "fake", Name: f.mode, Location: "fake://" + f.mode}
}

func (f *fakeSource) Tables(context.Context) ([]connectors.Table, error) {
	cols := []connectors.Column{{Name: "codigo", Type: "TEXT", Kind: connectors.KindText}}
	good := connectors.Table{Schema: "main", Name: "ok", Columns: cols, Rows: connectors.RowCount{Value: 2, Exact: true, Known: true}}
	bad := connectors.Table{Schema: "main", Name: "refused", Columns: cols, Rows: connectors.RowCount{Value: 2, Exact: true, Known: true}}
	if f.mode == "all-fail" {
		return []connectors.Table{bad}, nil
	}
	return []connectors.Table{good, bad}, nil
}

func (f *fakeSource) Sample(_ context.Context, t connectors.Table, cols []connectors.Column, n int) (*connectors.Sample, error) {
	if t.Name == "refused" {
		return nil, errors.New("permission denied for table refused")
	}
	return &connectors.Sample{Columns: cols, Values: [][]string{{"A1", "B2"}}, Rows: 2, Complete: true}, nil
}

func (f *fakeSource) Close() error { return nil }

func init() { connectors.Register("fake", fakeOpener{}) }

// sqliteDB creates a SQLite file with the given statements.
func sqliteDB(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "src.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("PRAGMA user_version = 1"); err != nil { // creates the file even with no table
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

// withCURPs is a database holding synthetic CURPs (published test vectors
// and generated ones), enough for a finding.
func withCURPs(t *testing.T) string {
	stmts := []string{"CREATE TABLE padron (curp TEXT, nombre TEXT)"}
	for _, v := range []string{"HEGG560427MVZRRL04", "BEML920313HMCLNS09", "PEGL890909MJCRMS08", "SABC560626MDFLRN01",
		"PEGJ900512HJCRRS04", "AAPR630321HDFLRC09", "EAAF030715MJCSRRA0", "SIXJ851102HNEMXH07", "PXDO700509MVZDMF03",
		"XARA010130HOCNDLA3", "MOSA581201MPLRNN03", "LUTA900214XJCNRL04"} {
		stmts = append(stmts, "INSERT INTO padron VALUES ('"+v+"', 'JUAN PEREZ')")
	}
	return sqliteDB(t, stmts...)
}

func noFindings(t *testing.T) string {
	return sqliteDB(t, "CREATE TABLE productos (clave TEXT, precio REAL)",
		"INSERT INTO productos VALUES ('TORNILLO', 1.5), ('TUERCA', 0.5)")
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	curps, clean, empty := withCURPs(t), noFindings(t), sqliteDB(t)
	missing := filepath.Join(t.TempDir(), "missing.db")
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no command", nil, exitUsage},
		{"unknown command", []string{"escanear"}, exitUsage},
		{"merge of a part that is not there", []string{"merge", "-o", "x.json", "a.json"}, exitUsage},
		{"unknown flag", []string{"scan", "--no-such-flag", curps}, exitUsage},
		{"checkpoint without a key", []string{"scan", "--checkpoint", "c.ckpt", curps}, exitUsage},
		{"malformed shard", []string{"scan", "--shard", "2/2", curps}, exitUsage},
		{"unknown mode", []string{"scan", "--mode", "fast", curps}, exitUsage},
		{"no source", []string{"scan"}, exitUsage},
		{"malformed source", []string{"scan", "ftp://example/x"}, exitUsage},
		{"unknown fail-on category", []string{"scan", "--fail-on", "curp,dna", curps}, exitUsage},
		{"bad output extension", []string{"scan", "-o", "report.pdf", curps}, exitUsage},
		{"bad stdout format", []string{"scan", "--format", "html", curps}, exitUsage},
		{"nothing scanned: missing file", []string{"scan", missing}, exitNothing},
		{"nothing scanned: every table failed", []string{"scan", "fake://all-fail"}, exitNothing},
		{"findings, no gate", []string{"scan", curps}, exitOK},
		{"gate hit", []string{"scan", "--fail-on", "curp", curps}, exitFound},
		{"gate hit by any", []string{"scan", "--fail-on", "any", curps}, exitFound},
		{"gate on another category", []string{"scan", "--fail-on", "health_condition", curps}, exitOK},
		{"gate, a table failed", []string{"scan", "--fail-on", "any", "fake://table-fails"}, exitIncomplete},
		{"gate, a source failed", []string{"scan", "--fail-on", "any", clean, missing}, exitIncomplete},
		{"gate, source lists no tables", []string{"scan", "--fail-on", "any", empty}, exitIncomplete},
		{"no gate, source lists no tables", []string{"scan", empty}, exitOK},
		{"no gate, a table failed", []string{"scan", "fake://table-fails"}, exitOK},
		{"gate, clean", []string{"scan", "--fail-on", "any", clean}, exitOK},
		{"finding beats incomplete", []string{"scan", "--fail-on", "curp", curps, missing}, exitFound},
		{"flags after sources", []string{"scan", curps, "--fail-on", "curp", "--quiet"}, exitFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.want, stderr)
			}
		})
	}
}

// TestOutputsWhateverTheExitCode: every -o file is written on exits 0, 1,
// 3 and 4 (on exit 1 it holds the errors), and none on exit 2.
func TestOutputsWhateverTheExitCode(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	jsonOut, htmlOut := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.html")
	code, _, _ := runCLI("scan", "--quiet", "-o", jsonOut, "--output", htmlOut, missing)
	if code != exitNothing {
		t.Fatalf("exit %d, want 1", code)
	}
	b, err := os.ReadFile(jsonOut)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := reports.ReadJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sources) != 1 || len(rep.Sources[0].Errors) != 1 || !strings.Contains(rep.Sources[0].Errors[0].Error, "no such file") {
		t.Errorf("report of a failed scan does not hold its error: %+v", rep.Sources)
	}
	if _, err := os.Stat(htmlOut); err != nil {
		t.Errorf("html report not written on exit 1: %v", err)
	}

	usageOut := filepath.Join(dir, "usage.json")
	if code, _, _ := runCLI("scan", "--bogus", "-o", usageOut, missing); code != exitUsage {
		t.Fatalf("exit %d, want 2", code)
	}
	if _, err := os.Stat(usageOut); !os.IsNotExist(err) {
		t.Errorf("a report was written on exit 2")
	}
}

func TestScanReportContract(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	code, stdout, stderr := runCLI("scan", "-o", out, "--format", "json", withCURPs(t))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("--format json is not JSON: %v", err)
	}
	if doc["schema"] != reports.Schema {
		t.Errorf("schema %v", doc["schema"])
	}
	b, _ := os.ReadFile(out)
	rep, err := reports.ReadJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	tbl := rep.Sources[0].Tables[0]
	if tbl.Name != "padron" || !tbl.Rows.Exact || tbl.Rows.Value != 12 {
		t.Errorf("table %+v", tbl)
	}
	var curp *reports.Finding
	for _, c := range tbl.Columns {
		for i := range c.Findings {
			if c.Findings[i].Category == "curp" {
				curp = &c.Findings[i]
			}
		}
	}
	if curp == nil || curp.Confidence < 0.9 || len(curp.Examples) == 0 {
		t.Fatalf("curp finding %+v", curp)
	}
	if p := rep.Exposure.Persons; p.Value != 12 || p.Low != 12 || p.Method == "" {
		t.Errorf("persons %+v, want exactly 12 with a method", p)
	}
	if tbl.Exposure.Tier != "high" {
		t.Errorf("tier %q, want high (an official identifier)", tbl.Exposure.Tier)
	}
}

// TestPasswordNeverShown: a password in a source URL appears in no output.
func TestPasswordNeverShown(t *testing.T) {
	const secret = "s3cr3t-Pa55"
	for _, src := range []string{"postgres://u:" + secret + "@127.0.0.1:1/db", "mysql://u:" + secret + "@127.0.0.1:1/db"} {
		_, stdout, stderr := runCLI("scan", src)
		if strings.Contains(stdout+stderr, secret) {
			t.Errorf("%s: password in output:\n%s%s", src, stdout, stderr)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"scan", "--help"}, {"demo", "--help"}, {"detectors", "--help"}} {
		code, stdout, _ := runCLI(args...)
		if code != exitOK || !strings.Contains(stdout, "Usage") {
			t.Errorf("%v: exit %d, output %q", args, code, stdout)
		}
	}
	code, stdout, _ := runCLI("detectors")
	if code != exitOK || !strings.Contains(stdout, "curp") || !strings.Contains(stdout, "health_condition") {
		t.Errorf("detectors: exit %d", code)
	}
}
