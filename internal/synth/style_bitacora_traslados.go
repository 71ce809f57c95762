package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// bitacora_traslados: the log of a state's ambulance service, one row per
// transfer of a patient between health units, in departure order: a
// folio, the departure time, the CLUES of the sending unit (the one that
// attended the patient and refers them) and of the receiving hospital,
// and the ambulance's unit number. What the crew knows about the patient
// the dispatch system keeps in one field, detalle, as a pipe-delimited
// record of five fields (trasladoSep):
//
//	PATERNO MATERNO NOMBRE|DD/MM/YYYY|CURP|CIE-10|CLUES
//
// the patient's name surname first, the birthdate day first, the CURP,
// the diagnosis that motivates the transfer as a CIE-10 code (dotted or
// not, X-padded or not) and the CLUES of the sending unit as the crew
// copied it from the referral sheet. A few records leave a field empty
// (unknown birthdate, no CURP, no code yet, the unit not written) but
// keep the four separators; some CURP fields carry a capture error or a
// placeholder (SIN CURP).
//
// detalle is labelled with every category its fields hold (doc.go): curp,
// person_name, birthdate, health_condition and health_facility. Both
// CLUES columns are health_facility: the sending unit attended the
// patient and the receiving hospital takes them in. The table has no CURP
// column, so it counts no persons: CURPs inside a delimited record do not
// count, as CURPs in free text do not.
func buildBitacoraTraslados(p *Pool, r *rand.Rand) *Table {
	type transfer struct {
		person   int32
		at       int32 // minutes since trasladosStart
		from, to int32 // facility indices
		curp     uint8 // the CURP field: 0 the CURP, 1 empty, 2 a placeholder, 3 a capture error
		noBirth  bool  // the birthdate field left empty
		noCode   bool  // no CIE-10 code yet
	}
	hospitals := map[string][]int{}
	var anyHospital []int
	for i, f := range p.Facilities() {
		if strings.Contains(f.Type, "HOSPITAL") {
			hospitals[f.StateCode] = append(hospitals[f.StateCode], i)
			anyHospital = append(anyHospital, i)
		}
	}
	byState := map[string][]int{}
	for _, st := range states {
		byState[st.Code] = p.FacilitiesIn(st.Code)
	}
	start := timeDay(trasladosStart)
	end := timeDay(p.Today()) - 1
	n := scaled(p.Len(), 1, 25, 60, 200000)
	plan := make([]transfer, 0, n)
	for range n {
		i := int32(r.IntN(p.Len()))
		st := states[muniState(int(p.people[i].muni))].Code
		from := max(start, p.people[i].birth)
		day := from + int32(r.IntN(int(end-from)+1))
		tr := transfer{person: i, at: (day-start)*24*60 + int32(r.IntN(24*60))}
		tr.from = int32(pick(r, byState[st]))
		dest := hospitals[st]
		if len(dest) == 0 || chance(r, 50) { // to a hospital of another state
			dest = anyHospital
		}
		if len(dest) == 0 {
			dest = byState[st]
		}
		tr.to = int32(pick(r, dest))
		if tr.to == tr.from { // the sending unit is the state's only hospital
			if len(dest) == 1 {
				dest = anyHospital
			}
			if k := slices.Index(dest, int(tr.to)); len(dest) > 1 {
				tr.to = int32(dest[(k+1+r.IntN(len(dest)-1))%len(dest)])
			}
		}
		switch n := r.IntN(1000); {
		case n < 40:
			tr.curp = 1
		case n < 60:
			tr.curp = 2
		case n < 75:
			tr.curp = 3
		}
		tr.noBirth, tr.noCode = chance(r, 30), chance(r, 30)
		plan = append(plan, tr)
	}
	slices.SortStableFunc(plan, func(a, b transfer) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:        "bitacora_traslados",
		Style:       "ambulance-transfer-log",
		Rows:        len(plan),
		PrimaryKey:  []string{"folio"},
		ForeignKeys: []ForeignKey{cluesRef("unidad_origen"), cluesRef("unidad_destino")},
		Columns: []Column{
			col("folio", Varchar(16)),
			col("fecha_traslado", Timestamp),
			col("unidad_origen", Char(11), taxonomy.HealthFacility),
			col("unidad_destino", Char(11), taxonomy.HealthFacility),
			col("ambulancia", Varchar(10)),
			col("detalle", Varchar(200), taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate,
				taxonomy.HealthCondition, taxonomy.HealthFacility),
		},
	}
	dx := Diagnoses()
	var ws []uint64
	for _, d := range dx {
		ws = append(ws, d.Weight)
	}
	dxW := newWeighted(ws)
	for _, tr := range plan {
		// detalle names the patient in full, surname first; both units
		// attended them
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.HealthFacility)
		if tr.curp == 0 {
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !tr.noBirth {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		if !tr.noCode {
			holds |= Cats(taxonomy.HealthCondition)
		}
		t.subject(tr.person, ident, holds)
	}
	fs := p.Facilities()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, tr := range plan {
			ps := p.Person(tr.person)
			at := trasladosStart.Add(minutes(tr.at))
			d := drawDiagnosis(r, dx, dxW, ps, at.Year())
			origin := fs[tr.from].CLUES
			fields := [5]string{
				mojibake(r, plain(ps.RegistryName()), 40),
				ddmmyyyy(ps.Birth),
				ps.CURP,
				CIE10Display(d.Code, r.IntN(2)),
				origin,
			}
			switch tr.curp {
			case 1:
				fields[2] = ""
			case 2:
				fields[2] = pick(r, []string{"SIN CURP", "NO PORTA", "SIN CURP"})
			case 3:
				fields[2] = typoCURP(r, ps.CURP, p.Today())
			}
			if tr.noBirth {
				fields[1] = ""
			}
			if tr.noCode {
				fields[3] = ""
			}
			if chance(r, 30) {
				fields[4] = ""
			}
			ambulancia := fmt.Sprintf("AMB-%03d", 1+(int(tr.from)*7+r.IntN(3))%240)
			if chance(r, 200) {
				ambulancia = fmt.Sprintf("ECO %d", 10+(int(tr.from)*3+r.IntN(2))%90)
			}
			row := []any{
				fmt.Sprintf("TR%d-%06d", at.Year(), k+1),
				at,
				origin,
				fs[tr.to].CLUES,
				ambulancia,
				strings.Join(fields[:], trasladoSep),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// trasladoSep separates the fields of bitacora_traslados.detalle.
const trasladoSep = "|"

// trasladosStart is the first day of the transfer log.
var trasladosStart = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
