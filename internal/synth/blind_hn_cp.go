package synth

import (
	"fmt"
	"math/rand/v2"
)

// cat_codigos_postales (hard negative): a postal-code catalogue shaped like
// SEPOMEX's (d_codigo, d_asenta, d_tipo_asenta, D_mnpio, d_estado,
// d_ciudad, d_CP, c_estado, c_mnpio, id_asenta_cpcons, d_zona). No real
// catalogue is copied: codes are generated from the state prefixes of
// docs/mexico-identifiers.md §6.1, clustered per municipality. It lists
// places, not anyone's address, so every column is labelled none, even
// though d_codigo holds valid postal codes and d_asenta settlements named
// after people (EMILIANO ZAPATA, BENITO JUAREZ).

var blSettlementKinds = []string{"Colonia", "Colonia", "Colonia", "Fraccionamiento", "Barrio", "Pueblo",
	"Ejido", "Unidad habitacional", "Ranchería", "Conjunto habitacional"}

var blExtraSettlements = []string{"LÁZARO CÁRDENAS", "EMILIANO ZAPATA", "FRANCISCO VILLA", "BENITO JUÁREZ",
	"VICENTE GUERRERO", "SOLIDARIDAD", "ANTORCHA POPULAR", "LAS HADAS", "ARBOLEDAS", "EL SALITRE",
	"PLAN DE AYALA", "LOMAS DEL CARMEN", "SAN JUAN BAUTISTA", "NIÑOS HÉROES"}

func blBuildHNCodigosPostales(p *Pool, r *rand.Rand) *Table {
	loadPlaces()
	loadStatic()
	n := scaled(p.Len(), 1, 12, 150, 40000)
	seed := r.Uint64()
	cols := []Column{
		col("d_codigo", Char(5)),
		col("d_asenta", Varchar(60)),
		col("d_tipo_asenta", Varchar(25)),
		col("D_mnpio", Varchar(60)),
		col("d_estado", Varchar(40)),
		col("d_ciudad", Varchar(60)),
		col("d_CP", Char(5)),
		col("c_estado", Char(2)),
		col("c_mnpio", Char(3)),
		col("id_asenta_cpcons", Char(4)),
		col("d_zona", Varchar(6)),
	}
	return &Table{
		Name: "cat_codigos_postales", Style: "postal-code-catalogue", HardNegative: true, Columns: cols, Rows: n,
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for range n {
				m := muniW.pick(rr)
				st := &states[muniState(m)]
				code := cpString(postalCode(rr, m))
				name := pick(rr, colonias)
				if chance(rr, 300) {
					name = pick(rr, blExtraSettlements)
				}
				kind := pick(rr, blSettlementKinds)
				zone := "Urbano"
				var city any = muniList[m].Name
				if kind == "Ejido" || kind == "Ranchería" || kind == "Pueblo" || chance(rr, 150) {
					zone, city = "Rural", nil
				}
				row := []any{
					code, titleCase(name), kind, muniList[m].Name, st.Name, city,
					code[:3] + "01", st.Key, muniList[m].Key, fmt.Sprintf("%04d", rr.IntN(3000)+1), zone,
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
