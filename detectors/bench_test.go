package detectors

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// benchColumn is one category's column for the benchmark, and the plain
// regular expression a naive scanner would use for it: the baseline.
type benchColumn struct {
	category, column string
	baseline         string
	value            func(i int, p person) string
}

var benchColumns = []benchColumn{
	{"curp", "curp", `^[A-Z][AEIOUX][A-Z]{2}[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[HMX](AS|B[CS]|C[CLMSH]|D[FG]|G[RT]|HG|JC|M[CNS]|N[ELT]|OC|PL|Q[RT]|S[LPR]|T[CLS]|VZ|YN|ZS)[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z][0-9]$`,
		func(_ int, p person) string { return p.curp }},
	{"rfc", "rfc", `^[A-ZÑ&]{4}[0-9]{6}[A-Z0-9]{3}$`, func(_ int, p person) string { return personRFC(p) }},
	{"nss", "nss", `^[0-9]{11}$`, personNSS},
	{"person_name", "nombre_completo", `^[A-ZÁÉÍÓÚÑ]+( [A-ZÁÉÍÓÚÑ]+)+$`,
		func(_ int, p person) string { return p.paterno + " " + p.materno + " " + p.nombre }},
	{"birthdate", "fecha_nac", `^[0-9]{2}/[0-9]{2}/[0-9]{4}$`, func(_ int, p person) string { return p.birth.Format("02/01/2006") }},
	{"address", "domicilio", `(?i)\b(calle|av|col)\b.*[0-9]`,
		func(i int, _ person) string { return fmt.Sprintf("CALLE HIDALGO %d COL CENTRO", i%900+1) }},
	{"postal_code", "cp", `^[0-9]{5}$`, func(i int, _ person) string { return fmt.Sprintf("%05d", 20000+i*7%70000) }},
	{"phone", "telefono", `^[0-9]{10}$`, func(i int, _ person) string { return fmt.Sprintf("33%08d", 10000000+i*7919) }},
	{"email", "correo", `^[^@\s]+@[^@\s]+\.[a-z]{2,}$`,
		func(i int, p person) string { return fmt.Sprintf("%s%d@correo.mx", strings.ToLower(p.paterno[:3]), i) }},
	{"health_condition", "cie10", `^[A-Z][0-9]{2}(\.?[0-9X])?$`,
		func(i int, _ person) string { return []string{"E11.9", "I10X", "J069", "A09X", "N390"}[i%5] }},
	{"health_facility", "clues", `^[A-Z]{5}[0-9]{6}$`, func(i int, _ person) string { return fmt.Sprintf("JCSSA%06d", 1000+i%300) }},
	{"clabe", "clabe", `^[0-9]{18}$`, func(i int, _ person) string { return clabeComplete(fmt.Sprintf("012180%011d", i)) }},
	{"credit_card", "tarjeta", `^[0-9]{16}$`, func(i int, _ person) string { return luhnComplete(fmt.Sprintf("415231%09d", i)) }},
}

// BenchmarkCategories classifies a 10,000-value column of each category
// and, in the same run, matches the same values with the plain regular
// expression a naive scanner would use. It reports alcance's values/s, the
// regexp's, and the ratio (how many times the regexp's time alcance takes
// for checking far more: check digits, dates, dictionaries, context).
func BenchmarkCategories(b *testing.B) {
	ps := people(10000, 31)
	for _, bc := range benchColumns {
		b.Run(bc.category, func(b *testing.B) {
			tbl := table("t", ps, text(bc.column, bc.value))
			re := regexp.MustCompile(bc.baseline)
			values := tbl.Columns[0].Values
			var alcance, baseline time.Duration
			for b.Loop() {
				t0 := time.Now()
				Classify(tbl, Options{Today: today})
				t1 := time.Now()
				n := 0
				for _, v := range values {
					if re.MatchString(v) {
						n++
					}
				}
				baseline += time.Since(t1)
				alcance += t1.Sub(t0)
				if n == 0 {
					b.Fatalf("the baseline matched nothing: %s", bc.baseline)
				}
			}
			total := float64(b.N * len(values))
			b.ReportMetric(total/alcance.Seconds(), "values/s")
			b.ReportMetric(total/baseline.Seconds(), "regexp-values/s")
			b.ReportMetric(alcance.Seconds()/baseline.Seconds(), "x-regexp-time")
		})
	}
}
