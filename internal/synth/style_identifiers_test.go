package synth

import (
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// The homoclave reproduces the SAT's published example (reference §2.2),
// and a whole RFC built from it carries the published check character.
func TestRFCHomoclaveSATExample(t *testing.T) {
	if h := rfcHomoclave("GOMEZ DIAZ EMMA"); h != "GR" {
		t.Fatalf("homoclave of GOMEZ DIAZ EMMA: %s, want GR", h)
	}
	if h := rfcHomoclave("Gómez  Díaz Emma"); h != "GR" {
		t.Errorf("homoclave ignores accents and spacing: got %s", h)
	}
	body := "GODE561231" + rfcHomoclave("GOMEZ DIAZ EMMA")
	d, ok := validate.RFCCheckDigit(body)
	if !ok || body+string(d) != "GODE561231GR8" {
		t.Errorf("RFC %s%c, want GODE561231GR8", body, d)
	}
}

// RFC letters keep the surname's vowel where the CURP list replaced it,
// and apply the RFC list's own rule (last letter to X).
func TestRFCLettersInconvenientWords(t *testing.T) {
	for _, c := range []struct {
		paterno, materno, nombre, want string
	}{
		{"PEDRERO", "DOMINGUEZ", "OFELIA", "PEDX"}, // CURP PXDO; PEDO is on the RFC list
		{"BARRERA", "CASTRO", "ANA", "BACA"},       // CURP BXCA; BACA is not on the RFC list
		{"CUEVAS", "LOPEZ", "ORTENSIA", "CULX"},    // CULO on both lists
		{"GOMEZ", "DIAZ", "EMMA", "GODE"},
		{"DE LA CRUZ", "PEREZ", "JUAN", "CUPJ"},
	} {
		key := validate.CURPNameKey(c.paterno, c.materno, c.nombre)
		ps := Person{Paterno: c.paterno, Materno: c.materno, Nombre: c.nombre,
			CURP: key[:4] + "800101HDF" + key[4:] + "00"}
		if got := rfcLetters(ps); got != c.want {
			t.Errorf("%s %s %s: RFC letters %s (CURP %s), want %s", c.paterno, c.materno, c.nombre, got, key[:4], c.want)
		}
	}
}

func TestIdentifierHelpers(t *testing.T) {
	r := newRand(1, "test/identifiers")
	today := DefaultToday
	for range 2000 {
		if s := personCLABE(r); validate.ParseCLABE(s) != validate.OK {
			t.Fatalf("CLABE %s does not validate", s)
		}
		c := cardNumber(r)
		if brand, why := validate.ParseCard(c); why != validate.OK || len(c) != 16 {
			t.Fatalf("card %s: %s %v", c, brand, why)
		}
		if m := maskCard(c); len(m) != 16 || !strings.Contains(m, "********") {
			t.Fatalf("masked %q", m)
		} else if _, why := validate.ParseCard(m); why == validate.OK {
			t.Fatalf("masked card %s validates", m)
		}
		birth := time.Date(between(r, 1950, 2008), time.Month(between(r, 1, 12)), between(r, 1, 28), 0, 0, 0, 0, time.UTC)
		n := personNSS(r, birth, today)
		nss, why := validate.ParseNSS(n, today)
		if why != validate.OK || nss.BirthYear != birth.Year()%100 {
			t.Fatalf("NSS %s for birth %d: %v", n, birth.Year(), why)
		}
		for _, s := range []string{monthNameDate(birth, "/", false), monthNameDate(birth, "-", true),
			spanishLongDate(birth, false), spanishLongDate(birth, true), ddmmyy(birth)} {
			got, _, ok := validate.ParseDate(s, today)
			if !ok || !got.Equal(birth) {
				t.Fatalf("%q reads as %v %v, want %v", s, got, ok, birth)
			}
		}
		got, f, ok := validate.ParseDateNumber(itoa(int(excelSerial(birth))), today)
		if !ok || f != validate.DateExcelSerial || !got.Equal(birth) {
			t.Fatalf("serial %d reads as %v %v", excelSerial(birth), got, f)
		}
	}
	if s := excelSerial(time.Date(1963, 3, 21, 0, 0, 0, 0, time.UTC)); s != 23091 {
		t.Errorf("Excel serial of 1963-03-21: %d, want 23091 (reference §8)", s)
	}
	for _, s := range dateSentinels {
		if _, _, ok := validate.ParseDate(s, today); ok || !validate.IsSentinelDate(s) {
			t.Errorf("sentinel %q reads as a date", s)
		}
	}
	if _, why := validate.ParseCURP(curpFixture, today); why == validate.OK {
		t.Error("the CURP fixture validates")
	}
	if _, why := validate.ParseRFC(genericRFC); why == validate.OK {
		t.Error("the generic RFC validates")
	}
}
