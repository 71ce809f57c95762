package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// hr_plantilla_export imitates a private company's staff list exported
// from its payroll package to a spreadsheet and loaded into a reporting
// database: dates are spreadsheet serial integers (days since 1899-12-30),
// the name is one column in registry order (PATERNO MATERNO NOMBRE, or
// PATERNO MATERNO, NOMBRE), the sex is H/M (X for non-binary).
//
// Labels: RFC is rfc (13 characters built from the CURP; about 1.5% fail
// the check character as real ones do; the SAT's generic XAXX010101000 in
// about 1% of rows is not a value). NSS is nss (plain or NN-NN-NN-NNNN-N).
// FEC_NAC is the birthdate as a serial (serial 1, 1900-01-01, is a
// sentinel); FEC_INGRESO and FEC_BAJA are hire and leaving dates: none.
// UMF is the IMSS family-medicine unit the worker is assigned to, the unit
// that attends them: health_facility. REG_PATRONAL is the employer's IMSS
// key and CREDITO_INFONAVIT a housing-loan number: none. CLABE is the
// account the salary is paid into (clabe). CONTACTO_EMERGENCIA is a
// relative's name (person_name) and TEL_EMERGENCIA their phone.
func bcBuildHR(p *Pool, r *rand.Rand) *Table {
	type plan struct {
		who   int32
		form  CURPForm
		hired int32
		left  int32 // 0 = still employed
	}
	staff := bcAged(p, r, 90, 19, 66)
	r.Shuffle(len(staff), func(i, j int) { staff[i], staff[j] = staff[j], staff[i] })
	t := &Table{Name: "hr_plantilla_export", Style: "private-hr-excel-export"}
	t.PrimaryKey = []string{"EMP_ID"}
	var plans []plan
	today := p.Today()
	for _, i := range staff {
		b := p.Birth(i)
		earliest := b.AddDate(18, 0, 0)
		if earliest.Before(time.Date(2003, 1, 1, 0, 0, 0, 0, time.UTC)) {
			earliest = time.Date(2003, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		pl := plan{who: i, form: bcForm(r, 20, 0, 10, 0), hired: timeDay(bcDayBetween(r, earliest, today.AddDate(0, 0, -20)))}
		if chance(r, 250) {
			pl.left = pl.hired + int32(between(r, 30, max(31, int(timeDay(today)-pl.hired)-1)))
		}
		plans = append(plans, pl)
		if pl.form == CURPValid {
			t.Persons = append(t.Persons, i)
		}
	}
	t.Columns = []Column{
		col("EMP_ID", Integer),
		col("NOMBRE_EMPLEADO", Varchar(90), "person_name"),
		col("RFC", Varchar(13), "rfc"),
		col("CURP", Varchar(18), "curp"),
		col("NSS", Varchar(15), "nss"),
		col("FEC_NAC", Integer, "birthdate"),
		col("FEC_INGRESO", Integer),
		col("FEC_BAJA", Integer),
		col("GENERO", Char(1)),
		col("EDO_CIVIL", Varchar(16)),
		col("PUESTO", Varchar(50)),
		col("DEPARTAMENTO", Varchar(40)),
		col("CENTRO_COSTOS", Varchar(10)),
		col("REG_PATRONAL", Varchar(11)),
		col("UMF", Varchar(10), "health_facility"),
		col("SALARIO_DIARIO", Decimal(10, 2)),
		col("SDI", Decimal(10, 2)),
		col("BANCO", Varchar(20)),
		col("CLABE", Varchar(18), "clabe"),
		col("CREDITO_INFONAVIT", Varchar(10)),
		col("DOMICILIO", Varchar(160), "address"),
		col("CP", Varchar(5), "postal_code"),
		col("CORREO_PERSONAL", Varchar(60), "email"),
		col("CEL", Varchar(20), "phone"),
		col("CONTACTO_EMERGENCIA", Varchar(80), "person_name"),
		col("TEL_EMERGENCIA", Varchar(20), "phone"),
	}
	t.Rows = len(plans)
	seed := r.Uint64()
	jobs := []struct{ job, dept string }{
		{"AUXILIAR CONTABLE", "FINANZAS"}, {"EJECUTIVO DE VENTAS", "COMERCIAL"}, {"ALMACENISTA", "OPERACIONES"},
		{"CHOFER REPARTIDOR", "LOGISTICA"}, {"ANALISTA DE NOMINAS", "RECURSOS HUMANOS"}, {"GERENTE DE SUCURSAL", "COMERCIAL"},
		{"DESARROLLADOR SR", "TECNOLOGIA"}, {"AYUDANTE GENERAL", "OPERACIONES"}, {"CAJERA", "TIENDAS"}, {"SUPERVISOR DE PISO", "TIENDAS"},
	}
	regPat := []string{"Y5412345109", "B3218876103", "Y6630012108"}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, pl := range plans {
			pp := p.Person(pl.who)
			name := plain(pp.RegistryName())
			if chance(rr, 200) {
				name = plain(joinNonEmpty(pp.Paterno, pp.Materno)) + ", " + plain(pp.Nombre)
			}
			rfc := bcRFC(rr, pp.CURP, 15)
			if chance(rr, 10) {
				rfc = "XAXX010101000"
			}
			hired := dayTime(pl.hired)
			regYear := min(hired.Year(), today.Year()-1)
			if chance(rr, 400) { // registered at an earlier job
				regYear = between(rr, min(pp.Birth.Year()+16, regYear), regYear)
			}
			var nss any = bcNSS(rr, pp.Birth, regYear)
			if chance(rr, 150) {
				nss = bcDashedNSS(nss.(string))
			}
			if chance(rr, 20) {
				nss = nil
			}
			var fnac any = bcExcelSerial(pp.Birth)
			if chance(rr, 10) {
				fnac = int64(1)
			}
			var baja any
			if pl.left > 0 {
				baja = bcExcelSerial(dayTime(pl.left))
			}
			j := pick(rr, jobs)
			daily := between(rr, 27800, 250000)
			bank := pick(rr, bcBanks[:8])
			var infonavit any
			if chance(rr, 200) {
				infonavit = fmt.Sprintf("%010d", rr.Int64N(10_000_000_000))
			}
			var email any
			if pp.Email != "" {
				email = pp.Email
			}
			contact := bcDrawName(rr)
			contact.Paterno = pick(rr, []string{contact.Paterno, plain(pp.Paterno)})
			tel := pp.Phone
			row := []any{
				int64(100200 + k*7 + rr.IntN(7)),
				name,
				rfc,
				bcCURP(rr, pl.form, pp.CURP, today),
				nss,
				fnac,
				bcExcelSerial(hired),
				baja,
				sexCode(pp.Sex, "H", "M", "X"),
				pick(rr, []string{"SOLTERO(A)", "CASADO(A)", "CASADO(A)", "UNION LIBRE", "DIVORCIADO(A)"}),
				j.job, j.dept,
				fmt.Sprintf("CC-%d", between(rr, 4100, 4190)),
				pick(rr, regPat),
				fmt.Sprintf("UMF %d", between(rr, 1, 190)),
				money(daily), money(daily * 1049 / 1000),
				bank.name, bcCLABE(rr, bank.code),
				infonavit,
				pp.Address.ExportLine(rr),
				pp.Address.PostalCode,
				email,
				phoneText(rr, tel),
				contact.Full(),
				phoneText(rr, bcOtherPhone(rr, tel)),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bcOtherPhone is a relative's number: same area code, another line.
func bcOtherPhone(r *rand.Rand, tel string) string {
	lada := 3
	if tel[:2] == "55" || tel[:2] == "56" || tel[:2] == "33" || tel[:2] == "81" {
		lada = 2
	}
	b := []byte(tel[:lada])
	b = append(b, byte('2'+r.IntN(8)))
	for len(b) < 10 {
		b = append(b, byte('0'+r.IntN(10)))
	}
	return string(b)
}
