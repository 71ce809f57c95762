package mysql

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/testdb"
)

func TestParseGrants(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		db    string
		whole bool
		every bool
	}{
		{"root", []string{"GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"}, "app", true, true},
		{"MySQL 8 global list", []string{"GRANT SELECT, INSERT, UPDATE ON *.* TO `u`@`%`"}, "app", true, true},
		{"database grant", []string{"GRANT USAGE ON *.* TO `u`@`%`", "GRANT SELECT, SHOW VIEW ON `app`.* TO `u`@`%`"}, "app", true, false},
		{"another database", []string{"GRANT USAGE ON *.* TO `u`@`%`", "GRANT SELECT ON `other`.* TO `u`@`%`"}, "app", false, false},
		{"tables only", []string{
			"GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED BY PASSWORD '*CE65'",
			"GRANT SELECT (`id`) ON `app`.`t2` TO `u`@`%`",
			"GRANT SELECT ON `app`.`t1` TO `u`@`%`"}, "app", false, false},
		{"INSERT on the database", []string{"GRANT INSERT ON `app`.* TO `u`@`%`"}, "app", false, false},
		{"pattern", []string{"GRANT SELECT ON `app\\_%`.* TO `u`@`%`"}, "app_2024", true, false},
		{"escaped underscore is literal", []string{"GRANT SELECT ON `app\\_x`.* TO `u`@`%`"}, "appzx", false, false},
		{"unescaped underscore is a wildcard", []string{"GRANT SELECT ON `app_x`.* TO `u`@`%`"}, "appzx", true, false},
		{"quoted name with a backtick and ' ON '", []string{"GRANT SELECT ON `a``b ON c`.* TO `u`@`%`"}, "a`b ON c", true, false},
		{"a column named like a keyword", []string{"GRANT SELECT (` ON `) ON `app`.`t` TO `u`@`%`"}, "app", false, false},
		{"partial revoke", []string{"GRANT SELECT ON *.* TO `u`@`%`", "REVOKE SELECT ON `app`.* FROM `u`@`%`"}, "app", false, false},
		{"partial revoke elsewhere", []string{"GRANT SELECT ON *.* TO `u`@`%`", "REVOKE SELECT ON `mysql`.* FROM `u`@`%`"}, "app", true, false},
		{"MariaDB role expanded", []string{
			"GRANT `lectores` TO `u`@`%`", "GRANT USAGE ON *.* TO `u`@`%`",
			"GRANT USAGE ON *.* TO `lectores`", "GRANT SELECT ON `app`.* TO `lectores`"}, "app", true, false},
		{"routine", []string{"GRANT EXECUTE ON PROCEDURE `app`.`p` TO `u`@`%`"}, "app", false, false},
		{"nothing", nil, "app", false, false},
	}
	for _, c := range cases {
		g := parseGrants(c.lines)
		if got := g.wholeDatabase(c.db); got != c.whole {
			t.Errorf("%s: wholeDatabase(%q) = %v, want %v (%+v)", c.name, c.db, got, c.whole, g)
		}
		if got := g.everyDatabase(); got != c.every {
			t.Errorf("%s: everyDatabase = %v, want %v", c.name, got, c.every)
		}
	}
	if !parseGrants([]string{"GRANT `r`@`%` TO `u`@`%`"}).roles {
		t.Error("a role grant is not noticed")
	}
}

func TestLikeMatch(t *testing.T) {
	cases := []struct {
		p, s string
		want bool
	}{
		{"app", "app", true}, {"app", "App", false}, {"app", "apps", false},
		{"app%", "app", true}, {"app%", "app_2024", true}, {"%", "", true},
		{"a_p", "aXp", true}, {"a_p", "ap", false}, {`a\_p`, "a_p", true}, {`a\_p`, "aXp", false},
		{`a\%`, "a%", true}, {`a\%`, "ab", false}, {"%_x", "x", false}, {"%_x", "ax", true},
		{"ñ_", "ñé", true},
	}
	for _, c := range cases {
		if got := likeMatch(c.p, c.s); got != c.want {
			t.Errorf("likeMatch(%q, %q) = %v", c.p, c.s, got)
		}
	}
}

