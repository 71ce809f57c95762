package validate

import "github.com/alcance-mx/alcance/detectors/dict"

// ParseCIE10 validates a CIE-10 (ICD-10, WHO edition) diagnosis code by §5:
// a letter, two digits and an optional fourth character, with or without
// the dot: E11, E11.9, e119, U07.1. Mexican SSA/DGIS files pad three-
// character categories with X (A09X, J00X) and some write E11.X; the X is
// padding, not part of the code. The code is returned upper-case, without
// dot and padding (E119, A09), and must be in the catalogue
// (dict.IsCIE10), or the value is Unknown: short codes collide with part
// numbers, and the catalogue is what tells them apart.
//
// Five-character codes (ICD-10-CM's E11.65) are BadFormat: Mexico uses the
// WHO edition, whose codes have at most four characters.
func ParseCIE10(s string) (code string, r Reason) {
	s = trimSpace(s)
	if len(s) < 3 || len(s) > 5 {
		return "", BadFormat
	}
	c0 := s[0]
	if 'a' <= c0 && c0 <= 'z' {
		c0 -= 'a' - 'A'
	}
	if !isUpper(c0) || !isDigit(s[1]) || !isDigit(s[2]) {
		return "", BadFormat
	}
	rest := s[3:]
	if len(rest) > 0 && rest[0] == '.' {
		rest = rest[1:]
		if rest == "" {
			return "", BadFormat // "E11." is cut, not a category
		}
	}
	var c3 byte
	switch len(rest) {
	case 0:
	case 1:
		c3 = rest[0]
		if c3 == 'x' {
			c3 = 'X'
		}
		if !isDigit(c3) && c3 != 'X' {
			return "", BadFormat
		}
		if c3 == 'X' {
			c3 = 0
		}
	default:
		return "", BadFormat
	}
	// Return a slice of s when it already is the code, so the common
	// canonical values cost no allocation.
	switch {
	case c3 == 0 && c0 == s[0]:
		code = s[:3]
	case c3 != 0 && c0 == s[0] && len(s) == 4:
		code = s
	case c3 == 0:
		code = string([]byte{c0, s[1], s[2]})
	default:
		code = string([]byte{c0, s[1], s[2], c3})
	}
	if !dict.IsCIE10(code) {
		return "", Unknown
	}
	return code, OK
}
