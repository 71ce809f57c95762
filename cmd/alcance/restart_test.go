package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/reports"
)

// cluster is a PostgreSQL server of the test's own, on a port of its own,
// that the test may stop and start: the shared server must not be
// restarted under other tests.
type cluster struct {
	bin, dir string
	port     int
	uid, gid int
}

// startCluster initialises and starts a cluster as the postgres user (the
// server refuses to run as root). It skips when the machine cannot (no
// PostgreSQL binaries, not root), except under CI=true.
func startCluster(t *testing.T) *cluster {
	t.Helper()
	skip := func(why string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %s", why)
		}
		t.Skip(why)
	}
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(bins) == 0 {
		skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin) to start a cluster of the test's own")
	}
	if os.Geteuid() != 0 {
		skip("the test starts a cluster as the postgres user, which needs root")
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		skip("no postgres user to run a cluster as")
	}
	c := &cluster{bin: filepath.Dir(bins[len(bins)-1])}
	c.uid, _ = strconv.Atoi(u.Uid)
	c.gid, _ = strconv.Atoi(u.Gid)
	c.dir, err = os.MkdirTemp("", "alcance-restart-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(c.dir) })
	if err := os.Chown(c.dir, c.uid, c.gid); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	c.run(t, "initdb", "-D", c.data(), "-U", "postgres", "--auth=trust", "--no-sync")
	c.ctl(t, "start")
	t.Cleanup(func() { c.run(t, "pg_ctl", "-D", c.data(), "-m", "immediate", "stop") })
	return c
}

func (c *cluster) data() string { return filepath.Join(c.dir, "data") }

func (c *cluster) run(t *testing.T, prog string, args ...string) {
	t.Helper()
	cmd := exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(c.bin, prog)}, args...)...)
	cmd.Dir = c.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", prog, args, err, out)
	}
}

// ctl runs pg_ctl start or restart and waits until the server answers.
func (c *cluster) ctl(t *testing.T, action string) {
	t.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", c.port, c.dir)
	c.run(t, "pg_ctl", "-D", c.data(), "-l", filepath.Join(c.dir, "log"), "-m", "fast", "-w", "-o", opts, action)
}

func (c *cluster) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// TestServerRestartMidScan restarts the server while a scan reads a large
// table in full: the scan survives (the read is retried once the server
// answers again) and gives the figures of a scan nothing interrupted.
func TestServerRestartMidScan(t *testing.T) {
	c := startCluster(t)
	admin, err := sql.Open("pgx", c.url("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE padron"); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("pgx", c.url("padron"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// 400,000 people known by name and birthdate, and their visits.
	given := "ARRAY['JUAN','MARIA','JOSE','LUIS','GUADALUPE','ROSA','PEDRO','ANA','CARLOS','LAURA','MIGUEL','SOFIA','JORGE','ELENA','RICARDO','PATRICIA','FERNANDO','VERONICA','ALEJANDRO','GABRIELA','ROBERTO','CLAUDIA','JAVIER','MONICA','RAUL','ADRIANA','SERGIO','LETICIA','EDUARDO','SILVIA','ARTURO','BEATRIZ','MARIO','NORMA','RAFAEL','TERESA','HECTOR','ALICIA','DANIEL','YOLANDA','ENRIQUE']"
	surnames := "ARRAY['PEREZ','LOPEZ','GARCIA','HERNANDEZ','MARTINEZ','GONZALEZ','RODRIGUEZ','SANCHEZ','RAMIREZ','CRUZ','FLORES','GOMEZ','MORALES','VAZQUEZ','REYES','JIMENEZ','TORRES','DIAZ','GUTIERREZ','RUIZ','MENDOZA','AGUILAR','ORTIZ','MORENO','CASTILLO','ROMERO','ALVAREZ','MENDEZ','CHAVEZ','RIVERA','JUAREZ','RAMOS','DOMINGUEZ','HERRERA','MEDINA','CASTRO','VARGAS','GUZMAN','VELAZQUEZ','ROJAS']"
	for _, q := range []string{
		`CREATE TABLE personas (id int PRIMARY KEY, nombre text, primer_apellido text, segundo_apellido text, fecha_nacimiento date)`,
		`INSERT INTO personas SELECT g, (` + given + `)[1 + g % 41], (` + surnames + `)[1 + g % 40],
			(` + surnames + `)[1 + (g / 40) % 40], date '1950-01-01' + (g % 20011)
			FROM generate_series(1, 400000) g`,
		`CREATE TABLE consultas (id int, id_persona int REFERENCES personas(id), cie10 text)`,
		`INSERT INTO consultas SELECT g, 1 + g % 400000, (ARRAY['E119','I10','J069','A09X'])[1 + g % 4] FROM generate_series(1, 400000) g`,
		`ANALYZE`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	bin := buildCLI(t)
	dir := t.TempDir()
	scanArgs := func(out string) []string {
		return []string{"scan", "--concurrency", "1", "--sample-rows", "2000", "--statement-timeout", "2m", "-o", out, c.url("padron")}
	}
	ref := filepath.Join(dir, "ref.json")
	if out, err := exec.Command(bin, scanArgs(ref)...).CombinedOutput(); err != nil {
		t.Fatalf("scan: %v\n%s", err, out)
	}

	got := filepath.Join(dir, "got.json")
	cmd := exec.Command(bin, scanArgs(got)...)
	pipe, _ := cmd.StderrPipe()
	var stderr bytes.Buffer
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(pipe)
	restarted := false
	for sc.Scan() {
		stderr.WriteString(sc.Text() + "\n")
		if !restarted && strings.Contains(sc.Text(), "in full") {
			time.Sleep(200 * time.Millisecond)
			c.ctl(t, "restart")
			restarted = true
		}
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) || err != nil {
		t.Fatalf("scan across a restart: %v\n%s", err, stderr.String())
	}
	if !restarted {
		t.Fatalf("the scan ended before the server could be restarted:\n%s", stderr.String())
	}
	load := func(path string) *reports.Report {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := reports.ReadJSON(f)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	want, have := load(ref), load(got)
	if len(have.Errors()) > 0 {
		t.Fatalf("errors after the restart: %+v", have.Errors())
	}
	for _, f := range []struct {
		name       string
		want, have reports.Figure
	}{
		{"persons", want.Exposure.Persons, have.Exposure.Persons},
		{"persons_with_health", want.Exposure.PersonsWithHealth, have.Exposure.PersonsWithHealth},
		{"older_adults", want.Exposure.OlderAdults, have.Exposure.OlderAdults},
	} {
		if f.want.Estimate != f.have.Estimate || f.have.Value == 0 {
			t.Errorf("%s across a restart %+v, without %+v", f.name, f.have.Estimate, f.want.Estimate)
		}
	}
	t.Logf("the scan went on across the restart:\n%s", stderr.String())
}
