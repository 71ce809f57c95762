package exposure

import (
	"fmt"
	"testing"
)

// storeCase builds a small world of records by hand: who is who is known,
// so resolution can be checked figure by figure, in memory and spilled.
func storeCase(t *testing.T, budget int64) *Resolution {
	t.Helper()
	k := NewKeyer([]byte("0123456789abcdef0123456789abcdef"))
	s := NewStore(StoreOptions{Dir: t.TempDir(), MemoryBudget: budget})
	defer s.Close()
	b := s.NewBatch()
	health := catBit("health_condition")
	name, birth := catBit("person_name"), catBit("birthdate")
	declared := s.AddLink(false, 0)
	wrong := s.AddLink(true, 1) // an inferred link whose keys do not exist
	chain := s.AddLink(true, 2)
	// Two candidates for one column: both tables have ids 0-99, only one
	// names persons (the other's rows lead to no one).
	good, other := s.AddLink(true, 3), s.AddLink(true, 3)

	// 100 CURP holders in source 0, each also known by name and birthdate.
	for i := range 100 {
		c := k.CURP(fmt.Sprintf("CURP%02d", i))
		nb := k.NameBirth(fmt.Sprintf("NAME %d", i), "1990-01-01")
		band := bandAdult
		if i < 10 {
			band = bandMinor
		}
		b.addObs(obs{key: c, cats: bitCURP | name, source: 0, kind: kindCURP, band: band})
		b.addAlias(alias{from: nb, to: c, fromKind: kindNB, toKind: kindCURP, toBand: band})
		// Their patient row in source 1 is keyed by id i.
		row := k.hash(kindRow, "1", "pacientes", fmt.Sprint(i))
		b.addAlias(alias{from: row, to: nb, fromKind: kindRow, toKind: kindNB, toBand: band})
		// The patients table of source 1 knows them by name and birthdate.
		b.addObs(obs{key: nb, cats: name | birth, source: 1, kind: kindNB, band: band})
	}
	// 20 people only known by name and birthdate in source 1, 5 of them older.
	for i := range 20 {
		band := bandAdult
		if i < 5 {
			band = bandOlder
		}
		b.addObs(obs{key: k.NameBirth(fmt.Sprintf("ONLY %d", i), "1950-01-01"), cats: name | birth, source: 1, kind: kindNB, band: band})
	}
	// Consultations of the first 30 patients, through the declared link.
	for i := range 30 {
		row := k.hash(kindRow, "1", "pacientes", fmt.Sprint(i))
		b.addObs(obs{key: row, cats: health, source: 1, kind: kindRow, link: declared})
		b.addObs(obs{key: row, cats: health, source: 1, kind: kindRow, link: declared}) // a second visit
	}
	// An inferred link whose keys mostly point nowhere: rejected, so its one
	// row that does match is not attributed either.
	b.addObs(obs{key: k.hash(kindRow, "1", "pacientes", "50"), cats: maskFinance, source: 1, kind: kindRow, link: wrong})
	for i := range 9 {
		b.addObs(obs{key: k.hash(kindRow, "1", "pacientes", fmt.Sprint(1000+i)), cats: maskFinance, source: 1, kind: kindRow, link: wrong})
	}
	// Prescriptions point at visits, whose rows point at patients 40-44.
	for i := range 5 {
		visit := k.hash(kindRow, "1", "visitas", fmt.Sprint(i))
		b.addAlias(alias{from: visit, to: k.hash(kindRow, "1", "pacientes", fmt.Sprint(40+i)), fromKind: kindRow, toKind: kindRow, link: declared})
		b.addObs(obs{key: visit, cats: health, source: 1, kind: kindRow, link: chain})
	}
	for i := range 100 {
		b.addAlias(alias{from: k.hash(kindRow, "1", "pagos", fmt.Sprint(i)), fromKind: kindRow, toKind: kindNobody})
	}
	for i := range 3 {
		b.addObs(obs{key: k.hash(kindRow, "1", "pacientes", fmt.Sprint(60+i)), cats: maskFinance, source: 1, kind: kindRow, link: good})
		b.addObs(obs{key: k.hash(kindRow, "1", "pagos", fmt.Sprint(60+i)), cats: maskFinance, source: 1, kind: kindRow, link: other})
	}
	// Seven distinct names alone, one of them seen twice.
	for i := range 8 {
		b.addObs(obs{key: k.hash(kindName, fmt.Sprint(i%7)), cats: name, source: 1, kind: kindName})
	}
	b.Flush()
	if spilled := s.obs.tmp != ""; spilled != (budget < 10000) {
		t.Fatalf("budget %d: spilled %v", budget, spilled)
	}
	r, err := s.Resolve(2, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestStoreResolves(t *testing.T) {
	for _, budget := range []int64{1 << 30, 2000} { // in memory; spilled nearly at once
		t.Run(fmt.Sprint(budget), func(t *testing.T) {
			r := storeCase(t, budget)
			c := r.All
			want := map[string][2]int64{
				"persons": {c.Certain[figPersons], 120}, "health": {c.Certain[figHealth], 35},
				"minors": {c.Certain[figMinors], 10}, "older": {c.Certain[figOlder], 5},
				"kit": {c.Certain[figKit], 100}, "financial": {c.Certain[figFinancial], 3},
				"widen": {c.Widen[figPersons], 7}, "several": {r.InSeveral, 100},
				"source 0": {r.BySource[0].Certain[figPersons], 100}, "source 1": {r.BySource[1].Certain[figPersons], 120},
				"source 1 kit": {r.BySource[1].Certain[figKit], 0},
			}
			for what, g := range want {
				if g[0] != g[1] {
					t.Errorf("%s: got %d, want %d", what, g[0], g[1])
				}
			}
			if l := r.Links[1]; l.Accepted || l.Rows != 10 || l.Matched != 1 {
				t.Errorf("inferred link with 1 of 10 keys found: %+v", l)
			}
			if l := r.Links[0]; !l.Accepted || l.Resolved == 0 {
				t.Errorf("declared link: %+v", l)
			}
			if !r.Links[3].Accepted || r.Links[4].Accepted {
				t.Errorf("of two candidates, the one reaching persons wins: %+v %+v", r.Links[3], r.Links[4])
			}
		})
	}
}
