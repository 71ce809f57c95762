package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// clinic_patients_export: a private clinic in Mexico City exports its
// patients from a CRM made in the United States: English snake_case
// column names, names in title case split into given name and two family
// names, the birthdate as MM/DD/YYYY text (the foreign order; a value is
// unambiguous only when its day is over 12, and most are: see below), the
// gender in words, phones in international form (+52 55 1234 5678), a
// one-line home address, the postal code as text that keeps the leading
// zero of Mexico City codes, the insurer (private insurers and public
// schemes alike: the plan a person is enrolled in) with its policy
// number, the allergies as short text, and the last visit as a timestamp
// (not a birthdate). Patients live mostly in Mexico City and the State of
// Mexico. No CURP column: the table adds no persons to the count.
//
// So that a detector can learn the column's order from its values, the
// clinic's patients are drawn so that about nine in ten were born after
// the 12th of their month (a patient born on the 1st-12th is kept one time
// in seven): MM/DD/YYYY with a day over 12 cannot be read day-first.
func buildClinicCRM(p *Pool, r *rand.Rand) *Table {
	type patient struct {
		person int32
		visit  int32 // minutes since crmVisitsStart
		ins    int8  // index into crmInsurers, -1 self-pay
		noDOB  bool  // dob NULL
		noAlrg bool  // allergies NULL: the question was not asked
	}
	loadPlaces()
	cdmx, mex := 8, 14 // INEGI key - 1
	var plan []patient
	start := timeDay(crmVisitsStart)
	end := timeDay(p.Today()) - 1
	for i := range int32(p.Len()) {
		st := muniState(int(p.people[i].muni))
		perMille := 20
		switch st {
		case cdmx:
			perMille = 500
		case mex:
			perMille = 250
		}
		if !chance(r, perMille) {
			continue
		}
		if p.Birth(i).Day() <= 12 && !chance(r, 150) {
			continue
		}
		from := max(start, p.people[i].birth)
		day := from + int32(r.IntN(int(end-from)+1))
		pt := patient{person: i, visit: (day-start)*24*60 + int32(between(r, 8*60, 20*60-1)), ins: -1}
		if !chance(r, 150) {
			pt.ins = int8(crmInsurerW.pick(r))
		}
		pt.noDOB, pt.noAlrg = chance(r, 8), chance(r, 30)
		plan = append(plan, pt)
	}

	t := &Table{
		Name:       "clinic_patients_export",
		Style:      "private-clinic-crm",
		Rows:       len(plan),
		PrimaryKey: []string{"patient_id"},
		Columns: []Column{
			col("patient_id", Varchar(12)),
			col("given_name", Varchar(60), taxonomy.PersonName),
			col("family_name", Varchar(40), taxonomy.PersonName),
			col("second_family_name", Varchar(40), taxonomy.PersonName),
			col("dob", Varchar(10), taxonomy.Birthdate),
			col("gender", Varchar(8)),
			col("email_address", Varchar(80), taxonomy.Email),
			col("cell_phone", Varchar(20), taxonomy.Phone),
			col("home_address", Varchar(160), taxonomy.Address),
			col("postal_code", Varchar(10), taxonomy.PostalCode),
			col("insurer", Varchar(24), taxonomy.HealthEnrollment),
			col("policy_number", Varchar(20), taxonomy.HealthEnrollment),
			col("allergies", Varchar(60), taxonomy.HealthCondition),
			col("last_visit", Timestamp),
		},
	}
	for _, pt := range plan {
		// given name and both family names in their columns; an
		// allergy answer (NINGUNA included) and an insurer are health data
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Email, taxonomy.Phone, taxonomy.Address,
			taxonomy.PostalCode)
		if !pt.noDOB {
			ident, holds = IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		if pt.ins >= 0 {
			holds |= Cats(taxonomy.HealthEnrollment)
		}
		if !pt.noAlrg {
			holds |= Cats(taxonomy.HealthCondition)
		}
		t.subject(pt.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, pt := range plan {
			ps := p.Person(pt.person)
			name := func(s string) any {
				if s == "" {
					return nil
				}
				if chance(r, 200) {
					return s
				}
				return titleCase(s)
			}
			var dob any = ps.Birth.Format("01/02/2006")
			if pt.noDOB {
				dob = nil
			}
			var email any
			if ps.Email != "" && chance(r, 950) {
				email = ps.Email
			}
			var phone any
			if chance(r, 960) {
				phone = crmPhone(r, ps.Phone)
			}
			var insurer, policy any
			if pt.ins >= 0 {
				ins := crmInsurers[pt.ins]
				insurer, policy = ins.name, ins.policy(r)
			}
			row := []any{
				fmt.Sprintf("PAT-%06d", 1000+k),
				name(ps.Nombre),
				name(ps.Paterno),
				name(ps.Materno),
				dob,
				sexCode(ps.Sex, "Male", "Female", "Other"),
				email,
				phone,
				crmAddress(r, ps.Address),
				ps.Address.PostalCode,
				insurer,
				policy,
				crmAllergies(r, pt.noAlrg),
				crmVisitsStart.Add(minutes(pt.visit)),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// crmVisitsStart is when the clinic moved to the CRM.
var crmVisitsStart = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)

// crmInsurers are the plans the clinic's patients hold: private medical
// insurers and the public schemes, each with its own policy-number form
// (letters and digits; none is eleven bare digits, an RFC or a CURP).
var (
	crmInsurers = []struct {
		name   string
		policy func(r *rand.Rand) string
	}{
		{"GNP", func(r *rand.Rand) string { return fmt.Sprintf("GMM%08d", r.IntN(100_000_000)) }},
		{"AXA", func(r *rand.Rand) string {
			return fmt.Sprintf("AX-%c%c%07d", 'A'+r.IntN(26), 'A'+r.IntN(26), r.IntN(10_000_000))
		}},
		{"MetLife", func(r *rand.Rand) string { return fmt.Sprintf("MLM-%09d", r.IntN(1_000_000_000)) }},
		{"Seguros Monterrey", func(r *rand.Rand) string { return fmt.Sprintf("SMNYL%07d", r.IntN(10_000_000)) }},
		{"IMSS", func(r *rand.Rand) string { return fmt.Sprintf("IMSS/%08d", r.IntN(100_000_000)) }},
		{"ISSSTE", func(r *rand.Rand) string { return fmt.Sprintf("ISS-%09d", r.IntN(1_000_000_000)) }},
		{"Seguro Popular", func(r *rand.Rand) string { return fmt.Sprintf("SP%02d%08d", between(r, 1, 32), r.IntN(100_000_000)) }},
	}
	crmInsurerW = newWeighted([]uint64{25, 18, 12, 8, 20, 9, 8})
)

// crmPhone writes ten digits the way the CRM's phone widget does:
// +52 55 1234 5678, +52 222 123 4567, sometimes without spaces.
func crmPhone(r *rand.Rand, digits string) string {
	lada := 3
	switch digits[:2] {
	case "55", "56", "33", "81":
		lada = 2
	}
	switch n := r.IntN(100); {
	case n < 75:
		return "+52 " + digits[:lada] + " " + digits[lada:6] + " " + digits[6:]
	case n < 90:
		return "+52" + digits
	}
	return "+52 (" + digits[:lada] + ") " + digits[lada:6] + "-" + digits[6:]
}

// crmAddress is the home address as a receptionist types it into an
// English form: title case, number after #, the colonia, municipality and
// state abbreviation.
func crmAddress(r *rand.Rand, a Address) string {
	var b strings.Builder
	b.WriteString(titleCase(a.StreetType + " " + a.Street))
	switch {
	case a.Block > 0:
		fmt.Fprintf(&b, " Mz %d Lt %d", a.Block, a.Lot)
	case a.Number == 0:
		b.WriteString(" S/N")
	default:
		b.WriteString(" #" + a.NumberText())
	}
	if a.Interior > 0 {
		fmt.Fprintf(&b, " Int. %d", a.Interior)
	}
	b.WriteString(", " + titleCase(a.SettlementType+" "+a.Colonia))
	b.WriteString(", " + titleCase(a.Municipality))
	if chance(r, 600) {
		b.WriteString(", " + a.StateAbbr)
	}
	return b.String()
}

// crmAllergies: about a third of patients report one or two allergies;
// the rest say none in one of the ways staff type it.
func crmAllergies(r *rand.Rand, unasked bool) any {
	if unasked {
		return nil
	}
	switch n := between(r, 30, 999); {
	case n < 650:
		return pick(r, []string{"NINGUNA", "NINGUNA", "NEGADAS", "Ninguna conocida", "NKDA"})
	case n < 900:
		return pick(r, crmAllergens)
	}
	a, b := pick(r, crmAllergens), pick(r, crmAllergens)
	if a == b {
		return a
	}
	return a + ", " + b
}

var crmAllergens = []string{"PENICILINA", "SULFAS", "AINES", "ASPIRINA", "AMOXICILINA", "LATEX",
	"MARISCOS", "POLEN", "CEFALOSPORINAS", "METAMIZOL", "YODO", "CACAHUATE"}
