package main

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/internal/testdb"
)

// Passwords in arguments alcance cannot parse, or parses but hands to a
// server as something else, are never printed: not in the "not a source"
// error, not in a usage error about another flag, not in progress lines.
func TestPasswordsNeverEchoed(t *testing.T) {
	const pw = "PW5ecret-9"
	closed := closedPort(t)
	cases := []struct {
		name string
		args []string
	}{
		{"Go MySQL DSN", []string{"scan", "root:" + pw + "@tcp(127.0.0.1:3306)/db"}},
		{"URL without ':'", []string{"scan", "postgres//u:" + pw + "@h/db"}},
		{"mysql: without //", []string{"scan", "mysql:u:" + pw + "@h/x"}},
		{"password with a slash", []string{"scan", "postgres://u:" + pw + "/x#y@h/db"}},
		{"a URL given to another flag", []string{"scan", "--format", "mysql://u:" + pw + "@h/x", "x.db"}},
		{"pwd parameter in the progress line", []string{"scan", "--connect-timeout", "1s",
			fmt.Sprintf("postgres://u@127.0.0.1:%d/db?sslmode=disable&pwd=%s", closed, pw)}},
		{"password parameter of SQL Server", []string{"scan", "--connect-timeout", "1s",
			fmt.Sprintf("sqlserver://u@127.0.0.1:%d?database=x&password=%s", closed, pw)}},
	}
	for _, c := range cases {
		code, stdout, stderr := runCLI(c.args...)
		if strings.Contains(stdout+stderr, pw) || strings.Contains(stdout+stderr, url.QueryEscape(pw)) {
			t.Errorf("%s: exit %d, the password is printed:\n%s%s", c.name, code, stdout, stderr)
		}
		if code == exitOK {
			t.Errorf("%s: exit 0", c.name)
		}
	}
}

func TestPasswordFileUsage(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	newline := filepath.Join(dir, "newline")
	os.WriteFile(empty, nil, 0o600)
	os.WriteFile(newline, []byte("\n"), 0o600)
	db := withCURPs(t)
	for _, c := range []struct{ file, want string }{
		{filepath.Join(dir, "missing"), "no such file"},
		{dir, "is a directory"},
		{empty, "holds no password"},
		{newline, "holds no password"},
	} {
		code, _, stderr := runCLI("scan", "--quiet", "--password-file", c.file, db)
		if code != exitUsage || !strings.Contains(stderr, "--password-file") || !strings.Contains(stderr, c.want) {
			t.Errorf("--password-file %s: exit %d, want 2 saying %q; stderr:\n%s", c.file, code, c.want, stderr)
		}
	}
}

// The password from --password-file (its trailing newline dropped) opens
// a MariaDB source whose URL has none, and wins over MYSQL_PWD.
func TestPasswordFile(t *testing.T) {
	const right = "Right#File-Pass1"
	u := testdb.MySQL(t, "alcance_cli_pwfile")
	admin, err := sql.Open("mysql", testdb.MySQLDriverDSN(t, u))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	for _, q := range []string{"DROP USER IF EXISTS 'alcance_cli_pwfile'@'%'",
		"CREATE USER 'alcance_cli_pwfile'@'%' IDENTIFIED BY '" + right + "'",
		"GRANT SELECT ON alcance_cli_pwfile.* TO 'alcance_cli_pwfile'@'%'",
		"CREATE TABLE t (curp char(18))", "INSERT INTO t VALUES ('GOMC800101HDFRRL09')"} {
		if _, err := admin.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { admin.Exec("DROP USER IF EXISTS 'alcance_cli_pwfile'@'%'") })
	parsed, _ := url.Parse(u)
	src := fmt.Sprintf("mysql://alcance_cli_pwfile@%s/alcance_cli_pwfile", parsed.Host)
	file := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(file, []byte(right+"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("MYSQL_PWD", "Env#Wrong-2")
	code, stdout, stderr := runCLI("scan", "--format", "json", "--password-file", file, src)
	if code != exitOK {
		t.Fatalf("with the password file: exit %d\n%s", code, stderr)
	}
	if strings.Contains(stdout+stderr, right) {
		t.Error("the password from the file is printed")
	}
	if err := os.WriteFile(file, []byte("File#Wrong-3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI("scan", "--password-file", file, src)
	if code != exitNothing || !strings.Contains(stderr, "Access denied") || strings.Contains(stdout+stderr, "File#Wrong-3") {
		t.Errorf("a wrong password in the file: exit %d, want 1 with 'Access denied' and no password; stderr:\n%s", code, stderr)
	}
}
