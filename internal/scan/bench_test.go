package scan

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/alcance-mx/alcance/connectors"
	_ "github.com/alcance-mx/alcance/connectors/mysql"
	_ "github.com/alcance-mx/alcance/connectors/postgres"
	_ "github.com/alcance-mx/alcance/connectors/sqlite"
	"github.com/alcance-mx/alcance/internal/benchmem"
	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/internal/testdb"
)

// benchPersons makes the biggest tables (the register, consultations)
// larger than the 10,000-row sample, so sampling, not reading whole
// tables, is what is measured.
const benchPersons = 60000

// BenchmarkScan measures whole scans of the tuning corpus on each source,
// in sample mode (10,000 rows per table) and in full mode, each next to a
// baseline measured in the same run: reading exactly what the scan read
// with plain queries through the same driver. For sample mode, as many
// rows of every readable column as the scan sampled (a plain LIMIT), and
// the columns it read in full; for full mode, the sample too (classification
// needs it) and every column it read in full, with PostgreSQL's COPY ... TO
// STDOUT, the server's own export path, and an unbuffered SELECT elsewhere.
// The ratio is what alcance costs over the bare read: random sampling,
// classification, the per-row work of the person set. Peak memory is the
// process's (VmHWM) at the end.
//
//	make bench    (ALCANCE_BENCH_PERSONS sets the corpus size)
func BenchmarkScan(b *testing.B) {
	persons := benchPersons
	if v := os.Getenv("ALCANCE_BENCH_PERSONS"); v != "" {
		fmt.Sscan(v, &persons)
	}
	gen, err := synth.Generate(synth.Config{Seed: 3, Persons: persons})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	// Every source is written before any is scanned, and the generated
	// corpus dropped and its memory returned to the system, so that the
	// peak measured is the scans' and not the corpus's.
	type loaded struct{ name, source, driver, dsn, skip string }
	var sources []loaded
	path := filepath.Join(b.TempDir(), "bench.db")
	if err := gen.WriteSQLite(ctx, path); err != nil {
		b.Fatal(err)
	}
	sources = append(sources, loaded{"sqlite", path, "sqlite", "file:" + path + "?mode=ro", ""})
	if os.Getenv(testdb.EnvPostgres) == "" {
		sources = append(sources, loaded{name: "postgres", skip: testdb.EnvPostgres + " is not set"})
	} else {
		u := testdb.Postgres(b, "alcance_scan_bench")
		if err := gen.WritePostgres(ctx, u); err != nil {
			b.Fatal(err)
		}
		sources = append(sources, loaded{"postgres", u, "pgx", u, ""})
	}
	if os.Getenv(testdb.EnvMySQL) == "" {
		sources = append(sources, loaded{name: "mariadb", skip: testdb.EnvMySQL + " is not set"})
	} else {
		u := testdb.MySQL(b, "alcance_scan_bench")
		if err := gen.WriteMySQL(ctx, u); err != nil {
			b.Fatal(err)
		}
		sources = append(sources, loaded{"mariadb", u, "mysql", testdb.MySQLDriverDSN(b, u), ""})
	}
	gen = nil
	debug.FreeOSMemory()
	for _, src := range sources {
		b.Run(src.name, func(b *testing.B) {
			if src.skip != "" {
				b.Skip(src.skip)
			}
			for _, mode := range []string{"sample", "full"} {
				b.Run(mode, func(b *testing.B) { benchSource(b, src.source, src.driver, src.dsn, mode) })
			}
		})
	}
}

// tableRead is what the scan read of one table.
type tableRead struct {
	table    connectors.Table
	sampled  int
	complete bool
	full     []connectors.Column
}

