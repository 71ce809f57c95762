package mssql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/alcance-mx/alcance/connectors"
)

// How Sample chooses rows.
//
// A table large enough is sampled with TABLESAMPLE SYSTEM: the server picks
// pages at random and returns their rows, reading only those pages. The
// percentage is sized from the catalog's row and page counts (statsQuery,
// samplePercent) to return about oversample times n rows from at least
// minSamplePages pages, and Sample keeps n of them at random (a reservoir),
// so that rows are not taken from the front of the result. The query
// always carries a TOP cap (sampleCap), far above what the sample should
// return: a server that ignores TABLESAMPLE reaches it, and its rows, the
// first ones in scan order, are not a sample, so they are dropped.
//
// TABLESAMPLE returns whole pages or nothing, so a small table, or a
// sample that would need more than maxSamplePercent of the pages, is read
// in one pass instead, keeping a uniform reservoir of n rows (Algorithm L);
// the sample is Complete when that pass returned at most n rows, i.e. every
// row. The same pass is used for views (TABLESAMPLE cannot read a view),
// for tables whose size the catalog does not give, when a TABLESAMPLE
// returns fewer than n rows twice (the second time retryFactor times
// larger), when its cap is reached, and when the server refuses
// TABLESAMPLE for the table (a memory-optimized table, a server that does
// not implement it).

// errNoTable says the catalog has no object by the table's name that the
// login can see.
var errNoTable = errors.New("no such table or view, or this login cannot see it")

// tableStats is what the catalog says about a table, for planning a sample.
type tableStats struct {
	view  bool
	rows  int64 // 0 when unknown
	pages int64 // 0 when unknown
}

// stats reads what the catalog says about t, at the first statsQuery level
// the server answers. A server error at one level (a missing catalog view)
// moves every later call to the next: the sample is then planned without
// the count the level would have given (unknown pages: a row-count guess;
// unknown rows: one pass), never failed for it.
func (s *source) stats(ctx context.Context, t connectors.Table) (tableStats, error) {
	for level := int(s.statsLevel.Load()); ; level++ {
		var typ string
		var rows, pages sql.NullInt64
		err := s.run(ctx, func(ctx context.Context, q querier) error {
			err := q.QueryRowContext(ctx, statsQuery(level), qualified(t)).Scan(&typ, &rows, &pages)
			if errors.Is(err, sql.ErrNoRows) {
				return errNoTable
			}
			return err
		})
		if err != nil && level+1 < statsLevels && missingCatalog(ctx, err) {
			s.statsLevel.CompareAndSwap(int32(level), int32(level+1))
			continue
		}
		if err != nil {
			return tableStats{}, err
		}
		return tableStats{view: strings.TrimSpace(typ) == "V", rows: rows.Int64, pages: pages.Int64}, nil
	}
}

// missingCatalog says a catalog query failed in a way a simpler one may
// not: the server answered with an error while the caller's context is
// live (a missing view is error 208 on SQL Server and 33557097 on
// Babelfish; a view denied to the login, 229), and the error is not a
// lock timeout or a deadlock, which pass.
func missingCatalog(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var se mssql.Error
	if !errors.As(err, &se) {
		return false
	}
	for _, e := range append([]mssql.Error{se}, se.All...) {
		if e.Number == 1222 || e.Number == 1205 {
			return false
		}
	}
	return true
}

// Sample reads up to n rows of t chosen at random; the comment at the top
// of this file says how.
func (s *source) Sample(ctx context.Context, t connectors.Table, cols []connectors.Column, n int) (*connectors.Sample, error) {
	wrap := func(err error) error {
		return fmt.Errorf("sampling table %s: %w", qualified(t), err)
	}
	if n <= 0 {
		return nil, wrap(fmt.Errorf("sample size %d: must be positive", n))
	}
	if _, err := partOf(t); err != nil {
		return nil, wrap(err)
	}
	rp, err := s.planRead(ctx, t, cols)
	if err != nil {
		return nil, wrap(err)
	}
	g, err := s.sample(ctx, t, rp, n, s.rand(t))
	if err != nil {
		return nil, wrap(err)
	}
	out := g.rows.Sample(rp.cols, rp.index)
	out.Counted = g.counted
	out.Truncated = g.truncated
	return out, nil
}

// gathered is what a sampling read kept, and how it was read.
type gathered struct {
	rows *connectors.Rows
	how  string // "tablesample P%" or "one pass"
	// counted is how many rows a one pass saw: the table's row count
	// then, whatever the catalog says (0 for a TABLESAMPLE).
	counted   int64
	truncated []bool // connectors.Sample.Truncated
}

// partStats is what the catalog's figures for a table say of one part of
// it: the part's share of the rows (its estimate from Split) and as large
// a share of the pages, so that a TABLESAMPLE is sized to draw as many of
// the part's pages as it would of a table that size. (It draws pages of
// the whole table with that probability; sampleQuery drops the rows of
// other parts.)
func partStats(st tableStats, part *connectors.TablePart) tableStats {
	rows := st.rows / int64(max(part.Count, 1))
	if part.Rows.Known {
		rows = part.Rows.Value
	}
	if st.rows > 0 && st.pages > 0 {
		st.pages = max(1, int64(float64(st.pages)*float64(rows)/float64(st.rows)))
	}
	st.rows = rows
	return st
}

