package validate

import (
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
)

// CURP is a validated Clave Única de Registro de Población (docs/mexico-identifiers.md §1).
type CURP struct {
	Value string    // canonical: 18 upper-case characters
	Birth time.Time // with the century given by the differentiator (position 17)
	Sex   byte      // 'H', 'M' or 'X'
	State string    // two-letter RENAPO code, "NE" for born abroad
	// NameKey is positions 1-4 and 14-16: the letters taken from the name.
	NameKey string
}

// Reason says why a value is not a valid identifier; OK when it is.
type Reason int

const (
	OK            Reason = iota
	BadFormat            // wrong length or character classes
	BadDate              // not a calendar date
	FutureDate           // born after the reference day (position 17 says 20YY)
	BadState             // not a state code
	Inconvenient         // positions 1-4 spell a word RENAPO would have replaced
	BadCheckDigit        // the check digit does not match
	Fixture              // a well-known sample value, not a person
	Placeholder          // a value that stands for "no value" (00000, 1234567890, SIN CORREO)
	Implausible          // well formed, but its parts contradict each other or the reference day
	Unknown              // well formed, but not in the catalogue it must belong to
)

var reasonText = [...]string{
	OK: "valid", BadFormat: "wrong format", BadDate: "impossible date",
	FutureDate: "date in the future", BadState: "unknown state code",
	Inconvenient: "inconvenient word", BadCheckDigit: "wrong check digit",
	Fixture: "known test fixture", Placeholder: "placeholder",
	Implausible: "implausible", Unknown: "not in catalogue",
}

func (r Reason) String() string {
	if int(r) < len(reasonText) {
		return reasonText[r]
	}
	return "invalid"
}

// curpStates are the 32 RENAPO state codes and NE (born abroad), §1.4.
var curpStates = map[string]bool{
	"AS": true, "BC": true, "BS": true, "CC": true, "CL": true, "CM": true,
	"CS": true, "CH": true, "DF": true, "DG": true, "GT": true, "GR": true,
	"HG": true, "JC": true, "MC": true, "MN": true, "MS": true, "NT": true,
	"NL": true, "OC": true, "PL": true, "QT": true, "QR": true, "SP": true,
	"SL": true, "SR": true, "TC": true, "TS": true, "TL": true, "VZ": true,
	"YN": true, "ZS": true, "NE": true,
}

// IsCURPState reports whether code is a RENAPO state code (or NE).
func IsCURPState(code string) bool { return curpStates[code] }

// curpInconvenient is Anexo 2 of the Instructivo (§1.2 rule 8): RENAPO
// replaces position 2 with X when positions 1-4 would spell one of these,
// so a value that does spell one cannot be a real CURP.
var curpInconvenient = wordSet(`BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE
COJI COJO COLA CULO FALO FETO GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA
KOJE KOJI KOJO KOLA KULO LILO LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA
MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO RUIN SENO TETA VACA
VAGA VAGO VAKA VUEI VUEY WUEI WUEY`)

// curpFixtures are sample values copied from documentation into countless
// forms and tests (§1.5, §9): they mark test rows, not people.
var curpFixtures = map[string]bool{
	"OEAF771012HMCRGR09": true, "OEAF771012HMCRGR08": true,
	"AAAA000101HDFCCC09": true,
}

// IsGenericCURP reports whether a canonical 18-character CURP is one of the
// generic keys forms use when a person has none: XEXX010101HNEXXXA4, the
// CURP counterpart of the SAT's generic foreign RFC XEXX010101000, and its
// siblings (XAXX, either sex, any differentiator). They validate, check
// digit included, but name no one: like the generic RFCs, a placeholder.
func IsGenericCURP(s string) bool {
	return len(s) == 18 && (s[:4] == "XEXX" || s[:4] == "XAXX") && s[4:10] == "010101" &&
		s[11:13] == "NE" && s[13:16] == "XXX"
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// curpCharValue is a character's value in the check-digit alphabet
// "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ" (§1.5): Ñ holds slot 24.
func curpCharValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'A' <= c && c <= 'N':
		return int(c-'A') + 10
	case 'O' <= c && c <= 'Z':
		return int(c-'O') + 25
	}
	return -1
}

