package scan

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/alcance-mx/alcance/connectors"
	_ "github.com/alcance-mx/alcance/connectors/mysql"
	_ "github.com/alcance-mx/alcance/connectors/postgres"
	_ "github.com/alcance-mx/alcance/connectors/sqlite"
	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/alcance-mx/alcance/reports"
)

// benchPersons makes the biggest tables (the register, consultations)
// larger than the 10,000-row sample, so sampling, not reading whole
// tables, is what is measured.
const benchPersons = 60000

// BenchmarkScan measures a sample-mode scan (10,000 rows per table) of the
// tuning corpus on each source, next to a baseline measured in the same
// run: reading the same amount with plain queries through the same driver
// (SELECT every column LIMIT the rows the scan sampled, for every table,
// plus the CURP columns in full for the tables that have them). The ratio
// is what alcance costs over the bare read: random sampling instead of the
// first rows, classification, keyed hashing.
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
	b.Run("sqlite", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "bench.db")
		if err := gen.WriteSQLite(ctx, path); err != nil {
			b.Fatal(err)
		}
		benchSource(b, path, "sqlite", "file:"+path+"?mode=ro")
	})
	b.Run("postgres", func(b *testing.B) {
		if os.Getenv(testdb.EnvPostgres) == "" {
			b.Skip(testdb.EnvPostgres + " is not set")
		}
		u := testdb.Postgres(b, "alcance_scan_bench")
		if err := gen.WritePostgres(ctx, u); err != nil {
			b.Fatal(err)
		}
		benchSource(b, u, "pgx", u)
	})
	b.Run("mariadb", func(b *testing.B) {
		if os.Getenv(testdb.EnvMySQL) == "" {
			b.Skip(testdb.EnvMySQL + " is not set")
		}
		u := testdb.MySQL(b, "alcance_scan_bench")
		if err := gen.WriteMySQL(ctx, u); err != nil {
			b.Fatal(err)
		}
		benchSource(b, u, "mysql", testdb.MySQLDriverDSN(b, u))
	})
}

func benchSource(b *testing.B, source, driver, dsn string) {
	spec, err := connectors.Parse(source)
	if err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	cfg := Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions(), SampleRows: 10000}
	var scanTime, plainTime, sampling, classifying, identifiers time.Duration
	for b.Loop() {
		t0 := time.Now()
		rep, out := Run(context.Background(), cfg)
		scanTime += time.Since(t0)
		sampling += out.Sampling
		classifying += out.Classifying
		identifiers += out.ReadingIdentifiers
		if out.TablesFailed > 0 || out.SourcesFailed > 0 {
			b.Fatalf("scan failed: %+v", rep.Errors())
		}
		t1 := time.Now()
		plainRead(b, db, driver, rep)
		plainTime += time.Since(t1)
	}
	n := float64(b.N)
	// Phases are summed over the tables read at once (--concurrency 2),
	// so they add up to more than the scan's wall time.
	b.ReportMetric(sampling.Seconds()*1000/n, "ms-sampling")
	b.ReportMetric(classifying.Seconds()*1000/n, "ms-classifying")
	b.ReportMetric(identifiers.Seconds()*1000/n, "ms-curp-full-read")
	b.ReportMetric(scanTime.Seconds()*1000/n, "ms/scan")
	b.ReportMetric(plainTime.Seconds()*1000/n, "ms/plain-read")
	b.ReportMetric(scanTime.Seconds()/plainTime.Seconds(), "x-plain-read")
}

// plainRead reads, for every table the scan read, as many rows as it
// sampled with a plain LIMIT query, and the CURP columns in full.
func plainRead(b *testing.B, db *sql.DB, driver string, rep *reports.Report) {
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	if driver == "mysql" {
		quote = func(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
	}
	for _, s := range rep.Sources {
		for _, t := range s.Tables {
			table := quote(t.Name)
			if driver == "pgx" {
				table = quote(t.Schema) + "." + quote(t.Name)
			}
			var cols, curps []string
			for _, c := range t.Columns {
				cols = append(cols, quote(c.Name))
				for _, f := range c.Findings {
					if f.Category == "curp" && !strings.Contains(strings.Join(f.Evidence, ","), "free_text") {
						curps = append(curps, quote(c.Name))
					}
				}
			}
			drain(b, db, fmt.Sprintf("SELECT %s FROM %s LIMIT %d", strings.Join(cols, ", "), table, t.SampledRows))
			if len(curps) > 0 && int64(t.SampledRows) < t.Rows.Value {
				drain(b, db, fmt.Sprintf("SELECT %s FROM %s", strings.Join(curps, ", "), table))
			}
		}
	}
}

func drain(b *testing.B, db *sql.DB, query string) {
	rows, err := db.Query(query)
	if err != nil {
		b.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
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
