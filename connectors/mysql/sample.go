package mysql

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
)

// How Sample chooses rows.
//
// Nothing here sorts a table: ORDER BY RAND() reads and sorts every row on
// the server, and LIMIT on a plain SELECT returns the rows stored first,
// which is not a sample. Every Sample runs inside one read-only transaction
// on one connection, so its statements see one snapshot (InnoDB) and the
// pool is never asked for a second connection mid-sample.
//
//  1. Count the rows up to n+1. A table of at most n rows is read whole
//     (Complete when every row was read; a reservoir keeps n at random if
//     it grew meanwhile).
//  2. If the table has a probe key (the primary key, or else a unique
//     index, on one NOT NULL integer column; see findKey), draw distinct
//     random keys in [min, max] and fetch the rows that exist with
//     WHERE key IN (k1, ..., k500): each key is one B-tree seek, the keys
//     are spread over the whole range, and no contiguous range is ever
//     read. Keys are drawn n/density times over (density = rows / key
//     span, from the catalog estimate and then from the hits seen so far),
//     until n rows are found; when a batch brings more than are still
//     needed, the ones kept are chosen at random. Every existing row is
//     equally likely at each draw, so the result is a uniform sample
//     without replacement.
//  3. When probing would cost more than one pass (the keys are sparse,
//     or the table is small or narrow: see probeBytes), when probing finds
//     rows far more slowly than the estimate promised, or when there is
//     no probe key (or it is a view), the server reads the table once and
//     sends each row with probability p, by WHERE RAND(seed) < p, with p
//     set so that about 1.1 n rows + 4 sd come back by the catalog's
//     estimate; the client keeps a uniform n of them
//     with a reservoir. If fewer than n come back (the estimate was too
//     high), it reads again with a larger p, up to p = 1, a plain read of
//     every row. The trade-off: RAND() < p still makes the server read
//     every row (one sequential pass, no sort, no temporary table), but
//     only about n rows cross the network and are rendered. With no
//     estimate at all (a view), p is 1.
const (
	// maxKeys is the number of keys in one IN (...) probe.
	maxKeys = 500
	// probeBytes is what probing one key costs, in bytes of the server's
	// sequential pass with RAND() < p. Measured with BenchmarkProbe and
	// BenchmarkBernoulli (10,000 of 200,000 rows of 81 bytes, MariaDB 10.11
	// over loopback, everything cached, on a shared 2-CPU machine): a probe
	// took 4-7 µs once the ~1 µs of sending and rendering its row is taken
	// off, and the pass read 0.45-0.65 GB/s, so a probe costs about as much
	// as passing over 2-5 KB, depending on the run. 4 KB leans towards
	// probing, on purpose: on a server whose cache does not hold the table,
	// a pass reads every page from disk (and pushes other data out of the
	// buffer pool), while probes read only the pages holding the rows drawn.
	probeBytes = 4096
	// defaultRowBytes is the row size assumed when the catalog has none.
	defaultRowBytes = 100
	// maxProbesPerRow caps the expected probes per wanted row (a density of
	// 1/32); it bounds the memory of the set of keys already tried.
	maxProbesPerRow = 32
)

// errTooSparse says probing found rows much more slowly than the estimate
// promised; Sample then reads the table once instead.
var errTooSparse = errors.New("keys too sparse to probe")

// plan is how one Sample call reads a table.
type plan struct {
	whole    bool      // at most n rows: read them all
	probe    bool      // probe by key; otherwise one pass with RAND() < p
	key      sampleKey // the probe key
	lo       uint64    // min(key), as the bits of an int64 or a uint64
	spanM1   uint64    // max(key) - min(key)
	count    int64     // estimated rows; 0 when unknown
	rowBytes float64   // average row size, from the catalog
	density  float64   // rows per key value in [min, max]
}

