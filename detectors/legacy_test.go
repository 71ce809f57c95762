package detectors

import (
	"fmt"
	"testing"

	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// A table's shared column prefix is learnt and stripped (issue 10):
// a prefixed street or surname column is found like an unprefixed one.
func TestLearntPrefix(t *testing.T) {
	ps := people(400, 31)
	streets := []string{"AV. JUAREZ", "CALLE MORELOS", "PRIV. HIDALGO", "CALZ. TLALPAN"}
	for _, names := range [][]string{
		{"pac_id", "pac_curp", "pac_nombre", "pac_apepat", "pac_calle", "pac_colonia", "pac_cp"},
		{"PID", "PCURP", "PNOMBRE", "PAPPATERNO", "PCALLE", "PCOLONIA", "PCP"},
		{"tbPacId", "tbPacCurp", "tbPacNombre", "tbPacApPaterno", "tbPacCalle", "tbPacColonia", "tbPacCp"},
	} {
		tbl := table("pacientes", ps,
			text(names[0], func(i int, _ person) string { return fmt.Sprint(i + 1) }),
			text(names[1], func(_ int, p person) string { return p.curp }),
			text(names[2], func(_ int, p person) string { return p.nombre }),
			text(names[3], func(_ int, p person) string { return p.paterno }),
			text(names[4], func(i int, _ person) string { return fmt.Sprintf("%s %d", streets[i%4], 10+i%90) }),
			text(names[5], func(i int, _ person) string { return []string{"CENTRO", "SAN RAFAEL", "LOMAS", "DEL VALLE"}[i%4] }),
			text(names[6], func(i int, _ person) string { return fmt.Sprintf("%05d", 6000+i%300*7) }),
		)
		got := found(tbl)
		for col, cat := range map[string]string{names[3]: taxonomy.PersonName, names[4]: taxonomy.Address,
			names[5]: taxonomy.Address, names[6]: taxonomy.PostalCode} {
			if !hasString(got[col], cat) {
				t.Errorf("%s: found %v, want %s", col, got[col], cat)
			}
		}
	}
	// Hard negatives: a word of the vocabulary shared by many columns is
	// not a naming convention, and a prefix that reveals nothing is kept.
	for _, cols := range [][]string{
		{"fecha_alta", "fecha_baja", "fecha_nacimiento", "fecha_pago"},
		{"cat_id", "cat_desc", "cat_orden", "cat_activo"},
		{"id", "nombre", "calle"},
	} {
		if p := vocab.LearnPrefix(cols); p != "" {
			t.Errorf("%v: learnt prefix %q", cols, p)
		}
	}
}

// Logins and passwords are never a personal-data category from their
// shape (issue 10); an e-mail used as a login still is an e-mail.
func TestCredentialColumns(t *testing.T) {
	ps := people(300, 41)
	tbl := table("usuarios", ps,
		text("id_usuario", func(i int, _ person) string { return fmt.Sprint(i) }),
		text("usuario", func(_ int, p person) string { return personRFC(p) }),
		text("password", func(i int, p person) string {
			if i%2 == 0 {
				return p.curp
			}
			return fmt.Sprintf("55%08d", 13572468+i*7919)
		}),
		text("login", func(i int, p person) string { return fmt.Sprintf("%s%d@correo.mx", p.paterno[:3], i) }),
		text("nombre_usuario", func(_ int, p person) string { return p.nombre + " " + p.paterno }),
	)
	got := found(tbl)
	for _, c := range []string{"usuario", "password", "nombre_usuario"} {
		if len(got[c]) > 0 {
			t.Errorf("%s: found %v", c, got[c])
		}
	}
	if !hasString(got["login"], taxonomy.Email) {
		t.Errorf("login of e-mails: found %v", got["login"])
	}
	// Examples never hold a password.
	r := Classify(tbl, Options{Today: today})
	if len(r.Findings[2]) > 0 {
		t.Errorf("password findings %v", r.Findings[2])
	}
}

// Word-plus-counter fillers are placeholders, not addresses or names
// (issue 10); a word with repeated numbers is data.
func TestFillerColumns(t *testing.T) {
	ps := people(300, 51)
	tbl := table("beneficiarios", ps,
		text("curp", func(_ int, p person) string { return p.curp }),
		text("domicilio", func(i int, _ person) string { return fmt.Sprintf("DOMICILIO %d", i+1) }),
		text("colonia", func(i int, _ person) string { return fmt.Sprintf("colonia%d", i+1) }),
		text("manzana", func(i int, _ person) string { return fmt.Sprintf("MZ %d", 1+i%25) }),
		text("calle", func(i int, _ person) string { return fmt.Sprintf("CALLE %d", 20+i%30*2) }),
		// A code of fixed width is an identifier, not a counter.
		text("poliza", func(i int, _ person) string { return fmt.Sprintf("POLZ-%06d", 4100+i*13) }),
	)
	got := found(tbl)
	for _, c := range []string{"domicilio", "colonia"} {
		if len(got[c]) > 0 {
			t.Errorf("filler %s: found %v", c, got[c])
		}
	}
	for _, c := range []string{"manzana", "calle"} {
		if !hasString(got[c], taxonomy.Address) {
			t.Errorf("%s: found %v, want address", c, got[c])
		}
	}
	if !hasString(got["poliza"], taxonomy.HealthEnrollment) {
		t.Errorf("poliza: found %v, want health_enrollment", got["poliza"])
	}
}

// Lowercase nicknames and given names that are also countries are names;
// 7-digit local phones count where the column says phone (issue 10).
func TestNicknamesAndLocalPhones(t *testing.T) {
	ps := people(300, 91)
	nick := []string{"pepe", "lupita", "chuy", "america", "grecia", "israel", "memo", "paco"}
	tbl := table("contactos", ps,
		text("curp", func(_ int, p person) string { return p.curp }),
		text("apodo_nombre", func(i int, _ person) string { return nick[i%len(nick)] }),
		text("telefono", func(i int, _ person) string { return fmt.Sprintf("%d-%04d", 361+i%500, 1000+i*37%9000) }),
		// Seven digits without a phone name are folios.
		text("folio", func(i int, _ person) string { return fmt.Sprintf("%07d", 2000000+i*7919) }),
	)
	got := found(tbl)
	if !hasString(got["telefono"], taxonomy.Phone) {
		t.Errorf("telefono: found %v", got["telefono"])
	}
	if len(got["folio"]) > 0 {
		t.Errorf("folio: found %v", got["folio"])
	}
	for _, w := range nick {
		if r, _ := judgeName(w); r != vMatch {
			t.Errorf("%s: %v, want a known name", w, r)
		}
	}
}
