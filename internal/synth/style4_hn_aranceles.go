package synth

import (
	"fmt"
	"math/rand/v2"
)

// cat_aranceles_dentales: a dental clinic chain's price list, one row per
// treatment: the key, the treatment in the words of a treatment note
// (RESINA UNA SUPERFICIE, EXTRACCION DE TERCER MOLAR, ENDODONCIA
// MULTIRRADICULAR), the public and agreement prices, the time it takes and
// whether it needs an X-ray. Treatments priced, not given to anyone: a
// hard negative (doc.go).
func r4BuildCatAranceles(p *Pool, r *rand.Rand) *Table {
	t := &Table{
		Name:         "cat_aranceles_dentales",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(r4DentalFees),
		Columns: []Column{
			col("clave", Varchar(8)),
			col("tratamiento", Varchar(60)),
			col("precio_publico", Decimal(10, 2)),
			col("precio_convenio", Decimal(10, 2)),
			col("duracion_min", Integer),
			col("requiere_rx", Char(2)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, f := range r4DentalFees {
			rx := "NO"
			if f.rx {
				rx = "SI"
			}
			row := []any{fmt.Sprintf("ODO-%03d", k+1), f.name, money(f.price * 100), money(f.price * (80 + r.IntN(11))),
				int64(f.minutes), rx}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4DentalFees = []struct {
	name           string
	price, minutes int
	rx             bool
}{
	{"CONSULTA Y ODONTOGRAMA", 300, 30, false}, {"PROFILAXIS Y APLICACION DE FLUOR", 500, 40, false},
	{"RESINA UNA SUPERFICIE", 600, 40, false}, {"RESINA DOS SUPERFICIES", 750, 50, false},
	{"AMALGAMA", 450, 40, false}, {"EXTRACCION SIMPLE", 700, 30, true}, {"EXTRACCION DE TERCER MOLAR", 2800, 90, true},
	{"ENDODONCIA UNIRRADICULAR", 2800, 90, true}, {"ENDODONCIA MULTIRRADICULAR", 3800, 120, true},
	{"CORONA DE PORCELANA", 4500, 60, true}, {"CORONA DE ACERO CROMO (INFANTIL)", 900, 40, false},
	{"CURETAJE POR CUADRANTE", 900, 45, true}, {"GUARDA OCLUSAL", 2200, 30, false}, {"BLANQUEAMIENTO", 3500, 90, false},
	{"PULPOTOMIA", 900, 40, true}, {"SELLADORES DE FOSETAS Y FISURAS", 350, 20, false},
	{"DRENAJE DE ABSCESO", 800, 30, true}, {"AJUSTE MENSUAL DE ORTODONCIA", 900, 30, false},
	{"RADIOGRAFIA PERIAPICAL", 200, 10, false}, {"PROTESIS REMOVIBLE PARCIAL", 5200, 60, true},
}
