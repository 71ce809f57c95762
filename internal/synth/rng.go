package synth

import (
	"math/rand/v2"
	"sort"
)

// Every random choice comes from a PCG stream derived from Config.Seed and a
// name ("pool/3", "table/padron_beneficiarios"), never from the global
// source: the same seed gives the same bytes, and adding a table or changing
// one style never shifts the random numbers another one sees. Only integer
// arithmetic decides anything, so results do not depend on the CPU's
// floating-point contraction either.

// seedFor derives a stream's seed from the corpus seed and the stream name:
// FNV-1a of the name mixed into the seed, then a SplitMix64 finaliser.
func seedFor(seed uint64, name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return splitmix(seed ^ splitmix(h))
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// newRand returns the PCG stream for a name.
func newRand(seed uint64, name string) *rand.Rand {
	s := seedFor(seed, name)
	return rand.New(rand.NewPCG(s, splitmix(s)))
}

// rowRand returns a fresh stream from a seed a style drew at build time:
// each call of Table.Generate starts it again, so rows replay identically.
func rowRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, splitmix(seed)))
}

// chance is true with probability perMille/1000.
func chance(r *rand.Rand, perMille int) bool { return r.IntN(1000) < perMille }

// chance10k is true with probability per10k/10000, for rare events.
func chance10k(r *rand.Rand, per10k int) bool { return r.IntN(10000) < per10k }

// between returns an integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// pick returns a uniformly chosen element.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// weighted picks indices with integer weights, by binary search over the
// cumulative sums.
type weighted struct{ cum []uint64 }

func newWeighted(ws []uint64) weighted {
	cum := make([]uint64, len(ws))
	var total uint64
	for i, w := range ws {
		total += w
		cum[i] = total
	}
	if total == 0 {
		panic("synth: all weights are zero")
	}
	return weighted{cum: cum}
}

func (w weighted) pick(r *rand.Rand) int {
	x := r.Uint64N(w.cum[len(w.cum)-1])
	return sort.Search(len(w.cum), func(i int) bool { return w.cum[i] > x })
}

// scaled sizes a table from the pool: persons*num/den, clamped to [lo, hi].
func scaled(persons, num, den, lo, hi int) int {
	n := persons * num / den
	return max(lo, min(hi, n))
}
