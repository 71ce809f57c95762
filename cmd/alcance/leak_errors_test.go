package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/internal/testdb"
)

// TestNoValueLeavesThroughServerErrors is TestNoCompleteValueLeaves for
// values a server quotes in its error messages. Each source holds a table
// of (synthetic) people and views that make the server fail on a row's
// value: a CURP cast to integer, a name cast to date, a function that
// raises an error quoting its argument, a JSON path built from a CURP. The
// views are scanned (--include-views) into every output; no value of the
// table may appear in any of them, and each view must be listed as failed,
// by name.
func TestNoValueLeavesThroughServerErrors(t *testing.T) {
	people := hostilePeople()
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "hostil.db")
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		mustExec(t, db, `CREATE TABLE personas (curp TEXT, nombre TEXT)`)
		for _, p := range people {
			mustExec(t, db, `INSERT INTO personas VALUES (?, ?)`, p[0], p[1])
		}
		mustExec(t, db, `CREATE VIEW v_json_curp AS SELECT json_extract('{}', '$' || curp) AS x FROM personas`)
		mustExec(t, db, `CREATE VIEW v_json_nombre AS SELECT json_extract('{}', nombre) AS x FROM personas`)
		checkNoLeak(t, path, people, []string{"v_json_curp", "v_json_nombre"})
	})
	t.Run("postgres", func(t *testing.T) {
		u := testdb.Postgres(t, "alcance_cli_leak")
		db, err := sql.Open("pgx", u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		mustExec(t, db, `CREATE TABLE personas (curp text, nombre text)`)
		for _, p := range people {
			mustExec(t, db, `INSERT INTO personas VALUES ($1, $2)`, p[0], p[1])
		}
		for _, q := range []string{
			`CREATE VIEW v_curp_int AS SELECT curp::int AS x FROM personas`,
			`CREATE VIEW v_nombre_fecha AS SELECT nombre::date AS x FROM personas`,
			`CREATE VIEW v_nombre_json AS SELECT nombre::json AS x FROM personas`,
			`CREATE VIEW v_rango AS SELECT ('1' || regexp_replace(curp, '\D', '', 'g') || '9999999999')::int AS x FROM personas`,
			`CREATE FUNCTION acusa(v text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'registro % invalido', v; END $$`,
			`CREATE VIEW v_raise AS SELECT acusa(curp) AS x FROM personas`,
			`CREATE FUNCTION acusa_22(v text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = v; END $$`,
			`CREATE VIEW v_raise_22 AS SELECT acusa_22(nombre) AS x FROM personas`,
		} {
			mustExec(t, db, q)
		}
		checkNoLeak(t, u, people, []string{"v_curp_int", "v_nombre_fecha", "v_nombre_json", "v_rango", "v_raise", "v_raise_22"})
	})
	t.Run("mariadb", func(t *testing.T) {
		u := testdb.MySQL(t, "alcance_cli_leak")
		db, err := sql.Open("mysql", testdb.MySQLDriverDSN(t, u))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		mustExec(t, db, `CREATE TABLE personas (curp varchar(18), nombre varchar(60))`)
		for _, p := range people {
			mustExec(t, db, `INSERT INTO personas VALUES (?, ?)`, p[0], p[1])
		}
		// In strict mode a stored function's assignment fails on a value
		// that does not convert, quoting it; SIGNAL says what it is told.
		for _, q := range []string{
			"CREATE FUNCTION a_entero(v varchar(60)) RETURNS int DETERMINISTIC BEGIN DECLARE r int; SET r = v; RETURN r; END",
			"CREATE FUNCTION a_fecha(v varchar(60)) RETURNS date DETERMINISTIC BEGIN DECLARE r date; SET r = v; RETURN r; END",
			"CREATE FUNCTION acusa(v varchar(60)) RETURNS int DETERMINISTIC BEGIN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v; RETURN 0; END",
			"CREATE VIEW v_curp_int AS SELECT a_entero(curp) AS x FROM personas",
			"CREATE VIEW v_nombre_fecha AS SELECT a_fecha(nombre) AS x FROM personas",
			"CREATE VIEW v_signal AS SELECT acusa(curp) AS x FROM personas",
		} {
			mustExec(t, db, q)
		}
		checkNoLeak(t, u, people, []string{"v_curp_int", "v_nombre_fecha", "v_signal"})
	})
}

// hostilePeople are synthetic (CURP-shaped, name) pairs; some names hold
// the quote characters servers quote values with.
func hostilePeople() [][2]string {
	first := []string{"MARIA GUADALUPE", "JOSE LUIS", "ROSA ELENA", "JUAN \"EL GUERO\"", "ANA SOFIA"}
	last := []string{"HERNANDEZ LOPEZ", "O'FARRILL RUIZ", "GARCIA MARTINEZ", "D'ARTOIS PENA"}
	var out [][2]string
	for i := range 20 {
		c := fmt.Sprintf("%c%cMC%02d%02d%02dHDFRRL%02d", 'A'+i%26, 'E'+i%7, 60+i, 1+i%12, 1+i%28, i)
		out = append(out, [2]string{c, first[i%len(first)] + " " + last[i%len(last)]})
	}
	return out
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// checkNoLeak scans src with views into every format, on stdout and in
// files, with progress on stderr, and checks that no value of people
// appears in any of it and that every view in failing is reported failed.
func checkNoLeak(t *testing.T, src string, people [][2]string, failing []string) {
	t.Helper()
	dir := t.TempDir()
	var all strings.Builder
	files := []string{"r.json", "r.html", "r.md", "r.csv"}
	for _, format := range []string{"table", "json", "md", "csv"} {
		args := []string{"scan", "--include-views", "--format", format, "--sample-rows", "50"}
		for _, f := range files {
			args = append(args, "-o", filepath.Join(dir, format+"-"+f))
		}
		code, stdout, stderr := runCLI(append(args, src)...)
		if code != exitOK {
			t.Fatalf("--format %s: exit %d\n%s", format, code, stderr)
		}
		all.WriteString(stdout)
		all.WriteString(stderr)
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(dir, format+"-"+f))
			if err != nil {
				t.Fatal(err)
			}
			all.Write(b)
		}
	}
	out := all.String()
	for _, p := range people {
		for _, v := range p {
			if strings.Contains(out, v) {
				t.Errorf("a value from the source appears in the output: %q", v)
			}
		}
		// Names are quoted with their parts too: no surname may leak.
		for _, part := range strings.Fields(p[1]) {
			if len(part) >= 8 && strings.Contains(out, part) {
				t.Errorf("part of a name appears in the output: %q", part)
			}
		}
	}
	_, _, stderr := runCLI("scan", "--include-views", "--quiet", src)
	for _, v := range failing {
		if !strings.Contains(stderr, v) {
			t.Errorf("view %s is not reported as failed; stderr:\n%s", v, stderr)
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("stderr of a scan:\n%s", stderr)
	}
}
