package synth

import (
	"math/rand/v2"
	"strings"
)

// EST_SALUD_MUNICIPAL_2020 is a hard negative: health statistics
// aggregated by municipality, one row per municipality of the INEGI
// catalogue, with population counts, people entitled to each scheme,
// diabetes and hypertension case counts, deaths and births. The columns
// are named after health enrollment and conditions and the counts have
// four to six digits like postal codes, but no row is about a person: an
// aggregate is not a person's data (taxonomy: a table with a row per
// person or per case is; this one has a row per municipality). Every
// column is labelled [].
func bcBuildEstadistica(p *Pool, r *rand.Rand) *Table {
	loadPlaces()
	t := &Table{Name: "EST_SALUD_MUNICIPAL_2020", Style: "hardneg-municipal-aggregates", HardNegative: true}
	t.PrimaryKey = []string{"CVE_ENT", "CVE_MUN"}
	t.ForeignKeys = []ForeignKey{municipalityRef("CVE_ENT", "CVE_MUN")}
	t.Columns = []Column{
		col("CVE_ENT", Char(2)),
		col("NOM_ENT", Varchar(40)),
		col("CVE_MUN", Char(3)),
		col("NOM_MUN", Varchar(80)),
		col("POB_TOTAL", Integer),
		col("POB_HOMBRES", Integer),
		col("POB_MUJERES", Integer),
		col("POB_0_14", Integer),
		col("POB_65_MAS", Integer),
		col("DERECHOHAB_IMSS", Integer),
		col("DERECHOHAB_ISSSTE", Integer),
		col("DERECHOHAB_IMSS_BIENESTAR", Integer),
		col("SIN_DERECHOHAB", Integer),
		col("CASOS_DIABETES", Integer),
		col("CASOS_HIPERTENSION", Integer),
		col("DEFUNCIONES", Integer),
		col("NACIMIENTOS", Integer),
		col("TASA_MORT_1000", Decimal(6, 2)),
		col("UNIDADES_MEDICAS", Integer),
		col("MEDICOS_X_1000", Decimal(6, 2)),
	}
	t.Rows = len(muniList)
	seed := r.Uint64()
	share := func(rr *rand.Rand, n, lo, hi int) int { return n * between(rr, lo, hi) / 1000 }
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for i, m := range muniList {
			st := states[muniState(i)]
			pop := max(m.Population, 100)
			men := share(rr, pop, 470, 500)
			imss := share(rr, pop, 150, 450)
			issste := share(rr, pop, 20, 90)
			bien := share(rr, pop, 100, 400)
			deaths := share(rr, pop, 5, 9)
			row := []any{
				st.Key, strings.ToUpper(st.Name), m.Key, strings.ToUpper(m.Name),
				int64(pop), int64(men), int64(pop - men), int64(share(rr, pop, 220, 320)), int64(share(rr, pop, 60, 120)),
				int64(imss), int64(issste), int64(bien), int64(max(0, pop-imss-issste-bien)),
				int64(share(rr, pop, 80, 130)), int64(share(rr, pop, 150, 220)), int64(deaths), int64(share(rr, pop, 12, 19)),
				float64(deaths*100000/pop) / 100, int64(1 + pop/between(rr, 3000, 9000)), float64(between(rr, 30, 280)) / 100,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
