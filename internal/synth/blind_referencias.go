package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// ref_contraref_log: a health jurisdiction's referral log between units.
// The patient travels in one pipe-separated text, detalle, that the
// sending unit's system builds: NAME|DD/MM/YYYY|CURP|DIAGNOSIS, and in a
// later version with keys: NOMBRE:...|FNAC:...|CURP:...|DX:....
//
// Labels:
//   - detalle: curp, person_name, birthdate, health_condition (every value
//     holds a name, a birthdate and a diagnosis; about 85% a valid CURP).
//     Free text for counting: its CURPs are not in Table.Persons.
//   - clues_origen, clues_destino: health_facility (the unit that sends
//     the patient and the one that receives and attends them).
//   - folio_ref, fecha_envio, estatus, capturista (a login, not a name):
//     none.

type blRefRow struct {
	person   int32
	origin   int32
	dest     int32
	diag     uint8
	day      int32
	keyed    bool
	curpForm blForm
}

func blBuildReferencias(p *Pool, r *rand.Rand) *Table {
	loadStatic()
	today := p.Today()
	td := timeDay(today)
	var dx []int
	var ws []uint64
	for i, d := range diagnoses {
		if d.Weight > 0 {
			dx, ws = append(dx, i), append(ws, d.Weight)
		}
	}
	dxW := newWeighted(ws)
	var plan []blRefRow
	for _, i := range p.Sample(r, 45, nil) {
		st := states[muniState(int(p.people[i].muni))].Code
		o := blFacilityIn(p, r, st, "CENTRO DE SALUD")
		d := blFacilityIn(p, r, st, "HOSPITAL")
		if o < 0 || d < 0 {
			continue
		}
		if d == o { // a state with one kind of unit: send to another one
			for _, f := range p.FacilitiesIn(st) {
				if f != o {
					d = f
					break
				}
			}
		}
		for range between(r, 1, 2) {
			plan = append(plan, blRefRow{person: i, origin: int32(o), dest: int32(d),
				diag: uint8(dx[dxW.pick(r)]), day: blDay(r, td-700, td-1), keyed: chance(r, 300),
				curpForm: blDrawForm(r, 30, 80, 40, 0)})
		}
	}
	seed := r.Uint64()
	cols := []Column{
		col("folio_ref", Varchar(16)),
		col("fecha_envio", Timestamp),
		col("clues_origen", Char(11), "health_facility"),
		col("clues_destino", Char(11), "health_facility"),
		col("detalle", Text, "curp", "person_name", "birthdate", "health_condition"),
		col("estatus", Varchar(12)),
		col("capturista", Varchar(10)),
	}
	status := []string{"ENVIADA", "RECIBIDA", "RECIBIDA", "ATENDIDA", "RECHAZADA"}
	return &Table{
		Name: "ref_contraref_log", Style: "health-referrals-pipe", Columns: cols, Rows: len(plan),
		PrimaryKey:  []string{"folio_ref"},
		ForeignKeys: []ForeignKey{cluesRef("clues_origen"), cluesRef("clues_destino")},
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for k, pl := range plan {
				pe := p.Person(pl.person)
				d := diagnoses[pl.diag]
				text := d.Description
				if len(d.Variants) > 0 && chance(rr, 500) {
					text = pick(rr, d.Variants)
				}
				diag := CIE10Display(d.Code, rr.IntN(2)) + " " + strings.ToUpper(plain(text))
				curp := ""
				if v := blCURPCell(rr, pl.curpForm, pe.CURP, today, []string{"SIN CURP", "SIN CURP", "EN TRAMITE"}); v != nil {
					curp = v.(string)
				}
				name := mojibake(rr, blPlainName(rr, pe.RegistryName()), 300)
				var det string
				if pl.keyed {
					det = "NOMBRE:" + name + "|FNAC:" + ddmmyyyy(pe.Birth) + "|CURP:" + curp + "|DX:" + diag
				} else {
					det = strings.Join([]string{name, ddmmyyyy(pe.Birth), curp, diag}, "|")
				}
				at := moment(rr, pl.day)
				row := []any{
					fmt.Sprintf("REF-%02d-%07d", at.Year()%100, k+1),
					at, p.facilities[pl.origin].CLUES, p.facilities[pl.dest].CLUES, det,
					pick(rr, status), fmt.Sprintf("CAPT%04d", rr.IntN(60)),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
