package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// inventario_almacen: warehouse movements. Budget items (partidas) are
// five-digit codes, quantities five-digit numbers: postal-code look-alikes.
func buildInventario(p *Pool, r *rand.Rand) *Table {
	loadStatic()
	n := scaled(p.Len(), 1, 5, 500, 200000)
	t := &Table{
		Name:         "inventario_almacen",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"id"},
		Columns: []Column{
			col("id", Integer),
			col("partida", Char(5)),
			col("clave_articulo", Varchar(16)),
			col("cantidad", Integer),
			col("importe", Decimal(12, 2)),
			col("almacen", Varchar(40)),
			col("tipo_movimiento", Varchar(10)),
			col("fecha_movimiento", Date),
		},
	}
	seed := r.Uint64()
	start := timeDay(time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC))
	span := int(timeDay(p.Today()) - start)
	partidas := []string{"25301", "25401", "25501", "25901", "21101", "21601", "22104", "27101"}
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			m := pick(r, medicines)
			row := []any{
				int64(k + 1),
				pick(r, partidas),
				fmt.Sprintf("%s.000.%04d.00", m.Group, between(r, 100, 6000)),
				int64(between(r, 10000, 99999)),
				money(between(r, 100000, 50000000)),
				pick(r, []string{"ALMACEN CENTRAL", "ALMACEN JURISDICCIONAL 01", "ALMACEN JURISDICCIONAL 03", "FARMACIA HOSPITAL GENERAL"}),
				pick(r, []string{"ENTRADA", "SALIDA", "SALIDA", "AJUSTE"}),
				dayTime(start + int32(k*span/n)),
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
