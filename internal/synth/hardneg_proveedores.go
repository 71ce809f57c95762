package synth

import (
	"math/rand/v2"
)

// proveedores: the supplier catalogue. Company names often carry a family
// surname (FARMACIAS LOPEZ SA DE CV) and every RFC is a valid 12-character
// company RFC; neither is personal data (taxonomy: a company RFC is not,
// and a company is not a person). The amount has five digits.
func buildProveedores(p *Pool, r *rand.Rand) *Table {
	cs := p.Companies()
	t := &Table{
		Name:         "proveedores",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(cs),
		PrimaryKey:   []string{"id"},
		Columns: []Column{
			col("id", Integer),
			col("razon_social", Varchar(120)),
			col("rfc", Char(12)),
			col("giro", Varchar(80)),
			col("monto", Integer),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, c := range cs {
			if !yield([]any{int64(k + 1), c.Name, c.RFC, c.Giro, int64(between(r, 10000, 99999))}) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
