package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// nomina_pagos_bienestar: a social programme's payment roll (evaluation
// style), one row per beneficiary and bimester of the year before the
// reference day, so every beneficiary repeats. The name is one field with
// slashes, "PATERNO/MATERNO/NOMBRE" (an empty materno leaves "//"), the
// birthdate text D/M/YYYY without leading zeros, sex as words, each
// beneficiary's CLABE (18 digits, bank code of a real institution, valid
// control digit), the amount and date of each payment, and the place as
// estado, municipio and localidad.
//
// Labels:
//   - person_name, curp, birthdate, clabe as they read.
//   - no label: programa (social programmes, not health programmes:
//     doc.go; the disability pension, whose name would reveal a condition,
//     is deliberately not in this roll), folio_beneficiario (a social
//     programme's folio), banco, periodo, fecha_pago and monto (payment
//     data inside a person table: a payment date is not a birthdate and an
//     amount is not a postal code), genero, estatus_pago, and estado,
//     municipio and localidad: places, and docs/taxonomy.md says a
//     municipality or state column alone is not an address; a locality is
//     the same kind of place.
//
// Mess: about 2% of CURPs in lower case (still valid: ParseCURP folds
// case, and they count as persons), placeholders, typos and NULLs;
// birthdates 00/00/0000; CLABEs missing (paid in cash) or mistyped; Ñ as
// "¥" in some names.
func buildEvalBienestar(p *Pool, r *rand.Rand) *Table {
	type pago struct {
		person int32
		bim    uint8 // 1..6
		prog   uint8
		form   CURPForm
		lower  bool
		noDate bool // fecha_nacimiento 00/00/0000
		typo   bool // a capture error in the CLABE
	}
	today := p.Today()
	year := today.Year() - 1
	mid := time.Date(year, 7, 1, 0, 0, 0, 0, time.UTC)
	ageAt := func(i int32) int {
		b := p.Birth(i)
		a := mid.Year() - b.Year()
		if mid.YearDay() < b.YearDay() {
			a--
		}
		return a
	}
	var plan []pago
	for i := range int32(p.Len()) {
		age := ageAt(i)
		prog := -1
		switch {
		case age >= 65 && chance(r, 650):
			prog = 0
		case age >= 60 && age < 65 && p.people[i].sex == 'M' && chance(r, 500):
			prog = 1
		case age >= 18 && age < 30 && chance(r, 30):
			prog = 3
		case age >= 18 && age < 70 && chance(r, 15):
			prog = 2
		}
		if prog < 0 {
			continue
		}
		form := curpForm(r, 10, 20, 10)
		lower := form == CURPValid && chance(r, 20)
		first := 1
		if chance(r, 200) {
			first = between(r, 2, 6)
		}
		for b := first; b <= 6; b++ {
			plan = append(plan, pago{i, uint8(b), uint8(prog), form, lower, chance(r, 10), chance(r, 15)})
		}
	}
	slices.SortStableFunc(plan, func(a, b pago) int {
		return cmp.Or(cmp.Compare(a.bim, b.bim), cmp.Compare(a.prog, b.prog), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:       "nomina_pagos_bienestar",
		Style:      "social-payroll",
		Rows:       len(plan),
		PrimaryKey: []string{"id_pago"},
		Columns: []Column{
			col("id_pago", Integer),
			col("folio_beneficiario", Varchar(16)),
			col("nombre_completo", Varchar(100), taxonomy.PersonName),
			col("curp", Varchar(18), taxonomy.CURP),
			col("fecha_nacimiento", Varchar(10), taxonomy.Birthdate),
			col("genero", Varchar(10)),
			col("programa", Varchar(70)),
			col("clabe", Char(18), taxonomy.CLABE),
			col("banco", Varchar(30)),
			col("estado", Varchar(40)),
			col("municipio", Varchar(80)),
			col("localidad", Varchar(80)),
			col("periodo", Varchar(20)),
			col("fecha_pago", Date),
			col("monto", Decimal(10, 2)),
			col("estatus_pago", Varchar(12)),
		},
	}
	personSeed := r.Uint64()
	for _, pg := range plan {
		// PATERNO/MATERNO/NOMBRE is the full name
		ident, holds := IdentNone, Cats(taxonomy.PersonName)
		if pg.form == CURPValid && (!pg.lower || validCURP(strings.ToLower(p.CURP(pg.person)), today)) {
			t.Persons = append(t.Persons, pg.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !pg.noDate {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		if !bienestarAccountOf(personSeed, p, pg.person).cash && !pg.typo {
			holds |= Cats(taxonomy.CLABE)
		}
		t.subject(pg.person, ident, holds)
	}
	seed := r.Uint64()
	programas := []string{
		"PENSION PARA EL BIENESTAR DE LAS PERSONAS ADULTAS MAYORES",
		"PENSION MUJERES BIENESTAR",
		"SEMBRANDO VIDA",
		"JOVENES CONSTRUYENDO EL FUTURO",
	}
	prefijos := []string{"PAM", "PMB", "SV", "JCF"}
	montos := []int{620000, 300000, 1290000, 1696000}
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, pg := range plan {
			ps := p.Person(pg.person)
			acct := bienestarAccountOf(personSeed, p, pg.person)
			folio := fmt.Sprintf("%s%s%08d", prefijos[pg.prog], ps.Address.StateKey, acct.folio)
			bank, clabe, cash, loc := acct.bank, acct.clabe, acct.cash, acct.loc

			nombre := mojibake(r, plain(ps.Paterno)+"/"+plain(ps.Materno)+"/"+plain(ps.Nombre), 250)
			var curp any = ps.CURP
			switch pg.form {
			case CURPNull:
				curp = nil
			case CURPPlaceholder:
				curp = pick(r, []string{"SIN CURP", "NO TIENE", "XXXXXXXXXXXXXXXXXX"})
			case CURPTypo:
				curp = typoCURP(r, ps.CURP, today)
			}
			if pg.lower {
				curp = strings.ToLower(ps.CURP)
			}
			fnac := fmt.Sprintf("%d/%d/%d", ps.Birth.Day(), int(ps.Birth.Month()), ps.Birth.Year())
			if pg.noDate {
				fnac = "00/00/0000"
			}
			genero := "MUJER"
			switch ps.Sex {
			case 'H':
				genero = "HOMBRE"
			case 'X':
				genero = "NO BINARIO"
			}
			var cl, banco any = clabe, evBankNames[bank]
			if cash {
				cl, banco = nil, "ORDEN DE PAGO"
			} else if pg.typo {
				cl = evDigitTypo(r, clabe)
			}
			status := "PAGADO"
			switch n := r.IntN(100); {
			case n < 3:
				status = "RECHAZADO"
			case n < 5:
				status = "REEXPEDIDO"
			}
			paid := time.Date(year, time.Month(2*int(pg.bim)-1), between(r, 2, 28), 0, 0, 0, 0, time.UTC)
			row := []any{
				int64(k + 1),
				folio,
				nombre,
				curp,
				fnac,
				genero,
				programas[pg.prog],
				cl,
				banco,
				plain(strings.ToUpper(ps.Address.StateName)),
				plain(ps.Address.Municipality),
				plain(loc),
				fmt.Sprintf("BIMESTRE %d %d", pg.bim, year),
				paid,
				money(montos[pg.prog]),
				status,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bienestarAccount is what a beneficiary keeps in every row: the folio's
// number, the bank and CLABE, whether they are paid in cash, and their
// locality. It comes from the person's own stream, so their rows agree.
type bienestarAccount struct {
	folio int
	bank  int
	clabe string
	cash  bool
	loc   string
}

func bienestarAccountOf(seed uint64, p *Pool, i int32) bienestarAccount {
	pr := evPersonStream(seed, i)
	var a bienestarAccount
	a.folio = pr.IntN(100_000_000)
	a.bank = evBankW.pick(pr)
	a.clabe = evCLABE(pr, evBankCodes[a.bank])
	a.cash = chance(pr, 40)
	a.loc = p.Person(i).Address.Municipality
	if !chance(pr, 450) {
		a.loc = pick(pr, evLocalidades)
	}
	return a
}

// evLocalidades are names of rural localities, the INEGI localidad of a
// beneficiary who does not live in the municipal seat.
var evLocalidades = []string{
	"SAN ISIDRO", "EL LIMON", "LA LOMA", "RANCHO NUEVO", "EJIDO LA ESPERANZA", "SANTA CRUZ",
	"LOS REYES", "EL CARMEN", "SAN MIGUEL", "BUENAVISTA", "CERRO GORDO", "LA PALMA",
	"EL PORVENIR", "TRES CRUCES", "PALO ALTO", "AGUA ZARCA", "EL MEZQUITE", "OJO DE AGUA",
	"SAN JOSE DE GRACIA", "LA CONCEPCION", "EL SALTO", "POTRERILLOS", "LAS MESAS", "CHAPULTEPEC",
}
