package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/alcance-mx/alcance/taxonomy"
)

// derechohabientes_umf: an IMSS family-medicine unit's roll of the people
// entitled to care, one row per person: the insured worker and their
// beneficiaries (spouse, children, parents). Every member of a family
// carries the worker's NSS; the agregado médico tells them apart: the
// relationship digit, M or F, the birth year and the regime (1M1957OR;
// PE for pensioners; docs/mexico-identifiers.md §3.3).
//
// NSS is nss; AGREGADO is health_enrollment (doc.go: it qualifies the NSS
// for one beneficiary; it holds a birth year, not a birthdate); CURP,
// names and FEC_NAC carry their categories; UMF, the unit the person is
// assigned to, follows them: health_facility. PARENTESCO, CONSULTORIO,
// TURNO, the registration date, VIGENCIA and DELEGACION get none.
func r4BuildDerechohabientes(p *Pool, r *rand.Rand) *Table {
	type member struct {
		person int32
		rel    uint8 // 1 titular, 2 spouse, 3 child, 4 parent
		family int32 // index of the titular's row
		form   CURPForm
	}
	today := p.Today()
	age := func(i int32) int { return ageAt(p.Birth(i), today) }
	used := map[int32]bool{}
	draw := func(ok func(i int32) bool) int32 {
		for range 60 {
			i := int32(r.IntN(p.Len()))
			if !used[i] && ok(i) {
				used[i] = true
				return i
			}
		}
		return -1
	}
	var plan []member
	titulares := r4Aged(p, r, 20, 18, 85, 0)
	for _, i := range titulares {
		used[i] = true
	}
	for _, i := range titulares {
		head := int32(len(plan))
		plan = append(plan, member{i, 1, head, curpForm(r, 10, 15, 5)})
		a := age(i)
		if chance(r, 550) {
			if s := draw(func(j int32) bool { return age(j) >= 18 && r4Abs(age(j)-a) <= 12 }); s >= 0 {
				plan = append(plan, member{s, 2, head, curpForm(r, 20, 20, 5)})
			}
		}
		if a >= 20 {
			for range between(r, 0, 3) {
				if c := draw(func(j int32) bool { return age(j) < min(a-16, 25) }); c >= 0 {
					plan = append(plan, member{c, 3, head, curpForm(r, 30, 25, 5)})
				}
			}
		}
		if a <= 55 && chance(r, 100) {
			if m := draw(func(j int32) bool { return age(j) >= a+16 }); m >= 0 {
				plan = append(plan, member{m, 4, head, curpForm(r, 40, 40, 10)})
			}
		}
	}
	// the worker's unit: a family-medicine unit of their state
	var umfs []int
	for k, f := range p.Facilities() {
		if f.Type == "UMF" {
			umfs = append(umfs, k)
		}
	}
	t := &Table{
		Name:  "derechohabientes_umf",
		Style: "imss-beneficiaries",
		Rows:  len(plan),
		Columns: []Column{
			col("NSS", Char(11), taxonomy.NSS),
			col("AGREGADO", Char(8), taxonomy.HealthEnrollment),
			col("CURP", Char(18), taxonomy.CURP),
			col("PATERNO", Varchar(30), taxonomy.PersonName),
			col("MATERNO", Varchar(30), taxonomy.PersonName),
			col("NOMBRE", Varchar(40), taxonomy.PersonName),
			col("FEC_NAC", Date, taxonomy.Birthdate),
			col("SEXO", Char(1)),
			col("PARENTESCO", Varchar(12)),
			col("UMF", Varchar(12), taxonomy.HealthFacility),
			col("CONSULTORIO", Integer),
			col("TURNO", Char(1)),
			col("FEC_ALTA", Date),
			col("VIGENCIA", Varchar(8)),
			col("DELEGACION", Varchar(40)),
		},
	}
	for _, m := range plan {
		if m.form == CURPValid {
			t.Persons = append(t.Persons, m.person)
		}
	}
	fs := p.Facilities()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		var nss, regime, umf, turno, deleg string
		var consultorio int64
		for _, m := range plan {
			ps := p.Person(m.person)
			if m.rel == 1 {
				reg := ps.Birth.Year() + between(r, 16, 30)
				reg = min(reg, today.Year()-1)
				nss = r4NSS(r, ps.Birth, reg)
				regime = "OR"
				if ageAt(ps.Birth, today) >= 60 && chance(r, 450) {
					regime = "PE"
				}
				umf = fmt.Sprintf("UMF %d", between(r, 1, 190))
				if len(umfs) > 0 {
					f := fs[pick(r, umfs)]
					umf = "UMF " + strings.TrimPrefix(f.Name, "UNIDAD DE MEDICINA FAMILIAR NO. ")
				}
				consultorio, turno = int64(between(r, 1, 24)), pick(r, []string{"M", "V"})
				deleg = strings.ToUpper(plain(ps.Address.StateName))
			}
			var materno any = plain(ps.Materno)
			if ps.Materno == "" {
				materno = nil
			}
			rel := []string{"", "TITULAR", "", "", ""}[m.rel]
			switch m.rel {
			case 2:
				rel = sexCode(ps.Sex, "ESPOSO", "ESPOSA", "CONYUGE")
			case 3:
				rel = sexCode(ps.Sex, "HIJO", "HIJA", "HIJE")
			case 4:
				rel = sexCode(ps.Sex, "PADRE", "MADRE", "ASCENDIENTE")
			}
			alta := r4DayBetween(r, ps.Birth, today)
			vig := "VIGENTE"
			if chance(r, 80) {
				vig = "BAJA"
			}
			row := []any{nss, r4Agregado(int(m.rel), ps.Sex, ps.Birth.Year(), regime), curpCell(r, m.form, ps.CURP, today),
				plain(ps.Paterno), materno, plain(ps.Nombre), ps.Birth, sexCode(ps.Sex, "H", "M", "X"), rel,
				umf, consultorio, turno, alta, vig, deleg}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

func r4Abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
