package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// log_importaciones: the log of a data warehouse's nightly loads, one row
// per file loaded: the file's name (PADRON_BENEFICIARIOS_2021_03.csv,
// NOMINA_QNA05_2022.txt, CIE10_DGIS_2019.xlsx, CENSO_VACUNACION_MPIO_015.csv),
// rows read and rejected, the status and the loader's message ("Columna
// CURP vacia en 12 registros", "Fecha de nacimiento invalida en renglon
// 45"): field names and counts, never a value.
//
// File names and messages about data, not of it: a hard negative (doc.go).
func bdBuildImportaciones(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 10, 200, 8000)
	t := &Table{
		Name:         "log_importaciones",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: []Column{
			col("id_carga", Integer),
			col("archivo", Varchar(80)),
			col("registros_leidos", Integer),
			col("registros_rechazados", Integer),
			col("estatus", Varchar(12)),
			col("mensaje", Varchar(120)),
			col("inicio", Timestamp),
			col("duracion_seg", Integer),
		},
	}
	start := time.Date(2019, 1, 2, 2, 0, 0, 0, time.UTC)
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			at := start.Add(time.Duration(k) * 24 * time.Hour / time.Duration(max(1, n/2400+1)))
			if at.After(p.Today().Add(-time.Hour)) {
				at = p.Today().Add(-time.Hour)
			}
			year, month := at.Year(), int(at.Month())
			file := pick(r, []string{
				fmt.Sprintf("PADRON_BENEFICIARIOS_%d_%02d.csv", year, month),
				fmt.Sprintf("NOMINA_QNA%02d_%d.txt", between(r, 1, 24), year),
				fmt.Sprintf("CIE10_DGIS_%d.xlsx", year),
				fmt.Sprintf("CENSO_VACUNACION_MPIO_%03d.csv", between(r, 1, 125)),
				fmt.Sprintf("EGRESOS_HOSPITALARIOS_%d.zip", year),
				fmt.Sprintf("CAT_LOCALIDADES_%d%02d.dbf", year, month),
			})
			read := int64(between(r, 100, 250000))
			bad := int64(0)
			status, msg := "OK", "Carga completa"
			switch m := r.IntN(10); {
			case m < 2:
				bad = int64(between(r, 1, 300))
				status = "CON ERRORES"
				msg = pick(r, []string{fmt.Sprintf("Columna CURP vacia en %d registros", bad),
					fmt.Sprintf("Fecha de nacimiento invalida en renglon %d", between(r, 2, int(read))),
					fmt.Sprintf("Codigo postal fuera de rango en %d registros", bad),
					fmt.Sprintf("RFC con homoclave incorrecta en %d registros", bad)})
			case m < 3:
				status, msg, read = "FALLIDA", pick(r, []string{"Archivo vacio", "Encabezado no reconocido", "Tiempo de espera agotado"}), 0
			}
			row := []any{int64(k + 1), file, read, bad, status, msg, at, int64(between(r, 2, 5400))}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
