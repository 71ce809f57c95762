package mysql

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/testdb"
)

// ---- a network that misbehaves (a loopback proxy between the connector
// and the test server) ----

// throughProxy is u with its host replaced by a proxy's.
func throughProxy(t *testing.T, u string) (string, *testdb.Proxy) {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	proxy := testdb.NewProxy(t, p.Host)
	p.Host = proxy.Addr()
	return p.String(), proxy
}

func stallOptions() connectors.Options {
	return connectors.Options{StatementTimeout: time.Second, ConnectTimeout: time.Second, MaxConns: 2}
}

// stallBound is how long a wait on a stalled socket may last with
// stallOptions: the statement timeout, the grace (the connect timeout),
// and slack for a loaded machine.
const stallBound = 2*time.Second + 3*time.Second

// A proxy that stops forwarding without closing, right after the
// handshake and mid-read: no call waits longer than the statement timeout
// plus the grace, whatever its context allows.
func TestStalledConnection(t *testing.T) {
	u := makeDB(t, "alcance_myconn_stall", "CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20))")
	fill(t, u, "p", 200_000, idRow)
	check := func(t *testing.T, what string, start time.Time, err error) {
		t.Helper()
		el := time.Since(start)
		t.Logf("%s: %v after %v", what, err, el.Round(time.Millisecond))
		if err == nil {
			t.Fatalf("%s through a stalled proxy succeeded", what)
		}
		if el > stallBound {
			t.Errorf("%s waited %v on a stalled connection; the statement timeout is 1s, the grace 1s", what, el)
		}
		if !errors.Is(err, errStalled) || !strings.Contains(err.Error(), "stopped answering") {
			t.Errorf("%s: %v, want a timeout saying the server stopped answering", what, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	t.Run("after the handshake", func(t *testing.T) {
		raw, proxy := throughProxy(t, u)
		s := open(t, raw, stallOptions())
		tb := table(t, s, "p")
		proxy.Stall()
		start := time.Now()
		_, err := s.Sample(ctx, tb, nil, 100)
		check(t, "Sample", start, err)
	})
	t.Run("mid-read", func(t *testing.T) {
		raw, proxy := throughProxy(t, u)
		s := open(t, raw, stallOptions())
		tb := table(t, s, "p")
		proxy.StallAfter(proxy.ServerBytes() + 256<<10)
		rows := 0
		start := time.Now()
		err := s.ReadColumns(ctx, tb, nil, func([]string) error { rows++; return nil })
		check(t, "ReadColumns", start, err)
		if rows == 0 || rows >= 200_000 {
			t.Errorf("the stall came after %d rows, want mid-read", rows)
		}
	})
}

// running counts statements on the server, other than the caller's, whose
// text holds like.
func running(t *testing.T, db *sql.DB, like string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM information_schema.PROCESSLIST
		WHERE ID <> CONNECTION_ID() AND COMMAND = 'Query' AND INFO LIKE CONCAT('%', ?, '%')`, like).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// When the caller's context ends, the statement stops on the server too
// (KILL QUERY from a second connection), at once: the driver alone only
// closes its socket, and a statement that sends nothing while it works (a
// slow view) would run on to the statement timeout.
func TestCancelKillsQuery(t *testing.T) {
	u := makeDB(t, "alcance_myconn_kill", "CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20))",
		"CREATE VIEW lenta_kill AS SELECT SLEEP(30) AS x")
	fill(t, u, "p", 10, idRow)
	admin := adminConn(t, u)
	s := open(t, u, connectors.Options{IncludeViews: true})
	var kills []uint64
	killObserver = func(id uint64) { kills = append(kills, id) }
	defer func() { killObserver = nil }()
	tb := table(t, s, "lenta_kill")
	for _, op := range []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Sample", func(ctx context.Context) error { _, err := s.Sample(ctx, tb, nil, 100); return err }},
		{"CountRows", func(ctx context.Context) error { _, err := s.CountRows(ctx, tb); return err }},
		{"ReadColumns", func(ctx context.Context) error {
			return s.ReadColumns(ctx, tb, nil, func([]string) error { return nil })
		}},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		err := op.call(ctx)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s with a 500ms context: %v", op.name, err)
		}
		start := time.Now()
		for running(t, admin, "lenta_kill") > 0 && time.Since(start) < 10*time.Second {
			time.Sleep(50 * time.Millisecond)
		}
		el := time.Since(start)
		t.Logf("%s: the statement was gone from the processlist %v after the call returned", op.name, el)
		if el > 2*time.Second {
			t.Errorf("%s: the statement ran on the server %v after its context ended", op.name, el)
		}
	}
	if len(kills) != 3 {
		t.Errorf("%d kills sent, want one per cancelled call", len(kills))
	}
	// The source still works.
	if n, err := s.CountRows(context.Background(), table(t, s, "p")); n != 10 || err != nil {
		t.Errorf("CountRows after the cancellations: %d, %v", n, err)
	}
}

// Long values are cut on the server: sampling 20 rows of a 1 MB text and a
// 1 MB JSON brings a few kilobytes per value across the network, and the
// sample marks those columns truncated.
func TestLongValuesCutOnServer(t *testing.T) {
	u := makeDB(t, "alcance_myconn_long",
		"CREATE TABLE l (id INT PRIMARY KEY, corto VARCHAR(20), largo LONGTEXT, js JSON, n BIGINT, d DATE)")
	run(t, adminConn(t, u), "INSERT INTO l SELECT seq, CONCAT('v', seq), REPEAT('ñ', 500000), JSON_OBJECT('nota', REPEAT('y', 1000000)), seq, '1980-01-02' FROM seq_1_to_20")
	raw, proxy := throughProxy(t, u)
	s := open(t, raw, connectors.Options{})
	tb := table(t, s, "l")
	before := proxy.ServerBytes()
	smp, err := s.Sample(context.Background(), tb, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	moved := proxy.ServerBytes() - before
	t.Logf("sampling 20 rows of two 1 MB values: %d bytes from the server", moved)
	if moved > 20*2*(2*connectors.MaxValueBytes+64)+64<<10 {
		t.Errorf("%d bytes came from the server: the values were not cut there", moved)
	}
	want := map[string]bool{"largo": true, "js": true}
	for i, c := range smp.Columns {
		got := smp.Truncated != nil && smp.Truncated[i]
		if got != want[c.Name] {
			t.Errorf("column %s truncated = %v, want %v", c.Name, got, want[c.Name])
		}
		for _, v := range smp.Values[i] {
			if len(v) > connectors.MaxValueBytes {
				t.Fatalf("column %s holds a value of %d bytes", c.Name, len(v))
			}
		}
	}
	if d := smp.Values[5][0]; d != "1980-01-02" {
		t.Errorf("a date read beside cut columns: %q", d)
	}
}

// ---- a connection cut mid-read ----

// readAll reads column id of every row of tb and returns how many rows
// came and how many distinct ids.
func readAll(s *source, tb connectors.Table, during func(rows int)) (rows, distinct int, err error) {
	seen := map[string]bool{}
	err = s.ReadColumns(context.Background(), tb, tb.Columns[:1], func(v []string) error {
		rows++
		seen[v[0]] = true
		if during != nil {
			during(rows)
		}
		return nil
	})
	return rows, len(seen), err
}

// A connection cut once in the middle of a read (by a FIN or an RST) is
// not a smaller answer: the read is retried, resumes where it was, and
// delivers every row exactly once; a Sample is drawn again. A connection
// cut on every attempt gives an error, never fewer rows.
func TestCutConnection(t *testing.T) {
	const total = 60_000
	u := makeDB(t, "alcance_myconn_cut", "CREATE TABLE p (id INT PRIMARY KEY, v VARCHAR(20))")
	fill(t, u, "p", total, idRow)
	for _, rst := range []bool{false, true} {
		name := map[bool]string{false: "FIN", true: "RST"}[rst]
		t.Run(name+" mid-read", func(t *testing.T) {
			raw, proxy := throughProxy(t, u)
			s := open(t, raw, connectors.Options{})
			tb := table(t, s, "p")
			rows, distinct, err := readAll(s, tb, func(rows int) {
				if rows == 25_000 {
					proxy.Cut(rst)
				}
			})
			if err != nil || rows != total || distinct != total {
				t.Errorf("ReadColumns cut once: %d rows, %d distinct, %v; want %d of each", rows, distinct, err, total)
			}
			proxy.CutAfter(64<<10, rst)
			smp, err := s.Sample(context.Background(), tb, nil, 20_000)
			if err != nil || smp.Rows != 20_000 {
				t.Errorf("Sample cut once: %v", err)
			}
		})
	}
	t.Run("cut on every attempt", func(t *testing.T) {
		retryDelay = 10 * time.Millisecond
		defer func() { retryDelay = 500 * time.Millisecond }()
		raw, proxy := throughProxy(t, u)
		s := open(t, raw, connectors.Options{})
		tb := table(t, s, "p")
		rows, distinct, err := readAll(s, tb, func(rows int) {
			if rows%5_000 == 0 {
				proxy.Cut(true)
			}
		})
		t.Logf("%d rows, %v", rows, err)
		if err == nil || !strings.Contains(err.Error(), "gave up") {
			t.Errorf("ReadColumns cut on every attempt: %d rows, %v; want an error saying alcance gave up", rows, err)
		}
		if distinct != rows {
			t.Errorf("%d rows delivered, %d distinct: a row was delivered twice", rows, distinct)
		}
	})
}
