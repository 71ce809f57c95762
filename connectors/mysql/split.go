package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// Parts and chunks.
//
// A table is split (Split) and read in chunks (ReadColumns) by its range
// key: the first column of its primary key, when that is an integer. InnoDB
// stores rows in primary key order, so a range of it is a contiguous read
// of the table; MyISAM and Aria read a range through the key's index.
//
// Split cuts the key range [min, max] (two seeks) into n runs of equal
// width, the first part open below and the last open above. Runs of equal
// width hold about equal rows when the keys are dense (an AUTO_INCREMENT
// id); gaps and outliers make parts uneven, never wrong. A table without
// such a key (no primary key, a key of text, a view) cannot be split.
//
// A full read (ReadColumns) of a table with a range key goes in chunks,
// each its own statement, in key order, so that no statement runs longer
// than a fraction of the statement timeout however large the table is
// (one statement reading a table too large for the timeout is stopped by
// the server: ER_STATEMENT_TIMEOUT):
//
//   - when the key is the whole primary key (unique), by keyset: WHERE key
//     > (the last key read) ORDER BY key LIMIT m, answered by the key's
//     index in order, without sorting. m starts at connectors.ChunkRows and
//     follows connectors.NextChunkRows: a chunk that took more than an
//     eighth of the timeout makes the next one smaller. A chunk stopped by
//     the statement timeout is read again, from the last row delivered, a
//     quarter as long, down to connectors.MinChunkRows. A lost connection
//     resumes the same way, from the last row delivered.
//   - when it is the first column of a longer key, which repeats: the key
//     m rows on is found first (LIMIT m, 1: a walk of the index), and the
//     chunk is the range of keys up to it; a run of one key longer than m
//     rows is a chunk of its own. A lost connection resumes within the
//     chunk, skipping (LIMIT offset) the rows already delivered.
//
// A table without a range key is read in one statement, as before: it
// has no order a second statement could continue from, and a statement
// timeout that such a table outlasts fails its read (the caller sets a
// longer --statement-timeout).

// rangeKey is the key a table is split and chunked by.
type rangeKey struct {
	column   string
	unsigned bool
	unique   bool // the primary key is this one column
}

// rangeKeyOf finds t's range key: the first column of its primary key,
// when it is an integer; ok is false when there is none.
func (s *source) rangeKeyOf(ctx context.Context, q querier, t connectors.Table) (k rangeKey, ok bool, err error) {
	type part struct {
		seq int
		col sql.NullString
	}
	var primary []part
	err = eachRow(ctx, q, keySQL(s.srv()), []any{t.Schema, t.Name}, func(r *sql.Rows) error {
		var index string
		var p part
		if err := r.Scan(&index, &p.seq, &p.col); err != nil {
			return err
		}
		if index == "PRIMARY" {
			primary = append(primary, p)
		}
		return nil
	})
	if err != nil {
		return rangeKey{}, false, fmt.Errorf("reading the table's primary key: %w", err)
	}
	sort.Slice(primary, func(i, j int) bool { return primary[i].seq < primary[j].seq })
	if len(primary) == 0 || !primary[0].col.Valid {
		return rangeKey{}, false, nil
	}
	col := primary[0].col.String
	var found bool
	err = eachRow(ctx, q, keyColumnsSQL(), []any{t.Schema, t.Name}, func(r *sql.Rows) error {
		var name, dataType, columnType, nullable string
		if err := r.Scan(&name, &dataType, &columnType, &nullable); err != nil {
			return err
		}
		// Column names are case-insensitive in MySQL and MariaDB.
		if !found && strings.EqualFold(name, col) && intTypes[strings.ToLower(dataType)] {
			found = true
			k = rangeKey{column: col, unsigned: strings.Contains(strings.ToLower(columnType), "unsigned"), unique: len(primary) == 1}
		}
		return nil
	})
	if err != nil {
		return rangeKey{}, false, fmt.Errorf("reading the key's type: %w", err)
	}
	return k, found, nil
}

