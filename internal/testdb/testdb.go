// Package testdb gives tests a database of their own on the servers CI
// runs: PostgreSQL and MariaDB, whose admin DSNs come from
// ALCANCE_TEST_POSTGRES and ALCANCE_TEST_MYSQL, and SQL Server from
// ALCANCE_TEST_MSSQL. Without a DSN a test is skipped with a message
// saying how to run it, except under CI=true, where a missing PostgreSQL
// or MariaDB DSN fails: CI must not pass by skipping.
//
// Every test package names its own databases (packages run in parallel),
// and a database is dropped and created fresh, then dropped at the end.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// Env variables holding admin DSNs.
const (
	EnvPostgres = "ALCANCE_TEST_POSTGRES"
	EnvMySQL    = "ALCANCE_TEST_MYSQL"
	EnvMSSQL    = "ALCANCE_TEST_MSSQL"
)

var validName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,50}$`)

// dsn returns the admin DSN in env, or skips (fails under CI=true when
// required).
func dsn(t testing.TB, env string, requiredInCI bool) string {
	t.Helper()
	v := os.Getenv(env)
	if v != "" {
		return v
	}
	if requiredInCI && os.Getenv("CI") == "true" {
		t.Fatalf("%s is not set, and CI=true: CI must run the tests against a live server", env)
	}
	t.Skipf("%s is not set: set it to an admin DSN of a server to run this test", env)
	return ""
}

// PostgresAdmin returns the admin DSN (postgres://...), or skips.
func PostgresAdmin(t testing.TB) string { return dsn(t, EnvPostgres, true) }

// MySQLAdmin returns the admin DSN (mysql://user@host:port/), or skips.
func MySQLAdmin(t testing.TB) string { return dsn(t, EnvMySQL, true) }

// MSSQLAdmin returns the admin DSN (sqlserver://...), or skips; SQL Server
// cannot run on the CI machines, so it is never required.
func MSSQLAdmin(t testing.TB) string { return dsn(t, EnvMSSQL, false) }

// Postgres creates a fresh database called name on the test server and
// returns its URL (postgres://...), dropping it when the test ends.
func Postgres(t testing.TB, name string) string {
	t.Helper()
	admin := PostgresAdmin(t)
	if !validName.MatchString(name) {
		t.Fatalf("testdb: bad database name %q", name)
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name)); err != nil {
		t.Fatalf("testdb: dropping %s: %v", name, err)
	}
	if _, err := db.ExecContext(ctx, fmt.Sprintf(`CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0`, name)); err != nil {
		t.Fatalf("testdb: creating %s: %v", name, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err == nil {
			db.Exec(fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name))
			db.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("testdb: %s: %v", EnvPostgres, err)
	}
	u.Path = "/" + name
	return u.String()
}

// MySQL creates a fresh database called name (utf8mb4 by default; tables
// may choose latin1) and returns its URL (mysql://user@host:port/name),
// dropping it when the test ends.
func MySQL(t testing.TB, name string) string {
	t.Helper()
	admin := MySQLAdmin(t)
	if !validName.MatchString(name) {
		t.Fatalf("testdb: bad database name %q", name)
	}
	db, err := sql.Open("mysql", MySQLDriverDSN(t, admin))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, q := range []string{"DROP DATABASE IF EXISTS `" + name + "`",
		"CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("testdb: %s: %v", q, err)
		}
	}
	t.Cleanup(func() {
		db, err := sql.Open("mysql", MySQLDriverDSN(t, admin))
		if err == nil {
			db.Exec("DROP DATABASE IF EXISTS `" + name + "`")
			db.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("testdb: %s: %v", EnvMySQL, err)
	}
	u.Path = "/" + name
	return u.String()
}

// MySQLDriverDSN turns a mysql:// URL into the go-sql-driver DSN
// (user:pass@tcp(host:port)/db?params), for tests that set data up.
func MySQLDriverDSN(t testing.TB, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "mysql" {
		t.Fatalf("testdb: %q is not a mysql:// URL", raw)
	}
	auth := u.User.Username()
	if p, ok := u.User.Password(); ok {
		auth += ":" + p
	}
	q := u.Query()
	q.Set("parseTime", "false")
	q.Set("multiStatements", "true")
	return fmt.Sprintf("%s@tcp(%s)/%s?%s", auth, u.Host, strings.TrimPrefix(u.Path, "/"), q.Encode())
}
