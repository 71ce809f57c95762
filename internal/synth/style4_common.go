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

// Helpers shared by the fourth tuning round (style4_*.go). Every name
// starts with r4 so that it cannot clash with the other style files.

// r4Name is a synthetic name drawn from the pool's name tables, not a pool
// member: a dentist, a nurse, a newborn, a relative. Upper case, no accents.
type r4Name struct {
	Nombre, Paterno, Materno string
	Sex                      byte
}

func r4DrawName(r *rand.Rand, sex byte) r4Name {
	t := loadNames()
	if sex != 'H' && sex != 'M' {
		sex = 'H'
		if chance(r, 520) {
			sex = 'M'
		}
	}
	g1, g2 := t.drawGiven(r, sex)
	n := r4Name{Nombre: plain(t.givenName(g1, g2)), Paterno: plain(t.surnames[t.drawSurname(r, false)]), Sex: sex}
	if !chance(r, 30) {
		n.Materno = plain(t.surnames[t.drawSurname(r, false)])
	}
	return n
}

func (n r4Name) Full() string     { return joinNonEmpty(n.Nombre, n.Paterno, n.Materno) }
func (n r4Name) Registry() string { return joinNonEmpty(n.Paterno, n.Materno, n.Nombre) }

// r4Staff is a staff roster: a few names with their title, as a unit's
// records repeat them.
func r4Staff(r *rand.Rand, n int, male, female string) []string {
	out := make([]string, n)
	for i := range out {
		nm := r4DrawName(r, 0)
		title := male
		if nm.Sex == 'M' {
			title = female
		}
		if title != "" && chance(r, 700) {
			out[i] = title + " " + nm.Full()
		} else {
			out[i] = nm.Full()
		}
	}
	return out
}

// r4NumberingChange is when Mexico moved to ten-digit dialling (3 August
// 2019): before it, a home phone was written as its local number, seven
// digits (eight in Mexico City, Guadalajara and Monterrey).
var r4NumberingChange = time.Date(2019, 8, 3, 0, 0, 0, 0, time.UTC)

// r4LocalPhone writes the local part of a ten-digit number the way forms
// took it before the change: 8123456, 812-3456, 81 23 456; in the
// two-digit-area cities, 5512 3456 or 55123456.
func r4LocalPhone(r *rand.Rand, digits string) string {
	local := digits[3:]
	if d := digits[:2]; d == "55" || d == "56" || d == "33" || d == "81" {
		local = digits[2:]
	}
	switch n := r.IntN(100); {
	case n < 55:
		return local
	case n < 80:
		k := len(local) - 4
		return local[:k] + "-" + local[k:]
	default:
		k := len(local) - 4
		return local[:k] + " " + local[k:]
	}
}

// r4PhoneAt writes a person's home phone as captured on a day: the local
// number before the numbering change, ten digits after.
func r4PhoneAt(r *rand.Rand, digits string, day time.Time) string {
	if day.Before(r4NumberingChange) {
		return r4LocalPhone(r, digits)
	}
	return phoneText(r, digits)
}

// r4Filler is a word-plus-digit filler a tester typed: CALLE1, DOMICILIO 2,
// PRUEBA3. Not a value in any column.
func r4Filler(r *rand.Rand, word string) string {
	n := between(r, 1, 9)
	if chance(r, 200) {
		n = between(r, 10, 40)
	}
	if chance(r, 500) {
		return word + " " + strconv.Itoa(n)
	}
	return word + strconv.Itoa(n)
}

// r4RFC builds a persona física RFC from a CURP: the first ten characters,
// a homoclave and the check character.
func r4RFC(r *rand.Rand, curp string) string {
	body := curp[:10] + string(homoclave[r.IntN(len(homoclave))]) + string(homoclave[r.IntN(len(homoclave))])
	d, ok := validate.RFCCheckDigit(body)
	if !ok {
		panic("synth: bad RFC body " + body)
	}
	return body + string(d)
}

