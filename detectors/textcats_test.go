package detectors

import (
	"slices"
	"testing"

	"github.com/alcance-mx/alcance/taxonomy"
)

// Asking the free-text reader for some categories finds each of them
// exactly as a full read does: the ones not asked for are only not
// looked for.
func TestTextCatsFindWhatTheReaderFinds(t *testing.T) {
	texts := []string{
		"PACIENTE MARIA LOPEZ HERNANDEZ CURP LOHM800101MDFPRR09 REFIERE DIABETES TIPO 2",
		"SE ENTREVISTA A LA SRA XOCHITL CAUICH, TEL 55 1234 5678, CORREO xochitl.cauich@gmail.com",
		"DOMICILIO CALLE REFORMA 123 COL CENTRO C.P. 06000, NACIO EL 21/03/1963",
		"CP 06000 CALLE HIDALGO 45 NACIMIENTO: 21 DE MARZO DE 1963",
		"CP CALLE 5 DE MAYO 12 CP 44100",
		"NACIO EL CALLE JUAREZ S/N",
		"MADRE EN DIALISIS POR INSUFICIENCIA RENAL",
		"INE CAAMAL MAGDALENO JUAN.jpg",
		"HIPERTENSION ARTERIAL, ACUDE CON SU MADRE MARIA LOPEZ AL CENTRO DE SALUD",
		"sin datos",
		"",
	}
	for _, v := range texts {
		all := TextCategories(v, today)
		for _, cat := range append(textCats[:], taxonomy.RFC) {
			var got []string
			EachTextCategory(v, today, TextCatsOf(cat), func(c string) { got = append(got, c) })
			want := []string{}
			if slices.Contains(all, cat) {
				want = []string{cat}
			}
			if len(got) != len(want) || len(got) == 1 && got[0] != want[0] {
				t.Errorf("%q, only %s: found %v; everything: %v", v, cat, got, all)
			}
		}
		for _, pair := range [][]string{{taxonomy.PostalCode, taxonomy.HealthCondition}, {taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Email}} {
			var got []string
			EachTextCategory(v, today, TextCatsOf(pair...), func(c string) { got = append(got, c) })
			var want []string
			for _, c := range all {
				if slices.Contains(pair, c) {
					want = append(want, c)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%q, only %v: found %v, want %v", v, pair, got, want)
			}
		}
	}
}
