package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/internal/testdb"
)

// stalledSource builds a table of people on a live server and returns a
// URL to it through a loopback proxy, which the test can make stall.
func stalledSource(t *testing.T, kind string) (string, *testdb.Proxy) {
	t.Helper()
	var u, driver, dsn string
	switch kind {
	case "postgres":
		u = testdb.Postgres(t, "alcance_cli_stall")
		driver, dsn = "pgx", u
	case "mariadb":
		u = testdb.MySQL(t, "alcance_cli_stall")
		driver, dsn = "mysql", testdb.MySQLDriverDSN(t, u)
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustExec(t, db, `CREATE TABLE personas (id int PRIMARY KEY, curp char(18), nombre varchar(60))`)
	const rows = 60_000
	for lo := 0; lo < rows; lo += 2000 {
		var b strings.Builder
		b.WriteString("INSERT INTO personas VALUES ")
		for i := lo; i < lo+2000; i++ {
			if i > lo {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "(%d, '%c%cMC%02d%02d%02dHDFRRL%02d', 'PERSONA %d')", i, 'A'+i%26, 'A'+i/26%26, 40+i%60, 1+i%12, 1+i%28, i%100, i)
		}
		mustExec(t, db, b.String())
	}
	if kind == "postgres" {
		mustExec(t, db, "ANALYZE personas")
	}
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	proxy := testdb.NewProxy(t, p.Host)
	p.Host = proxy.Addr()
	return p.String(), proxy
}

// A network that stops forwarding mid-scan, without closing anything: the
// scan ends within the statement timeout plus the grace of each wait, the
// table is listed as failed with a timeout, and nothing waits for the
// table timeout (30 minutes by default).
func TestStalledServerMidScan(t *testing.T) {
	for _, kind := range []string{"postgres", "mariadb"} {
		t.Run(kind, func(t *testing.T) {
			src, proxy := stalledSource(t, kind)
			// Past the handshake and the catalog, in the middle of the sample.
			proxy.StallAfter(96 << 10)
			start := time.Now()
			code, stdout, stderr := runCLI("scan", "--format", "json", "--sample-rows", "20000",
				"--statement-timeout", "2s", "--connect-timeout", "1s", src)
			el := time.Since(start)
			t.Logf("exit %d after %v; %d bytes came from the server\n%s", code, el.Round(time.Millisecond), proxy.ServerBytes(), stderr)
			if el > 20*time.Second {
				t.Errorf("the scan took %v on a stalled connection; the statement timeout is 2s, the grace 1s", el)
			}
			var rep struct {
				Sources []struct {
					Errors []struct{ Table, Error string }
				}
			}
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatalf("stdout is not a JSON report: %v", err)
			}
			if code != exitNothing || len(rep.Sources) != 1 || len(rep.Sources[0].Errors) == 0 {
				t.Fatalf("exit %d, errors %+v: want exit 1 with the table failed", code, rep.Sources)
			}
			if e := rep.Sources[0].Errors[0].Error; !strings.Contains(e, "timed out") && !strings.Contains(e, "stopped answering") {
				t.Errorf("the table's error does not say it timed out: %q", e)
			}
		})
	}
}

// --table-timeout bounds one table's whole work: a view slower than it
// fails with that timeout, the scan goes on.
func TestTableTimeout(t *testing.T) {
	u := testdb.Postgres(t, "alcance_cli_tabletimeout")
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustExec(t, db, `CREATE TABLE padron (curp char(18))`)
	mustExec(t, db, `INSERT INTO padron VALUES ('GOMC800101HDFRRL09')`)
	mustExec(t, db, `CREATE VIEW lenta AS SELECT pg_sleep(30)::text AS x`)
	start := time.Now()
	code, _, stderr := runCLI("scan", "--quiet", "--include-views", "--table-timeout", "1s", u)
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("the scan took %v with --table-timeout 1s", el)
	}
	if code != exitOK || !strings.Contains(stderr, "lenta") || !strings.Contains(stderr, "timed out after 1s") {
		t.Errorf("exit %d, want 0 with lenta timed out after 1s; stderr:\n%s", code, stderr)
	}
	for _, bad := range []string{"0", "-1s", "soon"} {
		if code, _, _ := runCLI("scan", "--table-timeout", bad, u); code != exitUsage {
			t.Errorf("--table-timeout %s: exit %d, want 2", bad, code)
		}
	}
}

// cutSource builds a table of people with valid, distinct CURPs on a live
// server and returns a URL to it through a loopback proxy, and how many
// distinct valid CURPs it holds.
func cutSource(t *testing.T, kind string, rows int) (string, *testdb.Proxy, int) {
	t.Helper()
	var u, driver, dsn string
	switch kind {
	case "postgres":
		u = testdb.Postgres(t, "alcance_cli_cut")
		driver, dsn = "pgx", u
	case "mariadb":
		u = testdb.MySQL(t, "alcance_cli_cut")
		driver, dsn = "mysql", testdb.MySQLDriverDSN(t, u)
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustExec(t, db, `CREATE TABLE personas (id int PRIMARY KEY, curp char(18))`)
	valid := map[string]bool{}
	today := time.Now()
	const letters, vowels = "BCDFGHJKLMNPRSTVZ", "AEIOU"
	for lo := 0; lo < rows; lo += 2000 {
		var b strings.Builder
		b.WriteString("INSERT INTO personas VALUES ")
		for i := lo; i < lo+2000 && i < rows; i++ {
			first17 := fmt.Sprintf("%c%c%c%c%02d%02d%02dHDFRRL0",
				letters[i%17], vowels[i/17%5], letters[i/85%17], letters[i/1445%17], 50+i/24565%40, 1+i%12, 1+i%28)
			d, _ := validate.CURPCheckDigit(first17)
			curp := first17 + string(d)
			if c, r := validate.ParseCURP(curp, today); r == validate.OK {
				valid[c.Value] = true
			}
			if i > lo {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "(%d, '%s')", i, curp)
		}
		mustExec(t, db, b.String())
	}
	if kind == "postgres" {
		mustExec(t, db, "ANALYZE personas")
	}
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	proxy := testdb.NewProxy(t, p.Host)
	p.Host = proxy.Addr()
	return p.String(), proxy, len(valid)
}

// A connection cut (FIN or RST) while the CURP column is read in full is
// retried by the connector: the persons figure stays exact, never the
// estimate of a sample.
func TestConnectionCutMidRead(t *testing.T) {
	for _, kind := range []string{"postgres", "mariadb"} {
		for _, rst := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s rst=%v", kind, rst), func(t *testing.T) {
				src, proxy, want := cutSource(t, kind, 60_000)
				// Past the catalog and the sample of 1,000 rows, in the
				// middle of the full read of the CURP column.
				proxy.CutAfter(500<<10, rst)
				code, stdout, stderr := runCLI("scan", "--format", "json", "--sample-rows", "1000", src)
				var rep struct {
					Exposure struct {
						Persons struct{ Value, Low int64 }
					}
				}
				if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
					t.Fatalf("exit %d, stdout is not a JSON report: %v\n%s", code, err, stderr)
				}
				t.Logf("exit %d, persons %d (low %d), want %d; %d bytes from the server", code, rep.Exposure.Persons.Value,
					rep.Exposure.Persons.Low, want, proxy.ServerBytes())
				if code != exitOK || rep.Exposure.Persons.Value != int64(want) || rep.Exposure.Persons.Low != int64(want) {
					t.Errorf("exit %d, persons %+v; want exit 0 and exactly %d\n%s", code, rep.Exposure.Persons, want, stderr)
				}
			})
		}
	}
}
