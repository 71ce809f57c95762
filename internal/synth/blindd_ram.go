package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// notificacion_ram: a general hospital's pharmacovigilance unit, one row
// per report of a suspected adverse drug reaction: the patient's name,
// birth date (DD-MM-YYYY text), sex, weight and height, the suspected
// medicine with its dose, route and frequency, what it was prescribed for,
// when treatment and reaction began, the reaction as the notifier told it,
// its seriousness and outcome, and the notifier with their professional
// licence number.
//
// peso_kg, talla_cm, the medicine, the dose, the indication, the
// description, seriousness and outcome are health_condition; paciente and
// notificador person_name; fecha_nac birthdate; the folio, dates of their
// own events, sex, licence number and service none.
func bdBuildRAM(p *Pool, r *rand.Rand) *Table {
	type report struct {
		person int32
		day    int32
		drug   uint8
	}
	start := time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC)
	var plan []report
	for _, i := range bdPeople(p, r, 10, 1, 100, 0) {
		plan = append(plan, report{i, timeDay(bdDay(r, start, p.Today().AddDate(0, 0, -20))), uint8(r.IntN(len(bdDrugs)))})
	}
	bdSortBy(plan, func(x report) int64 { return int64(x.day) })
	notifiers := make([]bdName, 7)
	for k := range notifiers {
		notifiers[k] = bdDrawName(r, 0)
	}
	t := &Table{
		Name:  "notificacion_ram",
		Style: "pharmacovigilance-reports",
		Rows:  len(plan),
		Columns: []Column{
			col("folio_ram", Varchar(14)),
			col("fecha_recepcion", Date),
			col("paciente", Varchar(90), taxonomy.PersonName),
			col("fecha_nac", Varchar(10), taxonomy.Birthdate),
			col("sexo", Char(1)),
			col("peso_kg", Decimal(5, 1), taxonomy.HealthCondition),
			col("talla_cm", Integer, taxonomy.HealthCondition),
			col("medicamento_sospechoso", Varchar(60), taxonomy.HealthCondition),
			col("dosis_via_frecuencia", Varchar(60), taxonomy.HealthCondition),
			col("indicacion", Varchar(80), taxonomy.HealthCondition),
			col("fecha_inicio_tx", Date),
			col("fecha_inicio_reaccion", Date),
			col("descripcion_reaccion", Text, taxonomy.HealthCondition),
			col("gravedad", Varchar(10), taxonomy.HealthCondition),
			col("desenlace", Varchar(40), taxonomy.HealthCondition),
			col("notificador", Varchar(90), taxonomy.PersonName),
			col("cedula_notificador", Varchar(8)),
			col("servicio", Varchar(30)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, q := range plan {
			ps := p.Person(q.person)
			d := bdDrugs[q.drug]
			react := dayTime(q.day)
			tx := react.AddDate(0, 0, -between(r, 0, 10))
			age := bdAge(ps.Birth, react)
			kg, cm := float64(between(r, 450, 1100))/10, between(r, 148, 186)
			if age < 14 {
				kg, cm = float64(between(r, 40, 450))/10, between(r, 55, 160)
			}
			grave := chance(r, 150)
			sev, out := pick(r, []string{"LEVE", "LEVE", "MODERADA"}), pick(r, []string{"RECUPERADO", "RECUPERADO", "EN RECUPERACION"})
			if grave {
				sev, out = pick(r, []string{"GRAVE", "GRAVE", "LETAL"}), pick(r, []string{"RECUPERADO CON SECUELA", "HOSPITALIZACION PROLONGADA", "MUERTE"})
				if sev == "LETAL" {
					out = "MUERTE"
				}
			}
			desc := fmt.Sprintf("PACIENTE QUE A LOS %d DIAS DE INICIAR %s PRESENTA %s", int(react.Sub(tx).Hours()/24), d.name, pick(r, d.reactions))
			if chance(r, 400) {
				desc += ", " + pick(r, []string{"SE SUSPENDE EL MEDICAMENTO CON MEJORIA", "SE ADMINISTRA HIDROCORTISONA Y CLORFENAMINA",
					"SE REINICIA SIN RECURRENCIA", "REQUIRIO INGRESO A TERAPIA INTENSIVA"})
			}
			n := notifiers[r.IntN(len(notifiers))]
			row := []any{
				fmt.Sprintf("RAM-%d-%04d", react.Year(), k+1), react.AddDate(0, 0, between(r, 1, 15)),
				plain(ps.FullName()), ps.Birth.Format("02-01-2006"), sexCode(ps.Sex, "M", "F", "X"),
				kg, int64(cm), d.name, pick(r, d.doses), pick(r, d.indications), tx, react, desc, sev, out,
				bdTitle(r, n.Sex) + n.Full(),
				fmt.Sprintf("%d", between(r, 1_000_000, 12_999_999)),
				pick(r, []string{"MEDICINA INTERNA", "URGENCIAS", "PEDIATRIA", "CIRUGIA GENERAL", "ONCOLOGIA", "CONSULTA EXTERNA"}),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var bdDrugs = []struct {
	name                          string
	doses, indications, reactions []string
}{
	{"AMOXICILINA", []string{"500 MG VO CADA 8 H", "875 MG VO CADA 12 H"}, []string{"FARINGOAMIGDALITIS", "OTITIS MEDIA AGUDA", "INFECCION DENTAL"},
		[]string{"RONCHAS EN TODO EL CUERPO CON COMEZON", "EDEMA DE PARPADOS Y LABIOS", "DIARREA ABUNDANTE"}},
	{"METAMIZOL SODICO", []string{"1 G IV CADA 8 H", "500 MG VO CADA 6 H"}, []string{"FIEBRE", "DOLOR POSTOPERATORIO"},
		[]string{"HIPOTENSION Y MAREO", "AGRANULOCITOSIS CON FIEBRE Y LLAGAS EN LA BOCA"}},
	{"CEFTRIAXONA", []string{"1 G IV CADA 12 H", "2 G IV CADA 24 H"}, []string{"NEUMONIA ADQUIRIDA EN LA COMUNIDAD", "PIELONEFRITIS"},
		[]string{"FLEBITIS EN SITIO DE VENOCLISIS", "ERUPCION MACULOPAPULAR GENERALIZADA", "DIFICULTAD PARA RESPIRAR Y SIBILANCIAS"}},
	{"CARBAMAZEPINA", []string{"200 MG VO CADA 12 H"}, []string{"EPILEPSIA", "NEURALGIA DEL TRIGEMINO"},
		[]string{"AMPOLLAS Y DESPRENDIMIENTO DE PIEL, SINDROME DE STEVENS JOHNSON", "MAREO Y VISION DOBLE"}},
	{"ENALAPRIL", []string{"10 MG VO CADA 12 H", "20 MG VO CADA 24 H"}, []string{"HIPERTENSION ARTERIAL", "INSUFICIENCIA CARDIACA"},
		[]string{"TOS SECA PERSISTENTE", "ANGIOEDEMA DE LENGUA"}},
	{"METFORMINA", []string{"850 MG VO CADA 12 H"}, []string{"DIABETES MELLITUS TIPO 2", "PREDIABETES"},
		[]string{"DOLOR ABDOMINAL Y DIARREA", "SABOR METALICO Y NAUSEA"}},
	{"CIPROFLOXACINO", []string{"500 MG VO CADA 12 H"}, []string{"INFECCION DE VIAS URINARIAS", "DIARREA DEL VIAJERO"},
		[]string{"DOLOR EN TALON DE AQUILES", "CONFUSION Y ALUCINACIONES EN ADULTO MAYOR"}},
	{"VANCOMICINA", []string{"1 G IV CADA 12 H"}, []string{"INFECCION DE HERIDA QUIRURGICA", "OSTEOMIELITIS"},
		[]string{"ENROJECIMIENTO DE CARA Y CUELLO DURANTE LA INFUSION (HOMBRE ROJO)", "ELEVACION DE CREATININA"}},
	{"CISPLATINO", []string{"75 MG/M2 IV CADA 21 DIAS"}, []string{"CANCER CERVICOUTERINO", "CANCER DE PULMON"},
		[]string{"VOMITO INCOERCIBLE", "ZUMBIDO DE OIDOS Y PERDIDA DE AUDICION"}},
}

// bdTitle is a notifier's title for a sex.
func bdTitle(r *rand.Rand, sex byte) string {
	if sex == 'M' {
		return pick(r, []string{"DRA. ", "DRA. ", "Q.F.B. ", "LIC. ENF. "})
	}
	return pick(r, []string{"DR. ", "DR. ", "Q.F.B. ", "LIC. ENF. "})
}
