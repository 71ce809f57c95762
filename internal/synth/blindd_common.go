package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// Helpers shared by blind set D (blindd_*.go). Every name starts with bd
// so that it cannot clash with the other style files; the set uses none of
// the tuning rounds' helpers, so that tuning them never changes it.

// bdName is a synthetic name from the pool's name tables, not a pool
// member: a relative, a godparent, a doctor. Upper case, no accents.
type bdName struct {
	Nombre, Paterno, Materno string
	Sex                      byte
}

func bdDrawName(r *rand.Rand, sex byte) bdName {
	t := loadNames()
	if sex != 'H' && sex != 'M' {
		sex = 'M'
		if chance(r, 480) {
			sex = 'H'
		}
	}
	g1, g2 := t.drawGiven(r, sex)
	n := bdName{Nombre: plain(t.givenName(g1, g2)), Paterno: plain(t.surnames[t.drawSurname(r, false)]), Sex: sex}
	if !chance(r, 40) {
		n.Materno = plain(t.surnames[t.drawSurname(r, false)])
	}
	return n
}

func (n bdName) Full() string     { return joinNonEmpty(n.Nombre, n.Paterno, n.Materno) }
func (n bdName) Registry() string { return joinNonEmpty(n.Paterno, n.Materno, n.Nombre) }

// bdAge is the age in whole years on a day.
func bdAge(birth, day time.Time) int {
	a := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		a--
	}
	return a
}

// bdPeople samples the pool, keeping people aged lo..hi (and of a sex,
// when sex is not 0) at the corpus day.
func bdPeople(p *Pool, r *rand.Rand, perMille, lo, hi int, sex byte) []int32 {
	today := p.Today()
	return p.Sample(r, perMille, func(i int32) bool {
		a := bdAge(p.Birth(i), today)
		return a >= lo && a <= hi && (sex == 0 || p.people[i].sex == sex)
	})
}

// bdDay draws a day in [from, to]; to when from is later.
func bdDay(r *rand.Rand, from, to time.Time) time.Time {
	a, b := timeDay(from), timeDay(to)
	if b < a {
		a = b
	}
	return dayTime(a + int32(r.IntN(int(b-a)+1)))
}

// bdMoment draws a moment in [from, to).
func bdMoment(r *rand.Rand, from, to time.Time) time.Time {
	span := to.Unix() - from.Unix()
	if span <= 0 {
		return from
	}
	return time.Unix(from.Unix()+r.Int64N(span), 0).UTC()
}

// bdSortBy sorts a plan by a key, stably (insertion sort: plans are small
// and already nearly ordered).
func bdSortBy[T any](xs []T, key func(T) int64) {
	for a := 1; a < len(xs); a++ {
		for b := a; b > 0 && key(xs[b]) < key(xs[b-1]); b-- {
			xs[b], xs[b-1] = xs[b-1], xs[b]
		}
	}
}

// bdLocal writes the local part of a ten-digit number as people gave it
// before the 2019 change: seven digits, or eight in the cities with a
// two-digit area code, with the separators of the era.
func bdLocal(r *rand.Rand, digits string) string {
	local := digits[3:]
	if d := digits[:2]; d == "55" || d == "56" || d == "33" || d == "81" {
		local = digits[2:]
	}
	if len(local) == 8 {
		switch r.IntN(3) {
		case 0:
			return local[:4] + "-" + local[4:]
		case 1:
			return local[:2] + " " + local[2:4] + " " + local[4:6] + " " + local[6:]
		}
		return local
	}
	switch r.IntN(3) {
	case 0:
		return local[:1] + "-" + local[1:3] + "-" + local[3:5] + "-" + local[5:]
	case 1:
		return local[:3] + " " + local[3:]
	}
	return local
}

// bdRFC builds a persona física RFC from a CURP with a valid check
// character.
func bdRFC(r *rand.Rand, curp string) string {
	body := curp[:10] + string(homoclave[r.IntN(len(homoclave))]) + string(homoclave[r.IntN(len(homoclave))])
	d, ok := validate.RFCCheckDigit(body)
	if !ok {
		panic("synth: bad RFC body " + body)
	}
	return body + string(d)
}

// bdNSS builds an IMSS number with its Luhn digit (docs/mexico-identifiers.md §3).
func bdNSS(r *rand.Rand, birth time.Time, regYear int) string {
	regYear = max(regYear, birth.Year())
	s := fmt.Sprintf("%02d%02d%02d%04d", between(r, 1, 96), regYear%100, birth.Year()%100, r.IntN(10000))
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return s + strconv.Itoa((10-sum%10)%10)
}

// bdAgregado writes an agregado médico (docs §3.3, [S/U]): relationship
// digit, M or F, birth year, regime.
func bdAgregado(rel int, sex byte, year int, regime string) string {
	s := "M"
	if sex == 'M' {
		s = "F"
	}
	return fmt.Sprintf("%d%s%d%s", rel, s, year, regime)
}

