package mssql

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	_ "github.com/alcance-mx/alcance/connectors/sqlite"
	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/alcance-mx/alcance/reports"
)

// TestLiveCorpus loads the labelled synthetic corpus into a TDS server
// (database alcance_msconn_corpus, dropped first and at the end) and scans
// it and its SQLite copy: every table must be scanned, with the same
// categories per column and the same number of distinct persons. Its size
// and corpus come from the environment, so that the one `make eval`
// measures can be compared:
//
//	ALCANCE_TEST_MSSQL_CORPUS=tuning|eval (default tuning)
//	ALCANCE_TEST_MSSQL_PERSONS=20000 ALCANCE_TEST_MSSQL_SEED=7 (default 2500 and 7)
//
// The loader is test-only: text goes to nvarchar, except the columns the
// corpus marks legacy (MariaDB's latin1), which go to varchar in the
// database's code page (CP1252 collations), as on legacy servers.
func TestLiveCorpus(t *testing.T) {
	admin := testdb.MSSQLAdmin(t)
	persons, seed := envInt(t, "ALCANCE_TEST_MSSQL_PERSONS", 2500), envInt(t, "ALCANCE_TEST_MSSQL_SEED", 7)
	styles := synth.DefaultStyles()
	if os.Getenv("ALCANCE_TEST_MSSQL_CORPUS") == "eval" {
		styles = synth.EvalStyles()
	}
	ctx := context.Background()
	gen, err := synth.Generate(synth.Config{Seed: uint64(seed), Persons: persons, Styles: styles})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "corpus.db")
	if err := gen.WriteSQLite(ctx, path); err != nil {
		t.Fatal(err)
	}
	const db = "alcance_msconn_corpus"
	e := &liveEnv{admin: admin}
	master, err := e.adminDB("master")
	if err != nil {
		t.Fatal(err)
	}
	defer master.Close()
	drop := func() {
		m, err := e.adminDB("master") // its own: master is closed when the test's function returns
		if err != nil {
			return
		}
		defer m.Close()
		if execAll(ctx, m, "IF DB_ID(N'"+db+"') IS NOT NULL ALTER DATABASE ["+db+"] SET SINGLE_USER WITH ROLLBACK IMMEDIATE") != nil {
			killSessions(ctx, m, db)
		}
		if err := execAll(ctx, m, "IF DB_ID(N'"+db+"') IS NOT NULL DROP DATABASE ["+db+"]"); err != nil {
			t.Errorf("dropping %s: %v", db, err)
		}
	}
	drop()
	t.Cleanup(drop)
	if err := execAll(ctx, master, "CREATE DATABASE ["+db+"]"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rows, err := loadTDS(ctx, e, db, gen)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d tables, %d rows through TDS in %s", len(gen.Tables), rows, time.Since(start).Round(time.Second))

	base := scanSource(t, path)
	got := scanSource(t, e.url(t, "", "", db))
	t.Logf("SQLite: persons %d, %d findings; TDS: persons %d, %d findings (truth: %d persons)",
		base.Exposure.Persons.Value, len(findings(base)), got.Exposure.Persons.Value, len(findings(got)), gen.Labels().Persons)
	if g, w := got.Exposure.Persons.Value, base.Exposure.Persons.Value; g != w {
		t.Errorf("persons %d, SQLite %d", g, w)
	}
	want, have := findings(base), findings(got)
	if missing, extra := minus(want, have), minus(have, want); len(missing)+len(extra) > 0 {
		t.Errorf("findings differ from SQLite's:\nmissing %v\nextra %v", missing, extra)
	}
	if len(got.Sources[0].Tables) != len(gen.Tables) {
		t.Errorf("%d tables scanned, %d loaded", len(got.Sources[0].Tables), len(gen.Tables))
	}
	for _, w := range got.Sources[0].Warnings {
		t.Logf("source warning: %s", w)
	}
	// Row figures are the engine's (it may prefer Sample.Counted to a
	// stale catalog count): reported, not required.
	sqliteRows := map[string]reports.Rows{}
	for _, tb := range base.Sources[0].Tables {
		sqliteRows[strings.ToLower(tb.Name)] = tb.Rows
	}
	differ := 0
	for _, tb := range got.Sources[0].Tables {
		if r, w := tb.Rows, sqliteRows[strings.ToLower(tb.Name)]; r.Value != w.Value {
			differ++
			t.Logf("rows of %s: %d (exact %v), SQLite %d (exact %v)", tb.Name, r.Value, r.Exact, w.Value, w.Exact)
		}
	}
	t.Logf("%d of %d tables report another row count than on SQLite", differ, len(got.Sources[0].Tables))
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: not a positive number", name, v)
	}
	return n
}

