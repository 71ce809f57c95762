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

// pagos_beneficiarios: the payments of a health programme's economic
// support (transport to appointments, bimonthly), one row per payment, to
// beneficiaries of the health register (id_beneficiario points at
// padron_beneficiarios.id), so they overlap the register's people. A
// beneficiary is paid either on a debit card (Visa, Mastercard or Carnet,
// 16 digits with a valid Luhn digit) or by transfer to a CLABE, the same
// account on every payment. Mess: about 3% of the card values are masked
// as receipts print them (4152********1234), which are not complete
// numbers; a few rows carry the test card 4111111111111111; missing and
// placeholder CURPs.
func buildPagos(p *Pool, r *rand.Rand) *Table {
	type beneficiary struct {
		enr     uint32 // index into the register
		form    CURPForm
		card    uint64 // 0 = paid by transfer
		clabe   string
		payment int32 // cents
	}
	type payment struct {
		benef uint32
		day   int32
		card  uint8 // on a card: 0 the number, 1 masked, 2 the test card
	}
	reg := p.Register()
	start := timeDay(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC))
	today := timeDay(p.Today())
	var bens []beneficiary
	var plan []payment
	for k, e := range reg {
		if e.Repeat || !chance(r, 350) {
			continue
		}
		b := beneficiary{enr: uint32(k), form: curpForm(r, 5, 15, 5),
			payment: int32(pick(r, []int{75000, 150000, 150000, 200000}))}
		if chance(r, 650) {
			b.card, _ = strconv.ParseUint(cardNumber(r), 10, 64)
		} else {
			b.clabe = personCLABE(r)
		}
		from := max(start, e.Enrolled)
		// bimonthly payments from the later of 2023 and enrollment
		var days []int32
		for m := 0; ; m += 2 {
			first := timeDay(time.Date(2023, time.Month(1+m), 1, 0, 0, 0, 0, time.UTC))
			if first >= today {
				break
			}
			if first < from {
				continue
			}
			if d := first + int32(between(r, 2, 20)); d < today {
				days = append(days, d)
			}
		}
		if len(days) == 0 {
			continue
		}
		n := between(r, 1, min(6, len(days)))
		for _, j := range r.Perm(len(days))[:n] {
			pay := payment{benef: uint32(len(bens)), day: days[j]}
			if b.card != 0 {
				switch n := r.IntN(1000); {
				case n < 30:
					pay.card = 1
				case n < 33:
					pay.card = 2
				}
			}
			plan = append(plan, pay)
		}
		bens = append(bens, b)
	}
	slices.SortStableFunc(plan, func(a, b payment) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.benef, b.benef))
	})

	t := &Table{
		Name:        "pagos_beneficiarios",
		Style:       "programme-payments",
		Rows:        len(plan),
		PrimaryKey:  []string{"folio_pago"},
		ForeignKeys: []ForeignKey{beneficiaryRef("id_beneficiario")},
		Columns: []Column{
			col("folio_pago", Varchar(14)),
			col("id_beneficiario", Integer),
			col("curp", Char(18), taxonomy.CURP),
			col("medio_pago", Varchar(13)),
			col("tarjeta", Varchar(16), taxonomy.CreditCard),
			col("clabe", Char(18), taxonomy.CLABE),
			col("monto", Decimal(10, 2)),
			col("fecha_pago", Date),
			col("estatus", Varchar(10)),
		},
	}
	for _, pay := range plan {
		// id_beneficiario points at a register row, which names its
		// person with a birthdate: every payment is theirs
		b := bens[pay.benef]
		ident, holds := IdentLinked, CatSet(0)
		if b.form == CURPValid {
			t.Persons = append(t.Persons, reg[b.enr].Person)
			ident, holds = ident|IdentCURP, Cats(taxonomy.CURP)
		}
		switch {
		case b.card == 0:
			holds |= Cats(taxonomy.CLABE)
		case pay.card == 0:
			holds |= Cats(taxonomy.CreditCard)
		}
		t.subject(reg[b.enr].Person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, pay := range plan {
			b := bens[pay.benef]
			e := reg[b.enr]
			var medio, card, clabe any = "TRANSFERENCIA", nil, b.clabe
			if b.card != 0 {
				medio, clabe = "TARJETA", nil
				s := strconv.FormatUint(b.card, 10)
				switch pay.card {
				case 1:
					card = maskCard(s)
				case 2:
					card = "4111111111111111" // a test card left in production
				default:
					card = s
				}
			}
			status := pick(r, []string{"PAGADO", "PAGADO", "PAGADO", "PAGADO", "PAGADO", "RECHAZADO", "REEXPEDIDO"})
			day := dayTime(pay.day)
			row := []any{
				fmt.Sprintf("PB%d-%07d", day.Year(), k+1),
				e.ID,
				curpCell(r, b.form, p.CURP(e.Person), p.Today()),
				medio,
				card,
				clabe,
				money(int(b.payment)),
				day,
				status,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
