package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// cuentas_servicio: an IT department's register of service accounts, the
// logins its interfaces use against RENAPO, SINBA, the payroll and the
// bank, with their plain-text passwords, one row per account. Some logins
// were made to look like the identifiers the interface exchanges: 18
// characters shaped like a CURP (SIST000000HDFXXX00), 13 shaped like an
// RFC (INTE991332AB1), an 11-digit number; none validates (the dates do not
// exist, the check digits fail), and passwords mix words and digits.
//
// No person is behind these accounts; the table holds no personal data
// (doc.go: logins are account ids, passwords are never labelled, and a
// string shaped like an identifier that fails validation is not one).
func r4BuildCuentasServicio(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 250, 40, 400)
	t := &Table{
		Name:         "cuentas_servicio",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: []Column{
			col("ID_CUENTA", Integer),
			col("LOGIN", Varchar(20)),
			col("PASSWORD", Varchar(24)),
			col("SISTEMA", Varchar(30)),
			col("DESCRIPCION", Varchar(80)),
			col("SERVIDOR", Varchar(40)),
			col("PUERTO", Integer),
			col("RESPONSABLE_AREA", Varchar(40)),
			col("ULTIMO_CAMBIO", Date),
			col("ACTIVA", Char(1)),
		},
	}
	today := p.Today()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			sys := pick(r, r4ServiceSystems)
			var login string
			switch m := r.IntN(10); {
			case m < 3:
				login = r4NotACURP(r, today)
			case m < 5:
				login = r4NotAnRFC(r)
			case m < 6:
				login = r4NotAnNSS(r, today)
			default:
				login = strings.ToLower(sys.code) + pick(r, []string{"_ws", "_etl", "-svc", "_rpt", "_batch"}) + fmt.Sprint(between(r, 1, 9))
			}
			pass := r4ServicePassword(r, sys.code, today)
			row := []any{int64(k + 1), login, pass, sys.name, sys.desc,
				fmt.Sprintf("%s-%s%02d.salud.local", pick(r, []string{"srv", "app", "db", "etl"}), strings.ToLower(sys.code), between(r, 1, 12)),
				int64(pick(r, []int{443, 1433, 5432, 3306, 8080, 1521})),
				pick(r, []string{"JEFE DE INFORMATICA", "SUBDIRECCION DE SISTEMAS", "DEPARTAMENTO DE REDES", "SOPORTE TECNICO"}),
				r4DayBetween(r, today.AddDate(-6, 0, 0), today.AddDate(0, 0, -1)), pick(r, []string{"S", "S", "S", "N"})}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4ServiceSystems = []struct{ code, name, desc string }{
	{"RENAPO", "CONSULTA CURP RENAPO", "INTERFAZ DE VALIDACION DE CURP CON EL WEB SERVICE DE RENAPO"},
	{"SINBA", "SINBA", "CARGA NOCTURNA DE CONSULTAS AL SISTEMA DE INFORMACION BASICA"},
	{"NOMINA", "NOMINA ESTATAL", "TIMBRADO DE RECIBOS DE NOMINA"},
	{"SPEI", "DISPERSION BANCARIA", "ENVIO DE ARCHIVOS DE DISPERSION AL BANCO"},
	{"SIAFF", "CONTABILIDAD", "PASO DE POLIZAS A CONTABILIDAD"},
	{"RESP", "RESPALDOS", "RESPALDO DIARIO DE BASES DE DATOS"},
	{"PORTAL", "PORTAL CIUDADANO", "LECTURA DE SOLICITUDES DEL PORTAL"},
}

// r4NotACURP is shaped like a CURP (four letters, six digits, H or M, a
// state code, three consonants, two characters) and never validates: the
// date has a month 00 or 13, or the check digit is wrong.
func r4NotACURP(r *rand.Rand, today time.Time) string {
	for {
		var b strings.Builder
		for range 4 {
			b.WriteByte(byte('A' + r.IntN(26)))
		}
		switch r.IntN(3) {
		case 0:
			b.WriteString("000000")
		case 1:
			fmt.Fprintf(&b, "%02d13%02d", r.IntN(100), between(r, 1, 28))
		default:
			fmt.Fprintf(&b, "%02d%02d%02d", r.IntN(100), between(r, 1, 12), between(r, 1, 28))
		}
		b.WriteByte("HM"[r.IntN(2)])
		b.WriteString(pick(r, []string{"DF", "MC", "JC", "NL", "PL"}))
		b.WriteString("XXX")
		fmt.Fprintf(&b, "%02d", r.IntN(100))
		s := b.String()
		if !r4ValidatesAsPersonID(s, today) {
			return s
		}
	}
}

// r4NotAnRFC is shaped like a personal RFC with a month that does not exist.
func r4NotAnRFC(r *rand.Rand) string {
	var b strings.Builder
	for range 4 {
		b.WriteByte(byte('A' + r.IntN(26)))
	}
	fmt.Fprintf(&b, "%02d%02d%02d", r.IntN(100), between(r, 13, 19), between(r, 1, 28))
	for range 3 {
		b.WriteByte(homoclave[r.IntN(len(homoclave))])
	}
	return b.String()
}

// r4NotAnNSS is eleven digits that fail the NSS check.
func r4NotAnNSS(r *rand.Rand, today time.Time) string {
	for {
		s := fmt.Sprintf("%011d", r.Int64N(100_000_000_000))
		if _, why := validate.ParseNSS(s, today); why != validate.OK && !validate.Luhn(s) {
			return s
		}
	}
}

// r4ServicePassword is a service password: words, the system, a year.
func r4ServicePassword(r *rand.Rand, sys string, today time.Time) string {
	switch r.IntN(5) {
	case 0:
		return titleCase(strings.ToLower(sys)) + fmt.Sprint(between(r, 2015, today.Year())) + pick(r, []string{"!", "#", "*", "$"})
	case 1:
		return pick(r, []string{"Cambiame1", "P@ssw0rd", "Admin123", "Temporal01", "Sistemas#1"})
	case 2:
		return r4NotAnRFC(r)
	}
	var b strings.Builder
	for range between(r, 10, 16) {
		b.WriteByte("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789#$%"[r.IntN(59)])
	}
	return b.String()
}

// r4ValidatesAsPersonID reports whether s validates as an identifier of a
// person (CURP, personal RFC, voter key, NSS, CLABE or card): hard
// negatives redraw values that happen to.
func r4ValidatesAsPersonID(s string, today time.Time) bool {
	if _, why := validate.ParseCURP(s, today); why == validate.OK {
		return true
	}
	if rfc, why := validate.ParseRFC(s); why == validate.OK && rfc.Person {
		return true
	}
	if _, why := validate.ParseVoterKey(s, today); why == validate.OK {
		return true
	}
	if _, why := validate.ParseNSS(s, today); why == validate.OK {
		return true
	}
	if validate.ParseCLABE(s) == validate.OK {
		return true
	}
	_, why := validate.ParseCard(s)
	return why == validate.OK
}
