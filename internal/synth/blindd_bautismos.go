package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/alcance-mx/alcance/taxonomy"
)

// libro_bautismos: a parish's baptism books, captured into a small
// database, one row per entry (libro, foja, partida): the child's given
// names and surnames, the birth date written out in words (21 DE MARZO DE
// 2012), the place of birth, the baptism date, the parents, the
// godparents and the priest (PBRO. ...), and a margin note. The children
// are pool members; their parents and godparents are named in the books
// only, and parents give names that are also countries (GRECIA, ITALIA,
// ARGENTINA, ISRAEL, AMERICA...) to themselves as much as to anyone.
//
// The child's names, the parents, godparents and priest are person_name;
// fecha_nacimiento birthdate; the book references, place of birth (a
// municipality), baptism date and margin note none.
func bdBuildBautismos(p *Pool, r *rand.Rand) *Table {
	type entry struct {
		person int32
		day    int32 // baptism
	}
	today := p.Today()
	var plan []entry
	for _, i := range bdPeople(p, r, 100, 0, 16, 0) {
		b := p.Birth(i)
		day := bdDay(r, b.AddDate(0, 1, 0), b.AddDate(3, 0, 0))
		if !day.Before(today) {
			continue
		}
		plan = append(plan, entry{i, timeDay(day)})
	}
	bdSortBy(plan, func(e entry) int64 { return int64(e.day) })
	priests := []string{"PBRO. " + bdDrawName(r, 'H').Full(), "PBRO. " + bdDrawName(r, 'H').Full(), "FR. " + bdDrawName(r, 'H').Full(),
		"PBRO. " + bdDrawName(r, 'H').Full()}
	t := &Table{
		Name:  "libro_bautismos",
		Style: "parish-baptism-register",
		Rows:  len(plan),
		Columns: []Column{
			col("libro", Integer),
			col("foja", Integer),
			col("partida", Integer),
			col("nombre_bautizado", Varchar(50), taxonomy.PersonName),
			col("apellidos_bautizado", Varchar(60), taxonomy.PersonName),
			col("fecha_nacimiento", Varchar(30), taxonomy.Birthdate),
			col("lugar_nacimiento", Varchar(80)),
			col("fecha_bautismo", Date),
			col("padre", Varchar(90), taxonomy.PersonName),
			col("madre", Varchar(90), taxonomy.PersonName),
			col("padrino", Varchar(90), taxonomy.PersonName),
			col("madrina", Varchar(90), taxonomy.PersonName),
			col("ministro", Varchar(90), taxonomy.PersonName),
			col("nota_marginal", Varchar(120)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		person := func(sex byte, surname string) string {
			n := bdDrawName(r, sex)
			if chance(r, 200) {
				n.Nombre = pick(r, bdCountryNames[sex])
				if chance(r, 300) {
					n.Nombre += " " + bdDrawName(r, sex).Nombre
				}
			}
			if surname != "" {
				n.Paterno = surname
			}
			return n.Full()
		}
		for k, e := range plan {
			ps := p.Person(e.person)
			bap := dayTime(e.day)
			birth := fmt.Sprintf("%d DE %s DE %d", ps.Birth.Day(), strings.ToUpper(bdMonthNames[ps.Birth.Month()-1]), ps.Birth.Year())
			var father any = person('H', plain(ps.Paterno))
			if ps.Materno == "" || chance(r, 60) {
				father = nil // a single mother: the child carries her surname
			}
			mother := person('M', plain(ps.Materno))
			if father == nil {
				mother = person('M', plain(ps.Paterno))
			}
			var note any
			if chance(r, 150) && bdAge(ps.Birth, today) >= 8 {
				c := bdDay(r, ps.Birth.AddDate(8, 0, 0), today.AddDate(0, 0, -1))
				note = fmt.Sprintf("CONFIRMADO EN ESTA PARROQUIA EL %d DE %s DE %d", c.Day(), strings.ToUpper(bdMonthNames[c.Month()-1]), c.Year())
			}
			row := []any{int64(40 + k/600), int64(k%600/3 + 1), int64(k%3 + 1), plain(ps.Nombre),
				plain(joinNonEmpty(ps.Paterno, ps.Materno)), birth, plain(ps.Address.Municipality), bap,
				father, mother, person('H', ""), person('M', ""), pick(r, priests), note}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var (
	bdMonthNames   = [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}
	bdCountryNames = map[byte][]string{
		'M': {"GRECIA", "ITALIA", "ARGENTINA", "AMERICA", "FRANCIA", "INDIA", "CHINA", "HOLANDA"},
		'H': {"ISRAEL", "ISRAEL", "SALVADOR"},
	}
)
