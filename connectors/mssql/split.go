package mssql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// Parts and chunks.
//
// A table is split (Split) and read in chunks (ReadColumns) by its primary
// key when that is one column of an integer type (tinyint, smallint, int,
// bigint).
//
// Split cuts the key range [MIN, MAX] (two seeks of the key's index) into n
// runs of equal width, the first part open below and the last open above.
// Keys of even density (an IDENTITY) make parts of about equal rows; gaps
// and outliers make them uneven, never wrong. A part reads its key range:
// a range of the clustered index, or, when the key is a nonclustered index
// of a heap, whatever the optimizer finds cheapest for that range.
//
// A full read (ReadColumns) of a table whose primary key is such a column
// and its clustered index goes in chunks, each its own statement, by
// keyset: SELECT TOP (m) ... WHERE key > (the last key read) ORDER BY key,
// a seek and an ordered range scan of the clustered index, no sort. m
// starts at connectors.ChunkRows and follows connectors.NextChunkRows (a
// chunk that took more than an eighth of the statement timeout makes the
// next one smaller); a chunk the statement timeout stops is read again,
// from the last row delivered, a quarter as long, down to
// connectors.MinChunkRows. A table whose key is not clustered (a heap) is
// read in one statement, as before: ordering it by a nonclustered key
// would look up every row through the index, or sort the heap; so is a
// table without such a key, which has no order a second statement could
// continue from. The statement timeout then bounds the whole read.

// tableKey is a table's primary key, when it is one integer column.
type tableKey struct {
	column    string
	typ       string // tinyint, smallint, int or bigint
	clustered bool
}

// integerTypes are the types a split or chunk key may have.
var integerTypes = map[string]bool{"tinyint": true, "smallint": true, "int": true, "bigint": true}

// keyOf reads t's primary key from the catalog; ok is false when it is not
// one integer column.
func (s *source) keyOf(ctx context.Context, t connectors.Table) (k tableKey, ok bool, err error) {
	var cols []tableKey
	err = s.run(ctx, func(ctx context.Context, q querier) error {
		rows, err := q.QueryContext(ctx, tableKeyQuery, qualified(t))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c tableKey
			var typ int64
			if err := rows.Scan(&c.column, &c.typ, &typ); err != nil {
				return err
			}
			c.typ, c.clustered = strings.ToLower(c.typ), typ == 1
			cols = append(cols, c)
		}
		return rows.Err()
	})
	if err != nil {
		return tableKey{}, false, fmt.Errorf("reading the primary key: %w", err)
	}
	if len(cols) != 1 || !integerTypes[cols[0].typ] {
		return tableKey{}, false, nil
	}
	return cols[0], true, nil
}

// mayChunk says whether the listing gave t a primary key that may be one
// integer column: only then is the catalog asked (keyOf), so that a table
// without one costs ReadColumns no statement more.
func mayChunk(t connectors.Table) bool {
	if len(t.PrimaryKey) != 1 {
		return false
	}
	for _, c := range t.Columns {
		if c.Name == t.PrimaryKey[0] {
			return c.Kind == connectors.KindInteger
		}
	}
	return false
}

// span is the rows of one part: key >= lo (when hasLo) and key < hi (when
// hasHi). It is TablePart.Bounds for this connector.
type span struct {
	key          tableKey
	lo, hi       int64
	hasLo, hasHi bool
}

// cond is the span as a condition, or "" for every row.
func (p *span) cond() string {
	if p == nil {
		return ""
	}
	var c []string
	if p.hasLo {
		c = append(c, keyCompare(p.key, ">=", p.lo))
	}
	if p.hasHi {
		c = append(c, keyCompare(p.key, "<", p.hi))
	}
	return strings.Join(c, " AND ")
}

// String says which rows a span holds, for tests.
func (p *span) String() string {
	switch {
	case p.hasLo && p.hasHi:
		return fmt.Sprintf("%s from %d to before %d", p.key.column, p.lo, p.hi)
	case p.hasLo:
		return fmt.Sprintf("%s from %d", p.key.column, p.lo)
	case p.hasHi:
		return fmt.Sprintf("%s before %d", p.key.column, p.hi)
	}
	return "every row"
}

