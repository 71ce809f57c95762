package synth

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// Every table yields exactly Rows rows of len(Columns) allowed values;
// dates are midnight UTC; labels are taxonomy ids.
func TestTablesWellFormed(t *testing.T) {
	c := corpus(t)
	names := map[string]bool{}
	for _, tb := range c.Tables {
		if names[tb.Name] {
			t.Errorf("table %s twice", tb.Name)
		}
		names[tb.Name] = true
		if tb.Style == "" || len(tb.Columns) == 0 {
			t.Errorf("%s: no style or columns", tb.Name)
		}
		for _, col := range tb.Columns {
			for _, l := range col.Labels {
				if _, ok := taxonomy.Lookup(l); !ok {
					t.Errorf("%s.%s: unknown category %q", tb.Name, col.Name, l)
				}
			}
			if tb.HardNegative && len(col.Labels) > 0 {
				t.Errorf("%s.%s: hard negative with labels %v", tb.Name, col.Name, col.Labels)
			}
		}
		n := 0
		tb.Generate(func(r []any) bool {
			n++
			if len(r) != len(tb.Columns) {
				t.Fatalf("%s row %d: %d values for %d columns", tb.Name, n, len(r), len(tb.Columns))
			}
			for i, v := range r {
				col := tb.Columns[i]
				switch x := v.(type) {
				case nil:
				case string:
					if !col.Type.IsText() {
						t.Fatalf("%s.%s: string in %s column", tb.Name, col.Name, col.Type.SQL())
					}
					if !utf8.ValidString(x) {
						t.Fatalf("%s.%s: invalid UTF-8 %q", tb.Name, col.Name, x)
					}
					if col.Type.Kind == KindChar && utf8.RuneCountInString(x) > col.Type.Size ||
						col.Type.Kind == KindVarchar && utf8.RuneCountInString(x) > col.Type.Size {
						t.Fatalf("%s.%s: %q longer than %s", tb.Name, col.Name, x, col.Type.SQL())
					}
				case int64:
					if col.Type.Kind != KindInteger {
						t.Fatalf("%s.%s: integer in %s column", tb.Name, col.Name, col.Type.SQL())
					}
				case float64:
					if col.Type.Kind != KindDecimal {
						t.Fatalf("%s.%s: float in %s column", tb.Name, col.Name, col.Type.SQL())
					}
				case time.Time:
					if col.Type.Kind != KindDate && col.Type.Kind != KindTimestamp {
						t.Fatalf("%s.%s: time in %s column", tb.Name, col.Name, col.Type.SQL())
					}
					if x.Location() != time.UTC || col.Type.Kind == KindDate && x.Truncate(24*time.Hour) != x {
						t.Fatalf("%s.%s: %v is not a UTC date", tb.Name, col.Name, x)
					}
					if x.After(c.Config.Today) {
						t.Fatalf("%s.%s: %v after today", tb.Name, col.Name, x)
					}
				default:
					t.Fatalf("%s.%s: value of type %T", tb.Name, col.Name, v)
				}
			}
			return true
		})
		if n != tb.Rows {
			t.Errorf("%s: %d rows, Rows says %d", tb.Name, n, tb.Rows)
		}
	}
}

