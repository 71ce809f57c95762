package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// The state health secretariat (salud_estatal): a modern system with
// lower-case names, declared keys and names in upper case with accents.

// pacientes: the secretariat's patient register, one row per patient in
// registration order: CURP, the name in three columns, the birthdate as
// DATE, a one-line address, the postal code and a phone. The register
// holds no health data itself: what a patient was seen for is in
// consultas_externas and recetas, which point here. Mess: about 10% of
// the patients have no CURP on record (NULL; they are identified by name
// and birthdate), some a placeholder or a capture error; 1% no birthdate.
//
// Keys: declared (PrimaryKey).
func buildInstPacientes(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	t := &Table{
		Name:        "pacientes",
		PrimaryKey:  []string{"id"},
		Style:       "patient-register",
		Institution: instSalud,
		Rows:        len(w.patients),
		Columns: []Column{
			col("id", Integer),
			col("curp", Char(18), taxonomy.CURP),
			col("nombre", Varchar(60), taxonomy.PersonName),
			col("primer_apellido", Varchar(40), taxonomy.PersonName),
			col("segundo_apellido", Varchar(40), taxonomy.PersonName),
			col("fecha_nacimiento", Date, taxonomy.Birthdate),
			col("sexo", Char(1)),
			col("domicilio", Varchar(150), taxonomy.Address),
			col("codigo_postal", Char(5), taxonomy.PostalCode),
			col("telefono", Varchar(20), taxonomy.Phone),
			col("fecha_registro", Date),
		},
	}
	for _, e := range w.patients {
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Address, taxonomy.PostalCode, taxonomy.Phone)
		if e.form == CURPValid {
			t.Persons = append(t.Persons, e.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !e.noBirth {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		t.subject(e.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range w.patients {
			ps := p.Person(e.person)
			var birth, materno, phone any = ps.Birth, ps.Materno, nil
			if e.noBirth {
				birth = nil
			}
			if ps.Materno == "" {
				materno = nil
			}
			if chance(r, 700) {
				phone = phoneText(r, ps.Phone)
			}
			row := []any{
				int64(k + 1),
				curpCell(r, e.form, ps.CURP, p.Today()),
				ps.Nombre,
				ps.Paterno,
				materno,
				birth,
				string(ps.Sex),
				ps.Address.ExportLine(r),
				ps.Address.PostalCode,
				phone,
				dayTime(e.reg),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// consultas_externas: the secretariat's outpatient visits, one row per
// visit in visit order; id_paciente points at pacientes.id, the only
// thing in the row that says whose visit it was. The diagnosis as a
// CIE-10 code and as text (about 3% and 2% missing), the unit's CLUES and
// the doctor by name (a facility's staff, not a patient).
//
// Keys: declared (PrimaryKey, ForeignKeys).
func buildInstConsultas(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	t := &Table{
		Name:        "consultas_externas",
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{references("id_paciente", "pacientes", "id")},
		Style:       "consultations",
		Institution: instSalud,
		Rows:        len(w.visits),
		Columns: []Column{
			col("id", Integer),
			col("id_paciente", Integer),
			col("fecha", Timestamp),
			col("cie10", Varchar(6), taxonomy.HealthCondition),
			col("diagnostico", Varchar(120), taxonomy.HealthCondition),
			col("clues", Char(11), taxonomy.HealthFacility),
			col("medico", Varchar(80), taxonomy.PersonName),
		},
	}
	for _, v := range w.visits {
		e := w.patients[v.patient]
		holds := Cats(taxonomy.HealthFacility)
		if !v.noCode || !v.noText {
			holds |= Cats(taxonomy.HealthCondition)
		}
		t.subject(e.person, linkedIf(e.identifies()), holds)
	}
	byState := map[string][]int{}
	for _, st := range states {
		byState[st.Code] = p.FacilitiesIn(st.Code)
	}
	dx := Diagnoses()
	var ws []uint64
	for _, d := range dx {
		ws = append(ws, d.Weight)
	}
	dxW := newWeighted(ws)
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, v := range w.visits {
			e := w.patients[v.patient]
			ps := p.Person(e.person)
			at := instStart.Add(minutes(v.at))
			d := drawDiagnosis(r, dx, dxW, ps, at.Year())
			var code, text any
			if !v.noCode {
				code = CIE10Display(d.Code, r.IntN(2))
			}
			if !v.noText {
				text = d.Description
				if len(d.Variants) > 0 && chance(r, 500) {
					text = pick(r, d.Variants)
				}
			}
			f := p.facilities[pick(r, byState[ps.Address.StateCode])]
			row := []any{int64(k + 1), int64(v.patient + 1), at, code, text, f.CLUES, pick(r, f.Doctors)}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// linkedIf is how a row that points at a person's row identifies them:
// through the key when that row identifies them, not at all otherwise.
func linkedIf(target bool) Ident {
	if target {
		return IdentLinked
	}
	return IdentNone
}

// recetas: the prescriptions written at the secretariat's visits, one row
// per medicine: id_consulta points at consultas_externas.id, which points
// at the patient (recetas -> consultas_externas -> pacientes). The
// medicine a person is prescribed is a treatment: health_condition.
//
// Keys: declared (PrimaryKey, ForeignKeys).
func buildInstRecetas(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	type item struct {
		visit uint32
		med   uint16
	}
	meds := Medicines()
	var plan []item
	for k := range w.visits {
		if !chance(r, 700) {
			continue
		}
		for range 1 + r.IntN(2) {
			plan = append(plan, item{uint32(k), uint16(r.IntN(len(meds)))})
		}
	}
	t := &Table{
		Name:        "recetas",
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{references("id_consulta", "consultas_externas", "id")},
		Style:       "prescriptions",
		Institution: instSalud,
		Rows:        len(plan),
		Columns: []Column{
			col("id", Integer),
			col("id_consulta", Integer),
			col("medicamento", Varchar(120), taxonomy.HealthCondition),
			col("cantidad", Integer),
			col("fecha_surtido", Date),
		},
	}
	for _, it := range plan {
		e := w.patients[w.visits[it.visit].patient]
		t.subject(e.person, linkedIf(e.identifies()), Cats(taxonomy.HealthCondition))
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, it := range plan {
			m := meds[it.med]
			day := instStart.Add(minutes(w.visits[it.visit].at)).Truncate(24 * time.Hour)
			row := []any{int64(k + 1), int64(it.visit + 1), m.Name + " " + m.Strength + " " + m.Form,
				int64(between(r, 1, 3)), day}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// vacunacion_infantil: the doses applied to children under twelve, one
// row per dose in order of application, captured at the health units:
// the child's CURP (NULL for about 15%, registered before they had one),
// full name in one field (NOMBRE PATERNO MATERNO), the birthdate as
// DD/MM/YYYY text (00/00/0000 in about 1% of the rows), the vaccine
// (what was done to the child: health_condition, as in other vaccination
// registers), the dose, the day, the unit's CLUES, and the guardian who
// brought the child, by name only: a relative named without a birthdate,
// who identifies no one.
//
// Keys: declared (PrimaryKey).
func buildInstVacunacion(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	type dose struct {
		child   int32
		tutor   int32 // -1: not written
		day     int32
		form    CURPForm
		vaccine uint8
		n       uint8 // dose number, from 1
		noDate  bool
	}
	today := timeDay(p.Today())
	young := func(i int32) bool { return ageAt(p.Birth(i), p.Today()) < 12 }
	var plan []dose
	for _, i := range p.Sample(r, 600, young) {
		form := curpForm(r, 150, 20, 10)
		tutor := int32(-1)
		if m := p.people[i].materno; m != 0 && chance(r, 800) {
			tutor = w.relative(p, r, i, m, 'M', 15, 45, true)
		}
		if tutor < 0 && chance(r, 600) {
			tutor = w.relative(p, r, i, p.people[i].paterno, 'H', 18, 55, true)
		}
		born := p.people[i].birth
		for n := range between(r, 1, 4) {
			v := uint8(r.IntN(len(instVaccines)))
			plan = append(plan, dose{child: i, tutor: tutor, day: born + int32(r.IntN(int(today-born))),
				form: form, vaccine: v, n: uint8(n + 1), noDate: chance(r, 10)})
		}
	}
	slices.SortStableFunc(plan, func(a, b dose) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.child, b.child), cmp.Compare(a.n, b.n))
	})
	t := &Table{
		Name:        "vacunacion_infantil",
		PrimaryKey:  []string{"id"},
		Style:       "vaccination-register",
		Institution: instSalud,
		Rows:        len(plan),
		Columns: []Column{
			col("id", Integer),
			col("curp", Char(18), taxonomy.CURP),
			col("nombre_menor", Varchar(100), taxonomy.PersonName),
			col("fecha_nacimiento", Varchar(10), taxonomy.Birthdate),
			col("sexo", Char(1)),
			col("vacuna", Varchar(60), taxonomy.HealthCondition),
			col("dosis", Varchar(12)),
			col("fecha_aplicacion", Date),
			col("clues", Char(11), taxonomy.HealthFacility),
			col("nombre_tutor", Varchar(100), taxonomy.PersonName),
		},
	}
	for _, d := range plan {
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.HealthCondition, taxonomy.HealthFacility)
		if d.form == CURPValid {
			t.Persons = append(t.Persons, d.child)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !d.noDate {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		t.subject(d.child, ident, holds)
		if d.tutor >= 0 {
			t.subject(d.tutor, IdentNone, Cats(taxonomy.PersonName))
		}
	}
	byState := map[string][]int{}
	for _, st := range states {
		byState[st.Code] = p.FacilitiesIn(st.Code)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, d := range plan {
			ps := p.Person(d.child)
			birth := ddmmyyyy(ps.Birth)
			if d.noDate {
				birth = "00/00/0000"
			}
			var tutor any
			if d.tutor >= 0 {
				tutor = plain(p.Person(d.tutor).FullName())
			}
			f := p.facilities[pick(r, byState[ps.Address.StateCode])]
			row := []any{
				int64(k + 1),
				curpCell(r, d.form, ps.CURP, p.Today()),
				plain(ps.FullName()),
				birth,
				string(ps.Sex),
				instVaccines[d.vaccine],
				instDoses[min(int(d.n), len(instDoses))-1],
				dayTime(d.day),
				f.CLUES,
				tutor,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var (
	instVaccines = []string{"BCG", "HEPATITIS B", "HEXAVALENTE", "ROTAVIRUS", "NEUMOCOCICA CONJUGADA",
		"SRP (SARAMPION, RUBEOLA Y PAROTIDITIS)", "DPT", "INFLUENZA ESTACIONAL"}
	instDoses = []string{"PRIMERA", "SEGUNDA", "TERCERA", "REFUERZO"}
)

// nomina_personal: the secretariat's payroll, one row per employee in
// hire order: the 13-character RFC, CURP, NSS, the full name surname
// first, the birthdate as DATE, and the CLABE the salary is paid into.
// Every official identifier with the name and birthdate: an identity kit.
// Mess: a few missing RFCs, NSSs, birthdates and CLABEs; missing,
// placeholder and mistyped CURPs.
//
// Keys: declared (PrimaryKey).
func buildInstNomina(p *Pool, r *rand.Rand) *Table {
	type employee struct {
		person                         int32
		hired                          int32
		form                           CURPForm
		noRFC, noNSS, noBirth, noCLABE bool
	}
	today := timeDay(p.Today())
	working := func(i int32) bool {
		age := ageAt(p.Birth(i), p.Today())
		return age >= 20 && age <= 65
	}
	var plan []employee
	for _, i := range p.Sample(r, 15, working) {
		from := max(timeDay(instStart.AddDate(-20, 0, 0)), timeDay(p.Birth(i).AddDate(20, 0, 0)))
		plan = append(plan, employee{person: i, hired: from + int32(r.IntN(max(1, int(today-from)))),
			form: curpForm(r, 10, 10, 5), noRFC: chance(r, 10), noNSS: chance(r, 20), noBirth: chance(r, 10),
			noCLABE: chance(r, 30)})
	}
	slices.SortStableFunc(plan, func(a, b employee) int {
		return cmp.Or(cmp.Compare(a.hired, b.hired), cmp.Compare(a.person, b.person))
	})
	t := &Table{
		Name:        "nomina_personal",
		PrimaryKey:  []string{"num_empleado"},
		Style:       "payroll",
		Institution: instSalud,
		Rows:        len(plan),
		Columns: []Column{
			col("num_empleado", Integer),
			col("rfc", Char(13), taxonomy.RFC),
			col("curp", Char(18), taxonomy.CURP),
			col("nss", Char(11), taxonomy.NSS),
			col("nombre_completo", Varchar(100), taxonomy.PersonName),
			col("fecha_nacimiento", Date, taxonomy.Birthdate),
			col("clabe", Char(18), taxonomy.CLABE),
			col("puesto", Varchar(60)),
			col("sueldo_mensual", Decimal(10, 2)),
			col("adscripcion", Varchar(120)),
		},
	}
	for _, e := range plan {
		ident, holds := IdentNone, Cats(taxonomy.PersonName)
		if e.form == CURPValid {
			t.Persons = append(t.Persons, e.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !e.noBirth {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		if !e.noRFC {
			holds |= Cats(taxonomy.RFC)
		}
		if !e.noNSS {
			holds |= Cats(taxonomy.NSS)
		}
		if !e.noCLABE {
			holds |= Cats(taxonomy.CLABE)
		}
		t.subject(e.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range plan {
			ps := p.Person(e.person)
			var rfc, nss, birth, clabe any = personRFC(ps), nil, ps.Birth, nil
			if e.noRFC {
				rfc = nil
			}
			if !e.noNSS {
				nss = personNSS(r, ps.Birth, p.Today())
			}
			if e.noBirth {
				birth = nil
			}
			if !e.noCLABE {
				clabe = personCLABE(r)
			}
			job := pick(r, puestos)
			row := []any{
				int64(5000 + k + 1),
				rfc,
				curpCell(r, e.form, ps.CURP, p.Today()),
				nss,
				plain(ps.RegistryName()),
				birth,
				clabe,
				job.name,
				money(between(r, job.lo, job.hi) * 100),
				pick(r, oficinas),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
