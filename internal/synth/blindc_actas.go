package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// RC_ACTAS_MATRIMONIO imitates the marriage-certificate table of a state
// civil registry: two spouses per row (contrayentes C1 and C2, both pool
// members), each with split names, CURP, a birthdate as D/M/YYYY text
// without leading zeros, age, nationality, occupation and the INE clave de
// elector shown as identification; two witnesses and the registrar by
// name. C1_FEC_NAC and C2_FEC_NAC hold 00/00/0000 for about 1% of
// spouses (a sentinel, not a value).
//
// Labels: C1_CURP and C2_CURP are CURP columns and both count as persons.
// C1_CLAVE_ELECTOR and C2_CLAVE_ELECTOR are voter_key (every spouse is an
// adult when the key is issued; NULL when another ID was shown).
// TESTIGO_1, TESTIGO_2 and OFICIAL_RC (the registrar, staff) are
// person_name. DOMICILIO_CONYUGAL is the couple's address. FEC_REGISTRO is
// the registration date and the ages are ages: none. CVE_OFICIALIA, LIBRO
// and NUM_ACTA are registry keys: none.
func bcBuildActas(p *Pool, r *rand.Rand) *Table {
	type spouse struct {
		who  int32
		form CURPForm
	}
	type plan struct {
		c1, c2 spouse
		office int
		day    int32
	}
	adults := bcAged(p, r, 300, 22, 85)
	if len(adults) < 2 {
		adults = []int32{0, 1}
	}
	n := scaled(p.Len(), 1, 30, 40, 60000)
	t := &Table{Name: "RC_ACTAS_MATRIMONIO", Style: "civil-registry-marriages"}
	t.PrimaryKey = []string{"ID_ACTA"}
	start := time.Date(2006, 1, 2, 0, 0, 0, 0, time.UTC)
	var plans []plan
	for range n {
		a, b := pick(r, adults), pick(r, adults)
		for a == b {
			b = pick(r, adults)
		}
		older := p.Birth(a)
		if p.Birth(b).After(older) {
			older = p.Birth(b)
		}
		from := older.AddDate(18, 0, 0)
		if from.Before(start) {
			from = start
		}
		pl := plan{c1: spouse{a, bcForm(r, 50, 30, 20, 0)}, c2: spouse{b, bcForm(r, 50, 30, 20, 0)},
			office: r.IntN(6), day: timeDay(bcDayBetween(r, from, p.Today().AddDate(0, 0, -3)))}
		if dayTime(pl.day).Year() < 2010 { // before CURPs were captured
			pl.c1.form, pl.c2.form = bcForm(r, 500, 100, 20, 0), bcForm(r, 500, 100, 20, 0)
		}
		plans = append(plans, pl)
		for _, s := range []spouse{pl.c1, pl.c2} {
			if s.form == CURPValid {
				t.Persons = append(t.Persons, s.who)
			}
		}
	}
	t.Columns = []Column{
		col("ID_ACTA", Integer),
		col("CVE_OFICIALIA", Varchar(6)),
		col("LIBRO", Integer),
		col("NUM_ACTA", Integer),
		col("FEC_REGISTRO", Date),
	}
	for _, c := range []string{"C1", "C2"} {
		t.Columns = append(t.Columns,
			col(c+"_NOMBRE", Varchar(40), "person_name"),
			col(c+"_PRIMER_AP", Varchar(30), "person_name"),
			col(c+"_SEGUNDO_AP", Varchar(30), "person_name"),
			col(c+"_CURP", Char(18), "curp"),
			col(c+"_FEC_NAC", Varchar(10), "birthdate"),
			col(c+"_EDAD", Integer),
			col(c+"_NACIONALIDAD", Varchar(16)),
			col(c+"_CLAVE_ELECTOR", Varchar(18), "voter_key"),
			col(c+"_OCUPACION", Varchar(30)),
		)
	}
	t.Columns = append(t.Columns,
		col("DOMICILIO_CONYUGAL", Varchar(160), "address"),
		col("REGIMEN", Varchar(25)),
		col("TESTIGO_1", Varchar(80), "person_name"),
		col("TESTIGO_2", Varchar(80), "person_name"),
		col("OFICIAL_RC", Varchar(80), "person_name"),
	)
	t.Rows = len(plans)
	seed := r.Uint64()
	today := p.Today()
	offices := make([]struct{ key, officer string }, 6)
	for i := range offices {
		offices[i].key = fmt.Sprintf("%02d-%03d", between(r, 1, 32), between(r, 1, 120))
		offices[i].officer = bcStaff(r, "LIC.", "LIC.", "C.")
	}
	jobs := []string{"EMPLEADO", "EMPLEADA", "HOGAR", "COMERCIANTE", "PROFESIONISTA", "ESTUDIANTE", "OBRERO", "DOCENTE", "CHOFER", "ENFERMERA"}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		books := map[int]int{}
		for k, pl := range plans {
			reg := dayTime(pl.day)
			books[pl.office]++
			row := []any{int64(k + 1), offices[pl.office].key, int64(1 + books[pl.office]/200), int64(books[pl.office]), reg}
			for _, s := range []spouse{pl.c1, pl.c2} {
				pp := p.Person(s.who)
				var mat any = mojibake(rr, plain(pp.Materno), 300)
				if pp.Materno == "" {
					mat = nil
				}
				nat := "MEXICANA"
				if pp.BirthState == "NE" {
					nat = pick(rr, []string{"ESTADOUNIDENSE", "GUATEMALTECA", "MEXICANA", "COLOMBIANA"})
				}
				fnac := bcDMY(pp.Birth)
				if chance(rr, 10) {
					fnac = "00/00/0000"
				}
				var key any
				if !chance(rr, 150) {
					key = bcVoterKey(rr, pp)
				}
				row = append(row,
					mojibake(rr, plain(pp.Nombre), 300), mojibake(rr, plain(pp.Paterno), 300), mat,
					bcCharCell(bcCURP(rr, s.form, pp.CURP, today), 18),
					fnac, int64(bcAgeAt(pp.Birth, reg)), nat, key, pick(rr, jobs))
			}
			w1, w2 := bcDrawName(rr), bcDrawName(rr)
			row = append(row,
				p.Person(pl.c1.who).Address.LegacyLine(rr),
				pick(rr, []string{"SOCIEDAD CONYUGAL", "SEPARACION DE BIENES", "SEPARACION DE BIENES"}),
				w1.Full(), w2.Registry(), offices[pl.office].officer)
			if !yield(row) {
				return
			}
		}
	}
	return t
}
