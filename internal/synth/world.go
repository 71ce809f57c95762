package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// The world is what several tables share besides people: the health
// register (register.go), the health facilities with their staff, and the
// companies that sell to the institution. Each has its own random stream.
func (p *Pool) buildWorld() {
	p.facilities = buildFacilities(newRand(p.seed, "world/facilities"), len(p.people))
	p.companies = buildCompanies(newRand(p.seed, "world/companies"), len(p.people))
	p.register = buildRegister(p, newRand(p.seed, "world/register"))
}

// Facility is a health unit with a CLUES key (reference §5) and its doctors.
type Facility struct {
	CLUES        string // state code + institution code + 6 digits: DFSSA003256
	Name         string
	Type         string // CENTRO DE SALUD, HOSPITAL GENERAL, UMF...
	Institution  string // SSA, IMSS, ISSSTE, IMSS-BIENESTAR
	StateCode    string
	StateName    string
	Municipality string
	Doctors      []string // staff names as the consultation records write them
}

// Facilities lists the health units, one state after another.
func (p *Pool) Facilities() []Facility { return p.facilities }

// FacilitiesIn returns the indices of the facilities in a state (RENAPO code).
func (p *Pool) FacilitiesIn(state string) []int {
	var out []int
	for i, f := range p.facilities {
		if f.StateCode == state {
			out = append(out, i)
		}
	}
	return out
}

var (
	institutions = []struct{ code, name string }{
		{"SSA", "SSA"}, {"IMS", "IMSS"}, {"IST", "ISSSTE"}, {"IMB", "IMSS-BIENESTAR"},
	}
	institutionW = newWeighted([]uint64{55, 25, 8, 12})
)

func buildFacilities(r *rand.Rand, persons int) []Facility {
	loadPlaces()
	t := loadNames()
	n := scaled(persons, 1, 40, 64, 20000)
	// at least one unit per state, the rest where people live
	perState := make([]int, 32)
	for i := range perState {
		perState[i] = 1
	}
	for range n - 32 {
		perState[stateW.pick(r)]++
	}
	used := map[string]bool{}
	var out []Facility
	for si, k := range perState {
		st := &states[si]
		for range k {
			inst := institutions[institutionW.pick(r)]
			var clues string
			for {
				clues = fmt.Sprintf("%s%s%06d", st.Code, inst.code, r.IntN(30000))
				if !used[clues] {
					used[clues] = true
					break
				}
			}
			muni := strings.ToUpper(plain(muniList[pick(r, st.munis)].Name))
			f := Facility{CLUES: clues, Institution: inst.name, StateCode: st.Code,
				StateName: st.Name, Municipality: muni}
			f.Type, f.Name = facilityName(r, t, inst.code, muni)
			for range between(r, 1, 6) {
				f.Doctors = append(f.Doctors, doctorName(r, t))
			}
			out = append(out, f)
		}
	}
	return out
}

func facilityName(r *rand.Rand, t *nameTables, inst, muni string) (typ, name string) {
	switch inst {
	case "IMS":
		if chance(r, 700) {
			return "UMF", fmt.Sprintf("UNIDAD DE MEDICINA FAMILIAR NO. %d", between(r, 1, 190))
		}
		return "HOSPITAL GENERAL DE ZONA", fmt.Sprintf("HOSPITAL GENERAL DE ZONA NO. %d", between(r, 1, 60))
	case "IST":
		if chance(r, 600) {
			return "CMF", "CLINICA DE MEDICINA FAMILIAR " + muni
		}
		return "CLINICA HOSPITAL", "CLINICA HOSPITAL ISSSTE " + muni
	case "IMB":
		if chance(r, 600) {
			return "UMR", "UNIDAD MEDICA RURAL " + pick(r, colonias)
		}
		return "HOSPITAL RURAL", "HOSPITAL RURAL IMSS-BIENESTAR " + muni
	}
	switch n := r.IntN(100); {
	case n < 55:
		return "CENTRO DE SALUD", "CENTRO DE SALUD " + pick(r, colonias)
	case n < 75:
		return "CENTRO DE SALUD", "CENTRO DE SALUD RURAL " + muni
	case n < 90:
		return "HOSPITAL GENERAL", "HOSPITAL GENERAL " + muni
	default:
		// units named after a physician: a place, not a person's record
		g, _ := t.drawGiven(r, 'H')
		return "HOSPITAL GENERAL", "HOSPITAL GENERAL DR. " + plain(t.given[g]) + " " + plain(t.surnames[t.drawSurname(r, false)])
	}
}

