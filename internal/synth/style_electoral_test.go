package synth

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
)

// Voter keys validate, spell the letters of the name columns, and carry
// the birth date of the Excel serial, the sex column and the INEGI key of
// a pool person with that name and birth; the postal code lost its zero.
func TestPadronElectoral(t *testing.T) {
	c, _ := tuningCorpus(t)
	today := c.Config.Today
	type who struct {
		letters string
		birth   time.Time
		sex     byte
	}
	states := map[who]map[string]bool{}
	for i := range int32(c.Pool.Len()) {
		ps := c.Pool.Person(i)
		k := validate.CURPNameKey(ps.Paterno, ps.Materno, ps.Nombre)
		w := who{string([]byte{k[0], k[4], k[2], k[5], k[3], k[6]}), ps.Birth, ps.Sex}
		if states[w] == nil {
			states[w] = map[string]bool{}
		}
		states[w][ps.BirthKey] = true
	}
	tb := mustTable(t, c, "LISTA_NOMINAL")
	var n, keys, blank, mismatched, truncated, unknownBirth, shortCP int
	for _, r := range rows(tb) {
		n++
		for i, v := range r {
			if s, ok := v.(string); ok && utf8.RuneCountInString(s) != tb.Columns[i].Type.Size {
				t.Fatalf("%s %q is not padded to CHAR(%d)", tb.Columns[i].Name, s, tb.Columns[i].Type.Size)
			}
		}
		key := strings.TrimSpace(r[0].(string))
		nombre, pat, mat := norm.Fold(r[1].(string)), norm.Fold(r[2].(string)), norm.Fold(r[3].(string))
		serial, sexo, secc := r[4].(int64), r[5].(string), r[6].(string)
		if len(secc) != 4 || strings.Trim(secc, "0123456789") != "" {
			t.Errorf("SECC %q", secc)
		}
		cp := strconv.FormatInt(r[8].(int64), 10)
		// the pool's codes include a few repdigits such as 66666, which
		// validate reads as placeholders; that is the pool's business
		if _, why := validate.ParsePostalCode(cp, true); why != validate.OK && !(why == validate.Placeholder && strings.Count(cp, cp[:1]) == len(cp)) {
			t.Errorf("CP %s: %v", cp, why)
		}
		if len(cp) == 4 {
			shortCP++
		}
		birth, f, ok := validate.ParseDateNumber(strconv.FormatInt(serial, 10), today)
		if !ok {
			unknownBirth++
			if serial != 1 {
				t.Errorf("F_NAC %d does not read as a date", serial)
			}
		} else if f != validate.DateExcelSerial {
			t.Errorf("F_NAC %d reads as %v", serial, f)
		}
		if key == "" {
			blank++
			continue
		}
		keys++
		vk, why := validate.ParseVoterKey(key, today)
		if why != validate.OK {
			t.Fatalf("CVE_ELEC %s: %v", key, why)
		}
		if ok && !vk.Birth.Equal(birth) {
			t.Errorf("CVE_ELEC %s, F_NAC %s", key, birth.Format(time.DateOnly))
		}
		if string(vk.Sex) != sexo {
			t.Errorf("CVE_ELEC %s, SEXO %s", key, sexo)
		}
		k := validate.CURPNameKey(pat, mat, nombre)
		letters := string([]byte{k[0], k[4], k[2], k[5], k[3], k[6]})
		if letters != key[:6] {
			// a name cut at twenty characters can lose the letters
			full := func(v any) bool { return !strings.HasSuffix(v.(string), " ") }
			if full(r[1]) || full(r[2]) || full(r[3]) {
				truncated++
			} else {
				mismatched++
				t.Errorf("CVE_ELEC %s for %s %s %s (letters %s)", key, pat, mat, nombre, letters)
			}
			continue
		}
		if !states[who{letters, vk.Birth, vk.Sex}][vk.StateINEGI] {
			t.Errorf("CVE_ELEC %s: nobody named so born in state %s", key, vk.StateINEGI)
		}
	}
	t.Logf("LISTA_NOMINAL: %d rows, %d keys, %d blank, %d letters lost to truncation, %d unknown births, %d CPs without their zero",
		n, keys, blank, truncated, unknownBirth, shortCP)
	if keys < n*97/100 || blank == 0 || unknownBirth == 0 || shortCP == 0 {
		t.Error("keys, blanks, unknown births or zero-less postal codes missing")
	}
}
