package detectors

import "math/bits"

// Bitset marks sampled rows. The zero value is an empty set of no rows.
type Bitset struct {
	words []uint64
	n     int
}

// NewBitset returns an empty set over n rows.
func NewBitset(n int) Bitset { return Bitset{words: make([]uint64, (n+63)/64), n: n} }

// Len is the number of rows the set ranges over.
func (b Bitset) Len() int { return b.n }

// Set marks row i.
func (b Bitset) Set(i int) { b.words[i>>6] |= 1 << (uint(i) & 63) }

// Has reports whether row i is marked.
func (b Bitset) Has(i int) bool { return b.words[i>>6]&(1<<(uint(i)&63)) != 0 }

// Count is the number of marked rows.
func (b Bitset) Count() int {
	n := 0
	for _, w := range b.words {
		n += bits.OnesCount64(w)
	}
	return n
}

// Or marks every row marked in o (sets of different lengths: the overlap).
func (b Bitset) Or(o Bitset) {
	for i := range b.words {
		if i < len(o.words) {
			b.words[i] |= o.words[i]
		}
	}
}
