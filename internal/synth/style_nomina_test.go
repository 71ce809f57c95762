package synth

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
)

// newTuningStyles are the tables added to widen the tuning corpus, plus the
// health register the payments refer to.
var newTuningStyles = []string{"padron_beneficiarios", "nomina_empleados", "LISTA_NOMINAL",
	"pagos_beneficiarios", "censo_cronicos", "plazas", "cuentas_bancarias", "terminales_tpv"}

func tuningStyles() []Style {
	var out []Style
	for _, s := range DefaultStyles() {
		if slices.Contains(newTuningStyles, s.Name) {
			out = append(out, s)
		}
	}
	return out
}

var (
	tuning     *Corpus
	tuningErr  error
	tuningOnce sync.Once
	tuningByID map[string]Person
)

// tuningCorpus is large enough to measure rates of a percent or so: 30,000
// persons, only the new tables and the register.
func tuningCorpus(t testing.TB) (*Corpus, map[string]Person) {
	t.Helper()
	tuningOnce.Do(func() {
		tuning, tuningErr = Generate(Config{Seed: 42, Persons: 30000, Styles: tuningStyles()})
		if tuningErr != nil {
			return
		}
		tuningByID = make(map[string]Person, tuning.Pool.Len())
		for i := range int32(tuning.Pool.Len()) {
			ps := tuning.Pool.Person(i)
			tuningByID[ps.CURP] = ps
		}
	})
	if tuningErr != nil {
		t.Fatal(tuningErr)
	}
	return tuning, tuningByID
}

func within(t *testing.T, what string, got, lo, hi float64) {
	t.Helper()
	if got < lo || got > hi {
		t.Errorf("%s: %.4f, want %.4f..%.4f", what, got, lo, hi)
	}
}

// The payroll's identifiers validate at the rates real data shows, and
// agree with each other and with the person the CURP names.
func TestNominaIdentifiers(t *testing.T) {
	c, byCURP := tuningCorpus(t)
	today := c.Config.Today
	tb := mustTable(t, c, "nomina_empleados")
	ix := tb.Column
	rfcI, curpI, nssI, nomI, fnI, clabeI, ingI := ix("rfc"), ix("curp"), ix("nss"), ix("nombre_completo"),
		ix("fec_nac"), ix("clabe"), ix("fecha_ingreso")
	var total, rfcs, rfcCheckOK, generic, replaced, fixtures, withCURP, nssN, clabeN, sentinels int
	for _, r := range rows(tb) {
		total++
		s, _ := r[curpI].(string)
		if s == curpFixture {
			fixtures++
		}
		cu, why := validate.ParseCURP(s, today)
		var ps Person
		if why == validate.OK {
			withCURP++
			ps = byCURP[cu.Value]
			if ps.CURP == "" {
				t.Fatalf("CURP %s is nobody's", s)
			}
			if got, want := norm.Fold(r[nomI].(string)), norm.Fold(ps.FullName()); got != want &&
				got != norm.Fold(abbreviateGiven(want)) {
				t.Errorf("%s named %q, person is %q", s, got, want)
			}
			if hired := r[ingI].(time.Time); hired.Before(ps.Birth.AddDate(18, 0, 0)) || !hired.Before(today) {
				t.Errorf("%s born %s hired %s", s, ps.Birth.Format(time.DateOnly), hired.Format(time.DateOnly))
			}
		}

		switch v := r[rfcI].(type) {
		case nil:
		case string:
			if v == genericRFC {
				generic++
				if _, why := validate.ParseRFC(v); why != validate.Fixture {
					t.Errorf("generic RFC reads %v", why)
				}
				break
			}
			rfc, why := validate.ParseRFC(v)
			if why != validate.OK || !rfc.Person || len(v) != 13 {
				t.Fatalf("RFC %q: %v person=%v", v, why, rfc.Person)
			}
			rfcs++
			if rfc.CheckOK {
				rfcCheckOK++
			}
			if ps.CURP != "" {
				if !rfcAgreesWithCURP(t, v, ps.CURP, today) {
					t.Errorf("RFC %s does not agree with CURP %s", v, ps.CURP)
				} else if v[:4] != ps.CURP[:4] {
					replaced++
				}
			}
		}

		if v, ok := r[nssI].(string); ok {
			nssN++
			nss, why := validate.ParseNSS(v, today)
			if why != validate.OK {
				t.Errorf("NSS %s: %v", v, why)
			}
			if ps.CURP != "" {
				if strconv.Itoa(100 + nss.BirthYear)[1:] != ps.CURP[4:6] {
					t.Errorf("NSS %s birth year, CURP %s", v, ps.CURP)
				}
				reg := 1900 + nss.RegYear
				if reg < ps.Birth.Year() {
					reg += 100
				}
				if reg < ps.Birth.Year()+15 || reg > today.Year() {
					t.Errorf("NSS %s registered %d, born %d", v, reg, ps.Birth.Year())
				}
			}
		}
		if v, ok := r[clabeI].(string); ok {
			clabeN++
			if why := validate.ParseCLABE(v); why != validate.OK {
				t.Errorf("CLABE %s: %v", v, why)
			}
		}
		if v, ok := r[fnI].(int64); ok {
			got, f, ok := validate.ParseDateNumber(strconv.FormatInt(v, 10), today)
			switch {
			case !ok:
				sentinels++
				if v != 0 && v != 19000101 {
					t.Errorf("fec_nac %d does not read as a date", v)
				}
			case f != validate.DateYYYYMMDD:
				t.Errorf("fec_nac %d reads as %v", v, f)
			case ps.CURP != "" && !got.Equal(ps.Birth):
				t.Errorf("fec_nac %d, person born %s", v, ps.Birth.Format(time.DateOnly))
			}
		}
	}
	n := float64(total)
	t.Logf("nomina: %d rows, %d valid CURPs, %d fixtures; RFC %d (check OK %.2f%%, %d replaced letters), %d generic; NSS %d, CLABE %d, birth sentinels %d",
		total, withCURP, fixtures, rfcs, 100*float64(rfcCheckOK)/float64(rfcs), replaced, generic, nssN, clabeN, sentinels)
	within(t, "RFC check character passing", float64(rfcCheckOK)/float64(rfcs), 0.97, 0.995)
	within(t, "valid CURPs", float64(withCURP)/n, 0.93, 0.99)
	within(t, "NSS present", float64(nssN)/n, 0.95, 0.995)
	within(t, "CLABE present", float64(clabeN)/n, 0.94, 0.995)
	if fixtures == 0 || generic == 0 || sentinels == 0 {
		t.Errorf("mess missing: %d CURP fixtures, %d generic RFCs, %d birth sentinels", fixtures, generic, sentinels)
	}
}