// sample gathers the rows.
func (s *source) sample(ctx context.Context, t connectors.Table, rp readPlan, n int, rng *rand.Rand) (gathered, error) {
	st, err := s.stats(ctx, t)
	if err != nil {
		return gathered{}, err
	}
	if t.Part != nil {
		st = partStats(st, t.Part)
	}
	if !st.view {
		if pct, ok := samplePercent(st.rows, st.pages, n); ok {
			g, err := s.tableSample(ctx, t, rp, n, pct, st.rows, rng)
			if err != nil || g.rows != nil {
				return g, err
			}
		}
	}
	var g gathered
	err = s.run(ctx, func(ctx context.Context, q querier) error {
		rows, err := q.QueryContext(ctx, readQuery(t, rp.list))
		if err != nil {
			return err
		}
		defer rows.Close()
		g, err = reservoir(ctx, rows, rp, n, rng)
		return err
	})
	if err != nil {
		return gathered{}, err
	}
	g.rows.Complete = g.counted <= int64(n)
	g.how = "one pass"
	return g, nil
}

// tableSample tries TABLESAMPLE at pct percent, and once more larger when
// too few rows come back. A result without rows and without error means:
// read one pass instead.
func (s *source) tableSample(ctx context.Context, t connectors.Table, rp readPlan, n int, pct float64, rows int64, rng *rand.Rand) (gathered, error) {
	for attempt := 0; attempt < 2; attempt++ {
		top := sampleCap(pct, rows, n)
		var g gathered
		err := s.run(ctx, func(ctx context.Context, q querier) error {
			res, err := q.QueryContext(ctx, sampleQuery(t, rp.list, pct, top))
			if err != nil {
				return err
			}
			defer res.Close()
			g, err = reservoir(ctx, res, rp, n, rng)
			return err
		})
		switch {
		case err != nil && refusedSample(ctx, err):
			return gathered{}, nil
		case err != nil:
			return gathered{}, err
		case g.counted >= top:
			return gathered{}, nil // the cap was reached: TABLESAMPLE was not honoured
		case g.counted >= int64(n):
			// What a TABLESAMPLE returned is not the table's row count.
			g.counted = 0
			g.how = "tablesample " + formatPercent(pct) + "%"
			return g, nil
		}
		next, ok := retryPercent(pct)
		if !ok {
			return gathered{}, nil
		}
		pct = next
	}
	return gathered{}, nil
}

// refusedSample says a TABLESAMPLE failed in a way a plain read of the same
// table may not: the server answered with an error that is not about
// permissions, a missing table, locks or the session, while the caller's
// context is live. TABLESAMPLE is refused for memory-optimized tables, and
// by servers that speak TDS without implementing it.
func refusedSample(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var se mssql.Error
	if !errors.As(err, &se) {
		return false
	}
	for _, e := range append([]mssql.Error{se}, se.All...) {
		if isPermission(e) {
			return false
		}
		switch e.Number {
		case 208, 1222, 1205, 4060, 911, 916, 18456:
			return false
		}
	}
	return true
}

// rowStream is what reservoir reads: *sql.Rows, or a test's rows.
type rowStream interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// reservoir reads every row of a result, keeping a uniform sample of n of
// them with Algorithm L (Li, 1994): after the first n rows it draws how
// many rows to skip, so most rows are stepped over without being scanned
// or rendered. It returns the rows kept, how many rows the result held
// (counted) and which columns had a value cut.
func reservoir(ctx context.Context, rows rowStream, rp readPlan, n int, rng *rand.Rand) (gathered, error) {
	sc := newScanner(rp)
	g := connectors.NewRows(rp.nRead, min(n, 4096))
	buf := make([]string, rp.nRead)
	u := func() float64 { return 1 - rng.Float64() } // in (0, 1]: log is finite
	w := math.Exp(math.Log(u()) / float64(n))
	skip := func() int64 {
		s := math.Floor(math.Log(u()) / math.Log(1-w))
		if s > math.MaxInt64/2 || math.IsNaN(s) {
			return math.MaxInt64 / 2
		}
		return int64(s)
	}
	next := int64(n) + skip() // index of the next row to take
	var seen int64
	for rows.Next() {
		if seen&255 == 0 {
			if err := ctx.Err(); err != nil {
				return gathered{}, err
			}
		}
		switch {
		case seen < int64(n):
			if err := rows.Scan(sc.ptrs...); err != nil {
				return gathered{}, err
			}
			sc.into(rp, buf)
			g.Add(buf)
		case seen == next:
			if err := rows.Scan(sc.ptrs...); err != nil {
				return gathered{}, err
			}
			sc.into(rp, buf)
			g.Set(rng.IntN(n), buf)
			w *= math.Exp(math.Log(u()) / float64(n))
			next += skip() + 1
		}
		seen++
	}
	if err := rows.Err(); err != nil {
		return gathered{}, err
	}
	return gathered{rows: g, counted: seen, truncated: sc.truncated(rp)}, nil
}
