package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// nomina_empleados: the payroll of a state health service's public
// servants, modern style with lower-case column names, one row per
// employee in hire order. Each employee carries the full set of official
// identifiers a payroll needs: the 13-character RFC with homoclave (about
// 1.5% with a check character that does not validate, as in real data),
// the CURP, the IMSS NSS and the CLABE the salary is deposited in. The
// birthdate is an integer YYYYMMDD, as payroll systems descended from
// COBOL keep it; the hire date is a DATE and is not a birthdate; salaries
// are five-digit amounts. Mess: missing and placeholder CURPs, the
// OEAF771012HMCRGR09 fixture, the generic RFC XAXX010101000 where the
// person's was unknown, birthdates 19000101 and 0.
func buildNomina(p *Pool, r *rand.Rand) *Table {
	type employee struct {
		person int32
		hired  int32 // day of hire
		form   CURPForm
		curp   uint8 // 0 as form says, 1 the fixture instead
		rfc    uint8 // 0 valid, 1 NULL, 2 the generic RFC, 3 a wrong check character
		birth  uint8 // 0 YYYYMMDD, 1 19000101, 2 zero, 3 NULL
		noNSS  bool
		noAcct bool // no CLABE
		abbrev bool // MARIA and JOSE written MA. and J.
	}
	today := timeDay(p.Today())
	earliest := timeDay(time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC))
	adult := func(i int32) bool {
		age := ageAt(p.Birth(i), p.Today())
		return age >= 18 && age <= 67
	}
	var plan []employee
	for _, i := range p.Sample(r, 60, adult) {
		from := max(earliest, timeDay(p.Birth(i).AddDate(18, 0, 0)))
		e := employee{person: i, hired: from + int32(r.IntN(max(1, int(today-from)))), form: curpForm(r, 10, 15, 5)}
		if e.form == CURPValid && chance(r, 4) {
			e.curp = 1
		}
		switch n := r.IntN(1000); {
		case n < 10:
			e.rfc = 1
		case n < 16:
			e.rfc = 2
		case n < 31:
			e.rfc = 3
		}
		switch n := r.IntN(1000); {
		case n < 10:
			e.birth = 1
		case n < 15:
			e.birth = 2
		case n < 20:
			e.birth = 3
		}
		e.noNSS, e.noAcct, e.abbrev = chance(r, 20), chance(r, 30), chance(r, 100)
		plan = append(plan, e)
	}
	slices.SortStableFunc(plan, func(a, b employee) int {
		return cmp.Or(cmp.Compare(a.hired, b.hired), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:       "nomina_empleados",
		Style:      "payroll",
		Rows:       len(plan),
		PrimaryKey: []string{"num_empleado"},
		Columns: []Column{
			col("num_empleado", Integer),
			col("rfc", Char(13), taxonomy.RFC),
			col("curp", Char(18), taxonomy.CURP),
			col("nss", Char(11), taxonomy.NSS),
			col("nombre_completo", Varchar(100), taxonomy.PersonName),
			col("fec_nac", Integer, taxonomy.Birthdate),
			col("clabe", Char(18), taxonomy.CLABE),
			col("sueldo_mensual", Decimal(10, 2)),
			col("fecha_ingreso", Date),
			col("puesto", Varchar(60)),
			col("adscripcion", Varchar(120)),
		},
	}
	for _, e := range plan {
		ident, holds := IdentNone, Cats(taxonomy.PersonName)
		if e.form == CURPValid && e.curp == 0 {
			t.Persons = append(t.Persons, e.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if e.birth == 0 {
			holds |= Cats(taxonomy.Birthdate)
			if full := plain(p.Person(e.person).FullName()); !e.abbrev || abbreviateGiven(full) == full {
				ident |= IdentNameBirth
			}
		}
		if e.rfc == 0 || e.rfc == 3 { // a failing check character is still theirs (doc.go)
			holds |= Cats(taxonomy.RFC)
		}
		if !e.noNSS {
			holds |= Cats(taxonomy.NSS)
		}
		if !e.noAcct {
			holds |= Cats(taxonomy.CLABE)
		}
		t.subject(e.person, ident, holds)
	}
	byState := map[string][]int{}
	for _, st := range states {
		byState[st.Code] = p.FacilitiesIn(st.Code)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range plan {
			ps := p.Person(e.person)
			var curp any = curpCell(r, e.form, ps.CURP, p.Today())
			if e.curp == 1 {
				curp = curpFixture
			}
			var rfc any = personRFC(ps)
			switch e.rfc {
			case 1:
				rfc = nil
			case 2:
				rfc = genericRFC
			case 3:
				rfc = wrongRFCCheck(r, rfc.(string))
			}
			var nss, clabe any
			if !e.noNSS {
				nss = personNSS(r, ps.Birth, p.Today())
			}
			if !e.noAcct {
				clabe = personCLABE(r)
			}
			var fecNac any = int64(ps.Birth.Year()*10000 + int(ps.Birth.Month())*100 + ps.Birth.Day())
			switch e.birth {
			case 1:
				fecNac = int64(19000101)
			case 2:
				fecNac = int64(0)
			case 3:
				fecNac = nil
			}
			nombre := plain(ps.FullName())
			if e.abbrev {
				nombre = abbreviateGiven(nombre)
			}
			job := pick(r, puestos)
			pesos := between(r, job.lo, job.hi)
			cents := pesos * 100
			if chance(r, 300) {
				cents += r.IntN(100)
			}
			adscripcion := pick(r, oficinas)
			if fs := byState[ps.Address.StateCode]; len(fs) > 0 && chance(r, 450) {
				adscripcion = p.facilities[pick(r, fs)].Name
			}
			row := []any{
				int64(100000 + k + 1),
				rfc,
				curp,
				nss,
				nombre,
				fecNac,
				clabe,
				money(cents),
				dayTime(e.hired),
				job.name,
				adscripcion,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// ageAt is the age in whole years on a day.
func ageAt(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return age
}

// puestos are job titles of a state health service with their monthly
// salary range in pesos: five-digit amounts, none a postal code.
var puestos = []struct {
	name   string
	lo, hi int
}{
	{"MEDICO GENERAL", 28000, 42000}, {"MEDICO ESPECIALISTA", 38000, 62000},
	{"ENFERMERA GENERAL", 14000, 22000}, {"ENFERMERA ESPECIALISTA", 18000, 26000},
	{"AUXILIAR DE ENFERMERIA", 10500, 14500}, {"QUIMICO FARMACOBIOLOGO", 17000, 24000},
	{"TRABAJADORA SOCIAL", 12000, 16000}, {"AUXILIAR ADMINISTRATIVO", 10000, 13500},
	{"JEFE DE DEPARTAMENTO", 32000, 45000}, {"CHOFER", 10000, 12500},
	{"INTENDENTE", 10000, 11000}, {"TECNICO RADIOLOGO", 13000, 18000},
	{"CAMILLERO", 10000, 12000}, {"PROMOTOR DE SALUD", 10000, 13000},
	{"ODONTOLOGO", 24000, 34000}, {"NUTRIOLOGO", 16000, 22000},
}

// oficinas are administrative units where employees are assigned
// (adscripción): the workplace, not a facility that attended anyone.
var oficinas = []string{
	"DIRECCION DE ADMINISTRACION", "DEPARTAMENTO DE RECURSOS HUMANOS", "JURISDICCION SANITARIA NO. 1",
	"JURISDICCION SANITARIA NO. 3", "JURISDICCION SANITARIA NO. 5", "ALMACEN CENTRAL",
	"DIRECCION DE SERVICIOS DE SALUD", "SUBDIRECCION DE PLANEACION", "DEPARTAMENTO DE EPIDEMIOLOGIA",
	"LABORATORIO ESTATAL DE SALUD PUBLICA", "DIRECCION DE REGULACION SANITARIA",
}
