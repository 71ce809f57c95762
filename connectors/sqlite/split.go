package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
)

// Parts and chunks.
//
// A table is split (Split) and read in chunks (ReadColumns) by its key:
// the rowid of an ordinary table, or the primary key of a WITHOUT ROWID
// table when it is one column. The rowid is the B-tree every row lives
// in, so a range of it is a seek and a contiguous read, and reading in
// rowid order is reading in storage order.
//
// Split cuts the key range [min, max] into n runs of equal width, the
// first open below and the last open above; min and max are each one
// seek. Only an integer key can be cut that way: a WITHOUT ROWID key must
// have INTEGER affinity (its declared type says INT). Such a column may
// still hold a text or blob value; SQLite orders those after every number,
// so they fall in the last part, which is open above. Views, virtual
// tables and WITHOUT ROWID tables of another key cannot be split.
//
// A full read (ReadColumns) of a table with a key goes in chunks of
// connectors.ChunkRows rows, each its own statement, by keyset: WHERE key
// > (the last key read) ORDER BY key LIMIT m, which SQLite answers by
// seeking in the key's B-tree, without sorting. A chunk holds SQLite's
// shared lock for its own length only, so that, in rollback-journal mode,
// a writing application waits for one chunk, never for a whole pass. Any
// key a WITHOUT ROWID table has in one column serves for chunks (its
// values need not be integers: SQLite compares all of them in one order).
// A table without such a key is read in one statement, as before.

// readKey is the key a table is split and chunked by.
type readKey struct {
	expr string // the key as SQL: a rowid alias, or a quoted column
	// integer is true when the key's values are integers (the rowid), or
	// numbers first and then, beyond them, text (an INTEGER-affinity
	// column), so that integer ranges split it.
	integer bool
}

