package validate

import (
	"testing"
	"time"
)

func TestParseNSS(t *testing.T) {
	tests := []struct {
		in   string
		want Reason
		note string
	}{
		// §3.2 vectors.
		{"72795608040", OK, "pyfiscal fixture: registered 1979, born 1956"},
		{"12345678903", Implausible, "catalogmx example: Luhn passes, but registered 1934 and born 1956"},
		{"12345678901", BadCheckDigit, "catalogmx example with a wrong digit"},
		// Printed forms.
		{"72-79-56-0804-0", OK, "NN-NN-NN-NNNN-N"},
		{"7279 5608 040", OK, "spaces"},
		{" 72795608040 ", OK, "padding"},
		// Plausibility (synthetic, check digits computed).
		{"31059212345", OK, "registered 2005, born 1992"},
		{"55048812345", OK, "registered 2004, born 1988"},
		{"45031012342", Implausible, "registered 2003, born 2010"},
		{"45900312344", Implausible, "registered 1990, born 2003"},
		{"97305612349", OK, "subdelegación 97 is exempt (1930 before 1956)"},
		{"96305612341", Implausible, "the same years elsewhere"},
		// Hard negatives.
		{"00000000000", BadFormat, "zeros pass Luhn but are filler"},
		{"11111111111", BadFormat, "one digit repeated"},
		{"72795608041", BadCheckDigit, "last digit changed"},
		{"72795608004", BadCheckDigit, "last two digits swapped"},
		{"5512345678", BadFormat, "10-digit phone number"},
		{"+52 55 1234 5678", BadFormat, "phone with country code"},
		{"727956080400", BadFormat, "12 digits"},
		{"72795608040 1M1985OR", BadFormat, "NSS followed by agregado médico"},
		{"12,345.67", BadFormat, "amount"},
		{"7279560804O", BadFormat, "letter O for zero"},
		{"", BadFormat, "empty"},
	}
	for _, tt := range tests {
		got, r := ParseNSS(tt.in, today)
		if r != tt.want {
			t.Errorf("ParseNSS(%q) = %v, want %v (%s)", tt.in, r, tt.want, tt.note)
			continue
		}
		if r == OK && (len(got.Value) != 11 || !allDigits(got.Value)) {
			t.Errorf("ParseNSS(%q) = %+v: bad value", tt.in, got)
		}
	}
}

func TestParseNSSFields(t *testing.T) {
	got, r := ParseNSS("72-79-56-0804-0", today)
	want := NSS{Value: "72795608040", Subdelegation: 72, RegYear: 79, BirthYear: 56}
	if r != OK || got != want {
		t.Errorf("got %+v, %v; want %+v", got, r, want)
	}
}

// The two-digit years are expanded relative to the reference day: born
// "10" and registered "24" is 2010 and 2024 in 2026, but in 2020 the
// registration year can only be 1924, before the birth.
func TestParseNSSReferenceDay(t *testing.T) {
	const v = "01241012341" // subdelegación 01, registered 24, born 10
	if !Luhn(v) {
		t.Fatalf("%s: bad test vector", v)
	}
	if _, r := ParseNSS(v, today); r != OK {
		t.Errorf("in 2026: %v", r)
	}
	if _, r := ParseNSS(v, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)); r != Implausible {
		t.Errorf("in 2020: %v", r)
	}
}

func TestLuhn(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"72795608040", true}, {"12345678903", true}, {"4111111111111111", true},
		{"79927398713", true}, // the textbook example
		{"0", true}, {"18", true},
		{"12345678901", false}, {"79927398710", false}, {"4111111111111112", false},
		{"", false}, {"7992739871a", false}, {"7992 7398 713", false}, {"١٢", false},
	} {
		if got := Luhn(tt.in); got != tt.want {
			t.Errorf("Luhn(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseNSSAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { ParseNSS("72795608040", today) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

func BenchmarkParseNSS(b *testing.B) {
	vals := []string{"72795608040", "31059212345", "12345678901", "5512345678"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseNSS(vals[i%len(vals)], today)
	}
}

func BenchmarkLuhn(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Luhn("4111111111111111")
	}
}
