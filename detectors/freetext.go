package detectors

import (
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// minTextShare is the share of a free-text column's values that must carry
// a category for the column to be reported with it: one CURP in ten
// thousand notes is an incident worth a look, not a column of CURPs.
const minTextShare = 0.05

// nameTriggers precede a person's name in clinical and administrative
// notes, and in the names of a person's documents (INE, CURP, ACTA...).
var nameTriggers = wordSet(`PACIENTE PAC SR SRA SRITA DR DRA C NOMBRE FAMILIAR MADRE PADRE HIJO HIJA ESPOSO
ESPOSA TUTOR RESPONSABLE BENEFICIARIO BENEFICIARIA TITULAR DERECHOHABIENTE INFORMANTE LIC ING
INE IFE CURP ACTA FOTO CREDENCIAL PASAPORTE COMPROBANTE CONSTANCIA CERTIFICADO`)

// titleTriggers are the triggers after which a name needs no known word:
// "SRA. XOCHITL CAUICH". After the others (PACIENTE, MADRE, INE) words
// that are not names follow as often ("PACIENTE TOLERA BIEN", "MADRE EN
// DIALISIS"), so one word of the run must be a known name.
var titleTriggers = wordSet(`SR SRA SRITA DR DRA C LIC ING NOMBRE`)

// textStopWords are the small words of a sentence, which no name run
// crosses.
var textStopWords = wordSet(`EN CON POR SIN A AL DEL QUE SE NO SI YA MUY MAS PERO PARA ES SU SUS UN UNA LO LE LES
NI O U E`)

// textFinds is what one note holds: per category, one (complete) value
// found, which only ever leaves as a masked example.
type textFinds map[string]string

// textCats are the categories the free-text reader looks for, in the order
// freeTextCandidates weighs them; a textSet holds one value per category,
// in that order, "" where none was found.
var textCats = [...]string{taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address, taxonomy.PostalCode,
	taxonomy.Phone, taxonomy.Email, taxonomy.HealthCondition}

type textSet [len(textCats)]string

const (
	tCURP = iota
	tName
	tBirth
	tAddress
	tPostal
	tPhone
	tEmail
	tCondition
)

// TextCats is a set of the categories the free-text reader looks for: a
// caller that wants only some of them spares the reader the others.
type TextCats uint16

// AllTextCats is every category the free-text reader looks for.
const AllTextCats TextCats = 1<<len(textCats) - 1

// TextCatsOf is the set of those of categories the free-text reader looks
// for.
func TextCatsOf(categories ...string) TextCats {
	var s TextCats
	for i, c := range textCats {
		for _, want := range categories {
			if c == want {
				s |= 1 << i
			}
		}
	}
	return s
}

func (s TextCats) has(i int) bool { return s&(1<<i) != 0 }

// birthWords precede a birthdate in a sentence ("NACIO EL 21/03/1963",
// "FECHA DE NACIMIENTO: 21 DE MARZO DE 1963").
var birthWords = wordSet(`NACIMIENTO NACIO NACI NACIDA NACIDO NAC FNAC FN DOB`)

// scanText looks inside one free-text value. Each extraction runs only
// after a cheap shape test: a run of 18 letters and digits for a CURP, an
// "@" for an e-mail, a run of ten digits for a phone; words are split once
// for the rest.
func scanText(v string, today time.Time) textFinds {
	var set textSet
	scanTextInto(&set, v, today, AllTextCats)
	f := textFinds{}
	for i, value := range set {
		if value != "" {
			f[textCats[i]] = value
		}
	}
	return f
}

// scanTextInto is scanText into a textSet, which costs no map, looking
// only for the categories of want: each is found exactly as scanText finds
// it, the others are left empty. (Postal codes, birthdates and addresses
// are looked for together: the first word of a sentence that introduces
// one decides which it is.)
func scanTextInto(f *textSet, v string, today time.Time, want TextCats) {
	*f = textSet{}
	run, at, digits := 0, false, 0
	for i := 0; i <= len(v); i++ {
		var b byte = ' '
		if i < len(v) {
			b = v[i]
		}
		switch {
		case b == '@':
			at = true
		case '0' <= b && b <= '9':
			digits++
		}
		if 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || '0' <= b && b <= '9' {
			run++
			continue
		}
		if run == 18 && f[tCURP] == "" {
			tok := v[i-18 : i]
			if _, r := validate.ParseCURP(tok, today); r == validate.OK {
				f[tCURP] = tok
			}
		}
		run = 0
	}
	if at && want.has(tEmail) {
		for _, tok := range strings.Fields(v) {
			if validate.ParseEmail(trimPunct(tok)) == validate.OK {
				f[tEmail] = trimPunct(tok)
				break
			}
		}
	}
	if digits >= 10 && want.has(tPhone) {
		if p := phoneIn(v); p != "" {
			f[tPhone] = p
		}
	}
	sentences := want.has(tPostal) || want.has(tBirth) || want.has(tAddress)
	if !want.has(tCondition) && !want.has(tName) && !(sentences && digits > 0) {
		return // nothing else wanted needs the words
	}
	var tokBuf, wordBuf [64]string
	tokens := appendTextTokens(tokBuf[:0], norm.Fold(v))
	words := wordBuf[:0]
	for _, t := range tokens {
		if isWord(t) {
			words = append(words, t)
		}
	}
	if want.has(tCondition) {
		if w := clinicalWordIn(words); w != "" {
			f[tCondition] = w
		}
	}
	for i := range words {
		if f[tName] == "" && want.has(tName) {
			if n := nameAt(words, i); n != "" {
				f[tName] = n
			}
		}
	}
	if digits > 0 && sentences {
		for i, t := range tokens {
			switch {
			case f[tPostal] == "" && (t == "CP" || t == "C.P" || t == "C.P." || t == "POSTAL") && i+1 < len(tokens):
				if cp := strings.TrimRight(tokens[i+1], "."); cp != "" {
					if _, r := validate.ParsePostalCode(cp, false); r == validate.OK {
						f[tPostal] = cp
					}
				}
			case f[tBirth] == "" && birthWords[strings.Trim(t, ".:")]:
				if d := dateAfter(tokens[i+1:], today); d != "" {
					f[tBirth] = d
				}
			case f[tAddress] == "" && (streetWords[strings.TrimRight(t, ".")] || settlementWords[strings.TrimRight(t, ".")]):
				if a := addressAfter(tokens, i); a != "" {
					f[tAddress] = a
				}
			}
		}
		for i := range f {
			if !want.has(i) {
				f[i] = "" // found on the way to one wanted
			}
		}
	}
}

// textTokens splits folded text on spaces and the punctuation around
// words, keeping what dates, codes and numbers are made of ('/', '-',
// '.', '#').
func textTokens(f string) []string { return appendTextTokens(nil, f) }

// appendTextTokens appends the tokens of f, as textTokens splits them, to
// out.
func appendTextTokens(out []string, f string) []string {
	start := -1
	for i, r := range f {
		if isTextSeparator(r) {
			if start >= 0 {
				out = append(out, f[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, f[start:])
	}
	return out
}

func isTextSeparator(r rune) bool {
	switch r {
	case ' ', ',', ';', ':', '(', ')', '"', '\'', '\n', '\t', '[', ']':
		return true
	}
	return false
}

func isWord(t string) bool {
	for i := 0; i < len(t); i++ {
		if b := t[i]; !('A' <= b && b <= 'Z' || b >= 0x80) {
			return false
		}
	}
	return t != ""
}

// phoneIn finds a Mexican phone number written in text: ten digits, maybe
// after +52 or 044, maybe in groups ("55 1234 5678", "(33) 3612-3456").
func phoneIn(v string) string {
	for i := 0; i < len(v); i++ {
		if !(v[i] >= '0' && v[i] <= '9' || v[i] == '+' || v[i] == '(') {
			continue
		}
		j, digits := i, 0
		for j < len(v) && digits < 13 {
			b := v[j]
			if b >= '0' && b <= '9' {
				digits++
			} else if !(b == ' ' || b == '-' || b == '.' || b == '(' || b == ')' || b == '+') ||
				j+1 < len(v) && !(v[j+1] >= '0' && v[j+1] <= '9' || v[j+1] == '(' || v[j+1] == ' ') {
				break
			}
			j++
		}
		if digits >= 10 {
			span := strings.TrimRight(v[i:j], " -.")
			if _, r := validate.ParsePhone(span); r == validate.OK {
				return span
			}
		}
		if j > i {
			i = j
		}
	}
	return ""
}

// dateAfter reads a date in the few tokens after a birth word: numeric
// ("21/03/1963") or in words ("21 DE MARZO DE 1963").
func dateAfter(tokens []string, today time.Time) string {
	for start := 0; start < len(tokens) && start < 3; start++ {
		for n := 1; n <= 5 && start+n <= len(tokens); n++ {
			// The sentence's full stop is not part of the date.
			cand := strings.TrimRight(strings.Join(tokens[start:start+n], " "), ".")
			if _, _, ok := validate.ParseDate(cand, today); ok {
				return cand
			}
		}
	}
	return ""
}

// addressAfter reads an address that starts with a street or settlement
// word: a name and a number (or S/N) within the next few tokens.
func addressAfter(tokens []string, i int) string {
	for j := i + 1; j < len(tokens) && j <= i+6; j++ {
		t := tokens[j]
		if t == "S/N" || t == "SN" || t[0] >= '0' && t[0] <= '9' {
			if j > i+1 {
				return strings.Join(tokens[i:j+1], " ")
			}
			return ""
		}
	}
	return ""
}

// nameAt reports a person's name starting at words[i]: two or more
// consecutive name words, of which one is a known given name and another a
// known surname, or any two name-shaped words after a trigger ("PACIENTE
// XOCHITL CAUICH"). It returns the name, or "".
func nameAt(words []string, i int) string {
	if i > 0 && (streetWords[words[i-1]] || settlementWords[words[i-1]] || notNameWords[words[i-1]]) {
		// "CALLE BENITO JUAREZ", "OFICINA REGIONAL MIGUEL HIDALGO": a
		// street or an institution named after a person.
		return ""
	}
	for j := max(0, i-4); j < i-1; j++ {
		if notNameWords[words[j]] && titleTriggers[words[i-1]] {
			return "" // "HOSPITAL GENERAL DR. EMMANUEL MARTINEZ": named after a person
		}
	}
	triggered := i > 0 && nameTriggers[words[i-1]]
	given, surname, n := false, false, 0
	for j := i; j < len(words) && n < 5; j++ {
		w := words[j]
		if dict.Particles[w] && n > 0 {
			continue
		}
		if notNameWords[w] || isConditionWord(w) || dict.IsClinicalContext(w) || nameTriggers[w] || textStopWords[w] ||
			len(w) < 2 {
			break
		}
		isGiven, isSurname := dict.IsGivenName(w), dict.IsSurname(w)
		if !isGiven && !isSurname && !triggered {
			break
		}
		given = given || isGiven
		surname = surname || isSurname
		n++
	}
	if triggered && !titleTriggers[words[i-1]] && !given && !surname {
		return "" // "PACIENTE TOLERA BIEN", "MADRE EN DIALISIS": no name in the run
	}
	if n >= 2 && (given && surname || triggered) {
		name := strings.Join(words[i:i+n], " ")
		if dict.IsPlace(name) || i >= 2 && dict.IsPlace(strings.Join(words[i-2:i+n], " ")) {
			return "" // "ECATEPEC DE MORELOS", "BENITO JUAREZ": places named after people
		}
		return name
	}
	return ""
}

// freeTextCandidates reports the categories found inside a free-text
// column, with the share of its values that carry each.
func (tc *tableCtx) freeTextCandidates(c *colCtx) []*candidate {
	mk := func(cat string) *candidate {
		return &candidate{category: cat, rows: NewBitset(tc.rows)}
	}
	var found [len(textCats)]*candidate
	for i, cat := range textCats {
		found[i] = mk(cat)
	}
	var set textSet
	for i, v := range c.vals {
		if v == "" {
			continue
		}
		scanTextInto(&set, v, tc.today, AllTextCats)
		for j, value := range set {
			if value == "" {
				continue
			}
			k := found[j]
			k.rows.Set(i)
			k.matched++
			k.addExample(textCats[j], value)
		}
	}
	n := float64(c.nPresent)
	var out []*candidate
	for _, k := range found {
		share := float64(k.matched) / n
		if share < minTextShare {
			continue
		}
		s := newScore(-4)
		switch k.category {
		case taxonomy.CURP, taxonomy.Email, taxonomy.Phone:
			// Validated inside the text: check digit, address syntax,
			// numbering plan.
			s.add(EvFreeText, 7)
			if k.category == taxonomy.CURP {
				s.note(EvCheckDigit)
			}
		case taxonomy.PostalCode, taxonomy.Birthdate, taxonomy.Address:
			// Found after the word that introduces them (C.P., NACIO,
			// CALLE...): specific, but a pattern, not a check.
			s.add(EvFreeText, rateWeight(share, 0, step{0.2, 6}, step{minTextShare, 5}))
			s.note(EvValueFormat)
			if !tc.personContext && !tc.healthContext {
				s.add("", -3)
			}
		case taxonomy.PersonName:
			s.add(EvFreeText, rateWeight(share, 0, step{0.2, 5.5}, step{minTextShare, 4}))
			s.note(EvDictionary)
			switch {
			case tc.personContext || tc.healthContext:
				s.add(EvTableContext, 1)
			case c.col.Type == fileNameType:
				// The names of a person's documents ("INE <name>.jpg")
				// name that person, whatever else the table holds.
			default:
				s.add("", -3) // in a table about no one, names in text are names of things
			}
			if c.nPresent >= 100 && c.prof.distinctCount <= 20 {
				s.add("", -3) // a few texts repeated: names of courts, units, templates
			}
		case taxonomy.HealthCondition:
			s.add(EvFreeText, rateWeight(share, 0, step{0.2, 6}, step{minTextShare, 4.5}))
			s.note(EvDictionary)
			switch {
			case tc.healthContext:
				s.add(EvTableContext, 1)
			case !tc.personContext && !tc.personKey:
				s.add("", -3) // titles of norms and manuals: about no one
			}
		}
		k.s = s
		out = append(out, k)
	}
	return out
}

// trimPunct removes the punctuation that sentences put around a token.
func trimPunct(s string) string { return strings.Trim(s, ".,;:()[]{}<>\"'") }
