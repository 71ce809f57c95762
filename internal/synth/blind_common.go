package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/validate"
)

// Helpers shared by the blind evaluation styles (blind_*.go). Everything is
// prefixed bl so the blind set can live beside the other style files
// without sharing their code: the blind tables must not inherit the
// tuning set's habits.

// blForm says how a row writes an identifier that may be valid, missing or
// broken. Only blValid puts a person in Table.Persons.
type blForm uint8

const (
	blValid       blForm = iota
	blNull               // NULL
	blPlaceholder        // SIN CURP, XXXXXXXXXXXXXXXXXX, EN TRAMITE...
	blTypo               // a capture error that fails validation
	blFixture            // the copied sample OEAF771012HMCRGR09
	blBlank              // an empty or all-blank field (DBF exports)
)

// The known fixtures of docs/mexico-identifiers.md §1.5 and §2.3.
const (
	blFixtureCURP = "OEAF771012HMCRGR09"
	blGenericRFC  = "XAXX010101000"
)

// blDrawForm draws a form: perMille rates of NULL, placeholder, typo and
// fixture; the rest valid.
func blDrawForm(r *rand.Rand, nullPM, placeholderPM, typoPM, fixturePM int) blForm {
	switch n := r.IntN(1000); {
	case n < nullPM:
		return blNull
	case n < nullPM+placeholderPM:
		return blPlaceholder
	case n < nullPM+placeholderPM+typoPM:
		return blTypo
	case n < nullPM+placeholderPM+typoPM+fixturePM:
		return blFixture
	}
	return blValid
}

// blCURPPlaceholders are what capture screens store when there is no CURP.
var blCURPPlaceholders = []string{"SIN CURP", "SIN CURP", "NO TIENE", "EN TRAMITE", "XXXXXXXXXXXXXXXXXX", "0", "S/D"}

// blCURPCell writes a CURP in a form. Typos come from r, so a caller that
// needs the same typo twice passes a stream seeded for that person.
func blCURPCell(r *rand.Rand, f blForm, curp string, today time.Time, placeholders []string) any {
	switch f {
	case blNull:
		return nil
	case blPlaceholder:
		return pick(r, placeholders)
	case blTypo:
		return typoCURP(r, curp, today)
	case blFixture:
		return blFixtureCURP
	case blBlank:
		return ""
	}
	return curp
}

// blAge is the age in whole years at a day.
func blAge(birth, at time.Time) int {
	y := at.Year() - birth.Year()
	if at.Month() < birth.Month() || at.Month() == birth.Month() && at.Day() < birth.Day() {
		y--
	}
	return y
}

// blAgeOf is a pool person's age at the corpus's reference day.
func blAgeOf(p *Pool, i int32) int { return blAge(p.Birth(i), p.Today()) }

// blSampleAge samples the pool (perMille) among people aged lo..hi.
func blSampleAge(p *Pool, r *rand.Rand, perMille, lo, hi int) []int32 {
	return p.Sample(r, perMille, func(i int32) bool {
		a := blAgeOf(p, i)
		return a >= lo && a <= hi
	})
}

// blSurnameIndex lists the pool by first surname, to find relatives who
// plausibly share it.
func blSurnameIndex(p *Pool) map[uint16][]int32 {
	m := map[uint16][]int32{}
	for i := range p.people {
		s := p.people[i].paterno
		m[s] = append(m[s], int32(i))
	}
	return m
}

// blFind returns someone aged lo..hi, not exclude: first among cands
// (relatives by surname), then anyone in the pool; -1 if nobody turns up.
func blFind(p *Pool, r *rand.Rand, cands []int32, lo, hi int, exclude int32) int32 {
	ok := func(i int32) bool {
		if i == exclude {
			return false
		}
		a := blAgeOf(p, i)
		return a >= lo && a <= hi
	}
	for k := 0; k < 25 && len(cands) > 1; k++ {
		if i := pick(r, cands); ok(i) {
			return i
		}
	}
	for range 400 {
		if i := int32(r.IntN(p.Len())); ok(i) {
			return i
		}
	}
	return -1
}

