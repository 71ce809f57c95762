package synth

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// batch2Styles are the tables of the second tuning batch, three hard
// negatives and three person-bearing styles, plus the health register
// domicilios_historial refers to.
var batch2Styles = []string{"padron_beneficiarios", "cat_oficinas", "activos_informaticos",
	"cat_puestos_unidad", "urgencias_atenciones", "clinic_patients_export", "domicilios_historial"}

func batch2StyleList() []Style {
	var out []Style
	for _, s := range DefaultStyles() {
		if slices.Contains(batch2Styles, s.Name) {
			out = append(out, s)
		}
	}
	return out
}

var (
	batch2     *Corpus
	batch2Err  error
	batch2Once sync.Once
)

// batch2Corpus has 20,000 persons and only the batch's tables.
func batch2Corpus(t testing.TB) *Corpus {
	t.Helper()
	batch2Once.Do(func() {
		batch2, batch2Err = Generate(Config{Seed: 42, Persons: 20000, Styles: batch2StyleList()})
	})
	if batch2Err != nil {
		t.Fatal(batch2Err)
	}
	return batch2
}

// Every column of the batch's tables carries exactly the labels doc.go
// gives it, and the batch is in the default corpus with the hard
// negatives marked.
func TestBatch2Labels(t *testing.T) {
	h, a, pn, pc, ph, em := taxonomy.HealthCondition, taxonomy.Address, taxonomy.PersonName,
		taxonomy.PostalCode, taxonomy.Phone, taxonomy.Email
	want := map[string]map[string][]string{
		"urgencias_atenciones": {
			"clasificacion_triage": {h}, "motivo_atencion": {h}, "resultado_prueba": {h},
			"tipo_egreso": {h}, "intubado": {h}, "clues": {taxonomy.HealthFacility},
		},
		"clinic_patients_export": {
			"given_name": {pn}, "family_name": {pn}, "second_family_name": {pn},
			"dob": {taxonomy.Birthdate}, "email_address": {em}, "cell_phone": {ph}, "home_address": {a},
			"postal_code": {pc}, "insurer": {taxonomy.HealthEnrollment},
			"policy_number": {taxonomy.HealthEnrollment}, "allergies": {h},
		},
		"domicilios_historial": {"calle": {a}, "num_ext": {a}, "num_int": {a}, "colonia": {a}, "cp": {pc}},
		"cat_oficinas":         {},
		"activos_informaticos": {},
		"cat_puestos_unidad":   {},
	}
	hard := map[string]bool{"cat_oficinas": true, "activos_informaticos": true, "cat_puestos_unidad": true}
	c := corpus(t)
	l := c.Labels()
	for name, cols := range want {
		k := slices.IndexFunc(c.Tables, func(tb *Table) bool { return tb.Name == name })
		if k < 0 {
			t.Errorf("%s is not in DefaultStyles", name)
			continue
		}
		tb, tl := c.Tables[k], l.Tables[k]
		if tb.HardNegative != hard[name] {
			t.Errorf("%s: HardNegative %v", name, tb.HardNegative)
		}
		for col := range cols {
			if tb.Column(col) < 0 {
				t.Errorf("%s: no column %s", name, col)
			}
		}
		for _, col := range tb.Columns {
			w := cols[col.Name]
			if w == nil {
				w = []string{}
			}
			if got := tl.Columns[col.Name]; !slices.Equal(got, w) {
				t.Errorf("%s.%s labelled %v, want %v", name, col.Name, got, w)
			}
		}
		if len(tb.Persons) != 0 || tl.Persons != 0 {
			t.Errorf("%s has no CURP column but counts %d persons", name, tl.Persons)
		}
	}
}

