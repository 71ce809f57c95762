package synth

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
	_ "github.com/alcance-mx/alcance/connectors/mysql"
	_ "github.com/alcance-mx/alcance/connectors/postgres"
	_ "github.com/alcance-mx/alcance/connectors/sqlite"
	"github.com/alcance-mx/alcance/internal/testdb"
)

// listed opens a written corpus through alcance's own connector and
// returns its tables by name.
func listed(t *testing.T, source string) map[string]connectors.Table {
	t.Helper()
	spec, err := connectors.Parse(source)
	if err != nil {
		t.Fatal(err)
	}
	src, err := connectors.Open(context.Background(), spec, connectors.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	tables, err := src.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]connectors.Table{}
	for _, tb := range tables {
		out[tb.Name] = tb
	}
	return out
}

// fkText is a foreign key as text, to compare keys whatever order a
// catalog lists them in (SQLite by declaration, PostgreSQL by name).
func fkText(cols []string, schema, table string, ref []string) string {
	return fmt.Sprintf("%q -> %s.%s %q", cols, schema, table, ref)
}

// checkDeclared fails unless every table was read back with exactly the
// keys the corpus declares (none at all when declared is false).
func checkDeclared(t *testing.T, c *Corpus, got map[string]connectors.Table, schema string, declared bool) {
	t.Helper()
	fks := 0
	for _, tb := range c.Tables {
		g, ok := got[tb.Name]
		if !ok {
			t.Errorf("%s not listed", tb.Name)
			continue
		}
		var wantPK []string
		var wantFKs, gotFKs []string
		if declared {
			wantPK = tb.PrimaryKey
			for _, fk := range tb.ForeignKeys {
				wantFKs = append(wantFKs, fkText(fk.Columns, schema, fk.RefTable, fk.RefColumns))
			}
		}
		for _, fk := range g.ForeignKeys {
			gotFKs = append(gotFKs, fkText(fk.Columns, fk.RefSchema, fk.RefTable, fk.RefColumns))
		}
		slices.Sort(wantFKs)
		slices.Sort(gotFKs)
		fks += len(gotFKs)
		if !slices.Equal(g.PrimaryKey, wantPK) {
			t.Errorf("%s: primary key %q, want %q", tb.Name, g.PrimaryKey, wantPK)
		}
		if !slices.Equal(gotFKs, wantFKs) {
			t.Errorf("%s: foreign keys\n%s\nwant\n%s", tb.Name, strings.Join(gotFKs, "\n"), strings.Join(wantFKs, "\n"))
		}
	}
	if declared && fks == 0 {
		t.Error("no foreign key read back")
	}
}

// The SQLite file declares every key of the corpus, and SQLite finds no
// row that breaks one.
func TestSQLiteKeys(t *testing.T) {
	c, err := Generate(Config{Seed: 11, Persons: 2000, Styles: allStyles()})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "keys.db")
	if err := c.WriteSQLite(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	checkDeclared(t, c, listed(t, path), "main", true)
	rows, err := openDB(t, path).Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s row %v breaks its foreign key into %s", table, rowid, parent)
	}
}

// The PostgreSQL database declares every key of the corpus (PostgreSQL
// checked each foreign key against the rows when it was added).
func TestPostgresKeys(t *testing.T) {
	u := testdb.Postgres(t, "alcance_synth_pg_keys")
	c, err := Generate(Config{Seed: 11, Persons: 2000, Styles: allStyles()})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.WritePostgres(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	checkDeclared(t, c, listed(t, u), "public", true)
}

// The MariaDB database declares no key at all: it stands for legacy
// schemas whose links live only in names and values.
func TestMySQLNoKeys(t *testing.T) {
	u := testdb.MySQL(t, "alcance_synth_my_keys")
	c, err := Generate(Config{Seed: 11, Persons: 2000, Styles: allStyles()})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.WriteMySQL(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	checkDeclared(t, c, listed(t, u), "", false)
}
