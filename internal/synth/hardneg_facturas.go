package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// facturas: supplier invoices. Two date columns that are not birthdates,
// company RFCs, five-digit amounts.
func buildFacturas(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 5, 500, 200000)
	cs := p.Companies()
	t := &Table{
		Name:         "facturas",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"folio"},
		Columns: []Column{
			col("folio", Varchar(12)),
			col("fecha_emision", Date),
			col("fecha_pago", Date),
			col("rfc_emisor", Char(12)),
			col("importe", Decimal(12, 2)),
			col("estatus", Varchar(10)),
		},
	}
	seed := r.Uint64()
	start := timeDay(time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC))
	today := timeDay(p.Today())
	span := int(today - start)
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			issued := start + int32(k*span/n) // invoices in issue order
			status := pick(r, []string{"PAGADA", "PAGADA", "PAGADA", "PENDIENTE", "CANCELADA"})
			var paid any
			if day := issued + int32(between(r, 5, 120)); day >= today {
				status = "PENDIENTE" // not due yet
			} else if status == "PAGADA" {
				paid = dayTime(day)
			}
			row := []any{
				fmt.Sprintf("%s-%06d", pick(r, []string{"A", "B", "F"}), k+1),
				dayTime(issued),
				paid,
				pick(r, cs).RFC,
				money(between(r, 1000000, 9999999)),
				status,
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
