package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/jackc/pgx/v5"
)

// plans records the reads draw makes during a test.
func plans(t *testing.T) func() []string {
	var mu sync.Mutex
	var got []string
	planObserver = func(method string, rows int64) {
		mu.Lock()
		got = append(got, fmt.Sprintf("%s:%d", method, rows))
		mu.Unlock()
	}
	t.Cleanup(func() { planObserver = nil })
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := got
		got = nil
		return out
	}
}

func methods(reads []string) []string {
	out := make([]string, len(reads))
	for i, r := range reads {
		out[i], _, _ = strings.Cut(r, ":")
	}
	return out
}

// spread fails unless each tenth of 1..rows holds 5-15% of the sampled
// ids. The expected share is 10%; for a sample of 1,000 independent rows
// the standard deviation is about 0.95 points, so 5-15% is over five
// standard deviations: a contiguous range, or a bias to one end of the
// table, fails.
func spread(t *testing.T, ids []int64, rows int64) {
	t.Helper()
	var deciles [10]int
	for _, id := range ids {
		deciles[(id-1)*10/rows]++
	}
	n := len(ids)
	for d, c := range deciles {
		if c*100 < n*5 || c*100 > n*15 {
			t.Errorf("decile %d holds %d of %d sampled rows: %v", d, c, n, deciles)
		}
	}
}

// sampleIDs samples n rows of t and checks the basics: n rows, distinct
// ids, id and v from the same row.
func sampleIDs(t *testing.T, s *source, tb connectors.Table, n int) []int64 {
	t.Helper()
	smp, err := s.Sample(context.Background(), tb, nil, n)
	if err != nil {
		t.Fatal(err)
	}
	if smp.Rows != n || smp.Complete {
		t.Fatalf("Sample(%d) = %d rows, complete %v", n, smp.Rows, smp.Complete)
	}
	idv := column(t, smp, "id")
	distinct(t, idv)
	ids := ints(t, idv)
	for i, v := range column(t, smp, "v") {
		if !strings.HasPrefix(v, "v"+idv[i]) {
			t.Fatalf("row %d: id %s and v %.12s… from different rows", i, idv[i], v)
		}
	}
	return ids
}

func TestSampleSpread(t *testing.T) {
	const rows, n = 100_000, 1000
	u := newDB(t, "spread",
		// Narrow rows: ~540 pages, so 2,000 pages would be most of the
		// table; BERNOULLI reads it all and keeps independent rows.
		"CREATE TABLE estrecha (id int, v text)"+noAuto, fill("estrecha", rows),
		// Wide rows: ~5,900 pages; SYSTEM draws 2,000 of them and a row or
		// so from each.
		"CREATE TABLE ancha (id int, v text)"+noAuto,
		fmt.Sprintf(`INSERT INTO ancha SELECT g, 'v' || g || repeat('x', 400) FROM generate_series(1, %d) g`, rows),
		"ANALYZE estrecha", "ANALYZE ancha")
	s := open(t, u)
	got := plans(t)
	for name, method := range map[string]string{"estrecha": "bernoulli", "ancha": "system"} {
		ids := sampleIDs(t, s, table(t, s, "public", name), n)
		if m := methods(got()); len(m) != 1 || m[0] != method {
			t.Errorf("%s: reads %v, want one %s", name, m, method)
		}
		spread(t, ids, rows)
	}
}

func TestSampleSmallTable(t *testing.T) {
	u := newDB(t, "small",
		"CREATE TABLE p (id int, v text)", fill("p", 50),
		"CREATE TABLE e (id int, v text)",
		"CREATE TABLE b (id int, v text, img bytea)", "INSERT INTO b VALUES (1, 'v1', '\\x00')")
	s := open(t, u)
	tb := table(t, s, "public", "p")
	got := plans(t)
	for _, c := range []struct {
		n        int
		rows     int
		complete bool
	}{{100, 50, true}, {50, 50, true}, {49, 49, false}, {1, 1, false}} {
		smp, err := s.Sample(context.Background(), tb, nil, c.n)
		if err != nil {
			t.Fatal(err)
		}
		if smp.Rows != c.rows || smp.Complete != c.complete {
			t.Errorf("Sample(n=%d) = %d rows complete %v, want %d, %v", c.n, smp.Rows, smp.Complete, c.rows, c.complete)
		}
		distinct(t, column(t, smp, "id"))
		if m := methods(got()); len(m) != 1 || m[0] != "full" {
			t.Errorf("Sample(n=%d): reads %v, want one full read", c.n, m)
		}
	}
	// An empty table is complete with no rows.
	smp, err := s.Sample(context.Background(), table(t, s, "public", "e"), nil, 10)
	if err != nil || smp.Rows != 0 || !smp.Complete || len(smp.Values[0]) != 0 {
		t.Fatalf("empty table: %+v, %v", smp, err)
	}
	// Only binary columns asked for: rows are counted, nothing is read.
	bt := table(t, s, "public", "b")
	smp, err = s.Sample(context.Background(), bt, bt.Columns[2:], 10)
	if err != nil || smp.Rows != 1 || !smp.Complete || smp.Values[0][0] != "" {
		t.Fatalf("binary-only sample: %+v, %v", smp, err)
	}
	if _, err := s.Sample(context.Background(), tb, nil, 0); err == nil {
		t.Errorf("Sample(n=0) succeeded")
	}
}

