package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// ---- helpers ----

// makeDB builds a database at dir/name with database/sql and modernc (never
// through the connector, which must not write) and returns its path.
func makeDB(t testing.TB, dir, name string, stmts ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("building test database: %s: %v", s, err)
		}
	}
	return path
}

// fill is an INSERT of ids 1..n into table(id, v) through a recursive CTE.
func fill(table string, n int) string {
	return fmt.Sprintf(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < %d)
		INSERT INTO %s (id, v) SELECT i, 'v' || i FROM c`, n, table)
}

// openPath opens path through the connector, as the CLI would.
func openPath(t testing.TB, path string) *source {
	t.Helper()
	spec, ok, err := opener{}.Parse(path)
	if err != nil || !ok {
		t.Fatalf("Parse(%q) = ok %v, err %v", path, ok, err)
	}
	src, err := opener{}.Open(context.Background(), spec, connectors.DefaultOptions())
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	t.Cleanup(func() { src.Close() })
	return src.(*source)
}

func seeded(s *source, seed uint64) *source {
	s.seed = &seed
	return s
}

// table returns the listed table called name.
func table(t testing.TB, s *source, name string) connectors.Table {
	t.Helper()
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if tb.Name == name {
			return tb
		}
	}
	t.Fatalf("table %q not listed", name)
	return connectors.Table{}
}

// column returns the values of the named column of a sample.
func column(t testing.TB, s *connectors.Sample, name string) []string {
	t.Helper()
	for i, c := range s.Columns {
		if c.Name == name {
			if len(s.Values[i]) != s.Rows {
				t.Fatalf("column %q has %d values for %d rows", name, len(s.Values[i]), s.Rows)
			}
			return s.Values[i]
		}
	}
	t.Fatalf("column %q not in sample", name)
	return nil
}

func ints(t testing.TB, vals []string) []int64 {
	t.Helper()
	out := make([]int64, len(vals))
	for i, v := range vals {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("value %q is not an integer", v)
		}
		out[i] = n
	}
	return out
}

// distinct fails unless every value is different: a sample is without
// replacement.
func distinct(t testing.TB, vals []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, v := range vals {
		if seen[v] {
			t.Fatalf("value %q sampled twice", v)
		}
		seen[v] = true
	}
}

// ---- parsing ----

func TestParse(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		raw      string
		ok       bool
		bad      bool // malformed: an error
		location string
		name     string
	}{
		{raw: "sqlite:///srv/legacy/padron.db", ok: true, location: "/srv/legacy/padron.db", name: "padron"},
		{raw: "sqlite://relative.db", ok: true, location: filepath.Join(wd, "relative.db"), name: "relative"},
		{raw: "sqlite://dir/x.sqlite", ok: true, location: filepath.Join(wd, "dir/x.sqlite"), name: "x"},
		{raw: "sqlite:path/datos", ok: true, location: filepath.Join(wd, "path/datos"), name: "datos"},
		{raw: "SQLite:///a/b.sqlite3", ok: true, location: "/a/b.sqlite3", name: "b"},
		{raw: "/srv/padron.db", ok: true, location: "/srv/padron.db", name: "padron"},
		{raw: "padron.DB", ok: true, location: filepath.Join(wd, "padron.DB"), name: "padron"},
		{raw: "a/b.c.SQLite", ok: true, location: filepath.Join(wd, "a/b.c.SQLite"), name: "b.c"},
		{raw: "x.sqlite3", ok: true, location: filepath.Join(wd, "x.sqlite3"), name: "x"},
		{raw: "/srv/we?ird #1.db", ok: true, location: "/srv/we?ird #1.db", name: "we?ird #1"},
		{raw: "/srv/.db", ok: true, location: "/srv/.db", name: ".db"},
		// not ours
		{raw: "padron.csv"},
		{raw: "/srv/padron.db.bak"},
		{raw: "/srv/legacy/"},
		{raw: "postgres://u@h:5432/padron"},
		{raw: "mysql://u@h/app.db"},
		{raw: "file:///srv/x.db"},
		{raw: ""},
		// ours, but malformed
		{raw: "sqlite://", bad: true},
		{raw: "sqlite:", bad: true},
		{raw: "sqlite:///x.db?mode=rw", bad: true},
	}
	for _, c := range cases {
		spec, ok, err := opener{}.Parse(c.raw)
		if c.bad {
			if err == nil {
				t.Errorf("Parse(%q): want an error, got ok=%v %+v", c.raw, ok, spec)
			}
			continue
		}
		if err != nil || ok != c.ok {
			t.Errorf("Parse(%q) = ok %v, err %v; want ok %v", c.raw, ok, err, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if spec.Location != c.location || spec.Name != c.name || spec.Raw != c.raw || spec.Kind != kindName {
			t.Errorf("Parse(%q) = %+v; want location %q, name %q", c.raw, spec, c.location, c.name)
		}
	}
}

// The registry routes sources to this connector and turns its parse errors
// into ErrMalformed (exit code 2).
func TestRegistered(t *testing.T) {
	spec, err := connectors.Parse("/srv/padron.sqlite")
	if err != nil || spec.Kind != "sqlite" {
		t.Fatalf("connectors.Parse = %+v, %v", spec, err)
	}
	if _, err := connectors.Parse("sqlite://"); !errors.Is(err, connectors.ErrMalformed) {
		t.Fatalf("connectors.Parse(sqlite://) = %v, want ErrMalformed", err)
	}
}

// ---- opening ----

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(text, []byte(strings.Repeat("CURP,NOMBRE\nGOMC800101HDFRRL09,CARLOS\n", 10)), 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.db")
	if err := os.WriteFile(short, []byte("SQLite"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The right header over garbage: SQLite itself must refuse it.
	forged := filepath.Join(dir, "forged.db")
	if err := os.WriteFile(forged, append([]byte(sqliteHeader), bytes.Repeat([]byte{0xAB}, 4096)...), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "folder.db")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.db")

	cases := []struct{ path, want string }{
		{missing, "no such file"},
		{sub, "is a directory"},
		{text, "not a SQLite database"},
		{short, "not a SQLite database"},
		{forged, "not a readable SQLite database"},
	}
	for _, c := range cases {
		spec, _, _ := opener{}.Parse(c.path)
		src, err := opener{}.Open(context.Background(), spec, connectors.DefaultOptions())
		if err == nil {
			src.Close()
			t.Errorf("Open(%s) succeeded, want %q", filepath.Base(c.path), c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
			t.Errorf("Open(%s) = %v, want the path and %q", filepath.Base(c.path), err, c.want)
		}
		if strings.Contains(err.Error(), "GOMC800101HDFRRL09") {
			t.Errorf("error leaks file content: %v", err)
		}
	}
	// Opening must not have created the missing file.
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open created %s (stat: %v)", missing, err)
	}
}

func TestOpenUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		// root reads files whatever their mode, so the case cannot arise.
		t.Skip("running as root: permission bits do not stop root from reading")
	}
	path := makeDB(t, t.TempDir(), "locked.db", "CREATE TABLE t(a)")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	spec, _, _ := opener{}.Parse(path)
	_, err := opener{}.Open(context.Background(), spec, connectors.DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("Open(unreadable) = %v, want permission denied", err)
	}
}

// SQLite treats an empty file as an empty database: it opens, lists no
// tables (a warning for the CLI), and stays empty.
func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := openPath(t, path)
	tables, err := s.Tables(context.Background())
	if err != nil || len(tables) != 0 {
		t.Fatalf("Tables = %v, %v; want none", tables, err)
	}
	s.Close()
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Fatalf("empty file changed: %v, %v", fi, err)
	}
}

// '?', '#', '%', spaces and non-ASCII in a file name must not end the path
// in the file: URI, or SQLite would open (mode=ro: fail on) another file.
func TestOpenOddFileName(t *testing.T) {
	dir := t.TempDir()
	// Built under a plain name: modernc itself cuts a plain path at '?'.
	built := makeDB(t, dir, "plain.db", "CREATE TABLE t(a)", "INSERT INTO t VALUES ('x')")
	path := filepath.Join(dir, "pa?drón #1 %41.db")
	if err := os.Rename(built, path); err != nil {
		t.Fatal(err)
	}
	s := openPath(t, path)
	tb := table(t, s, "t")
	if tb.Rows.Value != 1 {
		t.Fatalf("rows = %+v, want 1", tb.Rows)
	}
	if s.Info().Location != path || s.Info().Name != "pa?drón #1 %41" || s.Info().Kind != "sqlite" {
		t.Fatalf("Info = %+v", s.Info())
	}
}

func TestDSN(t *testing.T) {
	got := dsn("/srv/a b/x?y#z%41ñ.db", false)
	want := "file:///srv/a%20b/x%3Fy%23z%2541%C3%B1.db?mode=ro&_pragma=busy_timeout%285000%29&_pragma=query_only%281%29"
	if got != want {
		t.Errorf("dsn = %s\nwant  %s", got, want)
	}
	if got := dsn("/x.db", true); !strings.Contains(got, "?mode=ro&immutable=1&") {
		t.Errorf("immutable dsn = %s", got)
	}
}

// ---- listing ----

func TestTablesHostileNames(t *testing.T) {
	names := []string{`we"ird`, `it's`, `with space`, `select`, `año`, `MiXeD`, `sqlitex`, `"`}
	var stmts []string
	for _, n := range names {
		q := quoteIdent(n)
		stmts = append(stmts,
			"CREATE TABLE "+q+" ("+quoteIdent(`col"q`)+" TEXT, "+quoteIdent(`it's`)+" INTEGER, "+
				quoteIdent(`with space`)+" DATE, "+quoteIdent(`select`)+" REAL, "+quoteIdent(`año`)+" TEXT, "+
				quoteIdent(`MiXeD`)+" BLOB)",
			"INSERT INTO "+q+" VALUES ('a', 1, '2000-01-02', 1.5, 'ñ', x'00'), ('b', 2, NULL, NULL, 'x', NULL)")
	}
	stmts = append(stmts,
		`CREATE VIEW personas_v AS SELECT * FROM "año"`,
		`CREATE INDEX idx ON "select"("año")`)
	s := openPath(t, makeDB(t, t.TempDir(), "hostile.db", stmts...))

	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		got = append(got, tb.Name)
	}
	want := slices.Clone(names)
	sort.Strings(want)
	// Views, indexes and sqlite_* tables are not listed; sqlitex is a user table.
	if !slices.Equal(got, want) {
		t.Fatalf("tables = %q, want %q", got, want)
	}
	wantCols := []connectors.Column{
		{Name: `col"q`, Type: "TEXT", Kind: connectors.KindText},
		{Name: `it's`, Type: "INTEGER", Kind: connectors.KindInteger},
		{Name: `with space`, Type: "DATE", Kind: connectors.KindDate},
		{Name: `select`, Type: "REAL", Kind: connectors.KindDecimal},
		{Name: `año`, Type: "TEXT", Kind: connectors.KindText},
		{Name: `MiXeD`, Type: "BLOB", Kind: connectors.KindBinary},
	}
	for _, tb := range tables {
		if tb.Schema != "main" || tb.QualifiedName() != "main."+tb.Name {
			t.Errorf("table %q: schema %q", tb.Name, tb.Schema)
		}
		if !slices.Equal(tb.Columns, wantCols) {
			t.Errorf("table %q: columns %+v", tb.Name, tb.Columns)
		}
		if tb.Rows != (connectors.RowCount{Value: 2, Exact: true, Known: true}) {
			t.Errorf("table %q: rows %+v", tb.Name, tb.Rows)
		}
		// Every statement quotes the names: sample and read them back.
		smp, err := s.Sample(context.Background(), tb, nil, 10)
		if err != nil {
			t.Fatalf("Sample(%q): %v", tb.Name, err)
		}
		got := column(t, smp, `col"q`)
		sort.Strings(got)
		if !smp.Complete || !slices.Equal(got, []string{"a", "b"}) {
			t.Errorf("Sample(%q) = %+v", tb.Name, smp)
		}
		var rows int
		err = s.ReadColumns(context.Background(), tb, tb.Columns[4:5], func(v []string) error {
			rows++
			if v[0] != "ñ" && v[0] != "x" {
				t.Errorf("ReadColumns(%q) value %q", tb.Name, v[0])
			}
			return nil
		})
		if err != nil || rows != 2 {
			t.Errorf("ReadColumns(%q) = %d rows, %v", tb.Name, rows, err)
		}
		if n, err := s.CountRows(context.Background(), tb); n != 2 || err != nil {
			t.Errorf("CountRows(%q) = %d, %v", tb.Name, n, err)
		}
	}
}

