package synth

import (
	"math/rand/v2"
)

// ISSSTE_NOMINA_PENS: the monthly payroll file of ISSSTE pensioners. The
// affiliation number is the pensioner's RFC with homoclave, as ISSSTE
// historically keyed its derechohabientes (docs/mexico-identifiers.md §5);
// pensioners who also worked in the private sector carry an IMSS NSS; the
// pension is paid into a CLABE or onto a debit card.
//
// Labels:
//   - NUM_AFIL: rfc and health_enrollment. Every value is a person's
//     13-character RFC (~1.5% with a failing check character); as the
//     ISSSTE affiliation number it is also the person's enrollment in
//     ISSSTE, which the taxonomy names as a health programme ("policy/
//     affiliation/folio numbers, ... ISSSTE"). The pension itself is a
//     social benefit, not health enrollment, so TIPO_PENSION gets none.
//   - CURP: curp (NULL in about a fifth of old records); valid ones are in
//     Table.Persons.
//   - NOMBRE, NOM_CAUSANTE (the late worker a widow's or parent's pension
//     derives from; NULL otherwise, ~20% filled): person_name.
//   - FEC_NAC: birthdate, INTEGER YYYYMMDD (19000101 and 0 are sentinels).
//   - NSS_IMSS: nss, plain or NN-NN-NN-NNNN-N, NULL for about half.
//   - CLABE: clabe (the account the pension is paid into: a person's).
//   - NUM_TARJETA: credit_card, for pensioners paid onto a card (the rows
//     without CLABE); about 6% are masked and are not values.
//   - TIPO_PENSION, BANCO, IMP_MENSUAL, FEC_ALTA (pension start),
//     DELEGACION (a state): none.

type blPensionRow struct {
	person   int32
	causante int32 // -1 when the pension is the pensioner's own
	form     blForm
	badRFC   bool
	nss      bool
	card     bool
	kind     uint8
	start    int32
}

var blPensionKinds = []string{"JUBILACION", "RETIRO POR EDAD Y TIEMPO DE SERVICIOS",
	"CESANTIA EN EDAD AVANZADA", "VIUDEZ", "ASCENDENCIA"}

func blBuildPensiones(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	var plan []blPensionRow
	var persons []int32
	for _, i := range blSampleAge(p, r, 90, 56, 99) {
		row := blPensionRow{person: i, causante: -1, form: blDrawForm(r, 180, 20, 10, 3),
			badRFC: chance(r, 15), nss: chance(r, 480), card: chance(r, 250)}
		switch n := r.IntN(100); {
		case n < 45:
			row.kind = 0
		case n < 65:
			row.kind = 1
		case n < 80:
			row.kind = 2
		case n < 97:
			row.kind = 3
		default:
			row.kind = 4
		}
		a := blAgeOf(p, i)
		if row.kind >= 3 {
			row.causante = blFind(p, r, nil, max(40, a-15), a+10, i)
			if row.causante < 0 {
				row.kind = 0
			}
		}
		from := p.people[i].birth + int32(between(r, 50, 60))*365
		row.start = blDay(r, min(from, td-40), td-40)
		if row.form == blValid {
			persons = append(persons, i)
		}
		plan = append(plan, row)
	}
	seed := r.Uint64()
	cols := []Column{
		col("NUM_AFIL", Char(13), "rfc", "health_enrollment"),
		col("CURP", Char(18), "curp"),
		col("NOMBRE", Varchar(60), "person_name"),
		col("FEC_NAC", Integer, "birthdate"),
		col("NSS_IMSS", Varchar(15), "nss"),
		col("TIPO_PENSION", Varchar(40)),
		col("NOM_CAUSANTE", Varchar(60), "person_name"),
		col("BANCO", Varchar(25)),
		col("CLABE", Char(18), "clabe"),
		col("NUM_TARJETA", Varchar(19), "credit_card"),
		col("IMP_MENSUAL", Decimal(10, 2)),
		col("FEC_ALTA", Date),
		col("DELEGACION", Varchar(40)),
	}
	return &Table{
		Name: "ISSSTE_NOMINA_PENS", Style: "pensions-payroll", Columns: cols,
		Rows: len(plan), Persons: persons,
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for _, pl := range plan {
				pe := p.Person(pl.person)
				var dob any = blYMDInt(pe.Birth)
				switch n := rr.IntN(1000); {
				case n < 5:
					dob = int64(19000101)
				case n < 9:
					dob = int64(0)
				}
				var nss any
				if pl.nss {
					s := blNSS(rr, pe.Birth, today)
					if chance(rr, 400) {
						s = blDashedNSS(s)
					}
					nss = s
				}
				var causante any
				if pl.causante >= 0 {
					causante = blCut(blPlainName(rr, p.Person(pl.causante).RegistryName()), 60)
				}
				bank := blBanks[rr.IntN(len(blBanks))]
				var clabe, card any
				if pl.card {
					c := blCard(rr)
					if chance(rr, 60) {
						c = blMaskCard(c)
					}
					card = c
				} else {
					clabe = blCLABE(rr, bank.code)
				}
				row := []any{
					blRFC13(pe, pl.badRFC),
					blCURPCell(rr, pl.form, pe.CURP, today, blCURPPlaceholders),
					blCut(mojibake(rr, blPlainName(rr, pe.RegistryName()), 500), 60),
					dob, nss, blPensionKinds[pl.kind], causante, bank.name, clabe, card,
					money(between(rr, 450000, 4800000)), dayTime(pl.start),
					blStateName(pe.Address.StateCode),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
