package detectors

import (
	"fmt"
	"testing"

	"github.com/alcance-mx/alcance/detectors/rules"
	"github.com/alcance-mx/alcance/taxonomy"
)

func TestCustomRules(t *testing.T) {
	rs, err := rules.Parse([]byte(`
rules:
  - id: folio_issemym
    category: health_enrollment
    confidence: 0.93
    column_names: '(?i)issemym'
    values: '^ISM-\d{6}$'
  - id: afiliado_estatal
    category: health_enrollment
    values: '^AE\d{8}[A-Z]$'
  - id: nombre_legacy
    category: person_name
    confidence: 0.75
    column_names: '(?i)^xnm\d$'
`))
	if err != nil {
		t.Fatal(err)
	}
	ps := people(400, 21)
	tbl := table("afiliados", ps,
		text("curp", func(_ int, p person) string { return p.curp }),
		text("afil_issemym", func(i int, _ person) string { return fmt.Sprintf("ISM-%06d", 100000+i*37) }),
		text("clave_estatal", func(i int, _ person) string { return fmt.Sprintf("AE%08d%c", 4000000+i*113, 'A'+rune(i%26)) }),
		// Named like the first rule, but its values are not the format:
		// the name never outweighs the values.
		text("obs_issemym", func(i int, _ person) string { return []string{"VIGENTE", "BAJA", "SUSPENDIDO"}[i%3] }),
		text("xnm1", func(_ int, p person) string { return "Q" + p.curp[:6] }),
		text("lote", func(i int, _ person) string { return fmt.Sprintf("L%05d", i) }),
	)
	r := Classify(tbl, Options{Today: today, Rules: rs})
	got := map[string]Finding{}
	for i, fs := range r.Findings {
		for _, f := range fs {
			got[tbl.Columns[i].Name+"/"+f.Category] = f
		}
	}
	for _, want := range []string{"afil_issemym/" + taxonomy.HealthEnrollment, "clave_estatal/" + taxonomy.HealthEnrollment,
		"xnm1/" + taxonomy.PersonName} {
		if _, ok := got[want]; !ok {
			t.Errorf("%s not found", want)
		}
	}
	if f := got["afil_issemym/"+taxonomy.HealthEnrollment]; f.Confidence < 0.9 || f.NameOnly {
		t.Errorf("full match: confidence %.2f name-only %v", f.Confidence, f.NameOnly)
	}
	if f := got["xnm1/"+taxonomy.PersonName]; !f.NameOnly || f.Confidence > NameOnlyCap {
		t.Errorf("names-only rule: %+v", f)
	}
	for _, bad := range []string{"obs_issemym/" + taxonomy.HealthEnrollment, "lote/" + taxonomy.HealthEnrollment} {
		if _, ok := got[bad]; ok {
			t.Errorf("%s reported", bad)
		}
	}
	// Without the rules, nothing but the CURP.
	plain := found(tbl)
	for _, c := range []string{"afil_issemym", "clave_estatal", "xnm1"} {
		if len(plain[c]) > 0 {
			t.Errorf("%s found %v without rules", c, plain[c])
		}
	}
}
