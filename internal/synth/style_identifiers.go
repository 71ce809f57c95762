package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
)

// The identifiers the payroll, electoral, payment and chronic-disease
// styles write, each built by the rules of docs/mexico-identifiers.md so
// that detectors/validate accepts it: a person's RFC with homoclave (§2),
// the IMSS NSS (§3), the INE voter key (§4.1), CLABE accounts and payment
// cards, and the date forms of §8 those tables store. This file holds no
// style of its own.

// rfcWords is the RFC's own inconvenient-word list, python-stdnum's 41
// words as detectors/validate/rfc.go holds them (unexported there). When a
// personal RFC's four letters spell one, the SAT replaces the last letter
// with X (reference §1.2 caveat), where RENAPO replaces the CURP's second.
var rfcWords = wordSet(`BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COJA COJE COJI COJO CULO
FETO GUEY JOTO KACA KACO KAGA KAGO KAKA KOGE KOJO KULO MAME MAMO MEAR MEAS MEON MION MOCO MULA PEDA
PEDO PENE PUTA PUTO QULO RATA RUIN`)

// rfcLetters are the four name letters of a personal RFC. They are the
// CURP's first four before RENAPO's replacement: where the CURP carries X
// at position 2 because its letters spelled a word on the CURP list, the
// RFC keeps the surname's vowel; then the RFC list applies its own rule.
func rfcLetters(ps Person) string {
	c := ps.CURP
	b := []byte{c[0], curpVowel(ps.Paterno), c[2], c[3]}
	if rfcWords[string(b)] {
		b[3] = 'X'
	}
	return string(b)
}

// curpVowel is the first internal vowel of the word of a surname the CURP
// takes its letters from (particles skipped, Ñ and other signs as X), the
// way validate.CURPNameKey reads it, before any inconvenient-word rule.
func curpVowel(surname string) byte {
	words := norm.Words(surname)
	for len(words) > 1 && dict.Particles[words[0]] {
		words = words[1:]
	}
	if len(words) == 0 {
		return 'X'
	}
	for i, r := range []rune(words[0]) {
		if i > 0 && (r == 'A' || r == 'E' || r == 'I' || r == 'O' || r == 'U') {
			return byte(r)
		}
	}
	return 'X'
}

// rfcHomoclave computes positions 11-12 of a personal RFC from the full
// name "PATERNO MATERNO NOMBRE(S)" by the SAT algorithm of reference §2.2:
// two-digit codes per character after a leading 0, the sum over adjacent
// digit pairs of (10a+b)*b, mod 1000, then quotient and remainder by 34 in
// the alphabet without 0 and O. "GOMEZ DIAZ EMMA" gives GR. Characters
// outside the SAT table (apostrophes, dots) are skipped.
func rfcHomoclave(fullName string) string {
	digits := []int{0}
	for _, r := range strings.Join(strings.Fields(plain(fullName)), " ") {
		code := -1
		switch {
		case r == ' ':
			code = 0
		case '0' <= r && r <= '9':
			code = int(r - '0')
		case r == '&':
			code = 10
		case r == 'Ñ':
			code = 40
		case 'A' <= r && r <= 'I':
			code = 11 + int(r-'A')
		case 'J' <= r && r <= 'R':
			code = 21 + int(r-'J')
		case 'S' <= r && r <= 'Z':
			code = 32 + int(r-'S')
		}
		if code >= 0 {
			digits = append(digits, code/10, code%10)
		}
	}
	sum := 0
	for k := 0; k+1 < len(digits); k++ {
		sum += (10*digits[k] + digits[k+1]) * digits[k+1]
	}
	sum %= 1000
	return string([]byte{homoclave[sum/34], homoclave[sum%34]})
}

// personRFC is a person's 13-character RFC: name letters, the CURP's
// birth date, the homoclave and the check character (reference §2.3).
func personRFC(ps Person) string {
	body := rfcLetters(ps) + ps.CURP[4:10] + rfcHomoclave(ps.RegistryName())
	d, ok := validate.RFCCheckDigit(body)
	if !ok {
		panic("synth: bad personal RFC body " + body)
	}
	return body + string(d)
}

// wrongRFCCheck replaces an RFC's check character with another valid one,
// as about 1.5% of real RFCs carry (reference §2.3).
func wrongRFCCheck(r *rand.Rand, rfc string) string {
	const checks = "0123456789A"
	last := strings.IndexByte(checks, rfc[len(rfc)-1])
	return rfc[:len(rfc)-1] + string(checks[(last+between(r, 1, len(checks)-1))%len(checks)])
}

// luhnDigit is the digit that completes payload to pass the Luhn check.
func luhnDigit(payload string) byte {
	for d := byte('0'); d <= '9'; d++ {
		if validate.Luhn(payload + string(d)) {
			return d
		}
	}
	panic("synth: no Luhn digit for " + payload)
}

// personNSS is an IMSS number (reference §3): subdelegación, the year of
// first registration (at 15 or later, never after today), the birth year
// as the CURP has it, a sequence and the Luhn digit. Subdelegación 97,
// which validators exempt from the year check, is not drawn.
func personNSS(r *rand.Rand, birth, today time.Time) string {
	by := birth.Year()
	hi := min(by+35, today.Year())
	reg := between(r, min(by+15, hi), hi)
	payload := fmt.Sprintf("%02d%02d%02d%04d", between(r, 1, 96), reg%100, by%100, r.IntN(10000))
	return payload + string(luhnDigit(payload))
}

