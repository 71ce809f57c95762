package validate

import (
	"strings"

	"github.com/alcance-mx/alcance/detectors/norm"
)

// RFC is a validated Registro Federal de Contribuyentes (docs/mexico-identifiers.md §2).
type RFC struct {
	// Value is canonical: upper case, no separators, Ñ and & kept. 13
	// characters for a person, 12 for a company, 10 for a legacy personal
	// RFC without homoclave (§2.1).
	Value string
	// Person is true for a persona física (13 or 10 characters); a company
	// RFC (persona moral, 12) is not personal data (docs/taxonomy.md).
	Person bool
	// YYMMDD is the birth or incorporation date as written: the RFC does not
	// encode the century (§2.1).
	YYMMDD string
	// CheckOK says whether the check character matches (§2.3). It is soft
	// evidence: about 1.5% of real, SAT-confirmed RFCs fail it, so a
	// mismatch lowers confidence rather than rejecting the value. Always
	// false for the 10-character form, which has no check character.
	CheckOK bool
}

// rfcInconvenient is python-stdnum's list of the words the SAT does not let
// a person's RFC start with (stdnum/mx/rfc.py, _name_blacklist, 41 words).
// It is not the CURP list (§1.2 caveat): the SAT replaces the last letter,
// RENAPO the second, and the lists differ. Other libraries add words
// (BATO, BOFE, FOCA, GATA) that we have not verified, so they are left out.
var rfcInconvenient = wordSet(`BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COJA COJE COJI COJO CULO
FETO GUEY JOTO KACA KACO KAGA KAGO KAKA KOGE KOJO KULO MAME MAMO MEAR MEAS MEON MION MOCO MULA PEDA
PEDO PENE PUTA PUTO QULO RATA RUIN`)

// ParseRFC validates an RFC by §2.1: after upper-casing and removing
// spaces, dashes and underscores, 13 characters are a persona física (4
// letters from the name), 12 a persona moral (3); the name part is
// [A-ZÑ&], then a real calendar date YYMMDD in some century, a homoclave
// of two characters from [1-9A-NP-Z] and a check character [0-9A]; a 0 in
// the homoclave, outside that alphabet but found in real RFCs, returns
// Implausible with the RFC's fields when the check character is right (a
// soft check: the detectors weigh it, never reject it outright). The
// legacy 10-character personal form (name + date, no homoclave) is also
// accepted, with CheckOK false.
//
// The check character is soft (§2.3): a mismatch still returns OK, with
// CheckOK false. The SAT generic RFCs XAXX010101000 (público en general)
// and XEXX010101000 (foreign customers) return Fixture: they are on
// invoices, not people. A personal RFC starting with a word of the
// inconvenient list returns Inconvenient.
//
// Values are compared as runes, since Ñ is two bytes in UTF-8. Already
// canonical values are not copied.
func ParseRFC(s string) (RFC, Reason) {
	s = rfcCanonical(s)
	// The generic RFCs break the homoclave rule (00), so they are
	// recognised before the structure is checked.
	if s == "XAXX010101000" || s == "XEXX010101000" {
		return RFC{}, Fixture
	}
	var rs [13]rune
	n := 0
	for _, r := range s {
		if n == len(rs) {
			return RFC{}, BadFormat
		}
		rs[n] = r
		n++
	}
	nameLen := 4
	switch n {
	case 13, 10:
	case 12:
		nameLen = 3
	default:
		return RFC{}, BadFormat
	}
	for i := 0; i < nameLen; i++ {
		if r := rs[i]; !('A' <= r && r <= 'Z' || r == 'Ñ' || r == '&') {
			return RFC{}, BadFormat
		}
	}
	for i := nameLen; i < nameLen+6; i++ {
		if r := rs[i]; r < '0' || r > '9' {
			return RFC{}, BadFormat
		}
	}
	zeroHomoclave := false
	if n > 10 {
		for i := nameLen + 6; i < nameLen+8; i++ {
			if rs[i] == '0' {
				zeroHomoclave = true
				continue
			}
			if !isHomoclave(rs[i]) {
				return RFC{}, BadFormat
			}
		}
		if r := rs[n-1]; !(r >= '0' && r <= '9' || r == 'A') {
			return RFC{}, BadFormat
		}
	}
	// Everything after the name part is ASCII, so the date's byte offset is
	// counted from the end.
	off := len(s) - (n - nameLen)
	date := s[off : off+6]
	if !anyCenturyDate(date) {
		return RFC{}, BadDate
	}
	person := nameLen == 4
	if person && rfcInconvenient[s[:off]] {
		return RFC{}, Inconvenient
	}
	checkOK := false
	if n > 10 {
		c, ok := rfcCheck(rs[:n-1])
		checkOK = ok && rune(c) == rs[n-1]
	}
	if zeroHomoclave {
		// The SAT's homoclave alphabet has no 0, yet RFCs with one and a
		// correct check character are in use. Such a value is Implausible
		// (returned with its fields), not BadFormat: the detectors weigh it
		// as soft evidence; a 0 with a wrong check is a typing slip.
		if !checkOK {
			return RFC{}, BadFormat
		}
		return RFC{Value: s, Person: person, YYMMDD: date, CheckOK: true}, Implausible
	}
	return RFC{Value: s, Person: person, YYMMDD: date, CheckOK: checkOK}, OK
}

