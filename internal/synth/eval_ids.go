package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/validate"
)

// Identifier builders for the evaluation styles (eval_*.go). They follow
// docs/mexico-identifiers.md directly; the validators in detectors/validate
// are only used as oracles where the reference itself defers to a list
// (the RFC inconvenient words) and by the tests.

// evPersonStream is a random stream that depends only on a seed drawn at
// build time and a person: attributes a person keeps across rows (the
// NSS, the bank account, the card) come from it, so a person who appears
// twice carries the same number twice.
func evPersonStream(seed uint64, i int32) *rand.Rand {
	return rowRand(splitmix(seed ^ splitmix(uint64(i)+0x51ed270b)))
}

// evWord is the word of a (possibly compound) name that key letters are
// taken from (reference §1.2): accents stripped, particles skipped, and for
// a given name of two or more words a leading MARIA/JOSE (or MA., J.)
// skipped too. Ñ is kept; callers map it.
func evWord(s string, given bool) []rune {
	ws := strings.Fields(plain(s))
	if given && len(ws) > 1 {
		switch ws[0] {
		case "MARIA", "MA.", "MA", "M.", "JOSE", "J.", "J":
			ws = ws[1:]
		}
	}
	for len(ws) > 1 && dict.Particles[ws[0]] {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return nil
	}
	return []rune(ws[0])
}

func evIsVowel(r rune) bool { return r == 'A' || r == 'E' || r == 'I' || r == 'O' || r == 'U' }

// evKeyLetter is a letter as it enters a key: Ñ and anything that is not
// A-Z become X (reference §1.2 rule 1).
func evKeyLetter(r rune) byte {
	if r >= 'A' && r <= 'Z' {
		return byte(r)
	}
	return 'X'
}

// evPersonRFC is the 13-character RFC of a persona física (reference §2):
// the four name letters and the birth date are the CURP's first ten
// characters, the homoclave is computed from the full name by §2.2 and the
// check character by §2.3. The CURP and the RFC replace inconvenient
// words differently (§1.2 caveat): where the CURP put an X in position 2
// for an inconvenient word, the RFC keeps the vowel, and where the four
// letters spell a word of the SAT list, the RFC replaces the last letter.
// The SAT list is not in the reference, so validate.ParseRFC (which holds
// python-stdnum's list) decides which words are on it.
// Where the SAT's own name rules differ from the CURP's (a single
// surname, very short surnames) this RFC may not be the one the SAT would
// issue; it is still a well-formed personal RFC of this person.
func evPersonRFC(ps Person) string {
	key := []byte(ps.CURP[:4])
	if key[1] == 'X' {
		w := evWord(ps.Paterno, false)
		for _, r := range w[min(1, len(w)):] {
			if evIsVowel(r) {
				key[1] = byte(r)
				break
			}
		}
	}
	if _, why := validate.ParseRFC(string(key) + ps.CURP[4:10]); why == validate.Inconvenient {
		key[3] = 'X'
	}
	body := string(key) + ps.CURP[4:10] + evHomoclave(plain(ps.RegistryName()))
	d, ok := validate.RFCCheckDigit(body)
	if !ok {
		panic("synth: bad RFC body " + body)
	}
	return body + string(d)
}

// evHomoclave computes the two homoclave characters from a name written
// "PATERNO MATERNO NOMBRE(S)" (reference §2.2): each character becomes two
// digits by SAT table 1, a 0 goes in front, every adjacent pair of digits
// adds (10a+b)·b, and the sum mod 1000 divided by 34 gives the two
// characters through the 34-symbol alphabet.
func evHomoclave(name string) string {
	digits := []int{0}
	for _, r := range name {
		code := 0 // space, and anything table 1 does not list
		switch {
		case r >= '0' && r <= '9':
			code = int(r - '0')
		case r == '&':
			code = 10
		case r == 'Ñ':
			code = 40
		case r >= 'A' && r <= 'I':
			code = 11 + int(r-'A')
		case r >= 'J' && r <= 'R':
			code = 21 + int(r-'J')
		case r >= 'S' && r <= 'Z':
			code = 32 + int(r-'S')
		}
		digits = append(digits, code/10, code%10)
	}
	sum := 0
	for k := 0; k+1 < len(digits); k++ {
		sum += (10*digits[k] + digits[k+1]) * digits[k+1]
	}
	v := sum % 1000
	return string([]byte{homoclave[v/34], homoclave[v%34]})
}