// Banks people hold their accounts in (codes from the CLABE list in
// detectors/validate/clabe.go): BBVA, Banamex, Banorte, Santander, HSBC,
// Scotiabank, Inbursa, Bajío, Azteca, BanCoppel, Bienestar, Banregio, Afirme.
var (
	personBanks  = []string{"012", "002", "072", "014", "021", "044", "036", "030", "127", "137", "166", "058", "062"}
	personBankW  = newWeighted([]uint64{30, 18, 14, 10, 6, 4, 2, 3, 5, 3, 3, 1, 1})
	bankNames    = map[string]string{"012": "BBVA MEXICO", "002": "BANAMEX", "072": "BANORTE", "014": "SANTANDER", "021": "HSBC", "044": "SCOTIABANK", "036": "INBURSA", "030": "BANBAJIO", "127": "BANCO AZTECA", "137": "BANCOPPEL", "166": "BANCO DEL BIENESTAR", "058": "BANREGIO", "062": "AFIRME"}
	clabeWeights = [3]int{3, 7, 1}
)

// clabeCheck is the CLABE check digit of the first 17 digits: weights
// 3, 7, 1 repeated, each product mod 10, then (10 - sum mod 10) mod 10.
func clabeCheck(first17 string) byte {
	sum := 0
	for i := range len(first17) {
		sum += int(first17[i]-'0') * clabeWeights[i%3] % 10
	}
	return byte('0' + (10-sum%10)%10)
}

// clabeNumber is an 18-digit CLABE: bank, plaza, the 11-digit account and
// the check digit.
func clabeNumber(bank string, plaza int, account int64) string {
	body := fmt.Sprintf("%s%03d%011d", bank, plaza, account)
	return body + string(clabeCheck(body))
}

// personCLABE draws a person's account in a bank people use.
func personCLABE(r *rand.Rand) string {
	return clabeNumber(personBanks[personBankW.pick(r)], between(r, 1, 999), r.Int64N(100_000_000_000))
}

// cardPrefixes are issuer prefixes of cards Mexican banks hand out: Visa
// (4...), Mastercard (51-55...) and Carnet (506199-506499, validate's
// Carnet range), weighted towards Visa debit as social programmes pay.
var (
	cardPrefixes = []string{"415231", "455511", "477213", "491566", "547155", "525678", "542977", "557910", "506302", "506247", "506450"}
	cardPrefixW  = newWeighted([]uint64{25, 12, 10, 6, 10, 8, 6, 5, 8, 6, 4})
)

// cardNumber is a 16-digit card number with an issuer prefix and a valid
// Luhn digit.
func cardNumber(r *rand.Rand) string {
	b := []byte(cardPrefixes[cardPrefixW.pick(r)])
	for len(b) < 15 {
		b = append(b, byte('0'+r.IntN(10)))
	}
	return string(b) + string(luhnDigit(string(b)))
}

// maskCard writes a card number the way receipts and screens show it:
// first four and last four digits, the rest asterisks. Not a value.
func maskCard(s string) string { return s[:4] + strings.Repeat("*", len(s)-8) + s[len(s)-4:] }

// voterKey is an INE clave de elector (reference §4.1): initial and first
// internal consonant of each surname and of the given name (the CURP's
// positions 1, 14, 3, 15, 4, 16, which follow the same particle and
// MARÍA/JOSÉ rules), the birth date YYMMDD, the INEGI key of the birth
// state, the sex and three digits. People born abroad have no INEGI key
// and get none here.
func voterKey(r *rand.Rand, ps Person) string {
	c := ps.CURP
	homonym := 0
	if chance(r, 50) {
		homonym = between(r, 1, 3)
	}
	return string([]byte{c[0], c[13], c[2], c[14], c[3], c[15]}) + c[4:10] + ps.BirthKey +
		string(ps.Sex) + fmt.Sprintf("%d%02d", r.IntN(10), homonym)
}

// excelEpoch is day 0 of Excel's 1900 date system as its serials count it
// from March 1900 on: 1970-01-01 is serial 25569.
const excelEpoch = 25569

// excelSerial is a date as an Excel serial (1900 system, reference §8).
func excelSerial(t time.Time) int64 { return int64(timeDay(t)) + excelEpoch }

// Spanish month names and their abbreviations (reference §8).
var (
	mesesAbbr = [12]string{"ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"}
	mesesLong = [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
		"septiembre", "octubre", "noviembre", "diciembre"}
)

// monthNameDate writes 21/MAR/1963 (sep "/"), 21-MAR-63 (Oracle DD-MON-YY)
// and the like.
func monthNameDate(t time.Time, sep string, twoDigitYear bool) string {
	y := fmt.Sprintf("%04d", t.Year())
	if twoDigitYear {
		y = y[2:]
	}
	return fmt.Sprintf("%02d%s%s%s%s", t.Day(), sep, mesesAbbr[t.Month()-1], sep, y)
}

// spanishLongDate writes "21 de marzo de 1963", optionally upper case.
func spanishLongDate(t time.Time, upper bool) string {
	s := fmt.Sprintf("%d de %s de %d", t.Day(), mesesLong[t.Month()-1], t.Year())
	if upper {
		s = strings.ToUpper(s)
	}
	return s
}

// ddmmyy writes 21/03/63: the two-digit year a reader expands with the
// birthdate pivot (reference §8).
func ddmmyy(t time.Time) string { return t.Format("02/01/06") }

// dateSentinels are what text date columns hold for "unknown" (reference
// §8): not values.
var dateSentinels = []string{"00/00/0000", "1900-01-01", "9999-99-99", "01/01/1900"}

// curpFixture is the most copied sample CURP (reference §1.5): clerks and
// test scripts type it, and it names nobody.
const curpFixture = "OEAF771012HMCRGR09"

// genericRFC is the SAT's RFC for "público en general" (reference §2.3): it
// fills RFC fields when the person's is unknown, and names nobody.
const genericRFC = "XAXX010101000"
