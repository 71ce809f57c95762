package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/alcance-mx/alcance/internal/testdb"
)

// TestChildCLI is not a test: it runs the CLI when started by runChild,
// in a process of its own, so that its memory can be measured.
func TestChildCLI(t *testing.T) {
	raw := os.Getenv("ALCANCE_CHILD_ARGS")
	if raw == "" {
		t.Skip("runs only as runChild's child process")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		t.Fatal(err)
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// runChild runs the CLI with args in a child process and returns its exit
// code, its stdout and its peak resident memory in MB.
func runChild(t *testing.T, args ...string) (code int, out string, peakMB int64) {
	t.Helper()
	b, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildCLI$")
	cmd.Env = append(os.Environ(), "ALCANCE_CHILD_ARGS="+string(b))
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		t.Fatalf("child: %v", err)
	}
	if cmd.ProcessState.ExitCode() != exitOK {
		t.Logf("child's stderr:\n%s", stderr.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return cmd.ProcessState.ExitCode(), stdout.String(), ru.Maxrss / 1024
}

// bigCellRows is how many rows of bigCell a table holds in
// TestMemoryPerValue (ALCANCE_BIG_ROWS overrides it, to measure).
func bigCellRows() int {
	if n, err := strconv.Atoi(os.Getenv("ALCANCE_BIG_ROWS")); err == nil && n > 0 {
		return n
	}
	return 20
}

const bigCell = 10_500_000 // bytes of text in one cell

// Memory has a bound per value: rows holding a 10.5 MB text cell are read
// truncated (in the SELECT) to what detection needs, so a scan of them
// stays small, and the report says which column was cut.
func TestMemoryPerValue(t *testing.T) {
	rows := bigCellRows()
	// What a scan needs anyway (the runtime, the detectors' dictionaries),
	// with room; the values alone, read whole, would take rows * 10.5 MB
	// several times over.
	const boundMB = 256
	check := func(t *testing.T, src string) {
		code, out, peak := runChild(t, "scan", "--format", "json", src)
		t.Logf("%d rows of a %d MB cell: exit %d, peak RSS %d MB", rows, bigCell>>20, code, peak)
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, out)
		}
		if peak > boundMB {
			t.Errorf("peak RSS %d MB, want under %d MB", peak, boundMB)
		}
		if !jsonHasTruncated(out) {
			t.Errorf("the report does not mark the column as truncated:\n%.2000s", out)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "grande.db")
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		mustExec(t, db, `CREATE TABLE notas (id INTEGER PRIMARY KEY, nota TEXT)`)
		mustExec(t, db, fmt.Sprintf(`WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < %d)
			INSERT INTO notas SELECT i, printf('%%.*c', %d, 'x') FROM g`, rows, bigCell))
		db.Close()
		check(t, path)
	})
	t.Run("postgres", func(t *testing.T) {
		u := testdb.Postgres(t, "alcance_cli_bigcell")
		db, err := sql.Open("pgx", u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		mustExec(t, db, `CREATE TABLE notas (id int PRIMARY KEY, nota text)`)
		mustExec(t, db, fmt.Sprintf(`INSERT INTO notas SELECT g, repeat('x', %d) FROM generate_series(1, %d) g`, bigCell, rows))
		check(t, u)
	})
	t.Run("mariadb", func(t *testing.T) {
		u := testdb.MySQL(t, "alcance_cli_bigcell")
		db, err := sql.Open("mysql", testdb.MySQLDriverDSN(t, u))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		mustExec(t, db, `CREATE TABLE notas (id int PRIMARY KEY, nota longtext)`)
		for i := 1; i <= rows; i++ {
			mustExec(t, db, fmt.Sprintf(`INSERT INTO notas VALUES (%d, REPEAT('x', %d))`, i, bigCell))
		}
		check(t, u)
	})
}

// jsonHasTruncated says whether a JSON report marks some column truncated.
func jsonHasTruncated(report string) bool {
	var rep struct {
		Sources []struct {
			Tables []struct {
				Columns []struct {
					Name      string
					Truncated bool
				}
			}
		}
	}
	if json.Unmarshal([]byte(report), &rep) != nil {
		return false
	}
	for _, s := range rep.Sources {
		for _, t := range s.Tables {
			for _, c := range t.Columns {
				if c.Truncated {
					return true
				}
			}
		}
	}
	return false
}
