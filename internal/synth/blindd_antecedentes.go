package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// tblExpedienteAntecedentes: the history questionnaire of a state
// workers' clinic (SQL Server), stored one answer per row, an
// entity-attribute-value design: the record (IdExpediente, a patient's id
// only), the question's id and text, the answer as the receptionist typed
// it, when and by whom (a login).
//
// Respuesta holds the patient's answers: their own and their family's
// diseases in lay words ("SI, SU MAMA DE LA AZUCAR", "abuela de matriz"),
// habits, allergies, operations, permanent medicines and blood group, or
// NO: health_condition (answers, not placeholders). Pregunta, the same
// text for every patient, says nothing about anyone and gets none; so do
// the ids, the time and the login.
func bdBuildAntecedentes(p *Pool, r *rand.Rand) *Table {
	type answer struct {
		exp   int32
		q     uint8
		at    int64
		clerk uint8
	}
	start := time.Date(2017, 5, 2, 0, 0, 0, 0, time.UTC)
	var plan []answer
	for k := range bdPeople(p, r, 25, 15, 100, 0) {
		at := bdMoment(r, start, p.Today().AddDate(0, 0, -1)).Unix()
		clerk := uint8(r.IntN(len(bdClerks)))
		for q := range bdQuestions {
			if q > 0 && chance(r, 60) { // skipped
				continue
			}
			plan = append(plan, answer{int32(k + 1), uint8(q), at + int64(q*40+r.IntN(30)), clerk})
		}
	}
	t := &Table{
		Name:  "tblExpedienteAntecedentes",
		Style: "clinic-questionnaire-eav",
		Rows:  len(plan),
		Columns: []Column{
			col("IdRespuesta", Integer),
			col("IdExpediente", Integer),
			col("IdPregunta", Integer),
			col("Pregunta", Varchar(120)),
			col("Respuesta", Varchar(200), taxonomy.HealthCondition),
			col("FechaCaptura", Timestamp),
			col("UsuarioCaptura", Varchar(20)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, a := range plan {
			q := bdQuestions[a.q]
			ans := "NO"
			if chance(r, q.yesPM) {
				ans = pick(r, q.yes)
				if strings.Contains(ans, "%d") {
					ans = fmt.Sprintf(ans, between(r, 1, 25))
				}
			} else if chance(r, 80) {
				ans = pick(r, []string{"NO SABE", "NEGADO", "no"})
			}
			if chance(r, 250) {
				ans = strings.ToLower(ans)
			}
			row := []any{int64(k + 1), int64(a.exp + 5000), int64(a.q + 1), q.text, ans, time.Unix(a.at, 0).UTC(), bdClerks[a.clerk]}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var bdClerks = []string{"mrodriguez", "jlopezh", "recepcion1", "recepcion2", "aramirez", "enfermeria3"}

var bdQuestions = []struct {
	text  string
	yesPM int
	yes   []string
}{
	{"¿Padece usted diabetes mellitus?", 180, []string{"SI", "SI, DESDE HACE %d AÑOS", "TIENE AZUCAR", "SI, CON INSULINA"}},
	{"¿Padece usted hipertensión arterial?", 200, []string{"SI", "SI, TOMA LOSARTAN", "PRESION ALTA DESDE HACE %d AÑOS", "A VECES SE LE SUBE"}},
	{"¿Algún familiar directo padece o padeció diabetes?", 450, []string{"SI, SU MAMA DE LA AZUCAR", "PAPA Y ABUELO MATERNO", "SU HERMANA", "SI, LOS DOS PAPAS"}},
	{"¿Algún familiar directo padece o padeció cáncer?", 250, []string{"ABUELA DE MATRIZ", "TIA DE SENO", "PAPA DE PROSTATA, YA FALLECIO", "UN TIO DE LEUCEMIA"}},
	{"¿Fuma?", 180, []string{"SI, 5 AL DIA", "SI, UNA CAJETILLA DIARIA", "LO DEJO HACE %d AÑOS", "OCASIONALMENTE"}},
	{"¿Consume bebidas alcohólicas?", 350, []string{"SOCIALMENTE", "CADA FIN DE SEMANA", "SI, CERVEZA DIARIO", "EN FIESTAS"}},
	{"¿Es alérgico a algún medicamento?", 120, []string{"PENICILINA", "DICLOFENACO", "SULFAS", "ASPIRINA", "AL METAMIZOL"}},
	{"¿Le han realizado alguna cirugía?", 300, []string{"CESAREA", "LE QUITARON LA VESICULA", "APENDICE", "DE LA RODILLA HACE %d AÑOS", "HERNIA"}},
	{"¿Toma algún medicamento de forma permanente?", 300, []string{"METFORMINA 850", "OMEPRAZOL EN AYUNAS", "LOSARTAN 50 MG", "LEVOTIROXINA", "ATORVASTATINA EN LA NOCHE"}},
	{"Grupo sanguíneo y factor Rh", 700, []string{"O+", "O+", "O+", "A+", "B+", "O-", "AB+"}},
}
