package norm

import (
	"reflect"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want, note string }{
		{"HERNANDEZ", "HERNANDEZ", "already folded"},
		{"Hernández García", "HERNANDEZ GARCIA", "accents and case"},
		{"ÁÉÍÓÚ áéíóú ÀÈÌÒÙ âêîôû äëïöü", "AEIOU AEIOU AEIOU AEIOU AEIOU", "every accent"},
		{"Güemes", "GUEMES", "diaeresis"},
		{"Muñoz", "MUÑOZ", "ñ kept, upper-cased"},
		{"MUÑOZ", "MUÑOZ", "Ñ kept"},
		{"Peña Nieto", "PEÑA NIETO", "ñ inside"},
		{"Françoise", "FRANCOISE", "ç"},
		// Mojibake (§7.1).
		{"MUÃ‘OZ", "MUÑOZ", "UTF-8 read as Windows-1252"},
		{"muÃ±oz", "MUÑOZ", "lower-case ñ read as Windows-1252"},
		{"MU\u00c3\u0091OZ", "MUÑOZ", "UTF-8 read as ISO-8859-1"},
		{"MU¥OZ", "MUÑOZ", "code page 437/850 Ñ"},
		{"HernÃ¡ndez GarcÃ\u00ada", "HERNANDEZ GARCIA", "accents read as Windows-1252"},
		{"JOSÃ‰", "JOSE", "É read as Windows-1252"},
		{"CONCEPCIÃ“N", "CONCEPCION", "Ó read as Windows-1252"},
		// Whitespace.
		{"  juan   carlos  ", "JUAN CARLOS", "padding and runs"},
		{"JUAN\tCARLOS\nPEREZ", "JUAN CARLOS PEREZ", "tabs and newlines"},
		{"JUAN\u00a0CARLOS", "JUAN CARLOS", "no-break space"},
		{"JUAN  CARLOS", "JUAN CARLOS", "upper case, two spaces"},
		{" JUAN", "JUAN", "upper case, leading space"},
		{"", "", "empty"},
		{"   ", "", "blank"},
		// Punctuation and digits are kept.
		{"ma. de la luz", "MA. DE LA LUZ", "dots kept"},
		{"curp-123 4", "CURP-123 4", "digits and dashes kept"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q (%s)", tt.in, got, tt.want, tt.note)
		}
	}
}

func TestHasMojibake(t *testing.T) {
	for in, want := range map[string]bool{
		"MUÃ‘OZ": true, "MU¥OZ": true, "MUÑOZ": false, "MUNOZ": false, "": false,
	} {
		if got := HasMojibake(in); got != want {
			t.Errorf("HasMojibake(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCompact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"curp-123 4", "CURP1234"},
		{"PEGL-890909-MJCRMS-08", "PEGL890909MJCRMS08"},
		{" pegl 890909 mjcrms 08 ", "PEGL890909MJCRMS08"},
		{"GODE561231GR8", "GODE561231GR8"},
		{"Muñoz-Peña", "MUÑOZPEÑA"},
		{"MUÃ‘OZ", "MUÑOZ"},
		{"(55) 1234.5678", "5512345678"},
		{"A&B", "AB"},
		{"---", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Compact(tt.in); got != tt.want {
			t.Errorf("Compact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"HERNÁNDEZ-GARCÍA, Ma. José", []string{"HERNANDEZ", "GARCIA", "MA", "JOSE"}},
		{"de la Cruz", []string{"DE", "LA", "CRUZ"}}, // particles are words
		{"MA. DE LOS ÁNGELES", []string{"MA", "DE", "LOS", "ANGELES"}},
		{"Mc Gregor", []string{"MC", "GREGOR"}},
		{"O'Brien", []string{"O'BRIEN"}}, // apostrophe inside a word
		{"D'AMICO", []string{"D'AMICO"}},
		{"JONES'", []string{"JONES"}},              // trailing apostrophe dropped
		{"'JUAN'", []string{"JUAN"}},               // leading one too
		{"O’Brien", []string{"O’BRIEN"}},           // typographic apostrophe
		{"JONES’ Y", []string{"JONES", "Y"}},       // typographic apostrophe
		{"D/AMICO", []string{"D", "AMICO"}},        // slash splits
		{"Juan2 Pérez", []string{"JUAN", "PEREZ"}}, // digits dropped
		{"Muñoz", []string{"MUÑOZ"}},
		{"MUÃ‘OZ LÓPEZ", []string{"MUÑOZ", "LOPEZ"}},
		{"  ", nil},
		{"12345", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIdentifier(t *testing.T) {
	tests := []struct{ in, want string }{
		{"FechaNacimiento", "fecha_nacimiento"},
		{"fechaNacimiento", "fecha_nacimiento"},
		{"fecha_nacimiento", "fecha_nacimiento"},
		{"FEC_NACIM", "fec_nacim"},
		{"FECNACIM", "fecnacim"},
		{"Fecha-Nac", "fecha_nac"},
		{"Fecha Nac.", "fecha_nac"},
		{"fecha__nac", "fecha_nac"},
		{"fecha_Nac", "fecha_nac"},
		{"FechaNAC", "fecha_nac"},
		{"_curp_", "curp"},
		{"año", "ano"},
		{"AÑO_NAC", "ano_nac"},
		{"Año", "ano"},
		{"FechaÚltimaConsulta", "fecha_ultima_consulta"},
		{"Teléfono", "telefono"},
		{"C01", "c01"},
		{"Col01Curp", "col01_curp"},
		{"CURPPaciente", "curp_paciente"},
		{"IDPaciente", "id_paciente"},
		{"HTTPServer", "http_server"},
		{"dx2", "dx2"},
		{"[Fecha Nac]", "fecha_nac"},
		{"\"NSS\"", "nss"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Identifier(tt.in); got != tt.want {
			t.Errorf("Identifier(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Fold must not copy values that are already folded: most legacy values
// are, and it runs on all of them.
func TestFoldAllocs(t *testing.T) {
	for _, s := range []string{"HERNANDEZ GARCIA JUAN", "PEGL890909MJCRMS08"} {
		if n := testing.AllocsPerRun(100, func() { Fold(s) }); n != 0 {
			t.Errorf("Fold(%q): %v allocations", s, n)
		}
		if n := testing.AllocsPerRun(100, func() { Compact(s[:8]) }); n != 0 {
			t.Errorf("Compact(%q): %v allocations", s[:8], n)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	vals := []string{"HERNANDEZ GARCIA JUAN", "Hernández García Juan", "MUÃ‘OZ"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Fold(vals[i%len(vals)])
	}
}

func TestAppendFoldIsFold(t *testing.T) {
	for _, s := range []string{"", "GLORIA", "Gloria", "  josé   María\tPérez ", "MuÃ±oz", "ñandú", "ǅemal", "a\u00a0b", "\xff\xfeX", "ÀÉÎÕÜ çß", "x  y"} {
		pre := []byte("pre")
		if got := string(AppendFold(pre, s)); got != "pre"+Fold(s) {
			t.Errorf("AppendFold(%q) = %q, want %q", s, got, "pre"+Fold(s))
		}
	}
}