// keyOf finds t's read key; ok is false when it has none.
func (s *source) keyOf(ctx context.Context, t connectors.Table) (k readKey, ok bool, err error) {
	var typ string
	var withoutRowid int
	err = s.db.QueryRowContext(ctx,
		`SELECT type, wr FROM pragma_table_list WHERE schema = 'main' AND name = ?`, t.Name).Scan(&typ, &withoutRowid)
	if errors.Is(err, sql.ErrNoRows) {
		return readKey{}, false, fmt.Errorf("no such table")
	}
	if err != nil {
		return readKey{}, false, fmt.Errorf("reading the table's kind: %w", err)
	}
	if typ != "table" {
		return readKey{}, false, nil // a view, a virtual or shadow table
	}
	if withoutRowid == 0 {
		rowid, err := s.rowidName(ctx, t.Name)
		if err != nil || rowid == "" {
			return readKey{}, false, err
		}
		return readKey{expr: rowid, integer: true}, true, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name, type FROM pragma_table_info(?, 'main') WHERE pk > 0`, t.Name)
	if err != nil {
		return readKey{}, false, fmt.Errorf("reading the primary key: %w", err)
	}
	defer rows.Close()
	var names, types []string
	for rows.Next() {
		var n, ty string
		if err := rows.Scan(&n, &ty); err != nil {
			return readKey{}, false, fmt.Errorf("reading the primary key: %w", err)
		}
		names, types = append(names, n), append(types, ty)
	}
	if err := rows.Err(); err != nil {
		return readKey{}, false, fmt.Errorf("reading the primary key: %w", err)
	}
	if len(names) != 1 {
		return readKey{}, false, nil
	}
	// INTEGER affinity: the declared type contains INT
	// (https://www.sqlite.org/datatype3.html#determination_of_column_affinity).
	return readKey{expr: quoteIdent(names[0]), integer: strings.Contains(strings.ToUpper(types[0]), "INT")}, true, nil
}

// span is the rows of one part: key >= lo (when hasLo) and key < hi (when
// hasHi). It is TablePart.Bounds for this connector.
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
		c = append(c, p.key+" >= "+strconv.FormatInt(p.lo, 10))
	}
	if p.hasHi {
		c = append(c, p.key+" < "+strconv.FormatInt(p.hi, 10))
	}
	return strings.Join(c, " AND ")
}

// partOf is t's part, nil for the whole table.
func partOf(t connectors.Table) (*span, error) {
	if t.Part == nil {
		return nil, nil
	}
	p, ok := t.Part.Bounds.(*span)
	if !ok {
		return nil, fmt.Errorf("part %d of %d was not made by the sqlite connector", t.Part.Index, t.Part.Count)
	}
	return p, nil
}

// where is " WHERE c" for t's part and the extra conditions, or "".
func where(t connectors.Table, extra ...string) (string, error) {
	p, err := partOf(t)
	if err != nil {
		return "", err
	}
	var c []string
	if pc := p.cond(); pc != "" {
		c = append(c, pc)
	}
	for _, e := range extra {
		if e != "" {
			c = append(c, e)
		}
	}
	if len(c) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(c, " AND "), nil
}

// Split cuts t into n parts by its key (see the top of this file).
func (s *source) Split(ctx context.Context, t connectors.Table, n int) ([]connectors.TablePart, error) {
	wrap := func(err error) error {
		return fmt.Errorf("splitting table %s: %w", qualified(t.Name), err)
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
	if !ok || !k.integer {
		return nil, wrap(connectors.ErrCannotSplit)
	}
	from := qualified(t.Name)
	// Numbers sort before every text value: max below '' is the largest
	// number (for a rowid, the largest rowid). Each is one seek.
	var lo, hi any
	if err := s.db.QueryRowContext(ctx,
		"SELECT (SELECT min("+k.expr+") FROM "+from+"), (SELECT max("+k.expr+") FROM "+from+" WHERE "+k.expr+" < '')").Scan(&lo, &hi); err != nil {
		return nil, wrap(fmt.Errorf("reading the key range: %w", err))
	}
	min, okLo := bound(lo, math.Floor)
	max, okHi := bound(hi, math.Ceil)
	return cut(k.expr, min, max, okLo && okHi, t.Rows, n), nil
}

// bound reads a key's extreme as an integer: an integer as it is, a real
// rounded outwards (round) into the int64 range; ok is false for anything
// else (NULL: no number in the table; text or a blob in the first place:
// no number either).
func bound(v any, round func(float64) float64) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case float64:
		if math.IsNaN(v) {
			return 0, false
		}
		return clampInt(round(v)), true
	}
	return 0, false
}

// clampInt converts a float key bound to the int64 range.
func clampInt(f float64) int64 {
	switch {
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

// cut makes n parts of the key range [min, max] (any when !known: an empty
// table, whose parts are all empty but the last), the first open below and
// the last open above, each with its share of rows.
func cut(key string, min, max int64, known bool, rows connectors.RowCount, n int) []connectors.TablePart {
	spanM1 := uint64(max) - uint64(min)
	if !known || max < min {
		min, spanM1 = 0, 0
	}
	cuts := connectors.EvenCuts(spanM1, n)
	parts := make([]connectors.TablePart, n)
	for i := range parts {
		p := &span{key: key}
		if i > 0 {
			p.hasLo, p.lo = true, int64(uint64(min)+cuts[i-1])
		}
		if i < n-1 {
			p.hasHi, p.hi = true, int64(uint64(min)+cuts[i])
		}
		// The share of [min, max] the part covers (in floating point:
		// the whole int64 range has 2^64 values).
		from, to := 0.0, float64(spanM1)+1
		if i > 0 {
			from = float64(cuts[i-1])
		}
		if i < n-1 {
			to = float64(cuts[i])
		}
		share := (to - from) / (float64(spanM1) + 1)
		part := connectors.TablePart{Index: i, Count: n, Bounds: p}
		if rows.Known {
			part.Rows = connectors.RowCount{Value: int64(math.Round(share * float64(rows.Value))), Known: true}
		}
		parts[i] = part
	}
	return parts
}

// String says which rows a span holds, for tests.
func (p *span) String() string {
	switch {
	case p.hasLo && p.hasHi:
		return fmt.Sprintf("%s from %d to before %d", p.key, p.lo, p.hi)
	case p.hasLo:
		return fmt.Sprintf("%s from %d", p.key, p.lo)
	case p.hasHi:
		return fmt.Sprintf("%s before %d", p.key, p.hi)
	}
	return "every row"
}
