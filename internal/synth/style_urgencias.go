package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// urgencias_atenciones: the emergency-room log of a state's hospitals as
// the health ministry publishes it, anonymised: no name, no CURP, one row
// per visit, in arrival order. Each visit is a pool person's (so ages,
// sexes and states of residence are the population's), but nothing in the
// row names them: age, sex coded 1 (hombre) / 2 (mujer), the INEGI key of
// the state of residence, the triage level 1 (resuscitation) to 5 (not
// urgent), the reason for the visit as short condition text, a lab result
// coded 1 positive, 2 negative, 3 pending, 97 not tested, the kind of
// discharge 1 home, 2 admitted, 3 transferred, 4 death, whether the
// patient was intubated 1 yes, 2 no, 97 not applicable (sent home), and
// the CLUES of the hospital that attended. A table with a row per case is
// about people even when anonymised (taxonomy), so the condition, its
// severity, test and outcome columns are health_condition and the CLUES
// is health_facility (doc.go).
func buildUrgencias(p *Pool, r *rand.Rand) *Table {
	type visit struct {
		person int32
		at     int32 // minutes since urgenciasStart
		fac    int32
	}
	hospitals := map[string][]int{}
	var anyHospital []int
	for i, f := range p.Facilities() {
		if strings.Contains(f.Type, "HOSPITAL") {
			hospitals[f.StateCode] = append(hospitals[f.StateCode], i)
			anyHospital = append(anyHospital, i)
		}
	}
	for _, st := range states {
		if len(hospitals[st.Code]) == 0 {
			hospitals[st.Code] = p.FacilitiesIn(st.Code)
		}
	}
	if len(anyHospital) == 0 {
		anyHospital = hospitals[states[0].Code]
	}
	start := timeDay(urgenciasStart)
	end := timeDay(p.Today()) - 1
	n := scaled(p.Len(), 1, 6, 200, 400000)
	plan := make([]visit, 0, n)
	for range n {
		i := int32(r.IntN(p.Len()))
		from := max(start, p.people[i].birth)
		day := from + int32(r.IntN(int(end-from)+1))
		v := visit{person: i, at: (day-start)*24*60 + int32(r.IntN(24*60))}
		if chance(r, 100) {
			v.fac = int32(pick(r, anyHospital))
		} else {
			v.fac = int32(pick(r, hospitals[states[muniState(int(p.people[i].muni))].Code]))
		}
		plan = append(plan, v)
	}
	slices.SortStableFunc(plan, func(a, b visit) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:        "urgencias_atenciones",
		Style:       "emergency-cases-anonymised",
		Rows:        len(plan),
		PrimaryKey:  []string{"folio_atencion"},
		ForeignKeys: []ForeignKey{cluesRef("clues")},
		Columns: []Column{
			col("folio_atencion", Varchar(16)),
			col("fecha_hora_ingreso", Timestamp),
			col("edad", Integer),
			col("sexo", Integer),
			col("entidad_res", Char(2)),
			col("clasificacion_triage", Integer, taxonomy.HealthCondition),
			col("motivo_atencion", Varchar(60), taxonomy.HealthCondition),
			col("resultado_prueba", Integer, taxonomy.HealthCondition),
			col("tipo_egreso", Integer, taxonomy.HealthCondition),
			col("intubado", Integer, taxonomy.HealthCondition),
			col("clues", Char(11), taxonomy.HealthFacility),
		},
	}
	var ws []uint64
	for _, m := range motivos {
		ws = append(ws, m.w)
	}
	motivoW := newWeighted(ws)
	t.noSubjects() // anonymised: no row names or identifies anyone
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, v := range plan {
			ps := p.Person(v.person)
			at := urgenciasStart.Add(minutes(v.at))
			age := ageAt(ps.Birth, at)
			sex := ps.Sex
			if sex == 'X' { // the form has two boxes
				sex = pick(r, []byte{'H', 'M'})
			}
			m := drawMotivo(r, motivoW, sex, age)
			triage := m.tri.pick(r) + 1
			egreso := m.out.pick(r) + 1
			if triage >= 4 && egreso == egresoDefuncion {
				egreso = egresoAlta
			}
			var prueba int64 = 97
			if chance(r, m.test) {
				switch {
				case chance(r, 50):
					prueba = 3
				case chance(r, m.pos):
					prueba = 1
				default:
					prueba = 2
				}
			}
			var intubado int64 = 97
			if egreso != egresoAlta {
				pm := m.intub
				if egreso == egresoDefuncion || triage == 1 {
					pm = min(3*pm, 900)
				}
				intubado = 2
				if chance(r, pm) {
					intubado = 1
				}
			}
			sexo := int64(1)
			if sex == 'M' {
				sexo = 2
			}
			row := []any{
				fmt.Sprintf("U%d-%07d", at.Year(), k+1),
				at,
				int64(age),
				sexo,
				ps.Address.StateKey,
				int64(triage),
				m.text,
				prueba,
				int64(egreso),
				intubado,
				p.facilities[v.fac].CLUES,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// urgenciasStart is the first day of the log.
var urgenciasStart = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

const (
	egresoAlta      = 1
	egresoDefuncion = 4
)

// motivo is a reason for an emergency visit: how often it comes, its
// triage levels 1-5, how often a lab test is done (per mille) and comes
// back positive, the discharge kinds (home, admitted, transferred, death),
// how often an admitted patient is intubated, and who can have it.
type motivo struct {
	text      string
	w         uint64
	tri       weighted
	test, pos int
	out       weighted
	intub     int
	who       byte // 0 anyone, 'A' adults, 'O' 40 and over, 'W' women 15-45, 'T' 12 and over
}

func mot(text string, w uint64, tri [5]uint64, test, pos int, out [4]uint64, intub int, who byte) motivo {
	return motivo{text, w, newWeighted(tri[:]), test, pos, newWeighted(out[:]), intub, who}
}

var motivos = []motivo{
	mot("DOLOR TORACICO", 40, [5]uint64{5, 40, 40, 15, 0}, 600, 250, [4]uint64{600, 300, 80, 20}, 30, 'A'),
	mot("INFARTO AGUDO DE MIOCARDIO", 10, [5]uint64{40, 60, 0, 0, 0}, 900, 850, [4]uint64{50, 600, 250, 100}, 200, 'O'),
	mot("TRAUMATISMO CRANEOENCEFALICO", 25, [5]uint64{15, 30, 35, 20, 0}, 100, 300, [4]uint64{600, 250, 120, 30}, 150, 0),
	mot("CRISIS ASMATICA", 25, [5]uint64{5, 35, 45, 15, 0}, 150, 400, [4]uint64{750, 200, 40, 10}, 50, 0),
	mot("INFECCION RESPIRATORIA AGUDA", 90, [5]uint64{0, 3, 30, 50, 17}, 350, 300, [4]uint64{950, 40, 10, 0}, 10, 0),
	mot("NEUMONIA", 25, [5]uint64{5, 35, 50, 10, 0}, 700, 450, [4]uint64{300, 600, 70, 30}, 150, 0),
	mot("COVID-19", 15, [5]uint64{5, 25, 50, 20, 0}, 1000, 850, [4]uint64{600, 320, 50, 30}, 200, 0),
	mot("DOLOR ABDOMINAL", 80, [5]uint64{0, 10, 50, 35, 5}, 400, 200, [4]uint64{800, 150, 40, 10}, 5, 0),
	mot("APENDICITIS AGUDA", 15, [5]uint64{0, 40, 55, 5, 0}, 700, 700, [4]uint64{20, 900, 80, 0}, 20, 0),
	mot("GASTROENTERITIS AGUDA", 70, [5]uint64{0, 5, 35, 45, 15}, 200, 300, [4]uint64{950, 40, 10, 0}, 0, 0),
	mot("DESHIDRATACION", 20, [5]uint64{3, 25, 50, 22, 0}, 300, 300, [4]uint64{800, 170, 25, 5}, 10, 0),
	mot("FIEBRE EN ESTUDIO", 45, [5]uint64{0, 5, 30, 45, 20}, 400, 250, [4]uint64{920, 60, 20, 0}, 0, 0),
	mot("CEFALEA", 35, [5]uint64{0, 5, 30, 45, 20}, 50, 100, [4]uint64{960, 30, 10, 0}, 0, 'T'),
	mot("LUMBALGIA", 35, [5]uint64{0, 0, 20, 50, 30}, 20, 100, [4]uint64{990, 10, 0, 0}, 0, 'A'),
	mot("HERIDA CORTANTE EN MANO", 40, [5]uint64{0, 5, 40, 45, 10}, 0, 0, [4]uint64{970, 20, 10, 0}, 0, 0),
	mot("FRACTURA DE ANTEBRAZO", 25, [5]uint64{0, 10, 70, 20, 0}, 50, 100, [4]uint64{600, 300, 100, 0}, 0, 0),
	mot("ESGUINCE DE TOBILLO", 30, [5]uint64{0, 0, 20, 60, 20}, 0, 0, [4]uint64{1000, 0, 0, 0}, 0, 0),
	mot("QUEMADURA DE SEGUNDO GRADO", 10, [5]uint64{5, 30, 45, 20, 0}, 100, 100, [4]uint64{600, 250, 150, 0}, 50, 0),
	mot("POLICONTUNDIDO POR ACCIDENTE DE TRANSITO", 20, [5]uint64{20, 40, 30, 10, 0}, 300, 200, [4]uint64{450, 350, 150, 50}, 150, 0),
	mot("HERIDA POR PROYECTIL DE ARMA DE FUEGO", 6, [5]uint64{50, 40, 10, 0, 0}, 400, 100, [4]uint64{50, 550, 200, 200}, 400, 'T'),
	mot("CRISIS HIPERTENSIVA", 25, [5]uint64{5, 45, 40, 10, 0}, 200, 200, [4]uint64{800, 150, 40, 10}, 20, 'A'),
	mot("HIPERGLUCEMIA", 20, [5]uint64{5, 35, 45, 15, 0}, 900, 800, [4]uint64{650, 300, 40, 10}, 20, 'A'),
	mot("EVENTO VASCULAR CEREBRAL", 8, [5]uint64{50, 45, 5, 0, 0}, 600, 700, [4]uint64{50, 600, 250, 100}, 250, 'O'),
	mot("CRISIS CONVULSIVA", 12, [5]uint64{20, 50, 30, 0, 0}, 300, 300, [4]uint64{700, 200, 80, 20}, 80, 0),
	mot("INTOXICACION ETILICA", 15, [5]uint64{5, 30, 45, 20, 0}, 500, 900, [4]uint64{900, 80, 15, 5}, 30, 'T'),
	mot("PICADURA DE ALACRAN", 15, [5]uint64{10, 40, 40, 10, 0}, 0, 0, [4]uint64{950, 40, 10, 0}, 5, 0),
	mot("MORDEDURA DE PERRO", 10, [5]uint64{0, 5, 45, 40, 10}, 0, 0, [4]uint64{990, 10, 0, 0}, 0, 0),
	mot("TRABAJO DE PARTO", 30, [5]uint64{5, 40, 50, 5, 0}, 600, 20, [4]uint64{100, 850, 50, 0}, 5, 'W'),
	mot("AMENAZA DE ABORTO", 10, [5]uint64{10, 50, 40, 0, 0}, 700, 600, [4]uint64{500, 450, 50, 0}, 5, 'W'),
	mot("CRISIS DE ANSIEDAD", 20, [5]uint64{0, 10, 40, 40, 10}, 0, 0, [4]uint64{980, 10, 10, 0}, 0, 'T'),
	mot("CUERPO EXTRAÑO EN OJO", 10, [5]uint64{0, 5, 40, 45, 10}, 0, 0, [4]uint64{950, 0, 50, 0}, 0, 0),
	mot("COLICO RENOURETERAL", 20, [5]uint64{0, 30, 55, 15, 0}, 600, 500, [4]uint64{900, 80, 20, 0}, 0, 'A'),
	mot("INSUFICIENCIA RENAL CRONICA AGUDIZADA", 10, [5]uint64{20, 50, 30, 0, 0}, 900, 800, [4]uint64{200, 650, 100, 50}, 100, 'A'),
}

// drawMotivo picks a reason that fits the patient: childbirth only for
// women of an age to give birth, heart attacks from forty, and so on.
func drawMotivo(r *rand.Rand, w weighted, sex byte, age int) *motivo {
	for range 8 {
		m := &motivos[w.pick(r)]
		switch m.who {
		case 'A':
			if age < 18 {
				continue
			}
		case 'O':
			if age < 40 {
				continue
			}
		case 'T':
			if age < 12 {
				continue
			}
		case 'W':
			if sex != 'M' || age < 15 || age > 45 {
				continue
			}
		}
		return m
	}
	return &motivos[4] // INFECCION RESPIRATORIA AGUDA: anyone
}
