package validate

import (
	"strconv"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/norm"
)

// DateFormat names the way a date was written, among the forms Mexican
// legacy systems use (docs/mexico-identifiers.md §8). A detector reads the
// formats of a column's values to learn its convention: a column whose
// values parse as DateMDY holds US-order dates, and its ambiguous values
// (both fields ≤ 12) should be read that way too.
//
// WithTime is a flag: it is set when a time of day followed the date
// ("1963-03-21 00:00:00.000", "21/03/1963 12:00:00 a. m."). Birth dates
// stored in datetime columns carry midnight; the parsed time.Time keeps
// the time of day, so a detector can tell them from audit timestamps.
type DateFormat uint8

const (
	DateUnknown     DateFormat = iota
	DateISO                    // 1963-03-21: PostgreSQL, MySQL, newer systems
	DateYMD                    // 1963/03/21, 1963.03.21
	DateDMYSlash               // 21/03/1963: the most common form on screens and in CSVs
	DateDMYDash                // 21-03-1963
	DateDMYDot                 // 21.03.1963
	DateDMYUnpadded            // 21/3/1963, 1/3/1963: Excel and VB exports (any of / - .)
	DateDMYY                   // 21/03/63: two-digit year, read with the birthdate pivot
	DateMDY                    // 03/21/1963: US order, reported only when the day (> 12) proves it
	DateYYYYMMDD               // 19630321: FoxPro/dBase, COBOL
	DateDDMMYYYY               // 21031963 (packed; 1031963 in an integer column)
	DateCYYMMDD                // 0630321, 1000101: AS/400 century flag (0 = 19xx, 1 = 20xx)
	DateMonthName              // 21-MAR-1963, 21/mar/63, 21 MAR 1963: Oracle DD-MON-YY
	DateSpanishLong            // 21 de marzo de 1963
	DateExcelSerial            // 23091: days since 1899-12-30 (1900 system)
	DateUnixSeconds            // -214444800: seconds since 1970-01-01 UTC

	// WithTime marks a time of day after the date.
	WithTime DateFormat = 0x80
	// DateISODateTime is SQL Server's datetime as text: 1963-03-21 00:00:00.000.
	DateISODateTime = DateISO | WithTime
)

var dateFormatText = [...]string{
	DateUnknown: "unknown", DateISO: "YYYY-MM-DD", DateYMD: "YYYY/MM/DD",
	DateDMYSlash: "DD/MM/YYYY", DateDMYDash: "DD-MM-YYYY", DateDMYDot: "DD.MM.YYYY",
	DateDMYUnpadded: "D/M/YYYY", DateDMYY: "DD/MM/YY", DateMDY: "MM/DD/YYYY",
	DateYYYYMMDD: "YYYYMMDD", DateDDMMYYYY: "DDMMYYYY", DateCYYMMDD: "CYYMMDD",
	DateMonthName: "DD-MON-YYYY", DateSpanishLong: "DD de MES de YYYY",
	DateExcelSerial: "Excel serial", DateUnixSeconds: "Unix seconds",
}

// Base is the format without the WithTime flag.
func (f DateFormat) Base() DateFormat { return f &^ WithTime }

// HasTime reports whether a time of day followed the date.
func (f DateFormat) HasTime() bool { return f&WithTime != 0 }

func (f DateFormat) String() string {
	s := "invalid"
	if b := f.Base(); int(b) < len(dateFormatText) {
		s = dateFormatText[b]
	}
	if f.HasTime() {
		s += " hh:mm:ss"
	}
	return s
}

// Years outside this range are typing errors or sentinels, not dates of
// people or events in a Mexican government database.
const (
	minDateYear = 1800
	maxDateYear = 2199
)

// ParseDate reads a date written as text in any form of §8 and reports
// the form. Day-first is the Mexican convention: 03/04/1963 is 3 April.
// MM/DD/YYYY is returned only when the first field cannot be a month's day
// position, i.e. the second field is over 12 (03/21/1963). Two-digit years
// use the birthdate pivot: YY after today's YY is 19YY, else 20YY (a zero
// today means time.Now()). A time of day may follow (see WithTime).
//
// Six-digit packed forms (DDMMYY, YYMMDD) are not read: they are ambiguous
// with each other and with any six-digit code; a detector that knows a
// column holds them can split the digits itself.
//
// Sentinels (01/01/1900, 00/00/0000, 31/12/9999, 1900-01-01, 9999-99-99...;
// see IsSentinelDate) and years outside 1800-2199 give ok false. The ISO
// form YYYY-MM-DD is parsed without allocating.
func ParseDate(s string, today time.Time) (t time.Time, f DateFormat, ok bool) {
	s = trimSpace(s)
	// Fast path: YYYY-MM-DD.
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		if t, ok := isoDate(s); ok && !isSentinelTime(t) {
			return t, DateISO, true
		}
		return time.Time{}, 0, false
	}
	t, f, ok = parseDate(s, today)
	if !ok || isSentinelTime(t) {
		return time.Time{}, 0, false
	}
	return t, f, true
}