// bdDiagnosis draws a weighted consultation diagnosis.
func bdDiagnosis(r *rand.Rand) Diagnosis {
	bdDxOnce.Do(func() {
		var ws []uint64
		for _, d := range Diagnoses() {
			ws = append(ws, d.Weight)
		}
		bdDxW = newWeighted(ws)
	})
	return Diagnoses()[bdDxW.pick(r)]
}

var (
	bdDxOnce sync.Once
	bdDxW    weighted
)

// bdDx is a diagnosis as written: a short form or the description.
func bdDx(r *rand.Rand, d Diagnosis) string {
	if len(d.Variants) > 0 && chance(r, 700) {
		return pick(r, d.Variants)
	}
	return d.Description
}

// bdKV, bdObj and bdArr build ordered JSON documents; values are nil,
// bool, int64, float64, string, bdObj or bdArr.
type (
	bdKV struct {
		K string
		V any
	}
	bdObj []bdKV
	bdArr []any
)

// bdJSON encodes a value in an encoder's style (solicitudes_web.go's
// jsonStyle).
func bdJSON(v any, s jsonStyle) string {
	var b strings.Builder
	bdWriteJSON(&b, v, s)
	return b.String()
}

func bdWriteJSON(b *strings.Builder, v any, s jsonStyle) {
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
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
	case string:
		jsonString(b, x, s)
	case bdObj:
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
			bdWriteJSON(b, kv.V, s)
		}
		b.WriteByte('}')
	case bdArr:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				sep()
			}
			bdWriteJSON(b, e, s)
		}
		b.WriteByte(']')
	default:
		panic(fmt.Sprintf("synth: JSON value of type %T", v))
	}
}

// bdPHP writes a record the way PHP's serialize() writes an associative
// array: a:N:{s:LEN:"key";s:LEN:"value";...} with string lengths in bytes
// of UTF-8, integers as i:N; and NULL as N;.
func bdPHP(o bdObj) string {
	var b strings.Builder
	fmt.Fprintf(&b, "a:%d:{", len(o))
	for _, kv := range o {
		fmt.Fprintf(&b, "s:%d:\"%s\";", len(kv.K), kv.K)
		switch x := kv.V.(type) {
		case nil:
			b.WriteString("N;")
		case int64:
			fmt.Fprintf(&b, "i:%d;", x)
		case string:
			fmt.Fprintf(&b, "s:%d:\"%s\";", len(x), x)
		default:
			panic(fmt.Sprintf("synth: PHP value of type %T", kv.V))
		}
	}
	b.WriteByte('}')
	return b.String()
}

// bdXML writes a record as SQL Server's FOR XML RAW, ELEMENTS does:
// <row><Campo>valor</Campo>...</row>, NULL columns left out.
func bdXML(o bdObj) string {
	var b strings.Builder
	b.WriteString("<row>")
	for _, kv := range o {
		if kv.V == nil {
			continue
		}
		v := fmt.Sprint(kv.V)
		v = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(v)
		fmt.Fprintf(&b, "<%s>%s</%s>", kv.K, v, kv.K)
	}
	b.WriteString("</row>")
	return b.String()
}

// bdCut cuts a value to a width in characters.
func bdCut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}

// bdIsPersonID reports whether s validates as a person's identifier (CURP,
// personal RFC of 13 characters, voter key, NSS, CLABE, card): hard
// negatives redraw values that do.
func bdIsPersonID(s string, today time.Time) bool {
	if _, why := validate.ParseCURP(s, today); why == validate.OK {
		return true
	}
	if rfc, why := validate.ParseRFC(s); why == validate.OK && rfc.Person {
		return true
	}
	if _, why := validate.ParseVoterKey(s, today); why == validate.OK {
		return true
	}
	if _, why := validate.ParseNSS(s, today); why == validate.OK {
		return true
	}
	if validate.ParseCLABE(s) == validate.OK {
		return true
	}
	_, why := validate.ParseCard(s)
	return why == validate.OK
}

// bdNullable is nil with probability nullPM per mille, else v.
func bdNullable(r *rand.Rand, nullPM int, v any) any {
	if chance(r, nullPM) {
		return nil
	}
	return v
}

// bdMaterno is a person's second surname, or nil.
func bdMaterno(ps Person) any {
	if ps.Materno == "" {
		return nil
	}
	return plain(ps.Materno)
}

// bdFacilityIndex maps each state (RENAPO code) to its facilities.
func bdFacilityIndex(p *Pool) map[string][]int {
	out := map[string][]int{}
	for i, f := range p.Facilities() {
		out[f.StateCode] = append(out[f.StateCode], i)
	}
	return out
}