// Statistics that no longer describe the table: Sample must still return
// n distinct rows from all over it.
func TestSampleStaleStats(t *testing.T) {
	const rows, n = 100_000, 1000
	u := newDB(t, "stale",
		// Analyzed at 50 rows, grown to 100,000 since: reltuples says 50,
		// but the table has hundreds of pages now, and the estimate scales
		// with them (as the planner's does).
		"CREATE TABLE crecida (id int, v text)"+noAuto, fill("crecida", 50), "ANALYZE crecida",
		fmt.Sprintf("INSERT INTO crecida SELECT g, 'v' || g FROM generate_series(51, %d) g", rows),
		// Analyzed empty (reltuples 0, relpages 0), filled since: counted.
		"CREATE TABLE llenada (id int, v text)"+noAuto, "ANALYZE llenada", fill("llenada", rows),
		// Analyzed at 100,000 rows, 98% deleted since: reltuples says
		// 100,000, the pages are still there, and TABLESAMPLE returns far
		// fewer rows than asked for.
		"CREATE TABLE vaciada (id int, v text)"+noAuto, fill("vaciada", rows), "ANALYZE vaciada",
		"DELETE FROM vaciada WHERE id % 50 <> 0")
	s := open(t, u)
	got := plans(t)

	for _, name := range []string{"crecida", "llenada"} {
		ids := sampleIDs(t, s, table(t, s, "public", name), n)
		spread(t, ids, rows)
		// Sized right the first time: by its pages, or by a count.
		if reads := got(); len(reads) != 1 {
			t.Errorf("%s: reads %v, want one", name, reads)
		}
	}

	tb := table(t, s, "public", "vaciada")
	if tb.Rows.Value != rows || tb.Rows.Exact {
		t.Fatalf("vaciada listed with %+v: want the stale estimate", tb.Rows)
	}
	ids := sampleIDs(t, s, tb, n)
	for _, id := range ids {
		if id%50 != 0 {
			t.Fatalf("sampled deleted row %d", id)
		}
	}
	spread(t, ids, rows)
	reads := got()
	t.Logf("vaciada: reads %v", reads)
	if len(reads) < 2 {
		t.Errorf("reads %v: want a first sample that came back short, then another", reads)
	}
}

// draw recovers when TABLESAMPLE returns too few rows (the size was
// overstated) or hits its guard (understated), whatever the cause, on
// both the BERNOULLI and the SYSTEM paths. The wrong sizes are handed to
// draw directly; the page counts are the tables' own, as size always
// reads them from the relation's current size.
func TestSampleWrongSize(t *testing.T) {
	const rows, n = 100_000, 1000
	u := newDB(t, "wrongsize",
		"CREATE TABLE estrecha (id int, v text)"+noAuto, fill("estrecha", rows),
		"CREATE TABLE ancha (id int, v text)"+noAuto,
		fmt.Sprintf(`INSERT INTO ancha SELECT g, 'v' || g || repeat('x', 400) FROM generate_series(1, %d) g`, rows),
		"ANALYZE estrecha", "ANALYZE ancha")
	s := open(t, u)
	got := plans(t)
	for _, name := range []string{"estrecha", "ancha"} {
		tb := table(t, s, "public", name)
		for _, wrong := range []float64{50_000_000, 400_000, 3000, 10_000, 0} {
			var ids []int64
			err := s.readTx(context.Background(), func(tx pgx.Tx) error {
				rel, err := s.lookup(context.Background(), tx, tb, true)
				if err != nil {
					return err
				}
				rp, err := rel.plan(tb, nil, n)
				if err != nil {
					return err
				}
				from := target{from: fromClause(rel.kind, tb)}
				sz, err := s.size(context.Background(), tx, rel, from, nil)
				if err != nil {
					return err
				}
				sz.rows = wrong
				g, _, err := s.draw(context.Background(), tx, from, true, true, rp, sz, n, newRand())
				if err != nil {
					return err
				}
				smp := g.Sample(rp.cols, rp.index)
				if smp.Rows != n || smp.Complete {
					return fmt.Errorf("%d rows, complete %v", smp.Rows, smp.Complete)
				}
				idv := column(t, smp, "id")
				distinct(t, idv)
				ids = ints(t, idv)
				return nil
			})
			if err != nil {
				t.Fatalf("%s, %v rows: %v", name, wrong, err)
			}
			reads := got()
			t.Logf("%s believed to hold %v rows: reads %v", name, wrong, reads)
			spread(t, ids, rows)
			if len(reads) < 2 || len(reads) > 3 || methods(reads)[len(reads)-1] == "final" {
				t.Errorf("%s, %v rows: reads %v: want a retry or two, then success before the last resort", name, wrong, reads)
			}
		}
	}
}

