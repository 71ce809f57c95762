package detectors

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/taxonomy"
)

// Names (and CURPs) in the file names of stored documents (issue 10).
func TestNamesInFileNames(t *testing.T) {
	ps := people(300, 81)
	camel := func(s string) string {
		var b strings.Builder
		for _, w := range strings.Fields(s) {
			b.WriteString(w[:1] + strings.ToLower(w[1:]))
		}
		return b.String()
	}
	tbl := table("documentos", ps,
		text("id_paciente", func(i int, _ person) string { return fmt.Sprint(500 + i) }),
		text("archivo", func(i int, p person) string {
			switch i % 3 {
			case 0:
				return fmt.Sprintf("expedientes/2021/INE_%s_%s_%s.pdf", strings.ReplaceAll(p.nombre, " ", "_"), p.paterno, p.materno)
			case 1:
				return "CURP_" + p.curp + ".pdf"
			}
			return "acta_nacimiento-" + camel(p.nombre+" "+p.paterno) + ".jpg"
		}),
	)
	got := found(tbl)
	for _, cat := range []string{taxonomy.PersonName, taxonomy.CURP} {
		if !hasString(got["archivo"], cat) {
			t.Errorf("archivo: found %v, want %s", got["archivo"], cat)
		}
	}
	// Hard negative: file names of things.
	neg := table("adjuntos", ps,
		text("folio", func(i int, _ person) string { return fmt.Sprintf("A-%05d", i) }),
		text("archivo", func(i int, _ person) string {
			return []string{"reporte_mensual_enero_2021.pdf", "logo_hospital.png", "oficio_1234.docx",
				"inventario_BENITO_JUAREZ.xlsx"}[i%4]
		}),
	)
	if g := found(neg); len(g) > 0 {
		t.Errorf("file names of things: found %v", g)
	}
}
