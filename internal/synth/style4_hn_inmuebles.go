package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// INM_INMUEBLES: a municipality's inventory of its properties, every
// column prefixed with the table's abbreviation (INM_): schools, health
// centres, markets, sports units, libraries and parks, most named after
// people (ESCUELA PRIMARIA PROFR. RAFAEL RAMIREZ, CENTRO DE SALUD DR. ...,
// UNIDAD DEPORTIVA LIC. ADOLFO LOPEZ MATEOS, MERCADO MUNICIPAL BENITO
// JUAREZ), with the site's address (street and number, colonia,
// municipality, postal code), its switchboard as a seven-digit local
// number, surface, cadastral value and property-tax account.
//
// A place named after a person is not a person, and a site's address and
// phone are no one's (doc.go): the table holds no personal data.
func r4BuildInmuebles(p *Pool, r *rand.Rand) *Table {
	loadStatic()
	loadPlaces()
	heroes := r4Heroes()
	n := scaled(p.Len(), 1, 25, 60, 4000)
	t := &Table{
		Name:         "INM_INMUEBLES",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: legacy([]Column{
			col("INM_CVE", Char(8)),
			col("INM_NOMBRE", Varchar(90)),
			col("INM_TIPO", Varchar(20)),
			col("INM_CALLE", Varchar(60)),
			col("INM_NUM", Varchar(12)),
			col("INM_COL", Varchar(40)),
			col("INM_MPIO", Varchar(80)),
			col("INM_CP", Char(5)),
			col("INM_TEL", Varchar(10)),
			col("INM_SUP_M2", Decimal(10, 2)),
			col("INM_VAL_CAT", Decimal(14, 2)),
			col("INM_CTA_PRED", Varchar(14)),
		}),
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			m := muniW.pick(r)
			kind := pick(r, r4SiteKinds)
			var person string
			switch n := r.IntN(10); {
			case n < 6:
				person = pick(r, heroes)
			default:
				title := pick(r, []string{"DR.", "PROFR.", "PROFRA.", "LIC.", "ING.", "GRAL."})
				sex := byte('H')
				if strings.HasSuffix(title, "A.") {
					sex = 'M'
				}
				person = title + " " + r4Given(r, sex) + " " + r4Surname(r)
			}
			name := kind.prefix + " " + person
			if kind.prefix == "PARQUE" && chance(r, 300) {
				name = "PARQUE " + pick(r, []string{"DEL NIÑO", "LOS PINOS", "CENTRAL", "DE LA CRUZ"})
			}
			a := randomAddress(r, m)
			var tel any
			if chance(r, 700) {
				tel = fmt.Sprintf("%d%06d", between(r, 2, 8), r.IntN(1000000))
			}
			row := []any{
				fmt.Sprintf("INM%05d", k+1),
				plain(name), kind.name,
				plain(a.StreetType + " " + a.Street), a.NumberText(), plain(a.Colonia), plain(a.Municipality), a.PostalCode,
				tel,
				float64(between(r, 2000, 5000000)) / 100,
				float64(between(r, 50000, 90000000)) * 10,
				fmt.Sprintf("%03d-%03d-%04d", between(r, 1, 999), between(r, 1, 999), r.IntN(10000)),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4SiteKinds = []struct{ name, prefix string }{
	{"ESCUELA", "ESCUELA PRIMARIA"}, {"ESCUELA", "JARDIN DE NIÑOS"}, {"ESCUELA", "ESCUELA SECUNDARIA TECNICA"},
	{"SALUD", "CENTRO DE SALUD"}, {"SALUD", "HOSPITAL MUNICIPAL"}, {"COMERCIO", "MERCADO MUNICIPAL"},
	{"DEPORTE", "UNIDAD DEPORTIVA"}, {"CULTURA", "BIBLIOTECA PUBLICA"}, {"CULTURA", "CASA DE LA CULTURA"},
	{"RECREACION", "PARQUE"}, {"ADMINISTRACION", "AUDITORIO MUNICIPAL"},
}

// r4Heroes are the people in the street list (BENITO JUAREZ, MIGUEL
// HIDALGO): the names sites and streets carry.
func r4Heroes() []string {
	loadStatic()
	var out []string
	for _, s := range streetNames {
		ws := strings.Fields(s)
		if len(ws) < 2 || numberedStreet(ws[0]) {
			continue
		}
		switch ws[0] {
		case "DE", "DEL", "LA", "LAS", "LOS", "EL", "CAMINO", "NORTE", "SUR", "ORIENTE", "PONIENTE", "NIÑOS", "CALLE", "AV.":
			continue
		}
		if strings.Contains(s, " DE ") && !strings.Contains(s, " DE LA ") {
			continue // 5 DE MAYO, 16 DE SEPTIEMBRE
		}
		out = append(out, s)
	}
	return out
}
