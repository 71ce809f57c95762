package synth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

func writeDB(t *testing.T, c *Corpus) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "corpus.db")
	start := time.Now()
	if err := c.WriteSQLite(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, tb := range c.Tables {
		rows += tb.Rows
	}
	el := time.Since(start)
	t.Logf("WriteSQLite: %d persons, %d tables, %d rows in %v (%.0f rows/s)",
		c.Pool.Len(), len(c.Tables), rows, el.Round(time.Millisecond), float64(rows)/el.Seconds())
	return path
}

func openDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Labels.Persons is what an independent reader of the SQLite file counts:
// distinct values passing ParseCURP across every column labelled only curp.
func TestSQLiteRecountPersons(t *testing.T) {
	start := time.Now()
	c, err := Generate(Config{Seed: 2026, Persons: 20000})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Generate: 20000 persons in %v", time.Since(start).Round(time.Millisecond))
	db := openDB(t, writeDB(t, c))
	l := c.Labels()
	all := map[string]bool{}
	for k, tb := range c.Tables {
		var n int
		if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM %q", tb.Name)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != tb.Rows {
			t.Errorf("%s: %d rows in the file, %d declared", tb.Name, n, tb.Rows)
		}
		here := map[string]bool{}
		for col, cats := range l.Tables[k].Columns {
			if len(cats) != 1 || cats[0] != taxonomy.CURP {
				continue
			}
			rs, err := db.Query(fmt.Sprintf("SELECT DISTINCT %q FROM %q WHERE %q IS NOT NULL", col, tb.Name, col))
			if err != nil {
				t.Fatal(err)
			}
			for rs.Next() {
				var s string
				if err := rs.Scan(&s); err != nil {
					t.Fatal(err)
				}
				if cu, why := validate.ParseCURP(s, c.Config.Today); why == validate.OK {
					here[cu.Value], all[cu.Value] = true, true
				}
			}
			rs.Close()
		}
		if len(here) != l.Tables[k].Persons {
			t.Errorf("%s: %d persons in the file, labels say %d", tb.Name, len(here), l.Tables[k].Persons)
		}
	}
	t.Logf("persons: labels %d, recount %d", l.Persons, len(all))
	if len(all) != l.Persons {
		t.Errorf("recount %d distinct valid CURPs, labels say %d", len(all), l.Persons)
	}
}

// The same seed writes the same table contents; the declared types survive.
func TestSQLiteDeterministic(t *testing.T) {
	dump := func(path string) map[string]string {
		db := openDB(t, path)
		out := map[string]string{}
		c := corpus(t)
		for _, tb := range c.Tables {
			h := sha256.New()
			rs, err := db.Query(fmt.Sprintf("SELECT * FROM %q ORDER BY rowid", tb.Name))
			if err != nil {
				t.Fatal(err)
			}
			vals := make([]any, len(tb.Columns))
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rs.Next() {
				if err := rs.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(h, "%#v\n", vals)
			}
			rs.Close()
			out[tb.Name] = fmt.Sprintf("%x", h.Sum(nil))
		}
		return out
	}
	c1, _ := Generate(Config{Seed: 42, Persons: 5000})
	a, b := dump(writeDB(t, c1)), dump(writeDB(t, corpus(t)))
	for name, h := range a {
		if b[name] != h {
			t.Errorf("%s: same seed, different SQLite contents", name)
		}
	}

	db := openDB(t, writeDB(t, corpus(t)))
	var typ string
	if err := db.QueryRow(`SELECT type FROM pragma_table_info('padron_beneficiarios') WHERE name='curp'`).Scan(&typ); err != nil {
		t.Fatal(err)
	}
	if typ != "CHAR(18)" {
		t.Errorf("curp declared %q", typ)
	}
	// the stored text, not what the driver makes of a DATE column
	var kind, fecha, hora string
	if err := db.QueryRow(`SELECT typeof(fecha_nacimiento), fecha_nacimiento || '' FROM padron_beneficiarios LIMIT 1`).Scan(&kind, &fecha); err != nil {
		t.Fatal(err)
	}
	if _, err := time.Parse("2006-01-02", fecha); err != nil || kind != "text" {
		t.Errorf("DATE stored as %s %q", kind, fecha)
	}
	if err := db.QueryRow(`SELECT fecha_consulta || '' FROM consultas LIMIT 1`).Scan(&hora); err != nil {
		t.Fatal(err)
	}
	if _, err := time.Parse("2006-01-02 15:04:05", hora); err != nil {
		t.Errorf("TIMESTAMP stored as %q", hora)
	}
}

// WriteSQLite never overwrites a file.
func TestSQLiteRefusesToOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := Generate(Config{Seed: 1, Persons: 10})
	if err := c.WriteSQLite(context.Background(), path); !errors.Is(err, os.ErrExist) {
		t.Fatalf("got %v, want os.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Error("existing file was touched")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	other := filepath.Join(t.TempDir(), "y.db")
	if err := c.WriteSQLite(ctx, other); err == nil {
		t.Error("cancelled context: no error")
	}
	if _, err := os.Stat(other); !errors.Is(err, os.ErrNotExist) {
		t.Error("failed write left a file behind")
	}
}
