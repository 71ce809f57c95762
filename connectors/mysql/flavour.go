package mysql

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Where MariaDB and Oracle MySQL differ, the SQL is made here, by small
// pure functions of the detected server, so that every statement for both
// flavours is unit-tested (flavour_test.go) although only one of them runs
// on the test machines.
//
// The differences that matter to this package:
//
//   - statement timeout: MariaDB (10.1.1+) has max_statement_time, in
//     seconds with microsecond precision, for every statement; MySQL
//     (5.7.8+) has max_execution_time, in milliseconds, for top-level
//     read-only SELECTs only (which are all this package sends). MySQL
//     5.7.4-5.7.7 called it max_statement_time, in milliseconds: those
//     pre-GA versions get no timeout rather than a wrong one.
//   - read-only transactions: SET SESSION TRANSACTION READ ONLY and START
//     TRANSACTION READ ONLY exist from MariaDB 10.0 and MySQL 5.6.5.
//   - information_schema.TABLES: MariaDB lists system-versioned tables as
//     TABLE_TYPE 'SYSTEM VERSIONED' (and sequences as 'SEQUENCE', which
//     hold no rows of data); MySQL only has 'BASE TABLE'.
//   - information_schema.STATISTICS: an index the optimizer will not use
//     (MariaDB 10.6+ IGNORED = 'YES', MySQL 8.0+ IS_VISIBLE = 'NO') would
//     turn key probes into full scans, so it is not a sampling key.
//   - MySQL 8.0 caches TABLE_ROWS for information_schema_stats_expiry
//     (a day by default); the session sets it to 0 for fresh estimates.
//   - JSON: MySQL has a JSON type; MariaDB's JSON is LONGTEXT with a
//     json_valid() CHECK constraint, found in CHECK_CONSTRAINTS (10.2.22+).

// flavour is the kind of server.
type flavour int

const (
	flavourMySQL flavour = iota
	flavourMariaDB
)

func (f flavour) String() string {
	if f == flavourMariaDB {
		return "MariaDB"
	}
	return "MySQL"
}

// server is what the connector knows of the server it talks to.
type server struct {
	flavour flavour
	version [3]int // major, minor, patch
	raw     string // VERSION()
}

// detect tells the flavour and version from SELECT VERSION() and
// @@version_comment. MariaDB says so in one or the other ("10.11.6-MariaDB",
// "mariadb.org binary distribution"); a distribution may replace the
// comment ("Debian 12") but not the version suffix. Percona Server, Aurora
// MySQL and other MySQL forks are MySQL here.
func detect(version, comment string) server {
	s := server{raw: version}
	v := version
	if strings.Contains(strings.ToLower(version), "mariadb") || strings.Contains(strings.ToLower(comment), "mariadb") {
		s.flavour = flavourMariaDB
		// Replication and some proxies prefix MariaDB 10+ versions with
		// "5.5.5-" for old MySQL clients.
		v = strings.TrimPrefix(v, "5.5.5-")
	}
	for i := range s.version {
		j := 0
		for j < len(v) && v[j] >= '0' && v[j] <= '9' {
			j++
		}
		n, _ := strconv.Atoi(v[:j])
		s.version[i] = n
		v = v[j:]
		if !strings.HasPrefix(v, ".") {
			break
		}
		v = v[1:]
	}
	return s
}

// atLeast reports whether the server's version is at least major.minor.patch.
func (s server) atLeast(major, minor, patch int) bool {
	for i, w := range [3]int{major, minor, patch} {
		if s.version[i] != w {
			return s.version[i] > w
		}
	}
	return true
}

func (s server) String() string {
	return fmt.Sprintf("%s %d.%d.%d", s.flavour, s.version[0], s.version[1], s.version[2])
}

// readOnlyTx reports whether the server has read-only transactions.
func (s server) readOnlyTx() bool {
	if s.flavour == flavourMariaDB {
		return s.atLeast(10, 0, 0)
	}
	return s.atLeast(5, 6, 5)
}

// setupStmt is one statement run on every new connection. An optional one
// may fail with "unknown system variable" (a server built without InnoDB,
// say) without failing the connection.
type setupStmt struct {
	sql      string
	optional bool
}

