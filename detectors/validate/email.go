package validate

import "strings"

// emailPlaceholderLocals are local parts that legacy forms use when the
// person has no address ("sincorreo@gmail.com", "notiene@hotmail.com"),
// compared upper-cased with dots, dashes and underscores removed.
var emailPlaceholderLocals = wordSet(`SINCORREO SINEMAIL SINMAIL SINCORREOELECTRONICO NOTIENE NOTENGO
NOTIENECORREO NOAPLICA NOCORREO NOEMAIL NOMAIL NINGUNO NINGUNA NA ND NULL NONE CORREO EMAIL`)

// ParseEmail checks that s is an e-mail address, with a pragmatic subset
// of RFC 5322 that real systems accept: a local part of letters, digits
// and !#$%&'*+/=?^_`{|}~- with single dots inside it (at most 64
// characters); one @; a domain of at least two dot-separated labels of
// letters, digits and inner hyphens (at most 63 characters each), the last
// of which, the TLD, has two or more letters. No spaces, no quoted local
// parts, no IP literals, no internationalised (non-ASCII) addresses: those
// are rare in Mexican legacy systems and would widen what a column of
// free text can match. Padding around the address is ignored.
//
// Addresses in the domains reserved for documentation (example.com, .org,
// .net; the .example, .test, .invalid and .localhost TLDs, RFC 2606) are
// Fixture. Local parts meaning "no address" (SINCORREO, NOTIENE...) and a
// local part of one character repeated (xxx@...) are Placeholder.
func ParseEmail(s string) Reason {
	s = trimSpace(s)
	if len(s) > 254 {
		return BadFormat
	}
	at := strings.IndexByte(s, '@')
	if at <= 0 || at > 64 {
		return BadFormat
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' {
		return BadFormat
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		switch {
		case isEmailAtext(c):
		case c == '.':
			if local[i-1] == '.' {
				return BadFormat
			}
		default:
			return BadFormat
		}
	}
	labels := 0
	tld := ""
	for rest := domain; ; {
		dot := strings.IndexByte(rest, '.')
		label := rest
		if dot >= 0 {
			label = rest[:dot]
		}
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return BadFormat
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !isAlnum(c) && c != '-' {
				return BadFormat
			}
		}
		labels++
		tld = label
		if dot < 0 {
			break
		}
		rest = rest[dot+1:]
	}
	if labels < 2 || len(tld) < 2 {
		return BadFormat
	}
	for i := 0; i < len(tld); i++ {
		if !isAlpha(tld[i]) {
			return BadFormat
		}
	}
	if isReservedDomain(domain, tld) {
		return Fixture
	}
	if (len(local) >= 2 && allSame(local)) || isPlaceholderLocal(local) {
		return Placeholder
	}
	return OK
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }

// isEmailAtext reports whether c may appear in a dot-atom local part
// (RFC 5322 §3.2.3 atext).
func isEmailAtext(c byte) bool {
	return isAlnum(c) || strings.IndexByte("!#$%&'*+/=?^_`{|}~-", c) >= 0
}

// isReservedDomain reports the documentation domains of RFC 2606.
func isReservedDomain(domain, tld string) bool {
	for _, d := range [...]string{"example.com", "example.org", "example.net"} {
		if len(domain) >= len(d) && strings.EqualFold(domain[len(domain)-len(d):], d) &&
			(len(domain) == len(d) || domain[len(domain)-len(d)-1] == '.') {
			return true
		}
	}
	for _, t := range [...]string{"example", "test", "invalid", "localhost"} {
		if strings.EqualFold(tld, t) {
			return true
		}
	}
	return false
}

// isPlaceholderLocal compares a local part with emailPlaceholderLocals,
// without allocating for the long, ordinary ones.
func isPlaceholderLocal(local string) bool {
	if len(local) > 24 {
		return false
	}
	var buf [24]byte
	n := 0
	for i := 0; i < len(local); i++ {
		c := local[i]
		switch {
		case c == '.' || c == '-' || c == '_':
			continue
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return emailPlaceholderLocals[string(buf[:n])]
}
