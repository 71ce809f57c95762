package mysql

// Live tests: they need a server, given as an admin URL in
// ALCANCE_TEST_MYSQL (mysql://root@127.0.0.1:3306/), and skip without it
// (fail under CI=true, see internal/testdb). CI runs them against MariaDB.
// Pointed at an Oracle MySQL server instead, the same tests run the MySQL
// paths of flavour.go live; the few assertions that differ by flavour
// branch on the flavour the connector detected.
//
// Data is set up through a separate admin connection, never through the
// connector, which must not write. Databases are named alcance_myconn_*,
// users alcance_myconn_*; both are dropped when the test ends.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/testdb"
)

// ---- helpers ----

// adminConn opens an admin connection to the database of url (which may
// name none), with multiple statements allowed.
func adminConn(t testing.TB, rawURL string) *sql.DB {
	t.Helper()
	db, err := sql.Open("mysql", testdb.MySQLDriverDSN(t, rawURL))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func run(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("setting up: %s: %v", s, err)
		}
	}
}

// makeDB creates a fresh database and runs stmts in it (as admin).
func makeDB(t testing.TB, name string, stmts ...string) string {
	t.Helper()
	u := testdb.MySQL(t, name)
	run(t, adminConn(t, u), stmts...)
	return u
}

// fill inserts rows 1..n into table, in batches, as admin; row(i) is the
// tuple of row i, e.g. "(1, 'v1')". ANALYZE TABLE then makes TABLE_ROWS
// a fresh estimate.
func fill(t testing.TB, rawURL, table string, n int, row func(i int) string) {
	t.Helper()
	db := adminConn(t, rawURL)
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			run(t, db, "INSERT INTO "+quoteIdent(table)+" VALUES "+b.String())
			b.Reset()
		}
	}
	for i := 1; i <= n; i++ {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row(i))
		if i%2000 == 0 {
			flush()
		}
	}
	flush()
	rows, err := db.Query("ANALYZE TABLE " + quoteIdent(table))
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
}

func idRow(i int) string { return fmt.Sprintf("(%d, 'v%d')", i, i) }

// withDB is url pointing at another database (name percent-encoded).
func withDB(t testing.TB, rawURL, db string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + db
	u.RawPath = "/" + url.PathEscape(db)
	return u.String()
}

// withUser is url with another user and password ("" for none).
func withUser(t testing.TB, rawURL, user, pass string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	if pass == "" {
		u.User = url.User(user)
	} else {
		u.User = url.UserPassword(user, pass)
	}
	return u.String()
}

// createUser makes a user (any host) with a password and the given
// grants, as admin, and drops it when the test ends.
func createUser(t testing.TB, name, pass string, grants ...string) {
	t.Helper()
	db := adminConn(t, testdb.MySQLAdmin(t))
	q := "'" + name + "'@'%'"
	run(t, db, "DROP USER IF EXISTS "+q, "CREATE USER "+q+" IDENTIFIED BY '"+pass+"'")
	for _, g := range grants {
		run(t, db, strings.ReplaceAll(g, "$USER", q))
	}
	t.Cleanup(func() { db.Exec("DROP USER IF EXISTS " + q) })
}

