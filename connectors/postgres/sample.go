package postgres

import (
	"context"
	crand "crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/jackc/pgx/v5"
)

// How Sample draws n rows at random without sorting or reading a big
// table.
//
// The size of the table comes from the statistics, brought up to date the
// way the planner does it: rows per page (pg_class.reltuples / relpages,
// both from the last VACUUM or ANALYZE) times the pages the table has now
// (pg_relation_size), so a table that grew since it was analyzed is sized
// by its growth. Without statistics (never analyzed) the table is counted,
// up to countBound rows. A partitioned table adds up its leaves; a view has
// no pages, and the planner's estimate (EXPLAIN) stands in.
//
// A table of at most fullReadRatio*n rows, or of at most smallPages pages,
// is read whole, with a LIMIT of about twice its estimated size (and at
// least 2n + 1000): if fewer rows than the LIMIT come back, every row was
// read, n of them are kept at random, and Complete is set when there were
// at most n; if the LIMIT is reached, the table is bigger than its
// statistics said and is sampled instead.
//
// A bigger table is sampled with TABLESAMPLE, asking for lambda(n) rows,
// somewhat more than n, so that too few come back only rarely:
//
//   - SYSTEM (p) picks whole pages, each with probability p, and reads only
//     those: cheap, but its rows come in clusters of neighbours, which share
//     more than strangers do (the same load batch, the same capture
//     office, the same years). The statistical unit of a SYSTEM sample is
//     the page, and a sample of 10,000 rows from 125 full pages is worth
//     far fewer than 10,000 independent rows. So the sample is spread over
//     at least minPages(n) pages (2,000 for n >= 1,000), and rows within
//     each drawn page are thinned with random() < q so that about lambda(n)
//     rows come back, a few per page. With 2,000 independent pages, a share
//     is estimated to within +-2.2 points (95%, the worst case of a share
//     of one half), and a trait present on 0.3% of the pages is missed with
//     probability (1 - 0.003)^2000, about 0.25%.
//   - When that many pages are half the table or more, BERNOULLI (f) is
//     used instead: it reads every page and keeps each row with probability
//     f, a sample of independent rows at the cost of one sequential pass.
//
// Either way every row is equally likely to come back. When more than n
// rows come back, a random n of them is kept (a reservoir, in the order the
// rows arrive): never the first n, which would favour the start of the
// table. The LIMIT on a sampled read is only a guard (guard(lambda)): when
// it is reached, the table is far bigger than estimated. When too few come
// back, the statistics overstated the table (deleted rows not yet vacuumed,
// bloat) or, rarely, luck was bad. Either way the table is then counted, up
// to countBound rows (beyond that, what the read suggests is taken), and
// the sample is drawn again, a somewhat larger one after a short read.
// Draws are never combined (a row could be drawn twice), and after
// maxAttempts the table is read once, whole, through the reservoir. A view cannot be
// TABLESAMPLEd: it is thinned with random() < f, computed in full by the
// server, as any read of it is.
//
// ORDER BY random() is never used: it reads and sorts the whole table.
const (
	fullReadRatio = 2
	smallPages    = 4
	maxPages      = 2000
	maxAttempts   = 5
)

// lambda is how many rows a sampled read asks for when n are wanted. With
// SYSTEM's clustering the count that comes back varies more than a Poisson
// count: a SYSTEM read returns rows in clusters of about lambda/m per
// drawn page (m pages), so its variance is about lambda(1 + lambda/m),
// against lambda for BERNOULLI. 20% + 50 is then about four standard
// deviations at n = 100 (m = 200) and five and more from n = 1,000 on
// (m = 2,000): a short read, and the second read it costs, is rare.
func lambda(n int) float64 { return 1.2*float64(n) + 50 }

// minPages is how many pages a SYSTEM sample spans at least.
func minPages(n int) float64 { return math.Min(maxPages, 2*float64(n)) }

// guard is the LIMIT of a sampled read asking for lam rows.
func guard(lam float64) int64 { return int64(4*lam) + 1000 }

// planObserver, when set (by this package's tests), is told how each
// read of draw is made: "full", "bernoulli", "system", "filter" (a view)
// or "final" (the last resort), and how many rows it returned.
var planObserver func(method string, rows int64)

func observe(method string, rows int64) {
	if planObserver != nil {
		planObserver(method, rows)
	}
}

// size is what Sample knows of a table's size.
type size struct {
	rows    float64 // estimated rows, >= 0
	pages   float64 // pages now; -1 for a view
	counted bool    // rows is a count, not an estimate
}