// isoDate reads YYYY-MM-DD (any single-byte separators at 4 and 7).
func isoDate(s string) (time.Time, bool) {
	for _, i := range [...]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if !isDigit(s[i]) {
			return time.Time{}, false
		}
	}
	return dateOf(twoDigits(s, 0)*100+twoDigits(s, 2), twoDigits(s, 5), twoDigits(s, 8))
}

// dateOf is civilDate restricted to the plausible years.
func dateOf(y, m, d int) (time.Time, bool) {
	if y < minDateYear || y > maxDateYear {
		return time.Time{}, false
	}
	return civilDate(y, m, d)
}

// parseDate is ParseDate without the sentinel check.
func parseDate(s string, today time.Time) (time.Time, DateFormat, bool) {
	if s == "" {
		return time.Time{}, 0, false
	}
	if !isDigit(s[0]) {
		return parseMonthName(s, today)
	}
	// The date token runs to the first space or T; what follows is a time.
	end := 0
	for end < len(s) && s[end] != ' ' && s[end] != 'T' {
		end++
	}
	date, rest := s[:end], s[end:]
	for i := 0; i < len(date); i++ {
		if isAlpha(date[i]) || date[i] >= 0x80 {
			return parseMonthName(s, today) // 21-MAR-1963
		}
	}
	if rest != "" && rest[0] == ' ' && len(rest) > 1 && !isDigit(rest[1]) {
		return parseMonthName(s, today) // 21 MAR 1963, 21 de marzo de 1963
	}
	t, f, ok := numericDate(date, today)
	if !ok {
		return time.Time{}, 0, false
	}
	if rest != "" {
		if rest[0] == 'T' && f != DateISO && f != DateYMD {
			return time.Time{}, 0, false
		}
		d, ok := timeOfDay(rest[1:])
		if !ok {
			return time.Time{}, 0, false
		}
		t = t.Add(d)
		f |= WithTime
	}
	return t, f, true
}

// numericDate reads a date written with digits and one kind of separator,
// or packed into 8 or 7 digits.
func numericDate(s string, today time.Time) (time.Time, DateFormat, bool) {
	if allDigits(s) {
		switch len(s) {
		case 8:
			return packed8(s)
		case 7:
			return cyymmdd(s)
		}
		return time.Time{}, 0, false
	}
	// Split into three digit fields around two equal separators.
	var sep byte
	var f [3]string
	n, start := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isDigit(s[i]) {
			continue
		}
		if i < len(s) {
			c := s[i]
			if c != '/' && c != '-' && c != '.' || (sep != 0 && c != sep) {
				return time.Time{}, 0, false
			}
			sep = c
		}
		if n == 3 || i == start {
			return time.Time{}, 0, false
		}
		f[n] = s[start:i]
		n++
		start = i + 1
	}
	if n != 3 {
		return time.Time{}, 0, false
	}
	a, b, c := f[0], f[1], f[2]
	if len(a) == 4 { // year first
		if len(b) > 2 || len(c) > 2 {
			return time.Time{}, 0, false
		}
		t, ok := dateOf(atoi(a), atoi(b), atoi(c))
		format := DateYMD
		if sep == '-' && len(b) == 2 && len(c) == 2 {
			format = DateISO
		}
		return t, format, ok
	}
	if len(a) > 2 || len(b) > 2 || (len(c) != 2 && len(c) != 4) {
		return time.Time{}, 0, false
	}
	year := atoi(c)
	if len(c) == 2 {
		year = pivotYY(year, today)
	}
	day, month := atoi(a), atoi(b)
	format := DateDMYSlash
	switch {
	case month > 12 && day <= 12: // only US order makes it a date
		day, month = month, day
		format = DateMDY
	case len(c) == 2:
		format = DateDMYY
	case len(a) != 2 || len(b) != 2:
		format = DateDMYUnpadded
	case sep == '-':
		format = DateDMYDash
	case sep == '.':
		format = DateDMYDot
	}
	t, ok := dateOf(year, month, day)
	return t, format, ok
}

