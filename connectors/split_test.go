package connectors

import (
	"math"
	"testing"
	"time"
)

// EvenCuts cuts any span, up to every 64-bit value, into runs whose
// lengths differ by at most one, and never overflows.
func TestEvenCuts(t *testing.T) {
	cases := []struct {
		span uint64
		n    int
	}{
		{0, 1}, {0, 3}, {1, 3}, {2, 3}, {9, 3}, {9, 10}, {99, 7}, {1000, 1000},
		{math.MaxUint64, 2}, {math.MaxUint64, 3}, {math.MaxUint64, 64}, {math.MaxUint64 - 1, 5}, {1 << 63, 9},
	}
	for _, c := range cases {
		cuts := EvenCuts(c.span, c.n)
		if len(cuts) != max(c.n-1, 0) {
			t.Fatalf("EvenCuts(%d, %d): %d cuts", c.span, c.n, len(cuts))
		}
		// Run i is [start_i, start_{i+1}); the last ends after span.
		starts := append([]uint64{0}, cuts...)
		var shortest, longest float64 = math.Inf(1), 0
		for i := range starts {
			end := float64(c.span) + 1
			if i+1 < len(starts) {
				end = float64(starts[i+1])
				if starts[i+1] < starts[i] {
					t.Fatalf("EvenCuts(%d, %d) = %v: not ascending", c.span, c.n, cuts)
				}
			}
			l := end - float64(starts[i])
			shortest, longest = math.Min(shortest, l), math.Max(longest, l)
		}
		// float64 cannot hold 2^64 exactly: allow its rounding.
		if longest-shortest > 1+longest*1e-15 {
			t.Errorf("EvenCuts(%d, %d) = %v: runs from %v to %v long", c.span, c.n, cuts, shortest, longest)
		}
	}
}

// NextChunkRows keeps a chunk within an eighth of the statement timeout:
// it shrinks a slow chunk at least by half, grows a fast one twofold, and
// stays within MinChunkRows and ChunkRows.
func TestNextChunkRows(t *testing.T) {
	const d = 80 * time.Second // an eighth: 10 s
	cases := []struct {
		rows int
		took time.Duration
		want int
	}{
		{ChunkRows, time.Second, ChunkRows},               // fast, at the top
		{ChunkRows, 5 * time.Second, ChunkRows},           // within the eighth
		{100_000, time.Second, 200_000},                   // fast: grows
		{200_000, time.Second, ChunkRows},                 // fast: grows to the top only
		{ChunkRows, 40 * time.Second, ChunkRows / 4},      // 4 times too slow
		{ChunkRows, 11 * time.Second, ChunkRows / 2},      // a little too slow: at least halved
		{2000, time.Hour, MinChunkRows},                   // never below the floor
		{ChunkRows, 0, ChunkRows},                         // instant
		{50_000, 3 * time.Second, 50_000},                 // between a quarter and all of the eighth: kept
		{ChunkRows, time.Minute, 41_666},                  // scaled to the eighth
		{0, time.Second, MinChunkRows},                    // nonsense in, the floor out
		{12_345, 0 * time.Second, 24_690},                 // doubled
		{ChunkRows * 4, time.Second, ChunkRows},           // never above the top
		{MinChunkRows, 20 * time.Second, MinChunkRows},    // at the floor already
		{300_000, 9 * time.Second, ChunkRows},             // capped even when kept
		{10_000, 2499 * time.Millisecond, 20_000},         // just under a quarter: grows
		{10_000, 2500 * time.Millisecond, 10_000},         // a quarter: kept
		{10_000, 10*time.Second + time.Nanosecond, 5_000}, // just over: halved
	}
	for _, c := range cases {
		if got := NextChunkRows(c.rows, c.took, d); got != c.want {
			t.Errorf("NextChunkRows(%d, %v, %v) = %d, want %d", c.rows, c.took, d, got, c.want)
		}
	}
	if got := NextChunkRows(5000, time.Hour, 0); got != 5000 {
		t.Errorf("without a timeout: %d, want the rows kept", got)
	}
}
