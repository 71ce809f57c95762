package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// inv_equipo_computo: an IT asset inventory (evaluation hard negative).
// Serial numbers in the makers' shapes, among them 13-character serials
// shaped like a personal RFC (four letters, six digits, three characters)
// that never are one: either the six digits are no calendar date (month
// 00 or 13-99) or the "homoclave" holds a 0 or an O, which no homoclave
// has (reference §2.1). Asset tags of 18 characters shaped like a CURP
// that never validate: a state code that does not exist (CX, MX, DX, EM:
// reference §1.4 warns that CX/CDMX is not a CURP code) or a consonant
// where the CURP needs a vowel. IP and MAC addresses, host names,
// acquisition dates. Nothing is about a person; the user of each machine
// is deliberately absent (a network user name would be derived from one).
func buildEvalEquipo(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 15, 200, 50000)
	t := &Table{
		Name:         "inv_equipo_computo",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"num_inventario"},
		Columns: []Column{
			col("num_inventario", Varchar(20)),
			col("tipo_equipo", Varchar(20)),
			col("marca", Varchar(15)),
			col("modelo", Varchar(30)),
			col("num_serie", Varchar(20)),
			col("etiqueta_activo", Char(18)),
			col("direccion_ip", Varchar(15)),
			col("hostname", Varchar(24)),
			col("mac", Char(17)),
			col("ubicacion", Varchar(60)),
			col("fecha_adquisicion", Date),
			col("garantia_anios", Integer),
			col("estado_fisico", Varchar(10)),
		},
	}
	type kind struct{ tipo, marca, modelo, short string }
	kinds := []kind{
		{"CPU", "HP", "PRODESK 400 G6", "PC"}, {"CPU", "DELL", "OPTIPLEX 3080", "PC"},
		{"LAPTOP", "LENOVO", "THINKPAD E14", "LT"}, {"LAPTOP", "HP", "PROBOOK 440 G8", "LT"},
		{"IMPRESORA", "HP", "LASERJET M404DN", "IMP"}, {"IMPRESORA", "BROTHER", "HL-L5100DN", "IMP"},
		{"SWITCH", "CISCO", "CATALYST 2960", "SW"}, {"SERVIDOR", "DELL", "POWEREDGE R740", "SRV"},
		{"MONITOR", "ACER", "V226HQL", "MON"}, {"NO BREAK", "APC", "BX1500M", "UPS"},
	}
	areas := []string{"ADMINISTRACION", "RECURSOS HUMANOS", "FARMACIA", "ARCHIVO CLINICO", "URGENCIAS",
		"CONSULTA EXTERNA", "LABORATORIO", "SISTEMAS", "DIRECCION", "ALMACEN", "ESTADISTICA"}
	const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	const cons = "BCDFGHJKLMNPQRSTVWXYZ"
	const alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	badStates := []string{"CX", "MX", "DX", "EM", "XX", "CD"}
	seed := r.Uint64()
	today := p.Today()
	start := timeDay(time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC))
	span := int(timeDay(today) - start)
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		s := func(set string, k int) string {
			b := make([]byte, k)
			for i := range b {
				b[i] = set[r.IntN(len(set))]
			}
			return string(b)
		}
		for k := range n {
			kd := pick(r, kinds)
			bought := dayTime(start + int32(r.IntN(span)))
			var serie string
			switch n := r.IntN(100); {
			case n < 20: // HP: MXL and a digit
				serie = fmt.Sprintf("MXL%04d%s", r.IntN(10000), s(alnum, 3))
			case n < 35: // Dell service tag
				serie = s(alnum, 7)
			case n < 45: // Lenovo
				serie = "PF" + s(alnum, 6)
			case n < 72: // RFC-shaped, not a date
				month := pick(r, []int{0, 13, 14, 19, 21, 33, 45, 57, 88, 99})
				serie = fmt.Sprintf("%s%02d%02d%02d%s%c", s(upper, 4), r.IntN(100), month, between(r, 1, 28),
					s("123456789ABCDEFGHJKLMNPRSTUVWXYZ", 2), "0123456789A"[r.IntN(11)])
			default: // RFC-shaped with a real date, but 0 or O in the homoclave
				hc := []byte(s("123456789ABCDEFGHJKLMNPRSTUVWXYZ", 2))
				hc[r.IntN(2)] = pick(r, []byte{'0', 'O'})
				serie = fmt.Sprintf("%s%02d%02d%02d%s%c", s(upper, 4), r.IntN(100), between(r, 1, 12), between(r, 1, 28), hc, "0123456789A"[r.IntN(11)])
			}
			var tag string
			if chance(r, 500) {
				tag = fmt.Sprintf("%s%02d%02d%02d%c%s%s%d%d", s(upper, 1)+s("AEIOUX", 1)+s(upper, 2),
					r.IntN(100), between(r, 1, 12), between(r, 1, 28), pick(r, []byte{'H', 'M'}),
					pick(r, badStates), s(cons, 3), r.IntN(10), r.IntN(10))
			} else {
				tag = fmt.Sprintf("%s%02d%02d%02d%c%s%s%d%d", s(upper, 1)+s("BCDFGHJKLMNPRSTVWYZ", 1)+s(upper, 2), // never a vowel or X
					r.IntN(100), between(r, 1, 12), between(r, 1, 28), pick(r, []byte{'H', 'M'}),
					pick(r, states[:]).Code, s(cons, 3), r.IntN(10), r.IntN(10))
			}
			mac := fmt.Sprintf("%s:%02X:%02X:%02X", pick(r, []string{"00:1A:4B", "3C:52:82", "F4:8E:38", "00:50:56", "B8:AC:6F"}),
				r.IntN(256), r.IntN(256), r.IntN(256))
			estado := "BUENO"
			switch n := r.IntN(100); {
			case n < 15:
				estado = "REGULAR"
			case n < 20:
				estado = "MALO"
			}
			row := []any{
				fmt.Sprintf("SSA-5151-%06d", k+1),
				kd.tipo,
				kd.marca,
				kd.modelo,
				serie,
				tag,
				fmt.Sprintf("10.%d.%d.%d", between(r, 1, 40), between(r, 0, 255), between(r, 2, 254)),
				fmt.Sprintf("JS%02d-%s-%s%03d", between(r, 1, 12), pick(r, []string{"ADM", "HG", "CS", "ALM", "DIR"}), kd.short, between(r, 1, 250)),
				mac,
				pick(r, areas),
				bought,
				int64(between(r, 1, 5)),
				estado,
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