// open opens url through the connector, as the CLI would.
func open(t testing.TB, rawURL string, opts connectors.Options) *source {
	t.Helper()
	s, err := tryOpen(rawURL, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func tryOpen(rawURL string, opts connectors.Options) (*source, error) {
	spec, ok, err := opener{}.Parse(rawURL)
	if err != nil || !ok {
		return nil, fmt.Errorf("Parse = ok %v, err %v", ok, err)
	}
	src, err := opener{}.Open(context.Background(), spec, opts)
	if err != nil {
		return nil, err
	}
	return src.(*source), nil
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

// deciles fails unless each tenth of 1..rows holds 5-15% of the sampled
// ids (for n = 1000 the binomial sd is ~9.5, so this is over 5 sd): a
// contiguous range, or a bias to one end, fails.
func deciles(t testing.TB, ids []int64, rows int64) {
	t.Helper()
	var d [10]int
	for _, id := range ids {
		d[(id-1)*10/rows]++
	}
	n := len(ids)
	for i, c := range d {
		if c < n*5/100 || c > n*15/100 {
			t.Errorf("decile %d holds %d of %d sampled rows: %v", i, c, n, d)
		}
	}
}

var bg = context.Background()

// ---- opening and the session ----

func TestOpenSession(t *testing.T) {
	u := makeDB(t, "alcance_myconn_open", "CREATE TABLE t (id INT PRIMARY KEY)")
	s := open(t, u, connectors.Options{StatementTimeout: 1500 * time.Millisecond})
	if info := s.Info(); info.Kind != "mysql" || info.Name != "alcance_myconn_open" || !strings.HasSuffix(info.Location, "/alcance_myconn_open") {
		t.Errorf("Info = %+v", info)
	}

	// The flavour detected is the server's.
	var version, comment string
	if err := adminConn(t, u).QueryRow("SELECT VERSION(), @@version_comment").Scan(&version, &comment); err != nil {
		t.Fatal(err)
	}
	srv := s.srv()
	wantMaria := strings.Contains(strings.ToLower(version+comment), "mariadb")
	if (srv.flavour == flavourMariaDB) != wantMaria || srv.version[0] == 0 {
		t.Fatalf("detected %v for %q / %q", srv, version, comment)
	}
	t.Logf("server: %v (%s, %s)", srv, version, comment)

	// Every connection of the pool carries the session settings: check
	// two at once.
	ctx := bg
	c1, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	c2, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	roVar := "@@session.tx_read_only"
	if srv.flavour == flavourMySQL && srv.atLeast(5, 7, 20) {
		roVar = "@@session.transaction_read_only"
	}
	timeoutVar, wantTimeout := "@@session.max_statement_time", 1.5 // seconds
	if srv.flavour == flavourMySQL {
		timeoutVar, wantTimeout = "@@session.max_execution_time", 1500 // milliseconds
	}
	for i, c := range []*sql.Conn{c1, c2} {
		var ro, lw, ilw, cs, csc string
		var timeout float64
		err := c.QueryRowContext(ctx, "SELECT "+roVar+", @@session.lock_wait_timeout, @@session.innodb_lock_wait_timeout, "+
			timeoutVar+", @@session.character_set_results, @@session.character_set_client").Scan(&ro, &lw, &ilw, &timeout, &cs, &csc)
		if err != nil {
			t.Fatal(err)
		}
		if ro != "1" || lw != "5" || ilw != "5" || timeout != wantTimeout || cs != "utf8mb4" || csc != "utf8mb4" {
			t.Errorf("connection %d: read only %s, lock waits %s/%s, timeout %v, charset %s/%s", i, ro, lw, ilw, timeout, cs, csc)
		}
	}
}

// The connection attribute shows in performance_schema when the server
// keeps it (MariaDB's default is off: then there is nothing to check).
func TestProgramName(t *testing.T) {
	u := makeDB(t, "alcance_myconn_attr")
	admin := adminConn(t, u)
	var ps string
	if err := admin.QueryRow("SELECT @@performance_schema").Scan(&ps); err != nil {
		t.Fatal(err)
	}
	if ps != "1" {
		t.Skip("performance_schema is off on this server: session_connect_attrs is empty")
	}
	s := open(t, u, connectors.Options{})
	conn, err := s.db.Conn(bg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var id int64
	if err := conn.QueryRowContext(bg, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatal(err)
	}
	var name string
	err = admin.QueryRow(`SELECT ATTR_VALUE FROM performance_schema.session_connect_attrs
		WHERE PROCESSLIST_ID = ? AND ATTR_NAME = 'program_name'`, id).Scan(&name)
	if err != nil || name != "alcance" {
		t.Fatalf("program_name = %q, %v", name, err)
	}
}

// MaxConns caps the pool: with both connections held by streaming reads, a
// third statement waits for one and times out, and the server sees two.
func TestPoolCap(t *testing.T) {
	u := makeDB(t, "alcance_myconn_pool", "CREATE TABLE t (id INT PRIMARY KEY, v TEXT)")
	fill(t, u, "t", 5000, idRow)
	createUser(t, "alcance_myconn_pool", "Pool#Pass1", "GRANT SELECT ON alcance_myconn_pool.* TO $USER")
	s := open(t, withUser(t, u, "alcance_myconn_pool", "Pool#Pass1"), connectors.Options{MaxConns: 2})
	tb := table(t, s, "t")

	release := make(chan struct{})
	started := make(chan struct{}, 2)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first := true
			errs[i] = s.ReadColumns(bg, tb, nil, func([]string) error {
				if first {
					first = false
					started <- struct{}{}
					<-release
				}
				return nil
			})
		}()
	}
	<-started
	<-started
	ctx, cancel := context.WithTimeout(bg, 300*time.Millisecond)
	_, err := s.CountRows(ctx, tb)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a third statement with both connections busy: %v, want it to wait and time out", err)
	}
	var n int
	if err := adminConn(t, u).QueryRow(
		"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'alcance_myconn_pool'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("the server sees %d connections of the scanning user, want 2", n)
	}
	close(release)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if _, err := s.CountRows(bg, tb); err != nil {
		t.Errorf("after the reads: %v", err)
	}
}

// ---- listing ----

// Without /db, every database the user can see is listed, and no system
// schema.
func TestTablesAllDatabases(t *testing.T) {
	makeDB(t, "alcance_myconn_all_a", "CREATE TABLE uno (id INT PRIMARY KEY)", "INSERT INTO uno VALUES (1), (2)")
	makeDB(t, "alcance_myconn_all_b", "CREATE TABLE dos (id INT PRIMARY KEY)")
	s := open(t, testdb.MySQLAdmin(t), connectors.Options{})
	if s.Info().Name != s.t.host {
		t.Errorf("Name = %q, want the host", s.Info().Name)
	}
	tables, err := s.Tables(bg)
	if err != nil {
		t.Fatal(err)
	}
	var ours []string
	for i, tb := range tables {
		if slices.Contains(systemSchemas, tb.Schema) {
			t.Errorf("system schema listed: %s", tb.QualifiedName())
		}
		if i > 0 && (tables[i-1].Schema > tb.Schema || tables[i-1].Schema == tb.Schema && tables[i-1].Name >= tb.Name) {
			t.Errorf("not sorted: %s before %s", tables[i-1].QualifiedName(), tb.QualifiedName())
		}
		if strings.HasPrefix(tb.Schema, "alcance_myconn_all_") {
			ours = append(ours, tb.QualifiedName())
			if tb.Name == "uno" && (tb.Rows.Value != 2 || !tb.Rows.Known) {
				t.Errorf("uno: rows %+v", tb.Rows)
			}
		}
	}
	if !slices.Equal(ours, []string{"alcance_myconn_all_a.uno", "alcance_myconn_all_b.dos"}) {
		t.Errorf("listed %q", ours)
	}
}

// Hostile names everywhere: database, tables, columns. Every statement the
// connector makes must quote them.
func TestHostileNames(t *testing.T) {
	admin := adminConn(t, testdb.MySQLAdmin(t))
	dbName := "alcance_myconn_añ`o \"x'"
	run(t, admin, "DROP DATABASE IF EXISTS "+quoteIdent(dbName), "CREATE DATABASE "+quoteIdent(dbName)+" CHARACTER SET utf8mb4")
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + quoteIdent(dbName)) })
	u := withDB(t, testdb.MySQLAdmin(t), dbName)

	// '?', '#' and "-- " matter to the driver's parameter interpolation,
	// which must not see them inside backquotes.
	names := []string{"we`ird", "it's", "with space", "select", "order", "año", "MiXeD", `"`, "`", "q?#-- x"}
	db := adminConn(t, u)
	for _, n := range names {
		q := quoteIdent(n)
		run(t, db,
			"CREATE TABLE "+q+" (`order` INT PRIMARY KEY, `col``q` TEXT, `it's` INT, `with space` DATE, "+
				"`select` DOUBLE, `año` VARCHAR(10), `MiXeD` BLOB)",
			"INSERT INTO "+q+" VALUES (1, 'a', 1, '2000-01-02', 1.5, 'ñ', x'00'), (2, 'b', 2, NULL, NULL, 'x', NULL)")
	}
	run(t, db, "CREATE VIEW `vista ``v` AS SELECT * FROM `año`")

	s := open(t, u, connectors.Options{})
	if s.Info().Name != dbName {
		t.Errorf("Name = %q", s.Info().Name)
	}
	tables, err := s.Tables(bg)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		got = append(got, tb.Name)
	}
	want := slices.Clone(names)
	sort.Strings(want)
	if !slices.Equal(got, want) { // the view is not listed without IncludeViews
		t.Fatalf("tables = %q, want %q", got, want)
	}
	wantCols := []connectors.Column{
		{Name: "order", Type: "int(11)", Kind: connectors.KindInteger},
		{Name: "col`q", Type: "text", Kind: connectors.KindText},
		{Name: "it's", Type: "int(11)", Kind: connectors.KindInteger},
		{Name: "with space", Type: "date", Kind: connectors.KindDate},
		{Name: "select", Type: "double", Kind: connectors.KindDecimal},
		{Name: "año", Type: "varchar(10)", Kind: connectors.KindText},
		{Name: "MiXeD", Type: "blob", Kind: connectors.KindBinary},
	}
	if s.srv().flavour == flavourMySQL && s.srv().atLeast(8, 0, 19) {
		wantCols[0].Type, wantCols[2].Type = "int", "int" // no display widths
	}
	for _, tb := range tables {
		if tb.Schema != dbName || tb.QualifiedName() != dbName+"."+tb.Name {
			t.Errorf("table %q: schema %q", tb.Name, tb.Schema)
		}
		if !slices.Equal(tb.Columns, wantCols) {
			t.Errorf("table %q: columns %+v", tb.Name, tb.Columns)
		}
		if !tb.Rows.Known || tb.Rows.Value != 2 {
			t.Errorf("table %q: rows %+v", tb.Name, tb.Rows)
		}
		// Whole read.
		smp, err := s.Sample(bg, tb, nil, 10)
		if err != nil {
			t.Fatalf("Sample(%q): %v", tb.Name, err)
		}
		vals := column(t, smp, "col`q")
		sort.Strings(vals)
		if !smp.Complete || !slices.Equal(vals, []string{"a", "b"}) || column(t, smp, "MiXeD")[0] != "" {
			t.Errorf("Sample(%q) = %+v", tb.Name, smp)
		}
		// The key is found; whichever way Sample then reads (by the cost
		// model, which sees one 16 KB page), a probe's SQL is run here too,
		// to check its quoting.
		pl, err := s.plan(bg, s.db, tb, "", 1)
		if err != nil || pl.key.column != "order" || pl.spanM1 != 1 {
			t.Errorf("plan(%q, 1) = %+v, %v; want the key `order`", tb.Name, pl, err)
		}
		rp, err := s.planRead(bg, s.db, tb, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fetch(bg, s.db, probeSQL(rp.list, qualified(tb.Schema, tb.Name), pl.key.column, []string{"2", "7"}, ""), rp)
		if err != nil || len(got) != 1 || got[0][1] != "b" {
			t.Errorf("probe(%q) = %q, %v", tb.Name, got, err)
		}
		smp, err = s.Sample(bg, tb, nil, 1)
		if err != nil || smp.Rows != 1 || smp.Complete {
			t.Errorf("Sample(%q, 1) = %+v, %v", tb.Name, smp, err)
		}
		var rows []string
		err = s.ReadColumns(bg, tb, tb.Columns[5:6], func(v []string) error {
			rows = append(rows, v[0])
			return nil
		})
		sort.Strings(rows)
		if err != nil || !slices.Equal(rows, []string{"x", "ñ"}) {
			t.Errorf("ReadColumns(%q) = %q, %v", tb.Name, rows, err)
		}
		if n, err := s.CountRows(bg, tb); n != 2 || err != nil {
			t.Errorf("CountRows(%q) = %d, %v", tb.Name, n, err)
		}
	}

	// Views only with IncludeViews, with no row count.
	sv := open(t, u, connectors.Options{IncludeViews: true})
	v := table(t, sv, "vista `v")
	if v.Rows.Known || len(v.Columns) != 7 {
		t.Errorf("view: %+v", v)
	}
	smp, err := sv.Sample(bg, v, nil, 10)
	if err != nil || smp.Rows != 2 || !smp.Complete {
		t.Errorf("Sample(view) = %+v, %v", smp, err)
	}
	all, _ := sv.Tables(bg)
	if len(all) != len(names)+1 {
		t.Errorf("with views: %d tables, want %d", len(all), len(names)+1)
	}
}

