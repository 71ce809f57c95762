package detectors

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/taxonomy"
)

// ORM audit logs keep whole rows as JSON or YAML snapshots in text columns
// (Laravel auditing, Django simple-history and reversion, PaperTrail): the
// personal fields inside are found (issue 10).
func TestAuditLogSnapshots(t *testing.T) {
	ps := people(300, 71)
	phone := func(i int) string { return fmt.Sprintf("55%08d", 21436587+i*7919) }
	tbl := table("audits", ps,
		text("id", func(i int, _ person) string { return fmt.Sprint(i + 1) }),
		text("event", func(i int, _ person) string { return []string{"created", "updated"}[i%2] }),
		text("auditable_type", func(int, person) string { return `App\Models\Paciente` }),
		// Laravel auditing: [] for a creation's old values.
		text("old_values", func(i int, p person) string {
			if i%2 == 0 {
				return "[]"
			}
			return fmt.Sprintf(`{"telefono":"%s","domicilio":"CALLE HIDALGO %d COL. CENTRO"}`, phone(i+1), i)
		}),
		text("new_values", func(i int, p person) string {
			return fmt.Sprintf(`{"nombre":"%s","primer_apellido":"%s","curp":"%s","fecha_nacimiento":"%s","telefono":"%s"}`,
				p.nombre, p.paterno, p.curp, p.birth.Format("2006-01-02"), phone(i))
		}),
		// Django reversion: a list of serialised rows.
		text("serialized_data", func(i int, p person) string {
			return fmt.Sprintf(`[{"model":"clinica.paciente","pk":%d,"fields":{"curp":"%s","apellido_paterno":"%s"}}]`, i, p.curp, p.paterno)
		}),
		// PaperTrail: YAML snapshots and a change set of [before, after].
		text("object", func(i int, p person) string {
			return fmt.Sprintf("---\nid: %d\nnombre: %s\ncurp: %s\ncreated_at: 2021-03-04 10:11:12.000000000 Z\n", i, p.nombre, p.curp)
		}),
		text("object_changes", func(i int, p person) string {
			return fmt.Sprintf(`{"telefono":["%s","%s"],"updated_at":["2021-01-01","2021-02-01"]}`, phone(i), phone(i+7))
		}),
		// A log whose detail is sometimes a snapshot, sometimes a sentence.
		text("detalle", func(i int, p person) string {
			if i%3 == 0 {
				return fmt.Sprintf(`{"curp":"%s","correo":"%s%d@correo.mx"}`, p.curp, strings.ToLower(p.paterno[:3]), i)
			}
			return "SE ACTUALIZO EL REGISTRO"
		}),
	)
	got := found(tbl)
	want := map[string][]string{
		"old_values":      {taxonomy.Phone, taxonomy.Address},
		"new_values":      {taxonomy.PersonName, taxonomy.CURP, taxonomy.Birthdate, taxonomy.Phone},
		"serialized_data": {taxonomy.CURP, taxonomy.PersonName},
		"object":          {taxonomy.PersonName, taxonomy.CURP},
		"object_changes":  {taxonomy.Phone},
		"detalle":         {taxonomy.CURP, taxonomy.Email},
	}
	for c, cats := range want {
		for _, cat := range cats {
			if !hasString(got[c], cat) {
				t.Errorf("%s: found %v, want %s", c, got[c], cat)
			}
		}
	}
	for _, c := range []string{"event", "auditable_type"} {
		if len(got[c]) > 0 {
			t.Errorf("%s: found %v", c, got[c])
		}
	}
}

// Hard negative: JSON of things (an app's settings, a product's
// attributes) holds no one's data.
func TestJSONOfThings(t *testing.T) {
	ps := people(200, 72)
	tbl := table("configuracion", ps,
		text("clave", func(i int, _ person) string { return fmt.Sprintf("param_%d", i) }),
		text("valor", func(i int, _ person) string {
			return fmt.Sprintf(`{"color":"%s","max_items":%d,"enabled":true,"tags":["a","b"]}`, []string{"rojo", "azul"}[i%2], i%50)
		}),
	)
	if got := found(tbl); len(got) > 0 {
		t.Errorf("found %v", got)
	}
}