// Sample reads up to n rows of t chosen uniformly at random; the comment at
// the top of this file says how.
func (s *source) Sample(ctx context.Context, t connectors.Table, cols []connectors.Column, n int) (*connectors.Sample, error) {
	if n <= 0 {
		return nil, fmt.Errorf("sampling table %s: sample size %d: must be positive", t.QualifiedName(), n)
	}
	var out *connectors.Sample
	err := s.repeat(ctx, func(sess *session) error {
		tx, err := s.begin(ctx, sess)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		rp, err := s.planRead(ctx, tx, t, cols, n)
		if err != nil {
			return err
		}
		// A table too wide to sample n rows of within
		// connectors.MaxSampleBytes is sampled with fewer.
		n := rp.rows
		part, err := partOf(t)
		if err != nil {
			return err
		}
		cond := part.cond()
		pl, err := s.plan(ctx, tx, t, cond, n)
		if err != nil {
			return err
		}
		from := qualified(t.Schema, t.Name)
		rng := s.rand(t)
		var got *connectors.Rows
		var counted int64 // every row, when a read returned them all
		switch {
		case pl.whole:
			got, counted, err = s.bernoulli(ctx, tx, from, cond, rp, n, 0, rng)
		case pl.probe:
			got, err = s.probe(ctx, tx, from, cond, rp, pl, n, rng)
			if errors.Is(err, errTooSparse) {
				got, counted, err = s.bernoulli(ctx, tx, from, cond, rp, n, pl.count, rng)
			} else if err == nil && got.Complete {
				counted = int64(got.Len()) // every key in range tried
			}
		default:
			got, counted, err = s.bernoulli(ctx, tx, from, cond, rp, n, pl.count, rng)
		}
		if err != nil {
			return err
		}
		out = got.Sample(rp.cols, rp.index)
		out.Counted = counted
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sampling table %s: %w", t.QualifiedName(), err)
	}
	return out, nil
}

// begin starts a read-only transaction on sess, where the server has them.
func (s *source) begin(ctx context.Context, sess *session) (*sql.Tx, error) {
	return sess.conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: s.srv().readOnlyTx()})
}

// withSession runs fn on a session of its own, guarded (see guard), and
// explains its error: the connection's loss as such, server errors as
// describe words them, never with the password.
func (s *source) withSession(ctx context.Context, fn func(*session) error) error {
	sess, err := s.session(ctx)
	if err != nil {
		return s.explain(err, nil)
	}
	defer sess.close()
	stop := s.guard(ctx, sess)
	err = fn(sess)
	stop(err)
	if err != nil {
		return s.explain(err, sess)
	}
	return nil
}

// explain words an operation's error (see withSession).
func (s *source) explain(err error, sess *session) error {
	if l := s.lost(err, sess); l != nil {
		return l
	}
	return scrub(describe(err, s.opts.StatementTimeout), s.pass)
}

// rand is the random source of one Sample call: crypto-seeded, or, when the
// source has a seed (tests), derived from it and the table's name.
func (s *source) rand(t connectors.Table) *rand.Rand {
	if s.seed != nil {
		h := fnv.New64a()
		h.Write([]byte(t.Schema + "\x00" + t.Name))
		return rand.New(rand.NewPCG(*s.seed, h.Sum64()))
	}
	var key [32]byte
	crand.Read(key[:]) // never fails (Go 1.24+ aborts the program instead)
	return rand.New(rand.NewChaCha8(key))
}