// In the register, every valid CURP agrees with the name columns by the
// CURP rules, and with the birthdate, sex and birth-state columns.
func TestPadronCURPsAgreeWithColumns(t *testing.T) {
	tb := mustTable(t, corpus(t), "padron_beneficiarios")
	today := corpus(t).Config.Today
	ix := func(n string) int { return tb.Column(n) }
	curp, nom, pat, mat := ix("curp"), ix("nombre"), ix("primer_apellido"), ix("segundo_apellido")
	fn, sx, en := ix("fecha_nacimiento"), ix("sexo"), ix("entidad_nacimiento")
	var valid, invalid, missing int
	tb.Generate(func(r []any) bool {
		s, _ := r[curp].(string)
		cu, why := validate.ParseCURP(s, today)
		if why != validate.OK {
			if r[curp] == nil || !strings.ContainsAny(s, "0123456789") || s == "0" {
				missing++
			} else {
				invalid++
			}
			return true
		}
		valid++
		m, _ := r[mat].(string)
		if key := validate.CURPNameKey(r[pat].(string), m, r[nom].(string)); key != cu.NameKey {
			t.Errorf("%s vs %v %v %v: key %s", s, r[pat], r[mat], r[nom], key)
		}
		if !r[fn].(time.Time).Equal(cu.Birth) || r[sx] != string(cu.Sex) || r[en] != cu.State {
			t.Errorf("%s vs %v %v %v", s, r[fn], r[sx], r[en])
		}
		return true
	})
	n := float64(tb.Rows)
	t.Logf("padron: %d valid, %d missing or placeholder, %d typos", valid, missing, invalid)
	if f := float64(missing) / n; f < 0.01 || f > 0.035 {
		t.Errorf("missing CURPs %.3f, want about 0.02", f)
	}
	if f := float64(invalid) / n; f < 0.001 || f > 0.012 {
		t.Errorf("typo CURPs %.3f, want about 0.005", f)
	}
}

// The legacy registry and the vendor export write names in one field; their
// valid CURPs belong to the person the name says, in the field's order.
func TestOneFieldNamesMatchCURPs(t *testing.T) {
	c := corpus(t)
	byCURP := map[string]Person{}
	for i := range int32(c.Pool.Len()) {
		ps := c.Pool.Person(i)
		byCURP[ps.CURP] = ps
	}
	check := func(table, curpCol, nameCol string, order func(Person) string, date func(Person) string, dateCol string) {
		tb := mustTable(t, c, table)
		ci, ni, di := tb.Column(curpCol), tb.Column(nameCol), tb.Column(dateCol)
		var checked int
		tb.Generate(func(r []any) bool {
			s, _ := r[ci].(string)
			cu, why := validate.ParseCURP(s, c.Config.Today)
			if why != validate.OK {
				return true
			}
			ps, ok := byCURP[cu.Value]
			if !ok {
				t.Fatalf("%s: valid CURP %s is nobody's", table, cu.Value)
			}
			got := norm.Fold(r[ni].(string)) // repairs mojibake, trims padding
			want := norm.Fold(order(ps))
			if got != want && got != norm.Fold(strings.Replace(want, "MARIA ", "MA. ", 1)) &&
				got != norm.Fold(strings.Replace(want, "JOSE ", "J. ", 1)) {
				t.Errorf("%s: %s named %q, person is %q", table, cu.Value, got, want)
			}
			if d := r[di].(string); d != "00000000" && d != date(ps) {
				t.Errorf("%s: %s born %q, person born %q", table, cu.Value, d, date(ps))
			}
			checked++
			return true
		})
		if checked == 0 {
			t.Errorf("%s: no valid CURPs", table)
		}
	}
	check("RCNACIM", "CURP", "NOMCOMP", Person.RegistryName, func(p Person) string { return yyyymmdd(p.Birth) }, "FECNAC")
	check("EXP_PROV_2019", "C02", "C03", Person.FullName, func(p Person) string { return ddmmyyyy(p.Birth) }, "C04")
}

// People are shared across institutions, and some appear twice in a table.
func TestPersonsOverlap(t *testing.T) {
	c := corpus(t)
	sets := map[string]map[int32]int{}
	for _, name := range []string{"padron_beneficiarios", "RCNACIM", "EXP_PROV_2019"} {
		m := map[int32]int{}
		for _, i := range mustTable(t, c, name).Persons {
			m[i]++
		}
		sets[name] = m
	}
	for _, a := range []string{"padron_beneficiarios", "RCNACIM", "EXP_PROV_2019"} {
		for _, b := range []string{"padron_beneficiarios", "RCNACIM", "EXP_PROV_2019"} {
			if a == b {
				continue
			}
			both := 0
			for i := range sets[a] {
				if sets[b][i] > 0 {
					both++
				}
			}
			share := float64(both) / float64(len(sets[a]))
			t.Logf("%.0f%% of %s's persons are in %s", 100*share, a, b)
			if share < 0.25 || share > 0.65 {
				t.Errorf("%s in %s: %.2f, want 0.30-0.60", a, b, share)
			}
		}
	}
	repeats := 0
	for _, k := range sets["padron_beneficiarios"] {
		if k > 1 {
			repeats++
		}
	}
	if repeats == 0 {
		t.Error("nobody enrolled twice in the register")
	}
	l := c.Labels()
	sum := 0
	for _, tl := range l.Tables {
		sum += tl.Persons
	}
	t.Logf("persons: %d distinct, %d summed over tables, pool %d", l.Persons, sum, l.PoolSize)
	if l.Persons >= sum || l.Persons > l.PoolSize {
		t.Errorf("persons %d, sum over tables %d, pool %d", l.Persons, sum, l.PoolSize)
	}
}