// Sample reads up to n rows of t chosen uniformly at random (see above),
// inside one READ ONLY transaction, drawn afresh when the connection is
// lost under it (see repeat).
func (s *source) Sample(ctx context.Context, t connectors.Table, cols []connectors.Column, n int) (*connectors.Sample, error) {
	wrap := func(err error) error {
		return fmt.Errorf("sampling table %s: %w", display(t), s.describe(ctx, err, false))
	}
	if n <= 0 {
		return nil, fmt.Errorf("sampling table %s: sample size %d: must be positive", display(t), n)
	}
	var out *connectors.Sample
	lost, err := s.repeat(ctx, func() error {
		return s.readTx(ctx, func(tx pgx.Tx) error {
			var err error
			out, err = s.sample(ctx, tx, t, cols, n)
			return err
		})
	})
	if err != nil {
		return nil, retried(wrap(err), lost)
	}
	return out, nil
}

// sample is one attempt of Sample, in tx.
func (s *source) sample(ctx context.Context, tx pgx.Tx, t connectors.Table, cols []connectors.Column, n int) (*connectors.Sample, error) {
	rel, err := s.lookup(ctx, tx, t, true)
	if err != nil {
		return nil, err
	}
	rp, err := rel.plan(t, cols, n)
	if err != nil {
		return nil, err
	}
	from := fromClause(rel.kind, t)
	sz, err := s.size(ctx, tx, rel, from)
	if err != nil {
		return nil, err
	}
	// A table too wide to sample n rows of within connectors.MaxSampleBytes
	// is sampled with fewer.
	g, counted, err := s.draw(ctx, tx, from, rel.kind != "v", rp, sz, rp.rows, newRand())
	if err != nil {
		return nil, err
	}
	out := g.Sample(rp.cols, rp.index)
	out.Counted = counted
	return out, nil
}

func newRand() *rand.Rand {
	var key [32]byte
	crand.Read(key[:]) // never fails (Go 1.24+ aborts the program instead)
	return rand.New(rand.NewChaCha8(key))
}

// size estimates the rows and pages of rel now (see the top of this file).
func (s *source) size(ctx context.Context, tx pgx.Tx, rel *relation, from string) (size, error) {
	if rel.kind == "v" {
		var plan string
		if err := tx.QueryRow(ctx, "EXPLAIN (FORMAT JSON) SELECT 1 FROM "+from).Scan(&plan); err != nil {
			return size{}, err
		}
		var p []struct {
			Plan struct {
				Rows float64 `json:"Plan Rows"`
			}
		}
		if err := json.Unmarshal([]byte(plan), &p); err != nil || len(p) == 0 {
			return size{rows: 0, pages: -1}, nil
		}
		return size{rows: p[0].Plan.Rows, pages: -1}, nil
	}
	// The relation itself, or a partitioned table's leaves (partitions of
	// partitions included; a foreign partition has no pages to count).
	rows, err := tx.Query(ctx, `
		WITH RECURSIVE tree(oid) AS (
			SELECT $1::oid
			UNION ALL
			SELECT i.inhrelid FROM tree
			JOIN pg_catalog.pg_class p ON p.oid = tree.oid AND p.relkind = 'p'
			JOIN pg_catalog.pg_inherits i ON i.inhparent = tree.oid
		)
		SELECT c.reltuples::float8, c.relpages::float8,
		       pg_catalog.pg_relation_size(c.oid)::float8 / current_setting('block_size')::float8
		FROM tree JOIN pg_catalog.pg_class c ON c.oid = tree.oid
		WHERE c.relkind IN ('r', 'm')`, rel.oid)
	if err != nil {
		return size{}, err
	}
	var sz size
	missing := false
	for rows.Next() {
		var reltuples, relpages, pages float64
		if err := rows.Scan(&reltuples, &relpages, &pages); err != nil {
			rows.Close()
			return size{}, err
		}
		sz.pages += pages
		switch {
		case reltuples < 0 || (reltuples == 0 && pages > 0):
			// Never analyzed, or analyzed while empty and written since.
			missing = true
		case relpages > 0:
			sz.rows += reltuples / relpages * pages
		default:
			sz.rows += reltuples
		}
	}
	if err := rows.Err(); err != nil {
		return size{}, err
	}
	if missing {
		n, exact, err := boundedCount(ctx, tx, from)
		if err != nil {
			return size{}, err
		}
		// Beyond the bound, a sampled read's guard finds the rest.
		sz.rows, sz.counted = float64(n), exact
	}
	return sz, nil
}

// boundedCount counts the rows of from, up to countBound; exact says
// whether that was all of them.
func boundedCount(ctx context.Context, tx pgx.Tx, from string) (n int64, exact bool, err error) {
	err = tx.QueryRow(ctx, fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s LIMIT %d) s", from, countBound+1),
		pgx.QueryExecModeDescribeExec).Scan(&n)
	return n, n <= countBound, err
}

