package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// enf_hoja_registro: a general hospital's nursing chart, one row per
// patient and shift: the bed, the patient's name, the admission diagnosis,
// the vital signs (blood pressure as 120/80 text, heart and breathing
// rates, temperature, oxygen saturation, capillary glucose), the clinical
// scales nurses score every shift (Glasgow 3-15, Braden 6-23 for pressure
// ulcers, Downton 0-6 for falls, EVA 0-10 for pain) with the fall risk the
// Downton score gives, the nurse's note and the nurse.
//
// Every vital sign, scale score and interpretation is health_condition
// (doc.go: how ill the person is, in a table about patients); so are the
// admission diagnosis, drawn almost uniformly from every diagnosis the
// generator knows (a ward's case mix looks like a catalogue's spread, and
// it is still about people), and the note. paciente and enfermera are
// person_name; the bed, the shift, the admission id and the time none.
func r4BuildHojaEnfermeria(p *Pool, r *rand.Rand) *Table {
	type entry struct {
		person    int32
		admission int32
		dx        uint8
		at        int64 // unix seconds
		shift     uint8
		day       uint8 // day of stay, from 0
		bed       uint16
	}
	dx := Diagnoses()
	start := timeDay(time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC))
	end := timeDay(p.Today()) - 7
	var plan []entry
	for k, i := range r4Aged(p, r, 8, 15, 100, 0) {
		in := start + int32(r.IntN(int(end-start)+1))
		stay := between(r, 1, 5)
		d := uint8(r.IntN(len(dx)))
		bed := uint16(between(r, 101, 460))
		for day := range stay {
			for s := range 3 {
				at := dayTime(in+int32(day)).Unix() + int64([3]int{8, 15, 22}[s]*3600+r.IntN(3*3600))
				plan = append(plan, entry{i, int32(k + 1), d, at, uint8(s), uint8(day), bed})
			}
		}
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].at < plan[b-1].at; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	nurses := r4Staff(r, 18, "ENF.", "LIC. ENF.")
	t := &Table{
		Name:  "enf_hoja_registro",
		Style: "nursing-chart",
		Rows:  len(plan),
		Columns: []Column{
			col("id_registro", Integer),
			col("id_ingreso", Integer),
			col("cama", Varchar(6)),
			col("paciente", Varchar(90), taxonomy.PersonName),
			col("fecha_hora", Timestamp),
			col("turno", Varchar(10)),
			col("dx_ingreso", Varchar(120), taxonomy.HealthCondition),
			col("ta", Varchar(7), taxonomy.HealthCondition),
			col("fc", Integer, taxonomy.HealthCondition),
			col("fr", Integer, taxonomy.HealthCondition),
			col("temp", Decimal(4, 1), taxonomy.HealthCondition),
			col("spo2", Integer, taxonomy.HealthCondition),
			col("glucemia", Integer, taxonomy.HealthCondition),
			col("glasgow", Integer, taxonomy.HealthCondition),
			col("braden", Integer, taxonomy.HealthCondition),
			col("downton", Integer, taxonomy.HealthCondition),
			col("eva_dolor", Integer, taxonomy.HealthCondition),
			col("riesgo_caidas", Varchar(6), taxonomy.HealthCondition),
			col("nota_enfermeria", Text, taxonomy.HealthCondition),
			col("enfermera", Varchar(70), taxonomy.PersonName),
		},
	}
	seed := r.Uint64()
	turnos := []string{"MATUTINO", "VESPERTINO", "NOCTURNO"}
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range plan {
			ps := p.Person(e.person)
			d := dx[e.dx]
			sick := between(r, 0, 9) < 2 // an unstable shift
			sys, dia := between(r, 100, 150), between(r, 60, 95)
			if sick {
				sys, dia = between(r, 70, 190), between(r, 40, 115)
			}
			glasgow := int64(15)
			switch n := r.IntN(100); {
			case sick && n < 30:
				glasgow = int64(between(r, 6, 12))
			case n < 10:
				glasgow = int64(between(r, 13, 14))
			}
			braden := int64(between(r, 14, 23))
			if sick || ageAt(ps.Birth, time.Unix(e.at, 0)) >= 75 {
				braden = int64(between(r, 8, 16))
			}
			downton := int64(between(r, 0, 5))
			riesgo := "BAJO"
			if downton >= 3 {
				riesgo = "ALTO"
			}
			eva := int64(between(r, 0, 8))
			var glu any
			if strings.Contains(d.Description, "DIABETES") || chance(r, 200) {
				glu = int64(between(r, 70, 320))
			}
			cama := fmt.Sprintf("%c-%d", "ABC"[e.bed%3], e.bed)
			name := ps.RegistryName()
			if chance(r, 300) {
				name = ps.FullName()
			}
			row := []any{
				int64(k + 1),
				int64(e.admission) + 24000,
				cama,
				plain(name),
				time.Unix(e.at, 0).UTC(),
				turnos[e.shift],
				r4DxText(r, d),
				fmt.Sprintf("%d/%d", sys, dia),
				int64(between(r, 58, 118)),
				int64(between(r, 14, 28)),
				float64(between(r, 356, 392)) / 10,
				int64(between(r, 86, 99)),
				glu,
				glasgow, braden, downton, eva, riesgo,
				r4NursingNote(r, d, eva, e.day),
				pick(r, nurses),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

func r4NursingNote(r *rand.Rand, d Diagnosis, eva int64, day uint8) string {
	var b strings.Builder
	b.WriteString(pick(r, []string{"PACIENTE CONSCIENTE, ORIENTADO", "PACIENTE SOMNOLIENTO, RESPONDE AL LLAMADO",
		"PACIENTE TRANQUILO, COOPERADOR", "PACIENTE DESORIENTADO EN TIEMPO"}))
	if day == 0 && chance(r, 500) {
		b.WriteString(", INGRESA A PISO CON DX DE " + r4DxText(r, d))
	}
	b.WriteString(", " + pick(r, []string{"CON VENOCLISIS PERMEABLE EN MSD", "CON CATETER PERIFERICO EN MSI SIN DATOS DE FLEBITIS",
		"CON SONDA FOLEY A DERIVACION", "CON OXIGENO POR PUNTAS NASALES A 3 LTS"}))
	b.WriteString(fmt.Sprintf(", REFIERE DOLOR EVA %d/10", eva))
	b.WriteString(". " + pick(r, []string{"SE MINISTRAN MEDICAMENTOS SEGUN INDICACION MEDICA", "SE REALIZA CAMBIO DE POSICION CADA 2 HORAS",
		"SE TOMA GLUCOMETRIA CAPILAR", "SE COLOCAN BARANDALES ARRIBA POR RIESGO DE CAIDA", "TOLERA DIETA BLANDA",
		"SE REALIZA CURACION DE HERIDA QUIRURGICA LIMPIA"}))
	return b.String()
}
