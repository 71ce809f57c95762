package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// INV_EQUIPO_LAB is a hard negative: the inventory of a public health
// laboratory's equipment. Manufacturers' serial numbers come in shapes
// that look like identifiers: 13 characters like a personal RFC, 18 like a
// CURP or a clave de elector, and hyphenated digit groups; every one is
// redrawn until it validates as no person identifier (an impossible date,
// a letter where a digit goes). The custodian is a job title, the
// supplier a company with a 12-character RFC, PARTIDA a five-digit budget
// code. Calibration and acquisition dates are not births. Every column
// is labelled [].
func bcBuildEquipo(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 40, 60, 6000)
	t := &Table{Name: "INV_EQUIPO_LAB", Style: "hardneg-lab-equipment-serials", HardNegative: true}
	t.PrimaryKey = []string{"NO_INVENTARIO"}
	t.Columns = []Column{
		col("NO_INVENTARIO", Varchar(20)),
		col("DESCRIPCION", Varchar(80)),
		col("MARCA", Varchar(30)),
		col("MODELO", Varchar(30)),
		col("NUM_SERIE", Varchar(20)),
		col("FEC_ADQUISICION", Date),
		col("COSTO", Decimal(12, 2)),
		col("PARTIDA", Char(5)),
		col("AREA", Varchar(40)),
		col("PUESTO_RESGUARDO", Varchar(60)),
		col("ULT_CALIBRACION", Date),
		col("PROX_CALIBRACION", Date),
		col("ESTADO", Varchar(15)),
		col("PROVEEDOR", Varchar(90)),
		col("RFC_PROVEEDOR", Varchar(12)),
	}
	t.Rows = n
	seed := r.Uint64()
	today := p.Today()
	items := []struct{ desc, brand, model string }{
		{"CENTRIFUGA REFRIGERADA", "HETTICH", "ROTINA 380R"}, {"ESPECTROFOTOMETRO UV-VIS", "THERMO", "GENESYS 50"},
		{"CAMPANA DE BIOSEGURIDAD CLASE II", "LABCONCO", "LOGIC+ A2"}, {"TERMOCICLADOR TIEMPO REAL", "BIO-RAD", "CFX96"},
		{"AUTOCLAVE VERTICAL", "FELISA", "FE-399"}, {"MICROSCOPIO BINOCULAR", "OLYMPUS", "CX23"},
		{"ANALIZADOR DE QUIMICA CLINICA", "MINDRAY", "BS-240"}, {"REFRIGERADOR PARA REACTIVOS", "TORREY", "R-14"},
		{"INCUBADORA BACTERIOLOGICA", "MEMMERT", "IN55"}, {"BALANZA ANALITICA", "OHAUS", "PX224"},
	}
	areas := []string{"BIOLOGIA MOLECULAR", "BACTERIOLOGIA", "QUIMICA CLINICA", "VIROLOGIA", "PARASITOLOGIA", "RECEPCION DE MUESTRAS"}
	posts := []string{"JEFE DE DEPARTAMENTO DE BIOLOGIA MOLECULAR", "QUIMICO RESPONSABLE TURNO MATUTINO", "COORDINADORA DE CALIDAD",
		"RESPONSABLE SANITARIO", "ENCARGADO DE ALMACEN"}
	companies := p.Companies()
	const letters = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
	serial := func(rr *rand.Rand) string {
		for {
			var s string
			switch rr.IntN(5) {
			case 0: // RFC-shaped: a month that does not exist
				s = fmt.Sprintf("%c%c%c%c%02d%02d%02d%c%c%d", letters[rr.IntN(25)], letters[rr.IntN(25)], letters[rr.IntN(25)], letters[rr.IntN(25)],
					rr.IntN(100), between(rr, 13, 39), between(rr, 1, 28), letters[rr.IntN(25)], letters[rr.IntN(25)], rr.IntN(10))
			case 1: // CURP-shaped: a month that does not exist, a sex letter that is no sex
				s = fmt.Sprintf("%c%c%c%c%02d%02d%02d%c%s%c%c%c%02d", letters[rr.IntN(25)], "AEIOU"[rr.IntN(5)], letters[rr.IntN(25)], letters[rr.IntN(25)],
					rr.IntN(100), between(rr, 13, 49), between(rr, 1, 28), "KRT"[rr.IntN(3)], pick(rr, []string{"MX", "US", "DE", "JP"}),
					letters[rr.IntN(25)], letters[rr.IntN(25)], letters[rr.IntN(25)], rr.IntN(100))
			case 2: // voter-key-shaped: state 40-99
				s = fmt.Sprintf("%s%06d%02d%c%03d", strings.Repeat(string(letters[rr.IntN(25)]), 2)+string(letters[rr.IntN(25)])+"SN"+string(letters[rr.IntN(25)]),
					rr.IntN(1000000), between(rr, 40, 99), "HM"[rr.IntN(2)], rr.IntN(1000))
			case 3:
				s = fmt.Sprintf("SN%09d", rr.IntN(1000000000))
			default:
				s = fmt.Sprintf("%s-%d-%06d", pick(rr, []string{"BSC", "CFG", "THR", "PCR"}), between(rr, 2008, 2024), rr.IntN(1000000))
			}
			if !bcPersonID(s, today) {
				return s
			}
		}
	}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k := range n {
			it := pick(rr, items)
			bought := bcDayBetween(rr, time.Date(2006, 1, 1, 0, 0, 0, 0, time.UTC), today.AddDate(0, -2, 0))
			cal := bcDayBetween(rr, bought, today.AddDate(0, 0, -1))
			inv := fmt.Sprintf("5%03d-%04d-%06d", between(rr, 100, 699), between(rr, 1, 9999), k+1)
			for bcPersonID(inv, today) {
				inv += "A"
			}
			var sup, rfc any
			if len(companies) > 0 {
				c := pick(rr, companies)
				sup, rfc = c.Name, c.RFC
			}
			row := []any{inv, it.desc, it.brand, it.model, serial(rr), bought, money(between(rr, 800000, 250000000)),
				pick(rr, []string{"53101", "53201", "51901", "53102"}), pick(rr, areas), pick(rr, posts), cal, cal.AddDate(1, 0, 0),
				pick(rr, []string{"EN USO", "EN USO", "EN USO", "EN REPARACION", "BAJA"}), sup, rfc}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
