package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/alcance-mx/alcance/taxonomy"
)

// LISTA_NOMINAL: a copy of an electoral register (lista nominal) as an
// old dBase/Excel system kept it: column names truncated (CVE_ELEC, AP_PAT,
// F_NAC, DOMIC), fixed-width upper-case text without accents, names cut to
// twenty characters, the birthdate as an Excel serial integer (1900
// system), the postal code as an INTEGER that lost its leading zero, and
// the electoral section (SECC), four digits that are not a category. Rows
// are sorted by section and surname, as printed lists are. Only adults
// born in Mexico are listed: the voter key needs the INEGI key of the
// birth state, and the code for people born abroad is unknown (reference
// §4.1). The register has no CURP column, so it adds no persons to the
// count. Mess: a few blank keys, serial 1 (Excel's 1900-01-01) for unknown
// birthdates, Ñ as ¥ or Ã‘.
func buildListaNominal(p *Pool, r *rand.Rand) *Table {
	type voter struct {
		person int32
		secc   uint16
		noKey  bool // CVE_ELEC left blank
		noDate bool // F_NAC is serial 1, Excel's 1900-01-01: unknown
	}
	var plan []voter
	keep := func(i int32) bool { return !p.BornAbroad(i) && ageAt(p.Birth(i), p.Today()) >= 18 }
	for _, i := range p.Sample(r, 350, keep) {
		// sections cluster by municipality, as they do on the map
		m := int(p.people[i].muni)
		plan = append(plan, voter{i, uint16(1 + (m*37)%4800 + r.IntN(120)), chance(r, 8), chance(r, 5)})
	}
	names := loadNames()
	slices.SortStableFunc(plan, func(a, b voter) int {
		pa, pb := &p.people[a.person], &p.people[b.person]
		return cmp.Or(cmp.Compare(a.secc, b.secc),
			cmp.Compare(names.surnames[pa.paterno], names.surnames[pb.paterno]),
			cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:  "LISTA_NOMINAL",
		Style: "electoral-register-legacy",
		Rows:  len(plan),
		Columns: legacy([]Column{
			col("CVE_ELEC", Char(18), taxonomy.VoterKey),
			col("NOMBRE", Char(20), taxonomy.PersonName),
			col("AP_PAT", Char(20), taxonomy.PersonName),
			col("AP_MAT", Char(20), taxonomy.PersonName),
			col("F_NAC", Integer, taxonomy.Birthdate),
			col("SEXO", Char(1)),
			col("SECC", Char(4)),
			col("DOMIC", Char(60), taxonomy.Address),
			col("CP", Integer, taxonomy.PostalCode),
		}),
	}
	for _, v := range plan {
		ps := p.Person(v.person)
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Address, taxonomy.PostalCode)
		if !v.noKey {
			holds |= Cats(taxonomy.VoterKey)
		}
		if !v.noDate {
			holds |= Cats(taxonomy.Birthdate)
			// names longer than their twenty-character fields are cut
			if fits(plain(ps.Nombre), 20) && fits(plain(ps.Paterno), 20) && fits(plain(ps.Materno), 20) {
				ident = IdentNameBirth
			}
		}
		t.subject(v.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, v := range plan {
			ps := p.Person(v.person)
			key := voterKey(r, ps)
			if v.noKey {
				key = ""
			}
			text := func(s string, n int) string { return padChar(mojibakeFit(r, plain(s), 40, n), n) }
			serial := excelSerial(ps.Birth)
			if v.noDate {
				serial = 1 // Excel's 1900-01-01: unknown
			}
			cp, _ := strconv.Atoi(ps.Address.PostalCode)
			row := []any{
				padChar(key, 18),
				text(ps.Nombre, 20),
				text(ps.Paterno, 20),
				text(ps.Materno, 20),
				serial,
				sexCode(ps.Sex, "H", "M", "X"),
				fmt.Sprintf("%04d", v.secc),
				padChar(mojibake(r, ps.Address.LegacyLine(r), 40), 60),
				int64(cp),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
