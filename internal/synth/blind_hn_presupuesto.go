package synth

import (
	"fmt"
	"math/rand/v2"
)

// presupuesto_egresos_mpal (hard negative): a municipality's expenditure
// budget by responsible unit and object-of-expenditure item (partida of
// the CONAC classification, five digits: 11301, 21101...), with approved
// and modified amounts in whole pesos, often five digits too, and the
// exercised amount. Labelled none throughout: partidas and amounts are not
// postal codes, and "SUELDOS BASE AL PERSONAL PERMANENTE" names no one.

var blPartidas = []struct {
	code int
	desc string
}{
	{11301, "SUELDOS BASE AL PERSONAL PERMANENTE"}, {12101, "HONORARIOS ASIMILABLES A SALARIOS"},
	{13201, "PRIMAS DE VACACIONES Y DOMINICAL"}, {13202, "GRATIFICACION DE FIN DE AÑO"},
	{15401, "PRESTACIONES CONTRACTUALES"}, {21101, "MATERIALES, UTILES Y EQUIPOS MENORES DE OFICINA"},
	{21401, "MATERIALES Y UTILES DE TECNOLOGIAS DE LA INFORMACION"}, {22104, "PRODUCTOS ALIMENTICIOS PARA EL PERSONAL"},
	{24601, "MATERIAL ELECTRICO Y ELECTRONICO"}, {26101, "COMBUSTIBLES, LUBRICANTES Y ADITIVOS"},
	{29601, "REFACCIONES Y ACCESORIOS MENORES DE EQUIPO DE TRANSPORTE"}, {31101, "ENERGIA ELECTRICA"},
	{31301, "AGUA"}, {31401, "TELEFONIA TRADICIONAL"}, {33401, "SERVICIOS DE CAPACITACION"},
	{35501, "REPARACION Y MANTENIMIENTO DE EQUIPO DE TRANSPORTE"}, {37501, "VIATICOS EN EL PAIS"},
	{38201, "GASTOS DE ORDEN SOCIAL Y CULTURAL"}, {44101, "AYUDAS SOCIALES A PERSONAS"},
	{51101, "MUEBLES DE OFICINA Y ESTANTERIA"}, {61401, "DIVISION DE TERRENOS Y CONSTRUCCION DE OBRAS DE URBANIZACION"},
}

var blUnits = []struct{ code, name string }{
	{"01", "PRESIDENCIA MUNICIPAL"}, {"02", "SINDICATURA"}, {"03", "SECRETARIA DEL AYUNTAMIENTO"},
	{"04", "TESORERIA MUNICIPAL"}, {"05", "CONTRALORIA MUNICIPAL"}, {"06", "OBRAS PUBLICAS"},
	{"07", "SERVICIOS PUBLICOS MUNICIPALES"}, {"08", "SEGURIDAD PUBLICA Y TRANSITO"},
	{"09", "DIF MUNICIPAL"}, {"10", "DESARROLLO SOCIAL"}, {"11", "PROTECCION CIVIL"}, {"12", "CASA DE LA CULTURA"},
}

var blSources = []string{"RECURSOS FISCALES", "PARTICIPACIONES FEDERALES", "FONDO III FAISMUN", "FONDO IV FORTAMUN", "INGRESOS PROPIOS"}

func blBuildHNPresupuesto(p *Pool, r *rand.Rand) *Table {
	year := p.Today().Year()
	type line struct {
		year, unit, part, source int
	}
	var plan []line
	for _, y := range []int{year - 2, year - 1} {
		for u := range blUnits {
			for pi := range blPartidas {
				if chance(r, 550) {
					plan = append(plan, line{y, u, pi, r.IntN(len(blSources))})
				}
			}
		}
	}
	seed := r.Uint64()
	cols := []Column{
		col("ejercicio", Integer),
		col("ur", Char(2)),
		col("unidad_responsable", Varchar(40)),
		col("capitulo", Integer),
		col("partida", Integer),
		col("partida_desc", Varchar(70)),
		col("fuente_financiamiento", Varchar(30)),
		col("clave_presupuestal", Varchar(30)),
		col("aprobado", Integer),
		col("modificado", Integer),
		col("ejercido", Decimal(14, 2)),
	}
	return &Table{
		Name: "presupuesto_egresos_mpal", Style: "municipal-budget", HardNegative: true, Columns: cols, Rows: len(plan),
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for _, l := range plan {
				pt := blPartidas[l.part]
				u := blUnits[l.unit]
				var approved int
				switch n := rr.IntN(100); {
				case n < 60:
					approved = between(rr, 10000, 99999)
				case n < 90:
					approved = between(rr, 100000, 2500000)
				default:
					approved = between(rr, 1000, 9999)
				}
				modified := approved * between(rr, 80, 125) / 100
				spent := modified * between(rr, 40, 100)
				row := []any{
					int64(l.year), u.code, u.name, int64(pt.code / 10000 * 1000), int64(pt.code), pt.desc,
					blSources[l.source],
					fmt.Sprintf("%d.%s.%d.%d", l.year, u.code, pt.code, l.source+11),
					int64(approved), int64(modified), money(spent),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
