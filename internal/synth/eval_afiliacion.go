package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// AFIL_ASEGURADOS: an IMSS affiliation extract from a delegación's legacy
// system (evaluation style). Abbreviated names, upper case without
// accents, CHAR fields padded with blanks, dates as INTEGER YYYYMMDD, the
// postal code as INTEGER (CDMX codes lose their leading zero), SEXO coded
// M/F the IMSS way (M = masculino, i.e. a CURP H; F = femenino, a CURP M;
// blank for the few non-binary people, whom this system cannot record).
// Every insured person has an NSS (11 digits, Luhn, registration year
// after birth, reference §3) and most an RFC (reference §2, from the CURP,
// homoclave and check character computed). About 8% of the people were
// affiliated twice by different employers, so they repeat.
//
// Labels:
//   - NUM_AFIL is the affiliation folio of the record: docs/taxonomy.md
//     lists affiliation numbers under health_enrollment.
//   - NSS is labelled nss only: the taxonomy gives the IMSS number its own
//     category, and doc.go's rules label a column with what it holds, not
//     with what it implies.
//   - CLUES_UMF is the family-medicine unit the person is assigned to,
//     i.e. the facility that attends them: health_facility.
//   - F_ALTA (affiliation date, INTEGER YYYYMMDD like F_NACIM),
//     REG_PATRONAL (the employer's key), SAL_BASE, SEXO and STATUS get no
//     label.
//
// Mess: placeholder, NULL and mistyped CURPs; NSS blanks, zeros and
// capture errors; RFCs missing, in the legacy 10-character form, or with a
// wrong check character (still the person's RFC, reference §2.3); name
// typos and Ñ as "Ã‘" or "¥"; birthdates 0 or 19000101; "DOMICILIO
// CONOCIDO"; telephones blank or "S/T".
func buildEvalAfiliacion(p *Pool, r *rand.Rand) *Table {
	type afil struct {
		person   int32
		alta     int32 // day of this affiliation
		employer int32
		form     CURPForm
		facts    afilFacts
	}
	today := p.Today()
	nssSeed := r.Uint64()
	employers := make([]string, scaled(p.Len(), 1, 25, 20, 40000))
	for k := range employers {
		employers[k] = fmt.Sprintf("%c%010d", "ABCDEFGHJY"[r.IntN(10)], r.Int64N(10_000_000_000))
	}
	var plan []afil
	adult := func(i int32) bool {
		age := today.Year() - p.Birth(i).Year()
		return age >= 17 && age <= 80
	}
	for _, i := range p.Sample(r, 280, adult) {
		birth := p.Birth(i)
		nss := evNSS(evPersonStream(nssSeed, i), birth, today)
		reg, _ := strconv.Atoi(nss[2:4])
		regYear := 1900 + reg
		if regYear < birth.Year() {
			regYear += 100
		}
		from := max(timeDay(birth.AddDate(16, 0, 0)), timeDay(time.Date(regYear, 1, 1, 0, 0, 0, 0, time.UTC)))
		to := timeDay(today) - 1
		if from > to {
			from = to
		}
		form := curpForm(r, 20, 30, 15)
		first := from + int32(r.IntN(int(to-from)+1))
		plan = append(plan, afil{i, first, int32(r.IntN(len(employers))), form, drawAfilFacts(r)})
		if chance(r, 80) && to-first > 200 {
			again := first + int32(between(r, 100, int(to-first)))
			plan = append(plan, afil{i, again, int32(r.IntN(len(employers))), form, drawAfilFacts(r)})
		}
	}
	slices.SortStableFunc(plan, func(a, b afil) int {
		return cmp.Or(cmp.Compare(a.alta, b.alta), cmp.Compare(a.person, b.person))
	})

	// the IMSS units of each state; a state the world gives none gets one
	umf := map[string][]string{}
	for _, f := range p.Facilities() {
		if f.Institution == "IMSS" {
			umf[f.StateCode] = append(umf[f.StateCode], f.CLUES)
		}
	}
	for _, st := range states {
		if len(umf[st.Code]) == 0 {
			umf[st.Code] = []string{fmt.Sprintf("%sIMS%06d", st.Code, between(r, 1, 29999))}
		}
	}

	t := &Table{
		Name:       "AFIL_ASEGURADOS",
		Style:      "imss-affiliation",
		Rows:       len(plan),
		PrimaryKey: []string{"NUM_AFIL"},
		Columns: legacy([]Column{
			col("NUM_AFIL", Varchar(15), taxonomy.HealthEnrollment),
			col("AP_PAT", Char(30), taxonomy.PersonName),
			col("AP_MAT", Char(30), taxonomy.PersonName),
			col("NOMBRES", Char(40), taxonomy.PersonName),
			col("F_NACIM", Integer, taxonomy.Birthdate),
			col("SEXO", Char(1)),
			col("NSS", Char(11), taxonomy.NSS),
			col("RFC", Varchar(13), taxonomy.RFC),
			col("CURP", Char(18), taxonomy.CURP),
			col("DOMICILIO", Varchar(120), taxonomy.Address),
			col("COD_POST", Integer, taxonomy.PostalCode),
			col("TEL", Varchar(20), taxonomy.Phone),
			col("CLUES_UMF", Char(11), taxonomy.HealthFacility),
			col("REG_PATRONAL", Char(11)),
			col("F_ALTA", Integer),
			col("SAL_BASE", Decimal(9, 2)),
			col("STATUS", Char(1)),
		}),
	}
	for _, a := range plan {
		// every row holds the affiliation folio and the family-medicine
		// unit: health data of the insured
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Address, taxonomy.PostalCode,
			taxonomy.Phone, taxonomy.HealthEnrollment, taxonomy.HealthFacility)
		if a.form == CURPValid {
			t.Persons = append(t.Persons, a.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if a.facts.fnac == 0 {
			holds |= Cats(taxonomy.Birthdate)
			if a.facts.fullName(p.Person(a.person)) {
				ident |= IdentNameBirth
			}
		}
		if a.facts.nss == 0 {
			holds |= Cats(taxonomy.NSS)
		}
		if a.facts.rfc == 0 || a.facts.rfc == 3 { // a wrong check character is still theirs
			holds |= Cats(taxonomy.RFC)
		}
		t.subject(a.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, a := range plan {
			ps := p.Person(a.person)
			ad := ps.Address
			name := func(part int, s string, n int) string {
				return padChar(mojibakeFit(r, a.facts.typed(part, plain(s)), 300, n), n)
			}
			var fnac int64
			switch a.facts.fnac {
			case 1:
				fnac = 0
			case 2:
				fnac = 19000101
			default:
				fnac, _ = strconv.ParseInt(yyyymmdd(ps.Birth), 10, 64)
			}
			var nss any = evNSS(evPersonStream(nssSeed, a.person), ps.Birth, p.Today())
			switch a.facts.nss {
			case 1:
				nss = nil
			case 2:
				nss = "00000000000"
			case 3:
				nss = evDigitTypo(r, nss.(string))
			}
			var rfc any = evPersonRFC(ps)
			switch a.facts.rfc {
			case 1:
				rfc = nil
			case 2:
				rfc = rfc.(string)[:10] // captured before homoclaves were printed
			case 3:
				s := rfc.(string)
				bad := "0123456789A"[r.IntN(11)]
				for bad == s[12] {
					bad = "0123456789A"[r.IntN(11)]
				}
				rfc = s[:12] + string(bad)
			}
			var curp any = ps.CURP
			switch a.form {
			case CURPNull:
				curp = nil
			case CURPPlaceholder:
				curp = padChar(pick(r, []string{"SIN CURP", "SIN CURP", "XXXXXXXXXXXXXXXXXX", "EN TRAMITE"}), 18)
			case CURPTypo:
				curp = typoCURP(r, ps.CURP, p.Today())
			}
			var dom any = evAfilDomicilio(r, ad)
			switch n := r.IntN(1000); {
			case n < 20:
				dom = ""
			case n < 30:
				dom = "DOMICILIO CONOCIDO"
			}
			cp, _ := strconv.ParseInt(ad.PostalCode, 10, 64)
			if chance(r, 8) {
				cp = 0
			}
			var tel any
			switch n := r.IntN(100); {
			case n < 25:
				tel = ""
			case n < 27:
				tel = "S/T"
			case n < 32:
				tel = "01 " + ps.Phone // the long-distance prefix, before 2019
			default:
				tel = phoneText(r, ps.Phone)
			}
			alta := dayTime(a.alta)
			altaInt, _ := strconv.ParseInt(yyyymmdd(alta), 10, 64)
			estatus := "V"
			if chance(r, 180) {
				estatus = "B"
			}
			row := []any{
				fmt.Sprintf("%s%d-%04d-%06d", ad.StateKey, r.IntN(10), alta.Year(), k+1),
				name(0, ps.Paterno, 30),
				name(1, ps.Materno, 30),
				name(2, ps.Nombre, 40),
				fnac,
				sexCode(ps.Sex, "M", "F", " "),
				nss,
				rfc,
				curp,
				dom,
				cp,
				tel,
				pick(r, umf[ad.StateCode]),
				employers[a.employer],
				altaInt,
				money(between(r, 27880, 250000)),
				estatus,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// afilFacts are what an affiliation row writes of its person, drawn with
// the plan so that the truth of the person figures knows them.
type afilFacts struct {
	fnac, nss, rfc uint8  // 0 as issued; else the mess of the row, in the order buildEvalAfiliacion lists it
	typo           uint8  // bit j: a capture error in name part j (paterno, materno, nombre)
	typoSeed       uint32 // where the capture errors fall
}

func drawAfilFacts(r *rand.Rand) afilFacts {
	var f afilFacts
	for j := range 3 {
		if chance(r, 15) {
			f.typo |= 1 << j
		}
	}
	f.typoSeed = r.Uint32()
	switch n := r.IntN(1000); {
	case n < 5:
		f.fnac = 1 // 0
	case n < 10:
		f.fnac = 2 // 19000101
	}
	switch n := r.IntN(1000); {
	case n < 10:
		f.nss = 1 // NULL
	case n < 15:
		f.nss = 2 // zeros
	case n < 25:
		f.nss = 3 // a capture error
	}
	switch n := r.IntN(1000); {
	case n < 60:
		f.rfc = 1 // NULL
	case n < 90:
		f.rfc = 2 // the legacy 10 characters
	case n < 105:
		f.rfc = 3 // a wrong check character
	}
	return f
}

// typed is name part j as captured: with its capture error, if any.
func (f afilFacts) typed(j int, s string) string {
	if f.typo&(1<<j) == 0 {
		return s
	}
	return evNameTypo(rowRand(uint64(f.typoSeed)<<2|uint64(j)), s)
}

// fullName reports whether the row carries the person's whole name: no
// capture error changed it and every part fits its field.
func (f afilFacts) fullName(ps Person) bool {
	for j, part := range []struct {
		s string
		n int
	}{{ps.Paterno, 30}, {ps.Materno, 30}, {ps.Nombre, 40}} {
		if s := plain(part.s); f.typed(j, s) != s || !fits(s, part.n) {
			return false
		}
	}
	return true
}

// evAfilDomicilio is the one-line address of the affiliation system: street
// (with its type unless it is a plain CALLE), NUM or #, DEPTO, the
// settlement type without its dot, sometimes the municipality.
func evAfilDomicilio(r *rand.Rand, a Address) string {
	var b strings.Builder
	if a.StreetType != "CALLE" || numberedStreet(a.Street) || chance(r, 250) {
		b.WriteString(strings.TrimSuffix(a.StreetType, ".") + " ")
	}
	b.WriteString(a.Street)
	switch {
	case a.Block > 0:
		fmt.Fprintf(&b, " MZA %d LTE %d", a.Block, a.Lot)
	case a.Number == 0:
		b.WriteString(" SN")
	case chance(r, 500):
		b.WriteString(" NUM " + a.NumberText())
	default:
		b.WriteString(" # " + a.NumberText())
	}
	if a.Interior > 0 {
		fmt.Fprintf(&b, " DEPTO %d", a.Interior)
	}
	b.WriteString(" " + strings.TrimSuffix(a.SettlementType, ".") + " " + a.Colonia)
	if chance(r, 300) {
		b.WriteString(" " + a.Municipality)
	}
	return plain(b.String())
}
