package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// cat_escuelas_cct (hard negative): a catalogue of schools by their Clave
// de Centro de Trabajo, most named after national heroes and writers
// (ESCUELA PRIMARIA JOSEFA ORTIZ DE DOMINGUEZ), with the school's street
// address, postal code, switchboard phone and foundation date. Every
// column is labelled none: a school named after a person is a place, its
// address and postal code are no one's home, its phone is an office's,
// and its foundation date is nobody's birth. No director or staff name is
// stored.

var blSchoolNames = []string{
	"BENITO JUAREZ", "MIGUEL HIDALGO Y COSTILLA", "JOSEFA ORTIZ DE DOMINGUEZ", "LEONA VICARIO",
	"SOR JUANA INES DE LA CRUZ", "GABRIELA MISTRAL", "JUSTO SIERRA", "JOSE MARIA MORELOS Y PAVON",
	"EMILIANO ZAPATA", "FRANCISCO VILLA", "LAZARO CARDENAS DEL RIO", "IGNACIO ALLENDE",
	"VICENTE GUERRERO", "NIÑOS HEROES", "CUAUHTEMOC", "AMADO NERVO", "RAFAEL RAMIREZ",
	"JAIME TORRES BODET", "ROSAURA ZAPATA", "ESTEFANIA CASTAÑEDA", "CARMEN SERDAN",
	"FRANCISCO I. MADERO", "VENUSTIANO CARRANZA", "GUADALUPE VICTORIA", "MARGARITA MAZA DE JUAREZ",
	"IGNACIO MANUEL ALTAMIRANO", "RAMON LOPEZ VELARDE", "JOSE VASCONCELOS", "MOISES SAENZ",
	"5 DE MAYO", "REVOLUCION", "INDEPENDENCIA", "TIERRA Y LIBERTAD", "ESCUDO NACIONAL",
	"PATRIA", "20 DE NOVIEMBRE", "LIC. ADOLFO LOPEZ MATEOS", "GRAL. IGNACIO ZARAGOZA",
}

var blSchoolLevels = []struct{ typ, prefix, level string }{
	{"EJN", "JARDIN DE NIÑOS", "PREESCOLAR"}, {"EPR", "ESCUELA PRIMARIA", "PRIMARIA"},
	{"DPR", "ESCUELA PRIMARIA INDIGENA", "PRIMARIA"}, {"EST", "ESCUELA SECUNDARIA TECNICA", "SECUNDARIA"},
	{"ETV", "TELESECUNDARIA", "SECUNDARIA"}, {"ECB", "COLEGIO DE BACHILLERES PLANTEL", "MEDIA SUPERIOR"},
}

func blBuildHNEscuelas(p *Pool, r *rand.Rand) *Table {
	loadPlaces()
	loadStatic()
	n := scaled(p.Len(), 1, 25, 60, 30000)
	seed := r.Uint64()
	cols := []Column{
		col("cct", Char(10)),
		col("nombre_ct", Varchar(90)),
		col("nivel", Varchar(15)),
		col("turno", Varchar(12)),
		col("sostenimiento", Varchar(10)),
		col("domicilio", Varchar(80)),
		col("colonia", Varchar(50)),
		col("cp", Char(5)),
		col("municipio", Varchar(60)),
		col("entidad", Varchar(40)),
		col("telefono", Varchar(12)),
		col("fecha_fundacion", Date),
		col("matricula", Integer),
		col("docentes", Integer),
		col("latitud", Decimal(9, 6)),
		col("longitud", Decimal(10, 6)),
	}
	return &Table{
		Name: "cat_escuelas_cct", Style: "school-catalogue", HardNegative: true, Columns: cols, Rows: n,
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for k := range n {
				m := muniW.pick(rr)
				st := &states[muniState(m)]
				lv := blSchoolLevels[rr.IntN(len(blSchoolLevels))]
				name := pick(rr, blSchoolNames)
				full := lv.prefix + " " + name
				if lv.typ == "EST" || lv.typ == "ECB" {
					full = fmt.Sprintf("%s %d %s", lv.prefix, between(rr, 1, 140), name)
				}
				street := pick(rr, streetNames)
				dom := "CALLE " + street + " " + strconv.Itoa(between(rr, 1, 900))
				if chance(rr, 150) {
					dom = "CALLE " + street + " S/N"
				}
				lada := pick(rr, st.ladas)
				tel := lada + strconv.Itoa(between(rr, 2, 9)) + blDigits(rr, 9-len(lada))
				founded := dayTime(timeDay(p.Today()) - int32(between(rr, 8, 100)*365+rr.IntN(365)))
				enrolled := between(rr, 40, 900)
				row := []any{
					blCCT(st.Key, lv.typ, m, k%5), full, lv.level,
					pick(rr, []string{"MATUTINO", "VESPERTINO", "NOCTURNO", "DISCONTINUO"}),
					pick(rr, []string{"FEDERAL", "ESTATAL", "FEDERAL"}),
					blCut(dom, 80), blCut(pick(rr, colonias), 50), cpString(postalCode(rr, m)),
					blCut(strings.ToUpper(plain(muniList[m].Name)), 60), strings.ToUpper(plain(st.Name)),
					tel, founded, int64(enrolled), int64(max(1, enrolled/between(rr, 18, 32))),
					float64(between(rr, 14_500000, 32_700000)) / 1e6, -float64(between(rr, 86_700000, 117_100000)) / 1e6,
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
