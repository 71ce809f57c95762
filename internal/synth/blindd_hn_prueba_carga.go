package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// datos_prueba_carga: the table a performance test filled in a citizens'
// registry before going live, and nobody emptied: USUARIO PRUEBA 001 and
// FULANO DE TAL as names, CALLE FALSA 123 and DIRECCION DE PRUEBA 4 as
// addresses, COLONIA X, postal code 99999, CURPs of A's and zeros
// (AAAA000000HDFAAA00), phones 9999999999 and 0000000, mailboxes
// correo@correo.com and test1@dominio.com, birth date 1900-01-01.
//
// Fillers only (doc.go: placeholders are not values): a hard negative.
func bdBuildPruebaCarga(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 20, 100, 5000)
	t := &Table{
		Name:         "datos_prueba_carga",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: []Column{
			col("folio", Integer),
			col("nombre_completo", Varchar(60)),
			col("curp", Char(18)),
			col("fecha_nacimiento", Date),
			col("domicilio", Varchar(60)),
			col("colonia", Varchar(30)),
			col("codigo_postal", Char(5)),
			col("telefono", Varchar(10)),
			col("correo", Varchar(40)),
			col("lote_prueba", Varchar(12)),
		},
	}
	epoch := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			name := pick(r, []string{fmt.Sprintf("USUARIO PRUEBA %03d", k%1000), "FULANO DE TAL", "PERENGANO DE TAL",
				fmt.Sprintf("TEST TEST %d", k%50), fmt.Sprintf("NOMBRE APELLIDO %d", k%30)})
			row := []any{int64(k + 1), name, pick(r, []string{"AAAA000000HDFAAA00", "XEXX000000HNEXXX00", "AAAA000000MDFAAA00"}),
				bdNullable(r, 400, epoch), pick(r, []string{"CALLE FALSA 123", fmt.Sprintf("DIRECCION DE PRUEBA %d", between(r, 1, 9)), "CONOCIDO S/N 0"}),
				pick(r, []string{"COLONIA X", "COL. PRUEBA", "CENTRO PRUEBA"}), pick(r, []string{"99999", "00000"}),
				pick(r, []string{"9999999999", "0000000", "1231231234"}), pick(r, []string{"correo@correo.com", fmt.Sprintf("test%d@dominio.com", k%40), "a@a.com"}),
				fmt.Sprintf("CARGA-%02d", k/500+1)}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
