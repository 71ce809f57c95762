package synth

import (
	"math/rand/v2"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// brigada_vacunacion_2021: a municipal vaccination brigade's spreadsheet
// for older adults in 2021, imported as it was, column names with spaces:
// NO, NOMBRE COMPLETO (surnames first), CURP, EDAD, SEXO, MUNICIPIO,
// TELEFONO (ten digits, or the seven-digit local number people still
// gave), BIOLOGICO, 1A DOSIS, 2A DOSIS and REFUERZO (an X or the date, as
// each brigade wrote it), ESQUEMA (COMPLETO / INCOMPLETO, or C / I) and
// OBSERVACIONES (who did not come back, allergies, conditions).
//
// The dose columns, BIOLOGICO (the vaccine this person received),
// ESQUEMA and OBSERVACIONES (conditions in well over 5% of them) are
// health_condition; NOMBRE COMPLETO person_name; CURP curp; TELEFONO
// phone; NO, EDAD, SEXO and MUNICIPIO none.
func bdBuildBrigada(p *Pool, r *rand.Rand) *Table {
	type adult struct {
		person int32
		form   CURPForm
		doses  uint8 // 1, 2 or 3
		vax    uint8
		first  int32
	}
	start := time.Date(2021, 2, 15, 0, 0, 0, 0, time.UTC)
	var plan []adult
	for _, i := range bdPeople(p, r, 150, 50, 100, 0) {
		d := uint8(2)
		switch n := r.IntN(10); {
		case n < 2:
			d = 1
		case n < 5:
			d = 3
		}
		form := CURPValid
		switch n := r.IntN(1000); {
		case n < 40:
			form = CURPNull
		case n < 70:
			form = CURPPlaceholder
		case n < 85:
			form = CURPTypo
		}
		plan = append(plan, adult{i, form, d, uint8(r.IntN(len(bdCovidVax))), timeDay(bdDay(r, start, start.AddDate(0, 3, 0)))})
	}
	t := &Table{
		Name:  "brigada_vacunacion_2021",
		Style: "vaccination-brigade-spreadsheet",
		Rows:  len(plan),
		Columns: []Column{
			col("NO", Integer),
			col("NOMBRE COMPLETO", Varchar(90), taxonomy.PersonName),
			col("CURP", Varchar(20), taxonomy.CURP),
			col("EDAD", Integer),
			col("SEXO", Varchar(6)),
			col("MUNICIPIO", Varchar(80)),
			col("TELEFONO", Varchar(16), taxonomy.Phone),
			col("BIOLOGICO", Varchar(20), taxonomy.HealthCondition),
			col("1A DOSIS", Varchar(10), taxonomy.HealthCondition),
			col("2A DOSIS", Varchar(10), taxonomy.HealthCondition),
			col("REFUERZO", Varchar(10), taxonomy.HealthCondition),
			col("ESQUEMA", Varchar(10), taxonomy.HealthCondition),
			col("OBSERVACIONES", Varchar(80), taxonomy.HealthCondition),
		},
	}
	for _, a := range plan {
		if a.form == CURPValid {
			t.Persons = append(t.Persons, a.person)
		}
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, a := range plan {
			ps := p.Person(a.person)
			first := dayTime(a.first)
			marks := chance(r, 400) // this brigade ticked an X
			dose := func(n uint8, day time.Time) any {
				if a.doses < n || day.After(p.Today().AddDate(0, 0, -1)) {
					return nil
				}
				if marks {
					return "X"
				}
				return ddmmyyyy(day)
			}
			complete := a.doses >= 2
			esquema := map[bool]string{true: "COMPLETO", false: "INCOMPLETO"}[complete]
			if chance(r, 300) {
				esquema = esquema[:1]
			}
			var tel any
			switch n := r.IntN(10); {
			case n < 6:
				tel = ps.Phone
			case n < 8:
				tel = bdLocal(r, ps.Phone)
			case n < 9:
				tel = ps.Phone[:3] + " " + ps.Phone[3:6] + " " + ps.Phone[6:]
			}
			var obs any
			switch n := r.IntN(100); {
			case n < 25:
				obs = pick(r, []string{"HIPERTENSO CONTROLADO", "DIABETICA", "REFIERE ALERGIA A PENICILINA", "PRESENTO DOLOR EN BRAZO Y FIEBRE",
					"EPOC, USA OXIGENO", "EN SILLA DE RUEDAS, SE VACUNA EN DOMICILIO", "TUVO COVID EN DICIEMBRE"})
			case n < 40:
				obs = pick(r, []string{"NO ACUDIO A SEGUNDA DOSIS", "CAMBIO DE DOMICILIO", "SE LE ENTREGO COMPROBANTE", "VINO ACOMPAÑADO DE SU HIJA"})
			}
			row := []any{int64(k + 1), plain(ps.RegistryName()), curpCell(r, a.form, ps.CURP, p.Today()),
				int64(bdAge(ps.Birth, first)), sexCode(ps.Sex, "HOMBRE", "MUJER", "X"), plain(ps.Address.Municipality), tel,
				bdCovidVax[a.vax], dose(1, first), dose(2, first.AddDate(0, 0, between(r, 21, 90))),
				dose(3, first.AddDate(0, between(r, 6, 10), 0)), esquema, obs}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var bdCovidVax = []string{"ASTRAZENECA", "PFIZER", "SINOVAC", "CANSINO", "SPUTNIK V", "MODERNA", "ABDALA"}
