package synth

import (
	"math/rand/v2"
	"strings"
)

// cat_municipios: INEGI's municipalities with their state and population.
// Places are not addresses.
func buildCatMunicipios(p *Pool, r *rand.Rand) *Table {
	loadPlaces()
	t := &Table{
		Name:         "cat_municipios",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(muniList),
		PrimaryKey:   []string{"cve_ent", "cve_mun"},
		Columns: []Column{
			col("cve_ent", Char(2)),
			col("cve_mun", Char(3)),
			col("nom_mun", Varchar(80)),
			col("nom_ent", Varchar(40)),
			col("poblacion", Integer),
		},
	}
	t.Generate = func(yield func([]any) bool) {
		for i, m := range muniList {
			st := states[muniState(i)]
			if !yield([]any{m.StateKey, m.Key, strings.ToUpper(m.Name), st.Name, int64(m.Population)}) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