// r4NSS builds an IMSS number (docs/mexico-identifiers.md §3): a
// subdelegación, the year of registration, the year of birth, a sequence
// and the Luhn digit.
func r4NSS(r *rand.Rand, birth time.Time, regYear int) string {
	regYear = max(regYear, birth.Year())
	s := fmt.Sprintf("%02d%02d%02d%04d", between(r, 1, 96), regYear%100, birth.Year()%100, r.IntN(10000))
	return s + string(r4LuhnDigit(s))
}

// r4LuhnDigit is the digit that makes payload+digit pass Luhn.
func r4LuhnDigit(payload string) byte {
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

// r4Agregado writes an IMSS agregado médico (docs/mexico-identifiers.md
// §3.3, a shape marked [S/U] there and not found in any primary source):
// one digit for the relationship (1 the insured worker, 2 the spouse, 3 a
// child, 4 a parent, as commonly cited), M or F, the birth year and the
// regime, OR ordinario or PE pensionado: 1M1957OR.
func r4Agregado(rel int, sex byte, birthYear int, regime string) string {
	s := "M"
	if sex == 'M' { // the CURP's M is mujer; the agregado's F is femenino
		s = "F"
	}
	return fmt.Sprintf("%d%s%04d%s", rel, s, birthYear, regime)
}

// r4DayBetween draws a day in [from, to]; to when from is later.
func r4DayBetween(r *rand.Rand, from, to time.Time) time.Time {
	a, b := timeDay(from), timeDay(to)
	if b < a {
		a = b
	}
	return dayTime(a + int32(r.IntN(int(b-a)+1)))
}

// r4Stamp writes a text timestamp YYYY-MM-DD HH:MM:SS.
func r4Stamp(t time.Time) string { return t.Format("2006-01-02 15:04:05") }

// r4At is a moment of a day: a time of day drawn in [fromHour, toHour).
func r4At(r *rand.Rand, day time.Time, fromHour, toHour int) time.Time {
	return day.Add(time.Duration(between(r, fromHour*3600, toHour*3600-1)) * time.Second)
}

// r4Nullable is nil with probability nullPM per mille, else v.
func r4Nullable(r *rand.Rand, nullPM int, v any) any {
	if chance(r, nullPM) {
		return nil
	}
	return v
}

// r4Aged samples the pool like Pool.Sample, keeping people aged lo..hi
// (and of sex, when sex is not 0) at the corpus day.
func r4Aged(p *Pool, r *rand.Rand, perMille, lo, hi int, sex byte) []int32 {
	today := p.Today()
	return p.Sample(r, perMille, func(i int32) bool {
		a := ageAt(p.Birth(i), today)
		return a >= lo && a <= hi && (sex == 0 || p.people[i].sex == sex)
	})
}

// r4Surname draws a surname from the name tables, upper case, no accents.
func r4Surname(r *rand.Rand) string {
	t := loadNames()
	return plain(t.surnames[t.drawSurname(r, false)])
}

// r4Given draws a given name of a sex, upper case, no accents.
func r4Given(r *rand.Rand, sex byte) string {
	t := loadNames()
	g1, g2 := t.drawGiven(r, sex)
	return plain(t.givenName(g1, g2))
}

// r4FacilityIndex maps each state (RENAPO code) to its facilities, once per
// style: FacilitiesIn scans every facility.
func r4FacilityIndex(p *Pool) map[string][]int {
	out := map[string][]int{}
	for i, f := range p.Facilities() {
		out[f.StateCode] = append(out[f.StateCode], i)
	}
	return out
}

// r4Diagnosis draws a weighted consultation diagnosis.
func r4Diagnosis(r *rand.Rand) Diagnosis {
	r4DxOnce.Do(func() {
		var ws []uint64
		for _, d := range Diagnoses() {
			ws = append(ws, d.Weight)
		}
		r4DxW = newWeighted(ws)
	})
	return Diagnoses()[r4DxW.pick(r)]
}

var (
	r4DxOnce sync.Once
	r4DxW    weighted
)

// r4DxText is a diagnosis as a clinician writes it: a short form when the
// catalogue has one, else the description.
func r4DxText(r *rand.Rand, d Diagnosis) string {
	if len(d.Variants) > 0 && chance(r, 750) {
		return pick(r, d.Variants)
	}
	return d.Description
}

// r4Obj and r4Arr build JSON documents that keep their keys in the order
// an application writes them. Values are nil, bool, int64, float64,
// string, r4Obj or r4Arr.
type (
	r4KV struct {
		K string
		V any
	}
	r4Obj []r4KV
	r4Arr []any
)

// r4JSON encodes a value in an encoder's style (solicitudes_web.go's
// jsonStyle: PHP escapes slashes and non-ASCII, Python escapes non-ASCII
// and spaces its separators, Node writes plain UTF-8).
func r4JSON(v any, s jsonStyle) string {
	var b strings.Builder
	r4WriteJSON(&b, v, s)
	return b.String()
}

func r4WriteJSON(b *strings.Builder, v any, s jsonStyle) {
	sep := func() {
		b.WriteByte(',')
		if s.spaced {
			b.WriteByte(' ')
		}
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
	case string:
		jsonString(b, x, s)
	case r4Obj:
		b.WriteByte('{')
		for i, kv := range x {
			if i > 0 {
				sep()
			}
			jsonString(b, kv.K, s)
			b.WriteByte(':')
			if s.spaced {
				b.WriteByte(' ')
			}
			r4WriteJSON(b, kv.V, s)
		}
		b.WriteByte('}')
	case r4Arr:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				sep()
			}
			r4WriteJSON(b, e, s)
		}
		b.WriteByte(']')
	default:
		panic(fmt.Sprintf("synth: JSON value of type %T", v))
	}
}

