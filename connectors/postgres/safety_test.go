package postgres

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// curpValue is a personal value stored in test tables: no error message
// may ever contain it.
const curpValue = "GOMC800101HDFRRL09"

func noValue(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), curpValue) {
		t.Errorf("error holds a row value: %v", err)
	}
}

// sqlstate is the SQLSTATE under err, or "".
func sqlstate(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code
	}
	return ""
}

// scanAll does everything a scan does through the connector.
func scanAll(t *testing.T, s *source) {
	t.Helper()
	ctx := context.Background()
	tables, err := s.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) == 0 {
		t.Fatal("no tables listed")
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

// A read that runs past the statement timeout fails with a message that
// says so; a view whose every row sleeps stands in for a huge table.
func TestStatementTimeout(t *testing.T) {
	u := newDB(t, "stmttimeout",
		"CREATE TABLE p (id int, curp text)", "INSERT INTO p VALUES (1, '"+curpValue+"')",
		"CREATE VIEW lenta AS SELECT id, curp, pg_sleep(5)::text AS z FROM p")
	opts := views()
	opts.StatementTimeout = 200 * time.Millisecond
	s := openURL(t, u, opts)
	slow := table(t, s, "public", "lenta")
	start := time.Now()
	_, err := s.Sample(context.Background(), slow, nil, 10)
	el := time.Since(start)
	t.Logf("Sample: %v", err)
	if err == nil || !strings.HasPrefix(err.Error(), `sampling table public."lenta": timed out`) ||
		!strings.Contains(err.Error(), "statement timeout") || sqlstate(err) != "57014" {
		t.Errorf("Sample(slow view) = %v, want a statement timeout", err)
	}
	if el > 3*time.Second {
		t.Errorf("Sample took %v with a 200 ms statement timeout", el)
	}
	noValue(t, err)
	_, err = s.CountRows(context.Background(), slow)
	if err == nil || !strings.Contains(err.Error(), "timed out") || sqlstate(err) != "57014" {
		t.Errorf("CountRows(slow view) = %v", err)
	}
	err = s.ReadColumns(context.Background(), slow, nil, func([]string) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("ReadColumns(slow view) = %v", err)
	}
	// The table itself reads fine under the same timeout.
	if smp, err := s.Sample(context.Background(), table(t, s, "public", "p"), nil, 10); err != nil || smp.Rows != 1 {
		t.Errorf("Sample(p) = %v, %v", smp, err)
	}
}

// A table locked by DDL: the listing, which reads only the catalog, is not
// held up (the locked table has no statistics, so the listing would count
// it, and gives up on that quickly: its count is left unknown); reading
// the table gives up after lock_timeout instead of queueing (and making
// the application's queries queue behind it).
func TestLockTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 5 s lock timeout")
	}
	u := newDB(t, "locked",
		"CREATE TABLE bloqueada (id int, curp text)", "INSERT INTO bloqueada VALUES (1, '"+curpValue+"')",
		"CREATE TABLE libre (id int)", "INSERT INTO libre VALUES (1)")
	s := open(t, u)
	ctx := context.Background()
	ddl, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer ddl.Close(ctx)
	tx, err := ddl.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "LOCK TABLE bloqueada IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	tables, err := s.Tables(ctx)
	if err != nil || len(tables) != 2 || time.Since(start) > 2*time.Second {
		t.Fatalf("Tables under a lock: %d tables, %v, after %v", len(tables), err, time.Since(start))
	}
	if tables[0].Rows.Known || !tables[1].Rows.Known {
		t.Errorf("rows: locked %+v, free %+v; want the locked one unknown", tables[0].Rows, tables[1].Rows)
	}
	start = time.Now()
	_, err = s.Sample(ctx, tables[0], nil, 10)
	el := time.Since(start)
	t.Logf("Sample: %v after %v", err, el)
	if err == nil || !strings.Contains(err.Error(), "timed out waiting for a lock") || sqlstate(err) != "55P03" {
		t.Errorf("Sample(locked) = %v", err)
	}
	if el < lockTimeout-time.Second || el > lockTimeout+3*time.Second {
		t.Errorf("gave up after %v, want about %v", el, lockTimeout)
	}
	noValue(t, err)
	if smp, err := s.Sample(ctx, tables[1], nil, 10); err != nil || smp.Rows != 1 {
		t.Errorf("Sample(libre) = %v, %v", smp, err)
	}
}

