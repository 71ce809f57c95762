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

// crm_contacts: a private clinic's patient contacts exported from a CRM
// (evaluation style): English camelCase column names, names in title case
// with accents (lastName holds both surnames), the birthdate as ISO text,
// mobile numbers in international and pre-2019 forms (+52 1 55 1234 5678,
// 044 55...), the address in title case over street, neighborhood, city,
// state and zipCode, the patient's private health insurance, a payment
// card kept "for recurring charges", and an RFC for invoices.
//
// Labels:
//   - person_name: firstName, lastName. birthdate: birthDate.
//     address: street and neighborhood (a colonia is part of a residence,
//     doc.go). postal_code: zipCode. phone: mobilePhone. email: email.
//   - health_enrollment: insuranceProvider and insurancePolicy. The
//     taxonomy's health_enrollment covers policy numbers and the programme
//     a person is enrolled in; a private medical-expenses insurer is the
//     private counterpart of the public programmes it lists.
//   - credit_card: creditCard, 16-digit Visa, Mastercard and Carnet
//     numbers passing Luhn; about 8% are masked (XXXX-XXXX-XXXX-1234),
//     which are not card numbers but do not change the column's label.
//   - rfc: taxId holds the patient's personal RFC in about 30% of rows;
//     the rest is the SAT's generic XAXX010101000 (público en general,
//     reference §2.3: not a person) or NULL.
//   - no label: contactId (a CRM record id), gender, city and state
//     (places), createdAt, lastAppointment (not births), leadSource,
//     marketingOptIn.
//
// Mess: birthdates 0000-00-00 (MySQL's zero date) and 1900-01-01;
// upper-case e-mails; zipCode written "C.P. 06700".
func buildEvalCRM(p *Pool, r *rand.Rand) *Table {
	type contact struct {
		person  int32
		created int64 // seconds since the CRM went live
		facts   crmFacts
	}
	today := p.Today()
	live := today.AddDate(-6, 0, 0)
	span := int64(today.Sub(live).Seconds()) - 86400
	var plan []contact
	for _, i := range p.Sample(r, 70, func(i int32) bool {
		return !p.Birth(i).AddDate(18, 0, 0).After(live)
	}) {
		plan = append(plan, contact{i, r.Int64N(span), drawCRMFacts(r)})
	}
	slices.SortStableFunc(plan, func(a, b contact) int {
		return cmp.Or(cmp.Compare(a.created, b.created), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:  "crm_contacts",
		Style: "crm-export",
		Rows:  len(plan),
		Columns: []Column{
			col("contactId", Varchar(18)),
			col("firstName", Varchar(60), taxonomy.PersonName),
			col("lastName", Varchar(80), taxonomy.PersonName),
			col("birthDate", Varchar(10), taxonomy.Birthdate),
			col("gender", Varchar(12)),
			col("email", Varchar(100), taxonomy.Email),
			col("mobilePhone", Varchar(24), taxonomy.Phone),
			col("street", Varchar(120), taxonomy.Address),
			col("neighborhood", Varchar(80), taxonomy.Address),
			col("city", Varchar(80)),
			col("state", Varchar(40)),
			col("zipCode", Varchar(10), taxonomy.PostalCode),
			col("insuranceProvider", Varchar(40), taxonomy.HealthEnrollment),
			col("insurancePolicy", Varchar(24), taxonomy.HealthEnrollment),
			col("creditCard", Varchar(19), taxonomy.CreditCard),
			col("taxId", Varchar(13), taxonomy.RFC),
			col("createdAt", Timestamp),
			col("lastAppointment", Date),
			col("leadSource", Varchar(20)),
			col("marketingOptIn", Integer),
		},
	}
	for _, c := range plan {
		// firstName and lastName hold the whole name
		f := c.facts
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Email, taxonomy.Phone, taxonomy.Address,
			taxonomy.PostalCode)
		if f.birth == 0 {
			ident, holds = IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		if f.insured {
			holds |= Cats(taxonomy.HealthEnrollment)
		}
		if f.card == 2 {
			holds |= Cats(taxonomy.CreditCard)
		}
		if f.rfc {
			holds |= Cats(taxonomy.RFC)
		}
		t.subject(c.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, c := range plan {
			ps := p.Person(c.person)
			a := ps.Address
			created := live.Add(time.Duration(c.created) * time.Second)

			var birth any = ps.Birth.Format("2006-01-02")
			switch c.facts.birth {
			case 1:
				birth = nil
			case 2:
				birth = "1900-01-01"
			case 3:
				birth = "0000-00-00"
			}
			var gender any = "Female"
			switch ps.Sex {
			case 'H':
				gender = "Male"
			case 'X':
				gender = "Non-binary"
			}
			if chance(r, 100) {
				gender = nil
			}
			var email any = ps.Email
			if ps.Email == "" {
				email = evContactEmail(r, ps)
			}
			switch n := r.IntN(100); {
			case n < 8:
				email = nil
			case n < 11:
				email = strings.ToUpper(email.(string))
			}
			street := titleCase(a.StreetType + " " + a.Street)
			switch {
			case a.Block > 0:
				street += fmt.Sprintf(" Mz. %d Lt. %d", a.Block, a.Lot)
			case a.Number == 0:
				street += " S/N"
			default:
				street += " " + a.NumberText()
			}
			if a.Interior > 0 {
				street += fmt.Sprintf(", Int. %d", a.Interior)
			}
			var zip any = a.PostalCode
			switch n := r.IntN(100); {
			case n < 8:
				zip = nil
			case n < 12:
				zip = "C.P. " + a.PostalCode
			}
			var provider, policy any
			if c.facts.insured {
				k := r.IntN(len(evInsurers))
				provider, policy = evInsurers[k], evPolicy(r, k)
			}
			var card any
			switch c.facts.card {
			case 1:
				card = "XXXX-XXXX-XXXX-" + evCard(r)[12:]
			case 2:
				card = evCardText(r, evCard(r))
			}
			var tax any
			switch {
			case c.facts.rfc:
				tax = evPersonRFC(ps)
			case c.facts.generic:
				tax = "XAXX010101000"
			}
			var last any
			if chance(r, 850) {
				from := timeDay(created) + 1
				last = dayTime(from + int32(r.IntN(max(1, int(timeDay(today)-from)))))
			}
			row := []any{
				evContactID(r),
				titleCase(ps.Nombre),
				titleCase(joinNonEmpty(ps.Paterno, ps.Materno)),
				birth,
				gender,
				email,
				evMobile(r, ps.Phone),
				street,
				titleCase(a.SettlementType + " " + a.Colonia),
				titleCase(a.Municipality),
				titleCase(a.StateName),
				zip,
				provider,
				policy,
				card,
				tax,
				created,
				last,
				pick(r, []string{"Facebook", "Google Ads", "Referido", "Walk-in", "Instagram", "Sitio web"}),
				int64(r.IntN(2)),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// crmFacts are what a contact's row holds, drawn with the plan so that
// the truth of the person figures knows them.
type crmFacts struct {
	birth        uint8 // 0 the date, 1 NULL, 2 1900-01-01, 3 0000-00-00
	insured      bool
	card         uint8 // 0 none, 1 masked, 2 the number
	rfc, generic bool  // taxId: the person's RFC, or XAXX010101000
}

func drawCRMFacts(r *rand.Rand) crmFacts {
	var f crmFacts
	switch n := r.IntN(100); {
	case n < 12:
		f.birth = 1
	case n < 14:
		f.birth = 2
	case n < 16:
		f.birth = 3
	}
	f.insured = chance(r, 550)
	switch n := r.IntN(100); {
	case n < 25:
	case n < 33:
		f.card = 1
	default:
		f.card = 2
	}
	switch n := r.IntN(100); {
	case n < 30:
		f.rfc = true
	case n < 75:
		f.generic = true
	}
	return f
}

// evContactID is an 18-character CRM record id: a key prefix, the
// instance, zeros, and a base-62 tail.
func evContactID(r *rand.Rand) string {
	const b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b := []byte("0035g00000")
	for len(b) < 18 {
		b = append(b, b62[r.IntN(len(b62))])
	}
	return string(b)
}

// evContactEmail is an address for a contact the pool gives none.
func evContactEmail(r *rand.Rand, ps Person) string {
	g, pa := emailWord(firstWord(ps.Nombre)), emailWord(firstWord(ps.Paterno))
	domain := pick(r, []string{"gmail.com", "gmail.com", "hotmail.com", "icloud.com", "outlook.es", "live.com.mx", "prodigy.net.mx"})
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("%s.%s%d@%s", g, pa, between(r, 1, 99), domain)
	case 1:
		return fmt.Sprintf("%s%s@%s", g[:1], pa, domain)
	}
	return fmt.Sprintf("%s_%s%02d@%s", pa, g, ps.Birth.Year()%100, domain)
}

// evMobile writes a ten-digit number the ways a CRM collects them: with
// the country code and the pre-2019 mobile 1, or the old 044 prefix.
func evMobile(r *rand.Rand, d string) string {
	l := 3
	if d[:2] == "55" || d[:2] == "56" || d[:2] == "33" || d[:2] == "81" {
		l = 2
	}
	lada, rest := d[:l], d[l:]
	half := len(rest) - 4
	switch n := r.IntN(100); {
	case n < 35:
		return "+52 1 " + lada + " " + rest[:half] + " " + rest[half:]
	case n < 50:
		return "+521" + d
	case n < 65:
		return "+52 (" + lada + ") " + rest[:half] + "-" + rest[half:]
	case n < 75:
		return "044 " + lada + " " + rest[:half] + " " + rest[half:]
	case n < 85:
		return lada + "." + rest[:half] + "." + rest[half:]
	}
	return "(" + lada + ") " + rest[:half] + " " + rest[half:]
}

// evCardText writes a card number plain, in groups of four, or dashed.
func evCardText(r *rand.Rand, n string) string {
	switch k := r.IntN(100); {
	case k < 60:
		return n
	case k < 85:
		return n[:4] + " " + n[4:8] + " " + n[8:12] + " " + n[12:]
	}
	return n[:4] + "-" + n[4:8] + "-" + n[8:12] + "-" + n[12:]
}

// evInsurers are private medical-expenses insurers.
var evInsurers = []string{"GNP Seguros", "AXA Seguros", "MetLife México", "Mapfre", "Allianz", "Seguros Monterrey New York Life", "BUPA", "Plan Seguro"}

// evPolicy is a policy number in the insurer's own shape (synthetic).
func evPolicy(r *rand.Rand, k int) string {
	switch k {
	case 0:
		return fmt.Sprintf("GMM-%08d", r.IntN(100_000_000))
	case 1:
		return fmt.Sprintf("AXA-%04d-%06d", r.IntN(10000), r.IntN(1_000_000))
	case 2:
		return fmt.Sprintf("ML%09d", r.IntN(1_000_000_000))
	case 3:
		return fmt.Sprintf("MAP/%07d/%02d", r.IntN(10_000_000), between(r, 1, 12))
	case 4:
		return fmt.Sprintf("AZ-%08d", r.IntN(100_000_000))
	case 5:
		return fmt.Sprintf("SMNYL%08d", r.IntN(100_000_000))
	case 6:
		return fmt.Sprintf("BUPA %06d", r.IntN(1_000_000))
	}
	return fmt.Sprintf("PS%010d", r.Int64N(10_000_000_000))
}