// span is the rows of one part or chunk: key >= lo (when hasLo) and key <
// hi (when hasHi), the bounds as the bits of an int64, or of a uint64 for
// an unsigned key. It is TablePart.Bounds for this connector.
type span struct {
	key          string // the column, unquoted
	unsigned     bool
	lo, hi       uint64
	hasLo, hasHi bool
}

// cond is the span as a condition, or "" for every row.
func (p *span) cond() string {
	if p == nil {
		return ""
	}
	var c []string
	if p.hasLo {
		c = append(c, quoteIdent(p.key)+" >= "+formatKey(p.lo, p.unsigned))
	}
	if p.hasHi {
		c = append(c, quoteIdent(p.key)+" < "+formatKey(p.hi, p.unsigned))
	}
	return strings.Join(c, " AND ")
}

// String says which rows a span holds, for tests.
func (p *span) String() string {
	switch {
	case p.hasLo && p.hasHi:
		return fmt.Sprintf("%s from %s to before %s", p.key, formatKey(p.lo, p.unsigned), formatKey(p.hi, p.unsigned))
	case p.hasLo:
		return fmt.Sprintf("%s from %s", p.key, formatKey(p.lo, p.unsigned))
	case p.hasHi:
		return fmt.Sprintf("%s before %s", p.key, formatKey(p.hi, p.unsigned))
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
		return nil, fmt.Errorf("part %d of %d was not made by the mysql connector", t.Part.Index, t.Part.Count)
	}
	return p, nil
}

// Split cuts t into n parts by its range key (see the top of this file).
func (s *source) Split(ctx context.Context, t connectors.Table, n int) ([]connectors.TablePart, error) {
	if n < 1 {
		return nil, fmt.Errorf("splitting table %s: %d parts: must be at least 1", t.QualifiedName(), n)
	}
	if t.Part != nil {
		return nil, fmt.Errorf("splitting table %s: a part cannot be split again", t.QualifiedName())
	}
	var parts []connectors.TablePart
	var cannot bool
	err := s.repeat(ctx, func(sess *session) error {
		k, ok, err := s.rangeKeyOf(ctx, sess.conn, t)
		if err != nil {
			return err
		}
		if cannot = !ok; cannot {
			return nil
		}
		var lo, hi sql.NullString
		if err := sess.conn.QueryRowContext(ctx, rangeSQL(qualified(t.Schema, t.Name), k.column, "")).Scan(&lo, &hi); err != nil {
			return fmt.Errorf("reading the key range: %w", err)
		}
		var l, h uint64
		if lo.Valid && hi.Valid {
			var err1, err2 error
			l, err1 = parseKey(lo.String, k.unsigned)
			h, err2 = parseKey(hi.String, k.unsigned)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("reading the key range: %v", errors.Join(err1, err2))
			}
		}
		parts = cutRange(k, l, h, t.Rows, n)
		return nil
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("splitting table %s: %w", t.QualifiedName(), err)
	case cannot:
		return nil, fmt.Errorf("splitting table %s: %w", t.QualifiedName(), connectors.ErrCannotSplit)
	}
	return parts, nil
}