// packed8 reads 8 digits as YYYYMMDD, or else as DDMMYYYY: a year in the
// first four digits outside 1800-2199 rules out the first reading.
func packed8(s string) (time.Time, DateFormat, bool) {
	if t, ok := dateOf(atoi(s[:4]), twoDigits(s, 4), twoDigits(s, 6)); ok {
		return t, DateYYYYMMDD, true
	}
	if t, ok := dateOf(atoi(s[4:]), twoDigits(s, 2), twoDigits(s, 0)); ok {
		return t, DateDDMMYYYY, true
	}
	return time.Time{}, 0, false
}

// cyymmdd reads the AS/400 form: century flag 0 (19xx) or 1 (20xx), then
// YYMMDD.
func cyymmdd(s string) (time.Time, DateFormat, bool) {
	if s[0] != '0' && s[0] != '1' {
		return time.Time{}, 0, false
	}
	t, ok := dateOf(1900+100*int(s[0]-'0')+twoDigits(s, 1), twoDigits(s, 3), twoDigits(s, 5))
	return t, DateCYYMMDD, ok
}

// atoi reads a short string of ASCII digits the caller has checked.
func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// pivotYY expands a two-digit birth year: after today's YY it is 19YY.
func pivotYY(yy int, today time.Time) int {
	return expandYY(yy, refYear(today)%100)
}

// timeOfDay reads "hh:mm", "hh:mm:ss" or "hh:mm:ss.fff" (also with a
// comma), optionally followed by a 12-hour marker (AM, PM, a. m., p. m.)
// and a zone (Z, +hh:mm, -hhmm). The zone is read and ignored: the date is
// the one written.
func timeOfDay(s string) (time.Duration, bool) {
	s = trimSpace(s)
	if len(s) < 4 {
		return 0, false
	}
	i := 0
	num := func(max int) (int, bool) {
		j := i
		for i < len(s) && isDigit(s[i]) && i-j < 2 {
			i++
		}
		if i == j {
			return 0, false
		}
		v := atoi(s[j:i])
		return v, v <= max
	}
	h, ok := num(23)
	if !ok || i >= len(s) || s[i] != ':' {
		return 0, false
	}
	i++
	m, ok := num(59)
	if !ok {
		return 0, false
	}
	sec, nsec := 0, 0
	if i < len(s) && s[i] == ':' {
		i++
		if sec, ok = num(59); !ok {
			return 0, false
		}
		if i < len(s) && (s[i] == '.' || s[i] == ',') {
			i++
			j := i
			for i < len(s) && isDigit(s[i]) {
				i++
			}
			if i == j {
				return 0, false
			}
			frac := s[j:i]
			if len(frac) > 9 {
				frac = frac[:9]
			}
			nsec = atoi(frac)
			for k := len(frac); k < 9; k++ {
				nsec *= 10
			}
		}
	}
	rest := trimSpace(s[i:])
	if rest != "" {
		pm, n, ok := meridiem(rest)
		if ok {
			if h < 1 || h > 12 {
				return 0, false
			}
			h %= 12
			if pm {
				h += 12
			}
			rest = trimSpace(rest[n:])
		}
		if !isZone(rest) {
			return 0, false
		}
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(sec)*time.Second + time.Duration(nsec), true
}

// meridiem reads AM/PM in the spellings Spanish Windows and Excel use:
// "AM", "am", "a.m.", "a. m.". n is the length read.
func meridiem(s string) (pm bool, n int, ok bool) {
	if s == "" {
		return false, 0, false
	}
	switch s[0] {
	case 'a', 'A':
	case 'p', 'P':
		pm = true
	default:
		return false, 0, false
	}
	i := 1
	if i < len(s) && s[i] == '.' {
		i++
	}
	if i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) || (s[i] != 'm' && s[i] != 'M') {
		return false, 0, false
	}
	i++
	if i < len(s) && s[i] == '.' {
		i++
	}
	return pm, i, true
}

// isZone accepts nothing, Z, or a numeric offset ±hh[:mm].
func isZone(s string) bool {
	switch {
	case s == "" || s == "Z" || s == "z":
		return true
	case s[0] == '+' || s[0] == '-':
		d := strings.ReplaceAll(s[1:], ":", "")
		return (len(d) == 2 || len(d) == 4) && allDigits(d)
	}
	return false
}