// evLuhnDigit is the Luhn check digit for a payload of ASCII digits: from
// the right, every other digit (starting with the last) is doubled.
func evLuhnDigit(payload string) byte {
	sum, double := 0, true
	for i := len(payload) - 1; i >= 0; i-- {
		v := int(payload[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

// evNSS is an IMSS número de seguridad social (reference §3): the
// subdelegación (01-96; 97 is the one the plausibility rule exempts, so it
// is left out), the year of first registration, the year of birth, four
// sequential digits and the Luhn digit. The person was registered between
// 16 and 30 years old, never after the reference year.
func evNSS(r *rand.Rand, birth, today time.Time) string {
	reg := min(birth.Year()+between(r, 16, 30), today.Year())
	payload := fmt.Sprintf("%02d%02d%02d%04d", between(r, 1, 96), reg%100, birth.Year()%100, r.IntN(10000))
	return payload + string(evLuhnDigit(payload))
}

// evDigitTypo changes one digit of s (a capture error). Luhn and the CLABE
// weights (3, 7, 1 are prime to 10) catch every single-digit change.
func evDigitTypo(r *rand.Rand, s string) string {
	b := []byte(s)
	for {
		i := r.IntN(len(b))
		if b[i] < '0' || b[i] > '9' {
			continue
		}
		b[i] = byte('0' + (int(b[i]-'0')+between(r, 1, 9))%10)
		return string(b)
	}
}

// clabeBanks are the institutions whose accounts the payment roll pays
// into (Banxico ABM codes): Banco del Bienestar (formerly Bansefi) above
// all, then the large retail banks.
var (
	evBankCodes = []string{"166", "127", "012", "002", "072", "014", "137", "021"}
	evBankNames = []string{"BANCO DEL BIENESTAR", "BANCO AZTECA", "BBVA MEXICO", "BANAMEX",
		"BANORTE", "SANTANDER", "BANCOPPEL", "HSBC"}
	evBankW  = newWeighted([]uint64{55, 12, 10, 7, 6, 5, 3, 2})
	evPlazas = []string{"180", "320", "580", "650", "010", "027", "090", "115", "225", "420", "540", "700", "905"}
)

// evCLABECheck is the CLABE control digit: the first 17 digits weighted 3,
// 7, 1 repeated, each product taken mod 10, and (10 − sum mod 10) mod 10.
func evCLABECheck(first17 string) byte {
	w := [3]int{3, 7, 1}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * w[i%3] % 10
	}
	return byte('0' + (10-sum%10)%10)
}

// evCLABE builds an 18-digit CLABE: bank, plaza, 11 account digits and
// the control digit.
func evCLABE(r *rand.Rand, bank string) string {
	var b strings.Builder
	b.WriteString(bank)
	b.WriteString(pick(r, evPlazas))
	for range 11 {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	s := b.String()
	return s + string(evCLABECheck(s))
}

// evCardPrefixes are issuer prefixes of cards issued in Mexico: Visa (4),
// Mastercard (51-55 and the 2221-2720 range) and Carnet (506199-506499).
var (
	evCardPrefixes = []string{"4152", "4213", "4555", "4766", "4931", "4815", "4027",
		"5204", "5256", "5579", "5470", "5101", "2223", "2306", "506302", "506450", "506211"}
	evCardPrefixW = newWeighted([]uint64{9, 8, 8, 7, 6, 5, 5, 8, 7, 6, 5, 4, 3, 2, 3, 2, 2})
)

// evCard is a 16-digit card number with a valid Luhn digit.
func evCard(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString(evCardPrefixes[evCardPrefixW.pick(r)])
	for b.Len() < 15 {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	s := b.String()
	return s + string(evLuhnDigit(s))
}

// evVoterPair is two letters of a clave de elector (reference §4.1): the
// first letter and the first internal consonant of a name, X when there is
// none; a missing surname gives XX.
func evVoterPair(s string, given bool) string {
	w := evWord(s, given)
	if len(w) == 0 {
		return "XX"
	}
	out := []byte{evKeyLetter(w[0]), 'X'}
	for _, r := range w[1:] {
		if r == 'Ñ' || (r >= 'A' && r <= 'Z' && !evIsVowel(r)) {
			out[1] = evKeyLetter(r)
			break
		}
	}
	return string(out)
}

// evVoterKey builds an 18-character clave de elector (reference §4.1): six
// letters from the paterno, materno and given name, YYMMDD, the INEGI key
// of the birth state, the sex and three digits (a homonymy key and a
// digit; their meaning is [U], so they are drawn at random).
func evVoterKey(r *rand.Rand, ps Person) string {
	b := ps.Birth
	return fmt.Sprintf("%s%s%s%02d%02d%02d%s%c%03d",
		evVoterPair(ps.Paterno, false), evVoterPair(ps.Materno, false), evVoterPair(ps.Nombre, true),
		b.Year()%100, int(b.Month()), b.Day(), ps.BirthKey, ps.Sex, r.IntN(1000))
}

// evExcelEpoch is day 0 of Excel's 1900 date system as it counts in
// practice (reference §8): serial 1 is 1900-01-01 only before the Lotus
// leap-day bug, and every serial after 60 counts from 1899-12-30.
var evExcelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// evExcelSerial is a date as an Excel serial number.
func evExcelSerial(t time.Time) int64 { return int64(t.Sub(evExcelEpoch).Hours()) / 24 }

// evMeses are the Spanish month abbreviations Oracle writes with
// NLS_DATE_LANGUAGE=SPANISH (reference §8).
var evMeses = []string{"ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"}

// evOracleDate writes DD-MON-YY with a Spanish month: 21-MAR-63.
func evOracleDate(t time.Time) string {
	return fmt.Sprintf("%02d-%s-%02d", t.Day(), evMeses[t.Month()-1], t.Year()%100)
}

// evMojibake1252 writes accented capitals as UTF-8 bytes read back as
// Windows-1252, the way a latin1 client damages a UTF-8 database: Ñ gives
// Ã‘, É gives Ã‰. Á and Í fall on bytes cp1252 leaves undefined, which
// Windows maps to the C1 controls U+0081 and U+008D.
var evMojibake1252 = strings.NewReplacer(
	"Á", "Ã\u0081", "É", "Ã‰", "Í", "Ã\u008d", "Ó", "Ã“", "Ú", "Ãš", "Ñ", "Ã‘", "Ü", "Ãœ")

// evNameTypo is a capture error in a name: a letter dropped, doubled or
// swapped with the next one. The name is still a person's name.
func evNameTypo(r *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) < 5 {
		return s
	}
	i := between(r, 1, len(rs)-2)
	if rs[i] == ' ' || rs[i+1] == ' ' || rs[i] == rs[i+1] {
		return s
	}
	switch r.IntN(3) {
	case 0:
		return string(rs[:i]) + string(rs[i+1:])
	case 1:
		rs[i], rs[i+1] = rs[i+1], rs[i]
		return string(rs)
	}
	return string(rs[:i+1]) + string(rs[i:])
}

// evVINCheck computes position 9 of a 17-character VIN (ISO 3779 / 49 CFR
// 565): letters transliterated, positions weighted 8 7 6 5 4 3 2 10 0 9 8
// 7 6 5 4 3 2, the sum mod 11, 10 written X.
func evVINCheck(vin []byte) byte {
	const translit = "12345678_12345_7_923456789" // A..Z; I, O, Q unused
	weights := [17]int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, c := range vin {
		v := 0
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(translit[c-'A'] - '0')
		}
		sum += v * weights[i]
	}
	if m := sum % 11; m < 10 {
		return byte('0' + m)
	}
	return 'X'
}