func TestKindOf(t *testing.T) {
	cases := map[string]connectors.Kind{
		"INTEGER": connectors.KindInteger, "int": connectors.KindInteger, "BIGINT": connectors.KindInteger,
		"UNSIGNED BIG INT": connectors.KindInteger, "TINYINT(1)": connectors.KindInteger,
		"FLOATING POINT": connectors.KindInteger, // contains INT: SQLite stores integers
		"CHARACTER(18)":  connectors.KindText, "VARCHAR(255)": connectors.KindText, "nvarchar(30)": connectors.KindText,
		"TEXT": connectors.KindText, "CLOB": connectors.KindText, "VARCHAR2(10)": connectors.KindText,
		"": connectors.KindText, "  ": connectors.KindText, "STRING": connectors.KindText,
		"BLOB": connectors.KindBinary, "blob": connectors.KindBinary,
		"REAL": connectors.KindDecimal, "DOUBLE PRECISION": connectors.KindDecimal, "FLOAT": connectors.KindDecimal,
		"NUMERIC": connectors.KindDecimal, "DECIMAL(10,5)": connectors.KindDecimal, "NUMBER(12,2)": connectors.KindDecimal,
		"DATE": connectors.KindDate, "date": connectors.KindDate,
		"DATETIME": connectors.KindTimestamp, "TIMESTAMP": connectors.KindTimestamp, "timestamp with time zone": connectors.KindTimestamp,
		"BOOLEAN": connectors.KindBool, "BOOL": connectors.KindBool,
		"JSON": connectors.KindJSON,
		"UUID": connectors.KindOther, "TIME": connectors.KindOther,
	}
	for decl, want := range cases {
		if got := kindOf(decl); got != want {
			t.Errorf("kindOf(%q) = %v, want %v", decl, got, want)
		}
	}
}

