package mssql

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/testdb"
)

// Live tests: run only when ALCANCE_TEST_MSSQL holds an admin DSN
// (sqlserver://user:pass@host:1433?database=master); skipped with a message
// otherwise, CI included (testdb.MSSQLAdmin).
//
//	ALCANCE_TEST_MSSQL='sqlserver://sa:Passw0rd!@127.0.0.1:1433?database=master' \
//	    go test -run Live -bench Live ./connectors/mssql/
//
// TestLive builds a database of its own, alcance_msconn_test, and logins
// alcance_msconn_reader (db_datareader) and alcance_msconn_partial (SELECT
// on two tables); all are dropped first, and dropped again by t.Cleanup
// when TestLive ends, so a subtest that fails or panics leaves nothing
// behind. BenchmarkLive does the same for itself.
//
// They are written for SQL Server and also run against other servers that
// speak TDS (Babelfish for PostgreSQL): each fixture is created if the
// server accepts it, and a subtest that needs one the server refused is
// skipped, naming the fixture and the server's error. Where a server
// legitimately behaves otherwise (Babelfish ignores TABLESAMPLE, keeps
// sys.partitions from PostgreSQL's statistics, and never blocks a reader
// behind a writer), the subtest checks what holds on both and logs the
// difference.

const (
	liveDB      = "alcance_msconn_test"
	liveReader  = "alcance_msconn_reader"
	livePartial = "alcance_msconn_partial"
)

// liveEnv is a set-up live database.
type liveEnv struct {
	admin     string // admin DSN (master)
	babelfish bool   // the server is Babelfish
	refused   map[string]error
	readerPw  string
	partialPw string
}

// need skips unless the server accepted every named fixture.
func (e *liveEnv) need(t testing.TB, fixtures ...string) {
	t.Helper()
	for _, f := range fixtures {
		if err := e.refused[f]; err != nil {
			t.Skipf("the server refused the %q fixture: %v", f, err)
		}
	}
}

// has says whether the server accepted a fixture.
func (e *liveEnv) has(fixture string) bool { return e.refused[fixture] == nil }

// fixture is a named group of statements run in one database; a group
// stops at its first refused statement.
type fixture struct {
	name  string
	db    string // "master" or liveDB
	stmts []string
}

// digits is a derived table of n rows numbered 1..n (n at most 10^5), made
// from VALUES and cross joins, so that it needs no catalog view.
func digits(n int) string {
	d := "(VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9))"
	return fmt.Sprintf(`(SELECT TOP (%d) 1 + a.n + 10*b.n + 100*c.n + 1000*d.n + 10000*e.n AS n
		FROM %s AS a(n) CROSS JOIN %s AS b(n) CROSS JOIN %s AS c(n) CROSS JOIN %s AS d(n) CROSS JOIN %s AS e(n)
		ORDER BY 1) AS s`, n, d, d, d, d, d)
}

