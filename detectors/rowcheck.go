package detectors

import (
	"strings"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// curpColumn is a column whose values are mostly valid CURPs.
type curpColumn struct {
	col *colCtx
	// rows are the sampled rows with a valid CURP (up to crossCheckRows),
	// and parsed their CURPs.
	rows   []int
	parsed []validate.CURP
}

// crossCheckRows bounds the rows compared per CURP column: agreement is a
// rate, and a few hundred rows measure it as well as ten thousand.
const crossCheckRows = 600

// minAgreeRows is the fewest rows with both values needed to trust a rate.
const minAgreeRows = 20

// crossCheckCURPs compares, row by row, each CURP column with the other
// columns of the table (reference §1.7): dates with the birthdate it
// encodes, a sex column with its sex letter (whatever the coding), a state
// column with its birth state, name columns with its name letters. High
// agreement confirms both sides and reveals what unnamed columns (C03)
// hold; a date column that disagrees is some other date.
func (tc *tableCtx) crossCheckCURPs() {
	for _, cc := range tc.curps {
		for i, v := range cc.col.vals {
			if v == "" {
				continue
			}
			if p, ok := parseCURPIn(v, tc.today); ok {
				cc.rows = append(cc.rows, i)
				cc.parsed = append(cc.parsed, p)
				if len(cc.rows) == crossCheckRows {
					break
				}
			}
		}
		curpK := cc.col.candidate(taxonomy.CURP)
		for _, other := range tc.cols {
			if other == cc.col || other.nPresent == 0 || other.freeText {
				continue
			}
			if tc.checkDates(cc, other) || checkSex(cc, other) || checkState(cc, other) ||
				tc.checkIdentifiers(cc, other) || checkNames(cc, other) {
				if curpK != nil {
					curpK.s.add(EvRowConsistency, 2)
				}
			}
		}
	}
}

// checkDates compares a column's dates with the CURPs' birthdates.
func (tc *tableCtx) checkDates(cc *curpColumn, other *colCtx) bool {
	k := other.candidate(taxonomy.Birthdate)
	if k == nil {
		return false // not a date column (detectBirthdate saw no dates)
	}
	parse := tc.dateParser(other)
	both, agree := 0, 0
	for j, row := range cc.rows {
		v := other.vals[row]
		if v == "" {
			continue
		}
		d, ok := parse(v)
		if !ok {
			continue
		}
		both++
		if d.Equal(cc.parsed[j].Birth) {
			agree++
		}
	}
	if both < minAgreeRows {
		return false
	}
	rate := float64(agree) / float64(both)
	switch {
	case rate >= 0.8:
		k.s.add(EvRowConsistency, 8)
		return true
	case rate >= 0.5:
		k.s.add(EvRowConsistency, 4)
		return true
	case rate < 0.2 && !otherPerson(cc.col, other):
		k.s.add("", -5) // the birthdate is elsewhere: this is another date
	}
	return false
}

// checkIdentifiers compares other identifiers of the same person with the
// CURP: an NSS carries the birth year at positions 5–6 (§3.1), a personal
// RFC repeats the CURP's first ten characters (§2.3: "should almost
// equal"; the two inconvenient-word rules differ, so position 4 may not),
// and a voter key carries the birth date at 7–12 and the sex at 15 (§4.1).
func (tc *tableCtx) checkIdentifiers(cc *curpColumn, other *colCtx) bool {
	type check struct {
		category string
		agrees   func(v string, c validate.CURP) (ok, comparable bool)
	}
	checks := []check{
		{taxonomy.NSS, func(v string, c validate.CURP) (bool, bool) {
			n, r := validate.ParseNSS(v, tc.today)
			if r != validate.OK {
				return false, false
			}
			return n.BirthYear == c.Birth.Year()%100, true
		}},
		{taxonomy.RFC, func(v string, c validate.CURP) (bool, bool) {
			rfc, r := validate.ParseRFC(v)
			if r != validate.OK || !rfc.Person || len(rfc.Value) < 10 {
				return false, false
			}
			return rfc.Value[:3] == c.Value[:3] && rfc.Value[4:10] == c.Value[4:10], true
		}},
		{taxonomy.VoterKey, func(v string, c validate.CURP) (bool, bool) {
			k, r := validate.ParseVoterKey(v, tc.today)
			if r != validate.OK {
				return false, false
			}
			// The key has no century: compare YYMMDD.
			return k.Birth.Format("060102") == c.Birth.Format("060102") && (k.Sex == c.Sex || c.Sex == 'X'), true
		}},
	}
	for _, ch := range checks {
		k := other.candidate(ch.category)
		if k == nil {
			continue
		}
		both, agree := 0, 0
		for j, row := range cc.rows {
			v := other.vals[row]
			if v == "" {
				continue
			}
			ok, comparable := ch.agrees(v, cc.parsed[j])
			if !comparable {
				continue
			}
			both++
			if ok {
				agree++
			}
		}
		if both < minAgreeRows {
			continue
		}
		if float64(agree) >= 0.8*float64(both) {
			k.s.add(EvRowConsistency, 6)
			return true
		}
		if float64(agree) < 0.2*float64(both) && ch.category == taxonomy.NSS {
			k.s.add("", -2) // eleven digits that pass Luhn by chance, not this person's NSS
		}
	}
	return false
}

// checkSex learns a sex column's coding from the CURPs (H/M is Spanish,
// M/F English, 1/2 varies by system: the same letter M means opposite
// things) and reports whether each code maps consistently to one sex.
func checkSex(cc *curpColumn, other *colCtx) bool {
	if float64(other.prof.distinctCount) > 6 || other.prof.maxLen > 12 {
		return false
	}
	counts := map[string]*[3]int{} // value -> rows whose CURP says H, M, X
	total := 0
	for j, row := range cc.rows {
		v := other.vals[row]
		if v == "" {
			continue
		}
		c, ok := counts[v]
		if !ok {
			c = &[3]int{}
			counts[v] = c
		}
		switch cc.parsed[j].Sex {
		case 'H':
			c[0]++
		case 'M':
			c[1]++
		default:
			c[2]++
		}
		total++
	}
	if total < minAgreeRows || len(counts) < 2 {
		return false
	}
	agree := 0
	sexes := map[int]bool{}
	for _, c := range counts {
		best := 0
		for i := range c {
			if c[i] > c[best] {
				best = i
			}
		}
		agree += c[best]
		sexes[best] = true
	}
	return len(sexes) >= 2 && float64(agree) >= 0.9*float64(total)
}

// checkState compares a state column with the CURPs' birth states; it
// understands RENAPO codes, INEGI numeric keys and state names. Only a
// birth-state column agrees; a residence state agrees by chance.
func checkState(cc *curpColumn, other *colCtx) bool {
	if other.prof.maxLen > 32 {
		return false
	}
	both, agree := 0, 0
	for j, row := range cc.rows {
		v := other.vals[row]
		if v == "" {
			continue
		}
		code, ok := stateCode(v)
		if !ok {
			continue
		}
		both++
		if code == cc.parsed[j].State {
			agree++
		}
	}
	return both >= minAgreeRows && float64(agree) >= 0.8*float64(both)
}

// statesByKey maps every way a state is written (RENAPO code, INEGI key,
// name, abbreviation), compacted without dots and spaces, to its RENAPO
// code.
var statesByKey = func() map[string]string {
	m := map[string]string{}
	add := func(k, code string) { m[norm.Compact(k)] = code }
	for _, s := range dict.States() {
		add(s.Code, s.Code)
		add(s.INEGI, s.Code)
		add(s.Name, s.Code)
		add(s.Abbrev, s.Code)
		for _, a := range s.Alias {
			add(a, s.Code)
		}
		if len(s.INEGI) == 2 && s.INEGI[0] == '0' {
			add(s.INEGI[1:], s.Code)
		}
	}
	add("ESTADO DE MEXICO", "MC")
	add("EDOMEX", "MC")
	add("CIUDAD DE MEXICO", "DF")
	add("QROO", "QR")
	return m
}()

// stateCode reads a state written any common way.
func stateCode(v string) (string, bool) {
	c, ok := statesByKey[norm.Compact(v)]
	return c, ok
}

// stateFromText reads a state from a value that is a state, or that ends
// with one after a comma, as one-line addresses do ("..., CUERNAVACA, MOR.").
func stateFromText(v string) (string, bool) {
	if c, ok := stateCode(v); ok {
		return c, true
	}
	if i := strings.LastIndexByte(v, ','); i >= 0 && len(v)-i < 24 {
		return stateCode(v[i+1:])
	}
	return "", false
}

// checkNames compares a column with the name letters of the CURPs
// (reference §1.2): as a full name in either order, or as one part (first
// surname, second surname, given names). A column that agrees is a name
// column, whatever it is called.
func checkNames(cc *curpColumn, other *colCtx) bool {
	if other.prof.hasLetter < 0.8 || other.prof.avgWords > 8 {
		return false
	}
	// Values that validate as something else (e-mails made of a surname,
	// "mor12@correo.mx") share the name's letters without being a name.
	for _, cat := range []string{taxonomy.Email, taxonomy.CURP, taxonomy.RFC, taxonomy.VoterKey, taxonomy.Phone} {
		if mostly(other.candidate(cat)) {
			return false
		}
	}
	var both int
	var agree [5]int // full P M N, full N P M, paterno, materno, nombre
	for j, row := range cc.rows {
		v := other.vals[row]
		if v == "" {
			continue
		}
		if both == 100 && max(agree[0], agree[1], agree[2], agree[3], agree[4]) < 30 {
			return false // not a name column: no need to look further
		}
		both++
		key := cc.parsed[j].NameKey
		units := nameUnits(v)
		if len(units) >= 2 {
			if keyAgrees(key, splitPMN(units), 6) {
				agree[0]++
			}
			if keyAgrees(key, splitNPM(units), 6) {
				agree[1]++
			}
		}
		p := validate.CURPNameKey(v, "", "")
		if p[0] == key[0] && p[1] == key[1] && p[4] == key[4] {
			agree[2]++
		}
		m := validate.CURPNameKey("", v, "")
		if m[2] == key[2] && m[5] == key[5] {
			agree[3]++
		}
		n := validate.CURPNameKey("", "", v)
		if n[3] == key[3] && n[6] == key[6] {
			agree[4]++
		}
	}
	if both < minAgreeRows {
		return false
	}
	best := 0
	for _, a := range agree {
		best = max(best, a)
	}
	rate := float64(best) / float64(both)
	if rate < 0.7 {
		return false
	}
	k := other.candidate(taxonomy.PersonName)
	if k == nil {
		// The dictionaries knew none of the words, but the CURPs do.
		k = &candidate{category: taxonomy.PersonName, s: newScore(-4), rows: NewBitset(len(other.vals))}
		for i, v := range other.vals {
			if v != "" {
				k.rows.Set(i)
				k.matched++
				k.addExample(taxonomy.PersonName, v)
			}
		}
		other.addCandidate(k)
	}
	k.s.add(EvRowConsistency, 8)
	return true
}

// nameUnits splits a full name into words, joining particles to the word
// that follows them ("DE LA CRUZ" is one surname).
func nameUnits(v string) []string {
	words := norm.Words(v)
	var out []string
	pending := ""
	for _, w := range words {
		if titles[w] && len(out) == 0 && pending == "" {
			continue
		}
		if dict.Particles[w] {
			pending += w + " "
			continue
		}
		out = append(out, pending+w)
		pending = ""
	}
	return out
}

// splitPMN reads units as PATERNO MATERNO NOMBRE(S), the government order.
func splitPMN(u []string) string {
	if len(u) == 2 {
		return validate.CURPNameKey(u[0], "", u[1])
	}
	return validate.CURPNameKey(u[0], u[1], strings.Join(u[2:], " "))
}

// splitNPM reads units as NOMBRE(S) PATERNO MATERNO.
func splitNPM(u []string) string {
	if len(u) == 2 {
		return validate.CURPNameKey(u[1], "", u[0])
	}
	return validate.CURPNameKey(u[len(u)-2], u[len(u)-1], strings.Join(u[:len(u)-2], " "))
}

// keyAgrees reports whether two 7-letter name keys share at least min
// letters in place; one letter of slack covers the rules implementations
// disagree on (CH and LL, reference §1.2 rule 7).
func keyAgrees(a, b string, min int) bool {
	if len(a) != 7 || len(b) != 7 {
		return false
	}
	n := 0
	for i := 0; i < 7; i++ {
		if a[i] == b[i] {
			n++
		}
	}
	return n >= min
}

// personRoles are the name tokens that say whose a column is in a record of
// several people (a newborn and the mother, a worker and the spouse).
var personRoleTokens = map[string]bool{"madre": true, "padre": true, "rn": true, "hijo": true, "hija": true,
	"tutor": true, "titular": true, "beneficiario": true, "benef": true, "conyuge": true, "nino": true,
	"menor": true, "recien": true, "nacido": true, "bebe": true, "familiar": true, "esposo": true, "esposa": true,
	"trabajador": true, "tit": true, "mama": true, "papa": true, "infante": true, "neonato": true}

// otherPerson reports whether two columns' names say they belong to
// different people of the record ("curp_madre", "f_nac_rn"): then a date
// that disagrees with the CURP is simply someone else's.
func otherPerson(a, b *colCtx) bool {
	ra, rb := roleOf(a.col.Name), roleOf(b.col.Name)
	return ra != rb && (ra != "" || rb != "")
}

func roleOf(column string) string {
	for _, t := range strings.Split(norm.Identifier(column), "_") {
		if personRoleTokens[t] {
			return t
		}
	}
	return ""
}