// ---- values ----

func TestRendering(t *testing.T) {
	path := makeDB(t, t.TempDir(), "values.db",
		`CREATE TABLE v (k INTEGER PRIMARY KEY, d DATE, ts DATETIME, i INTEGER, r REAL, b BLOB,
			tx TEXT, c CHAR(10), u, n NUMERIC)`,
		`INSERT INTO v VALUES (1, '1985-07-23', '2020-01-02 03:04:05', 42, 1.5, x'00FF', 'Peña', 'ABC       ', x'D1', 10)`,
		`INSERT INTO v VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
		`INSERT INTO v VALUES (3, '2020-01-02T00:00:00Z', '2020-01-02 03:04:05.678', -5, 0.1, x'D1', CAST(x'4D554ED14F5A' AS TEXT), '   ', x'C3B1', 1.25)`,
		`INSERT INTO v VALUES (4, '23/07/1985', '1980-05-01T00:00:00-06:00', 9007199254740993, 1e20, NULL, '', 'x', 'año', 'abc')`,
		`INSERT INTO v VALUES (5, 19850723, '2021-03-04 00:00:00', 0, -0.5, NULL, 'ok  ', NULL, 7, NULL)`)
	want := map[string][]string{ // by k
		"d":  {"1985-07-23", "", "2020-01-02", "23/07/1985", "19850723"},
		"ts": {"2020-01-02 03:04:05", "", "2020-01-02 03:04:05", "1980-05-01", "2021-03-04"},
		"i":  {"42", "", "-5", "9007199254740993", "0"},
		"r":  {"1.5", "", "0.1", "100000000000000000000", "-0.5"},
		"b":  {"", "", "", "", ""}, // BLOB: never read
		"tx": {"Peña", "", "MUNÑOZ", "", "ok"},
		"c":  {"ABC", "", "", "x", ""},
		"u":  {"Ñ", "", "ñ", "año", "7"},
		"n":  {"10", "", "1.25", "abc", ""},
	}
	s := openPath(t, path)
	tb := table(t, s, "v")

	check := func(how string, rowsByK map[string][]string) {
		for col, w := range want {
			if !slices.Equal(rowsByK[col], w) {
				t.Errorf("%s: column %s = %q, want %q", how, col, rowsByK[col], w)
			}
		}
	}

	smp, err := s.Sample(context.Background(), tb, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !smp.Complete || smp.Rows != 5 {
		t.Fatalf("sample of a 5-row table: %d rows, complete %v", smp.Rows, smp.Complete)
	}
	keys := ints(t, column(t, smp, "k"))
	byK := map[string][]string{}
	for name := range want {
		vals := column(t, smp, name)
		ordered := make([]string, 5)
		for r, k := range keys {
			ordered[k-1] = vals[r]
		}
		byK[name] = ordered
	}
	check("Sample", byK)

	byK = map[string][]string{}
	err = s.ReadColumns(context.Background(), tb, tb.Columns, func(v []string) error {
		for i, c := range tb.Columns {
			byK[c.Name] = append(byK[c.Name], v[i])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check("ReadColumns", byK) // storage order is k order here

	// The BLOB column is left out of the SELECT list, not read and dropped.
	rp, err := s.planRead(context.Background(), tb, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rp.list, `"b"`) || !strings.Contains(rp.list, `"u"`) {
		t.Errorf("SELECT list %q: want u and not b", rp.list)
	}
}

// ---- sampling ----

func TestSampleSpread(t *testing.T) {
	const rows, n = 100_000, 1000
	s := seeded(openPath(t, makeDB(t, t.TempDir(), "big.db",
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", rows))), 7)
	tb := table(t, s, "p")

	// This size must be probed, not scanned: the spread below must come
	// from random rowids.
	pl, err := s.plan(context.Background(), tb, n)
	if err != nil || pl.scan {
		t.Fatalf("plan = %+v, %v; want probing", pl, err)
	}
	smp, err := s.Sample(context.Background(), tb, nil, n)
	if err != nil {
		t.Fatal(err)
	}
	if smp.Rows != n || smp.Complete {
		t.Fatalf("rows %d complete %v, want %d rows, incomplete", smp.Rows, smp.Complete, n)
	}
	ids := column(t, smp, "id")
	distinct(t, ids)
	// Each tenth of the table should hold about a tenth of the sample
	// (binomial sd ~9.5, so 50..150 is over 5 sd): a contiguous range or a
	// bias to one end fails.
	var deciles [10]int
	for i, id := range ints(t, ids) {
		deciles[(id-1)*10/rows]++
		if column(t, smp, "v")[i] != "v"+strconv.FormatInt(id, 10) {
			t.Fatalf("row %d: id and v from different rows", id)
		}
	}
	for d, c := range deciles {
		if c < n*5/100 || c > n*15/100 {
			t.Errorf("decile %d holds %d of %d sampled rows: %v", d, c, n, deciles)
		}
	}
}

func TestSampleSmallTable(t *testing.T) {
	s := openPath(t, makeDB(t, t.TempDir(), "small.db",
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 50)))
	tb := table(t, s, "p")
	for _, c := range []struct {
		n        int
		rows     int
		complete bool
	}{{100, 50, true}, {50, 50, true}, {49, 49, false}, {1, 1, false}} {
		smp, err := s.Sample(context.Background(), tb, nil, c.n)
		if err != nil {
			t.Fatal(err)
		}
		if smp.Rows != c.rows || smp.Complete != c.complete {
			t.Errorf("Sample(n=%d) = %d rows complete %v, want %d, %v", c.n, smp.Rows, smp.Complete, c.rows, c.complete)
		}
		distinct(t, column(t, smp, "id"))
	}
	// An empty table is complete with no rows.
	s2 := openPath(t, makeDB(t, t.TempDir(), "empty.db", "CREATE TABLE e (a TEXT)"))
	smp, err := s2.Sample(context.Background(), table(t, s2, "e"), nil, 10)
	if err != nil || smp.Rows != 0 || !smp.Complete || len(smp.Values[0]) != 0 {
		t.Fatalf("empty table: %+v, %v", smp, err)
	}
	if _, err := s.Sample(context.Background(), tb, nil, 0); err == nil {
		t.Errorf("Sample(n=0) succeeded")
	}
}

func TestSampleGaps(t *testing.T) {
	// Five clusters of 20,000 rowids, 200,000 apart: density ~0.12, still
	// worth probing; each cluster holds a fifth of the rows.
	stmts := []string{"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)"}
	for k := 0; k < 5; k++ {
		stmts = append(stmts, fmt.Sprintf(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 20000)
			INSERT INTO p SELECT %d + i, 'x' FROM c`, k*200_000))
	}
	// Extreme gaps: rowids near both ends of int64, so the range is the
	// whole of it (max-min+1 overflows) and probing is hopeless.
	stmts = append(stmts, "CREATE TABLE q (id INTEGER PRIMARY KEY, v TEXT)", fill("q", 10_000),
		"INSERT INTO q VALUES (-9223372036854775808, 'min'), (9223372036854775807, 'max')")
	s := seeded(openPath(t, makeDB(t, t.TempDir(), "gaps.db", stmts...)), 11)

	p := table(t, s, "p")
	if pl, err := s.plan(context.Background(), p, 1000); err != nil || pl.scan {
		t.Fatalf("plan(p) = %+v, %v; want probing", pl, err)
	}
	smp, err := s.Sample(context.Background(), p, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	ids := column(t, smp, "id")
	if smp.Rows != 1000 {
		t.Fatalf("p: %d rows, want 1000", smp.Rows)
	}
	distinct(t, ids)
	var clusters [5]int
	for _, id := range ints(t, ids) {
		clusters[(id-1)/200_000]++
	}
	for k, c := range clusters { // expected 200, sd ~12.6
		if c < 150 || c > 250 {
			t.Errorf("cluster %d holds %d of 1000: %v", k, c, clusters)
		}
	}

	q := table(t, s, "q")
	if pl, err := s.plan(context.Background(), q, 500); err != nil || !pl.scan {
		t.Fatalf("plan(q) = %+v, %v; want one pass", pl, err)
	}
	smp, err = s.Sample(context.Background(), q, nil, 500)
	if err != nil || smp.Rows != 500 || smp.Complete {
		t.Fatalf("q: %+v, %v", smp.Rows, err)
	}
	distinct(t, column(t, smp, "id"))
}