// partOf is t's part, nil for the whole table.
func partOf(t connectors.Table) (*span, error) {
	if t.Part == nil {
		return nil, nil
	}
	p, ok := t.Part.Bounds.(*span)
	if !ok {
		return nil, fmt.Errorf("part %d of %d was not made by the mssql connector", t.Part.Index, t.Part.Count)
	}
	return p, nil
}

// partCond is the condition of t's part, "" for the whole table (or for a
// part another connector made, which the entry points refuse first).
func partCond(t connectors.Table) string {
	p, _ := partOf(t)
	return p.cond()
}

// Split cuts t into n parts by its primary key (see the top of this file).
func (s *source) Split(ctx context.Context, t connectors.Table, n int) ([]connectors.TablePart, error) {
	wrap := func(err error) error {
		return fmt.Errorf("splitting table %s: %w", qualified(t), err)
	}
	if n < 1 {
		return nil, wrap(fmt.Errorf("%d parts: must be at least 1", n))
	}
	if t.Part != nil {
		return nil, wrap(errors.New("a part cannot be split again"))
	}
	k, ok, err := s.keyOf(ctx, t)
	if err != nil {
		return nil, wrap(err)
	}
	if !ok {
		return nil, wrap(connectors.ErrCannotSplit)
	}
	var lo, hi sql.NullInt64
	err = s.run(ctx, func(ctx context.Context, q querier) error {
		return q.QueryRowContext(ctx, keyRangeQuery(t, k)).Scan(&lo, &hi)
	})
	if err != nil {
		return nil, wrap(fmt.Errorf("reading the key range: %w", err))
	}
	return cutRange(k, lo.Int64, hi.Int64, t.Rows, n), nil
}

// cutRange makes n parts of the key values [lo, hi] (see
// connectors.EvenCuts), the first open below and the last open above, each
// with its share of rows.
func cutRange(k tableKey, lo, hi int64, rows connectors.RowCount, n int) []connectors.TablePart {
	spanM1 := uint64(hi) - uint64(lo)
	if hi < lo {
		spanM1 = 0
	}
	cuts := connectors.EvenCuts(spanM1, n)
	parts := make([]connectors.TablePart, n)
	for i := range parts {
		p := &span{key: k}
		from, to := 0.0, float64(spanM1)+1
		if i > 0 {
			p.hasLo, p.lo = true, int64(uint64(lo)+cuts[i-1])
			from = float64(cuts[i-1])
		}
		if i < n-1 {
			p.hasHi, p.hi = true, int64(uint64(lo)+cuts[i])
			to = float64(cuts[i])
		}
		parts[i] = connectors.TablePart{Index: i, Count: n, Bounds: p}
		if rows.Known {
			share := (to - from) / (float64(spanM1) + 1)
			parts[i].Rows = connectors.RowCount{Value: int64(math.Round(share * float64(rows.Value))), Known: true}
		}
	}
	return parts
}

// chunkRows is how many rows the first chunk of ReadColumns asks for (a
// variable for tests).
var chunkRows = connectors.ChunkRows

// ReadColumns streams cols of every row of t (of its part, for a part),
// each value cut to connectors.MaxValueBytes: in chunks by key when its
// primary key is one clustered integer column, else in one statement, in
// whatever order the server reads them (see the top of this file). An
// error returned by fn stops the read and is returned as is.
func (s *source) ReadColumns(ctx context.Context, t connectors.Table, cols []connectors.Column, fn func(values []string) error) error {
	wrap := func(err error) error {
		return fmt.Errorf("reading table %s: %w", qualified(t), err)
	}
	if _, err := partOf(t); err != nil {
		return wrap(err)
	}
	p, err := s.planRead(ctx, t, cols)
	if err != nil {
		return wrap(err)
	}
	if mayChunk(t) {
		k, ok, err := s.keyOf(ctx, t)
		switch {
		case err != nil && ctx.Err() != nil:
			return wrap(err)
		case err == nil && ok && k.clustered:
			return s.readKeyset(ctx, t, k, p, wrap, fn)
		}
		// A catalog that does not say is no reason not to read: in one
		// statement.
	}
	values := make([]string, len(p.cols))
	read := make([]string, p.nRead)
	return s.runRead(ctx, wrap, func(ctx context.Context, q querier) error {
		rows, err := q.QueryContext(ctx, readQuery(t, p.list))
		if err != nil {
			return err
		}
		defer rows.Close()
		sc := newScanner(p)
		for rows.Next() {
			// database/sql notices cancellation asynchronously; checking
			// here stops the read at once.
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := rows.Scan(sc.ptrs...); err != nil {
				return err
			}
			sc.into(p, read)
			for i, j := range p.index {
				if j < 0 {
					values[i] = ""
				} else {
					values[i] = read[j]
				}
			}
			if err := fn(values); err != nil {
				return callerError{err}
			}
		}
		return rows.Err()
	})
}

