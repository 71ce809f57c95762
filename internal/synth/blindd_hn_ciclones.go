package synth

import "math/rand/v2"

// cat_nombres_ciclones: the national weather service's lists of names for
// tropical cyclones, one row per name and season: the name (ALBERTO,
// BERYL, HILARY, NORMA, ROSA...: given names of people, given to
// storms), the basin, the list's year, the highest category the storm
// reached and whether the name was retired. Storms are not people: a hard
// negative (doc.go).
func bdBuildCiclones(p *Pool, r *rand.Rand) *Table {
	type entry struct {
		name, basin string
		year        int
	}
	var rows []entry
	for y := 2015; y <= p.Today().Year()-1; y++ {
		for _, n := range bdStormNames[y%len(bdStormNames)] {
			rows = append(rows, entry{n, "ATLANTICO", y})
		}
		for _, n := range bdStormNamesPacific[y%len(bdStormNamesPacific)] {
			rows = append(rows, entry{n, "PACIFICO NORORIENTAL", y})
		}
	}
	t := &Table{
		Name:         "cat_nombres_ciclones",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(rows),
		Columns: []Column{
			col("id", Integer),
			col("nombre", Varchar(20)),
			col("cuenca", Varchar(24)),
			col("temporada", Integer),
			col("categoria_maxima", Varchar(20)),
			col("retirado", Char(2)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range rows {
			cat := pick(r, []string{"NO SE FORMO", "NO SE FORMO", "TORMENTA TROPICAL", "TORMENTA TROPICAL", "HURACAN CAT. 1",
				"HURACAN CAT. 2", "HURACAN CAT. 3", "HURACAN CAT. 4", "HURACAN CAT. 5", "DEPRESION TROPICAL"})
			retired := "NO"
			if (cat == "HURACAN CAT. 4" || cat == "HURACAN CAT. 5") && chance(r, 300) {
				retired = "SI"
			}
			if !yield([]any{int64(k + 1), e.name, e.basin, int64(e.year), cat, retired}) {
				return
			}
		}
	}
	return t
}

var (
	bdStormNames = [][]string{
		{"ALBERTO", "BERYL", "CHRIS", "DEBBY", "ERNESTO", "FRANCINE", "GORDON", "HELENE", "ISAAC", "JOYCE", "KIRK", "LESLIE", "MILTON", "NADINE", "OSCAR", "PATTY", "RAFAEL", "SARA", "TONY", "VALERIE", "WILLIAM"},
		{"ANDREA", "BARRY", "CHANTAL", "DEXTER", "ERIN", "FERNAND", "GABRIELLE", "HUMBERTO", "IMELDA", "JERRY", "KAREN", "LORENZO", "MELISSA", "NESTOR", "OLGA", "PABLO", "REBEKAH", "SEBASTIEN", "TANYA", "VAN", "WENDY"},
		{"ARTHUR", "BERTHA", "CRISTOBAL", "DOLLY", "EDOUARD", "FAY", "GONZALO", "HANNA", "ISAIAS", "JOSEPHINE", "KYLE", "LAURA", "MARCO", "NANA", "OMAR", "PAULETTE", "RENE", "SALLY", "TEDDY", "VICKY", "WILFRED"},
	}
	bdStormNamesPacific = [][]string{
		{"ALETTA", "BUD", "CARLOTTA", "DANIEL", "EMILIA", "FABIO", "GILMA", "HECTOR", "ILEANA", "JOHN", "KRISTY", "LANE", "MIRIAM", "NORMAN", "OLIVIA", "PAUL", "ROSA", "SERGIO", "TARA", "VICENTE", "WILLA"},
		{"ADRIAN", "BEATRIZ", "CALVIN", "DORA", "EUGENE", "FERNANDA", "GREG", "HILARY", "IRWIN", "JOVA", "KENNETH", "LIDIA", "MAX", "NORMA", "OTIS", "PILAR", "RAMON", "SELMA", "TODD", "VERONICA", "WILEY"},
		{"AMANDA", "BORIS", "CRISTINA", "DOUGLAS", "ELIDA", "FAUSTO", "GENEVIEVE", "HERNAN", "ISELLE", "JULIO", "KARINA", "LOWELL", "MARIE", "NORBERT", "ODALYS", "POLO", "RACHEL", "SIMON", "TRUDY", "VANCE", "WINNIE"},
	}
)
