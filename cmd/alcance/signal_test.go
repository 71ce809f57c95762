package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/internal/testdb"
)

// buildCLI builds the alcance binary once for the tests that must send it
// signals.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "alcance")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestSignals interrupts scans of a PostgreSQL database whose views take
// minutes to read: SIGINT and SIGTERM stop the scan at once, write the
// reports marked interrupted with figures that are lower bounds, say so on
// one line, and exit 130 and 143; a second signal quits at once.
func TestSignals(t *testing.T) {
	u := testdb.Postgres(t, "alcance_cli_signal")
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE padron (curp char(18), nombre text)`,
		`INSERT INTO padron VALUES ('HEGG560427MVZRRL04', 'GLORIA HERRERA GARCIA')`,
		`CREATE VIEW lenta_a AS SELECT g, pg_sleep(0.05)::text AS x FROM generate_series(1, 100000) g`,
		`CREATE VIEW lenta_b AS SELECT g, pg_sleep(0.05)::text AS x FROM generate_series(1, 100000) g`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	bin := buildCLI(t)
	run := func(t *testing.T, sigs ...os.Signal) (code int, stderr string, report string, took time.Duration) {
		dir := t.TempDir()
		out := filepath.Join(dir, "r.json")
		cmd := exec.Command(bin, "scan", "--include-views", "--concurrency", "1", "--statement-timeout", "10m", "-o", out, u)
		var errb bytes.Buffer
		pipe, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until a slow view is being read, then signal.
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			errb.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "lenta") {
				break
			}
		}
		time.Sleep(300 * time.Millisecond)
		start := time.Now()
		for _, s := range sigs {
			cmd.Process.Signal(s)
			time.Sleep(50 * time.Millisecond)
		}
		go func() {
			for sc.Scan() {
				errb.WriteString(sc.Text() + "\n")
			}
		}()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("still running 20 s after %v", sigs)
		}
		took = time.Since(start)
		b, _ := os.ReadFile(out)
		return code, errb.String(), string(b), took
	}
	for _, c := range []struct {
		name string
		sig  os.Signal
		code int
	}{{"SIGINT", os.Interrupt, 130}, {"SIGTERM", syscall.SIGTERM, 143}} {
		t.Run(c.name, func(t *testing.T) {
			code, stderr, report, took := run(t, c.sig)
			if code != c.code {
				t.Fatalf("exit %d, want %d\n%s", code, c.code, stderr)
			}
			if took > 5*time.Second {
				t.Errorf("took %s to stop", took)
			}
			if !strings.Contains(report, `"interrupted": true`) || !strings.Contains(report, `"high": null`) {
				t.Errorf("the report is not marked interrupted with open figures:\n%.600s", report)
			}
			if n := strings.Count(stderr, "context canceled"); n > 0 {
				t.Errorf("%d 'context canceled' lines on stderr:\n%s", n, stderr)
			}
			if !strings.Contains(stderr, c.name+": stopping") {
				t.Errorf("stderr does not say it was interrupted:\n%s", stderr)
			}
		})
	}
	t.Run("twice", func(t *testing.T) {
		code, stderr, report, _ := run(t, os.Interrupt, os.Interrupt)
		if code != 130 || report != "" {
			t.Errorf("second SIGINT: exit %d, report %d bytes\n%s", code, len(report), stderr)
		}
	})
}
