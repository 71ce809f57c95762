package files_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/reports"
)

// The fixtures in testdata/files are small files of every form, with
// invented people whose CURPs validate (testdata/files/README.md says
// what each holds); the golden report beside them,
// testdata/files.golden.json, is what scanning the folder gives.
//
//	go test ./connectors/files -run TestGolden -update
//
// rewrites the golden report and the binary fixtures (the dBase table and
// its memo file, the workbook, the archives, the SQLite database), which
// are generated here from the rows below.

var update = flag.Bool("update", false, "rewrite the golden report and the generated fixtures")

const fixtures = "../../testdata/files"

// fixturePeople are the invented people of the generated fixtures: name,
// paternal and maternal surnames, birth date, CURP.
var fixturePeople = [][5]string{
	{"JUAN", "PEREZ", "GARCIA", "1980-01-01", "PEGJ800101HDFRRN03"},
	{"MARIA", "LOPEZ", "MARTINEZ", "1975-03-12", "LOMM750312MJCPRR04"},
	{"ANA", "NUÑEZ", "PARRA", "1990-08-25", "NUPA900825MNLXRN00"},
	{"RAUL", "GARCIA", "HERRERA", "1962-11-30", "GAHR621130HVZRRL06"},
	{"OLGA", "SANCHEZ", "MORENO", "1985-06-05", "SAMO850605MOCNRL00"},
	{"LUIS", "RODRIGUEZ", "CASTRO", "2001-02-14", "ROCL010214HPLDSSA1"},
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureCorpus holds the generated fixtures' tables.
func fixtureCorpus(t *testing.T) *synth.Corpus {
	diagnoses := []string{"DIABETES MELLITUS TIPO 2 (E11.9), EN CONTROL", "", "HIPERTENSION ESENCIAL (I10)",
		"ASMA (J45.0); USA INHALADOR DE RESCATE", "", "SIN PADECIMIENTOS CRONICOS"}
	paciente := func(*synth.Pool, *rand.Rand) *synth.Table {
		return &synth.Table{
			Name: "PACIENTE",
			Columns: []synth.Column{
				{Name: "CURP", Type: synth.Char(18)},
				{Name: "NOMBRE", Type: synth.Varchar(30)},
				{Name: "APELLIDO_PATERNO", Type: synth.Varchar(30)},
				{Name: "APELLIDO_MATERNO", Type: synth.Varchar(30)},
				{Name: "FECHA_NACIMIENTO", Type: synth.Date},
				{Name: "DIAGNOSTICO", Type: synth.Text},
			},
			Rows: len(fixturePeople),
			Generate: func(yield func([]any) bool) {
				for i, p := range fixturePeople {
					var dx any
					if diagnoses[i] != "" {
						dx = diagnoses[i]
					}
					if !yield([]any{p[4], p[0], p[1], p[2], day(p[3]), dx}) {
						return
					}
				}
			},
		}
	}
	contactos := func(*synth.Pool, *rand.Rand) *synth.Table {
		phones := []string{"55 1234 5678", "33 9876 5432", "81 8123 4567", "228 812 3456", "951 514 2233", "222 245 6789"}
		return &synth.Table{
			Name: "contactos",
			Columns: []synth.Column{
				{Name: "curp", Type: synth.Char(18)},
				{Name: "nombre_completo", Type: synth.Varchar(90)},
				{Name: "telefono", Type: synth.Varchar(20)},
				{Name: "alta", Type: synth.Timestamp},
			},
			Rows: len(fixturePeople),
			Generate: func(yield func([]any) bool) {
				for i, p := range fixturePeople {
					alta := time.Date(2023, time.Month(i+1), 10, 9, 30, 0, 0, time.UTC)
					if !yield([]any{p[4], p[0] + " " + p[1] + " " + p[2], phones[i], alta}) {
						return
					}
				}
			},
		}
	}
	c, err := synth.Generate(synth.Config{Seed: 1, Persons: 10, Styles: []synth.Style{{Name: "PACIENTE", Build: paciente}, {Name: "contactos", Build: contactos}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// writeFixtures generates the binary fixtures.
func writeFixtures(t *testing.T) {
	c := fixtureCorpus(t)
	tmp := t.TempDir()
	for _, sub := range []string{"dbf", "xlsx", "csv", "jsonl", "sqlite"} {
		os.MkdirAll(filepath.Join(tmp, sub), 0o755)
	}
	if _, err := c.WriteDBF(filepath.Join(tmp, "dbf"), synth.CP850); err != nil {
		t.Fatal(err)
	}
	if _, err := c.WriteXLSX(filepath.Join(tmp, "xlsx", "libro.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteCSV(filepath.Join(tmp, "csv"), synth.CSVOptions{Encoding: synth.UTF8BOM}); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteJSONL(filepath.Join(tmp, "jsonl"), true); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteSQLite(context.Background(), filepath.Join(tmp, "sqlite", "legacy.db")); err != nil {
		t.Fatal(err)
	}
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(to), 0o755)
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(filepath.Join(tmp, "dbf", "PACIENTE.dbf"), filepath.Join(fixtures, "foxpro", "PACIENTE.DBF"))
	copyFile(filepath.Join(tmp, "dbf", "PACIENTE.fpt"), filepath.Join(fixtures, "foxpro", "PACIENTE.FPT"))
	copyFile(filepath.Join(tmp, "xlsx", "libro.xlsx"), filepath.Join(fixtures, "libro.xlsx"))
	copyFile(filepath.Join(tmp, "jsonl", "contactos.jsonl.gz"), filepath.Join(fixtures, "contactos.jsonl.gz"))
	copyFile(filepath.Join(tmp, "sqlite", "legacy.db"), filepath.Join(fixtures, "legacy.db"))
	// A zip archive of the CSV export (UTF-8 with a byte-order mark) and
	// a gzip'd copy of the dBase table, to read inside the archive.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for _, m := range []struct{ name, from string }{
		{"export/contactos.csv", filepath.Join(tmp, "csv", "contactos.csv")},
		{"export/PACIENTE.csv", filepath.Join(tmp, "csv", "PACIENTE.csv")},
	} {
		b, _ := os.ReadFile(m.from)
		fh := &zip.FileHeader{Name: m.name, Method: zip.Deflate, Modified: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	zw.Close()
	if err := os.WriteFile(filepath.Join(fixtures, "export.zip"), zb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// normalized is a report with what changes between runs removed.
func normalized(t *testing.T, rep *reports.Report) []byte {
	rep.Scan.StartedAt, rep.Scan.FinishedAt = time.Time{}, time.Time{}
	rep.Tool.Version = "test"
	for i := range rep.Sources {
		rep.Sources[i].Location = "testdata/files"
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func TestGolden(t *testing.T) {
	if *update {
		writeFixtures(t)
	}
	spec, err := connectors.Parse(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := scan.Run(context.Background(), scan.Config{Sources: []connectors.Spec{spec},
		Connect: connectors.DefaultOptions(), SampleRows: 10000, Today: synth.DefaultToday,
		HashKey: bytes.Repeat([]byte{7}, 32)})
	got := normalized(t, rep)
	golden := filepath.Join(fixtures, "..", "files.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		d := filepath.Join(t.TempDir(), "got.json")
		os.WriteFile(d, got, 0o644)
		t.Errorf("the report of %s differs from %s (got: %s; rerun with -update after checking)", fixtures, golden, d)
	}
	var _ = io.EOF
}
