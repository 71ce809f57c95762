package validate

import (
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/detectors/norm"
)

func TestIsPlaceholder(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		// docs/taxonomy.md.
		{"SIN CURP", true}, {"XXXX", true}, {"00/00/0000", true}, {"1900-01-01", true},
		// The brief's list, and case, accents and padding.
		{"NO TIENE", true}, {"No Tiene", true}, {"EN TRAMITE", true}, {"En Trámite", true},
		{"EN TRÁMITE", true}, {"N/A", true}, {"n/a", true}, {"NA", true}, {"NULL", true},
		{"null", true}, {"NONE", true}, {"NINGUNO", true}, {"Ninguno", true}, {"S/D", true},
		{"SIN DATO", true}, {"  sin   dato  ", true}, {"Sin Información", true},
		{"SIN INFORMACI\u00d3N", true}, {"-", true}, {".", true}, {"0", true}, {"?", true},
		{"00", true}, {"", true}, {"   ", true}, {"\t", true},
		// Repeated characters.
		{"XXXXXXXXXXXXXXXXXX", true}, {"xxx", true}, {"000000", true}, {"99999", true},
		{"---", true}, {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true},
		// Sentinel dates.
		{"9999-99-99", true}, {"01/01/1900", true}, {"31/12/9999", true},
		{"1900-01-01 00:00:00.000", true}, {"0000-00-00 00:00:00", true}, {"01-ENE-1900", true},
		// Real values.
		{"HERNANDEZ GARCIA JUAN", false}, {"Hernández", false}, {"PEGL890909MJCRMS08", false},
		{"X", false}, {"NE", false}, {"H", false}, {"M", false}, {"1", false}, {"10", false},
		{"1963-03-21", false}, {"21/03/1963", false}, {"55 1234 5678", false}, {"44100", false},
		{"NAVA", false}, {"NADIA", false}, {"SIN", false}, {"NO", false}, {"TIENE", false},
		{"SINALOA", false}, {"NULLO", false}, {"XX XX", false}, {"XXXXXXXXXXXXXXXXXX1", false},
		{"AV. SIN NOMBRE 123", false}, {"100", false}, {"1000000", false}, {"E119", false},
		{strings.Repeat("SIN CURP ", 5), false},
	}
	for _, tt := range tests {
		if got := IsPlaceholder(tt.in); got != tt.want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// The word list is stored folded, or a folded value would never match it.
func TestPlaceholderWordsFolded(t *testing.T) {
	for w := range placeholderWords {
		if f := norm.Fold(w); f != w {
			t.Errorf("%q folds to %q", w, f)
		}
	}
}

func TestIsPlaceholderAllocs(t *testing.T) {
	for _, s := range []string{"HERNANDEZ GARCIA JUAN", "PEGL890909MJCRMS08", "SIN CURP", "1963-03-21", "21/03/1963", "NAVA"} {
		if n := testing.AllocsPerRun(100, func() { IsPlaceholder(s) }); n != 0 {
			t.Errorf("IsPlaceholder(%q): %v allocations", s, n)
		}
	}
}

func BenchmarkIsPlaceholder(b *testing.B) {
	vals := []string{"HERNANDEZ GARCIA JUAN", "PEGL890909MJCRMS08", "1963-03-21", "SIN CURP", "NAVA", "5512345678"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		IsPlaceholder(vals[i%len(vals)])
	}
}

func TestFillerPlaceholders(t *testing.T) {
	for _, s := range []string{"PRUEBA", "prueba 2", "TEST_3", "asdf123", "Demo", "QWERTY1", "EJEMPLO-10"} {
		if !IsPlaceholder(s) {
			t.Errorf("%q not a placeholder", s)
		}
	}
	// Hard negatives: real words that start like fillers, words with a
	// number that are data.
	for _, s := range []string{"TESTIGO", "PRUEBA DE EMBARAZO POSITIVA", "DEMOCRACIA 12", "CALLE 5", "FOOD", "TESTA"} {
		if IsPlaceholder(s) {
			t.Errorf("%q taken for a placeholder", s)
		}
	}
}

func TestIsPlaceholderMixedCaseAllocs(t *testing.T) {
	for _, s := range []string{"Gloria", "José María", "sin dato", "Prueba 2"} {
		if n := testing.AllocsPerRun(100, func() { IsPlaceholder(s) }); n != 0 {
			t.Errorf("IsPlaceholder(%q): %v allocations", s, n)
		}
	}
}

func BenchmarkIsPlaceholderMixed(b *testing.B) {
	vals := []string{"Gloria", "Herrera García", "1956-04-27", "sin dato", "Nava", "2000-01-15"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		IsPlaceholder(vals[i%len(vals)])
	}
}
