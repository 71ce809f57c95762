package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// defunciones_registro: a state's register of death certificates, one row
// per death in order of death: the certificate's folio, the deceased's
// CURP and full name (surname first), sex, birthdate (DATE), the date of
// death (a DATE that is not a birthdate), the place of death coded as a
// kind of place (HOSPITAL, DOMICILIO, VIA PUBLICA, OTRO: not a facility's
// name, and not an address, so labelled []), the underlying cause of death
// as a CIE-10 code (health_condition) and the CLUES of the unit whose
// doctor certified the death (health_facility: the unit that attended the
// person). The deceased are drawn from the pool, the old far more often
// than the young. Mess: death certificates often lack the CURP (NULL,
// placeholders, capture errors), a few birthdates are unknown (NULL).
func buildDefuncionesRegistro(p *Pool, r *rand.Rand) *Table {
	type death struct {
		person           int32
		day              int32
		place            uint8
		cause            uint8
		fac              int32
		form             CURPForm
		noBirth, noCause bool // fecha_nacimiento, causa_cie10 NULL
	}
	start := timeDay(defuncionesStart)
	end := timeDay(p.Today()) - 1
	byState := map[string][]int{}
	for _, st := range states {
		byState[st.Code] = p.FacilitiesIn(st.Code)
	}
	var plan []death
	for i := range int32(p.Len()) {
		// a day the person might have died on; mortality by the age then
		from := max(start, p.people[i].birth)
		day := from + int32(r.IntN(int(end-from)+1))
		age := ageAt(p.Birth(i), dayTime(day))
		perMille := 1
		switch {
		case age >= 75:
			perMille = 100
		case age >= 60:
			perMille = 35
		case age >= 40:
			perMille = 8
		}
		if !chance(r, perMille) {
			continue
		}
		d := death{person: i, day: day, form: curpForm(r, 40, 40, 10)}
		d.cause = uint8(causeW.pick(r))
		d.place = uint8(lugarW.pick(r))
		d.fac = int32(pick(r, byState[states[muniState(int(p.people[i].muni))].Code]))
		d.noBirth, d.noCause = chance(r, 15), chance(r, 10)
		plan = append(plan, d)
	}
	slices.SortStableFunc(plan, func(a, b death) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:        "defunciones_registro",
		Style:       "death-register",
		Rows:        len(plan),
		PrimaryKey:  []string{"folio_certificado"},
		ForeignKeys: []ForeignKey{cluesRef("clues_certifica")},
		Columns: []Column{
			col("folio_certificado", Varchar(10)),
			col("curp", Varchar(18), taxonomy.CURP),
			col("nombre", Varchar(100), taxonomy.PersonName),
			col("sexo", Char(1)),
			col("fecha_nacimiento", Date, taxonomy.Birthdate),
			col("fecha_defuncion", Date),
			col("lugar_defuncion", Varchar(12)),
			col("causa_cie10", Varchar(6), taxonomy.HealthCondition),
			col("clues_certifica", Char(11), taxonomy.HealthFacility),
		},
	}
	for _, d := range plan {
		// the full name, surname first; the unit that certified the
		// death attended the deceased
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.HealthFacility)
		if d.form == CURPValid {
			t.Persons = append(t.Persons, d.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !d.noBirth {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		if !d.noCause {
			holds |= Cats(taxonomy.HealthCondition)
		}
		t.subject(d.person, ident, holds)
	}
	fs := p.Facilities()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, d := range plan {
			ps := p.Person(d.person)
			died := dayTime(d.day)
			var birth any = ps.Birth
			if d.noBirth {
				birth = nil
			}
			var cause any = CIE10Display(causesOfDeath[d.cause].code, r.IntN(2))
			if d.noCause {
				cause = nil
			}
			row := []any{
				fmt.Sprintf("%02d%08d", died.Year()%100, 100000+k*37+r.IntN(37)),
				curpCell(r, d.form, ps.CURP, p.Today()),
				mojibake(r, plain(ps.RegistryName()), 40),
				sexCode(ps.Sex, "H", "M", "X"),
				birth,
				died,
				lugaresDefuncion[d.place],
				cause,
				fs[d.fac].CLUES,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// defuncionesStart is the first day of the register.
var defuncionesStart = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	lugaresDefuncion = []string{"HOSPITAL", "DOMICILIO", "VIA PUBLICA", "OTRO"}
	lugarW           = newWeighted([]uint64{55, 35, 5, 5})
	// causesOfDeath are frequent underlying causes in Mexico's mortality
	// statistics, as CIE-10 codes of the catalogue (dict.IsCIE10).
	causesOfDeath = []struct {
		code string
		w    uint64
	}{
		{"I219", 20}, {"E119", 14}, {"E149", 6}, {"J189", 6}, {"U071", 5}, {"I251", 5}, {"K746", 5},
		{"K703", 3}, {"I64", 4}, {"N189", 4}, {"J449", 4}, {"I10", 3}, {"C349", 2}, {"C509", 2},
		{"C61", 2}, {"C169", 2}, {"C220", 2}, {"A419", 2}, {"X599", 1}, {"V892", 2}, {"X95", 2},
	}
	causeW = func() weighted {
		var ws []uint64
		for _, c := range causesOfDeath {
			ws = append(ws, c.w)
		}
		return newWeighted(ws)
	}()
)
