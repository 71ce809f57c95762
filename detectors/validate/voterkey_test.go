package validate

import (
	"testing"
	"time"
)

func TestParseVoterKey(t *testing.T) {
	tests := []struct {
		in   string
		want Reason
		note string
	}{
		{"HRGRJN82050602H900", OK, "Sayari's worked example: 1982, Baja California"},
		{"SNAGGR98030506H500", OK, "example seen in public code: 1998, Colima"},
		{"GMDLEM56123109M123", OK, "synthetic: CDMX, woman"},
		{"LNTRAL90021414X001", OK, "synthetic: sex X"},
		{"hrgrjn 820506 02 h900", OK, "lower case and spaces"},
		{"HRGRJN-820506-02H-900", OK, "dashes"},
		{"GMDLEM00022909M123", OK, "29 Feb 2000"},
		{"GMDLEM08011509M123", OK, "born 2008, 18 at the reference day"},
		// Hard negatives.
		{"GMDLEM10011509M123", Implausible, "born 2010: 16 at the reference day"},
		{"GMDLEM08112709M123", Implausible, "born 2008, turns 18 the day after the reference"},
		{"GMDLEM56133109M123", BadDate, "month 13"},
		{"GMDLEM01022909M123", BadDate, "29 Feb 2001 and 1901"},
		{"GMDLEM56123100M123", BadState, "state 00"},
		{"GMDLEM56123133M123", BadState, "state 33 [U], not accepted"},
		{"GMDLEM561231JCM123", BadFormat, "CURP letters for the state"},
		{"GMDLEM56123109F123", BadFormat, "sex F"},
		{"GMDLEM56123109M12A", BadFormat, "letter in the last three"},
		{"PEGL890909MJCRMS08", BadFormat, "a CURP"},
		{"GMDLE456123109M123", BadFormat, "digit among the letters"},
		{"GMDLEM56123109M12", BadFormat, "17 characters"},
		{"ABC123456789012345", BadFormat, "product code"},
		{"", BadFormat, "empty"},
	}
	for _, tt := range tests {
		got, r := ParseVoterKey(tt.in, today)
		if r != tt.want {
			t.Errorf("ParseVoterKey(%q) = %v, want %v (%s)", tt.in, r, tt.want, tt.note)
			continue
		}
		if r == OK && (len(got.Value) != 18 || got.StateINEGI != got.Value[12:14] || got.Sex != got.Value[14]) {
			t.Errorf("ParseVoterKey(%q) = %+v: bad fields", tt.in, got)
		}
	}
}

func TestParseVoterKeyCentury(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Time
	}{
		{"HRGRJN82050602H900", time.Date(1982, 5, 6, 0, 0, 0, 0, time.UTC)},
		{"GMDLEM00022909M123", time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"GMDLEM08011509M123", time.Date(2008, 1, 15, 0, 0, 0, 0, time.UTC)},
		{"GMDLEM30011509M123", time.Date(1930, 1, 15, 0, 0, 0, 0, time.UTC)},
	} {
		got, r := ParseVoterKey(tt.in, today)
		if r != OK || !got.Birth.Equal(tt.want) {
			t.Errorf("ParseVoterKey(%q) = %v, %v; want born %v", tt.in, got.Birth, r, tt.want)
		}
	}
	// The latest century not in the future is taken before the age test:
	// in 2005, "04" is 2004 and Implausible, not a centenarian born 1904.
	if _, r := ParseVoterKey("GMDLEM04011509M123", time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)); r != Implausible {
		t.Errorf("in 2005: %v", r)
	}
	// In 2003, "04" is in the future as 2004, so 1904: a voter of 98.
	if got, r := ParseVoterKey("GMDLEM04011509M123", time.Date(2003, 1, 1, 0, 0, 0, 0, time.UTC)); r != OK || got.Birth.Year() != 1904 {
		t.Errorf("in 2003: %v, %v", got.Birth, r)
	}
}

func TestParseVoterKeyAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { ParseVoterKey("HRGRJN82050602H900", today) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

func BenchmarkParseVoterKey(b *testing.B) {
	vals := []string{"HRGRJN82050602H900", "SNAGGR98030506H500", "GMDLEM56133109M123", "PEGL890909MJCRMS08"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseVoterKey(vals[i%len(vals)], today)
	}
}
