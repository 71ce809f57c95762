package synth

import (
	"fmt"
	"math/rand/v2"
)

// cat_medicamentos: the medicine catalogue (Cuadro Básico style keys such
// as 010.000.0104.00). Medicines are not conditions of a person: a
// catalogue lists items, one row each.
func buildMedicamentos(p *Pool, r *rand.Rand) *Table {
	loadStatic()
	type item struct {
		m       Medicine
		key     string
		present string
	}
	var items []item
	for k, m := range medicines {
		for v := range between(r, 1, 2) {
			items = append(items, item{m, fmt.Sprintf("%s.000.%04d.%02d", m.Group, 100+k*7+r.IntN(7), v),
				fmt.Sprintf("ENVASE CON %d", pick(r, []int{1, 10, 14, 20, 30, 60, 100}))})
		}
	}
	t := &Table{
		Name:         "cat_medicamentos",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(items),
		PrimaryKey:   []string{"clave"},
		Columns: []Column{
			col("clave", Varchar(16)),
			col("nombre_generico", Varchar(60)),
			col("forma", Varchar(40)),
			col("concentracion", Varchar(30)),
			col("presentacion", Varchar(40)),
			col("precio", Decimal(10, 2)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, it := range items {
			row := []any{it.key, it.m.Name, it.m.Form, it.m.Strength, it.present, money(between(r, 300, 90000))}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
