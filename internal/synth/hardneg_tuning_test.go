package synth

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// The tuning corpus has at least twelve hard negatives, and none holds a
// valid person identifier: no CURP, no personal RFC (RFCs there are
// 12-character company ones), no voter key, no card number (card-shaped
// values fail Luhn). The institution's CLABEs are valid by design and
// labelled nothing (doc.go).
func TestHardNegativesHoldNoPersonIdentifiers(t *testing.T) {
	c := corpus(t)
	today := c.Config.Today
	hard := 0
	for _, tb := range c.Tables {
		if !tb.HardNegative {
			continue
		}
		hard++
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
				if rfc, why := validate.ParseRFC(s); why == validate.OK && (rfc.Person || utf8.RuneCountInString(s) != 12) {
					t.Errorf("%s: %q is a personal RFC", where, s)
				}
				if _, why := validate.ParseVoterKey(s, today); why == validate.OK {
					t.Errorf("%s: %q is a voter key", where, s)
				}
				if n := len(s); n >= 13 && n <= 19 && strings.Trim(s, "0123456789") == "" {
					if _, why := validate.ParseCard(s); why == validate.OK {
						t.Errorf("%s: %q is a card number", where, s)
					}
				}
			}
			return true
		})
	}
	if hard < 12 {
		t.Errorf("%d hard-negative tables, want at least 12", hard)
	}
	for _, v := range column(t, mustTable(t, c, "terminales_tpv"), "id_terminal") {
		if s := v.(string); len(s) != 16 || validate.Luhn(s) || (s[0] != '4' && s[0] != '5') {
			t.Errorf("terminal id %q is not a card-shaped Luhn failure", s)
		}
	}
	for _, v := range column(t, mustTable(t, c, "cuentas_bancarias"), "clabe") {
		if why := validate.ParseCLABE(v.(string)); why != validate.OK {
			t.Errorf("institutional CLABE %v: %v", v, why)
		}
	}
	surnames := 0
	for _, v := range column(t, mustTable(t, c, "terminales_tpv"), "comercio") {
		if strings.HasPrefix(v.(string), "ABARROTES ") {
			surnames++
		}
	}
	if surnames == 0 {
		t.Error("no ABARROTES <surname> merchants")
	}
}

// The new tables' persons overlap the register's, Labels.Persons for a
// corpus of only the new tables equals an independent recount from a
// written SQLite file, and the rows depend on the seed alone.
func TestTuningTablesPersonsAndDeterminism(t *testing.T) {
	c, err := Generate(Config{Seed: 77, Persons: 8000, Styles: tuningStyles()})
	if err != nil {
		t.Fatal(err)
	}
	l := c.Labels()
	inRegister := map[int32]bool{}
	for _, i := range mustTable(t, c, "padron_beneficiarios").Persons {
		inRegister[i] = true
	}
	for _, name := range []string{"nomina_empleados", "pagos_beneficiarios", "censo_cronicos"} {
		ps := mustTable(t, c, name).Persons
		both, distinct := 0, map[int32]bool{}
		for _, i := range ps {
			if !distinct[i] && inRegister[i] {
				both++
			}
			distinct[i] = true
		}
		share := float64(both) / float64(len(distinct))
		t.Logf("%s: %d persons, %.0f%% also in the register", name, len(distinct), 100*share)
		if share < 0.3 {
			t.Errorf("%s shares %.2f of its persons with the register", name, share)
		}
	}
	if mustTable(t, c, "LISTA_NOMINAL").Persons != nil {
		t.Error("the electoral register has no CURP column and counts no persons")
	}

	db := openDB(t, writeDB(t, c))
	all := map[string]bool{}
	for k, tb := range c.Tables {
		here := map[string]bool{}
		for _, col := range tb.Columns {
			if len(col.Labels) != 1 || col.Labels[0] != "curp" {
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
	}
	if len(all) != l.Persons {
		t.Errorf("recount %d distinct valid CURPs, labels say %d", len(all), l.Persons)
	}

	again, _ := Generate(Config{Seed: 77, Persons: 8000, Styles: tuningStyles()})
	other, _ := Generate(Config{Seed: 78, Persons: 8000, Styles: tuningStyles()})
	for _, name := range newTuningStyles {
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