// rfcAgreesWithCURP checks a personal RFC against the CURP of the same
// person: the date and the letters agree, except where an inconvenient-word
// rule changed a letter, which validate itself must confirm: RENAPO's (the
// CURP's second letter is X because the RFC's letters would be on the CURP
// list) or the SAT's (the RFC's fourth letter is X because the CURP's
// letters would be on the RFC list).
func rfcAgreesWithCURP(t *testing.T, rfc, curp string, today time.Time) bool {
	t.Helper()
	if rfc[4:10] != curp[4:10] || rfc[0] != curp[0] || rfc[2] != curp[2] {
		return false
	}
	raw := rfc[:3] + curp[3:4] // the RFC's letters before the SAT's rule
	if rfc[1] != curp[1] {
		body := raw + curp[4:17]
		d, _ := validate.CURPCheckDigit(body)
		if _, why := validate.ParseCURP(body+string(d), today); curp[1] != 'X' || why != validate.Inconvenient {
			return false
		}
	}
	if rfc[3] != curp[3] {
		if _, why := validate.ParseRFC(raw + rfc[4:]); rfc[3] != 'X' || why != validate.Inconvenient {
			return false
		}
	}
	return true
}

// Job titles and offices are not names, and no salary is outside five digits.
func TestNominaNonPersonalColumns(t *testing.T) {
	c, _ := tuningCorpus(t)
	tb := mustTable(t, c, "nomina_empleados")
	for _, v := range column(t, tb, "sueldo_mensual") {
		if x := v.(float64); x < 10000 || x >= 100000 {
			t.Errorf("sueldo %v is not a five-digit amount", x)
		}
	}
	for _, v := range column(t, tb, "puesto") {
		if strings.ContainsAny(v.(string), "0123456789") {
			t.Errorf("puesto %q", v)
		}
	}
}
