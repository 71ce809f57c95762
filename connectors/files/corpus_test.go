package files_test

import (
	"archive/zip"
	"context"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
	_ "github.com/alcance-mx/alcance/connectors/files"
	_ "github.com/alcance-mx/alcance/connectors/sqlite"
	"github.com/alcance-mx/alcance/internal/eval"
	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/alcance-mx/alcance/reports"
)

// The generated corpus, exported to every form a responder may hold, must
// give the findings its SQLite scan gives: column F1 (internal/eval)
// within 0.01 and the same persons figure. Names are mapped back to the
// corpus's before scoring: report tables are named after files
// (padron_beneficiarios.csv.gz, corpus.xlsx/SHEET, dump.sql/TABLE), and
// dBase fields have ten characters at most.

var (
	corpusOnce sync.Once
	corpusGen  *synth.Corpus
	corpusBase *reports.Report
	corpusErr  error
)

func corpus(t *testing.T) (*synth.Corpus, *reports.Report) {
	t.Helper()
	corpusOnce.Do(func() {
		corpusGen, corpusErr = synth.Generate(synth.Config{Seed: 5, Persons: 2500})
		if corpusErr != nil {
			return
		}
		dir, err := os.MkdirTemp("", "alcance-files-corpus")
		if err != nil {
			corpusErr = err
			return
		}
		defer os.RemoveAll(dir)
		db := filepath.Join(dir, "corpus.db")
		if corpusErr = corpusGen.WriteSQLite(context.Background(), db); corpusErr != nil {
			return
		}
		corpusBase, corpusErr = scanPath(db)
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusGen, corpusBase
}

func scanPath(source string) (*reports.Report, error) {
	spec, err := connectors.Parse(source)
	if err != nil {
		return nil, err
	}
	rep, _ := scan.Run(context.Background(), scan.Config{Sources: []connectors.Spec{spec},
		Connect: connectors.DefaultOptions(), SampleRows: 10000})
	return rep, nil
}

// renamer maps a report's table and column names back to the corpus's.
type renamer struct {
	table  func(name string) string
	column func(table, col string) string
	// f1Slack widens the F1 tolerance (0.01) for a form whose detection
	// the format itself degrades, with the reason.
	f1Slack float64
}

// baseName strips a file table's path and extensions: dump.sql/personas
// and sub/personas.csv.gz are personas.
func baseName(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSuffix(name, ".gz")
	for _, ext := range []string{".csv", ".tsv", ".jsonl", ".dbf"} {
		name = strings.TrimSuffix(name, ext)
	}
	return name
}

func checkForm(t *testing.T, source string, rn renamer) {
	t.Helper()
	gen, base := corpus(t)
	rep, err := scanPath(source)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rep.Sources {
		s := &rep.Sources[i]
		for _, e := range s.Errors {
			t.Errorf("scan error: %s: %s", e.Table, e.Error)
		}
		for _, sk := range s.Skipped {
			t.Errorf("skipped: %s: %s", sk.Path, sk.Reason)
		}
		for j := range s.Tables {
			tb := &s.Tables[j]
			orig := tb.Name
			tb.Name = baseName(orig)
			if rn.table != nil {
				tb.Name = rn.table(orig)
			}
			if rn.column != nil {
				for k := range tb.Columns {
					tb.Columns[k].Name = rn.column(tb.Name, tb.Columns[k].Name)
				}
			}
		}
	}
	labels := gen.Labels()
	want, got := eval.Score(base, labels), eval.Score(rep, labels)
	if len(got.MissingTables) > 0 {
		t.Errorf("tables not found: %v", got.MissingTables)
	}
	wf, gf := want.Overall.F1(), got.Overall.F1()
	t.Logf("column F1 %.4f (SQLite %.4f); persons %d (SQLite %d)", gf, wf, rep.Exposure.Persons.Value, base.Exposure.Persons.Value)
	if tol := 0.01 + rn.f1Slack; gf < wf-tol || gf > wf+tol {
		t.Errorf("column F1 %.4f, SQLite's %.4f: more than %.2f apart", gf, wf, tol)
		for _, m := range got.Mistakes {
			t.Logf("  %s %s.%s %s", m.Kind, m.Table, m.Column, m.Category)
		}
	}
	if g, w := rep.Exposure.Persons.Value, base.Exposure.Persons.Value; g != w {
		t.Errorf("persons %d, SQLite %d", g, w)
	}
}

func TestCorpusAsCSV(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the corpus: not in -short")
	}
	for _, tc := range []struct {
		name string
		opt  synth.CSVOptions
	}{
		{"utf-8", synth.CSVOptions{Encoding: synth.UTF8}},
		{"utf-8-bom", synth.CSVOptions{Encoding: synth.UTF8BOM}},
		{"windows-1252", synth.CSVOptions{Encoding: synth.Windows1252}},
		{"cp850", synth.CSVOptions{Encoding: synth.CP850, Delimiter: ';'}},
		{"utf-16le-tsv", synth.CSVOptions{Encoding: synth.UTF16LE, Delimiter: '\t'}},
		{"gzip", synth.CSVOptions{Encoding: synth.Windows1252, Gzip: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gen, _ := corpus(t)
			dir := t.TempDir()
			if err := gen.WriteCSV(dir, tc.opt); err != nil {
				t.Fatal(err)
			}
			checkForm(t, dir, renamer{})
		})
	}
}

func TestCorpusAsJSONL(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the corpus: not in -short")
	}
	gen, _ := corpus(t)
	dir := t.TempDir()
	if err := gen.WriteJSONL(dir, true); err != nil {
		t.Fatal(err)
	}
	checkForm(t, dir, renamer{})
}