// Declared types map to kinds on the live catalog, including MariaDB's
// JSON (LONGTEXT with a json_valid check); row counts are estimates except
// for MyISAM, and a table InnoDB reports as empty is counted.
func TestCatalog(t *testing.T) {
	u := makeDB(t, "alcance_myconn_catalog",
		`CREATE TABLE k (c CHAR(18), vc VARCHAR(20), tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lt LONGTEXT,
			e ENUM('a','b'), st SET('x','y'), ti TINYINT, b1 TINYINT(1), si SMALLINT, mi MEDIUMINT, i INT,
			bi BIGINT UNSIGNED, y YEAR, bt BIT(3), d DECIMAL(12,2), f FLOAT, db DOUBLE, dt DATE, dtm DATETIME,
			ts TIMESTAMP NULL, j JSON, bn BINARY(4), vb VARBINARY(8), bl BLOB, lb LONGBLOB, tm TIME, g GEOMETRY,
			vcb VARCHAR(10) CHARACTER SET binary)`,
		"CREATE TABLE my (id INT) ENGINE=MyISAM",
		"CREATE TABLE inno (id INT) ENGINE=InnoDB",
		"CREATE TABLE big (id INT) ENGINE=InnoDB")
	fill(t, u, "my", 1234, func(i int) string { return fmt.Sprintf("(%d)", i) })
	run(t, adminConn(t, u), "INSERT INTO inno VALUES (1), (2), (3)",
		"INSERT INTO big SELECT a.id * 1000 + b.id FROM my a, my b WHERE a.id <= 101 AND b.id <= 1000")

	s := open(t, u, connectors.Options{})
	jsonKind := connectors.KindJSON
	want := map[string]connectors.Kind{
		"c": connectors.KindText, "vc": connectors.KindText, "tt": connectors.KindText, "tx": connectors.KindText,
		"mt": connectors.KindText, "lt": connectors.KindText, "e": connectors.KindText, "st": connectors.KindText,
		"ti": connectors.KindInteger, "b1": connectors.KindInteger, "si": connectors.KindInteger, "mi": connectors.KindInteger,
		"i": connectors.KindInteger, "bi": connectors.KindInteger, "y": connectors.KindInteger, "bt": connectors.KindInteger,
		"d": connectors.KindDecimal, "f": connectors.KindDecimal, "db": connectors.KindDecimal,
		"dt": connectors.KindDate, "dtm": connectors.KindTimestamp, "ts": connectors.KindTimestamp, "j": jsonKind,
		"bn": connectors.KindBinary, "vb": connectors.KindBinary, "bl": connectors.KindBinary, "lb": connectors.KindBinary,
		"g": connectors.KindBinary, "vcb": connectors.KindBinary, "tm": connectors.KindOther,
	}
	k := table(t, s, "k")
	if len(k.Columns) != len(want) {
		t.Errorf("%d columns, want %d", len(k.Columns), len(want))
	}
	for _, c := range k.Columns {
		if c.Kind != want[c.Name] {
			t.Errorf("column %s (%s): kind %v, want %v", c.Name, c.Type, c.Kind, want[c.Name])
		}
	}
	types := map[string]string{}
	for _, c := range k.Columns {
		types[c.Name] = c.Type
	}
	if types["c"] != "char(18)" || types["d"] != "decimal(12,2)" || !strings.HasPrefix(types["bi"], "bigint") ||
		!strings.Contains(types["bi"], "unsigned") || !strings.HasPrefix(types["e"], "enum('a','b')") {
		t.Errorf("declared types not kept: %v", types)
	}
	if my := table(t, s, "my"); my.Rows != (connectors.RowCount{Value: 1234, Exact: true, Known: true}) {
		t.Errorf("MyISAM rows = %+v, want exact 1234", my.Rows)
	}
	if inno := table(t, s, "inno"); inno.Rows.Value != 3 || inno.Rows.Exact || !inno.Rows.Known {
		t.Errorf("InnoDB rows = %+v, want an estimate of 3", inno.Rows)
	}
	// InnoDB's TABLE_ROWS is 0 (or NULL) when its statistics predate the
	// rows, as after a restart with stale persistent statistics; a live
	// server keeps an in-memory count, so that case is handed to rowCount
	// here rather than provoked.
	for _, c := range []struct {
		table string
		est   sql.NullInt64
		want  connectors.RowCount
	}{
		{"inno", sql.NullInt64{Valid: true}, connectors.RowCount{Value: 3, Exact: true, Known: true}},
		{"inno", sql.NullInt64{}, connectors.RowCount{Value: 3, Exact: true, Known: true}},
		{"big", sql.NullInt64{Valid: true}, connectors.RowCount{Value: countBound, Known: true}}, // a lower bound
		{"inno", sql.NullInt64{Valid: true, Int64: 7}, connectors.RowCount{Value: 7, Known: true}},
		{"my", sql.NullInt64{Valid: true}, connectors.RowCount{Value: 0, Exact: true, Known: true}}, // MyISAM's 0 is exact: no count
		{"no such table", sql.NullInt64{}, connectors.RowCount{}},
	} {
		engine := "InnoDB"
		if c.table == "my" {
			engine = "MyISAM"
		}
		if got := s.rowCount(bg, s.db, s.t.db, c.table, engine, c.est); got != c.want {
			t.Errorf("rowCount(%s, %v) = %+v, want %+v", c.table, c.est, got, c.want)
		}
	}
	if k := table(t, s, "k"); k.Rows != (connectors.RowCount{Value: 0, Exact: true, Known: true}) {
		t.Errorf("empty table rows = %+v", k.Rows)
	}
}

// ---- values ----