// A role with SELECT on one table only: both tables are listed, sampling
// the refused one fails with "permission denied" (so the report lists it
// under errors), and with nothing but CONNECT, USAGE and SELECT the role
// scans the other completely.
func TestPermissions(t *testing.T) {
	admin := newDB(t, "perm",
		"CREATE TABLE abierta (id int, curp text)", "INSERT INTO abierta VALUES (1, '"+curpValue+"'), (2, NULL)",
		"CREATE TABLE secreta (id int, curp text)", "INSERT INTO secreta VALUES (1, '"+curpValue+"')",
		"REVOKE ALL ON DATABASE alcance_pgconn_perm FROM PUBLIC",
		"REVOKE ALL ON SCHEMA public FROM PUBLIC")
	role(t, admin, "alcance_pgconn_ro", "LOGIN")
	run(t, admin,
		"GRANT CONNECT ON DATABASE alcance_pgconn_perm TO alcance_pgconn_ro",
		"GRANT USAGE ON SCHEMA public TO alcance_pgconn_ro",
		"GRANT SELECT ON abierta TO alcance_pgconn_ro",
		"REVOKE ALL ON secreta FROM alcance_pgconn_ro")
	t.Cleanup(func() {
		// The role holds privileges in the database: the database must go
		// before the role can (cleanups run last-in, first-out).
		run(t, testdb.PostgresAdmin(t), "DROP DATABASE IF EXISTS alcance_pgconn_perm WITH (FORCE)")
	})
	s := open(t, withUser(t, admin, "alcance_pgconn_ro", ""))
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 2 || tables[0].Name != "abierta" || tables[1].Name != "secreta" {
		t.Fatalf("tables = %+v, want abierta and secreta", tables)
	}
	if !tables[0].Rows.Known || tables[1].Rows.Known {
		t.Errorf("rows: abierta %+v, secreta %+v; want the refused one unknown", tables[0].Rows, tables[1].Rows)
	}
	_, err = s.Sample(context.Background(), tables[1], nil, 10)
	t.Logf("Sample: %v", err)
	if err == nil || !strings.HasPrefix(err.Error(), `sampling table public."secreta": permission denied for table secreta`) ||
		sqlstate(err) != "42501" {
		t.Errorf("Sample(secreta) = %v", err)
	}
	noValue(t, err)
	if _, err := s.CountRows(context.Background(), tables[1]); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("CountRows(secreta) = %v", err)
	}

	// The same role reads what it may, through every path.
	smp, err := s.Sample(context.Background(), tables[0], nil, 10)
	if err != nil || smp.Rows != 2 || !smp.Complete {
		t.Fatalf("Sample(abierta) = %+v, %v", smp, err)
	}
	if n, err := s.CountRows(context.Background(), tables[0]); n != 2 || err != nil {
		t.Errorf("CountRows(abierta) = %d, %v", n, err)
	}
	var got []string
	if err := s.ReadColumns(context.Background(), tables[0], tables[0].Columns[1:], func(v []string) error {
		got = append(got, v[0])
		return nil
	}); err != nil || len(got) != 2 || got[0] != curpValue {
		t.Errorf("ReadColumns(abierta) = %q, %v", got, err)
	}
}

