package validate

import "testing"

func TestParseCard(t *testing.T) {
	tests := []struct {
		in    string
		brand string
		want  Reason
		note  string
	}{
		// Synthetic numbers, check digits computed.
		{"4532015112830366", CardVisa, OK, "Visa 16"},
		{"4556 1700 0000 0019", CardVisa, OK, "Visa with spaces"},
		{"4123-4567-8901-2345-677", CardVisa, OK, "Visa 19 with dashes"},
		{"5200828282828217", "", BadCheckDigit, "Mastercard with a wrong digit"},
		{"2221000000000009", CardMastercard, OK, "Mastercard 2-series, lowest"},
		{"2720991234567894", CardMastercard, OK, "Mastercard 2-series, highest"},
		{"340000000000009", CardAmex, OK, "Amex 34"},
		{"376123456789011", CardAmex, OK, "Amex 37"},
		{"6011000123456786", CardDiscover, OK, "Discover 6011"},
		{"6440123456789010", CardDiscover, OK, "Discover 644"},
		{"6500123456789012340", CardDiscover, OK, "Discover 65, 19 digits"},
		{"30001234567891", CardDiners, OK, "Diners 300"},
		{"36123456789013", CardDiners, OK, "Diners 36"},
		{"38123456789011", CardDiners, OK, "Diners 38"},
		{"3528123456789012", CardJCB, OK, "JCB lowest"},
		{"3589123456789018", CardJCB, OK, "JCB highest"},
		{"6200123456789010", CardUnionPay, OK, "UnionPay"},
		{"5061991234567894", CardCarnet, OK, "Carnet range, lowest"},
		{"5064991234567891", CardCarnet, OK, "Carnet range, highest"},
		{"2869001234567893", CardCarnet, OK, "Carnet BIN outside Mastercard's 2-series"},
		{"6275351234567891", CardCarnet, OK, "Carnet BIN inside UnionPay's 62"},
		// Processors' test numbers and filler.
		{"4111111111111111", "", Fixture, "the most common test Visa"},
		{"4111 1111 1111 1111", "", Fixture, "with spaces"},
		{"4242424242424242", "", Fixture, "Stripe's Visa"},
		{"5555555555554444", "", Fixture, "test Mastercard"},
		{"378282246310005", "", Fixture, "test Amex"},
		{"4222222222222", "", Fixture, "13-digit test Visa"},
		{"6011111111111117", "", Fixture, "test Discover"},
		{"3530111333300000", "", Fixture, "test JCB"},
		{"0000000000000000", "", Fixture, "zeros pass Luhn"},
		{"4444444444444444", "", Fixture, "one digit repeated"},
		// Hard negatives.
		{"4111111111111112", "", BadCheckDigit, "test Visa, last digit changed"},
		{"41234567890120", "", BadFormat, "Visa prefix, 14 digits"},
		{"3005123456789014", "", BadFormat, "Diners prefix, 16 digits"},
		{"5064991234569", "", BadFormat, "Carnet prefix, 13 digits"},
		{"1234567890128", "", Unknown, "Luhn passes, no issuer starts with 1"},
		{"2721000000000004", "", Unknown, "just past Mastercard's 2-series"},
		{"2220000000000000", "", Unknown, "just before it"},
		{"9012345678904", "", Unknown, "Luhn passes, no issuer starts with 9"},
		{"002000000000000008", "", BadCheckDigit, "a CLABE"},
		{"72795608040", "", BadFormat, "an NSS: 11 digits"},
		{"5512345678", "", BadFormat, "a phone number"},
		{"PEGL890909MJCRMS08", "", BadFormat, "a CURP"},
		{"4111.1111.1111.1111", "", BadFormat, "dots are not card separators (amounts)"},
		{"41111111111111111111", "", BadFormat, "20 digits"},
		{"", "", BadFormat, "empty"},
	}
	for _, tt := range tests {
		brand, r := ParseCard(tt.in)
		if r != tt.want || brand != tt.brand {
			t.Errorf("ParseCard(%q) = %q, %v; want %q, %v (%s)", tt.in, brand, r, tt.brand, tt.want, tt.note)
		}
	}
}

// Every published test number must pass Luhn, or the Fixture list would
// never match (ParseCard checks Luhn first).
func TestCardFixturesPassLuhn(t *testing.T) {
	for n := range cardFixtures {
		if !Luhn(n) {
			t.Errorf("%s fails Luhn", n)
		}
		if brand, _ := cardBrand([]byte(n)); brand == "" {
			t.Errorf("%s has no brand", n)
		}
	}
}

func TestParseCardAllocs(t *testing.T) {
	for _, s := range []string{"4532015112830366", "4556 1700 0000 0019", "4111111111111111"} {
		if n := testing.AllocsPerRun(100, func() { ParseCard(s) }); n != 0 {
			t.Errorf("ParseCard(%q): %v allocations", s, n)
		}
	}
}

func BenchmarkParseCard(b *testing.B) {
	vals := []string{"4532015112830366", "5061991234567894", "376123456789011", "4111111111111112", "72795608040"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseCard(vals[i%len(vals)])
	}
}
