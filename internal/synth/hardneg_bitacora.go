package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// bitacora_auditoria: an audit log. Timestamps that are not visits or
// births, names of tables, row counts, terminals.
func buildBitacora(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 2, 1000, 500000)
	t := &Table{
		Name:         "bitacora_auditoria",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"id"},
		Columns: []Column{
			col("id", Integer),
			col("fecha_hora", Timestamp),
			col("tabla", Varchar(40)),
			col("operacion", Varchar(10)),
			col("registros", Integer),
			col("terminal", Varchar(20)),
		},
	}
	seed := r.Uint64()
	start := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	span := int64(p.Today().Sub(start).Seconds())
	step := max(span/int64(n), 1)
	tables := []string{"PADRON_BENEFICIARIOS", "CONSULTAS", "CAT_CIE10", "CAT_PRODUCTOS",
		"FACTURAS", "PROVEEDORES", "INVENTARIO_ALMACEN", "USUARIOS"}
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			// in order, spread evenly up to the day before Today
			at := start.Add(time.Duration(int64(k)*span/int64(n)+r.Int64N(step)) * time.Second)
			terminal := fmt.Sprintf("PC-CAPTURA-%02d", between(r, 1, 30))
			if chance(r, 300) {
				terminal = fmt.Sprintf("10.%d.%d.%d", between(r, 1, 40), between(r, 0, 255), between(r, 2, 254))
			}
			row := []any{
				int64(k + 1),
				at,
				pick(r, tables),
				pick(r, []string{"SELECT", "SELECT", "INSERT", "UPDATE", "DELETE", "EXPORT"}),
				int64(between(r, 1, 5000)),
				terminal,
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
