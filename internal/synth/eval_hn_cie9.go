package synth

import (
	"math/rand/v2"
	"time"
)

// CAT_PROC_CIE9: a catalogue of surgical and diagnostic procedures coded
// in CIE-9-MC (volume 3), the way a hospital system keeps them (evaluation
// hard negative). One row per procedure, with the sex and ages it applies
// to (columns shaped like a person's sex and age), the CIE-10 diagnosis
// it is most often done for (a catalogue of diagnoses is not a finding,
// docs/taxonomy.md), average stay, a reference cost and the care level.
// Nothing is about a person.
func buildEvalCIE9(p *Pool, r *rand.Rand) *Table {
	type proc struct {
		code, desc string
		sex        string // A = ambos
		min, max   int
		dx         string
		stay       int
	}
	procs := []proc{
		{"47.01", "APENDICECTOMIA LAPAROSCOPICA", "A", 5, 99, "K359", 2},
		{"47.09", "OTRA APENDICECTOMIA", "A", 3, 99, "K359", 3},
		{"51.22", "COLECISTECTOMIA", "A", 15, 99, "K800", 4},
		{"51.23", "COLECISTECTOMIA LAPAROSCOPICA", "A", 15, 99, "K802", 2},
		{"53.00", "REPARACION UNILATERAL DE HERNIA INGUINAL, NO ESPECIFICADA", "A", 0, 99, "K409", 1},
		{"74.1", "CESAREA SEGMENTARIA BAJA", "M", 12, 55, "O829", 3},
		{"73.6", "EPISIOTOMIA", "M", 12, 55, "O800", 1},
		{"72.1", "APLICACION DE FORCEPS BAJO CON EPISIOTOMIA", "M", 12, 55, "O800", 2},
		{"69.09", "OTRA DILATACION Y LEGRADO", "M", 12, 60, "O039", 1},
		{"66.32", "OTRA LIGADURA Y SECCION BILATERAL DE LAS TROMPAS DE FALOPIO", "M", 15, 55, "Z302", 1},
		{"68.49", "OTRA HISTERECTOMIA ABDOMINAL TOTAL Y LA NO ESPECIFICADA", "M", 20, 99, "D259", 4},
		{"85.41", "MASTECTOMIA SIMPLE UNILATERAL", "A", 18, 99, "C509", 3},
		{"60.29", "OTRA PROSTATECTOMIA TRANSURETRAL", "H", 40, 99, "N40", 3},
		{"62.41", "EXTIRPACION DE AMBOS TESTICULOS EN EL MISMO TIEMPO OPERATORIO", "H", 40, 99, "C61", 2},
		{"13.41", "FACOEMULSIFICACION Y ASPIRACION DE CATARATA", "A", 40, 99, "H259", 1},
		{"81.51", "SUSTITUCION TOTAL DE CADERA", "A", 40, 99, "M169", 5},
		{"81.54", "SUSTITUCION TOTAL DE RODILLA", "A", 40, 99, "M179", 4},
		{"79.35", "REDUCCION ABIERTA DE FRACTURA DE FEMUR CON FIJACION INTERNA", "A", 5, 99, "S720", 6},
		{"84.15", "OTRA AMPUTACION POR DEBAJO DE LA RODILLA", "A", 18, 99, "E115", 7},
		{"84.17", "AMPUTACION POR ENCIMA DE LA RODILLA", "A", 18, 99, "E115", 8},
		{"36.06", "INSERCION DE STENT DE ARTERIA CORONARIA NO LIBERADOR DE FARMACO", "A", 30, 99, "I219", 4},
		{"39.95", "HEMODIALISIS", "A", 5, 99, "N180", 1},
		{"45.23", "COLONOSCOPIA", "A", 18, 99, "K922", 1},
		{"44.13", "OTRA GASTROSCOPIA", "A", 10, 99, "K297", 1},
		{"57.32", "OTRA CISTOSCOPIA", "A", 10, 99, "N200", 1},
		{"98.51", "LITOTRIPSIA EXTRACORPOREA POR ONDAS DE CHOQUE DEL RIÑON, URETER Y/O VEJIGA", "A", 10, 99, "N200", 1},
		{"88.76", "ULTRASONIDO DIAGNOSTICO DE ABDOMEN Y RETROPERITONEO", "A", 0, 99, "R104", 0},
		{"87.44", "RADIOGRAFIA DE TORAX DE RUTINA, ASI DESCRITA", "A", 0, 99, "J189", 0},
		{"99.04", "TRANSFUSION DE CONCENTRADO DE HEMATIES", "A", 0, 99, "D649", 1},
		{"96.04", "INSERCION DE TUBO ENDOTRAQUEAL", "A", 0, 99, "J960", 0},
		{"96.71", "VENTILACION MECANICA CONTINUA INVASIVA MENOS DE 96 HORAS CONSECUTIVAS", "A", 0, 99, "U071", 5},
		{"03.31", "PUNCION LUMBAR", "A", 0, 99, "G409", 1},
		{"86.22", "DESBRIDAMIENTO ESCISIONAL DE HERIDA, INFECCION O QUEMADURA", "A", 0, 99, "L031", 3},
	}
	t := &Table{
		Name:         "CAT_PROC_CIE9",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(procs),
		PrimaryKey:   []string{"CVE_PROC"},
		Columns: []Column{
			col("CVE_PROC", Varchar(5)),
			col("DESCRIPCION", Varchar(120)),
			col("SEXO", Char(1)),
			col("EDAD_MIN", Integer),
			col("EDAD_MAX", Integer),
			col("CIE10_FRECUENTE", Varchar(6)),
			col("DIAS_ESTANCIA_PROM", Integer),
			col("COSTO_REFERENCIA", Decimal(12, 2)),
			col("NIVEL_ATENCION", Varchar(10)),
			col("FECHA_ACTUALIZACION", Date),
		},
	}
	seed := r.Uint64()
	updated := p.Today().AddDate(0, -3, 0)
	updated = time.Date(updated.Year(), updated.Month(), 1, 0, 0, 0, 0, time.UTC)
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, pr := range procs {
			level := "SEGUNDO"
			if pr.stay >= 4 || pr.code == "36.06" || pr.code == "39.95" {
				level = "TERCERO"
			}
			row := []any{
				pr.code,
				pr.desc,
				pr.sex,
				int64(pr.min),
				int64(pr.max),
				CIE10Display(pr.dx, r.IntN(2)),
				int64(pr.stay),
				money(between(r, 150000, 30000000)),
				level,
				updated,
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
