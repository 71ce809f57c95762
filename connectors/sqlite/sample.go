package sqlite

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
)

// How Sample chooses rows.
//
// A rowid table is sampled by probing: draw distinct random rowids in
// [min(rowid), max(rowid)], fetch the rows that exist with WHERE rowid IN
// (...), and draw again until n rows are found. Each probe is a B-tree seek,
// so the cost is about n/density seeks whatever the table's size, the rows
// come from all over the table, and nothing is sorted. Every existing row is
// equally likely at each draw, so the result is a uniform sample without
// replacement.
//
// Probing loses to one sequential pass when the rowids are sparse (a few
// huge gaps) or when n is a large part of the table; then, inside one read
// transaction (one snapshot), Sample reads only the rowids, in one pass,
// keeping a reservoir of n of them (Algorithm L, uniform without
// replacement), which also counts the rows exactly, and then reads the
// chosen rows with WHERE rowid IN (...), maxParams at a time, in rowid
// order. The rowid pass decodes one integer per row, and SQLite can answer
// it from the table's smallest index, where one pass over whole rows
// decoded every column of every row: BenchmarkSampleReservoir (10,000 of
// 30,000 ten-column rows) went from 141 to 87 ms (medians of 8 alternated
// runs) and from 703k to 312k allocations. As both passes see the same
// snapshot, every chosen row is found and the sample has n rows.
//
// WITHOUT ROWID and virtual tables have no rowid to fetch rows by: Sample
// reads them once, in storage order, keeping a reservoir of whole rows. A
// table of at most n rows is read whole the same way and marked Complete.
const (
	// maxParams is the number of rowids bound to one IN (...) query.
	maxParams = 500
	// probeCost is what one rowid probe costs, in rows of a sequential
	// scan. Measured with BenchmarkSample and BenchmarkScan (10,000 of
	// 200,000 rows, 5 columns): ~7 µs per probed row against ~1.9 µs per
	// scanned row, so about 3.7; 4 leans towards the single pass.
	probeCost = 4
	// maxProbesPerRow caps the expected probes per wanted row (a density of
	// 1/32); it bounds the memory of the set of rowids already tried.
	maxProbesPerRow = 32
)

// errTooSparse says probing found rows much more slowly than the row count
// promised (the table changed since it was counted); Sample then reads the
// table once instead.
var errTooSparse = errors.New("rowids too sparse to probe")

// plan is how one Sample call reads a table.
type plan struct {
	scan    bool   // one sequential pass with a reservoir
	rowid   string // the name that reaches the rowid: rowid, _rowid_ or oid
	min     int64
	spanM1  uint64 // max(rowid) - min(rowid), as an unsigned distance
	count   int64
	counted bool    // count was just counted, not taken from the listing
	density float64 // rows per rowid in [min, max]
}

// Sample reads up to n rows of t chosen uniformly at random; the comment at
// the top of this file says how.
func (s *source) Sample(ctx context.Context, t connectors.Table, cols []connectors.Column, n int) (*connectors.Sample, error) {
	wrap := func(err error) error {
		return fmt.Errorf("sampling table %s: %w", qualified(t.Name), err)
	}
	if n <= 0 {
		return nil, wrap(fmt.Errorf("sample size %d: must be positive", n))
	}
	rp, err := s.planRead(ctx, t, cols, n)
	if err != nil {
		return nil, wrap(err)
	}
	// A table too wide to sample n rows of within connectors.MaxSampleBytes
	// is sampled with fewer.
	n = rp.rows
	pl, err := s.plan(ctx, t, n)
	if err != nil {
		return nil, wrap(err)
	}
	rng := s.rand(t)
	var got *connectors.Rows
	var seen int64 // rows the one pass read, all of them
	if !pl.scan {
		got, err = s.probe(ctx, t, rp, pl, n, rng)
		if errors.Is(err, errTooSparse) {
			pl.scan = true
		} else if err != nil {
			return nil, wrap(err)
		}
	}
	if pl.scan {
		if pl.rowid != "" {
			got, seen, err = s.rowidReservoir(ctx, t, rp, pl.rowid, n, rng)
		} else {
			got, seen, err = s.reservoir(ctx, t, rp, n, rng)
		}
		if err != nil {
			return nil, wrap(err)
		}
	}
	out := got.Sample(rp.cols, rp.index)
	switch {
	case pl.scan:
		out.Counted = seen
	case out.Complete:
		out.Counted = int64(out.Rows) // probing tried every rowid in range
	case pl.counted && t.Part != nil:
		// A part's count is not in the listing; plan counted it.
		out.Counted = pl.count
	}
	return out, nil
}

