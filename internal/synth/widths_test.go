package synth

import (
	"testing"
	"unicode/utf8"
)

// TestValuesFitTheirColumns: every text value of every style set fits its
// declared CHAR/VARCHAR size, which PostgreSQL and MariaDB enforce and
// SQLite does not, so a too-long value would only fail on a server.
func TestValuesFitTheirColumns(t *testing.T) {
	sets := map[string][]Style{"default": DefaultStyles(), "eval": EvalStyles(), "blind": BlindStyles(), "blindc": BlindStylesC(),
		"institutions": InstitutionStyles(), "r4": TuningStylesR4(), "blindd": BlindStylesD()}
	for name, styles := range sets {
		c, err := Generate(Config{Seed: 13, Persons: 3000, Styles: styles})
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range c.Tables {
			tb.Generate(func(row []any) bool {
				for i, v := range row {
					col := tb.Columns[i]
					s, ok := v.(string)
					if !ok || col.Type.Size == 0 || !col.Type.IsText() {
						continue
					}
					if n := utf8.RuneCountInString(s); n > col.Type.Size {
						t.Errorf("%s: %s.%s: %q has %d characters, the column %s", name, tb.Name, col.Name, s, n, col.Type.SQL())
						return false
					}
				}
				return true
			})
		}
	}
}