// months maps Spanish month names and abbreviations (§8), and the English
// abbreviations Oracle prints by default (JAN, APR, AUG, DEC), to months.
var months = map[string]time.Month{
	"ENE": 1, "ENERO": 1, "JAN": 1,
	"FEB": 2, "FEBRERO": 2,
	"MAR": 3, "MARZO": 3,
	"ABR": 4, "ABRIL": 4, "APR": 4,
	"MAY": 5, "MAYO": 5,
	"JUN": 6, "JUNIO": 6,
	"JUL": 7, "JULIO": 7,
	"AGO": 8, "AGOSTO": 8, "AUG": 8,
	"SEP": 9, "SEPT": 9, "SET": 9, "SEPTIEMBRE": 9, "SETIEMBRE": 9,
	"OCT": 10, "OCTUBRE": 10,
	"NOV": 11, "NOVIEMBRE": 11,
	"DIC": 12, "DICIEMBRE": 12, "DEC": 12,
}

var weekdays = wordSet("LUNES MARTES MIERCOLES JUEVES VIERNES SABADO DOMINGO")

// parseMonthName reads the forms with a month name: 21-MAR-1963,
// 21/mar/63, 21 MAR 1963, 21 de marzo de 1963 (also "del 1963", and a
// leading weekday: "jueves, 21 de marzo de 1963"), optionally followed by a
// time. This path folds the text and allocates; month names are rare next
// to numeric dates.
func parseMonthName(s string, today time.Time) (time.Time, DateFormat, bool) {
	// Cheap reject before folding: a day and a year need three digits, and
	// no date is this long. Most text fed here is names and addresses.
	if len(s) > 64 {
		return time.Time{}, 0, false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			digits++
		}
	}
	if digits < 3 {
		return time.Time{}, 0, false
	}
	var tod time.Duration
	withTime := false
	if c := strings.IndexByte(s, ':'); c >= 0 {
		sp := strings.LastIndexByte(s[:c], ' ')
		if sp < 0 {
			return time.Time{}, 0, false
		}
		d, ok := timeOfDay(s[sp+1:])
		if !ok {
			return time.Time{}, 0, false
		}
		tod, withTime, s = d, true, s[:sp]
	}
	words := strings.FieldsFunc(norm.Fold(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '/' || r == '.' || r == ','
	})
	if len(words) > 0 && weekdays[words[0]] {
		words = words[1:]
	}
	format := DateMonthName
	if len(words) == 5 && words[1] == "DE" && (words[3] == "DE" || words[3] == "DEL") {
		words = []string{words[0], words[2], words[4]}
		format = DateSpanishLong
	}
	if len(words) != 3 {
		return time.Time{}, 0, false
	}
	day, mon, yr := words[0], words[1], words[2]
	m, ok := months[mon]
	if !ok || len(day) > 2 || !allDigits(day) || !allDigits(yr) || (len(yr) != 2 && len(yr) != 4) {
		return time.Time{}, 0, false
	}
	year := atoi(yr)
	if len(yr) == 2 {
		year = pivotYY(year, today)
	}
	t, ok := dateOf(year, int(m), atoi(day))
	if !ok {
		return time.Time{}, 0, false
	}
	if withTime {
		t = t.Add(tod)
		format |= WithTime
	}
	return t, format, true
}

// ParseDateNumber reads a date stored in an integer (or float) column: the
// caller uses it, instead of ParseDate, when the column's type is numeric.
// The magnitude picks the encoding (§8):
//
//	8 digits   YYYYMMDD, else DDMMYYYY, else Unix seconds (1970-1973)
//	7 digits   CYYMMDD with flag 1 (20xx), else DMMYYYY (DDMMYYYY that
//	           lost its leading zero), else Unix seconds
//	6 digits   CYYMMDD with flag 0 lost (19xx), else Unix seconds
//	1-5 digits Excel serial day, 1900 system: 1899-12-30 + n from 61 on
//	           (Lotus's phantom 29 Feb 1900 is serial 60, rejected), and
//	           1899-12-31 + n below
//	9+ digits, or negative: Unix seconds
//
// Six- and seven-digit values that are valid AS/400 dates could also be
// Unix seconds of a few days in 1970; the packed reading wins. A fraction
// is allowed when it is zero (a float column), and for Excel serials,
// where it is the time of day. Zero and the sentinels give ok false.
func ParseDateNumber(s string, today time.Time) (time.Time, DateFormat, bool) {
	s = trimSpace(s)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	frac := ""
	if dot := strings.IndexByte(s, '.'); dot >= 0 {
		s, frac = s[:dot], s[dot+1:]
		if frac != "" && !allDigits(frac) {
			return time.Time{}, 0, false
		}
	}
	if !allDigits(s) {
		return time.Time{}, 0, false
	}
	for len(s) > 1 && s[0] == '0' && len(s) != 7 {
		s = s[1:] // 0630321 keeps its century flag; other leading zeros are padding
	}
	if len(s) == 8 && sentinelDigits[s] {
		return time.Time{}, 0, false // 99991231 is no Unix time either
	}
	zeroFrac := strings.Trim(frac, "0") == ""
	t, f, ok := dateNumber(s, neg, frac, zeroFrac)
	if !ok || isSentinelTime(t) {
		return time.Time{}, 0, false
	}
	return t, f, true
}

