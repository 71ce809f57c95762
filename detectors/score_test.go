package detectors

import "testing"

func TestScoreCombination(t *testing.T) {
	s := newScore(-4)
	if c := s.confidence(); c >= ReportThreshold {
		t.Errorf("the prior alone reaches %.2f; it must stay below the report threshold", c)
	}
	// A strong name alone: likely, never certain.
	s.add(EvColumnName, 6)
	if c := s.confidence(); c < 0.8 || c >= 0.9 || s.valueSupport {
		t.Errorf("name alone: confidence %.2f, value support %v", c, s.valueSupport)
	}
	// Values that contradict the name sink it below the threshold.
	contradicted := s
	contradicted.add("", -6)
	if c := contradicted.confidence(); c >= ReportThreshold {
		t.Errorf("a contradicted name still reaches %.2f", c)
	}
	if len(contradicted.evidence) != 1 {
		t.Errorf("negative weights recorded evidence: %v", contradicted.evidence)
	}
	// Proof from values makes it near certain and marks value support.
	s.add(EvCheckDigit, 9)
	if c := s.confidence(); c < 0.99 || !s.valueSupport {
		t.Errorf("with proof: confidence %.2f, value support %v", c, s.valueSupport)
	}
	// Evidence is recorded once, in the order it came.
	s.add(EvColumnName, 1)
	s.note(EvCheckDigit)
	if len(s.evidence) != 2 || s.evidence[0] != EvColumnName || s.evidence[1] != EvCheckDigit {
		t.Errorf("evidence %v", s.evidence)
	}
}

func TestRateWeight(t *testing.T) {
	steps := []step{{0.9, 9}, {0.5, 7}, {0.2, 4}}
	for _, tt := range []struct{ rate, want float64 }{{1, 9}, {0.9, 9}, {0.89, 7}, {0.5, 7}, {0.2, 4}, {0.19, -6}, {0, -6}} {
		if got := rateWeight(tt.rate, -6, steps...); got != tt.want {
			t.Errorf("rateWeight(%.2f) = %v, want %v", tt.rate, got, tt.want)
		}
	}
}
