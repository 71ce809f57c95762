package detectors

import (
	"math"

	"github.com/alcance-mx/alcance/detectors/rules"
)

// Custom rules (package rules) are what only an institution knows: its
// own affiliation-number format, the names its systems give columns. Their
// evidence joins the built-in detectors' in the same score: a rule's match
// on a column adds weights to the candidate of its category (creating it
// when no built-in detector proposed one), so table context, conflicts
// between categories and the threshold treat it like any other evidence.

// activeRules returns the rules of one classification.
func activeRules(opt Options) []*rules.Rule { return opt.Rules }

// rulePrior is where a custom rule's score starts, as the built-in
// detectors' do.
const rulePrior = -4.0

// ruleNameWeight is what a matching column name adds when the rule also
// looks at values: values must agree for the rule's full confidence.
const ruleNameWeight = 3.0

// applyRules weighs every custom rule on one column.
func (tc *tableCtx) applyRules(c *colCtx) {
	for _, r := range tc.rules {
		tc.applyRule(c, r)
	}
}

func (tc *tableCtx) applyRule(c *colCtx, r *rules.Rule) {
	named := r.HasNames() && r.MatchName(c.col.Name)
	if !r.HasValues() && !named {
		return
	}
	// The weights are set so that a full match (name and values, or the
	// one part the rule has) reaches exactly the rule's confidence.
	full := logit(r.Confidence) - rulePrior
	s := newScore(0)
	var t tally
	if r.HasValues() {
		t = tc.tally(c, r.Category, 0, false, func(v string) verdict {
			if r.MatchValue(v) {
				return vMatch
			}
			return vNo
		})
		valueWeight := full
		if r.HasNames() {
			valueWeight = full - ruleNameWeight
		}
		switch rate := t.rate(); {
		case rate >= r.MinMatch:
			s.add(EvValueFormat, valueWeight)
		case rate >= r.MinMatch/2:
			s.add(EvValueFormat, valueWeight/2)
		case named:
			s.add("", -6) // named so, but the values are something else
		}
		if named {
			s.add(EvColumnName, ruleNameWeight)
		}
	} else {
		// Names only: the rule's confidence on the name, capped like any
		// finding no value confirms.
		s.add(EvColumnName, full)
		t = tc.tally(c, r.Category, 0, true, func(string) verdict { return vWeak })
	}
	if s.logit <= 0 && t.match == 0 {
		return
	}
	k := c.candidate(r.Category)
	if k == nil {
		k = t.k
		k.s = newScore(rulePrior)
		c.addCandidate(k)
	} else if t.match > 0 {
		// A built-in detector proposed the category too: its rows and the
		// rule's are the same kind of thing.
		t.k.finish(c)
		k.rows.Or(t.k.rows)
		for _, e := range t.k.examples {
			if len(k.examples) < maxExamples {
				k.examples = append(k.examples, e)
			}
		}
		if k.matched < t.k.matched {
			k.matched, k.examined = t.k.matched, t.k.examined
		}
	}
	for _, e := range s.evidence {
		k.s.note(e)
	}
	k.s.logit += s.logit
	k.s.valueSupport = k.s.valueSupport || s.valueSupport
	k.ruleName = k.ruleName || named && !r.HasValues()
}

func logit(p float64) float64 { return math.Log(p / (1 - p)) }
