package mssql

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/testdb"
)

// Live tests: run only when ALCANCE_TEST_MSSQL holds an admin DSN
// (sqlserver://user:pass@host:1433?database=master); skipped with a message
// otherwise, CI included (testdb.MSSQLAdmin). They build a database of
// their own, alcance_msconn_test (dropped first and at the end), and, when
// the admin may, a login alcance_msconn_reader that is only a member of
// db_datareader.
//
//	ALCANCE_TEST_MSSQL='sqlserver://sa:Passw0rd!@127.0.0.1:1433?database=master' \
//	    go test -run Live -bench . ./connectors/mssql/

const (
	liveDB     = "alcance_msconn_test"
	liveReader = "alcance_msconn_reader"
)

var live struct {
	once      sync.Once
	err       error
	ready     bool
	admin     string // admin DSN (master)
	readerPw  string
	readerErr error // why the reader login could not be made
	utf8      bool  // the server has _UTF8 collations (2019+)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if live.ready {
		teardownLive()
	}
	os.Exit(code)
}

// liveEnv sets the live database up once, or skips.
func liveEnv(t testing.TB) {
	t.Helper()
	admin := testdb.MSSQLAdmin(t)
	live.once.Do(func() {
		live.admin = admin
		live.err = setupLive()
	})
	if live.err != nil {
		t.Fatalf("setting up %s: %v", liveDB, live.err)
	}
}

// liveURL is a connector URL for database db on the admin's server, as
// user (the admin's own credentials when user is ""), keeping the admin
// DSN's TLS settings.
func liveURL(t testing.TB, user, password, db string) string {
	t.Helper()
	u, err := url.Parse(live.admin)
	if err != nil {
		t.Fatalf("%s: %v", testdb.EnvMSSQL, err)
	}
	q := url.Values{}
	var qUser, qPass string
	for k, v := range u.Query() {
		switch lk := strings.ToLower(k); lk {
		case "user id":
			qUser = v[0]
		case "password":
			qPass = v[0]
		case "database", "app name", "applicationintent", "protocol":
		default:
			if allowedParams[lk] {
				q[lk] = v
			}
		}
	}
	if user != "" {
		u.User = url.UserPassword(user, password)
	} else if u.User == nil {
		u.User = url.UserPassword(qUser, qPass)
	}
	q.Set("database", db)
	u.RawQuery = q.Encode()
	return u.String()
}

// liveOpen opens a source through the connector.
func liveOpen(t testing.TB, raw string, opts connectors.Options) (*source, error) {
	t.Helper()
	spec, ok, err := opener{}.Parse(raw)
	if err != nil || !ok {
		t.Fatalf("Parse: ok %v, %v", ok, err)
	}
	src, err := opener{}.Open(context.Background(), spec, opts)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { src.Close() })
	return src.(*source), nil
}

func liveOpts() connectors.Options {
	return connectors.Options{ConnectTimeout: 15 * time.Second, StatementTimeout: 2 * time.Minute, MaxConns: 2}
}

// adminDB opens the admin's database/sql pool on database db (not through
// the connector: it writes).
func adminDB(db string) (*sql.DB, error) {
	u, err := url.Parse(live.admin)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	for k := range q {
		if strings.EqualFold(k, "database") {
			q.Del(k)
		}
	}
	q.Set("database", db)
	u.RawQuery = q.Encode()
	return sql.Open("sqlserver", u.String())
}

