package validate

// Helpers shared by the numeric identifiers (NSS, CLABE, cards, phones).
// They work on bytes and never allocate: the validators call them for
// every value of every sampled column.

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// allSame reports whether s is non-empty and every byte equals the first:
// 00000000000, 5555555555, XXXXXXXX. Legacy forms fill mandatory fields
// this way when the real value is missing.
func allSame[T ~string | ~[]byte](s T) bool {
	if len(s) == 0 {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return true
}

// collectDigits copies the ASCII digits of s into buf, skipping the bytes in
// seps. ok is false when s holds any other byte or more digits than buf has
// room for.
func collectDigits(s string, buf []byte, seps string) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			if n == len(buf) {
				return n, false
			}
			buf[n] = c
			n++
			continue
		}
		if !isSep(c, seps) {
			return n, false
		}
	}
	return n, true
}

func isSep(c byte, seps string) bool {
	for i := 0; i < len(seps); i++ {
		if seps[i] == c {
			return true
		}
	}
	return false
}

// trimSpace drops ASCII spaces and tabs around s (CHAR(n) columns come back
// padded) without allocating.
func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t' || s[len(s)-1] == '\r' || s[len(s)-1] == '\n') {
		s = s[:len(s)-1]
	}
	return s
}

// luhn is the Luhn (mod 10) check over ASCII digits: from the right, every
// second digit is doubled and 9 subtracted when the product exceeds 9; the
// total must end in 0.
func luhn[T ~string | ~[]byte](d T) bool {
	if len(d) == 0 {
		return false
	}
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		c := d[i]
		if c < '0' || c > '9' {
			return false
		}
		v := int(c - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

// Luhn reports whether digits, ASCII digits only, pass the Luhn check (the
// NSS check digit of §3.2 and the payment-card check). It is false for an
// empty string or any non-digit.
func Luhn(digits string) bool { return luhn(digits) }

// twoDigits reads s[i:i+2] as a number; the caller has checked the digits.
func twoDigits(s string, i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }
