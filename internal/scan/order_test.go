package scan

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/synth"
)

// A column whose format changed over the years is judged on all its rows,
// not on the oldest: a register whose first 2,500 rows (in storage order,
// as connectors return them) hold an old file number and whose later
// 3,500 hold CURPs is a CURP column. The classifier judges the first
// values of a sample, so the engine puts the sample's rows in a random
// order first.
func TestOldestRowsDoNotSpeakForTheTable(t *testing.T) {
	gen, err := synth.Generate(synth.Config{Seed: 11, Persons: 4000})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "altas.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE altas (id INTEGER PRIMARY KEY, clave TEXT, alta TEXT)`); err != nil {
		t.Fatal(err)
	}
	tx, _ := db.Begin()
	for i := range 6000 {
		clave := fmt.Sprintf("EXP-%06d/%02d", 48213+i*7, 80+i%20)
		if i >= 2500 {
			clave = gen.Pool.CURP(int32(i % gen.Pool.Len()))
		}
		if _, err := tx.Exec(`INSERT INTO altas (clave, alta) VALUES (?, ?)`, clave, "archivo"); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	spec, err := connectors.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, out := Run(context.Background(), Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions(), SampleRows: 10000})
	if out.TablesFailed > 0 || out.SourcesFailed > 0 {
		t.Fatalf("%+v", rep.Errors())
	}
	var got []string
	for _, c := range rep.Sources[0].Tables[0].Columns {
		if c.Name != "clave" {
			continue
		}
		for _, f := range c.Findings {
			got = append(got, f.Category)
		}
	}
	if len(got) == 0 || got[0] != "curp" {
		t.Errorf("clave (2,500 old file numbers, then 3,500 CURPs): findings %v, want curp", got)
	}
}
