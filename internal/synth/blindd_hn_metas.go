package synth

import (
	"math/rand/v2"
	"strconv"
)

// metas_vacunacion_mpio: a state's vaccination goals and doses applied per
// municipality, vaccine and dose, as the programme reports them every
// month: counts and coverage, no child. Vaccination status in aggregate is
// about no one: a hard negative (doc.go).
func bdBuildMetasVacunacion(p *Pool, r *rand.Rand) *Table {
	loadPlaces()
	type row struct{ muni, vax int }
	var rows []row
	st := &states[between(r, 0, 31)]
	for _, m := range st.munis {
		for v := range bdGoalVaccines {
			rows = append(rows, row{m, v})
		}
	}
	t := &Table{
		Name:         "metas_vacunacion_mpio",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(rows),
		Columns: []Column{
			col("cve_mun", Char(5)),
			col("municipio", Varchar(80)),
			col("biologico", Varchar(30)),
			col("dosis", Varchar(10)),
			col("meta", Integer),
			col("aplicadas", Integer),
			col("cobertura_pct", Decimal(5, 1)),
			col("periodo", Char(7)),
		},
	}
	year := strconv.Itoa(p.Today().Year() - 1)
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, x := range rows {
			m := muniList[x.muni]
			v := bdGoalVaccines[x.vax]
			goal := int64(max(5, m.Population/between(r, 60, 120)))
			done := goal * int64(between(r, 55, 105)) / 100
			row := []any{m.StateKey + m.Key, plain(muniUpper[x.muni]), v[0], v[1], goal, done,
				float64(done*1000/goal) / 10, year + "-" + pick(r, []string{"06", "12"})}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var bdGoalVaccines = [][2]string{{"BCG", "UNICA"}, {"HEXAVALENTE", "PRIMERA"}, {"HEXAVALENTE", "CUARTA"}, {"SRP", "PRIMERA"},
	{"SRP", "SEGUNDA"}, {"NEUMOCOCICA", "REFUERZO"}, {"ROTAVIRUS", "SEGUNDA"}, {"VPH", "UNICA"}}
