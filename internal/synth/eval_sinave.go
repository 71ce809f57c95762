package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// COVID19MEXICO: an epidemiological surveillance extract in the style of
// the DGE/SINAVE open data (evaluation style): one row per case, no name,
// no CURP, every field a numeric code from the published catalogues.
// SEXO is 1 = mujer, 2 = hombre, 99 = no especificado (the opposite of the
// civil registry's 1 = hombre); states are INEGI keys, municipalities the
// INEGI three-digit key; the yes/no flags are 1 = sí, 2 = no, 97 = no
// aplica, 98 = se ignora, 99 = no especificado; FECHA_DEF is text with
// 9999-99-99 for "did not die". Chronic conditions are properties of the
// person, so someone with two cases carries the same flags twice.
//
// Labels (docs/taxonomy.md: a table with a row per case is about people
// even when anonymised):
//   - health_condition: the comorbidity flags (DIABETES, EPOC, ASMA,
//     INMUSUPR, HIPERTENSION, CARDIOVASCULAR, OBESIDAD, RENAL_CRONICA,
//     TABAQUISMO), EMBARAZO, NEUMONIA, and the treatment and outcome of
//     the case: TIPO_PACIENTE (ambulatory or hospitalised), INTUBADO, UCI,
//     RESULTADO_LAB (the person's test result) and CLASIFICACION_FINAL
//     (confirmed, suspected or negative case). All say something about the
//     person's condition or treatment.
//   - no label: ID_REGISTRO (an anonymous row id), dates of admission,
//     symptoms, death and update (none is a birthdate), EDAD (an age is not
//     a date of birth), SEXO, NACIONALIDAD, HABLA_LENGUA_INDIG (sensitive,
//     but not a taxonomy category), OTRO_CASO (contact with another case:
//     an exposure, not a condition), and the state and municipality codes
//     (places, not addresses).
//
// The pool does not model deaths: a few cases here die although the same
// person may appear alive in other tables.
func buildEvalSinave(p *Pool, r *rand.Rand) *Table {
	type caso struct {
		person int32
		day    int32 // FECHA_INGRESO
		id     string
	}
	start := timeDay(time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC))
	end := min(timeDay(time.Date(2023, 5, 31, 0, 0, 0, 0, time.UTC)), timeDay(p.Today())-30)
	if end-start < 60 {
		start, end = timeDay(p.Today())-400, timeDay(p.Today())-30
	}
	update := dayTime(end + 14)
	ids := map[string]bool{}
	newID := func() string {
		const alnum = "0123456789abcdefghijklmnopqrstuvwxyz"
		for {
			b := make([]byte, 6)
			for k := range b {
				b[k] = alnum[r.IntN(len(alnum))]
			}
			if !ids[string(b)] {
				ids[string(b)] = true
				return string(b)
			}
		}
	}
	var plan []caso
	for _, i := range p.Sample(r, 140, func(i int32) bool { return timeDay(p.Birth(i)) < end }) {
		from := max(start, timeDay(p.Birth(i)))
		day := from + int32(r.IntN(int(end-from)+1))
		plan = append(plan, caso{i, day, newID()})
		if chance(r, 60) && end-day > 120 {
			plan = append(plan, caso{i, day + int32(between(r, 90, int(end-day))), newID()})
		}
	}
	slices.SortStableFunc(plan, func(a, b caso) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.person, b.person))
	})

	hc := taxonomy.HealthCondition
	t := &Table{
		Name:        "COVID19MEXICO",
		Style:       "epidemiological-cases",
		Rows:        len(plan),
		PrimaryKey:  []string{"ID_REGISTRO"},
		ForeignKeys: []ForeignKey{municipalityRef("ENTIDAD_RES", "MUNICIPIO_RES")},
		Columns: []Column{
			col("FECHA_ACTUALIZACION", Date),
			col("ID_REGISTRO", Char(6)),
			col("ORIGEN", Integer),
			col("SECTOR", Integer),
			col("ENTIDAD_UM", Char(2)),
			col("SEXO", Integer),
			col("ENTIDAD_NAC", Char(2)),
			col("ENTIDAD_RES", Char(2)),
			col("MUNICIPIO_RES", Char(3)),
			col("TIPO_PACIENTE", Integer, hc),
			col("FECHA_INGRESO", Date),
			col("FECHA_SINTOMAS", Date),
			col("FECHA_DEF", Varchar(10)),
			col("INTUBADO", Integer, hc),
			col("NEUMONIA", Integer, hc),
			col("EDAD", Integer),
			col("NACIONALIDAD", Integer),
			col("EMBARAZO", Integer, hc),
			col("HABLA_LENGUA_INDIG", Integer),
			col("DIABETES", Integer, hc),
			col("EPOC", Integer, hc),
			col("ASMA", Integer, hc),
			col("INMUSUPR", Integer, hc),
			col("HIPERTENSION", Integer, hc),
			col("CARDIOVASCULAR", Integer, hc),
			col("OBESIDAD", Integer, hc),
			col("RENAL_CRONICA", Integer, hc),
			col("TABAQUISMO", Integer, hc),
			col("OTRO_CASO", Integer),
			col("RESULTADO_LAB", Integer, hc),
			col("CLASIFICACION_FINAL", Integer, hc),
			col("UCI", Integer, hc),
		},
	}
	flagSeed := r.Uint64()
	sectors := []int64{12, 4, 6, 9, 3, 5}
	sectorW := newWeighted([]uint64{55, 30, 6, 5, 2, 2})
	t.noSubjects() // anonymised: codes only, no row identifies anyone
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, c := range plan {
			ps := p.Person(c.person)
			in := dayTime(c.day)
			age := in.Year() - ps.Birth.Year()
			if in.YearDay() < ps.Birth.YearDay() && age > 0 {
				age--
			}
			fl := evChronic(flagSeed, c.person, age)
			flag := func(k int) int64 {
				if chance(r, 10) {
					return 98
				}
				if fl[k] {
					return 1
				}
				return 2
			}
			risk := 0
			for _, f := range fl[:8] {
				if f {
					risk++
				}
			}
			neumonia := int64(2)
			if chance(r, 60+min(age, 90)*3+risk*60) {
				neumonia = 1
			}
			hosp := chance(r, 40+min(age, 90)*4+risk*50) || neumonia == 1 && chance(r, 600)
			tipo, intubado, uci := int64(1), int64(97), int64(97)
			def := "9999-99-99"
			if hosp {
				tipo, intubado, uci = 2, 2, 2
				if chance(r, 120) {
					intubado = 1
				}
				if chance(r, 90) {
					uci = 1
				}
				if chance(r, 10) {
					intubado, uci = 99, 99
				}
				if chance(r, 30+age*3+risk*30) {
					if d := c.day + int32(between(r, 2, 25)); d < timeDay(update) {
						def = dayTime(d).Format("2006-01-02")
					}
				}
			}
			embarazo := int64(97)
			if ps.Sex != 'H' {
				embarazo = 2
				if age >= 14 && age <= 45 && chance(r, 40) {
					embarazo = 1
				}
				if chance(r, 10) {
					embarazo = 98
				}
			}
			sexo := int64(2)
			switch ps.Sex {
			case 'M':
				sexo = 1
			case 'X':
				sexo = 99
			}
			nac, nacionalidad := ps.BirthKey, int64(1)
			if nac == "" {
				nac = "99"
				if chance(r, 500) {
					nacionalidad = 2
				}
			}
			ent := ps.Address.StateKey
			entUM := ent
			if chance(r, 40) {
				entUM = states[r.IntN(len(states))].Key
			}
			lab, clas := int64(1), int64(3)
			switch n := r.IntN(100); {
			case n < 40:
			case n < 85:
				lab, clas = 2, 7
			case n < 88:
				lab, clas = 3, 6
			case n < 90:
				lab, clas = 4, 4
			default:
				lab, clas = 97, pick(r, []int64{1, 2, 5, 6})
			}
			otro := int64(2)
			switch n := r.IntN(100); {
			case n < 30:
				otro = 1
			case n < 45:
				otro = 99
			}
			lengua := int64(2)
			if chance(r, 60) {
				lengua = 1
			} else if chance(r, 20) {
				lengua = 99
			}
			row := []any{
				update,
				c.id,
				int64(pick(r, []int{1, 2, 2})),
				sectors[sectorW.pick(r)],
				entUM,
				sexo,
				nac,
				ent,
				muniList[p.people[c.person].muni].Key,
				tipo,
				in,
				dayTime(max(c.day-int32(between(r, 0, 9)), timeDay(ps.Birth))),
				def,
				intubado,
				neumonia,
				int64(age),
				nacionalidad,
				embarazo,
				lengua,
				flag(0), flag(1), flag(2), flag(3), flag(4), flag(5), flag(6), flag(7), flag(8),
				otro,
				lab,
				clas,
				uci,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// evChronic draws a person's chronic conditions, always the same for the
// same person: diabetes, EPOC, asthma, immunosuppression, hypertension,
// cardiovascular disease, obesity, chronic kidney disease, smoking. The
// rates (per mille) rise with age, roughly as ENSANUT reports them.
func evChronic(seed uint64, i int32, age int) [9]bool {
	band := 0
	switch {
	case age >= 60:
		band = 3
	case age >= 40:
		band = 2
	case age >= 18:
		band = 1
	}
	rates := [9][4]int{
		{2, 40, 150, 250},   // DIABETES
		{1, 3, 20, 70},      // EPOC
		{60, 40, 35, 35},    // ASMA
		{5, 10, 15, 25},     // INMUSUPR
		{2, 60, 220, 420},   // HIPERTENSION
		{5, 10, 40, 110},    // CARDIOVASCULAR
		{90, 200, 280, 240}, // OBESIDAD
		{2, 8, 25, 70},      // RENAL_CRONICA
		{0, 130, 110, 80},   // TABAQUISMO
	}
	h1 := splitmix(seed ^ splitmix(uint64(i)))
	h2 := splitmix(h1)
	var out [9]bool
	for k := range out {
		h := h1 >> (10 * k)
		if k >= 6 {
			h = h2 >> (10 * (k - 6))
		}
		out[k] = int(h&1023)*1000/1024 < rates[k][band]
	}
	return out
}
