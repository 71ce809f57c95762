package validate

import "testing"

func TestRFCCheckDigit(t *testing.T) {
	for _, tt := range []struct {
		rfc  string
		want bool
	}{
		{"GODE561231GR8", true}, {"MAB9307148T4", true}, {"AAA390128530", true},
		{"&&&030828PX7", true}, {"AEL7407151YA", true}, {"MUÑ110218LJ6", true},
		{"XEXX010101000", true}, {"XAXX010101000", false}, {"VACE460910SX6", false},
		{"JUMM420313PA9", false},
	} {
		rs := []rune(tt.rfc)
		got, ok := RFCCheckDigit(string(rs[:len(rs)-1]))
		if !ok || (got == byte(rs[len(rs)-1])) != tt.want {
			t.Errorf("RFCCheckDigit(%q) = %q, %v; want match=%v", tt.rfc, got, ok, tt.want)
		}
	}
}
