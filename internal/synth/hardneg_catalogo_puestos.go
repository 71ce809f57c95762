package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// cat_puestos_unidad: the catalogue of authorised positions per health
// unit, one row per position and unit: the position's code and title, the
// CLUES of the unit where it sits (valid keys of real-format facilities,
// each repeated once per position the unit has), the salary level, a
// five-digit base salary, how many posts are authorised and when. The
// table is about no one: a facility code here says where a job is, not
// which facility attended a person, so it is not health_facility.
func buildCatPuestosUnidad(p *Pool, r *rand.Rand) *Table {
	type post struct {
		fac uint32
		job uint8
	}
	fs := p.Facilities()
	var plan []post
	for f := range fs {
		for _, j := range r.Perm(len(puestos))[:between(r, 2, 7)] {
			plan = append(plan, post{uint32(f), uint8(j)})
		}
	}
	t := &Table{
		Name:         "cat_puestos_unidad",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(plan),
		ForeignKeys:  []ForeignKey{cluesRef("clues")},
		Columns: []Column{
			col("clave_puesto", Char(6)),
			col("descripcion_puesto", Varchar(60)),
			col("clues", Char(11)),
			col("nivel_salarial", Char(3)),
			col("sueldo_base", Decimal(10, 2)),
			col("plazas_autorizadas", Integer),
			col("fecha_autorizacion", Date),
		},
	}
	seed := r.Uint64()
	start := timeDay(time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC))
	span := int(timeDay(p.Today()) - start)
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, ps := range plan {
			j := int(ps.job)
			job := puestos[j]
			row := []any{
				puestoCode(j),
				job.name,
				fs[ps.fac].CLUES,
				fmt.Sprintf("%02d%c", between(r, 1, 30), "ABC"[r.IntN(3)]),
				money(between(r, job.lo, job.hi) * 100),
				int64(between(r, 1, 12)),
				dayTime(start + int32(r.IntN(span))),
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}

// puestoCode is the code of a position of puestos, as the plazas
// catalogue writes it.
func puestoCode(j int) string { return fmt.Sprintf("M%02d%03d", 1+j%4, 6+j*7) }
