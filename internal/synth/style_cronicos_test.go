package synth

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
)

// The census's text birthdates, in every form it writes, read back as the
// birth of the person its CURP names; the flags are 1/2/9 with at least one
// condition; treatments fit the flags; units are facilities; the notes
// carry names and conditions above the 5% labelling threshold.
func TestCensoCronicos(t *testing.T) {
	c, byCURP := tuningCorpus(t)
	today := c.Config.Today
	units := map[string]bool{}
	for _, f := range c.Pool.Facilities() {
		units[f.Name] = true
	}
	tb := mustTable(t, c, "censo_cronicos")
	ix := tb.Column
	curpI, nomI, fnI, trI, unI, obsI := ix("curp"), ix("nombre"), ix("fecha_nac"), ix("tratamiento"), ix("unidad"), ix("observaciones")
	flagI := []int{ix("DIABETES"), ix("HIPERTENSION"), ix("OBESIDAD")}
	forms := map[validate.DateFormat]int{}
	var n, checked, sentinels, fixtures, notes, withName, withCond, mojibake int
	for _, r := range rows(tb) {
		n++
		var has []int
		for c, i := range flagI {
			switch r[i].(int64) {
			case 1:
				has = append(has, c)
			case 2, 9:
			default:
				t.Fatalf("flag %v", r[i])
			}
		}
		if len(has) == 0 {
			t.Errorf("row %v: no condition flagged", r[0])
		}
		if s, ok := r[trI].(string); ok && s != "SIN TRATAMIENTO" {
			for _, c := range has {
				if !slices.ContainsFunc(cronicoDrugs[c], func(d string) bool { return strings.Contains(s, d) }) {
					t.Errorf("treatment %q lacks one for condition %d", s, c)
				}
			}
		}
		if !units[r[unI].(string)] {
			t.Errorf("unidad %q is no facility", r[unI])
		}
		if norm.HasMojibake(r[nomI].(string)) {
			mojibake++
		}
		fn := r[fnI].(string)
		got, f, ok := validate.ParseDate(fn, today)
		if !ok {
			sentinels++
			if !validate.IsSentinelDate(fn) {
				t.Errorf("fecha_nac %q is neither a date nor a sentinel", fn)
			}
		} else {
			forms[f]++
		}
		s, _ := r[curpI].(string)
		if s == curpFixture {
			fixtures++
		}
		cu, why := validate.ParseCURP(s, today)
		if why != validate.OK {
			continue
		}
		ps := byCURP[cu.Value]
		if norm.Fold(r[nomI].(string)) != norm.Fold(ps.RegistryName()) {
			t.Errorf("%s named %q, person is %q", s, r[nomI], ps.RegistryName())
		}
		if ok {
			checked++
			if !got.Equal(ps.Birth) {
				t.Errorf("fecha_nac %q reads %s, person born %s", fn, got.Format(time.DateOnly), ps.Birth.Format(time.DateOnly))
			}
		}
		if note, ok := r[obsI].(string); ok {
			notes++
			if strings.Contains(note, plain(ps.FullName())) || strings.Contains(note, plain(ps.RegistryName())) {
				withName++
			}
			for _, names := range cronicoNames {
				if slices.ContainsFunc(names, func(c string) bool { return strings.Contains(note, c) }) {
					withCond++
					break
				}
			}
		}
	}
	t.Logf("censo: %d rows, %d birthdates checked against CURPs, forms %v, %d sentinels, %d fixtures, %d mojibake names; notes %d: name %.0f%%, condition %.0f%%",
		n, checked, forms, sentinels, fixtures, mojibake, notes, 100*float64(withName)/float64(notes), 100*float64(withCond)/float64(notes))
	for _, f := range []validate.DateFormat{validate.DateMonthName, validate.DateSpanishLong, validate.DateDMYY} {
		if forms[f] < n/10 {
			t.Errorf("only %d birthdates in form %v", forms[f], f)
		}
	}
	if sentinels == 0 || fixtures == 0 || mojibake == 0 {
		t.Error("sentinels, fixtures or mojibake missing")
	}
	for what, k := range map[string]int{"names": withName, "conditions": withCond} {
		if float64(k) < 0.1*float64(notes) {
			t.Errorf("notes with %s: %d of %d, too close to the 5%% labelling threshold", what, k, notes)
		}
	}
}
