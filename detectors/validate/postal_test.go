package validate

import "testing"

func TestParsePostalCode(t *testing.T) {
	tests := []struct {
		in      string
		numeric bool
		state   string
		want    Reason
		note    string
	}{
		{"01000", false, "DF", OK, "CDMX, lowest block"},
		{"16999", false, "DF", OK, "CDMX, highest block"},
		{"20000", false, "AS", OK, "Aguascalientes"},
		{"44100", false, "JC", OK, "Guadalajara"},
		{"64000", false, "NL", OK, "Monterrey"},
		{"97000", false, "YN", OK, "Mérida"},
		{"98000", false, "ZS", OK, "Zacatecas"},
		{"49000", false, "JC", OK, "[U] prefix, accepted"},
		{"88000", false, "TS", OK, "[U] prefix, accepted"},
		{" 06600 ", false, "DF", OK, "padding"},
		{"1000", true, "DF", OK, "integer column: 01000 lost its zero"},
		{"6600", true, "DF", OK, "integer column: 06600"},
		{"44100", true, "JC", OK, "integer column, five digits"},
		// Placeholders.
		{"00000", false, "", Placeholder, "zeros"},
		{"99999", false, "", Placeholder, "nines"},
		{"11111", false, "", Placeholder, "one digit repeated"},
		{"0", true, "", Placeholder, "zero in an integer column"},
		{"0000", true, "", Placeholder, "zeros in an integer column"},
		// Hard negatives.
		{"1000", false, "", BadFormat, "text column: four digits are not a CP"},
		{"17000", false, "", BadState, "unused prefix 17"},
		{"19500", false, "", BadState, "unused prefix 19"},
		{"00100", false, "", BadState, "unused prefix 00"},
		{"123456", false, "", BadFormat, "six digits"},
		{"12.50", false, "", BadFormat, "amount"},
		{"44,100", false, "", BadFormat, "amount with a thousands separator"},
		{"C.P. 44100", false, "", BadFormat, "label not stripped"},
		{"999", true, "", BadFormat, "three digits"},
		{"", false, "", BadFormat, "empty"},
	}
	for _, tt := range tests {
		st, r := ParsePostalCode(tt.in, tt.numeric)
		if r != tt.want || st != tt.state {
			t.Errorf("ParsePostalCode(%q, %v) = %q, %v; want %q, %v (%s)", tt.in, tt.numeric, st, r, tt.state, tt.want, tt.note)
		}
	}
}

// Every used prefix maps to a CURP state code, and every state has a block.
func TestPostalStates(t *testing.T) {
	states := map[string]bool{}
	for p, st := range postalStates {
		unused := p == 0 || 17 <= p && p <= 19
		if unused != (st == "") {
			t.Errorf("prefix %02d: %q", p, st)
		}
		if st != "" {
			if !IsCURPState(st) || st == "NE" {
				t.Errorf("prefix %02d: %q is not a state", p, st)
			}
			states[st] = true
		}
	}
	if len(states) != 32 {
		t.Errorf("%d states have codes, want 32", len(states))
	}
}

func BenchmarkParsePostalCode(b *testing.B) {
	vals := []string{"44100", "01000", "17000", "12.50"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParsePostalCode(vals[i%len(vals)], false)
	}
}
