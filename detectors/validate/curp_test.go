package validate

import (
	"testing"
	"time"
)

var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

func TestParseCURP(t *testing.T) {
	tests := []struct {
		in   string
		want Reason
		note string
	}{
		// Published vectors (docs/mexico-identifiers.md §1.8).
		{"BOXW310820HNERXN09", OK, "NE, born abroad, 1931"},
		{"HEGG560427MVZRRL04", OK, "python-stdnum"},
		{"BEML920313HMCLNS09", OK, "python-stdnum"},
		{"PEGL890909MJCRMS08", OK, "python-stdnum"},
		{"SABC560626MDFLRN01", OK, "sanjacob/curp"},
		{"PEGJ900512HJCRRS04", OK, "python-rfcmx"},
		{"AAPR630321HDFLRC09", OK, "Instructivo hypothetical"},
		// Synthetic vectors exercising each rule.
		{"EAAF030715MJCSRRA0", OK, "letter differentiator after 2000; check digit 10 -> 0"},
		{"SIXJ851102HNEMXH07", OK, "no second surname"},
		{"PXDO700509MVZDMF03", OK, "PEDO replaced by PXDO"},
		{"XARA010130HOCNDLA3", OK, "initial Ñ -> X"},
		{"MOSA581201MPLRNN03", OK, "MA. DE LOS skip"},
		{"LUTA900214XJCNRL04", OK, "sex X (non-binary)"},
		{" pegl890909mjcrms08 ", OK, "case and spaces"},
		{"PEGL-890909-MJCRMS-08", OK, "dashes"},
		// Negatives.
		{"OEAF771012HMCRGR09", BadCheckDigit, "famous fixture with a wrong digit"},
		{"OEAF771012HMCRGR08", Fixture, "the fixture with its right digit"},
		{"BACA890909MJCRMS05", Inconvenient, "blacklisted prefix"},
		{"PEGL891313MJCRMS06", BadDate, "month 13"},
		{"PEGL890230MJCRMS06", BadDate, "30 February"},
		{"PEGL890909MQQRMS02", BadState, "QQ is no state"},
		{"PEGL890909MCXRMS02", BadState, "CX (CDMX) is not a CURP code"},
		{"PEGL890909MJCRMS09", BadCheckDigit, "wrong check digit"},
		{"TOMA880125HMNRRNO2", FutureDate, "letter O: born 2088"},
		{"PEGL890909KJCRMS08", BadFormat, "sex K"},
		{"PBGL890909MJCRMS08", BadFormat, "position 2 must be a vowel or X"},
		{"PEGL890909MJCAMS08", BadFormat, "vowel at position 14"},
		{"PEGL890909MJCRMS0", BadFormat, "17 characters"},
		{"ABC1234567890XYZ12", BadFormat, "product code"},
		{"SIN CURP", BadFormat, "placeholder"},
		{"XXXXXXXXXXXXXXXXXX", BadFormat, "placeholder"},
		{"", BadFormat, "empty"},
	}
	for _, tt := range tests {
		got, r := ParseCURP(tt.in, today)
		if r != tt.want {
			t.Errorf("ParseCURP(%q) = %v, want %v (%s)", tt.in, r, tt.want, tt.note)
			continue
		}
		if r == OK && (len(got.Value) != 18 || got.NameKey != got.Value[:4]+got.Value[13:16]) {
			t.Errorf("ParseCURP(%q) = %+v: bad fields", tt.in, got)
		}
	}
}

func TestParseCURPFields(t *testing.T) {
	c, r := ParseCURP("EAAF030715MJCSRRA0", today)
	if r != OK {
		t.Fatal(r)
	}
	if !c.Birth.Equal(time.Date(2003, 7, 15, 0, 0, 0, 0, time.UTC)) || c.Sex != 'M' || c.State != "JC" {
		t.Errorf("got %+v", c)
	}
	c, _ = ParseCURP("BOXW310820HNERXN09", today)
	if c.Birth.Year() != 1931 || c.Sex != 'H' || c.State != "NE" {
		t.Errorf("got %+v", c)
	}
	// A letter differentiator and a date after the reference day: rejected
	// against an older reference day, accepted later.
	if _, r := ParseCURP("EAAF030715MJCSRRA0", time.Date(2003, 7, 14, 0, 0, 0, 0, time.UTC)); r != FutureDate {
		t.Errorf("born the day after the reference: got %v", r)
	}
}