func TestCorpusAsXLSX(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the corpus: not in -short")
	}
	gen, _ := corpus(t)
	dir := t.TempDir()
	sheets, err := gen.WriteXLSX(filepath.Join(dir, "corpus.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	checkForm(t, dir, renamer{table: func(name string) string { return sheets[path.Base(name)] }})
}

func TestCorpusAsDBF(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the corpus: not in -short")
	}
	for _, enc := range []synth.Encoding{synth.Windows1252, synth.CP850} {
		t.Run(string(enc), func(t *testing.T) {
			gen, _ := corpus(t)
			dir := t.TempDir()
			fields, err := gen.WriteDBF(dir, enc)
			if err != nil {
				t.Fatal(err)
			}
			// The detectors see the ten-character field names
			// (HIPERTENSI, FOLIO_POLI, CLUES_ADSC) and read them as the
			// start of longer names.
			checkForm(t, dir, renamer{column: func(table, col string) string {
				if c, ok := fields[table][col]; ok {
					return c
				}
				return col
			}})
		})
	}
}

// TestCorpusAsZip scans a zip archive of the CSV export, given as the
// source itself.
func TestCorpusAsZip(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the corpus: not in -short")
	}
	gen, _ := corpus(t)
	dir := t.TempDir()
	if err := gen.WriteCSV(dir, synth.CSVOptions{Encoding: synth.UTF8}); err != nil {
		t.Fatal(err)
	}
	zpath := filepath.Join(t.TempDir(), "export.zip")
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		w, err := zw.Create("datos/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		r, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, r)
		r.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	checkForm(t, zpath, renamer{})
}

// TestCorpusAsPgDump loads the corpus into PostgreSQL and scans what
// pg_dump writes of it: COPY blocks, and INSERTs with --inserts.
func TestCorpusAsPgDump(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the corpus: not in -short")
	}
	u := testdb.Postgres(t, "alcance_files_dump")
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump is not installed")
	}
	gen, _ := corpus(t)
	if err := gen.WritePostgres(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"copy", nil},
		{"inserts", []string{"--inserts", "--rows-per-insert=50"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "corpus.sql")
			args := append([]string{"--no-owner", "-d", u, "-f", out}, tc.args...)
			if b, err := exec.Command("pg_dump", args...).CombinedOutput(); err != nil {
				t.Fatalf("pg_dump: %v: %s", err, b)
			}
			checkForm(t, out, renamer{})
		})
	}
}

// TestCorpusAsMysqldump loads the corpus into MariaDB (the civil registry
// as latin1) and scans what mysqldump writes of it.
func TestCorpusAsMysqldump(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the corpus: not in -short")
	}
	u := testdb.MySQL(t, "alcance_files_dump")
	tool := "mysqldump"
	if _, err := exec.LookPath(tool); err != nil {
		if _, err := exec.LookPath("mariadb-dump"); err != nil {
			t.Skip("mysqldump is not installed")
		}
		tool = "mariadb-dump"
	}
	gen, _ := corpus(t)
	if err := gen.WriteMySQL(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"extended", nil},
		{"complete-insert", []string{"--complete-insert", "--skip-extended-insert", "--databases"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "corpus.sql")
			args := []string{"-h", pu.Hostname(), "-P", pu.Port(), "-u", pu.User.Username(), "--single-transaction", "--routines", "--triggers", "-r", out}
			args = append(append(args, tc.args...), strings.TrimPrefix(pu.Path, "/"))
			cmd := exec.Command(tool, args...)
			if p, ok := pu.User.Password(); ok {
				cmd.Env = append(os.Environ(), "MYSQL_PWD="+p)
			}
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v: %s", tool, err, b)
			}
			checkForm(t, out, renamer{})
		})
	}
}
