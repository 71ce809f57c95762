package exposure

import (
	"math/rand/v2"
	"testing"

	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

func TestFromSampleExactWhenComplete(t *testing.T) {
	if got := FromSample(37, 100, 100); got != reports.Exact(37) {
		t.Errorf("complete sample: got %+v, want exact 37", got)
	}
	if got := FromSample(0, 0, 500); got != reports.Exact(0) {
		t.Errorf("no sample: got %+v", got)
	}
}

func TestFromSampleBounds(t *testing.T) {
	tests := []struct {
		k, n  int
		total int64
	}{
		{9700, 10000, 40000}, {10000, 10000, 1_000_000}, {0, 10000, 1_000_000},
		{1, 10000, 5_000_000}, {5000, 10000, 20000}, {3, 10, 1000},
	}
	for _, tt := range tests {
		e := FromSample(tt.k, tt.n, tt.total)
		if !(e.Low <= e.Value && e.Value <= e.High) {
			t.Errorf("%+v: bounds out of order: %+v", tt, e)
		}
		if e.Low < int64(tt.k) || e.High > tt.total-int64(tt.n-tt.k) {
			t.Errorf("%+v: bounds %+v exceed what is certain", tt, e)
		}
		if tt.k == 0 && e.Low != 0 || tt.k == tt.n && e.High != tt.total {
			t.Errorf("%+v: edge bounds %+v", tt, e)
		}
	}
}

// TestFromSampleCoverage checks the interval's promise: over many random
// samples of a table with a known count, about 95% of intervals hold it.
func TestFromSampleCoverage(t *testing.T) {
	const total, carrying, n, trials = 50_000, 4_000, 1_000, 2_000
	r := rand.New(rand.NewPCG(1, 2))
	rows := make([]bool, total)
	for i := range carrying {
		rows[i] = true
	}
	covered := 0
	for range trials {
		// A partial Fisher-Yates shuffle draws n rows without replacement.
		k := 0
		for i := range n {
			j := i + r.IntN(total-i)
			rows[i], rows[j] = rows[j], rows[i]
			if rows[i] {
				k++
			}
		}
		e := FromSample(k, n, total)
		if e.Low <= carrying && carrying <= e.High {
			covered++
		}
	}
	rate := float64(covered) / trials
	if rate < 0.93 || rate > 0.99 {
		t.Errorf("95%% interval covered the true count in %.1f%% of samples", rate*100)
	}
}

func TestTier(t *testing.T) {
	tests := []struct {
		cats   []string
		linked bool
		want   string
	}{
		{[]string{taxonomy.CURP, taxonomy.HealthCondition}, false, taxonomy.TierCritical},
		{[]string{taxonomy.PersonName, taxonomy.HealthFacility}, false, taxonomy.TierCritical},
		{[]string{taxonomy.HealthCondition}, true, taxonomy.TierCritical},
		{[]string{taxonomy.HealthCondition}, false, taxonomy.TierHigh},
		{[]string{taxonomy.CURP}, false, taxonomy.TierHigh},
		{[]string{taxonomy.CreditCard, taxonomy.Email}, false, taxonomy.TierHigh},
		{[]string{taxonomy.PersonName, taxonomy.Birthdate}, false, taxonomy.TierMedium},
		{[]string{taxonomy.PersonName, taxonomy.Phone}, false, taxonomy.TierMedium},
		{[]string{taxonomy.Address, taxonomy.PostalCode}, false, taxonomy.TierLow},
		{[]string{taxonomy.PersonName}, false, taxonomy.TierLow},
		{nil, true, taxonomy.TierNone},
	}
	for _, tt := range tests {
		if got := Tier(tt.cats, tt.linked); got != tt.want {
			t.Errorf("Tier(%v, %v) = %s, want %s", tt.cats, tt.linked, got, tt.want)
		}
	}
}

// No row seen carrying something is no record, whatever floating point
// makes of Wilson's interval; every row seen is every row.
func TestFromSampleEdges(t *testing.T) {
	for _, c := range []struct {
		k, n  int
		total int64
		want  int64
	}{
		{0, 10000, 12451, 0}, {0, 10000, 40000, 0}, {0, 1, 1_000_000, 0},
		{10000, 10000, 40000, 40000}, {1, 1, 50, 50}, {10000, 10000, 12451, 12451},
	} {
		e := FromSample(c.k, c.n, c.total)
		if e.Value != c.want {
			t.Errorf("FromSample(%d, %d, %d) = %+v, want value %d", c.k, c.n, c.total, e, c.want)
		}
		if c.k == 0 && e.Low != 0 || c.k == c.n && e.High != c.total {
			t.Errorf("FromSample(%d, %d, %d) = %+v: edge bound wrong", c.k, c.n, c.total, e)
		}
	}
}

func TestAtMost(t *testing.T) {
	e := AtMost(reports.Estimate{Value: 40001, Low: 39990, High: 40012}, 40000)
	if e.Value != 40000 || e.Low != 39990 || e.High != 40000 {
		t.Errorf("AtMost: %+v", e)
	}
}
