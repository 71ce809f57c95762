package validate

import (
	"strings"

	"github.com/alcance-mx/alcance/detectors/norm"
)

// placeholderWords are the values legacy forms store for "no value"
// (docs/taxonomy.md: placeholders are not values; §8 lists the CURP and RFC
// ones), folded as norm.Fold folds: upper case, no accents, single spaces.
// Single letters are left out on purpose: X is a sex code (§1.3), and NE,
// which some forms use for "no especificado", is the CURP code for people
// born abroad (§1.4).
var placeholderWords = setOf(
	"NULL", "NULO", "NONE", "NIL", "NAN", "NA", "N/A", "N.A.", "N/D", "ND", "S/D", "SD",
	"S/I", "S/N", "SN", "-", "--", ".", "..", "?", "??", "*", "**", "XX", "XXXX",
	"NINGUNO", "NINGUNA", "NINGUN", "DESCONOCIDO", "DESCONOCIDA", "IGNORADO", "IGNORADA",
	"PENDIENTE", "SIN CURP", "SIN RFC", "SIN NSS", "SIN DATO", "SIN DATOS",
	"SIN INFORMACION", "SIN INFO", "SIN NOMBRE", "SIN CORREO", "SIN EMAIL",
	"SIN TELEFONO", "SIN DOMICILIO", "SIN DIRECCION", "SIN NUMERO", "SIN REGISTRO",
	"NO TIENE", "NO TIENE CURP", "NO TIENE RFC", "NO TIENE NSS", "NO APLICA",
	"NO DISPONIBLE", "NO ESPECIFICADO", "NO ESPECIFICADA", "NO PROPORCIONADO",
	"NO PROPORCIONO", "NO SABE", "NO REGISTRADO", "NO CAPTURADO", "EN TRAMITE",
	"SE IGNORA", "POR ASIGNAR",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// maxPlaceholderLen bounds the length, in bytes, of a value worth folding
// and looking up: the longest word, with room for accents and doubled
// spaces. Longer values can only be a repeated character or a date.
var maxPlaceholderLen, placeholderStart = func() (n int, start [256]bool) {
	for w := range placeholderWords {
		n = max(n, len(w))
		start[w[0]] = true
	}
	return n + 6, start
}()

// IsPlaceholder reports whether s stands for "no value" in legacy data:
// empty or blank; a word or phrase of placeholderWords (SIN CURP, NO
// TIENE, EN TRÁMITE, N/A, NULL, S/D, -, 0...), compared case-, accent- and
// padding-insensitively (norm.Fold); zeros ("0", "00"); one character
// repeated three or more times (XXXXXXXXXXXXXXXXXX, 000000, 9999); or a
// sentinel date (IsSentinelDate: 00/00/0000, 1900-01-01, 9999-99-99...).
//
// It is called for every sampled value, so real values are turned away in
// a few byte comparisons, and nothing is allocated unless s is short and
// not already plain upper-case ASCII.
func IsPlaceholder(s string) bool {
	s = trimSpace(s)
	if s == "" {
		return true
	}
	if len(s) >= 3 && allSame(s) {
		return true
	}
	if genericIdentifier(s) || placeholderEmail(s) {
		return true
	}
	if isDigit(s[0]) {
		if s[0] == '0' && allSame(s) {
			return true
		}
		// Only dates that say 1900, 1800, 9999 or 0000 can be sentinels:
		// looking for those first spares parsing every phone and date.
		return len(s) >= 8 && len(s) <= 30 && mayBeSentinel(s) && IsSentinelDate(s)
	}
	if len(s) > maxPlaceholderLen {
		return false
	}
	// Most values are names, codes and addresses already in plain upper
	// case: then the first byte, and at most one lookup, decide.
	if plainFolded(s) {
		return placeholderStart[s[0]] && placeholderWords[s] || fillerStart[s[0]] && isFiller(s)
	}
	var buf [64]byte
	f := norm.AppendFold(buf[:0], s)
	return placeholderWords[string(f)] || len(f) >= 3 && allSame(f) || isFiller(f)
}

// fillerWords are what testers and data-entry shortcuts type where a value
// goes ("PRUEBA", "TEST 2", "asdf1"): never a person's data.
var fillerWords = setOf("PRUEBA", "PRUEBAS", "TEST", "TESTING", "DEMO", "EJEMPLO", "ASDF", "ASDFG", "QWERTY",
	"DUMMY", "LOREM", "LOREM IPSUM", "FOO", "FOOBAR", "NOMBRE PRUEBA", "USUARIO PRUEBA", "DATO PRUEBA")

var fillerStart = func() (start [256]bool) {
	for w := range fillerWords {
		start[w[0]] = true
	}
	return start
}()

// isFiller reports whether folded s is a filler word, maybe followed by a
// number ("PRUEBA", "TEST_3", "ASDF123").
func isFiller[T ~string | ~[]byte](f T) bool {
	end := len(f)
	for end > 0 && isDigit(f[end-1]) {
		end--
	}
	for end > 0 && (f[end-1] == ' ' || f[end-1] == '_' || f[end-1] == '-') && end < len(f) {
		end--
	}
	return end > 0 && fillerWords[string(f[:end])]
}

// plainFolded reports whether s (trimmed) is what norm.Fold would return:
// ASCII without lower case or control characters, single spaces.
func plainFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < ' ' || 'a' <= c && c <= 'z' || c == ' ' && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// mayBeSentinel reports whether s holds one of the years or runs of zeros
// every sentinel date has.
func mayBeSentinel(s string) bool {
	// Each of them holds 00 or 99: most dates and numbers hold neither.
	pair := false
	for i := 0; i+1 < len(s); i++ {
		if s[i] == s[i+1] && (s[i] == '0' || s[i] == '9') {
			pair = true
			break
		}
	}
	if !pair {
		return false
	}
	for i := 0; i+4 <= len(s); i++ {
		switch s[i : i+4] {
		case "1900", "1800", "9999", "0000", "/00/", "-00-":
			return true
		}
	}
	return strings.Contains(s, "00/00") || strings.Contains(s, "00-00")
}

// genericIdentifier reports whether s is one of the generic keys Mexican
// forms put where a person's identifier is missing: the SAT's generic RFCs
// XAXX010101000 (público en general) and XEXX010101000 (foreigners), and
// the generic CURP XEXX010101HNEXXXA4. They are valid in form, shared by
// thousands of rows, and name no one.
func genericIdentifier(s string) bool {
	if len(s) != 13 && len(s) != 18 || s[0] != 'X' && s[0] != 'x' {
		return false
	}
	u := strings.ToUpper(s)
	switch len(u) {
	case 13:
		return u == "XAXX010101000" || u == "XEXX010101000"
	default:
		return IsGenericCURP(u)
	}
}

// placeholderDomains are the e-mail domains of no one: the reserved
// example and test names (RFC 2606) and the made-up domains forms and test
// loads use ("prueba.com", "correo.com", "sincorreo.com").
var placeholderDomains = setOf("EXAMPLE.COM", "EXAMPLE.ORG", "EXAMPLE.NET", "EXAMPLE.MX", "TEST.COM", "TEST.MX",
	"PRUEBA.COM", "PRUEBA.MX", "PRUEBAS.COM", "CORREO.COM", "DOMINIO.COM", "SINCORREO.COM", "NOTIENE.COM",
	"NOCORREO.COM", "SINEMAIL.COM", "EMAIL.COM.MX", "XXX.COM", "ASDF.COM", "LOCALHOST")

// placeholderEmail reports whether s is an e-mail address of no one: at a
// placeholder domain or a reserved top-level domain (.test, .example,
// .invalid, .localhost), or whose local part is a filler ("prueba3@",
// "test@", "qa+12@").
func placeholderEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || len(s) > 80 {
		return false
	}
	domain := strings.ToUpper(s[at+1:])
	if placeholderDomains[domain] {
		return true
	}
	for _, tld := range []string{".TEST", ".EXAMPLE", ".INVALID", ".LOCALHOST"} {
		if strings.HasSuffix(domain, tld) {
			return true
		}
	}
	local := strings.ToUpper(s[:at])
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i] // "qa+12": the tag is the filler's counter
	}
	return isFiller(local) || local == "QA"
}
