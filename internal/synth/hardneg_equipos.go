package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// activos_informaticos: the IT asset register of a state health service,
// one row per device. Serial numbers are shaped like identifiers: many
// have four letters and six digits, as an RFC starts, thirteen characters
// long, or eighteen like a CURP; the digits are a year, a manufacturing
// week (13-52, never a month) and a day of the week, so no serial holds a
// calendar date and none validates as a CURP, RFC or voter key. IPv4 and
// MAC addresses, host names, physical condition, location, acquisition
// date (not a birthdate) and a five-digit cost. Nothing here is personal
// data.
func buildActivosTI(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 8, 100, 60000)
	t := &Table{
		Name:         "activos_informaticos",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"num_inventario"},
		Columns: []Column{
			col("num_inventario", Varchar(20)),
			col("tipo_equipo", Varchar(20)),
			col("num_serie", Varchar(18)),
			col("direccion_ip", Varchar(15)),
			col("direccion_mac", Char(17)),
			col("hostname", Varchar(24)),
			col("estado_fisico", Varchar(10)),
			col("ubicacion", Varchar(40)),
			col("fecha_adquisicion", Date),
			col("costo", Integer),
		},
	}
	seed := r.Uint64()
	today := p.Today()
	start := timeDay(time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC))
	span := int(timeDay(today) - start)
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			kind := equipoKinds[equipoKindW.pick(r)]
			bought := dayTime(start + int32(k*span/n))
			var ip any = equipoIP(r)
			if kind.code == "LAP" && chance(r, 300) {
				ip = nil // laptops on DHCP
			}
			estado := pick(r, []string{"BUENO", "BUENO", "BUENO", "REGULAR", "REGULAR", "MALO"})
			if today.Sub(bought) > 8*365*24*time.Hour && chance(r, 400) {
				estado = "BAJA"
			}
			row := []any{
				fmt.Sprintf("SS-%d-%05d", bought.Year(), k+1),
				kind.name,
				equipoSerial(r, bought, today),
				ip,
				equipoMAC(r),
				fmt.Sprintf("%s-%s-%s%03d", pick(r, []string{"SSA", "SESA", "JS01", "JS03", "HG"}),
					pick(r, equipoAreas), kind.code, between(r, 1, 400)),
				estado,
				pick(r, equipoPlaces),
				bought,
				int64(between(r, kind.lo, kind.hi)),
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}

var (
	equipoKinds = []struct {
		name, code string
		lo, hi     int // cost in pesos, five digits
	}{
		{"DESKTOP", "PC", 12000, 28000}, {"LAPTOP", "LAP", 15000, 38000}, {"IMPRESORA", "IMP", 10000, 45000},
		{"SWITCH", "SW", 18000, 95000}, {"SERVIDOR", "SRV", 60000, 99999}, {"NO BREAK", "UPS", 10000, 30000},
		{"ESCANER", "ESC", 11000, 26000}, {"ACCESS POINT", "AP", 10000, 19000},
	}
	equipoKindW  = newWeighted([]uint64{45, 20, 14, 5, 2, 6, 4, 4})
	equipoAreas  = []string{"DGTI", "RH", "FIN", "ALM", "EPI", "DIR", "PLA", "JUR"}
	equipoPlaces = []string{"SITE 1", "SITE 2", "PISO 1", "PISO 2", "PISO 3", "OFICINA 204",
		"ALMACEN DE BIENES", "SALA DE JUNTAS", "RECEPCION", "CUARTO DE TELECOMUNICACIONES", "ARCHIVO"}
	// equipoMakers are four-letter plant prefixes of serial numbers.
	equipoMakers = []string{"MXLC", "CNDH", "HPMX", "DLCN", "LNVO", "PCKR", "BRCN", "EPSN", "CSCO", "APCB"}
	// equipoOUIs are vendor prefixes of MAC addresses.
	equipoOUIs = []string{"3C:52:82", "00:1A:4B", "F8:B4:6A", "A4:BB:6D", "00:50:56", "E4:54:E8", "B8:AC:6F", "00:26:B9"}
)

// equipoSerial is a serial number: a plant prefix, the year and week it
// was built (weeks 13-52: never a month, so never a calendar date), the
// day of the week and a unit code; thirteen characters like an RFC,
// eighteen like a CURP, or a shorter vendor form. None validates as a
// CURP, RFC or voter key.
func equipoSerial(r *rand.Rand, bought, today time.Time) string {
	const upper = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	const alnum = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	draw := func(k int, from string) string {
		b := make([]byte, k)
		for i := range b {
			b[i] = from[r.IntN(len(from))]
		}
		return string(b)
	}
	built := fmt.Sprintf("%02d%02d%02d", (bought.Year()-between(r, 0, 1))%100, between(r, 13, 52), between(r, 1, 7))
	var s string
	switch n := r.IntN(100); {
	case n < 45: // RFC-shaped: MXLC2337040A7
		s = pick(r, equipoMakers) + built + "0" + draw(2, alnum)
	case n < 75: // CURP-shaped: LNVO231905KQTRMZ47
		s = pick(r, equipoMakers) + built + draw(6, upper) + draw(2, "0123456789")
	default: // vendor forms: 5CG2337WXQ
		s = pick(r, []string{"5CG", "PF", "CN", "SN"}) + built[:4] + draw(4, alnum)
	}
	if !notAnIdentifier(s, today) {
		panic("synth: serial " + s + " validates as an identifier")
	}
	return s
}

// notAnIdentifier reports whether s validates as none of the person
// identifiers a hard negative must not hold.
func notAnIdentifier(s string, today time.Time) bool {
	if _, why := validate.ParseCURP(s, today); why == validate.OK {
		return false
	}
	if rfc, why := validate.ParseRFC(s); why == validate.OK && rfc.Person {
		return false
	}
	if _, why := validate.ParseVoterKey(s, today); why == validate.OK {
		return false
	}
	return true
}

// equipoIP is a private IPv4 address.
func equipoIP(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("10.%d.%d.%d", between(r, 1, 40), between(r, 0, 255), between(r, 2, 254))
	case 1:
		return fmt.Sprintf("192.168.%d.%d", between(r, 0, 20), between(r, 2, 254))
	}
	return fmt.Sprintf("172.16.%d.%d", between(r, 0, 31), between(r, 2, 254))
}

// equipoMAC is a MAC address under a vendor prefix.
func equipoMAC(r *rand.Rand) string {
	return fmt.Sprintf("%s:%02X:%02X:%02X", pick(r, equipoOUIs), r.IntN(256), r.IntN(256), r.IntN(256))
}
