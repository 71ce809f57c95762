package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"

	"github.com/alcance-mx/alcance/detectors/dict"
)

// stateInfo is one of the 32 states, indexed by INEGI key - 1.
type stateInfo struct {
	Code  string // CURP / RENAPO two-letter code
	Key   string // INEGI "01".."32"
	Name  string
	Abbr  string
	cp    []int    // postal-code prefixes of reference §6.1 ([U] ones left out)
	ladas []string // telephone area codes
	munis []int    // indices into dict.Municipalities()
	pop   uint64
}

// cpPrefixes are the two-digit postal-code prefixes by INEGI key (reference
// §6.1). Prefixes the reference marks unverified are not generated, so every
// code we write has a prefix that belongs to its state for certain.
var cpPrefixes = [32][]int{
	{20}, {21, 22}, {23}, {24}, {25, 26, 27}, {28}, {29, 30}, {31, 32, 33},
	{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, {34, 35},
	{36, 37, 38}, {39}, {42, 43}, {44, 45, 46, 47, 48}, {50, 51, 52, 53, 54, 55, 56, 57},
	{58, 59, 60, 61}, {62}, {63}, {64, 65, 66, 67}, {68, 69, 70, 71},
	{72, 73, 74, 75}, {76}, {77}, {78, 79}, {80, 81, 82}, {83, 84, 85}, {86},
	{87, 89}, {90}, {91, 92, 93, 94}, {97}, {98},
}

// stateLadas are common telephone area codes by INEGI key: a phone number is
// the area code followed by the local number, ten digits in all.
var stateLadas = [32][]string{
	{"449"}, {"664", "686", "646"}, {"612", "624"}, {"981", "938"},
	{"844", "871", "866"}, {"312", "314"}, {"961", "962", "967"},
	{"614", "656", "625"}, {"55", "56"}, {"618", "871"}, {"477", "462", "473", "461"},
	{"744", "747", "733"}, {"771", "775"}, {"33", "341", "322"},
	{"55", "722", "595"}, {"443", "351", "452"}, {"777", "735"}, {"311", "323"},
	{"81", "826"}, {"951", "971", "954"}, {"222", "238", "231"}, {"442", "427"},
	{"998", "984", "983"}, {"444", "481"}, {"667", "669", "668"},
	{"662", "644", "631"}, {"993", "914"}, {"834", "899", "833", "868"},
	{"246", "241"}, {"229", "228", "921", "271"}, {"999", "997", "985"}, {"492", "493"},
}

var (
	placesOnce sync.Once
	states     [32]stateInfo
	muniW      weighted // municipalities by population
	stateW     weighted // states by population
	muniList   []dict.Municipality
	muniUpper  []string // municipality names upper case, accents kept
	muniStates []uint8  // state index (INEGI key - 1) of each municipality
)

func loadPlaces() {
	placesOnce.Do(func() {
		for _, s := range dict.States() {
			k, err := strconv.Atoi(s.INEGI)
			if err != nil || k < 1 || k > 32 {
				continue // NE
			}
			states[k-1] = stateInfo{Code: s.Code, Key: s.INEGI, Name: s.Name, Abbr: s.Abbrev,
				cp: cpPrefixes[k-1], ladas: stateLadas[k-1]}
		}
		muniList = dict.Municipalities()
		for _, m := range muniList {
			muniUpper = append(muniUpper, strings.ToUpper(m.Name))
		}
		ws := make([]uint64, len(muniList))
		for i, m := range muniList {
			k, _ := strconv.Atoi(m.StateKey)
			st := &states[k-1]
			muniStates = append(muniStates, uint8(k-1))
			st.munis = append(st.munis, i)
			st.pop += uint64(m.Population)
			ws[i] = uint64(max(m.Population, 1))
		}
		muniW = newWeighted(ws)
		sw := make([]uint64, 32)
		for i := range states {
			if states[i].Code == "" || len(states[i].munis) == 0 {
				panic(fmt.Sprintf("synth: state %d missing from the dictionary", i+1))
			}
			sw[i] = states[i].pop
		}
		stateW = newWeighted(sw)
	})
}

// muniState is the state index (INEGI key - 1) of a municipality.
func muniState(m int) int { return int(muniStates[m]) }

// postalCode draws a code in a municipality: the prefix and third digit are
// fixed per municipality, so codes cluster as SEPOMEX's do.
func postalCode(r *rand.Rand, m int) int32 {
	st := &states[muniState(m)]
	key, _ := strconv.Atoi(muniList[m].Key)
	prefix := st.cp[key%len(st.cp)]
	return int32(prefix*1000 + (key%10)*100 + r.IntN(100))
}

// cpString writes a postal code with its leading zero.
func cpString(cp int32) string { return fmt.Sprintf("%05d", cp) }

// streetTypes and settlementTypes, with the abbreviations of reference §6.2.
var (
	streetTypes     = []string{"CALLE", "AV.", "CDA.", "PRIV.", "BLVD.", "CALZ.", "PROL.", "AND.", "CTO."}
	streetTypeW     = newWeighted([]uint64{60, 18, 6, 6, 3, 2, 2, 2, 1})
	streetTypeLong  = []string{"CALLE", "AVENIDA", "CERRADA", "PRIVADA", "BOULEVARD", "CALZADA", "PROLONGACION", "ANDADOR", "CIRCUITO"}
	settlementTypes = []string{"COL.", "FRACC.", "BO.", "U.H.", "PBLO.", "AMP."}
	settlementW     = newWeighted([]uint64{72, 12, 6, 5, 3, 2})
)

// numberedStreet reports whether a street name is a bare number ("21").
func numberedStreet(s string) bool { return strings.Trim(s, "0123456789") == "" }

// Address is a person's residence.
type Address struct {
	StreetType     string // "CALLE", "AV.", "CDA.", ... as abbreviated in registers
	Street         string // "HIDALGO", "5 DE MAYO"
	Number         int    // exterior number; 0 = without number (S/N) or block and lot
	Suffix         string // "", "A", "B": 12-B
	Block, Lot     int    // manzana and lote, in settlements without street numbers
	Interior       int    // interior number, 0 = none
	SettlementType string // "COL.", "FRACC.", "BO.", ...
	Colonia        string
	Municipality   string // upper case, accents as INEGI writes them
	StateCode      string // RENAPO code of the residence state
	StateKey       string // INEGI key
	StateName      string
	StateAbbr      string
	PostalCode     string // five digits
}

// NumberText is the exterior number as a register writes it: "123",
// "45-B", "S/N" or "MZ 4 LT 12".
func (a Address) NumberText() string {
	switch {
	case a.Block > 0:
		return fmt.Sprintf("MZ %d LT %d", a.Block, a.Lot)
	case a.Number == 0:
		return "S/N"
	case a.Suffix != "":
		return fmt.Sprintf("%d-%s", a.Number, a.Suffix)
	}
	return strconv.Itoa(a.Number)
}

// StreetLine is street type, name and number: "AV. JUAREZ 123".
func (a Address) StreetLine() string {
	return a.StreetType + " " + a.Street + " " + a.NumberText()
}

// SettlementLine is the settlement with its type: "COL. CENTRO".
func (a Address) SettlementLine() string { return a.SettlementType + " " + a.Colonia }

// LegacyLine is the one-line address of old systems, abbreviations without
// dots and no accents: "CALLE HIDALGO 123 COL CENTRO".
func (a Address) LegacyLine(r *rand.Rand) string {
	st := a.StreetType
	if chance(r, 300) {
		st = strings.TrimSuffix(st, ".")
	}
	col := a.SettlementType
	if chance(r, 600) {
		col = strings.TrimSuffix(col, ".")
	}
	line := st + " " + a.Street + " " + a.NumberText()
	if a.Interior > 0 && chance(r, 500) {
		line += fmt.Sprintf(" INT %d", a.Interior)
	}
	return plain(line + " " + col + " " + a.Colonia)
}

// ExportLine is the address line of vendor exports, with the municipality
// and state: "AV JUAREZ NO. 123 INT 4, COL. CENTRO, TOLUCA, MEX.".
func (a Address) ExportLine(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(a.StreetType, "."))
	b.WriteString(" " + a.Street)
	switch {
	case a.Block > 0 || a.Number == 0:
		b.WriteString(" " + a.NumberText())
	case chance(r, 500):
		b.WriteString(" NO. " + a.NumberText())
	default:
		b.WriteString(" #" + a.NumberText())
	}
	if a.Interior > 0 {
		fmt.Fprintf(&b, " INT %d", a.Interior)
	}
	b.WriteString(", " + a.SettlementType + " " + a.Colonia)
	b.WriteString(", " + a.Municipality + ", " + a.StateAbbr + ".")
	return plain(b.String())
}
