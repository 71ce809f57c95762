package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// tbl_emp: a municipality's personnel file in an old PHP and MySQL
// application: every column starts with the table's abbreviation (emp_)
// and the rest is cut short: emp_nom, emp_ap_pat, emp_ap_mat, emp_fnac,
// emp_dom (street and number), emp_col (colonia), emp_mpio, emp_cp,
// emp_tel (the home phone as captured at hiring: seven or eight digits
// before the 2019 numbering change), emp_cel.
//
// Labels follow the values, whatever the prefix (doc.go): names
// person_name, emp_rfc rfc (about 1.5% fail the check character, as real
// ones do), emp_curp curp, emp_nss nss, emp_fnac birthdate, emp_dom and
// emp_col address, emp_cp postal_code, emp_tel and emp_cel phone; emp_mpio
// (a municipality alone), the job, department, salary, hiring date and
// marital status none.
func r4BuildTblEmp(p *Pool, r *rand.Rand) *Table {
	type emp struct {
		person int32
		hired  int32
		form   CURPForm
		job    uint8
	}
	start := timeDay(time.Date(1994, 1, 1, 0, 0, 0, 0, time.UTC))
	end := timeDay(p.Today()) - 1
	var plan []emp
	for _, i := range r4Aged(p, r, 15, 19, 72, 0) {
		from := max(start, p.people[i].birth+18*366)
		if from >= end {
			continue
		}
		plan = append(plan, emp{i, from + int32(r.IntN(int(end-from)+1)), curpForm(r, 30, 20, 8), uint8(r.IntN(len(r4MuniJobs)))})
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].hired < plan[b-1].hired; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	t := &Table{
		Name:  "tbl_emp",
		Style: "municipal-personnel-legacy",
		Rows:  len(plan),
		Columns: []Column{
			col("emp_id", Integer),
			col("emp_num", Varchar(6)),
			col("emp_nom", Varchar(40), taxonomy.PersonName),
			col("emp_ap_pat", Varchar(30), taxonomy.PersonName),
			col("emp_ap_mat", Varchar(30), taxonomy.PersonName),
			col("emp_rfc", Varchar(13), taxonomy.RFC),
			col("emp_curp", Varchar(18), taxonomy.CURP),
			col("emp_nss", Varchar(11), taxonomy.NSS),
			col("emp_fnac", Date, taxonomy.Birthdate),
			col("emp_dom", Varchar(70), taxonomy.Address),
			col("emp_col", Varchar(40), taxonomy.Address),
			col("emp_mpio", Varchar(80)),
			col("emp_cp", Varchar(5), taxonomy.PostalCode),
			col("emp_tel", Varchar(12), taxonomy.Phone),
			col("emp_cel", Varchar(12), taxonomy.Phone),
			col("emp_puesto", Varchar(40)),
			col("emp_depto", Varchar(40)),
			col("emp_sueldo", Decimal(10, 2)),
			col("emp_fing", Date),
			col("emp_edo_civ", Char(1)),
		},
	}
	for _, e := range plan {
		if e.form == CURPValid {
			t.Persons = append(t.Persons, e.person)
		}
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range plan {
			ps := p.Person(e.person)
			a := ps.Address
			hired := dayTime(e.hired)
			job := r4MuniJobs[e.job]
			rfc := r4RFC(r, ps.CURP)
			if chance(r, 15) { // a wrong check character, as about 1.5% of real RFCs
				last := rfc[12]
				for rfc[12] == last {
					rfc = rfc[:12] + string("0123456789A"[r.IntN(11)])
				}
			}
			var rfcCell any = rfc
			if chance(r, 20) {
				rfcCell = nil
			}
			var nss any
			if !chance(r, 60) {
				nss = r4NSS(r, ps.Birth, max(hired.Year(), ps.Birth.Year()+18))
			}
			var materno any = plain(ps.Materno)
			if ps.Materno == "" {
				materno = nil
			}
			var tel, cel any
			if !chance(r, 200) {
				tel = r4PhoneAt(r, ps.Phone, hired)
			}
			if !hired.Before(r4NumberingChange) || chance(r, 400) {
				cel = ps.Phone
			}
			dom := plain(a.StreetType + " " + a.Street + " " + a.NumberText())
			if a.Interior > 0 {
				dom += fmt.Sprintf(" INT %d", a.Interior)
			}
			row := []any{
				int64(k + 1),
				fmt.Sprintf("%05d", 100+k*3+r.IntN(3)),
				plain(ps.Nombre), plain(ps.Paterno), materno,
				rfcCell,
				curpCell(r, e.form, ps.CURP, p.Today()),
				nss,
				ps.Birth,
				dom, plain(a.Colonia), plain(a.Municipality), a.PostalCode,
				tel, cel,
				job.name, job.dept,
				money(between(r, job.lo, job.hi) * 100),
				hired,
				pick(r, []string{"S", "C", "C", "U", "D", "V"}),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4MuniJobs = []struct {
	name, dept string
	lo, hi     int
}{
	{"AUXILIAR ADMINISTRATIVO", "TESORERIA", 7000, 11000}, {"POLICIA PREVENTIVO", "SEGURIDAD PUBLICA", 11000, 16000},
	{"BARRENDERO", "SERVICIOS PUBLICOS", 6000, 8500}, {"CHOFER", "SERVICIOS PUBLICOS", 7500, 10500},
	{"SECRETARIA", "PRESIDENCIA", 7000, 12000}, {"JEFE DE DEPARTAMENTO", "OBRAS PUBLICAS", 15000, 26000},
	{"CAJERO", "TESORERIA", 8000, 11500}, {"JARDINERO", "PARQUES Y JARDINES", 6000, 8000},
	{"INSPECTOR", "REGLAMENTOS", 9000, 13000}, {"ENFERMERA", "DIF MUNICIPAL", 9500, 14000},
	{"MEDICO", "DIF MUNICIPAL", 14000, 22000}, {"ANALISTA", "CATASTRO", 9500, 15000},
}