// r4YAML writes a flat record the way Ruby's Psych dumps a Rails model's
// attributes (PaperTrail's default serializer): a document marker, one
// "key: value" line each, nil as an empty value, strings that would read
// as numbers, booleans or dates quoted, times with nanoseconds and Z.
func r4YAML(o r4Obj) string {
	var b strings.Builder
	b.WriteString("---\n")
	for _, kv := range o {
		b.WriteString(kv.K)
		b.WriteByte(':')
		switch x := kv.V.(type) {
		case nil:
		case int64:
			b.WriteString(" " + strconv.FormatInt(x, 10))
		case float64:
			b.WriteString(" " + strconv.FormatFloat(x, 'f', -1, 64))
		case bool:
			b.WriteString(" " + strconv.FormatBool(x))
		case time.Time:
			if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 && kv.K != "created_at" && kv.K != "updated_at" {
				b.WriteString(" " + x.Format("2006-01-02"))
			} else {
				b.WriteString(" " + x.Format("2006-01-02 15:04:05.000000000 Z"))
			}
		case string:
			b.WriteString(" " + r4YAMLString(x))
		default:
			panic(fmt.Sprintf("synth: YAML value of type %T", kv.V))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// r4YAMLString quotes a scalar when plain YAML would read it as something
// else: digits (a phone, a postal code), true/false/null, a date, or text
// with a colon-space, a leading symbol or a hash.
func r4YAMLString(s string) string {
	_, isFloat := strconv.ParseFloat(s, 64)
	quote := s == "" || isFloat == nil || strings.Contains(s, ": ") ||
		strings.Contains(s, " #") || strings.ContainsAny(s[:1], "!&*-?[]{}|>'\"%@`#,") ||
		strings.HasSuffix(s, ":") || strings.HasSuffix(s, " ")
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "null", "on", "off", "y", "n", "~":
		quote = true
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		quote = true
	}
	if !quote {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// r4NotAfter clamps a moment to the end of the day before the corpus day,
// so that no timestamp lies in the future.
func r4NotAfter(t, today time.Time) time.Time {
	if last := today.Add(-time.Second); t.After(last) {
		return last
	}
	return t
}
