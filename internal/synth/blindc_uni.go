package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// uniAdmisionesAlumnos imitates the admissions table of a private
// university whose system was written in English camelCase over SQL
// Server: names split in firstName and lastName (both surnames), in title
// case with accents; the birthdate as the text of a datetime
// (2003-04-21 00:00:00.000; 1900-01-01 00:00:00.000 is a sentinel); gender
// coded M male, F female, X; zip as an INTEGER, so CDMX codes lost their
// leading zero.
//
// Labels: nssFacultativo is the IMSS number under which the student is
// insured (seguro facultativo): nss. healthInsurance names the scheme or
// insurer (IMSS - SEGURO FACULTATIVO, ISSSTE, GNP...; NINGUNO is an
// answer): health_enrollment. allergies is health_condition (NINGUNA is an
// answer, not a placeholder). guardianName and guardianPhone are the
// parent's (person_name, phone). street and neighborhood are the home
// address; city and state alone are not. createdAt is the application
// timestamp, campus a campus name (Campus Benito Juárez is a place).
func bcBuildUni(p *Pool, r *rand.Rand) *Table {
	type plan struct {
		who      int32
		form     CURPForm
		admitted int32
	}
	students := bcAged(p, r, 500, 17, 25)
	r.Shuffle(len(students), func(i, j int) { students[i], students[j] = students[j], students[i] })
	t := &Table{Name: "uniAdmisionesAlumnos", Style: "university-admissions"}
	t.PrimaryKey = []string{"studentId"}
	var plans []plan
	for _, i := range students {
		b := p.Birth(i)
		from := b.AddDate(17, 0, 0)
		if from.Before(time.Date(2018, 5, 1, 0, 0, 0, 0, time.UTC)) {
			from = time.Date(2018, 5, 1, 0, 0, 0, 0, time.UTC)
		}
		pl := plan{who: i, form: bcForm(r, 30, 20, 20, 0), admitted: timeDay(bcDayBetween(r, from, p.Today().AddDate(0, 0, -10)))}
		plans = append(plans, pl)
		if pl.form == CURPValid {
			t.Persons = append(t.Persons, i)
		}
	}
	t.Columns = []Column{
		col("studentId", Varchar(9)),
		col("firstName", Varchar(50), "person_name"),
		col("lastName", Varchar(70), "person_name"),
		col("curp", Varchar(18), "curp"),
		col("birthDate", Varchar(23), "birthdate"),
		col("gender", Char(1)),
		col("personalEmail", Varchar(60), "email"),
		col("mobilePhone", Varchar(20), "phone"),
		col("street", Varchar(80), "address"),
		col("neighborhood", Varchar(60), "address"),
		col("city", Varchar(60)),
		col("state", Varchar(40)),
		col("zip", Integer, "postal_code"),
		col("guardianName", Varchar(90), "person_name"),
		col("guardianPhone", Varchar(20), "phone"),
		col("nssFacultativo", Varchar(11), "nss"),
		col("healthInsurance", Varchar(30), "health_enrollment"),
		col("allergies", Varchar(40), "health_condition"),
		col("highSchoolGpa", Decimal(4, 2)),
		col("admissionScore", Integer),
		col("program", Varchar(50)),
		col("campus", Varchar(40)),
		col("createdAt", Varchar(20)),
		col("scholarshipPct", Integer),
	}
	t.Rows = len(plans)
	seed := r.Uint64()
	today := p.Today()
	programs := []string{"Ingeniería en Sistemas Computacionales", "Médico Cirujano", "Derecho", "Contaduría Pública",
		"Licenciatura en Enfermería", "Psicología", "Arquitectura", "Administración de Empresas"}
	campuses := []string{"Campus Benito Juárez", "Campus Norte", "Campus Tlalpan", "Campus Miguel Hidalgo", "Campus en Línea"}
	insurers := newWeighted([]uint64{55, 10, 12, 5, 3, 15})
	insurerNames := []string{"IMSS - SEGURO FACULTATIVO", "ISSSTE", "IMSS-BIENESTAR", "GNP SEGUROS", "AXA SEGUROS", "NINGUNO"}
	allergyW := newWeighted([]uint64{62, 8, 8, 4, 4, 4, 3, 3, 2, 2})
	allergies := []string{"NINGUNA", "", "PENICILINA", "SULFAS", "MARISCOS", "POLEN", "ASPIRINA", "IBUPROFENO", "LATEX", "NUEZ"}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, pl := range plans {
			pp := p.Person(pl.who)
			a := pp.Address
			admitted := dayTime(pl.admitted)
			birth := pp.Birth.Format("2006-01-02") + " 00:00:00.000"
			if chance(rr, 20) {
				birth = "1900-01-01 00:00:00.000"
			}
			var email any
			if pp.Email != "" && chance(rr, 900) {
				email = pp.Email
			}
			zip, _ := strconv.ParseInt(a.PostalCode, 10, 64)
			guardian := bcDrawName(rr)
			if chance(rr, 600) {
				guardian.Paterno = plain(pp.Paterno)
			}
			var nss any
			if chance(rr, 800) {
				nss = bcNSS(rr, pp.Birth, admitted.Year())
			}
			var allergy any = allergies[allergyW.pick(rr)]
			if allergy == "" {
				allergy = nil
			}
			row := []any{
				fmt.Sprintf("A%08d", 1000000+k*13+rr.IntN(13)),
				titleCase(pp.Nombre),
				titleCase(joinNonEmpty(pp.Paterno, pp.Materno)),
				bcCURP(rr, pl.form, pp.CURP, today),
				birth,
				sexCode(pp.Sex, "M", "F", "X"),
				email,
				bcIntlPhone(rr, pp.Phone),
				titleCase(a.StreetType + " " + a.Street + " " + a.NumberText()),
				titleCase(a.Colonia),
				titleCase(a.Municipality),
				a.StateName,
				zip,
				titleCase(guardian.Full()),
				bcIntlPhone(rr, bcOtherPhone(rr, pp.Phone)),
				nss,
				insurerNames[insurers.pick(rr)],
				allergy,
				money(between(rr, 700, 1000)),
				int64(between(rr, 900, 1300)),
				pick(rr, programs),
				pick(rr, campuses),
				moment(rr, pl.admitted-int32(between(rr, 30, 120))).Format("2006-01-02T15:04:05Z"),
				int64(pick(rr, []int{0, 0, 0, 10, 25, 50, 100})),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
