package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// vac_registro_dosis: a nominal vaccination register, one row per dose
// applied, captured in a newer web system: names in title case with
// accents (and their mojibake), the birthdate as DATE, the vaccine, its lot
// and the unit and nurse who applied it.
//
// Labels:
//   - curp: curp; valid ones are in Table.Persons.
//   - nombre, apellido_paterno, apellido_materno (NULL when the person has
//     one surname), vacunador (the nurse: staff names are person_name):
//     person_name.
//   - fecha_nacimiento: birthdate.
//   - biologico: health_condition. Which vaccine a named person received
//     is a treatment applied to that person, in a row-per-dose table about
//     people (taxonomy: "condition or treatment of a person"; doc.go counts
//     what was done to a person as health_condition). Judged so here;
//     a reader who holds vaccination to be prevention rather than treatment
//     would label it none.
//   - clues, unidad_salud: health_facility (the unit that vaccinated the
//     person).
//   - id_registro, sexo, dosis (a dose ordinal), lote (a vaccine lot is a
//     product batch, not personal), fecha_aplicacion (a visit date, not a
//     birth): none.

type blVacRow struct {
	person   int32
	form     blForm
	vaccine  uint8
	dose     uint8
	lot      uint8
	facility int32
	day      int32
}

type blVaccine struct {
	name       string
	minAge     int // in months
	maxAge     int // in months
	doses      int
	femaleOnly bool
}

var blVaccines = []blVaccine{
	{"BCG", 0, 11, 1, false},
	{"HEPATITIS B", 0, 11, 3, false},
	{"HEXAVALENTE ACELULAR", 2, 23, 4, false},
	{"ROTAVIRUS", 2, 7, 2, false},
	{"NEUMOCOCICA CONJUGADA 13 VALENTE", 2, 15, 3, false},
	{"SRP (SARAMPION, RUBEOLA Y PAROTIDITIS)", 12, 83, 2, false},
	{"DPT", 48, 83, 1, false},
	{"VPH", 108, 167, 1, true},
	{"TD (TOXOIDE TETANICO Y DIFTERICO)", 180, 1200, 2, false},
	{"INFLUENZA ESTACIONAL TRIVALENTE", 6, 1200, 1, false},
	{"COVID-19 ABDALA", 216, 1200, 2, false},
	{"NEUMOCOCICA POLISACARIDA 23 VALENTE", 780, 1200, 1, false},
	{"HEPATITIS B ADULTO", 216, 1200, 1, false},
}

var blDoseNames = []string{"UNICA", "PRIMERA", "SEGUNDA", "TERCERA", "CUARTA", "REFUERZO"}

// blLot is a vaccine lot code: letters and digits as manufacturers print
// them (FK8891, 21C045A, EW0196-2). Never four letters and six digits.
func blLot(r *rand.Rand) string {
	letters := "ABCDEFGHJKLMNPRSTUVWXYZ"
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("%c%c%04d", letters[r.IntN(len(letters))], letters[r.IntN(len(letters))], r.IntN(10000))
	case 1:
		return fmt.Sprintf("%02d%c%03d%c", between(r, 19, 25), letters[r.IntN(len(letters))], r.IntN(1000), letters[r.IntN(len(letters))])
	}
	return fmt.Sprintf("%c%c%04d-%d", letters[r.IntN(len(letters))], letters[r.IntN(len(letters))], r.IntN(10000), between(r, 1, 4))
}

func blBuildVacunas(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	lots := make([][]string, len(blVaccines))
	for v := range lots {
		for range between(r, 3, 7) {
			lots[v] = append(lots[v], blLot(r))
		}
	}
	var plan []blVacRow
	var persons []int32
	for _, i := range p.Sample(r, 70, nil) {
		birth := p.people[i].birth
		form := blDrawForm(r, 30, 30, 15, 3)
		months := int(td-birth) / 30
		var fits []int
		for v, vac := range blVaccines {
			if months >= vac.minAge && (vac.maxAge >= 1200 || months <= vac.maxAge+24) &&
				(!vac.femaleOnly || p.people[i].sex == 'M') {
				fits = append(fits, v)
			}
		}
		if len(fits) == 0 {
			continue
		}
		st := states[muniState(int(p.people[i].muni))].Code
		fac := blFacilityIn(p, r, st, "CENTRO DE SALUD")
		if fac < 0 {
			continue
		}
		for range between(r, 1, 3) {
			v := pick(r, fits)
			vac := blVaccines[v]
			dose := uint8(0)
			if vac.doses > 1 {
				dose = uint8(between(r, 1, vac.doses))
				if v >= 9 && chance(r, 300) {
					dose = 5
				}
			}
			lo := birth + int32(vac.minAge*30)
			hi := td - 1
			if vac.maxAge < 1200 {
				hi = min(hi, birth+int32((vac.maxAge+1)*30))
			}
			lo = max(lo, td-3*365, birth)
			if lo > hi {
				lo = hi
			}
			plan = append(plan, blVacRow{person: i, form: form, vaccine: uint8(v), dose: dose,
				lot: uint8(r.IntN(len(lots[v]))), facility: int32(fac), day: blDay(r, max(lo, birth), hi)})
			if form == blValid {
				persons = append(persons, i)
			}
		}
	}
	seed := r.Uint64()
	cols := []Column{
		col("id_registro", Integer),
		col("curp", Char(18), "curp"),
		col("nombre", Varchar(50), "person_name"),
		col("apellido_paterno", Varchar(40), "person_name"),
		col("apellido_materno", Varchar(40), "person_name"),
		col("fecha_nacimiento", Date, "birthdate"),
		col("sexo", Varchar(10)),
		col("biologico", Varchar(45), "health_condition"),
		col("dosis", Varchar(10)),
		col("lote", Varchar(12)),
		col("fecha_aplicacion", Date),
		col("clues", Char(11), "health_facility"),
		col("unidad_salud", Varchar(80), "health_facility"),
		col("vacunador", Varchar(60), "person_name"),
	}
	return &Table{
		Name: "vac_registro_dosis", Style: "vaccination-register", Columns: cols,
		Rows: len(plan), Persons: persons,
		PrimaryKey:  []string{"id_registro"},
		ForeignKeys: []ForeignKey{cluesRef("clues")},
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for k, pl := range plan {
				pe := p.Person(pl.person)
				f := &p.facilities[pl.facility]
				nurse := p.Person(blStaff(p, seed, int(pl.facility)*4+rr.IntN(3)))
				vname := titleCase(nurse.Nombre + " " + nurse.Paterno + " " + nurse.Materno)
				if chance(rr, 350) {
					vname = "ENF. " + strings.ToUpper(plain(vname))
				}
				var mat any
				if pe.Materno != "" {
					mat = blCut(blMojibake(rr, titleCase(pe.Materno), 120), 40)
				}
				row := []any{
					int64(k + 1),
					blCURPCell(rr, pl.form, pe.CURP, today, blCURPPlaceholders),
					blCut(blMojibake(rr, titleCase(pe.Nombre), 120), 50),
					blCut(blMojibake(rr, titleCase(pe.Paterno), 120), 40), mat,
					pe.Birth, sexCode(pe.Sex, "HOMBRE", "MUJER", "NO BINARIO"),
					blVaccines[pl.vaccine].name, blDoseNames[pl.dose],
					lots[pl.vaccine][pl.lot], dayTime(pl.day), f.CLUES,
					blCut(f.Name, 80), blCut(vname, 60),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