func execAll(ctx context.Context, db *sql.DB, stmts ...string) error {
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

const dropDB = `IF DB_ID(N'` + liveDB + `') IS NOT NULL
BEGIN
	ALTER DATABASE [` + liveDB + `] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
	DROP DATABASE [` + liveDB + `];
END`

const dropLogin = `IF SUSER_ID(N'` + liveReader + `') IS NOT NULL DROP LOGIN [` + liveReader + `]`

// rowsOf is an INSERT ... SELECT of n numbered rows, from a cross join of
// a catalog view (no loop, no temp table).
func rowsOf(n int) string {
	return fmt.Sprintf(`(SELECT TOP (%d) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS n
		FROM sys.all_objects AS a CROSS JOIN sys.all_objects AS b) AS s`, n)
}

func setupLive() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	master, err := adminDB("master")
	if err != nil {
		return err
	}
	defer master.Close()
	if err := execAll(ctx, master, dropDB, "CREATE DATABASE ["+liveDB+"] COLLATE Modern_Spanish_CI_AS"); err != nil {
		return err
	}
	live.ready = true
	var pw [12]byte
	crand.Read(pw[:])
	live.readerPw = "Rd-" + hex.EncodeToString(pw[:]) + "-x9"
	live.readerErr = execAll(ctx, master, dropLogin,
		"CREATE LOGIN ["+liveReader+"] WITH PASSWORD = N'"+live.readerPw+"', CHECK_POLICY = OFF, DEFAULT_DATABASE = ["+liveDB+"]")

	db, err := adminDB(liveDB)
	if err != nil {
		return err
	}
	defer db.Close()
	err = execAll(ctx, db,
		`CREATE SCHEMA [esquema ]]raro[]`,
		`CREATE TYPE [dbo].[curp_t] FROM char(18) NULL`,
		`CREATE TABLE [dbo].[select] ([from] int NOT NULL, [a]]b] nvarchar(20) NULL, [it's "q"] varchar(20) NULL,
			[Ñombre Completo] nvarchar(50) NULL, [curp] [dbo].[curp_t])`,
		`INSERT INTO [dbo].[select] VALUES (1, N'x]y', 'comilla''s', N'José Ñúñez', 'GOMC800101HDFRRL09'),
			(2, N'[z]', 'b', N'Ana', NULL)`,
		`CREATE TABLE [esquema ]]raro[].[Tabla Con Espacios y ]] 日本] ([MiXeD] int NOT NULL, [SELECT] nvarchar(10) NULL)`,
		`INSERT INTO [esquema ]]raro[].[Tabla Con Espacios y ]] 日本] VALUES (7, N'日本'), (8, NULL)`,
		`CREATE TABLE [dbo].[tipos] (id int NOT NULL, curp char(18) NULL, nombre nvarchar(50) NULL,
			nombre_cp varchar(50) COLLATE Modern_Spanish_CI_AS NULL, monto decimal(12,2) NULL, saldo money NULL,
			grande float NULL, r real NULL, nac date NULL, alta datetime2(7) NULL, nac_tz datetimeoffset(7) NULL,
			tarde_tz datetimeoffset(0) NULL, hora time(7) NULL, activo bit NULL, guid uniqueidentifier NULL,
			foto varbinary(max) NULL, ver rowversion, doc xml NULL, viejo text NULL, nviejo ntext NULL,
			dt datetime NULL, sdt smalldatetime NULL, big bigint NULL, sv sql_variant NULL, nulo nvarchar(10) NULL)`,
		`INSERT INTO [dbo].[tipos] (id, curp, nombre, nombre_cp, monto, saldo, grande, r, nac, alta, nac_tz, tarde_tz,
			hora, activo, guid, foto, doc, viejo, nviejo, dt, sdt, big, sv, nulo)
		VALUES (1, 'GOMC800101', N'Ñandú Peña', N'PEÑA', -12345.60, 1234.56, 1e21, 0.1, '1980-05-01',
			'2021-03-04T13:45:30.1234567', '1980-05-01T00:00:00-06:00', '1980-05-01T23:30:00-06:00', '13:05:00', 1,
			'6F9619FF-8B86-D011-B42D-00C04FC964FF', 0x0102, N'<p>GOMC</p>', 'PEÑA', N'Ñ', '1980-05-01T00:00:00',
			'1980-05-01T10:30:00', 9007199254740993, N'variante', NULL)`,
		`CREATE TABLE [dbo].[chica] (id int NOT NULL PRIMARY KEY, v nvarchar(10) NULL)`,
		`INSERT INTO [dbo].[chica] (id, v) VALUES (1, N'a'), (2, N'b'), (3, N'c'), (4, N'd'), (5, N'e')`,
		`CREATE VIEW [dbo].[v_chica] AS SELECT id, v FROM [dbo].[chica]`,
		// narrow: about 300 rows a page, so a sample of 1,000 is read in one pass
		`CREATE TABLE [dbo].[grande] (id int NOT NULL PRIMARY KEY, v varchar(12) NOT NULL)`,
		`INSERT INTO [dbo].[grande] (id, v) SELECT n, 'v' + CAST(n AS varchar(10)) FROM `+rowsOf(100000),
		// wide: about 19 rows a page, 5,300 pages, so a sample of 1,000 uses TABLESAMPLE
		`CREATE TABLE [dbo].[ancha] (id int NOT NULL PRIMARY KEY, pad char(400) NOT NULL)`,
		`INSERT INTO [dbo].[ancha] (id, pad) SELECT n, 'x' FROM `+rowsOf(100000),
		`CREATE TABLE [dbo].[secreto] (id int NOT NULL, curp char(18) NULL)`,
		`INSERT INTO [dbo].[secreto] VALUES (1, 'GOMC800101HDFRRL09')`,
	)
	if err != nil {
		return err
	}
	// _UTF8 collations exist from SQL Server 2019.
	live.utf8 = execAll(ctx, db,
		`ALTER TABLE [dbo].[tipos] ADD [utf8] varchar(20) COLLATE Latin1_General_100_CI_AS_SC_UTF8 NULL`,
		`UPDATE [dbo].[tipos] SET [utf8] = N'PEÑA'`) == nil
	if live.readerErr == nil {
		live.readerErr = execAll(ctx, db,
			"CREATE USER ["+liveReader+"] FOR LOGIN ["+liveReader+"]",
			"ALTER ROLE [db_datareader] ADD MEMBER ["+liveReader+"]",
			// Denied SELECT but allowed to see it: without VIEW DEFINITION
			// the table would simply be invisible to the login (metadata
			// visibility), and never reach the SELECT that is refused.
			"DENY SELECT ON [dbo].[secreto] TO ["+liveReader+"]",
			"GRANT VIEW DEFINITION ON [dbo].[secreto] TO ["+liveReader+"]")
	}
	return nil
}

