package synth

import "math/rand/v2"

// cat_unidades_medicas: the CLUES catalogue of health facilities, one row
// per unit. CLUES in a person's record is health_facility; a catalogue of
// units is not a person's record. Some units are named after physicians.
func buildCatUnidades(p *Pool, r *rand.Rand) *Table {
	fs := p.Facilities()
	t := &Table{
		Name:         "cat_unidades_medicas",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(fs),
		PrimaryKey:   []string{"clues"},
		Columns: []Column{
			col("clues", Char(11)),
			col("nombre_unidad", Varchar(120)),
			col("tipologia", Varchar(40)),
			col("institucion", Varchar(20)),
			col("municipio", Varchar(80)),
			col("entidad", Varchar(40)),
		},
	}
	t.Generate = func(yield func([]any) bool) {
		for _, f := range fs {
			if !yield([]any{f.CLUES, f.Name, f.Type, f.Institution, f.Municipality, f.StateName}) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