// isHomoclave reports whether r can be a homoclave character: 1-9 and A-Z
// without O (§2.1; the homoclave alphabet of §2.2 has neither 0 nor O).
func isHomoclave(r rune) bool {
	return '1' <= r && r <= '9' || 'A' <= r && r <= 'Z' && r != 'O'
}

// anyCenturyDate reports whether six ASCII digits YYMMDD form a calendar
// date in 19YY or 20YY. The RFC does not say which century (§2.1), and
// only 29 February of year 00 depends on it (2000 was leap, 1900 was not).
func anyCenturyDate(yymmdd string) bool {
	yy, mm, dd := twoDigits(yymmdd, 0), twoDigits(yymmdd, 2), twoDigits(yymmdd, 4)
	if mm < 1 || mm > 12 || dd < 1 {
		return false
	}
	if mm == 2 && dd == 29 {
		return yy%4 == 0 // 2000 and every other 19YY/20YY leap year
	}
	return dd <= daysIn[mm]
}

// daysIn is the length of each month in a common year.
var daysIn = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// rfcCanonical returns s upper-cased without spaces, dashes and
// underscores (python-stdnum's compact). A value made only of A-Z, 0-9, &
// and Ñ is returned as it is; others are folded (which also repairs the
// mojibake "Ã‘" for Ñ) and stripped.
func rfcCanonical(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) || isDigit(c) || c == '&' {
			continue
		}
		if c == 0xC3 && i+1 < len(s) && s[i+1] == 0x91 { // Ñ
			i++
			continue
		}
		clean = false
		break
	}
	if clean {
		return s
	}
	// 13 characters with a separator between every pair, and padding, at
	// most: anything longer is not an RFC and need not be copied.
	if len(s) > 48 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '_' {
			return -1
		}
		return r
	}, norm.Fold(s))
}

// rfcCharValue is a character's value in the RFC check alphabet
// "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ", space 37, Ñ 38 (§2.3): not the
// CURP table, which puts Ñ at 24.
func rfcCharValue(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case 'A' <= r && r <= 'N':
		return int(r-'A') + 10
	case r == '&':
		return 24
	case 'O' <= r && r <= 'Z':
		return int(r-'O') + 25
	case r == ' ':
		return 37
	case r == 'Ñ':
		return 38
	}
	return -1
}

// RFCCheckDigit computes the last character of an RFC from the ones before
// it: 12 characters for a person, 11 for a company (left-padded with a
// space, §2.3). ok is false for any other length or character.
func RFCCheckDigit(body string) (check byte, ok bool) {
	var rs [12]rune
	n := 0
	for _, r := range body {
		if n == len(rs) {
			return 0, false
		}
		rs[n] = r
		n++
	}
	return rfcCheck(rs[:n])
}

// rfcCheck is the algorithm of §2.3 over 11 or 12 runes: values weighted
// 13 down to 2 (a company's 11 characters are preceded by a space, value
// 37, weight 13), sum mod 11; 0 gives "0", 1 gives "A", r gives 11-r.
func rfcCheck(body []rune) (check byte, ok bool) {
	sum, w := 0, 13
	switch len(body) {
	case 11:
		sum, w = 37*13, 12
	case 12:
	default:
		return 0, false
	}
	for _, r := range body {
		v := rfcCharValue(r)
		if v < 0 {
			return 0, false
		}
		sum += v * w
		w--
	}
	switch r := sum % 11; r {
	case 0:
		return '0', true
	case 1:
		return 'A', true
	default:
		return byte('0' + 11 - r), true
	}
}
