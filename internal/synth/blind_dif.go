package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
)

// dif_integrantes_hogar: a state DIF social-assistance file, one row per
// member of an assisted household, the titular's CURP repeated on every
// row beside each member's own. Children are drawn, when the pool allows,
// among people sharing the titular's first surname.
//
// Labels:
//   - curp_titular, curp_integrante: curp. The titular's row repeats the
//     titular's CURP in curp_integrante. Placeholders, typos (the same
//     typo on every row of a household), NULLs and the fixture are not
//     persons; every valid CURP in either column is in Table.Persons.
//   - nombre_completo: person_name (registry order, MA./J. abbreviations,
//     mojibake).
//   - discapacidad: health_condition. A disability type (MOTRIZ, VISUAL,
//     AUDITIVA, INTELECTUAL, PSICOSOCIAL...) recorded per person is a
//     condition of that person in a row-per-person table (taxonomy:
//     "diagnosis, condition or treatment of a person"; doc.go: condition
//     flags). NINGUNA is an answer, as doc.go rules for allergies, and about
//     one member in six has a disability, so the column holds values.
//   - domicilio: address (the household's one-line address); cp: postal_code
//     (INTEGER, the CDMX leading zero lost).
//   - folio_hogar (a social programme's folio, not health), parentesco,
//     sexo, edad, lengua_indigena (ethnicity is no taxonomy category),
//     municipio (alone, not an address), fecha_estudio (date of the
//     socio-economic study, not a birth): none.

type blDIFMember struct {
	person int32
	rel    uint8 // blDIFRel index
	form   blForm
}

type blDIFHouse struct {
	titular int32
	tform   blForm
	first   int32 // index of its first member
	n       int32
	study   int32
}

var blDIFRel = []struct{ h, m string }{
	{"JEFE DE FAMILIA", "JEFA DE FAMILIA"}, {"CONYUGE", "CONYUGE"}, {"HIJO", "HIJA"},
	{"NIETO", "NIETA"}, {"PADRE", "MADRE"}, {"HERMANO", "HERMANA"},
}

var blDisabilities = []string{"MOTRIZ", "MOTRIZ", "VISUAL", "AUDITIVA", "INTELECTUAL", "PSICOSOCIAL",
	"DEL LENGUAJE", "MULTIPLE", "MOTRIZ Y VISUAL"}

func blBuildDIF(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	bySur := blSurnameIndex(p)
	var houses []blDIFHouse
	var members []blDIFMember
	var persons []int32
	cur := 0 // first member of the household being planned
	add := func(m blDIFMember) {
		for _, o := range members[cur:] {
			if o.person == m.person {
				return // drawn twice for one household
			}
		}
		members = append(members, m)
		if m.form == blValid {
			persons = append(persons, m.person)
		}
	}
	for _, t := range blSampleAge(p, r, 30, 22, 82) {
		a := blAgeOf(p, t)
		cur = len(members)
		h := blDIFHouse{titular: t, first: int32(cur), tform: blDrawForm(r, 20, 30, 15, 5)}
		add(blDIFMember{person: t, rel: 0, form: h.tform})
		if a < 75 && chance(r, 600) {
			if s := blFind(p, r, nil, max(18, a-12), a+8, t); s >= 0 {
				add(blDIFMember{person: s, rel: 1, form: blDrawForm(r, 25, 35, 15, 0)})
			}
		}
		kids := r.IntN(5)
		for range kids {
			lo, hi := 0, a-16
			if hi < 0 {
				break
			}
			rel := uint8(2)
			if a >= 50 && chance(r, 250) {
				rel, hi = 3, min(hi, a-36)
				if hi < 0 {
					continue
				}
			}
			if k := blFind(p, r, bySur[p.people[t].paterno], lo, hi, t); k >= 0 {
				add(blDIFMember{person: k, rel: rel, form: blDrawForm(r, 30, 60, 15, 0)})
			}
		}
		if a <= 55 && chance(r, 120) {
			if k := blFind(p, r, bySur[p.people[t].paterno], a+18, min(a+45, 98), t); k >= 0 {
				add(blDIFMember{person: k, rel: 4, form: blDrawForm(r, 40, 40, 15, 0)})
			}
		}
		if chance(r, 60) {
			if k := blFind(p, r, bySur[p.people[t].paterno], max(0, a-15), a+15, t); k >= 0 {
				add(blDIFMember{person: k, rel: 5, form: blDrawForm(r, 30, 40, 15, 0)})
			}
		}
		h.n = int32(len(members)) - h.first
		born := td - 2900 // the study came after every member was born
		for _, m := range members[h.first:] {
			born = max(born, p.people[m.person].birth)
		}
		h.study = blDay(r, born, td-3)
		houses = append(houses, h)
	}
	seed := r.Uint64()
	cols := []Column{
		col("folio_hogar", Varchar(14)),
		col("num_integrante", Integer),
		col("curp_titular", Char(18), "curp"),
		col("curp_integrante", Char(18), "curp"),
		col("nombre_completo", Varchar(60), "person_name"),
		col("parentesco", Varchar(20)),
		col("sexo", Char(1)),
		col("edad", Integer),
		col("discapacidad", Varchar(20), "health_condition"),
		col("lengua_indigena", Char(2)),
		col("domicilio", Varchar(90), "address"),
		col("cp", Integer, "postal_code"),
		col("municipio", Varchar(60)),
		col("fecha_estudio", Date),
	}
	return &Table{
		Name: "dif_integrantes_hogar", Style: "social-assistance-households", Columns: cols,
		Rows: len(members), Persons: persons,
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for hi, h := range houses {
				hr := blKeyRand(seed, hi)
				tp := p.Person(h.titular)
				tcurp := blCURPCell(hr, h.tform, tp.CURP, today, blCURPPlaceholders)
				home := tp.Address
				addr := home.LegacyLine(hr)
				cp, _ := strconv.ParseInt(home.PostalCode, 10, 64)
				folio := fmt.Sprintf("DIF%s-%06d", home.StateKey, hi+1+hr.IntN(40)*1000)
				indig := "NO"
				if chance(hr, 90) {
					indig = "SI"
				}
				for k := h.first; k < h.first+h.n; k++ {
					m := members[k]
					pe := p.Person(m.person)
					var curp any
					if k == h.first {
						curp = tcurp
					} else {
						curp = blCURPCell(rr, m.form, pe.CURP, today, blCURPPlaceholders)
					}
					rel := blDIFRel[m.rel].h
					if pe.Sex == 'M' {
						rel = blDIFRel[m.rel].m
					}
					age := blAge(pe.Birth, dayTime(h.study))
					dis := "NINGUNA"
					if chance(rr, 110+min(age, 90)*2) {
						dis = pick(rr, blDisabilities)
					}
					row := []any{
						folio, int64(k - h.first + 1), tcurp, curp,
						blCut(mojibake(rr, blPlainName(rr, pe.RegistryName()), 300), 60),
						rel, sexCode(pe.Sex, "H", "M", "X"), int64(age), dis, indig,
						blCut(addr, 90), cp, plain(home.Municipality), dayTime(h.study),
					}
					if !yield(row) {
						return
					}
				}
			}
		},
	}
}
