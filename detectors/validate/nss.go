package validate

import "time"

// NSS is a validated IMSS Número de Seguridad Social (docs/mexico-identifiers.md §3).
type NSS struct {
	Value         string // canonical: 11 digits
	Subdelegation int    // positions 1-2: the IMSS office that registered the person
	RegYear       int    // positions 3-4: year of first registration, two digits as read
	BirthYear     int    // positions 5-6: year of birth, two digits as read
}

// ParseNSS validates an NSS: 11 digits, printed plain or as NN-NN-NN-NNNN-N
// (spaces and dashes are ignored, §3.1); not one digit repeated; the Luhn
// check digit (§3.2); and the plausibility rule of §3.1, taken from
// pyfiscal: with both two-digit years expanded relative to today (YY after
// today's YY means 19YY), the registration year cannot precede the birth
// year, except for subdelegación 97, which pyfiscal exempts for an
// undocumented reason [U]. A zero today means time.Now().
//
// An 11-digit number passing Luhn is weak evidence on its own: one random
// number in ten passes (§3.2). The detector needs the column-level rate,
// the column name, or agreement with a CURP's birth year in the same row.
func ParseNSS(s string, today time.Time) (NSS, Reason) {
	s = trimSpace(s)
	if len(s) != 11 || !allDigits(s) {
		var buf [11]byte
		n, ok := collectDigits(s, buf[:], " -")
		if !ok || n != len(buf) {
			return NSS{}, BadFormat
		}
		s = string(buf[:])
	}
	if allSame(s) {
		return NSS{}, BadFormat
	}
	if !luhn(s) {
		return NSS{}, BadCheckDigit
	}
	nss := NSS{Value: s, Subdelegation: twoDigits(s, 0), RegYear: twoDigits(s, 2), BirthYear: twoDigits(s, 4)}
	if nss.Subdelegation != 97 {
		yy := refYear(today) % 100
		if expandYY(nss.RegYear, yy) < expandYY(nss.BirthYear, yy) {
			return NSS{}, Implausible
		}
	}
	return nss, OK
}

// refYear is the year of today, or of the current day when today is zero.
func refYear(today time.Time) int {
	if today.IsZero() {
		today = time.Now()
	}
	return today.Year()
}

// expandYY puts a two-digit year of the past into its century: a year
// after the reference year's two digits belongs to the 1900s (the
// birthdate pivot of §8).
func expandYY(yy, refYY int) int {
	if yy > refYY {
		return 1900 + yy
	}
	return 2000 + yy
}