// CURPCheckDigit computes position 18 from the first 17 characters.
// ok is false when first17 is not 17 upper-case letters and digits.
func CURPCheckDigit(first17 string) (digit byte, ok bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := curpCharValue(first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * (18 - i)
	}
	return byte('0' + (10-sum%10)%10), true
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isVowelX(c byte) bool {
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'X'
}

// canonicalID upper-cases s and drops spaces, dashes and dots around and
// inside an identifier. Values already canonical are returned as they are.
func canonicalID(s string, n int) string {
	if len(s) == n {
		clean := true
		for i := 0; i < n; i++ {
			if !isUpper(s[i]) && !isDigit(s[i]) {
				clean = false
				break
			}
		}
		if clean {
			return s
		}
	}
	// Cheap reject before allocating: an identifier of n characters with a
	// few separators cannot be much longer or shorter.
	if len(s) < n || len(s) > 2*n+8 {
		return s
	}
	return norm.Compact(s)
}

// ParseCURP validates a CURP against every rule of §1.5: format, calendar
// date, century (a letter at position 17 means born 2000 or later, and that
// date cannot be after today), state code, inconvenient words and the check
// digit. Sex X (non-binary) is accepted. Spaces and dashes are ignored.
func ParseCURP(s string, today time.Time) (CURP, Reason) {
	s = canonicalID(s, 18)
	if len(s) != 18 {
		return CURP{}, BadFormat
	}
	for i := 0; i < 4; i++ {
		if !isUpper(s[i]) {
			return CURP{}, BadFormat
		}
	}
	if !isVowelX(s[1]) {
		return CURP{}, BadFormat
	}
	for i := 4; i < 10; i++ {
		if !isDigit(s[i]) {
			return CURP{}, BadFormat
		}
	}
	sex := s[10]
	if sex != 'H' && sex != 'M' && sex != 'X' {
		return CURP{}, BadFormat
	}
	for i := 13; i < 16; i++ {
		if !isCURPConsonant(s[i]) {
			return CURP{}, BadFormat
		}
	}
	diff := s[16]
	if !isUpper(diff) && !isDigit(diff) || !isDigit(s[17]) {
		return CURP{}, BadFormat
	}
	state := s[11:13]
	if !curpStates[state] {
		return CURP{}, BadState
	}
	year := 1900 + int(s[4]-'0')*10 + int(s[5]-'0')
	if isUpper(diff) {
		year += 100
	}
	month := int(s[6]-'0')*10 + int(s[7]-'0')
	day := int(s[8]-'0')*10 + int(s[9]-'0')
	birth, ok := civilDate(year, month, day)
	if !ok {
		return CURP{}, BadDate
	}
	if !today.IsZero() && birth.After(today) {
		return CURP{}, FutureDate
	}
	if curpInconvenient[s[:4]] {
		return CURP{}, Inconvenient
	}
	if d, _ := CURPCheckDigit(s[:17]); d != s[17] {
		return CURP{}, BadCheckDigit
	}
	if curpFixtures[s] {
		return CURP{}, Fixture
	}
	if IsGenericCURP(s) {
		return CURP{}, Placeholder
	}
	return CURP{Value: s, Birth: birth, Sex: sex, State: state, NameKey: s[:4] + s[13:16]}, OK
}

// civilDate builds a date, reporting false when the fields do not form one.
func civilDate(year, month, day int) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

// givenNameSkip lists first given names that RENAPO skips when a person
// has more than one (§1.2 rule 4): MARÍA and JOSÉ and their abbreviations.
var givenNameSkip = wordSet("MARIA MA M JOSE J")

// CURPNameKey derives positions 1-4 and 14-16 of a CURP from a person's
// first surname, second surname and given names, by the rules of §1.2:
// accents stripped, Ñ becomes X, particles and MARÍA/JOSÉ skipped, the
// first internal vowel and consonants taken, inconvenient words replaced.
// The result has 7 letters.
func CURPNameKey(paterno, materno, nombre string) string {
	var pb, mb, nb [24]byte
	p := curpWord(pb[:0], paterno, false)
	m := curpWord(mb[:0], materno, false)
	n := curpWord(nb[:0], nombre, true)
	key := []byte{
		initial(p), firstInternalVowel(p), initial(m), initial(n),
		firstInternalConsonant(p), firstInternalConsonant(m), firstInternalConsonant(n),
	}
	if curpInconvenient[string(key[:4])] {
		key[1] = 'X'
	}
	return string(key)
}

// curpWord picks the word of a (possibly compound) name that the CURP
// takes its letters from, as bytes with Ñ already turned into X, appended
// to out.
func curpWord(out []byte, s string, given bool) []byte {
	var buf [8]string
	words := norm.AppendWords(buf[:0], s)
	if given && len(words) > 1 && givenNameSkip[words[0]] {
		words = words[1:]
	}
	for len(words) > 1 && dict.Particles[words[0]] {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil
	}
	w := words[0]
	for _, r := range w {
		switch {
		case r == 'Ñ':
			out = append(out, 'X')
		case r < 128 && isUpper(byte(r)):
			out = append(out, byte(r))
		default: // any other character in a used position becomes X
			out = append(out, 'X')
		}
	}
	return out
}

func initial(w []byte) byte {
	if len(w) == 0 {
		return 'X'
	}
	return w[0]
}

func isCURPVowel(c byte) bool { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' }
func isCURPConsonant(c byte) bool {
	return isUpper(c) && !isCURPVowel(c)
}

// firstInternalVowel returns the first vowel after the initial, or X.
func firstInternalVowel(w []byte) byte {
	for i := 1; i < len(w); i++ {
		if isCURPVowel(w[i]) {
			return w[i]
		}
	}
	return 'X'
}

// firstInternalConsonant returns the first consonant after the initial, or
// X. A leading CH or LL counts as one letter (§1.2 rule 7), so its second
// letter is not taken; implementations disagree here, and the row
// cross-check tolerates one mismatched letter for that reason.
func firstInternalConsonant(w []byte) byte {
	start := 1
	if len(w) >= 2 && (w[0] == 'C' && w[1] == 'H' || w[0] == 'L' && w[1] == 'L') {
		start = 2
	}
	for i := start; i < len(w); i++ {
		if isCURPConsonant(w[i]) {
			return w[i]
		}
	}
	return 'X'
}

// FindCURP returns the first valid CURP written inside s as a word of its
// own: 18 letters and digits between non-alphanumeric characters or the
// ends of s ("Registro GOMC800101HDFRRL09 actualizado",
// "<curp>GOMC800101HDFRRL09</curp>", "{GOMC800101HDFRRL09,JUAN}"). A valid
// CURP is its own evidence (check digit, calendar date, state code), so no
// surrounding word is needed.
func FindCURP(s string, today time.Time) (CURP, bool) {
	run := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			b := s[i]
			if 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || '0' <= b && b <= '9' {
				run++
				continue
			}
		}
		if run == 18 {
			if c, r := ParseCURP(s[i-18:i], today); r == OK {
				return c, true
			}
		}
		run = 0
	}
	return CURP{}, false
}
