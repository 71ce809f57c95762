package validate

import "testing"

func TestParsePhone(t *testing.T) {
	tests := []struct {
		in, national string
		want         Reason
		note         string
	}{
		{"5512345678", "5512345678", OK, "10 national digits"},
		{"55 1234 5678", "5512345678", OK, "spaces"},
		{"(55) 1234-5678", "5512345678", OK, "parentheses and dash"},
		{"55.1234.5678", "5512345678", OK, "dots"},
		{"333-123-4567", "3331234567", OK, "Guadalajara, 3-3-4"},
		{"+52 55 1234 5678", "5512345678", OK, "country code"},
		{"+525512345678", "5512345678", OK, "country code, no spaces"},
		{"525512345678", "5512345678", OK, "country code without +"},
		{"+52 1 55 1234 5678", "5512345678", OK, "old mobile prefix after +52"},
		{"5215512345678", "5512345678", OK, "old mobile prefix, no +"},
		{"0052 55 1234 5678", "5512345678", OK, "international prefix 00"},
		{"01 55 1234 5678", "5512345678", OK, "old long-distance prefix"},
		{"01 (999) 123 4567", "9991234567", OK, "old long-distance prefix, Mérida"},
		{"044 55 1234 5678", "5512345678", OK, "old local mobile prefix"},
		{"045 33 1234 5678", "3312345678", OK, "old long-distance mobile prefix"},
		{" 8112345678 ", "8112345678", OK, "padding"},
		// Old 8-digit local numbers, written as phones.
		{"5555-1234", "55551234", OK, "4-4 with dash"},
		{"5555 1234", "55551234", OK, "4-4 with space"},
		{"55 55 12 34", "55551234", OK, "2-2-2-2"},
		{"55551234", "", BadFormat, "bare 8 digits: dates and folios look the same"},
		{"555-51234", "", BadFormat, "8 digits in an unusual grouping"},
		{"1963-0321", "", BadFormat, "8 digits starting with 1"},
		{"5555-5555", "", Placeholder, "local number, one digit repeated"},
		// Placeholders.
		{"1234567890", "", Placeholder, "ascending run"},
		{"9876543210", "", Placeholder, "descending run"},
		{"0123456789", "", Placeholder, "ascending from 0"},
		{"5555555555", "", Placeholder, "one digit repeated"},
		{"+52 0000000000", "", Placeholder, "zeros after the country code"},
		// Hard negatives.
		{"0512345678", "", BadFormat, "national number starting with 0"},
		{"1512345678", "", BadFormat, "national number starting with 1"},
		{"72795608040", "", BadFormat, "an NSS: 11 digits"},
		{"15512345678", "", BadFormat, "11 digits, US style"},
		{"+1 555 123 4567", "", BadFormat, "US number"},
		{"+5512345678", "", BadFormat, "+ without a country code"},
		{"+52 55 1234 567", "", BadFormat, "+52 and 9 digits (11 in all)"},
		{"44 5512345678", "", BadFormat, "044 without its 0"},
		{"21/03/1963", "", BadFormat, "a date"},
		{"19630321", "", BadFormat, "a packed date"},
		{"$5,512,345.67", "", BadFormat, "an amount"},
		{"5512345678 ext. 123", "", BadFormat, "extension"},
		{"PEGL890909MJCRMS08", "", BadFormat, "a CURP"},
		{"", "", BadFormat, "empty"},
	}
	for _, tt := range tests {
		nat, r := ParsePhone(tt.in)
		if r != tt.want || nat != tt.national {
			t.Errorf("ParsePhone(%q) = %q, %v; want %q, %v (%s)", tt.in, nat, r, tt.national, tt.want, tt.note)
		}
	}
}

func TestParsePhoneAllocs(t *testing.T) {
	for _, s := range []string{"5512345678", "+525512345678", "1234567890", "72795608040"} {
		if n := testing.AllocsPerRun(100, func() { ParsePhone(s) }); n != 0 {
			t.Errorf("ParsePhone(%q): %v allocations", s, n)
		}
	}
}

func BenchmarkParsePhone(b *testing.B) {
	vals := []string{"5512345678", "3312345678", "55 1234 5678", "+52 1 55 1234 5678", "72795608040"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParsePhone(vals[i%len(vals)])
	}
}

func TestParseLocalPhone(t *testing.T) {
	for _, s := range []string{"3612345", "361-2345", "361 2345", "5555-1234", "55551234", "8.123.456"} {
		if _, r := ParseLocalPhone(s); r != OK {
			t.Errorf("%s: %v", s, r)
		}
	}
	for _, s := range []string{"0612345", "1234567", "7777777", "612345", "551234567", "36-12-A45", "-3612345", "3612345-"} {
		if _, r := ParseLocalPhone(s); r == OK {
			t.Errorf("%s accepted", s)
		}
	}
}
