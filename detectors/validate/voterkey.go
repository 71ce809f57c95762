package validate

import "time"

// VoterKey is a validated INE clave de elector (docs/mexico-identifiers.md §4.1).
type VoterKey struct {
	Value      string    // canonical: 18 upper-case characters
	Birth      time.Time // positions 7-12, in the century chosen by ParseVoterKey
	StateINEGI string    // positions 13-14: INEGI state key of birth, "01".."32"
	Sex        byte      // position 15: 'H', 'M' or 'X'
}

// ParseVoterKey validates a clave de elector by §4.1: six letters from the
// name, the birth date YYMMDD, the INEGI state of birth 01-32, the sex
// H/M/X and three digits. Spaces and dashes are ignored.
//
// The key does not encode the century: the latest century that does not put
// the birth after today is taken, and the holder must then be 18 or older
// at today (only adults get a credential), or the value is Implausible. A
// zero today means time.Now().
//
// No check digit is validated: the meaning of the last three digits is
// disputed and no public algorithm exists [U], so none is invented. Codes
// 33-35, sometimes said to mark people born abroad, are [U] and rejected
// with BadState.
func ParseVoterKey(s string, today time.Time) (VoterKey, Reason) {
	s = canonicalID(s, 18)
	if len(s) != 18 {
		return VoterKey{}, BadFormat
	}
	for i := 0; i < 6; i++ {
		if !isUpper(s[i]) {
			return VoterKey{}, BadFormat
		}
	}
	for i := 6; i < 14; i++ {
		if !isDigit(s[i]) {
			return VoterKey{}, BadFormat
		}
	}
	sex := s[14]
	if sex != 'H' && sex != 'M' && sex != 'X' {
		return VoterKey{}, BadFormat
	}
	for i := 15; i < 18; i++ {
		if !isDigit(s[i]) {
			return VoterKey{}, BadFormat
		}
	}
	if today.IsZero() {
		today = time.Now()
	}
	yy, mm, dd := twoDigits(s, 6), twoDigits(s, 8), twoDigits(s, 10)
	birth, ok := civilDate(2000+yy, mm, dd)
	if !ok || birth.After(today) {
		birth, ok = civilDate(1900+yy, mm, dd)
	}
	if !ok {
		return VoterKey{}, BadDate
	}
	if st := twoDigits(s, 12); st < 1 || st > 32 {
		return VoterKey{}, BadState
	}
	if birth.AddDate(18, 0, 0).After(today) {
		return VoterKey{}, Implausible
	}
	return VoterKey{Value: s, Birth: birth, StateINEGI: s[12:14], Sex: sex}, OK
}