// draw samples n rows of from (see the top of this file). canSample is
// false for a view, which TABLESAMPLE cannot read. counted is the number of
// rows of the table when the read that drew the sample returned every one
// of them (a full read within its LIMIT, a BERNOULLI or filter at 100%, the
// last resort), and 0 otherwise: the transaction's snapshot makes it exact.
func (s *source) draw(ctx context.Context, tx pgx.Tx, from string, canSample bool, rp readPlan, sz size, n int, rng *rand.Rand) (g *connectors.Rows, counted int64, err error) {
	sel := "SELECT " + rp.list + " FROM " + from
	est := sz.rows
	slack := 1.0
	// reestimate sets est after a read that showed it wrong: hint is what
	// that read suggests. The first time, the table is counted (up to
	// countBound rows): a wrong estimate is rare, and a count settles it,
	// where guessing again from a sample could take several more reads.
	reestimate := func(hint float64) error {
		if sz.counted {
			est = hint
			return nil
		}
		c, exact, err := boundedCount(ctx, tx, from)
		if err != nil {
			return err
		}
		sz.counted = true
		if exact {
			est = float64(c)
		} else {
			est = math.Max(float64(c), hint)
		}
		return nil
	}
	for attempt := 0; attempt < maxAttempts; attempt++ {
		if est <= fullReadRatio*float64(n) || (sz.pages >= 0 && sz.pages <= smallPages) {
			limit := int64(2*math.Max(est, float64(n))) + 1000
			g, seen, err := s.reservoir(ctx, tx, sel+" LIMIT $1", []any{limit + 1}, rp, n, rng)
			if err != nil {
				return nil, 0, err
			}
			observe("full", seen)
			if seen <= limit {
				g.Complete = seen <= int64(n)
				return g, seen, nil
			}
			// Bigger than its statistics said.
			if err := reestimate(math.Max(4*est, float64(seen))); err != nil {
				return nil, 0, err
			}
			continue
		}
		lam := lambda(n) * slack
		f := math.Min(1, lam/est)
		var q, method string
		var args []any
		switch m := math.Max(lam*sz.pages/est, minPages(n)); {
		case !canSample:
			q, args, method = sel+" WHERE random() < $1", []any{f}, "filter"
		case sz.pages <= 0 || m >= sz.pages/2:
			q, args, method = sel+" TABLESAMPLE BERNOULLI ($1)", []any{100 * f}, "bernoulli"
		default:
			// Pages with probability m/pages, rows in them with q, so
			// every row with probability f.
			q, args, method = sel+" TABLESAMPLE SYSTEM ($1) WHERE random() < $2", []any{100 * m / sz.pages, math.Min(1, f*sz.pages/m)}, "system"
		}
		lim := guard(lam)
		g, seen, err := s.reservoir(ctx, tx, q+" LIMIT "+strconv.FormatInt(lim+1, 10), args, rp, n, rng)
		if err != nil {
			return nil, 0, err
		}
		observe(method, seen)
		// BERNOULLI (100) and random() < 1 return every row.
		every := f >= 1 && method != "system" && seen <= lim
		var hint float64
		switch {
		case seen > lim:
			hint = math.Max(4*est, float64(seen)/f)
		case seen >= int64(n):
			if every {
				return g, seen, nil
			}
			return g, 0, nil
		case every:
			// Every row came back, and fewer than n: the whole table.
			g.Complete = true
			return g, seen, nil
		default:
			hint = float64(seen) / f
			slack *= 1.5
		}
		if err := reestimate(hint); err != nil {
			return nil, 0, err
		}
	}
	g, seen, err := s.reservoir(ctx, tx, sel, nil, rp, n, rng)
	if err != nil {
		return nil, 0, err
	}
	observe("final", seen)
	g.Complete = seen <= int64(n)
	return g, seen, nil
}