// The read-only proof: through the connector's own connections, even as a
// superuser, even when the URL and PGOPTIONS ask for read-write sessions,
// nothing can be written; and a whole scan leaves the database as it was.
func TestReadOnly(t *testing.T) {
	t.Setenv("PGOPTIONS", "-c default_transaction_read_only=off")
	admin := newDB(t, "readonly",
		"CREATE TABLE p (id int, curp text)", fill2("p", 5000),
		"CREATE TABLE q (id int, curp text) PARTITION BY RANGE (id)",
		"CREATE TABLE q1 PARTITION OF q FOR VALUES FROM (0) TO (1000000)", fill2("q", 3000),
		"CREATE VIEW v AS SELECT * FROM p", "CREATE MATERIALIZED VIEW mv AS SELECT * FROM p")
	hostile := admin + "&default_transaction_read_only=off&options=" + strings.ReplaceAll(url.QueryEscape("-c default_transaction_read_only=off"), "+", "%20")
	opts := views()
	opts.MaxConns = 1 // one connection, so the session-level SET below is seen by the next transaction
	s := openURL(t, hostile, opts)
	ctx := context.Background()

	before := fingerprint(t, admin)
	scanAll(t, s)

	// The session settings took effect, whatever the URL said.
	var ro, st, lt, it, app string
	if err := s.pool.QueryRow(ctx, `SELECT current_setting('default_transaction_read_only'), current_setting('statement_timeout'),
		current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout'), current_setting('application_name')`).
		Scan(&ro, &st, &lt, &it, &app); err != nil {
		t.Fatal(err)
	}
	if ro != "on" || st != "5min" || lt != "5s" || it != "2min" || app != "alcance" {
		t.Errorf("session settings: read_only %s, statement_timeout %s, lock_timeout %s, idle_in_tx %s, application_name %s", ro, st, lt, it, app)
	}
	// A DBA sees who is reading.
	var who int
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'alcance' AND datname = current_database()`).Scan(&who); err != nil || who < 1 {
		t.Errorf("pg_stat_activity shows %d alcance sessions, %v", who, err)
	}

	// Writes through the connector's own pool fail as read-only.
	for _, stmt := range []string{
		"CREATE TABLE x (a int)", "INSERT INTO p VALUES (0, 'x')", "UPDATE p SET curp = 'x'", "DELETE FROM p",
		"TRUNCATE p", "DROP TABLE p", "CREATE TEMP TABLE t (a int)", "REFRESH MATERIALIZED VIEW mv",
		"CREATE SEQUENCE s", "GRANT SELECT ON p TO PUBLIC", "ALTER TABLE p ADD COLUMN z int",
	} {
		_, err := s.pool.Exec(ctx, stmt)
		if sqlstate(err) != "25006" {
			t.Errorf("%s on the connector's pool: %v, want a read-only error (25006)", stmt, err)
		}
	}
	// Even with the session's default turned off, every read the connector
	// makes runs in a READ ONLY transaction of its own.
	if _, err := s.pool.Exec(ctx, "SET default_transaction_read_only = off"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, "CREATE TABLE probe (a int)"); err != nil {
		t.Fatalf("control: with the default off, a bare write should succeed: %v", err)
	}
	if _, err := s.pool.Exec(ctx, "DROP TABLE probe"); err != nil {
		t.Fatal(err)
	}
	err = s.readTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "CREATE TABLE x (a int)")
		return err
	})
	if sqlstate(err) != "25006" {
		t.Errorf("a write inside readTx: %v, want a read-only error", err)
	}
	if _, err := s.pool.Exec(ctx, "RESET default_transaction_read_only"); err != nil {
		t.Fatal(err)
	}
	scanAll(t, s)
	if after := fingerprint(t, admin); after != before {
		t.Errorf("the scan changed the database:\nbefore %s\nafter  %s", before, after)
	}
}

// fill2 fills table(id, curp) with n rows, one of them a CURP.
func fill2(table string, n int) string {
	return "INSERT INTO " + table + " SELECT g, CASE WHEN g = 1 THEN '" + curpValue + "' ELSE 'c' || g END FROM generate_series(1, " +
		strconv.Itoa(n) + ") g"
}

// fingerprint sums up the database's user objects and rows.
func fingerprint(t *testing.T, u string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var fp string
	err = conn.QueryRow(ctx, `SELECT
		(SELECT string_agg(relname || ':' || relkind::text, ',' ORDER BY relname) FROM pg_class c
		 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%')
		|| ' ' || (SELECT md5(string_agg(id || ':' || curp, ',' ORDER BY id)) FROM p)
		|| ' ' || (SELECT md5(string_agg(id || ':' || curp, ',' ORDER BY id)) FROM q)
		|| ' ' || (SELECT sum(n_tup_ins + n_tup_upd + n_tup_del)::text FROM pg_stat_user_tables)`).Scan(&fp)
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

// The pool never holds more than Options.MaxConns connections, however
// many reads run at once.
func TestMaxConns(t *testing.T) {
	u := newDB(t, "maxconns", "CREATE TABLE p (id int, v text)", fill("p", 200_000), "ANALYZE p")
	s := open(t, u)
	if got := s.pool.Stat().MaxConns(); got != defaultMaxConns {
		t.Fatalf("MaxConns = %d, want %d", got, defaultMaxConns)
	}
	tb := table(t, s, "public", "p")
	ctx := context.Background()
	watcher, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer watcher.Close(ctx)
	var wg sync.WaitGroup
	done := make(chan struct{})
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Sample(ctx, tb, nil, 20_000); err != nil {
				t.Error(err)
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	most := 0
	for polling := true; polling; {
		select {
		case <-done:
			polling = false
		default:
			var n int
			if err := watcher.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
				WHERE application_name = 'alcance' AND datname = current_database()`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			most = max(most, n)
			time.Sleep(5 * time.Millisecond)
		}
	}
	if most == 0 || most > defaultMaxConns {
		t.Errorf("saw up to %d alcance sessions at once, want 1..%d", most, defaultMaxConns)
	}
	one := connectors.DefaultOptions()
	one.MaxConns = 1
	if got := openURL(t, u, one).pool.Stat().MaxConns(); got != 1 {
		t.Errorf("MaxConns = %d with Options.MaxConns 1", got)
	}
}
