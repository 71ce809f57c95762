package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// SIGNOS_VITALES_URG: the triage sheet of a private hospital's emergency
// room (Oracle, upper-case names), one row per arrival: the folio, the
// patient as "APELLIDOS, NOMBRE", the age as text (45 AÑOS, 8 MESES), sex,
// arrival time, the reason in the patient's words ("ME DUELE LA PANZA
// DESDE AYER"), the triage colour, the vital signs packed in one
// delimited field (TA:120/80|FC:80|FR:18|T:36.5|SAT:95|GLU:110), the
// scales in another (GLASGOW 15/15; EVA 3/10; NEWS2 4), the medicines
// given as a JSON array, the triage doctor, the insurer and the policy.
//
// MOTIVO_CONSULTA, TRIAGE, SIGNOS, ESCALAS and MEDICAMENTOS_ADMIN are
// health_condition; NOMBRE_PACIENTE and MEDICO_TRIAGE person_name;
// ASEGURADORA (GNP, AXA, MetLife... or PARTICULAR, paying privately: an
// answer) and POLIZA health_enrollment; the folio, age, sex and time none.
func bdBuildUrgencias(p *Pool, r *rand.Rand) *Table {
	type arrival struct {
		person int32
		at     int64
	}
	start := time.Date(2021, 1, 4, 0, 0, 0, 0, time.UTC)
	var plan []arrival
	for _, i := range bdPeople(p, r, 20, 0, 100, 0) {
		for k := 0; k == 0 || k < 3 && chance(r, 120); k++ {
			plan = append(plan, arrival{i, bdMoment(r, start, p.Today().Add(-time.Hour)).Unix()})
		}
	}
	bdSortBy(plan, func(a arrival) int64 { return a.at })
	doctors := make([]string, 9)
	for k := range doctors {
		n := bdDrawName(r, 0)
		doctors[k] = pick(r, []string{"DR. ", "DRA. ", ""}) + n.Full()
		if n.Sex == 'H' && strings.HasPrefix(doctors[k], "DRA.") {
			doctors[k] = "DR." + strings.TrimPrefix(doctors[k], "DRA.")
		}
	}
	t := &Table{
		Name:  "SIGNOS_VITALES_URG",
		Style: "er-triage-sheet",
		Rows:  len(plan),
		Columns: []Column{
			col("FOLIO_URG", Varchar(16)),
			col("NOMBRE_PACIENTE", Varchar(90), taxonomy.PersonName),
			col("EDAD", Varchar(10)),
			col("SEXO", Char(1)),
			col("FECHA_INGRESO", Timestamp),
			col("MOTIVO_CONSULTA", Varchar(120), taxonomy.HealthCondition),
			col("TRIAGE", Varchar(8), taxonomy.HealthCondition),
			col("SIGNOS", Varchar(80), taxonomy.HealthCondition),
			col("ESCALAS", Varchar(60), taxonomy.HealthCondition),
			col("MEDICAMENTOS_ADMIN", Text, taxonomy.HealthCondition),
			col("MEDICO_TRIAGE", Varchar(80), taxonomy.PersonName),
			col("ASEGURADORA", Varchar(30), taxonomy.HealthEnrollment),
			col("POLIZA", Varchar(20), taxonomy.HealthEnrollment),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, a := range plan {
			ps := p.Person(a.person)
			at := time.Unix(a.at, 0).UTC()
			age := bdAge(ps.Birth, at)
			edad := fmt.Sprintf("%d AÑOS", age)
			if age == 0 {
				edad = fmt.Sprintf("%d MESES", max(1, int(at.Sub(ps.Birth).Hours()/24/30)))
			}
			name := plain(joinNonEmpty(ps.Paterno, ps.Materno)) + ", " + plain(ps.Nombre)
			color := pick(r, []string{"VERDE", "VERDE", "VERDE", "AMARILLO", "AMARILLO", "NARANJA", "AZUL", "ROJO"})
			severe := color == "ROJO" || color == "NARANJA"
			sys, dia, sat := between(r, 100, 140), between(r, 60, 90), between(r, 93, 99)
			if severe {
				sys, dia, sat = between(r, 70, 200), between(r, 40, 120), between(r, 78, 94)
			}
			signos := fmt.Sprintf("TA:%d/%d|FC:%d|FR:%d|T:%d.%d|SAT:%d", sys, dia, between(r, 55, 130), between(r, 12, 30),
				between(r, 35, 39), r.IntN(10), sat)
			if chance(r, 400) {
				signos += fmt.Sprintf("|GLU:%d", between(r, 65, 380))
			}
			glasgow := 15
			if severe && chance(r, 400) {
				glasgow = between(r, 7, 14)
			}
			escalas := fmt.Sprintf("GLASGOW %d/15; EVA %d/10", glasgow, between(r, 0, 10))
			if age >= 16 {
				escalas += fmt.Sprintf("; NEWS2 %d", between(r, 0, 9))
			}
			var meds bdArr
			for range between(r, 0, 3) {
				m := pick(r, bdERMeds)
				meds = append(meds, bdObj{{"med", m[0]}, {"dosis", m[1]}, {"hora", at.Add(time.Duration(between(r, 10, 90)) * time.Minute).Format("15:04")}})
			}
			medsCell := any("[]")
			if len(meds) > 0 {
				medsCell = bdJSON(meds, jsonNode)
			}
			var insurer, policy any = "PARTICULAR", nil
			if chance(r, 550) {
				ins := pick(r, bdInsurers)
				insurer = ins
				policy = fmt.Sprintf("%s-%08d", strings.ToUpper(ins[:2]), r.IntN(100000000))
			}
			row := []any{fmt.Sprintf("URG-%d-%06d", at.Year(), k+1), name, edad, sexCode(ps.Sex, "M", "F", "X"), at,
				pick(r, bdComplaints), color, signos, escalas, medsCell, pick(r, doctors), insurer, policy}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var (
	bdComplaints = []string{"ME DUELE LA PANZA DESDE AYER", "SE CAYO DE LA BICI Y SE PEGO EN LA CABEZA", "TIENE CALENTURA DESDE HACE 3 DIAS",
		"NO PUEDE RESPIRAR BIEN", "DOLOR DE PECHO QUE SE VA AL BRAZO", "VOMITO Y DIARREA", "SE CORTO LA MANO CON UN VIDRIO",
		"LE PICO UN ALACRAN", "SE LE SUBIO LA PRESION", "TRAE EL AZUCAR EN 400", "DOLOR DE CABEZA MUY FUERTE",
		"SE TORCIO EL TOBILLO JUGANDO", "ARDOR AL ORINAR Y FIEBRE", "CONVULSIONO EN LA CASA", "SANGRADO VAGINAL CON 20 SEMANAS"}
	bdERMeds = [][2]string{{"KETOROLACO", "30 MG IV"}, {"PARACETAMOL", "1 G IV"}, {"METAMIZOL", "1 G IV"}, {"ONDANSETRON", "8 MG IV"},
		{"OMEPRAZOL", "40 MG IV"}, {"SALBUTAMOL", "2.5 MG NEBULIZADO"}, {"INSULINA RAPIDA", "10 UI SC"}, {"DIAZEPAM", "10 MG IV"},
		{"SOLUCION HARTMANN", "1000 ML P/8H"}, {"FABOTERAPICO ANTIALACRAN", "1 FRASCO IV"}}
	bdInsurers = []string{"GNP", "AXA", "METLIFE", "SEGUROS MONTERREY", "BUPA", "ALLIANZ", "MAPFRE", "PLAN SEGURO"}
)