// doctorName is a staff name in one of the forms consultation records use:
// with or without DR./DRA., surname first, or in title case with accents.
func doctorName(r *rand.Rand, t *nameTables) string {
	sex := byte('H')
	if chance(r, 520) {
		sex = 'M'
	}
	g1, g2 := t.drawGiven(r, sex)
	given := t.givenName(g1, g2)
	pat, mat := t.surnames[t.drawSurname(r, false)], t.surnames[t.drawSurname(r, false)]
	title := "DR."
	if sex == 'M' {
		title = "DRA."
	}
	switch n := r.IntN(100); {
	case n < 35:
		return title + " " + plain(given+" "+pat+" "+mat)
	case n < 65:
		return plain(given + " " + pat + " " + mat)
	case n < 80:
		return plain(pat + " " + mat + " " + given)
	case n < 90:
		return titleCase(title + " " + given + " " + pat + " " + mat)
	default:
		return title + " " + plain(pat+" "+mat)
	}
}

// Company is a supplier: a persona moral with a 12-character RFC.
type Company struct {
	Name string // razón social
	RFC  string // 12 characters, check character by reference §2.3
	Giro string
}

// Companies lists the suppliers.
func (p *Pool) Companies() []Company { return p.companies }

var (
	companyForms = []string{
		"FARMACIAS %s SA DE CV", "GRUPO %s Y ASOCIADOS SC", "%s HERMANOS SA DE CV",
		"LABORATORIOS %s SA DE CV", "COMERCIALIZADORA %s %s SA DE CV", "CONSTRUCTORA %s SA DE CV",
		"PAPELERIA %s SA DE CV", "TRANSPORTES %s SA DE CV", "DISTRIBUIDORA MEDICA %r SA DE CV",
		"SERVICIOS INTEGRALES %r S DE RL DE CV", "SOLUCIONES MEDICAS %r SAPI DE CV",
		"ABASTECEDORA %r SA DE CV", "EQUIPOS Y SUMINISTROS %r SA DE CV",
	}
	regions = []string{"DEL BAJIO", "DEL SURESTE", "DEL NORTE", "DEL PACIFICO", "DEL CENTRO",
		"PENINSULAR", "DEL GOLFO", "DE OCCIDENTE", "MEXICANA", "NACIONAL", "AZTECA", "DEL VALLE"}
	giros = []string{
		"COMERCIO AL POR MAYOR DE PRODUCTOS FARMACEUTICOS", "SERVICIOS DE LIMPIEZA",
		"FABRICACION DE MATERIAL DE CURACION", "SERVICIOS DE CONSULTORIA EN COMPUTACION",
		"COMERCIO AL POR MAYOR DE MOBILIARIO Y EQUIPO MEDICO", "SERVICIOS DE LABORATORIOS CLINICOS",
		"AUTOTRANSPORTE DE CARGA GENERAL", "COMERCIO AL POR MENOR DE ARTICULOS DE PAPELERIA",
		"EDIFICACION DE INMUEBLES", "REPARACION Y MANTENIMIENTO DE EQUIPO MEDICO",
	}
	legalForms = wordSet("SA DE CV SC S RL SAPI Y")
	homoclave  = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
)

func buildCompanies(r *rand.Rand, persons int) []Company {
	t := loadNames()
	n := scaled(persons, 1, 50, 80, 5000)
	out := make([]Company, 0, n)
	for range n {
		form := pick(r, companyForms)
		var args []any
		for i := 0; i+1 < len(form); i++ {
			if form[i] != '%' {
				continue
			}
			if form[i+1] == 's' {
				args = append(args, plain(t.surnames[t.surDictIdx[t.surDict.pick(r)]]))
			} else {
				args = append(args, pick(r, regions))
			}
		}
		name := fmt.Sprintf(strings.ReplaceAll(form, "%r", "%s"), args...)
		out = append(out, Company{Name: name, RFC: companyRFC(r, name), Giro: pick(r, giros)})
	}
	return out
}

// companyRFC builds a persona moral RFC: three letters from the name (the
// initials of the first three words, or the first letters of a shorter
// name), the incorporation date YYMMDD, a homoclave and the check character.
func companyRFC(r *rand.Rand, name string) string {
	var words []string
	for _, w := range strings.Fields(name) {
		if !legalForms[w] && w != "DEL" && w != "LA" {
			words = append(words, w)
		}
	}
	var letters []rune
	for _, w := range words {
		if len(letters) == 3 {
			break
		}
		letters = append(letters, []rune(w)[0])
	}
	if len(letters) < 3 {
		rs := []rune(words[len(words)-1])
		for _, c := range rs[1:] {
			if len(letters) == 3 {
				break
			}
			letters = append(letters, c)
		}
	}
	for len(letters) < 3 {
		letters = append(letters, 'X')
	}
	body := fmt.Sprintf("%s%02d%02d%02d%c%c", string(letters), between(r, 0, 99),
		between(r, 1, 12), between(r, 1, 28), homoclave[r.IntN(len(homoclave))], homoclave[r.IntN(len(homoclave))])
	d, ok := validate.RFCCheckDigit(body)
	if !ok {
		panic("synth: bad company RFC body " + body)
	}
	return body + string(d)
}
