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
// notes.
var nameTriggers = wordSet(`PACIENTE PAC SR SRA SRITA DR DRA C NOMBRE FAMILIAR MADRE PADRE HIJO HIJA ESPOSO
ESPOSA TUTOR RESPONSABLE BENEFICIARIO BENEFICIARIA TITULAR DERECHOHABIENTE INFORMANTE LIC ING`)

// textFinds is what one note holds.
type textFinds struct {
	curp, name, condition, email bool
	curpValue, nameValue         string
	conditionValue, emailValue   string
}

// scanText looks inside one free-text value. Each extraction runs only
// after a cheap shape test: a run of 18 letters and digits for a CURP, an
// "@" for an e-mail; words are split once for names and conditions.
func scanText(v string, today time.Time) textFinds {
	var f textFinds
	run, at := 0, false
	for i := 0; i <= len(v); i++ {
		var b byte = ' '
		if i < len(v) {
			b = v[i]
		}
		if b == '@' {
			at = true
		}
		if 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || '0' <= b && b <= '9' {
			run++
			continue
		}
		if run == 18 && !f.curp {
			tok := v[i-18 : i]
			if _, r := validate.ParseCURP(tok, today); r == validate.OK {
				f.curp, f.curpValue = true, tok
			}
		}
		run = 0
	}
	if at {
		for _, tok := range strings.Fields(v) {
			if validate.ParseEmail(trimPunct(tok)) == validate.OK {
				f.email, f.emailValue = true, trimPunct(tok)
				break
			}
		}
	}
	words := norm.Words(v)
	for i, w := range words {
		if !f.condition && conditionWords[w] {
			f.condition, f.conditionValue = true, w
		}
		if !f.name {
			if n := nameAt(words, i); n != "" {
				f.name, f.nameValue = true, n
			}
		}
	}
	return f
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
	triggered := i > 0 && nameTriggers[words[i-1]]
	given, surname, n := false, false, 0
	for j := i; j < len(words) && n < 5; j++ {
		w := words[j]
		if dict.Particles[w] && n > 0 {
			continue
		}
		if notNameWords[w] || conditionWords[w] || nameTriggers[w] || len(w) < 2 {
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
	if n >= 2 && (given && surname || triggered) {
		return joinWords(words[i : i+n])
	}
	return ""
}

// freeTextCandidates reports the categories found inside a free-text
// column, with the share of its values that carry each.
func (tc *tableCtx) freeTextCandidates(c *colCtx) []*candidate {
	mk := func(cat string) *candidate {
		return &candidate{category: cat, rows: NewBitset(tc.rows)}
	}
	curp, name, cond, email := mk(taxonomy.CURP), mk(taxonomy.PersonName), mk(taxonomy.HealthCondition), mk(taxonomy.Email)
	for i, v := range c.vals {
		if v == "" {
			continue
		}
		f := scanText(v, tc.today)
		mark := func(k *candidate, hit bool, value string) {
			if hit {
				k.rows.Set(i)
				k.matched++
				k.addExample(k.category, value)
			}
		}
		mark(curp, f.curp, f.curpValue)
		mark(name, f.name, f.nameValue)
		mark(cond, f.condition, f.conditionValue)
		mark(email, f.email, f.emailValue)
	}
	n := float64(c.nPresent)
	var out []*candidate
	for _, k := range []*candidate{curp, name, cond, email} {
		share := float64(k.matched) / n
		if share < minTextShare {
			continue
		}
		s := newScore(-4)
		switch k.category {
		case taxonomy.CURP, taxonomy.Email:
			s.add(EvFreeText, 7) // validated inside the text: check digit, address syntax
			if k.category == taxonomy.CURP {
				s.note(EvCheckDigit)
			}
		case taxonomy.PersonName:
			s.add(EvFreeText, rateWeight(share, 0, step{0.2, 5.5}, step{minTextShare, 4}))
			s.note(EvDictionary)
			if tc.personContext || tc.healthContext {
				s.add(EvTableContext, 1)
			} else {
				s.add("", -3) // in a table about no one, names in text are names of things
			}
		case taxonomy.HealthCondition:
			s.add(EvFreeText, rateWeight(share, 0, step{0.2, 6}, step{minTextShare, 4.5}))
			s.note(EvDictionary)
			if tc.healthContext {
				s.add(EvTableContext, 1)
			}
		}
		k.s = s
		out = append(out, k)
	}
	return out
}

// trimPunct removes the punctuation that sentences put around a token.
func trimPunct(s string) string { return strings.Trim(s, ".,;:()[]{}<>\"'") }
