package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// padron_contribuyentes: a state treasury's register of taxpayers (payroll
// tax, lodging tax, vehicle holders), one row per taxpayer in
// registration order. Personas físicas (about 60% of the rows) and
// personas morales (about 40%) share the same columns, as the SAT's
// constancia does: rfc holds 13-character personal RFCs (about 1.5% with
// a check character that fails, as in real data) and 12-character
// company RFCs, some padded to 13 with a leading space as SAT layouts do;
// nombre_o_razon_social holds the person's full name (spoken or registry
// order) or the razón social (FARMACIAS LOPEZ SA DE CV, S.A. DE C.V.,
// S. DE R.L. DE C.V., S.C.); domicilio_fiscal is the person's home or the
// company's office as a one-line address; cp, telefono and email are the
// person's own or the company's (a switchboard, facturacion@...). The
// registration date is not a birthdate.
//
// Labels: the columns carry the personal categories (rfc, person_name,
// address, postal_code, phone, email) because persons are the majority of
// their values, far above the 5% share that makes a mixed column a
// finding (doc.go): a breach of the register exposes those persons. The
// company values in the same columns are in the column but are not
// values, as placeholders are. No CURP column: no persons counted.
func buildPadronContribuyentes(p *Pool, r *rand.Rand) *Table {
	type taxpayer struct {
		person int32 // -1 for a company
		alta   int32 // day of registration
		rfc    uint8 // a person's: 0 their RFC, 1 NULL, 2 a wrong check character
	}
	start := timeDay(time.Date(1998, 1, 1, 0, 0, 0, 0, time.UTC))
	today := timeDay(p.Today())
	adult := func(i int32) bool { return ageAt(p.Birth(i), p.Today()) >= 18 }
	var plan []taxpayer
	for _, i := range p.Sample(r, 50, adult) {
		from := max(start, timeDay(p.Birth(i).AddDate(18, 0, 0)))
		tp := taxpayer{person: i, alta: from + int32(r.IntN(max(1, int(today-from))))}
		switch n := r.IntN(1000); {
		case n < 8:
			tp.rfc = 1
		case n < 23:
			tp.rfc = 2
		}
		plan = append(plan, tp)
	}
	for range len(plan) * 2 / 3 {
		plan = append(plan, taxpayer{person: -1, alta: start + int32(r.IntN(int(today-start)))})
	}
	slices.SortStableFunc(plan, func(a, b taxpayer) int {
		return cmp.Or(cmp.Compare(a.alta, b.alta), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:       "padron_contribuyentes",
		Style:      "state-tax-register",
		Rows:       len(plan),
		PrimaryKey: []string{"id_contribuyente"},
		Columns: []Column{
			col("id_contribuyente", Integer),
			col("rfc", Varchar(13), taxonomy.RFC),
			col("nombre_o_razon_social", Varchar(150), taxonomy.PersonName),
			col("domicilio_fiscal", Varchar(200), taxonomy.Address),
			col("cp", Char(5), taxonomy.PostalCode),
			col("telefono", Varchar(20), taxonomy.Phone),
			col("email", Varchar(80), taxonomy.Email),
			col("fecha_alta", Date),
		},
	}
	for _, tp := range plan {
		if tp.person < 0 {
			continue
		}
		// a name and an RFC without a birthdate identify no one by the
		// contract's rules (the RFC's date is not read as a birthdate)
		holds := Cats(taxonomy.PersonName, taxonomy.Address, taxonomy.PostalCode, taxonomy.Phone, taxonomy.Email)
		if tp.rfc != 1 {
			holds |= Cats(taxonomy.RFC)
		}
		t.subject(tp.person, IdentNone, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, tp := range plan {
			var row []any
			if tp.person >= 0 {
				row = taxpayerPersonRow(r, p.Person(tp.person), tp.rfc)
			} else {
				row = taxpayerCompanyRow(r)
			}
			row = append([]any{int64(k + 1)}, row...)
			row = append(row, dayTime(tp.alta))
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// taxpayerPersonRow is a persona física's rfc, name, address, postal code,
// phone and e-mail.
func taxpayerPersonRow(r *rand.Rand, ps Person, form uint8) []any {
	var rfc any = personRFC(ps)
	switch form {
	case 1:
		rfc = nil
	case 2:
		rfc = wrongRFCCheck(r, rfc.(string))
	}
	name := plain(ps.FullName())
	if chance(r, 500) {
		name = plain(ps.RegistryName())
	}
	var tel, email any
	if chance(r, 750) {
		tel = phoneText(r, ps.Phone)
	}
	if ps.Email != "" && chance(r, 850) {
		email = ps.Email
	}
	return []any{rfc, name, ps.Address.ExportLine(r), ps.Address.PostalCode, tel, email}
}

// Company legal forms as a tax register writes them, with and without dots.
var (
	taxCompanyForms = []string{
		"FARMACIAS %s", "GRUPO %s Y ASOCIADOS", "%s HERMANOS", "COMERCIALIZADORA %s %r",
		"CONSTRUCTORA %s", "TRANSPORTES %s %r", "HOTEL %r", "RESTAURANTE %s", "ABARROTES %s",
		"SERVICIOS INTEGRALES %r", "DISTRIBUIDORA %r", "INMOBILIARIA %s", "AGROPECUARIA %r",
		"AUTOPARTES %s", "DESPACHO CONTABLE %s",
	}
	taxLegalForms = []string{"SA DE CV", "SA DE CV", "S.A. DE C.V.", "S. DE R.L. DE C.V.", "S DE RL DE CV",
		"SAPI DE CV", "SC", "S.C."}
	companyMailboxes = []string{"facturacion", "contacto", "contabilidad", "ventas", "administracion"}
)

// taxpayerCompanyRow is a persona moral: a razón social, its 12-character
// RFC, its office address in a municipality where people live, and its
// switchboard and mailbox.
func taxpayerCompanyRow(r *rand.Rand) []any {
	t := loadNames()
	form := pick(r, taxCompanyForms)
	var args []any
	for i := 0; i+1 < len(form); i++ {
		if form[i] == '%' {
			if form[i+1] == 's' {
				args = append(args, plain(t.surnames[t.surDictIdx[t.surDict.pick(r)]]))
			} else {
				args = append(args, pick(r, regions))
			}
		}
	}
	base := fmt.Sprintf(strings.ReplaceAll(form, "%r", "%s"), args...)
	name := base + " " + pick(r, taxLegalForms)
	var rfc any = companyRFC(r, strings.NewReplacer(".", "", ",", "").Replace(name))
	if chance(r, 60) {
		rfc = " " + rfc.(string)
	}
	m := muniW.pick(r)
	a := randomAddress(r, m)
	st := &states[muniState(m)]
	phone := pick(r, st.ladas) + fmt.Sprint(between(r, 2, 9))
	for len(phone) < 10 {
		phone += fmt.Sprint(r.IntN(10))
	}
	var tel, email any
	if chance(r, 850) {
		tel = phoneText(r, phone)
	}
	if chance(r, 700) {
		domain := strings.ToLower(strings.Join(strings.Fields(plain(base)), ""))
		domain = strings.Map(func(c rune) rune {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				return c
			}
			return -1
		}, domain)
		if len(domain) > 24 {
			domain = domain[:24]
		}
		email = pick(r, companyMailboxes) + "@" + domain + pick(r, []string{".com.mx", ".com.mx", ".mx", ".com"})
	}
	return []any{rfc, name, a.ExportLine(r), a.PostalCode, tel, email}
}
