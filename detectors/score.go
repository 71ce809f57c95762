package detectors

import (
	"math"
	"slices"
)

// score accumulates evidence for one (column, category) as log-odds: each
// piece of evidence adds a weight, positive or negative, and the confidence
// is the logistic of the sum. Weights are named where they are used, in the
// detector that knows what the evidence is worth; the scale is:
//
//	+8 or more  proof: most values pass a check digit, or agree with a CURP
//	+4 to +6    strong: a specific format, a strong column name
//	+1 to +3    support: a weak name, table context, a fitting distribution
//	negative    contradiction: the values are something else
//
// Every detector starts from a negative prior, so a name alone reaches at
// most the "likely" band (about 0.85–0.9) and values that contradict a name
// sink it. Findings are reported from ReportThreshold (0.5) up; make eval
// prints how well these confidences are calibrated on the labelled corpus.
type score struct {
	logit    float64
	evidence []string
	// valueSupport is true when some value-level evidence (not only the
	// column name or context) speaks for the category.
	valueSupport bool
}

func newScore(prior float64) score { return score{logit: prior} }

// add adds a weight, recording the evidence id when it speaks for the
// category (negative weights record nothing: they are not evidence *of*).
func (s *score) add(evidence string, w float64) {
	s.logit += w
	if w > 0 && evidence != "" && !slices.Contains(s.evidence, evidence) {
		s.evidence = append(s.evidence, evidence)
		if evidence != EvColumnName && evidence != EvTableContext {
			s.valueSupport = true
		}
	}
}

// note records evidence whose weight is already counted in another one
// (a CURP that validates has passed its check digit too).
func (s *score) note(evidence string) {
	if !slices.Contains(s.evidence, evidence) {
		s.evidence = append(s.evidence, evidence)
	}
}

// confidence is the logistic of the accumulated log-odds, rounded to two
// decimals as reports show it.
func (s score) confidence() float64 {
	c := 1 / (1 + math.Exp(-s.logit))
	return math.Round(c*100) / 100
}

// rateWeight maps a match rate onto a weight through thresholds: the first
// step whose rate is reached gives its weight, and below every step the
// floor applies (a contradiction when the floor is negative).
func rateWeight(rate float64, floor float64, steps ...step) float64 {
	for _, s := range steps {
		if rate >= s.rate {
			return s.weight
		}
	}
	return floor
}

type step struct{ rate, weight float64 }
