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

// sample is one attempt of Sample, in tx. A part of a table (t.Part) is
// sampled as a table of its own: sized by its share of the pages, drawn
// from with SYSTEM over the part's pages or, instead of BERNOULLI (which
// reads every page of the table), by a filter over the part's pages; a
// part by key, which has no pages of its own, always by a filter.
func (s *source) sample(ctx context.Context, tx pgx.Tx, t connectors.Table, cols []connectors.Column, n int) (*connectors.Sample, error) {
	rel, err := s.lookup(ctx, tx, t, true)
	if err != nil {
		return nil, err
	}
	rp, err := rel.plan(t, cols, n)
	if err != nil {
		return nil, err
	}
	part, err := partOf(t)
	if err != nil {
		return nil, err
	}
	tg := target{from: fromClause(rel.kind, t), cond: part.cond()}
	sz, err := s.size(ctx, tx, rel, tg, part)
	if err != nil {
		return nil, err
	}
	// A table too wide to sample n rows of within connectors.MaxSampleBytes
	// is sampled with fewer.
	canSample := rel.kind != "v" && (part == nil || part.key == "")
	g, counted, err := s.draw(ctx, tx, tg, canSample, part == nil, rp, sz, rp.rows, newRand())
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

// size estimates the rows and pages of tg now (see the top of this file):
// of rel, or of the part of it part holds.
func (s *source) size(ctx context.Context, tx pgx.Tx, rel *relation, tg target, part *span) (size, error) {
	if rel.kind == "v" || (part != nil && part.key != "") {
		// No pages of its own: the planner's estimate.
		var plan string
		if err := tx.QueryRow(ctx, "EXPLAIN (FORMAT JSON) SELECT 1 FROM "+tg.from+tg.where()).Scan(&plan); err != nil {
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
	leaves, err := layout(ctx, tx, rel)
	if err != nil {
		return size{}, err
	}
	lo, hi := 0.0, -1.0
	if part != nil && part.hasLo {
		lo = float64(part.lo)
	}
	if part != nil && part.hasHi {
		hi = float64(part.hi)
	}
	rows, pages, ok := estimate(leaves, lo, hi)
	sz := size{rows: rows, pages: pages}
	if !ok {
		n, exact, err := boundedCount(ctx, tx, tg)
		if err != nil {
			return size{}, err
		}
		// Beyond the bound, a sampled read's guard finds the rest.
		sz.rows, sz.counted = float64(n), exact
	}
	return sz, nil
}

// boundedCount counts the rows of tg, up to countBound; exact says
// whether that was all of them.
func boundedCount(ctx context.Context, tx pgx.Tx, tg target) (n int64, exact bool, err error) {
	err = tx.QueryRow(ctx, fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s%s LIMIT %d) s", tg.from, tg.where(), countBound+1),
		pgx.QueryExecModeDescribeExec).Scan(&n)
	return n, n <= countBound, err
}

// draw samples n rows of tg (see the top of this file). canSample is
// false for a view, which TABLESAMPLE cannot read, and for a part by key;
// bernoulli is false for a part, for which a filter over its own pages
// replaces BERNOULLI, which reads every page of the table. counted is the number of
// rows of the table when the read that drew the sample returned every one
// of them (a full read within its LIMIT, a BERNOULLI or filter at 100%, the
// last resort), and 0 otherwise: the transaction's snapshot makes it exact.
func (s *source) draw(ctx context.Context, tx pgx.Tx, tg target, canSample, bernoulli bool, rp readPlan, sz size, n int, rng *rand.Rand) (g *connectors.Rows, counted int64, err error) {
	sel := "SELECT " + rp.list + " FROM " + tg.from
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
		c, exact, err := boundedCount(ctx, tx, tg)
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
			g, seen, err := s.reservoir(ctx, tx, sel+tg.where()+" LIMIT $1", []any{limit + 1}, rp, n, rng)
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
		case !canSample || (!bernoulli && (sz.pages <= 0 || m >= sz.pages/2)):
			q, args, method = sel+tg.where("random() < $1"), []any{f}, "filter"
		case sz.pages <= 0 || m >= sz.pages/2:
			q, args, method = sel+" TABLESAMPLE BERNOULLI ($1)"+tg.where(), []any{100 * f}, "bernoulli"
		default:
			// Pages with probability m/pages, rows in them with q, so
			// every row with probability f. For a part, pages is the
			// part's: SYSTEM draws pages of the whole table, those of
			// the part with the same probability.
			q, args, method = sel+" TABLESAMPLE SYSTEM ($1)"+tg.where("random() < $2"), []any{100 * m / sz.pages, math.Min(1, f*sz.pages/m)}, "system"
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
	g, seen, err := s.reservoir(ctx, tx, sel+tg.where(), nil, rp, n, rng)
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

// CountRows counts t's rows (its part's, for a part) exactly, with
// count(*), under the statement timeout.
func (s *source) CountRows(ctx context.Context, t connectors.Table) (int64, error) {
	var n int64
	lost, err := s.repeat(ctx, func() error {
		return s.readTx(ctx, func(tx pgx.Tx) error {
			rel, err := s.lookup(ctx, tx, t, false)
			if err != nil {
				return err
			}
			part, err := partOf(t)
			if err != nil {
				return err
			}
			tg := target{from: fromClause(rel.kind, t), cond: part.cond()}
			return tx.QueryRow(ctx, "SELECT count(*) FROM "+tg.from+tg.where(), pgx.QueryExecModeDescribeExec).Scan(&n)
		})
	})
	if err != nil {
		return 0, retried(fmt.Errorf("counting rows of table %s: %w", display(t), s.describe(ctx, err, false)), lost)
	}
	return n, nil
}

// fetchRows is how many rows one FETCH of ReadColumns brings.
const fetchRows = 10_000

// chunkRows is about how many rows one chunk of ReadColumns holds (a
// variable for tests).
var chunkRows = connectors.ChunkRows

// chunkObserver, when set (by this package's tests), is told the condition
// of each chunk ReadColumns reads ("" for a read in one cursor).
var chunkObserver func(cond string)

// ReadColumns streams cols of every row of t (of its part, for a part).
// A table that can be cut by pages is read in chunks of pages, in page
// order, each chunk in a READ ONLY transaction of its own (split.go); any
// other read is one chunk. Each chunk is one query, through a server-side
// cursor, read fetchRows rows at a time: the statement timeout bounds each
// FETCH rather than the whole chunk, so a long chunk is not cut short,
// while a server that stops answering still is; ctx bounds the whole. An
// error returned by fn stops the read and is returned as is.
//
// When the connection is lost mid-chunk, the chunk resumes (see repeat): a
// new transaction declares the same cursor, skips on the server (MOVE) the
// rows of the chunk fn already had, and goes on, so that fn sees every row
// once. That relies on a second read of the chunk returning its rows in
// the same order, which a scan of an unchanged table does: alcance turns
// synchronize_seqscans off in its transactions (a scan could otherwise
// start where another session's is), and a cursor never runs in parallel.
// Rows written between the two reads, or between two chunks, may be
// missed or seen twice (an UPDATE moves a row to another page), as with
// any read of a live table spread over several snapshots; a view whose
// plan changes in between may do the same.
func (s *source) ReadColumns(ctx context.Context, t connectors.Table, cols []connectors.Column, fn func(values []string) error) error {
	wrap := func(err error, lost int) error {
		return retried(fmt.Errorf("reading table %s: %w", display(t), s.describe(ctx, err, false)), lost)
	}
	var chunks []*span
	lost, err := s.repeat(ctx, func() error {
		return s.readTx(ctx, func(tx pgx.Tx) error {
			var err error
			chunks, err = s.chunks(ctx, tx, t)
			return err
		})
	})
	if err != nil {
		return wrap(err, lost)
	}
	var fnErr error
	for _, c := range chunks {
		if chunkObserver != nil {
			chunkObserver(c.cond())
		}
		var delivered int64
		lost, err := s.repeat(ctx, func() error {
			return s.readTx(ctx, func(tx pgx.Tx) error {
				return s.readColumns(ctx, tx, t, c, cols, delivered, func(values []string) error {
					if err := fn(values); err != nil {
						fnErr = err
						return err
					}
					delivered++
					return nil
				})
			})
		})
		if fnErr != nil && errors.Is(err, fnErr) {
			return fnErr
		}
		if err != nil {
			return wrap(err, lost)
		}
	}
	return nil
}

// chunks plans the chunks ReadColumns reads t in: spans of about chunkRows
// rows' pages, covering t's part (or the whole table, the last chunk open
// above) when t can be cut by pages; else one chunk, t's part by key, or
// nil, the whole table.
func (s *source) chunks(ctx context.Context, tx pgx.Tx, t connectors.Table) ([]*span, error) {
	part, err := partOf(t)
	if err != nil {
		return nil, err
	}
	if part != nil && part.key != "" {
		return []*span{part}, nil
	}
	rel, err := s.lookup(ctx, tx, t, false)
	if err != nil {
		return nil, err
	}
	if rel.kind == "v" {
		return []*span{part}, nil
	}
	leaves, err := layout(ctx, tx, rel)
	if err != nil {
		return nil, err
	}
	if !byPages(tx, rel, leaves) {
		return []*span{part}, nil
	}
	pages := pageSpan(leaves)
	rows, _, ok := estimate(leaves, 0, -1)
	perPage := float64(defaultRowsPerPage)
	switch {
	case pages <= 0:
	case ok && rows > 0:
		perPage = rows / float64(pages)
	case t.Part == nil && t.Rows.Known && t.Rows.Value > 0:
		// No statistics: the listing counted the table.
		perPage = float64(t.Rows.Value) / float64(pages)
	}
	step := max(int64(float64(chunkRows)/perPage), 1)
	from, to, open := int64(0), pages, true
	if part != nil && part.hasLo {
		from = part.lo
	}
	if part != nil && part.hasHi {
		to, open = part.hi, false
	}
	var out []*span
	for c := from; ; c += step {
		sp := &span{lo: c, hasLo: c > 0, hi: c + step, hasHi: true}
		if c+step >= to {
			sp.hi, sp.hasHi = to, !open
			return append(out, sp), nil
		}
		out = append(out, sp)
	}
}

// defaultRowsPerPage stands in for a table's rows per page when it has no
// statistics: about what an 8 kB page holds of rows of 100 bytes.
const defaultRowsPerPage = 60

// moveMax is the most rows one MOVE skips (its count is a 32-bit integer
// on older servers).
const moveMax = 1 << 30

// readColumns is one attempt of one chunk of ReadColumns (nil: the whole
// table), in tx, after skip rows.
func (s *source) readColumns(ctx context.Context, tx pgx.Tx, t connectors.Table, chunk *span, cols []connectors.Column, skip int64, fn func(values []string) error) error {
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
	tg := target{from: fromClause(rel.kind, t), cond: chunk.cond()}
	if _, err := tx.Exec(ctx, "DECLARE alcance_read NO SCROLL CURSOR FOR SELECT "+rp.list+" FROM "+tg.from+tg.where(),
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