func fixtures(readerPw, partialPw string) []fixture {
	return []fixture{
		{"reader login", "master", []string{
			"CREATE LOGIN [" + liveReader + "] WITH PASSWORD = N'" + readerPw + "'"}},
		{"partial login", "master", []string{
			"CREATE LOGIN [" + livePartial + "] WITH PASSWORD = N'" + partialPw + "'"}},
		{"small", liveDB, []string{
			`CREATE TABLE [dbo].[chica] (id int NOT NULL PRIMARY KEY, v nvarchar(10) NULL)`,
			`INSERT INTO [dbo].[chica] (id, v) VALUES (1, N'a'), (2, N'b'), (3, N'c'), (4, N'd'), (5, N'e')`,
			`CREATE VIEW [dbo].[v_chica] AS SELECT id, v FROM [dbo].[chica]`}},
		{"large", liveDB, []string{
			// narrow: about 300 rows a page, so a sample of 1,000 is read in one pass
			`CREATE TABLE [dbo].[grande] (id int NOT NULL PRIMARY KEY, v varchar(12) NOT NULL)`,
			`INSERT INTO [dbo].[grande] (id, v) SELECT n, 'v' + CAST(n AS varchar(10)) FROM ` + digits(100000),
			// wide: about 19 rows a page, 5,300 pages, so a sample of 1,000 uses TABLESAMPLE
			`CREATE TABLE [dbo].[ancha] (id int NOT NULL PRIMARY KEY, pad char(400) NOT NULL)`,
			`INSERT INTO [dbo].[ancha] (id, pad) SELECT n, 'x' FROM ` + digits(100000)}},
		{"slow view", liveDB, []string{
			// Counting it counts 10^10 rows: far longer than any test's timeout.
			`CREATE VIEW [dbo].[v_lenta] AS SELECT COUNT_BIG(*) AS n FROM [dbo].[grande] AS a CROSS JOIN [dbo].[grande] AS b`}},
		{"hostile names", liveDB, []string{
			`CREATE SCHEMA [esquema ]]raro[]`,
			`CREATE TABLE [dbo].[select] ([from] int NOT NULL, [a]]b] nvarchar(20) NULL, [it's "q"] varchar(20) NULL,
				[Ñombre Completo] nvarchar(50) NULL)`,
			`INSERT INTO [dbo].[select] VALUES (1, N'x]y', 'comilla''s', N'José Ñúñez'), (2, N'[z]', 'b', N'Ana')`,
			`CREATE TABLE [esquema ]]raro[].[Tabla Con Espacios y ]] 日本] ([MiXeD] int NOT NULL, [SELECT] nvarchar(10) NULL)`,
			`INSERT INTO [esquema ]]raro[].[Tabla Con Espacios y ]] 日本] VALUES (7, N'日本'), (8, NULL)`}},
		// Names that need quoting but no ]] escape (which Babelfish lacks).
		{"odd names", liveDB, []string{
			`CREATE SCHEMA [esquema raro]`,
			`CREATE TABLE [esquema raro].[Tabla Con Espacios 日本] ([MiXeD] int NOT NULL, [it's "q"] nvarchar(10) NULL,
				[Ñombre Completo] nvarchar(50) NULL)`,
			`INSERT INTO [esquema raro].[Tabla Con Espacios 日本] VALUES (7, N'日本', N'José Ñúñez'), (8, NULL, N'comilla''s')`}},
		{"alias type", liveDB, []string{
			`CREATE TYPE [dbo].[curp_t] FROM char(18) NULL`,
			`CREATE TABLE [dbo].[alias] (id int NOT NULL, curp [dbo].[curp_t])`,
			`INSERT INTO [dbo].[alias] VALUES (1, 'GOMC800101HDFRRL09')`}},
		{"types", liveDB, []string{
			`CREATE TABLE [dbo].[tipos] (id int NOT NULL, curp char(18) NULL, nombre nvarchar(50) NULL,
				nombre_cp varchar(50) COLLATE Modern_Spanish_CI_AS NULL, monto decimal(12,2) NULL, saldo money NULL,
				grande float NULL, r real NULL, nac date NULL, alta datetime2(7) NULL, nac_tz datetimeoffset(7) NULL,
				tarde_tz datetimeoffset(0) NULL, hora time(7) NULL, activo bit NULL, guid uniqueidentifier NULL,
				foto varbinary(max) NULL, doc xml NULL, viejo text NULL, nviejo ntext NULL,
				dt datetime NULL, sdt smalldatetime NULL, big bigint NULL, sv sql_variant NULL, nulo nvarchar(10) NULL)`,
			`INSERT INTO [dbo].[tipos] (id, curp, nombre, nombre_cp, monto, saldo, grande, r, nac, alta, nac_tz, tarde_tz,
				hora, activo, guid, foto, doc, viejo, nviejo, dt, sdt, big, sv, nulo)
			VALUES (1, 'GOMC800101', N'Ñandú Peña', N'PEÑA', -12345.60, 1234.56, 1e21, 0.1, '1980-05-01',
				'2021-03-04T13:45:30.1234567', '1980-05-01T00:00:00-06:00', '1980-05-01T23:30:00-06:00', '13:05:00', 1,
				'6F9619FF-8B86-D011-B42D-00C04FC964FF', 0x0102, N'<p>GOMC</p>', 'PEÑA', N'Ñ', '1980-05-01T00:00:00',
				'1980-05-01T10:30:00', 9007199254740993, N'variante', NULL)`}},
		{"rowversion", liveDB, []string{
			`ALTER TABLE [dbo].[tipos] ADD [ver] rowversion`}},
		{"utf8 collation", liveDB, []string{ // _UTF8 collations exist from SQL Server 2019
			`ALTER TABLE [dbo].[tipos] ADD [utf8] varchar(20) COLLATE Latin1_General_100_CI_AS_SC_UTF8 NULL`,
			`UPDATE [dbo].[tipos] SET [utf8] = N'PEÑA'`}},
		{"keys", liveDB, []string{
			// The key's order (fecha, curp) is not the columns' order.
			`CREATE TABLE [dbo].[personas] (curp char(18) NOT NULL, fecha date NOT NULL, nombre nvarchar(50) NULL,
				CONSTRAINT [pk_personas] PRIMARY KEY (fecha, curp))`,
			`CREATE TABLE [dbo].[tramites] (id int NOT NULL PRIMARY KEY, curp char(18) NULL, fecha date NULL, chica int NULL,
				CONSTRAINT [fk_a_persona] FOREIGN KEY (fecha, curp) REFERENCES [dbo].[personas] (fecha, curp),
				CONSTRAINT [fk_b_chica] FOREIGN KEY (chica) REFERENCES [dbo].[chica] (id))`}},
		{"long values", liveDB, []string{
			`CREATE TABLE [dbo].[documentos] (id int NOT NULL, largo nvarchar(max) NULL, lv varchar(max) NULL,
				viejo text NULL, nviejo ntext NULL, doc xml NULL, corto nvarchar(100) NULL)`,
			`INSERT INTO [dbo].[documentos] VALUES (1,
				REPLICATE(CAST(N'ñ' AS nvarchar(max)), 200000), REPLICATE(CAST('a' AS varchar(max)), 200000),
				REPLICATE(CAST('b' AS varchar(max)), 100000), REPLICATE(CAST(N'c' AS nvarchar(max)), 100000),
				CAST(N'<d>' + REPLICATE(CAST(N'x' AS nvarchar(max)), 100000) + N'</d>' AS xml), N'breve')`}},
		{"secret", liveDB, []string{
			`CREATE TABLE [dbo].[secreto] (id int NOT NULL, curp char(18) NULL)`,
			`INSERT INTO [dbo].[secreto] VALUES (1, 'GOMC800101HDFRRL09')`}},
		{"reader", liveDB, []string{
			"CREATE USER [" + liveReader + "] FOR LOGIN [" + liveReader + "]",
			"ALTER ROLE [db_datareader] ADD MEMBER [" + liveReader + "]"}},
		{"deny", liveDB, []string{
			// Denied SELECT but allowed to see it: without VIEW DEFINITION
			// the table would simply be invisible to the login (metadata
			// visibility), and never reach the SELECT that is refused.
			"DENY SELECT ON [dbo].[secreto] TO [" + liveReader + "]",
			"GRANT VIEW DEFINITION ON [dbo].[secreto] TO [" + liveReader + "]"}},
		{"partial", liveDB, []string{
			"CREATE USER [" + livePartial + "] FOR LOGIN [" + livePartial + "]",
			"GRANT SELECT ON [dbo].[chica] TO [" + livePartial + "]",
			"GRANT SELECT ON [dbo].[grande] TO [" + livePartial + "]"}},
	}
}

