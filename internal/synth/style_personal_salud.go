package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/alcance-mx/alcance/taxonomy"
)

// personal_salud: the staff directory of a state's health units, one row
// per employee by employee number: the name in three columns, the CURP,
// the cédula profesional (the professional licence number, seven or eight
// digits, only for licensed professions: not a taxonomy category), the job
// title, the CLUES of the unit the employee works at, the shift, a
// personal mobile phone and the institutional e-mail
// (nombre.apellido@salud.gob.mx, by the unit's institution). The unit is
// the employee's workplace, not a facility that attended them, so
// clues_adscripcion is labelled [] (doc.go), as nomina_empleados.adscripcion
// is. The institutional e-mail names its holder and is labelled email.
// Mess: missing and placeholder CURPs, a few capture errors.
func buildPersonalSalud(p *Pool, r *rand.Rand) *Table {
	type employee struct {
		person int32
		fac    int32
		job    uint8
		form   CURPForm
	}
	working := func(i int32) bool {
		age := ageAt(p.Birth(i), p.Today())
		return age >= 22 && age <= 67
	}
	byState := map[string][]int{}
	for _, st := range states {
		byState[st.Code] = p.FacilitiesIn(st.Code)
	}
	var plan []employee
	for _, i := range p.Sample(r, 30, working) {
		fs := byState[states[muniState(int(p.people[i].muni))].Code]
		e := employee{person: i, fac: int32(pick(r, fs)), job: uint8(staffJobW.pick(r)), form: curpForm(r, 10, 20, 5)}
		plan = append(plan, e)
	}
	// the directory lists employees by number, which follows no order of ours
	r.Shuffle(len(plan), func(a, b int) { plan[a], plan[b] = plan[b], plan[a] })
	slices.SortStableFunc(plan, func(a, b employee) int { return cmp.Compare(a.fac, b.fac) })

	t := &Table{
		Name:        "personal_salud",
		Style:       "health-staff-directory",
		Rows:        len(plan),
		PrimaryKey:  []string{"num_empleado"},
		ForeignKeys: []ForeignKey{cluesRef("clues_adscripcion")},
		Columns: []Column{
			col("num_empleado", Integer),
			col("nombre", Varchar(60), taxonomy.PersonName),
			col("apellido_paterno", Varchar(40), taxonomy.PersonName),
			col("apellido_materno", Varchar(40), taxonomy.PersonName),
			col("curp", Char(18), taxonomy.CURP),
			col("cedula_profesional", Varchar(8)),
			col("puesto", Varchar(40)),
			col("clues_adscripcion", Char(11)),
			col("turno", Varchar(20)),
			col("telefono", Varchar(20), taxonomy.Phone),
			col("correo_institucional", Varchar(80), taxonomy.Email),
		},
	}
	for _, e := range plan {
		// a directory names its staff without a birthdate: only a valid
		// CURP identifies them; their workplace did not attend them
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Phone, taxonomy.Email)
		if e.form == CURPValid {
			t.Persons = append(t.Persons, e.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		t.subject(e.person, ident, holds)
	}
	fs := p.Facilities()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range plan {
			ps := p.Person(e.person)
			job := staffJobs[e.job]
			f := fs[e.fac]
			var cedula any
			if job.licensed && !chance(r, 60) {
				if chance(r, 300) {
					cedula = fmt.Sprintf("%d", between(r, 1_000_000, 9_999_999))
				} else {
					cedula = fmt.Sprintf("%d", between(r, 10_000_000, 14_999_999))
				}
			}
			var materno any = plain(ps.Materno)
			if ps.Materno == "" {
				materno = nil
			}
			var tel any
			if chance(r, 800) {
				tel = phoneText(r, ps.Phone)
			}
			var mail any
			if !chance(r, 70) {
				mail = staffEmail(r, ps, f.Institution)
			}
			turno := pick(r, staffTurnos)
			if !job.shifts {
				turno = "MATUTINO"
			}
			row := []any{
				int64(k*7 + 30001 + r.IntN(7)),
				plain(ps.Nombre),
				plain(ps.Paterno),
				materno,
				curpCell(r, e.form, ps.CURP, p.Today()),
				cedula,
				job.name,
				f.CLUES,
				turno,
				tel,
				mail,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// staffJobs are the positions of a health unit's staff: whether the job
// needs a cédula profesional and whether it works in shifts.
var (
	staffJobs = []struct {
		name             string
		licensed, shifts bool
	}{
		{"MEDICO GENERAL", true, true}, {"MEDICO ESPECIALISTA", true, true}, {"ENFERMERA GENERAL", true, true},
		{"ENFERMERA ESPECIALISTA", true, true}, {"AUXILIAR DE ENFERMERIA", false, true},
		{"QUIMICO FARMACOBIOLOGO", true, true}, {"TRABAJADORA SOCIAL", true, false},
		{"ODONTOLOGO", true, false}, {"NUTRIOLOGO", true, false}, {"PSICOLOGO", true, false},
		{"CAMILLERO", false, true}, {"AUXILIAR ADMINISTRATIVO", false, false}, {"PROMOTOR DE SALUD", false, false},
		{"TECNICO RADIOLOGO", false, true}, {"CHOFER DE AMBULANCIA", false, true},
	}
	staffJobW   = newWeighted([]uint64{20, 6, 25, 5, 10, 3, 3, 3, 2, 2, 5, 8, 4, 2, 2})
	staffTurnos = []string{"MATUTINO", "MATUTINO", "VESPERTINO", "NOCTURNO", "JORNADA ACUMULADA"}
)

// institutionDomains are the mail domains of the institutions' staff.
var institutionDomains = map[string]string{
	"SSA": "salud.gob.mx", "IMSS": "imss.gob.mx", "ISSSTE": "issste.gob.mx", "IMSS-BIENESTAR": "imssbienestar.gob.mx",
}

// staffEmail is an institutional address built from the name:
// juan.perez@imss.gob.mx, jperezl@salud.gob.mx.
func staffEmail(r *rand.Rand, ps Person, institution string) string {
	g := emailWord(firstWord(ps.Nombre))
	pa := emailWord(firstWord(ps.Paterno))
	ma := emailWord(firstWord(ps.Materno))
	domain := institutionDomains[institution]
	if domain == "" {
		domain = "salud.gob.mx"
	}
	var local string
	switch r.IntN(3) {
	case 0:
		local = g + "." + pa
	case 1:
		local = initialOf(g) + pa + initialOf(ma)
	default:
		local = strings.TrimSuffix(g+"."+pa+"."+ma, ".")
	}
	return local + "@" + domain
}
