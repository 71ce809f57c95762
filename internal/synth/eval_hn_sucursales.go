package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// cat_sucursales: a bank's branch catalogue (evaluation hard negative).
// Branches are named after national heroes, saints and places (SUCURSAL
// BENITO JUAREZ, SUC. SAN ANGEL): names of people that are not person
// names here. Each branch has a street address, colonia and postal code:
// the address of a business, not of a person (docs/taxonomy.md: address
// and postal_code are those of people).
//
// CUENTA_CONCENTRADORA is each branch's 18-digit concentration account in
// the bank's own ledger format: bank code, plaza and account like a CLABE,
// but its last digit is not the CLABE control digit, so no value passes
// the CLABE check. A valid CLABE belonging to a company would be no
// personal data either, but the taxonomy's clabe category does not say
// so, and a value check cannot tell a company's account from a person's:
// the table avoids the question instead of deciding it for the scorer.
func buildEvalSucursales(p *Pool, r *rand.Rand) *Table {
	loadPlaces()
	loadStatic()
	n := scaled(p.Len(), 1, 40, 80, 5000)
	t := &Table{
		Name:         "cat_sucursales",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"id_sucursal"},
		Columns: []Column{
			col("id_sucursal", Integer),
			col("num_sucursal", Char(4)),
			col("nombre_sucursal", Varchar(70)),
			col("domicilio", Varchar(120)),
			col("colonia", Varchar(80)),
			col("cp", Char(5)),
			col("municipio", Varchar(80)),
			col("estado", Varchar(40)),
			col("plaza", Char(3)),
			col("cuenta_concentradora", Char(18)),
			col("fecha_apertura", Date),
			col("horario", Varchar(30)),
			col("cajeros", Integer),
			col("region", Varchar(20)),
		},
	}
	seed := r.Uint64()
	today := timeDay(p.Today())
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			m := muniW.pick(r)
			st := states[muniState(m)]
			name := pick(r, evBranchNames)
			if chance(r, 300) {
				name = strings.ToUpper(plain(muniList[m].Name)) + " " + pick(r, []string{"CENTRO", "NORTE", "SUR", "ORIENTE", "PONIENTE"})
			}
			prefix := "SUCURSAL "
			if chance(r, 400) {
				prefix = "SUC. "
			}
			var num string
			switch {
			case chance(r, 100):
				num = "S/N"
			default:
				num = fmt.Sprintf("%d", between(r, 1, 3500))
			}
			street := pick(r, []string{"AV.", "AV.", "BLVD.", "CALZ.", "CALLE"}) + " " + pick(r, streetNames) + " " + num
			plaza := fmt.Sprintf("%03d", between(r, 10, 990))
			body := evBankCodes[0] + plaza
			for len(body) < 17 {
				body += fmt.Sprintf("%d", r.IntN(10))
			}
			good := evCLABECheck(body)
			bad := byte('0' + (int(good-'0')+between(r, 1, 9))%10)
			opened := today - int32(between(r, 200, 60*365))
			if opened < timeDay(time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC)) {
				opened = timeDay(time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC))
			}
			row := []any{
				int64(k + 1),
				fmt.Sprintf("%04d", between(r, 1, 9999)),
				prefix + name,
				plain(street),
				plain(pick(r, settlementTypes) + " " + pick(r, colonias)),
				cpString(postalCode(r, m)),
				plain(muniUpper[m]),
				plain(strings.ToUpper(st.Name)),
				plaza,
				body + string(bad),
				dayTime(opened),
				pick(r, []string{"L-V 09:00-16:00", "L-V 08:30-16:00 S 09:00-14:00", "L-D 09:00-19:00"}),
				int64(between(r, 0, 12)),
				pick(r, []string{"NORTE", "NOROESTE", "OCCIDENTE", "BAJIO", "CENTRO", "METROPOLITANA", "GOLFO", "SURESTE"}),
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}

// evBranchNames are branch names: national heroes, saints and landmarks.
var evBranchNames = []string{
	"BENITO JUAREZ", "MIGUEL HIDALGO", "JOSE MARIA MORELOS", "VICENTE GUERRERO", "IGNACIO ZARAGOZA",
	"EMILIANO ZAPATA", "FRANCISCO VILLA", "LAZARO CARDENAS", "VENUSTIANO CARRANZA", "LEONA VICARIO",
	"JOSEFA ORTIZ DE DOMINGUEZ", "IGNACIO ALLENDE", "ALVARO OBREGON", "FRANCISCO I. MADERO",
	"GUADALUPE VICTORIA", "NIÑOS HEROES", "CUAUHTEMOC", "SOR JUANA INES DE LA CRUZ", "ADOLFO LOPEZ MATEOS",
	"SAN ANGEL", "SANTA FE", "SAN JERONIMO", "SANTA MARIA LA RIBERA", "SAN FRANCISCO", "SANTA ANITA",
	"SAN COSME", "SAN JUAN DE LETRAN", "SANTO DOMINGO", "SAN AGUSTIN", "SANTA CECILIA",
	"PLAZA LAS AMERICAS", "GALERIAS", "CENTRO HISTORICO", "AEROPUERTO", "MERCADO MUNICIPAL", "CIUDAD UNIVERSITARIA",
}
