package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// PADRON65: a municipal programme for adults over 65, kept in FoxPro and
// loaded from its DBF: column names of at most ten characters, every text
// field CHAR and blank-padded, dates as YYYYMMDD text, Latin-1 text (Ñ
// read through the DOS code page as ¥), sex as 1/2.
//
// Labels:
//   - CURP: curp; XXXXXXXXXXXXXXXXXX, blank fields, typos and the fixture
//     are not persons; valid ones are in Table.Persons.
//   - APE_PAT, APE_MAT, NOMBRES: person_name.
//   - FEC_NAC: birthdate (YYYYMMDD text; 00000000, 19000101 and blanks are
//     not values).
//   - DOMICILIO (street and number), COLONIA: address; COD_POST:
//     postal_code; TELEFONO: phone (blank for about half).
//   - CVE_BEN, SEXO, LOCALIDAD (a municipality alone), FEC_ALTA
//     (registration) and FEC_ULTPAG (last payment), both YYYYMMDD like the
//     birthdate, IMP_BIM, STATUS: none.

type blDBFRow struct {
	person int32
	form   blForm
	alta   int32
}

func blBuildDBF(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	var plan []blDBFRow
	var persons []int32
	for _, i := range blSampleAge(p, r, 150, 65, 110) {
		row := blDBFRow{person: i, alta: blDay(r, min(max(p.people[i].birth+65*365+17, td-15*365), td-30), td-30)}
		switch n := r.IntN(1000); {
		case n < 30:
			row.form = blPlaceholder
		case n < 50:
			row.form = blBlank
		case n < 70:
			row.form = blTypo
		case n < 75:
			row.form = blFixture
		default:
			row.form = blValid
			persons = append(persons, i)
		}
		plan = append(plan, row)
	}
	seed := r.Uint64()
	cols := legacy([]Column{
		col("CVE_BEN", Char(8)),
		col("APE_PAT", Char(20), "person_name"),
		col("APE_MAT", Char(20), "person_name"),
		col("NOMBRES", Char(25), "person_name"),
		col("FEC_NAC", Char(8), "birthdate"),
		col("CURP", Char(18), "curp"),
		col("SEXO", Char(1)),
		col("DOMICILIO", Char(40), "address"),
		col("COLONIA", Char(30), "address"),
		col("COD_POST", Char(5), "postal_code"),
		col("LOCALIDAD", Char(30)),
		col("TELEFONO", Char(10), "phone"),
		col("FEC_ALTA", Char(8)),
		col("FEC_ULTPAG", Char(8)),
		col("IMP_BIM", Decimal(8, 2)),
		col("STATUS", Char(1)),
	})
	dos := func(rr *rand.Rand, s string) string {
		if strings.ContainsRune(s, 'Ñ') && chance(rr, 600) {
			return strings.ReplaceAll(s, "Ñ", "¥")
		}
		return s
	}
	return &Table{
		Name: "PADRON65", Style: "dbf-export", Columns: cols, Rows: len(plan), Persons: persons,
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for k, pl := range plan {
				pe := p.Person(pl.person)
				a := pe.Address
				dob := yyyymmdd(pe.Birth)
				switch n := rr.IntN(1000); {
				case n < 10:
					dob = "00000000"
				case n < 20:
					dob = "19000101"
				case n < 30:
					dob = "        "
				}
				var curp string
				switch pl.form {
				case blPlaceholder:
					curp = "XXXXXXXXXXXXXXXXXX"
				case blBlank:
					curp = strings.Repeat(" ", 18)
				default:
					curp = blCURPCell(rr, pl.form, pe.CURP, today, blCURPPlaceholders).(string)
				}
				street := strings.TrimSuffix(a.StreetType, ".") + " " + a.Street + " " + a.NumberText()
				if a.Interior > 0 {
					street += fmt.Sprintf(" INT %d", a.Interior)
				}
				tel := strings.Repeat(" ", 10)
				if chance(rr, 520) {
					tel = pe.Phone
				}
				alta := dayTime(pl.alta)
				last := dayTime(blDay(rr, max(pl.alta, td-200), td-1))
				status := "A"
				switch n := rr.IntN(100); {
				case n < 8:
					status = "B"
				case n < 12:
					status = "S"
				}
				row := []any{
					fmt.Sprintf("%08d", k+1+rr.IntN(3)*100000),
					padChar(dos(rr, plain(pe.Paterno)), 20), padChar(dos(rr, plain(pe.Materno)), 20),
					padChar(dos(rr, plain(pe.Nombre)), 25), dob, curp,
					sexCode(pe.Sex, "1", "2", "3"),
					padChar(dos(rr, plain(street)), 40), padChar(dos(rr, plain(a.SettlementLine())), 30),
					a.PostalCode, padChar(plain(a.Municipality), 30), tel,
					yyyymmdd(alta), yyyymmdd(last), money(6200_00), status,
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
