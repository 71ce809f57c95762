package synth

import (
	"fmt"
	"math/rand/v2"
)

// sep_alumnos_inscritos: a school-control system's enrolment extract
// (SEP): pupils aged 3 to 17 with the key of their school, split name
// fields, a text birthdate and the tutor who enrolled them.
//
// Labels:
//   - curp_alumno: curp; every valid one is in Table.Persons.
//   - primer_apellido, segundo_apellido (NULL for pupils with one legal
//     surname), nombre_alumno, nombre_tutor: person_name.
//   - fecha_nacimiento: birthdate (DD/MM/YYYY text; 00/00/0000 sentinels
//     are in the column but are not values).
//   - tel_tutor: phone; correo_tutor: email (the tutor's, a person's).
//   - cct (Clave de Centro de Trabajo: a school, not a person), ciclo,
//     grado, grupo, sexo, parentesco_tutor, promedio (a grade average, not
//     health), fecha_inscripcion (enrolment date): none.

type blSEPRow struct {
	pupil, tutor int32
	form         blForm
	enrolled     int32
}

func blBuildSEP(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	bySur := blSurnameIndex(p)
	var plan []blSEPRow
	var persons []int32
	for _, i := range blSampleAge(p, r, 220, 3, 17) {
		a := blAgeOf(p, i)
		var tutor int32 = -1
		if chance(r, 700) {
			tutor = blFind(p, r, bySur[p.people[i].paterno], a+17, a+55, i)
		}
		if tutor < 0 {
			tutor = blFind(p, r, nil, a+17, a+50, i)
		}
		if tutor < 0 {
			tutor = blAdult(p, r, i)
		}
		row := blSEPRow{pupil: i, tutor: tutor, form: blDrawForm(r, 10, 20, 12, 3),
			enrolled: blDay(r, td-200, td-130)}
		if row.form == blValid {
			persons = append(persons, i)
		}
		plan = append(plan, row)
	}
	seed := r.Uint64()
	cols := []Column{
		col("cct", Char(10)),
		col("ciclo", Char(9)),
		col("grado", Integer),
		col("grupo", Char(1)),
		col("curp_alumno", Char(18), "curp"),
		col("primer_apellido", Varchar(30), "person_name"),
		col("segundo_apellido", Varchar(30), "person_name"),
		col("nombre_alumno", Varchar(40), "person_name"),
		col("fecha_nacimiento", Varchar(10), "birthdate"),
		col("sexo", Char(1)),
		col("nombre_tutor", Varchar(70), "person_name"),
		col("parentesco_tutor", Varchar(10)),
		col("tel_tutor", Varchar(16), "phone"),
		col("correo_tutor", Varchar(60), "email"),
		col("promedio", Decimal(3, 1)),
		col("fecha_inscripcion", Date),
	}
	return &Table{
		Name: "sep_alumnos_inscritos", Style: "school-enrolment", Columns: cols,
		Rows: len(plan), Persons: persons,
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for _, pl := range plan {
				pe, tu := p.Person(pl.pupil), p.Person(pl.tutor)
				en := dayTime(pl.enrolled)
				age := blAge(pe.Birth, en)
				typ := blSchoolType(age)
				if typ == "EPR" && chance(rr, 60) {
					typ = "DPR" // primaria indígena
				}
				grado := int64(1)
				switch {
				case age <= 5:
					grado = int64(max(1, age-2))
				case age <= 11:
					grado = int64(age - 5)
				case age <= 14:
					grado = int64(age - 11)
				default:
					grado = int64(min(6, (age-15)*2+1+rr.IntN(2))) // semestre
				}
				y := en.Year()
				if en.Month() < 7 {
					y--
				}
				muni := int(p.people[pl.pupil].muni)
				cct := blCCT(pe.Address.StateKey, typ, muni, rr.IntN(3))
				dob := ddmmyyyy(pe.Birth)
				if chance(rr, 12) {
					dob = "00/00/0000"
				}
				rel := sexCode(tu.Sex, "PADRE", "MADRE", "TUTOR")
				if blAge(tu.Birth, en)-age >= 42 {
					rel = sexCode(tu.Sex, "ABUELO", "ABUELA", "TUTOR")
				}
				var avg any
				if typ != "EJN" {
					avg = float64(between(rr, 62, 100)) / 10
				}
				row := []any{
					cct, fmt.Sprintf("%d-%d", y, y+1), grado, string(rune('A' + rr.IntN(4))),
					blCURPCell(rr, pl.form, pe.CURP, today, blCURPPlaceholders),
					blCut(mojibake(rr, plain(pe.Paterno), 250), 30),
					blNullIfEmpty(blCut(mojibake(rr, plain(pe.Materno), 250), 30)),
					blCut(plain(pe.Nombre), 40), dob, sexCode(pe.Sex, "H", "M", "X"),
					blCut(blPlainName(rr, tu.FullName()), 70), rel,
					phoneText(rr, tu.Phone), blNullIfEmpty(tu.Email), avg, en,
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
