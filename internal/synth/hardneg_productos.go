package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// cat_productos: a warehouse product catalogue whose keys are 18-character
// codes shaped like CURPs (four letters, six digits, letters, digits). Some
// are near misses built with a real date, a sex letter and a state code and
// fail only on the check digit; none validates. The stock is a five-digit
// number, like a postal code. Nothing here is about a person.
func buildProductos(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 10, 300, 50000)
	t := &Table{
		Name:         "cat_productos",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: []Column{
			col("clave", Char(18)),
			col("descripcion", Varchar(120)),
			col("unidad", Varchar(10)),
			col("precio", Decimal(10, 2)),
			col("existencia", Integer),
		},
	}
	seed := r.Uint64()
	today := p.Today()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for range n {
			desc := pick(r, products)
			row := []any{
				productCode(r, desc, today),
				desc,
				pick(r, []string{"PIEZA", "CAJA", "PAQUETE", "FRASCO", "ROLLO", "LITRO"}),
				money(between(r, 500, 250000)),
				int64(between(r, 10000, 99999)),
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}

const consonants = "BCDFGHJKLMNPQRSTVWXYZ"

// productCode is a CURP-shaped key that never validates as a CURP.
func productCode(r *rand.Rand, desc string, today time.Time) string {
	letters := func(k int, from string) string {
		b := make([]byte, k)
		for i := range b {
			b[i] = from[r.IntN(len(from))]
		}
		return string(b)
	}
	const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	family := strings.ReplaceAll(strings.Fields(plain(desc))[0], "Ñ", "N")
	for len(family) < 4 {
		family += "X"
	}
	date := fmt.Sprintf("%02d%02d%02d", r.IntN(100), between(r, 1, 12), between(r, 1, 28))
	var code string
	if chance(r, 400) {
		// near miss: structure, date, sex and state right, check digit wrong
		head := family[:1] + pick(r, []string{"A", "E", "I", "O", "U"}) + family[2:4]
		st := pick(r, states[:]).Code
		body := head + date + pick(r, []string{"H", "M"}) + st + letters(3, consonants) + letters(1, "0123456789")
		d, _ := validate.CURPCheckDigit(body)
		code = body + string(rune('0'+(int(d-'0')+between(r, 1, 9))%10))
	} else {
		// lot date, supplier and line codes: CURP-shaped, state and sex wrong
		code = family[:4] + date + letters(6, upper) + letters(2, "0123456789")
	}
	if _, why := validate.ParseCURP(code, today); why == validate.OK {
		// a valid CURP by accident: spoil the check digit
		code = code[:17] + string(rune('0'+(int(code[17]-'0')+1)%10))
	}
	return code
}