// A listing's row count can be stale: a table that lost most of its rows
// since makes probing find far fewer rows than promised; Sample must notice
// and read the table once instead of probing forever.
func TestSampleStaleCount(t *testing.T) {
	s := seeded(openPath(t, makeDB(t, t.TempDir(), "stale.db",
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 100_000),
		"DELETE FROM p WHERE id % 50 != 0")), 3) // 2,000 rows left over 1..100,000
	tb := table(t, s, "p")
	tb.Rows = connectors.RowCount{Value: 100_000, Exact: true, Known: true} // as listed before the DELETE
	pl, err := s.plan(context.Background(), tb, 100)
	if err != nil || pl.scan {
		t.Fatalf("plan = %+v, %v; want probing (it believes the stale count)", pl, err)
	}
	rp, _ := s.planRead(context.Background(), tb, nil, 0)
	if _, err := s.probe(context.Background(), tb, rp, pl, 100, s.rand(tb)); !errors.Is(err, errTooSparse) {
		t.Fatalf("probe = %v, want errTooSparse", err)
	}
	smp, err := s.Sample(context.Background(), tb, nil, 100)
	if err != nil || smp.Rows != 100 {
		t.Fatalf("Sample = %v rows, %v", smp, err)
	}
	distinct(t, column(t, smp, "id"))
}

