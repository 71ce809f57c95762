package synth

import (
	"math/rand/v2"

	"github.com/alcance-mx/alcance/taxonomy"
)

// CARTILLA_VACUNACION: a health jurisdiction's nominal vaccination register
// for children under ten, one row per child, one DATE column per dose of
// the basic schedule (BCG at birth; hepatitis B at 0, 2 and 6 months;
// hexavalent at 2, 4, 6 and 18 months; rotavirus at 2, 4 and 6; pneumococcal
// at 2, 4 and 12; MMR (SRP) at 12 and 18 months; DPT at four years), NULL
// when the dose was not given, and the scheme's status as the jurisdiction
// computes it: COMPLETO, INCOMPLETO or COMPLETO PARA LA EDAD.
//
// Each dose column, and ESQUEMA, is health_condition (doc.go: vaccination
// status in all its forms); their dates are doses, not birthdates. CURP,
// the name columns and FECHA_NACIMIENTO carry their categories; CLUES, the
// unit that keeps the child's record, is health_facility. Mess: CURPs
// missing, placeholders and capture errors as in any register.
func r4BuildCartilla(p *Pool, r *rand.Rand) *Table {
	type child struct {
		person int32
		form   CURPForm
		missed uint32 // bit per dose: skipped
		delay  uint8  // days a family is late, per dose
		fac    int32
	}
	byState := r4FacilityIndex(p)
	var plan []child
	for _, i := range r4Aged(p, r, 350, 0, 9, 0) {
		c := child{person: i, form: curpForm(r, 15, 25, 8), delay: uint8(between(r, 0, 45))}
		lazy := chance(r, 250)
		for d := range r4Doses {
			if chance(r, 40) || lazy && chance(r, 300) {
				c.missed |= 1 << d
			}
		}
		st := p.Person(i).Address.StateCode
		if fs := byState[st]; len(fs) > 0 {
			c.fac = int32(pick(r, fs))
		} else {
			c.fac = int32(r.IntN(len(p.Facilities())))
		}
		plan = append(plan, c)
	}
	cols := []Column{
		col("ID", Integer),
		col("CURP", Char(18), taxonomy.CURP),
		col("NOMBRE", Varchar(50), taxonomy.PersonName),
		col("PRIMER_APELLIDO", Varchar(30), taxonomy.PersonName),
		col("SEGUNDO_APELLIDO", Varchar(30), taxonomy.PersonName),
		col("FECHA_NACIMIENTO", Date, taxonomy.Birthdate),
		col("SEXO", Char(1)),
	}
	for _, d := range r4Doses {
		cols = append(cols, col(d.name, Date, taxonomy.HealthCondition))
	}
	cols = append(cols,
		col("ESQUEMA", Varchar(25), taxonomy.HealthCondition),
		col("CLUES", Char(11), taxonomy.HealthFacility),
		col("FECHA_ACTUALIZACION", Date),
	)
	t := &Table{Name: "CARTILLA_VACUNACION", Style: "vaccination-register", Rows: len(plan), Columns: cols}
	for _, c := range plan {
		if c.form == CURPValid {
			t.Persons = append(t.Persons, c.person)
		}
	}
	fs := p.Facilities()
	today := p.Today()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, c := range plan {
			ps := p.Person(c.person)
			var materno any = plain(ps.Materno)
			if ps.Materno == "" {
				materno = nil
			}
			row := []any{int64(k + 1), curpCell(r, c.form, ps.CURP, today), plain(ps.Nombre), plain(ps.Paterno), materno,
				ps.Birth, sexCode(ps.Sex, "H", "M", "X")}
			due, given := 0, 0
			last := ps.Birth
			for d, dose := range r4Doses {
				when := ps.Birth.AddDate(0, dose.months, int(c.delay)*min(dose.months, 1))
				if when.After(today) {
					row = append(row, nil)
					continue
				}
				due++
				if c.missed&(1<<d) != 0 {
					row = append(row, nil)
					continue
				}
				given++
				row = append(row, when)
				if when.After(last) {
					last = when
				}
			}
			esquema := "INCOMPLETO"
			switch {
			case given == due && ageAt(ps.Birth, today) >= 5:
				esquema = "COMPLETO"
			case given == due:
				esquema = "COMPLETO PARA LA EDAD"
			}
			upd := last.AddDate(0, 0, between(r, 0, 20))
			if upd.After(today) {
				upd = today
			}
			row = append(row, esquema, fs[c.fac].CLUES, upd)
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// r4Doses are the basic schedule's doses by age in months.
var r4Doses = []struct {
	name   string
	months int
}{
	{"BCG", 0}, {"HEPB_1", 0}, {"HEPB_2", 2}, {"HEPB_3", 6},
	{"HEXA_1", 2}, {"HEXA_2", 4}, {"HEXA_3", 6}, {"HEXA_4", 18},
	{"ROTA_1", 2}, {"ROTA_2", 4}, {"ROTA_3", 6},
	{"NEUMO_1", 2}, {"NEUMO_2", 4}, {"NEUMO_3", 12},
	{"SRP_1", 12}, {"SRP_2", 18}, {"DPT_REF", 48},
}
