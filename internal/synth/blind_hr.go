package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// HR_EMP_MASTER: the employee master of a commercial HR package a state
// health service bought, with its English, abbreviated column names:
// EMP_FNM, EMP_LNM, DOB (a DATETIME at midnight), GNDR in M/F (English
// coding: M is male), NATL_ID for the CURP, TAX_ID, SSN for the IMSS
// number, BANK_CLABE.
//
// Labels:
//   - NATL_ID: curp; valid ones are in Table.Persons.
//   - EMP_FNM, EMP_LNM, EMP_LNM2 (second surname, NULL when none),
//     EMRG_CNTCT (the emergency contact): person_name.
//   - DOB: birthdate (TIMESTAMP at 00:00:00; 1900-01-01, the column's
//     default, is a sentinel, not a value).
//   - TAX_ID: rfc (13 characters, ~1.5% with a failing check character;
//     XAXX010101000 is not a value).
//   - SSN: nss (the column name is English, the values are IMSS numbers).
//   - BANK_CLABE: clabe (the salary account: a person's).
//   - HOME_ZIP: postal_code (of the employee's home).
//   - CELL_PH, EMRG_PH: phone (the employee's and the contact's).
//   - EMAIL: email (personal, or the employee's own work address built
//     from the name: both are a person's address).
//   - EMP_ID, GNDR, HIRE_DT, TERM_DT (hire and termination dates),
//     DEPT_CD, JOB_TTL, WORK_LOC (the CLUES of the unit the employee works
//     in: an employee's workplace did not attend them, doc.go), BASE_SAL:
//     none.

type blHRRow struct {
	person, contact int32
	form            blForm
	taxForm         uint8 // 0 ok, 1 bad check, 2 generic, 3 NULL
	hire            int32
	term            int32 // 0 = active
	facility        int32
	job             uint8
}

var blJobs = []struct{ dept, title string }{
	{"MED", "MEDICO GENERAL A"}, {"MED", "MEDICO ESPECIALISTA B"}, {"ENF", "ENFERMERA GENERAL TITULADA"},
	{"ENF", "AUXILIAR DE ENFERMERIA"}, {"ADM", "APOYO ADMINISTRATIVO EN SALUD A3"}, {"ADM", "JEFE DE OFICINA"},
	{"LAB", "QUIMICO FARMACOBIOLOGO"}, {"MTO", "TECNICO EN MANTENIMIENTO"}, {"TRS", "CHOFER DE AMBULANCIA"},
	{"ENF", "ENFERMERA ESPECIALISTA"}, {"PSI", "PSICOLOGO CLINICO"}, {"NUT", "NUTRIOLOGO"},
}

func blBuildHR(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	var plan []blHRRow
	var persons []int32
	for _, i := range blSampleAge(p, r, 35, 20, 66) {
		row := blHRRow{person: i, contact: blAdult(p, r, i), form: blDrawForm(r, 5, 15, 10, 0),
			job: uint8(r.IntN(len(blJobs)))}
		switch n := r.IntN(1000); {
		case n < 15:
			row.taxForm = 1
		case n < 25:
			row.taxForm = 2
		case n < 35:
			row.taxForm = 3
		}
		row.hire = blDay(r, min(max(p.people[i].birth+19*365, td-35*365), td-20), td-20)
		if chance(r, 120) {
			row.term = blDay(r, row.hire+30, td-1)
		}
		st := states[muniState(int(p.people[i].muni))].Code
		row.facility = int32(blFacilityIn(p, r, st, ""))
		if row.facility < 0 {
			row.facility = int32(r.IntN(len(p.facilities)))
		}
		if row.form == blValid {
			persons = append(persons, i)
		}
		plan = append(plan, row)
	}
	seed := r.Uint64()
	cols := []Column{
		col("EMP_ID", Integer),
		col("EMP_FNM", Varchar(30), "person_name"),
		col("EMP_LNM", Varchar(30), "person_name"),
		col("EMP_LNM2", Varchar(30), "person_name"),
		col("DOB", Timestamp, "birthdate"),
		col("GNDR", Char(1)),
		col("NATL_ID", Varchar(18), "curp"),
		col("TAX_ID", Varchar(13), "rfc"),
		col("SSN", Varchar(11), "nss"),
		col("HIRE_DT", Date),
		col("TERM_DT", Date),
		col("DEPT_CD", Varchar(6)),
		col("JOB_TTL", Varchar(40)),
		col("WORK_LOC", Varchar(11)),
		col("BASE_SAL", Decimal(10, 2)),
		col("BANK_CLABE", Varchar(18), "clabe"),
		col("HOME_ZIP", Varchar(5), "postal_code"),
		col("CELL_PH", Varchar(16), "phone"),
		col("EMAIL", Varchar(60), "email"),
		col("EMRG_CNTCT", Varchar(60), "person_name"),
		col("EMRG_PH", Varchar(16), "phone"),
	}
	return &Table{
		Name: "HR_EMP_MASTER", Style: "hr-system-english", Columns: cols, Rows: len(plan), Persons: persons,
		PrimaryKey:  []string{"EMP_ID"},
		ForeignKeys: []ForeignKey{cluesRef("WORK_LOC")},
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for k, pl := range plan {
				pe, ct := p.Person(pl.person), p.Person(pl.contact)
				var tax any
				switch pl.taxForm {
				case 0, 1:
					tax = blRFC13(pe, pl.taxForm == 1)
				case 2:
					tax = blGenericRFC
				}
				var nss any
				if !chance(rr, 15) {
					nss = blNSS(rr, pe.Birth, today)
				}
				var term any
				if pl.term > 0 {
					term = dayTime(pl.term)
				}
				email := pe.Email
				if g := emailWord(firstWord(pe.Nombre)); g != "" && (email == "" || chance(rr, 300)) {
					email = g[:1] + emailWord(firstWord(pe.Paterno)) + "@" + pick(rr, []string{"salud.gob.mx", "ssa.gob.mx", "sesa.gob.mx"})
				}
				job := blJobs[pl.job]
				dob := pe.Birth
				if chance(rr, 6) {
					dob = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC) // the datetime column's default
				}
				row := []any{
					int64(10000 + k*3 + rr.IntN(3)),
					blCut(titleCase(pe.Nombre), 30), blCut(titleCase(pe.Paterno), 30),
					blNullIfEmpty(blCut(titleCase(pe.Materno), 30)),
					dob, sexCode(pe.Sex, "M", "F", "X"),
					blCURPCell(rr, pl.form, pe.CURP, today, []string{"", "N/A", "PENDING", "XXXXXXXXXXXXXXXXXX"}),
					tax, nss, dayTime(pl.hire), term, job.dept + fmt.Sprintf("%03d", rr.IntN(40)),
					job.title, p.facilities[pl.facility].CLUES, money(between(rr, 9_500_00, 62_000_00)),
					blCLABE(rr, pick(rr, blBanks).code), pe.Address.PostalCode,
					phoneText(rr, pe.Phone), strings.ToLower(email),
					blCut(titleCase(ct.FullName()), 60), phoneText(rr, ct.Phone),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
