package exposure

import (
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// Age bands, as persons files record them: what minors and older_adults count.
const (
	bandUnknown uint8 = iota
	bandMinor         // under 18 on the scan day
	bandAdult
	bandOlder // 60 or over on the scan day
)

// bandOf places a birthdate on the scan day.
func bandOf(birth, today time.Time) uint8 {
	if birth.IsZero() || today.IsZero() {
		return bandUnknown
	}
	by, bm, bd := birth.Date()
	ty, tm, td := today.Date()
	age := ty - by
	if tm < bm || tm == bm && td < bd {
		age--
	}
	switch {
	case age < 18:
		return bandMinor
	case age >= 60:
		return bandOlder
	}
	return bandAdult
}

// dateReader reads one birthdate column's values as the detectors read
// dates (every storage form of reference §8), with the column's own order
// of day and month: a column whose values prove the US order (a first
// field over 12 never, a second field over 12 often) reads its ambiguous
// values month-first too, so that 03/04/1990 in a US export is the same
// birthday as 1990-03-04 elsewhere.
type dateReader struct {
	integer    bool
	monthFirst bool
	today      time.Time
}

// newDateReader learns the column's convention from sampled values.
func newDateReader(integer bool, sample []string, today time.Time) dateReader {
	r := dateReader{integer: integer, today: today}
	if integer {
		return r
	}
	var mdy, dmy int
	for _, v := range sample {
		t, f, ok := validate.ParseDate(v, today)
		if !ok {
			continue
		}
		switch f.Base() {
		case validate.DateMDY:
			mdy++
		case validate.DateDMYSlash, validate.DateDMYDash, validate.DateDMYDot, validate.DateDMYUnpadded, validate.DateDMYY:
			if t.Day() > 12 {
				dmy++
			}
		}
	}
	r.monthFirst = mdy > 0 && mdy >= 4*dmy
	return r
}

// read returns the birthdate a value holds; false for what is not a date, a
// sentinel, or a day after the scan day.
func (r dateReader) read(v string) (time.Time, bool) {
	var t time.Time
	var f validate.DateFormat
	var ok bool
	if r.integer {
		t, f, ok = validate.ParseDateNumber(v, r.today)
	} else {
		t, f, ok = validate.ParseDate(v, r.today)
	}
	if !ok || !r.today.IsZero() && t.After(r.today) {
		return time.Time{}, false
	}
	if r.monthFirst && t.Day() <= 12 {
		switch f.Base() {
		case validate.DateDMYSlash, validate.DateDMYDash, validate.DateDMYDot, validate.DateDMYUnpadded, validate.DateDMYY:
			// Read day-first by default; the column says month-first.
			t = time.Date(t.Year(), time.Month(t.Day()), int(t.Month()), 0, 0, 0, 0, time.UTC)
		}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}
