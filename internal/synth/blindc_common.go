package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// Helpers shared by the third blind evaluation set (blindc_*.go). Every
// name starts with bc so that it cannot clash with the other style files
// of the package.

// bcFixture is a row plan's way of saying "the copied sample CURP
// OEAF771012HMCRGR09": in a CURP column, not a person.
const bcFixture CURPForm = 200

// bcFixtureCURP is the most copied sample CURP; its check digit fails.
const bcFixtureCURP = "OEAF771012HMCRGR09"

// bcForm draws how a row writes a CURP: per mille NULL, placeholder, typo
// and fixture; the rest valid.
func bcForm(r *rand.Rand, nullPM, placeholderPM, typoPM, fixturePM int) CURPForm {
	switch n := r.IntN(1000); {
	case n < nullPM:
		return CURPNull
	case n < nullPM+placeholderPM:
		return CURPPlaceholder
	case n < nullPM+placeholderPM+typoPM:
		return CURPTypo
	case n < nullPM+placeholderPM+typoPM+fixturePM:
		return bcFixture
	}
	return CURPValid
}

// bcCURP writes a CURP cell for a planned form.
func bcCURP(r *rand.Rand, form CURPForm, curp string, today time.Time) any {
	if form == bcFixture {
		return bcFixtureCURP
	}
	return curpCell(r, form, curp, today)
}

// bcCharCell pads a text cell to a CHAR width and leaves NULL alone.
func bcCharCell(v any, n int) any {
	if s, ok := v.(string); ok {
		return padChar(s, n)
	}
	return v
}

// bcAgeAt is the age in whole years at a day.
func bcAgeAt(birth, at time.Time) int {
	a := at.Year() - birth.Year()
	if at.Month() < birth.Month() || at.Month() == birth.Month() && at.Day() < birth.Day() {
		a--
	}
	return a
}

// bcAged samples the pool like Pool.Sample, keeping people aged lo..hi
// at the corpus day.
func bcAged(p *Pool, r *rand.Rand, perMille, lo, hi int) []int32 {
	today := p.Today()
	return p.Sample(r, perMille, func(i int32) bool {
		a := bcAgeAt(p.Birth(i), today)
		return a >= lo && a <= hi
	})
}

// bcName is a synthetic name drawn from the pool's name tables (not a
// pool member): the name of a staff member, witness, relative or
// reference. Upper case, without accents.
type bcName struct {
	Nombre, Paterno, Materno string
	Sex                      byte // 'H' or 'M'
}

func bcDrawName(r *rand.Rand) bcName {
	t := loadNames()
	sex := byte('H')
	if chance(r, 520) {
		sex = 'M'
	}
	g1, g2 := t.drawGiven(r, sex)
	n := bcName{Nombre: plain(t.givenName(g1, g2)), Paterno: plain(t.surnames[t.drawSurname(r, false)]), Sex: sex}
	if !chance(r, 30) {
		n.Materno = plain(t.surnames[t.drawSurname(r, false)])
	}
	return n
}

// Full is "NOMBRE PATERNO MATERNO"; Registry is "PATERNO MATERNO NOMBRE".
func (n bcName) Full() string     { return joinNonEmpty(n.Nombre, n.Paterno, n.Materno) }
func (n bcName) Registry() string { return joinNonEmpty(n.Paterno, n.Materno, n.Nombre) }

// bcStaff is a staff name as official records write it.
func bcStaff(r *rand.Rand, titles ...string) string {
	n := bcDrawName(r)
	if len(titles) > 0 && chance(r, 700) {
		return pick(r, titles) + " " + n.Full()
	}
	return n.Full()
}

// bcRFC builds a persona física RFC from a CURP: the CURP's first ten
// characters (name letters and birth date), a homoclave and the check
// character. failPM per mille get a wrong check character, as about 1.5%
// of real RFCs do (docs/mexico-identifiers.md §2.3).
func bcRFC(r *rand.Rand, curp string, failPM int) string {
	body := curp[:10] + string(homoclave[r.IntN(len(homoclave))]) + string(homoclave[r.IntN(len(homoclave))])
	d, ok := validate.RFCCheckDigit(body)
	if !ok {
		panic("synth: bad RFC body " + body)
	}
	if chance(r, failPM) {
		const checks = "0123456789A"
		for {
			if c := checks[r.IntN(len(checks))]; c != d {
				d = c
				break
			}
		}
	}
	return body + string(d)
}

