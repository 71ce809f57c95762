package mysql

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/go-sql-driver/mysql"
)

// Tests in this file need no server: they pin down the SQL made for both
// flavours, the URL parsing and the value rendering.

// ---- parsing ----

func TestParse(t *testing.T) {
	cases := []struct {
		raw      string
		ok       bool
		bad      bool // ours, but malformed: an error
		location string
		name     string
		t        target // checked when user is set
	}{
		{raw: "mysql://auditor:s3cret@127.0.0.1:3306/padron", ok: true,
			location: "mysql://auditor@127.0.0.1:3306/padron", name: "padron",
			t: target{scheme: "mysql", user: "auditor", pass: "s3cret", hasPass: true, host: "127.0.0.1", port: "3306", db: "padron"}},
		{raw: "mysql://auditor@db.example.mx/padron", ok: true,
			location: "mysql://auditor@db.example.mx:3306/padron", name: "padron",
			t: target{scheme: "mysql", user: "auditor", host: "db.example.mx", port: "3306", db: "padron"}},
		// No database: every database; the name is the host.
		{raw: "mysql://root@127.0.0.1:3307", ok: true, location: "mysql://root@127.0.0.1:3307", name: "127.0.0.1",
			t: target{scheme: "mysql", user: "root", host: "127.0.0.1", port: "3307"}},
		{raw: "mysql://root@127.0.0.1:3307/", ok: true, location: "mysql://root@127.0.0.1:3307", name: "127.0.0.1"},
		// An explicitly empty password is a password (MYSQL_PWD is not used).
		{raw: "mysql://root:@h/x", ok: true, location: "mysql://root@h:3306/x", name: "x",
			t: target{scheme: "mysql", user: "root", hasPass: true, host: "h", port: "3306", db: "x"}},
		// Percent-encoding in user, password and database.
		{raw: "mysql://a%40b:p%2Fw%3Ad@h/a%C3%B1o%20x%2Fy", ok: true, location: "mysql://a%40b@h:3306/a%C3%B1o%20x%2Fy", name: "año x/y",
			t: target{scheme: "mysql", user: "a@b", pass: "p/w:d", hasPass: true, host: "h", port: "3306", db: "año x/y"}},
		{raw: "mariadb://u:p@[::1]:3310/db", ok: true, location: "mariadb://u@[::1]:3310/db", name: "db",
			t: target{scheme: "mariadb", user: "u", pass: "p", hasPass: true, host: "::1", port: "3310", db: "db"}},
		{raw: "MySQL://u@h/db", ok: true, location: "mysql://u@h:3306/db", name: "db"},
		{raw: "mysql://u@h/db?tls=preferred", ok: true, location: "mysql://u@h:3306/db?tls=preferred", name: "db",
			t: target{scheme: "mysql", user: "u", host: "h", port: "3306", db: "db", tls: "preferred", query: "tls=preferred"}},
		{raw: "mysql://u@h/db?allowCleartextPasswords=true&tls=true", ok: true,
			location: "mysql://u@h:3306/db?allowCleartextPasswords=true&tls=true", name: "db",
			t: target{scheme: "mysql", user: "u", host: "h", port: "3306", db: "db", tls: "true", cleartxt: true,
				query: "allowCleartextPasswords=true&tls=true"}},
		// Not ours.
		{raw: "postgres://u@h/db"},
		{raw: "sqlite:///x.db"},
		{raw: "/srv/padron.db"},
		{raw: "mysqlx://u@h/db"},
		{raw: ""},
		// Ours, malformed.
		{raw: "mysql://", bad: true},
		{raw: "mysql:u@h/db", bad: true},
		{raw: "mysql://h/db", bad: true},                        // no user
		{raw: "mysql://u:p@/db", bad: true},                     // no host
		{raw: "mysql://u:p@h:99999/db", bad: true},              // port out of range
		{raw: "mysql://u:p@h:abc/db", bad: true},                // port not a number
		{raw: "mysql://u:p@h/db/extra", bad: true},              // two path segments
		{raw: "mysql://u:p@h/db?parseTime=true", bad: true},     // a parameter alcance sets itself
		{raw: "mysql://u:p@h/db?allowAllFiles=true", bad: true}, // never
		{raw: "mysql://u:p@h/db?tls=maybe", bad: true},          // bad value
		{raw: "mysql://u:p@h/db?tls=true&tls=false", bad: true}, // twice
		{raw: "mysql://u:p@h/db?allowCleartextPasswords=x", bad: true},
		{raw: "mysql://u:p@h/db#frag", bad: true},
		{raw: "mysql://u:p@h/d%zzb", bad: true},
	}
	for _, c := range cases {
		spec, ok, err := opener{}.Parse(c.raw)
		if c.bad {
			if err == nil {
				t.Errorf("Parse(%q): want an error, got ok=%v %+v", c.raw, ok, spec)
			} else if strings.Contains(err.Error(), ":p@") || strings.Contains(err.Error(), "s3cret") {
				t.Errorf("Parse(%q): the error shows the password: %v", c.raw, err)
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
		if c.t.user != "" {
			got, _, _ := parseURL(c.raw)
			if got != c.t {
				t.Errorf("parseURL(%q) = %+v\nwant %+v", c.raw, got, c.t)
			}
		}
	}
}

// The registry routes mysql:// and mariadb:// here and turns parse errors
// into ErrMalformed (exit code 2) without the password.
func TestRegistered(t *testing.T) {
	for _, raw := range []string{"mysql://u@h/db", "mariadb://u@h/db"} {
		spec, err := connectors.Parse(raw)
		if err != nil || spec.Kind != "mysql" {
			t.Errorf("connectors.Parse(%s) = %+v, %v", raw, spec, err)
		}
	}
	_, err := connectors.Parse("mysql://u:hunter22@h/db?x=1")
	if !errors.Is(err, connectors.ErrMalformed) || strings.Contains(err.Error(), "hunter22") {
		t.Fatalf("connectors.Parse(bad) = %v, want ErrMalformed without the password", err)
	}
}

// The driver configuration, as the driver itself would print it.
func TestDriverConfig(t *testing.T) {
	tg, _, _ := parseURL("mysql://auditor:pw@10.0.0.5:3307/padr%C3%B3n?tls=skip-verify")
	cfg := driverConfig(tg, "pw", withDefaults(connectors.Options{}))
	got := cfg.FormatDSN()
	want := "auditor:pw@tcp(10.0.0.5:3307)/padr%C3%B3n?charset=utf8mb4,utf8" +
		"&connectionAttributes=program_name%3Aalcance&interpolateParams=true" +
		"&readTimeout=5m10s&timeout=10s&tls=skip-verify&writeTimeout=5m10s"
	if got != want {
		t.Errorf("DSN\n got %s\nwant %s", got, want)
	}
	if cfg.ParseTime || cfg.MultiStatements || cfg.AllowAllFiles || len(cfg.Params) != 0 {
		t.Errorf("unsafe or unexpected settings: %+v", cfg)
	}
	// Zero options take the defaults; set ones are kept.
	o := withDefaults(connectors.Options{MaxConns: 5, ConnectTimeout: time.Second, StatementTimeout: 200 * time.Millisecond})
	if o.MaxConns != 5 || o.ConnectTimeout != time.Second || o.StatementTimeout != 200*time.Millisecond {
		t.Errorf("withDefaults kept %+v", o)
	}
	d := withDefaults(connectors.Options{MaxConns: -1})
	if d.MaxConns != 2 || d.ConnectTimeout != 10*time.Second || d.StatementTimeout != 5*time.Minute {
		t.Errorf("withDefaults = %+v", d)
	}
}

// ---- flavours ----

func TestDetect(t *testing.T) {
	cases := []struct {
		version, comment string
		want             flavour
		v                [3]int
	}{
		{"10.11.19-MariaDB-0+deb12u1", "Debian 12", flavourMariaDB, [3]int{10, 11, 19}},
		{"5.5.5-10.3.39-MariaDB-log", "mariadb.org binary distribution", flavourMariaDB, [3]int{10, 3, 39}},
		{"11.4.2-MariaDB", "", flavourMariaDB, [3]int{11, 4, 2}},
		{"10.6.12", "MariaDB Server", flavourMariaDB, [3]int{10, 6, 12}}, // comment only
		{"8.0.36", "MySQL Community Server - GPL", flavourMySQL, [3]int{8, 0, 36}},
		{"5.7.44-log", "MySQL Community Server (GPL)", flavourMySQL, [3]int{5, 7, 44}},
		{"8.0.35-27", "Percona Server (GPL), Release 27", flavourMySQL, [3]int{8, 0, 35}},
		{"5.6.51", "", flavourMySQL, [3]int{5, 6, 51}},
		{"8.4", "", flavourMySQL, [3]int{8, 4, 0}},
		{"garbage", "", flavourMySQL, [3]int{}},
	}
	for _, c := range cases {
		s := detect(c.version, c.comment)
		if s.flavour != c.want || s.version != c.v || s.raw != c.version {
			t.Errorf("detect(%q, %q) = %v %v, want %v %v", c.version, c.comment, s.flavour, s.version, c.want, c.v)
		}
	}
	s := detect("5.7.8", "")
	if !s.atLeast(5, 7, 8) || s.atLeast(5, 7, 9) || !s.atLeast(5, 6, 99) || s.atLeast(8, 0, 0) {
		t.Errorf("atLeast is wrong for %v", s)
	}
}

func stmts(ss []setupStmt) []string {
	var out []string
	for _, s := range ss {
		q := s.sql
		if s.optional {
			q += " [optional]"
		}
		out = append(out, q)
	}
	return out
}

// Every statement each kind of server gets on a new connection.
func TestSessionSetup(t *testing.T) {
	const ro = "SET SESSION TRANSACTION READ ONLY"
	const lw = "SET SESSION lock_wait_timeout = 5"
	const ilw = "SET SESSION innodb_lock_wait_timeout = 5 [optional]"
	cases := []struct {
		version string
		timeout time.Duration
		want    []string
	}{
		{"10.11.6-MariaDB", 5 * time.Minute, []string{ro, "SET SESSION max_statement_time = 300", lw, ilw}},
		{"10.11.6-MariaDB", 200 * time.Millisecond, []string{ro, "SET SESSION max_statement_time = 0.2", lw, ilw}},
		{"10.11.6-MariaDB", 1500 * time.Microsecond, []string{ro, "SET SESSION max_statement_time = 0.0015", lw, ilw}},
		{"10.11.6-MariaDB", time.Nanosecond, []string{ro, "SET SESSION max_statement_time = 0.000001", lw, ilw}},
		{"10.11.6-MariaDB", 10 * 365 * 24 * time.Hour, []string{ro, "SET SESSION max_statement_time = 31536000", lw, ilw}},
		{"10.1.1-MariaDB", time.Minute, []string{ro, "SET SESSION max_statement_time = 60", lw, ilw}},
		{"10.0.38-MariaDB", time.Minute, []string{ro, lw, ilw}}, // no max_statement_time before 10.1.1
		{"5.5.68-MariaDB", time.Minute, []string{lw, ilw}},      // no read-only transactions before 10.0
		{"8.0.36", 5 * time.Minute, []string{ro, "SET SESSION max_execution_time = 300000", lw, ilw,
			"SET SESSION information_schema_stats_expiry = 0 [optional]"}},
		{"8.0.36", 200 * time.Millisecond, []string{ro, "SET SESSION max_execution_time = 200", lw, ilw,
			"SET SESSION information_schema_stats_expiry = 0 [optional]"}},
		{"8.0.36", 1500 * time.Microsecond, []string{ro, "SET SESSION max_execution_time = 2", lw, ilw, // rounded up
			"SET SESSION information_schema_stats_expiry = 0 [optional]"}},
		{"8.0.2", time.Second, []string{ro, "SET SESSION max_execution_time = 1000", lw, ilw}},
		{"5.7.8", time.Second, []string{ro, "SET SESSION max_execution_time = 1000", lw, ilw}},
		{"5.7.7", time.Second, []string{ro, lw, ilw}}, // pre-GA max_statement_time in ms: not used
		{"5.6.5", time.Second, []string{ro, lw, ilw}},
		{"5.6.4", time.Second, []string{lw, ilw}},
		{"5.5.3", time.Second, []string{lw, ilw}},
		{"5.1.73", time.Second, []string{ilw}},
	}
	for _, c := range cases {
		got := stmts(sessionSetup(detect(c.version, ""), c.timeout))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s, %v:\n got %q\nwant %q", c.version, c.timeout, got, c.want)
		}
		for _, q := range got {
			if strings.Contains(strings.ToUpper(q), "GLOBAL") {
				t.Errorf("%s: %q changes the server for everyone", c.version, q)
			}
		}
	}
	if got := timeoutSQL(detect("10.11.6-MariaDB", ""), 0); got != "" {
		t.Errorf("timeoutSQL(0) = %q", got)
	}
	if !detect("10.1.1-MariaDB", "").hasStatementTimeout() || detect("5.7.7", "").hasStatementTimeout() {
		t.Errorf("hasStatementTimeout")
	}
}

func TestCatalogSQL(t *testing.T) {
	maria, mysql8, mysql57, maria105 := detect("10.11.6-MariaDB", ""), detect("8.0.36", ""), detect("5.7.44", ""), detect("10.5.20-MariaDB", "")
	const tables = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_TYPE IN ("
	check := func(name, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
	q, args := listTablesSQL(maria, "padron", false)
	check("maria tables", q, tables+"'BASE TABLE', 'SYSTEM VERSIONED') AND TABLE_SCHEMA = ?")
	if !slices.Equal(args, []any{"padron"}) {
		t.Errorf("args = %v", args)
	}
	q, args = listTablesSQL(maria, "", true)
	check("maria tables, all, views", q, tables+"'BASE TABLE', 'SYSTEM VERSIONED', 'VIEW')")
	if args != nil {
		t.Errorf("args = %v", args)
	}
	q, _ = listTablesSQL(mysql8, "padron", true)
	check("mysql tables, views", q, tables+"'BASE TABLE', 'VIEW') AND TABLE_SCHEMA = ?")
	q, _ = listTablesSQL(mysql57, "", false)
	check("mysql tables, all", q, tables+"'BASE TABLE')")

	q, args = listColumnsSQL("x")
	check("columns", q, "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY ORDINAL_POSITION")
	if !slices.Equal(args, []any{"x"}) {
		t.Errorf("args = %v", args)
	}
	q, _ = listColumnsSQL("")
	check("columns, all", q, "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS ORDER BY ORDINAL_POSITION")

	const checks = "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CHECK_CLAUSE LIKE 'json\\_valid(%'"
	q, _ = jsonChecksSQL(maria, "x")
	check("maria json", q, checks+" AND CONSTRAINT_SCHEMA = ?")
	q, _ = jsonChecksSQL(maria105, "")
	check("maria json, all", q, checks)
	for _, s := range []server{mysql8, mysql57, detect("10.2.21-MariaDB", "")} {
		if q, _ := jsonChecksSQL(s, "x"); q != "" {
			t.Errorf("%v: json checks %q, want none", s, q)
		}
	}

	const keys = "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME" +
		" FROM information_schema.KEY_COLUMN_USAGE WHERE (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)"
	const keysOrder = " ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION"
	q, args = declaredKeysSQL("x")
	check("declared keys", q, keys+" AND TABLE_SCHEMA = ?"+keysOrder)
	if !slices.Equal(args, []any{"x"}) {
		t.Errorf("args = %v", args)
	}
	q, args = declaredKeysSQL("")
	check("declared keys, all", q, keys+keysOrder)
	if args != nil {
		t.Errorf("args = %v", args)
	}

	const key = "SELECT INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0"
	check("maria 10.11 key", keySQL(maria), key+" AND IGNORED = 'NO'")
	check("maria 10.5 key", keySQL(maria105), key)
	check("mysql 8 key", keySQL(mysql8), key+" AND IS_VISIBLE = 'YES'")
	check("mysql 5.7 key", keySQL(mysql57), key)
	check("key columns", keyColumnsSQL(), "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")
	check("table stats", tableStatsSQL(), "SELECT TABLE_ROWS, AVG_ROW_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")
	check("table columns", tableColumnsSQL(), "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")
}

// Identifiers are backquoted with backquotes doubled; nothing else in a
// name needs escaping inside backquotes.
func TestQuoting(t *testing.T) {
	cases := map[string]string{
		"padron":      "`padron`",
		"we`ird":      "`we``ird`",
		"`":           "````",
		`it's "x"`:    "`it's \"x\"`",
		"with space":  "`with space`",
		"select":      "`select`",
		"año":         "`año`",
		"a\\b":        "`a\\b`",
		"x`; DROP y;": "`x``; DROP y;`",
	}
	for in, want := range cases {
		if got := quoteIdent(in); got != want {
			t.Errorf("quoteIdent(%q) = %s, want %s", in, got, want)
		}
	}
	if got := qualified("d`b", "order"); got != "`d``b`.`order`" {
		t.Errorf("qualified = %s", got)
	}
	from := qualified("db", "t")
	cond := (&span{key: "i`d", lo: uint64(1<<64 - 5), hi: 10, hasLo: true, hasHi: true}).cond()
	for got, want := range map[string]string{
		headSQL(from, "", 10001):  "SELECT COUNT(*) FROM (SELECT 1 FROM `db`.`t` LIMIT 10001) AS alcance_head",
		headSQL(from, cond, 11):   "SELECT COUNT(*) FROM (SELECT 1 FROM `db`.`t` WHERE `i``d` >= -5 AND `i``d` < 10 LIMIT 11) AS alcance_head",
		countSQL(from, ""):        "SELECT COUNT(*) FROM `db`.`t`",
		countSQL(from, cond):      "SELECT COUNT(*) FROM `db`.`t` WHERE `i``d` >= -5 AND `i``d` < 10",
		rangeSQL(from, "i`d", ""): "SELECT MIN(`i``d`), MAX(`i``d`) FROM `db`.`t`",
		rangeSQL(from, "x", cond): "SELECT MIN(`x`), MAX(`x`) FROM `db`.`t` WHERE `i``d` >= -5 AND `i``d` < 10",
		probeSQL("`a`, `b`", from, "id", []string{"-5", "18446744073709551615"}, ""): "SELECT `a`, `b` FROM `db`.`t` WHERE `id` IN (-5,18446744073709551615)",
		probeSQL("`a`", from, "id", []string{"1"}, cond):                             "SELECT `a` FROM `db`.`t` WHERE `i``d` >= -5 AND `i``d` < 10 AND `id` IN (1)",
		bernoulliSQL("`a`", from, "", 0.0125, 42):                                    "SELECT `a` FROM `db`.`t` WHERE RAND(42) < 0.0125",
		bernoulliSQL("`a`", from, "", 1, 42):                                         "SELECT `a` FROM `db`.`t`",
		bernoulliSQL("`a`", from, "", 1e-7, 7):                                       "SELECT `a` FROM `db`.`t` WHERE RAND(7) < 0.0000001",
		bernoulliSQL("`a`", from, cond, 0.5, 7):                                      "SELECT `a` FROM `db`.`t` WHERE `i``d` >= -5 AND `i``d` < 10 AND RAND(7) < 0.5",
		bernoulliSQL("`a`", from, cond, 1, 7):                                        "SELECT `a` FROM `db`.`t` WHERE `i``d` >= -5 AND `i``d` < 10",
		readSQL("`a`", from, "", 0):                                                  "SELECT `a` FROM `db`.`t` LIMIT 0, 18446744073709551615",
		readSQL("`a`", from, cond, 7):                                                "SELECT `a` FROM `db`.`t` WHERE `i``d` >= -5 AND `i``d` < 10 LIMIT 7, 18446744073709551615",
		keysetSQL("`a`", from, "i`d", "", "", 1000):                                  "SELECT `a`, `i``d` FROM `db`.`t` ORDER BY `i``d` LIMIT 1000",
		keysetSQL("`a`", from, "i`d", cond, "-3", 1000):                              "SELECT `a`, `i``d` FROM `db`.`t` WHERE `i``d` >= -5 AND `i``d` < 10 AND `i``d` > -3 ORDER BY `i``d` LIMIT 1000",
		boundarySQL(from, "k", "", 250000):                                           "SELECT `k` FROM `db`.`t` ORDER BY `k` LIMIT 250000, 1",
		boundarySQL(from, "k", "`k` >= 7", 10):                                       "SELECT `k` FROM `db`.`t` WHERE `k` >= 7 ORDER BY `k` LIMIT 10, 1",
	} {
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
}

func TestKindOf(t *testing.T) {
	cases := map[string]connectors.Kind{
		"char": connectors.KindText, "varchar": connectors.KindText, "tinytext": connectors.KindText,
		"text": connectors.KindText, "mediumtext": connectors.KindText, "longtext": connectors.KindText,
		"enum": connectors.KindText, "set": connectors.KindText, "VARCHAR": connectors.KindText,
		"tinyint": connectors.KindInteger, "smallint": connectors.KindInteger, "mediumint": connectors.KindInteger,
		"int": connectors.KindInteger, "bigint": connectors.KindInteger, "year": connectors.KindInteger, "bit": connectors.KindInteger,
		"decimal": connectors.KindDecimal, "float": connectors.KindDecimal, "double": connectors.KindDecimal,
		"date": connectors.KindDate, "datetime": connectors.KindTimestamp, "timestamp": connectors.KindTimestamp,
		"json":   connectors.KindJSON,
		"binary": connectors.KindBinary, "varbinary": connectors.KindBinary, "blob": connectors.KindBinary,
		"tinyblob": connectors.KindBinary, "mediumblob": connectors.KindBinary, "longblob": connectors.KindBinary,
		"geometry": connectors.KindBinary, "point": connectors.KindBinary, "geomcollection": connectors.KindBinary,
		"time": connectors.KindOther, "uuid": connectors.KindOther, "inet6": connectors.KindOther, "": connectors.KindOther,
	}
	for dt, want := range cases {
		if got := kindOf(dt); got != want {
			t.Errorf("kindOf(%q) = %v, want %v", dt, got, want)
		}
	}
}

func TestRender(t *testing.T) {
	cases := []struct {
		v    any
		mode renderMode
		want string
	}{
		{nil, renderPlain, ""},
		{nil, renderTemporal, ""},
		{int64(-42), renderPlain, "-42"},
		{uint64(18446744073709551615), renderPlain, "18446744073709551615"},
		{float32(0.1), renderPlain, "0.1"},
		{float32(1e20), renderPlain, "100000000000000000000"},
		{float64(-0.5), renderPlain, "-0.5"},
		{[]byte("1234.50"), renderPlain, "1234.50"}, // DECIMAL: the server's text
		{[]byte("MUÑOZ     "), renderPlain, "MUÑOZ"},
		{[]byte("MU\xd1OZ"), renderPlain, "MUÑOZ"}, // not UTF-8: Windows-1252
		{[]byte("MUÃ‘OZ"), renderPlain, "MUÃ‘OZ"},  // mojibake is left to the detectors
		{[]byte("1985-07-23"), renderTemporal, "1985-07-23"},
		{[]byte("2020-01-02 03:04:05"), renderTemporal, "2020-01-02 03:04:05"},
		{[]byte("2020-01-02 03:04:05.678000"), renderTemporal, "2020-01-02 03:04:05"},
		{[]byte("2021-03-04 00:00:00"), renderTemporal, "2021-03-04"},
		{[]byte("0000-00-00"), renderTemporal, ""},
		{[]byte("0000-00-00 00:00:00"), renderTemporal, ""},
		{[]byte("1985-00-00"), renderTemporal, "1985-00-00"},
		{[]byte("1985-07-00 00:00:00"), renderTemporal, "1985-07-00 00:00:00"},
		{[]byte{0x01}, renderBit, "1"},
		{[]byte{0x01, 0x00}, renderBit, "256"},
		{[]byte{}, renderBit, "0"},
	}
	for _, c := range cases {
		if got := render(c.v, c.mode); got != c.want {
			t.Errorf("render(%#v, %d) = %q, want %q", c.v, c.mode, got, c.want)
		}
	}
}

// ---- errors ----

func TestScrub(t *testing.T) {
	const pw = "Tr0ub4dor&3"
	err := fmt.Errorf("dial: %s@tcp(h)/x: %w", "u:"+pw, context.DeadlineExceeded)
	s := scrub(err, pw)
	if strings.Contains(s.Error(), pw) || !strings.Contains(s.Error(), "u:xxxxx@tcp") {
		t.Errorf("scrub = %q", s)
	}
	if !errors.Is(s, context.DeadlineExceeded) {
		t.Errorf("scrub lost the context error")
	}
	clean := errors.New("nothing secret")
	if scrub(clean, pw) != clean || scrub(err, "") != err || scrub(err, "abc") != err {
		t.Errorf("scrub changed an error it had no reason to")
	}
}

func TestDescribe(t *testing.T) {
	cases := []struct {
		n    uint16
		want string
	}{
		{erTableAccessDenied, "permission denied: Error 1142"},
		{erColumnAccessDenied, "permission denied: Error 1143"},
		{erStatementTimeoutMaria, "timed out after 200ms (statement timeout): Error 1969"},
		{erStatementTimeoutMySQL, "timed out after 200ms (statement timeout): Error 3024"},
		{erViewInvalid, "the view cannot be read"},
		{erLockWaitTimeout, "gave up waiting 5s for a lock"},
		{erNoSuchTable, "no such table: Error 1146"},
	}
	for _, c := range cases {
		err := describe(&mysql.MySQLError{Number: c.n, Message: "server says"}, 200*time.Millisecond)
		if !strings.HasPrefix(err.Error(), c.want) || !strings.Contains(err.Error(), "server says") {
			t.Errorf("describe(%d) = %v, want prefix %q", c.n, err, c.want)
		}
	}
}

// What a user is told when a connection cannot be made (the live tests
// provoke the refused port, the silent listener, the wrong password and
// the missing database; the others are made up here, since a test must
// never dial anything but loopback).
func TestConnectError(t *testing.T) {
	tg := target{user: "auditor", host: "db.example.mx", port: "3306", db: "padron"}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}
	cases := []struct {
		err      error
		timedOut bool
		want     string
	}{
		{&mysql.MySQLError{Number: 1045, Message: "Access denied for user"}, false, "access denied: check the user name and the password (from the URL, --password-file or MYSQL_PWD): Error 1045: Access denied"},
		{&mysql.MySQLError{Number: 1044, Message: "Access denied for user to database"}, false, `user "auditor" may not use database "padron": Error 1044`},
		{&mysql.MySQLError{Number: 1049, Message: "Unknown database 'padron'"}, false, `database "padron" does not exist on db.example.mx:3306 (or this user cannot see it): Error 1049`},
		{&mysql.MySQLError{Number: 1040, Message: "Too many connections"}, false, "the server has no free connections; try again later: Error 1040"},
		{&mysql.MySQLError{Number: 1130, Message: "Host 'x' is not allowed to connect"}, false, "the server refuses connections from this machine: Error 1130"},
		{refused, false, "cannot reach db.example.mx:3306: connection refused (is the server running, and is the port right?)"},
		{&net.DNSError{Err: "no such host", Name: "db.example.mx", IsNotFound: true}, false, `cannot resolve host "db.example.mx": lookup db.example.mx: no such host`},
		{mysql.ErrInvalidConn, true, "no answer from db.example.mx:3306 within 1s (connect timeout)"},
		{&net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}, false, "no answer from db.example.mx:3306 within 1s (connect timeout)"},
		{mysql.ErrInvalidConn, false, "db.example.mx:3306 did not answer as a MySQL or MariaDB server: invalid connection"},
		{errors.New("something else"), false, "connecting to db.example.mx:3306: something else"},
	}
	for _, c := range cases {
		got := connectError(c.err, tg, time.Second, c.timedOut)
		if !strings.HasPrefix(got.Error(), c.want) {
			t.Errorf("connectError(%v) = %q\nwant prefix %q", c.err, got, c.want)
		}
	}
	if err := connectError(mysql.ErrInvalidConn, tg, time.Second, true); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a connect timeout is not a DeadlineExceeded: %v", err)
	}
}
