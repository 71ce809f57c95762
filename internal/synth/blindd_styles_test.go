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
	bdTestOnce   sync.Once
	bdTestCorpus *Corpus
	bdTestErr    error
)

// bdCorpus is the blind-D corpus the tests share: 5,000 persons, seed 17.
func bdCorpus(t testing.TB) *Corpus {
	t.Helper()
	bdTestOnce.Do(func() {
		bdTestCorpus, bdTestErr = Generate(Config{Seed: 17, Persons: 5000, Styles: BlindStylesD()})
	})
	if bdTestErr != nil {
		t.Fatal(bdTestErr)
	}
	return bdTestCorpus
}

// bdText writes a value as a scanner reads it: trimmed text, "" for NULL.
func bdText(v any) string {
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

func bdTexts(t testing.TB, tb *Table, name string) []string {
	t.Helper()
	var out []string
	for _, v := range column(t, tb, name) {
		if s := bdText(v); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func bdShare(vals []string, ok func(string) bool) float64 {
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

// The set's names are new in every letter case.
func TestBlindDNamesUnique(t *testing.T) {
	count := map[string]int{}
	for _, set := range [][]Style{DefaultStyles(), EvalStyles(), BlindStyles(), BlindStylesC(), TuningStylesR4(), BlindStylesD()} {
		for _, s := range set {
			count[strings.ToLower(s.Name)]++
		}
	}
	for _, s := range BlindStylesD() {
		if n := count[strings.ToLower(s.Name)]; n != 1 {
			t.Errorf("%s: %d tables of that name across the style sets", s.Name, n)
		}
	}
}

// Every table yields Rows rows of well-typed values that fit their
// columns, nothing after the corpus day; labelled columns hold values;
// hard negatives are labelled nothing.
func TestBlindDWellFormed(t *testing.T) {
	c := bdCorpus(t)
	people, negatives := 0, 0
	for _, tb := range c.Tables {
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
					if !col.Type.IsText() || !utf8.ValidString(x) || col.Type.Size > 0 && utf8.RuneCountInString(x) > col.Type.Size {
						t.Fatalf("%s.%s: %q in %s", tb.Name, col.Name, x, col.Type.SQL())
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
				if bdText(v) != "" {
					filled[i]++
				}
			}
			return true
		})
		if n != tb.Rows || n == 0 {
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
	if people != 13 || negatives != 7 {
		t.Errorf("%d person-bearing tables and %d hard negatives, want 13 and 7", people, negatives)
	}
}

// Every column carries exactly the labels its file gives it.
func TestBlindDLabels(t *testing.T) {
	cu, rfc, nss, vk, pn, bd := taxonomy.CURP, taxonomy.RFC, taxonomy.NSS, taxonomy.VoterKey, taxonomy.PersonName, taxonomy.Birthdate
	ad, pc, ph, em := taxonomy.Address, taxonomy.PostalCode, taxonomy.Phone, taxonomy.Email
	he, hc, hf := taxonomy.HealthEnrollment, taxonomy.HealthCondition, taxonomy.HealthFacility
	want := map[string]map[string][]string{
		"tblExpedienteAntecedentes": {"Respuesta": {hc}},
		"SIGNOS_VITALES_URG": {"NOMBRE_PACIENTE": {pn}, "MOTIVO_CONSULTA": {hc}, "TRIAGE": {hc}, "SIGNOS": {hc}, "ESCALAS": {hc},
			"MEDICAMENTOS_ADMIN": {hc}, "MEDICO_TRIAGE": {pn}, "ASEGURADORA": {he}, "POLIZA": {he}},
		"odontogramas": {"odontograma": {hc}, "plan_tratamiento": {hc}, "notas_evolucion": {hc}},
		"brigada_vacunacion_2021": {"NOMBRE COMPLETO": {pn}, "CURP": {cu}, "TELEFONO": {ph}, "BIOLOGICO": {hc}, "1A DOSIS": {hc},
			"2A DOSIS": {hc}, "REFUERZO": {hc}, "ESQUEMA": {hc}, "OBSERVACIONES": {hc}},
		"notificacion_ram": {"paciente": {pn}, "fecha_nac": {bd}, "peso_kg": {hc}, "talla_cm": {hc}, "medicamento_sospechoso": {hc},
			"dosis_via_frecuencia": {hc}, "indicacion": {hc}, "descripcion_reaccion": {hc}, "gravedad": {hc}, "desenlace": {hc},
			"notificador": {pn}},
		"DH_FAMILIA": {"DH_NSSAGR": {nss, he}, "DH_NOMB": {pn}, "DH_APEP": {pn}, "DH_APEM": {pn}, "DH_FNAC": {bd}, "DH_UMF": {hf},
			"DH_DOMI": {ad}, "DH_CODP": {pc}, "DH_TELE": {ph}, "DH_CURP": {cu}},
		"tblCliente": {"strNombre": {pn}, "strApPaterno": {pn}, "strApMaterno": {pn}, "strApodo": {pn}, "dtmFechaNac": {bd},
			"strCalle": {ad}, "strNumExt": {ad}, "strColonia": {ad}, "strCP": {pc}, "strTelCasa": {ph}, "strTelCel": {ph},
			"strEmail": {em}, "strClaveElector": {vk}},
		"libro_bautismos": {"nombre_bautizado": {pn}, "apellidos_bautizado": {pn}, "fecha_nacimiento": {bd}, "padre": {pn},
			"madre": {pn}, "padrino": {pn}, "madrina": {pn}, "ministro": {pn}},
		"bitacora_cambios": {"datos_anteriores": {pn, bd, ad, pc, ph}, "datos_nuevos": {cu, pn, bd, ad, pc, ph}},
		"AuditoriaCambios": {"ValorAnterior": {cu, pn, bd}, "ValorNuevo": {cu, pn, bd}},
		"adjuntos_buzon":   {"nombre_adjunto": {cu, pn}},
		"ACCESO_USUARIOS":  {"USUARIO": {cu}, "NOMBRE": {pn}, "CORREO": {em}},
		"clientes_facturacion": {"razon_social": {pn}, "rfc": {rfc}, "domicilio_fiscal": {ad}, "cp_fiscal": {pc}, "correo": {em},
			"telefono": {ph}},
	}
	c := bdCorpus(t)
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

var (
	bdAgregadoRE = regexp.MustCompile(`^(\d{11}) ([1-4])([MF])(\d{4})(OR|PE)$`)
	bdDigitsRE   = regexp.MustCompile(`\D`)
	bdEmailRE    = regexp.MustCompile(`^[a-z0-9._+-]+@[a-z0-9.-]+\.[a-z]{2,}$`)
)

// Identifier columns hold identifiers at the planned rates.
func TestBlindDIdentifiers(t *testing.T) {
	c := bdCorpus(t)
	today := c.Config.Today
	curpOK := func(s string) bool { _, why := validate.ParseCURP(s, today); return why == validate.OK }
	rates := map[string][2]float64{
		"brigada_vacunacion_2021.CURP": {0.90, 0.995},
		"DH_FAMILIA.DH_CURP":           {0.92, 0.995},
		"ACCESO_USUARIOS.USUARIO":      {0.90, 1},
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
			vals := bdTexts(t, tb, col.Name)
			if got := bdShare(vals, curpOK); got < want[0] || got > want[1] && len(vals) >= 300 {
				t.Errorf("%s: %.3f of %d values are valid CURPs, want %.2f-%.2f", key, got, len(vals), want[0], want[1])
			}
		}
	}
	if seen != len(rates) {
		t.Errorf("checked %d CURP columns, planned %d", seen, len(rates))
	}

	// NSS and agregado in one field, consistent with the row
	dh := mustTable(t, c, "DH_FAMILIA")
	agr, fn, par := dh.Column("DH_NSSAGR"), dh.Column("DH_FNAC"), dh.Column("DH_PARENT")
	dh.Generate(func(r []any) bool {
		s := bdText(r[agr])
		m := bdAgregadoRE.FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("DH_NSSAGR %q", s)
		}
		if _, why := validate.ParseNSS(m[1], today); why != validate.OK {
			t.Errorf("DH_NSSAGR %q: NSS %v", s, why)
		}
		if born := r[fn].(int64); born != 0 && strconv.FormatInt(born, 10)[:4] != m[4] {
			t.Errorf("DH_NSSAGR %q, born %d", s, born)
		}
		if (r[par] == "T") != (m[2] == "1") {
			t.Errorf("DH_NSSAGR %q, parentesco %v", s, r[par])
		}
		return true
	})

	for _, s := range bdTexts(t, mustTable(t, c, "tblCliente"), "strClaveElector") {
		if _, why := validate.ParseVoterKey(s, today); why != validate.OK {
			t.Errorf("strClaveElector %q: %v", s, why)
		}
	}
	personRFC := func(s string) bool {
		x, why := validate.ParseRFC(s)
		return why == validate.OK && x.Person && len(s) == 13
	}
	if got := bdShare(bdTexts(t, mustTable(t, c, "clientes_facturacion"), "rfc"), personRFC); got < 0.5 || got > 0.9 {
		t.Errorf("clientes_facturacion.rfc: %.3f personal RFCs", got)
	}
	// logins are CURPs; passwords never are a complete identifier
	for _, s := range bdTexts(t, mustTable(t, c, "ACCESO_USUARIOS"), "CLAVE") {
		if len(s) != 10 && bdIsPersonID(s, today) {
			t.Errorf("ACCESO_USUARIOS.CLAVE %q validates as an identifier", s)
		}
	}
}

// bdSpanishMonths maps month names to numbers.
var bdSpanishMonths = map[string]time.Month{"ENERO": 1, "FEBRERO": 2, "MARZO": 3, "ABRIL": 4, "MAYO": 5, "JUNIO": 6, "JULIO": 7,
	"AGOSTO": 8, "SEPTIEMBRE": 9, "OCTUBRE": 10, "NOVIEMBRE": 11, "DICIEMBRE": 12}

// bdParseBirth reads the birth-date forms the set writes, by its own
// rules (not the detectors').
func bdParseBirth(s string) bool {
	for _, layout := range []string{"2006-01-02", "02-01-2006", "20060102"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	f := strings.Fields(s)
	if len(f) == 5 && f[1] == "DE" && f[3] == "DE" {
		d, err1 := strconv.Atoi(f[0])
		y, err2 := strconv.Atoi(f[4])
		m, ok := bdSpanishMonths[f[2]]
		return err1 == nil && err2 == nil && ok && d >= 1 && d <= 31 && y > 1900 && m > 0
	}
	return false
}

// Contact, date and postal-code columns hold such values; phones have
// seven, eight or ten digits.
func TestBlindDContactValues(t *testing.T) {
	c := bdCorpus(t)
	for _, tb := range c.Tables {
		for _, col := range tb.Columns {
			if len(col.Labels) != 1 {
				continue
			}
			var ok func(string) bool
			switch col.Labels[0] {
			case taxonomy.Phone:
				ok = func(s string) bool { n := len(bdDigitsRE.ReplaceAllString(s, "")); return n == 7 || n == 8 || n == 10 }
			case taxonomy.Email:
				ok = bdEmailRE.MatchString
			case taxonomy.PostalCode:
				ok = func(s string) bool { return len(s) == 5 && strings.Trim(s, "0123456789") == "" && s != "00000" }
			case taxonomy.Birthdate:
				ok = func(s string) bool { return s == "0" || bdParseBirth(s) }
			default:
				continue
			}
			vals := bdTexts(t, tb, col.Name)
			if got := bdShare(vals, ok); got < 1 {
				t.Errorf("%s.%s (%v): only %.3f of %d values have the form", tb.Name, col.Name, col.Labels, got, len(vals))
			}
		}
	}
	// local numbers are there
	for _, ref := range []struct{ table, col string }{{"DH_FAMILIA", "DH_TELE"}, {"tblCliente", "strTelCasa"}, {"brigada_vacunacion_2021", "TELEFONO"}} {
		vals := bdTexts(t, mustTable(t, c, ref.table), ref.col)
		short := bdShare(vals, func(s string) bool { n := len(bdDigitsRE.ReplaceAllString(s, "")); return n == 7 || n == 8 })
		if short < 0.1 {
			t.Errorf("%s.%s: %.2f local numbers", ref.table, ref.col, short)
		}
	}
}

// bdCatsOf says which categories a decoded record holds, by its keys.
func bdCatsOf(rec map[string]string, today time.Time) map[string]bool {
	out := map[string]bool{}
	for k, v := range rec {
		if v == "" {
			continue
		}
		switch strings.ToLower(k) {
		case "curp":
			if _, why := validate.ParseCURP(v, today); why == validate.OK {
				out[taxonomy.CURP] = true
			}
		case "nombre", "ap_paterno", "ap_materno", "primerapellido", "segundoapellido":
			out[taxonomy.PersonName] = true
		case "fecha_nac", "fechanacimiento":
			out[taxonomy.Birthdate] = true
		case "domicilio":
			out[taxonomy.Address] = true
		case "cp":
			out[taxonomy.PostalCode] = true
		case "telefono":
			out[taxonomy.Phone] = true
		}
	}
	return out
}

var (
	bdXMLField = regexp.MustCompile(`<(\w+)>([^<]*)</(\w+)>`)
	bdPHPToken = regexp.MustCompile(`^(?:s:(\d+):"|i:(-?\d+);|N;)`)
)

// bdUnserialize reads the PHP arrays the change log writes.
func bdUnserialize(s string) map[string]string {
	head := regexp.MustCompile(`^a:(\d+):\{`).FindStringSubmatch(s)
	if head == nil || !strings.HasSuffix(s, "}") {
		return nil
	}
	n, _ := strconv.Atoi(head[1])
	rest := s[len(head[0]) : len(s)-1]
	next := func() (string, bool) {
		m := bdPHPToken.FindStringSubmatchIndex(rest)
		if m == nil {
			return "", false
		}
		tok := rest[m[0]:m[1]]
		switch {
		case strings.HasPrefix(tok, "s:"):
			l, _ := strconv.Atoi(rest[m[2]:m[3]])
			v := rest[m[1] : m[1]+l]
			if !strings.HasPrefix(rest[m[1]+l:], `";`) {
				return "", false
			}
			rest = rest[m[1]+l+2:]
			return v, true
		case strings.HasPrefix(tok, "i:"):
			rest = rest[m[1]:]
			return rest[0:0] + tok[2:len(tok)-1], true
		}
		rest = rest[m[1]:]
		return "", true
	}
	out := map[string]string{}
	for range n {
		k, ok1 := next()
		v, ok2 := next()
		if !ok1 || !ok2 {
			return nil
		}
		out[k] = v
	}
	if rest != "" {
		return nil
	}
	return out
}

// The structured columns hold each labelled category in at least 7% of
// their non-empty values and no other at all.
func TestBlindDStructuredShares(t *testing.T) {
	c := bdCorpus(t)
	today := c.Config.Today
	all := []string{taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address, taxonomy.PostalCode, taxonomy.Phone}
	check := func(tb *Table, colName string, decode func(string) map[string]string) {
		col := tb.Columns[tb.Column(colName)]
		counts, n := map[string]int{}, 0
		for _, s := range bdTexts(t, tb, colName) {
			rec := decode(s)
			if rec == nil {
				t.Fatalf("%s.%s: cannot decode %q", tb.Name, colName, s)
			}
			n++
			for cat := range bdCatsOf(rec, today) {
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
	xml := func(s string) map[string]string {
		if !strings.HasPrefix(s, "<row>") || !strings.HasSuffix(s, "</row>") {
			return nil
		}
		out := map[string]string{}
		for _, m := range bdXMLField.FindAllStringSubmatch(s, -1) {
			if m[1] != m[3] {
				return nil
			}
			out[m[1]] = m[2]
		}
		return out
	}
	bc := mustTable(t, c, "bitacora_cambios")
	check(bc, "datos_anteriores", bdUnserialize)
	check(bc, "datos_nuevos", bdUnserialize)
	au := mustTable(t, c, "AuditoriaCambios")
	check(au, "ValorAnterior", xml)
	check(au, "ValorNuevo", xml)

	// JSON columns parse; the odontograms are keyed by FDI teeth
	od := mustTable(t, c, "odontogramas")
	full := 0
	for _, s := range bdTexts(t, od, "odontograma") {
		var m map[string]string
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatalf("odontograma %q: %v", s, err)
		}
		if len(m) > 0 {
			full++
		}
		for k := range m {
			if n, err := strconv.Atoi(k); err != nil || n/10 < 1 || n/10 > 4 || n%10 < 1 || n%10 > 8 {
				t.Errorf("odontograma key %q", k)
			}
		}
	}
	if full < od.Rows/2 {
		t.Errorf("odontograma: %d of %d non-empty", full, od.Rows)
	}
	for _, s := range bdTexts(t, mustTable(t, c, "SIGNOS_VITALES_URG"), "MEDICAMENTOS_ADMIN") {
		var arr []map[string]string
		if err := json.Unmarshal([]byte(s), &arr); err != nil {
			t.Fatalf("MEDICAMENTOS_ADMIN %q: %v", s, err)
		}
	}
	for _, s := range bdTexts(t, mustTable(t, c, "SIGNOS_VITALES_URG"), "SIGNOS") {
		if !strings.HasPrefix(s, "TA:") || strings.Count(s, "|") < 4 {
			t.Fatalf("SIGNOS %q", s)
		}
	}

	// file names: names in most, CURPs in some
	curpIn := regexp.MustCompile(`[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d`)
	names := bdTexts(t, mustTable(t, c, "adjuntos_buzon"), "nombre_adjunto")
	if got := bdShare(names, curpIn.MatchString); got < 0.06 {
		t.Errorf("nombre_adjunto: CURPs in %.3f", got)
	}
	device := regexp.MustCompile(`^(IMG-|Captura de pantalla|fuga|medidor|recibo\.pdf|foto 1|evidencia)`)
	if got := bdShare(names, func(s string) bool { return !device.MatchString(s) && !curpIn.MatchString(s) }); got < 0.4 {
		t.Errorf("nombre_adjunto: names in %.3f", got)
	}
	// the questionnaire's answers are not all NO
	ans := bdTexts(t, mustTable(t, c, "tblExpedienteAntecedentes"), "Respuesta")
	if got := bdShare(ans, func(s string) bool { return strings.ToUpper(s) != "NO" }); got < 0.2 {
		t.Errorf("Respuesta: %.3f are more than NO", got)
	}
	// observations mention conditions in well over 5%
	obs := bdTexts(t, mustTable(t, c, "brigada_vacunacion_2021"), "OBSERVACIONES")
	cond := regexp.MustCompile(`HIPERTENS|DIABETIC|ALERGIA|DOLOR|EPOC|SILLA DE RUEDAS|COVID`)
	if got := bdShare(obs, cond.MatchString); got < 0.3 {
		t.Errorf("OBSERVACIONES: conditions in %.3f", got)
	}
}

// Names the set relies on are there: nicknames, names that are countries,
// generic customers.
func TestBlindDContents(t *testing.T) {
	c := bdCorpus(t)
	apodos := bdTexts(t, mustTable(t, c, "tblCliente"), "strApodo")
	if got := bdShare(apodos, func(s string) bool { return s == strings.ToLower(s) }); got < 0.99 {
		t.Errorf("strApodo: lower case in %.3f", got)
	}
	bap := mustTable(t, c, "libro_bautismos")
	var people []string
	for _, col := range []string{"padre", "madre", "padrino", "madrina"} {
		people = append(people, bdTexts(t, bap, col)...)
	}
	country := func(s string) bool {
		for _, l := range bdCountryNames {
			for _, n := range l {
				if strings.HasPrefix(s, n+" ") {
					return true
				}
			}
		}
		return false
	}
	if got := bdShare(people, country); got < 0.1 {
		t.Errorf("libro_bautismos: country names in %.3f", got)
	}
	names := bdTexts(t, mustTable(t, c, "clientes_facturacion"), "razon_social")
	if got := bdShare(names, func(s string) bool {
		return s == "PUBLICO EN GENERAL" || strings.HasPrefix(s, "CLIENTE ") || strings.HasPrefix(s, "VENTA ")
	}); got < 0.1 || got > 0.3 {
		t.Errorf("razon_social: generic customers in %.3f", got)
	}
	for _, m := range bdLayTerms {
		if !dict.IsCIE10(m[1]) {
			t.Errorf("mapeo_terminos_legos: %s is not a CIE-10 code", m[1])
		}
	}
}

// Hard negatives hold no value that validates as a person's identifier,
// and no pool person's CURP or full name.
func TestBlindDHardNegatives(t *testing.T) {
	c := bdCorpus(t)
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
				if s := bdText(v); s != "" && bdIsPersonID(s, today) {
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

// Labels.Persons equals an independent recount from a written SQLite file.
func TestBlindDPersonsRecount(t *testing.T) {
	c := bdCorpus(t)
	path := filepath.Join(t.TempDir(), "blindd.db")
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
	if labels.Persons != len(all) || labels.Persons < 150 {
		t.Errorf("labels say %d persons, recount %d", labels.Persons, len(all))
	}
}

// Same seed, same rows; another seed, other rows; a table built alone
// equals the same table built with the others.
func TestBlindDDeterminism(t *testing.T) {
	a, err := Generate(Config{Seed: 33, Persons: 3000, Styles: BlindStylesD()})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(Config{Seed: 33, Persons: 3000, Styles: BlindStylesD()})
	d, _ := Generate(Config{Seed: 34, Persons: 3000, Styles: BlindStylesD()})
	for _, tb := range a.Tables {
		h := tableHash(tb)
		if h != tableHash(mustTable(t, b, tb.Name)) || h != tableHash(tb) {
			t.Errorf("%s: same seed, different rows", tb.Name)
		}
		if !tb.HardNegative && h == tableHash(mustTable(t, d, tb.Name)) {
			t.Errorf("%s: different seeds, same rows", tb.Name)
		}
	}
	for _, s := range BlindStylesD() {
		alone, err := Generate(Config{Seed: 33, Persons: 3000, Styles: []Style{s}})
		if err != nil {
			t.Fatal(err)
		}
		if tableHash(alone.Tables[0]) != tableHash(mustTable(t, a, s.Name)) {
			t.Errorf("%s differs when built alone", s.Name)
		}
	}
}