func TestCURPCheckDigit(t *testing.T) {
	for _, tt := range []struct{ first17, want string }{
		{"SABC560626MDFLRN0", "1"},
		{"PEGJ900512HJCRRS0", "4"},
		{"EAAF030715MJCSRRA", "0"}, // sum % 10 == 0: the 10 -> 0 case
		{"OEAF771012HMCRGR0", "8"},
	} {
		d, ok := CURPCheckDigit(tt.first17)
		if !ok || string(d) != tt.want {
			t.Errorf("CURPCheckDigit(%q) = %q, %v; want %q", tt.first17, d, ok, tt.want)
		}
	}
	if _, ok := CURPCheckDigit("SABC560626MDFLRN"); ok {
		t.Error("16 characters accepted")
	}
	if _, ok := CURPCheckDigit("SABC560626MDFLRN-"); ok {
		t.Error("a dash accepted")
	}
}

func TestCURPNameKey(t *testing.T) {
	tests := []struct{ paterno, materno, nombre, want string }{
		{"ESCAMILLA", "ARROYO", "MARIA FERNANDA", "EAAFSRR"},
		{"SMITH", "", "JOHN", "SIXJMXH"},
		{"PEDRERO", "DOMINGUEZ", "OFELIA", "PXDODMF"},
		{"ÑANDO", "RODRIGUEZ", "ALBERTO", "XARANDL"},
		{"MORENO", "SANCHEZ", "MA. DE LOS ANGELES", "MOSARNN"},
		{"Luna", "Torres", "Alex", "LUTANRL"},
		{"Hernández", "García", "Gloria", "HEGGRRL"},
		{"DE LA CRUZ", "MC GREGOR", "JOSÉ LUIS", "CUGLRRS"},
		{"OÑATE", "DEL RÍO", "JOSÉ", "OARJXXS"},
		{"ICH", "ROMO", "ANA", "IXRACMN"},
		{"GOMEZ", "DIAZ", "MARIA", "GODMMZR"},
		{"MUÃ‘OZ", "LÓPEZ", "José", "MULJXPS"}, // mojibake Ñ
	}
	for _, tt := range tests {
		if got := CURPNameKey(tt.paterno, tt.materno, tt.nombre); got != tt.want {
			t.Errorf("CURPNameKey(%q, %q, %q) = %q, want %q", tt.paterno, tt.materno, tt.nombre, got, tt.want)
		}
	}
}

func BenchmarkParseCURP(b *testing.B) {
	vals := []string{"HEGG560427MVZRRL04", "BEML920313HMCLNS09", "PEGL890909MJCRMS09", "ABC1234567890XYZ12"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseCURP(vals[i%len(vals)], today)
	}
}

func TestGenericCURPIsPlaceholder(t *testing.T) {
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"XEXX010101HNEXXXA4", "XEXX010101MNEXXXA4", "xexx010101hnexxxa4", "XAXX010101HNEXXXA2"} {
		if _, r := ParseCURP(s, today); r != Placeholder {
			t.Errorf("%s: %v, want placeholder", s, r)
		}
		if !IsPlaceholder(s) {
			t.Errorf("IsPlaceholder(%s) = false", s)
		}
	}
	// Hard negatives: a real-looking CURP of someone born abroad on 1 Jan
	// 2001, and one whose name letters are not the generic ones.
	for _, s := range []string{"GOMC010101HNEMRRA1", "XEXA010101HNEXXXA"} {
		d, _ := CURPCheckDigit(s[:17])
		v := s[:17] + string(d)
		if IsGenericCURP(v) || IsPlaceholder(v) {
			t.Errorf("%s taken for a generic CURP", v)
		}
	}
}

func TestFindCURP(t *testing.T) {
	const c = "HEGG560427MVZRRL04"
	for _, s := range []string{c, "Registro " + c + " actualizado", c + " JUAN", "<persona><curp>" + c + "</curp></persona>",
		"{" + c + ",\"JUAN PEREZ\"}", "curp:" + c + ";", "registro hegg560427mvzrrl04 ok"} {
		got, ok := FindCURP(s, today)
		if !ok || got.Value != c {
			t.Errorf("FindCURP(%q) = %v, %v", s, got.Value, ok)
		}
	}
	// Hard negatives: a wrong check digit, a CURP glued to more letters or
	// digits (a longer token is something else), the generic placeholder.
	for _, s := range []string{"Registro HEGG560427MVZRRL05 actualizado", "XHEGG560427MVZRRL04", c + "1",
		"folio 123456789012345678", "XEXX010101HNEXXXA4"} {
		if got, ok := FindCURP(s, today); ok {
			t.Errorf("FindCURP(%q) found %s", s, got.Value)
		}
	}
}
