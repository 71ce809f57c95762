package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// censo_cronicos: a census of people with chronic diseases kept by a health
// jurisdiction in a spreadsheet turned table, one row per patient in
// registration order. Names come surname first in one field; the
// birthdate is text with Spanish month names (21/MAR/1963, 21-MAR-63,
// 21 de marzo de 1963) or a two-digit year (21/03/63); the conditions are
// flags coded 1 (yes), 2 (no), 9 (unknown), upper-case like the survey
// form; the treatment lists the medicines the patient takes; the unit is
// the health unit that follows the patient, by name. The notes name the
// patient in about a third of the rows and a condition in about half.
// Mess: missing and placeholder CURPs, the OEAF771012HMCRGR09 fixture,
// sentinel birthdates (00/00/0000, 1900-01-01, 9999-99-99), Ñ as Ã‘.
func buildCronicos(p *Pool, r *rand.Rand) *Table {
	type patient struct {
		person int32
		reg    int32 // day of registration
		flags  uint8 // 2 bits per condition: diabetes, hypertension, obesity; 1 yes, 2 no, 3 unknown
		form   CURPForm
		curp   uint8 // 1: the fixture instead
		unit   uint16
		noDate bool // fecha_nac is a sentinel
	}
	today := timeDay(p.Today())
	start := timeDay(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC))
	byState := map[string][]int{}
	for _, st := range states {
		byState[st.Code] = p.FacilitiesIn(st.Code)
	}
	var plan []patient
	for _, i := range p.Sample(r, 90, func(i int32) bool { return ageAt(p.Birth(i), p.Today()) >= 20 }) {
		pt := patient{person: i, reg: start + int32(r.IntN(int(today-start))), form: curpForm(r, 15, 30, 5),
			noDate: chance(r, 15)}
		if pt.form == CURPValid && chance(r, 4) {
			pt.curp = 1
		}
		known := false
		for c, perMille := range []int{550, 600, 400} {
			v := uint8(2)
			switch n := r.IntN(1000); {
			case n < 25:
				v = 3
			case n < 25+perMille:
				v, known = 1, true
			}
			pt.flags |= v << (2 * c)
		}
		if !known { // in the census for a condition: at least one is known
			pt.flags = pt.flags&^3 | 1
		}
		if fs := byState[states[muniState(int(p.people[i].muni))].Code]; len(fs) > 0 {
			pt.unit = uint16(pick(r, fs))
		}
		plan = append(plan, pt)
	}
	slices.SortStableFunc(plan, func(a, b patient) int {
		return cmp.Or(cmp.Compare(a.reg, b.reg), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:       "censo_cronicos",
		Style:      "chronic-disease-census",
		Rows:       len(plan),
		PrimaryKey: []string{"folio"},
		Columns: []Column{
			col("folio", Integer),
			col("curp", Varchar(18), taxonomy.CURP),
			col("nombre", Varchar(100), taxonomy.PersonName),
			col("fecha_nac", Varchar(24), taxonomy.Birthdate),
			col("edad", Integer),
			col("DIABETES", Integer, taxonomy.HealthCondition),
			col("HIPERTENSION", Integer, taxonomy.HealthCondition),
			col("OBESIDAD", Integer, taxonomy.HealthCondition),
			col("tratamiento", Varchar(160), taxonomy.HealthCondition),
			col("unidad", Varchar(120), taxonomy.HealthFacility),
			col("fecha_registro", Date),
			col("observaciones", Text, taxonomy.PersonName, taxonomy.HealthCondition),
		},
	}
	for _, pt := range plan {
		// the full name in one field; the condition flags and the unit
		// are in every row
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.HealthCondition, taxonomy.HealthFacility)
		if pt.form == CURPValid && pt.curp == 0 {
			t.Persons = append(t.Persons, pt.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !pt.noDate {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		t.subject(pt.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, pt := range plan {
			ps := p.Person(pt.person)
			var curp any = curpCell(r, pt.form, ps.CURP, p.Today())
			if pt.curp == 1 {
				curp = curpFixture
			}
			flag := func(c int) int64 {
				if v := pt.flags >> (2 * c) & 3; v != 3 {
					return int64(v)
				}
				return 9
			}
			var has []int
			for c := range 3 {
				if flag(c) == 1 {
					has = append(has, c)
				}
			}
			reg := dayTime(pt.reg)
			row := []any{
				int64(k + 1),
				curp,
				mojibake(r, plain(ps.RegistryName()), 60),
				cronicoBirth(r, ps.Birth, pt.noDate),
				int64(ageAt(ps.Birth, reg)),
				flag(0),
				flag(1),
				flag(2),
				treatment(r, has),
				p.facilities[pt.unit].Name,
				reg,
				cronicoNote(r, ps, has),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// cronicoBirth writes a birthdate in one of the census's text forms, or a
// sentinel for the rows (about 1.5%) the plan gives none.
func cronicoBirth(r *rand.Rand, b time.Time, sentinel bool) string {
	if sentinel {
		return pick(r, dateSentinels[:3])
	}
	switch n := between(r, 15, 999); {
	case n < 350:
		return monthNameDate(b, "/", false)
	case n < 450:
		return monthNameDate(b, "-", true)
	case n < 700:
		return spanishLongDate(b, chance(r, 300))
	}
	return ddmmyy(b)
}

// Conditions of the census (diabetes, hypertension, obesity): how notes
// write them, and the treatments a patient with each takes.
var (
	cronicoNames = [3][]string{
		{"DIABETES MELLITUS TIPO 2", "DM2", "DIABETES TIPO 2", "DIABETES MELLITUS"},
		{"HIPERTENSION ARTERIAL", "HAS", "HIPERTENSION ARTERIAL SISTEMICA"},
		{"OBESIDAD", "OBESIDAD GRADO I", "OBESIDAD GRADO II"},
	}
	cronicoDrugs = [3][]string{
		{"METFORMINA 850 MG", "GLIBENCLAMIDA 5 MG", "INSULINA GLARGINA 100 UI/ML", "INSULINA NPH 100 UI/ML"},
		{"LOSARTAN 50 MG", "ENALAPRIL 10 MG", "CAPTOPRIL 25 MG", "AMLODIPINO 5 MG", "HIDROCLOROTIAZIDA 25 MG"},
		{"DIETA Y EJERCICIO", "PLAN DE ALIMENTACION", "ORLISTAT 120 MG"},
	}
	doses = []string{"", "", " C/24 HRS", " C/12 HRS", " 1 TAB C/8 HRS", " 1-0-1"}
)

// treatment lists what the patient takes for the conditions flagged;
// about 8% say nothing (NULL, SIN TRATAMIENTO).
func treatment(r *rand.Rand, has []int) any {
	switch n := r.IntN(1000); {
	case n < 40 || len(has) == 0:
		return nil
	case n < 80:
		return "SIN TRATAMIENTO"
	}
	var parts []string
	for _, c := range has {
		drug := pick(r, cronicoDrugs[c])
		if strings.HasSuffix(drug, " MG") {
			drug += pick(r, doses)
		}
		parts = append(parts, drug)
	}
	return strings.Join(parts, ", ")
}

// Notes: about 10% empty; of the others about a third name the patient
// and about half name a condition the patient has.
var (
	cronicoWithName = []string{
		"PACIENTE {N} CON {C} DE LARGA EVOLUCION.",
		"{N} ACUDE A CONTROL DE {C}, SE AJUSTA TRATAMIENTO.",
		"SE VISITA A {N} EN DOMICILIO POR {C} DESCONTROLADA.",
	}
	cronicoNameOnly = []string{
		"SE LOCALIZA A {N} EN DOMICILIO.",
		"{N} NO ACUDIO A SU CITA.",
		"FAMILIAR DE {N} RECOGE MEDICAMENTO.",
	}
	cronicoConditionOnly = []string{
		"{C} EN CONTROL.",
		"{C} DESCONTROLADA, SE REFIERE A NUTRICION.",
		"SE SOLICITA GLUCOSA Y PERFIL DE LIPIDOS POR {C}.",
	}
	cronicoGeneric = []string{
		"SIN OBSERVACIONES", "CAMBIO DE DOMICILIO", "SE ENTREGA CARNET DE CITAS",
		"PENDIENTE ACTUALIZAR DATOS", "NO SE LOCALIZA DOMICILIO",
	}
)

func cronicoNote(r *rand.Rand, ps Person, has []int) any {
	if chance(r, 100) {
		return nil
	}
	name := chance(r, 330)
	cond := len(has) > 0 && chance(r, 500)
	var tpl string
	switch {
	case name && cond:
		tpl = pick(r, cronicoWithName)
	case name:
		tpl = pick(r, cronicoNameOnly)
	case cond:
		tpl = pick(r, cronicoConditionOnly)
	default:
		tpl = pick(r, cronicoGeneric)
	}
	who := plain(ps.FullName())
	if chance(r, 300) {
		who = plain(ps.RegistryName())
	}
	condition := ""
	if len(has) > 0 {
		condition = pick(r, cronicoNames[pick(r, has)])
	}
	s := strings.ReplaceAll(tpl, "{N}", who)
	return strings.ReplaceAll(s, "{C}", condition)
}