// bcLuhnDigit is the digit that makes payload+digit pass Luhn.
func bcLuhnDigit(payload string) byte {
	sum := 0
	for i := len(payload) - 1; i >= 0; i-- {
		d := int(payload[i] - '0')
		if (len(payload)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

// bcNSS builds an IMSS NSS (docs/mexico-identifiers.md §3): subdelegación,
// year of registration, year of birth, a sequence and the Luhn digit.
func bcNSS(r *rand.Rand, birth time.Time, regYear int) string {
	regYear = max(regYear, birth.Year())
	s := fmt.Sprintf("%02d%02d%02d%04d", between(r, 1, 96), regYear%100, birth.Year()%100, r.IntN(10000))
	return s + string(bcLuhnDigit(s))
}

// bcDashedNSS writes an NSS as NN-NN-NN-NNNN-N.
func bcDashedNSS(s string) string {
	return s[:2] + "-" + s[2:4] + "-" + s[4:6] + "-" + s[6:10] + "-" + s[10:]
}

// bcBanks are ABM codes of banks that pay salaries and benefits.
var bcBanks = []struct{ code, name string }{
	{"012", "BBVA"}, {"002", "BANAMEX"}, {"014", "SANTANDER"}, {"072", "BANORTE"},
	{"021", "HSBC"}, {"127", "AZTECA"}, {"137", "BANCOPPEL"}, {"166", "BANCO DEL BIENESTAR"},
	{"044", "SCOTIABANK"}, {"030", "BAJIO"},
}

// bcCLABE builds an 18-digit CLABE for a bank with its check digit.
func bcCLABE(r *rand.Rand, bank string) string {
	var b strings.Builder
	b.WriteString(bank)
	fmt.Fprintf(&b, "%03d", between(r, 1, 999))
	for range 11 {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	s := b.String()
	weights := [3]int{3, 7, 1}
	sum := 0
	for i := range 17 {
		sum += int(s[i]-'0') * weights[i%3] % 10
	}
	return s + strconv.Itoa((10-sum%10)%10)
}

// bcCardBINs are Visa and Mastercard prefixes of Mexican issuers' style.
var bcCardBINs = []string{"415231", "455540", "477213", "493160", "402766", "529091", "547077", "557907", "542977"}

// bcCard builds a 16-digit card number that passes Luhn.
func bcCard(r *rand.Rand) string {
	for {
		var b strings.Builder
		b.WriteString(pick(r, bcCardBINs))
		for b.Len() < 15 {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		s := b.String()
		s += string(bcLuhnDigit(s))
		if _, why := validate.ParseCard(s); why == validate.OK {
			return s
		}
	}
}

// bcMaskCard writes a card the way newer systems keep it: 4152********1234.
func bcMaskCard(s string) string { return s[:4] + strings.Repeat("*", len(s)-8) + s[len(s)-4:] }

// bcKeyPair is the first letter and first internal consonant of a name
// word, as the clave de elector takes them (docs §4.1); X when missing.
func bcKeyPair(name string) string {
	w := firstWord(name)
	rs := []rune(w)
	if len(rs) == 0 {
		return "XX"
	}
	letter := func(c rune) byte {
		if c >= 'A' && c <= 'Z' {
			return byte(c)
		}
		return 'X'
	}
	out := []byte{letter(rs[0]), 'X'}
	for _, c := range rs[1:] {
		if c >= 'A' && c <= 'Z' && !strings.ContainsRune("AEIOU", c) {
			out[1] = byte(c)
			break
		}
	}
	return string(out)
}

// bcVoterKey builds a clave de elector (docs §4.1) for an adult: six
// letters from the names, YYMMDD, the INEGI state of birth (the state of
// residence for people born abroad), the sex and three digits.
func bcVoterKey(r *rand.Rand, pp Person) string {
	given := strings.Fields(plain(pp.Nombre))
	if len(given) > 1 {
		switch given[0] {
		case "MARIA", "MA.", "MA", "JOSE", "J.", "J":
			given = given[1:]
		}
	}
	key := bcKeyPair(pp.Paterno) + bcKeyPair(pp.Materno) + bcKeyPair(strings.Join(given, " "))
	st := pp.BirthKey
	if st == "" {
		st = pp.Address.StateKey
	}
	return fmt.Sprintf("%s%s%s%c%d%02d", key, pp.Birth.Format("060102"), st, pp.Sex, between(r, 0, 9), r.IntN(100))
}

// bcExcelSerial is a day as a 1900-system spreadsheet serial.
func bcExcelSerial(t time.Time) int64 { return int64(timeDay(t)) + 25569 }

// bcMonths are the Spanish month abbreviations of Oracle's DD-MON-YYYY.
var bcMonths = [12]string{"ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"}

// bcMonDate writes 14-AGO-1985.
func bcMonDate(t time.Time) string {
	return fmt.Sprintf("%02d-%s-%d", t.Day(), bcMonths[t.Month()-1], t.Year())
}

// bcDMY writes 2/3/1985, the day-first date without leading zeros of
// spreadsheet and VB exports.
func bcDMY(t time.Time) string { return fmt.Sprintf("%d/%d/%d", t.Day(), int(t.Month()), t.Year()) }

// bcStamp writes a text timestamp YYYY-MM-DD HH:MM:SS.
func bcStamp(t time.Time) string { return t.Format("2006-01-02 15:04:05") }

// bcDayBetween draws a day in [from, to].
func bcDayBetween(r *rand.Rand, from, to time.Time) time.Time {
	a, b := timeDay(from), timeDay(to)
	if b < a {
		b = a
	}
	return dayTime(a + int32(r.IntN(int(b-a)+1)))
}

// bcIntlPhone writes a ten-digit number with the country code in some rows.
func bcIntlPhone(r *rand.Rand, digits string) string {
	switch n := r.IntN(100); {
	case n < 30:
		return "+52 " + digits[:2] + " " + digits[2:6] + " " + digits[6:]
	case n < 40:
		return "+52" + digits
	case n < 45:
		return "52 1 " + digits
	}
	return phoneText(r, digits)
}

// bcNullable returns nil with probability nullPM per mille, else v.
func bcNullable(r *rand.Rand, nullPM int, v any) any {
	if chance(r, nullPM) {
		return nil
	}
	return v
}

// bcTitleFull writes a person's spoken-order name in title case, with
// accents: "María Guadalupe López Hernández".
func bcTitleFull(pp Person) string { return titleCase(pp.FullName()) }

// bcDiagnosis draws a consultation diagnosis (weighted), or any with weight.
func bcDiagnosis(r *rand.Rand) Diagnosis {
	bcDiagOnce.Do(func() {
		loadStatic()
		ws := make([]uint64, len(diagnoses))
		for i, d := range diagnoses {
			ws[i] = d.Weight
		}
		bcDiagW = newWeighted(ws)
	})
	return diagnoses[bcDiagW.pick(r)]
}

var (
	bcDiagOnce sync.Once
	bcDiagW    weighted
)

// bcSexNum is the numeric sex coding 1 hombre, 2 mujer, 3 no binario.
func bcSexNum(sex byte) int64 {
	switch sex {
	case 'H':
		return 1
	case 'M':
		return 2
	}
	return 3
}

// bcPersonID reports whether s validates as an identifier of a person
// (CURP, personal RFC, voter key, payment card): hard negatives redraw
// values that happen to.
func bcPersonID(s string, today time.Time) bool {
	if _, why := validate.ParseCURP(s, today); why == validate.OK {
		return true
	}
	if rfc, why := validate.ParseRFC(s); why == validate.OK && rfc.Person {
		return true
	}
	if _, why := validate.ParseVoterKey(s, today); why == validate.OK {
		return true
	}
	_, why := validate.ParseCard(s)
	return why == validate.OK
}

// bcHeroes are the national figures streets, schools and rooms are named
// after (the street list's people), in the forms plaques use.
func bcHeroes() []string {
	loadStatic()
	var out []string
	for _, s := range streetNames {
		if strings.Count(s, " ") >= 1 && !strings.Contains(s, " DE ") && !strings.HasPrefix(s, "DEL ") &&
			!strings.HasPrefix(s, "LA ") && !strings.HasPrefix(s, "LOS ") && !strings.HasPrefix(s, "LAS ") &&
			!strings.HasPrefix(s, "CAMINO") && !strings.HasPrefix(s, "NORTE") && !strings.HasPrefix(s, "SUR") &&
			!strings.HasPrefix(s, "ORIENTE") && !strings.HasPrefix(s, "PONIENTE") && !strings.HasPrefix(s, "NIÑOS") {
			out = append(out, s)
		}
	}
	return out
}

// bcRelative names a relationship in the gender of the relative.
func bcRelative(r *rand.Rand, sex byte) string {
	if sex == 'M' {
		return pick(r, []string{"MADRE", "HERMANA", "ESPOSA", "HIJA", "TIA", "AMIGA", "PRIMA", "COMPAÑERA DE TRABAJO"})
	}
	return pick(r, []string{"PADRE", "HERMANO", "ESPOSO", "HIJO", "TIO", "AMIGO", "PRIMO", "COMPAÑERO DE TRABAJO"})
}
