package synth

import (
	"testing"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// Product keys look like CURPs and never validate; some are near misses
// that fail only on the check digit.
func TestProductCodesAreNotCURPs(t *testing.T) {
	c := corpus(t)
	reasons := map[validate.Reason]int{}
	for _, v := range column(t, mustTable(t, c, "cat_productos"), "clave") {
		s := v.(string)
		if len(s) != 18 {
			t.Fatalf("clave %q is not 18 characters", s)
		}
		for i, ch := range []byte(s) {
			letter := ch >= 'A' && ch <= 'Z'
			if (i < 4 || i >= 10 && i < 16) != letter {
				t.Fatalf("clave %q is not shaped 4 letters, 6 digits, 6 letters, 2 digits", s)
			}
		}
		_, why := validate.ParseCURP(s, c.Config.Today)
		if why == validate.OK {
			t.Errorf("product key %s validates as a CURP", s)
		}
		reasons[why]++
	}
	t.Logf("why product keys fail: %v", reasons)
	if reasons[validate.BadCheckDigit] == 0 {
		t.Error("no near misses that fail only on the check digit")
	}
}

// Supplier RFCs are company RFCs: 12 characters with a correct check character.
func TestCompanyRFCs(t *testing.T) {
	c := corpus(t)
	check := func(table, column string) {
		for _, v := range column2(t, c, table, column) {
			s := v.(string)
			if n := utf8.RuneCountInString(s); n != 12 {
				t.Fatalf("%s.%s: %q has %d characters", table, column, s, n)
			}
			rs := []rune(s)
			d, ok := validate.RFCCheckDigit(string(rs[:11]))
			if !ok || rune(d) != rs[11] {
				t.Errorf("%s.%s: %q check character, want %c", table, column, s, d)
			}
		}
	}
	check("proveedores", "rfc")
	check("facturas", "rfc_emisor")
}

func column2(t *testing.T, c *Corpus, table, col string) []any {
	return column(t, mustTable(t, c, table), col)
}

// No hard-negative table holds a value that validates as a CURP anywhere,
// and the ground truth labels none of their columns.
func TestHardNegativesHoldNoCURPs(t *testing.T) {
	c := corpus(t)
	l := c.Labels()
	for k, tb := range c.Tables {
		if !tb.HardNegative {
			continue
		}
		if len(tb.Persons) > 0 || l.Tables[k].Persons != 0 {
			t.Errorf("%s: hard negative with persons", tb.Name)
		}
		for col, cats := range l.Tables[k].Columns {
			if len(cats) != 0 {
				t.Errorf("%s.%s labelled %v", tb.Name, col, cats)
			}
		}
		tb.Generate(func(r []any) bool {
			for i, v := range r {
				if s, ok := v.(string); ok {
					if _, why := validate.ParseCURP(s, c.Config.Today); why == validate.OK {
						t.Errorf("%s.%s: %q is a valid CURP", tb.Name, tb.Columns[i].Name, s)
					}
				}
			}
			return true
		})
	}
}
