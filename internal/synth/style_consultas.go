package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/alcance-mx/alcance/taxonomy"
)

// consultas: the consultations of the register's beneficiaries, about 2.5
// per enrollment, in visit order. id_beneficiario points at
// padron_beneficiarios.id. The diagnosis comes as a CIE-10 code in mixed
// forms and as text consistent with it; the facility as a CLUES; the doctor
// by name; and a free-text note that often names the patient, sometimes
// with the CURP, and often the condition.
func buildConsultas(p *Pool, r *rand.Rand) *Table {
	reg := p.Register()
	type visit struct {
		enr  uint32
		at   int32 // minutes since registerStart
		what visitFacts
	}
	var plan []visit
	if len(reg) > 0 {
		end := timeDay(p.Today()) - 1
		plan = make([]visit, len(reg)*5/2)
		for k := range plan {
			e := r.IntN(len(reg))
			day := reg[e].Enrolled + int32(r.IntN(int(end-reg[e].Enrolled)+1))
			at := (day-timeDay(registerStart))*24*60 + int32(between(r, 7*60, 20*60-1))
			plan[k] = visit{uint32(e), at, drawVisitFacts(r)}
		}
		slices.SortStableFunc(plan, func(a, b visit) int {
			return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.enr, b.enr))
		})
	}
	byState := map[string][]int{}
	for _, st := range states {
		byState[st.Code] = p.FacilitiesIn(st.Code)
	}
	dx := Diagnoses()
	var ws []uint64
	for _, d := range dx {
		ws = append(ws, d.Weight)
	}
	dxW := newWeighted(ws)

	t := &Table{
		Name:        "consultas",
		Style:       "consultations",
		Rows:        len(plan),
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{beneficiaryRef("id_beneficiario"), cluesRef("clues")},
		Columns: []Column{
			col("id", Integer),
			col("id_beneficiario", Integer),
			col("fecha_consulta", Timestamp),
			col("cie10", Varchar(6), taxonomy.HealthCondition),
			col("diagnostico", Varchar(120), taxonomy.HealthCondition),
			col("clues", Char(11), taxonomy.HealthFacility),
			col("medico", Varchar(80), taxonomy.PersonName),
			col("notas", Text, taxonomy.PersonName, taxonomy.HealthCondition, taxonomy.CURP),
		},
	}
	for _, v := range plan {
		// Every register row names its person with a DATE birthdate, so
		// the visit is theirs through id_beneficiario; the unit always
		// attended them, and the note may add their name and CURP.
		ident, holds := IdentLinked, Cats(taxonomy.HealthFacility)
		if v.what&(visitCode|visitText|noteCondition) != 0 {
			holds |= Cats(taxonomy.HealthCondition)
		}
		if v.what&noteName != 0 {
			holds |= Cats(taxonomy.PersonName)
		}
		if v.what&noteCURP != 0 {
			ident, holds = ident|IdentCURP, holds|Cats(taxonomy.CURP)
		}
		t.subject(reg[v.enr].Person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, v := range plan {
			e := reg[v.enr]
			ps := p.Person(e.Person)
			at := registerStart.Add(minutes(v.at))
			d := drawDiagnosis(r, dx, dxW, ps, at.Year())

			var code, text any
			if v.what&visitCode != 0 {
				code = CIE10Display(d.Code, r.IntN(2))
			}
			if v.what&visitText != 0 {
				text = d.Description
				if len(d.Variants) > 0 && chance(r, 600) {
					text = pick(r, d.Variants)
				}
			}
			f := p.facilities[pick(r, byState[ps.Address.StateCode])]
			row := []any{int64(k + 1), e.ID, at, code, text, f.CLUES, pick(r, f.Doctors), note(r, ps, d, v.what)}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// drawDiagnosis picks a diagnosis that fits the patient: no prenatal care
// for men or girls, no well-child visits for adults, few chronic diseases
// in children.
func drawDiagnosis(r *rand.Rand, dx []Diagnosis, w weighted, ps Person, year int) Diagnosis {
	age := year - ps.Birth.Year()
	for range 8 {
		d := dx[w.pick(r)]
		switch d.Code {
		case "Z349", "O800":
			if ps.Sex != 'M' || age < 15 || age > 45 {
				continue
			}
		case "Z001":
			if age >= 10 {
				continue
			}
		case "E119", "E112", "I10", "I259", "N189", "M179", "E785":
			if age < 25 {
				continue
			}
		}
		return d
	}
	return dx[0]
}

// Notes: about 8% empty; of the others about 40% name the patient, 15% give
// the CURP and 60% name a condition, the rest say nothing personal.
var (
	notesWithName = []string{
		"PACIENTE {N} ACUDE A CONTROL DE {C}.",
		"SE VALORA A {N} POR {C}, SE INDICA TRATAMIENTO Y CITA EN 15 DIAS.",
		"{N} REFIERE SINTOMAS COMPATIBLES CON {C} DESDE HACE 3 DIAS.",
		"PACIENTE {N} CON DIAGNOSTICO DE {C}, SE AJUSTA TRATAMIENTO.",
	}
	notesNameOnly = []string{
		"PACIENTE {N} ACUDE A CITA SUBSECUENTE, SIN DATOS DE ALARMA.",
		"SE ENTREGA RECETA A {N}.",
		"{N} NO PRESENTA CAMBIOS RESPECTO A LA ULTIMA CONSULTA.",
		"ACOMPAÑA A {N} UN FAMILIAR. SE DAN INDICACIONES.",
	}
	notesConditionOnly = []string{
		"CONTROL DE {C}, SE AJUSTA DOSIS.",
		"PACIENTE CON {C}, SE REFIERE A SEGUNDO NIVEL.",
		"SE DESCARTA COMPLICACION DE {C}. CITA ABIERTA.",
		"CURSA CON {C}. SE DAN MEDIDAS GENERALES.",
	}
	notesGeneric = []string{
		"CITA SUBSECUENTE EN 30 DIAS.",
		"SE ENTREGA RECETA SURTIDA.",
		"SIN NOVEDAD.",
		"NO ACUDE A CITA PROGRAMADA.",
		"SIGNOS VITALES DENTRO DE PARAMETROS NORMALES.",
		"SE ACTUALIZA EXPEDIENTE.",
		"PENDIENTE RESULTADO DE LABORATORIO.",
	}
)

// visitFacts are what a consultation row holds, drawn with the plan so
// that the truth of the person figures knows them: whether the diagnosis
// came as a code and as text (about 3% and 2% are missing), and what the
// note says.
type visitFacts uint8

const (
	visitCode visitFacts = 1 << iota
	visitText
	noteWritten
	noteName
	noteCondition
	noteCURP
)

func drawVisitFacts(r *rand.Rand) visitFacts {
	var f visitFacts
	if !chance(r, 30) {
		f |= visitCode
	}
	if !chance(r, 20) {
		f |= visitText
	}
	if chance(r, 80) {
		return f
	}
	f |= noteWritten
	name := chance(r, 400)
	if name {
		f |= noteName
	}
	if chance(r, 600) {
		f |= noteCondition
	}
	if (name && chance(r, 300)) || (!name && chance(r, 50)) {
		f |= noteCURP
	}
	return f
}

func note(r *rand.Rand, ps Person, d Diagnosis, f visitFacts) any {
	if f&noteWritten == 0 {
		return nil
	}
	name, cond, curp := f&noteName != 0, f&noteCondition != 0, f&noteCURP != 0
	var tpl string
	switch {
	case name && cond:
		tpl = pick(r, notesWithName)
	case name:
		tpl = pick(r, notesNameOnly)
	case cond:
		tpl = pick(r, notesConditionOnly)
	default:
		tpl = pick(r, notesGeneric)
	}
	who := plain(ps.FullName())
	switch n := r.IntN(10); {
	case n < 2:
		who = plain(ps.RegistryName())
	case n < 3:
		if ps.Sex == 'M' {
			who = "SRA. " + who
		} else {
			who = "SR. " + who
		}
	}
	condition := d.Description
	if len(d.Variants) > 0 {
		condition = pick(r, d.Variants)
	}
	s := strings.ReplaceAll(tpl, "{N}", who)
	s = strings.ReplaceAll(s, "{C}", condition)
	if curp {
		if chance(r, 500) {
			s += " CURP " + ps.CURP + "."
		} else {
			s = "CURP: " + ps.CURP + ". " + s
		}
	}
	return s
}
