package main

import (
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/internal/testdb"
)

// The error cases a user meets with live servers, each with its message
// and exit code, through the whole CLI. Databases of this package are
// named alcance_cli_*.

// closedPort returns a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// silentListener accepts connections on loopback and never answers.
func silentListener(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		l.Close()
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().(*net.TCPAddr).Port
}

func TestUnreachableServers(t *testing.T) {
	// SQL Server needs no server for these: they fail before one answers.
	format := map[string]string{"postgres": "%s://u@127.0.0.1:%d/db", "mysql": "%s://u@127.0.0.1:%d/db",
		"sqlserver": "%s://u@127.0.0.1:%d?database=db"}
	for _, scheme := range []string{"postgres", "mysql", "sqlserver"} {
		t.Run(scheme+" closed port", func(t *testing.T) {
			src := fmt.Sprintf(format[scheme], scheme, closedPort(t))
			code, _, stderr := runCLI("scan", "--quiet", src)
			if code != exitNothing || !strings.Contains(stderr, "refused") {
				t.Errorf("exit %d, want 1 with 'refused'; stderr:\n%s", code, stderr)
			}
		})
		t.Run(scheme+" server that never answers", func(t *testing.T) {
			src := fmt.Sprintf(format[scheme], scheme, silentListener(t))
			start := time.Now()
			code, _, stderr := runCLI("scan", "--quiet", "--connect-timeout", "1s", "--fail-on", "any", src)
			if code != exitNothing || !strings.Contains(strings.ToLower(stderr), "1s") {
				t.Errorf("exit %d, want 1 naming the 1s timeout; stderr:\n%s", code, stderr)
			}
			if d := time.Since(start); d > 8*time.Second {
				t.Errorf("gave up after %s, the connect timeout is 1s", d)
			}
		})
	}
}

func TestWrongPassword(t *testing.T) {
	const secret = "Wr0ng-Secret-42"
	u := testdb.MySQL(t, "alcance_cli_pw")
	admin, err := sql.Open("mysql", testdb.MySQLDriverDSN(t, u))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	for _, q := range []string{"DROP USER IF EXISTS 'alcance_cli_pw'@'%'",
		"CREATE USER 'alcance_cli_pw'@'%' IDENTIFIED BY 'the-right-one'",
		"GRANT SELECT ON alcance_cli_pw.* TO 'alcance_cli_pw'@'%'"} {
		if _, err := admin.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { admin.Exec("DROP USER IF EXISTS 'alcance_cli_pw'@'%'") })
	parsed, _ := url.Parse(u)
	src := fmt.Sprintf("mysql://alcance_cli_pw:%s@%s/alcance_cli_pw", secret, parsed.Host)
	out := t.TempDir() + "/r.json"
	code, stdout, stderr := runCLI("scan", "-o", out, src)
	if code != exitNothing || !strings.Contains(strings.ToLower(stderr), "access denied") {
		t.Errorf("exit %d, want 1 with 'access denied'; stderr:\n%s", code, stderr)
	}
	if strings.Contains(stdout+stderr, secret) {
		t.Errorf("the password appears in the output")
	}
}

func TestMissingDatabase(t *testing.T) {
	admin, err := url.Parse(testdb.PostgresAdmin(t))
	if err != nil {
		t.Fatal(err)
	}
	admin.Path = "/alcance_cli_no_such_db"
	code, _, stderr := runCLI("scan", "--quiet", admin.String())
	if code != exitNothing || !strings.Contains(stderr, "does not exist") {
		t.Errorf("exit %d, want 1 with 'does not exist'; stderr:\n%s", code, stderr)
	}
}

// TestRefusedTableAndSlowView: a role with nothing but SELECT on one table
// scans it; a table it may not read and a view slower than the statement
// timeout are listed under errors, and the scan goes on.
func TestRefusedTableAndSlowView(t *testing.T) {
	u := testdb.Postgres(t, "alcance_cli_perm")
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{
		`DROP ROLE IF EXISTS alcance_cli_reader`,
		`CREATE ROLE alcance_cli_reader LOGIN`,
		`CREATE TABLE padron (curp char(18), nombre text)`,
		`CREATE TABLE secreta (nota text)`,
		`INSERT INTO secreta VALUES ('nada')`,
		`CREATE VIEW lenta AS SELECT pg_sleep(5)::text AS x`,
		`GRANT CONNECT ON DATABASE alcance_cli_perm TO alcance_cli_reader`,
		`GRANT USAGE ON SCHEMA public TO alcance_cli_reader`,
		`GRANT SELECT ON padron, lenta TO alcance_cli_reader`,
	}
	for _, v := range []string{"HEGG560427MVZRRL04", "BEML920313HMCLNS09", "PEGL890909MJCRMS08", "SABC560626MDFLRN01",
		"PEGJ900512HJCRRS04", "AAPR630321HDFLRC09", "EAAF030715MJCSRRA0", "SIXJ851102HNEMXH07"} {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO padron VALUES ('%s', 'JUAN PEREZ')`, v))
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	t.Cleanup(func() {
		db.Exec(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM alcance_cli_reader`)
		db.Exec(`REVOKE ALL ON SCHEMA public FROM alcance_cli_reader`)
		db.Exec(`REVOKE ALL ON DATABASE alcance_cli_perm FROM alcance_cli_reader`)
	})
	t.Cleanup(func() {
		if admin, err := sql.Open("pgx", testdb.PostgresAdmin(t)); err == nil {
			admin.Exec(`DROP ROLE IF EXISTS alcance_cli_reader`)
			admin.Close()
		}
	})
	reader, _ := url.Parse(u)
	reader.User = url.User("alcance_cli_reader")
	src := reader.String()
	args := []string{"scan", "--include-views", "--statement-timeout", "300ms"}

	code, _, stderr := runCLI(append(args, "--fail-on", "curp", src)...)
	if code != exitFound {
		t.Errorf("--fail-on curp: exit %d, want 3 (the readable table holds CURPs); stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "secreta") || !strings.Contains(stderr, "permission denied") {
		t.Errorf("the refused table is not reported with 'permission denied':\n%s", stderr)
	}
	if !strings.Contains(stderr, "lenta") || !strings.Contains(stderr, "timed out") {
		t.Errorf("the slow view is not reported as timed out:\n%s", stderr)
	}
	code, _, stderr = runCLI(append(args, "--fail-on", "health_condition", src)...)
	if code != exitIncomplete {
		t.Errorf("--fail-on health_condition: exit %d, want 4 (two tables could not be read); stderr:\n%s", code, stderr)
	}
	code, _, _ = runCLI(append(args, src)...)
	if code != exitOK {
		t.Errorf("no gate: exit %d, want 0", code)
	}
}
