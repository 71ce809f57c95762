package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"
)

// InstitutionStyles are the tables of the institutions corpus, built for
// the person figures of issue 7 (docs/contract.md, Exposure): twelve
// tables kept by four institutions that share people but not systems,
// each meant to be written and scanned as a source of its own
// (Corpus.Institutions, Corpus.OfInstitution).
//
//	salud_estatal     the state health secretariat's modern system
//	  pacientes            patient register: CURP (some missing), name in three columns with accents, DATE birthdate
//	  consultas_externas   outpatient visits, id_paciente -> pacientes.id: CIE-10, diagnosis, CLUES, doctor
//	  recetas              prescriptions, id_consulta -> consultas_externas.id: the chain recetas -> consultas -> pacientes
//	  vacunacion_infantil  child vaccination doses: the minors, with the guardian known only by name
//	  nomina_personal      payroll: RFC, CURP, NSS, name, birthdate, CLABE (identity kits, financial)
//	hospital_general  a hospital's legacy system (upper-case names, no declared keys)
//	  PACIENTES            patients: PATERNO MATERNO NOMBRE without accents, DD/MM/YYYY text, CURP mostly empty,
//	                       the relative responsible known only by name
//	  EGRESOS              discharges, ID_PAC -> PACIENTES.ID: diagnoses and the attending doctor
//	  LAB_RESULTADOS       lab results, ID_PAC -> PACIENTES.ID
//	  MEDICOS              the hospital's doctors, known only by name
//	registro_civil    the civil registry
//	  actas_nacimiento     birth records: the child, and the mother (her CURP in most) and father by name
//	bienestar         the state's pension for older adults
//	  padron_adultos_mayores  beneficiaries: name in title case, spoken order; birthdate as 21 de marzo de 1950
//	  pagos_pension           payments, id_beneficiario -> padron_adultos_mayores.id: the CLABE paid into
//
// The cases the figures must get right are all here: people without a
// CURP known by name and birthdate, many of them CURP holders in another
// institution whose tables write the name in another order, case or
// accents; health data reached only through a key, declared (the
// secretariat's) or not (the hospital's), directly or through a chain;
// minors, older adults, identity kits and CLABEs paid into through a
// key; and staff and relatives named without a birthdate, who count in
// no figure from those mentions.
//
// Keys: the secretariat's, the registry's and the programme's tables
// declare their primary and foreign keys (SQLite and PostgreSQL carry
// them, MariaDB never does); the hospital's legacy tables declare none
// anywhere, so that their links (ID_PAC -> PACIENTES.ID) must be inferred
// from names and values on every database.
func InstitutionStyles() []Style {
	return []Style{
		{"pacientes", buildInstPacientes},
		{"consultas_externas", buildInstConsultas},
		{"recetas", buildInstRecetas},
		{"vacunacion_infantil", buildInstVacunacion},
		{"nomina_personal", buildInstNomina},
		{"PACIENTES", buildInstHospPacientes},
		{"EGRESOS", buildInstEgresos},
		{"LAB_RESULTADOS", buildInstLab},
		{"MEDICOS", buildInstMedicos},
		{"actas_nacimiento", buildInstActas},
		{"padron_adultos_mayores", buildInstPension},
		{"pagos_pension", buildInstPagosPension},
	}
}

// The institutions of the corpus (Table.Institution).
const (
	instSalud     = "salud_estatal"
	instHospital  = "hospital_general"
	instCivil     = "registro_civil"
	instBienestar = "bienestar"
)

// instWorld is what the institutions' tables share, as the health
// register is for the default tables: the rows other tables point at by
// key, and what each of those rows says about its person, so that a
// table pointing at one knows whether it identifies anyone. It is built
// on first use, each list from a stream of its own.
type instWorld struct {
	patients   []instPatient     // salud_estatal.pacientes, in id order
	visits     []instVisit       // salud_estatal.consultas_externas, in id order
	hospital   []instHospPatient // hospital_general.PACIENTES, in ID order
	doctors    []int32           // hospital_general.MEDICOS, in ID order
	pensioners []instPensioner   // bienestar.padron_adultos_mayores, in id order
	bySurname  map[uint16][]int32
}

type instPatient struct {
	person  int32
	reg     int32 // day of registration
	form    CURPForm
	noBirth bool // fecha_nacimiento NULL
}

// identifies: the name is always in full, so a CURP or a birthdate does.
func (e instPatient) identifies() bool { return e.form == CURPValid || !e.noBirth }

type instVisit struct {
	patient        uint32 // index into patients
	at             int32  // minutes since instStart
	noCode, noText bool   // cie10, diagnostico NULL
}

type instHospPatient struct {
	person   int32
	reg      int32
	curp     uint8 // hospCURPEmpty, hospCURPValid, hospCURPTypo
	noBirth  bool  // FEC_NAC 00/00/0000
	relative int32 // the relative responsible, -1 none
}

const (
	hospCURPEmpty = iota
	hospCURPValid
	hospCURPTypo
)

func (e instHospPatient) identifies() bool { return e.curp == hospCURPValid || !e.noBirth }

type instPensioner struct {
	person  int32
	alta    int32
	form    CURPForm
	noBirth bool
	cash    bool   // paid in cash: no CLABE
	clabe   string // the account the pension is paid into
}

func (e instPensioner) identifies() bool { return e.form == CURPValid || !e.noBirth }

// instStart is when the secretariat's and the hospital's systems start.
var instStart = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)

