package detectors

import (
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// columnDetectors run on every structured column with values, in pass 1.
var columnDetectors = []func(*tableCtx, *colCtx) *candidate{
	detectCURP, detectRFC, detectNSS, detectVoterKey, detectCLABE, detectCard,
	detectEmail, detectPhone, detectPostalCode, detectBirthdate, detectName, detectAddress,
	detectEnrollment, detectCondition, detectFacility,
}

// nameWeight is what a column name adds to a category: a strong name of the
// category, a weak one, or nothing.
func nameWeight(c *colCtx, category string, strong, weak float64) float64 {
	if !c.name.Matched || c.name.Category != category {
		return 0
	}
	if c.name.Strength == vocab.Strong {
		return strong
	}
	return weak
}

// namedOther reports whether the column's name clearly says it is
// something else than category: another category's strong name or a hint
// such as an amount or an event date.
func namedOther(c *colCtx, category string) bool {
	if c.name.Matched && c.name.Hint.PersonMeasure() {
		return category != taxonomy.HealthCondition // a weight, a dose: never a postal code or a phone
	}
	if !c.name.Matched || c.name.Strength != vocab.Strong {
		return false
	}
	if c.name.Category != "" {
		return c.name.Category != category
	}
	switch c.name.Hint {
	case vocab.HintAmount, vocab.HintEventDate, vocab.HintNotPerson, vocab.HintPlace, vocab.HintSex,
		vocab.HintBirthState, vocab.HintWorkplace:
		return true
	}
	return false
}

// identifierScore is the common scoring of validated identifiers: the rate
// of values that pass the full validation (check digit included) decides;
// a name helps; values that fail contradict the name.
func identifierScore(c *colCtx, t tally, category string, checkDigit bool) score {
	s := newScore(-4)
	w := rateWeight(t.rate(), -6, step{0.9, 9}, step{0.5, 7}, step{0.2, 4}, step{0.05, 1})
	s.add(EvValueFormat, w)
	if checkDigit && w > 0 {
		s.note(EvCheckDigit)
	}
	s.add(EvColumnName, nameWeight(c, category, 2, 1))
	if namedOther(c, category) {
		s.add("", -2)
	}
	return s
}

// lengthFits is a cheap pre-filter: can values of this column have the
// length of an identifier of n characters (allowing separators)?
func lengthFits(c *colCtx, n int) bool {
	return c.prof.maxLen >= n && c.prof.minLen <= 2*n+8
}

// detectCURP finds CURPs, whole values or written inside them as a word of
// their own ("Registro <CURP> actualizado", XML, array literals): a valid
// CURP is its own evidence (check digit, date, state), with or without the
// word CURP around it. A column whose CURPs are mostly inside text says so
// with free-text evidence, since the value is not the CURP.
func detectCURP(tc *tableCtx, c *colCtx) *candidate {
	if c.prof.maxLen < 18 {
		return nil
	}
	today := tc.today
	t := tc.tally(c, taxonomy.CURP, 0.05, false, func(v string) verdict {
		if _, ok := parseCURPIn(v, today); ok {
			return vMatch
		}
		return vNo
	})
	if t.match == 0 {
		return nil
	}
	t.k.s = identifierScore(c, t, taxonomy.CURP, true)
	if c.prof.maxLen > 2*18+8 || c.prof.avgLen > 19 {
		// Some values are longer than a CURP: are the CURPs inside text?
		embedded, seen := 0, 0
		for _, v := range c.vals {
			if v == "" || len(v) <= 18 {
				continue
			}
			if seen++; seen > probeSize {
				break
			}
			if !wholeCURP(v, today) {
				if _, ok := validate.FindCURP(v, today); ok {
					embedded++
				}
			}
		}
		if 2*embedded > min(t.match, probeSize) {
			t.k.s.note(EvFreeText)
		}
	}
	if t.rate() >= 0.5 {
		tc.curps = append(tc.curps, &curpColumn{col: c})
	}
	return t.k
}

// parseCURPIn reads the CURP of a value: the whole value, or one written
// inside it as a word (validate.FindCURP).
func parseCURPIn(v string, today time.Time) (validate.CURP, bool) {
	if len(v) <= 2*18+8 {
		if p, r := validate.ParseCURP(v, today); r == validate.OK {
			return p, true
		}
	}
	if len(v) <= 18 {
		return validate.CURP{}, false
	}
	return validate.FindCURP(v, today)
}

func wholeCURP(v string, today time.Time) bool {
	_, r := validate.ParseCURP(v, today)
	return r == validate.OK
}

// detectRFC reports personal RFCs (13 characters). Company RFCs (12) are
// not personal data: a column of them is no finding, and they count
// against a column that mixes them. The check digit is soft evidence: about
// 1.5% of real RFCs fail it (reference §2.3).
func detectRFC(tc *tableCtx, c *colCtx) *candidate {
	if !lengthFits(c, 12) {
		return nil
	}
	var checked, company int
	t := tc.tally(c, taxonomy.RFC, 0.05, false, func(v string) verdict {
		r, reason := validate.ParseRFC(v)
		if reason == validate.Implausible && r.Person {
			return vWeak // a 0 in the homoclave with a right check: compatible, not proof
		}
		if reason != validate.OK {
			return vNo
		}
		if !r.Person {
			company++
			return vNo
		}
		if r.CheckOK {
			checked++
		}
		return vMatch
	})
	if t.match == 0 {
		return nil
	}
	// A column of RFCs may mix people and companies (a taxpayer register):
	// how many values are RFCs at all says it is an RFC column, and the
	// share of people among them says whether it holds personal data.
	shaped := t.match + t.weak + company
	s := newScore(-4)
	s.add(EvValueFormat, rateWeight(float64(shaped)/float64(t.n), -6, step{0.9, 7}, step{0.5, 5}, step{0.2, 3}, step{0.05, 0.5}))
	// Random strings pass the check character one time in eleven; real
	// RFCs about 98.5% of the time.
	if float64(checked) >= 0.85*float64(t.match) {
		s.add(EvCheckDigit, 2)
	} else if float64(checked) < 0.3*float64(t.match) {
		s.add("", -3)
	}
	switch people := float64(t.match) / float64(shaped); {
	case people < 0.1:
		s.add("", -8) // companies' RFCs, with a few odd values: no one's personal data
	case people < 0.3:
		s.add("", -2)
	}
	s.add(EvColumnName, nameWeight(c, taxonomy.RFC, 2, 1))
	if c.name.Hint == vocab.HintNotPerson {
		s.add("", -2)
	}
	t.k.s = s
	return t.k
}

// detectNSS needs context: 10% of random 11-digit numbers pass the Luhn
// check (reference §3.2), so values alone only reach "possible"; a name or
// agreement with the CURP's birth year makes it a finding.
func detectNSS(tc *tableCtx, c *colCtx) *candidate {
	if !lengthFits(c, 11) || c.prof.maxLen > 20 {
		return nil
	}
	t := tc.tally(c, taxonomy.NSS, 0.3, false, func(v string) verdict {
		if _, r := validate.ParseNSS(v, tc.today); r == validate.OK {
			return vMatch
		}
		return vNo
	})
	if t.match == 0 {
		return nil
	}
	s := newScore(-6)
	s.add(EvCheckDigit, rateWeight(t.rate(), -6, step{0.97, 5}, step{0.85, 3}, step{0.5, 1}))
	s.add(EvColumnName, nameWeight(c, taxonomy.NSS, 5, 3))
	if namedOther(c, taxonomy.NSS) {
		s.add("", -4)
	}
	t.k.s = s
	return t.k
}

func detectVoterKey(tc *tableCtx, c *colCtx) *candidate {
	if !lengthFits(c, 18) {
		return nil
	}
	t := tc.tally(c, taxonomy.VoterKey, 0.05, false, func(v string) verdict {
		if _, r := validate.ParseVoterKey(v, tc.today); r == validate.OK {
			return vMatch
		}
		return vNo
	})
	if t.match == 0 {
		return nil
	}
	// No check digit is public, so the structure (letters, a real date, a
	// state key, sex) is all the values can say.
	s := newScore(-4)
	s.add(EvValueFormat, rateWeight(t.rate(), -6, step{0.9, 7}, step{0.5, 5}, step{0.2, 2}))
	s.add(EvColumnName, nameWeight(c, taxonomy.VoterKey, 2, 1))
	t.k.s = s
	return t.k
}

func detectCLABE(tc *tableCtx, c *colCtx) *candidate {
	if !lengthFits(c, 18) {
		return nil
	}
	t := tc.tally(c, taxonomy.CLABE, 0.05, false, func(v string) verdict {
		if validate.ParseCLABE(v) == validate.OK {
			return vMatch
		}
		return vNo
	})
	if t.match == 0 {
		return nil
	}
	t.k.s = identifierScore(c, t, taxonomy.CLABE, true)
	return t.k
}

func detectCard(tc *tableCtx, c *colCtx) *candidate {
	if !lengthFits(c, 13) || c.prof.minLen > 24 {
		return nil
	}
	t := tc.tally(c, taxonomy.CreditCard, 0.05, false, func(v string) verdict {
		if _, r := validate.ParseCard(v); r == validate.OK {
			return vMatch
		}
		return vNo
	})
	if t.match == 0 {
		return nil
	}
	t.k.s = identifierScore(c, t, taxonomy.CreditCard, true)
	return t.k
}
