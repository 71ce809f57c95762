package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// odontogramas: a dental chain's application (MySQL with JSON columns),
// one row per check-up: the patient's id, the branch, the date, the
// odontogram as a JSON object keyed by the teeth that are not healthy
// ({"16":"caries","36":"resina","48":"ausente"}; {} for a healthy mouth),
// the treatment plan as a JSON array of tooth, treatment and cost, and the
// dentist's progress notes in lower case ("se realiza resina oclusal en 16
// sin complicaciones").
//
// The table is about the patients its ids link to (doc.go): odontograma,
// plan_tratamiento and notas_evolucion are health_condition; the ids,
// branch and dates none.
func bdBuildOdontogramas(p *Pool, r *rand.Rand) *Table {
	type visit struct {
		patient int32
		day     int32
	}
	start := time.Date(2019, 1, 7, 0, 0, 0, 0, time.UTC)
	var plan []visit
	for k := range bdPeople(p, r, 25, 3, 90, 0) {
		for range between(r, 1, 3) {
			plan = append(plan, visit{int32(k + 1), timeDay(bdDay(r, start, p.Today().AddDate(0, 0, -1)))})
		}
	}
	bdSortBy(plan, func(v visit) int64 { return int64(v.day) })
	t := &Table{
		Name:  "odontogramas",
		Style: "dental-chain-json",
		Rows:  len(plan),
		Columns: []Column{
			col("id", Integer),
			col("paciente_id", Integer),
			col("sucursal", Varchar(30)),
			col("fecha_revision", Date),
			col("odontograma", Text, taxonomy.HealthCondition),
			col("plan_tratamiento", Text, taxonomy.HealthCondition),
			col("notas_evolucion", Text, taxonomy.HealthCondition),
			col("doctor_id", Integer),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, v := range plan {
			var teeth []int
			for range between(r, 0, 6) {
				tooth := between(r, 1, 4)*10 + between(r, 1, 8)
				if !slices.Contains(teeth, tooth) {
					teeth = append(teeth, tooth)
				}
			}
			slices.Sort(teeth)
			var odo bdObj
			var planArr bdArr
			var notes []string
			for _, tooth := range teeth {
				st := pick(r, bdToothStates)
				odo = append(odo, bdKV{strconv.Itoa(tooth), st.state})
				if st.treatment != "" {
					planArr = append(planArr, bdObj{{"pieza", strconv.Itoa(tooth)}, {"tratamiento", st.treatment}, {"costo", int64(st.cost)}})
					if chance(r, 500) {
						notes = append(notes, fmt.Sprintf(pick(r, st.notes), tooth))
					}
				}
			}
			var noteCell any
			if len(notes) > 0 {
				noteCell = strings.Join(notes, "; ")
				if chance(r, 300) {
					noteCell = noteCell.(string) + ", " + pick(r, []string{"pte refiere sensibilidad al frio", "se dan indicaciones de higiene",
						"proxima cita en 15 dias", "pte con ansiedad, se trabaja con calma"})
				}
			} else if chance(r, 300) {
				noteCell = pick(r, []string{"revision sin hallazgos, profilaxis", "tecnica de cepillado, aplicacion de fluor"})
			}
			odoCell, planCell := "{}", "[]"
			if len(odo) > 0 {
				odoCell = bdJSON(odo, jsonNode)
			}
			if len(planArr) > 0 {
				planCell = bdJSON(planArr, jsonNode)
			}
			row := []any{int64(k + 1), int64(v.patient), pick(r, []string{"SUC. CENTRO", "SUC. PLAZA NORTE", "SUC. LAS AMERICAS", "SUC. SATELITE"}),
				dayTime(v.day), odoCell, planCell, noteCell, int64(between(r, 1, 14))}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var bdToothStates = []struct {
	state, treatment string
	cost             int
	notes            []string
}{
	{"caries", "resina", 750, []string{"se realiza resina oclusal en %d sin complicaciones", "resina en %d, se ajusta mordida"}},
	{"caries profunda", "endodoncia", 3500, []string{"se inicia endodoncia en %d, curacion temporal", "conductos de %d obturados"}},
	{"obturado", "", 0, nil},
	{"resina", "", 0, nil},
	{"ausente", "implante", 14000, []string{"valoracion para implante en zona de %d"}},
	{"fractura", "corona", 4800, []string{"preparacion de %d para corona", "se cementa corona en %d"}},
	{"resto radicular", "extraccion", 800, []string{"extraccion de %d sin complicaciones, se indica ibuprofeno"}},
	{"movilidad grado II", "ferulizacion", 1500, []string{"ferulizacion de %d por movilidad"}},
	{"sellador", "", 0, nil},
}
