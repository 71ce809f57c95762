package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// BenchmarkReadColumns: every row of the 200,000-row benchmark table, all
// columns, as the engine reads identifier columns in full; with
// BenchmarkPlainRead (10,000 rows) it shows the cost per row of the
// connector's safety (rendering, cutting, the socket watchdog).
func BenchmarkReadColumns(b *testing.B) {
	_, s, tb := benchDB(b)
	rows := 0
	for b.Loop() {
		err := s.ReadColumns(context.Background(), tb, nil, func([]string) error { rows++; return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkChunkedReadUnderTimeout: a table of 3,000,000 rows read in full
// under a statement timeout of 500 ms. One statement reading it (SELECT
// id, v FROM it, as a read without chunks would) runs past the timeout and
// the server stops it; ReadColumns reads it in chunks, every statement
// (each chunk's DECLARE, each FETCH) under the same timeout, and delivers
// every row exactly once. It reports the one statement's time until the
// server stopped it, the chunks, the longest chunk and the rows per second.
func BenchmarkChunkedReadUnderTimeout(b *testing.B) {
	const total = 3_000_000
	const timeout = 500 * time.Millisecond
	u := newDB(b, "chunkbench", "CREATE TABLE big (id int, v text)"+noAuto, fill("big", total), "ANALYZE big")
	opts := connectors.DefaultOptions()
	opts.StatementTimeout = timeout
	s := openURL(b, u, opts)
	ctx := context.Background()
	tb := table(b, s, "public", "big")

	start := time.Now()
	var one int64
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, "SELECT id::text, v FROM ONLY public.big")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			one++
		}
		return rows.Err()
	})
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "57014" {
		b.Fatalf("one statement read %d rows in %v (%v): it should have run past the %v statement timeout", one, time.Since(start), err, timeout)
	}
	oneTook := time.Since(start)

	var chunks int
	var longest time.Duration
	last := time.Time{}
	chunkObserver = func(string) {
		now := time.Now()
		if !last.IsZero() {
			longest = max(longest, now.Sub(last))
		}
		last = now
		chunks++
	}
	defer func() { chunkObserver = nil }()
	id := []connectors.Column{{Name: "id", Type: "integer", Kind: connectors.KindInteger}}
	readOnce := func(b *testing.B, s *source) int {
		seen := make([]bool, total+1)
		n := 0
		err := s.ReadColumns(ctx, tb, id, func(v []string) error {
			i, err := strconv.Atoi(v[0])
			if err != nil || i < 1 || i > total || seen[i] {
				return fmt.Errorf("row %q delivered twice or unknown", v[0])
			}
			seen[i] = true
			n++
			return nil
		})
		if err != nil {
			b.Fatalf("read under a %v statement timeout: %v", s.opts.StatementTimeout, err)
		}
		if n != total {
			b.Fatalf("read: %d rows, want %d", n, total)
		}
		return n
	}
	b.Run("chunks", func(b *testing.B) {
		read := 0
		for b.Loop() {
			chunks, last = 0, time.Time{}
			read += readOnce(b, s)
		}
		b.ReportMetric(oneTook.Seconds(), "one-statement-s")
		b.ReportMetric(float64(one), "one-statement-rows")
		b.ReportMetric(float64(chunks), "chunks")
		b.ReportMetric(longest.Seconds(), "longest-chunk-s")
		b.ReportMetric(float64(read)/b.Elapsed().Seconds(), "rows/s")
	})
	// The same read in one cursor (as before chunks), under the default
	// statement timeout, for the cost of chunking.
	b.Run("one-cursor", func(b *testing.B) {
		defer func(n int) { chunkRows = n }(chunkRows)
		chunkRows = 1 << 40
		long := openURL(b, u, connectors.DefaultOptions())
		read := 0
		for b.Loop() {
			read += readOnce(b, long)
		}
		b.ReportMetric(float64(read)/b.Elapsed().Seconds(), "rows/s")
	})
}