// blAdult finds any adult of working age; the pool always has one.
func blAdult(p *Pool, r *rand.Rand, exclude int32) int32 {
	if i := blFind(p, r, nil, 20, 70, exclude); i >= 0 {
		return i
	}
	for i := range int32(p.Len()) {
		if i != exclude && blAgeOf(p, i) >= 18 {
			return i
		}
	}
	return 0
}

// blStaff picks a stable staff member for a key (a facility, an office):
// the same key gives the same adult in every replay.
func blStaff(p *Pool, seed uint64, key int) int32 {
	return blAdult(p, rowRand(seed^splitmix(uint64(key)+1)), -1)
}

// blKeyRand is a stream for one entity of a table, so that an entity
// written on several rows (a household's titular) is written identically.
func blKeyRand(seed uint64, key int) *rand.Rand {
	return rowRand(splitmix(seed ^ (uint64(key)*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019)))
}

// blCut truncates to n characters (runes).
func blCut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// blNullIfEmpty turns "" into NULL.
func blNullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// blMojibake damages accented letters and Ñ the ways legacy pipelines do:
// UTF-8 read as Latin-1/cp1252 (Ã‘, Ã‰, Ã“, Ã±, Ã©) or the DOS code page
// (¥ for Ñ). perMille of the values that hold such a letter are damaged.
func blMojibake(r *rand.Rand, s string, perMille int) string {
	if !strings.ContainsAny(s, "ÑÉÓÚñéóúá") || !chance(r, perMille) {
		return s
	}
	if strings.ContainsRune(s, 'Ñ') && chance(r, 400) {
		return strings.ReplaceAll(s, "Ñ", "¥")
	}
	return blLatin1Reader.Replace(s)
}

var blLatin1Reader = strings.NewReplacer(
	"Ñ", "Ã‘", "É", "Ã‰", "Ó", "Ã“", "Ú", "Ãš",
	"ñ", "Ã±", "é", "Ã©", "ó", "Ã³", "ú", "Ãº", "á", "Ã¡")

// blPlainName writes a name in upper case without accents, sometimes with MA./J.
func blPlainName(r *rand.Rand, s string) string {
	s = plain(s)
	if chance(r, 80) {
		s = abbreviateGiven(s)
	}
	return s
}

// blStateName names a state by its RENAPO code; "EXTRANJERO" for NE.
func blStateName(code string) string {
	loadPlaces()
	for i := range states {
		if states[i].Code == code {
			return strings.ToUpper(plain(states[i].Name))
		}
	}
	return "EXTRANJERO"
}

// blStateIndex is the index (INEGI key - 1) of a RENAPO state code, or -1.
func blStateIndex(code string) int {
	loadPlaces()
	for i := range states {
		if states[i].Code == code {
			return i
		}
	}
	return -1
}

// blFacilityIn picks a facility in a state (RENAPO code), preferring kinds
// whose type contains want ("" for any); -1 if the state has none.
func blFacilityIn(p *Pool, r *rand.Rand, state, want string) int {
	fs := p.FacilitiesIn(state)
	if len(fs) == 0 {
		return -1
	}
	if want != "" {
		var sel []int
		for _, f := range fs {
			if strings.Contains(p.facilities[f].Type, want) {
				sel = append(sel, f)
			}
		}
		if len(sel) > 0 {
			return pick(r, sel)
		}
	}
	return pick(r, fs)
}

var (
	blMonthAbbr = []string{"ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"}
	blMonthLong = []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
		"septiembre", "octubre", "noviembre", "diciembre"}
)

// blMonAbbr writes 21/MAR/1963 (sep "/") or 21-MAR-63 (short).
func blMonAbbr(t time.Time, sep string, short bool) string {
	y := strconv.Itoa(t.Year())
	if short {
		y = fmt.Sprintf("%02d", t.Year()%100)
	}
	return fmt.Sprintf("%02d%s%s%s%s", t.Day(), sep, blMonthAbbr[t.Month()-1], sep, y)
}

// blLongDate writes "21 de marzo de 1963".
func blLongDate(t time.Time) string {
	return fmt.Sprintf("%d de %s de %d", t.Day(), blMonthLong[t.Month()-1], t.Year())
}

