package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// esavi_notificaciones: a state's reports of events supposedly attributable
// to vaccination or immunisation (ESAVI), one row per report: the person
// (CURP, full name, age, sex), the vaccine, dose and lot, when the vaccine
// was given and the symptoms began, the event as the notifying doctor
// described it in free text ("A LAS 6 HORAS PRESENTA FIEBRE DE 39.2 °C Y
// DOLOR EN SITIO DE APLICACION..."), its seriousness, the outcome, the
// notifying unit and the person who notified.
//
// The vaccine given to this person, the dose, the description, the
// seriousness and the outcome are health_condition (doc.go: adverse events
// and the vaccine a person received; a disease in a vaccine's name is no
// finding only in a catalogue or a lot inventory). The unit is
// health_facility; the notifier person_name. The lot code, the dates of
// vaccination and onset (events of their own columns, not births), the
// age and sex get none.
func r4BuildESAVI(p *Pool, r *rand.Rand) *Table {
	type report struct {
		person int32
		vax    uint8
		day    int32 // vaccination day
		form   CURPForm
	}
	start := timeDay(time.Date(2021, 1, 10, 0, 0, 0, 0, time.UTC))
	end := timeDay(p.Today()) - 10
	var plan []report
	for _, i := range p.Sample(r, 10, nil) {
		age := ageAt(p.Birth(i), p.Today())
		var choices []int
		for k, v := range r4Vaccines {
			if age >= v.minAge && age <= v.maxAge {
				choices = append(choices, k)
			}
		}
		if len(choices) == 0 {
			continue
		}
		plan = append(plan, report{person: i, vax: uint8(pick(r, choices)), day: start + int32(r.IntN(int(end-start)+1)),
			form: curpForm(r, 20, 30, 10)})
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].day < plan[b-1].day; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	notifiers := r4Staff(r, 25, "DR.", "DRA.")
	byState := r4FacilityIndex(p)
	t := &Table{
		Name:  "esavi_notificaciones",
		Style: "vaccine-adverse-events",
		Rows:  len(plan),
		Columns: []Column{
			col("folio", Varchar(16)),
			col("fecha_notificacion", Date),
			col("curp", Char(18), taxonomy.CURP),
			col("nombre_completo", Varchar(90), taxonomy.PersonName),
			col("edad", Integer),
			col("sexo", Varchar(10)),
			col("vacuna", Varchar(60), taxonomy.HealthCondition),
			col("dosis", Varchar(12), taxonomy.HealthCondition),
			col("lote", Varchar(10)),
			col("fecha_vacunacion", Date),
			col("fecha_inicio_sintomas", Date),
			col("descripcion", Text, taxonomy.HealthCondition),
			col("clasificacion", Varchar(10), taxonomy.HealthCondition),
			col("desenlace", Varchar(40), taxonomy.HealthCondition),
			col("unidad_notificante", Varchar(80), taxonomy.HealthFacility),
			col("notificante", Varchar(80), taxonomy.PersonName),
		},
	}
	for _, q := range plan {
		if q.form == CURPValid {
			t.Persons = append(t.Persons, q.person)
		}
	}
	fs := p.Facilities()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, q := range plan {
			ps := p.Person(q.person)
			v := r4Vaccines[q.vax]
			vday := dayTime(q.day)
			hours := between(r, 1, 72)
			onset := vday.Add(time.Duration(hours) * time.Hour).Truncate(24 * time.Hour)
			serious := chance(r, 120)
			desc, outcome := r4ESAVIText(r, v.name, hours, serious)
			var f Facility
			if ix := byState[ps.Address.StateCode]; len(ix) > 0 {
				f = fs[pick(r, ix)]
			} else {
				f = pick(r, fs)
			}
			class := "NO GRAVE"
			if serious {
				class = "GRAVE"
			}
			unit := f.Name
			if chance(r, 300) {
				unit = f.Type + " " + f.Municipality
			}
			row := []any{
				fmt.Sprintf("ESAVI-%d-%05d", onset.Year(), k+1),
				onset.AddDate(0, 0, between(r, 0, 6)),
				curpCell(r, q.form, ps.CURP, p.Today()),
				plain(ps.FullName()),
				int64(ageAt(ps.Birth, vday)),
				sexCode(ps.Sex, "HOMBRE", "MUJER", "NO BINARIO"),
				v.name,
				pick(r, v.doses),
				fmt.Sprintf("%c%c%05d", 'A'+r.IntN(26), 'A'+r.IntN(26), r.IntN(100000)),
				vday, onset, desc, class, outcome, unit, pick(r, notifiers),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// r4Vaccines are the vaccines of the reports, with the ages that receive them.
var r4Vaccines = []struct {
	name           string
	minAge, maxAge int
	doses          []string
}{
	{"HEXAVALENTE ACELULAR", 0, 2, []string{"PRIMERA", "SEGUNDA", "TERCERA", "REFUERZO"}},
	{"NEUMOCOCICA CONJUGADA 13 VALENTE", 0, 2, []string{"PRIMERA", "SEGUNDA", "REFUERZO"}},
	{"SRP (SARAMPION, RUBEOLA Y PAROTIDITIS)", 1, 9, []string{"PRIMERA", "SEGUNDA"}},
	{"DPT", 4, 6, []string{"REFUERZO"}},
	{"VPH", 9, 14, []string{"UNICA"}},
	{"INFLUENZA ESTACIONAL TETRAVALENTE", 0, 100, []string{"ANUAL"}},
	{"COVID-19 PFIZER-BIONTECH", 5, 100, []string{"PRIMERA", "SEGUNDA", "REFUERZO"}},
	{"COVID-19 ASTRAZENECA", 18, 100, []string{"PRIMERA", "SEGUNDA"}},
	{"COVID-19 ABDALA", 18, 100, []string{"PRIMERA", "SEGUNDA", "TERCERA"}},
	{"TD (TETANOS Y DIFTERIA)", 15, 100, []string{"PRIMERA", "SEGUNDA", "REFUERZO"}},
	{"HEPATITIS B", 11, 100, []string{"PRIMERA", "SEGUNDA"}},
}

// r4ESAVIText is the notifying doctor's description of the event and its
// outcome.
func r4ESAVIText(r *rand.Rand, vaccine string, hours int, serious bool) (string, string) {
	var b strings.Builder
	fmt.Fprintf(&b, "A LAS %d HORAS DE LA APLICACION DE %s PRESENTA ", hours, vaccine)
	if serious {
		b.WriteString(pick(r, []string{
			"DIFICULTAD RESPIRATORIA, ERUPCION GENERALIZADA Y EDEMA DE LABIOS, SE DIAGNOSTICA ANAFILAXIA, SE APLICA ADRENALINA",
			"CRISIS CONVULSIVA TONICO CLONICA GENERALIZADA ASOCIADA A FIEBRE DE 39.5 °C, SE HOSPITALIZA",
			"DEBILIDAD PROGRESIVA DE MIEMBROS INFERIORES, SE ENVIA A SEGUNDO NIVEL CON SOSPECHA DE SINDROME DE GUILLAIN BARRE",
			"LLANTO PERSISTENTE POR MAS DE 3 HORAS E HIPOTONIA, SE HOSPITALIZA PARA VIGILANCIA",
		}))
	} else {
		b.WriteString(pick(r, []string{
			fmt.Sprintf("FIEBRE DE %d.%d °C", between(r, 38, 39), r.IntN(10)),
			"DOLOR, ENROJECIMIENTO E INDURACION EN SITIO DE APLICACION DE 4 CM",
			"CEFALEA, MIALGIAS Y ESCALOFRIOS",
			"NAUSEA Y UN EVENTO DE VOMITO",
			"ERUPCION MACULAR EN TRONCO SIN DIFICULTAD RESPIRATORIA",
			"LIPOTIMIA A LOS 5 MINUTOS DE LA APLICACION, SE RECUPERA EN POSICION DE TRENDELENBURG",
		}))
		if chance(r, 400) {
			b.WriteString(", SE INDICA PARACETAMOL Y MEDIOS FISICOS")
		}
	}
	if chance(r, 250) {
		b.WriteString(". " + pick(r, []string{"MADRE REFIERE QUE EL MENOR ESTA IRRITABLE", "ANTECEDENTE DE ALERGIA A LA PENICILINA",
			"SIN ANTECEDENTES DE IMPORTANCIA", "PACIENTE CON DIABETES E HIPERTENSION CONTROLADAS"}))
	}
	outcome := pick(r, []string{"RECUPERADO SIN SECUELAS", "RECUPERADO SIN SECUELAS", "RECUPERADO SIN SECUELAS", "EN SEGUIMIENTO"})
	if serious {
		outcome = pick(r, []string{"RECUPERADO SIN SECUELAS", "RECUPERADO CON SECUELAS", "HOSPITALIZADO", "DEFUNCION"})
	}
	return b.String(), outcome
}
