package validate

// ParsePhone validates a Mexican telephone number and returns its 10
// national digits (lada + number, the plan in force since August 2019,
// when the 01, 044 and 045 prefixes were retired). docs/mexico-identifiers.md
// has no section on phones; the numbering facts here are common knowledge
// of the IFT plan, not checked against the regulator's text [S].
//
// Accepted around the 10 digits: the country code (+52, 52, 0052), the old
// mobile prefix after it (+52 1), and the old domestic prefixes 01 (long
// distance) and 044/045 (mobile, local and long distance); separators are
// spaces, dashes, dots and parentheses. An 11-digit value is rejected
// whatever it looks like: it is neither a national number nor one with a
// country code, and NSS numbers have 11 digits. A national number cannot
// start with 0 or 1 (those digits began the prefixes).
//
// Before 2019, local numbers in Mexico City, Guadalajara and Monterrey had
// 8 digits. They are accepted, and returned as those 8 digits, only when
// written the way people write phones (5555-1234, 5555 1234, 55 55 12 34):
// a bare 8-digit number is far more often a date (19630321), a folio or an
// amount than a phone. Shorter local numbers (7 digits elsewhere) are not
// accepted: too many other codes share their shape.
//
// A number made of one digit repeated, or of an ascending or descending
// run (1234567890, 9876543210), is Placeholder.
func ParsePhone(s string) (national string, r Reason) {
	s = trimSpace(s)
	if len(s) == 10 && allDigits(s) {
		return national10(s, []byte(s)) // no copy: the conversion does not escape
	}
	var buf [16]byte
	n := 0
	plus := false
	// Digit groups, to recognise how an 8-digit local number was written.
	groups, glen := 0, [4]int{}
	inGroup := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			if n == len(buf) {
				return "", BadFormat
			}
			buf[n] = c
			n++
			if !inGroup {
				groups++
				inGroup = true
			}
			if groups <= len(glen) {
				glen[groups-1]++
			}
		case c == '+' && n == 0 && !plus:
			plus = true
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
			inGroup = false
		default:
			return "", BadFormat
		}
	}
	d := buf[:n]
	switch {
	case n == 10 && !plus:
		return national10(s, d)
	case n == 12 && d[0] == '5' && d[1] == '2': // 52 + 10
		return national10(s, d[2:])
	case n == 12 && !plus && d[0] == '0' && d[1] == '1': // 01 + 10
		return national10(s, d[2:])
	case n == 13 && d[0] == '5' && d[1] == '2' && d[2] == '1': // 52 1 + 10
		return national10(s, d[3:])
	case n == 13 && !plus && d[0] == '0' && d[1] == '4' && (d[2] == '4' || d[2] == '5'): // 044/045 + 10
		return national10(s, d[3:])
	case n == 14 && !plus && d[0] == '0' && d[1] == '0' && d[2] == '5' && d[3] == '2': // 0052 + 10
		return national10(s, d[4:])
	case n == 8 && !plus && localPattern(groups, glen):
		if allSame(d) || isRun(d) {
			return "", Placeholder
		}
		if d[0] == '0' || d[0] == '1' {
			return "", BadFormat
		}
		return string(d), OK
	}
	return "", BadFormat
}

// national10 checks 10 national digits nd. When s ends with them, the
// result is a slice of s rather than a copy.
func national10(s string, nd []byte) (string, Reason) {
	if allSame(nd) || isRun(nd) {
		return "", Placeholder
	}
	if nd[0] == '0' || nd[0] == '1' {
		return "", BadFormat
	}
	if tail := s[len(s)-len(nd):]; tail == string(nd) {
		return tail, OK
	}
	return string(nd), OK
}

// localPattern reports whether 8 digits were grouped as phones are
// written: 4+4 or 2+2+2+2.
func localPattern(groups int, g [4]int) bool {
	switch groups {
	case 2:
		return g[0] == 4 && g[1] == 4
	case 4:
		return g == [4]int{2, 2, 2, 2}
	}
	return false
}

// isRun reports whether the digits climb or fall by one at each step,
// wrapping 9 to 0 (1234567890, 9876543210).
func isRun[T ~string | ~[]byte](d T) bool {
	if len(d) < 2 {
		return false
	}
	step := (int(d[1]) - int(d[0]) + 10) % 10
	if step != 1 && step != 9 {
		return false
	}
	for i := 2; i < len(d); i++ {
		if (int(d[i])-int(d[i-1])+10)%10 != step {
			return false
		}
	}
	return true
}

// ParseLocalPhone validates a local number of the numbering plan before
// 2019: 7 digits (8 in Mexico City, Guadalajara and Monterrey), written
// bare or in groups (3612345, 361-2345, 5555-1234), that does not start
// with 0 or 1 and is not one digit repeated or a run. Alone such a shape is
// also a folio or an amount, so it is evidence only where the column says
// phone (ParsePhone accepts none of the 7-digit forms).
func ParseLocalPhone(s string) (local string, r Reason) {
	s = trimSpace(s)
	var buf [8]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			if n == len(buf) {
				return "", BadFormat
			}
			buf[n] = c
			n++
		case c == ' ' || c == '-' || c == '.':
			if n == 0 || i+1 == len(s) {
				return "", BadFormat
			}
		default:
			return "", BadFormat
		}
	}
	d := buf[:n]
	if n != 7 && n != 8 {
		return "", BadFormat
	}
	if d[0] == '0' || d[0] == '1' {
		return "", BadFormat
	}
	if allSame(d) || isRun(d) {
		return "", Placeholder
	}
	return string(d), OK
}