// cutRange makes n parts of the key values [lo, hi] (see
// connectors.EvenCuts), the first open below and the last open above, each
// with its share of rows.
func cutRange(k rangeKey, lo, hi uint64, rows connectors.RowCount, n int) []connectors.TablePart {
	spanM1 := hi - lo
	cuts := connectors.EvenCuts(spanM1, n)
	parts := make([]connectors.TablePart, n)
	for i := range parts {
		p := &span{key: k.column, unsigned: k.unsigned}
		from, to := 0.0, float64(spanM1)+1
		if i > 0 {
			p.hasLo, p.lo = true, lo+cuts[i-1]
			from = float64(cuts[i-1])
		}
		if i < n-1 {
			p.hasHi, p.hi = true, lo+cuts[i]
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

// chunkObserver, when set (by this package's tests), is told each
// statement ReadColumns reads rows with.
var chunkObserver func(query string)

// rowFault, when set (by this package's tests), is asked after every row
// a statement of ReadColumns delivers whether the statement fails there,
// as a server's error would fail it.
var rowFault func(query string, rows int64) error

func observeChunk(q string) {
	if chunkObserver != nil {
		chunkObserver(q)
	}
}

// ReadColumns streams cols of every row of t (of its part, for a part):
// in chunks, in key order, when t has a range key, else in one statement
// in storage order (see the top of this file). Each statement runs inside
// a read-only transaction. An error returned by fn stops the read and is
// returned as is. Stopping early (fn's error, or ctx) closes the
// connection rather than let the driver read the rest of the result off
// the network, which it would otherwise do.
//
// When the connection is lost mid-read, the read resumes (see repeat), so
// that fn sees every row once: by key (a keyset chunk), or by skipping on
// the server (LIMIT offset) the rows fn already had, which relies on a
// second read returning its rows in the same order, as a read of an
// unchanged table does (InnoDB reads in key order, MyISAM in file order).
// Rows written between two statements may be missed or seen twice, as with
// any read of a live table spread over several snapshots; a view whose
// plan changes in between may do the same.
func (s *source) ReadColumns(ctx context.Context, t connectors.Table, cols []connectors.Column, fn func(values []string) error) error {
	r := &reader{s: s, t: t, fn: fn, from: qualified(t.Schema, t.Name)}
	err := r.read(ctx, cols)
	if r.fnErr != nil {
		return r.fnErr
	}
	if err != nil {
		return fmt.Errorf("reading table %s: %w", t.QualifiedName(), err)
	}
	return nil
}

// reader is one ReadColumns.
type reader struct {
	s     *source
	t     connectors.Table
	fn    func(values []string) error
	fnErr error // fn's error, which stopped the read
	from  string
	part  *span
	p     readPlan
}

func (r *reader) read(ctx context.Context, cols []connectors.Column) error {
	part, err := partOf(r.t)
	if err != nil {
		return err
	}
	r.part = part
	var k rangeKey
	var keyed bool
	err = r.s.repeat(ctx, func(sess *session) error {
		var err error
		if r.p, err = r.s.planRead(ctx, sess.conn, r.t, cols, 0); err != nil {
			return err
		}
		k, keyed, err = r.s.rangeKeyOf(ctx, sess.conn, r.t)
		return err
	})
	switch {
	case err != nil:
		return err
	case !keyed:
		return r.whole(ctx, part.cond())
	case k.unique:
		return r.keyset(ctx, k)
	}
	return r.ranges(ctx, k)
}

// stream runs query in a read-only transaction on sess and hands each row
// to fn, then, when given, to delivered (which may read the columns after
// the list, a keyset read's key). It returns how many rows fn took.
func (r *reader) stream(ctx context.Context, sess *session, query string, delivered func(sc *scanner) error) (int64, error) {
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tx, err := r.s.begin(qctx, sess)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	observeChunk(query)
	rows, err := tx.QueryContext(qctx, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	sc := newScanner(r.p, rows)
	values := make([]string, len(r.p.cols))
	var n int64
	for rows.Next() {
		// database/sql notices cancellation asynchronously; checking here
		// stops the read at once.
		if err := ctx.Err(); err != nil {
			cancel()
			return n, err
		}
		if err := sc.scan(rows); err != nil {
			cancel()
			return n, err
		}
		for i, j := range r.p.index {
			if j < 0 {
				values[i] = ""
			} else {
				values[i] = connectors.Clip(sc.value(j), r.p.limit)
			}
		}
		if err := r.fn(values); err != nil {
			cancel()
			r.fnErr = err
			return n, err
		}
		n++
		if delivered != nil {
			if err := delivered(sc); err != nil {
				cancel()
				return n, err
			}
		}
		if rowFault != nil {
			if err := rowFault(query, n); err != nil {
				cancel()
				return n, err
			}
		}
	}
	return n, rows.Err()
}

// whole reads the rows of cond in one statement, resuming after a lost
// connection by skipping the rows delivered.
func (r *reader) whole(ctx context.Context, cond string) error {
	var delivered uint64
	return r.s.repeat(ctx, func(sess *session) error {
		n, err := r.stream(ctx, sess, readSQL(r.p.list, r.from, cond, delivered), nil)
		delivered += uint64(n)
		return err
	})
}

// keyset reads in chunks by a unique key (see the top of this file).
func (r *reader) keyset(ctx context.Context, k rangeKey) error {
	m := chunkRows
	after := "" // the key of the last row delivered
	cond := r.part.cond()
	timeout := r.s.opts.StatementTimeout
	for {
		var got int64
		var timedOut bool
		start := time.Now()
		err := r.s.repeat(ctx, func(sess *session) error {
			// The key of each row delivered is kept as scanned, and
			// rendered once, when the statement ends: rendering it for
			// every row would cost the read a tenth of its speed.
			var last any
			var buf []byte
			n, err := r.stream(ctx, sess, keysetSQL(r.p.list, r.from, k.column, cond, after, m), func(sc *scanner) error {
				last = sc.raw[len(sc.raw)-1]
				if b, ok := last.([]byte); ok {
					// The driver reuses its buffer for the next row.
					buf = append(buf[:0], b...)
					last = buf
				}
				return nil
			})
			if last != nil {
				after = render(last, renderPlain)
			}
			got = n
			timedOut = isMySQLError(err, erStatementTimeoutMaria, erStatementTimeoutMySQL)
			return err
		})
		took := time.Since(start)
		floor := min(connectors.MinChunkRows, chunkRows)
		switch {
		case err != nil && timedOut && r.fnErr == nil && m > floor:
			// Stopped by the statement timeout: again from the last row
			// delivered, a quarter as long.
			m = max(m/4, floor)
			continue
		case err != nil:
			return err
		case got < int64(m):
			return nil
		}
		m = min(connectors.NextChunkRows(m, took, timeout), chunkRows)
	}
}

// ranges reads in chunks of key ranges, for a key that repeats (see the
// top of this file).
func (r *reader) ranges(ctx context.Context, k rangeKey) error {
	m := chunkRows
	timeout := r.s.opts.StatementTimeout
	// lo is where the next chunk starts; the part's lower bound at first.
	lo := &span{key: k.column, unsigned: k.unsigned}
	if r.part != nil {
		lo.lo, lo.hasLo = r.part.lo, r.part.hasLo
	}
	for {
		chunk := &span{key: k.column, unsigned: k.unsigned, lo: lo.lo, hasLo: lo.hasLo}
		if r.part != nil {
			chunk.hi, chunk.hasHi = r.part.hi, r.part.hasHi
		}
		var end sql.NullString
		err := r.s.repeat(ctx, func(sess *session) error {
			return sess.conn.QueryRowContext(ctx, boundarySQL(r.from, k.column, chunk.cond(), m)).Scan(&end)
		})
		last := false
		switch {
		case errors.Is(err, sql.ErrNoRows):
			last = true // fewer than m rows left: the chunk is the rest
		case err != nil:
			return fmt.Errorf("finding where a chunk ends: %w", err)
		default:
			e, perr := parseKey(end.String, k.unsigned)
			if perr != nil {
				return fmt.Errorf("finding where a chunk ends: %w", perr)
			}
			if chunk.hasLo && e == chunk.lo {
				// One key holds m rows or more: the chunk is that key.
				if e == maxKey(k.unsigned) {
					last = true
				} else {
					e++
				}
			}
			if !last {
				chunk.hi, chunk.hasHi = e, true
			}
		}
		start := time.Now()
		var delivered uint64
		err = r.s.repeat(ctx, func(sess *session) error {
			n, err := r.stream(ctx, sess, readSQL(r.p.list, r.from, chunk.cond(), delivered), nil)
			delivered += uint64(n)
			return err
		})
		if err != nil {
			return err
		}
		if last {
			return nil
		}
		m = min(connectors.NextChunkRows(m, time.Since(start), timeout), chunkRows)
		lo.lo, lo.hasLo = chunk.hi, true
	}
}

// maxKey is the largest value of a key, as its bits.
func maxKey(unsigned bool) uint64 {
	if unsigned {
		return math.MaxUint64
	}
	return math.MaxInt64
}
