package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/exposure"
	"github.com/alcance-mx/alcance/internal/synth"
)

// TestNoCompleteValueLeaves scans the synthetic legacy database into every
// output format, on stdout and in files, with progress on stderr, then
// reads every value of every text column straight from the database (not
// from the scanner's findings, so a column the scanner missed cannot hide
// a leak) and looks for each, complete, in everything alcance wrote.
func TestNoCompleteValueLeaves(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "legacy.db")
	corpus, err := synth.Generate(synth.Config{Seed: 11, Persons: 1500})
	if err != nil {
		t.Fatal(err)
	}
	if err := corpus.WriteSQLite(context.Background(), db); err != nil {
		t.Fatal(err)
	}

	var outputs strings.Builder
	files := []string{"r.json", "r.html", "r.md", "r.csv"}
	for _, format := range []string{"table", "json", "md", "csv"} {
		args := []string{"scan", "--format", format, "--sample-rows", "500"}
		for _, f := range files {
			args = append(args, "-o", filepath.Join(dir, format+"-"+f))
		}
		code, stdout, stderr := runCLI(append(args, db)...)
		if code != exitOK {
			t.Fatalf("--format %s: exit %d\n%s", format, code, stderr)
		}
		outputs.WriteString(stdout)
		outputs.WriteString(stderr)
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(dir, format+"-"+f))
			if err != nil {
				t.Fatal(err)
			}
			outputs.Write(b)
		}
	}
	all := outputs.String()

	values, identifiers := textValues(t, db)
	checked := 0
	for v := range values {
		// Short values ("H", "14", "SI") occur in any text by chance, and
		// so do short numbers (a postal code may equal a record count the
		// report computes); values equal to a table or column name (an
		// audit log's "tabla" column) appear because the report names
		// what it scanned.
		if len([]rune(v)) < 5 || digitsOnly(v) && len(v) < 7 || identifiers[strings.ToLower(v)] {
			continue
		}
		checked++
		if strings.Contains(all, v) {
			t.Errorf("a complete value from the source appears in the output: %q", v)
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d values checked; the corpus is too small to mean anything", checked)
	}
	t.Logf("%d distinct values checked against %d bytes of output", checked, len(all))
}

// textValues reads every distinct non-empty value of every text column,
// trimmed of the CHAR padding legacy tables carry, and the names of tables
// and columns.
func textValues(t *testing.T, path string) (values map[string]bool, identifiers map[string]bool) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	values, identifiers = map[string]bool{}, map[string]bool{}
	rows, err := db.Query("SELECT name FROM sqlite_schema WHERE type = 'table'")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
		identifiers[strings.ToLower(n)] = true
	}
	rows.Close()
	for _, tbl := range tables {
		cols, err := db.Query(fmt.Sprintf("SELECT name FROM pragma_table_info('%s')", tbl))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for cols.Next() {
			var n string
			cols.Scan(&n)
			names = append(names, n)
			identifiers[strings.ToLower(n)] = true
		}
		cols.Close()
		for _, c := range names {
			r, err := db.Query(fmt.Sprintf(`SELECT CAST(%q AS TEXT) FROM %q WHERE typeof(%q) = 'text'`, c, tbl, c))
			if err != nil {
				t.Fatal(err)
			}
			for r.Next() {
				var v sql.NullString
				r.Scan(&v)
				if s := strings.TrimSpace(v.String); s != "" {
					values[s] = true
				}
			}
			r.Close()
		}
	}
	return values, identifiers
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// TestPersonsFileHoldsNoValue writes a persons file and a report for merge
// and looks in them for every text value of the source, and for the forms
// identity keys are made from (a normalised name, a date as YYYY-MM-DD):
// a persons file holds keyed hashes only.
func TestPersonsFileHoldsNoValue(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "legacy.db")
	corpus, err := synth.Generate(synth.Config{Seed: 12, Persons: 1500})
	if err != nil {
		t.Fatal(err)
	}
	if err := corpus.WriteSQLite(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "k")
	os.WriteFile(key, []byte("0123456789abcdef0123456789abcdef"), 0o600)
	code, _, stderr := runCLI("scan", "--quiet", "--hash-key-file", key, "--persons-out", filepath.Join(dir, "p.bin"),
		"-o", filepath.Join(dir, "r.json"), db)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var all []byte
	for _, f := range []string{"p.bin", "r.json"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	text := string(all)
	values, identifiers := textValues(t, db)
	checked := 0
	for v := range values {
		if len([]rune(v)) < 5 || digitsOnly(v) && len(v) < 7 || identifiers[strings.ToLower(v)] {
			continue
		}
		forms := []string{v}
		if k := exposure.NameKey(v); len(k) >= 5 {
			forms = append(forms, k)
		}
		for _, f := range forms {
			checked++
			if strings.Contains(text, f) {
				t.Errorf("the persons file or report holds %q", f)
			}
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d values checked", checked)
	}
}