func TestShowGrantsUsing(t *testing.T) {
	for _, c := range []struct {
		active, want string
		ok           bool
	}{
		{"`r1`@`%`,`r2`@`%`", "SHOW GRANTS FOR CURRENT_USER() USING `r1`@`%`,`r2`@`%`", true},
		{"NONE", "", false}, {"", "", false},
	} {
		q, ok := showGrantsUsing(c.active)
		if q != c.want || ok != c.ok {
			t.Errorf("showGrantsUsing(%q) = %q, %v", c.active, q, ok)
		}
	}
}

// Issue 11, point 3, on MariaDB: a user with SELECT on 2 of 10 tables
// lists 2 tables and is warned; a user with SELECT on the database, or
// through a role, is not.
func TestWarningsPartialGrants(t *testing.T) {
	const db = "alcance_myconn_vis"
	var stmts []string
	for i := 1; i <= 10; i++ {
		stmts = append(stmts, fmt.Sprintf("CREATE TABLE t%d (id INT PRIMARY KEY)", i))
	}
	u := makeDB(t, db, stmts...)
	createUser(t, "alcance_myconn_vis2", "Vis#Pass1",
		"GRANT SELECT ON "+db+".t1 TO $USER", "GRANT SELECT ON "+db+".t2 TO $USER")
	createUser(t, "alcance_myconn_visall", "Vis#Pass1", "GRANT SELECT ON "+db+".* TO $USER")

	s := open(t, withUser(t, u, "alcance_myconn_vis2", "Vis#Pass1"), connectors.Options{})
	tables, err := s.Tables(bg)
	if err != nil || len(tables) != 2 {
		t.Fatalf("the partial user lists %d tables, %v; want 2", len(tables), err)
	}
	w, err := s.Warnings(bg)
	if err != nil || len(w) != 1 || !strings.Contains(w[0], "this user does not hold SELECT on the whole of database "+db) ||
		!strings.Contains(w[0], "tables may be missing from this scan") {
		t.Fatalf("partial user: warnings %q, %v", w, err)
	}
	t.Logf("warning: %s", w[0])

	s = open(t, withUser(t, u, "alcance_myconn_visall", "Vis#Pass1"), connectors.Options{})
	if w, err := s.Warnings(bg); err != nil || len(w) != 0 {
		t.Fatalf("database-wide user: warnings %q, %v", w, err)
	}
	if w, err := open(t, u, connectors.Options{}).Warnings(bg); err != nil || len(w) != 0 {
		t.Fatalf("admin: warnings %q, %v", w, err)
	}

	// Through a default role (MariaDB expands it in SHOW GRANTS).
	admin := adminConn(t, testdb.MySQLAdmin(t))
	run(t, admin, "DROP ROLE IF EXISTS alcance_myconn_visrole", "CREATE ROLE alcance_myconn_visrole",
		"GRANT SELECT ON "+db+".* TO alcance_myconn_visrole")
	t.Cleanup(func() { admin.Exec("DROP ROLE IF EXISTS alcance_myconn_visrole") })
	createUser(t, "alcance_myconn_visr", "Vis#Pass1", "GRANT alcance_myconn_visrole TO $USER",
		"SET DEFAULT ROLE alcance_myconn_visrole FOR $USER")
	s = open(t, withUser(t, u, "alcance_myconn_visr", "Vis#Pass1"), connectors.Options{})
	tables, _ = s.Tables(bg)
	w, err = s.Warnings(bg)
	if err != nil || len(w) != 0 || len(tables) != 10 {
		t.Fatalf("role user: %d tables, warnings %q, %v", len(tables), w, err)
	}

	// Every database the user can see (no database in the URL).
	s = open(t, withUser(t, withDB(t, u, ""), "alcance_myconn_visall", "Vis#Pass1"), connectors.Options{})
	w, err = s.Warnings(bg)
	if err != nil || len(w) != 1 || !strings.Contains(w[0], "does not hold SELECT on every database") {
		t.Fatalf("all databases: warnings %q, %v", w, err)
	}
}
