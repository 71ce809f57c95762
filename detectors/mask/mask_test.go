package mask

import (
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/taxonomy"
)

func TestValue(t *testing.T) {
	tests := []struct{ category, in, want string }{
		{taxonomy.CURP, "GOMC771012HDFRRL09", "GOMC******HDFRRL0*"},
		{taxonomy.CURP, "gomc-771012-hdfrrl-09", "GOMC******HDFRRL0*"},
		{taxonomy.PersonName, "HERNANDEZ GARCIA JUAN", "H******** G***** J***"},
		{taxonomy.PersonName, "Ma. de los Ángeles", "**. ** l** Á******"},
		{taxonomy.PersonName, "J M", "* *"},
		{taxonomy.Birthdate, "21/03/1963", "**/**/1963"},
		{taxonomy.Birthdate, "19630321", "1963****"},
		{taxonomy.Birthdate, "1963-03-21", "1963-**-**"},
		{taxonomy.Birthdate, "21031963", "****1963"},
		{taxonomy.Birthdate, "21 de marzo de 1963", "** ** ***** ** 1963"},
		{taxonomy.Birthdate, "21/03/63", "**/**/**"},
		{taxonomy.Email, "juan.perez@gmail.com", "j***.p****@g****.com"},
		{taxonomy.Email, "x@y.mx", "*@*.mx"},
		{taxonomy.Phone, "5512345678", "55********"},
		{taxonomy.PostalCode, "44100", "44***"},
		{taxonomy.Address, "AV JUAREZ 123 COL CENTRO", "** J***** *** C** C*****"},
		{taxonomy.HealthCondition, "E11.9", "E**.*"},
		{taxonomy.HealthCondition, "DIABETES MELLITUS TIPO 2", "D******* M******* T*** *"},
		{taxonomy.HealthFacility, "DFSSA003256", "DF*********"},
		{taxonomy.RFC, "GODE561231GR8", "GODE*********"},
	}
	for _, tt := range tests {
		got := Value(tt.category, tt.in)
		if got != tt.want {
			t.Errorf("Value(%s, %q) = %q, want %q", tt.category, tt.in, got, tt.want)
		}
	}
}

// TestNeverTheValue: whatever the category and input, a mask is never the
// complete value, and hides at least half of its letters and digits, but
// for the CURP, whose masked form the contract fixes (GOMC******HDFRRL0*:
// the name letters, sex and state say little; the date and check digit,
// which make it look-up-able, are hidden).
func TestNeverTheValue(t *testing.T) {
	inputs := []string{"A", "AB", "12", "JUAN", "5512345678", "HEGG560427MVZRRL04", "x@y.mx",
		"PEREZ", "E11", "1963-03-21", "CALLE 5 DE MAYO S/N", "Ñ", "00000", "ANA MARIA"}
	for _, c := range taxonomy.Categories {
		for _, in := range inputs {
			got := Value(c.ID, in)
			if got == in {
				t.Errorf("Value(%s, %q) returned the value itself", c.ID, in)
			}
			if shown, total := alnum(got), alnum(in); c.ID != taxonomy.CURP && total > 1 && shown*2 > total {
				t.Errorf("Value(%s, %q) = %q shows %d of %d characters", c.ID, in, got, shown, total)
			}
		}
	}
}

func alnum(s string) int {
	n := 0
	for _, r := range s {
		if r != '*' && strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÑñÁ0123456789", r) {
			n++
		}
	}
	return n
}
