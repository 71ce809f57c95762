package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// The state's pension for older adults (bienestar).

// padron_adultos_mayores: the pension's beneficiaries, 65 and over, one
// row per beneficiary in order of enrollment: the CURP (about 10% missing
// or a placeholder, a few mistyped), the full name in spoken order and
// title case with accents (María Guadalupe Pérez López: the same people
// the secretariat writes in three upper-case columns), the birthdate in
// words (21 de marzo de 1950; NULL in about 1%), a phone and the
// locality. The account the pension is paid into is in pagos_pension.
//
// Keys: declared (PrimaryKey).
func buildInstPension(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	t := &Table{
		Name:        "padron_adultos_mayores",
		PrimaryKey:  []string{"id"},
		Style:       "pension-register",
		Institution: instBienestar,
		Rows:        len(w.pensioners),
		Columns: []Column{
			col("id", Integer),
			col("curp", Varchar(18), taxonomy.CURP),
			col("nombre_completo", Varchar(120), taxonomy.PersonName),
			col("fecha_nacimiento", Varchar(30), taxonomy.Birthdate),
			col("telefono", Varchar(20), taxonomy.Phone),
			col("localidad", Varchar(80)),
			col("fecha_alta", Date),
		},
	}
	for _, e := range w.pensioners {
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Phone)
		if e.form == CURPValid {
			t.Persons = append(t.Persons, e.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !e.noBirth {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		t.subject(e.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range w.pensioners {
			ps := p.Person(e.person)
			var birth, tel any
			if !e.noBirth {
				birth = spanishLongDate(ps.Birth, false)
			}
			if chance(r, 600) {
				tel = phoneText(r, ps.Phone)
			}
			loc := ps.Address.Municipality
			if chance(r, 500) {
				loc = pick(r, colonias)
			}
			row := []any{
				int64(k + 1),
				curpCell(r, e.form, ps.CURP, p.Today()),
				titleCase(ps.FullName()),
				birth,
				tel,
				loc,
				dayTime(e.alta),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// pagos_pension: the pension's payments of the last year, one row per
// beneficiary and bimester: id_beneficiario points at
// padron_adultos_mayores.id, the CLABE the payment went into (NULL for
// those paid in cash; a capture error in about 1% of the rows), the
// period, day and amount.
//
// Keys: declared (PrimaryKey, ForeignKeys).
func buildInstPagosPension(p *Pool, r *rand.Rand) *Table {
	w := p.instWorld()
	type payment struct {
		benef uint32
		bim   uint8
		typo  bool
	}
	year := p.Today().Year() - 1
	var plan []payment
	for bim := range 6 {
		for k, e := range w.pensioners {
			if e.alta < timeDay(time.Date(year, time.Month(2*bim+1), 1, 0, 0, 0, 0, time.UTC)) {
				plan = append(plan, payment{uint32(k), uint8(bim + 1), !e.cash && chance(r, 10)})
			}
		}
	}
	t := &Table{
		Name:        "pagos_pension",
		PrimaryKey:  []string{"folio"},
		ForeignKeys: []ForeignKey{references("id_beneficiario", "padron_adultos_mayores", "id")},
		Style:       "programme-payments",
		Institution: instBienestar,
		Rows:        len(plan),
		Columns: []Column{
			col("folio", Varchar(16)),
			col("id_beneficiario", Integer),
			col("periodo", Varchar(20)),
			col("fecha_pago", Date),
			col("monto", Decimal(10, 2)),
			col("forma_pago", Varchar(15)),
			col("cuenta_clabe", Char(18), taxonomy.CLABE),
		},
	}
	for _, pay := range plan {
		e := w.pensioners[pay.benef]
		var holds CatSet
		if !e.cash && !pay.typo {
			holds = Cats(taxonomy.CLABE)
		}
		t.subject(e.person, linkedIf(e.identifies()), holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, pay := range plan {
			e := w.pensioners[pay.benef]
			var forma, clabe any = "TRANSFERENCIA", e.clabe
			switch {
			case e.cash:
				forma, clabe = "EFECTIVO", nil
			case pay.typo:
				clabe = evDigitTypo(r, e.clabe)
			}
			row := []any{
				fmt.Sprintf("PAM%d-%07d", year, k+1),
				int64(pay.benef + 1),
				fmt.Sprintf("BIMESTRE %d %d", pay.bim, year),
				time.Date(year, time.Month(2*int(pay.bim)-1), between(r, 2, 20), 0, 0, 0, 0, time.UTC),
				money(620000),
				forma,
				clabe,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
