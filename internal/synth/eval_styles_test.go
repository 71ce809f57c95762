package synth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// The evaluation corpus is checked on its own: these tests use only
// EvalStyles (and DefaultStyles where sharing with them is the point), and
// helpers of their own, so they do not depend on the tuning tables' tests.

var (
	evShared     *Corpus
	evSharedErr  error
	evSharedOnce sync.Once
)

// evCorpus is the evaluation corpus most tests share: 5,000 persons, seed 42.
func evCorpus(t testing.TB) *Corpus {
	t.Helper()
	evSharedOnce.Do(func() { evShared, evSharedErr = Generate(Config{Seed: 42, Persons: 5000, Styles: EvalStyles()}) })
	if evSharedErr != nil {
		t.Fatal(evSharedErr)
	}
	return evShared
}

// evRows returns a table's rows as maps from column name to value.
func evRows(t testing.TB, c *Corpus, name string) []map[string]any {
	t.Helper()
	tb := c.Table(name)
	if tb == nil {
		t.Fatalf("no table %s", name)
	}
	var out []map[string]any
	tb.Generate(func(r []any) bool {
		m := make(map[string]any, len(r))
		for i, v := range r {
			m[tb.Columns[i].Name] = v
		}
		out = append(out, m)
		return true
	})
	return out
}