// plan decides how to read t: of the rows that meet cond (a part's, or
// every row when it is "").
func (s *source) plan(ctx context.Context, q querier, t connectors.Table, cond string, n int) (plan, error) {
	from := qualified(t.Schema, t.Name)
	var head int64
	if err := q.QueryRowContext(ctx, headSQL(from, cond, int64(n)+1)).Scan(&head); err != nil {
		return plan{}, err
	}
	if head <= int64(n) {
		return plan{whole: true}, nil
	}

	var rows, avg sql.NullInt64
	err := q.QueryRowContext(ctx, tableStatsSQL(), t.Schema, t.Name).Scan(&rows, &avg)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return plan{}, fmt.Errorf("reading the table's statistics: %w", err)
	}
	count := head // a lower bound, fresh
	switch {
	case t.Rows.Known:
		count = max(count, t.Rows.Value)
	case t.Part != nil:
		count = 0 // the table's statistics are not the part's: unknown
	case rows.Valid:
		count = max(count, rows.Int64)
	default:
		count = 0 // a view, say: unknown
	}
	pl := plan{count: count, rowBytes: defaultRowBytes}
	if avg.Valid && avg.Int64 > 0 {
		pl.rowBytes = float64(avg.Int64)
	}

	key, ok, err := findKey(ctx, q, s.srv(), t)
	if err != nil || !ok {
		return pl, err
	}
	var lo, hi sql.NullString
	if err := q.QueryRowContext(ctx, rangeSQL(from, key.column, cond)).Scan(&lo, &hi); err != nil {
		return plan{}, fmt.Errorf("reading the key range: %w", err)
	}
	if !lo.Valid || !hi.Valid {
		return plan{whole: true}, nil // emptied since it was counted
	}
	l, err1 := parseKey(lo.String, key.unsigned)
	h, err2 := parseKey(hi.String, key.unsigned)
	if err1 != nil || err2 != nil {
		return pl, nil // not what an integer key returns: do not probe
	}
	pl.key, pl.lo, pl.spanM1 = key, l, h-l
	if count == 0 {
		return pl, nil
	}
	span := float64(pl.spanM1) + 1
	pl.density = math.Min(1, float64(count)/span)
	pl.probe = float64(n)/pl.density <= probeBudget(count, pl.rowBytes, n)
	return pl, nil
}