func benchSource(b *testing.B, source, driver, dsn, mode string) {
	spec, err := connectors.Parse(source)
	if err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var mu sync.Mutex
	var reads []tableRead
	cfg := Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions(), SampleRows: 10000, Mode: mode,
		readHook: func(t connectors.Table, sampled int, complete bool, full []connectors.Column) {
			mu.Lock()
			reads = append(reads, tableRead{t, sampled, complete, full})
			mu.Unlock()
		}}
	// The peak of this benchmark's scans (and plain reads) alone.
	debug.FreeOSMemory()
	benchmem.ResetPeakRSS()
	var scanTime, plainTime, plainSample, sampling, classifying, identifiers, cpu time.Duration
	var rows int64
	for b.Loop() {
		reads = reads[:0]
		t0, c0 := time.Now(), cpuTime()
		rep, out := Run(context.Background(), cfg)
		scanTime += time.Since(t0)
		cpu += cpuTime() - c0
		for _, s := range rep.Sources {
			for _, t := range s.Tables {
				rows += t.Rows.Value
			}
		}
		sampling += out.Sampling
		classifying += out.Classifying
		identifiers += out.ReadingIdentifiers
		if out.TablesFailed > 0 || out.SourcesFailed > 0 {
			b.Fatalf("scan failed: %+v", rep.Errors())
		}
		t1 := time.Now()
		plainSample += plainRead(b, db, driver, dsn, reads)
		plainTime += time.Since(t1)
	}
	n := float64(b.N)
	// Phases are summed over the tables read at once (--concurrency 2),
	// so they add up to more than the scan's wall time.
	b.ReportMetric(sampling.Seconds()*1000/n, "ms-sampling")
	b.ReportMetric(classifying.Seconds()*1000/n, "ms-classifying")
	b.ReportMetric(identifiers.Seconds()*1000/n, "ms-full-read")
	b.ReportMetric(scanTime.Seconds()*1000/n, "ms/scan")
	b.ReportMetric(plainTime.Seconds()*1000/n, "ms/plain-read")
	// The plain read's two parts: the sampled rows (a plain LIMIT), and
	// the columns read in full.
	b.ReportMetric(plainSample.Seconds()*1000/n, "ms/plain-sample")
	b.ReportMetric((plainTime-plainSample).Seconds()*1000/n, "ms/plain-full")
	b.ReportMetric(scanTime.Seconds()/plainTime.Seconds(), "x-plain-read")
	b.ReportMetric(float64(benchmem.PeakRSS())/(1<<20), "peak-MiB")
	// For sizing (docs/scale.md): rows of the tables scanned per second of
	// wall time, and the scan process's CPU per million of them (the
	// server's CPU is the source's, not counted).
	b.ReportMetric(float64(rows)/scanTime.Seconds(), "rows/s")
	b.ReportMetric(cpu.Seconds()/(float64(rows)/1e6), "cpu-s/Mrow")
}

// cpuTime is the CPU this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// plainRead reads what the scan read, with plain queries: for every table
// as many rows of every readable column as it sampled, and the columns it
// read in full, all rows. It returns the time the sampled rows took.
func plainRead(b *testing.B, db *sql.DB, driver, dsn string, reads []tableRead) (sampled time.Duration) {
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	if driver == "mysql" {
		quote = func(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
	}
	names := func(cols []connectors.Column) string {
		var out []string
		for _, c := range cols {
			if c.Kind != connectors.KindBinary {
				out = append(out, quote(c.Name))
			}
		}
		return strings.Join(out, ", ")
	}
	for _, r := range reads {
		table := quote(r.table.Name)
		if driver == "pgx" {
			table = quote(r.table.Schema) + "." + quote(r.table.Name)
		}
		t0 := time.Now()
		drain(b, db, fmt.Sprintf("SELECT %s FROM %s LIMIT %d", names(r.table.Columns), table, r.sampled))
		sampled += time.Since(t0)
		if r.complete || len(r.full) == 0 {
			continue
		}
		query := fmt.Sprintf("SELECT %s FROM %s", names(r.full), table)
		if driver == "pgx" {
			copyOut(b, dsn, query)
		} else {
			drain(b, db, query)
		}
	}
	return sampled
}

// copyOut runs COPY (query) TO STDOUT, PostgreSQL's own export path, and
// discards what it sends.
func copyOut(b *testing.B, dsn, query string) {
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.PgConn().CopyTo(context.Background(), io.Discard, "COPY ("+query+") TO STDOUT"); err != nil {
		b.Fatalf("%s: %v", query, err)
	}
}

func drain(b *testing.B, db *sql.DB, query string) {
	rows, err := db.Query(query)
	if err != nil {
		b.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			b.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
}
