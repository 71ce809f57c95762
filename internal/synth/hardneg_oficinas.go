package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
)

// cat_oficinas: the catalogue of a state government's service offices,
// one row per office. Offices are named after national heroes and saints
// (OFICINA REGIONAL MIGUEL HIDALGO, MODULO BENITO JUAREZ, AGENCIA SAN JUAN
// BAUTISTA, PLANTEL PROFR. JUSTO SIERRA), which read like people's names
// and are not; each has a one-line street address with number and
// colonia, a postal code that exists in its state, a ten-digit office
// telephone with the state's area code, its municipality and state, the
// job title of whoever heads it (JEFE DE DEPARTAMENTO, never a name) and
// its opening hours. The address and telephone of an office are not a
// person's: nothing here is personal data.
func buildCatOficinas(p *Pool, r *rand.Rand) *Table {
	loadStatic()
	loadPlaces()
	n := scaled(p.Len(), 1, 60, 40, 5000)
	t := &Table{
		Name:         "cat_oficinas",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"id_oficina"},
		Columns: []Column{
			col("id_oficina", Integer),
			col("nombre_oficina", Varchar(80)),
			col("domicilio", Varchar(160)),
			col("colonia", Varchar(80)),
			col("cp", Char(5)),
			col("telefono", Varchar(16)),
			col("municipio", Varchar(80)),
			col("estado", Varchar(40)),
			col("responsable_area", Varchar(60)),
			col("horario", Varchar(40)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			m := muniW.pick(r)
			st := &states[muniState(m)]
			colonia := pick(r, colonias)
			cp := drawPostalCode(r, m)
			row := []any{
				int64(k + 1),
				oficinaName(r),
				oficinaAddress(r, colonia, cp, st.Name),
				colonia,
				cp,
				oficinaPhone(r, st),
				muniUpper[m],
				st.Name,
				pick(r, oficinaHeads),
				pick(r, oficinaHours),
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}

var (
	// oficinaKinds are the kinds of service office a state government runs.
	oficinaKinds = []string{"OFICINA REGIONAL", "MODULO", "AGENCIA", "PLANTEL", "DELEGACION",
		"SUBDELEGACION", "CENTRO DE ATENCION", "OFICINA DE ENLACE", "RECAUDACION DE RENTAS", "MODULO DE ATENCION"}
	// oficinaPatrons are the heroes and saints offices, schools and streets
	// are named after: people's names that name a place.
	oficinaPatrons = []string{
		"MIGUEL HIDALGO", "BENITO JUAREZ", "EMILIANO ZAPATA", "JOSE MARIA MORELOS", "VICENTE GUERRERO",
		"IGNACIO ZARAGOZA", "LAZARO CARDENAS", "FRANCISCO I. MADERO", "VENUSTIANO CARRANZA",
		"JOSEFA ORTIZ DE DOMINGUEZ", "LEONA VICARIO", "SOR JUANA INES DE LA CRUZ", "IGNACIO ALLENDE",
		"NICOLAS BRAVO", "GUADALUPE VICTORIA", "CUAUHTEMOC", "NEZAHUALCOYOTL", "FRANCISCO VILLA",
		"JUSTO SIERRA", "AQUILES SERDAN", "MARIANO MATAMOROS", "HERMENEGILDO GALEANA", "ADOLFO LOPEZ MATEOS",
		"SAN JUAN BAUTISTA", "SAN FRANCISCO DE ASIS", "SAN MIGUEL ARCANGEL", "SANTO DOMINGO DE GUZMAN",
		"SANTA ROSA DE LIMA", "SAN PEDRO APOSTOL", "SAN ANTONIO DE PADUA", "SANTA TERESA DE JESUS",
		"SAN MARTIN DE PORRES", "SAN JUAN DIEGO", "SANTA CLARA DE ASIS", "SAN AGUSTIN", "SAN LUCAS EVANGELISTA",
	}
	// oficinaTitles precede some patrons: GRAL. LAZARO CARDENAS, PROFR. JUSTO SIERRA.
	oficinaTitles = map[string]string{"LAZARO CARDENAS": "GRAL. ", "JUSTO SIERRA": "PROFR. ",
		"VICENTE GUERRERO": "GRAL. ", "IGNACIO ZARAGOZA": "GRAL. ", "FRANCISCO VILLA": "GRAL. "}
	// oficinaHeads are job titles: who is in charge, not who it is.
	oficinaHeads = []string{"JEFE DE DEPARTAMENTO", "JEFA DE DEPARTAMENTO", "DIRECTOR REGIONAL",
		"SUBDIRECTOR DE AREA", "COORDINADOR ADMINISTRATIVO", "ENCARGADO DE MODULO", "JEFE DE OFICINA",
		"DELEGADO REGIONAL", "TITULAR DE LA AGENCIA", "ENLACE ADMINISTRATIVO", "RESPONSABLE DE PLANTEL",
		"ENCARGADA DEL DESPACHO"}
	oficinaHours = []string{"LUNES A VIERNES 08:00 A 15:00", "LUNES A VIERNES 09:00 A 17:00",
		"L-V 8:00-16:00", "LUNES A SABADO 08:00 A 14:00", "LUNES A VIERNES 08:30 A 14:30", "24 HORAS"}
)

// oficinaName is a kind of office and the hero or saint it is named after.
func oficinaName(r *rand.Rand) string {
	patron := pick(r, oficinaPatrons)
	if title, ok := oficinaTitles[patron]; ok && chance(r, 500) {
		patron = title + patron
	}
	name := pick(r, oficinaKinds) + " " + patron
	if chance(r, 150) {
		name += fmt.Sprintf(" NO. %d", between(r, 1, 12))
	}
	return name
}

// oficinaAddress is the office's one-line address: street and number,
// colonia, and sometimes the postal code and the state.
func oficinaAddress(r *rand.Rand, colonia, cp, state string) string {
	st := streetTypes[streetTypeW.pick(r)]
	street := pick(r, streetNames)
	if numberedStreet(street) {
		st = "CALLE"
	}
	var num string
	switch n := r.IntN(100); {
	case n < 10:
		num = "S/N"
	case n < 45:
		num = "NO. " + strconv.Itoa(between(r, 1, 2500))
	default:
		num = strconv.Itoa(between(r, 1, 2500))
	}
	line := plain(st + " " + street + " " + num + ", COL. " + colonia)
	switch n := r.IntN(100); {
	case n < 35:
		line += ", C.P. " + cp
	case n < 50:
		line += ", C.P. " + cp + ", " + plain(state)
	}
	return line
}

// oficinaPhone is a switchboard number: the state's area code and a local
// number, often ending in 00 as switchboards do.
func oficinaPhone(r *rand.Rand, st *stateInfo) string {
	phone := pick(r, st.ladas) + strconv.Itoa(between(r, 2, 9))
	for len(phone) < 10 {
		phone += strconv.Itoa(r.IntN(10))
	}
	if chance(r, 400) {
		phone = phone[:8] + "00"
	}
	if chance(r, 150) {
		return phoneText(r, phone)
	}
	return phone
}
