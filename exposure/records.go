// Package exposure turns what the detectors found into what a data
// protection officer reports: how many records hold each category, with
// honest bounds; how many distinct people, and how many of them had health
// data, are minors or older adults, could be impersonated or hold
// financial data; and how serious each table is.
//
// Its parts:
//   - records.go: record counts from samples (Wilson bounds) and tiers;
//   - keys.go, names.go, birth.go: identity (CURP; normalised name +
//     birthdate) reduced to keyed hashes;
//   - links.go: the links that tie rows of one table to the persons of
//     another (declared foreign keys, and keys evident from names);
//   - plan.go, rows.go: what a table must be read for, and what each of
//     its rows says about which person;
//   - store.go, resolve.go: the person set, spilled to disk past a memory
//     budget, and its resolution into persons and figures;
//   - personsfile.go, merge.go: the persons file and the merge of reports
//     made apart with one key.
package exposure

import (
	"math"

	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

// z is the normal quantile of a two-sided 95% interval.
const z = 1.959963984540054

// FromSample estimates how many of a table's rows carry something when k of
// n sampled rows do. total is the table's row count. The interval is
// Wilson's score interval for a proportion (good for rates near 0 and 1,
// where the normal approximation fails), narrowed by the finite-population
// correction when the sample is a large part of the table, and clipped to
// what is certain: at least the k rows seen, at most all rows but the n−k
// seen without it. A sample that is the whole table gives an exact count;
// no row seen gives a value of 0 (never a phantom record), and every row
// seen gives a value of all rows.
func FromSample(k, n int, total int64) reports.Estimate {
	if n <= 0 || total <= 0 {
		return reports.Exact(0)
	}
	k = min(max(k, 0), n)
	if int64(n) >= total {
		return reports.Exact(int64(k))
	}
	p := float64(k) / float64(n)
	nf, N := float64(n), float64(total)
	denom := 1 + z*z/nf
	center := (p + z*z/(2*nf)) / denom
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / denom
	half *= math.Sqrt((N - nf) / (N - 1))
	low := int64(math.Floor(N * math.Max(0, center-half)))
	high := int64(math.Ceil(N * math.Min(1, center+half)))
	value := int64(math.Round(N * p))
	// The interval's ends are exactly 0 and 1 when no row or every row
	// carried it; floating point must not turn them into a phantom record
	// or a missing one.
	if k == 0 {
		low, value = 0, 0
	}
	if k == n {
		high, value = total, total
	}
	low = max(low, int64(k))
	high = min(high, total-int64(n-k))
	value = min(max(value, low), high)
	return reports.Estimate{Value: value, Low: low, High: high}
}

// AtMost clips an estimate to a table's row count: records never exceed rows.
func AtMost(e reports.Estimate, rows int64) reports.Estimate {
	e.Value = min(e.Value, rows)
	e.Low = min(e.Low, rows)
	if !e.Open {
		e.High = min(e.High, rows)
	}
	return e
}

// Tier ranks a table by the categories it holds (TAXONOMY "Sensitivity and
// tiers"). linked says the table's sensitive data points at people
// identified in another table (a key such as id_paciente), which TAXONOMY
// counts like having the identifier in the table.
func Tier(categories []string, linked bool) string {
	var identifier, financial, sensitive, name, contact bool
	for _, id := range categories {
		c, ok := taxonomy.Lookup(id)
		if !ok {
			continue
		}
		switch {
		case c.Class == taxonomy.Identifier:
			identifier = true
		case c.Class == taxonomy.Financial:
			financial = true
		case c.Class == taxonomy.Sensitive:
			sensitive = true
		case id == taxonomy.PersonName:
			name = true
		default:
			contact = true
		}
	}
	switch {
	case sensitive && (identifier || name || linked):
		return taxonomy.TierCritical
	case identifier || financial || sensitive:
		return taxonomy.TierHigh
	case name && contact:
		return taxonomy.TierMedium
	case name || contact:
		return taxonomy.TierLow
	}
	return taxonomy.TierNone
}
