package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// terminales_tpv: the log of the card terminals (TPV) of the pharmacies and
// shops that accept the programme's cards. Terminal ids are 16 digits that
// start like Visa and Mastercard numbers and never pass the Luhn check;
// merchants are businesses, often named after a family (ABARROTES LOPEZ,
// FARMACIA HERNANDEZ): company names, not people. The affiliation is a
// seven-digit merchant number; timestamps are transactions.
func buildTerminales(p *Pool, r *rand.Rand) *Table {
	t := loadNames()
	type terminal struct {
		id, merchant, affiliation string
	}
	forms := []string{"ABARROTES %s", "FARMACIA %s", "TORTILLERIA %s", "MISCELANEA %s", "FERRETERIA %s",
		"PAPELERIA %s", "FARMACIAS %s HERMANOS", "TIENDA %s", "CARNICERIA %s", "REFACCIONARIA %s"}
	terms := make([]terminal, scaled(p.Len(), 1, 100, 40, 20000))
	for k := range terms {
		terms[k] = terminal{
			id:          nonLuhnID(r),
			merchant:    fmt.Sprintf(pick(r, forms), plain(t.surnames[t.surDictIdx[t.surDict.pick(r)]])),
			affiliation: fmt.Sprintf("%07d", between(r, 1_000_000, 9_999_999)),
		}
	}
	n := scaled(p.Len(), 1, 4, 500, 250000)
	tb := &Table{
		Name:         "terminales_tpv",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"id"},
		Columns: []Column{
			col("id", Integer),
			col("id_terminal", Char(16)),
			col("comercio", Varchar(60)),
			col("afiliacion", Char(7)),
			col("fecha_hora", Timestamp),
			col("importe", Decimal(10, 2)),
			col("resultado", Varchar(10)),
		},
	}
	seed := r.Uint64()
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	span := int64(p.Today().Sub(start).Seconds())
	step := max(span/int64(n), 1)
	tb.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			tm := pick(r, terms)
			at := start.Add(time.Duration(int64(k)*span/int64(n)+r.Int64N(step)) * time.Second)
			row := []any{
				int64(k + 1),
				tm.id,
				tm.merchant,
				tm.affiliation,
				at,
				money(between(r, 1500, 250000)),
				pick(r, []string{"APROBADA", "APROBADA", "APROBADA", "APROBADA", "DECLINADA", "CANCELADA"}),
			}
			if !yield(row) {
				return
			}
		}
	}
	tb.noSubjects()
	return tb
}

// nonLuhnID is a 16-digit id shaped like a Visa or Mastercard number whose
// last digit is anything but the Luhn digit.
func nonLuhnID(r *rand.Rand) string {
	b := []byte(pick(r, []string{"4", "5"}))
	for len(b) < 15 {
		b = append(b, byte('0'+r.IntN(10)))
	}
	d := luhnDigit(string(b))
	return string(b) + string(byte('0'+(int(d-'0')+between(r, 1, 9))%10))
}