func TestReadColumns(t *testing.T) {
	const rows = 25_000 // three FETCH batches
	u := newDB(t, "read", "CREATE TABLE p (id int, v text, b bytea)", fill("p", rows), "UPDATE p SET b = '\\x01'")
	s := open(t, u)
	tb := table(t, s, "public", "p")
	var calls, sum int64
	var prev []string
	err := s.ReadColumns(context.Background(), tb, []connectors.Column{tb.Columns[2], tb.Columns[0]}, func(v []string) error {
		calls++
		if len(v) != 2 || v[0] != "" {
			return fmt.Errorf("row %d: values %q", calls, v)
		}
		if prev != nil && &prev[0] != &v[0] {
			return fmt.Errorf("row %d: a new slice; the callback's slice is reused", calls)
		}
		prev = v
		id, err := strconv.ParseInt(v[1], 10, 64)
		sum += id
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != rows || sum != rows*(rows+1)/2 {
		t.Fatalf("read %d rows summing to %d, want %d rows summing to %d", calls, sum, rows, rows*(rows+1)/2)
	}
	if n, err := s.CountRows(context.Background(), tb); n != rows || err != nil {
		t.Fatalf("CountRows = %d, %v", n, err)
	}

	// An error from fn stops the read at once and comes back as is.
	stop := errors.New("stop")
	calls = 0
	err = s.ReadColumns(context.Background(), tb, tb.Columns[:1], func([]string) error {
		calls++
		if calls == 10 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 10 {
		t.Fatalf("after fn's error: %v, %d calls", err, calls)
	}
	// The connection is fine afterwards (the cursor went with its
	// transaction).
	calls = 0
	if err := s.ReadColumns(context.Background(), tb, tb.Columns[:1], func([]string) error { calls++; return nil }); err != nil || calls != rows {
		t.Fatalf("ReadColumns again: %d rows, %v", calls, err)
	}
	_, err = s.CountRows(context.Background(), connectors.Table{Schema: "public", Name: `no"pe`})
	if err == nil || err.Error() != `counting rows of table public."no""pe": no such table` {
		t.Fatalf("CountRows(missing) = %v", err)
	}
	err = s.ReadColumns(context.Background(), connectors.Table{Schema: "public", Name: "nope"}, nil, func([]string) error { return nil })
	if err == nil || err.Error() != `reading table public."nope": no such table` {
		t.Fatalf("ReadColumns(missing) = %v", err)
	}
}

func TestCancellation(t *testing.T) {
	u := newDB(t, "cancel", "CREATE TABLE p (id int, v text)", fill("p", 50_000),
		"CREATE VIEW lenta AS SELECT 1 AS id, 'x'::text AS v FROM pg_sleep(30)")
	s := openURL(t, u, views())
	tb := table(t, s, "public", "p")

	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := s.ReadColumns(ctx, tb, nil, func([]string) error {
		calls++
		if calls == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls > fetchRows {
		t.Fatalf("ReadColumns after cancel: %v, %d calls", err, calls)
	}

	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	if _, err := s.Tables(expired); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Tables past the deadline: %v", err)
	}
	if _, err := s.Sample(expired, tb, nil, 1000); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Sample past the deadline: %v", err)
	}
	if _, err := s.CountRows(expired, tb); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("CountRows past the deadline: %v", err)
	}

	// A query running on the server stops there too when its context ends:
	// the connector sends a cancel request, it does not just hang up.
	slow := table(t, s, "public", "lenta")
	conns := s.pool.Stat().NewConnsCount()
	ctx3, cancel3 := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel3()
	start := time.Now()
	_, err = s.CountRows(ctx3, slow)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
		t.Fatalf("CountRows(slow view) with a 300 ms context: %v after %v", err, time.Since(start))
	}
	var active int
	for range 50 {
		conn, err := pgx.Connect(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		err = conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE application_name = 'alcance' AND state = 'active' AND query LIKE '%lenta%'`).Scan(&active)
		conn.Close(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if active == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if active != 0 {
		t.Errorf("the cancelled query still runs on the server")
	}
	// And the source is still usable, on the same connection: the server
	// answered the cancel request, so the connection was not dropped.
	if n, err := s.CountRows(context.Background(), tb); n != 50_000 || err != nil {
		t.Errorf("CountRows after the cancellations: %d, %v", n, err)
	}
	if now := s.pool.Stat().NewConnsCount(); now != conns {
		t.Errorf("%d new connections after a cancelled query, want none", now-conns)
	}
}

// ---- benchmarks ----

const benchRows, benchSample = 200_000, 10_000

// benchDB builds the benchmark table: 200,000 rows shaped like a padrón.
func benchDB(b *testing.B) (string, *source, connectors.Table) {
	b.Helper()
	u := newDB(b, "bench",
		`CREATE TABLE padron (id int, curp char(18), nombre text, nacimiento date, monto numeric(12,2))`,
		fmt.Sprintf(`INSERT INTO padron SELECT g, 'GOMC' || lpad(g::text, 6, '0') || 'HDFRRL' || lpad((g %% 100)::text, 2, '0'),
			'NOMBRE APELLIDO ' || g, date '1950-01-01' + (g %% 20000), g * 1.25 FROM generate_series(1, %d) g`, benchRows),
		"VACUUM ANALYZE padron")
	s := open(b, u)
	return u, s, table(b, s, "public", "padron")
}

// BenchmarkSample: 10,000 random rows of 200,000.
func BenchmarkSample(b *testing.B) {
	_, s, tb := benchDB(b)
	rows := 0
	for b.Loop() {
		smp, err := s.Sample(context.Background(), tb, nil, benchSample)
		if err != nil || smp.Rows != benchSample {
			b.Fatal(smp, err)
		}
		rows += smp.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkPlainRead: the baseline, the first 10,000 rows with a plain
// SELECT ... LIMIT through pgx (not a sample: one contiguous run), the
// values scanned as pgx likes them and not rendered.
func BenchmarkPlainRead(b *testing.B) {
	u, _, _ := benchDB(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	rows := 0
	for b.Loop() {
		r, err := conn.Query(ctx, `SELECT id, curp, nombre, nacimiento, monto FROM padron LIMIT $1`, benchSample)
		if err != nil {
			b.Fatal(err)
		}
		for r.Next() {
			if _, err := r.Values(); err != nil {
				b.Fatal(err)
			}
			rows++
		}
		if err := r.Err(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// A Sample whose read returned every row reports how many it saw, whatever
// the statistics said; one that drew a sample of pages or rows reports
// none.
func TestSampleCounted(t *testing.T) {
	u := newDB(t, "counted",
		// Analyzed at 100 rows, 5,000 more since: reltuples says 100.
		"CREATE TABLE crecida (id int, v text)"+noAuto, fill("crecida", 100), "ANALYZE crecida",
		"INSERT INTO crecida SELECT g, 'v' || g FROM generate_series(101, 5100) g",
		// Analyzed at 100,000 rows, 98% deleted since: reltuples says 100,000.
		"CREATE TABLE vaciada (id int, v text)"+noAuto, fill("vaciada", 100_000), "ANALYZE vaciada",
		"DELETE FROM vaciada WHERE id % 50 <> 0",
		"CREATE VIEW v_crecida AS SELECT * FROM crecida")
	s := openURL(t, u, views())
	got := plans(t)
	for _, c := range []struct {
		table   string
		listed  int64 // the stale estimate of the listing
		n       int
		counted int64
	}{
		{"crecida", 100, 10_000, 5100}, // read whole: sized by its pages
		{"crecida", 100, 100, 0},       // sampled
		{"vaciada", 100_000, 5000, 2000},
		{"v_crecida", 0, 10_000, 5100},
	} {
		tb := table(t, s, "public", c.table)
		if tb.Rows.Value != c.listed {
			t.Fatalf("%s listed with %+v, want the stale %d", c.table, tb.Rows, c.listed)
		}
		smp, err := s.Sample(context.Background(), tb, nil, c.n)
		if err != nil {
			t.Fatal(err)
		}
		reads := got()
		if smp.Counted != c.counted {
			t.Errorf("%s, n=%d: Counted = %d, want %d (reads %v)", c.table, c.n, smp.Counted, c.counted, reads)
		}
	}
}