func teardownLive() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	master, err := adminDB("master")
	if err != nil {
		return
	}
	defer master.Close()
	if err := execAll(ctx, master, dropDB, dropLogin); err != nil {
		fmt.Fprintf(os.Stderr, "dropping %s and %s: %v\n", liveDB, liveReader, err)
	}
}

// reader opens the db_datareader login's source, or skips.
func reader(t *testing.T, opts connectors.Options) *source {
	t.Helper()
	if live.readerErr != nil {
		t.Skipf("the admin could not create the %s login (%v)", liveReader, live.readerErr)
	}
	s, err := liveOpen(t, liveURL(t, liveReader, live.readerPw, liveDB), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func liveTable(t testing.TB, s *source, schema, name string) connectors.Table {
	t.Helper()
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if tb.Schema == schema && tb.Name == name {
			return tb
		}
	}
	t.Fatalf("%s.%s not listed", schema, name)
	return connectors.Table{}
}

func TestLiveTables(t *testing.T) {
	liveEnv(t)
	s, err := liveOpen(t, liveURL(t, "", "", liveDB), liveOpts())
	if err != nil {
		t.Fatal(err)
	}
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tb := range tables {
		names = append(names, tb.Schema+"."+tb.Name)
	}
	want := []string{"dbo.ancha", "dbo.chica", "dbo.grande", "dbo.secreto", "dbo.select", "dbo.tipos",
		"esquema ]raro[.Tabla Con Espacios y ] 日本"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("tables = %q\nwant %q", names, want)
	}
	sel := tables[4]
	wantCols := []connectors.Column{
		{Name: "from", Type: "int", Kind: connectors.KindInteger},
		{Name: "a]b", Type: "nvarchar(20)", Kind: connectors.KindText},
		{Name: `it's "q"`, Type: "varchar(20)", Kind: connectors.KindText},
		{Name: "Ñombre Completo", Type: "nvarchar(50)", Kind: connectors.KindText},
		{Name: "curp", Type: "char(18)", Kind: connectors.KindText}, // an alias type: its base type
	}
	if !reflect.DeepEqual(sel.Columns, wantCols) {
		t.Errorf("columns of dbo.select = %+v", sel.Columns)
	}
	if r := tables[1].Rows; r != (connectors.RowCount{Value: 5, Known: true}) {
		t.Errorf("rows of chica = %+v, want 5, not exact", r)
	}
	if r := tables[2].Rows; r != (connectors.RowCount{Value: 100000, Known: true}) {
		t.Errorf("rows of grande = %+v", r)
	}
	types := map[string]string{}
	for _, c := range tables[5].Columns {
		types[c.Name] = c.Type + "/" + c.Kind.String()
	}
	for name, tk := range map[string]string{
		"curp": "char(18)/text", "nombre": "nvarchar(50)/text", "monto": "decimal(12,2)/decimal",
		"alta": "datetime2(7)/timestamp", "nac_tz": "datetimeoffset(7)/timestamp", "hora": "time(7)/other",
		"guid": "uniqueidentifier/text", "foto": "varbinary(max)/binary", "ver": "timestamp/binary",
		"doc": "xml/text", "viejo": "text/text", "sdt": "smalldatetime/timestamp", "activo": "bit/bool",
		"r": "real/decimal", "grande": "float/decimal", "saldo": "money/decimal",
	} {
		if types[name] != tk {
			t.Errorf("tipos.%s = %s, want %s", name, types[name], tk)
		}
	}

	// Views only when asked.
	opts := liveOpts()
	opts.IncludeViews = true
	sv, err := liveOpen(t, liveURL(t, "", "", liveDB), opts)
	if err != nil {
		t.Fatal(err)
	}
	v := liveTable(t, sv, "dbo", "v_chica")
	got, err := sv.Sample(context.Background(), v, nil, 10)
	if err != nil || got.Rows != 5 || !got.Complete {
		t.Fatalf("Sample of a view = %+v, %v", got, err)
	}
}

func TestLiveValues(t *testing.T) {
	liveEnv(t)
	s, err := liveOpen(t, liveURL(t, "", "", liveDB), liveOpts())
	if err != nil {
		t.Fatal(err)
	}
	tb := liveTable(t, s, "dbo", "tipos")
	got, err := s.Sample(context.Background(), tb, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"id": "1", "curp": "GOMC800101", "nombre": "Ñandú Peña", "nombre_cp": "PEÑA", "monto": "-12345.60",
		"saldo": "1234.5600", "grande": "1000000000000000000000", "r": "0.1", "nac": "1980-05-01",
		"alta": "2021-03-04 13:45:30", "nac_tz": "1980-05-01", "tarde_tz": "1980-05-01 23:30:00",
		"hora": "13:05:00", "activo": "1", "guid": "6F9619FF-8B86-D011-B42D-00C04FC964FF", "foto": "",
		"ver": "", "doc": "<p>GOMC</p>", "viejo": "PEÑA", "nviejo": "Ñ", "dt": "1980-05-01",
		"sdt": "1980-05-01 10:30:00", "big": "9007199254740993", "sv": "variante", "nulo": "",
	}
	if live.utf8 {
		want["utf8"] = "PEÑA"
	} else {
		t.Log("no _UTF8 collations on this server (before SQL Server 2019): not checked")
	}
	if got.Rows != 1 || !got.Complete {
		t.Fatalf("sample: %d rows, complete %v", got.Rows, got.Complete)
	}
	for i, c := range got.Columns {
		if w, ok := want[c.Name]; ok && got.Values[i][0] != w {
			t.Errorf("%s (%s) = %q, want %q", c.Name, c.Type, got.Values[i][0], w)
		}
	}
}

func TestLiveHostileNames(t *testing.T) {
	liveEnv(t)
	s, err := liveOpen(t, liveURL(t, "", "", liveDB), liveOpts())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range [][2]string{{"dbo", "select"}, {"esquema ]raro[", "Tabla Con Espacios y ] 日本"}} {
		tb := liveTable(t, s, name[0], name[1])
		smp, err := s.Sample(context.Background(), tb, nil, 10)
		if err != nil || smp.Rows != 2 || !smp.Complete {
			t.Fatalf("Sample %s: %+v, %v", qualified(tb), smp, err)
		}
		n, err := s.CountRows(context.Background(), tb)
		if err != nil || n != 2 {
			t.Fatalf("CountRows %s = %d, %v", qualified(tb), n, err)
		}
		rows := 0
		if err := s.ReadColumns(context.Background(), tb, tb.Columns[:1], func([]string) error { rows++; return nil }); err != nil || rows != 2 {
			t.Fatalf("ReadColumns %s: %d rows, %v", qualified(tb), rows, err)
		}
	}
	tb := liveTable(t, s, "dbo", "select")
	smp, _ := s.Sample(context.Background(), tb, nil, 10)
	vals := map[string]bool{}
	for _, col := range smp.Values {
		for _, v := range col {
			vals[v] = true
		}
	}
	for _, v := range []string{"x]y", "comilla's", "José Ñúñez", "GOMC800101HDFRRL09", "[z]"} {
		if !vals[v] {
			t.Errorf("value %q not read back from dbo.select", v)
		}
	}
}

func deciles(t *testing.T, smp *connectors.Sample) [10]int {
	t.Helper()
	var d [10]int
	seen := map[string]bool{}
	for _, v := range smp.Values[0] {
		if seen[v] {
			t.Fatalf("id %s sampled twice", v)
		}
		seen[v] = true
		id, err := strconv.Atoi(v)
		if err != nil || id < 1 || id > 100000 {
			t.Fatalf("id %q", v)
		}
		d[(id-1)/10000]++
	}
	return d
}

// A sample of 1,000 of 100,000 rows has 5-15% of its rows in each tenth of
// the table: by one pass (narrow rows) and by TABLESAMPLE (wide rows).
func TestLiveSampleSpread(t *testing.T) {
	liveEnv(t)
	s, err := liveOpen(t, liveURL(t, "", "", liveDB), liveOpts())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ table, how string }{{"grande", "one pass"}, {"ancha", "tablesample"}} {
		tb := liveTable(t, s, "dbo", c.table)
		rp := newReadPlan(tb.Columns[:1])
		g, err := s.sample(context.Background(), tb, rp, 1000, s.rand(tb))
		if err != nil {
			t.Fatalf("%s: %v", c.table, err)
		}
		if !strings.HasPrefix(g.how, c.how) {
			t.Errorf("%s sampled by %q, want %s", c.table, g.how, c.how)
		}
		smp := g.rows.Sample(rp.cols, rp.index)
		if smp.Rows != 1000 || smp.Complete {
			t.Fatalf("%s: %d rows, complete %v", c.table, smp.Rows, smp.Complete)
		}
		for i, n := range deciles(t, smp) {
			if n < 50 || n > 150 {
				t.Errorf("%s (%s): decile %d holds %d of 1,000", c.table, g.how, i, n)
			}
		}
	}
}

