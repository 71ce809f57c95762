package synth

import (
	"math/rand/v2"
	"strings"
)

// VIALIDADES_MPIO is a hard negative: a municipal public-works catalogue
// of street segments in a few municipalities: street type and name (many
// named after people: BENITO JUAREZ, LAZARO CARDENAS), the colonia, its
// postal code, the cross streets, length, lanes and paving. It looks like
// addresses and postal codes, but it lists streets, not where anyone
// lives (taxonomy: addresses and postal codes of people); every column is
// labelled [].
func bcBuildVialidades(p *Pool, r *rand.Rand) *Table {
	type segment struct {
		muni          int
		stype, street string
		colonia       string
		cp            int32
		cross1        string
		cross2        string
	}
	loadPlaces()
	loadStatic()
	t := &Table{Name: "VIALIDADES_MPIO", Style: "hardneg-street-catalogue", HardNegative: true}
	t.PrimaryKey = []string{"ID_VIAL"}
	t.ForeignKeys = []ForeignKey{municipalityRef("CVE_ENT", "CVE_MUN")}
	var segs []segment
	for range 3 + p.Len()/50000 {
		m := muniW.pick(r)
		cols := make([]string, between(r, 4, 9))
		cps := make([]int32, len(cols))
		for i := range cols {
			cols[i] = pick(r, settlementTypes) + " " + pick(r, colonias)
			cps[i] = postalCode(r, m)
		}
		for _, s := range streetNames {
			if !chance(r, 600) {
				continue
			}
			stype := streetTypeLong[streetTypeW.pick(r)]
			if numberedStreet(s) {
				stype = "CALLE"
			}
			for range between(r, 1, 3) {
				c := r.IntN(len(cols))
				segs = append(segs, segment{muni: m, stype: stype, street: s, colonia: cols[c], cp: cps[c],
					cross1: pick(r, streetNames), cross2: pick(r, streetNames)})
			}
		}
	}
	t.Columns = []Column{
		col("ID_VIAL", Integer),
		col("CVE_ENT", Char(2)),
		col("CVE_MUN", Char(3)),
		col("NOM_MUN", Varchar(80)),
		col("TIPO_VIAL", Varchar(15)),
		col("NOM_VIAL", Varchar(60)),
		col("COLONIA", Varchar(70)),
		col("CP", Char(5)),
		col("ENTRE_CALLE_1", Varchar(60)),
		col("ENTRE_CALLE_2", Varchar(60)),
		col("LONG_M", Decimal(8, 2)),
		col("CARRILES", Integer),
		col("PAVIMENTO", Varchar(15)),
		col("SENTIDO", Varchar(16)),
		col("ALUMBRADO", Char(1)),
	}
	t.Rows = len(segs)
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, s := range segs {
			m := muniList[s.muni]
			row := []any{int64(k + 1), m.StateKey, m.Key, strings.ToUpper(plain(m.Name)), s.stype, s.street, s.colonia,
				cpString(s.cp), s.cross1, s.cross2, money(between(rr, 4000, 180000)), int64(between(rr, 1, 4)),
				pick(rr, []string{"ASFALTO", "CONCRETO", "ADOQUIN", "TERRACERIA", "EMPEDRADO"}),
				pick(rr, []string{"UN SENTIDO", "DOBLE SENTIDO"}), pick(rr, []string{"S", "S", "N"})}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
