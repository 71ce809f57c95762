package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// lotes_vacunas: the vaccine inventory of a state's cold-chain warehouses,
// one row per lot received, in receipt order. No person is in it: the
// lot code (L230415A: L, the manufacturing date YYMMDD and a letter, or a
// manufacturer's own code such as U7K421V), the vaccine (biológico)
// whose name often is a disease's (INFLUENZA, HEPATITIS B, SARAMPION
// RUBEOLA), the expiry date as DD/MM/YYYY text (the shape of a birthdate
// and mostly in the future), the doses on hand, the CLUES of the
// warehouse or unit that stores the lot (a handful of valid keys, each
// repeated on many rows) and the storage temperature in degrees. A
// disease in a vaccine's name is not anyone's condition, and a CLUES in a
// table about no one is not health_facility (doc.go): every column is
// labelled [].
func buildLotesVacunas(p *Pool, r *rand.Rand) *Table {
	fs := p.Facilities()
	var stores []int
	for range between(r, 3, 8) {
		stores = append(stores, r.IntN(len(fs)))
	}
	n := scaled(p.Len(), 1, 20, 80, 20000)
	t := &Table{
		Name:         "lotes_vacunas",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		ForeignKeys:  []ForeignKey{cluesRef("clues_almacen")},
		Columns: []Column{
			col("lote", Varchar(12)),
			col("biologico", Varchar(40)),
			col("caducidad", Varchar(10)),
			col("dosis_disponibles", Integer),
			col("clues_almacen", Char(11)),
			col("temperatura", Decimal(4, 1)),
		},
	}
	seed := r.Uint64()
	start := timeDay(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC))
	span := int(timeDay(p.Today()) - start)
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			received := start + int32(k*span/n)
			made := dayTime(received - int32(between(r, 30, 240)))
			v := pick(r, lotesBiologicos)
			lote := fmt.Sprintf("L%s%c", made.Format("060102"), 'A'+r.IntN(6))
			if chance(r, 300) {
				lote = fmt.Sprintf("%c%d%c%03d%c", 'A'+r.IntN(26), r.IntN(10), 'A'+r.IntN(26), r.IntN(1000), 'A'+r.IntN(26))
			}
			expiry := made.AddDate(0, v.months, 0)
			expiry = time.Date(expiry.Year(), expiry.Month()+1, 0, 0, 0, 0, 0, time.UTC) // the month's last day
			doses := int64(between(r, 0, 40) * v.pack)
			if chance(r, 50) {
				doses = int64(between(r, 1000, 2500) * 10) // a national shipment: five digits
			}
			temp := between(r, 20, 80) // tenths of a degree, 2.0-8.0
			if v.frozen {
				temp = -between(r, 150, 250)
			}
			row := []any{
				lote,
				v.name,
				ddmmyyyy(expiry),
				doses,
				fs[stores[r.IntN(len(stores))]].CLUES,
				float64(temp) / 10,
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}

// lotesBiologicos are the biológicos of the national schedule with their shelf
// life in months, doses per box and whether they are kept frozen.
var lotesBiologicos = []struct {
	name   string
	months int
	pack   int
	frozen bool
}{
	{"INFLUENZA", 12, 10, false}, {"HEPATITIS B", 36, 10, false}, {"SARAMPION RUBEOLA", 24, 10, false},
	{"BCG", 24, 20, false}, {"HEXAVALENTE", 36, 10, false}, {"NEUMOCOCICA CONJUGADA", 36, 10, false},
	{"ROTAVIRUS", 24, 10, false}, {"VPH", 36, 10, false}, {"TDPA", 36, 10, false}, {"TD", 36, 20, false},
	{"SRP", 24, 10, false}, {"VARICELA", 18, 10, true}, {"COVID-19", 9, 10, true}, {"HEPATITIS A", 36, 10, false},
	{"ANTIRRABICA HUMANA", 36, 5, false},
}
