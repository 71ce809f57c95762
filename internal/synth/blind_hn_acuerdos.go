package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// tsj_lista_acuerdos (hard negative): a court's published daily list of
// rulings (lista de acuerdos): case numbers, court, matter, kind of
// proceeding, filing and publication dates and a summary of each ruling.
// The published list names no party: labelled none throughout. The
// summaries carry hearing dates written out in words (12 DE MARZO DE
// 2025), which are not birthdates, and the courts' names carry places.

var blCourtKinds = []struct{ matter, kind string }{
	{"CIVIL", "ORDINARIO CIVIL"}, {"CIVIL", "EJECUTIVO MERCANTIL"}, {"FAMILIAR", "DIVORCIO INCAUSADO"},
	{"FAMILIAR", "PENSION ALIMENTICIA"}, {"FAMILIAR", "SUCESION INTESTAMENTARIA"},
	{"MERCANTIL", "ORAL MERCANTIL"}, {"CIVIL", "JURISDICCION VOLUNTARIA"}, {"CIVIL", "ARRENDAMIENTO"},
}

var blRulings = []string{
	"SE TIENE POR RECIBIDO EL ESCRITO DE LA PARTE ACTORA Y SE ORDENA AGREGAR A LOS AUTOS",
	"SE SEÑALAN LAS {H}:00 HORAS DEL DIA {D} PARA LA CELEBRACION DE LA AUDIENCIA PRELIMINAR",
	"SE TIENE A LA PARTE DEMANDADA CONTESTANDO EN TIEMPO Y FORMA",
	"SE DECLARA LA REBELDIA DE LA PARTE DEMANDADA",
	"SE ORDENA GIRAR OFICIO AL REGISTRO PUBLICO DE LA PROPIEDAD",
	"SE ADMITEN LAS PRUEBAS OFRECIDAS POR LAS PARTES",
	"SE DIFIERE LA AUDIENCIA PARA EL DIA {D} A LAS {H}:00 HORAS",
	"SE DICTA SENTENCIA DEFINITIVA",
	"SE TURNAN LOS AUTOS PARA DICTAR RESOLUCION",
}

func blBuildHNAcuerdos(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 12, 80, 60000)
	seed := r.Uint64()
	td := timeDay(p.Today())
	cols := []Column{
		col("expediente", Varchar(12)),
		col("juzgado", Varchar(80)),
		col("materia", Varchar(10)),
		col("tipo_juicio", Varchar(40)),
		col("fecha_radicacion", Date),
		col("fecha_publicacion", Date),
		col("num_acuerdo", Integer),
		col("sintesis", Varchar(160)),
		col("estado_procesal", Varchar(20)),
		col("boletin", Integer),
	}
	stages := []string{"INSTRUCCION", "PRUEBAS", "ALEGATOS", "SENTENCIA", "EJECUCION", "ARCHIVO"}
	return &Table{
		Name: "tsj_lista_acuerdos", Style: "court-docket", HardNegative: true, Columns: cols, Rows: n,
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			loadPlaces()
			for range n {
				filed := blDay(rr, td-6*365, td-10)
				pub := blDay(rr, filed, td-1)
				ck := blCourtKinds[rr.IntN(len(blCourtKinds))]
				ruling := pick(rr, blRulings)
				if strings.Contains(ruling, "{D}") {
					hearing := dayTime(pub + int32(between(rr, 10, 60)))
					ruling = strings.NewReplacer("{H}", fmt.Sprintf("%02d", between(rr, 9, 13)),
						"{D}", strings.ToUpper(blLongDate(hearing))).Replace(ruling)
				}
				m := muniW.pick(rr)
				row := []any{
					fmt.Sprintf("%d/%d", between(rr, 1, 3200), dayTime(filed).Year()),
					blCut("JUZGADO "+pick(rr, blOrdinals)+" "+ck.matter+" DE "+strings.ToUpper(plain(muniList[m].Name)), 80),
					ck.matter, ck.kind, dayTime(filed), dayTime(pub), int64(between(rr, 1, 60)),
					blCut(ruling, 160), pick(rr, stages), int64(dayTime(pub).YearDay()),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
