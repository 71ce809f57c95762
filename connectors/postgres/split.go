package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/jackc/pgx/v5"
)

// Parts and chunks.
//
// A table is split (Split) and read in chunks (ReadColumns) by where its
// rows are stored: ranges of pages, ctid >= '(p,0)' AND ctid < '(q,0)',
// which PostgreSQL 14 and later read with a TID range scan, touching only
// those pages. Pages hold a bounded number of rows, so page ranges of
// equal length are parts of about equal size whatever the keys look like.
// A partitioned table is cut the same way: the condition applies to each
// partition's own pages (every row is in one partition, at one ctid), so
// the parts are still disjoint and together every row.
//
// Split cuts [0, pages) into n runs of pages, pages being the relation's
// size now (its largest partition's, for a partitioned table), the first
// part open below and the last open above, so that rows written past the
// end since are still read once. Before PostgreSQL 14 a ctid range is a
// filter over a full scan, so every part would read the whole table: the
// table is cut by its primary key instead, when that is one integer column
// (the range [min, max] in n runs, each an index range), and not at all
// otherwise; the same for a partitioned table with a foreign partition
// (which has no pages) and for a view (no ctid, no key). A part by key is
// read with one cursor, as a whole table is.
//
// A full read by pages goes in chunks of about connectors.ChunkRows rows
// (pages at the table's rows per page), each chunk in a READ ONLY
// transaction of its own, in page order, each FETCH of it a statement of
// its own. The statement timeout bounds every FETCH in any case; chunks
// also bound how long one snapshot is held (a long transaction holds back
// VACUUM on the whole server) and how much a read lost mid-way reads
// again: it resumes within its chunk (see ReadColumns). A read that cannot
// go by pages (before 14, a view) is one cursor, as before.

// tidRangeScans says whether a server of this major version reads a ctid
// range without scanning the whole table (a variable for tests, which
// make a new server behave as an old one).
var tidRangeScans = func(major int) bool { return major >= 14 }

// span is the rows of one part, or of one chunk: pages [lo, hi) when key
// is "" (an end that is not has* is open), else key values [lo, hi) of the
// quoted integer column key. It is TablePart.Bounds for this connector.
type span struct {
	key          string
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
		c = append(c, p.expr(">=", p.lo))
	}
	if p.hasHi {
		c = append(c, p.expr("<", p.hi))
	}
	return strings.Join(c, " AND ")
}

func (p *span) expr(op string, v int64) string {
	if p.key == "" {
		return "ctid " + op + " '(" + strconv.FormatInt(v, 10) + ",0)'::tid"
	}
	return p.key + " " + op + " " + strconv.FormatInt(v, 10)
}

// String says which rows a span holds, for tests.
func (p *span) String() string {
	what := "pages"
	if p.key != "" {
		what = p.key
	}
	switch {
	case p.hasLo && p.hasHi:
		return fmt.Sprintf("%s from %d to before %d", what, p.lo, p.hi)
	case p.hasLo:
		return fmt.Sprintf("%s from %d", what, p.lo)
	case p.hasHi:
		return fmt.Sprintf("%s before %d", what, p.hi)
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
		return nil, fmt.Errorf("part %d of %d was not made by the postgres connector", t.Part.Index, t.Part.Count)
	}
	return p, nil
}

// target is what one read reads: a FROM item and the condition its rows
// meet ("" for every row).
type target struct {
	from, cond string
}