func scanSource(t *testing.T, source string) *reports.Report {
	t.Helper()
	spec, err := connectors.Parse(source)
	if err != nil {
		t.Fatal(err)
	}
	rep, out := scan.Run(context.Background(), scan.Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions(), SampleRows: 10000})
	if out.TablesFailed > 0 || out.SourcesFailed > 0 {
		t.Fatalf("%s: %+v", spec.Kind, rep.Errors())
	}
	return rep
}

// findings lists "table.column:category" for every finding of a report.
func findings(rep *reports.Report) []string {
	var out []string
	for _, s := range rep.Sources {
		for _, tb := range s.Tables {
			for _, c := range tb.Columns {
				for _, f := range c.Findings {
					out = append(out, strings.ToLower(tb.Name+"."+c.Name)+":"+f.Category)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

// loadTDS creates the corpus's tables in db and inserts their rows, 500
// to a statement (T-SQL allows 1,000 rows per VALUES), as literals.
func loadTDS(ctx context.Context, e *liveEnv, db string, gen *synth.Corpus) (int, error) {
	conn, err := e.adminDB(db)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	total := 0
	for _, t := range gen.Tables {
		defs := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			defs[i] = quoteIdent(c.Name) + " " + tdsType(c)
		}
		if err := execAll(ctx, conn, "CREATE TABLE "+quoteIdent(t.Name)+" ("+strings.Join(defs, ", ")+")"); err != nil {
			return total, err
		}
		var batch []string
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			q := "INSERT INTO " + quoteIdent(t.Name) + " VALUES " + strings.Join(batch, ", ")
			batch = batch[:0]
			_, err := conn.ExecContext(ctx, q)
			return err
		}
		var loadErr error
		t.Generate(func(row []any) bool {
			vals := make([]string, len(row))
			for i, v := range row {
				if vals[i], loadErr = tdsLiteral(t.Columns[i].Type, v); loadErr != nil {
					return false
				}
			}
			batch = append(batch, "("+strings.Join(vals, ", ")+")")
			total++
			if len(batch) == 500 {
				loadErr = flush()
			}
			return loadErr == nil
		})
		if loadErr == nil {
			loadErr = flush()
		}
		if loadErr != nil {
			return total, fmt.Errorf("table %s: %w", t.Name, loadErr)
		}
	}
	return total, nil
}

func tdsType(c synth.Column) string {
	n := "n"
	if c.Legacy {
		n = ""
	}
	switch t := c.Type; t.Kind {
	case synth.KindChar:
		return fmt.Sprintf("%schar(%d)", n, t.Size)
	case synth.KindVarchar:
		if t.Size > 4000 {
			return n + "varchar(max)"
		}
		return fmt.Sprintf("%svarchar(%d)", n, t.Size)
	case synth.KindInteger:
		return "bigint"
	case synth.KindDecimal:
		return fmt.Sprintf("decimal(%d,%d)", t.Size, t.Scale)
	case synth.KindDate:
		return "date"
	case synth.KindTimestamp:
		return "datetime2(0)"
	}
	return n + "varchar(max)"
}

func tdsLiteral(typ synth.Type, v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case string:
		return "N'" + strings.ReplaceAll(x, "'", "''") + "'", nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case time.Time:
		if typ.Kind == synth.KindDate {
			return "'" + x.Format("2006-01-02") + "'", nil
		}
		return "'" + x.Format("2006-01-02T15:04:05") + "'", nil
	}
	return "", fmt.Errorf("a generated value of type %T", v)
}