func TestLiveSmallComplete(t *testing.T) {
	liveEnv(t)
	s, err := liveOpen(t, liveURL(t, "", "", liveDB), liveOpts())
	if err != nil {
		t.Fatal(err)
	}
	tb := liveTable(t, s, "dbo", "chica")
	for _, n := range []int{5, 100} {
		smp, err := s.Sample(context.Background(), tb, nil, n)
		if err != nil || smp.Rows != 5 || !smp.Complete {
			t.Fatalf("n=%d: %d rows, complete %v, %v", n, smp.Rows, smp.Complete, err)
		}
	}
	smp, err := s.Sample(context.Background(), tb, nil, 3)
	if err != nil || smp.Rows != 3 || smp.Complete {
		t.Fatalf("n=3: %+v, %v", smp, err)
	}
}

func TestLiveReadColumnsAndCount(t *testing.T) {
	liveEnv(t)
	s, err := liveOpen(t, liveURL(t, "", "", liveDB), liveOpts())
	if err != nil {
		t.Fatal(err)
	}
	tb := liveTable(t, s, "dbo", "grande")
	seen := make(map[string]bool, 100000)
	err = s.ReadColumns(context.Background(), tb, tb.Columns[1:2], func(v []string) error {
		seen[v[0]] = true
		return nil
	})
	if err != nil || len(seen) != 100000 || !seen["v1"] || !seen["v100000"] {
		t.Fatalf("ReadColumns: %d distinct values, %v", len(seen), err)
	}
	if n, err := s.CountRows(context.Background(), tb); err != nil || n != 100000 {
		t.Fatalf("CountRows = %d, %v", n, err)
	}
}