func TestRendering(t *testing.T) {
	u := makeDB(t, "alcance_myconn_values",
		"SET SESSION sql_mode = ''", // the zero dates legacy systems store
		`CREATE TABLE v (k INT PRIMARY KEY, d DATE, dt DATETIME, ts TIMESTAMP NULL, dt6 DATETIME(6), i INT,
			bi BIGINT UNSIGNED, f FLOAT, db DOUBLE, `+"`dec`"+` DECIMAL(12,2), c CHAR(10), vc VARCHAR(20), e ENUM('a','b'),
			y YEAR, b BIT(9), tm TIME, bl BLOB, vb VARBINARY(10), tf TINYINT(1))`,
		`INSERT INTO v VALUES (1, '1985-07-23', '2020-01-02 03:04:05', '2020-01-02 03:04:05', '2020-01-02 03:04:05.678',
			42, 18446744073709551615, 0.1, -0.5, 1234.5, 'ABC', 'Peña ', 'a', 2024, b'100000001', '12:34:56', x'00FF', x'D1', 1)`,
		`INSERT INTO v VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
		`INSERT INTO v VALUES (3, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '2021-03-04 00:00:00',
			-5, 0, 1e20, 1e-3, -0.01, '   ', '', 'b', 1901, b'0', '-838:59:59', '', '', 0)`,
		`INSERT INTO v VALUES (4, '1985-00-00', '1985-07-00 10:00:00', '1980-05-01 00:00:00', '1999-12-31 23:59:59.999999',
			2147483647, 1, 3.5, 1e300, 9999999999.99, 'x', 'año', '', 0, b'111111111', '00:00:00', NULL, NULL, 127)`)
	want := map[string][]string{ // by k
		"d":   {"1985-07-23", "", "", "1985-00-00"},
		"dt":  {"2020-01-02 03:04:05", "", "", "1985-07-00 10:00:00"},
		"ts":  {"2020-01-02 03:04:05", "", "", "1980-05-01"},
		"dt6": {"2020-01-02 03:04:05", "", "2021-03-04", "1999-12-31 23:59:59"},
		"i":   {"42", "", "-5", "2147483647"},
		"bi":  {"18446744073709551615", "", "0", "1"},
		"f":   {"0.1", "", "100000000000000000000", "3.5"},
		"db":  {"-0.5", "", "0.001", "1" + strings.Repeat("0", 300)},
		"dec": {"1234.50", "", "-0.01", "9999999999.99"},
		"c":   {"ABC", "", "", "x"},
		"vc":  {"Peña", "", "", "año"},
		"e":   {"a", "", "b", ""},
		"y":   {"2024", "", "1901", "0"},
		"b":   {"257", "", "0", "511"},
		"tm":  {"12:34:56", "", "-838:59:59", "00:00:00"},
		"bl":  {"", "", "", ""}, // binary: never read
		"vb":  {"", "", "", ""},
		"tf":  {"1", "", "0", "127"},
	}
	s := open(t, u, connectors.Options{})
	tb := table(t, s, "v")
	check := func(how string, byK map[string][]string) {
		t.Helper()
		for col, w := range want {
			if !slices.Equal(byK[col], w) {
				t.Errorf("%s: column %s = %q, want %q", how, col, byK[col], w)
			}
		}
	}
	smp, err := s.Sample(bg, tb, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !smp.Complete || smp.Rows != 4 {
		t.Fatalf("sample of a 4-row table: %d rows, complete %v", smp.Rows, smp.Complete)
	}
	keys := ints(t, column(t, smp, "k"))
	byK := map[string][]string{}
	for name := range want {
		vals := column(t, smp, name)
		ordered := make([]string, 4)
		for r, k := range keys {
			ordered[k-1] = vals[r]
		}
		byK[name] = ordered
	}
	check("Sample", byK)

	byK = map[string][]string{}
	var order []string
	err = s.ReadColumns(bg, tb, tb.Columns, func(v []string) error {
		order = append(order, v[0])
		for i, c := range tb.Columns {
			byK[c.Name] = append(byK[c.Name], v[i])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(order, []string{"1", "2", "3", "4"}) {
		t.Fatalf("ReadColumns order %q (InnoDB's storage order is the key's)", order)
	}
	check("ReadColumns", byK)

	// The binary columns are not even selected.
	rp, err := s.planRead(bg, s.db, tb, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rp.list, "`bl`") || strings.Contains(rp.list, "`vb`") || !strings.Contains(rp.list, "`dec`") {
		t.Errorf("SELECT list %s", rp.list)
	}
}

// Ñ and accents come out right whatever the table's or column's character
// set: the server converts to the connection's utf8mb4. Bytes stored
// mis-encoded come out as the mojibake they are.
func TestLegacyEncodings(t *testing.T) {
	u := makeDB(t, "alcance_myconn_latin1",
		"CREATE TABLE l (k INT PRIMARY KEY, v VARCHAR(30), c CHAR(20)) DEFAULT CHARSET=latin1",
		"INSERT INTO l VALUES (1, 'MUÑOZ', 'PEÑA'), (2, 'JOSÉ', 'Ñ'), (3, CONCAT('MU', _latin1 X'C391', 'OZ'), 'ÁÉÍÓÚÜ ñ')",
		"CREATE TABLE u (k INT PRIMARY KEY, v VARCHAR(30), c CHAR(20), l1 VARCHAR(20) CHARACTER SET latin1) DEFAULT CHARSET=utf8mb4",
		"INSERT INTO u VALUES (1, 'MUÑOZ', 'PEÑA', 'JOSÉ'), (2, 'JOSÉ', 'Ñ', 'MUÑOZ'), (3, 'año 🙂', 'ü', 'PEÑA')")
	// The latin1 table really holds latin1 bytes (Ñ is D1), so what comes
	// out below is the server's conversion, not UTF-8 passed through.
	var hex string
	if err := adminConn(t, u).QueryRow("SELECT HEX(v) FROM l WHERE k = 1").Scan(&hex); err != nil || hex != "4D55D14F5A" {
		t.Fatalf("stored %s, %v; want latin1 4D55D14F5A", hex, err)
	}
	s := open(t, u, connectors.Options{})
	for name, want := range map[string][][]string{
		"l": {{"1", "MUÑOZ", "PEÑA"}, {"2", "JOSÉ", "Ñ"}, {"3", "MUÃ‘OZ", "ÁÉÍÓÚÜ ñ"}},
		"u": {{"1", "MUÑOZ", "PEÑA", "JOSÉ"}, {"2", "JOSÉ", "Ñ", "MUÑOZ"}, {"3", "año 🙂", "ü", "PEÑA"}},
	} {
		tb := table(t, s, name)
		var got [][]string
		err := s.ReadColumns(bg, tb, nil, func(v []string) error {
			got = append(got, slices.Clone(v))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: read %q, want %q", name, got, want)
		}
		smp, err := s.Sample(bg, tb, nil, 10)
		if err != nil {
			t.Fatal(err)
		}
		vs := column(t, smp, "v")
		sort.Strings(vs)
		var wv []string
		for _, r := range want {
			wv = append(wv, r[1])
		}
		sort.Strings(wv)
		if !slices.Equal(vs, wv) {
			t.Errorf("%s: sampled %q, want %q", name, vs, wv)
		}
	}
}

// ---- sampling ----

func TestSampleSpread(t *testing.T) {
	const rows, n = 100_000, 1000
	// Rows of a few hundred bytes, as legacy tables have: on a narrow table
	// one pass is cheaper than probing (see probeBytes).
	u := makeDB(t, "alcance_myconn_spread", "CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20), pad CHAR(200))")
	fill(t, u, "p", rows, func(i int) string { return fmt.Sprintf("(%d, 'v%d', REPEAT('x', 200))", i, i) })
	s := seeded(open(t, u, connectors.Options{}), 7)
	tb := table(t, s, "p")
	if tb.Rows.Exact || !tb.Rows.Known || tb.Rows.Value < rows/2 || tb.Rows.Value > rows*2 {
		t.Errorf("rows = %+v, want an InnoDB estimate near %d", tb.Rows, rows)
	}
	// This size must be probed: the spread below must come from random keys.
	pl, err := s.plan(bg, s.db, tb, "", n)
	if err != nil || !pl.probe || pl.key.column != "id" || pl.lo != 1 || pl.spanM1 != rows-1 {
		t.Fatalf("plan = %+v, %v; want probing by id over 1..%d", pl, err, rows)
	}
	smp, err := s.Sample(bg, tb, nil, n)
	if err != nil {
		t.Fatal(err)
	}
	if smp.Rows != n || smp.Complete {
		t.Fatalf("rows %d complete %v, want %d rows, incomplete", smp.Rows, smp.Complete, n)
	}
	ids := column(t, smp, "id")
	distinct(t, ids)
	vs := column(t, smp, "v")
	for i, id := range ids {
		if vs[i] != "v"+id {
			t.Fatalf("row %s: id and v from different rows (%q)", id, vs[i])
		}
	}
	deciles(t, ints(t, ids), rows)
}

// No usable key (none, a non-unique index, a nullable unique column, a
// composite key, a text key): one pass with RAND() < p, still uniform.
func TestSampleWithoutKey(t *testing.T) {
	const rows, n = 20_000, 1000
	u := makeDB(t, "alcance_myconn_nokey",
		"CREATE TABLE none (id INT, v VARCHAR(20))",
		"CREATE TABLE nonuniq (id INT NOT NULL, v VARCHAR(20), KEY (id))",
		"CREATE TABLE nullable (id INT NULL, v VARCHAR(20), UNIQUE KEY (id))",
		"CREATE TABLE composite (id INT NOT NULL, v VARCHAR(20) NOT NULL, PRIMARY KEY (id, v))",
		"CREATE TABLE textkey (code CHAR(8) PRIMARY KEY, id INT, v VARCHAR(20))")
	for _, name := range []string{"none", "nonuniq", "nullable", "composite"} {
		fill(t, u, name, rows, idRow)
	}
	fill(t, u, "textkey", rows, func(i int) string { return fmt.Sprintf("('K%06d', %d, 'v%d')", i, i, i) })
	s := seeded(open(t, u, connectors.Options{}), 5)
	for _, name := range []string{"none", "nonuniq", "nullable", "composite", "textkey"} {
		tb := table(t, s, name)
		pl, err := s.plan(bg, s.db, tb, "", n)
		if err != nil || pl.probe || pl.whole || pl.key.column != "" {
			t.Fatalf("plan(%s) = %+v, %v; want one pass", name, pl, err)
		}
		smp, err := s.Sample(bg, tb, nil, n)
		if err != nil {
			t.Fatal(err)
		}
		if smp.Rows != n || smp.Complete {
			t.Fatalf("%s: rows %d complete %v", name, smp.Rows, smp.Complete)
		}
		ids := column(t, smp, "id")
		distinct(t, ids)
		deciles(t, ints(t, ids), rows) // a reservoir that kept the first rows fails here
	}
}

// An index the optimizer is told not to use (MariaDB 10.6+ IGNORED, MySQL
// 8.0+ INVISIBLE) would turn every probe into a full scan: it is not a key.
func TestIgnoredIndex(t *testing.T) {
	admin := adminConn(t, testdb.MySQLAdmin(t))
	var version, comment string
	if err := admin.QueryRow("SELECT VERSION(), @@version_comment").Scan(&version, &comment); err != nil {
		t.Fatal(err)
	}
	srv := detect(version, comment)
	var hide string
	switch {
	case srv.flavour == flavourMariaDB && srv.atLeast(10, 6, 0):
		hide = "IGNORED"
	case srv.flavour == flavourMySQL && srv.atLeast(8, 0, 0):
		hide = "INVISIBLE"
	default:
		t.Skipf("%v cannot hide an index from the optimizer", srv)
	}
	u := makeDB(t, "alcance_myconn_ignored",
		// A primary key cannot be hidden, and a NOT NULL unique index on a
		// table without one is its primary key: hence the text key.
		"CREATE TABLE h (code VARCHAR(10) PRIMARY KEY, id INT NOT NULL, UNIQUE KEY uk (id) "+hide+")",
		"CREATE TABLE k (code VARCHAR(10) PRIMARY KEY, id INT NOT NULL, UNIQUE KEY uk (id))")
	row := func(i int) string { return fmt.Sprintf("('c%d', %d)", i, i) }
	fill(t, u, "h", 100, row)
	fill(t, u, "k", 100, row)
	s := open(t, u, connectors.Options{})
	for name, want := range map[string]string{"h": "", "k": "id"} {
		key, ok, err := findKey(bg, s.db, s.srv(), table(t, s, name))
		if err != nil || key.column != want || ok != (want != "") {
			t.Errorf("findKey(%s) = %+v, %v, %v; want %q", name, key, ok, err, want)
		}
	}
}

func TestSampleSmallTable(t *testing.T) {
	u := makeDB(t, "alcance_myconn_small",
		"CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20))",
		"CREATE TABLE e (a TEXT)")
	fill(t, u, "p", 50, idRow)
	s := open(t, u, connectors.Options{})
	tb := table(t, s, "p")
	for _, c := range []struct {
		n        int
		rows     int
		complete bool
	}{{100, 50, true}, {50, 50, true}, {49, 49, false}, {1, 1, false}} {
		smp, err := s.Sample(bg, tb, nil, c.n)
		if err != nil {
			t.Fatal(err)
		}
		if smp.Rows != c.rows || smp.Complete != c.complete {
			t.Errorf("Sample(n=%d) = %d rows complete %v, want %d, %v", c.n, smp.Rows, smp.Complete, c.rows, c.complete)
		}
		distinct(t, column(t, smp, "id"))
	}
	smp, err := s.Sample(bg, table(t, s, "e"), nil, 10)
	if err != nil || smp.Rows != 0 || !smp.Complete || len(smp.Values[0]) != 0 {
		t.Fatalf("empty table: %+v, %v", smp, err)
	}
	if _, err := s.Sample(bg, tb, nil, 0); err == nil {
		t.Errorf("Sample(n=0) succeeded")
	}
}

func TestSampleGaps(t *testing.T) {
	// Five clusters of 20,000 keys, 50,000 apart: density ~0.45, still
	// worth probing these wide rows; each cluster holds a fifth of the rows.
	u := makeDB(t, "alcance_myconn_gaps",
		"CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20), pad CHAR(200))",
		"CREATE TABLE q (id BIGINT PRIMARY KEY, v VARCHAR(20))",
		"CREATE TABLE uq (id BIGINT UNSIGNED NOT NULL, v VARCHAR(20), pad CHAR(200), UNIQUE KEY (id))")
	fill(t, u, "p", 100_000, func(i int) string {
		id := (i-1)/20_000*50_000 + (i-1)%20_000 + 1
		return fmt.Sprintf("(%d, 'x', REPEAT('x', 200))", id)
	})
	// Keys near both ends of BIGINT: the span is the whole of it and
	// probing is hopeless.
	fill(t, u, "q", 10_000, idRow)
	run(t, adminConn(t, u), "INSERT INTO q VALUES (-9223372036854775808, 'min'), (9223372036854775807, 'max')")
	// Unsigned keys at the top of the range: probed, written back right.
	fill(t, u, "uq", 10_000, func(i int) string { return fmt.Sprintf("(18446744073709551615 - %d, 'v%d', REPEAT('x', 200))", i-1, i) })
	s := seeded(open(t, u, connectors.Options{}), 11)

	p := table(t, s, "p")
	if pl, err := s.plan(bg, s.db, p, "", 1000); err != nil || !pl.probe {
		t.Fatalf("plan(p) = %+v, %v; want probing", pl, err)
	}
	smp, err := s.Sample(bg, p, nil, 1000)
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
		clusters[(id-1)/50_000]++
	}
	for k, c := range clusters { // expected 200, sd ~12.6
		if c < 150 || c > 250 {
			t.Errorf("cluster %d holds %d of 1000: %v", k, c, clusters)
		}
	}

	q := table(t, s, "q")
	if pl, err := s.plan(bg, s.db, q, "", 500); err != nil || pl.probe || pl.spanM1 != 1<<64-1 {
		t.Fatalf("plan(q) = %+v, %v; want one pass over the whole BIGINT span", pl, err)
	}
	smp, err = s.Sample(bg, q, nil, 500)
	if err != nil || smp.Rows != 500 || smp.Complete {
		t.Fatalf("q: %+v, %v", smp.Rows, err)
	}
	distinct(t, column(t, smp, "id"))

	uq := table(t, s, "uq")
	pl, err := s.plan(bg, s.db, uq, "", 500)
	if err != nil || !pl.probe || !pl.key.unsigned || pl.lo != 18446744073709551615-9999 || pl.spanM1 != 9999 {
		t.Fatalf("plan(uq) = %+v, %v; want probing the unsigned key", pl, err)
	}
	smp, err = s.Sample(bg, uq, nil, 500)
	if err != nil || smp.Rows != 500 {
		t.Fatalf("uq: %+v, %v", smp, err)
	}
	for i, id := range column(t, smp, "id") {
		v, err := strconv.ParseUint(id, 10, 64)
		if err != nil || v < 18446744073709551615-9999 || column(t, smp, "v")[i] != "v"+strconv.FormatUint(18446744073709551615-v+1, 10) {
			t.Fatalf("uq: row %s / %s", id, column(t, smp, "v")[i])
		}
	}
	distinct(t, column(t, smp, "id"))
}

// A catalog estimate can be far off: rows deleted since, or an InnoDB
// guess. Probing that finds far fewer rows than promised gives up and
// reads the table once; a pass with RAND() < p that brings too few rows
// reads again with a larger p.
func TestSampleStaleEstimate(t *testing.T) {
	u := makeDB(t, "alcance_myconn_stale",
		"CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20), pad CHAR(200))",
		"CREATE TABLE h (id INT, v VARCHAR(20))")
	fill(t, u, "p", 100_000, func(i int) string { return fmt.Sprintf("(%d, 'v%d', REPEAT('x', 200))", i, i) })
	run(t, adminConn(t, u), "DELETE FROM p WHERE id % 50 != 0") // 2,000 rows left over 1..100,000
	fill(t, u, "h", 3000, idRow)
	s := seeded(open(t, u, connectors.Options{}), 3)

	tb := table(t, s, "p")
	tb.Rows = connectors.RowCount{Value: 100_000, Known: true} // as listed before the DELETE
	pl, err := s.plan(bg, s.db, tb, "", 100)
	if err != nil || !pl.probe {
		t.Fatalf("plan = %+v, %v; want probing (it believes the stale count)", pl, err)
	}
	rp, _ := s.planRead(bg, s.db, tb, nil, 0)
	if _, err := s.probe(bg, s.db, qualified(tb.Schema, tb.Name), "", rp, pl, 100, s.rand(tb)); !errors.Is(err, errTooSparse) {
		t.Fatalf("probe = %v, want errTooSparse", err)
	}
	smp, err := s.Sample(bg, tb, nil, 100)
	if err != nil || smp.Rows != 100 {
		t.Fatalf("Sample = %v, %v", smp, err)
	}
	distinct(t, column(t, smp, "id"))

	// No key, and an estimate 1,000 times too high: p starts at ~0.1% of
	// the rows and must grow until 500 come back.
	h := table(t, s, "h")
	h.Rows = connectors.RowCount{Value: 3_000_000, Known: true}
	smp, err = s.Sample(bg, h, nil, 500)
	if err != nil || smp.Rows != 500 || smp.Complete {
		t.Fatalf("Sample(h) = %+v, %v", smp, err)
	}
	ids := column(t, smp, "id")
	distinct(t, ids)
	var low int
	for _, id := range ints(t, ids) {
		if id <= 1500 {
			low++
		}
	}
	if low < 200 || low > 300 { // expected 250, sd ~11
		t.Errorf("%d of 500 from the first half", low)
	}
}

func TestSampleSeed(t *testing.T) {
	u := makeDB(t, "alcance_myconn_seed",
		"CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20))",
		"CREATE TABLE w (id INT, v VARCHAR(20))")
	fill(t, u, "p", 20_000, idRow)
	fill(t, u, "w", 20_000, idRow)
	sampleIDs := func(seed *uint64, name string) []string {
		s := open(t, u, connectors.Options{})
		s.seed = seed
		smp, err := s.Sample(bg, table(t, s, name), nil, 300)
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

// ---- streaming, counting, cancellation ----

func TestReadColumns(t *testing.T) {
	const rows = 100_000
	u := makeDB(t, "alcance_myconn_read", "CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20), b BLOB)")
	fill(t, u, "p", rows, func(i int) string { return fmt.Sprintf("(%d, 'v%d', x'01')", i, i) })
	s := open(t, u, connectors.Options{})
	tb := table(t, s, "p")
	var calls, sum int64
	var prev []string
	err := s.ReadColumns(bg, tb, []connectors.Column{tb.Columns[2], tb.Columns[0]}, func(v []string) error {
		calls++
		if len(v) != 2 || v[0] != "" {
			return fmt.Errorf("row %d: values %q", calls, v)
		}
		if prev != nil && &prev[0] != &v[0] {
			return fmt.Errorf("row %d: a new slice (want one reused)", calls)
		}
		prev = v
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

	// An error from fn stops the read at once and comes back as is; the
	// source stays usable.
	stop := errors.New("stop")
	calls = 0
	err = s.ReadColumns(bg, tb, tb.Columns[:1], func([]string) error {
		calls++
		if calls == 10 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 10 {
		t.Fatalf("after fn's error: %v, %d calls", err, calls)
	}
	if n, err := s.CountRows(bg, tb); n != rows || err != nil {
		t.Fatalf("CountRows = %d, %v", n, err)
	}
	missing := connectors.Table{Schema: tb.Schema, Name: "no`pe"}
	err = s.ReadColumns(bg, missing, nil, func([]string) error { return nil })
	if err == nil || !strings.HasPrefix(err.Error(), "reading table "+tb.Schema+".no`pe: ") {
		t.Fatalf("ReadColumns(missing) = %v", err)
	}
	if _, err := s.CountRows(bg, missing); err == nil || !strings.Contains(err.Error(), "no such table") {
		t.Fatalf("CountRows(missing) = %v", err)
	}
}

func TestCancellation(t *testing.T) {
	u := makeDB(t, "alcance_myconn_cancel",
		"CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20))",
		"CREATE TABLE w (id INT, v VARCHAR(20))")
	fill(t, u, "p", 50_000, idRow)
	fill(t, u, "w", 50_000, idRow)
	s := open(t, u, connectors.Options{})
	tb := table(t, s, "p")

	ctx, cancel := context.WithCancel(bg)
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

	expired, cancel2 := context.WithDeadline(bg, time.Now().Add(-time.Second))
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
	spec, _, _ := opener{}.Parse(u)
	if _, err := (opener{}).Open(expired, spec, connectors.Options{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Open past the deadline: %v", err)
	}
	// A deadline in the middle of a sample.
	short, cancel3 := context.WithTimeout(bg, 5*time.Millisecond)
	defer cancel3()
	if _, err := s.Sample(short, table(t, s, "w"), nil, 40_000); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Sample with a 5ms deadline: %v", err)
	}
}

// ---- errors a user can act on ----

func TestWrongPassword(t *testing.T) {
	u := makeDB(t, "alcance_myconn_pw", "CREATE TABLE t (id INT PRIMARY KEY)")
	createUser(t, "alcance_myconn_pw", "Right#Pass1", "GRANT SELECT ON alcance_myconn_pw.* TO $USER")
	opts := connectors.Options{ConnectTimeout: 2 * time.Second}

	_, err := tryOpen(withUser(t, u, "alcance_myconn_pw", "Wrong#Pass2"), opts)
	if err == nil || !strings.Contains(err.Error(), "Access denied") || !strings.Contains(err.Error(), "check the user name and the password") {
		t.Fatalf("wrong password: %v", err)
	}
	if strings.Contains(err.Error(), "Wrong#Pass2") || strings.Contains(err.Error(), "Right#Pass1") {
		t.Fatalf("the error shows a password: %v", err)
	}
	t.Logf("wrong password: %v", err)

	// From MYSQL_PWD when the URL has none; the URL's wins when both.
	noPass := withUser(t, u, "alcance_myconn_pw", "")
	t.Setenv("MYSQL_PWD", "Right#Pass1")
	s := open(t, noPass, opts)
	if _, err := s.Tables(bg); err != nil {
		t.Fatalf("with MYSQL_PWD: %v", err)
	}
	if _, err := tryOpen(withUser(t, u, "alcance_myconn_pw", "Wrong#Pass2"), opts); err == nil {
		t.Fatalf("the URL's wrong password lost to MYSQL_PWD")
	}
	t.Setenv("MYSQL_PWD", "Env#Wrong3")
	_, err = tryOpen(noPass, opts)
	if err == nil || !strings.Contains(err.Error(), "Access denied") || strings.Contains(err.Error(), "Env#Wrong3") {
		t.Fatalf("wrong MYSQL_PWD: %v", err)
	}

	// --password-file (Spec.Password) wins over MYSQL_PWD when the URL has
	// no password; the URL's wins over it.
	withFile := func(raw, pw string) error {
		spec, _, _ := opener{}.Parse(raw)
		spec.Password = pw
		src, err := opener{}.Open(bg, spec, opts)
		if err == nil {
			src.Close()
		}
		return err
	}
	if err := withFile(noPass, "Right#Pass1"); err != nil {
		t.Fatalf("password from a file, MYSQL_PWD wrong: %v", err)
	}
	if err := withFile(withUser(t, u, "alcance_myconn_pw", "Wrong#Pass2"), "Right#Pass1"); err == nil {
		t.Fatalf("the URL's wrong password lost to the password file")
	}
	if err := withFile(noPass, "File#Wrong4"); err == nil || strings.Contains(err.Error(), "File#Wrong4") {
		t.Fatalf("a wrong password from a file: %v", err)
	}
}

// Nothing listens on the port: refused at once, never another address.
func TestUnreachableClosedPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	start := time.Now()
	_, err = tryOpen("mysql://alcance:secret-pass@"+addr+"/x", connectors.Options{ConnectTimeout: time.Second})
	if err == nil || !strings.Contains(err.Error(), "cannot reach "+addr+": connection refused") {
		t.Fatalf("closed port: %v", err)
	}
	if strings.Contains(err.Error(), "secret-pass") || time.Since(start) > 900*time.Millisecond {
		t.Fatalf("closed port: %v after %v", err, time.Since(start))
	}
	t.Logf("closed port: %v", err)
}

