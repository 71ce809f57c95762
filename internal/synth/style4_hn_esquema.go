package synth

import "math/rand/v2"

// cat_esquema_vacunacion: the national basic vaccination schedule as a
// capture system loads it, one row per dose: the vaccine, the diseases it
// prevents, the dose, the age of application, route, site and the minimum
// interval. A schedule is about no child (doc.go): a hard negative.
func r4BuildCatEsquema(p *Pool, r *rand.Rand) *Table {
	t := &Table{
		Name:         "cat_esquema_vacunacion",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(r4Schedule),
		Columns: []Column{
			col("clave", Varchar(8)),
			col("vacuna", Varchar(40)),
			col("enfermedad_que_previene", Varchar(120)),
			col("dosis", Varchar(10)),
			col("edad_aplicacion", Varchar(20)),
			col("via", Varchar(14)),
			col("sitio", Varchar(40)),
			col("intervalo_minimo_dias", Integer),
		},
	}
	t.Generate = func(yield func([]any) bool) {
		for _, s := range r4Schedule {
			if !yield([]any{s.key, s.vaccine, s.prevents, s.dose, s.age, s.route, s.site, int64(s.interval)}) {
				return
			}
		}
	}
	return t
}

var r4Schedule = []struct {
	key, vaccine, prevents, dose, age, route, site string
	interval                                       int
}{
	{"BCG", "BCG", "TUBERCULOSIS MENINGEA Y MILIAR", "UNICA", "AL NACER", "INTRADERMICA", "REGION DELTOIDEA DERECHA", 0},
	{"HEPB1", "HEPATITIS B", "HEPATITIS B", "PRIMERA", "AL NACER", "INTRAMUSCULAR", "TERCIO MEDIO DEL MUSLO DERECHO", 0},
	{"HEPB2", "HEPATITIS B", "HEPATITIS B", "SEGUNDA", "2 MESES", "INTRAMUSCULAR", "TERCIO MEDIO DEL MUSLO DERECHO", 28},
	{"HEPB3", "HEPATITIS B", "HEPATITIS B", "TERCERA", "6 MESES", "INTRAMUSCULAR", "TERCIO MEDIO DEL MUSLO DERECHO", 56},
	{"HEXA1", "HEXAVALENTE ACELULAR", "DIFTERIA, TOS FERINA, TETANOS, POLIOMIELITIS, HAEMOPHILUS INFLUENZAE B Y HEPATITIS B", "PRIMERA", "2 MESES", "INTRAMUSCULAR", "TERCIO MEDIO DEL MUSLO IZQUIERDO", 0},
	{"HEXA2", "HEXAVALENTE ACELULAR", "DIFTERIA, TOS FERINA, TETANOS, POLIOMIELITIS, HAEMOPHILUS INFLUENZAE B Y HEPATITIS B", "SEGUNDA", "4 MESES", "INTRAMUSCULAR", "TERCIO MEDIO DEL MUSLO IZQUIERDO", 28},
	{"HEXA3", "HEXAVALENTE ACELULAR", "DIFTERIA, TOS FERINA, TETANOS, POLIOMIELITIS, HAEMOPHILUS INFLUENZAE B Y HEPATITIS B", "TERCERA", "6 MESES", "INTRAMUSCULAR", "TERCIO MEDIO DEL MUSLO IZQUIERDO", 28},
	{"HEXA4", "HEXAVALENTE ACELULAR", "DIFTERIA, TOS FERINA, TETANOS, POLIOMIELITIS, HAEMOPHILUS INFLUENZAE B Y HEPATITIS B", "CUARTA", "18 MESES", "INTRAMUSCULAR", "REGION DELTOIDEA IZQUIERDA", 180},
	{"ROTA1", "ROTAVIRUS", "DIARREA POR ROTAVIRUS", "PRIMERA", "2 MESES", "ORAL", "BOCA", 0},
	{"ROTA2", "ROTAVIRUS", "DIARREA POR ROTAVIRUS", "SEGUNDA", "4 MESES", "ORAL", "BOCA", 28},
	{"ROTA3", "ROTAVIRUS", "DIARREA POR ROTAVIRUS", "TERCERA", "6 MESES", "ORAL", "BOCA", 28},
	{"NEUMO1", "NEUMOCOCICA CONJUGADA", "NEUMONIA, OTITIS Y MENINGITIS POR NEUMOCOCO", "PRIMERA", "2 MESES", "INTRAMUSCULAR", "TERCIO MEDIO DEL MUSLO DERECHO", 0},
	{"NEUMO2", "NEUMOCOCICA CONJUGADA", "NEUMONIA, OTITIS Y MENINGITIS POR NEUMOCOCO", "SEGUNDA", "4 MESES", "INTRAMUSCULAR", "TERCIO MEDIO DEL MUSLO DERECHO", 28},
	{"NEUMO3", "NEUMOCOCICA CONJUGADA", "NEUMONIA, OTITIS Y MENINGITIS POR NEUMOCOCO", "REFUERZO", "12 MESES", "INTRAMUSCULAR", "REGION DELTOIDEA DERECHA", 56},
	{"SRP1", "SRP", "SARAMPION, RUBEOLA Y PAROTIDITIS", "PRIMERA", "12 MESES", "SUBCUTANEA", "REGION DELTOIDEA IZQUIERDA", 0},
	{"SRP2", "SRP", "SARAMPION, RUBEOLA Y PAROTIDITIS", "SEGUNDA", "18 MESES", "SUBCUTANEA", "REGION DELTOIDEA IZQUIERDA", 28},
	{"DPT", "DPT", "DIFTERIA, TOS FERINA Y TETANOS", "REFUERZO", "4 AÑOS", "INTRAMUSCULAR", "REGION DELTOIDEA IZQUIERDA", 180},
	{"INFL", "INFLUENZA ESTACIONAL", "INFLUENZA", "ANUAL", "6 A 59 MESES", "INTRAMUSCULAR", "TERCIO MEDIO DEL MUSLO", 28},
	{"VPH", "VPH", "CANCER CERVICOUTERINO Y VERRUGAS GENITALES", "UNICA", "5O. DE PRIMARIA", "INTRAMUSCULAR", "REGION DELTOIDEA", 0},
	{"TD", "TD", "TETANOS Y DIFTERIA", "REFUERZO", "CADA 10 AÑOS", "INTRAMUSCULAR", "REGION DELTOIDEA", 3650},
}