// A db_datareader login reads, cannot write even through the connector's
// own sessions, and runs with alcance's session settings, reapplied when
// the pool reuses a connection.
func TestLiveReadOnly(t *testing.T) {
	liveEnv(t)
	opts := liveOpts()
	opts.MaxConns = 1
	s := reader(t, opts)
	ctx := context.Background()
	for _, w := range []string{
		"INSERT INTO [dbo].[chica] (id, v) VALUES (999, N'x')",
		"UPDATE [dbo].[chica] SET v = N'z'",
		"DELETE FROM [dbo].[chica]",
		"CREATE TABLE [dbo].[nueva] (id int)",
	} {
		if _, err := s.db.ExecContext(ctx, w); err == nil {
			t.Errorf("%s: succeeded as a db_datareader", w)
		}
	}
	admin, err := adminDB(liveDB)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var n int
	var v string
	if err := admin.QueryRowContext(ctx, "SELECT COUNT(*), MIN(v) FROM [dbo].[chica]").Scan(&n, &v); err != nil || n != 5 || v != "a" {
		t.Fatalf("chica after the writes: %d rows, min %q, %v", n, v, err)
	}

	const q = `SELECT APP_NAME(), @@LOCK_TIMEOUT, @@OPTIONS & 2, @@TRANCOUNT, @@TEXTSIZE,
		s.transaction_isolation_level, s.deadlock_priority
		FROM sys.dm_exec_sessions AS s WHERE s.session_id = @@SPID`
	check := func(when string) {
		var app string
		var lock, implicit, tran, textsize, iso, prio int
		if err := s.db.QueryRowContext(ctx, q).Scan(&app, &lock, &implicit, &tran, &textsize, &iso, &prio); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		// isolation 2 is READ COMMITTED; deadlock priority LOW is -5
		if app != "alcance" || lock != 5000 || implicit != 0 || tran != 0 || textsize != textSizeBytes || iso != 2 || prio != -5 {
			t.Errorf("%s: app %q lock %d implicit %d trancount %d textsize %d isolation %d priority %d",
				when, app, lock, implicit, tran, textsize, iso, prio)
		}
	}
	check("first use")
	if _, err := s.db.ExecContext(ctx, "SET LOCK_TIMEOUT 1; SET DEADLOCK_PRIORITY HIGH"); err != nil {
		t.Fatal(err)
	}
	check("after the session's settings were changed and the connection reused")
}

