package detectors

import (
	"fmt"
	"testing"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// luhnComplete appends the Luhn check digit to digits.
func luhnComplete(digits string) string {
	for d := byte('0'); d <= '9'; d++ {
		if validate.Luhn(digits + string(d)) {
			return digits + string(d)
		}
	}
	panic("unreachable")
}

// clabeComplete appends the CLABE check digit (weights 3, 7, 1).
func clabeComplete(d17 string) string {
	w := []int{3, 7, 1}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(d17[i]-'0') * w[i%3] % 10
	}
	return d17 + fmt.Sprint((10-sum%10)%10)
}

func personRFC(p person) string {
	body := p.curp[:10] + "A1"
	c, _ := validate.RFCCheckDigit(body)
	return body + string(c)
}

// personNSS builds an NSS registered at 18 with the person's birth year.
func personNSS(i int, p person) string {
	yy := p.birth.Year() % 100
	reg := (p.birth.Year() + 18) % 100
	return luhnComplete(fmt.Sprintf("%02d%02d%02d%04d", 10+i%80, reg, yy, i%10000))
}

func TestIdentifierColumns(t *testing.T) {
	ps := people(600, 21)
	tbl := table("nomina", ps,
		text("curp", func(_ int, p person) string { return p.curp }),
		text("rfc", func(_ int, p person) string { return personRFC(p) }),
		text("nss", func(i int, p person) string { return personNSS(i, p) }),
		text("clabe", func(i int, _ person) string { return clabeComplete(fmt.Sprintf("012180%011d", 1000000+i*7)) }),
		text("tarjeta", func(i int, _ person) string { return luhnComplete(fmt.Sprintf("415231%09d", 100000+i*13)) }),
		// Hard negatives beside them: company RFCs, random 11-digit folios.
		text("rfc_emisor", func(i int, _ person) string {
			body := fmt.Sprintf("ABC%06d", 900101+i%20) + "K7"
			c, _ := validate.RFCCheckDigit(body[:11])
			return body[:11] + string(c)
		}),
		text("folio", func(i int, _ person) string { return fmt.Sprintf("%011d", 30000000000+i*104729) }),
	)
	got := found(tbl)
	expect(t, got, map[string][]string{
		"curp":    {taxonomy.CURP},
		"rfc":     {taxonomy.RFC},
		"nss":     {taxonomy.NSS},
		"clabe":   {taxonomy.CLABE},
		"tarjeta": {taxonomy.CreditCard},
	})
}
