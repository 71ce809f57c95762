// Package norm normalises text the way Mexican legacy data needs before any
// comparison: upper case, accents stripped (but Ñ kept, because it matters to
// CURP and RFC rules), common mojibake repaired, whitespace collapsed.
package norm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mojibake lists byte sequences that legacy pipelines leave in place of
// accented letters: UTF-8 read as Latin-1 ("Ã‘" for Ñ), and the old code
// page 437/850 mapping of Ñ ("¥"). Replaced before folding.
var mojibake = strings.NewReplacer(
	"Ã‘", "Ñ", "Ã±", "ñ",
	"Ã\u0091", "Ñ", "Ã\u00b1", "ñ",
	"Ã¡", "á", "Ã©", "é", "Ã\u00ad", "í", "Ã³", "ó", "Ãº", "ú",
	"Ã\u0081", "Á", "Ã‰", "É", "Ã\u008d", "Í", "Ã“", "Ó", "Ãš", "Ú",
	"Ã¼", "ü", "Ãœ", "Ü",
	"¥", "Ñ",
)

// HasMojibake reports whether s contains a sequence Fold would repair.
func HasMojibake(s string) bool {
	return strings.Contains(s, "Ã") || strings.Contains(s, "¥")
}

// fold maps one rune to its folded form: upper case, accents stripped,
// Ñ kept. ok is false for runes that are not letters or digits.
func fold(r rune) rune {
	switch r {
	case 'á', 'à', 'â', 'ä', 'ã', 'Á', 'À', 'Â', 'Ä', 'Ã':
		return 'A'
	case 'é', 'è', 'ê', 'ë', 'É', 'È', 'Ê', 'Ë':
		return 'E'
	case 'í', 'ì', 'î', 'ï', 'Í', 'Ì', 'Î', 'Ï':
		return 'I'
	case 'ó', 'ò', 'ô', 'ö', 'õ', 'Ó', 'Ò', 'Ô', 'Ö', 'Õ':
		return 'O'
	case 'ú', 'ù', 'û', 'ü', 'Ú', 'Ù', 'Û', 'Ü':
		return 'U'
	case 'ñ', 'Ñ':
		return 'Ñ'
	case 'ç', 'Ç':
		return 'C'
	}
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	return unicode.ToUpper(r)
}

// Fold returns s upper-cased, without accents (Ñ kept), mojibake repaired
// and runs of whitespace collapsed to one space, trimmed.
func Fold(s string) string {
	// Plain upper-case ASCII, most legacy values, is folded already, and
	// holds no mojibake (which is never ASCII): no need to look for it.
	if isPlainUpper(s) {
		return s
	}
	if HasMojibake(s) {
		s = mojibake.Replace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(fold(r))
	}
	return b.String()
}

// AppendFold appends Fold(s) to dst: the same bytes, without allocating
// a string when dst has room (a lookup of a short value can fold it on
// the stack).
func AppendFold(dst []byte, s string) []byte {
	if isPlainUpper(s) {
		return append(dst, s...)
	}
	if HasMojibake(s) {
		return append(dst, Fold(s)...)
	}
	start := len(dst)
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, fold(r))
	}
	return dst
}

// isPlainUpper reports whether s is already folded: ASCII, no lower case,
// single spaces, trimmed. Most legacy values are, so Fold can skip copying.
func isPlainUpper(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'a' <= c && c <= 'z', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		prevSpace = false
	}
	return true
}

// Compact returns s folded, with every rune that is not a letter or digit
// removed: "curp-123 4" becomes "CURP1234". Identifiers are compared this way.
func Compact(s string) string {
	s = Fold(s)
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Words splits folded text into words of letters (and apostrophes inside
// words, the typographic ’ that word processors type included), dropping
// punctuation and digits: "HERNÁNDEZ-GARCÍA, Ma. José" gives [HERNANDEZ
// GARCIA MA JOSE].
func Words(s string) []string { return AppendWords(nil, s) }

// AppendWords appends the words of s, as Words splits them, to out.
func AppendWords(out []string, s string) []string {
	s = Fold(s)
	start := -1
	for i, r := range s {
		letter := unicode.IsLetter(r) || ((r == '\'' || r == '’') && start >= 0)
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			out = append(out, strings.TrimRight(s[start:i], "'’"))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.TrimRight(s[start:], "'’"))
	}
	return out
}

// Identifier normalises a column or table name for vocabulary matching:
// lower case, accents stripped, camelCase split, and every run of
// separators ("_", "-", ".", spaces) made one "_": "FechaNacimiento" and
// "fecha-nacimiento" both give "fecha_nacimiento".
func Identifier(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 4)
	var prev rune
	sep := false
	runes := []rune(s)
	for i, r := range runes {
		isLetter := unicode.IsLetter(r)
		isDigit := unicode.IsDigit(r)
		if !isLetter && !isDigit {
			sep = b.Len() > 0
			prev = r
			continue
		}
		// camelCase boundary: lower→Upper, or Upper followed by lower after
		// an Upper run ("HTTPServer" → http_server).
		if b.Len() > 0 && !sep && unicode.IsUpper(r) {
			if unicode.IsLower(prev) || unicode.IsDigit(prev) ||
				(unicode.IsUpper(prev) && i+1 < len(runes) && unicode.IsLower(runes[i+1])) {
				sep = true
			}
		}
		if sep {
			b.WriteByte('_')
			sep = false
		}
		f := fold(r)
		if f == 'Ñ' {
			f = 'N'
		}
		b.WriteRune(unicode.ToLower(f))
		prev = r
	}
	return b.String()
}