func TestSampleWithoutRowid(t *testing.T) {
	const rows, n = 20_000, 1000
	s := seeded(openPath(t, makeDB(t, t.TempDir(), "wr.db",
		"CREATE TABLE k (code TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID",
		fmt.Sprintf(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < %d)
			INSERT INTO k SELECT printf('K%%06d', i), i FROM c`, rows))), 5)
	tb := table(t, s, "k")
	if pl, err := s.plan(context.Background(), tb, n); err != nil || !pl.scan {
		t.Fatalf("plan = %+v, %v; want one pass", pl, err)
	}
	smp, err := s.Sample(context.Background(), tb, nil, n)
	if err != nil {
		t.Fatal(err)
	}
	if smp.Rows != n || smp.Complete {
		t.Fatalf("rows %d complete %v", smp.Rows, smp.Complete)
	}
	distinct(t, column(t, smp, "code"))
	var deciles [10]int
	for _, v := range ints(t, column(t, smp, "v")) {
		deciles[(v-1)*10/rows]++
	}
	for d, c := range deciles { // a reservoir that kept the first rows fails here
		if c < n*5/100 || c > n*15/100 {
			t.Errorf("decile %d holds %d of %d: %v", d, c, n, deciles)
		}
	}
}

// A column called rowid hides the rowid; sampling must reach it by another
// name, or read the table once when all three names are taken.
func TestSampleRowidShadowed(t *testing.T) {
	s := openPath(t, makeDB(t, t.TempDir(), "shadow.db",
		"CREATE TABLE a (rowid TEXT, v TEXT)",
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 5000) INSERT INTO a SELECT 'r', i FROM c`,
		"CREATE TABLE b (rowid TEXT, _rowid_ TEXT, OID TEXT, v TEXT)",
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 5000) INSERT INTO b SELECT 'r', 'r', 'r', i FROM c`))
	for name, wantRowid := range map[string]string{"a": "_rowid_", "b": ""} {
		tb := table(t, s, name)
		pl, err := s.plan(context.Background(), tb, 100)
		if err != nil || pl.rowid != wantRowid || pl.scan != (wantRowid == "") {
			t.Errorf("plan(%s) = %+v, %v; want rowid %q", name, pl, err, wantRowid)
		}
		smp, err := s.Sample(context.Background(), tb, nil, 100)
		if err != nil || smp.Rows != 100 {
			t.Fatalf("Sample(%s) = %v, %v", name, smp, err)
		}
		distinct(t, column(t, smp, "v"))
	}
}

func TestSampleSeed(t *testing.T) {
	path := makeDB(t, t.TempDir(), "seed.db",
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 20_000),
		"CREATE TABLE w (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID", fill("w", 20_000))
	sampleIDs := func(seed *uint64, name string) []string {
		s := openPath(t, path)
		s.seed = seed
		smp, err := s.Sample(context.Background(), table(t, s, name), nil, 300)
		if err != nil {
			t.Fatal(err)
		}
		return column(t, smp, "id")
	}
	one, two := uint64(1), uint64(2)
	for _, name := range []string{"p", "w"} { // probing and one pass
		a, b := sampleIDs(&one, name), sampleIDs(&one, name)
		if !slices.Equal(a, b) {
			t.Errorf("%s: same seed, different samples", name)
		}
		if c := sampleIDs(&two, name); slices.Equal(a, c) {
			t.Errorf("%s: different seeds, same sample", name)
		}
		if c := sampleIDs(nil, name); slices.Equal(a, c) {
			t.Errorf("%s: unseeded sample equals the seeded one", name)
		}
	}
}

// ---- failures ----

// A virtual table whose module this build lacks is listed (Known=false);
// the failure surfaces, with the table's name, when it is sampled.
func TestTableThatCannotBeRead(t *testing.T) {
	path := makeDB(t, t.TempDir(), "broken.db",
		"CREATE TABLE ok (a TEXT)", "INSERT INTO ok VALUES ('x')",
		"PRAGMA writable_schema = ON",
		`INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql)
			VALUES ('table', 'ghost', 'ghost', 0, 'CREATE VIRTUAL TABLE ghost USING nosuchmodule(a)')`)
	s := openPath(t, path)
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatalf("Tables: %v", err)
	}
	if len(tables) != 2 || tables[0].Name != "ghost" || tables[0].Rows.Known || !tables[1].Rows.Known {
		t.Fatalf("Tables = %+v", tables)
	}
	_, err = s.Sample(context.Background(), tables[0], nil, 10)
	if err == nil || !strings.HasPrefix(err.Error(), `sampling table main."ghost": `) || !strings.Contains(err.Error(), "nosuchmodule") {
		t.Fatalf("Sample(ghost) = %v", err)
	}
	if _, err := s.CountRows(context.Background(), tables[0]); err == nil || !strings.Contains(err.Error(), `main."ghost"`) {
		t.Fatalf("CountRows(ghost) = %v", err)
	}
	missing := connectors.Table{Schema: "main", Name: `no"pe`}
	if err := s.ReadColumns(context.Background(), missing, nil, func([]string) error { return nil }); err == nil ||
		!strings.HasPrefix(err.Error(), `reading table main."no""pe": `) {
		t.Fatalf("ReadColumns(missing) = %v", err)
	}
}

// ---- streaming and cancellation ----

func TestReadColumns(t *testing.T) {
	const rows = 100_000
	s := openPath(t, makeDB(t, t.TempDir(), "read.db",
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT, b BLOB)", fill("p", rows), "UPDATE p SET b = x'01'"))
	tb := table(t, s, "p")
	var calls, sum int64
	err := s.ReadColumns(context.Background(), tb, []connectors.Column{tb.Columns[2], tb.Columns[0]}, func(v []string) error {
		calls++
		if len(v) != 2 || v[0] != "" {
			return fmt.Errorf("row %d: values %q", calls, v)
		}
		id, err := strconv.ParseInt(v[1], 10, 64)
		sum += id
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != rows || sum != rows*(rows+1)/2 {
		t.Fatalf("read %d rows summing to %d, want %d rows summing to %d", calls, sum, rows, rows*(rows+1)/2)
	}

	// An error from fn stops the read at once and comes back as is.
	stop := errors.New("stop")
	calls = 0
	err = s.ReadColumns(context.Background(), tb, tb.Columns[:1], func([]string) error {
		calls++
		if calls == 10 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 10 {
		t.Fatalf("after fn's error: %v, %d calls", err, calls)
	}
}

func TestCancellation(t *testing.T) {
	s := openPath(t, makeDB(t, t.TempDir(), "cancel.db",
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 100_000),
		"CREATE TABLE w (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID", fill("w", 100_000)))
	tb := table(t, s, "p")

	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := s.ReadColumns(ctx, tb, nil, func([]string) error {
		calls++
		if calls == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 100 {
		t.Fatalf("ReadColumns after cancel: %v, %d calls", err, calls)
	}

	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	if _, err := s.Tables(expired); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Tables past the deadline: %v", err)
	}
	for _, name := range []string{"p", "w"} {
		if _, err := s.Sample(expired, table(t, s, name), nil, 1000); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Sample(%s) past the deadline: %v", name, err)
		}
	}
	if _, err := s.CountRows(expired, tb); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("CountRows past the deadline: %v", err)
	}
	spec, _, _ := opener{}.Parse(s.info.Location)
	if _, err := (opener{}).Open(expired, spec, connectors.DefaultOptions()); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Open past the deadline: %v", err)
	}
}

// ---- read-only proof ----

type fileState struct {
	sum   [32]byte
	mtime time.Time
	names []string // every file in the directory: no journal, -wal or -shm appears
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	st := fileState{sum: sha256.Sum256(b), mtime: fi.ModTime()}
	for _, e := range entries {
		st.names = append(st.names, e.Name())
	}
	return st
}

// scanAll does everything a scan does through the connector.
func scanAll(t *testing.T, s *source) {
	t.Helper()
	ctx := context.Background()
	tables, err := s.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		for _, n := range []int{10, 1_000_000} {
			if _, err := s.Sample(ctx, tb, nil, n); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CountRows(ctx, tb); err != nil {
			t.Fatal(err)
		}
		if err := s.ReadColumns(ctx, tb, nil, func([]string) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadOnly(t *testing.T) {
	for _, journal := range []string{"DELETE", "WAL"} {
		t.Run(journal, func(t *testing.T) {
			path := makeDB(t, t.TempDir(), "padron.db",
				"PRAGMA journal_mode = "+journal,
				"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 20_000),
				"CREATE TABLE w (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID", fill("w", 500))
			// Let the mtime tick, so a write during the scan would show.
			old := time.Now().Add(-time.Hour)
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
			before := stateOf(t, path)

			s := openPath(t, path)
			scanAll(t, s)

			// Writes through the connector's own handle fail: mode=ro, and
			// query_only on top.
			ctx := context.Background()
			for _, stmt := range []string{
				"CREATE TABLE x (a)", "INSERT INTO p (v) VALUES ('x')", "DELETE FROM p", "UPDATE w SET v = 'x'",
			} {
				if _, err := s.db.ExecContext(ctx, stmt); err == nil {
					t.Errorf("%s succeeded on the connector's handle", stmt)
				}
			}
			// Even with query_only turned off, mode=ro refuses the write.
			conn, err := s.db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// The DSN's pragmas took effect on the connection.
			var queryOnly, busy int
			if err := conn.QueryRowContext(ctx, "PRAGMA query_only").Scan(&queryOnly); err != nil || queryOnly != 1 {
				t.Errorf("query_only = %d, %v; want 1", queryOnly, err)
			}
			if err := conn.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil || busy != busyTimeoutMS {
				t.Errorf("busy_timeout = %d, %v; want %d", busy, err, busyTimeoutMS)
			}
			if _, err := conn.ExecContext(ctx, "PRAGMA query_only = 0"); err != nil {
				t.Fatal(err)
			}
			_, err = conn.ExecContext(ctx, "INSERT INTO p (v) VALUES ('x')")
			if err == nil || !strings.Contains(err.Error(), "readonly") {
				t.Errorf("insert with query_only off: %v, want a readonly error", err)
			}
			conn.Close()
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}

			after := stateOf(t, path)
			if after.sum != before.sum || !after.mtime.Equal(before.mtime) || !slices.Equal(after.names, before.names) {
				t.Fatalf("the scan changed the source: before %x %v %q, after %x %v %q",
					before.sum[:4], before.mtime, before.names, after.sum[:4], after.mtime, after.names)
			}
		})
	}
}

// sideState is the bytes and modification time of a database and each of
// its side files ("" for a file that does not exist).
func sideState(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		b, err := os.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			out[filepath.Base(f)] = ""
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = fmt.Sprintf("%x %d", sha256.Sum256(b), fi.ModTime().UnixNano())
	}
	return out
}

// unchanged fails unless the database and its side files are as before.
func unchanged(t *testing.T, before, after map[string]string) {
	t.Helper()
	for f, b := range before {
		if after[f] != b {
			t.Errorf("%s changed: before %q, after %q", f, b, after[f])
		}
	}
}

// crashImage copies the files of a database while an application has it
// open, as they would be left by a crash (or as a backup taken then
// finds them), into dir.
func crashImage(t *testing.T, dir, from string) string {
	t.Helper()
	to := filepath.Join(dir, filepath.Base(from))
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		b, err := os.ReadFile(from + suffix)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to+suffix, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Let the mtimes tick, so a write during the scan would show.
	old := time.Now().Add(-time.Hour)
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Chtimes(to+suffix, old, old)
	}
	return to
}

// app opens path as an application would, with stmts run on one
// connection, which stays open until the test ends.
func app(t *testing.T, path string, stmts ...string) *sql.Conn {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	for _, stmt := range stmts {
		if _, err := conn.ExecContext(context.Background(), stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	return conn
}

// A database whose writer is not done (an application has it open, or one
// crashed) has side files holding what the main file lacks: rows in the
// -wal, a transaction to undo in the -journal. The connector reads its
// last committed state, and neither the database nor any side file
// changes: not its bytes, not its modification time.
func TestSideFiles(t *testing.T) {
	t.Run("WAL of a live application", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "live.db")
		app(t, path, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
			"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 1000),
			"PRAGMA wal_checkpoint(TRUNCATE)",
			"INSERT INTO p (id, v) SELECT id + 1000, v FROM p LIMIT 500") // only in the WAL
		readSideFiles(t, path, 1500)
	})
	t.Run("WAL of a crashed writer", func(t *testing.T) {
		live := filepath.Join(t.TempDir(), "crash.db")
		app(t, live, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
			"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 1000))
		readSideFiles(t, crashImage(t, t.TempDir(), live), 1000)
	})
	t.Run("hot journal of a crashed writer", func(t *testing.T) {
		live := filepath.Join(t.TempDir(), "journal.db")
		conn := app(t, live, "PRAGMA journal_mode = DELETE", "PRAGMA cache_size = 1",
			"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 5000))
		// A transaction that spills pages to the main file, left open.
		for _, stmt := range []string{"BEGIN", "DELETE FROM p WHERE id > 100", "UPDATE p SET v = 'x'"} {
			if _, err := conn.ExecContext(context.Background(), stmt); err != nil {
				t.Fatal(err)
			}
		}
		image := crashImage(t, t.TempDir(), live)
		if fi, err := os.Stat(image + "-journal"); err != nil || fi.Size() == 0 {
			t.Fatalf("no hot journal in the crash image: %v", err)
		}
		readSideFiles(t, image, 5000)
	})
	t.Run("WAL without pending frames", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "done.db")
		app(t, path, "PRAGMA journal_mode = WAL", "CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)",
			fill("p", 300), "PRAGMA wal_checkpoint(TRUNCATE)")
		plan, err := planOpen(path, true)
		if err != nil || plan.tmpDir != "" || !plan.immutable {
			t.Fatalf("planOpen = %+v, %v; want the file itself, immutable", plan, err)
		}
		readSideFiles(t, path, 300)
	})
}

// readSideFiles scans path through the connector and checks that it sees
// rows rows in p and that nothing of path's changed; any copy is gone
// after Close.
func readSideFiles(t *testing.T, path string, rows int64) {
	t.Helper()
	before := sideState(t, path)
	s := openPath(t, path)
	if tb := table(t, s, "p"); tb.Rows.Value != rows {
		t.Errorf("rows = %d, want %d", tb.Rows.Value, rows)
	}
	scanAll(t, s)
	tmp := s.tmpDir
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if tmp != "" {
		if _, err := os.Stat(tmp); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the copy's folder %s is still there after Close", tmp)
		}
	}
	unchanged(t, before, sideState(t, path))
}

// A copy that cannot be made (here: a database that changes while it is
// copied, then no temporary folder) fails the source with what to do.
func TestSideFilesCopyFails(t *testing.T) {
	live := filepath.Join(t.TempDir(), "crash.db")
	app(t, live, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 100))
	image := crashImage(t, t.TempDir(), live)
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	spec, _, _ := opener{}.Parse(image)
	_, err := opener{}.Open(context.Background(), spec, connectors.DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), "-wal") || !strings.Contains(err.Error(), "TMPDIR") {
		t.Errorf("Open without a temporary folder: %v, want a message naming the -wal file and TMPDIR", err)
	}
}

