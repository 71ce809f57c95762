package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/alcance-mx/alcance/taxonomy"
)

// The hospital (hospital_general): a legacy system in upper case, text in
// a legacy encoding, no declared keys. Its tables point at PACIENTES.ID
// through ID_PAC, which only the column name and the values say.

// PACIENTES: the hospital's patients, one row per patient in registration
// order: the name in one field surname first without accents
// (PATERNO MATERNO NOMBRE; a few Ñ damaged as Ã‘ or ¥), the birthdate as
// DD/MM/YYYY text, sex coded M/F, the CURP in about 35% of the rows (the
// rest empty, a few mistyped), a one-line address, a phone, and the
// relative responsible for the patient by name only (RESPONSABLE: a
// person named without a birthdate, who identifies no one). About a
// quarter of the secretariat's patients are here too, written otherwise.
// Mess: FEC_NAC 00/00/0000 in about 2% of the rows.
//
// Keys: the legacy schema declares none; ID is unique (PrimaryKey ID).
func buildInstHospPacientes(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	t := &Table{
		Name:        "PACIENTES",
		Style:       "hospital-legacy",
		Institution: instHospital,
		Rows:        len(w.hospital),
		Columns: legacy([]Column{
			col("ID", Integer),
			col("NOMBRE", Varchar(90), taxonomy.PersonName),
			col("FEC_NAC", Char(10), taxonomy.Birthdate),
			col("SEXO", Char(1)),
			col("CURP", Varchar(18), taxonomy.CURP),
			col("DOMICILIO", Varchar(100), taxonomy.Address),
			col("TELEFONO", Varchar(20), taxonomy.Phone),
			col("RESPONSABLE", Varchar(90), taxonomy.PersonName),
		}),
	}
	for _, e := range w.hospital {
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Address, taxonomy.Phone)
		if e.curp == hospCURPValid {
			t.Persons = append(t.Persons, e.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !e.noBirth {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		t.subject(e.person, ident, holds)
		if e.relative >= 0 {
			t.subject(e.relative, IdentNone, Cats(taxonomy.PersonName))
		}
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range w.hospital {
			ps := p.Person(e.person)
			birth := ddmmyyyy(ps.Birth)
			if e.noBirth {
				birth = "00/00/0000"
			}
			curp := ""
			switch e.curp {
			case hospCURPValid:
				curp = ps.CURP
			case hospCURPTypo:
				curp = typoCURP(r, ps.CURP, p.Today())
			}
			var tel, responsable any
			if chance(r, 750) {
				tel = phoneText(r, ps.Phone)
			}
			if e.relative >= 0 {
				responsable = mojibakeFit(r, plain(p.Person(e.relative).RegistryName()), 30, 90)
			}
			row := []any{
				int64(k + 1),
				mojibakeFit(r, plain(ps.RegistryName()), 30, 90),
				birth,
				sexCode(ps.Sex, "M", "F", "X"),
				curp,
				ps.Address.LegacyLine(r),
				tel,
				responsable,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// EGRESOS: the hospital's discharges, one row per stay in order of
// admission: ID_PAC (the patient's PACIENTES.ID, the only link to who it
// was), admission and discharge dates, the diagnoses on admission and at
// discharge as CIE-10 codes (the latter missing in about 5%), the service
// and the attending doctor by name, one of MEDICOS.
//
// Keys: none declared; FOLIO is unique, and ID_PAC truly references
// PACIENTES.ID (references("ID_PAC", "PACIENTES", "ID")).
func buildInstEgresos(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	type stay struct {
		patient uint32
		in      int32
		los     uint8
		doctor  uint16
	}
	today := timeDay(p.Today())
	var plan []stay
	for k, e := range w.hospital {
		if !chance(r, 600) {
			continue
		}
		for range 1 + r.IntN(2) {
			in := e.reg + int32(r.IntN(max(1, int(today-e.reg-20))))
			plan = append(plan, stay{uint32(k), in, uint8(between(r, 1, 15)), uint16(r.IntN(len(w.doctors)))})
		}
	}
	slices.SortStableFunc(plan, func(a, b stay) int {
		return cmp.Or(cmp.Compare(a.in, b.in), cmp.Compare(a.patient, b.patient))
	})
	t := &Table{
		Name:        "EGRESOS",
		Style:       "hospital-legacy",
		Institution: instHospital,
		Rows:        len(plan),
		Columns: legacy([]Column{
			col("FOLIO", Integer),
			col("ID_PAC", Integer),
			col("FEC_ING", Date),
			col("FEC_EGR", Date),
			col("DIAG_ING", Varchar(6), taxonomy.HealthCondition),
			col("DIAG_EGR", Varchar(6), taxonomy.HealthCondition),
			col("SERVICIO", Varchar(30)),
			col("MEDICO", Varchar(90), taxonomy.PersonName),
		}),
	}
	for _, s := range plan {
		e := w.hospital[s.patient]
		t.subject(e.person, linkedIf(e.identifies()), Cats(taxonomy.HealthCondition))
		t.subject(w.doctors[s.doctor], IdentNone, Cats(taxonomy.PersonName))
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
		for k, s := range plan {
			ps := p.Person(w.hospital[s.patient].person)
			in := dayTime(s.in)
			first := drawDiagnosis(r, dx, dxW, ps, in.Year())
			var last any
			if !chance(r, 50) {
				last = CIE10Display(drawDiagnosis(r, dx, dxW, ps, in.Year()).Code, 0)
			}
			row := []any{
				int64(90000 + k + 1),
				int64(s.patient + 1),
				in,
				dayTime(min(s.in+int32(s.los), timeDay(p.Today())-1)),
				CIE10Display(first.Code, 0),
				last,
				pick(r, hospitalServices),
				instDoctorName(p.Person(w.doctors[s.doctor])),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var hospitalServices = []string{"MEDICINA INTERNA", "CIRUGIA GENERAL", "GINECOOBSTETRICIA", "PEDIATRIA",
	"TRAUMATOLOGIA", "URGENCIAS ADULTOS"}

// instDoctorName is how the hospital writes a doctor: DR. or DRA. and the
// name in spoken order, without accents.
func instDoctorName(ps Person) string {
	title := "DR. "
	if ps.Sex == 'M' {
		title = "DRA. "
	}
	return title + plain(ps.FullName())
}

// LAB_RESULTADOS: the hospital laboratory's results, one row per study in
// the order they were captured, no row id: ID_PAC (PACIENTES.ID), the
// date, the study, the result and its units. The study done to a person
// and its result are health_condition.
//
// Keys: none; ID_PAC truly references PACIENTES.ID.
func buildInstLab(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	type result struct {
		patient uint32
		day     int32
		study   uint8
	}
	today := timeDay(p.Today())
	var plan []result
	for k, e := range w.hospital {
		if !chance(r, 400) {
			continue
		}
		for range between(r, 1, 4) {
			plan = append(plan, result{uint32(k), e.reg + int32(r.IntN(max(1, int(today-e.reg)))),
				uint8(r.IntN(len(labStudies)))})
		}
	}
	slices.SortStableFunc(plan, func(a, b result) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.patient, b.patient))
	})
	t := &Table{
		Name:        "LAB_RESULTADOS",
		Style:       "hospital-legacy",
		Institution: instHospital,
		Rows:        len(plan),
		Columns: legacy([]Column{
			col("ID_PAC", Integer),
			col("FECHA", Date),
			col("ESTUDIO", Varchar(40), taxonomy.HealthCondition),
			col("RESULTADO", Varchar(20), taxonomy.HealthCondition),
			col("UNIDADES", Varchar(12)),
		}),
	}
	for _, x := range plan {
		e := w.hospital[x.patient]
		t.subject(e.person, linkedIf(e.identifies()), Cats(taxonomy.HealthCondition))
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, x := range plan {
			st := labStudies[x.study]
			var res string
			if st.words != nil {
				res = pick(r, st.words)
			} else {
				v := between(r, st.lo, st.hi)
				res = strconv.Itoa(v)
				if st.tenths {
					res = fmt.Sprintf("%d.%d", v/10, v%10)
				}
			}
			row := []any{int64(x.patient + 1), dayTime(x.day), st.name, res, st.units}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// labStudies: a result drawn in [lo, hi], or one of words.
var labStudies = []struct {
	name, units string
	lo, hi      int
	tenths      bool // lo and hi are in tenths
	words       []string
}{
	{"GLUCOSA SERICA", "MG/DL", 65, 320, false, nil},
	{"HEMOGLOBINA", "G/DL", 80, 175, true, nil},
	{"CREATININA", "MG/DL", 5, 60, true, nil},
	{"COLESTEROL TOTAL", "MG/DL", 120, 310, false, nil},
	{"HEMOGLOBINA GLUCOSILADA", "%", 45, 120, true, nil},
	{"PROTEINA C REACTIVA", "", 0, 0, false, []string{"POSITIVO", "NEGATIVO"}},
	{"ANTIGENO SARS-COV-2", "", 0, 0, false, []string{"POSITIVO", "NEGATIVO"}},
	{"EXAMEN GENERAL DE ORINA", "", 0, 0, false, []string{"NORMAL", "ANORMAL"}},
}

// MEDICOS: the hospital's doctors, one row per doctor: the name in spoken
// order, the cédula profesional (seven or eight digits, not a category),
// the specialty and the shift. Staff named without a birthdate: they
// identify no one, and count in no figure from here.
//
// Keys: none declared; ID is unique.
func buildInstMedicos(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	t := &Table{
		Name:        "MEDICOS",
		Style:       "hospital-legacy",
		Institution: instHospital,
		Rows:        len(w.doctors),
		Columns: legacy([]Column{
			col("ID", Integer),
			col("NOMBRE", Varchar(90), taxonomy.PersonName),
			col("CEDULA", Varchar(8)),
			col("ESPECIALIDAD", Varchar(40)),
			col("TURNO", Varchar(12)),
		}),
	}
	for _, d := range w.doctors {
		t.subject(d, IdentNone, Cats(taxonomy.PersonName))
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, d := range w.doctors {
			row := []any{
				int64(k + 1),
				plain(p.Person(d).FullName()),
				fmt.Sprint(between(r, 1_000_000, 14_999_999)),
				pick(r, hospitalServices),
				pick(r, []string{"MATUTINO", "VESPERTINO", "NOCTURNO"}),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
