package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// actas_nacimiento: the civil registry's birth records since 1996, one
// row per child in registration order: the child's CURP (a few missing,
// placeholder or mistyped), name in three columns with accents, birthdate
// as DATE, sex, where and when registered, and the parents: the mother by
// name (NOMBRE PATERNO MATERNO) and, for most mothers of the pool, her
// CURP; the father by name only, absent when the child carries one
// surname. A mother whose CURP is written is identified by it (and her
// CURP's date is a birthdate: an identity kit with her name); a parent
// named without one identifies no one. Children born since 2008 are the
// minors of the corpus; the others are young adults.
//
// Keys: declared (PrimaryKey).
func buildInstActas(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	type acta struct {
		child          int32
		reg            int32
		form           CURPForm
		mother, father int32 // -1: not a person of the pool
		motherCURP     bool
	}
	since := timeDay(time.Date(1996, 1, 1, 0, 0, 0, 0, time.UTC))
	today := timeDay(p.Today())
	var plan []acta
	for _, i := range p.Sample(r, 500, func(i int32) bool { return p.people[i].birth >= since && !p.BornAbroad(i) }) {
		born := p.people[i].birth
		a := acta{child: i, reg: min(born+int32(r.IntN(120)), today-1), form: curpForm(r, 10, 10, 10),
			mother: -1, father: -1}
		if m := p.people[i].materno; m != 0 {
			a.mother = w.relative(p, r, i, m, 'M', 15, 45, true)
			a.father = w.relative(p, r, i, p.people[i].paterno, 'H', 18, 55, true)
		} else {
			a.mother = w.relative(p, r, i, p.people[i].paterno, 'M', 15, 45, true)
		}
		a.motherCURP = a.mother >= 0 && chance(r, 700)
		plan = append(plan, a)
	}
	slices.SortStableFunc(plan, func(a, b acta) int {
		return cmp.Or(cmp.Compare(a.reg, b.reg), cmp.Compare(a.child, b.child))
	})
	t := &Table{
		Name:        "actas_nacimiento",
		PrimaryKey:  []string{"id"},
		Style:       "civil-registry",
		Institution: instCivil,
		Rows:        len(plan),
		Columns: []Column{
			col("id", Integer),
			col("curp", Char(18), taxonomy.CURP),
			col("nombre", Varchar(60), taxonomy.PersonName),
			col("primer_apellido", Varchar(40), taxonomy.PersonName),
			col("segundo_apellido", Varchar(40), taxonomy.PersonName),
			col("fecha_nacimiento", Date, taxonomy.Birthdate),
			col("sexo", Char(1)),
			col("municipio_registro", Varchar(80)),
			col("fecha_registro", Date),
			col("nombre_madre", Varchar(100), taxonomy.PersonName),
			col("curp_madre", Char(18), taxonomy.CURP),
			col("nombre_padre", Varchar(100), taxonomy.PersonName),
		},
	}
	for _, a := range plan {
		// the child: full name and DATE birthdate in every row
		ident, holds := IdentNameBirth, Cats(taxonomy.PersonName, taxonomy.Birthdate)
		if a.form == CURPValid {
			t.Persons = append(t.Persons, a.child)
			ident, holds = ident|IdentCURP, holds|Cats(taxonomy.CURP)
		}
		t.subject(a.child, ident, holds)
		if a.mother >= 0 {
			if a.motherCURP {
				t.Persons = append(t.Persons, a.mother)
				t.subject(a.mother, IdentCURP, Cats(taxonomy.PersonName, taxonomy.CURP))
			} else {
				t.subject(a.mother, IdentNone, Cats(taxonomy.PersonName))
			}
		}
		if a.father >= 0 {
			t.subject(a.father, IdentNone, Cats(taxonomy.PersonName))
		}
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		names := loadNames()
		for k, a := range plan {
			ps := p.Person(a.child)
			var materno, madre, curpMadre, padre any = ps.Materno, nil, nil, nil
			if ps.Materno == "" {
				materno = nil
			}
			// a parent who is not in the pool still has a name
			made := func(surname string, sex byte) string {
				g, _ := names.drawGiven(r, sex)
				return plain(names.given[g] + " " + surname + " " + names.surnames[names.drawSurname(r, false)])
			}
			if a.mother >= 0 {
				m := p.Person(a.mother)
				madre = plain(m.FullName())
				if a.motherCURP {
					curpMadre = m.CURP
				}
			} else if ps.Materno != "" {
				madre = made(ps.Materno, 'M')
			} else {
				madre = made(ps.Paterno, 'M')
			}
			switch {
			case a.father >= 0:
				padre = plain(p.Person(a.father).FullName())
			case ps.Materno != "":
				padre = made(ps.Paterno, 'H')
			}
			row := []any{
				int64(k + 1),
				curpCell(r, a.form, ps.CURP, p.Today()),
				ps.Nombre,
				ps.Paterno,
				materno,
				ps.Birth,
				string(ps.Sex),
				ps.Address.Municipality,
				dayTime(a.reg),
				madre,
				curpMadre,
				padre,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
