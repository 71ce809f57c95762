package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// EXP_PROV_2019: a contractor's export of a 2019 social-programme payment
// run, columns named C01..C14 so nothing but the values says what they
// hold. One row per payment, so people paid several times repeat. Names
// are "NOMBRE PATERNO MATERNO", dates DD/MM/YYYY text, sex coded M/F in the
// English way (M = male), the postal code lost its leading zero in a
// spreadsheet. The programmes are social, not health, programmes (none of
// them implies a condition, so the column holds no health data).
func buildVendorExport(p *Pool, r *rand.Rand) *Table {
	type payment struct {
		person int32
		month  uint8
		form   CURPForm
	}
	cutoff := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	var plan []payment
	for _, i := range p.Sample(r, 350, func(i int32) bool { return p.Birth(i).Before(cutoff) }) {
		form := curpForm(r, 0, 25, 5)
		k := 1
		switch n := r.IntN(100); {
		case n < 12:
			k = 3
		case n < 40:
			k = 2
		}
		for _, m := range r.Perm(12)[:k] {
			plan = append(plan, payment{i, uint8(m + 1), form})
		}
	}
	slices.SortStableFunc(plan, func(a, b payment) int {
		return cmp.Or(cmp.Compare(a.month, b.month), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:  "EXP_PROV_2019",
		Style: "vendor-export",
		Rows:  len(plan),
		Columns: []Column{
			col("C01", Integer),
			col("C02", Varchar(20), taxonomy.CURP),
			col("C03", Varchar(80), taxonomy.PersonName),
			col("C04", Varchar(10), taxonomy.Birthdate),
			col("C05", Char(1)),
			col("C06", Varchar(150), taxonomy.Address),
			col("C07", Varchar(5), taxonomy.PostalCode),
			col("C08", Varchar(16), taxonomy.Phone),
			col("C09", Varchar(40)),
			col("C10", Decimal(10, 2)),
			col("C11", Varchar(10)),
			col("C12", Varchar(3)),
			col("C13", Varchar(12)),
			col("C14", Varchar(120)),
		},
	}
	for _, pay := range plan {
		// the full name and a DD/MM/YYYY birthdate in every row
		ident, holds := IdentNameBirth, Cats(taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address,
			taxonomy.PostalCode, taxonomy.Phone)
		if pay.form == CURPValid {
			t.Persons = append(t.Persons, pay.person)
			ident, holds = ident|IdentCURP, holds|Cats(taxonomy.CURP)
		}
		t.subject(pay.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, pay := range plan {
			ps := p.Person(pay.person)
			curp := curpCell(r, pay.form, ps.CURP, p.Today())
			if s, ok := curp.(string); ok && pay.form == CURPValid && chance(r, 10) {
				curp = s + " " // exported from a CHAR(19) field
			}
			sex := sexCode(ps.Sex, "M", "F", "X")
			cp, _ := strconv.Atoi(ps.Address.PostalCode)
			var phone any = ""
			switch n := r.IntN(100); {
			case n < 10:
			case n < 18:
				phone = "+52 " + ps.Phone
			default:
				phone = phoneText(r, ps.Phone)
			}
			prog, cents := vendorProgramme(r, 2019-ps.Birth.Year())
			paid := time.Date(2019, time.Month(pay.month), between(r, 1, 28), 0, 0, 0, 0, time.UTC)
			status := pick(r, []string{"PAG", "PAG", "PAG", "PAG", "PEN", "REC", "CAN"})
			var comment any = ""
			switch n := r.IntN(100); {
			case n < 5:
				comment = nil
			case n < 15:
				comment = pick(r, vendorComments)
			}
			row := []any{
				int64(k + 1),
				curp,
				plain(ps.FullName()),
				ddmmyyyy(ps.Birth),
				sex,
				ps.Address.ExportLine(r),
				strconv.Itoa(cp),
				phone,
				prog,
				money(cents),
				ddmmyyyy(paid),
				status,
				fmt.Sprintf("L19%02d-%03d", pay.month, between(r, 1, 40)),
				comment,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var vendorComments = []string{
	"SIN OBSERVACIONES", "PAGO EN VENTANILLA", "REPOSICION DE TARJETA", "DATOS VALIDADOS",
	"PAGO RETENIDO POR VALIDACION", "CAMBIO DE SUCURSAL", "SE REPROGRAMA PAGO",
}

// vendorProgramme is the social programme and bimonthly amount (cents) for an age.
func vendorProgramme(r *rand.Rand, age int) (string, int) {
	switch {
	case age >= 65:
		return "PENSION ADULTOS MAYORES", 255000
	case age < 18:
		return "BECAS BENITO JUAREZ", 160000
	case age < 30 && chance(r, 500):
		return "JOVENES CONSTRUYENDO EL FUTURO", 360000
	}
	switch r.IntN(3) {
	case 0:
		return "SEMBRANDO VIDA", 500000
	case 1:
		return "TANDAS PARA EL BIENESTAR", 600000
	}
	return "PRODUCCION PARA EL BIENESTAR", 160000
}