// reservoir runs a query and keeps a uniform random n of the rows it
// returns (Algorithm R: row i replaces a random kept row with probability
// n/(i+1)); only kept rows are decoded and rendered. It returns how many
// rows the query returned.
func (s *source) reservoir(ctx context.Context, tx pgx.Tx, sql string, args []any, rp readPlan, n int, rng *rand.Rand) (*connectors.Rows, int64, error) {
	rows, err := tx.Query(ctx, sql, append([]any{pgx.QueryExecModeDescribeExec}, args...)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	sc := newScanner(rp.readModes)
	g := connectors.NewRows(len(rp.readModes), min(n, 4096))
	g.SetValueLimit(rp.limit)
	var seen int64
	for rows.Next() {
		slot := -1
		if seen < int64(n) {
			slot = g.Len()
		} else if j := rng.Int64N(seen + 1); j < int64(n) {
			slot = int(j)
		}
		seen++
		if slot < 0 {
			continue
		}
		if err := sc.scanRow(rows); err != nil {
			return nil, 0, err
		}
		if slot == g.Len() {
			g.Add(sc.row())
		} else {
			g.Set(slot, sc.row())
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return g, seen, nil
}

// CountRows counts t's rows exactly, with count(*), under the statement
// timeout.
func (s *source) CountRows(ctx context.Context, t connectors.Table) (int64, error) {
	var n int64
	lost, err := s.repeat(ctx, func() error {
		return s.readTx(ctx, func(tx pgx.Tx) error {
			rel, err := s.lookup(ctx, tx, t, false)
			if err != nil {
				return err
			}
			return tx.QueryRow(ctx, "SELECT count(*) FROM "+fromClause(rel.kind, t), pgx.QueryExecModeDescribeExec).Scan(&n)
		})
	})
	if err != nil {
		return 0, retried(fmt.Errorf("counting rows of table %s: %w", display(t), s.describe(ctx, err, false)), lost)
	}
	return n, nil
}

// fetchRows is how many rows one FETCH of ReadColumns brings.
const fetchRows = 10_000

// ReadColumns streams cols of every row of t, in storage order (no ORDER
// BY), through one server-side cursor in a READ ONLY transaction: one
// query, read fetchRows rows at a time. The statement timeout bounds each
// FETCH rather than the whole pass, so a full read of a big table is not
// cut short, while a server that stops answering still is; ctx bounds the
// whole. An error returned by fn stops the read and is returned as is.
//
// When the connection is lost mid-read, the read resumes (see repeat): a
// new transaction declares the same cursor, skips on the server (MOVE) the
// rows fn already had, and goes on, so that fn sees every row once. That
// relies on a second read of the table returning its rows in the same
// order, which a sequential scan of an unchanged table does: alcance turns
// synchronize_seqscans off in its transactions (a scan could otherwise
// start where another session's is), and a cursor never runs in parallel.
// Rows written between the two reads may be missed or seen twice, as with
// any read of a live table spread over two snapshots; a view whose plan
// changes in between may do the same.
func (s *source) ReadColumns(ctx context.Context, t connectors.Table, cols []connectors.Column, fn func(values []string) error) error {
	var fnErr error
	var delivered int64
	lost, err := s.repeat(ctx, func() error {
		return s.readTx(ctx, func(tx pgx.Tx) error {
			err := s.readColumns(ctx, tx, t, cols, delivered, func(values []string) error {
				if err := fn(values); err != nil {
					fnErr = err
					return err
				}
				delivered++
				return nil
			})
			return err
		})
	})
	if fnErr != nil && errors.Is(err, fnErr) {
		return fnErr
	}
	if err != nil {
		return retried(fmt.Errorf("reading table %s: %w", display(t), s.describe(ctx, err, false)), lost)
	}
	return nil
}

// moveMax is the most rows one MOVE skips (its count is a 32-bit integer
// on older servers).
const moveMax = 1 << 30

// readColumns is one attempt of ReadColumns, in tx, after skip rows.
func (s *source) readColumns(ctx context.Context, tx pgx.Tx, t connectors.Table, cols []connectors.Column, skip int64, fn func(values []string) error) error {
	rel, err := s.lookup(ctx, tx, t, true)
	if err != nil {
		return err
	}
	rp, err := rel.plan(t, cols, 0)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "SET LOCAL synchronize_seqscans = off"); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DECLARE alcance_read NO SCROLL CURSOR FOR SELECT "+rp.list+" FROM "+fromClause(rel.kind, t),
		pgx.QueryExecModeDescribeExec); err != nil {
		return err
	}
	for skip > 0 {
		step := min(skip, moveMax)
		if _, err := tx.Exec(ctx, "MOVE FORWARD "+strconv.FormatInt(step, 10)+" FROM alcance_read"); err != nil {
			return err
		}
		skip -= step
	}
	sc := newScanner(rp.readModes)
	read := make([]string, len(rp.readModes))
	values := make([]string, len(rp.cols))
	fetch := "FETCH FORWARD " + strconv.Itoa(fetchRows) + " FROM alcance_read"
	for {
		// Described afresh each time: a cached description would be
		// that of another table's cursor of the same name.
		rows, err := tx.Query(ctx, fetch, pgx.QueryExecModeDescribeExec)
		if err != nil {
			return err
		}
		got := 0
		for rows.Next() {
			got++
			if err := sc.scanRow(rows); err != nil {
				rows.Close()
				return err
			}
			sc.renderInto(read)
			for i, j := range rp.index {
				if j < 0 {
					values[i] = ""
				} else {
					values[i] = connectors.Clip(read[j], rp.limit)
				}
			}
			if err := fn(values); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if got < fetchRows {
			return nil
		}
	}
}
