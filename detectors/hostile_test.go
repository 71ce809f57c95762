package detectors

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/alcance-mx/alcance/detectors/mask"
	"github.com/alcance-mx/alcance/taxonomy"
)

func randomBytes(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return string(b)
}

// Random binary in a text column is not text: it must not read as names,
// addresses or diagnoses, and no example may carry its bytes (issue 13).
func TestBinaryIsNotText(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	ps := people(300, 8)
	blob := text("contenido", func(i int, _ person) string { return randomBytes(r, 64+r.IntN(2000)) })
	one := text("notas", func(i int, _ person) string {
		if i == 0 {
			return randomBytes(r, 256<<10)
		}
		return ""
	})
	tbl := table("adjuntos", ps, text("folio", func(i int, _ person) string { return "F" + strings.Repeat("0", i%3) }), blob, one)
	if got := found(tbl); len(got) > 0 {
		t.Errorf("binary read as %v", got)
	}
	for _, v := range []string{"JUAN PEREZ", "Dolor abdominal, náusea", "CALLE 5 DE MAYO #12\tCOL. CENTRO\n", "ÑANDÚ"} {
		if binaryLooking(v) {
			t.Errorf("%q taken for binary", v)
		}
	}
	if !binaryLooking("abc\x00def") || !binaryLooking(randomBytes(r, 300)) {
		t.Error("binary not recognised")
	}
}

func TestExamplesShortAndPrintable(t *testing.T) {
	long := strings.Repeat("PACIENTE CON DIABETES MELLITUS TIPO 2 ", 40) + "\x1b[2J\x07"
	for _, cat := range []string{taxonomy.HealthCondition, taxonomy.PersonName, taxonomy.Address, taxonomy.CURP} {
		e := mask.Value(cat, long)
		if n := len([]rune(e)); n > mask.MaxExample+1 {
			t.Errorf("%s example has %d characters", cat, n)
		}
		for _, r := range e {
			if r != ' ' && !unicode.IsPrint(r) {
				t.Errorf("%s example holds %q", cat, r)
			}
		}
	}
}

// A valid CURP is its own evidence, with or without the word CURP around
// it (issue 13).
func TestCURPInsideText(t *testing.T) {
	ps := people(500, 13)
	shapes := map[string]func(i int, p person) string{
		"bitacora":  func(_ int, p person) string { return "Registro " + p.curp + " actualizado" },
		"clave_nom": func(_ int, p person) string { return p.curp + " " + strings.Fields(p.nombre)[0] },
		"xml":       func(_ int, p person) string { return "<persona><curp>" + p.curp + "</curp></persona>" },
		"arreglo":   func(_ int, p person) string { return "{" + p.curp + ",\"" + p.nombre + "\"}" },
	}
	for name, f := range shapes {
		tbl := table("eventos", ps, text(name, f))
		res := Classify(tbl, Options{Today: today})
		var k *Finding
		for i := range res.Findings[0] {
			if res.Findings[0][i].Category == taxonomy.CURP {
				k = &res.Findings[0][i]
			}
		}
		if k == nil {
			t.Errorf("%s: CURP not found (%v)", name, found(tbl))
			continue
		}
		if k.Rows.Count() != 500 || k.Confidence < 0.9 {
			t.Errorf("%s: %d rows, confidence %.2f", name, k.Rows.Count(), k.Confidence)
		}
		if !hasString(k.Evidence, EvFreeText) {
			t.Errorf("%s: evidence %v lacks free_text (the value is not the CURP)", name, k.Evidence)
		}
	}
	// Hard negative: 18-character tokens that are not CURPs.
	tbl := table("eventos", ps, text("bitacora", func(i int, p person) string {
		bad := []byte(p.curp)
		bad[17] = '0' + (bad[17]-'0'+1)%10
		return "Registro " + string(bad) + " actualizado"
	}))
	if got := found(tbl); len(got) > 0 {
		t.Errorf("wrong check digits read as %v", got)
	}
}

func hasString(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
