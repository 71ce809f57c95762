package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// clientes_qa: the customers table of a pharmacy chain's loyalty
// application in its testing environment, filled by testers with fillers:
// word-plus-digit names (NOMBRE1, PRUEBA3, CLIENTE PRUEBA 12, APELLIDO 2),
// addresses (CALLE1, DOMICILIO 2, COLONIA 5, S/N), postal code 00000,
// phones of repeated or counting digits (5555555555, 1234567890, 0000000),
// test mailboxes (prueba1@prueba.com, qa+7@example.com), the sentinel
// birthdate 1900-01-01 and a CURP of X's.
//
// Every one of these is a placeholder (doc.go): the table holds no
// personal data.
func r4BuildClientesQA(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 40, 80, 3000)
	t := &Table{
		Name:         "clientes_qa",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: []Column{
			col("id", Integer),
			col("nombre", Varchar(40)),
			col("apellido_paterno", Varchar(30)),
			col("apellido_materno", Varchar(30)),
			col("curp", Varchar(18)),
			col("fecha_nacimiento", Date),
			col("calle", Varchar(40)),
			col("numero", Varchar(10)),
			col("colonia", Varchar(40)),
			col("cp", Char(5)),
			col("telefono", Varchar(12)),
			col("email", Varchar(60)),
			col("puntos", Integer),
			col("created_at", Timestamp),
		},
	}
	epoch := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	start := p.Today().AddDate(-2, 0, 0).Unix()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			var birth any
			if chance(r, 500) {
				birth = epoch
			}
			mail := pick(r, []string{"prueba%d@prueba.com", "test%d@test.com", "qa+%d@example.com", "usuario%d@correo.com"})
			row := []any{
				int64(k + 1),
				pick(r, []string{r4Filler(r, "NOMBRE"), r4Filler(r, "PRUEBA"), r4Filler(r, "TEST"), "CLIENTE PRUEBA " + fmt.Sprint(k+1)}),
				r4Filler(r, pick(r, []string{"APELLIDO", "PRUEBA", "PATERNO"})),
				r4Nullable(r, 300, r4Filler(r, pick(r, []string{"APELLIDO", "MATERNO"}))),
				pick(r, []any{"XXXXXXXXXXXXXXXXXX", "XXXX000000XXXXXX00", "PRUEBA", nil}),
				birth,
				r4Filler(r, pick(r, []string{"CALLE", "DOMICILIO", "AVENIDA PRUEBA"})),
				pick(r, []string{"1", "123", "S/N", "0"}),
				r4Filler(r, pick(r, []string{"COLONIA", "COL PRUEBA"})),
				pick(r, []any{"00000", nil}),
				pick(r, []string{"5555555555", "1234567890", "0000000000", "0000000", "1111111111"}),
				fmt.Sprintf(mail, between(r, 1, 99)),
				int64(between(r, 0, 5000)),
				time.Unix(start+r.Int64N(2*365*86400), 0).UTC(),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
