package synth

import "math/rand/v2"

// cat_cie10: a catalogue of diagnoses, one row per code with its
// description. The taxonomy says a catalogue of diseases is not a finding:
// nothing here is about a person.
func buildCatCIE10(p *Pool, r *rand.Rand) *Table {
	dx := Diagnoses()
	t := &Table{
		Name:         "cat_cie10",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(dx),
		PrimaryKey:   []string{"clave"},
		Columns: []Column{
			col("clave", Varchar(6)),
			col("descripcion", Varchar(200)),
			col("capitulo", Varchar(6)),
		},
	}
	t.Generate = func(yield func([]any) bool) {
		for _, d := range dx {
			if !yield([]any{CIE10Display(d.Code, 0), d.Description, chapterOf(d.Code)}) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}

// chapterOf gives the CIE-10 chapter (Roman numeral) of a code.
func chapterOf(code string) string {
	c, n := code[0], int(code[1]-'0')*10+int(code[2]-'0')
	switch {
	case c == 'A' || c == 'B':
		return "I"
	case c == 'C' || c == 'D' && n < 50:
		return "II"
	case c == 'D':
		return "III"
	case c == 'E':
		return "IV"
	case c == 'F':
		return "V"
	case c == 'G':
		return "VI"
	case c == 'H' && n < 60:
		return "VII"
	case c == 'H':
		return "VIII"
	case c == 'I':
		return "IX"
	case c == 'J':
		return "X"
	case c == 'K':
		return "XI"
	case c == 'L':
		return "XII"
	case c == 'M':
		return "XIII"
	case c == 'N':
		return "XIV"
	case c == 'O':
		return "XV"
	case c == 'P':
		return "XVI"
	case c == 'Q':
		return "XVII"
	case c == 'R':
		return "XVIII"
	case c == 'S' || c == 'T':
		return "XIX"
	case c >= 'V' && c <= 'Y':
		return "XX"
	case c == 'Z':
		return "XXI"
	}
	return "XXII"
}