// blYMDInt is the packed integer date 19630321.
func blYMDInt(t time.Time) int64 {
	return int64(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

// blDay draws a day in [lo, hi] (days since 1970), hi clamped to lo.
func blDay(r *rand.Rand, lo, hi int32) int32 {
	if hi <= lo {
		return lo
	}
	return lo + int32(r.IntN(int(hi-lo)+1))
}

// blDigits draws n random digits.
func blDigits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// ---- RFC (docs/mexico-identifiers.md §2) ----

const blHomoclaveAlphabet = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"

// blHomoclave computes the two homoclave characters of §2.2 from the full
// name written "PATERNO MATERNO NOMBRE(S)" in upper case without accents.
func blHomoclave(name string) string {
	var b strings.Builder
	b.WriteByte('0')
	for _, c := range name {
		switch {
		case c == ' ':
			b.WriteString("00")
		case c >= '0' && c <= '9':
			b.WriteByte('0')
			b.WriteRune(c)
		case c == '&':
			b.WriteString("10")
		case c == 'Ñ':
			b.WriteString("40")
		case c >= 'A' && c <= 'I':
			b.WriteString(strconv.Itoa(11 + int(c-'A')))
		case c >= 'J' && c <= 'R':
			b.WriteString(strconv.Itoa(21 + int(c-'J')))
		case c >= 'S' && c <= 'Z':
			b.WriteString(strconv.Itoa(32 + int(c-'S')))
		}
	}
	s := b.String()
	sum := 0
	for k := 0; k+1 < len(s); k++ {
		a, d := int(s[k]-'0'), int(s[k+1]-'0')
		sum += (10*a + d) * d
	}
	sum %= 1000
	return string([]byte{blHomoclaveAlphabet[sum/34], blHomoclaveAlphabet[sum%34]})
}

// blRFC13 is a person's RFC: the CURP's first ten characters (name letters
// and birth date, the cross-check of §2.3), the homoclave from the name and the
// check character of §2.3. badCheck writes a wrong check character, as
// about 1.5% of real, SAT-confirmed RFCs have (still a person's RFC).
func blRFC13(pe Person, badCheck bool) string {
	body := pe.CURP[:10] + blHomoclave(plain(pe.RegistryName()))
	c, ok := validate.RFCCheckDigit(body)
	if !ok {
		panic("synth: bad RFC body " + body)
	}
	if badCheck {
		const alt = "0123456789A"
		c = alt[(strings.IndexByte(alt, c)+1+int(body[9]-'0')%9)%len(alt)]
	}
	return body + string(c)
}

// ---- NSS (§3) ----

// blNSS builds an IMSS number for someone born on birth: subdelegación,
// year of registration (at 16 to 30, never after today), birth year,
// a sequence and the Luhn digit. When the two-digit years would read
// implausibly (births before 1927), subdelegación 97 is used, which the
// plausibility rule exempts.
func blNSS(r *rand.Rand, birth, today time.Time) string {
	for range 20 {
		reg := min(birth.Year()+between(r, 16, 30), today.Year())
		sub := between(r, 1, 96)
		if reg < birth.Year()+14 {
			reg = today.Year()
		}
		s := blLuhnComplete(fmt.Sprintf("%02d%02d%02d%s", sub, reg%100, birth.Year()%100, blDigits(r, 4)))
		if _, why := validate.ParseNSS(s, today); why == validate.OK {
			return s
		}
	}
	reg := min(birth.Year()+between(r, 16, 30), today.Year())
	return blLuhnComplete(fmt.Sprintf("97%02d%02d%s", reg%100, birth.Year()%100, blDigits(r, 4)))
}

// blLuhnComplete appends the digit that makes the number pass Luhn.
func blLuhnComplete(payload string) string {
	for d := byte('0'); d <= '9'; d++ {
		if s := payload + string(d); validate.Luhn(s) {
			return s
		}
	}
	panic("synth: no Luhn digit for " + payload)
}

// blDashedNSS writes NN-NN-NN-NNNN-N.
func blDashedNSS(s string) string {
	return s[:2] + "-" + s[2:4] + "-" + s[4:6] + "-" + s[6:10] + "-" + s[10:]
}

// ---- CLABE and cards ----

// blBanks are ABM codes a benefit or salary is commonly paid through.
var blBanks = []struct{ code, name string }{
	{"002", "BANAMEX"}, {"012", "BBVA MEXICO"}, {"014", "SANTANDER"}, {"021", "HSBC"},
	{"072", "BANORTE"}, {"127", "BANCO AZTECA"}, {"137", "BANCOPPEL"},
	{"166", "BANCO DEL BIENESTAR"}, {"044", "SCOTIABANK"}, {"036", "INBURSA"},
}

// blCLABE builds an 18-digit CLABE for a bank: plaza, account, check digit
// (weights 3, 7, 1 mod 10).
func blCLABE(r *rand.Rand, bank string) string {
	for {
		d := bank + fmt.Sprintf("%03d", between(r, 10, 999)) + blDigits(r, 11)
		w := [3]int{3, 7, 1}
		sum := 0
		for i := 0; i < 17; i++ {
			sum += int(d[i]-'0') * w[i%3] % 10
		}
		s := d + strconv.Itoa((10-sum%10)%10)
		if validate.ParseCLABE(s) == validate.OK {
			return s
		}
	}
}

// blCard builds a 16-digit debit card number: Visa, Mastercard or Carnet,
// passing Luhn and not one of the processors' test numbers.
func blCard(r *rand.Rand) string {
	for {
		var prefix string
		switch n := r.IntN(10); {
		case n < 5:
			prefix = "4" + blDigits(r, 5)
		case n < 8:
			prefix = strconv.Itoa(between(r, 51, 55)) + blDigits(r, 4)
		default:
			prefix = strconv.Itoa(between(r, 506200, 506499))
		}
		s := blLuhnComplete(prefix + blDigits(r, 9))
		if _, why := validate.ParseCard(s); why == validate.OK {
			return s
		}
	}
}

// blMaskCard writes 415231******1234: not a card value any more.
func blMaskCard(s string) string { return s[:6] + "******" + s[12:] }

// ---- INE clave de elector (§4.1) ----

// blVoterWord is the two letters the key takes from a name: the initial and
// the first internal consonant (X when there is none), particles and a
// leading MARIA/JOSE of several given names skipped, Ñ as X.
func blVoterWord(s string, given bool) string {
	words := strings.Fields(plain(s))
	if given && len(words) > 1 {
		switch words[0] {
		case "MARIA", "MA.", "MA", "JOSE", "J.", "J":
			words = words[1:]
		}
	}
	for len(words) > 1 && dict.Particles[words[0]] {
		words = words[1:]
	}
	if len(words) == 0 {
		return "XX"
	}
	rs := []rune(words[0])
	letter := func(c rune) byte {
		if c >= 'A' && c <= 'Z' {
			return byte(c)
		}
		return 'X'
	}
	second := byte('X')
	for _, c := range rs[1:] {
		if c == 'Ñ' || c >= 'A' && c <= 'Z' && !strings.ContainsRune("AEIOU", c) {
			second = letter(c)
			break
		}
	}
	return string([]byte{letter(rs[0]), second})
}

// blVoterKey builds a person's clave de elector, or "" for someone born
// abroad (the code for them is unverified, §4.1) or under 18.
func blVoterKey(r *rand.Rand, pe Person, today time.Time) string {
	if pe.BirthKey == "" || blAge(pe.Birth, today) < 18 {
		return ""
	}
	return blVoterWord(pe.Paterno, false) + blVoterWord(pe.Materno, false) + blVoterWord(pe.Nombre, true) +
		pe.Birth.Format("060102") + pe.BirthKey + string(pe.Sex) + blDigits(r, 3)
}

// ---- Schools (SEP) ----

// blCCT is a Clave de Centro de Trabajo: INEGI state key, a three-letter
// type (EJN preescolar, EPR primaria, EST secundaria técnica, ECB bachillerato,
// DPR indígena), four digits and a check letter. It identifies a school,
// never a person. The number is derived from a municipality so that
// neighbours share schools.
func blCCT(stateKey, typ string, muni, k int) string {
	n := (muni*37 + k*211 + len(typ)*7) % 10000
	return fmt.Sprintf("%s%s%04d%c", stateKey, typ, n, 'A'+byte((muni+k*3+n)%26))
}

// blSchoolType is the SEP type of a school for an age.
func blSchoolType(age int) string {
	switch {
	case age <= 5:
		return "EJN"
	case age <= 11:
		return "EPR"
	case age <= 14:
		return "EST"
	}
	return "ECB"
}
