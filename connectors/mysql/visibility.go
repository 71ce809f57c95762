package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
)

var _ connectors.Warner = (*source)(nil)

// Warnings says when this user may not see every table (connectors.Warner).
//
// MariaDB and MySQL show a user only the databases and tables it holds
// some privilege on: a user granted SELECT on 2 tables of 10 lists 2
// tables, and nothing says 8 are missing. The user sees every table of a
// database when it holds SELECT on the whole database (ON db.*, or a
// pattern matching it) or on every database (ON *.*): SHOW GRANTS says so,
// for the user and for its active roles (which information_schema's
// privilege tables leave out on MariaDB). A partial revoke (MySQL 8) of
// SELECT on the database takes it away again.
func (s *source) Warnings(ctx context.Context) ([]string, error) {
	lines, err := s.grants(ctx)
	if err != nil {
		return nil, fmt.Errorf("checking whether this user may read every table of %s: %w", s.info.Location, scrub(describe(err, s.opts.StatementTimeout), s.pass))
	}
	g := parseGrants(lines)
	if db := s.t.db; db != "" {
		if g.wholeDatabase(db) {
			return nil, nil
		}
		return []string{fmt.Sprintf("this user does not hold SELECT on the whole of database %s (SHOW GRANTS has no SELECT on %s.* nor on *.*): %s hides from a user the tables it holds no privilege on, so tables may be missing from this scan; GRANT SELECT ON %s.* to scan them all",
			db, quoteIdent(db), s.srv().flavour, quoteIdent(db))}, nil
	}
	if g.everyDatabase() {
		return nil, nil
	}
	return []string{fmt.Sprintf("this user does not hold SELECT on every database (SHOW GRANTS has no SELECT on *.*): %s hides from a user the databases and tables it holds no privilege on, so some may be missing from this scan", s.srv().flavour)}, nil
}

// grants reads SHOW GRANTS for the current user. MariaDB includes the
// grants of the active role; MySQL 8 only names the roles granted, and
// shows their privileges with USING the active ones.
func (s *source) grants(ctx context.Context) ([]string, error) {
	lines, err := showGrants(ctx, s.db, "SHOW GRANTS")
	if err != nil || s.srv().flavour != flavourMySQL || !parseGrants(lines).roles {
		return lines, err
	}
	var active sql.NullString
	if err := s.db.QueryRowContext(ctx, "SELECT CURRENT_ROLE()").Scan(&active); err != nil {
		return lines, nil // a MySQL before 8.0: no roles to expand
	}
	if q, ok := showGrantsUsing(active.String); ok {
		if more, err := showGrants(ctx, s.db, q); err == nil {
			return more, nil
		}
	}
	return lines, nil
}

// showGrantsUsing is the statement that shows the current user's grants
// with those of its active roles, as CURRENT_ROLE() lists them (already
// quoted by the server: `r1`@`%`,`r2`@`%`), or ok false when none is active.
func showGrantsUsing(active string) (string, bool) {
	if active == "" || strings.EqualFold(active, "NONE") {
		return "", false
	}
	return "SHOW GRANTS FOR CURRENT_USER() USING " + active, true
}

func showGrants(ctx context.Context, q querier, stmt string) ([]string, error) {
	var lines []string
	err := eachRow(ctx, q, stmt, nil, func(r *sql.Rows) error {
		var l string
		if err := r.Scan(&l); err != nil {
			return err
		}
		lines = append(lines, l)
		return nil
	})
	return lines, err
}

// grantSet is what SHOW GRANTS says about reading whole databases.
type grantSet struct {
	global  bool     // SELECT (or ALL) ON *.*
	dbs     []string // database patterns granted SELECT (or ALL) ON db.*
	revoked []string // databases whose SELECT a partial revoke takes away
	roles   bool     // a role is granted (GRANT `r`@`%` TO ...)
}

// wholeDatabase says the grants give SELECT on every table of db.
func (g grantSet) wholeDatabase(db string) bool {
	for _, r := range g.revoked {
		if likeMatch(r, db) {
			return false
		}
	}
	if g.global {
		return true
	}
	for _, p := range g.dbs {
		if likeMatch(p, db) {
			return true
		}
	}
	return false
}