// ---- benchmarks ----

// benchDB builds the benchmark table: 200,000 rows shaped like a padrón.
func benchDB(b *testing.B) (string, *source, connectors.Table) {
	b.Helper()
	path := makeDB(b, b.TempDir(), "bench.db",
		`CREATE TABLE padron (id INTEGER PRIMARY KEY, curp CHAR(18), nombre TEXT, nacimiento DATE, monto REAL)`,
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 200000)
		 INSERT INTO padron SELECT i, printf('GOMC%06dHDFRRL%02d', i, i % 100), 'NOMBRE APELLIDO ' || i,
		   date('1950-01-01', '+' || (i % 20000) || ' days'), i * 1.25 FROM c`)
	s := openPath(b, path)
	return path, s, table(b, s, "padron")
}

const benchRows = 10_000

// BenchmarkSample: 10,000 random rows of 200,000, by rowid probes.
func BenchmarkSample(b *testing.B) {
	_, s, tb := benchDB(b)
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		smp, err := s.Sample(context.Background(), tb, nil, benchRows)
		if err != nil || smp.Rows != benchRows {
			b.Fatal(smp, err)
		}
		rows += smp.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkSampleReservoir: 10,000 rows of 30,000 ten-column rows, a third
// of the table, which Sample reads in one pass (probing would cost more).
func BenchmarkSampleReservoir(b *testing.B) {
	s := openPath(b, makeDB(b, b.TempDir(), "reservoir.db",
		`CREATE TABLE padron (id INTEGER PRIMARY KEY, curp CHAR(18), rfc TEXT, nombre TEXT, paterno TEXT,
		   materno TEXT, nacimiento DATE, domicilio TEXT, telefono TEXT, monto REAL)`,
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 30000)
		 INSERT INTO padron SELECT i, printf('GOMC%06dHDFRRL%02d', i, i % 100), printf('GOMC%06dAB%d', i, i % 10),
		   'NOMBRE ' || i, 'PATERNO ' || (i % 997), 'MATERNO ' || (i % 991), date('1950-01-01', '+' || (i % 20000) || ' days'),
		   'CALLE ' || (i % 5000) || ' NUM ' || i || ', COL. CENTRO, CP ' || printf('%05d', i % 99999),
		   printf('55%08d', i * 7919 % 100000000), i * 1.25 FROM c`))
	tb := table(b, s, "padron")
	if pl, err := s.plan(context.Background(), tb, benchRows); err != nil || !pl.scan {
		b.Fatalf("plan = %+v, %v; want one pass", pl, err)
	}
	rows := 0
	for b.Loop() {
		smp, err := s.Sample(context.Background(), tb, nil, benchRows)
		if err != nil || smp.Rows != benchRows {
			b.Fatal(smp, err)
		}
		rows += smp.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkScan: the same sample by one pass with a reservoir, the plan
// Sample falls back to; with BenchmarkSample it calibrates probeCost.
func BenchmarkScan(b *testing.B) {
	_, s, tb := benchDB(b)
	rp, err := s.planRead(context.Background(), tb, nil, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		g, _, err := s.reservoir(context.Background(), tb, rp, benchRows, s.rand(tb))
		if err != nil || g.Len() != benchRows {
			b.Fatal(err)
		}
		rows += g.Len()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(tb.Rows.Value)*float64(b.N)/b.Elapsed().Seconds(), "scanned-rows/s")
}

// BenchmarkPlainRead: the baseline, the first 10,000 rows with a plain
// SELECT ... LIMIT through database/sql (not a sample: one contiguous run).
func BenchmarkPlainRead(b *testing.B) {
	path, _, _ := benchDB(b)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	raw := make([]any, 5)
	ptrs := make([]any, 5)
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		r, err := db.Query(`SELECT id, curp, nombre, nacimiento, monto FROM padron LIMIT ?`, benchRows)
		if err != nil {
			b.Fatal(err)
		}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				b.Fatal(err)
			}
			rows++
		}
		if err := r.Err(); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// TestViewsOnlyWhenAsked: views are listed, and sampled (by one pass, as