// parseKey reads a key value as the bits of a uint64 (an int64's two's
// complement for signed columns), so that offsets are plain additions.
func parseKey(s string, unsigned bool) (uint64, error) {
	if unsigned {
		return strconv.ParseUint(s, 10, 64)
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return uint64(v), err
}

// formatKey writes a key value back as SQL text.
func formatKey(v uint64, unsigned bool) string {
	if unsigned {
		return strconv.FormatUint(v, 10)
	}
	return strconv.FormatInt(int64(v), 10)
}

// probeBudget is the most probes worth expecting to spend before one pass
// over the table (count rows of rowBytes) is cheaper.
func probeBudget(count int64, rowBytes float64, n int) float64 {
	return math.Min(float64(count)*rowBytes/probeBytes, float64(n)*maxProbesPerRow)
}

// readPlan is how the given columns of a table are read: the SELECT list,
// and for each requested column its index in that list, or -1 for a binary
// column, which is not read and renders as "".
type readPlan struct {
	cols  []connectors.Column
	list  string // the SELECT list; "NULL" when every column is binary
	index []int
	nRead int
	// rows is how many rows a sample keeps at most, and limit how many
	// bytes of a value (connectors.Budget): text and JSON columns are cut
	// on the server with LEFT(c, limit+1), so that a 10 MB note never
	// crosses the network whole, and a cut is still seen (more than limit
	// bytes arrive) when the rows are kept.
	rows, limit int
}

// planRead resolves cols (nil: every column of t) into a readPlan for a
// sample of n rows (0: a full read, whose values are cut to
// connectors.MaxValueBytes). When t carries no columns (the listing could
// not read them), they are read again, so the reason surfaces here.
func (s *source) planRead(ctx context.Context, q querier, t connectors.Table, cols []connectors.Column, n int) (readPlan, error) {
	if cols == nil {
		cols = t.Columns
	}
	if len(cols) == 0 {
		c, err := s.columns(ctx, q, t)
		if err != nil {
			return readPlan{}, err
		}
		cols = c
	}
	p := readPlan{cols: cols, index: make([]int, len(cols))}
	textCols := 0
	for _, c := range cols {
		if c.Kind == connectors.KindText || c.Kind == connectors.KindJSON {
			textCols++
		}
	}
	p.rows, p.limit = connectors.Budget(n, textCols)
	var list []string
	for i, c := range cols {
		if c.Kind == connectors.KindBinary {
			p.index[i] = -1
			continue
		}
		p.index[i] = len(list)
		if c.Kind == connectors.KindText || c.Kind == connectors.KindJSON {
			// Numbers and dates keep their type: rendering reads it.
			list = append(list, "LEFT("+quoteIdent(c.Name)+", "+strconv.Itoa(p.limit+1)+")")
		} else {
			list = append(list, quoteIdent(c.Name))
		}
	}
	p.nRead = len(list)
	if len(list) == 0 {
		list = []string{"NULL"} // still touches the table, so a missing one fails
	}
	p.list = strings.Join(list, ", ")
	return p, nil
}

// scanner scans rows of a readPlan's SELECT list into reused buffers.
type scanner struct {
	raw   []any
	ptrs  []any
	modes []renderMode
	nRead int
}

func newScanner(rp readPlan, rows *sql.Rows) *scanner {
	width := max(rp.nRead, 1)
	if cols, err := rows.Columns(); err == nil && len(cols) > width {
		width = len(cols) // columns after the list: a keyset read's key
	}
	sc := &scanner{raw: make([]any, width), nRead: rp.nRead}
	sc.ptrs = make([]any, len(sc.raw))
	for i := range sc.raw {
		sc.ptrs[i] = &sc.raw[i]
	}
	sc.modes = modesOf(rows, len(sc.raw))
	return sc
}

func (sc *scanner) scan(rows *sql.Rows) error { return rows.Scan(sc.ptrs...) }

// value renders scanned value i.
func (sc *scanner) value(i int) string { return render(sc.raw[i], sc.modes[i]) }

// row renders the scanned values; the slice is new each call.
func (sc *scanner) row() []string {
	r := make([]string, sc.nRead)
	for i := range r {
		r[i] = sc.value(i)
	}
	return r
}

// probe samples by random key lookups.
func (s *source) probe(ctx context.Context, q querier, from, cond string, rp readPlan, pl plan, n int, rng *rand.Rand) (*connectors.Rows, error) {
	budget := int64(2 * float64(n) * maxProbesPerRow)
	tried := make(map[uint64]struct{}, min(int64(float64(n)/pl.density*1.2)+16, int64(2*probeBudget(pl.count, pl.rowBytes, n))))
	draw := func() uint64 {
		for {
			var off uint64
			if pl.spanM1 == math.MaxUint64 {
				off = rng.Uint64()
			} else {
				off = rng.Uint64N(pl.spanM1 + 1)
			}
			if _, dup := tried[off]; !dup {
				tried[off] = struct{}{}
				return off
			}
		}
	}

	g := connectors.NewRows(rp.nRead, n)
	g.SetValueLimit(rp.limit)
	keys := make([]string, 0, maxKeys)
	var probes, found int64
	density := pl.density
	for g.Len() < n {
		need := n - g.Len()
		ask := int64(math.Ceil(float64(need)/density*1.1)) + 8
		if pl.spanM1 < math.MaxInt64 {
			untried := int64(pl.spanM1) + 1 - int64(len(tried))
			if untried <= 0 {
				g.Complete = true // every key in range tried: all rows read
				break
			}
			ask = min(ask, untried)
		}
		// Give up on probing when the rows turn out sparser than estimated:
		// once the probes spent and still expected pass twice what one pass
		// over the table, at the density seen so far, would cost, or the
		// bound on the set of tried keys.
		expected := float64(probes) + float64(need)/density
		estCount := max(int64(math.Min(density*(float64(pl.spanM1)+1), 1<<62)), int64(n)+1)
		if expected > 2*probeBudget(estCount, pl.rowBytes, n) || probes+ask > budget {
			return nil, errTooSparse
		}
		for done := int64(0); done < ask && g.Len() < n; done += maxKeys {
			k := int(min(maxKeys, ask-done))
			keys = keys[:0]
			for range k {
				keys = append(keys, formatKey(pl.lo+draw(), pl.key.unsigned))
			}
			batch, err := fetch(ctx, q, probeSQL(rp.list, from, pl.key.column, keys, cond), rp)
			if err != nil {
				return nil, err
			}
			probes += int64(k)
			found += int64(len(batch))
			g.AddUpTo(batch, n, rng)
		}
		if found > 0 {
			density = float64(found) / float64(probes)
		} else {
			density /= 4
		}
	}
	return g, nil
}

// fetch runs one probe and returns its rows, rendered.
func fetch(ctx context.Context, q querier, query string, rp readPlan) ([][]string, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sc := newScanner(rp, rows)
	var out [][]string
	for rows.Next() {
		if err := sc.scan(rows); err != nil {
			return nil, err
		}
		out = append(out, sc.row())
	}
	return out, rows.Err()
}

// bernoulli reads the table once, the server sending each row with
// probability p (all of them when est is 0 or small), and keeps a uniform n
// of what comes back; it reads again with a larger p when fewer than n
// came back. Complete is set when p was 1 and at most n rows exist. counted
// is the number of rows when p was 1 (every row came back; the transaction
// sees one snapshot on InnoDB), and 0 when only some of them came: the
// server read them all, but does not say how many there were.
func (s *source) bernoulli(ctx context.Context, q querier, from, cond string, rp readPlan, n int, est int64, rng *rand.Rand) (g *connectors.Rows, counted int64, err error) {
	p := 1.0
	if est > 0 {
		p = math.Min(1, (1.1*float64(n)+4*math.Sqrt(float64(n))+16)/float64(est))
	}
	for {
		g, seen, err := reservoir(ctx, q, bernoulliSQL(rp.list, from, cond, p, rng.Uint32()), rp, n, rng)
		if err != nil {
			return nil, 0, err
		}
		if p >= 1 {
			g.Complete = seen <= int64(n)
			return g, seen, nil
		}
		if seen >= int64(n) {
			return g, 0, nil
		}
		// The estimate was too high. Each pass is a fresh, independent
		// draw, so starting over keeps the sample uniform.
		grow := 4.0
		if seen > 0 {
			grow = math.Max(2, 1.5*float64(n)/float64(seen))
		}
		p = math.Min(1, p*grow)
	}
}

// reservoir streams a query's rows and keeps a uniform sample of n of them
// with Algorithm L (Li, 1994): after the first n rows it draws how many
// rows to skip, so most rows are stepped over without being scanned or
// rendered (they still cross the network). It returns how many rows came.
func reservoir(ctx context.Context, q querier, query string, rp readPlan, n int, rng *rand.Rand) (*connectors.Rows, int64, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	sc := newScanner(rp, rows)
	g := connectors.NewRows(rp.nRead, min(n, 4096))
	g.SetValueLimit(rp.limit)
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
				return nil, 0, err
			}
		}
		switch {
		case seen < int64(n):
			if err := sc.scan(rows); err != nil {
				return nil, 0, err
			}
			g.Add(sc.row())
		case seen == next:
			if err := sc.scan(rows); err != nil {
				return nil, 0, err
			}
			for i := range buf {
				buf[i] = sc.value(i)
			}
			g.Set(rng.IntN(n), buf)
			w *= math.Exp(math.Log(u()) / float64(n))
			next += skip() + 1
		}
		seen++
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return g, seen, nil
}

// CountRows counts a table's rows (its part's, for a part) exactly,
// within the statement timeout.
func (s *source) CountRows(ctx context.Context, t connectors.Table) (int64, error) {
	part, err := partOf(t)
	if err != nil {
		return 0, fmt.Errorf("counting rows of table %s: %w", t.QualifiedName(), err)
	}
	var n int64
	err = s.repeat(ctx, func(sess *session) error {
		return sess.conn.QueryRowContext(ctx, countSQL(qualified(t.Schema, t.Name), part.cond())).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("counting rows of table %s: %w", t.QualifiedName(), err)
	}
	return n, nil
}
