package files

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"

	crand "crypto/rand"
	"hash/fnv"

	"github.com/alcance-mx/alcance/connectors"
	"golang.org/x/text/encoding/charmap"
)

// table is one table of a file: the whole file, or one table of a dump,
// one sheet of a workbook, one table of a SQLite database.
type table struct {
	name string
	cols []connectors.Column
	pk   []string
	fks  []connectors.ForeignKey
	rows connectors.RowCount
	// err is why the file could not be listed: Sample returns it.
	err error

	// stream reads every row once, in file order: fn receives the raw
	// values of every column (the slice is reused). need lists the
	// columns the caller will look at, so that a reader may leave the
	// others unconverted (nil: all). warnings are problems the read worked
	// around.
	stream func(ctx context.Context, need []int, fn func(row []string) error) (warnings []string, err error)
	// convert, when set, turns a raw value of column col into text before
	// it is decoded (a dBase date, a memo block, a dump's timestamp).
	convert func(col int, raw string) (string, error)
	// legacy decodes values that are not valid UTF-8 (see text.go).
	legacy *charmap.Charmap
	// untyped is true when the format declares no column types: Sample
	// infers their kinds (kinds.go).
	untyped bool

	// inner is the source that reads the table (a SQLite file in a
	// folder), and innerTable the table as it names it.
	inner      connectors.Source
	innerTable connectors.Table

	mu       sync.Mutex
	counted  int64
	hasCount bool
}

// failed is a table standing for a file that could not be listed.
func failed(name string, err error) *table {
	return &table{name: name, err: err}
}

func (t *table) connectorsTable() connectors.Table {
	ct := connectors.Table{Name: t.name, Columns: t.cols, Rows: t.rows, PrimaryKey: t.pk, ForeignKeys: t.fks}
	if n, ok := t.count(); ok {
		ct.Rows = connectors.RowCount{Value: n, Exact: true, Known: true}
	}
	return ct
}

func (t *table) count() (int64, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.counted, t.hasCount
}

func (t *table) setCount(n int64) {
	t.mu.Lock()
	t.counted, t.hasCount = n, true
	t.mu.Unlock()
}

// index maps requested columns to the table's, by name.
func (t *table) index(cols []connectors.Column) ([]int, error) {
	pos := make(map[string]int, len(t.cols))
	for i, c := range t.cols {
		pos[c.Name] = i
	}
	out := make([]int, len(cols))
	for i, c := range cols {
		j, ok := pos[c.Name]
		if !ok {
			return nil, fmt.Errorf("no column %q", c.Name)
		}
		out[i] = j
	}
	return out, nil
}

// each streams every row.
func (t *table) each(ctx context.Context, need []int, fn func(row []string) error) ([]string, error) {
	return t.stream(ctx, need, fn)
}

// rand is the random source of one Sample: crypto-seeded, or derived from
// the source's seed and the table's name in tests.
func (s *source) rand(t *table) *rand.Rand {
	if s.seed != nil {
		h := fnv.New64a()
		h.Write([]byte(t.name))
		return rand.New(rand.NewPCG(*s.seed, h.Sum64()))
	}
	var key [32]byte
	crand.Read(key[:])
	return rand.New(rand.NewChaCha8(key))
}

// reservoir reads the table once keeping a uniform sample of n rows of the
// index columns (Algorithm L, Li 1994: after the first n rows it draws how
// many rows to step over, so most rows are parsed and counted but never
// decoded or copied). It returns the rows kept, the rows seen, and the
// warnings of the read.
func reservoir(ctx context.Context, t *table, index []int, n int, rng *rand.Rand) (*connectors.Rows, int64, []string, error) {
	g := connectors.NewRows(len(index), min(n, 4096))
	dec := newDecoder(t)
	buf := make([]string, len(index))
	u := func() float64 { return 1 - rng.Float64() } // in (0, 1]: log is finite
	w := math.Exp(math.Log(u()) / float64(n))
	skip := func() int64 {
		s := math.Floor(math.Log(u()) / math.Log(1-w))
		if s > math.MaxInt64/2 || math.IsNaN(s) {
			return math.MaxInt64 / 2
		}
		return int64(s)
	}
	next := int64(n) + skip()
	var seen int64
	keep := func(row []string) {
		for i, j := range index {
			buf[i] = dec.value(j, row[j])
		}
	}
	ws, err := t.each(ctx, index, func(row []string) error {
		switch {
		case seen < int64(n):
			keep(row)
			g.Add(buf)
		case seen == next:
			keep(row)
			g.Set(rng.IntN(n), buf)
			w *= math.Exp(math.Log(u()) / float64(n))
			next += skip() + 1
		}
		seen++
		return dec.err
	})
	if err != nil {
		return nil, 0, nil, err
	}
	g.Complete = seen <= int64(n)
	return g, seen, append(ws, dec.warnings()...), nil
}

// uniqueNames makes column names usable: an empty name becomes colN (its
// 1-based position) and a repeated one gets _2, _3.
func uniqueNames(names []string) []string {
	out := make([]string, len(names))
	seen := map[string]bool{}
	for i, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			n = fmt.Sprintf("col%d", i+1)
		}
		base := n
		for k := 2; seen[strings.ToLower(n)]; k++ {
			n = fmt.Sprintf("%s_%d", base, k)
		}
		seen[strings.ToLower(n)] = true
		out[i] = n
	}
	return out
}

// textColumns are columns of the given names, all text: what a format
// without declared types (CSV, JSON, a sheet) offers.
func textColumns(names []string, typ string) []connectors.Column {
	cols := make([]connectors.Column, len(names))
	for i, n := range names {
		cols[i] = connectors.Column{Name: n, Type: typ, Kind: connectors.KindText}
	}
	return cols
}
