package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/alcance-mx/alcance/taxonomy"
)

// domicilios_historial: the address history of the health register's
// beneficiaries, one row per address a person declared, in the order the
// rows were captured. Nothing in a row names the person: id_persona points
// at padron_beneficiarios.id, the only link. Each person in the table has
// their current home (the register's address, PARTICULAR, the latest of
// their PARTICULAR rows), often earlier homes they moved from, and
// sometimes a workplace (LABORAL). Street, exterior and interior number
// and colonia are address; the postal code is postal_code; the
// municipality and state alone are not (doc.go). The street, number and
// colonia of a LABORAL row are a person's workplace, also personal in a
// table keyed by person; they are a minority of the rows.
func buildDomicilios(p *Pool, r *rand.Rand) *Table {
	type entry struct {
		enr  uint32
		day  int32
		kind uint8 // domPrevious, domCurrent, domWork
	}
	reg := p.Register()
	today := timeDay(p.Today())
	var plan []entry
	for k, e := range reg {
		if e.Repeat || !chance(r, 400) {
			continue
		}
		prev := 0
		switch n := r.IntN(100); {
		case n < 35:
			prev = 2
		case n < 60:
			prev = 1
		}
		// capture days from enrollment on, ascending: the earlier homes
		// first, the current one last
		days := make([]int32, prev+1)
		for j := range days {
			days[j] = e.Enrolled + int32(r.IntN(int(today-e.Enrolled)))
		}
		slices.Sort(days)
		for j, d := range days {
			kind := uint8(domPrevious)
			if j == prev {
				kind = domCurrent
			}
			plan = append(plan, entry{uint32(k), d, kind})
		}
		if ageAt(p.Birth(e.Person), p.Today()) >= 18 && chance(r, 300) {
			plan = append(plan, entry{uint32(k), e.Enrolled + int32(r.IntN(int(today-e.Enrolled))), domWork})
		}
	}
	slices.SortStableFunc(plan, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.enr, b.enr), cmp.Compare(a.kind, b.kind))
	})

	t := &Table{
		Name:        "domicilios_historial",
		Style:       "address-history",
		Rows:        len(plan),
		PrimaryKey:  []string{"id_domicilio"},
		ForeignKeys: []ForeignKey{beneficiaryRef("id_persona")},
		Columns: []Column{
			col("id_domicilio", Integer),
			col("id_persona", Integer),
			col("tipo_domicilio", Varchar(12)),
			col("calle", Varchar(80), taxonomy.Address),
			col("num_ext", Varchar(20), taxonomy.Address),
			col("num_int", Varchar(12), taxonomy.Address),
			col("colonia", Varchar(80), taxonomy.Address),
			col("cp", Char(5), taxonomy.PostalCode),
			col("municipio", Varchar(80)),
			col("entidad", Varchar(40)),
			col("fecha_actualizacion", Date),
		},
	}
	for _, en := range plan {
		// id_persona points at a register row, which names its person
		// with a birthdate: every address is theirs
		t.subject(reg[en.enr].Person, IdentLinked, Cats(taxonomy.Address, taxonomy.PostalCode))
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, en := range plan {
			e := reg[en.enr]
			home := p.Person(e.Person).Address
			var a Address
			var interior any
			tipo := "PARTICULAR"
			switch en.kind {
			case domCurrent:
				a = home
			case domPrevious:
				m := int(p.people[e.Person].muni)
				if chance(r, 400) {
					m = muniW.pick(r)
				}
				a = randomAddress(r, m)
			default:
				tipo = "LABORAL"
				m := int(p.people[e.Person].muni)
				if chance(r, 200) {
					m = muniW.pick(r)
				}
				a = randomAddress(r, m)
				a.Interior = 0
				if chance(r, 400) {
					interior = pick(r, []string{"PISO ", "LOCAL ", "DESP. ", "OF. "}) + strconv.Itoa(between(r, 1, 30))
				}
			}
			if a.Interior > 0 {
				interior = strconv.Itoa(a.Interior)
				if chance(r, 200) {
					interior = fmt.Sprintf("DEPTO %d", a.Interior)
				}
			}
			calle := a.Street
			if a.StreetType != "CALLE" || numberedStreet(a.Street) || chance(r, 200) {
				calle = a.StreetType + " " + a.Street
			}
			row := []any{
				int64(k + 1),
				e.ID,
				tipo,
				calle,
				a.NumberText(),
				interior,
				a.Colonia,
				a.PostalCode,
				a.Municipality,
				a.StateName,
				dayTime(en.day),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// Kinds of row, in the order rows captured the same day sort: an earlier
// home before the current one, so the current home is always the last
// PARTICULAR row of its person.
const (
	domPrevious = iota
	domCurrent
	domWork
)

// randomAddress draws an address in a municipality the way the pool draws
// people's homes (pool.go): an earlier home or a workplace, not the
// person's current residence.
func randomAddress(r *rand.Rand, m int) Address {
	st := &states[muniState(m)]
	a := Address{
		StreetType:     streetTypes[streetTypeW.pick(r)],
		Street:         pick(r, streetNames),
		SettlementType: settlementTypes[settlementW.pick(r)],
		Colonia:        pick(r, colonias),
		Municipality:   muniUpper[m],
		StateCode:      st.Code,
		StateKey:       st.Key,
		StateName:      st.Name,
		StateAbbr:      st.Abbr,
		PostalCode:     drawPostalCode(r, m),
	}
	if numberedStreet(a.Street) {
		a.StreetType = "CALLE"
	}
	switch {
	case chance(r, 50):
		a.Block, a.Lot = between(r, 1, 60), between(r, 1, 40)
	case chance(r, 50): // S/N
	default:
		a.Number = between(r, 1, 4000)
		if chance(r, 50) {
			a.Suffix = string(rune('A' + r.IntN(3)))
		}
	}
	if chance(r, 80) {
		a.Interior = between(r, 1, 24)
	}
	return a
}

// drawPostalCode is a postal code in a municipality that is not one digit
// repeated (55555 reads as a placeholder): an office's or an earlier
// home's, where the pool's codes are left as drawn.
func drawPostalCode(r *rand.Rand, m int) string {
	for {
		if s := cpString(postalCode(r, m)); strings.Count(s, s[:1]) != len(s) {
			return s
		}
	}
}
