package validate

import (
	"strings"
	"testing"
)

func TestParseEmail(t *testing.T) {
	tests := []struct {
		in   string
		want Reason
		note string
	}{
		{"juan.perez@correo.gob.mx", OK, "government domain"},
		{"JUAN.PEREZ@HOTMAIL.COM", OK, "upper case"},
		{"a_b+etiqueta@sub.dominio.com.mx", OK, "plus tag and subdomains"},
		{"o'brien@mail-server.mx", OK, "apostrophe, hyphen in the domain"},
		{"x1@a.io", OK, "short but real"},
		{"  maria@gmail.com  ", OK, "CHAR padding"},
		{"user!#$%&*/=?^`{|}~@dominio.mx", OK, "every atext symbol"},
		// Fixtures and placeholders.
		{"juan@example.com", Fixture, "documentation domain"},
		{"juan@mail.example.org", Fixture, "documentation subdomain"},
		{"juan@server.test", Fixture, "reserved TLD"},
		{"juan@notexample.com", OK, "only the reserved domain itself"},
		{"sincorreo@gmail.com", Placeholder, "no address"},
		{"NO.TIENE@HOTMAIL.COM", Placeholder, "no address, dotted"},
		{"no_tengo@yahoo.com.mx", Placeholder, "no address, underscore"},
		{"xxx@xxx.com", Placeholder, "one character repeated"},
		// Hard negatives.
		{"juan perez@gmail.com", BadFormat, "space"},
		{"juan@@gmail.com", BadFormat, "two @"},
		{"juan@gmail@com", BadFormat, "@ in the domain"},
		{"juan@gmail", BadFormat, "no dot in the domain"},
		{"juan@gmail.c", BadFormat, "one-letter TLD"},
		{"juan@gmail.c0m", BadFormat, "digit in the TLD"},
		{"juan@127.0.0.1", BadFormat, "IP address"},
		{"@gmail.com", BadFormat, "no local part"},
		{"juan@", BadFormat, "no domain"},
		{".juan@gmail.com", BadFormat, "leading dot"},
		{"juan.@gmail.com", BadFormat, "trailing dot"},
		{"ju..an@gmail.com", BadFormat, "two dots"},
		{"juan@-gmail.com", BadFormat, "label starting with a hyphen"},
		{"juan@gmail-.com", BadFormat, "label ending with a hyphen"},
		{"juan@gmail..com", BadFormat, "empty label"},
		{"juan@gmail.com.", BadFormat, "trailing dot in the domain"},
		{"josé@correo.mx", BadFormat, "non-ASCII"},
		{"\"juan\"@gmail.com", BadFormat, "quoted local part"},
		{"juan(at)gmail.com", BadFormat, "obfuscated"},
		{"www.gmail.com", BadFormat, "a web address"},
		{"5512345678", BadFormat, "a phone"},
		{strings.Repeat("a", 65) + "@gmail.com", BadFormat, "local part over 64"},
		{"juan@" + strings.Repeat("a", 64) + ".com", BadFormat, "label over 63"},
		{"", BadFormat, "empty"},
	}
	for _, tt := range tests {
		if r := ParseEmail(tt.in); r != tt.want {
			t.Errorf("ParseEmail(%q) = %v, want %v (%s)", tt.in, r, tt.want, tt.note)
		}
	}
}

func TestParseEmailAllocs(t *testing.T) {
	for _, s := range []string{"juan.perez@correo.gob.mx", "sincorreo@gmail.com", "juan perez"} {
		if n := testing.AllocsPerRun(100, func() { ParseEmail(s) }); n != 0 {
			t.Errorf("ParseEmail(%q): %v allocations", s, n)
		}
	}
}

func BenchmarkParseEmail(b *testing.B) {
	vals := []string{"juan.perez@correo.gob.mx", "MARIA_LOPEZ@HOTMAIL.COM", "HERNANDEZ GARCIA JUAN", "5512345678"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseEmail(vals[i%len(vals)])
	}
}