// Something accepts and never answers: the connect timeout ends the wait.
func TestUnreachableSilentListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var mu sync.Mutex
	var held []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c) // never written to
			mu.Unlock()
		}
	}()
	defer func() {
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	}()
	addr := ln.Addr().String()
	start := time.Now()
	_, err = tryOpen("mysql://alcance:secret-pass@"+addr+"/x", connectors.Options{ConnectTimeout: time.Second})
	el := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "no answer from "+addr+" within 1s") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("silent listener: %v", err)
	}
	if el < 900*time.Millisecond || el > 3*time.Second || strings.Contains(err.Error(), "secret-pass") {
		t.Fatalf("silent listener: %v after %v, want about 1s", err, el)
	}
	t.Logf("silent listener: %v after %v", err, el.Round(time.Millisecond))
}

func TestMissingDatabase(t *testing.T) {
	u := withDB(t, testdb.MySQLAdmin(t), "alcance_myconn_nope")
	_, err := tryOpen(u, connectors.Options{})
	if err == nil || !strings.Contains(err.Error(), `database "alcance_myconn_nope" does not exist`) ||
		!strings.Contains(err.Error(), "Unknown database") {
		t.Fatalf("missing database: %v", err)
	}
	t.Logf("missing database: %v", err)
}

// A user with SELECT on some tables only. MySQL and MariaDB hide a table
// the user holds no privilege on from information_schema, so that one is
// simply not listed; what can be observed is a table the user holds another
// privilege on (INSERT only: listed, and refused when read), a column-level
// grant (only the granted columns are listed, and reading another is
// refused), and a view whose definer lacks rights.
func TestPermissionDenied(t *testing.T) {
	const db = "alcance_myconn_perm"
	u := makeDB(t, db,
		"CREATE TABLE ok (id INT PRIMARY KEY, v VARCHAR(20))", "INSERT INTO ok VALUES (1, 'a'), (2, 'b')",
		"CREATE TABLE audit_log (id INT PRIMARY KEY, who VARCHAR(20))", "INSERT INTO audit_log VALUES (1, 'x')",
		"CREATE TABLE partial (id INT PRIMARY KEY, curp CHAR(18), secret VARCHAR(20))",
		"INSERT INTO partial VALUES (1, 'GOMC800101HDFRRL09', 's')",
		"CREATE TABLE hidden (id INT PRIMARY KEY)")
	createUser(t, "alcance_myconn_definer", "Def#Pass1") // no privileges at all
	run(t, adminConn(t, u),
		"CREATE DEFINER = 'alcance_myconn_definer'@'%' SQL SECURITY DEFINER VIEW v_def AS SELECT id, v FROM ok")
	createUser(t, "alcance_myconn_perm", "Perm#Pass1",
		"GRANT SELECT ON "+db+".ok TO $USER",
		"GRANT INSERT ON "+db+".audit_log TO $USER",
		"GRANT SELECT (id, curp) ON "+db+".partial TO $USER",
		"GRANT SELECT ON "+db+".v_def TO $USER")
	s := open(t, withUser(t, u, "alcance_myconn_perm", "Perm#Pass1"), connectors.Options{IncludeViews: true})
	tables, err := s.Tables(bg)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]connectors.Table{}
	var names []string
	for _, tb := range tables {
		byName[tb.Name] = tb
		names = append(names, tb.Name)
	}
	if !slices.Equal(names, []string{"audit_log", "ok", "partial", "v_def"}) {
		t.Fatalf("listed %q; want hidden left out", names)
	}
	if smp, err := s.Sample(bg, byName["ok"], nil, 10); err != nil || smp.Rows != 2 {
		t.Errorf("Sample(ok) = %+v, %v", smp, err)
	}

	_, err = s.Sample(bg, byName["audit_log"], nil, 10)
	if err == nil || !strings.HasPrefix(err.Error(), "sampling table "+db+".audit_log: permission denied: ") ||
		!strings.Contains(err.Error(), "SELECT command denied") {
		t.Errorf("Sample(audit_log) = %v", err)
	}
	t.Logf("INSERT-only table: %v", err)

	p := byName["partial"]
	if len(p.Columns) != 2 || p.Columns[0].Name != "id" || p.Columns[1].Name != "curp" {
		t.Errorf("partial: columns %+v, want the granted ones only", p.Columns)
	}
	smp, err := s.Sample(bg, p, nil, 10)
	if err != nil || smp.Rows != 1 {
		t.Errorf("Sample(partial, granted columns) = %+v, %v", smp, err)
	}
	p.Columns = append(p.Columns, connectors.Column{Name: "secret", Kind: connectors.KindText})
	_, err = s.Sample(bg, p, nil, 10)
	if err == nil || !strings.Contains(err.Error(), "permission denied: ") || strings.Contains(err.Error(), "GOMC800101HDFRRL09") {
		t.Errorf("Sample(partial, a column not granted) = %v", err)
	}
	t.Logf("column not granted: %v", err)

	_, err = s.Sample(bg, byName["v_def"], nil, 10)
	if err == nil || !strings.Contains(err.Error(), "the view cannot be read") {
		t.Errorf("Sample(v_def) = %v", err)
	}
	t.Logf("view whose definer lacks rights: %v", err)
}

