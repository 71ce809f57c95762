package detectors

import (
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

func detectEmail(tc *tableCtx, c *colCtx) *candidate {
	if c.prof.avgLen < 6 || c.prof.digits > 0.5 {
		return nil
	}
	t := tc.tally(c, taxonomy.Email, 0.05, false, func(v string) verdict {
		if validate.ParseEmail(v) == validate.OK {
			return vMatch
		}
		return vNo
	})
	if t.match == 0 {
		return nil
	}
	// An e-mail address is unmistakable; the rate alone decides.
	s := newScore(-4)
	s.add(EvValueFormat, rateWeight(t.rate(), -6, step{0.8, 9}, step{0.5, 7}, step{0.2, 4}, step{0.05, 1}))
	s.add(EvColumnName, nameWeight(c, taxonomy.Email, 2, 1))
	t.k.s = s
	return t.k
}

// detectPhone: ten national digits are also the shape of folios and
// counters, so values need a name or a person's table to back them.
func detectPhone(tc *tableCtx, c *colCtx) *candidate {
	if c.prof.maxLen < 7 || c.prof.minLen > 22 {
		return nil
	}
	// Local numbers of before 2019 (7 or 8 digits) count where the name
	// says phone: alone they are folios and amounts as often.
	local := c.name.Category == taxonomy.Phone && c.name.Strength == vocab.Strong
	t := tc.tally(c, taxonomy.Phone, 0.2, false, func(v string) verdict {
		if _, r := validate.ParsePhone(v); r == validate.OK {
			return vMatch
		}
		if local {
			if _, r := validate.ParseLocalPhone(v); r == validate.OK {
				return vMatch
			}
		}
		return vNo
	})
	if t.match == 0 {
		return nil
	}
	s := newScore(-5)
	s.add(EvValueFormat, rateWeight(t.rate(), -6, step{0.9, 5}, step{0.7, 3.5}, step{0.5, 1.5}))
	s.add(EvColumnName, nameWeight(c, taxonomy.Phone, 5, 3))
	// Phones of different people rarely repeat; codes and statuses do.
	if c.prof.distinct >= 0.7 {
		s.add(EvDistribution, 1)
	} else if c.prof.distinct < 0.2 {
		s.add("", -3)
	}
	if namedOther(c, taxonomy.Phone) {
		s.add("", -5)
	} else if c.name.Matched && (c.name.Category != "" && c.name.Category != taxonomy.Phone || c.name.Hint == vocab.HintRecordKey) {
		s.add("", -3) // a record or policy number that happens to have ten digits
	}
	t.k.s = s
	return t.k
}

// detectPostalCode: five digits are also amounts, counters and quantities,
// and 96% of random five-digit numbers fall in a used prefix. Values decide
// only what is impossible; the name, leading zeros (which amounts never
// have), and the table's context (pass 3) decide the rest.
func detectPostalCode(tc *tableCtx, c *colCtx) *candidate {
	// Averages, not extremes: a stray "0" or "S/N" must not hide a column.
	if c.prof.avgLen < 3.5 || c.prof.avgLen > 6.5 || c.prof.digits < 0.8 {
		return nil
	}
	numeric := c.col.Kind == KindInteger
	leadingZero := 0
	t := tc.tally(c, taxonomy.PostalCode, 0.5, false, func(v string) verdict {
		if _, r := validate.ParsePostalCode(v, numeric); r == validate.OK {
			if v[0] == '0' {
				leadingZero++
			}
			return vMatch
		}
		return vNo
	})
	if t.match == 0 {
		return nil
	}
	s := newScore(-5)
	s.add(EvValueFormat, rateWeight(t.rate(), -6, step{0.97, 2.5}, step{0.85, 1.5}, step{0.6, 0}))
	s.add(EvColumnName, nameWeight(c, taxonomy.PostalCode, 6, 3))
	if !numeric && float64(leadingZero) >= 0.01*float64(t.match) && leadingZero >= 2 {
		s.add(EvDistribution, 2) // "06700": text that keeps a leading zero is a code, not an amount
	}
	if namedOther(c, taxonomy.PostalCode) || c.name.Hint == vocab.HintAmount {
		s.add("", -6)
	}
	t.k.s = s
	return t.k
}

// postalAgreesWithState is a row cross-check for postal codes: the state a
// code's prefix belongs to (reference §6.1) should be the state of the same
// row's residence, in a state column or at the end of an address line. Five
// digits that are amounts agree by chance (about one row in ten).
func postalAgreesWithState(tc *tableCtx, c *colCtx) {
	k := c.candidate(taxonomy.PostalCode)
	if k == nil {
		return
	}
	numeric := c.col.Kind == KindInteger
	for _, other := range tc.cols {
		if other == c || other.nPresent == 0 || other.prof.hasLetter < 0.5 && other.prof.maxLen > 2 ||
			other.prof.avgLen > 120 {
			continue
		}
		// Rows are compared until crossCheckRows of them had both a state
		// and a code, or a first stretch shows the column holds no states.
		both, agree, looked := 0, 0, 0
		for i, v := range c.vals {
			if v == "" || other.vals[i] == "" {
				continue
			}
			looked++
			if looked == 100 && both < 20 || both == crossCheckRows {
				break
			}
			st, ok := stateFromText(other.vals[i])
			if !ok {
				continue
			}
			cpState, r := validate.ParsePostalCode(v, numeric)
			if r != validate.OK {
				continue
			}
			both++
			if st == cpState {
				agree++
			}
		}
		if both >= minAgreeRows && float64(agree) >= 0.8*float64(both) {
			k.s.add(EvRowConsistency, 5)
			return
		}
	}
}