// where is " WHERE ..." for the target's condition and the extra ones, or "".
func (g target) where(extra ...string) string {
	var c []string
	if g.cond != "" {
		c = append(c, g.cond)
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

// leaf is one relation that stores rows of a table: the table itself, or
// each partition of a partitioned one (foreign ones included, which store
// none here).
type leaf struct {
	kind                      string
	reltuples, relpages, size float64 // size: pages now
}

// layout reads the leaves of rel (the relation itself when it is not
// partitioned).
func layout(ctx context.Context, tx pgx.Tx, rel *relation) ([]leaf, error) {
	rows, err := tx.Query(ctx, `
		WITH RECURSIVE tree(oid) AS (
			SELECT $1::oid
			UNION ALL
			SELECT i.inhrelid FROM tree
			JOIN pg_catalog.pg_class p ON p.oid = tree.oid AND p.relkind = 'p'
			JOIN pg_catalog.pg_inherits i ON i.inhparent = tree.oid
		)
		SELECT c.relkind::text, c.reltuples::float8, c.relpages::float8,
		       pg_catalog.pg_relation_size(c.oid)::float8 / current_setting('block_size')::float8
		FROM tree JOIN pg_catalog.pg_class c ON c.oid = tree.oid
		WHERE c.relkind <> 'p'`, rel.oid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []leaf
	for rows.Next() {
		var l leaf
		if err := rows.Scan(&l.kind, &l.reltuples, &l.relpages, &l.size); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// byPages says whether rel can be cut by pages: a table, materialized
// view, or partitioned table none of whose partitions is foreign, on a
// server with TID range scans.
func byPages(tx pgx.Tx, rel *relation, leaves []leaf) bool {
	if !tidRangeScans(serverMajor(tx.Conn().PgConn())) {
		return false
	}
	if rel.kind != "r" && rel.kind != "m" && rel.kind != "p" {
		return false
	}
	for _, l := range leaves {
		if l.kind != "r" && l.kind != "m" {
			return false
		}
	}
	return true
}

// pageSpan is the number of page numbers rel's leaves use: the largest
// leaf's pages.
func pageSpan(leaves []leaf) int64 {
	var n float64
	for _, l := range leaves {
		n = math.Max(n, l.size)
	}
	return int64(n)
}

// estimate is what the statistics say of the rows on pages [lo, hi) of
// every leaf (hi < 0: to the end), brought up to date by each leaf's size
// now; ok is false when some leaf has no statistics (never analyzed, or
// analyzed empty and written since).
func estimate(leaves []leaf, lo, hi float64) (rows float64, pages float64, ok bool) {
	ok = true
	for _, l := range leaves {
		if l.kind != "r" && l.kind != "m" {
			continue // a foreign partition: no pages, no statistics here
		}
		top := l.size
		if hi >= 0 {
			top = math.Min(top, hi)
		}
		p := math.Max(0, top-lo)
		pages += p
		switch {
		case l.reltuples < 0 || (l.reltuples == 0 && l.size > 0):
			ok = false
		case l.relpages > 0:
			rows += l.reltuples / l.relpages * p
		case l.size > 0:
			rows += l.reltuples / l.size * p
		}
	}
	return rows, pages, ok
}

// Split cuts t into n parts (see the top of this file).
func (s *source) Split(ctx context.Context, t connectors.Table, n int) ([]connectors.TablePart, error) {
	if n < 1 {
		return nil, fmt.Errorf("splitting table %s: %d parts: must be at least 1", display(t), n)
	}
	if t.Part != nil {
		return nil, fmt.Errorf("splitting table %s: a part cannot be split again", display(t))
	}
	var parts []connectors.TablePart
	lost, err := s.repeat(ctx, func() error {
		return s.readTx(ctx, func(tx pgx.Tx) error {
			var err error
			parts, err = s.split(ctx, tx, t, n)
			return err
		})
	})
	if errors.Is(err, connectors.ErrCannotSplit) {
		return nil, fmt.Errorf("splitting table %s: %w", display(t), err)
	}
	if err != nil {
		return nil, retried(fmt.Errorf("splitting table %s: %w", display(t), s.describe(ctx, err, false)), lost)
	}
	return parts, nil
}

// split is one attempt of Split, in tx.
func (s *source) split(ctx context.Context, tx pgx.Tx, t connectors.Table, n int) ([]connectors.TablePart, error) {
	rel, err := s.lookup(ctx, tx, t, true)
	if err != nil {
		return nil, err
	}
	var leaves []leaf
	if rel.kind != "v" {
		if leaves, err = layout(ctx, tx, rel); err != nil {
			return nil, err
		}
	}
	if byPages(tx, rel, leaves) {
		pages := pageSpan(leaves)
		parts := cutRange("", 0, max(pages-1, 0), n)
		for i := range parts {
			p := parts[i].Bounds.(*span)
			lo, hi := 0.0, -1.0
			if p.hasLo {
				lo = float64(p.lo)
			}
			if p.hasHi {
				hi = float64(p.hi)
			}
			if rows, _, ok := estimate(leaves, lo, hi); ok {
				parts[i].Rows = connectors.RowCount{Value: int64(math.Round(rows)), Known: true}
			}
		}
		return parts, nil
	}
	key, ok := integerKey(t, rel)
	if !ok {
		return nil, connectors.ErrCannotSplit
	}
	from := fromClause(rel.kind, t)
	var lo, hi *int64
	if err := tx.QueryRow(ctx, "SELECT min("+key+")::int8, max("+key+")::int8 FROM "+from).Scan(&lo, &hi); err != nil {
		return nil, err
	}
	if lo == nil || hi == nil {
		return cutRange(key, 0, 0, n), nil
	}
	parts := cutRange(key, *lo, *hi, n)
	if t.Rows.Known {
		width := float64(uint64(*hi)-uint64(*lo)) + 1
		for i := range parts {
			p := parts[i].Bounds.(*span)
			from, to := float64(*lo), float64(*hi)+1
			if p.hasLo {
				from = float64(p.lo)
			}
			if p.hasHi {
				to = float64(p.hi)
			}
			parts[i].Rows = connectors.RowCount{Value: int64(math.Round((to - from) / width * float64(t.Rows.Value))), Known: true}
		}
	}
	return parts, nil
}

// integerKey is t's primary key, quoted, when it is one column of an
// integer type.
func integerKey(t connectors.Table, rel *relation) (string, bool) {
	if len(t.PrimaryKey) != 1 {
		return "", false
	}
	c, ok := rel.cols[t.PrimaryKey[0]]
	if !ok || c.col.Kind != connectors.KindInteger {
		return "", false
	}
	return pgx.Identifier{c.col.Name}.Sanitize(), true
}

// cutRange makes n parts of [lo, hi] (see connectors.EvenCuts), the first
// open below and the last open above.
func cutRange(key string, lo, hi int64, n int) []connectors.TablePart {
	cuts := connectors.EvenCuts(uint64(hi)-uint64(lo), n)
	parts := make([]connectors.TablePart, n)
	for i := range parts {
		p := &span{key: key}
		if i > 0 {
			p.hasLo, p.lo = true, int64(uint64(lo)+cuts[i-1])
		}
		if i < n-1 {
			p.hasHi, p.hi = true, int64(uint64(lo)+cuts[i])
		}
		parts[i] = connectors.TablePart{Index: i, Count: n, Bounds: p}
	}
	return parts
}
