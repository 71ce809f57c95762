package synth

import "math/rand/v2"

// cat_paises: a catalogue of countries as a civil registry keeps it for
// places of birth and nationalities: the ISO code, the name (ITALIA,
// ARGENTINA, CHINA, GRECIA, ISRAEL... the same words parents give their
// children as names), the nationality, the international dialling code and
// the continent.
//
// A country is not a person: the table holds no personal data (doc.go).
func r4BuildCatPaises(p *Pool, r *rand.Rand) *Table {
	t := &Table{
		Name:         "cat_paises",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(r4Countries),
		Columns: []Column{
			col("CVE_PAIS", Char(3)),
			col("PAIS", Varchar(40)),
			col("NACIONALIDAD", Varchar(40)),
			col("LADA_INTERNACIONAL", Integer),
			col("CONTINENTE", Varchar(10)),
		},
	}
	t.Generate = func(yield func([]any) bool) {
		for _, c := range r4Countries {
			if !yield([]any{c.iso, c.name, c.nationality, int64(c.lada), c.continent}) {
				return
			}
		}
	}
	return t
}

var r4Countries = []struct {
	iso, name, nationality string
	lada                   int
	continent              string
}{
	{"MEX", "MEXICO", "MEXICANA", 52, "AMERICA"}, {"USA", "ESTADOS UNIDOS DE AMERICA", "ESTADOUNIDENSE", 1, "AMERICA"},
	{"CAN", "CANADA", "CANADIENSE", 1, "AMERICA"}, {"GTM", "GUATEMALA", "GUATEMALTECA", 502, "AMERICA"},
	{"SLV", "EL SALVADOR", "SALVADOREÑA", 503, "AMERICA"}, {"HND", "HONDURAS", "HONDUREÑA", 504, "AMERICA"},
	{"NIC", "NICARAGUA", "NICARAGÜENSE", 505, "AMERICA"}, {"CRI", "COSTA RICA", "COSTARRICENSE", 506, "AMERICA"},
	{"PAN", "PANAMA", "PANAMEÑA", 507, "AMERICA"}, {"CUB", "CUBA", "CUBANA", 53, "AMERICA"},
	{"HTI", "HAITI", "HAITIANA", 509, "AMERICA"}, {"DOM", "REPUBLICA DOMINICANA", "DOMINICANA", 1, "AMERICA"},
	{"COL", "COLOMBIA", "COLOMBIANA", 57, "AMERICA"}, {"VEN", "VENEZUELA", "VENEZOLANA", 58, "AMERICA"},
	{"ECU", "ECUADOR", "ECUATORIANA", 593, "AMERICA"}, {"PER", "PERU", "PERUANA", 51, "AMERICA"},
	{"BOL", "BOLIVIA", "BOLIVIANA", 591, "AMERICA"}, {"CHL", "CHILE", "CHILENA", 56, "AMERICA"},
	{"ARG", "ARGENTINA", "ARGENTINA", 54, "AMERICA"}, {"URY", "URUGUAY", "URUGUAYA", 598, "AMERICA"},
	{"PRY", "PARAGUAY", "PARAGUAYA", 595, "AMERICA"}, {"BRA", "BRASIL", "BRASILEÑA", 55, "AMERICA"},
	{"ESP", "ESPAÑA", "ESPAÑOLA", 34, "EUROPA"}, {"FRA", "FRANCIA", "FRANCESA", 33, "EUROPA"},
	{"ITA", "ITALIA", "ITALIANA", 39, "EUROPA"}, {"DEU", "ALEMANIA", "ALEMANA", 49, "EUROPA"},
	{"GBR", "REINO UNIDO", "BRITANICA", 44, "EUROPA"}, {"IRL", "IRLANDA", "IRLANDESA", 353, "EUROPA"},
	{"NLD", "PAISES BAJOS (HOLANDA)", "NEERLANDESA", 31, "EUROPA"}, {"PRT", "PORTUGAL", "PORTUGUESA", 351, "EUROPA"},
	{"GRC", "GRECIA", "GRIEGA", 30, "EUROPA"}, {"RUS", "RUSIA", "RUSA", 7, "EUROPA"},
	{"UKR", "UCRANIA", "UCRANIANA", 380, "EUROPA"}, {"POL", "POLONIA", "POLACA", 48, "EUROPA"},
	{"CHN", "CHINA", "CHINA", 86, "ASIA"}, {"JPN", "JAPON", "JAPONESA", 81, "ASIA"},
	{"KOR", "COREA DEL SUR", "SURCOREANA", 82, "ASIA"}, {"IND", "INDIA", "INDIA", 91, "ASIA"},
	{"ISR", "ISRAEL", "ISRAELI", 972, "ASIA"}, {"LBN", "LIBANO", "LIBANESA", 961, "ASIA"},
	{"PHL", "FILIPINAS", "FILIPINA", 63, "ASIA"}, {"EGY", "EGIPTO", "EGIPCIA", 20, "AFRICA"},
	{"MAR", "MARRUECOS", "MARROQUI", 212, "AFRICA"}, {"NGA", "NIGERIA", "NIGERIANA", 234, "AFRICA"},
	{"AUS", "AUSTRALIA", "AUSTRALIANA", 61, "OCEANIA"}, {"NZL", "NUEVA ZELANDA", "NEOZELANDESA", 64, "OCEANIA"},
}
