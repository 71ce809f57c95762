package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/jackc/pgx/v5"
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

// stallOptions are short timeouts, so that a stall shows quickly.
func stallOptions() connectors.Options {
	o := connectors.DefaultOptions()
	o.StatementTimeout = time.Second
	o.ConnectTimeout = time.Second
	return o
}

// stallBound is how long a wait on a stalled socket may last with
// stallOptions: the statement timeout, the grace (the connect timeout),
// and slack for a loaded machine.
const stallBound = 2*time.Second + 3*time.Second

// A proxy that stops forwarding without closing, right after the
// handshake and mid-read: no call waits longer than the statement timeout
// plus the grace, whatever its context allows, and the error says the
// server stopped answering.
func TestStalledConnection(t *testing.T) {
	u := newDB(t, "stall", "CREATE TABLE p (id int, v text)", fill("p", 200_000), "ANALYZE p")
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
		if !errors.Is(err, errTimedOut) || !strings.Contains(err.Error(), "stopped answering") {
			t.Errorf("%s: %v, want a timeout saying the server stopped answering", what, err)
		}
	}
	// The caller's context would wait for minutes, as a table's does.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	t.Run("after the handshake", func(t *testing.T) {
		raw, proxy := throughProxy(t, u)
		s := openURL(t, raw, stallOptions())
		tb := table(t, s, "public", "p")
		proxy.Stall()
		start := time.Now()
		_, err := s.Sample(ctx, tb, nil, 100)
		check(t, "Sample", start, err)
	})
	t.Run("mid-read", func(t *testing.T) {
		raw, proxy := throughProxy(t, u)
		s := openURL(t, raw, stallOptions())
		tb := table(t, s, "public", "p")
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

// activeQueries counts alcance's statements on the server whose text holds
// like.
func activeQueries(t *testing.T, u, like string) int {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
		WHERE application_name = 'alcance' AND state = 'active' AND query LIKE '%' || $1 || '%'`, like).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// gone waits up to limit for alcance's statements on like to end on the
// server, and says how long that took.
func gone(t *testing.T, u, like string, limit time.Duration) (time.Duration, bool) {
	t.Helper()
	start := time.Now()
	for time.Since(start) < limit {
		if activeQueries(t, u, like) == 0 {
			return time.Since(start), true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return limit, false
}

// When alcance's end of a connection goes away under a running statement
// (alcance killed, the connection cut), the server stops the statement
// within client_connection_check_interval, not at the statement timeout.
// (TestCancellation covers a context that ends: a cancel request.)
func TestDroppedClientStopsQuery(t *testing.T) {
	u := newDB(t, "dropped", "CREATE VIEW lenta_drop AS SELECT 1 AS id FROM pg_sleep(30)")
	raw, proxy := throughProxy(t, u)
	opts := views()
	opts.ConnectTimeout = time.Second
	s := openURL(t, raw, opts)
	tb := table(t, s, "public", "lenta_drop")
	done := make(chan error, 1)
	go func() {
		_, err := s.CountRows(context.Background(), tb)
		done <- err
	}()
	deadline := time.Now().Add(10 * time.Second)
	for activeQueries(t, u, "lenta_drop") == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the slow statement never started")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// As when alcance is killed: the connection closes, and no cancel
	// request gets through (the proxy stalls the one pgx sends).
	proxy.Stall()
	proxy.Cut(false)
	if err := <-done; err == nil {
		t.Fatal("CountRows succeeded on a cut connection")
	}
	el, ok := gone(t, u, "lenta_drop", 10*time.Second)
	t.Logf("the statement ended on the server %v after the cut", el)
	if !ok {
		t.Errorf("the statement still runs on the server 10s after its client went away")
	}
}

// Long values are cut on the server: sampling 20 rows of a 1 MB text and
// a 1 MB array brings a few kilobytes per value across the network, and
// the sample marks those columns truncated.
func TestLongValuesCutOnServer(t *testing.T) {
	u := newDB(t, "long", "CREATE TABLE l (id int, corto text, largo text, arr text[], js jsonb)",
		`INSERT INTO l SELECT g, 'v' || g, repeat('ñ', 500000), ARRAY['a', repeat('x', 1000000)],
			jsonb_build_object('nota', repeat('y', 1000000)) FROM generate_series(1, 20) g`)
	raw, proxy := throughProxy(t, u)
	s := openURL(t, raw, connectors.DefaultOptions())
	tb := table(t, s, "public", "l")
	before := proxy.ServerBytes()
	smp, err := s.Sample(context.Background(), tb, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	moved := proxy.ServerBytes() - before
	t.Logf("sampling 20 rows of three 1 MB values: %d bytes from the server", moved)
	if moved > 20*3*(2*connectors.MaxValueBytes+64)+64<<10 {
		t.Errorf("%d bytes came from the server: the values were not cut there", moved)
	}
	want := map[string]bool{"id": false, "corto": false, "largo": true, "arr": true, "js": true}
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
	if v := column(t, smp, "arr")[0]; !strings.HasPrefix(v, "a xxx") {
		t.Errorf("arr = %.20q..., want its elements joined", v)
	}
	// A full read cuts them too.
	err = s.ReadColumns(context.Background(), tb, nil, func(v []string) error {
		for _, x := range v {
			if len(x) > connectors.MaxValueBytes {
				return fmt.Errorf("ReadColumns passed a value of %d bytes", len(x))
			}
		}
		return nil
	})
	if err != nil {
		t.Error(err)
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
	u := newDB(t, "cut", "CREATE TABLE p (id int, v text)", fill("p", total), "ANALYZE p")
	for _, rst := range []bool{false, true} {
		name := map[bool]string{false: "FIN", true: "RST"}[rst]
		t.Run(name+" mid-read", func(t *testing.T) {
			raw, proxy := throughProxy(t, u)
			s := openURL(t, raw, connectors.DefaultOptions())
			tb := table(t, s, "public", "p")
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
		s := openURL(t, raw, connectors.DefaultOptions())
		tb := table(t, s, "public", "p")
		cuts := 0
		rows, distinct, err := readAll(s, tb, func(rows int) {
			if rows%5_000 == 0 {
				cuts++
				proxy.Cut(true)
			}
		})
		t.Logf("cut %d times: %d rows, %v", cuts, rows, err)
		if err == nil || !strings.Contains(err.Error(), "gave up") {
			t.Errorf("ReadColumns cut on every attempt: %d rows, %v; want an error saying alcance gave up", rows, err)
		}
		if distinct != rows {
			t.Errorf("%d rows delivered, %d distinct: a row was delivered twice", rows, distinct)
		}
	})
}
