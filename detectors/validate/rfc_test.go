package validate

import "testing"

func TestParseRFC(t *testing.T) {
	tests := []struct {
		in      string
		want    Reason
		value   string
		person  bool
		checkOK bool
		note    string
	}{
		// §2.3 table, recomputed in the reference.
		{"GODE561231GR8", OK, "GODE561231GR8", true, true, "SAT example, Emma Gómez Díaz"},
		{"MAB9307148T4", OK, "MAB9307148T4", false, true, "company"},
		{"AAA390128530", OK, "AAA390128530", false, true, "company"},
		{"&&&030828PX7", OK, "&&&030828PX7", false, true, "& in the name part"},
		{"AEL7407151YA", OK, "AEL7407151YA", false, true, "check character A"},
		{"MUÑ110218LJ6", OK, "MUÑ110218LJ6", false, true, "Ñ in a company name part"},
		{"VACE460910SX6", OK, "VACE460910SX6", true, false, "real RFC failing the check: soft"},
		{"SIN9311169P8", OK, "SIN9311169P8", false, false, "real company RFC failing the check"},
		{"JUMM420313PA9", OK, "JUMM420313PA9", true, false, "pyfiscal fixture failing the check"},
		// Normalisation (python-stdnum's compact: spaces, dashes, underscores).
		{"GODE 561231 GR8", OK, "GODE561231GR8", true, true, "spaces"},
		{"MAB-930714-8T4", OK, "MAB9307148T4", false, true, "dashes"},
		{" gode_561231_gr8 ", OK, "GODE561231GR8", true, true, "lower case, underscores, padding"},
		{"muñ110218lj6", OK, "MUÑ110218LJ6", false, true, "lower-case ñ"},
		{"MUÃ‘110218LJ6", OK, "MUÑ110218LJ6", false, true, "mojibake Ñ"},
		{"COMG600703", OK, "COMG600703", true, false, "legacy form without homoclave"},
		{"GODE000229GR8", OK, "GODE000229GR8", true, false, "29 Feb 2000: a date in some century"},
		// Generic RFCs and inconvenient words.
		{"XAXX010101000", Fixture, "", false, false, "público en general (fails the check)"},
		{"XEXX010101000", Fixture, "", false, false, "foreign customers (passes the check)"},
		{"xaxx-010101-000", Fixture, "", false, false, "generic, written loosely"},
		{"PEDO700509AB1", Inconvenient, "", false, false, "SAT would have written PEDX"},
		{"CACA010203AB1", Inconvenient, "", false, false, "inconvenient word"},
		{"PED700509AB1", OK, "PED700509AB1", false, false, "the list applies to persons only"},
		{"BACA890909AB1", OK, "BACA890909AB1", true, false, "on the CURP list, not the RFC list"},
		// Hard negatives.
		{"GODE561331GR8", BadDate, "", false, false, "month 13"},
		{"GODE560230GR8", BadDate, "", false, false, "30 February"},
		{"GODE010229GR8", BadDate, "", false, false, "29 Feb in 1901 and 2001"},
		{"SKU123456AB1", BadDate, "", false, false, "product code shaped like a company RFC"},
		{"GODE561231OR8", BadFormat, "", false, false, "O in the homoclave"},
		{"GODE5612310R8", BadFormat, "", false, false, "0 in the homoclave"},
		{"GODE561231GRB", BadFormat, "", false, false, "check character B"},
		{"G0DE561231GR8", BadFormat, "", false, false, "digit in the name part"},
		{"GODE561231GR", BadFormat, "", false, false, "homoclave cut short: 4 letters + 8"},
		{"GODE561231GR88", BadFormat, "", false, false, "14 characters"},
		{"GODE56123", BadFormat, "", false, false, "9 characters"},
		{"PEGL890909MJCRMS08", BadFormat, "", false, false, "a CURP"},
		{"2023-01-15", BadFormat, "", false, false, "invoice date"},
		{"$1,234,567.00", BadFormat, "", false, false, "amount"},
		{"GODE.561231.GR8", BadFormat, "", false, false, "dots are not RFC separators"},
		{"", BadFormat, "", false, false, "empty"},
	}
	for _, tt := range tests {
		got, r := ParseRFC(tt.in)
		if r != tt.want {
			t.Errorf("ParseRFC(%q) = %v, want %v (%s)", tt.in, r, tt.want, tt.note)
			continue
		}
		if r != OK {
			if got != (RFC{}) {
				t.Errorf("ParseRFC(%q) = %+v with reason %v", tt.in, got, r)
			}
			continue
		}
		if got.Value != tt.value || got.Person != tt.person || got.CheckOK != tt.checkOK {
			t.Errorf("ParseRFC(%q) = %+v, want value %q person %v checkOK %v (%s)",
				tt.in, got, tt.value, tt.person, tt.checkOK, tt.note)
		}
	}
}

func TestParseRFCDate(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"GODE561231GR8", "561231"}, {"MAB9307148T4", "930714"},
		{"MUÑ110218LJ6", "110218"}, {"COMG600703", "600703"},
	} {
		got, r := ParseRFC(tt.in)
		if r != OK || got.YYMMDD != tt.want {
			t.Errorf("ParseRFC(%q) = %+v, %v; want YYMMDD %q", tt.in, got, r, tt.want)
		}
	}
}

// The inconvenient list is python-stdnum's, copied as data: 41 words, all
// four letters.
func TestRFCInconvenientList(t *testing.T) {
	if len(rfcInconvenient) != 41 {
		t.Errorf("%d words, want 41", len(rfcInconvenient))
	}
	for w := range rfcInconvenient {
		if len(w) != 4 {
			t.Errorf("%q is not four letters", w)
		}
	}
}

// ParseRFC must not copy canonical values: it runs on every value of a
// sampled column.
func TestParseRFCAllocs(t *testing.T) {
	for _, s := range []string{"GODE561231GR8", "MUÑ110218LJ6", "VACE460910SX6", "SKU123456AB1"} {
		if n := testing.AllocsPerRun(100, func() { ParseRFC(s) }); n != 0 {
			t.Errorf("ParseRFC(%q): %v allocations", s, n)
		}
	}
}

func BenchmarkParseRFC(b *testing.B) {
	vals := []string{"GODE561231GR8", "MAB9307148T4", "VACE460910SX6", "MUÑ110218LJ6", "SKU123456AB1"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseRFC(vals[i%len(vals)])
	}
}

func TestRFCZeroInHomoclave(t *testing.T) {
	// A 0 in the homoclave is outside the SAT alphabet, yet RFCs with one
	// and a correct check character exist: the check decides.
	body := "GODE561231G0"
	c, _ := RFCCheckDigit(body)
	good := body + string(c)
	if r, reason := ParseRFC(good); reason != Implausible || !r.CheckOK || !r.Person || r.Value != good {
		t.Errorf("%s: %v (%+v), want implausible with its fields", good, reason, r)
	}
	wrong := byte('0')
	if c == '0' {
		wrong = '1'
	}
	if _, reason := ParseRFC(body + string(wrong)); reason != BadFormat {
		t.Errorf("%s: %v, want wrong format (0 in homoclave and wrong check)", body+string(wrong), reason)
	}
	// O is still never a homoclave character.
	if _, reason := ParseRFC("GODE561231GO8"); reason != BadFormat {
		t.Errorf("O in homoclave accepted: %v", reason)
	}
}