func TestLivePermissionDenied(t *testing.T) {
	liveEnv(t)
	s := reader(t, liveOpts())
	tb := liveTable(t, s, "dbo", "chica") // listed and readable
	if _, err := s.Sample(context.Background(), tb, nil, 10); err != nil {
		t.Fatal(err)
	}
	secret := connectors.Table{Schema: "dbo", Name: "secreto", Columns: []connectors.Column{{Name: "id", Type: "int"}, {Name: "curp", Type: "char(18)", Kind: connectors.KindText}}}
	_, err := s.Sample(context.Background(), secret, nil, 10)
	if err == nil || !strings.HasPrefix(err.Error(), "sampling table [dbo].[secreto]: ") ||
		!strings.Contains(err.Error(), "The SELECT permission was denied") || !strings.Contains(err.Error(), "229") {
		t.Fatalf("error = %v", err)
	}
	if strings.Contains(err.Error(), "GOMC800101HDFRRL09") {
		t.Fatalf("the error holds a row value: %v", err)
	}
}

func TestLiveLoginErrors(t *testing.T) {
	liveEnv(t)
	if live.readerErr != nil {
		t.Skipf("no reader login (%v)", live.readerErr)
	}
	_, err := liveOpen(t, liveURL(t, liveReader, "not-the-password", liveDB), liveOpts())
	if err == nil || !strings.Contains(err.Error(), "Login failed for user") || !strings.Contains(err.Error(), "18456") ||
		strings.Contains(err.Error(), "not-the-password") {
		t.Fatalf("wrong password: %v", err)
	}
	_, err = liveOpen(t, liveURL(t, liveReader, live.readerPw, "alcance_msconn_nada"), liveOpts())
	if err == nil || !strings.Contains(err.Error(), "4060") || strings.Contains(err.Error(), live.readerPw) {
		t.Fatalf("missing database: %v", err)
	}
}