// sessionSetup is what every new connection runs before it is used: see
// the package comment for why each statement is there.
func sessionSetup(s server, statementTimeout time.Duration) []setupStmt {
	var out []setupStmt
	if s.readOnlyTx() {
		out = append(out, setupStmt{sql: "SET SESSION TRANSACTION READ ONLY"})
	}
	if t := timeoutSQL(s, statementTimeout); t != "" {
		out = append(out, setupStmt{sql: t})
	}
	// lock_wait_timeout exists from MySQL 5.5.3 and MariaDB 5.5.
	if s.flavour == flavourMariaDB || s.atLeast(5, 5, 3) {
		out = append(out, setupStmt{sql: fmt.Sprintf("SET SESSION lock_wait_timeout = %d", lockWait)})
	}
	out = append(out, setupStmt{sql: fmt.Sprintf("SET SESSION innodb_lock_wait_timeout = %d", lockWait), optional: true})
	if s.flavour == flavourMySQL && s.atLeast(8, 0, 3) {
		out = append(out, setupStmt{sql: "SET SESSION information_schema_stats_expiry = 0", optional: true})
	}
	return out
}

// timeoutSQL sets the per-statement timeout, or is "" when the server has
// none (then only the caller's context bounds a statement).
func timeoutSQL(s server, d time.Duration) string {
	if d <= 0 {
		return ""
	}
	if s.flavour == flavourMariaDB {
		if !s.atLeast(10, 1, 1) {
			return ""
		}
		// Seconds, as a decimal with microsecond precision; the maximum
		// is a year.
		us := min(max(d.Microseconds(), 1), 31536000*1_000_000)
		return "SET SESSION max_statement_time = " + strconv.FormatFloat(float64(us)/1e6, 'f', -1, 64)
	}
	if !s.atLeast(5, 7, 8) {
		return ""
	}
	ms := max((d+time.Millisecond-1)/time.Millisecond, 1) // rounded up: 0 would mean none
	return "SET SESSION max_execution_time = " + strconv.FormatInt(int64(ms), 10)
}

// hasStatementTimeout reports whether timeoutSQL sets one.
func (s server) hasStatementTimeout() bool { return timeoutSQL(s, time.Second) != "" }

// listTablesSQL lists the tables (and views) of one database, or of every
// database when db is "" (system schemas are dropped by the caller, by
// exact name: information_schema compares names case-insensitively).
func listTablesSQL(s server, db string, views bool) (string, []any) {
	types := []string{"'BASE TABLE'"}
	if s.flavour == flavourMariaDB {
		types = append(types, "'SYSTEM VERSIONED'")
	}
	if views {
		types = append(types, "'VIEW'")
	}
	q := "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_TYPE IN (" +
		strings.Join(types, ", ") + ")"
	if db != "" {
		return q + " AND TABLE_SCHEMA = ?", []any{db}
	}
	return q, nil
}

// listColumnsSQL lists the columns of one database, or of all of them.
func listColumnsSQL(db string) (string, []any) {
	q := "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS"
	if db != "" {
		return q + " WHERE TABLE_SCHEMA = ? ORDER BY ORDINAL_POSITION", []any{db}
	}
	return q + " ORDER BY ORDINAL_POSITION", nil
}

// tableColumnsSQL lists the columns of one table.
func tableColumnsSQL() string {
	return "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION"
}

// jsonChecksSQL finds MariaDB's JSON columns: LONGTEXT with the column
// constraint json_valid(`col`). It is "" for MySQL, whose JSON columns say
// json in DATA_TYPE, and for MariaDB before CHECK_CONSTRAINTS (10.2.22).
func jsonChecksSQL(s server, db string) (string, []any) {
	if s.flavour != flavourMariaDB || !s.atLeast(10, 2, 22) {
		return "", nil
	}
	q := "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CHECK_CLAUSE LIKE 'json\\_valid(%'"
	if db != "" {
		return q + " AND CONSTRAINT_SCHEMA = ?", []any{db}
	}
	return q, nil
}

// declaredKeysSQL lists the columns of every primary key and foreign key
// of one database, or of all of them: the primary key is the constraint
// named PRIMARY (MySQL and MariaDB give it no other name, and no other
// constraint may take it), a foreign key is one with a referenced table,
// which may be in another database. Rows come in key order within each
// constraint.
func declaredKeysSQL(db string) (string, []any) {
	q := "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME" +
		" FROM information_schema.KEY_COLUMN_USAGE WHERE (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)"
	order := " ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION"
	if db != "" {
		return q + " AND TABLE_SCHEMA = ?" + order, []any{db}
	}
	return q + order, nil
}

