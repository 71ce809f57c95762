package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/reports"
)

// An empty or blank --fail-on (an unset variable in a script) is bad
// usage, checked before anything is scanned or written.
func TestEmptyFailOn(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	for _, v := range []string{"", " ", ",", "curp,"} {
		code, _, stderr := runCLI("scan", "--fail-on", v, "-o", out, withCURPs(t))
		if code != exitUsage || !strings.Contains(stderr, "--fail-on") {
			t.Errorf("--fail-on %q: exit %d, want 2 naming --fail-on; stderr:\n%s", v, code, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("--fail-on %q: a report was written", v)
		}
	}
	code, _, _ := runCLI("scan", "--fail-on=", withCURPs(t))
	if code != exitUsage {
		t.Errorf("--fail-on=: exit %d, want 2", code)
	}
}

// Every output is checked before the scan: a missing folder, a folder in
// the way, or a path under a file is exit 2 and nothing is scanned (a
// missing source would otherwise give exit 1).
func TestOutputsCheckedBeforeScan(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	missing := filepath.Join(dir, "missing.db")
	for name, args := range map[string][]string{
		"missing folder":     {"-o", filepath.Join(dir, "no", "such", "r.json")},
		"folder in the way":  {"-o", dir + "/"},
		"under a file":       {"-o", filepath.Join(file, "r.html")},
		"annex extension":    {"--annex", filepath.Join(dir, "a.pdf")},
		"certificate folder": {"--certificate", filepath.Join(dir, "nope", "c.md")},
		"the same file twice": {"-o", filepath.Join(dir, "r.json"), "--certificate", filepath.Join(dir, "r.md"),
			"-o", filepath.Join(dir, "r.json")},
	} {
		code, stdout, stderr := runCLI(append(append([]string{"scan"}, args...), missing)...)
		if code != exitUsage {
			t.Errorf("%s: exit %d, want 2; stderr:\n%s", name, code, stderr)
		}
		if strings.Contains(stderr, "not scanned") || stdout != "" {
			t.Errorf("%s: something was scanned:\n%s%s", name, stdout, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); !os.IsNotExist(err) {
		t.Error("a folder was created")
	}
}

// Exits 3 and 4 say which categories and tables tripped them.
func TestGateExplains(t *testing.T) {
	code, _, stderr := runCLI("scan", "--quiet", "--fail-on", "health_condition,curp", withCURPs(t))
	if code != exitFound || !regexp.MustCompile(`exit 3: --fail-on health_condition,curp: found curp in 1 table`).MatchString(stderr) ||
		!strings.Contains(stderr, "src: main.padron: curp") {
		t.Errorf("exit %d; stderr:\n%s", code, stderr)
	}
	code, _, stderr = runCLI("scan", "--quiet", "--fail-on", "any", "fake://table-fails")
	if code != exitIncomplete || !strings.Contains(stderr, "exit 4") || !strings.Contains(stderr, "not scanned: table-fails: main.refused") {
		t.Errorf("exit %d; stderr:\n%s", code, stderr)
	}
}

func TestVersionAndHelp(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, _ := runCLI(args...)
		if code != exitOK || stdout != "alcance "+version+"\n" {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
	for cmd, want := range map[string]string{"scan": "--fail-on", "report": "REPORT.json", "diff": "--fail-on-new",
		"demo": "--dir", "version": "--version", "detectors": "Usage: alcance detectors", "merge": "--hash-key-file"} {
		code, stdout, _ := runCLI("help", cmd)
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("help %s: exit %d, lacks %q", cmd, code, want)
		}
	}
	if code, _, _ := runCLI("help", "frobnicate"); code != exitUsage {
		t.Errorf("help of an unregistered command: exit %d, want 2", code)
	}
	if code, _, _ := runCLI("version", "x"); code != exitUsage {
		t.Errorf("version x: exit %d, want 2", code)
	}
}

// --lang chooses the language of the summary and of every report.
func TestLang(t *testing.T) {
	dir := t.TempDir()
	db := withCURPs(t)
	code, stdout, _ := runCLI("scan", "-o", filepath.Join(dir, "r.html"), db)
	if code != exitOK || !strings.Contains(stdout, "Cifra a reportar: 12 personas") {
		t.Errorf("default (es): exit %d\n%s", code, stdout)
	}
	code, stdout, _ = runCLI("scan", "--lang", "en", "-o", filepath.Join(dir, "r.html"), db)
	if code != exitOK || !strings.Contains(stdout, "Figure to report: 12 people") {
		t.Errorf("--lang en: exit %d\n%s", code, stdout)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "r.html"))
	if !strings.Contains(string(page), `<html lang="en">`) {
		t.Error("the HTML report is not in English")
	}
	if !strings.Contains(stdout, "Reports written: "+filepath.Join(dir, "r.html")) {
		t.Errorf("the summary does not say where the report went:\n%s", stdout)
	}
	if code, _, _ := runCLI("scan", "--lang", "fr", db); code != exitUsage {
		t.Errorf("--lang fr: exit %d, want 2", code)
	}
}

// report renders a saved report in another format and language; diff
// compares two.
func TestReportAndDiff(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	if code, _, stderr := runCLI("scan", "--quiet", "-o", a, withCURPs(t)); code != exitOK {
		t.Fatal(stderr)
	}
	html, md := filepath.Join(dir, "a.html"), filepath.Join(dir, "a.md")
	code, _, stderr := runCLI("report", "--lang", "en", "-o", html, "-o", md, a)
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(html)
	if !strings.Contains(string(page), "Figure to report: 12 people") {
		t.Error("report did not render the saved report in English")
	}
	for name, args := range map[string][]string{
		"no -o":          {"report", a},
		"two reports":    {"report", "-o", html, a, b},
		"not a report":   {"report", "-o", html, html},
		"missing report": {"report", "-o", html, filepath.Join(dir, "none.json")},
		"bad output":     {"report", "-o", filepath.Join(dir, "x", "y.html"), a},
		"bad format":     {"diff", "--format", "pdf", a, a},
		"one report":     {"diff", a},
	} {
		if code, _, _ := runCLI(args...); code != exitUsage {
			t.Errorf("%s: exit %d, want 2", name, code)
		}
	}

	code, stdout, _ := runCLI("diff", "--lang", "en", "--fail-on-new", a, a)
	if code != exitOK || !strings.Contains(stdout, "Nothing changed.") {
		t.Errorf("diff of a report with itself: exit %d\n%s", code, stdout)
	}
	empty := sqliteDB(t, "CREATE TABLE padron (curp TEXT)")
	runCLI("scan", "--quiet", "-o", b, empty)
	code, stdout, stderr = runCLI("diff", "--fail-on-new", b, a)
	if code != exitFound || !strings.Contains(stdout, "Hallazgos que aparecieron") || !strings.Contains(stderr, "appeared") {
		t.Errorf("diff with a new finding and --fail-on-new: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI("diff", "--format", "json", b, a)
	if code != exitOK || !strings.Contains(stdout, `"findings_appeared"`) {
		t.Errorf("diff --format json: exit %d\n%s", code, stdout)
	}
}

// The certificate is written only when the gate passes, with the JSON
// report beside it whose SHA-256 it states; otherwise a message says why.
func TestCertificateGate(t *testing.T) {
	dir := t.TempDir()
	cert := filepath.Join(dir, "cert.md")
	code, _, stderr := runCLI("scan", "--quiet", "--certificate", cert, withCURPs(t))
	if code != exitFound || !strings.Contains(stderr, "no certificate written") {
		t.Errorf("findings: exit %d, want 3 with a message; stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(cert); !os.IsNotExist(err) {
		t.Error("a certificate was written over findings")
	}
	code, _, stderr = runCLI("scan", "--quiet", "--certificate", cert, noFindings(t), filepath.Join(dir, "missing.db"))
	if code != exitIncomplete || !strings.Contains(stderr, "no certificate written") {
		t.Errorf("a source failed: exit %d, want 4; stderr:\n%s", code, stderr)
	}
	// --fail-on given: the certificate certifies those categories only.
	code, _, stderr = runCLI("scan", "--quiet", "--fail-on", "health_condition", "--certificate", cert, withCURPs(t))
	if code != exitOK {
		t.Fatalf("gate on another category: exit %d; stderr:\n%s", code, stderr)
	}
	code, _, stderr = runCLI("scan", "--quiet", "--certificate", cert, noFindings(t))
	if code != exitOK {
		t.Fatalf("clean: exit %d; stderr:\n%s", code, stderr)
	}
	doc, err := os.ReadFile(cert)
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(dir, "cert.json"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(js)
	if !strings.Contains(string(doc), hex.EncodeToString(sum[:])) {
		t.Error("the certificate does not state the SHA-256 of the JSON beside it")
	}
	rep, err := reports.ReadJSON(bytes.NewReader(js))
	if err != nil || rep.Sources[0].Fingerprint == nil || len(rep.Sources[0].Fingerprint.SHA256) != 64 {
		t.Errorf("the source's fingerprint is missing: %+v, %v", rep, err)
	}
}

// An inventory scans many sources, named and grouped by institution; one
// that fails does not stop the others; mistakes in it are bad usage.
func TestInventory(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "inv.yaml")
	write := func(s string) { os.WriteFile(inv, []byte(s), 0o600) }
	write(`sources:
  - name: padron
    institution: Bienestar
    url: ` + withCURPs(t) + `
  - name: catalogo
    institution: Bienestar
    url: ` + noFindings(t) + `
    exclude: ["productos"]
  - name: perdida
    institution: Salud
    url: ` + filepath.Join(dir, "missing.db") + `
`)
	out := filepath.Join(dir, "r.json")
	code, stdout, stderr := runCLI("scan", "--lang", "en", "--inventory", inv, "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	rep, err := reports.ReadJSON(bytes.NewReader(b))
	if err != nil || len(rep.Sources) != 3 {
		t.Fatalf("%v, %+v", err, rep)
	}
	if s := rep.Sources[0]; s.Name != "padron" || s.Institution != "Bienestar" || len(s.Tables) != 1 {
		t.Errorf("first source %+v", s)
	}
	if s := rep.Sources[1]; s.Name != "catalogo" || len(s.Errors) != 1 {
		t.Errorf("excluded tables: %+v", s) // its only table excluded: it lists none
	}
	if s := rep.Sources[2]; s.Institution != "Salud" || len(s.Errors) != 1 {
		t.Errorf("failed source %+v", s)
	}
	if !strings.Contains(stdout, "INSTITUTION") || !strings.Contains(stdout, "Bienestar") || !strings.Contains(stdout, "Salud") {
		t.Errorf("the summary does not group by institution:\n%s", stdout)
	}
	t.Setenv("ALCANCE_TEST_INV_PW", "")
	for name, body := range map[string]string{
		"unknown key":   "sources:\n  - url: " + noFindings(t) + "\n    incldue: [x]\n",
		"no url":        "sources:\n  - name: x\n",
		"empty":         "",
		"no sources":    "sources: []\n",
		"env unset":     "sources:\n  - url: " + noFindings(t) + "\n    password_env: ALCANCE_TEST_INV_PW\n",
		"both":          "sources:\n  - url: " + noFindings(t) + "\n    password_env: A\n    password_file: B\n",
		"bad pattern":   "sources:\n  - url: " + noFindings(t) + "\n    include: ['[']\n",
		"duplicate":     "sources:\n  - name: a\n    url: " + noFindings(t) + "\n  - name: a\n    url: " + noFindings(t) + "\n",
		"malformed url": "sources:\n  - url: ftp://x\n",
	} {
		write(body)
		if code, _, stderr := runCLI("scan", "--inventory", inv); code != exitUsage {
			t.Errorf("%s: exit %d, want 2; stderr:\n%s", name, code, stderr)
		}
	}
	if code, _, _ := runCLI("scan", "--inventory", filepath.Join(dir, "none.yaml")); code != exitUsage {
		t.Errorf("missing inventory: exit %d, want 2", code)
	}
}

// Passwords in an inventory come from the environment or a file.
func TestInventoryPasswords(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("s3cret\n"), 0o600)
	t.Setenv("ALCANCE_TEST_INV_PW", "from-env")
	specs, err := parseInventory([]byte("sources:\n  - url: postgres://u@127.0.0.1/db\n    password_env: ALCANCE_TEST_INV_PW\n"+
		"  - url: mysql://u@127.0.0.1/other\n    password_file: "+pw+"\n    include: [\"public.*\"]\n"), os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	if specs[0].Password != "from-env" || specs[1].Password != "s3cret" || specs[1].Include[0] != "public.*" {
		t.Errorf("specs %+v", specs)
	}
	for _, s := range specs {
		if strings.Contains(s.Location, "s3cret") || strings.Contains(s.Location, "from-env") {
			t.Errorf("a password in the location %q", s.Location)
		}
	}
}

// Two sources with the same name are told apart in the summary.
func TestSummaryNamesUnique(t *testing.T) {
	a, b := withCURPs(t), withCURPs(t) // both named src.db, in two folders
	code, stdout, _ := runCLI("scan", "--lang", "en", a, b)
	if code != exitOK {
		t.Fatal(code)
	}
	if !strings.Contains(stdout, "src #1") || !strings.Contains(stdout, "src #2") {
		t.Errorf("two sources named src are not told apart:\n%s", stdout)
	}
}

// Control characters in a table's name reach no output raw: not the
// terminal (summary, progress lines, errors) and not the CSV file.
func TestControlCharactersEscaped(t *testing.T) {
	dir := t.TempDir()
	name := "pad\x1b[2J\x1b]0;pwned\x07ron\nforged"
	db := sqliteDB(t, `CREATE TABLE "`+name+`" (curp TEXT, "nombre`+"\x1b[31m"+`" TEXT)`,
		`INSERT INTO "`+name+`" VALUES ('HEGG560427MVZRRL04', 'JUAN PEREZ')`)
	csvOut := filepath.Join(dir, "r.csv")
	code, stdout, stderr := runCLI("scan", "-o", csvOut, "-o", filepath.Join(dir, "r.md"), db)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	csv, _ := os.ReadFile(csvOut)
	md, _ := os.ReadFile(filepath.Join(dir, "r.md"))
	for what, out := range map[string]string{"stdout": stdout, "stderr": stderr, "csv": string(csv), "md": string(md)} {
		if strings.ContainsAny(out, "\x1b\x07\x00") {
			t.Errorf("%s holds a raw control character:\n%q", what, out)
		}
	}
	if strings.Contains(stderr, "\nforged") {
		t.Error("a newline in a table name split a progress line")
	}
	if !strings.Contains(string(csv), `pad\x1b[2J`) {
		t.Errorf("the CSV does not show the escaped name:\n%s", csv)
	}
}

// Progress: plain lines on a pipe, nothing with --quiet.
func TestProgressPlainAndQuiet(t *testing.T) {
	db := withCURPs(t)
	_, _, stderr := runCLI("scan", db)
	if !strings.Contains(stderr, "alcance: scanning src main.padron") {
		t.Errorf("no plain progress lines on a pipe:\n%s", stderr)
	}
	_, stdout, stderr := runCLI("scan", "--quiet", db)
	if stdout != "" || stderr != "" {
		t.Errorf("--quiet printed:\n%s%s", stdout, stderr)
	}
}