// A slow read ends at the statement timeout, with a message saying so.
func TestStatementTimeout(t *testing.T) {
	const db = "alcance_myconn_slow"
	u := makeDB(t, db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1), (2), (3), (4), (5)",
		"CREATE VIEW slow AS SELECT id, SLEEP(1) AS z FROM t")
	s := open(t, u, connectors.Options{IncludeViews: true, StatementTimeout: 200 * time.Millisecond})
	v := table(t, s, "slow")
	start := time.Now()
	_, err := s.Sample(bg, v, nil, 10)
	if err == nil || !strings.HasPrefix(err.Error(), "sampling table "+db+".slow: timed out after 200ms (statement timeout): ") {
		t.Fatalf("Sample(slow) = %v", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("the timeout took %v", el)
	}
	t.Logf("statement timeout: %v", err)
	err = s.ReadColumns(bg, v, nil, func([]string) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "timed out after 200ms") {
		t.Fatalf("ReadColumns(slow) = %v", err)
	}
	// The source is still usable afterwards.
	if _, err := s.Sample(bg, table(t, s, "t"), nil, 10); err != nil {
		t.Fatal(err)
	}
}

// ---- read-only proof ----

// scanAll does everything a scan does through the connector.
func scanAll(t *testing.T, s *source) {
	t.Helper()
	tables, err := s.Tables(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) == 0 {
		t.Fatal("no tables listed")
	}
	for _, tb := range tables {
		for _, n := range []int{10, 1_000_000} {
			if _, err := s.Sample(bg, tb, nil, n); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CountRows(bg, tb); err != nil {
			t.Fatal(err)
		}
		if err := s.ReadColumns(bg, tb, nil, func([]string) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
}

func checksums(t *testing.T, admin *sql.DB) string {
	t.Helper()
	var out []string
	for _, name := range []string{"p", "w"} {
		var tbl string
		var sum sql.NullInt64
		if err := admin.QueryRow("CHECKSUM TABLE "+name+" EXTENDED").Scan(&tbl, &sum); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(tbl, sum.Int64))
	}
	return strings.Join(out, " ")
}

func TestReadOnly(t *testing.T) {
	const db = "alcance_myconn_ro"
	u := makeDB(t, db, "CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20))", "CREATE TABLE w (id INT, v VARCHAR(20)) ENGINE=MyISAM")
	fill(t, u, "p", 20_000, idRow)
	fill(t, u, "w", 500, idRow)
	admin := adminConn(t, u)
	before := checksums(t, admin)

	// As root, who may do anything: only the session stops the writes.
	s := open(t, u, connectors.Options{})
	scanAll(t, s)
	for _, stmt := range []string{
		"INSERT INTO p VALUES (999999, 'x')", "UPDATE w SET v = 'x'", "DELETE FROM p",
		"CREATE TABLE x (a INT)", "DROP TABLE w", "TRUNCATE TABLE p", "ALTER TABLE p ADD COLUMN z INT",
	} {
		_, err := s.db.ExecContext(bg, stmt)
		if !isMySQLError(err, erReadOnlyTransaction) {
			t.Errorf("%s on the connector's session: %v, want error 1792 (read-only transaction)", stmt, err)
		}
	}
	// Inside the connector's own transactions as well.
	sess, err := s.session(bg)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.close()
	tx, err := s.begin(bg, sess)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(bg, "INSERT INTO p VALUES (999998, 'x')"); !isMySQLError(err, erReadOnlyTransaction) {
		t.Errorf("insert in the connector's transaction: %v", err)
	}
	tx.Rollback()
	if after := checksums(t, admin); after != before {
		t.Fatalf("the scan changed the source: %s, then %s", before, after)
	}

	// A user with nothing but SELECT scans everything.
	createUser(t, "alcance_myconn_ro", "Ro#Pass1", "GRANT SELECT ON "+db+".* TO $USER")
	scanAll(t, open(t, withUser(t, u, "alcance_myconn_ro", "Ro#Pass1"), connectors.Options{}))
	if after := checksums(t, admin); after != before {
		t.Fatalf("the scan changed the source: %s, then %s", before, after)
	}
}

// ---- benchmarks ----

// benchDB builds the benchmark table once per benchmark: 200,000 rows
// shaped like a padrón.
func benchDB(b *testing.B) (string, *source, connectors.Table) {
	b.Helper()
	u := makeDB(b, "alcance_myconn_bench",
		"CREATE TABLE padron (id INT PRIMARY KEY, curp CHAR(18), nombre VARCHAR(60), nacimiento DATE, monto DECIMAL(12,2))")
	fill(b, u, "padron", 200_000, func(i int) string {
		return fmt.Sprintf("(%d, 'GOMC%06dHDFRRL%02d', 'NOMBRE APELLIDO %d', DATE_ADD('1950-01-01', INTERVAL %d DAY), %d.25)",
			i, i, i%100, i, i%20000, i)
	})
	s := open(b, u, connectors.Options{})
	return u, s, table(b, s, "padron")
}

const benchRows = 10_000

// BenchmarkSample: 10,000 random rows of 200,000, as Sample chooses to
// read them (on this narrow table, one pass with RAND() < p; see
// probeBytes).
func BenchmarkSample(b *testing.B) {
	_, s, tb := benchDB(b)
	pl, err := s.plan(bg, s.db, tb, "", benchRows)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("plan: probe %v, %.0f bytes a row", pl.probe, pl.rowBytes)
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		smp, err := s.Sample(bg, tb, nil, benchRows)
		if err != nil || smp.Rows != benchRows {
			b.Fatal(smp, err)
		}
		rows += smp.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkProbe: the same sample by key probes; with BenchmarkBernoulli
// it calibrates probeBytes.
func BenchmarkProbe(b *testing.B) {
	_, s, tb := benchDB(b)
	pl, err := s.plan(bg, s.db, tb, "", benchRows)
	if err != nil || pl.key.column != "id" {
		b.Fatal(pl, err)
	}
	pl.rowBytes = 1 << 20 // so that the cost model never stops the probing
	rp, err := s.planRead(bg, s.db, tb, nil, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		g, err := s.probe(bg, s.db, qualified(tb.Schema, tb.Name), "", rp, pl, benchRows, s.rand(tb))
		if err != nil || g.Len() != benchRows {
			b.Fatal(err)
		}
		rows += g.Len()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkBernoulli: the same sample by one pass with RAND() < p.
func BenchmarkBernoulli(b *testing.B) {
	_, s, tb := benchDB(b)
	rp, err := s.planRead(bg, s.db, tb, nil, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		g, _, err := s.bernoulli(bg, s.db, qualified(tb.Schema, tb.Name), "", rp, benchRows, tb.Rows.Value, s.rand(tb))
		if err != nil || g.Len() != benchRows {
			b.Fatal(err)
		}
		rows += g.Len()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(tb.Rows.Value)*float64(b.N)/b.Elapsed().Seconds(), "scanned-rows/s")
}

// BenchmarkPlainRead: the baseline, the first 10,000 rows with a plain
// SELECT ... LIMIT through the same driver (not a sample: one contiguous
// run of rows).
func BenchmarkPlainRead(b *testing.B) {
	u, _, _ := benchDB(b)
	db := adminConn(b, u)
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

// ---- keys ----

// Declared keys come back with the listing, from one query: key order,
// constraint order (not the referenced key's), hostile names, a
// self-reference, a key into another database, whether the source names
// one database or lists them all. MyISAM parses FOREIGN KEY and keeps
// nothing: no key.
func TestKeys(t *testing.T) {
	admin := adminConn(t, testdb.MySQLAdmin(t))
	dbName, refDB := "alcance_myconn_keys añ`o \"x'", "alcance_myconn_keys_ref"
	for _, d := range []string{dbName, refDB} {
		run(t, admin, "DROP DATABASE IF EXISTS "+quoteIdent(d), "CREATE DATABASE "+quoteIdent(d)+" CHARACTER SET utf8mb4")
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + quoteIdent(dbName))
		admin.Exec("DROP DATABASE IF EXISTS " + quoteIdent(refDB))
	})
	q := quoteIdent
	par, ch := "pa`dre año", "hi jo's"
	run(t, admin,
		"CREATE TABLE "+qualified(refDB, "personas")+" (id INT PRIMARY KEY)",
		"CREATE TABLE "+qualified(dbName, par)+" ("+q(`b "x"`)+" VARCHAR(10), "+q("Año")+" INT, extra TEXT, PRIMARY KEY ("+q("Año")+", "+q(`b "x"`)+"), "+
			// InnoDB wants an index that starts with the referenced columns, in their order.
			"KEY ("+q(`b "x"`)+", "+q("Año")+"))",
		"CREATE TABLE "+qualified(dbName, ch)+" (id INT PRIMARY KEY, "+q("a ñ")+" INT, "+q("b'")+" VARCHAR(10), padre INT, persona INT, "+
			"CONSTRAINT a_padre FOREIGN KEY (padre) REFERENCES "+qualified(dbName, ch)+" (id), "+
			"CONSTRAINT b_compuesta FOREIGN KEY ("+q("b'")+", "+q("a ñ")+") REFERENCES "+qualified(dbName, par)+" ("+q(`b "x"`)+", "+q("Año")+"), "+
			"CONSTRAINT c_otra_base FOREIGN KEY (persona) REFERENCES "+qualified(refDB, "personas")+" (id))",
		"CREATE TABLE "+qualified(dbName, "sinclave")+" (a INT, UNIQUE KEY (a))",
		"CREATE TABLE "+qualified(dbName, "viejo")+" (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES "+qualified(dbName, ch)+" (id)) ENGINE=MyISAM")
	fk := func(cols []string, schema, table string, ref []string) connectors.ForeignKey {
		return connectors.ForeignKey{Columns: cols, RefSchema: schema, RefTable: table, RefColumns: ref}
	}
	type keys struct {
		pk  []string
		fks []connectors.ForeignKey
	}
	want := map[string]keys{
		dbName + "." + par: {pk: []string{"Año", `b "x"`}},
		dbName + "." + ch: {pk: []string{"id"}, fks: []connectors.ForeignKey{
			fk([]string{"padre"}, dbName, ch, []string{"id"}),
			fk([]string{"b'", "a ñ"}, dbName, par, []string{`b "x"`, "Año"}),
			fk([]string{"persona"}, refDB, "personas", []string{"id"}),
		}},
		dbName + ".sinclave": {},
		dbName + ".viejo":    {pk: []string{"id"}},
		refDB + ".personas":  {pk: []string{"id"}},
	}
	for _, u := range []string{withDB(t, testdb.MySQLAdmin(t), dbName), testdb.MySQLAdmin(t)} {
		tables, err := open(t, u, connectors.Options{}).Tables(bg)
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		for _, tb := range tables {
			w, ok := want[tb.QualifiedName()]
			if !ok {
				continue // another test's database, when listing them all
			}
			seen++
			if !slices.Equal(tb.PrimaryKey, w.pk) {
				t.Errorf("%s: primary key %q, want %q", tb.QualifiedName(), tb.PrimaryKey, w.pk)
			}
			if !reflect.DeepEqual(tb.ForeignKeys, w.fks) {
				t.Errorf("%s: foreign keys\n%+v\nwant\n%+v", tb.QualifiedName(), tb.ForeignKeys, w.fks)
			}
		}
		if wantSeen := map[bool]int{true: 4, false: 5}[strings.Contains(u, "keys")]; seen != wantSeen {
			t.Errorf("%s: %d of our tables listed, want %d", u, seen, wantSeen)
		}
	}
}

// ---- the row count a sampling pass saw ----

// A Sample whose read returned every row reports how many it saw, however
// far TABLE_ROWS is off. TABLE_ROWS of an InnoDB table counts rows of
// transactions not yet committed, which the sample's snapshot does not
// see, and after ANALYZE TABLE it is an estimate from sampled pages.
func TestSampleCounted(t *testing.T) {
	u := makeDB(t, "alcance_myconn_counted",
		"CREATE TABLE pocos (id INT, v VARCHAR(20))",
		"CREATE TABLE muchos (id INT, v VARCHAR(20))",
		"CREATE TABLE estimada (id INT, v VARCHAR(400))")
	fill(t, u, "pocos", 100, idRow)
	fill(t, u, "muchos", 3000, idRow)
	fill(t, u, "estimada", 30_000, func(i int) string { return fmt.Sprintf("(%d, REPEAT('x', %d))", i, i%400) })
	// Rows another session is still writing: counted in TABLE_ROWS, not
	// visible to anyone else.
	writer, err := adminConn(t, u).Conn(bg)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	for _, st := range []string{"START TRANSACTION",
		"INSERT INTO pocos SELECT seq, 'w' FROM seq_101_to_5100",
		"INSERT INTO muchos SELECT seq, 'w' FROM seq_3001_to_33000"} {
		if _, err := writer.ExecContext(bg, st); err != nil {
			t.Fatalf("%s: %v", st, err)
		}
	}
	defer writer.ExecContext(bg, "ROLLBACK")

	s := seeded(open(t, u, connectors.Options{}), 4)
	for _, c := range []struct {
		table   string
		n       int
		counted int64
	}{
		{"pocos", 1000, 100},   // at most n rows: read whole
		{"muchos", 2000, 3000}, // p from 33,000 rows brings too few: read again, up to every row
		{"estimada", 40_000, 30_000},
		{"estimada", 500, 0}, // a fraction of the rows came back
	} {
		tb := table(t, s, c.table)
		smp, err := s.Sample(bg, tb, nil, c.n)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: listed %+v, sampled %d of n=%d, counted %d", c.table, tb.Rows, smp.Rows, c.n, smp.Counted)
		if smp.Counted != c.counted {
			t.Errorf("%s, n=%d: Counted = %d, want %d", c.table, c.n, smp.Counted, c.counted)
		}
		if c.counted > 0 && tb.Rows.Value == c.counted {
			t.Logf("%s: TABLE_ROWS happened to be right", c.table)
		}
	}
	for _, name := range []string{"pocos", "muchos"} {
		if tb := table(t, s, name); tb.Rows.Value < 5000 {
			t.Errorf("%s listed with %+v: want TABLE_ROWS counting the uncommitted rows", name, tb.Rows)
		}
	}
}
