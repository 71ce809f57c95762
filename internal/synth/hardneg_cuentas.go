package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// cuentas_bancarias: the institution's own bank accounts (payroll,
// suppliers, petty cash, federal transfers). Each CLABE is a real-format
// 18-digit CLABE with a valid check digit in a real bank, but the holder is
// the institution: a company's account is financial data of a company, and
// the taxonomy's clabe is a person's account in a person's record, so
// nothing here is labelled (doc.go). Balances are amounts, opening dates
// are not birthdates, and the account number is ten digits (no NSS
// look-alike).
func buildCuentas(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 250, 24, 600)
	t := &Table{
		Name:         "cuentas_bancarias",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"id"},
		Columns: []Column{
			col("id", Integer),
			col("titular", Varchar(120)),
			col("banco", Varchar(30)),
			col("numero_cuenta", Char(10)),
			col("clabe", Char(18)),
			col("uso", Varchar(40)),
			col("saldo", Decimal(14, 2)),
			col("fecha_apertura", Date),
		},
	}
	seed := r.Uint64()
	start := timeDay(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	span := int(timeDay(p.Today()) - start)
	// institutional accounts live in the big commercial banks and the
	// development banks
	banks := []string{"012", "002", "072", "014", "021", "044", "030", "166"}
	holders := []string{"SERVICIOS DE SALUD DE %s", "SECRETARIA DE SALUD DEL ESTADO DE %s",
		"REGIMEN ESTATAL DE PROTECCION SOCIAL EN SALUD DE %s", "SECRETARIA DE FINANZAS DE %s"}
	uses := []string{"PAGO DE NOMINA", "PAGO A PROVEEDORES", "FONDO REVOLVENTE", "CONCENTRADORA",
		"RECURSOS FEDERALES FASSA", "RECURSOS INSABI", "CUOTAS DE RECUPERACION", "APOYOS ECONOMICOS"}
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			bank := pick(r, banks)
			account := int64(between(r, 100_000_000, 999_999_999))*10 + int64(r.IntN(10))
			st := states[r.IntN(len(states))]
			row := []any{
				int64(k + 1),
				fmt.Sprintf(pick(r, holders), strings.ToUpper(plain(st.Name))),
				bankNames[bank],
				fmt.Sprintf("%010d", account),
				clabeNumber(bank, between(r, 1, 999), account),
				pick(r, uses),
				money(between(r, 1_000_00, 900_000_000_00)),
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
