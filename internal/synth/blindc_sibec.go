package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// SIBEC_PADRON_ALUMNOS imitates the FoxPro register of a state scholarship
// programme for upper-secondary students, exported as a DBF and loaded as
// is: ten-character field names, CHAR fields padded with blanks, dates as
// YYYYMMDD integers, Ñ damaged by the DOS code page (¥) or by a UTF-8 round
// trip (Ã‘).
//
// One row per student. The student's CURP and the tutor's CURP are both
// CURP columns, so both count as persons; the tutor is another member of
// the pool. The scholarship is paid into the tutor's account (CLABE_TUT is
// a person's CLABE, labelled clabe); blanks there mean payment in cash.
//
// Codings: SEXO is 1 hombre, 2 mujer, 3 no binario; TURNO is M matutino,
// V vespertino (not a sex code). FEC_NAC holds 19000101 for unknown dates
// (a sentinel, not a value); FEC_ALTA is the registration date (no label).
// CCT is the school's work-centre key (no label). CURP_TUTOR holds the
// copied sample OEAF771012HMCRGR09 in about 1% of rows (not a person).
func bcBuildSIBEC(p *Pool, r *rand.Rand) *Table {
	type plan struct {
		student, tutor int32
		fs, ft         CURPForm
	}
	students := bcAged(p, r, 700, 21, 26) // 15 to 18 when the register was in use
	adults := bcAged(p, r, 120, 40, 72)
	if len(adults) == 0 {
		adults = []int32{0}
	}
	r.Shuffle(len(students), func(i, j int) { students[i], students[j] = students[j], students[i] })
	t := &Table{Name: "SIBEC_PADRON_ALUMNOS", Style: "scholarship-register-dbf"}
	t.PrimaryKey = []string{"FOLIO"}
	var plans []plan
	for _, s := range students {
		pl := plan{student: s, tutor: pick(r, adults),
			fs: bcForm(r, 10, 30, 20, 0), ft: bcForm(r, 80, 60, 20, 10)}
		plans = append(plans, pl)
		if pl.fs == CURPValid {
			t.Persons = append(t.Persons, s)
		}
		if pl.ft == CURPValid {
			t.Persons = append(t.Persons, pl.tutor)
		}
	}
	t.Columns = []Column{
		col("FOLIO", Integer),
		col("CURP_ALUM", Char(18), "curp"),
		col("APE_PAT", Char(25), "person_name"),
		col("APE_MAT", Char(25), "person_name"),
		col("NOMBRES", Char(30), "person_name"),
		col("SEXO", Integer),
		col("FEC_NAC", Integer, "birthdate"),
		col("ENT_NAC", Char(2)),
		col("CCT", Char(10)),
		col("TURNO", Char(1)),
		col("SEMESTRE", Integer),
		col("PROMEDIO", Decimal(5, 2)),
		col("NOM_TUTOR", Char(40), "person_name"),
		col("CURP_TUTOR", Char(18), "curp"),
		col("PARENTESCO", Char(10)),
		col("CLABE_TUT", Char(18), "clabe"),
		col("TEL_TUTOR", Char(10), "phone"),
		col("MONTO", Decimal(8, 2)),
		col("FEC_ALTA", Integer),
		col("ESTATUS", Char(1)),
	}
	t.Rows = len(plans)
	seed := r.Uint64()
	today := p.Today()
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, pl := range plans {
			s, tu := p.Person(pl.student), p.Person(pl.tutor)
			name := func(v string) string { return mojibake(rr, plain(v), 600) }
			given := plain(s.Nombre)
			if chance(rr, 300) {
				given = abbreviateGiven(given)
			}
			fnac := any(int64(s.Birth.Year()*10000 + int(s.Birth.Month())*100 + s.Birth.Day()))
			if chance(rr, 12) {
				fnac = int64(19000101)
			}
			ent := s.BirthKey
			if ent == "" {
				ent = "NE"
			}
			rel := sexCode(tu.Sex, "PADRE", "MADRE", "TUTOR")
			if chance(rr, 120) {
				rel = sexCode(tu.Sex, pick(rr, []string{"ABUELO", "TIO", "TUTOR"}), pick(rr, []string{"ABUELA", "TIA", "TUTORA"}), "TUTOR")
			}
			clabe := ""
			if !chance(rr, 150) {
				clabe = bcCLABE(rr, pick(rr, bcBanks).code)
			}
			tel := ""
			if !chance(rr, 100) {
				tel = tu.Phone
			}
			alta := s.Birth.AddDate(15, 0, 0)
			if lo := time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC); alta.Before(lo) {
				alta = lo
			}
			alta = bcDayBetween(rr, alta, time.Date(2019, 11, 30, 0, 0, 0, 0, time.UTC))
			row := []any{
				int64(170000001 + k),
				bcCharCell(bcCURP(rr, pl.fs, s.CURP, today), 18),
				padChar(name(s.Paterno), 25),
				padChar(name(s.Materno), 25),
				padChar(mojibake(rr, given, 600), 30),
				bcSexNum(s.Sex),
				fnac,
				ent,
				fmt.Sprintf("%sE%s%04d%c", s.Address.StateKey, pick(rr, []string{"CB", "TC", "BH", "MS"}), between(rr, 1, 400), 'A'+rr.IntN(26)),
				pick(rr, []string{"M", "M", "V"}),
				int64(between(rr, 1, 6)),
				money(between(rr, 600, 1000) * 10),
				padChar(name(tu.FullName()), 40),
				bcCharCell(bcCURP(rr, pl.ft, tu.CURP, today), 18),
				padChar(rel, 10),
				padChar(clabe, 18),
				padChar(tel, 10),
				money(pick(rr, []int{80000, 87500, 87500, 100000})),
				int64(alta.Year()*10000 + int(alta.Month())*100 + alta.Day()),
				pick(rr, []string{"A", "A", "A", "A", "B", "S"}),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