// readKeyset reads t in chunks by its clustered integer key (see the top
// of this file).
func (s *source) readKeyset(ctx context.Context, t connectors.Table, k tableKey, p readPlan, wrap func(error) error, fn func(values []string) error) error {
	values := make([]string, len(p.cols))
	read := make([]string, p.nRead)
	m := chunkRows
	var after int64 // the key of the last row delivered
	var hasAfter bool
	for {
		got := 0
		start := time.Now()
		err := s.runRead(ctx, wrap, func(ctx context.Context, q querier) error {
			var from *int64
			if hasAfter {
				from = &after
			}
			rows, err := q.QueryContext(ctx, keysetQuery(t, k, p.list, from, m))
			if err != nil {
				return err
			}
			defer rows.Close()
			sc := newScanner(p)
			var key int64
			dest := append(sc.ptrs[:len(sc.ptrs):len(sc.ptrs)], &key)
			for rows.Next() {
				if err := ctx.Err(); err != nil {
					return err
				}
				if err := rows.Scan(dest...); err != nil {
					return err
				}
				sc.into(p, read)
				for i, j := range p.index {
					if j < 0 {
						values[i] = ""
					} else {
						values[i] = read[j]
					}
				}
				if err := fn(values); err != nil {
					return callerError{err}
				}
				got++
				after, hasAfter = key, true
			}
			return rows.Err()
		})
		var ce callerError
		floor := min(connectors.MinChunkRows, chunkRows)
		switch {
		case err != nil && errors.As(err, &ce):
			return err
		case err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) && m > floor:
			// Stopped by the statement timeout: again from the last row
			// delivered, a quarter as long.
			m = max(m/4, floor)
			continue
		case err != nil:
			return err
		case got < m:
			return nil
		}
		m = min(connectors.NextChunkRows(m, time.Since(start), s.opts.StatementTimeout), chunkRows)
	}
}

// CountRows counts a table's rows (its part's, for a part) exactly
// (COUNT_BIG(*): one scan of its smallest index, or of the part's range).
func (s *source) CountRows(ctx context.Context, t connectors.Table) (int64, error) {
	if _, err := partOf(t); err != nil {
		return 0, fmt.Errorf("counting rows of table %s: %w", qualified(t), err)
	}
	var n int64
	err := s.run(ctx, func(ctx context.Context, q querier) error {
		return q.QueryRowContext(ctx, countQuery(t)).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("counting rows of table %s: %w", qualified(t), err)
	}
	return n, nil
}

// where is " WHERE ..." for t's part and the extra conditions, or "".
func where(t connectors.Table, extra ...string) string {
	var c []string
	if pc := partCond(t); pc != "" {
		c = append(c, pc)
	}
	for _, e := range extra {
		if e != "" {
			c = append(c, e)
		}
	}
	if len(c) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c, " AND ")
}

// keyCompare compares a key with an integer this package computed,
// written as a literal of the key's own type, so that the comparison
// needs no conversion of the column and seeks its index.
func keyCompare(k tableKey, op string, v int64) string {
	return quoteIdent(k.column) + " " + op + " CAST(" + strconv.FormatInt(v, 10) + " AS " + k.typ + ")"
}
