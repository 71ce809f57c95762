package synth

import (
	"bytes"
	"context"
	"crypto/sha256"
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

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

var (
	bcTestOnce   sync.Once
	bcTestCorpus *Corpus
	bcTestErr    error
)

// bcCorpus is the blind-C corpus the tests share: 5,000 persons, seed 11.
func bcCorpus(t testing.TB) *Corpus {
	t.Helper()
	bcTestOnce.Do(func() {
		bcTestCorpus, bcTestErr = Generate(Config{Seed: 11, Persons: 5000, Styles: BlindStylesC()})
	})
	if bcTestErr != nil {
		t.Fatal(bcTestErr)
	}
	return bcTestCorpus
}

func bcTestTable(t testing.TB, c *Corpus, name string) *Table {
	t.Helper()
	tb := c.Table(name)
	if tb == nil {
		t.Fatalf("no table %s", name)
	}
	return tb
}

// bcValues collects one column's values.
func bcValues(t testing.TB, tb *Table, name string) []any {
	t.Helper()
	i := tb.Column(name)
	if i < 0 {
		t.Fatalf("%s has no column %s", tb.Name, name)
	}
	var out []any
	tb.Generate(func(r []any) bool { out = append(out, r[i]); return true })
	return out
}

// bcText writes a value as a scanner reads it: trimmed text, "" for NULL.
func bcText(v any) string {
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

// bcNonEmpty keeps the non-empty texts of a column.
func bcNonEmpty(vals []any) []string {
	var out []string
	for _, v := range vals {
		if s := bcText(v); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func bcShare(vals []string, ok func(string) bool) float64 {
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

func bcHashTable(tb *Table) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|", tb.Name, tb.Rows)
	tb.Generate(func(r []any) bool {
		for _, v := range r {
			fmt.Fprintf(h, "%T:%v|", v, v)
		}
		h.Write([]byte{'\n'})
		return true
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestBlindCDeterministic(t *testing.T) {
	a := bcCorpus(t)
	b, err := Generate(Config{Seed: 11, Persons: 5000, Styles: BlindStylesC()})
	if err != nil {
		t.Fatal(err)
	}
	var la, lb bytes.Buffer
	if err := a.WriteLabels(&la); err != nil {
		t.Fatal(err)
	}
	if err := b.WriteLabels(&lb); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(la.Bytes(), lb.Bytes()) {
		t.Error("labels differ between two runs")
	}
	for i, tb := range a.Tables {
		h1, h2, h3 := bcHashTable(tb), bcHashTable(tb), bcHashTable(b.Tables[i])
		if h1 != h2 {
			t.Errorf("%s: two replays differ", tb.Name)
		}
		if h1 != h3 {
			t.Errorf("%s: two corpora differ", tb.Name)
		}
	}
	// another seed changes the data
	c, err := Generate(Config{Seed: 12, Persons: 5000, Styles: BlindStylesC()})
	if err != nil {
		t.Fatal(err)
	}
	if bcHashTable(c.Tables[0]) == bcHashTable(a.Tables[0]) {
		t.Error("seed does not change the rows")
	}
}

func TestBlindCNoNameCollisions(t *testing.T) {
	mine := map[string]bool{}
	for _, s := range BlindStylesC() {
		k := strings.ToLower(s.Name)
		if mine[k] {
			t.Errorf("two blind-C styles named %q (case-insensitively)", s.Name)
		}
		mine[k] = true
	}
	for _, set := range []struct {
		name   string
		styles []Style
	}{{"DefaultStyles", DefaultStyles()}, {"EvalStyles", EvalStyles()}, {"BlindStyles", BlindStyles()}} {
		c, err := Generate(Config{Seed: 3, Persons: 1500, Styles: set.styles})
		if err != nil {
			t.Fatalf("%s: %v", set.name, err)
		}
		for _, tb := range c.Tables {
			if mine[strings.ToLower(tb.Name)] {
				t.Errorf("table %s of %s collides with a blind-C table", tb.Name, set.name)
			}
		}
	}
}

func TestBlindCShape(t *testing.T) {
	c := bcCorpus(t)
	people, negatives, wide := 0, 0, 0
	for _, tb := range c.Tables {
		if tb.Rows == 0 {
			t.Errorf("%s is empty", tb.Name)
		}
		if len(tb.Columns) >= 30 {
			wide++
		}
		labelled := false
		for _, col := range tb.Columns {
			for _, l := range col.Labels {
				if _, ok := taxonomy.Lookup(l); !ok {
					t.Errorf("%s.%s: unknown label %q", tb.Name, col.Name, l)
				}
				labelled = true
			}
			if tb.HardNegative && len(col.Labels) > 0 {
				t.Errorf("hard negative %s.%s is labelled %v", tb.Name, col.Name, col.Labels)
			}
			if len(col.Labels) > 0 && len(bcNonEmpty(bcValues(t, tb, col.Name))) == 0 {
				t.Errorf("%s.%s is labelled %v but holds no value", tb.Name, col.Name, col.Labels)
			}
		}
		switch {
		case tb.HardNegative:
			negatives++
		case labelled:
			people++
		}
		n := 0
		tb.Generate(func(r []any) bool {
			n++
			if len(r) != len(tb.Columns) {
				t.Fatalf("%s: row of %d values for %d columns", tb.Name, len(r), len(tb.Columns))
			}
			return true
		})
		if n != tb.Rows {
			t.Errorf("%s: generated %d rows, declared %d", tb.Name, n, tb.Rows)
		}
	}
	if people < 8 || negatives < 4 || wide < 1 {
		t.Errorf("%d person-bearing tables, %d hard negatives, %d wide: want 8, 4, 1", people, negatives, wide)
	}
	// the sparse table: citizens in a few percent of the rows
	tb := bcTestTable(t, c, "SICOGE_VOLANTES")
	filled := len(bcNonEmpty(bcValues(t, tb, "CIUD_NOMBRE")))
	if share := float64(filled) / float64(tb.Rows); share < 0.01 || share > 0.06 {
		t.Errorf("SICOGE_VOLANTES: citizens in %.3f of rows, want a few percent", share)
	}
	if cols := len(bcTestTable(t, c, "CUIS_HOGARES_LEV2019").Columns); cols < 45 {
		t.Errorf("CUIS_HOGARES_LEV2019 has %d columns", cols)
	}
}

// bcOnly reports whether a column's only label is l.
func bcOnly(col Column, l string) bool { return len(col.Labels) == 1 && col.Labels[0] == l }

func TestBlindCIdentifierRates(t *testing.T) {
	c := bcCorpus(t)
	today := c.Config.Today
	curpOK := func(s string) bool { _, why := validate.ParseCURP(s, today); return why == validate.OK }
	// valid share of the non-empty values of each CURP column, as planned
	curpRates := map[string][2]float64{
		"SIBEC_PADRON_ALUMNOS.CURP_ALUM":  {0.90, 0.99},
		"SIBEC_PADRON_ALUMNOS.CURP_TUTOR": {0.82, 0.96},
		"FGJ_AP_INVOLUCRADOS.CURP":        {0.65, 0.88},
		"SICOGE_VOLANTES.CIUD_CURP":       {0.65, 0.98},
		"CUIS_HOGARES_LEV2019.INF_CURP":   {0.88, 0.99},
		"hr_plantilla_export.CURP":        {0.97, 1.00},
		"uniAdmisionesAlumnos.curp":       {0.91, 0.995},
		"RC_ACTAS_MATRIMONIO.C1_CURP":     {0.75, 0.97},
		"RC_ACTAS_MATRIMONIO.C2_CURP":     {0.75, 0.97},
		"BS_DONADORES.CURP":               {0.88, 0.99},
	}
	seen := 0
	for _, tb := range c.Tables {
		for _, col := range tb.Columns {
			if !bcOnly(col, "curp") {
				continue
			}
			key := tb.Name + "." + col.Name
			want, ok := curpRates[key]
			if !ok {
				t.Errorf("no planned rate for CURP column %s", key)
				continue
			}
			seen++
			vals := bcNonEmpty(bcValues(t, tb, col.Name))
			if got := bcShare(vals, curpOK); got < want[0] || got > want[1] {
				t.Errorf("%s: %.3f of values are valid CURPs, want %.2f-%.2f", key, got, want[0], want[1])
			}
			if bcShare(vals, curpOK) == 1 && len(vals) > 100 {
				t.Errorf("%s: no capture errors or placeholders at all", key)
			}
		}
	}
	if seen != len(curpRates) {
		t.Errorf("checked %d CURP columns, planned %d", seen, len(curpRates))
	}

	type check struct {
		table, column string
		ok            func(string) bool
		lo, hi        float64
	}
	personRFC := func(s string) bool { r, why := validate.ParseRFC(s); return why == validate.OK && r.Person }
	nssOK := func(s string) bool { _, why := validate.ParseNSS(s, today); return why == validate.OK }
	clabeOK := func(s string) bool { return validate.ParseCLABE(s) == validate.OK }
	cardOK := func(s string) bool { _, why := validate.ParseCard(s); return why == validate.OK }
	voterOK := func(s string) bool { _, why := validate.ParseVoterKey(s, today); return why == validate.OK }
	cluesOK := func(s string) bool { _, _, why := validate.ParseCLUES(s); return why == validate.OK }
	cieOK := func(s string) bool { _, why := validate.ParseCIE10(s); return why == validate.OK }
	checks := []check{
		{"hr_plantilla_export", "RFC", personRFC, 0.97, 0.999},
		{"lab_ordenes", "rfc_factura", personRFC, 0.2, 0.6},
		{"hr_plantilla_export", "NSS", nssOK, 1, 1},
		{"uniAdmisionesAlumnos", "nssFacultativo", nssOK, 1, 1},
		{"SIBEC_PADRON_ALUMNOS", "CLABE_TUT", clabeOK, 1, 1},
		{"hr_plantilla_export", "CLABE", clabeOK, 1, 1},
		{"cartera_despacho_cobranza", "tarjeta", cardOK, 0.8, 0.95},
		{"RC_ACTAS_MATRIMONIO", "C1_CLAVE_ELECTOR", voterOK, 1, 1},
		{"RC_ACTAS_MATRIMONIO", "C2_CLAVE_ELECTOR", voterOK, 1, 1},
		{"BS_DONADORES", "CLUES_BANCO", cluesOK, 1, 1},
		{"lab_ordenes", "dx_presuntivo", cieOK, 1, 1},
	}
	for _, ch := range checks {
		tb := bcTestTable(t, c, ch.table)
		vals := bcNonEmpty(bcValues(t, tb, ch.column))
		if got := bcShare(vals, ch.ok); got < ch.lo || got > ch.hi {
			t.Errorf("%s.%s: %.3f of %d values validate, want %.3f-%.3f", ch.table, ch.column, got, len(vals), ch.lo, ch.hi)
		}
	}
	// every labelled identifier column is covered above
	covered := map[string]bool{}
	for _, ch := range checks {
		covered[ch.table+"."+ch.column] = true
	}
	for _, tb := range c.Tables {
		for _, col := range tb.Columns {
			for _, l := range []string{"rfc", "nss", "clabe", "credit_card", "voter_key"} {
				if bcOnly(col, l) && !covered[tb.Name+"."+col.Name] {
					t.Errorf("%s.%s (%s) is not checked", tb.Name, col.Name, l)
				}
			}
		}
	}

	// about 1.5% of the staff RFCs fail the check character, as real ones do
	hr := bcTestTable(t, c, "hr_plantilla_export")
	fails, persons := 0, 0
	for _, s := range bcNonEmpty(bcValues(t, hr, "RFC")) {
		if r, why := validate.ParseRFC(s); why == validate.OK && r.Person {
			persons++
			if !r.CheckOK {
				fails++
			}
		}
	}
	if share := float64(fails) / float64(persons); persons == 0 || share > 0.05 {
		t.Errorf("hr RFC check failures %.3f of %d", share, persons)
	}
	// the RFC agrees with the CURP of the row (first ten characters)
	rfcs, curps := bcValues(t, hr, "RFC"), bcValues(t, hr, "CURP")
	for i := range rfcs {
		r, cu := bcText(rfcs[i]), bcText(curps[i])
		if r != "XAXX010101000" && curpOK(cu) && r[:10] != cu[:10] {
			t.Errorf("hr row %d: RFC %s does not match CURP %s", i, r, cu)
		}
	}

	// contact, address and date columns hold values the validators read
	for _, tb := range c.Tables {
		for _, col := range tb.Columns {
			vals := bcNonEmpty(bcValues(t, tb, col.Name))
			var ok func(string) bool
			switch {
			case bcOnly(col, "phone"):
				ok = func(s string) bool { _, why := validate.ParsePhone(s); return why == validate.OK }
			case bcOnly(col, "email"):
				ok = func(s string) bool { return validate.ParseEmail(s) == validate.OK }
			case bcOnly(col, "postal_code"):
				numeric := col.Type.Kind == KindInteger
				ok = func(s string) bool { _, why := validate.ParsePostalCode(s, numeric); return why == validate.OK }
			case bcOnly(col, "birthdate"):
				ok = func(s string) bool {
					if validate.IsPlaceholder(s) || s == "1" || s == "01-ENE-1900" {
						return true
					}
					if col.Type.Kind == KindInteger {
						_, _, good := validate.ParseDateNumber(s, today)
						return good
					}
					_, _, good := validate.ParseDate(s, today)
					return good
				}
			default:
				continue
			}
			if got := bcShare(vals, ok); got < 0.97 {
				t.Errorf("%s.%s (%v): only %.3f of values validate", tb.Name, col.Name, col.Labels, got)
			}
		}
	}
}

func TestBlindCHardNegatives(t *testing.T) {
	c := bcCorpus(t)
	today := c.Config.Today
	n := 0
	for _, tb := range c.Tables {
		if !tb.HardNegative {
			continue
		}
		n++
		if len(tb.Persons) > 0 {
			t.Errorf("%s: hard negative with persons", tb.Name)
		}
		tb.Generate(func(r []any) bool {
			for i, v := range r {
				s := bcText(v)
				if s == "" {
					continue
				}
				bad := bcPersonID(s, today)
				if _, why := validate.ParseNSS(s, today); why == validate.OK {
					bad = true
				}
				if validate.ParseCLABE(s) == validate.OK {
					bad = true
				}
				if bad {
					t.Errorf("%s.%s holds %q, which validates as a person's identifier", tb.Name, tb.Columns[i].Name, s)
				}
			}
			return true
		})
	}
	if n < 4 {
		t.Errorf("%d hard negatives", n)
	}
	for _, tl := range c.Labels().Tables {
		if !tl.HardNegative {
			continue
		}
		for name, ls := range tl.Columns {
			if len(ls) > 0 {
				t.Errorf("%s.%s labelled %v", tl.Name, name, ls)
			}
		}
	}
}

// TestBlindCPersonsRecount writes the corpus to SQLite and counts the
// distinct valid CURPs of the columns whose only label is curp, as a
// scanner should, independently of the row plans.
func TestBlindCPersonsRecount(t *testing.T) {
	c := bcCorpus(t)
	path := filepath.Join(t.TempDir(), "blindc.db")
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
			if !bcOnly(col, "curp") {
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
				if cu, why := validate.ParseCURP(v.String, c.Config.Today); v.Valid && why == validate.OK {
					here[cu.Value] = true
					all[cu.Value] = true
				}
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if got := labels.Tables[ti].Persons; got != len(here) {
			t.Errorf("%s: labels say %d persons, recount %d", tb.Name, got, len(here))
		}
	}
	if labels.Persons != len(all) {
		t.Errorf("labels say %d persons, recount %d", labels.Persons, len(all))
	}
	if labels.Persons < 500 {
		t.Errorf("only %d persons", labels.Persons)
	}
}

var (
	bcTenDigits = regexp.MustCompile(`\b\d{10}\b|\d{2,3}[ -]\d{4}[ -]\d{4}|\(\d{2,3}\)\d{7,8}`)
	bcCURPShape = regexp.MustCompile(`[A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d`)
)

// TestBlindCTextShares checks the 5% rule on the free-text, JSON and
// delimited columns: each labelled category is present in at least 5% of
// the non-empty values (with a margin), and the others are absent.
func TestBlindCTextShares(t *testing.T) {
	c := bcCorpus(t)
	atLeast := func(what string, got, want float64) {
		t.Helper()
		if got < want {
			t.Errorf("%s: %.3f, want at least %.2f", what, got, want)
		}
	}
	contains := func(subs ...string) func(string) bool {
		return func(s string) bool {
			for _, sub := range subs {
				if strings.Contains(s, sub) {
					return true
				}
			}
			return false
		}
	}

	fgj := bcTestTable(t, c, "FGJ_AP_INVOLUCRADOS")
	decl := bcNonEmpty(bcValues(t, fgj, "DECLARACION"))
	atLeast("DECLARACION names", bcShare(decl, contains("LLAMARSE ", "DE NOMBRE ", "LA C. ", "PLENAMENTE A ")), 0.35)
	atLeast("DECLARACION addresses", bcShare(decl, contains("CON DOMICILIO EN ")), 0.15)
	atLeast("DECLARACION injuries", bcShare(decl, contains("LESIONES QUE TARDAN")), 0.10)
	if got := bcShare(decl, bcTenDigits.MatchString) + bcShare(decl, bcCURPShape.MatchString); got > 0 {
		t.Errorf("DECLARACION holds phones or CURPs (%.3f)", got)
	}

	cob := bcTestTable(t, c, "cartera_despacho_cobranza")
	docs := bcNonEmpty(bcValues(t, cob, "datos_deudor"))
	var parsed []bcDebtor
	for _, d := range docs {
		var x bcDebtor
		if err := json.Unmarshal([]byte(d), &x); err != nil {
			t.Fatalf("datos_deudor %q: %v", d, err)
		}
		parsed = append(parsed, x)
	}
	share := func(f func(bcDebtor) bool) float64 {
		n := 0
		for _, x := range parsed {
			if f(x) {
				n++
			}
		}
		return float64(n) / float64(len(parsed))
	}
	today := c.Config.Today
	atLeast("datos_deudor curp", share(func(x bcDebtor) bool { _, why := validate.ParseCURP(x.CURP, today); return why == validate.OK }), 0.45)
	atLeast("datos_deudor name", share(func(x bcDebtor) bool { return x.Nombre != "" && x.ApPaterno != "" }), 0.99)
	atLeast("datos_deudor birthdate", share(func(x bcDebtor) bool { return x.FechaNac != "" }), 0.40)
	atLeast("datos_deudor address", share(func(x bcDebtor) bool { return x.Domicilio != nil }), 0.50)
	atLeast("datos_deudor postal code", share(func(x bcDebtor) bool { return x.Domicilio != nil && x.Domicilio.CP != "" }), 0.40)
	atLeast("datos_deudor phone", share(func(x bcDebtor) bool { return x.Celular != "" || x.TelCasa != "" }), 0.80)
	atLeast("datos_deudor email", share(func(x bcDebtor) bool { return x.Email != "" }), 0.10)

	for _, ref := range bcNonEmpty(bcValues(t, cob, "referencias")) {
		for _, one := range strings.Split(ref, ";") {
			f := strings.Split(one, "|")
			if len(f) != 3 || len(strings.Fields(f[0])) < 2 || len(f[2]) != 10 {
				t.Fatalf("referencias %q", ref)
			}
		}
	}
	notes := bcNonEmpty(bcValues(t, cob, "comentarios"))
	atLeast("comentarios names", bcShare(notes, contains("SE DEJA RECADO CON SU ")), 0.08)
	atLeast("comentarios phones", bcShare(notes, bcTenDigits.MatchString), 0.07)

	bs := bcTestTable(t, c, "BS_DONADORES")
	obs := bcNonEmpty(bcValues(t, bs, "OBSERVACIONES"))
	atLeast("OBSERVACIONES reactions", bcShare(obs, contains("VASOVAGAL", "HEMATOMA", "LIPOTIMIA")), 0.06)

	// unlabelled text columns mention nobody
	for _, ref := range []struct{ table, column string }{
		{"SICOGE_VOLANTES", "ASUNTO"}, {"SICOGE_VOLANTES", "OBSERVACIONES"}, {"CUIS_HOGARES_LEV2019", "OBS_ENCUESTADOR"},
	} {
		tb := bcTestTable(t, c, ref.table)
		for _, s := range bcNonEmpty(bcValues(t, tb, ref.column)) {
			if bcTenDigits.MatchString(s) || bcCURPShape.MatchString(s) || strings.Contains(s, "@") {
				t.Errorf("%s.%s: %q", ref.table, ref.column, s)
			}
		}
	}
	// SICOGE's subjects never carry a citizen's name
	sic := bcTestTable(t, c, "SICOGE_VOLANTES")
	subjects, names := bcValues(t, sic, "ASUNTO"), bcValues(t, sic, "CIUD_NOMBRE")
	for i := range subjects {
		if n := bcText(names[i]); n != "" && strings.Contains(strings.ToUpper(bcText(subjects[i])), strings.ToUpper(n)) {
			t.Errorf("SICOGE row %d: the subject names the citizen", i)
		}
	}
}

// TestBlindCLabelsInTaxonomyOrder checks that the written labels list the
// categories in taxonomy order and that every column appears.
func TestBlindCLabelsInTaxonomyOrder(t *testing.T) {
	c := bcCorpus(t)
	for i, tl := range c.Labels().Tables {
		tb := c.Tables[i]
		if len(tl.Columns) != len(tb.Columns) {
			t.Errorf("%s: %d labelled columns for %d", tb.Name, len(tl.Columns), len(tb.Columns))
		}
		for name, ls := range tl.Columns {
			if !slices.IsSortedFunc(ls, func(a, b string) int { return taxonomy.Order(a) - taxonomy.Order(b) }) {
				t.Errorf("%s.%s: labels %v out of order", tb.Name, name, ls)
			}
		}
	}
}
