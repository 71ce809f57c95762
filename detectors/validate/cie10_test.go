package validate

import "testing"

func TestParseCIE10(t *testing.T) {
	tests := []struct {
		in, code string
		want     Reason
		note     string
	}{
		{"E11", "E11", OK, "category"},
		{"E11.9", "E119", OK, "subcategory with dot"},
		{"E119", "E119", OK, "DGIS form without dot"},
		{"e119", "E119", OK, "lower case"},
		{"e11.9", "E119", OK, "lower case with dot"},
		{"E11.X", "E11", OK, "X padding after the dot"},
		{"A09X", "A09", OK, "DGIS X padding of a three-character category"},
		{"j00x", "J00", OK, "lower-case padding"},
		{"I10X", "I10", OK, "hypertension, padded"},
		{"U07.1", "U071", OK, "COVID-19, virus identified"},
		{"U072", "U072", OK, "COVID-19, virus not identified"},
		{" O80 ", "O80", OK, "padding"},
		{"Z99.9", "Z999", OK, "last code"},
		// Well formed, not in the catalogue.
		{"A12", "", Unknown, "no category A12 (A00-A09, then A15)"},
		{"D49.9", "", Unknown, "D49 is ICD-10-CM only"},
		{"E11.X9", "", BadFormat, "padding and a digit"},
		// Hard negatives.
		{"E11.65", "", BadFormat, "ICD-10-CM five characters"},
		{"E1", "", BadFormat, "too short"},
		{"E11.", "", BadFormat, "dot without subcategory"},
		{"11.9", "", BadFormat, "no letter"},
		{"EE11", "", BadFormat, "two letters"},
		{"E11A", "", BadFormat, "letter other than X"},
		{"E119X", "", BadFormat, "padding after four characters"},
		{"K9X", "", BadFormat, "part number"},
		{"M8", "", BadFormat, "size"},
		{"XL", "", BadFormat, "size"},
		{"100", "", BadFormat, "number"},
		{"", "", BadFormat, "empty"},
	}
	for _, tt := range tests {
		code, r := ParseCIE10(tt.in)
		if r != tt.want || code != tt.code {
			t.Errorf("ParseCIE10(%q) = %q, %v; want %q, %v (%s)", tt.in, code, r, tt.code, tt.want, tt.note)
		}
	}
}

func TestParseCIE10Allocs(t *testing.T) {
	ParseCIE10("E119") // load the catalogue outside the measurement
	for _, s := range []string{"E119", "E11", "A09X", "E11.X"} {
		if n := testing.AllocsPerRun(100, func() { ParseCIE10(s) }); n != 0 {
			t.Errorf("ParseCIE10(%q): %v allocations", s, n)
		}
	}
}

func BenchmarkParseCIE10(b *testing.B) {
	vals := []string{"E119", "A09X", "J00", "E11.9", "K9X"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseCIE10(vals[i%len(vals)])
	}
}

func TestCIE10ProvisionalAndMissingCodes(t *testing.T) {
	for _, s := range []string{"G73", "G73.1", "G737", "W46", "W46.0", "W469", "U04.9", "U07.1", "U07.2", "U071",
		"U80", "U80.0", "U82.1", "U89.9", "U10.9"} {
		if _, r := ParseCIE10(s); r != OK {
			t.Errorf("%s: %v, want valid", s, r)
		}
	}
	// Hard negatives: codes that do not exist.
	for _, s := range []string{"G738", "U90", "U05", "U04.1", "W46X1"} {
		if _, r := ParseCIE10(s); r == OK {
			t.Errorf("%s accepted", s)
		}
	}
}
