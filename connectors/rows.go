package connectors

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Rows holds the rows a connector keeps while it samples a table,
// column-major, for the columns it reads (a connector does not read binary
// columns, for one). Sample lays them out as the requested columns.
//
// Values longer than the value limit (MaxValueBytes unless SetValueLimit
// says otherwise) are cut to it as they are kept, and their column marked
// truncated. Connectors cut them in the SELECT already where the dialect
// allows (asking for one character more than the limit, so that a cut is
// seen); this is the bound for those that cannot.
type Rows struct {
	vals      [][]string // vals[j][r]: read column j of kept row r
	n         int
	limit     int
	truncated []bool // per read column
	// Complete is true when the rows kept are every row of the table.
	Complete bool
}

// NewRows makes an empty Rows of nRead read columns, with room for capacity
// rows before any column grows.
func NewRows(nRead, capacity int) *Rows {
	r := &Rows{vals: make([][]string, nRead), limit: MaxValueBytes, truncated: make([]bool, nRead)}
	for j := range r.vals {
		r.vals[j] = make([]string, 0, capacity)
	}
	return r
}

// SetValueLimit sets the most bytes of a value kept (see Budget).
func (r *Rows) SetValueLimit(bytes int) { r.limit = bytes }

// keep is the value kept for read column j.
func (r *Rows) keep(j int, v string) string {
	if len(v) <= r.limit {
		return v
	}
	r.truncated[j] = true
	return Clip(v, r.limit)
}

// Add keeps one more row; row[j] is the value of read column j. The values
// are copied: row may be reused afterwards.
func (r *Rows) Add(row []string) {
	for j := range r.vals {
		r.vals[j] = append(r.vals[j], r.keep(j, row[j]))
	}
	r.n++
}

// Set replaces kept row slot (0 <= slot < Len) with row, as a reservoir
// does; the values are copied.
func (r *Rows) Set(slot int, row []string) {
	for j := range r.vals {
		r.vals[j][slot] = r.keep(j, row[j])
	}
}

// AddUpTo keeps the rows of a batch until n rows are kept. A batch comes
// back in key order, so when it holds more rows than are still wanted, the
// ones kept are drawn at random, not taken from the front.
func (r *Rows) AddUpTo(batch [][]string, n int, rng *rand.Rand) {
	if extra := len(batch) - (n - r.n); extra > 0 {
		rng.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
		batch = batch[:max(0, n-r.n)]
	}
	for _, row := range batch {
		r.Add(row)
	}
}

// Len is how many rows are kept.
func (r *Rows) Len() int { return r.n }

// Sample lays the kept rows out as cols: index[i] is the place of cols[i]
// among the read columns, or -1 when it was not read, which gives "" in
// every row. The Sample shares the read columns' values with r.
func (r *Rows) Sample(cols []Column, index []int) *Sample {
	out := &Sample{
		Columns:  cols,
		Values:   make([][]string, len(cols)),
		Rows:     r.n,
		Complete: r.Complete,
	}
	for i, j := range index {
		if j < 0 {
			out.Values[i] = make([]string, r.n)
			continue
		}
		out.Values[i] = r.vals[j]
		if r.truncated[j] {
			if out.Truncated == nil {
				out.Truncated = make([]bool, len(cols))
			}
			out.Truncated[i] = true
		}
	}
	return out
}

// Clip cuts s to at most n bytes, at a character boundary, into a string
// of its own (so that the rest of a long value can be freed).
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.Clone(s[:n])
}
