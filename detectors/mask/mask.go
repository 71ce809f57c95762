// Package mask turns a personal value into an example that shows its shape
// but not the value: the detectors call it when they make examples, so the
// report model never holds a complete value and no writer can leak one.
//
// Every function returns a string that differs from its input whenever the
// input has a letter or digit, and keeps at most a few characters that say
// what kind of value it is (a CURP's state and sex, a postal code's state
// prefix, an e-mail's domain).
package mask

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/taxonomy"
)

// MaxExample is the most characters an example has: it shows a value's
// shape, and a long text's shape is its first words.
const MaxExample = 48

// Value masks s the way its category needs. The example is short and
// printable: control characters and bytes that are not text become '?',
// and anything past MaxExample characters is cut ("…").
func Value(category, s string) string {
	return printable(value(category, strings.TrimSpace(s)))
}

// printable replaces what a terminal or a report must not receive and cuts
// the example to MaxExample characters.
func printable(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == MaxExample {
			b.WriteString("…")
			break
		}
		switch {
		case r == utf8.RuneError, r != ' ' && !unicode.IsPrint(r):
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
		n++
	}
	return b.String()
}

func value(category, s string) string {
	switch category {
	case taxonomy.CURP:
		return CURP(s)
	case taxonomy.RFC:
		return Keep(norm.Compact(s), 4, 0)
	case taxonomy.NSS, taxonomy.Phone, taxonomy.CLABE, taxonomy.CreditCard:
		return Keep(s, 2, 0)
	case taxonomy.VoterKey:
		return Keep(norm.Compact(s), 2, 0)
	case taxonomy.PostalCode:
		return Keep(s, 2, 0)
	case taxonomy.Email:
		return Email(s)
	case taxonomy.Birthdate:
		return Date(s)
	case taxonomy.HealthFacility, taxonomy.HealthEnrollment:
		if isCode(s) {
			return Keep(s, 2, 0)
		}
		return Words(s)
	case taxonomy.HealthCondition:
		if isCode(s) {
			return Keep(s, 1, 0)
		}
		return Words(s)
	}
	return Words(s)
}

// isCode reports whether s is one token of letters and digits (a code such
// as a CLUES or a CIE-10), rather than words.
func isCode(s string) bool {
	if s == "" || strings.ContainsRune(s, ' ') {
		return false
	}
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// CURP keeps the name letters, sex and state of a CURP and hides the birth
// date and check digit: GOMC******HDFRRL0*. Only the date and the last
// digit make a CURP look-up-able; the rest says whose kind of record it is.
func CURP(s string) string {
	c := norm.Compact(s)
	if len(c) != 18 {
		return Keep(s, 2, 0)
	}
	return c[:4] + "******" + c[10:17] + "*"
}

// Keep shows the first head and last tail letters or digits of s and
// replaces every other letter or digit with '*'; separators stay. At least
// half of the letters and digits are always hidden.
func Keep(s string, head, tail int) string {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	for head+tail > n/2 && head+tail > 0 {
		if tail > 0 {
			tail--
		} else {
			head--
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if i < head || i >= n-tail {
				b.WriteRune(r)
			} else {
				b.WriteByte('*')
			}
			i++
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Words keeps the first letter of each word of three letters or more and
// hides the rest, and hides every digit: "HERNANDEZ GARCIA JUAN" gives
// "H******** G***** J***". Shorter words are hidden whole ("DE" gives "**"),
// since their first letter would be half of them.
func Words(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	wordStart := true
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
			if wordStart && wordLen(s[i:]) >= 3 {
				b.WriteRune(r)
			} else {
				b.WriteByte('*')
			}
			wordStart = false
		case unicode.IsDigit(r):
			b.WriteByte('*')
			wordStart = false
		default:
			b.WriteRune(r)
			wordStart = true
		}
	}
	return b.String()
}

// wordLen counts the letters at the start of s.
func wordLen(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			break
		}
		n++
	}
	return n
}

// Email keeps the first character of the local part and of the domain,
// and the top-level domain: "juan.perez@gmail.com" gives
// "j*********@g****.com". Whether an address is personal or institutional
// shows; whose it is does not.
func Email(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return Keep(s, 1, 0)
	}
	local, domain := s[:at], s[at+1:]
	tld := ""
	if dot := strings.LastIndexByte(domain, '.'); dot > 0 {
		domain, tld = domain[:dot], domain[dot:]
	}
	return Words(local) + "@" + Words(domain) + tld
}

// Date hides the day and month of a date and keeps a four-digit year when
// there is one: "21/03/1963" gives "**/**/1963", "19630321" gives
// "1963****". A year alone does not single a person out; with the day it can.
func Date(s string) string {
	year := -1
	run := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			run++
			continue
		}
		if run >= 4 && year < 0 {
			start := i - run
			y := s[start : start+4]
			if run == 4 || run == 8 && (y[:2] == "19" || y[:2] == "20") {
				year = start
			} else if run == 8 { // DDMMYYYY
				year = start + 4
			}
		}
		run = 0
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case year >= 0 && i >= year && i < year+4:
			b.WriteRune(r)
		case unicode.IsDigit(r):
			b.WriteByte('*')
		case unicode.IsLetter(r):
			b.WriteByte('*') // month names
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