// Labels.Persons for a corpus of the batch equals an independent recount
// from a written SQLite file, and the batch's rows depend on the seed
// alone.
func TestBatch2PersonsAndDeterminism(t *testing.T) {
	c, err := Generate(Config{Seed: 77, Persons: 6000, Styles: batch2StyleList()})
	if err != nil {
		t.Fatal(err)
	}
	l := c.Labels()
	db := openDB(t, writeDB(t, c))
	all := map[string]bool{}
	for k, tb := range c.Tables {
		here := map[string]bool{}
		for _, col := range tb.Columns {
			if len(col.Labels) != 1 || col.Labels[0] != taxonomy.CURP {
				continue
			}
			rs, err := db.Query(`SELECT DISTINCT "` + col.Name + `" FROM "` + tb.Name + `" WHERE "` + col.Name + `" IS NOT NULL`)
			if err != nil {
				t.Fatal(err)
			}
			for rs.Next() {
				var s string
				if err := rs.Scan(&s); err != nil {
					t.Fatal(err)
				}
				if cu, why := validate.ParseCURP(s, c.Config.Today); why == validate.OK {
					here[cu.Value], all[cu.Value] = true, true
				}
			}
			rs.Close()
		}
		if len(here) != l.Tables[k].Persons {
			t.Errorf("%s: %d persons in the file, labels say %d", tb.Name, len(here), l.Tables[k].Persons)
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM "` + tb.Name + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != tb.Rows || n == 0 {
			t.Errorf("%s: %d rows in the file, %d declared", tb.Name, n, tb.Rows)
		}
	}
	if len(all) != l.Persons || l.Persons == 0 {
		t.Errorf("recount %d distinct valid CURPs, labels say %d", len(all), l.Persons)
	}

	again, _ := Generate(Config{Seed: 77, Persons: 6000, Styles: batch2StyleList()})
	other, _ := Generate(Config{Seed: 78, Persons: 6000, Styles: batch2StyleList()})
	for _, name := range batch2Styles {
		h := tableHash(mustTable(t, c, name))
		if h != tableHash(mustTable(t, again, name)) {
			t.Errorf("%s: same seed, different rows", name)
		}
		if h != tableHash(mustTable(t, c, name)) {
			t.Errorf("%s: two calls of Generate differ", name)
		}
		if h == tableHash(mustTable(t, other, name)) {
			t.Errorf("%s: different seeds, same rows", name)
		}
	}
}

// assertNoPersonIdentifiers fails on any value of a table that validates
// as a CURP, a personal RFC, a voter key or a payment card.
func assertNoPersonIdentifiers(t *testing.T, c *Corpus, tb *Table) {
	t.Helper()
	today := c.Config.Today
	tb.Generate(func(r []any) bool {
		for i, v := range r {
			var s string
			switch x := v.(type) {
			case string:
				s = strings.TrimSpace(x)
			case int64:
				s = strconv.FormatInt(x, 10)
			default:
				continue
			}
			where := tb.Name + "." + tb.Columns[i].Name
			if _, why := validate.ParseCURP(s, today); why == validate.OK {
				t.Errorf("%s: %q is a valid CURP", where, s)
			}
			if rfc, why := validate.ParseRFC(s); why == validate.OK && (rfc.Person || utf8.RuneCountInString(s) != 12) {
				t.Errorf("%s: %q is a personal RFC", where, s)
			}
			if _, why := validate.ParseVoterKey(s, today); why == validate.OK {
				t.Errorf("%s: %q is a voter key", where, s)
			}
			if d := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, s); len(d) >= 13 && len(d) <= 19 && validate.Luhn(d) {
				t.Errorf("%s: %q holds a number that passes Luhn", where, s)
			}
		}
		return true
	})
}

// postalCodeOK reports whether a postal code validates in the state with
// the given CURP code ("" for any state). The pool now and then draws a
// code made of one digit repeated (55555), which validate reads as a
// placeholder; it is accepted here when its prefix is the state's.
func postalCodeOK(cp, state string) bool {
	code, why := validate.ParsePostalCode(cp, false)
	if why == validate.Placeholder && len(cp) == 5 && strings.Count(cp, cp[:1]) == 5 {
		p, _ := strconv.Atoi(cp[:2])
		for _, st := range states {
			if (state == "" || st.Code == state) && slices.Contains(st.cp, p) {
				return true
			}
		}
	}
	return why == validate.OK && (state == "" || code == state)
}
