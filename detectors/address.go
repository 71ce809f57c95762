package detectors

import (
	"strings"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// Address vocabulary of reference §6.2: street types, settlement types and
// the tokens around house numbers, with their usual abbreviations.
var (
	streetWords = wordSet(`CALLE CLL AV AVE AVENIDA AVDA BLVD BLV BOULEVARD BULEVAR CALZ CALZADA CZDA PRIV
PRIVADA PVDA CDA CERRADA CERR CALLEJON CJON CALLEJ AND ANDADOR CTO CIRC CIRCUITO PROL PROLONGACION PERIF
PERIFERICO CARR CARRETERA CAM CAMINO PSO PASEO EJE RET RETORNO VIADUCTO CUCHILLA`)
	settlementWords = wordSet(`COL COLONIA FRACC FRAC FRACCIONAMIENTO UH BARRIO BO PUEBLO PBO EJIDO RANCHERIA RCHA
RES RESIDENCIAL INFONAVIT AMPLIACION AMP SECC SECCION CONJUNTO HABITACIONAL`)
	numberWords = wordSet(`NO NUM NUMERO EXT INT DEPTO DPTO DESP MZ MZA MANZANA LT LTE LOTE SN KM EDIF ESQ ENTRE`)
)

// addressParts reports what address vocabulary a value has: a street or
// settlement word, and a house number (digits, or S/N).
func addressParts(v string) (place, number bool) {
	f := norm.Fold(v)
	if strings.Contains(f, "S/N") || strings.Contains(f, "#") {
		number = true
	}
	start := -1
	for i := 0; i <= len(f); i++ {
		var b byte = ' '
		if i < len(f) {
			b = f[i]
		}
		alnum := 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b >= 0x80
		if alnum {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w := f[start:i]
			switch {
			case w[0] >= '0' && w[0] <= '9':
				number = true
			case streetWords[w] || settlementWords[w]:
				place = true
			case numberWords[w]:
				number = number || w == "SN"
			}
			start = -1
		}
	}
	return place, number
}

// houseNumber reports whether a value is shaped like what goes in a
// "número exterior" column: 1–5 digits with an optional letter or suffix,
// or S/N.
func houseNumber(v string) bool {
	f := norm.Compact(v)
	if f == "SN" {
		return true
	}
	digits := 0
	for digits < len(f) && f[digits] >= '0' && f[digits] <= '9' {
		digits++
	}
	return digits >= 1 && digits <= 5 && len(f)-digits <= 2
}

// detectAddress finds residences: one-line addresses (a street or
// settlement word with a number) prove themselves; split addresses (a
// street name alone, a colonia, a house number) only fit a column whose
// name says address, and are reported on the name, marked as such.
func detectAddress(tc *tableCtx, c *colCtx) *candidate {
	if c.prof.hasLetter < 0.3 && c.name.Category != taxonomy.Address {
		return nil
	}
	named := c.name.Category == taxonomy.Address
	full, marked := 0, 0
	t := tc.tally(c, taxonomy.Address, 0.1, true, func(v string) verdict {
		place, number := addressParts(v)
		switch {
		case place && number:
			full++
			return vMatch
		case place:
			marked++
			return vWeak
		case named && (houseNumber(v) || plainWords(v)):
			return vWeak
		}
		return vNo
	})
	if t.match+t.weak == 0 {
		return nil
	}
	n := float64(t.n)
	s := newScore(-4)
	s.add(EvValueFormat, rateWeight(float64(full)/n, 0, step{0.6, 7}, step{0.3, 5}, step{0.1, 2}))
	if float64(full+marked)/n >= 0.5 {
		s.add(EvDictionary, 3)
	}
	s.add(EvColumnName, nameWeight(c, taxonomy.Address, 6, 2.5))
	if named && t.weakRate() < 0.6 {
		s.add("", -6) // named address, but the values are something else
	}
	if c.prof.digits >= 0.9 && c.prof.distinct >= 0.95 && c.nPresent >= 50 {
		s.add("", -6) // every number different: a key, not house numbers (which repeat)
	}
	if c.name.Hint == vocab.HintPlace || namedOther(c, taxonomy.Address) {
		s.add("", -6)
	}
	t.k.s = s
	return t.k
}

// plainWords reports whether v is a few words of letters (a street or
// colonia name without its type).
func plainWords(v string) bool {
	if len(v) > 60 {
		return false
	}
	letters := 0
	for i := 0; i < len(v); i++ {
		switch b := v[i]; {
		case b == '@' || b == ':' || b == '/' && !strings.Contains(v, "S/N"):
			return false
		case 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z', b >= 0x80:
			letters++
		}
	}
	return letters >= 2 // "192.168.0.1" is no street
}
