package validate

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
	rs := []rune(body)
	switch len(rs) {
	case 11:
		rs = append([]rune{' '}, rs...)
	case 12:
	default:
		return 0, false
	}
	sum := 0
	for i, r := range rs {
		v := rfcCharValue(r)
		if v < 0 {
			return 0, false
		}
		sum += v * (13 - i)
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
