package connectors

import (
	"context"
	"errors"
	"math/bits"
	"time"
)

// Splitter is implemented by sources that can cut a large table into parts
// by key, so that the shards of a scan (--shard I/N) each read one part of
// it instead of one shard reading all of it.
//
// Split cuts t into exactly n parts (some may be empty), disjoint and
// together every row of the table, numbered 0 to n-1 in key order. It
// chooses the bounds from the catalog or a cheap query (a key's extremes, a
// table's pages), never by sorting or reading the table, and without
// randomness: the shards of one scan each call Split on their own and must
// agree, which they do as long as they see the same table (a static copy,
// as after a breach or before a decommissioning; a table that changes
// between the shards' starts may be cut at different places). The first
// part is open below and the last open above, so rows whose keys lie
// beyond the extremes seen are still read once. It returns an error
// wrapping ErrCannotSplit when the table has no key to split by (a view, a
// table without an integer key): then one shard reads it whole.
//
// A Table whose Part is set is read by Sample, ReadColumns and CountRows
// of the source that made the part as if the part were the whole table: a
// sample of a part is a uniform sample of the part's rows.
type Splitter interface {
	Split(ctx context.Context, t Table, n int) ([]TablePart, error)
}

// ErrCannotSplit marks a table a Splitter has no key to split by.
var ErrCannotSplit = errors.New("the table has no key to split it by")

// TablePart is one part of a table a Splitter cut.
type TablePart struct {
	// Index is the part's place, from 0, of Count parts.
	Index, Count int
	// Rows is what is known of the part's rows: an estimate from the
	// table's (Exact false), or nothing (Known false).
	Rows RowCount
	// Bounds is the part's rows as the connector that made it describes
	// them; no one else reads it. (It may hold key values, which may be a
	// row's: it is for the connector, never for a report or a log.)
	Bounds any
}

// ChunkRows is how many rows one statement of a chunked full read asks
// for at first. A full read of a table large enough to run past the
// statement timeout in one statement is read in chunks by key, each its
// own statement; at the rates a server sends rows (a few hundred thousand
// a second) this many take a second or two, a small fraction of any
// sensible --statement-timeout. Connectors shrink it when chunks take
// longer (NextChunkRows).
const ChunkRows = 250_000

// MinChunkRows is the fewest rows a chunk is shrunk to.
const MinChunkRows = 1_000

// NextChunkRows sizes the next chunk of a chunked read from the last one,
// which asked for rows rows and took took: a chunk should take at most an
// eighth of the statement timeout, so that a server slower than usual, or a
// caller slow to take the rows, still leaves room; a fast chunk lets the
// next one grow back, up to ChunkRows. A timeout of 0 (none) leaves rows
// as it is.
func NextChunkRows(rows int, took, timeout time.Duration) int {
	if timeout <= 0 || rows <= 0 {
		return max(rows, MinChunkRows)
	}
	target := timeout / 8
	switch {
	case took > target:
		// Scale down to the target, by at least half.
		scaled := int(float64(rows) * float64(target) / float64(took))
		rows = min(scaled, rows/2)
	case took < target/4:
		rows *= 2
	}
	return min(max(rows, MinChunkRows), ChunkRows)
}

// EvenCuts cuts the span+1 key values lo, lo+1, ..., lo+span (given as
// offsets from lo, so that signed and unsigned 64-bit keys are cut alike)
// into n runs of as even a length as can be: it returns the n-1 offsets at
// which runs 1 to n-1 start, ascending (equal offsets make empty runs when
// there are fewer values than runs). Run 0 starts at offset 0.
func EvenCuts(span uint64, n int) []uint64 {
	if n <= 1 {
		return nil
	}
	cuts := make([]uint64, n-1)
	// (span+1) * i / n in 128-bit arithmetic: span+1 may be 2^64.
	for i := 1; i < n; i++ {
		hi, lo := bits.Mul64(span, uint64(i))
		lo, carry := bits.Add64(lo, uint64(i), 0)
		hi += carry
		q, _ := bits.Div64(hi, lo, uint64(n))
		cuts[i-1] = q
	}
	return cuts
}