// keySQL lists the unique indexes of a table with their columns, to find
// one usable for probing. MySQL 8's functional key parts have no column
// (NULL): such an index is not single-column. The columns' types come from
// keyColumnsSQL: joining two information_schema tables makes MariaDB fill
// COLUMNS for every table on the server (37 ms on an idle test server,
// against 1 ms for the two lookups).
func keySQL(s server) string {
	q := "SELECT INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0"
	switch {
	case s.flavour == flavourMariaDB && s.atLeast(10, 6, 0):
		q += " AND IGNORED = 'NO'"
	case s.flavour == flavourMySQL && s.atLeast(8, 0, 0):
		q += " AND IS_VISIBLE = 'YES'"
	}
	return q
}

// keyColumnsSQL reads the type and nullability of a table's columns.
func keyColumnsSQL() string {
	return "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
}

// tableStatsSQL reads one table's catalog row estimate and average row
// size (both NULL for a view).
func tableStatsSQL() string {
	return "SELECT TABLE_ROWS, AVG_ROW_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
}

// quoteIdent quotes an identifier: `x` with backquotes doubled. This is
// the same on both flavours, whatever sql_mode says (ANSI_QUOTES only adds
// double quotes as a second way).
func quoteIdent(s string) string {
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

// qualified is db.table as SQL text.
func qualified(schema, name string) string {
	if schema == "" {
		return quoteIdent(name)
	}
	return quoteIdent(schema) + "." + quoteIdent(name)
}

// where is " WHERE c1 AND c2 ..." for the conditions that are not "", or
// "" when none is.
func where(conds ...string) string {
	var c []string
	for _, x := range conds {
		if x != "" {
			c = append(c, x)
		}
	}
	if len(c) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c, " AND ")
}

// In the statements below, cond restricts a read to one part of a table
// (a key range, split.go), "" to none.

// headSQL counts a table's rows up to limit: cheap on a big table, exact on
// a small one. The derived table needs an alias on both flavours.
func headSQL(from, cond string, limit int64) string {
	return "SELECT COUNT(*) FROM (SELECT 1 FROM " + from + where(cond) + " LIMIT " + strconv.FormatInt(limit, 10) + ") AS alcance_head"
}

// countSQL counts a table's rows exactly.
func countSQL(from, cond string) string { return "SELECT COUNT(*) FROM " + from + where(cond) }

// rangeSQL reads the key's extremes: on a B-tree index both are one seek.
func rangeSQL(from, key, cond string) string {
	k := quoteIdent(key)
	return "SELECT MIN(" + k + "), MAX(" + k + ") FROM " + from + where(cond)
}

// probeSQL reads the rows whose key is in keys (decimal integers made by
// this package, never user text), in no particular order.
func probeSQL(list, from, key string, keys []string, cond string) string {
	return "SELECT " + list + " FROM " + from + where(cond, quoteIdent(key)+" IN ("+strings.Join(keys, ",")+")")
}

// bernoulliSQL reads each row with probability p, decided by the server's
// RAND(seed): the server still reads every row, but sends only about p of
// them. p >= 1 reads the whole table.
func bernoulliSQL(list, from, cond string, p float64, seed uint32) string {
	r := ""
	if p < 1 {
		r = "RAND(" + strconv.FormatUint(uint64(seed), 10) + ") < " + strconv.FormatFloat(p, 'f', -1, 64)
	}
	return "SELECT " + list + " FROM " + from + where(cond, r)
}

// readSQL reads list from every row of from after the first skip.
func readSQL(list, from, cond string, skip uint64) string {
	// LIMIT needs a row count: the largest there is, as MySQL documents.
	return "SELECT " + list + " FROM " + from + where(cond) + " LIMIT " + strconv.FormatUint(skip, 10) + ", 18446744073709551615"
}

// keysetSQL reads list and then the key of the first limit rows, by key,
// whose key is above after (when given, a decimal integer): one chunk of
// a read by a unique key, which the key's index answers in order, without
// sorting.
func keysetSQL(list, from, key, cond, after string, limit int) string {
	k := quoteIdent(key)
	a := ""
	if after != "" {
		a = k + " > " + after
	}
	return "SELECT " + list + ", " + k + " FROM " + from + where(cond, a) + " ORDER BY " + k + " LIMIT " + strconv.Itoa(limit)
}

// boundarySQL finds the key limit rows on, in key order, from the rows of
// cond: where a chunk of a read by a key that is not unique ends. The
// key's index answers it by stepping over limit entries.
func boundarySQL(from, key, cond string, limit int) string {
	k := quoteIdent(key)
	return "SELECT " + k + " FROM " + from + where(cond) + " ORDER BY " + k + " LIMIT " + strconv.Itoa(limit) + ", 1"
}
