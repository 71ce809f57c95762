package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// BS_DONADORES imitates the donation register of a state blood bank,
// still on an xBase system: one row per donation (about 12% of donors
// come back), CHAR fields padded with blanks, names split and Ñ damaged
// by a UTF-8 round trip (Ã‘), sex coded F femenino, M masculino (so M
// here is a man, unlike a CURP's M).
//
// Labels: the serology columns VIH, VHB, VHC, SIFILIS and CHAGAS are lab
// results coded 1 reactivo, 2 no reactivo, 3 indeterminado (9, not done,
// is in the column but is not a value): health_condition, as doc.go's
// coded lab result. CAUSA_DIFERIMIENTO, NULL for accepted donors, gives
// the medical reason a donor was deferred (health_condition).
// OBSERVACIONES is free text where about 10% of the notes record an
// adverse reaction to the donation (health_condition), and no names.
// CLUES_BANCO is the unit where the person donated (health_facility).
// RECEPTOR, for replacement donations, is the hospitalised patient the
// blood is given for (person_name). FNAC holds 1900-01-01 for unknown
// dates (a sentinel). TIPO_DONACION is not a taxonomy category.
func bcBuildDonadores(p *Pool, r *rand.Rand) *Table {
	type plan struct {
		who  int32
		form CURPForm
		day  int32
		bank int
	}
	donors := bcAged(p, r, 90, 18, 64)
	var hospitals, banks []int
	for i, f := range p.Facilities() {
		if strings.HasPrefix(f.Type, "HOSPITAL") {
			hospitals = append(hospitals, i)
		}
	}
	if len(hospitals) == 0 {
		hospitals = []int{0}
	}
	for range 4 {
		banks = append(banks, pick(r, hospitals))
	}
	t := &Table{Name: "BS_DONADORES", Style: "blood-bank-donors"}
	t.PrimaryKey = []string{"NUM_DONACION"}
	t.ForeignKeys = []ForeignKey{cluesRef("CLUES_BANCO")}
	from, to := timeDay(time.Date(2012, 1, 3, 0, 0, 0, 0, time.UTC)), timeDay(p.Today())-1
	var plans []plan
	for _, i := range donors {
		visits := 1
		if chance(r, 120) {
			visits = 2
		}
		bank := r.IntN(len(banks))
		for range visits {
			pl := plan{who: i, form: bcForm(r, 40, 40, 20, 0), day: from + int32(r.IntN(int(to-from))), bank: bank}
			if bcAgeAt(p.Birth(i), dayTime(pl.day)) < 18 {
				pl.day = to - int32(r.IntN(60))
			}
			plans = append(plans, pl)
			if pl.form == CURPValid {
				t.Persons = append(t.Persons, i)
			}
		}
	}
	// the register is in donation order
	slices.SortStableFunc(plans, func(a, b plan) int { return cmp.Compare(a.day, b.day) })
	t.Columns = []Column{
		col("NUM_DONACION", Integer),
		col("FEC_DONACION", Date),
		col("CLUES_BANCO", Char(11), "health_facility"),
		col("AP_PATERNO", Char(25), "person_name"),
		col("AP_MATERNO", Char(25), "person_name"),
		col("NOMBRE", Char(30), "person_name"),
		col("CURP", Char(18), "curp"),
		col("FNAC", Date, "birthdate"),
		col("SEXO", Char(1)),
		col("TEL", Char(10), "phone"),
		col("TIPO_DONACION", Char(12)),
		col("RECEPTOR", Varchar(80), "person_name"),
		col("VIH", Integer, "health_condition"),
		col("VHB", Integer, "health_condition"),
		col("VHC", Integer, "health_condition"),
		col("SIFILIS", Integer, "health_condition"),
		col("CHAGAS", Integer, "health_condition"),
		col("CAUSA_DIFERIMIENTO", Varchar(60), "health_condition"),
		col("OBSERVACIONES", Varchar(120), "health_condition"),
	}
	t.Rows = len(plans)
	seed := r.Uint64()
	today := p.Today()
	deferrals := []string{"HEMOGLOBINA BAJA (ANEMIA)", "HIPERTENSION ARTERIAL NO CONTROLADA", "HEPATITIS B PREVIA",
		"DIABETES MELLITUS EN TRATAMIENTO CON INSULINA", "CUADRO GRIPAL ACTIVO", "TRATAMIENTO CON ANTIBIOTICO", "EMBARAZO EN CURSO"}
	reactions := []string{"REACCION VASOVAGAL LEVE", "HEMATOMA EN SITIO DE PUNCION", "LIPOTIMIA, SE RECUPERA EN 10 MIN"}
	calm := []string{"SIN INCIDENTES", "SIN INCIDENTES", "SIN INCIDENTES", "DONADOR DE REPETICION", "BOLSA 450 ML", "SE ENTREGA CONSTANCIA"}
	serology := func(rr *rand.Rand) int64 {
		switch n := rr.IntN(1000); {
		case n < 8:
			return 1
		case n < 12:
			return 3
		case n < 30:
			return 9
		}
		return 2
	}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, pl := range plans {
			pp := p.Person(pl.who)
			kind := pick(rr, []string{"REPOSICION", "REPOSICION", "ALTRUISTA", "ALTRUISTA", "REPOSICION", "AUTOLOGA"})
			var receptor any
			if kind == "REPOSICION" && !chance(rr, 100) {
				receptor = bcDrawName(rr).Registry()
			}
			var fnac any = pp.Birth
			if chance(rr, 10) {
				fnac = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			row := []any{
				int64(k + 1), dayTime(pl.day), p.Facilities()[banks[pl.bank]].CLUES,
				padChar(mojibake(rr, plain(pp.Paterno), 800), 25), padChar(mojibake(rr, plain(pp.Materno), 800), 25),
				padChar(mojibake(rr, plain(pp.Nombre), 800), 30),
				bcCharCell(bcCURP(rr, pl.form, pp.CURP, today), 18),
				fnac, sexCode(pp.Sex, "M", "F", "X"), padChar(pp.Phone, 10), padChar(kind, 12), receptor,
			}
			deferred := chance(rr, 120)
			for range 5 {
				if deferred {
					row = append(row, int64(9))
				} else {
					row = append(row, serology(rr))
				}
			}
			var cause any
			if deferred {
				for {
					c := pick(rr, deferrals)
					if c != "EMBARAZO EN CURSO" || pp.Sex == 'M' {
						cause = c
						break
					}
				}
			}
			note := pick(rr, calm)
			if !deferred && chance(rr, 120) {
				note = pick(rr, reactions)
			}
			row = append(row, cause, note)
			if !yield(row) {
				return
			}
		}
	}
	return t
}