// Consultations point at register ids, carry known CIE-10 codes in mixed
// forms with consistent text, CLUES-shaped facilities, and notes whose
// categories clear the 5% labelling threshold.
func TestConsultas(t *testing.T) {
	c := corpus(t)
	ids := map[int64]Enrollment{}
	for _, e := range c.Pool.Register() {
		ids[e.ID] = e
	}
	tb := mustTable(t, c, "consultas")
	desc := map[string]map[string]bool{}
	for _, d := range Diagnoses() {
		if !dict.IsCIE10(d.Code) {
			t.Errorf("diagnosis %s is not a CIE-10 code in the dictionary", d.Code)
		}
		desc[d.Code] = map[string]bool{d.Description: true}
		for _, v := range d.Variants {
			desc[d.Code][v] = true
		}
	}
	forms := map[string]int{}
	var notes, withName, withCURP, withCond int
	for _, r := range rows(tb) {
		e, ok := ids[r[1].(int64)]
		if !ok {
			t.Fatalf("consultation %v: no beneficiary %v", r[0], r[1])
		}
		if r[2].(time.Time).Before(dayTime(e.Enrolled)) {
			t.Errorf("consultation %v before enrollment", r[0])
		}
		var code string
		if s, ok := r[3].(string); ok {
			code = strings.TrimSuffix(strings.ReplaceAll(s, ".", ""), "X")
			switch {
			case strings.Contains(s, "."):
				forms["dotted"]++
			case strings.HasSuffix(s, "X"):
				forms["X-padded"]++
			default:
				forms["bare"]++
			}
			if !dict.IsCIE10(code) {
				t.Errorf("cie10 %q is not in the dictionary", s)
			}
		}
		if s, ok := r[4].(string); ok && code != "" && !desc[code][s] {
			t.Errorf("diagnostico %q does not fit code %s", s, code)
		}
		cl := r[5].(string)
		if len(cl) != 11 || !validate.IsCURPState(cl[:2]) || strings.Trim(cl[5:], "0123456789") != "" {
			t.Errorf("clues %q", cl)
		}
		s, ok := r[7].(string)
		if !ok {
			continue
		}
		notes++
		ps := c.Pool.Person(e.Person)
		if strings.Contains(s, plain(ps.FullName())) || strings.Contains(s, plain(ps.RegistryName())) {
			withName++
		}
		if strings.Contains(s, ps.CURP) {
			withCURP++
		}
		for d := range desc {
			found := false
			for text := range desc[d] {
				if strings.Contains(s, text) {
					found = true
				}
			}
			if found {
				withCond++
				break
			}
		}
	}
	t.Logf("cie10 forms %v; notes: %d, name %.0f%%, CURP %.0f%%, condition %.0f%%", forms, notes,
		100*float64(withName)/float64(notes), 100*float64(withCURP)/float64(notes), 100*float64(withCond)/float64(notes))
	for _, f := range []string{"dotted", "X-padded", "bare"} {
		if forms[f] == 0 {
			t.Errorf("no %s CIE-10 codes", f)
		}
	}
	for what, k := range map[string]int{"names": withName, "CURPs": withCURP, "conditions": withCond} {
		if float64(k) < 0.05*float64(notes) {
			t.Errorf("notes with %s: %d of %d, below the 5%% labelling threshold", what, k, notes)
		}
	}
}