// they have no rowid), only with IncludeViews.
func TestViewsOnlyWhenAsked(t *testing.T) {
	path := makeDB(t, t.TempDir(), "views.db",
		`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)`, fill("t", 50),
		`CREATE VIEW v_t AS SELECT v FROM t WHERE id <= 20`)
	for _, include := range []bool{false, true} {
		spec, _, _ := opener{}.Parse(path)
		opts := connectors.DefaultOptions()
		opts.IncludeViews = include
		src, err := opener{}.Open(context.Background(), spec, opts)
		if err != nil {
			t.Fatal(err)
		}
		tables, err := src.Tables(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, tb := range tables {
			names = append(names, tb.Name)
		}
		want := []string{"t"}
		if include {
			want = []string{"t", "v_t"}
		}
		if !slices.Equal(names, want) {
			t.Errorf("IncludeViews=%v: tables %q, want %q", include, names, want)
		}
		if include {
			s, err := src.Sample(context.Background(), tables[1], nil, 10)
			if err != nil || s.Rows != 10 {
				t.Errorf("sampling the view: %v rows, %v", s, err)
			}
		}
		src.Close()
	}
}

// ---- keys ----

// Declared keys come back in key order and constraint order, with names as
// listed: hostile identifiers, composite keys, a self-reference, parent
// columns left out (the parent's primary key), a REFERENCES clause in
// another case, and a parent that does not exist.
func TestKeys(t *testing.T) {
	q := quoteIdent
	par, ch, self := `pa"dre año`, `hi jo's`, `ñodo`
	s := openPath(t, makeDB(t, t.TempDir(), "keys.db",
		"CREATE TABLE "+q(par)+" ("+q(`b "x"`)+" TEXT, "+q("Año")+" INTEGER, extra TEXT, PRIMARY KEY ("+q("Año")+", "+q(`b "x"`)+"))",
		"CREATE TABLE "+q(ch)+" (id INTEGER PRIMARY KEY, "+q("a ñ")+" INTEGER, "+q(`b'`)+" TEXT, z INTEGER, w TEXT, "+
			"FOREIGN KEY ("+q("a ñ")+", "+q(`b'`)+") REFERENCES "+q(par)+" ("+q("Año")+", "+q(`b "x"`)+"), "+
			"FOREIGN KEY (z, w) REFERENCES "+q(`PA"DRE año`)+", "+
			"FOREIGN KEY (W) REFERENCES nowhere (q))",
		"CREATE TABLE "+q(self)+" (id INTEGER PRIMARY KEY, padre INTEGER REFERENCES "+q(self)+" (id))",
		"CREATE TABLE sinclave (a TEXT, b INTEGER)",
		"PRAGMA writable_schema = ON",
		`INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql)
			VALUES ('table', 'ghost', 'ghost', 0, 'CREATE VIRTUAL TABLE ghost USING nosuchmodule(a)')`))
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]connectors.Table{}
	for _, tb := range tables {
		got[tb.Name] = tb
	}
	fk := func(cols []string, table string, ref []string) connectors.ForeignKey {
		return connectors.ForeignKey{Columns: cols, RefSchema: "main", RefTable: table, RefColumns: ref}
	}
	want := map[string]struct {
		pk  []string
		fks []connectors.ForeignKey
	}{
		par: {pk: []string{"Año", `b "x"`}},
		ch: {pk: []string{"id"}, fks: []connectors.ForeignKey{
			fk([]string{"a ñ", `b'`}, par, []string{"Año", `b "x"`}),
			fk([]string{"z", "w"}, par, []string{"Año", `b "x"`}),
			fk([]string{"w"}, "nowhere", []string{"q"}),
		}},
		self:       {pk: []string{"id"}, fks: []connectors.ForeignKey{fk([]string{"padre"}, self, []string{"id"})}},
		"sinclave": {},
		"ghost":    {},
	}
	for name, w := range want {
		tb, ok := got[name]
		if !ok {
			t.Fatalf("table %q not listed", name)
		}
		if !slices.Equal(tb.PrimaryKey, w.pk) {
			t.Errorf("%q: primary key %q, want %q", name, tb.PrimaryKey, w.pk)
		}
		if !reflect.DeepEqual(tb.ForeignKeys, w.fks) {
			t.Errorf("%q: foreign keys\n%+v\nwant\n%+v", name, tb.ForeignKeys, w.fks)
		}
	}
}