// rand is the random source of one Sample call: crypto-seeded, or, when the
// source has a seed (tests), derived from it and the table's name.
func (s *source) rand(t connectors.Table) *rand.Rand {
	if s.seed != nil {
		h := fnv.New64a()
		h.Write([]byte(t.QualifiedName()))
		return rand.New(rand.NewPCG(*s.seed, h.Sum64()))
	}
	var key [32]byte
	crand.Read(key[:]) // never fails (Go 1.24+ aborts the program instead)
	return rand.New(rand.NewChaCha8(key))
}

// plan decides between probing and one pass. For a part of a table
// (t.Part), everything is of the part's rows: its count, its rowid range.
func (s *source) plan(ctx context.Context, t connectors.Table, n int) (plan, error) {
	from := qualified(t.Name)
	w, err := where(t)
	if err != nil {
		return plan{}, err
	}
	// At most n rows? Counting only up to n+1 keeps this cheap on a big table.
	var head int64
	if err := s.db.QueryRowContext(ctx,
		"SELECT count(*) FROM (SELECT 1 FROM "+from+w+" LIMIT ?)", n+1).Scan(&head); err != nil {
		return plan{}, err
	}
	if head <= int64(n) {
		return plan{scan: true}, nil
	}

	// Only an ordinary table with a rowid can be probed: a WITHOUT ROWID
	// table has none, and a virtual table may answer rowid IN (...) with a
	// full scan per query.
	var typ string
	var withoutRowid int
	err = s.db.QueryRowContext(ctx,
		`SELECT type, wr FROM pragma_table_list WHERE schema = 'main' AND name = ?`, t.Name).Scan(&typ, &withoutRowid)
	if err != nil {
		return plan{}, fmt.Errorf("reading the table's kind: %w", err)
	}
	if typ != "table" || withoutRowid != 0 {
		return plan{scan: true}, nil
	}

	// A column named rowid hides the rowid; _rowid_ and oid are its other
	// names (https://www.sqlite.org/lang_createtable.html#rowid).
	rowid, err := s.rowidName(ctx, t.Name)
	if err != nil {
		return plan{}, err
	}
	if rowid == "" {
		return plan{scan: true}, nil
	}

	// Two sub-queries, because SQLite's min/max optimisation (one seek to
	// either end of the B-tree) applies only to a lone min() or max().
	var lo, hi sql.NullInt64
	if err := s.db.QueryRowContext(ctx,
		"SELECT (SELECT min("+rowid+") FROM "+from+w+"), (SELECT max("+rowid+") FROM "+from+w+")").Scan(&lo, &hi); err != nil {
		return plan{}, fmt.Errorf("reading the rowid range: %w", err)
	}
	if !lo.Valid || !hi.Valid {
		return plan{scan: true}, nil // emptied since it was counted
	}

	count, counted := int64(0), false
	if t.Rows.Known && t.Rows.Exact {
		count = t.Rows.Value
	} else {
		if count, err = s.count(ctx, t); err != nil {
			return plan{}, fmt.Errorf("counting rows: %w", err)
		}
		counted = true
	}
	count = max(count, head) // head is fresh; the listing's count may be stale
	return densityPlan(rowid, lo.Int64, hi.Int64, count, n, counted), nil
}

// densityPlan decides between probing rowids in [lo, hi] and one pass,
// for count rows (counted: just counted, exactly).
func densityPlan(rowid string, lo, hi, count int64, n int, counted bool) plan {
	pl := plan{rowid: rowid, min: lo, spanM1: uint64(hi) - uint64(lo), count: count, counted: counted}
	span := float64(pl.spanM1) + 1
	pl.density = math.Min(1, float64(count)/span)
	if float64(n)/pl.density > probeBudget(count, n) {
		pl.scan = true
	}
	return pl
}

// probeBudget is the most probes worth expecting to spend before one pass
// over the table is cheaper.
func probeBudget(count int64, n int) float64 {
	return math.Min(float64(count)/probeCost, float64(n)*maxProbesPerRow)
}