// everyDatabase says the grants give SELECT on every table of every
// database.
func (g grantSet) everyDatabase() bool { return g.global && len(g.revoked) == 0 }

// parseGrants reads SHOW GRANTS lines:
//
//	GRANT SELECT, INSERT ON `app`.* TO `u`@`%`
//	GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION
//	GRANT SELECT (`id`) ON `app`.`t` TO `u`@`%`
//	GRANT `role` TO `u`@`%`
//	REVOKE SELECT ON `mysql`.* FROM `u`@`%`
//
// Only the privilege list and the level matter; table, column and routine
// grants give no whole database.
func parseGrants(lines []string) grantSet {
	var g grantSet
	for _, l := range lines {
		verb, rest, ok := strings.Cut(l, " ")
		if !ok || (verb != "GRANT" && verb != "REVOKE") {
			continue
		}
		privs, rest, ok := cutOutside(rest, " ON ")
		if !ok {
			if verb == "GRANT" {
				g.roles = true // GRANT role TO user
			}
			continue
		}
		level, _, ok := cutOutside(rest, " TO ")
		if !ok {
			level, _, _ = cutOutside(rest, " FROM ")
		}
		if !readsAll(privs) {
			continue
		}
		db, table, ok := splitLevel(level)
		if !ok || table != "*" {
			continue
		}
		switch {
		case verb == "GRANT" && db == "*":
			g.global = true
		case verb == "GRANT":
			g.dbs = append(g.dbs, db)
		case db != "*":
			g.revoked = append(g.revoked, db)
		}
	}
	return g
}

// readsAll says a privilege list includes SELECT on whatever it is
// granted on: SELECT (not a column list), ALL or ALL PRIVILEGES.
func readsAll(privs string) bool {
	for _, p := range splitOutside(privs, ',') {
		switch strings.ToUpper(strings.TrimSpace(p)) {
		case "SELECT", "ALL", "ALL PRIVILEGES":
			return true
		}
	}
	return false
}

// splitLevel splits a privilege level (*.*, `db`.*, `db`.`t`, *) into its
// database and table, unquoted; ok is false for routine and proxy levels.
func splitLevel(level string) (db, table string, ok bool) {
	level = strings.TrimSpace(level)
	parts := splitOutside(level, '.')
	if len(parts) != 2 {
		return "", "", false
	}
	db, ok1 := unquote(parts[0])
	table, ok2 := unquote(parts[1])
	return db, table, ok1 && ok2
}

// unquote reads * or a backtick-quoted identifier (“ stands for `).
func unquote(s string) (string, bool) {
	if s == "*" {
		return s, true
	}
	if len(s) < 2 || s[0] != '`' || s[len(s)-1] != '`' {
		return "", false
	}
	return strings.ReplaceAll(s[1:len(s)-1], "``", "`"), true
}

// cutOutside is strings.Cut, ignoring sep inside backticks or parentheses.
func cutOutside(s, sep string) (before, after string, found bool) {
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '`':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], sep):
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

// splitOutside splits s at sep outside backticks and parentheses.
func splitOutside(s string, sep byte) []string {
	var out []string
	for {
		before, after, ok := cutOutside(s, string(sep))
		out = append(out, before)
		if !ok {
			return out
		}
		s = after
	}
}

// likeMatch matches a database name against a grant's database pattern,
// as the server does: % is any run of characters, _ any one, and \ makes
// the next character literal.
func likeMatch(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for i < len(p) {
			switch p[i] {
			case '%':
				for k := j; k <= len(t); k++ {
					if match(i+1, k) {
						return true
					}
				}
				return false
			case '_':
				if j >= len(t) {
					return false
				}
			case '\\':
				if i+1 < len(p) {
					i++
				}
				if j >= len(t) || t[j] != p[i] {
					return false
				}
			default:
				if j >= len(t) || t[j] != p[i] {
					return false
				}
			}
			i++
			j++
		}
		return j == len(t)
	}
	return match(0, 0)
}