func evStr(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// evHash hashes a table's rows with their types.
func evHash(tb *Table) string {
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

// within fails unless lo <= got <= hi.
func evWithin(t *testing.T, what string, got, lo, hi float64) {
	t.Helper()
	if got < lo || got > hi {
		t.Errorf("%s: %.4f, want %.4f..%.4f", what, got, lo, hi)
	} else {
		t.Logf("%s: %.4f", what, got)
	}
}

// Reference vectors for the builders: §2.2's SAT example, §3.2's NSS
// fixture, §8's dates, the VIN of the usual worked example and the CLABE
// of es.wikipedia's example.
func TestEvalBuilders(t *testing.T) {
	if hc := evHomoclave("GOMEZ DIAZ EMMA"); hc != "GR" {
		t.Errorf("homoclave of GOMEZ DIAZ EMMA = %s, want GR", hc)
	}
	if d, _ := validate.RFCCheckDigit("GODE561231GR"); d != '8' {
		t.Errorf("check of GODE561231GR = %c", d)
	}
	if d := evLuhnDigit("7279560804"); d != '0' {
		t.Errorf("Luhn digit of 7279560804 = %c, want 0", d)
	}
	if d := evLuhnDigit("1234567890"); d != '3' {
		t.Errorf("Luhn digit of 1234567890 = %c, want 3", d)
	}
	if d := evCLABECheck("03218000011835971"); d != '9' {
		t.Errorf("CLABE check of 03218000011835971 = %c, want 9", d)
	}
	if d := evVINCheck([]byte("1M8GDM9AXKP042788")); d != 'X' {
		t.Errorf("VIN check of 1M8GDM9AXKP042788 = %c, want X", d)
	}
	d := time.Date(1963, 3, 21, 0, 0, 0, 0, time.UTC)
	if s := evExcelSerial(d); s != 23091 {
		t.Errorf("Excel serial of 1963-03-21 = %d, want 23091", s)
	}
	if s := evExcelSerial(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)); s != 36526 {
		t.Errorf("Excel serial of 2000-01-01 = %d, want 36526", s)
	}
	if s := evOracleDate(d); s != "21-MAR-63" {
		t.Errorf("Oracle date %s", s)
	}
	if s := evVoterPair("MARIA DE LOS ANGELES", true); s != "AN" {
		t.Errorf("voter letters of MARIA DE LOS ANGELES = %s, want AN", s)
	}
	if s := evVoterPair("", false); s != "XX" {
		t.Errorf("voter letters of no materno = %s", s)
	}
}

// The eval table names are new, also ignoring case (SQLite's table names
// are case-insensitive), and the two lists generate together with the
// same eval tables as alone: every table has its own stream.
func TestEvalStyleNames(t *testing.T) {
	seen := map[string]string{}
	for _, s := range DefaultStyles() {
		seen[strings.ToLower(s.Name)] = "default"
	}
	for _, s := range EvalStyles() {
		if by, ok := seen[strings.ToLower(s.Name)]; ok {
			t.Errorf("%s collides with a %s table", s.Name, by)
		}
		seen[strings.ToLower(s.Name)] = "eval"
	}
	both, err := Generate(Config{Seed: 42, Persons: 5000, Styles: append(DefaultStyles(), EvalStyles()...)})
	if err != nil {
		t.Fatal(err)
	}
	alone := evCorpus(t)
	for _, tb := range alone.Tables {
		if evHash(tb) != evHash(both.Table(tb.Name)) {
			t.Errorf("%s: different rows next to the default tables", tb.Name)
		}
	}
}

// Same seed, same rows and labels; another seed, other rows; each call of
// Generate replays the same rows.
func TestEvalDeterministic(t *testing.T) {
	run := func(seed uint64) (map[string]string, []byte) {
		c, err := Generate(Config{Seed: seed, Persons: 3000, Styles: EvalStyles()})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, tb := range c.Tables {
			out[tb.Name] = evHash(tb)
		}
		var l bytes.Buffer
		if err := c.WriteLabels(&l); err != nil {
			t.Fatal(err)
		}
		return out, l.Bytes()
	}
	a, la := run(7)
	b, lb := run(7)
	d, ld := run(8)
	for name, h := range a {
		if b[name] != h {
			t.Errorf("%s: same seed, different rows", name)
		}
		if name != "CAT_PROC_CIE9" && d[name] == h {
			t.Errorf("%s: different seeds, same rows", name)
		}
	}
	if !bytes.Equal(la, lb) {
		t.Error("same seed, different labels")
	}
	if bytes.Equal(la, ld) {
		t.Error("different seeds, same labels")
	}
	for _, tb := range evCorpus(t).Tables {
		if evHash(tb) != evHash(tb) {
			t.Errorf("%s: two calls of Generate differ", tb.Name)
		}
	}
}

// Every table yields Rows rows of allowed values that fit their columns;
// labels are taxonomy ids; hard negatives have none and count no persons;
// a table counts persons only if it has a CURP column.
func TestEvalWellFormed(t *testing.T) {
	c := evCorpus(t)
	l := c.Labels()
	hard := 0
	for k, tb := range c.Tables {
		if tb.Style == "" || len(tb.Columns) == 0 || tb.Rows == 0 {
			t.Errorf("%s: no style, columns or rows", tb.Name)
		}
		hasCURP := false
		for _, col := range tb.Columns {
			for _, lb := range col.Labels {
				if _, ok := taxonomy.Lookup(lb); !ok {
					t.Errorf("%s.%s: unknown category %q", tb.Name, col.Name, lb)
				}
				hasCURP = hasCURP || lb == taxonomy.CURP
			}
			if tb.HardNegative && len(col.Labels) > 0 {
				t.Errorf("%s.%s: hard negative labelled %v", tb.Name, col.Name, col.Labels)
			}
		}
		if tb.HardNegative {
			hard++
		}
		if (tb.HardNegative || !hasCURP) && (len(tb.Persons) > 0 || l.Tables[k].Persons > 0) {
			t.Errorf("%s: persons without a CURP column", tb.Name)
		}
		if hasCURP && l.Tables[k].Persons == 0 {
			t.Errorf("%s: a CURP column but no persons", tb.Name)
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
					size := utf8.RuneCountInString(x)
					if !col.Type.IsText() || !utf8.ValidString(x) ||
						(col.Type.Kind == KindChar || col.Type.Kind == KindVarchar) && size > col.Type.Size {
						t.Fatalf("%s.%s: %q does not fit %s", tb.Name, col.Name, x, col.Type.SQL())
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
					if col.Type.Kind != KindDate && col.Type.Kind != KindTimestamp ||
						x.Location() != time.UTC || col.Type.Kind == KindDate && x.Truncate(24*time.Hour) != x ||
						x.After(c.Config.Today) {
						t.Fatalf("%s.%s: bad time %v in %s", tb.Name, col.Name, x, col.Type.SQL())
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
	if hard < 3 {
		t.Errorf("%d hard negatives, want at least 3", hard)
	}
}

// The eval corpus has the tuning corpus's people: same pool for the same
// seed, and people in both sets of tables.
func TestEvalSharesPool(t *testing.T) {
	ev := evCorpus(t)
	def, err := Generate(Config{Seed: 42, Persons: 5000})
	if err != nil {
		t.Fatal(err)
	}
	for i := range int32(ev.Pool.Len()) {
		if ev.Pool.CURP(i) != def.Pool.CURP(i) {
			t.Fatalf("person %d differs between corpora", i)
		}
	}
	inDefault := map[int32]bool{}
	for _, tb := range def.Tables {
		for _, i := range tb.Persons {
			inDefault[i] = true
		}
	}
	shared, total := 0, map[int32]bool{}
	for _, tb := range ev.Tables {
		for _, i := range tb.Persons {
			if !total[i] {
				total[i] = true
				if inDefault[i] {
					shared++
				}
			}
		}
	}
	if len(total) != ev.Labels().Persons {
		t.Errorf("eval persons %d, labels %d", len(total), ev.Labels().Persons)
	}
	evWithin(t, "eval persons also in the tuning tables", float64(shared)/float64(len(total)), 0.5, 1)
}

// evCURPStats classifies a CURP column: valid, placeholder (or NULL), and
// invalid non-placeholders (capture errors).
func evCURPStats(c *Corpus, rows []map[string]any, col string) (valid, empty, bad int, curps []*validate.CURP) {
	for _, r := range rows {
		s, ok := evStr(r[col])
		if !ok || validate.IsPlaceholder(s) {
			empty++
			curps = append(curps, nil)
			continue
		}
		cu, why := validate.ParseCURP(s, c.Config.Today)
		if why != validate.OK {
			bad++
			curps = append(curps, nil)
			continue
		}
		valid++
		curps = append(curps, &cu)
	}
	return
}

func TestEvalAfiliacion(t *testing.T) {
	c := evCorpus(t)
	rows := evRows(t, c, "AFIL_ASEGURADOS")
	n := float64(len(rows))
	valid, empty, bad, curps := evCURPStats(c, rows, "CURP")
	evWithin(t, "AFIL CURP valid", float64(valid)/n, 0.90, 0.97)
	evWithin(t, "AFIL CURP placeholder/NULL", float64(empty)/n, 0.02, 0.08)
	evWithin(t, "AFIL CURP capture errors", float64(bad)/n, 0.003, 0.03)

	var nssOK, nssAll, nssYY, rfcAll, rfcPerson, rfc13, rfcCheck, rfc10, rfcPrefix, rfcPrefixAll int
	var sexOK, sexAll, birthOK, birthAll, keyOK, cluesOK, cpOK, telOK, telAll int
	for k, r := range rows {
		cu := curps[k]
		if s, ok := evStr(r["NSS"]); ok && !validate.IsPlaceholder(s) {
			nssAll++
			if v, why := validate.ParseNSS(s, c.Config.Today); why == validate.OK {
				nssOK++
				if cu != nil && v.BirthYear == cu.Birth.Year()%100 {
					nssYY++
				}
			}
		}
		if s, ok := evStr(r["RFC"]); ok {
			rfcAll++
			v, why := validate.ParseRFC(s)
			if why == validate.OK && v.Person {
				rfcPerson++
				if len(s) == 13 {
					rfc13++
					if v.CheckOK {
						rfcCheck++
					}
				} else {
					rfc10++
				}
			}
			if cu != nil {
				rfcPrefixAll++
				if s[:10] == cu.Value[:10] {
					rfcPrefix++
				}
			}
		}
		if cu == nil {
			continue
		}
		sexAll++
		if sexCode(cu.Sex, "M", "F", " ") == r["SEXO"] {
			sexOK++
		}
		if f := r["F_NACIM"].(int64); f != 0 && f != 19000101 {
			birthAll++
			if strconv.FormatInt(f, 10) == cu.Birth.Format("20060102") {
				birthOK++
			}
		}
		pat, mat, nom := strings.TrimSpace(r["AP_PAT"].(string)), strings.TrimSpace(r["AP_MAT"].(string)), strings.TrimSpace(r["NOMBRES"].(string))
		if validate.CURPNameKey(pat, mat, nom) == cu.NameKey {
			keyOK++
		}
		if _, _, why := validate.ParseCLUES(r["CLUES_UMF"].(string)); why == validate.OK {
			cluesOK++
		}
		// 0 is the table's placeholder; a real code of one digit repeated
		// (66666, in Nuevo León) is one validate calls a placeholder too
		if cp := strconv.FormatInt(r["COD_POST"].(int64), 10); cp != "0" && strings.Trim(cp, cp[:1]) != "" {
			if _, why := validate.ParsePostalCode(cp, true); why == validate.OK {
				cpOK++
			}
		} else {
			cpOK++
		}
		if s, _ := r["TEL"].(string); s != "" && s != "S/T" {
			telAll++
			if _, why := validate.ParsePhone(s); why == validate.OK {
				telOK++
			}
		}
	}
	evWithin(t, "AFIL NSS passing Luhn and plausibility", float64(nssOK)/float64(nssAll), 0.98, 0.999)
	evWithin(t, "AFIL NSS birth year = CURP birth year", float64(nssYY)/float64(max(1, valid)), 0.95, 1)
	evWithin(t, "AFIL RFC personal and well formed", float64(rfcPerson)/float64(rfcAll), 1, 1)
	evWithin(t, "AFIL RFC check character right", float64(rfcCheck)/float64(rfc13), 0.97, 0.995)
	evWithin(t, "AFIL RFC legacy 10-character", float64(rfc10)/float64(rfcAll), 0.01, 0.06)
	// the RFC and the CURP replace inconvenient words differently
	// (evPersonRFC), about one person in a hundred: the share hovers at 0.99
	evWithin(t, "AFIL RFC[:10] = CURP[:10]", float64(rfcPrefix)/float64(rfcPrefixAll), 0.98, 1)
	evWithin(t, "AFIL SEXO agrees with the CURP (M/F coding)", float64(sexOK)/float64(sexAll), 1, 1)
	evWithin(t, "AFIL F_NACIM agrees with the CURP", float64(birthOK)/float64(birthAll), 1, 1)
	evWithin(t, "AFIL names give the CURP letters", float64(keyOK)/float64(sexAll), 0.85, 1)
	evWithin(t, "AFIL CLUES_UMF valid", float64(cluesOK)/float64(sexAll), 1, 1)
	evWithin(t, "AFIL COD_POST valid (read as numeric)", float64(cpOK)/float64(sexAll), 1, 1)
	evWithin(t, "AFIL TEL valid", float64(telOK)/float64(telAll), 0.95, 1)
}

// evParseOracle reads DD-MON-YY with Spanish months, the century by the
// birthdate pivot of reference §8.
func evParseOracle(s string, today time.Time) (time.Time, bool) {
	f := strings.Split(s, "-")
	if len(f) != 3 {
		return time.Time{}, false
	}
	d, err1 := strconv.Atoi(f[0])
	y, err2 := strconv.Atoi(f[2])
	m := -1
	for k, name := range evMeses {
		if name == f[1] {
			m = k + 1
		}
	}
	if err1 != nil || err2 != nil || m < 0 {
		return time.Time{}, false
	}
	if y > today.Year()%100 {
		y += 1900
	} else {
		y += 2000
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

func TestEvalEgresos(t *testing.T) {
	c := evCorpus(t)
	rows := evRows(t, c, "egresos_hosp")
	n := float64(len(rows))
	valid, _, bad, curps := evCURPStats(c, rows, "curp")
	evWithin(t, "egresos curp valid", float64(valid)/n, 0.82, 0.96)
	evWithin(t, "egresos curp capture errors", float64(bad)/n, 0.002, 0.04)
	var birthOK, birthAll, dx, dxOK, dx2, dx2OK, cl, text, named, cond, rn int
	for k, r := range rows {
		if s, ok := evStr(r["fecha_nac"]); ok && curps[k] != nil {
			birthAll++
			if d, ok := evParseOracle(s, c.Config.Today); ok && d.Equal(curps[k].Birth) {
				birthOK++
			}
		}
		dx++
		if _, why := validate.ParseCIE10(r["diag_principal"].(string)); why == validate.OK {
			dxOK++
		}
		if s, ok := evStr(r["diag_secundario"]); ok {
			dx2++
			if _, why := validate.ParseCIE10(s); why == validate.OK {
				dx2OK++
			}
		}
		if _, _, why := validate.ParseCLUES(r["clues"].(string)); why == validate.OK {
			cl++
		}
		if strings.HasPrefix(r["nombre_paciente"].(string), "RN ") {
			rn++
		}
		s, ok := evStr(r["resumen_clinico"])
		if !ok {
			continue
		}
		text++
		if strings.HasPrefix(s, "PACIENTE ") {
			named++
		}
		for _, d := range evDischarges {
			if strings.Contains(s, d.short) || strings.Contains(s, d.desc) {
				cond++
				break
			}
		}
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '.' }) {
			if _, why := validate.ParseCURP(w, c.Config.Today); why == validate.OK {
				t.Errorf("resumen_clinico holds a CURP: %s", s)
			}
		}
	}
	evWithin(t, "egresos fecha_nac (DD-MON-YY) = CURP birth", float64(birthOK)/float64(birthAll), 1, 1)
	evWithin(t, "egresos diag_principal valid CIE-10", float64(dxOK)/float64(dx), 1, 1)
	evWithin(t, "egresos diag_secundario valid CIE-10", float64(dx2OK)/float64(dx2), 1, 1)
	evWithin(t, "egresos clues valid", float64(cl)/n, 1, 1)
	evWithin(t, "egresos newborn rows", float64(rn)/n, 0.005, 0.15)
	evWithin(t, "resumen_clinico naming the patient", float64(named)/float64(text), 0.15, 0.35)
	evWithin(t, "resumen_clinico with a condition", float64(cond)/float64(text), 0.99, 1)
}

func TestEvalBienestar(t *testing.T) {
	c := evCorpus(t)
	rows := evRows(t, c, "nomina_pagos_bienestar")
	n := float64(len(rows))
	valid, _, bad, curps := evCURPStats(c, rows, "curp")
	evWithin(t, "bienestar curp valid", float64(valid)/n, 0.93, 0.99)
	evWithin(t, "bienestar curp capture errors", float64(bad)/n, 0.002, 0.03)
	var lower, clabe, clabeOK, birthOK, birthAll int
	for k, r := range rows {
		if s, ok := evStr(r["curp"]); ok && curps[k] != nil && s != strings.ToUpper(s) {
			lower++
		}
		if s, ok := evStr(r["clabe"]); ok {
			clabe++
			if validate.ParseCLABE(s) == validate.OK {
				clabeOK++
			}
		}
		if s := r["fecha_nacimiento"].(string); s != "00/00/0000" && curps[k] != nil {
			birthAll++
			if d, err := time.Parse("2/1/2006", s); err == nil && d.Equal(curps[k].Birth) {
				birthOK++
			}
		}
	}
	if lower == 0 {
		t.Error("no lower-case CURP validates")
	}
	evWithin(t, "bienestar clabe valid", float64(clabeOK)/float64(clabe), 0.97, 0.999)
	evWithin(t, "bienestar fecha_nacimiento (D/M/YYYY) = CURP birth", float64(birthOK)/float64(birthAll), 1, 1)
}

func TestEvalINE(t *testing.T) {
	c := evCorpus(t)
	rows := evRows(t, c, "lista_nominal_ext")
	var keys, ok, birth, sex, initials int
	for _, r := range rows {
		s, isStr := evStr(r["clave_elector"])
		if !isStr {
			continue
		}
		keys++
		vk, why := validate.ParseVoterKey(s, c.Config.Today)
		if why != validate.OK {
			t.Errorf("clave_elector %s: %v", s, why)
			continue
		}
		ok++
		if serial := r["fecha_nacimiento"].(int64); serial == 1 || evExcelEpoch.AddDate(0, 0, int(serial)).Equal(vk.Birth) {
			birth++
		}
		if string(vk.Sex) == r["sexo"] {
			sex++
		}
		if s[0] == plain(r["paterno"].(string))[0] {
			initials++
		}
	}
	evWithin(t, "INE clave_elector valid", float64(ok)/float64(keys), 1, 1)
	evWithin(t, "INE Excel serial = key's birth", float64(birth)/float64(ok), 1, 1)
	evWithin(t, "INE sexo = key's sex", float64(sex)/float64(ok), 1, 1)
	evWithin(t, "INE key starts with the paterno", float64(initials)/float64(ok), 0.98, 1)
	evWithin(t, "INE keys present", float64(keys)/float64(len(rows)), 0.98, 1)
}

func TestEvalCRM(t *testing.T) {
	c := evCorpus(t)
	rows := evRows(t, c, "crm_contacts")
	n := float64(len(rows))
	var cards, cardOK, masked, rfcPerson, rfcGeneric, mails, mailOK, phones, phoneOK, zips, zipOK, policies int
	for _, r := range rows {
		if s, ok := evStr(r["creditCard"]); ok {
			if strings.HasPrefix(s, "XXXX") {
				masked++
				if _, why := validate.ParseCard(s); why == validate.OK {
					t.Errorf("masked card %s validates", s)
				}
			} else {
				cards++
				if _, why := validate.ParseCard(s); why == validate.OK {
					cardOK++
				}
			}
		}
		if s, ok := evStr(r["taxId"]); ok {
			v, why := validate.ParseRFC(s)
			switch {
			case why == validate.OK && v.Person && v.CheckOK:
				rfcPerson++
			case why == validate.Fixture:
				rfcGeneric++
			default:
				t.Errorf("taxId %s: %v", s, why)
			}
		}
		if s, ok := evStr(r["email"]); ok {
			mails++
			if validate.ParseEmail(s) == validate.OK {
				mailOK++
			}
		}
		phones++
		if _, why := validate.ParsePhone(r["mobilePhone"].(string)); why == validate.OK {
			phoneOK++
		}
		if s, ok := evStr(r["zipCode"]); ok {
			zips++
			if _, why := validate.ParsePostalCode(strings.TrimPrefix(s, "C.P. "), false); why == validate.OK {
				zipOK++
			}
		}
		if _, ok := evStr(r["insurancePolicy"]); ok {
			policies++
		}
	}
	evWithin(t, "CRM full card numbers valid", float64(cardOK)/float64(cards), 1, 1)
	evWithin(t, "CRM masked cards", float64(masked)/n, 0.03, 0.15)
	evWithin(t, "CRM taxId personal RFCs", float64(rfcPerson)/n, 0.2, 0.4)
	evWithin(t, "CRM taxId generic XAXX010101000", float64(rfcGeneric)/n, 0.35, 0.55)
	evWithin(t, "CRM email valid", float64(mailOK)/float64(mails), 0.99, 1)
	evWithin(t, "CRM mobilePhone valid", float64(phoneOK)/float64(phones), 0.99, 1)
	evWithin(t, "CRM zipCode valid", float64(zipOK)/float64(zips), 1, 1)
	evWithin(t, "CRM with an insurance policy", float64(policies)/n, 0.4, 0.7)
}

func TestEvalSinave(t *testing.T) {
	c := evCorpus(t)
	rows := evRows(t, c, "COVID19MEXICO")
	tb := c.Table("COVID19MEXICO")
	codes := map[int64]bool{1: true, 2: true, 97: true, 98: true, 99: true}
	ids := map[string]bool{}
	var diabetes, adults int
	for _, r := range rows {
		if ids[r["ID_REGISTRO"].(string)] {
			t.Errorf("ID_REGISTRO %s twice", r["ID_REGISTRO"])
		}
		ids[r["ID_REGISTRO"].(string)] = true
		for _, col := range tb.Columns {
			// the yes/no flags; RESULTADO_LAB and CLASIFICACION_FINAL have catalogues of their own
			if len(col.Labels) == 0 || col.Name == "CLASIFICACION_FINAL" || col.Name == "RESULTADO_LAB" {
				continue
			}
			if v := r[col.Name].(int64); !codes[v] {
				t.Errorf("%s = %d", col.Name, v)
			}
		}
		if r["SEXO"].(int64) == 2 && r["EMBARAZO"].(int64) != 97 {
			t.Errorf("a man with EMBARAZO %d", r["EMBARAZO"])
		}
		if r["EDAD"].(int64) >= 40 {
			adults++
			if r["DIABETES"].(int64) == 1 {
				diabetes++
			}
		}
		if r["FECHA_SINTOMAS"].(time.Time).After(r["FECHA_INGRESO"].(time.Time)) {
			t.Error("symptoms after admission")
		}
	}
	evWithin(t, "diabetes among cases aged 40+", float64(diabetes)/float64(adults), 0.1, 0.3)
}

// Hard negatives hold nothing that validates as a person identifier: no
// CURP, no voter key, no personal RFC (company RFCs would be allowed), no
// CLABE, no card, no NSS, no e-mail. Their near misses are there and fail.
func TestEvalHardNegatives(t *testing.T) {
	c := evCorpus(t)
	today := c.Config.Today
	for _, tb := range c.Tables {
		if !tb.HardNegative {
			continue
		}
		tb.Generate(func(r []any) bool {
			for i, v := range r {
				var s string
				switch x := v.(type) {
				case string:
					s = x
				case int64:
					s = strconv.FormatInt(x, 10)
				default:
					continue
				}
				where := tb.Name + "." + tb.Columns[i].Name + " " + s
				if _, why := validate.ParseCURP(s, today); why == validate.OK {
					t.Errorf("%s: a valid CURP", where)
				}
				if _, why := validate.ParseVoterKey(s, today); why == validate.OK {
					t.Errorf("%s: a valid voter key", where)
				}
				if v, why := validate.ParseRFC(s); why == validate.OK && v.Person {
					t.Errorf("%s: a personal RFC", where)
				}
				if validate.ParseCLABE(s) == validate.OK {
					t.Errorf("%s: a valid CLABE", where)
				}
				if _, why := validate.ParseCard(s); why == validate.OK {
					t.Errorf("%s: a valid card", where)
				}
				if _, why := validate.ParseNSS(s, today); why == validate.OK {
					t.Errorf("%s: a valid NSS", where)
				}
				if validate.ParseEmail(s) == validate.OK {
					t.Errorf("%s: an e-mail", where)
				}
			}
			return true
		})
	}

	why := map[string]map[validate.Reason]int{}
	count := func(k string, r validate.Reason) {
		if why[k] == nil {
			why[k] = map[validate.Reason]int{}
		}
		why[k][r]++
	}
	for _, r := range evRows(t, c, "inv_equipo_computo") {
		s := r["num_serie"].(string)
		if len(s) == 13 {
			_, reason := validate.ParseRFC(s)
			count("RFC-shaped serials", reason)
		}
		_, reason := validate.ParseCURP(r["etiqueta_activo"].(string), today)
		count("CURP-shaped tags", reason)
	}
	for _, r := range evRows(t, c, "cat_sucursales") {
		count("concentration accounts", validate.ParseCLABE(r["cuenta_concentradora"].(string)))
	}
	for _, r := range evRows(t, c, "FLOTA_VEHICULAR") {
		vin := []byte(r["NIV"].(string))
		if len(vin) != 17 || evVINCheck(vin) != vin[8] {
			t.Errorf("NIV %s: bad VIN", vin)
		}
	}
	for k, m := range why {
		t.Logf("%s fail as: %v", k, m)
	}
	if why["RFC-shaped serials"][validate.BadDate] == 0 || why["RFC-shaped serials"][validate.BadFormat] == 0 {
		t.Error("RFC-shaped serials: want both bad dates and bad homoclaves")
	}
	if why["CURP-shaped tags"][validate.BadState] == 0 || why["CURP-shaped tags"][validate.BadFormat] == 0 {
		t.Error("CURP-shaped tags: want both bad states and bad formats")
	}
	if m := why["concentration accounts"]; len(m) != 1 || m[validate.BadCheckDigit] == 0 {
		t.Errorf("concentration accounts should all fail the check digit only: %v", m)
	}
}

// Labels.Persons is what an independent reader of the SQLite file counts:
// distinct values passing ParseCURP across every column labelled only curp.
func TestEvalSQLiteRecount(t *testing.T) {
	c, err := Generate(Config{Seed: 2026, Persons: 12000, Styles: EvalStyles()})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "eval.db")
	if err := c.WriteSQLite(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l := c.Labels()
	all := map[string]bool{}
	for k, tb := range c.Tables {
		var n int
		if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM %q", tb.Name)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != tb.Rows {
			t.Errorf("%s: %d rows in the file, %d declared", tb.Name, n, tb.Rows)
		}
		here := map[string]bool{}
		for col, cats := range l.Tables[k].Columns {
			if len(cats) != 1 || cats[0] != taxonomy.CURP {
				continue
			}
			rs, err := db.Query(fmt.Sprintf("SELECT DISTINCT %q FROM %q WHERE %q IS NOT NULL", col, tb.Name, col))
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
	t.Logf("persons: labels %d, recount %d", l.Persons, len(all))
	if len(all) != l.Persons || l.Persons == 0 {
		t.Errorf("recount %d distinct valid CURPs, labels say %d", len(all), l.Persons)
	}
}
