package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// historia_clinica: the clinical histories of a municipal hospital's web
// application (Laravel, MySQL), one row per patient, linked to the
// patients table by paciente_id only. The doctor types each section as
// free text, in upper or lower case, often in the patient's own words:
//
//   - ahf, the family history: "mi mamá tiene azúcar", "PAPÁ CON PRESIÓN
//     ALTA", "abuela materna finada por cáncer de mama", or NIEGA;
//   - app, the personal history (diseases, operations, transfusions);
//   - apnp, habits (smoking, drinking, drugs, exercise);
//   - gineco_obstetricos for women (menarche, pregnancies, last period);
//   - padecimiento_actual, the reason for the visit, and
//     exploracion_fisica, the physical exam with its vital signs;
//   - peso and talla, measured at the visit;
//   - medicamentos_actuales, the current medicines as the framework stores
//     an array cast: JSON, PHP's escapes, [] when none;
//   - alergias, NEGADAS or the allergens.
//
// Every one of those is health_condition (doc.go: health data in all its
// forms, in a table about patients even when linked by id only; NIEGA and
// NEGADAS are answers, not placeholders; [] is empty). medico_elabora is
// person_name; ids and timestamps none.
func r4BuildHistoriaClinica(p *Pool, r *rand.Rand) *Table {
	type history struct {
		person int32
		day    int32
	}
	start := timeDay(time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC))
	end := timeDay(p.Today()) - 1
	var plan []history
	for _, i := range p.Sample(r, 30, nil) {
		from := max(start, p.people[i].birth+30)
		if from >= end {
			continue
		}
		plan = append(plan, history{i, from + int32(r.IntN(int(end-from)+1))})
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].day < plan[b-1].day; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	doctors := r4Staff(r, 12, "DR.", "DRA.")
	t := &Table{
		Name:  "historia_clinica",
		Style: "hospital-clinical-history",
		Rows:  len(plan),
		Columns: []Column{
			col("id", Integer),
			col("paciente_id", Integer),
			col("fecha_elaboracion", Timestamp),
			col("ahf", Text, taxonomy.HealthCondition),
			col("app", Text, taxonomy.HealthCondition),
			col("apnp", Text, taxonomy.HealthCondition),
			col("gineco_obstetricos", Varchar(160), taxonomy.HealthCondition),
			col("padecimiento_actual", Text, taxonomy.HealthCondition),
			col("exploracion_fisica", Text, taxonomy.HealthCondition),
			col("peso", Decimal(5, 2), taxonomy.HealthCondition),
			col("talla", Decimal(3, 2), taxonomy.HealthCondition),
			col("medicamentos_actuales", Text, taxonomy.HealthCondition),
			col("alergias", Varchar(80), taxonomy.HealthCondition),
			col("medico_elabora", Varchar(80), taxonomy.PersonName),
			col("created_at", Timestamp),
			col("updated_at", Timestamp),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, h := range plan {
			ps := p.Person(h.person)
			day := dayTime(h.day)
			age := ageAt(ps.Birth, day)
			lower := chance(r, 350)
			typed := func(s string) string {
				if lower {
					return strings.ToLower(s)
				}
				return s
			}
			at := r4At(r, day, 7, 21)
			var gyn any
			if ps.Sex == 'M' && age >= 12 {
				gyn = typed(r4Gyneco(r, age, day))
			}
			peso, talla := r4Anthropometry(r, age, ps.Sex)
			row := []any{
				int64(k + 1),
				int64(h.person)*3 + 1000 + int64(r.IntN(3)),
				at,
				typed(r4FamilyHistory(r)),
				typed(r4PersonalHistory(r, age)),
				typed(r4Habits(r, age)),
				gyn,
				typed(r4CurrentIllness(r)),
				typed(r4PhysicalExam(r, age)),
				peso, talla,
				r4MedicationJSON(r, age),
				typed(pick(r, r4Allergies)),
				pick(r, doctors),
				at, r4NotAfter(at.Add(time.Duration(between(r, 0, 3*24*3600))*time.Second), p.Today()),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// r4Relatives and r4LayConditions are how patients tell their family
// history, and how doctors write it down; {o} takes the relative's gender.
var (
	r4Relatives = []struct{ who, o string }{
		{"MAMÁ", "A"}, {"PAPÁ", "O"}, {"MI MAMÁ", "A"}, {"MI PAPÁ", "O"}, {"ABUELA MATERNA", "A"},
		{"ABUELO PATERNO", "O"}, {"ABUELA PATERNA", "A"}, {"TÍO MATERNO", "O"}, {"HERMANO", "O"}, {"HERMANA", "A"},
		{"MADRE", "A"}, {"PADRE", "O"}, {"TÍA PATERNA", "A"},
	}
	r4LayConditions = []string{"TIENE AZÚCAR", "CON AZÚCAR", "ES DIABÉTIC{o}", "CON PRESIÓN ALTA", "TIENE LA PRESIÓN ALTA",
		"HIPERTENS{o}", "MURIÓ DE UN INFARTO", "FINAD{o} POR CÁNCER", "CON PROBLEMAS DEL RIÑÓN", "EN DIÁLISIS",
		"CON ATAQUES (EPILEPSIA)", "ASMÁTIC{o}", "CON CÁNCER DE MAMA", "CON EL COLESTEROL ALTO", "ENFERM{o} DEL CORAZÓN",
		"CON TIROIDES", "CON DM2 E HAS", "FINAD{o} POR EVC", "CON ARTRITIS", "CON CIRROSIS POR ALCOHOL"}
)

func r4FamilyHistory(r *rand.Rand) string {
	if chance(r, 150) {
		return pick(r, []string{"NIEGA", "INTERROGADOS Y NEGADOS", "NEGADOS", "SIN IMPORTANCIA PARA EL PADECIMIENTO ACTUAL"})
	}
	var parts []string
	for range between(r, 1, 3) {
		rel := pick(r, r4Relatives)
		c := strings.ReplaceAll(pick(r, r4LayConditions), "{o}", rel.o)
		if rel.o == "O" && strings.Contains(c, "MAMA") {
			c = "CON CÁNCER DE PRÓSTATA"
		}
		if strings.HasPrefix(rel.who, "MI ") {
			parts = append(parts, "REFIERE \""+strings.ToLower(rel.who+" "+c)+"\"")
		} else {
			parts = append(parts, rel.who+" "+c)
		}
	}
	return strings.Join(parts, ", ")
}

func r4PersonalHistory(r *rand.Rand, age int) string {
	var parts []string
	if age >= 30 && chance(r, 450) {
		parts = append(parts, pick(r, []string{"DIABETES MELLITUS TIPO 2 DE %d AÑOS DE EVOLUCIÓN EN TRATAMIENTO CON METFORMINA",
			"HIPERTENSIÓN ARTERIAL DE %d AÑOS DE DIAGNÓSTICO", "TIENE AZÚCAR DESDE HACE %d AÑOS", "PRESIÓN ALTA DESDE HACE %d AÑOS, TOMA LOSARTÁN",
			"HIPOTIROIDISMO DE %d AÑOS", "ASMA DESDE HACE %d AÑOS, USA SALBUTAMOL"}))
		parts[0] = fmt.Sprintf(parts[0], between(r, 1, 20))
	}
	if chance(r, 300) {
		parts = append(parts, "QUIRÚRGICOS: "+pick(r, []string{"COLECISTECTOMÍA", "APENDICECTOMÍA", "CESÁREA", "HERNIOPLASTÍA INGUINAL",
			"SALPINGOCLASIA", "AMIGDALECTOMÍA"})+fmt.Sprintf(" EN %d", between(r, 1995, 2024)))
	}
	if chance(r, 150) {
		parts = append(parts, pick(r, []string{"FRACTURA DE RADIO DERECHO A LOS 12 AÑOS", "TRANSFUSIÓN EN 2018 SIN REACCIONES",
			"HOSPITALIZADO POR NEUMONÍA EN 2020", "COVID-19 EN 2021 MANEJO AMBULATORIO"}))
	}
	if len(parts) == 0 {
		return pick(r, []string{"NIEGA CRÓNICO DEGENERATIVOS, QUIRÚRGICOS, TRAUMÁTICOS Y TRANSFUSIONALES", "NEGADOS", "NIEGA"})
	}
	return strings.Join(parts, ". ")
}

func r4Habits(r *rand.Rand, age int) string {
	if age < 12 {
		return pick(r, []string{"ESQUEMA DE VACUNACIÓN COMPLETO PARA LA EDAD", "ESQUEMA DE VACUNACIÓN INCOMPLETO, FALTA SRP",
			"ALIMENTACIÓN CON SENO MATERNO HASTA LOS 6 MESES", "NO CUENTA CON CARTILLA DE VACUNACIÓN"})
	}
	var parts []string
	switch n := r.IntN(10); {
	case n < 2:
		parts = append(parts, fmt.Sprintf("TABAQUISMO POSITIVO %d CIGARRILLOS AL DÍA DESDE HACE %d AÑOS", between(r, 2, 20), between(r, 1, 30)))
	case n < 3:
		parts = append(parts, "EXFUMADOR")
	default:
		parts = append(parts, "TABAQUISMO NEGADO")
	}
	parts = append(parts, pick(r, []string{"ALCOHOLISMO OCASIONAL", "ALCOHOLISMO NEGADO", "ALCOHOLISMO CADA FIN DE SEMANA HASTA LA EMBRIAGUEZ", "TOMA SOCIALMENTE"}))
	if chance(r, 100) {
		parts = append(parts, "CONSUMO DE MARIHUANA OCASIONAL")
	} else {
		parts = append(parts, "NIEGA TOXICOMANÍAS")
	}
	if chance(r, 400) {
		parts = append(parts, pick(r, []string{"SEDENTARIO", "CAMINA 30 MINUTOS DIARIOS", "JUEGA FÚTBOL LOS DOMINGOS"}))
	}
	return strings.Join(parts, ", ")
}

func r4Gyneco(r *rand.Rand, age int, day time.Time) string {
	menarca := between(r, 10, 14)
	s := fmt.Sprintf("MENARCA %d AÑOS, RITMO %dX%d", menarca, between(r, 26, 32), between(r, 3, 6))
	if age >= 18 {
		g := between(r, 0, 5)
		c := between(r, 0, min(g, 2))
		a := between(r, 0, min(g-c, 1))
		s += fmt.Sprintf(", G%d P%d C%d A%d", g, g-c-a, c, a)
	}
	if age < 50 {
		s += ", FUM " + ddmmyyyy(day.AddDate(0, 0, -between(r, 3, 40)))
	} else {
		s += fmt.Sprintf(", MENOPAUSIA A LOS %d AÑOS", between(r, 44, 54))
	}
	if age >= 18 && chance(r, 400) {
		s += ", MPF: " + pick(r, []string{"DIU", "IMPLANTE SUBDÉRMICO", "OTB", "HORMONALES ORALES", "PRESERVATIVO"})
	}
	return s
}

var r4Complaints = []string{"DOLOR ABDOMINAL", "FIEBRE", "TOS CON FLEMA", "DOLOR DE CABEZA", "DIARREA", "ARDOR AL ORINAR",
	"MAREO", "DOLOR EN EL PECHO", "DOLOR LUMBAR", "FALTA DE AIRE", "VÓMITO", "DOLOR DE GARGANTA", "COMEZÓN EN LA PIEL",
	"HINCHAZÓN DE PIES", "AZÚCAR ALTA EN GLUCÓMETRO"}

func r4CurrentIllness(r *rand.Rand) string {
	c := pick(r, r4Complaints)
	n := between(r, 1, 10)
	unit := "DÍAS"
	if n == 1 {
		unit = "DÍA"
	}
	s := fmt.Sprintf("INICIA HACE %d %s CON %s", n, unit, c)
	if chance(r, 500) {
		s += ", " + pick(r, []string{"AGREGÁNDOSE FIEBRE NO CUANTIFICADA", "SE AUTOMEDICA CON PARACETAMOL SIN MEJORÍA",
			"REFIERE QUE EMPEORA POR LAS NOCHES", "ACOMPAÑADO DE NÁUSEA"})
	}
	return s
}

func r4PhysicalExam(r *rand.Rand, age int) string {
	sys, dia := between(r, 95, 165), between(r, 55, 100)
	if age < 12 {
		sys, dia = between(r, 85, 110), between(r, 50, 70)
	}
	s := fmt.Sprintf("TA %d/%d MMHG, FC %d LPM, FR %d RPM, TEMP %d.%d °C. ", sys, dia, between(r, 60, 110), between(r, 14, 24),
		between(r, 36, 38), r.IntN(10))
	findings := []string{
		pick(r, []string{"CONSCIENTE, ORIENTADO, BIEN HIDRATADO", "ALERTA, COOPERADOR, MUCOSAS SECAS", "CONSCIENTE, QUEJUMBROSO"}),
		pick(r, []string{"CAMPOS PULMONARES BIEN VENTILADOS", "ESTERTORES CREPITANTES EN BASE DERECHA", "SIBILANCIAS ESPIRATORIAS BILATERALES"}),
		pick(r, []string{"RUIDOS CARDIACOS RÍTMICOS SIN AGREGADOS", "SOPLO SISTÓLICO GRADO II"}),
		pick(r, []string{"ABDOMEN BLANDO DEPRESIBLE, NO DOLOROSO", "ABDOMEN BLANDO, DOLOROSO A LA PALPACIÓN EN EPIGASTRIO",
			"DOLOR EN FOSA ILÍACA DERECHA, REBOTE POSITIVO", "PERISTALSIS AUMENTADA"}),
		pick(r, []string{"EXTREMIDADES SIN EDEMA", "EDEMA DE MIEMBROS INFERIORES ++", "PULSOS PRESENTES"}),
	}
	return s + strings.Join(findings, ". ") + "."
}

// r4Anthropometry draws a weight in kilograms and a height in meters for
// an age.
func r4Anthropometry(r *rand.Rand, age int, sex byte) (any, any) {
	if chance(r, 40) {
		return nil, nil
	}
	var kg, m float64
	switch {
	case age < 2:
		kg, m = float64(between(r, 350, 1300))/100, float64(between(r, 50, 88))/100
	case age < 12:
		kg, m = float64(between(r, 1100, 4500))/100, float64(between(r, 85, 155))/100
	default:
		kg, m = float64(between(r, 4500, 11500))/100, float64(between(r, 145, 185))/100
		if sex == 'M' {
			m -= 0.08
		}
	}
	return kg, m
}

// r4Medicines are the medicines of chronic treatments: name, strength and
// how often, as a prescription reads.
var r4Medicines = []struct{ name, dose, freq string }{
	{"METFORMINA", "850 MG", "CADA 12 HORAS"}, {"GLIBENCLAMIDA", "5 MG", "CADA 24 HORAS"},
	{"LOSARTÁN", "50 MG", "CADA 12 HORAS"}, {"ENALAPRIL", "10 MG", "CADA 24 HORAS"},
	{"AMLODIPINO", "5 MG", "CADA 24 HORAS"}, {"ATORVASTATINA", "20 MG", "EN LA NOCHE"},
	{"LEVOTIROXINA", "100 MCG", "EN AYUNAS"}, {"OMEPRAZOL", "20 MG", "EN AYUNAS"},
	{"INSULINA NPH", "20 UI", "ANTES DEL DESAYUNO"}, {"SALBUTAMOL", "2 DISPAROS", "CADA 8 HORAS SI HAY FALTA DE AIRE"},
	{"ÁCIDO ACETILSALICÍLICO", "100 MG", "CADA 24 HORAS"}, {"PARACETAMOL", "500 MG", "1/2 TABLETA CADA 8 HORAS"},
	{"SERTRALINA", "50 MG", "CADA 24 HORAS"}, {"CARBAMAZEPINA", "200 MG", "CADA 12 HORAS"},
}

// r4MedicationJSON is the current-medicines array as Laravel's array cast
// stores it: objects in later versions, plain strings in older ones, []
// when the patient takes nothing.
func r4MedicationJSON(r *rand.Rand, age int) string {
	n := 0
	switch {
	case age >= 40 && chance(r, 700), age >= 12 && chance(r, 300), chance(r, 150):
		n = between(r, 1, 4)
	}
	var arr r4Arr
	objects := chance(r, 600)
	for _, k := range r.Perm(len(r4Medicines))[:n] {
		m := r4Medicines[k]
		if objects {
			arr = append(arr, r4Obj{{"medicamento", m.name}, {"dosis", m.dose}, {"frecuencia", m.freq}, {"via", "ORAL"}})
		} else {
			arr = append(arr, m.name+" "+m.dose+" "+m.freq)
		}
	}
	if arr == nil {
		return "[]"
	}
	return r4JSON(arr, jsonPHP)
}

var r4Allergies = []string{"NEGADAS", "NEGADAS", "NEGADAS", "NEGADAS", "NEGADAS", "PENICILINA", "SULFAS", "AINES",
	"MARISCOS", "POLVO Y POLEN", "METAMIZOL", "LÁTEX", "NIEGA ALERGIAS"}