// newLiveEnv sets the live database up, or skips without a DSN. What the
// server refuses is recorded, not fatal, except the database itself.
func newLiveEnv(tb testing.TB) *liveEnv {
	tb.Helper()
	e := &liveEnv{admin: testdb.MSSQLAdmin(tb), refused: map[string]error{}}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	master, err := e.adminDB("master")
	if err != nil {
		tb.Fatal(err)
	}
	defer master.Close()
	var version string
	if err := master.QueryRowContext(ctx, "SELECT @@VERSION").Scan(&version); err != nil {
		tb.Fatalf("the admin DSN does not connect: %v", err)
	}
	e.babelfish = strings.Contains(version, "Babelfish")
	tb.Logf("server: %s", strings.SplitN(version, "\n", 2)[0])
	e.teardown(ctx)
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		e.teardown(ctx)
	})
	if err := execAll(ctx, master, "CREATE DATABASE ["+liveDB+"] COLLATE Modern_Spanish_CI_AS"); err != nil {
		e.refused["database collation"] = err
		if err := execAll(ctx, master, "CREATE DATABASE ["+liveDB+"]"); err != nil {
			tb.Fatalf("creating %s: %v", liveDB, err)
		}
	}
	e.readerPw, e.partialPw = password(), password()
	dbs := map[string]*sql.DB{"master": master}
	for _, f := range fixtures(e.readerPw, e.partialPw) {
		db := dbs[f.db]
		if db == nil {
			if db, err = e.adminDB(f.db); err != nil {
				tb.Fatal(err)
			}
			defer db.Close()
			dbs[f.db] = db
		}
		if err := execAll(ctx, db, f.stmts...); err != nil {
			e.refused[f.name] = err
			tb.Logf("fixture %q refused: %v", f.name, err)
		}
	}
	// A fixture that depends on a refused one is refused with it.
	for f, deps := range map[string][]string{
		"slow view": {"large"}, "keys": {"small"}, "utf8 collation": {"types"}, "rowversion": {"types"},
		"reader": {"reader login"}, "deny": {"reader", "secret"}, "partial": {"partial login", "small", "large"},
	} {
		for _, d := range deps {
			if err := e.refused[d]; err != nil && e.refused[f] == nil {
				e.refused[f] = fmt.Errorf("needs %q: %w", d, err)
			}
		}
	}
	return e
}

func password() string {
	var pw [12]byte
	crand.Read(pw[:])
	return "Rd-" + hex.EncodeToString(pw[:]) + "-x9"
}

// teardown drops the database and the logins. SINGLE_USER ends other
// sessions first; a server that refuses it (Babelfish) is asked to drop
// the database as it is.
func (e *liveEnv) teardown(ctx context.Context) {
	master, err := e.adminDB("master")
	if err != nil {
		return
	}
	defer master.Close()
	var exists bool
	if master.QueryRowContext(ctx, "SELECT CAST(CASE WHEN DB_ID(N'"+liveDB+"') IS NULL THEN 0 ELSE 1 END AS bit)").Scan(&exists); exists {
		if execAll(ctx, master, "ALTER DATABASE ["+liveDB+"] SET SINGLE_USER WITH ROLLBACK IMMEDIATE") != nil {
			killSessions(ctx, master, liveDB)
		}
		if err := execAll(ctx, master, "DROP DATABASE ["+liveDB+"]"); err != nil {
			fmt.Printf("dropping %s: %v\n", liveDB, err)
		}
	}
	for _, l := range []string{liveReader, livePartial} {
		execAll(ctx, master, "IF SUSER_ID(N'"+l+"') IS NOT NULL DROP LOGIN ["+l+"]")
	}
}

