package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// plazas: the catalogue of budgeted positions (plazas) of a state health
// service. A position is a job, not a person: codes, titles, levels,
// five-digit salaries, the unit it belongs to, its creation date (not a
// birthdate) and whether it is filled. Nobody is named.
func buildPlazas(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 25, 200, 40000)
	t := &Table{
		Name:         "plazas",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"codigo_plaza"},
		Columns: []Column{
			col("codigo_plaza", Varchar(20)),
			col("codigo_puesto", Char(6)),
			col("puesto", Varchar(60)),
			col("nivel", Char(3)),
			col("zona_economica", Char(1)),
			col("sueldo_base", Decimal(10, 2)),
			col("adscripcion", Varchar(120)),
			col("fecha_creacion", Date),
			col("estatus", Varchar(10)),
		},
	}
	seed := r.Uint64()
	start := timeDay(time.Date(1988, 1, 1, 0, 0, 0, 0, time.UTC))
	span := int(timeDay(p.Today()) - start)
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			j := r.IntN(len(puestos))
			job := puestos[j]
			code := fmt.Sprintf("M%02d%03d", 1+j%4, 6+j*7)
			row := []any{
				fmt.Sprintf("%s-%02d-%07d", code, between(r, 1, 32), k+1),
				code,
				job.name,
				fmt.Sprintf("%02d%c", between(r, 1, 30), "ABC"[r.IntN(3)]),
				pick(r, []string{"2", "2", "3"}),
				money(between(r, job.lo, job.hi) * 100),
				pick(r, oficinas),
				dayTime(start + int32(k*span/n)), // created in code order
				pick(r, []string{"OCUPADA", "OCUPADA", "OCUPADA", "VACANTE", "CONGELADA"}),
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