// rowidName is the first of rowid, _rowid_, oid that no column of the table
// takes, or "" when the table has columns of all three names.
func (s *source) rowidName(ctx context.Context, table string) (string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT lower(name) FROM pragma_table_xinfo(?, 'main')`, table)
	if err != nil {
		return "", fmt.Errorf("reading columns: %w", err)
	}
	defer rows.Close()
	taken := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return "", fmt.Errorf("reading columns: %w", err)
		}
		taken[c] = true
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("reading columns: %w", err)
	}
	for _, name := range []string{"rowid", "_rowid_", "oid"} {
		if !taken[name] {
			return name, nil
		}
	}
	return "", nil
}

// scanner scans rows of a readPlan's SELECT list into reused buffers.
type scanner struct {
	raw  []any
	ptrs []any
}

func newScanner(rp readPlan) *scanner {
	sc := &scanner{raw: make([]any, max(rp.nRead, 1))}
	sc.ptrs = make([]any, len(sc.raw))
	for i := range sc.raw {
		sc.ptrs[i] = &sc.raw[i]
	}
	return sc
}

// row renders the scanned values; the slice is new each call.
func (sc *scanner) row(nRead int) []string {
	r := make([]string, nRead)
	for i := range r {
		r[i] = render(sc.raw[i])
	}
	return r
}

// probe samples by random rowid lookups.
func (s *source) probe(ctx context.Context, t connectors.Table, rp readPlan, pl plan, n int, rng *rand.Rand) (*connectors.Rows, error) {
	q, err := inQuery(t, rp, pl.rowid)
	if err != nil {
		return nil, err
	}
	stmt, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()

	budget := int64(2 * float64(n) * maxProbesPerRow)
	tried := make(map[int64]struct{}, min(int64(float64(n)/pl.density*1.2)+16, int64(2*probeBudget(pl.count, n))))
	draw := func() int64 {
		for {
			var off uint64
			if pl.spanM1 == math.MaxUint64 {
				off = rng.Uint64()
			} else {
				off = rng.Uint64N(pl.spanM1 + 1)
			}
			id := int64(uint64(pl.min) + off)
			if _, dup := tried[id]; !dup {
				tried[id] = struct{}{}
				return id
			}
		}
	}

	g := connectors.NewRows(rp.nRead, n)
	g.SetValueLimit(rp.limit)
	sc := newScanner(rp)
	args := make([]any, maxParams)
	var probes, found int64
	density := pl.density
	for g.Len() < n {
		need := n - g.Len()
		ask := int64(math.Ceil(float64(need)/density*1.1)) + 8
		if pl.spanM1 < math.MaxInt64 {
			untried := int64(pl.spanM1) + 1 - int64(len(tried))
			if untried <= 0 {
				g.Complete = true // every rowid in range tried: all rows read
				break
			}
			ask = min(ask, untried)
		}
		// Give up on probing when the rows turn out sparser than counted
		// (the count was stale): once the probes spent and still expected
		// pass twice what one pass over the table, at the density seen so
		// far, would cost, or the bound on the set of tried rowids.
		expected := float64(probes) + float64(need)/density
		estCount := max(int64(math.Min(density*(float64(pl.spanM1)+1), 1<<62)), int64(n)+1)
		if expected > 2*probeBudget(estCount, n) || probes+ask > budget {
			return nil, errTooSparse
		}
		for done := int64(0); done < ask && g.Len() < n; done += maxParams {
			k := int(min(maxParams, ask-done))
			for i := 0; i < k; i++ {
				args[i] = draw()
			}
			batch, err := s.fetch(ctx, stmt, args, k, sc, rp.nRead)
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

// inQuery is the statement that reads rp's columns of the rows of t (of
// its part) whose rowids are bound to its maxParams parameters.
func inQuery(t connectors.Table, rp readPlan, rowid string) (string, error) {
	marks := strings.TrimSuffix(strings.Repeat("?,", maxParams), ",")
	w, err := where(t, rowid+" IN ("+marks+")")
	if err != nil {
		return "", err
	}
	return "SELECT " + rp.list + " FROM " + qualified(t.Name) + w, nil
}

// fetch runs one IN (...) batch of inQuery for the k rowids in args[:k]
// and returns their rows, rendered. A short batch repeats its first rowid,
// which IN (...) matches once, so that one statement serves every batch.
func (s *source) fetch(ctx context.Context, stmt *sql.Stmt, args []any, k int, sc *scanner, nRead int) ([][]string, error) {
	for i := k; i < len(args); i++ {
		args[i] = args[0]
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		if err := rows.Scan(sc.ptrs...); err != nil {
			return nil, err
		}
		out = append(out, sc.row(nRead))
	}
	return out, rows.Err()
}

// algL is Algorithm L (Li, 1994) for a reservoir of n rows: after the
// first n rows it draws how many rows to skip, so most rows are stepped
// over without being scanned or rendered.
type algL struct {
	n    int
	w    float64
	next int64 // index of the next row to take
	rng  *rand.Rand
}

func newAlgL(n int, rng *rand.Rand) *algL {
	a := &algL{n: n, rng: rng}
	a.w = math.Exp(math.Log(a.u()) / float64(n))
	a.next = int64(n) + a.skip()
	return a
}

// u is uniform in (0, 1]: its log is finite.
func (a *algL) u() float64 { return 1 - a.rng.Float64() }

func (a *algL) skip() int64 {
	s := math.Floor(math.Log(a.u()) / math.Log(1-a.w))
	if s > math.MaxInt64/2 || math.IsNaN(s) {
		return math.MaxInt64 / 2
	}
	return int64(s)
}

// take is the slot that row a.next replaces; it moves a.next on.
func (a *algL) take() int {
	slot := a.rng.IntN(a.n)
	a.w *= math.Exp(math.Log(a.u()) / float64(a.n))
	a.next += a.skip() + 1
	return slot
}

// reservoirPass reads rows to their end and keeps n of them chosen
// uniformly with Algorithm L, through keep: keep(-1) for each of the first
// n rows (to be added), keep(slot) for a later row that replaces the one
// in slot. Rows not kept are stepped over, never scanned. It returns how
// many rows there were.
func reservoirPass(ctx context.Context, rows *sql.Rows, n int, rng *rand.Rand, keep func(slot int) error) (int64, error) {
	a := newAlgL(n, rng)
	var seen int64
	for rows.Next() {
		if seen&255 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		switch {
		case seen < int64(n):
			if err := keep(-1); err != nil {
				return 0, err
			}
		case seen == a.next:
			if err := keep(a.take()); err != nil {
				return 0, err
			}
		}
		seen++
	}
	return seen, rows.Err()
}

// reservoir reads the table once, in storage order, keeping a uniform
// sample of n rows with Algorithm L. It returns how many rows the table
// held: one statement sees one snapshot, so that is an exact count.
func (s *source) reservoir(ctx context.Context, t connectors.Table, rp readPlan, n int, rng *rand.Rand) (*connectors.Rows, int64, error) {
	cond, err := where(t)
	if err != nil {
		return nil, 0, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+rp.list+" FROM "+qualified(t.Name)+cond)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	sc := newScanner(rp)
	g := connectors.NewRows(rp.nRead, min(n, 4096))
	g.SetValueLimit(rp.limit)
	buf := make([]string, rp.nRead)
	seen, err := reservoirPass(ctx, rows, n, rng, func(slot int) error {
		if err := rows.Scan(sc.ptrs...); err != nil {
			return err
		}
		if slot < 0 {
			g.Add(sc.row(rp.nRead))
			return nil
		}
		for i := range buf {
			buf[i] = render(sc.raw[i])
		}
		g.Set(slot, buf)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	g.Complete = seen <= int64(n)
	return g, seen, nil
}

// rowidReservoir is reservoir for a table with a rowid, in two passes in
// one read transaction, so both see the same snapshot: the first reads
// only the rowids (SQLite answers it from the smallest index, or steps
// over the rows' payloads) and keeps a reservoir of n of them with
// Algorithm L, and the second reads the chosen rows by rowid, maxParams at
// a time, in rowid order. It returns how many rows the table held, exactly.
func (s *source) rowidReservoir(ctx context.Context, t connectors.Table, rp readPlan, rowid string, n int, rng *rand.Rand) (*connectors.Rows, int64, error) {
	cond, err := where(t)
	if err != nil {
		return nil, 0, err
	}
	q, err := inQuery(t, rp, rowid)
	if err != nil {
		return nil, 0, err
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()

	ids, seen, err := reservoirIDs(ctx, tx, "SELECT "+rowid+" FROM "+qualified(t.Name)+cond, n, rng)
	if err != nil {
		return nil, 0, err
	}
	slices.Sort(ids) // neighbouring rows in a batch: fewer pages visited

	stmt, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	defer stmt.Close()
	sc := newScanner(rp)
	g := connectors.NewRows(rp.nRead, len(ids))
	g.SetValueLimit(rp.limit)
	args := make([]any, maxParams)
	for done := 0; done < len(ids); done += maxParams {
		k := min(maxParams, len(ids)-done)
		for i, id := range ids[done : done+k] {
			args[i] = id
		}
		batch, err := s.fetch(ctx, stmt, args, k, sc, rp.nRead)
		if err != nil {
			return nil, 0, err
		}
		// The snapshot is the first pass's, so every chosen row is found.
		for _, row := range batch {
			g.Add(row)
		}
	}
	g.Complete = seen <= int64(n)
	return g, seen, nil
}

// reservoirIDs runs q, which reads one integer per row, and keeps n of
// them chosen uniformly with Algorithm L; it returns them and how many
// rows q returned.
func reservoirIDs(ctx context.Context, tx *sql.Tx, q string, n int, rng *rand.Rand) ([]int64, int64, error) {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	ids := make([]int64, 0, min(n, 4096))
	seen, err := reservoirPass(ctx, rows, n, rng, func(slot int) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if slot < 0 {
			ids = append(ids, id)
		} else {
			ids[slot] = id
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return ids, seen, nil
}
