package synth

import (
	"fmt"
	"math/rand/v2"
)

// inv_lotes_biologicos (hard negative): the cold-chain inventory of
// vaccine lots per jurisdiction warehouse: lot codes, the vaccine, its
// maker, expiry (month and year, as text), reception date, doses received,
// applied and lost, temperatures, and the CLUES of the warehouse unit.
// Labelled none throughout: a lot is a product batch, a vaccine name in a
// catalogue of stock is no one's treatment, and a CLUES in a table about
// no one says where stock sits, not who attended whom.

var blMakers = []string{"BIRMEX", "SERUM INSTITUTE OF INDIA", "SANOFI PASTEUR", "GLAXOSMITHKLINE",
	"MERCK SHARP & DOHME", "PFIZER", "CENTRO DE INGENIERIA GENETICA Y BIOTECNOLOGIA", "SINERGIUM BIOTECH"}

var blPresentations = []string{"FRASCO MULTIDOSIS 10 DOSIS", "FRASCO UNIDOSIS", "JERINGA PRELLENADA 0.5 ML",
	"FRASCO AMPULA 20 DOSIS", "TUBO DOSIFICADOR ORAL 1.5 ML"}

func blBuildHNLotes(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 40, 50, 8000)
	seed := r.Uint64()
	td := timeDay(p.Today())
	cols := []Column{
		col("lote", Varchar(12)),
		col("biologico", Varchar(45)),
		col("laboratorio", Varchar(50)),
		col("presentacion", Varchar(30)),
		col("caducidad", Char(7)),
		col("fecha_recepcion", Date),
		col("dosis_recibidas", Integer),
		col("dosis_aplicadas", Integer),
		col("dosis_merma", Integer),
		col("temp_min", Decimal(4, 1)),
		col("temp_max", Decimal(4, 1)),
		col("clues_almacen", Char(11)),
		col("jurisdiccion", Varchar(40)),
	}
	romans := []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
	return &Table{
		Name: "inv_lotes_biologicos", Style: "vaccine-lot-inventory", HardNegative: true, Columns: cols, Rows: n,
		ForeignKeys: []ForeignKey{cluesRef("clues_almacen")},
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for range n {
				recv := blDay(rr, td-900, td-1)
				exp := dayTime(recv + int32(between(rr, 180, 900)))
				got := int64(between(rr, 10, 400) * 10)
				used := got * int64(between(rr, 0, 100)) / 100
				lost := (got - used) * int64(between(rr, 0, 15)) / 100
				var clues any
				if len(p.facilities) > 0 {
					clues = p.facilities[rr.IntN(len(p.facilities))].CLUES
				}
				row := []any{
					blLot(rr), blVaccines[rr.IntN(len(blVaccines))].name, pick(rr, blMakers),
					pick(rr, blPresentations), fmt.Sprintf("%02d/%d", int(exp.Month()), exp.Year()),
					dayTime(recv), got, used, lost,
					float64(between(rr, 20, 35)) / 10, float64(between(rr, 55, 80)) / 10,
					clues, "JURISDICCION SANITARIA " + pick(rr, romans),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