// Behind a writer's lock: alcance gives up after LOCK_TIMEOUT (error 1222),
// or, with a shorter statement timeout, cancels the statement.
func TestLiveLocks(t *testing.T) {
	liveEnv(t)
	admin, err := adminDB(liveDB)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	holder, err := admin.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, "BEGIN TRANSACTION; UPDATE [dbo].[chica] WITH (TABLOCKX) SET v = v;"); err != nil {
		t.Fatal(err)
	}
	defer holder.ExecContext(ctx, "IF @@TRANCOUNT > 0 ROLLBACK")

	tb := connectors.Table{Schema: "dbo", Name: "chica"}
	s, err := liveOpen(t, liveURL(t, "", "", liveDB), liveOpts())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.CountRows(ctx, tb)
	var se mssql.Error
	if err == nil || !errors.As(err, &se) || se.Number != 1222 || !strings.Contains(err.Error(), "gave up after waiting 5000 ms") {
		t.Fatalf("behind a lock: %v", err)
	}
	if took := time.Since(start); took < 4*time.Second || took > 20*time.Second {
		t.Errorf("gave up after %v, want about 5s", took)
	}

	opts := liveOpts()
	opts.StatementTimeout = time.Second
	s1, err := liveOpen(t, liveURL(t, "", "", liveDB), opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s1.CountRows(ctx, tb)
	if err == nil || !strings.Contains(err.Error(), "statement timed out after 1s") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("statement timeout: %v", err)
	}
}

// ---- benchmarks: Sample against a plain TOP (n) through the same driver ----

func benchSource(b *testing.B) (*source, connectors.Table) {
	b.Helper()
	liveEnv(b)
	s, err := liveOpen(b, liveURL(b, "", "", liveDB), liveOpts())
	if err != nil {
		b.Fatal(err)
	}
	return s, liveTable(b, s, "dbo", "ancha")
}

func BenchmarkSample(b *testing.B) {
	s, tb := benchSource(b)
	for b.Loop() {
		smp, err := s.Sample(context.Background(), tb, nil, 1000)
		if err != nil || smp.Rows != 1000 {
			b.Fatalf("%v", err)
		}
	}
}

// BenchmarkPlainRead reads the first 1,000 rows (not a sample): the floor
// for reading that many rows through the driver.
func BenchmarkPlainRead(b *testing.B) {
	s, tb := benchSource(b)
	rp := newReadPlan(tb.Columns)
	q := "SELECT TOP (1000) " + rp.list + " FROM " + qualified(tb)
	for b.Loop() {
		rows, err := s.db.QueryContext(context.Background(), q)
		if err != nil {
			b.Fatal(err)
		}
		sc := newScanner(rp)
		out := make([]string, rp.nRead)
		n := 0
		for rows.Next() {
			if err := rows.Scan(sc.ptrs...); err != nil {
				b.Fatal(err)
			}
			sc.into(rp, out)
			n++
		}
		if err := rows.Err(); err != nil || n != 1000 {
			b.Fatalf("%d rows, %v", n, err)
		}
		rows.Close()
	}
}