// killSessions ends the other sessions using db (a statement the server
// did not cancel, say: Babelfish runs a cancelled query on), for a server
// without SINGLE_USER.
func killSessions(ctx context.Context, master *sql.DB, db string) {
	rows, err := master.QueryContext(ctx, "SELECT session_id FROM sys.dm_exec_sessions WHERE database_id = DB_ID(N'"+db+"') AND session_id <> @@SPID")
	if err != nil {
		return
	}
	var ids []int64
	for rows.Next() {
		var id sql.NullInt64
		if rows.Scan(&id) == nil && id.Valid {
			ids = append(ids, id.Int64)
		}
	}
	rows.Close()
	for _, id := range ids {
		execAll(ctx, master, "KILL "+strconv.FormatInt(id, 10))
	}
}

// adminDB opens the admin's database/sql pool on database db (not through
// the connector: it writes).
func (e *liveEnv) adminDB(db string) (*sql.DB, error) {
	u, err := url.Parse(e.admin)
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
			return fmt.Errorf("%s: %w", strings.Join(strings.Fields(s), " "), err)
		}
	}
	return nil
}

// url is a connector URL for database db on the admin's server, as user
// (the admin's own credentials when user is ""), keeping the admin DSN's
// TLS settings.
func (e *liveEnv) url(t testing.TB, user, password, db string) string {
	t.Helper()
	u, err := url.Parse(e.admin)
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

// open opens a source through the connector, as the CLI would.
func (e *liveEnv) open(t testing.TB, raw string, opts connectors.Options) (*source, error) {
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

// adminSource opens the test database as the admin.
func (e *liveEnv) adminSource(t testing.TB, opts connectors.Options) *source {
	t.Helper()
	s, err := e.open(t, e.url(t, "", "", liveDB), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func liveOpts() connectors.Options {
	return connectors.Options{ConnectTimeout: 15 * time.Second, StatementTimeout: 2 * time.Minute, MaxConns: 2}
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
	for _, tb := range tables { // Babelfish folds the case of names in sys.*
		if strings.EqualFold(tb.Schema, schema) && strings.EqualFold(tb.Name, name) {
			return tb
		}
	}
	t.Fatalf("%s.%s not listed", schema, name)
	return connectors.Table{}
}

// sample is Sample that fails the test on an error (never a nil sample).
func sample(t *testing.T, s *source, tb connectors.Table, n int) *connectors.Sample {
	t.Helper()
	smp, err := s.Sample(context.Background(), tb, nil, n)
	if err != nil {
		t.Fatalf("Sample %s (n=%d): %v", qualified(tb), n, err)
	}
	return smp
}

func TestLive(t *testing.T) {
	e := newLiveEnv(t)
	t.Run("Tables", e.testTables)
	t.Run("Keys", e.testKeys)
	t.Run("Values", e.testValues)
	t.Run("HostileNames", e.testHostileNames)
	t.Run("SampleSpread", e.testSampleSpread)
	t.Run("SmallComplete", e.testSmallComplete)
	t.Run("CountedByOnePass", e.testCounted)
	t.Run("LongValues", e.testLongValues)
	t.Run("ReadColumnsAndCount", e.testReadColumnsAndCount)
	t.Run("ReadOnly", e.testReadOnly)
	t.Run("PermissionDenied", e.testPermissionDenied)
	t.Run("Warnings", e.testWarnings)
	t.Run("LoginErrors", e.testLoginErrors)
	t.Run("Locks", e.testLocks)
	t.Run("SlowView", e.testSlowView)
}

func (e *liveEnv) testTables(t *testing.T) {
	s := e.adminSource(t, liveOpts())
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]connectors.Table{}
	var names []string
	for _, tb := range tables {
		byName[tb.Schema+"."+tb.Name] = tb
		names = append(names, tb.Schema+"."+tb.Name)
	}
	var want []string
	for _, c := range []struct {
		fixture string
		tables  []string
	}{
		{"alias type", []string{"dbo.alias"}},
		{"large", []string{"dbo.ancha"}},
		{"small", []string{"dbo.chica"}},
		{"long values", []string{"dbo.documentos"}},
		{"large", []string{"dbo.grande"}},
		{"keys", []string{"dbo.personas"}},
		{"secret", []string{"dbo.secreto"}},
		{"hostile names", []string{"dbo.select"}},
		{"types", []string{"dbo.tipos"}},
		{"keys", []string{"dbo.tramites"}},
		{"hostile names", []string{"esquema ]raro[.Tabla Con Espacios y ] 日本"}},
		{"odd names", []string{"esquema raro.Tabla Con Espacios 日本"}},
	} {
		if e.has(c.fixture) {
			want = append(want, c.tables...)
		}
	}
	if !reflect.DeepEqual(names, want) {
		if !e.babelfish || !strings.EqualFold(strings.Join(names, "\n"), strings.Join(want, "\n")) {
			t.Fatalf("tables = %q\nwant %q", names, want)
		}
		// Babelfish folds the case of names in sys.* (the names still
		// read their tables: Babelfish matches names without case).
		t.Logf("names as Babelfish's catalog gives them: %q", names)
	}
	if e.has("hostile names") {
		wantCols := []connectors.Column{
			{Name: "from", Type: "int", Kind: connectors.KindInteger},
			{Name: "a]b", Type: "nvarchar(20)", Kind: connectors.KindText},
			{Name: `it's "q"`, Type: "varchar(20)", Kind: connectors.KindText},
			{Name: "Ñombre Completo", Type: "nvarchar(50)", Kind: connectors.KindText},
		}
		if got := byName["dbo.select"].Columns; !reflect.DeepEqual(got, wantCols) {
			t.Errorf("columns of dbo.select = %+v", got)
		}
	}
	if e.has("alias type") {
		if got := byName["dbo.alias"].Columns[1]; got != (connectors.Column{Name: "curp", Type: "char(18)", Kind: connectors.KindText}) {
			t.Errorf("an alias type column = %+v, want its base type char(18)", got)
		}
	}
	if e.has("small") && e.has("large") {
		for name, n := range map[string]int64{"dbo.chica": 5, "dbo.grande": 100000} {
			r := byName[name].Rows
			switch {
			case r == (connectors.RowCount{Value: n, Known: true}):
			case e.babelfish && r.Known && !r.Exact:
				// Babelfish's sys.partitions comes from PostgreSQL's
				// statistics, stale until the table is analyzed.
				t.Logf("%s: catalog count %d (true %d): Babelfish's statistics", name, r.Value, n)
			default:
				t.Errorf("rows of %s = %+v, want %d, not exact", name, r, n)
			}
		}
	}
	if e.has("types") {
		types := map[string]string{}
		for _, c := range byName["dbo.tipos"].Columns {
			types[c.Name] = c.Type + "/" + c.Kind.String()
		}
		for name, tk := range map[string]string{
			"curp": "char(18)/text", "nombre": "nvarchar(50)/text", "monto": "decimal(12,2)/decimal",
			"alta": "datetime2(7)/timestamp", "nac_tz": "datetimeoffset(7)/timestamp", "hora": "time(7)/other",
			"guid": "uniqueidentifier/text", "foto": "varbinary(max)/binary",
			"doc": "xml/text", "viejo": "text/text", "sdt": "smalldatetime/timestamp", "activo": "bit/bool",
			"r": "real/decimal", "grande": "float/decimal", "saldo": "money/decimal",
		} {
			if types[name] != tk {
				// Babelfish keeps fractional seconds as PostgreSQL does, to
				// microseconds: a declared scale of 7 becomes 6.
				if e.babelfish && types[name] == strings.Replace(tk, "(7)", "(6)", 1) {
					t.Logf("tipos.%s = %s on Babelfish (declared %s)", name, types[name], tk)
					continue
				}
				t.Errorf("tipos.%s = %s, want %s", name, types[name], tk)
			}
		}
		if e.has("rowversion") && types["ver"] != "timestamp/binary" {
			t.Errorf("tipos.ver = %s, want timestamp/binary", types["ver"])
		}
	}

	// Views only when asked.
	e.need(t, "small")
	opts := liveOpts()
	opts.IncludeViews = true
	sv, err := e.open(t, e.url(t, "", "", liveDB), opts)
	if err != nil {
		t.Fatal(err)
	}
	v := liveTable(t, sv, "dbo", "v_chica")
	if got := sample(t, sv, v, 10); got.Rows != 5 || !got.Complete {
		t.Fatalf("Sample of a view: %d rows, complete %v", got.Rows, got.Complete)
	}
}

// Declared keys, composite ones in key order.
func (e *liveEnv) testKeys(t *testing.T) {
	e.need(t, "keys")
	s := e.adminSource(t, liveOpts())
	personas := liveTable(t, s, "dbo", "personas")
	if !reflect.DeepEqual(personas.PrimaryKey, []string{"fecha", "curp"}) || personas.ForeignKeys != nil {
		t.Errorf("personas: key %q, foreign keys %+v", personas.PrimaryKey, personas.ForeignKeys)
	}
	tramites := liveTable(t, s, "dbo", "tramites")
	want := []connectors.ForeignKey{
		{Columns: []string{"fecha", "curp"}, RefSchema: "dbo", RefTable: "personas", RefColumns: []string{"fecha", "curp"}},
		{Columns: []string{"chica"}, RefSchema: "dbo", RefTable: "chica", RefColumns: []string{"id"}},
	}
	if !reflect.DeepEqual(tramites.PrimaryKey, []string{"id"}) || !reflect.DeepEqual(tramites.ForeignKeys, want) {
		t.Errorf("tramites: key %q, foreign keys %+v", tramites.PrimaryKey, tramites.ForeignKeys)
	}
	if grande := liveTable(t, s, "dbo", "chica"); !reflect.DeepEqual(grande.PrimaryKey, []string{"id"}) {
		t.Errorf("chica: key %q", grande.PrimaryKey)
	}
}

func (e *liveEnv) testValues(t *testing.T) {
	e.need(t, "types")
	s := e.adminSource(t, liveOpts())
	got := sample(t, s, liveTable(t, s, "dbo", "tipos"), 10)
	want := map[string]string{
		"id": "1", "curp": "GOMC800101", "nombre": "Ñandú Peña", "nombre_cp": "PEÑA", "monto": "-12345.60",
		"saldo": "1234.5600", "grande": "1000000000000000000000", "r": "0.1", "nac": "1980-05-01",
		"alta": "2021-03-04 13:45:30", "nac_tz": "1980-05-01", "tarde_tz": "1980-05-01 23:30:00",
		"hora": "13:05:00", "activo": "1", "guid": "6F9619FF-8B86-D011-B42D-00C04FC964FF", "foto": "",
		"doc": "<p>GOMC</p>", "viejo": "PEÑA", "nviejo": "Ñ", "dt": "1980-05-01",
		"sdt": "1980-05-01 10:30:00", "big": "9007199254740993", "sv": "variante", "nulo": "",
	}
	if e.has("rowversion") {
		want["ver"] = "" // binary: never read
	}
	if e.has("utf8 collation") {
		want["utf8"] = "PEÑA"
	} else {
		t.Logf("no _UTF8 collations on this server: not checked (%v)", e.refused["utf8 collation"])
	}
	if got.Rows != 1 || !got.Complete || got.Counted != 1 {
		t.Fatalf("sample: %d rows, complete %v, counted %d", got.Rows, got.Complete, got.Counted)
	}
	for i, c := range got.Columns {
		if w, ok := want[c.Name]; ok && got.Values[i][0] != w {
			t.Errorf("%s (%s) = %q, want %q", c.Name, c.Type, got.Values[i][0], w)
		}
	}
}

func (e *liveEnv) testHostileNames(t *testing.T) {
	var names [][2]string
	if e.has("hostile names") {
		names = append(names, [2]string{"dbo", "select"}, [2]string{"esquema ]raro[", "Tabla Con Espacios y ] 日本"})
	}
	if e.has("odd names") {
		names = append(names, [2]string{"esquema raro", "Tabla Con Espacios 日本"})
	}
	if len(names) == 0 {
		e.need(t, "hostile names", "odd names")
	}
	s := e.adminSource(t, liveOpts())
	vals := map[string]bool{}
	for _, name := range names {
		tb := liveTable(t, s, name[0], name[1])
		smp := sample(t, s, tb, 10)
		if smp.Rows != 2 || !smp.Complete {
			t.Fatalf("Sample %s: %d rows, complete %v", qualified(tb), smp.Rows, smp.Complete)
		}
		for _, col := range smp.Values {
			for _, v := range col {
				vals[v] = true
			}
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
	want := []string{"José Ñúñez", "comilla's", "日本"}
	if e.has("hostile names") {
		want = append(want, "x]y", "[z]")
	} else {
		t.Logf("names with ] not checked: %v", e.refused["hostile names"])
	}
	for _, v := range want {
		if !vals[v] {
			t.Errorf("value %q not read back", v)
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
// the table: by one pass (narrow rows) and by TABLESAMPLE (wide rows; a
// server that ignores TABLESAMPLE reaches the cap, and is read in one
// pass).
func (e *liveEnv) testSampleSpread(t *testing.T) {
	e.need(t, "large")
	s := e.adminSource(t, liveOpts())
	for _, c := range []struct{ table, how string }{{"grande", "one pass"}, {"ancha", "tablesample"}} {
		tb := liveTable(t, s, "dbo", c.table)
		rp := newReadPlan(tb.Columns[:1])
		g, err := s.sample(context.Background(), tb, rp, 1000, s.rand(tb))
		if err != nil {
			t.Fatalf("%s: %v", c.table, err)
		}
		switch {
		case strings.HasPrefix(g.how, c.how):
		case e.babelfish && g.how == "one pass":
			t.Logf("%s sampled by one pass: Babelfish ignores TABLESAMPLE (or its statistics do not size one)", c.table)
		default:
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

func (e *liveEnv) testSmallComplete(t *testing.T) {
	e.need(t, "small")
	s := e.adminSource(t, liveOpts())
	tb := liveTable(t, s, "dbo", "chica")
	for _, n := range []int{5, 100} {
		if smp := sample(t, s, tb, n); smp.Rows != 5 || !smp.Complete || smp.Counted != 5 {
			t.Fatalf("n=%d: %d rows, complete %v, counted %d", n, smp.Rows, smp.Complete, smp.Counted)
		}
	}
	if smp := sample(t, s, tb, 3); smp.Rows != 3 || smp.Complete {
		t.Fatalf("n=3: %d rows, complete %v", smp.Rows, smp.Complete)
	}
}

// Issue 11, point 2: a one pass reports the rows it saw, whatever the
// catalog says.
func (e *liveEnv) testCounted(t *testing.T) {
	e.need(t, "large")
	s := e.adminSource(t, liveOpts())
	tb := liveTable(t, s, "dbo", "grande")
	smp := sample(t, s, tb, 1000)
	if smp.Counted != 100000 {
		t.Fatalf("counted %d (catalog %+v), want 100,000", smp.Counted, tb.Rows)
	}
	t.Logf("catalog said %+v; the one pass counted %d", tb.Rows, smp.Counted)
}

// Issue 11, point 4: values of 100,000 and 200,000 characters arrive cut
// to connectors.MaxValueBytes, the columns marked truncated.
func (e *liveEnv) testLongValues(t *testing.T) {
	e.need(t, "long values")
	s := e.adminSource(t, liveOpts())
	smp := sample(t, s, liveTable(t, s, "dbo", "documentos"), 10)
	wantCut := map[string]bool{"id": false, "largo": true, "lv": true, "viejo": true, "nviejo": true, "doc": true, "corto": false}
	for i, c := range smp.Columns {
		v := smp.Values[i][0]
		if len(v) > connectors.MaxValueBytes || !utf8.ValidString(v) {
			t.Errorf("%s: a value of %d bytes (valid UTF-8 %v)", c.Name, len(v), utf8.ValidString(v))
		}
		if got := smp.Truncated != nil && smp.Truncated[i]; got != wantCut[c.Name] {
			t.Errorf("%s: truncated %v, want %v (%d bytes read)", c.Name, got, wantCut[c.Name], len(v))
		}
	}
	if got := smp.Values[1][0]; got != strings.Repeat("ñ", connectors.MaxValueBytes/2) {
		t.Errorf("largo: %d bytes, not the first 2,048 ñ", len(got))
	}
}

func (e *liveEnv) testReadColumnsAndCount(t *testing.T) {
	e.need(t, "large")
	s := e.adminSource(t, liveOpts())
	tb := liveTable(t, s, "dbo", "grande")
	seen := make(map[string]bool, 100000)
	err := s.ReadColumns(context.Background(), tb, tb.Columns[1:2], func(v []string) error {
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

// reader opens the db_datareader login's source, or skips.
func (e *liveEnv) reader(t *testing.T, opts connectors.Options) *source {
	t.Helper()
	e.need(t, "reader")
	s, err := e.open(t, e.url(t, liveReader, e.readerPw, liveDB), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A db_datareader login reads, cannot write even through the connector's
// own sessions, and runs with alcance's session settings, reapplied when
// the pool reuses a connection.
func (e *liveEnv) testReadOnly(t *testing.T) {
	e.need(t, "small")
	opts := liveOpts()
	opts.MaxConns = 1
	var s *source
	if e.has("reader") {
		s = e.reader(t, opts)
	} else {
		// A login with SELECT on chica and grande only (no db_datareader
		// on Babelfish) must not write either.
		e.need(t, "partial")
		var err error
		if s, err = e.open(t, e.url(t, livePartial, e.partialPw, liveDB), opts); err != nil {
			t.Fatal(err)
		}
		t.Logf("as the partial login (%v)", e.refused["reader"])
	}
	ctx := context.Background()
	for _, w := range []string{
		"INSERT INTO [dbo].[chica] (id, v) VALUES (999, N'x')",
		"UPDATE [dbo].[chica] SET v = N'z'",
		"DELETE FROM [dbo].[chica]",
		"CREATE TABLE [dbo].[nueva] (id int)",
	} {
		if _, err := s.db.ExecContext(ctx, w); err == nil {
			t.Errorf("%s: succeeded as a reader", w)
		}
	}
	admin, err := e.adminDB(liveDB)
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
			t.Logf("%s: the server cannot show the session's settings, not checked: %v", when, err)
			return
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

func (e *liveEnv) testPermissionDenied(t *testing.T) {
	e.need(t, "deny")
	s := e.reader(t, liveOpts())
	sample(t, s, liveTable(t, s, "dbo", "chica"), 10) // listed and readable
	secret := connectors.Table{Schema: "dbo", Name: "secreto", Columns: []connectors.Column{{Name: "id", Type: "int"}, {Name: "curp", Type: "char(18)", Kind: connectors.KindText}}}
	_, err := s.Sample(context.Background(), secret, nil, 10)
	if err == nil || !strings.HasPrefix(err.Error(), "sampling table [dbo].[secreto]: ") ||
		!strings.Contains(err.Error(), "permission denied; the login needs SELECT") {
		t.Fatalf("error = %v", err)
	}
	if strings.Contains(err.Error(), "GOMC800101HDFRRL09") {
		t.Fatalf("the error holds a row value: %v", err)
	}
}

// Issue 11, point 3: the admin and a db_datareader see everything; a login
// granted SELECT on two tables is warned that tables may be missing, and a
// DENY is reported.
func (e *liveEnv) testWarnings(t *testing.T) {
	ctx := context.Background()
	w, err := e.adminSource(t, liveOpts()).Warnings(ctx)
	if err != nil || len(w) != 0 {
		t.Errorf("admin: warnings %q, %v", w, err)
	}
	if e.has("reader") {
		w, err := e.reader(t, liveOpts()).Warnings(ctx)
		switch {
		case err != nil:
			t.Errorf("reader: %v", err)
		case e.has("deny") && (len(w) != 1 || !strings.Contains(w[0], "SELECT is denied to this login (or a role it belongs to) on 1 table or view and 0 schemas")):
			t.Errorf("reader with a DENY: warnings %q", w)
		case !e.has("deny") && len(w) != 0:
			t.Errorf("reader: warnings %q", w)
		}
	}
	e.need(t, "partial")
	s, err := e.open(t, e.url(t, livePartial, e.partialPw, liveDB), liveOpts())
	if err != nil {
		t.Fatal(err)
	}
	tables, err := s.Tables(ctx)
	if err != nil || len(tables) != 2 {
		t.Fatalf("the partial login lists %d tables, %v; want 2", len(tables), err)
	}
	w, err = s.Warnings(ctx)
	if err != nil || len(w) != 1 || !strings.Contains(w[0], "this login does not hold SELECT on the whole of database "+liveDB) {
		t.Fatalf("partial login: warnings %q, %v", w, err)
	}
	t.Logf("partial login: %s", w[0])
}

func (e *liveEnv) testLoginErrors(t *testing.T) {
	e.need(t, "reader login")
	_, err := e.open(t, e.url(t, liveReader, "not-the-password", liveDB), liveOpts())
	if err == nil || !strings.Contains(err.Error(), "18456") || strings.Contains(err.Error(), "not-the-password") {
		t.Fatalf("wrong password: %v", err)
	}
	t.Logf("wrong password: %v", err)
	// SQL Server answers 4060, Babelfish 911: the same hint.
	_, err = e.open(t, e.url(t, liveReader, e.readerPw, "alcance_msconn_nada"), liveOpts())
	if err == nil || !strings.Contains(err.Error(), "the database does not exist") || strings.Contains(err.Error(), e.readerPw) {
		t.Fatalf("missing database: %v", err)
	}
	t.Logf("missing database: %v", err)
}

// Behind a writer's lock: alcance gives up after LOCK_TIMEOUT (error 1222),
// or, with a shorter statement timeout, cancels the statement.
func (e *liveEnv) testLocks(t *testing.T) {
	e.need(t, "small")
	admin, err := e.adminDB(liveDB)
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
		t.Skipf("the server refused to hold a table lock: %v", err)
	}
	defer holder.ExecContext(ctx, "IF @@TRANCOUNT > 0 ROLLBACK")

	tb := connectors.Table{Schema: "dbo", Name: "chica"}
	s := e.adminSource(t, liveOpts())
	start := time.Now()
	n, err := s.CountRows(ctx, tb)
	if err == nil && n == 5 {
		t.Skip("the server does not block a reader behind a writer's lock (Babelfish reads row versions, as PostgreSQL does)")
	}
	var se mssql.Error
	if err == nil || !errors.As(err, &se) || se.Number != 1222 || !strings.Contains(err.Error(), "gave up after waiting 5000 ms") {
		t.Fatalf("behind a lock: %v", err)
	}
	if took := time.Since(start); took < 4*time.Second || took > 20*time.Second {
		t.Errorf("gave up after %v, want about 5s", took)
	}

	opts := liveOpts()
	opts.StatementTimeout = time.Second
	s1 := e.adminSource(t, opts)
	_, err = s1.CountRows(ctx, tb)
	if err == nil || !strings.Contains(err.Error(), "statement timed out after 1s") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("statement timeout: %v", err)
	}
}

// Issue 11, point 5: a statement timeout on a slow view ends within the
// timeout and the cancel grace, whether or not the server acknowledges
// the cancel (Babelfish did not: the driver waited ~10 s more).
func (e *liveEnv) testSlowView(t *testing.T) {
	e.need(t, "slow view")
	opts := liveOpts()
	opts.StatementTimeout = time.Second
	s := e.adminSource(t, opts)
	start := time.Now()
	_, err := s.CountRows(context.Background(), connectors.Table{Schema: "dbo", Name: "v_lenta"})
	took := time.Since(start)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "statement timed out after 1s") {
		t.Fatalf("error = %v", err)
	}
	if took > time.Second+cancelGrace+2*time.Second {
		t.Fatalf("the statement returned after %v", took)
	}
	t.Logf("returned after %v: %v", took.Round(10*time.Millisecond), err)
	// The source still reads (on a new connection: logging in may take
	// longer than 1 s on a loaded machine).
	if e.has("small") {
		s.opts.StatementTimeout = liveOpts().StatementTimeout
		if n, err := s.CountRows(context.Background(), connectors.Table{Schema: "dbo", Name: "chica"}); err != nil || n != 5 {
			t.Fatalf("after the timeout: %d, %v", n, err)
		}
	}
}

// ---- benchmarks: Sample against a plain TOP (n) through the same driver ----

func BenchmarkLive(b *testing.B) {
	e := newLiveEnv(b)
	e.need(b, "large")
	s := e.adminSource(b, liveOpts())
	tb := liveTable(b, s, "dbo", "ancha")
	b.Run("Sample", func(b *testing.B) {
		for b.Loop() {
			smp, err := s.Sample(context.Background(), tb, nil, 1000)
			if err != nil || smp.Rows != 1000 {
				b.Fatalf("%v", err)
			}
		}
	})
	// PlainRead reads the first 1,000 rows (not a sample): the floor for
	// reading that many rows through the driver.
	b.Run("PlainRead", func(b *testing.B) {
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
	})
}
