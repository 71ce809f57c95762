package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/alcance-mx/alcance/taxonomy"
)

// tamiz_neonatal: a state laboratory's newborn screening register, one row
// per newborn, keyed by the mother (a pool member; the newborn has no CURP
// yet). Columns are cut short as the capture program named them: nom_madre,
// ap_pat_madre, ap_mat_madre, dom_madre, colon, munic, cp, tel, nom_rn,
// ap_pat_rn, ap_mat_rn, f_nac_rn.
//
// Parents give girls and boys names that are also countries: ITALIA,
// GRECIA, ARGENTINA, FRANCIA, INDIA, CHINA, AMERICA, ISRAEL, alone or with
// a second name, in about a quarter of the rows; a newborn not yet named is
// RECIEN NACIDO or RN, placeholders (RN DE MARIA names the mother). nom_rn and the surnames are
// person_name (doc.go: a given name that is also a country is a name);
// f_nac_rn birthdate; the birth weight, gestational weeks, TSH and
// phenylalanine values and the result are health_condition; clues_toma
// health_facility; curp_madre curp; the mother's name, address (dom_madre,
// colon), postal code and phone carry theirs; munic none.
func r4BuildTamiz(p *Pool, r *rand.Rand) *Table {
	type birth struct {
		mother int32
		day    int32
		sex    byte
		form   CURPForm
	}
	today := p.Today()
	from := today.AddDate(-3, 0, 0)
	var plan []birth
	for _, i := range r4Aged(p, r, 60, 17, 44, 'M') {
		day := r4DayBetween(r, from, today.AddDate(0, 0, -8))
		if ageAt(p.Birth(i), day) < 16 {
			continue
		}
		sex := byte('H')
		if chance(r, 490) {
			sex = 'M'
		}
		plan = append(plan, birth{i, timeDay(day), sex, curpForm(r, 20, 20, 8)})
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].day < plan[b-1].day; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	byState := r4FacilityIndex(p)
	t := &Table{
		Name:  "tamiz_neonatal",
		Style: "newborn-screening",
		Rows:  len(plan),
		Columns: []Column{
			col("folio", Varchar(12)),
			col("curp_madre", Char(18), taxonomy.CURP),
			col("nom_madre", Varchar(40), taxonomy.PersonName),
			col("ap_pat_madre", Varchar(30), taxonomy.PersonName),
			col("ap_mat_madre", Varchar(30), taxonomy.PersonName),
			col("dom_madre", Varchar(70), taxonomy.Address),
			col("colon", Varchar(40), taxonomy.Address),
			col("munic", Varchar(80)),
			col("cp", Char(5), taxonomy.PostalCode),
			col("tel", Varchar(14), taxonomy.Phone),
			col("nom_rn", Varchar(40), taxonomy.PersonName),
			col("ap_pat_rn", Varchar(30), taxonomy.PersonName),
			col("ap_mat_rn", Varchar(30), taxonomy.PersonName),
			col("f_nac_rn", Date, taxonomy.Birthdate),
			col("sexo_rn", Char(1)),
			col("peso_nac", Integer, taxonomy.HealthCondition),
			col("sem_gest", Integer, taxonomy.HealthCondition),
			col("f_toma", Date),
			col("tsh", Decimal(5, 2), taxonomy.HealthCondition),
			col("fenilalanina", Decimal(5, 2), taxonomy.HealthCondition),
			col("resultado", Varchar(40), taxonomy.HealthCondition),
			col("clues_toma", Char(11), taxonomy.HealthFacility),
		},
	}
	for _, b := range plan {
		if b.form == CURPValid {
			t.Persons = append(t.Persons, b.mother)
		}
	}
	fs := p.Facilities()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, b := range plan {
			ps := p.Person(b.mother)
			a := ps.Address
			day := dayTime(b.day)
			var name string
			switch n := r.IntN(100); {
			case n < 26:
				name = pick(r, r4CountryNames[b.sex])
				if chance(r, 350) {
					name += " " + r4Given(r, b.sex)
				}
			case n < 33:
				name = pick(r, []string{"RECIEN NACIDO", "RN", "RN DE " + plain(ps.Nombre)})
			default:
				name = r4Given(r, b.sex)
			}
			var matMadre any = plain(ps.Materno)
			if ps.Materno == "" {
				matMadre = nil
			}
			patRN := r4Surname(r)
			if chance(r, 120) { // registered with the mother's surnames only
				patRN = plain(ps.Paterno)
			}
			toma := day.AddDate(0, 0, between(r, 3, 5))
			tsh := float64(between(r, 20, 950)) / 100
			fen := float64(between(r, 30, 180)) / 100
			res := "NORMAL"
			switch n := r.IntN(1000); {
			case n < 12:
				tsh, res = float64(between(r, 1000, 6000))/100, "SOSPECHOSO DE HIPOTIROIDISMO CONGENITO"
			case n < 16:
				fen, res = float64(between(r, 250, 1200))/100, "SOSPECHOSO DE FENILCETONURIA"
			case n < 40:
				res = "MUESTRA INADECUADA, REPETIR"
			}
			weeks := between(r, 37, 41)
			grams := between(r, 2600, 4100)
			if chance(r, 80) {
				weeks, grams = between(r, 30, 36), between(r, 1300, 2500)
			}
			var f Facility
			if ix := byState[a.StateCode]; len(ix) > 0 {
				f = fs[pick(r, ix)]
			} else {
				f = pick(r, fs)
			}
			row := []any{
				fmt.Sprintf("TN%02d%07d", day.Year()%100, k+1),
				curpCell(r, b.form, ps.CURP, p.Today()),
				plain(ps.Nombre), plain(ps.Paterno), matMadre,
				plain(a.StreetType + " " + a.Street + " " + a.NumberText()), plain(a.Colonia), plain(a.Municipality), a.PostalCode,
				r4Nullable(r, 100, phoneText(r, ps.Phone)),
				name, patRN, plain(ps.Paterno), day, string(b.sex),
				int64(grams), int64(weeks), toma, tsh, fen, res, f.CLUES,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// r4CountryNames are given names that are also names of countries, by the
// CURP's sex letter.
var r4CountryNames = map[byte][]string{
	'M': {"ITALIA", "GRECIA", "GRECIA", "ARGENTINA", "FRANCIA", "INDIA", "CHINA", "AMERICA", "HOLANDA", "IRLANDA"},
	'H': {"ISRAEL", "ISRAEL", "SALVADOR"},
}