// A foreign key whose parent columns are left out and whose parent has no
// primary key names no parent columns (SQLite refuses such a key when it
// enforces it); one whose parent does not exist keeps the parent's name.
func TestKeysWithoutParentKey(t *testing.T) {
	s := openPath(t, makeDB(t, t.TempDir(), "nokey.db",
		"CREATE TABLE p (a INTEGER)",
		"CREATE TABLE c (x INTEGER REFERENCES p, y INTEGER REFERENCES Nada)"))
	tb := table(t, s, "c")
	want := []connectors.ForeignKey{
		{Columns: []string{"x"}, RefSchema: "main", RefTable: "p"},
		{Columns: []string{"y"}, RefSchema: "main", RefTable: "Nada"},
	}
	if !reflect.DeepEqual(tb.ForeignKeys, want) || tb.PrimaryKey != nil {
		t.Fatalf("keys: pk %q, fks %+v", tb.PrimaryKey, tb.ForeignKeys)
	}
}

// ---- the row count a sampling pass saw ----

// A Sample that reads the whole table once reports how many rows it saw,
// however stale the listing's count; one that probes saw only some rows
// and reports none.
func TestSampleCounted(t *testing.T) {
	path := makeDB(t, t.TempDir(), "counted.db",
		"CREATE TABLE w (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID", fill("w", 5000),
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 20_000),
		"CREATE TABLE small (id INTEGER PRIMARY KEY, v TEXT)", fill("small", 40),
		"CREATE TABLE sparse (id INTEGER PRIMARY KEY, v TEXT)", fill("sparse", 100_000),
		"DELETE FROM sparse WHERE id % 100 != 0")
	s := seeded(openPath(t, path), 9)
	w := table(t, s, "w")
	// Rows written after the listing: its count is stale.
	makeDB(t, filepath.Dir(path), filepath.Base(path),
		`WITH RECURSIVE c(i) AS (SELECT 5001 UNION ALL SELECT i+1 FROM c WHERE i < 8000) INSERT INTO w SELECT i, 'v' || i FROM c`)
	if w.Rows.Value != 5000 {
		t.Fatalf("w listed with %+v", w.Rows)
	}
	for _, c := range []struct {
		tb      connectors.Table
		n       int
		counted int64
	}{
		{w, 100, 8000},                     // one pass (WITHOUT ROWID), stale listing
		{table(t, s, "p"), 100, 0},         // probed: not every row seen
		{table(t, s, "small"), 100, 40},    // read whole
		{table(t, s, "sparse"), 500, 1000}, // rowids too sparse to probe: one pass
	} {
		smp, err := s.Sample(context.Background(), c.tb, nil, c.n)
		if err != nil {
			t.Fatal(err)
		}
		if smp.Counted != c.counted {
			t.Errorf("%s: Counted = %d, want %d (rows %d, complete %v)", c.tb.Name, smp.Counted, c.counted, smp.Rows, smp.Complete)
		}
	}
}

// Long values are cut in the SELECT, so a sample of a 1 MB note holds its
// first MaxValueBytes and says the column was cut; numbers stored in a
// text column stay as they were, and a date column is read as before.
func TestLongValuesCut(t *testing.T) {
	path := makeDB(t, t.TempDir(), "largo.db",
		"CREATE TABLE l (id INTEGER PRIMARY KEY, corto TEXT, largo TEXT, suelto, b BLOB, d DATE)",
		`WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 20)
		 INSERT INTO l SELECT i, 'v' || i, printf('%.*c', 1000000, 'x'), CASE WHEN i % 4 = 0 THEN 12.5 ELSE printf('%.*c', 1000000, 'y') END,
		        zeroblob(10), '1980-01-02' FROM g`)
	s := openPath(t, path)
	tb := table(t, s, "l")
	for _, n := range []int{100, 5} { // read whole, then sampled
		smp, err := s.Sample(context.Background(), tb, nil, n)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{"largo": true, "suelto": true}
		for i, c := range smp.Columns {
			if got := smp.Truncated != nil && smp.Truncated[i]; got != want[c.Name] {
				t.Errorf("n=%d: column %s truncated = %v, want %v", n, c.Name, got, want[c.Name])
			}
			for _, v := range smp.Values[i] {
				if len(v) > connectors.MaxValueBytes {
					t.Fatalf("n=%d: column %s holds a value of %d bytes", n, c.Name, len(v))
				}
			}
		}
		if !slices.Contains(column(t, smp, "suelto"), "12.5") && n == 100 {
			t.Errorf("a number in a typeless column was not kept as the number it is")
		}
		if d := column(t, smp, "d")[0]; d != "1980-01-02" {
			t.Errorf("the date column reads %q", d)
		}
	}
}