func dateNumber(s string, neg bool, frac string, zeroFrac bool) (time.Time, DateFormat, bool) {
	if s == "0" {
		return time.Time{}, 0, false
	}
	if !neg && len(s) <= 5 {
		serial := atoi(s)
		var t time.Time
		switch {
		case serial == 60:
			return time.Time{}, 0, false
		case serial < 60:
			t = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, serial)
		default:
			t = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, serial)
		}
		if t.Year() > maxDateYear {
			return time.Time{}, 0, false
		}
		f := DateExcelSerial
		if !zeroFrac {
			x, err := strconv.ParseFloat("0."+frac, 64)
			if err != nil {
				return time.Time{}, 0, false
			}
			t = t.Add(time.Duration(x * float64(24*time.Hour)).Round(time.Second))
			f |= WithTime
		}
		return t, f, true
	}
	if !zeroFrac {
		return time.Time{}, 0, false
	}
	if !neg {
		switch len(s) {
		case 8:
			if t, f, ok := packed8(s); ok {
				return t, f, true
			}
		case 7:
			if t, f, ok := cyymmdd(s); ok {
				return t, f, true
			}
			if t, ok := dateOf(atoi(s[3:]), twoDigits(s, 1), int(s[0]-'0')); ok {
				return t, DateDDMMYYYY, true
			}
		case 6: // CYYMMDD whose flag 0 was lost
			if t, ok := dateOf(1900+twoDigits(s, 0), twoDigits(s, 2), twoDigits(s, 4)); ok {
				return t, DateCYYMMDD, true
			}
		}
	}
	if len(s) > 11 {
		return time.Time{}, 0, false
	}
	sec := int64(atoi(s))
	if neg {
		sec = -sec
	}
	t := time.Unix(sec, 0).UTC()
	if t.Year() < minDateYear || t.Year() > maxDateYear {
		return time.Time{}, 0, false
	}
	return t, DateUnixSeconds, true
}

// sentinelDigits are the sentinel dates of §8 with their separators
// removed, in YYYYMMDD and DDMMYYYY order: 1900-01-01 (Excel day 1),
// 1800-01-01, 9999-12-31, 0000-00-00 and 9999-99-99, 0001-01-01 (.NET and
// Go zero), 1753-01-01 (SQL Server datetime minimum), 1899-12-30 (OLE/Delphi
// day 0) and 1899-12-31 (Excel day 0).
var sentinelDigits = wordSet(`19000101 01011900 18000101 01011800 99991231 31129999 00000000 99999999
00010101 01010001 17530101 01011753 18991230 30121899 18991231 31121899`)

// isSentinelTime reports whether a parsed date is one of the sentinels.
func isSentinelTime(t time.Time) bool {
	y, m, d := t.Date()
	switch {
	case y == 1900 && m == 1 && d == 1, y == 1800 && m == 1 && d == 1,
		y == 9999 && m == 12 && d == 31, y == 1 && m == 1 && d == 1,
		y == 1753 && m == 1 && d == 1, y == 1899 && m == 12 && (d == 30 || d == 31):
		return true
	}
	return false
}

// IsSentinelDate reports whether s is a date value that legacy systems
// store for "unknown": 01/01/1900, 00/00/0000, 01/01/1800, 31/12/9999,
// 1900-01-01, 9999-99-99, 0000-00-00 00:00:00 (MySQL's zero date),
// 0001-01-01, 1753-01-01, 1899-12-30, in any of the forms ParseDate reads
// (01-ENE-1900, 1/1/1900 included).
func IsSentinelDate(s string) bool {
	s = trimSpace(s)
	if s == "" || len(s) > 40 {
		return false
	}
	// The common forms: 8 digits with or without separators, then perhaps
	// a time.
	var d [8]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			if n == len(d) {
				n++ // too many digits before a time: not this form
				break
			}
			d[n] = c
			n++
			continue
		}
		if c == ' ' || c == 'T' {
			break
		}
		if c != '/' && c != '-' && c != '.' {
			n = 0
			break
		}
	}
	if n == len(d) && sentinelDigits[string(d[:])] {
		return true
	}
	t, _, ok := parseDate(s, time.Time{})
	return ok && isSentinelTime(t)
}