func (p *Pool) instWorld() *instWorld {
	p.instOnce.Do(func() { p.inst = buildInstWorld(p) })
	return p.inst
}

func buildInstWorld(p *Pool) *instWorld {
	w := &instWorld{bySurname: map[uint16][]int32{}}
	for i := range p.people {
		s := p.people[i].paterno
		w.bySurname[s] = append(w.bySurname[s], int32(i))
	}
	today := timeDay(p.Today())
	start := timeDay(instStart)

	// the secretariat's patients, about three in ten of the pool
	r := newRand(p.seed, "world/inst/pacientes")
	for _, i := range p.Sample(r, 300, nil) {
		from := max(start, p.people[i].birth)
		e := instPatient{person: i, reg: from + int32(r.IntN(int(today-from))), form: curpForm(r, 100, 30, 20),
			noBirth: chance(r, 10)}
		w.patients = append(w.patients, e)
	}
	slices.SortStableFunc(w.patients, func(a, b instPatient) int {
		return cmp.Or(cmp.Compare(a.reg, b.reg), cmp.Compare(a.person, b.person))
	})

	// their visits: six in ten patients come, one to four times
	r = newRand(p.seed, "world/inst/consultas")
	for k, e := range w.patients {
		if !chance(r, 600) {
			continue
		}
		for range between(r, 1, 4) {
			day := e.reg + int32(r.IntN(int(today-e.reg)))
			w.visits = append(w.visits, instVisit{patient: uint32(k),
				at: (day-start)*24*60 + int32(between(r, 7*60, 20*60-1)), noCode: chance(r, 30), noText: chance(r, 20)})
		}
	}
	slices.SortStableFunc(w.visits, func(a, b instVisit) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.patient, b.patient))
	})

	// the hospital's patients: a quarter of the secretariat's, and others
	r = newRand(p.seed, "world/inst/hospital")
	taken := newBitset(p.Len())
	var hosp []int32
	for _, e := range w.patients {
		if chance(r, 250) && !taken.has(e.person) {
			taken.set(e.person)
			hosp = append(hosp, e.person)
		}
	}
	for _, i := range p.Sample(r, 30, func(i int32) bool { return !taken.has(i) }) {
		hosp = append(hosp, i)
	}
	for _, i := range hosp {
		from := max(start, p.people[i].birth)
		e := instHospPatient{person: i, reg: from + int32(r.IntN(int(today-from))), relative: -1}
		switch n := r.IntN(1000); {
		case n < 350:
			e.curp = hospCURPValid
		case n < 400:
			e.curp = hospCURPTypo
		}
		e.noBirth = chance(r, 20)
		if chance(r, 600) {
			e.relative = w.relative(p, r, i, p.people[i].paterno, 0, 18, 90, false)
		}
		w.hospital = append(w.hospital, e)
	}
	slices.SortStableFunc(w.hospital, func(a, b instHospPatient) int {
		return cmp.Or(cmp.Compare(a.reg, b.reg), cmp.Compare(a.person, b.person))
	})

	// the hospital's doctors
	r = newRand(p.seed, "world/inst/medicos")
	n := scaled(p.Len(), 1, 200, 8, 5000)
	hired := newBitset(p.Len())
	for range 50 * n {
		if len(w.doctors) == n {
			break
		}
		i := int32(r.IntN(p.Len()))
		if age := ageAt(p.Birth(i), p.Today()); age >= 28 && age <= 65 && !hired.has(i) {
			hired.set(i)
			w.doctors = append(w.doctors, i)
		}
	}

	// the pension for older adults: seven in ten of those 65 and over
	r = newRand(p.seed, "world/inst/pension")
	pensionStart := timeDay(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC))
	old := func(i int32) bool { return ageAt(p.Birth(i), p.Today()) >= 65 }
	for _, i := range p.Sample(r, 700, old) {
		e := instPensioner{person: i, alta: pensionStart + int32(r.IntN(int(today-pensionStart))),
			form: curpForm(r, 60, 40, 10), noBirth: chance(r, 10), cash: chance(r, 250)}
		if !e.cash {
			e.clabe = personCLABE(r)
		}
		w.pensioners = append(w.pensioners, e)
	}
	slices.SortStableFunc(w.pensioners, func(a, b instPensioner) int {
		return cmp.Or(cmp.Compare(a.alta, b.alta), cmp.Compare(a.person, b.person))
	})
	return w
}

// relative picks a pool person who could be i's relative: carrying the
// surname given as their first one, of the sex given (0: either), aged lo
// to hi years today or, atBirth, on the day i was born (and then born
// before i), and never born the same day as i. -1 when none is found
// among the first candidates looked at.
func (w *instWorld) relative(p *Pool, r *rand.Rand, i int32, surname uint16, sex byte, lo, hi int, atBirth bool) int32 {
	cands := w.bySurname[surname]
	if len(cands) == 0 {
		return -1
	}
	day := p.Today()
	if atBirth {
		day = p.Birth(i)
	}
	first := r.IntN(len(cands))
	for k := range min(len(cands), 64) {
		j := cands[(first+k)%len(cands)]
		pj, pi := &p.people[j], &p.people[i]
		if j == i || pj.birth == pi.birth || sex != 0 && pj.sex != sex || atBirth && pj.birth > pi.birth {
			continue
		}
		if age := ageAt(p.Birth(j), day); age >= lo && age <= hi {
			return j
		}
	}
	return -1
}
