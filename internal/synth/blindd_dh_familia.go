package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/alcance-mx/alcance/taxonomy"
)

// DH_FAMILIA: the medical service of a manufacturing company keeps its
// workers' IMSS families in a dBase-era table whose columns all start with
// DH_ and are cut to ten characters: the employee number, the NSS with the
// agregado médico after a space in one field (12345678903 1M1985OR: the
// worker's NSS and the member's qualifier), names, the birth date as a
// YYYYMMDD integer, sex, relationship (T, E, H, P), the member's
// family-medicine unit as a three-digit number (027), the home address in
// one line, postal code, phone (the seven- or eight-digit local number for
// families registered before 2019) and CURP.
//
// DH_NSSAGR is [nss, health_enrollment] (doc.go); DH_UMF health_facility;
// DH_NOMB, DH_APEP and DH_APEM person_name; DH_FNAC birthdate; DH_DOMI
// address; DH_CODP postal_code; DH_TELE phone; DH_CURP curp; DH_NUMEMP,
// DH_SEXO and DH_PARENT none.
func bdBuildDHFamilia(p *Pool, r *rand.Rand) *Table {
	type member struct {
		person int32
		rel    uint8 // 1 worker, 2 spouse, 3 child, 4 parent
		emp    int32
		form   CURPForm
	}
	today := p.Today()
	age := func(i int32) int { return bdAge(p.Birth(i), today) }
	used := map[int32]bool{}
	draw := func(ok func(int32) bool) int32 {
		for range 80 {
			i := int32(r.IntN(p.Len()))
			if !used[i] && ok(i) {
				used[i] = true
				return i
			}
		}
		return -1
	}
	workers := bdPeople(p, r, 15, 18, 62, 0)
	for _, i := range workers {
		used[i] = true
	}
	var plan []member
	form := func() CURPForm {
		switch n := r.IntN(1000); {
		case n < 60:
			return CURPNull
		case n < 80:
			return CURPPlaceholder
		case n < 90:
			return CURPTypo
		}
		return CURPValid
	}
	for k, i := range workers {
		emp := int32(k + 1)
		plan = append(plan, member{i, 1, emp, form()})
		a := age(i)
		if chance(r, 600) {
			if s := draw(func(j int32) bool { d := age(j) - a; return age(j) >= 18 && d >= -10 && d <= 10 }); s >= 0 {
				plan = append(plan, member{s, 2, emp, form()})
			}
		}
		for range between(r, 0, 3) {
			if c := draw(func(j int32) bool { return age(j) <= min(a-17, 24) }); c >= 0 {
				plan = append(plan, member{c, 3, emp, form()})
			}
		}
		if chance(r, 80) {
			if m := draw(func(j int32) bool { return age(j) >= a+17 }); m >= 0 {
				plan = append(plan, member{m, 4, emp, form()})
			}
		}
	}
	t := &Table{
		Name:  "DH_FAMILIA",
		Style: "company-medical-service-dbase",
		Rows:  len(plan),
		Columns: legacy([]Column{
			col("DH_NUMEMP", Char(6)),
			col("DH_NSSAGR", Char(20), taxonomy.NSS, taxonomy.HealthEnrollment),
			col("DH_NOMB", Char(30), taxonomy.PersonName),
			col("DH_APEP", Char(20), taxonomy.PersonName),
			col("DH_APEM", Char(20), taxonomy.PersonName),
			col("DH_FNAC", Integer, taxonomy.Birthdate),
			col("DH_SEXO", Char(1)),
			col("DH_PARENT", Char(1)),
			col("DH_UMF", Char(3), taxonomy.HealthFacility),
			col("DH_DOMI", Char(60), taxonomy.Address),
			col("DH_CODP", Char(5), taxonomy.PostalCode),
			col("DH_TELE", Char(12), taxonomy.Phone),
			col("DH_CURP", Char(18), taxonomy.CURP),
		}),
	}
	for _, m := range plan {
		if m.form == CURPValid {
			t.Persons = append(t.Persons, m.person)
		}
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		var nss, umf, dom, cp, tel string
		var local bool
		for _, m := range plan {
			ps := p.Person(m.person)
			if m.rel == 1 {
				nss = bdNSS(r, ps.Birth, min(ps.Birth.Year()+between(r, 17, 28), today.Year()-1))
				umf = fmt.Sprintf("%03d", between(r, 1, 190))
				a := ps.Address
				dom = bdCut(plain(a.StreetLine()+" "+a.SettlementType+" "+a.Colonia), 60)
				cp = a.PostalCode
				local = chance(r, 500)
				tel = ps.Phone
				if local {
					tel = bdLocal(r, ps.Phone)
				}
			}
			regime := "OR"
			if bdAge(ps.Birth, today) >= 60 && chance(r, 300) {
				regime = "PE"
			}
			agr := nss + " " + bdAgregado(int(m.rel), ps.Sex, ps.Birth.Year(), regime)
			fnac, _ := strconv.ParseInt(ps.Birth.Format("20060102"), 10, 64)
			var fn any = fnac
			if chance(r, 10) {
				fn = int64(0)
			}
			row := []any{
				padChar(fmt.Sprintf("%06d", 100000+int(m.emp)*13%900000), 6), padChar(agr, 20),
				padChar(bdCut(mojibake(r, plain(ps.Nombre), 60), 30), 30), padChar(bdCut(plain(ps.Paterno), 20), 20),
				bdCharOrNil(bdMaterno(ps), 20), fn, sexCode(ps.Sex, "M", "F", "X"), string("TEHP"[m.rel-1]),
				umf, padChar(dom, 60), cp, padChar(tel, 12), bdCharOrNil(curpCell(r, m.form, ps.CURP, today), 18),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bdCharOrNil pads a text cell to a CHAR width and keeps NULL.
func bdCharOrNil(v any, n int) any {
	if s, ok := v.(string); ok {
		return padChar(bdCut(s, n), n)
	}
	return v
}
