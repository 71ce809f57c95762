package detectors

import (
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

func detectCURP(tc *tableCtx, c *colCtx) *candidate {
	if !lengthFits(c, 18) {
		return nil
	}
	t := tc.tally(c, taxonomy.CURP, 0.05, false, func(v string) verdict {
		if _, r := validate.ParseCURP(v, tc.today); r == validate.OK {
			return vMatch
		}
		return vNo
	})
	if t.match == 0 {
		return nil
	}
	t.k.s = identifierScore(c, t, taxonomy.CURP, true)
	if t.rate() >= 0.5 {
		tc.curps = append(tc.curps, &curpColumn{col: c})
	}
	return t.k
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
	shaped := t.match + company
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
