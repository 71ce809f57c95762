package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// cat_plazas: the positions (plazas) of a state health service's payroll
// structure (evaluation hard negative): one row per position, never per
// person. Position codes and descriptions from a salary tabulator, the
// plaza number, five-digit monthly salaries and compensations
// (postal-code look-alikes in INTEGER columns, like the affiliation
// table's COD_POST), the budget item, the unit's CLUES (a catalogue of
// positions is not a person's record, so the CLUES is no health_facility
// here, as in cat_unidades_medicas), creation dates. Whether a plaza is
// occupied is recorded, by whom is not.
func buildEvalPlazas(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 8, 300, 100000)
	fs := p.Facilities()
	t := &Table{
		Name:         "cat_plazas",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"num_plaza"},
		ForeignKeys:  []ForeignKey{cluesRef("clues_adscripcion")},
		Columns: []Column{
			col("num_plaza", Char(8)),
			col("codigo_puesto", Varchar(8)),
			col("descripcion_puesto", Varchar(80)),
			col("rama", Varchar(20)),
			col("tipo_nombramiento", Varchar(12)),
			col("zona_economica", Varchar(3)),
			col("sueldo_base", Integer),
			col("compensacion", Integer),
			col("partida", Char(5)),
			col("clues_adscripcion", Char(11)),
			col("turno", Varchar(20)),
			col("fecha_creacion", Date),
			col("estatus", Varchar(10)),
		},
	}
	type puesto struct {
		code, desc, rama string
		lo, hi           int
	}
	puestos := []puesto{
		{"M01004", "MEDICO ESPECIALISTA A", "MEDICA", 38000, 52000},
		{"M01006", "MEDICO GENERAL A", "MEDICA", 26000, 36000},
		{"M01007", "MEDICO GENERAL B", "MEDICA", 29000, 39000},
		{"M02035", "ENFERMERA GENERAL TITULADA A", "ENFERMERIA", 14500, 21000},
		{"M02036", "ENFERMERA GENERAL TITULADA B", "ENFERMERIA", 16000, 23000},
		{"M02031", "AUXILIAR DE ENFERMERIA A", "ENFERMERIA", 11000, 15500},
		{"M02001", "QUIMICO A", "PARAMEDICA", 15000, 22000},
		{"M02081", "TECNICO RADIOLOGO", "PARAMEDICA", 12500, 17500},
		{"M03018", "APOYO ADMINISTRATIVO EN SALUD A1", "AFIN ADMINISTRATIVA", 10000, 13000},
		{"M03020", "APOYO ADMINISTRATIVO EN SALUD A3", "AFIN ADMINISTRATIVA", 10500, 14000},
		{"CF40004", "SOPORTE ADMINISTRATIVO A", "ADMINISTRATIVA", 12000, 16000},
		{"CF41001", "JEFE DE DEPARTAMENTO", "MANDOS MEDIOS", 45000, 65000},
		{"CF33892", "SUBDIRECTOR DE AREA", "MANDOS MEDIOS", 55000, 79000},
	}
	seed := r.Uint64()
	today := timeDay(p.Today())
	start := timeDay(time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC))
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			pu := pick(r, puestos)
			sueldo := between(r, pu.lo, pu.hi)
			status := "OCUPADA"
			switch n := r.IntN(100); {
			case n < 12:
				status = "VACANTE"
			case n < 15:
				status = "CONGELADA"
			}
			row := []any{
				fmt.Sprintf("%08d", 10_000_000+k*7+r.IntN(7)),
				pu.code,
				pu.desc,
				pu.rama,
				pick(r, []string{"BASE", "BASE", "CONFIANZA", "EVENTUAL", "HONORARIOS"}),
				pick(r, []string{"II", "II", "III"}),
				int64(sueldo),
				int64(between(r, 10000, 29999)),
				pick(r, []string{"11301", "11301", "12101", "12201"}),
				pick(r, fs).CLUES,
				pick(r, []string{"MATUTINO", "VESPERTINO", "NOCTURNO A", "NOCTURNO B", "JORNADA ACUMULADA"}),
				dayTime(start + int32(r.IntN(int(today-start)))),
				status,
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
