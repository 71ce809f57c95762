package synth

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

var (
	r4TestOnce   sync.Once
	r4TestCorpus *Corpus
	r4TestErr    error
)

// r4Corpus is the round-4 corpus the tests share: 5,000 persons, seed 21.
func r4Corpus(t testing.TB) *Corpus {
	t.Helper()
	r4TestOnce.Do(func() {
		r4TestCorpus, r4TestErr = Generate(Config{Seed: 21, Persons: 5000, Styles: TuningStylesR4()})
	})
	if r4TestErr != nil {
		t.Fatal(r4TestErr)
	}
	return r4TestCorpus
}

// r4Text writes a value as a scanner reads it: trimmed text, "" for NULL.
func r4Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return x.Format("2006-01-02")
	}
	return fmt.Sprint(v)
}

// r4Texts collects the non-empty texts of a column.
func r4Texts(t testing.TB, tb *Table, name string) []string {
	t.Helper()
	var out []string
	for _, v := range column(t, tb, name) {
		if s := r4Text(v); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func r4Share(vals []string, ok func(string) bool) float64 {
	if len(vals) == 0 {
		return 0
	}
	n := 0
	for _, v := range vals {
		if ok(v) {
			n++
		}
	}
	return float64(n) / float64(len(vals))
}

// The round's names are new: no table of any other style set has the same
// name in any letter case.
func TestR4NamesUnique(t *testing.T) {
	count := map[string]int{}
	for _, set := range [][]Style{DefaultStyles(), EvalStyles(), BlindStyles(), BlindStylesC(), TuningStylesR4()} {
		for _, s := range set {
			count[strings.ToLower(s.Name)]++
		}
	}
	for _, s := range TuningStylesR4() {
		if n := count[strings.ToLower(s.Name)]; n != 1 {
			t.Errorf("%s: %d tables of that name across the style sets", s.Name, n)
		}
	}
}

// Every table yields exactly Rows rows of well-typed values, with dates at
// midnight UTC and nothing after the corpus day; labelled columns hold
// values; hard negatives are labelled nothing.
func TestR4WellFormed(t *testing.T) {
	c := r4Corpus(t)
	people, negatives := 0, 0
	for _, tb := range c.Tables {
		if tb.Rows == 0 {
			t.Errorf("%s is empty", tb.Name)
		}
		if tb.HardNegative {
			negatives++
		} else {
			people++
		}
		n := 0
		filled := make([]int, len(tb.Columns))
		tb.Generate(func(r []any) bool {
			n++
			if len(r) != len(tb.Columns) {
				t.Fatalf("%s: %d values for %d columns", tb.Name, len(r), len(tb.Columns))
			}
			for i, v := range r {
				col := tb.Columns[i]
				switch x := v.(type) {
				case nil:
					continue
				case string:
					if !col.Type.IsText() || !utf8.ValidString(x) {
						t.Fatalf("%s.%s: string %q in %s", tb.Name, col.Name, x, col.Type.SQL())
					}
					if col.Type.Size > 0 && utf8.RuneCountInString(x) > col.Type.Size {
						t.Fatalf("%s.%s: %q longer than %s", tb.Name, col.Name, x, col.Type.SQL())
					}
				case int64:
					if col.Type.Kind != KindInteger {
						t.Fatalf("%s.%s: integer in %s", tb.Name, col.Name, col.Type.SQL())
					}
				case float64:
					if col.Type.Kind != KindDecimal {
						t.Fatalf("%s.%s: float in %s", tb.Name, col.Name, col.Type.SQL())
					}
				case time.Time:
					if col.Type.Kind != KindDate && col.Type.Kind != KindTimestamp || x.Location() != time.UTC ||
						col.Type.Kind == KindDate && x.Truncate(24*time.Hour) != x || x.After(c.Config.Today) {
						t.Fatalf("%s.%s: %v in %s", tb.Name, col.Name, x, col.Type.SQL())
					}
				default:
					t.Fatalf("%s.%s: value of type %T", tb.Name, col.Name, v)
				}
				if r4Text(v) != "" {
					filled[i]++
				}
			}
			return true
		})
		if n != tb.Rows {
			t.Errorf("%s: %d rows, Rows says %d", tb.Name, n, tb.Rows)
		}
		for i, col := range tb.Columns {
			for _, l := range col.Labels {
				if _, ok := taxonomy.Lookup(l); !ok {
					t.Errorf("%s.%s: unknown label %q", tb.Name, col.Name, l)
				}
			}
			if tb.HardNegative && len(col.Labels) > 0 {
				t.Errorf("hard negative %s.%s is labelled %v", tb.Name, col.Name, col.Labels)
			}
			if len(col.Labels) > 0 && filled[i] == 0 {
				t.Errorf("%s.%s is labelled %v but holds no value", tb.Name, col.Name, col.Labels)
			}
		}
	}
	if people != 15 || negatives != 14 {
		t.Errorf("%d person-bearing tables and %d hard negatives, want 15 and 14", people, negatives)
	}
}

// Every column of the round's person-bearing tables carries exactly the
// labels its file and doc.go give it.
func TestR4Labels(t *testing.T) {
	cu, rfc, nss, pn, bd := taxonomy.CURP, taxonomy.RFC, taxonomy.NSS, taxonomy.PersonName, taxonomy.Birthdate
	ad, pc, ph, em := taxonomy.Address, taxonomy.PostalCode, taxonomy.Phone, taxonomy.Email
	he, hc, hf := taxonomy.HealthEnrollment, taxonomy.HealthCondition, taxonomy.HealthFacility
	doses := map[string][]string{"ESQUEMA": {hc}, "CLUES": {hf}, "CURP": {cu}, "NOMBRE": {pn}, "PRIMER_APELLIDO": {pn},
		"SEGUNDO_APELLIDO": {pn}, "FECHA_NACIMIENTO": {bd}}
	for _, d := range r4Doses {
		doses[d.name] = []string{hc}
	}
	want := map[string]map[string][]string{
		"PACIENTES": {"PAC_APPAT": {pn}, "PAC_APMAT": {pn}, "PAC_NOMBRE": {pn}, "PAC_FNAC": {bd}, "PAC_CALLE": {ad},
			"PAC_COL": {ad}, "PAC_CP": {pc}, "PAC_TEL": {ph}, "PAC_CEL": {ph}, "PAC_CURP": {cu}},
		"TRATAMIENTOS": {"TRA_DIAG": {hc}, "TRA_PROC": {hc}, "TRA_NOTA": {hc}, "TRA_DR": {pn}},
		"historia_clinica": {"ahf": {hc}, "app": {hc}, "apnp": {hc}, "gineco_obstetricos": {hc}, "padecimiento_actual": {hc},
			"exploracion_fisica": {hc}, "peso": {hc}, "talla": {hc}, "medicamentos_actuales": {hc}, "alergias": {hc},
			"medico_elabora": {pn}},
		"enf_hoja_registro": {"paciente": {pn}, "dx_ingreso": {hc}, "ta": {hc}, "fc": {hc}, "fr": {hc}, "temp": {hc},
			"spo2": {hc}, "glucemia": {hc}, "glasgow": {hc}, "braden": {hc}, "downton": {hc}, "eva_dolor": {hc},
			"riesgo_caidas": {hc}, "nota_enfermeria": {hc}, "enfermera": {pn}},
		"CARTILLA_VACUNACION": doses,
		"esavi_notificaciones": {"curp": {cu}, "nombre_completo": {pn}, "vacuna": {hc}, "dosis": {hc}, "descripcion": {hc},
			"clasificacion": {hc}, "desenlace": {hc}, "unidad_notificante": {hf}, "notificante": {pn}},
		"derechohabientes_umf": {"NSS": {nss}, "AGREGADO": {he}, "CURP": {cu}, "PATERNO": {pn}, "MATERNO": {pn}, "NOMBRE": {pn},
			"FEC_NAC": {bd}, "UMF": {hf}},
		"tbl_emp": {"emp_nom": {pn}, "emp_ap_pat": {pn}, "emp_ap_mat": {pn}, "emp_rfc": {rfc}, "emp_curp": {cu},
			"emp_nss": {nss}, "emp_fnac": {bd}, "emp_dom": {ad}, "emp_col": {ad}, "emp_cp": {pc}, "emp_tel": {ph}, "emp_cel": {ph}},
		"audits":             {"old_values": {pn, bd, ad, pc, ph}, "new_values": {cu, pn, bd, ad, pc, ph, em, hc}},
		"versions":           {"object": {cu, pn, bd, ad, pc, ph, em}, "object_changes": {cu, pn, bd, ad, pc, ph, em}},
		"auditlog_logentry":  {"object_repr": {pn}, "changes": {cu, pn, bd, ad, pc, ph, em, hc}},
		"documentos_tramite": {"nombre_original": {cu, pn}},
		"usuarios_sistema":   {"nombre_completo": {pn}, "correo": {em}},
		"tamiz_neonatal": {"curp_madre": {cu}, "nom_madre": {pn}, "ap_pat_madre": {pn}, "ap_mat_madre": {pn},
			"dom_madre": {ad}, "colon": {ad}, "cp": {pc}, "tel": {ph}, "nom_rn": {pn}, "ap_pat_rn": {pn}, "ap_mat_rn": {pn},
			"f_nac_rn": {bd}, "peso_nac": {hc}, "sem_gest": {hc}, "tsh": {hc}, "fenilalanina": {hc}, "resultado": {hc},
			"clues_toma": {hf}},
		"wa_contactos": {"wa_id": {ph}, "push_name": {pn}, "nombre_cita": {pn}, "fecha_nac": {bd}},
	}
	c := r4Corpus(t)
	l := c.Labels()
	for k, tb := range c.Tables {
		if tb.HardNegative {
			continue
		}
		cols, ok := want[tb.Name]
		if !ok {
			t.Errorf("%s: no expected labels", tb.Name)
			continue
		}
		for _, col := range tb.Columns {
			w := cols[col.Name]
			if w == nil {
				w = []string{}
			}
			if got := l.Tables[k].Columns[col.Name]; !slices.Equal(got, w) {
				t.Errorf("%s.%s labelled %v, want %v", tb.Name, col.Name, got, w)
			}
		}
		for name := range cols {
			if tb.Column(name) < 0 {
				t.Errorf("%s has no column %s", tb.Name, name)
			}
		}
	}
}

// Identifier columns hold identifiers at the planned rates, with the mess
// real registers carry.
func TestR4Identifiers(t *testing.T) {
	c := r4Corpus(t)
	today := c.Config.Today
	curpOK := func(s string) bool { _, why := validate.ParseCURP(s, today); return why == validate.OK }
	rates := map[string][2]float64{
		"PACIENTES.PAC_CURP":             {0.80, 0.995},
		"CARTILLA_VACUNACION.CURP":       {0.90, 0.99},
		"esavi_notificaciones.curp":      {0.80, 1},
		"derechohabientes_umf.CURP":      {0.90, 0.995},
		"tbl_emp.emp_curp":               {0.90, 0.995},
		"tamiz_neonatal.curp_madre":      {0.88, 1},
		"documentos_tramite.nombre_orig": {0, 0},
	}
	seen := 0
	for _, tb := range c.Tables {
		for _, col := range tb.Columns {
			if len(col.Labels) != 1 || col.Labels[0] != taxonomy.CURP {
				continue
			}
			key := tb.Name + "." + col.Name
			want, ok := rates[key]
			if !ok {
				t.Errorf("no planned rate for CURP column %s", key)
				continue
			}
			seen++
			vals := r4Texts(t, tb, col.Name)
			got := r4Share(vals, curpOK)
			if got < want[0] || got > want[1] && len(vals) >= 300 {
				t.Errorf("%s: %.3f of %d values are valid CURPs, want %.2f-%.2f", key, got, len(vals), want[0], want[1])
			}
		}
	}
	if seen != len(rates)-1 {
		t.Errorf("checked %d CURP columns, planned %d", seen, len(rates)-1)
	}

	emp := mustTable(t, c, "tbl_emp")
	var persons, fails int
	rfcs, curps := column(t, emp, "emp_rfc"), column(t, emp, "emp_curp")
	for i := range rfcs {
		s := r4Text(rfcs[i])
		if s == "" {
			continue
		}
		rf, why := validate.ParseRFC(s)
		if why != validate.OK || !rf.Person {
			t.Errorf("emp_rfc %q does not validate as a person's RFC (%v)", s, why)
			continue
		}
		persons++
		if !rf.CheckOK {
			fails++
		}
		if cu := r4Text(curps[i]); curpOK(cu) && cu[:10] != s[:10] {
			t.Errorf("emp_rfc %s does not match emp_curp %s", s, cu)
		}
	}
	if share := float64(fails) / float64(max(persons, 1)); persons < 20 || persons >= 100 && share > 0.06 || fails > 6 {
		t.Errorf("tbl_emp: %d RFCs, %.3f fail the check character", persons, share)
	}
	nssOK := func(s string) bool { _, why := validate.ParseNSS(s, today); return why == validate.OK }
	for _, ref := range []struct{ table, col string }{{"tbl_emp", "emp_nss"}, {"derechohabientes_umf", "NSS"}} {
		if got := r4Share(r4Texts(t, mustTable(t, c, ref.table), ref.col), nssOK); got != 1 {
			t.Errorf("%s.%s: %.3f of values are valid NSS", ref.table, ref.col, got)
		}
	}
	cluesOK := func(s string) bool { _, _, why := validate.ParseCLUES(s); return why == validate.OK }
	for _, ref := range []struct{ table, col string }{{"CARTILLA_VACUNACION", "CLUES"}, {"tamiz_neonatal", "clues_toma"}} {
		if got := r4Share(r4Texts(t, mustTable(t, c, ref.table), ref.col), cluesOK); got != 1 {
			t.Errorf("%s.%s: %.3f of values are valid CLUES", ref.table, ref.col, got)
		}
	}
}

var r4AgregadoShape = regexp.MustCompile(`^[1-4][MF](\d{4})(OR|PE)$`)

// The agregado médico has the documented shape and agrees with the row's
// birth year, sex and relationship; a family shares one NSS.
func TestR4Agregado(t *testing.T) {
	tb := mustTable(t, r4Corpus(t), "derechohabientes_umf")
	ag, fn, sx, rel, nss := tb.Column("AGREGADO"), tb.Column("FEC_NAC"), tb.Column("SEXO"), tb.Column("PARENTESCO"), tb.Column("NSS")
	families := map[string]int{}
	tb.Generate(func(r []any) bool {
		a := r[ag].(string)
		m := r4AgregadoShape.FindStringSubmatch(a)
		if m == nil {
			t.Fatalf("agregado %q", a)
		}
		if y, _ := strconv.Atoi(m[1]); y != r[fn].(time.Time).Year() {
			t.Errorf("agregado %s, birth %v", a, r[fn])
		}
		if sex := r[sx].(string); sex == "M" && a[1] != 'F' || sex == "H" && a[1] != 'M' {
			t.Errorf("agregado %s, sex %s", a, sex)
		}
		if (r[rel] == "TITULAR") != (a[0] == '1') {
			t.Errorf("agregado %s, parentesco %v", a, r[rel])
		}
		families[r[nss].(string)]++
		return true
	})
	if len(families) == 0 || len(families) >= tb.Rows {
		t.Errorf("%d NSS for %d rows: families should share one", len(families), tb.Rows)
	}
}

var r4Digits = regexp.MustCompile(`\D`)

// Phone columns hold phones: local numbers of seven or eight digits from
// before the 2019 change in the legacy tables, ten digits after, and
// WhatsApp ids.
func TestR4Phones(t *testing.T) {
	c := r4Corpus(t)
	for _, tb := range c.Tables {
		for _, col := range tb.Columns {
			if len(col.Labels) != 1 || col.Labels[0] != taxonomy.Phone {
				continue
			}
			short := 0
			vals := r4Texts(t, tb, col.Name)
			for _, s := range vals {
				d := r4Digits.ReplaceAllString(s, "")
				switch {
				case len(d) == 7 || len(d) == 8:
					short++
				case len(d) == 10, len(d) == 12 && strings.HasPrefix(d, "52"), len(d) == 13 && strings.HasPrefix(d, "521"):
				default:
					t.Errorf("%s.%s: %q is not a phone", tb.Name, col.Name, s)
				}
			}
			if tb.Name == "PACIENTES" && col.Name == "PAC_TEL" || tb.Name == "tbl_emp" && col.Name == "emp_tel" {
				if share := float64(short) / float64(len(vals)); share < 0.25 {
					t.Errorf("%s.%s: %.2f local numbers, want many", tb.Name, col.Name, share)
				}
			}
		}
	}
}

// Contact, address, date and postal-code columns hold values the
// validators read; name columns hold names.
func TestR4ContactValues(t *testing.T) {
	c := r4Corpus(t)
	today := c.Config.Today
	for _, tb := range c.Tables {
		for _, col := range tb.Columns {
			if len(col.Labels) != 1 {
				continue
			}
			var ok func(string) bool
			switch col.Labels[0] {
			case taxonomy.Email:
				ok = func(s string) bool { return validate.ParseEmail(s) == validate.OK }
			case taxonomy.PostalCode:
				ok = func(s string) bool { _, why := validate.ParsePostalCode(s, false); return why == validate.OK }
			case taxonomy.Birthdate:
				ok = func(s string) bool {
					if validate.IsPlaceholder(s) {
						return true
					}
					_, _, good := validate.ParseDate(s, today)
					return good
				}
			default:
				continue
			}
			if got := r4Share(r4Texts(t, tb, col.Name), ok); got < 0.97 {
				t.Errorf("%s.%s (%v): only %.3f of values validate", tb.Name, col.Name, col.Labels, got)
			}
		}
	}
}

// r4Cats says which categories a decoded record holds, by its keys.
func r4Cats(rec map[string]any, today time.Time) map[string]bool {
	out := map[string]bool{}
	for k, v := range rec {
		s := ""
		switch x := v.(type) {
		case nil:
			continue
		case string:
			if x == "None" || x == "" {
				continue
			}
			s = x
		case []any: // [old, new]: either counts
			for _, e := range x {
				if e != nil && e != "None" {
					for c := range r4Cats(map[string]any{k: e}, today) {
						out[c] = true
					}
				}
			}
			continue
		default:
			s = fmt.Sprint(x)
		}
		switch k {
		case "curp":
			if _, why := validate.ParseCURP(s, today); why == validate.OK {
				out[taxonomy.CURP] = true
			}
		case "nombre", "apellido_paterno", "apellido_materno", "primer_apellido", "segundo_apellido", "apellidos":
			out[taxonomy.PersonName] = true
		case "fecha_nacimiento":
			out[taxonomy.Birthdate] = true
		case "calle", "numero_exterior", "colonia", "domicilio", "numero":
			out[taxonomy.Address] = true
		case "codigo_postal":
			out[taxonomy.PostalCode] = true
		case "telefono":
			out[taxonomy.Phone] = true
		case "email", "correo":
			out[taxonomy.Email] = true
		case "motivo", "diagnostico", "indicaciones", "tratamiento", "tipo_sangre":
			out[taxonomy.HealthCondition] = true
		}
	}
	return out
}

// r4YAMLRecord reads the flat YAML PaperTrail writes.
func r4YAMLRecord(s string) map[string]any {
	out := map[string]any{}
	for _, l := range strings.Split(s, "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok || l == "---" {
			continue
		}
		v = strings.TrimSpace(v)
		if v == "" {
			out[k] = nil
			continue
		}
		out[k] = strings.Trim(v, "'")
	}
	return out
}

// The structured columns hold each labelled category in at least 7% of
// their non-empty values and no other category at all, so the 5% rule
// labels them without a borderline case.
func TestR4StructuredShares(t *testing.T) {
	c := r4Corpus(t)
	today := c.Config.Today
	all := []string{taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address, taxonomy.PostalCode,
		taxonomy.Phone, taxonomy.Email, taxonomy.HealthCondition}
	check := func(tb *Table, colName string, decode func(string) map[string]any) {
		var col Column
		for _, cl := range tb.Columns {
			if cl.Name == colName {
				col = cl
			}
		}
		counts, n := map[string]int{}, 0
		for _, s := range r4Texts(t, tb, colName) {
			if s == "[]" || s == "{}" {
				continue
			}
			rec := decode(s)
			if rec == nil {
				t.Fatalf("%s.%s: cannot decode %q", tb.Name, colName, s)
			}
			n++
			for cat := range r4Cats(rec, today) {
				counts[cat]++
			}
		}
		for _, cat := range all {
			share := float64(counts[cat]) / float64(max(n, 1))
			labelled := slices.Contains(col.Labels, cat)
			if labelled && share < 0.07 || !labelled && counts[cat] > 0 {
				t.Errorf("%s.%s: %s in %.3f of %d values, labelled %v", tb.Name, colName, cat, share, n, labelled)
			}
		}
	}
	jsonRec := func(s string) map[string]any {
		var m map[string]any
		if json.Unmarshal([]byte(s), &m) != nil {
			return nil
		}
		return m
	}
	au := mustTable(t, c, "audits")
	check(au, "old_values", jsonRec)
	check(au, "new_values", jsonRec)
	ve := mustTable(t, c, "versions")
	check(ve, "object", r4YAMLRecord)
	check(ve, "object_changes", jsonRec)
	check(mustTable(t, c, "auditlog_logentry"), "changes", jsonRec)

	// file names: names in most, CURPs in some
	docs := r4Texts(t, mustTable(t, c, "documentos_tramite"), "nombre_original")
	curpIn := regexp.MustCompile(`[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d`)
	if got := r4Share(docs, curpIn.MatchString); got < 0.07 {
		t.Errorf("nombre_original: CURPs in %.3f", got)
	}
	if got := r4Share(docs, func(s string) bool {
		return !strings.HasPrefix(s, "IMG_") && !strings.HasPrefix(s, "scan") && !strings.HasPrefix(s, "WhatsApp") && !curpIn.MatchString(s)
	}); got < 0.5 {
		t.Errorf("nombre_original: names in %.3f", got)
	}
	// object_repr names students in most rows
	repr := r4Texts(t, mustTable(t, c, "auditlog_logentry"), "object_repr")
	if got := r4Share(repr, func(s string) bool { return !strings.Contains(s, " MG") }); got < 0.5 {
		t.Errorf("object_repr: names in %.3f", got)
	}
	// the medication lists are JSON arrays, empty in some rows
	meds := r4Texts(t, mustTable(t, c, "historia_clinica"), "medicamentos_actuales")
	full := 0
	for _, s := range meds {
		var arr []any
		if err := json.Unmarshal([]byte(s), &arr); err != nil {
			t.Fatalf("medicamentos_actuales %q: %v", s, err)
		}
		if len(arr) > 0 {
			full++
		}
	}
	if share := float64(full) / float64(len(meds)); share < 0.3 || share > 0.9 {
		t.Errorf("medicamentos_actuales: %.2f non-empty lists", share)
	}
}

// The class-specific contents are there: lay family history, dental notes
// naming a tooth, scale scores in range, country names and nicknames,
// fillers in the legacy patients, RFC-shaped logins that are not RFCs.
func TestR4Contents(t *testing.T) {
	c := r4Corpus(t)
	today := c.Config.Today
	has := func(vals []string, sub string) float64 {
		return r4Share(vals, func(s string) bool { return strings.Contains(strings.ToUpper(s), sub) })
	}
	hc := mustTable(t, c, "historia_clinica")
	ahf := r4Texts(t, hc, "ahf")
	negative := r4Share(ahf, func(s string) bool {
		s = strings.ToUpper(s)
		return strings.Contains(s, "NIEGA") || strings.Contains(s, "NEGADOS")
	})
	if has(ahf, "AZÚCAR") < 0.05 || has(ahf, "PRESIÓN ALTA") < 0.05 || negative < 0.02 {
		t.Errorf("ahf lacks lay words or answers: %.3f %.3f %.3f", has(ahf, "AZÚCAR"), has(ahf, "PRESIÓN ALTA"), negative)
	}
	notes := r4Texts(t, mustTable(t, c, "TRATAMIENTOS"), "TRA_NOTA")
	if has(notes, "RESINA EN ") < 0.03 {
		t.Errorf("dental notes lack RESINA EN <tooth>")
	}
	enf := mustTable(t, c, "enf_hoja_registro")
	for _, sc := range []struct {
		col    string
		lo, hi int
	}{{"glasgow", 3, 15}, {"braden", 6, 23}, {"downton", 0, 6}, {"eva_dolor", 0, 10}} {
		for _, s := range r4Texts(t, enf, sc.col) {
			if n, _ := strconv.Atoi(s); n < sc.lo || n > sc.hi {
				t.Fatalf("%s %s out of range", sc.col, s)
			}
		}
	}
	// the admission diagnoses are spread almost evenly, like a catalogue's
	dx := map[string]bool{}
	for _, s := range r4Texts(t, enf, "dx_ingreso") {
		dx[s] = true
	}
	if len(dx) < 20 {
		t.Errorf("dx_ingreso has %d distinct values", len(dx))
	}
	tz := mustTable(t, c, "tamiz_neonatal")
	names := r4Texts(t, tz, "nom_rn")
	country := func(s string) bool {
		for _, l := range r4CountryNames {
			for _, n := range l {
				if s == n || strings.HasPrefix(s, n+" ") {
					return true
				}
			}
		}
		return false
	}
	if got := r4Share(names, country); got < 0.15 {
		t.Errorf("nom_rn: country names in %.3f", got)
	}
	push := r4Texts(t, mustTable(t, c, "wa_contactos"), "push_name")
	if got := r4Share(push, func(s string) bool { return s == strings.ToLower(s) }); got < 0.6 {
		t.Errorf("push_name: lower case in %.3f", got)
	}
	hyp := map[string]bool{}
	for _, hs := range r4Hypocorisms {
		for _, h := range hs {
			hyp[h] = true
		}
	}
	if got := r4Share(push, func(s string) bool { return hyp[strings.ToLower(strings.Fields(s)[0])] || hyp[strings.ToLower(s)] }); got < 0.05 {
		t.Errorf("push_name: nicknames in %.3f", got)
	}
	fill := regexp.MustCompile(`^(CALLE|DOMICILIO) ?\d+$`)
	if got := r4Share(r4Texts(t, mustTable(t, c, "PACIENTES"), "PAC_CALLE"), fill.MatchString); got == 0 || got > 0.05 {
		t.Errorf("PAC_CALLE: fillers in %.3f", got)
	}
	us := mustTable(t, c, "usuarios_sistema")
	stems := 0
	for _, col := range []string{"usuario", "contrasena"} {
		for _, s := range r4Texts(t, us, col) {
			// the first ten characters of an RFC are a login, not an RFC
			// (doc.go); nothing complete is
			if stem := len(s) == 10 && strings.Trim(s[4:], "0123456789") == ""; stem {
				if col == "usuario" {
					stems++
				}
				continue
			}
			if r4ValidatesAsPersonID(s, today) {
				t.Errorf("usuarios_sistema.%s: %q validates as an identifier", col, s)
			}
		}
	}
	if stems < us.Rows/3 {
		t.Errorf("usuarios_sistema: %d RFC-stem logins of %d", stems, us.Rows)
	}
	for _, d := range r4ExtraDiagnoses() {
		if !dict.IsCIE10(d.Code) {
			t.Errorf("r4_cie10.tsv: %s is not a CIE-10 code", d.Code)
		}
	}
}

// Hard negatives hold no value that validates as a person's identifier.
func TestR4HardNegatives(t *testing.T) {
	c := r4Corpus(t)
	today := c.Config.Today
	for _, tb := range c.Tables {
		if !tb.HardNegative {
			continue
		}
		if len(tb.Persons) > 0 {
			t.Errorf("%s: hard negative with persons", tb.Name)
		}
		tb.Generate(func(r []any) bool {
			for i, v := range r {
				if s := r4Text(v); s != "" && r4ValidatesAsPersonID(s, today) {
					t.Errorf("%s.%s holds %q, which validates as a person's identifier", tb.Name, tb.Columns[i].Name, s)
				}
			}
			return true
		})
	}
	for _, tl := range c.Labels().Tables {
		for name, ls := range tl.Columns {
			if tl.HardNegative && len(ls) > 0 {
				t.Errorf("%s.%s labelled %v", tl.Name, name, ls)
			}
			if !slices.IsSortedFunc(ls, func(a, b string) int { return taxonomy.Order(a) - taxonomy.Order(b) }) {
				t.Errorf("%s.%s: labels %v out of order", tl.Name, name, ls)
			}
		}
	}
}

// Labels.Persons equals an independent recount of the distinct valid CURPs
// of the columns labelled only curp in a written SQLite file; the CURPs in
// JSON, YAML and file names are there and count no one.
func TestR4PersonsRecount(t *testing.T) {
	c := r4Corpus(t)
	path := filepath.Join(t.TempDir(), "r4.db")
	if err := c.WriteSQLite(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	labels := c.Labels()
	all := map[string]bool{}
	for ti, tb := range c.Tables {
		here := map[string]bool{}
		for _, col := range tb.Columns {
			if len(col.Labels) != 1 || col.Labels[0] != taxonomy.CURP {
				continue
			}
			rows, err := db.Query(fmt.Sprintf(`SELECT CAST(%s AS TEXT) FROM %s`, quoteIdent(col.Name), quoteIdent(tb.Name)))
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var v sql.NullString
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				if cu, why := validate.ParseCURP(strings.TrimSpace(v.String), c.Config.Today); v.Valid && why == validate.OK {
					here[cu.Value], all[cu.Value] = true, true
				}
			}
			rows.Close()
		}
		if got := labels.Tables[ti].Persons; got != len(here) {
			t.Errorf("%s: labels say %d persons, recount %d", tb.Name, got, len(here))
		}
	}
	if labels.Persons != len(all) || labels.Persons < 500 {
		t.Errorf("labels say %d persons, recount %d", labels.Persons, len(all))
	}
}

// The same seed gives the same rows; another seed, other rows; a table
// built alone equals the same table built with the others.
func TestR4Determinism(t *testing.T) {
	a, err := Generate(Config{Seed: 31, Persons: 3000, Styles: TuningStylesR4()})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(Config{Seed: 31, Persons: 3000, Styles: TuningStylesR4()})
	d, _ := Generate(Config{Seed: 32, Persons: 3000, Styles: TuningStylesR4()})
	for _, tb := range a.Tables {
		h := tableHash(tb)
		if h != tableHash(mustTable(t, b, tb.Name)) || h != tableHash(tb) {
			t.Errorf("%s: same seed, different rows", tb.Name)
		}
		if !tb.HardNegative && h == tableHash(mustTable(t, d, tb.Name)) {
			t.Errorf("%s: different seeds, same rows", tb.Name)
		}
	}
	for _, s := range TuningStylesR4() {
		alone, err := Generate(Config{Seed: 31, Persons: 3000, Styles: []Style{s}})
		if err != nil {
			t.Fatal(err)
		}
		if tableHash(alone.Tables[0]) != tableHash(mustTable(t, a, s.Name)) {
			t.Errorf("%s differs when built alone", s.Name)
		}
	}
}
