package detectors

import (
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// dateParser returns how to read a column's values as dates: integer
// columns may hold YYYYMMDD, CYYMMDD, Excel serials or epoch seconds;
// everything else is read as text in the formats of reference §8.
func (tc *tableCtx) dateParser(c *colCtx) func(string) (time.Time, bool) {
	if c.col.Kind == KindInteger {
		return func(v string) (time.Time, bool) {
			t, _, ok := validate.ParseDateNumber(v, tc.today)
			return t, ok
		}
	}
	return func(v string) (time.Time, bool) {
		t, _, ok := validate.ParseDate(v, tc.today)
		return t, ok
	}
}

// mayHoldDates is a cheap pre-filter on the profile.
func mayHoldDates(c *colCtx) bool {
	switch c.col.Kind {
	case KindDate, KindTimestamp:
		return true
	}
	// The average, not the minimum: one sentinel ("1", serial day one)
	// must not hide a column of dates.
	return c.prof.avgLen >= 4 && c.prof.maxLen <= 40 && c.prof.avgWords <= 6
}

// detectBirthdate tells births from the other dates of a record
// (registration, visits, invoices, audits) by the column's name, the spread
// of the ages the dates imply (births spread over decades; events bunch in
// recent years) and, strongest, agreement with the CURP in the same row
// (added by the cross-check).
func detectBirthdate(tc *tableCtx, c *colCtx) *candidate {
	if !mayHoldDates(c) {
		return nil
	}
	parse := tc.dateParser(c)
	var years []float64
	var withTime, future int
	t := tc.tally(c, taxonomy.Birthdate, 0.3, false, func(v string) verdict {
		d, ok := parse(v)
		if !ok {
			return vNo
		}
		if d.After(tc.today) {
			future++
			return vNo
		}
		if hasTimeOfDay(v) {
			withTime++
		}
		years = append(years, float64(d.Year())+float64(d.YearDay())/366)
		return vMatch
	})
	if t.match == 0 {
		return nil
	}
	s := newScore(-4)
	s.add(EvValueFormat, rateWeight(t.rate(), -6, step{0.9, 3}, step{0.6, 1.5}))
	if future > t.n/50 {
		s.add("", -6) // nobody is born in the future
	}
	if withTime > t.match/2 {
		s.add("", -4) // births are days; times of day belong to events
	}
	now := float64(tc.today.Year()) + float64(tc.today.YearDay())/366
	median, iqr, oldest := spread(years, now)
	switch {
	case median >= 10 && iqr >= 12 && oldest <= 120:
		s.add(EvDistribution, 2.5)
	case median < 6 || iqr < 6:
		s.add("", -3)
	}
	if oldest > 130 {
		s.add("", -3)
	}
	s.add(EvColumnName, nameWeight(c, taxonomy.Birthdate, 5, 2.5))
	if c.name.Hint == vocab.HintEventDate {
		s.add("", -6)
	} else if c.name.Hint.PersonMeasure() {
		s.add("", -10) // the date of a dose: at birth for BCG, still not the birthdate
	} else if namedOther(c, taxonomy.Birthdate) {
		s.add("", -4)
	}
	t.k.s = s
	return t.k
}

// hasTimeOfDay reports whether a value carries a time other than midnight.
func hasTimeOfDay(v string) bool {
	i := strings.IndexByte(v, ':')
	if i < 2 {
		return false
	}
	for _, b := range []byte(v[i-2:]) {
		if b >= '1' && b <= '9' {
			return true
		}
	}
	return false
}

// spread returns the median age, the interquartile range of ages and the
// oldest age, in years, of dates given as fractional years.
func spread(years []float64, now float64) (median, iqr, oldest float64) {
	if len(years) == 0 {
		return 0, 0, 0
	}
	slices.Sort(years)
	q := func(p float64) float64 { return years[int(p*float64(len(years)-1))] }
	return now - q(0.5), q(0.75) - q(0.25), now - years[0]
}
