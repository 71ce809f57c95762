package validate

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseCLABE(t *testing.T) {
	tests := []struct {
		in   string
		want Reason
		note string
	}{
		{"002000000000000008", OK, "clabe-python's valid example (Banamex)"},
		{"032180000118359719", OK, "es.wikipedia's example (IXE, a legacy code)"},
		{"646180000000000009", OK, "STP"},
		{"012180001234567899", OK, "BBVA, synthetic"},
		{"072580123456789012", OK, "Banorte, synthetic"},
		{"127180000111122227", OK, "Azteca, synthetic"},
		{"137180999888777666", OK, "BanCoppel, synthetic"},
		{"722180000123456784", OK, "Mercado Pago, synthetic"},
		{"012180001234500050", OK, "check digit 0: sum mod 10 is 0, so 10 becomes 0"},
		{"012 180 00123456789 9", OK, "spaces between the parts"},
		{"012-180-00123456789-9", OK, "dashes"},
		{"002000000000000007", BadCheckDigit, "clabe-python's invalid example"},
		{"032180000118359791", BadCheckDigit, "last two digits swapped"},
		{"012180001234567890", BadCheckDigit, "check digit 0 instead of 9"},
		{"999180000000000002", Unknown, "right check digit, no bank 999"},
		{"000000000000000000", Placeholder, "zeros (clabe-python: a valid check digit, no bank)"},
		{"999999999999999999", Placeholder, "nines"},
		{"4111111111111111", BadFormat, "card number"},
		{"01218000123456789", BadFormat, "17 digits"},
		{"0121800012345678999", BadFormat, "19 digits"},
		{"MX12 3456 7890 1234 56", BadFormat, "letters"},
		{"", BadFormat, "empty"},
	}
	for _, tt := range tests {
		if r := ParseCLABE(tt.in); r != tt.want {
			t.Errorf("ParseCLABE(%q) = %v, want %v (%s)", tt.in, r, tt.want, tt.note)
		}
	}
}

func TestCLABEBanks(t *testing.T) {
	// The brief's minimum, and some fintech participants.
	for _, c := range []int{2, 12, 14, 21, 72, 127, 137, 646, 638, 661, 722, 728} {
		if !clabeBanks[c] {
			t.Errorf("bank %03d missing", c)
		}
	}
	for _, c := range []int{0, 3, 100, 500, 999} {
		if clabeBanks[c] {
			t.Errorf("bank %03d should not be listed", c)
		}
	}
	// Every code in the list is three digits and appears once.
	seen := map[string]bool{}
	f := strings.Fields(clabeBankList)
	for i := 0; i < len(f); i += 2 {
		if seen[f[i]] {
			t.Errorf("code %s listed twice", f[i])
		}
		seen[f[i]] = true
	}
}

func TestParseCLABEAllocs(t *testing.T) {
	for _, s := range []string{"002000000000000008", "012 180 00123456789 9"} {
		if n := testing.AllocsPerRun(100, func() { ParseCLABE(s) }); n != 0 {
			t.Errorf("ParseCLABE(%q): %v allocations", s, n)
		}
	}
}

func BenchmarkParseCLABE(b *testing.B) {
	vals := []string{"002000000000000008", "012180001234567899", "002000000000000007", "4111111111111111"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseCLABE(vals[i%len(vals)])
	}
}

func TestCLABEClosedInstitutions(t *testing.T) {
	// Closed banks, brokers and exchange houses (issue 10): accounts opened
	// with them are still in legacy databases.
	for _, c := range []int{22, 37, 116, 134, 139, 604, 607, 610, 611, 615, 618, 619, 621, 622, 624, 626,
		627, 628, 629, 632, 633, 640, 647, 651, 812, 814, 821, 846} {
		if !clabeBanks[c] {
			t.Errorf("bank %03d missing", c)
		}
		d := fmt.Sprintf("%03d180%011d", c, 4242424242+c)
		full := d + string(clabeCheckDigit([]byte(d)))
		if r := ParseCLABE(full); r != OK {
			t.Errorf("%s: %v, want valid", full, r)
		}
	}
	// Hard negatives: codes no institution has.
	for _, c := range []int{4, 612, 650, 811, 999} {
		if clabeBanks[c] {
			t.Errorf("bank %03d should not be listed", c)
		}
	}
}
