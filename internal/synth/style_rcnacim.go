package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"

	"github.com/alcance-mx/alcance/taxonomy"
)

// RCNACIM: a civil registry's birth records in a FoxPro/dBase system:
// upper-case names truncated to eight characters, everything stored as
// fixed-width text, dates packed as YYYYMMDD, sex coded 1/2 (3 for X),
// the birth state as its INEGI key, the address on one line with
// abbreviations, the parents by name. Text has no accents; a few Ñ are
// mojibake; empty CURPs are blanks, as dBase stores them. People born
// abroad are not in a Mexican birth registry.
func buildRCNacim(p *Pool, r *rand.Rand) *Table {
	type record struct {
		person int32
		reg    int32 // day of registration (FECREG)
		form   CURPForm
		abbrev bool // MARIA and JOSE written MA. and J. (abbreviateGiven)
		noDate bool // FECNAC is the sentinel 00000000
	}
	today := timeDay(p.Today())
	var plan []record
	for _, i := range p.Sample(r, 450, func(i int32) bool { return !p.BornAbroad(i) }) {
		born := timeDay(p.Birth(i))
		var delay int
		switch n := r.IntN(100); {
		case n < 75:
			delay = r.IntN(61)
		case n < 92:
			delay = between(r, 61, 3*365)
		default: // late registration
			delay = between(r, 3*365, 30*365)
		}
		reg := min(born+int32(delay), today-1)
		form := curpForm(r, 0, 35, 5)
		plan = append(plan, record{i, reg, form, chance(r, 150), chance(r, 3)})
	}
	slices.SortStableFunc(plan, func(a, b record) int {
		return cmp.Or(cmp.Compare(a.reg, b.reg), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:  "RCNACIM",
		Style: "civil-registry-legacy",
		Rows:  len(plan),
		Columns: legacy([]Column{
			col("CURP", Char(18), taxonomy.CURP),
			col("NOMCOMP", Char(50), taxonomy.PersonName),
			col("FECNAC", Char(8), taxonomy.Birthdate),
			col("SEXO", Char(1)),
			col("EDONAC", Char(2)),
			col("DOMICILIO", Char(60), taxonomy.Address),
			col("CP", Char(5), taxonomy.PostalCode),
			col("NOMPADRE", Char(50), taxonomy.PersonName),
			col("NOMMADRE", Char(50), taxonomy.PersonName),
			col("FECREG", Char(8)),
			col("OFICIALIA", Integer),
			col("LIBRO", Integer),
			col("ACTA", Integer),
		}),
	}
	for _, rec := range plan {
		ps := p.Person(rec.person)
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Address, taxonomy.PostalCode)
		if rec.form == CURPValid {
			t.Persons = append(t.Persons, rec.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !rec.noDate {
			holds |= Cats(taxonomy.Birthdate)
			// the full name, unless abbreviated or cut by the field
			if name := rcnacimName(ps, rec.abbrev); name == rcnacimName(ps, false) && fits(name, 50) {
				ident |= IdentNameBirth
			}
		}
		t.subject(rec.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		names := loadNames()
		for _, rec := range plan {
			ps := p.Person(rec.person)
			var curp string
			if rec.form == CURPPlaceholder {
				curp = padChar("", 18) // a blank dBase field
			} else {
				curp = curpCell(r, rec.form, ps.CURP, p.Today()).(string)
			}
			fecnac := yyyymmdd(ps.Birth)
			if rec.noDate {
				fecnac = "00000000"
			}
			sexo := sexCode(ps.Sex, "1", "2", "3")

			// Parents: the father gives the first surname, the mother the
			// second; one legal surname means no father on record.
			padre := ""
			mother := ps.Materno
			if ps.Materno != "" {
				g, _ := names.drawGiven(r, 'H')
				padre = ps.Paterno + " " + names.surnames[names.drawSurname(r, false)] + " " + names.given[g]
			} else {
				mother = ps.Paterno
			}
			g, _ := names.drawGiven(r, 'M')
			madre := mother + " " + names.surnames[names.drawSurname(r, false)] + " " + names.given[g]

			text := func(s string, n int) string { return padChar(mojibakeFit(r, plain(s), 30, n), n) }
			row := []any{
				curp,
				text(rcnacimName(ps, rec.abbrev), 50),
				fecnac,
				sexo,
				ps.BirthKey,
				padChar(mojibake(r, ps.Address.LegacyLine(r), 30), 60),
				ps.Address.PostalCode,
				text(padre, 50),
				text(madre, 50),
				yyyymmdd(dayTime(rec.reg)),
				int64(between(r, 1, 24)),
				int64(between(r, 1, 12)),
				int64(between(r, 1, 1999)),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// rcnacimName is NOMCOMP before padding: PATERNO MATERNO NOMBRE without
// accents, the given name maybe abbreviated.
func rcnacimName(ps Person, abbrev bool) string {
	nombre := plain(ps.Nombre)
	if abbrev {
		nombre = abbreviateGiven(nombre)
	}
	return plain(joinNonEmpty(ps.Paterno, ps.Materno, nombre))
}
