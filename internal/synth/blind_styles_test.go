package synth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

var (
	blShared     *Corpus
	blSharedErr  error
	blSharedOnce sync.Once
)

// blCorpus is the blind corpus the tests share: 12,000 persons, seed 99.
func blCorpus(t testing.TB) *Corpus {
	t.Helper()
	blSharedOnce.Do(func() {
		blShared, blSharedErr = Generate(Config{Seed: 99, Persons: 12000, Styles: BlindStyles()})
	})
	if blSharedErr != nil {
		t.Fatal(blSharedErr)
	}
	return blShared
}

func blTable(t testing.TB, c *Corpus, name string) *Table {
	t.Helper()
	tb := c.Table(name)
	if tb == nil {
		t.Fatalf("no table %s", name)
	}
	return tb
}

// blText is a value as the SQLite file would give it back as text.
func blText(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case time.Time:
		return x.Format("2006-01-02"), true
	}
	return fmt.Sprint(v), true
}

func blHasLabel(c Column, l string) bool {
	for _, x := range c.Labels {
		if x == l {
			return true
		}
	}
	return false
}

// blIsFreeText: an unbounded text column with more than one label.
func blIsFreeText(c Column) bool { return c.Type.Kind == KindText && len(c.Labels) > 1 }

// blHash hashes every row of a table, with value types.
func blHash(tb *Table) string {
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

// The identifier validators, as the tests apply them to a whole value.
var blValidators = map[string]func(s string, today time.Time) bool{
	taxonomy.CURP: func(s string, today time.Time) bool {
		_, why := validate.ParseCURP(s, today)
		return why == validate.OK
	},
	taxonomy.RFC: func(s string, _ time.Time) bool {
		r, why := validate.ParseRFC(s)
		return why == validate.OK && r.Person
	},
	taxonomy.NSS: func(s string, today time.Time) bool {
		_, why := validate.ParseNSS(s, today)
		return why == validate.OK
	},
	taxonomy.CLABE: func(s string, _ time.Time) bool { return validate.ParseCLABE(s) == validate.OK },
	taxonomy.CreditCard: func(s string, _ time.Time) bool {
		_, why := validate.ParseCard(s)
		return why == validate.OK
	},
	taxonomy.VoterKey: func(s string, today time.Time) bool {
		_, why := validate.ParseVoterKey(s, today)
		return why == validate.OK
	},
	"clues": func(s string, _ time.Time) bool {
		_, _, why := validate.ParseCLUES(s)
		return why == validate.OK
	},
	"cie10": func(s string, _ time.Time) bool {
		_, why := validate.ParseCIE10(s)
		return why == validate.OK
	},
}

func TestBlindStyleNames(t *testing.T) {
	ours := map[string]string{}
	for _, s := range BlindStyles() {
		k := strings.ToLower(s.Name)
		if ours[k] != "" {
			t.Errorf("blind style %s twice (case-insensitively)", s.Name)
		}
		ours[k] = s.Name
	}
	for _, set := range []struct {
		name   string
		styles []Style
	}{{"default", DefaultStyles()}, {"eval", EvalStyles()}} {
		c, err := Generate(Config{Seed: 5, Persons: 1500, Styles: set.styles})
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range c.Tables {
			if b := ours[strings.ToLower(tb.Name)]; b != "" {
				t.Errorf("blind table %s collides with %s table %s", b, set.name, tb.Name)
			}
		}
	}
	c := blCorpus(t)
	persons, negatives := 0, 0
	for _, tb := range c.Tables {
		if tb.HardNegative {
			negatives++
		} else {
			persons++
		}
	}
	if persons < 8 || negatives < 4 {
		t.Errorf("%d person-bearing and %d hard-negative tables; want at least 8 and 4", persons, negatives)
	}
}

// Every table yields exactly Rows rows of values its column types allow;
// dates are midnight UTC and not after today; labels are taxonomy ids;
// legacy text fits an 8-bit code page.
func TestBlindWellFormed(t *testing.T) {
	c := blCorpus(t)
	for _, tb := range c.Tables {
		if tb.Style == "" || len(tb.Columns) == 0 || tb.Rows == 0 {
			t.Errorf("%s: no style, columns or rows", tb.Name)
		}
		seen := map[string]bool{}
		for _, col := range tb.Columns {
			if seen[col.Name] {
				t.Errorf("%s.%s twice", tb.Name, col.Name)
			}
			seen[col.Name] = true
			for _, l := range col.Labels {
				if _, ok := taxonomy.Lookup(l); !ok {
					t.Errorf("%s.%s: unknown category %q", tb.Name, col.Name, l)
				}
			}
			if tb.HardNegative && len(col.Labels) > 0 {
				t.Errorf("%s.%s: hard negative with labels", tb.Name, col.Name)
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
					if !col.Type.IsText() || !utf8.ValidString(x) {
						t.Fatalf("%s.%s: string %q in %s", tb.Name, col.Name, x, col.Type.SQL())
					}
					if (col.Type.Kind == KindChar || col.Type.Kind == KindVarchar) && utf8.RuneCountInString(x) > col.Type.Size {
						t.Fatalf("%s.%s: %q longer than %s", tb.Name, col.Name, x, col.Type.SQL())
					}
					if col.Legacy {
						for _, c := range x {
							if c > 0xFF && !strings.ContainsRune("‘’“”€–—…", c) {
								t.Fatalf("%s.%s: %q not representable in latin1", tb.Name, col.Name, x)
							}
						}
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
					if col.Type.Kind != KindDate && col.Type.Kind != KindTimestamp {
						t.Fatalf("%s.%s: time in %s", tb.Name, col.Name, col.Type.SQL())
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

// Same seed, same rows and labels; a blind table does not depend on which
// other tables are built beside it; each Generate call replays the same rows.
func TestBlindDeterministic(t *testing.T) {
	cfg := Config{Seed: 31, Persons: 4000, Styles: BlindStyles()}
	a, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	mixed, err := Generate(Config{Seed: 31, Persons: 4000, Styles: append(DefaultStyles(), BlindStyles()...)})
	if err != nil {
		t.Fatal(err)
	}
	var la, lb strings.Builder
	if err := a.WriteLabels(&la); err != nil {
		t.Fatal(err)
	}
	if err := b.WriteLabels(&lb); err != nil {
		t.Fatal(err)
	}
	if la.String() != lb.String() {
		t.Error("labels differ between two runs")
	}
	for _, ta := range a.Tables {
		h := blHash(ta)
		if h != blHash(ta) {
			t.Errorf("%s: two Generate calls differ", ta.Name)
		}
		if h != blHash(blTable(t, b, ta.Name)) {
			t.Errorf("%s: differs between two runs", ta.Name)
		}
		if h != blHash(blTable(t, mixed, ta.Name)) {
			t.Errorf("%s: differs when built beside the default tables", ta.Name)
		}
	}
}

// Each labelled identifier column validates at the rate its style intends
// (share of non-NULL values that pass detectors/validate).
func TestBlindIdentifierRates(t *testing.T) {
	c := blCorpus(t)
	today := c.Config.Today
	cases := []struct {
		table, column, kind string
		lo, hi              float64
	}{
		{"dif_integrantes_hogar", "curp_titular", taxonomy.CURP, 0.88, 0.99},
		{"dif_integrantes_hogar", "curp_integrante", taxonomy.CURP, 0.86, 0.98},
		{"sep_alumnos_inscritos", "curp_alumno", taxonomy.CURP, 0.93, 0.99},
		{"ISSSTE_NOMINA_PENS", "CURP", taxonomy.CURP, 0.90, 1},
		{"vac_registro_dosis", "curp", taxonomy.CURP, 0.90, 0.99},
		{"rc_actas_defuncion", "curp_fallecido", taxonomy.CURP, 0.88, 0.99},
		{"rc_actas_defuncion", "curp_informante", taxonomy.CURP, 0.55, 0.80},
		{"PADRON65", "CURP", taxonomy.CURP, 0.87, 0.97},
		{"HR_EMP_MASTER", "NATL_ID", taxonomy.CURP, 0.94, 1},
		{"contribuyentes_isn", "curp", taxonomy.CURP, 0.90, 0.99},
		{"cereso_internos_hist", "rfc", taxonomy.RFC, 0.78, 0.93},
		{"ISSSTE_NOMINA_PENS", "NUM_AFIL", taxonomy.RFC, 1, 1},
		{"HR_EMP_MASTER", "TAX_ID", taxonomy.RFC, 0.97, 1},
		{"contribuyentes_isn", "rfc", taxonomy.RFC, 0.45, 0.70},
		{"ISSSTE_NOMINA_PENS", "NSS_IMSS", taxonomy.NSS, 1, 1},
		{"HR_EMP_MASTER", "SSN", taxonomy.NSS, 1, 1},
		{"ISSSTE_NOMINA_PENS", "CLABE", taxonomy.CLABE, 1, 1},
		{"HR_EMP_MASTER", "BANK_CLABE", taxonomy.CLABE, 1, 1},
		{"ISSSTE_NOMINA_PENS", "NUM_TARJETA", taxonomy.CreditCard, 0.85, 1},
		{"cereso_internos_hist", "cve_elector", taxonomy.VoterKey, 1, 1},
		{"vac_registro_dosis", "clues", "clues", 1, 1},
		{"rc_actas_defuncion", "clues_defuncion", "clues", 1, 1},
		{"ref_contraref_log", "clues_origen", "clues", 1, 1},
		{"ref_contraref_log", "clues_destino", "clues", 1, 1},
		{"rc_actas_defuncion", "causa_cie", "cie10", 1, 1},
	}
	for _, k := range cases {
		tb := blTable(t, c, k.table)
		i := tb.Column(k.column)
		if i < 0 {
			t.Fatalf("%s has no column %s", k.table, k.column)
		}
		if k.kind != "clues" && k.kind != "cie10" && !blHasLabel(tb.Columns[i], k.kind) {
			t.Errorf("%s.%s: not labelled %s", k.table, k.column, k.kind)
		}
		ok, n := 0, 0
		tb.Generate(func(r []any) bool {
			if s, has := blText(r[i]); has {
				n++
				if blValidators[k.kind](s, today) {
					ok++
				}
			}
			return true
		})
		rate := float64(ok) / float64(max(n, 1))
		t.Logf("%s.%s: %d/%d valid %s (%.3f)", k.table, k.column, ok, n, k.kind, rate)
		if n < 40 || rate < k.lo || rate > k.hi {
			t.Errorf("%s.%s: %d/%d = %.3f valid %s, want %.2f-%.2f", k.table, k.column, ok, n, rate, k.kind, k.lo, k.hi)
		}
	}
	// About 1.5% of the persons' 13-character RFCs fail the check character.
	bad, all := 0, 0
	for _, tb := range c.Tables {
		for i, col := range tb.Columns {
			if !blHasLabel(col, taxonomy.RFC) {
				continue
			}
			tb.Generate(func(r []any) bool {
				if s, has := blText(r[i]); has {
					if v, why := validate.ParseRFC(s); why == validate.OK && v.Person && len(v.Value) == 13 {
						all++
						if !v.CheckOK {
							bad++
						}
					}
				}
				return true
			})
		}
	}
	if rate := float64(bad) / float64(all); all < 300 || rate < 0.004 || rate > 0.035 {
		t.Errorf("%d of %d personal RFCs fail the check character (%.3f), want about 1.5%%", bad, all, rate)
	}
}

var blTokenSplit = regexp.MustCompile(`[^A-Z0-9Ñ&]+`)

// blIdentifiersIn lists the kinds of identifier a value holds as a whole or
// as a token (free text, JSON, pipe-separated fields).
func blIdentifiersIn(s string, today time.Time) map[string]bool {
	out := map[string]bool{}
	cands := append([]string{s}, blTokenSplit.Split(strings.ToUpper(s), -1)...)
	for _, kind := range []string{taxonomy.CURP, taxonomy.RFC, taxonomy.VoterKey, taxonomy.CreditCard, taxonomy.CLABE, taxonomy.NSS} {
		for _, x := range cands {
			if x == "" {
				continue
			}
			if kind == taxonomy.NSS && !(len(x) == 11 || len(x) == 15) {
				continue // an 11-digit token; a random one passes one time in ten
			}
			if blValidators[kind](x, today) {
				out[kind] = true
				break
			}
		}
	}
	return out
}

// No column holds a valid CURP, personal RFC, voter key, card, CLABE or NSS
// unless it is labelled so; hard negatives hold none, as whole values or
// tokens, and count no one.
func TestBlindNoStrayIdentifiers(t *testing.T) {
	c := blCorpus(t)
	today := c.Config.Today
	for k, tb := range c.Tables {
		if tb.HardNegative && (len(tb.Persons) > 0 || c.Labels().Tables[k].Persons > 0) {
			t.Errorf("%s: hard negative counts persons", tb.Name)
		}
		for i, col := range tb.Columns {
			found := map[string]int{}
			tb.Generate(func(r []any) bool {
				s, has := blText(r[i])
				if !has {
					return true
				}
				if _, isTime := r[i].(time.Time); isTime {
					return true
				}
				for kind := range blIdentifiersIn(s, today) {
					if found[kind] == 0 && !blHasLabel(col, kind) {
						t.Logf("%s.%s: %s in %q", tb.Name, col.Name, kind, s)
					}
					found[kind]++
				}
				return true
			})
			for kind, n := range found {
				if !blHasLabel(col, kind) {
					t.Errorf("%s.%s: %d values hold a valid %s but the column is not labelled so", tb.Name, col.Name, n, kind)
				}
			}
		}
	}
}

// Labels.Persons and each table's count equal an independent recount of
// distinct valid CURPs in the columns labelled only curp of a written
// SQLite file, and the recounted CURPs are exactly the pool persons the
// styles listed.
func TestBlindPersonsRecount(t *testing.T) {
	c := blCorpus(t)
	path := filepath.Join(t.TempDir(), "blind.db")
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
		for colName, cats := range l.Tables[k].Columns {
			if len(cats) != 1 || cats[0] != taxonomy.CURP {
				continue
			}
			rs, err := db.Query(fmt.Sprintf("SELECT DISTINCT %q FROM %q WHERE %q IS NOT NULL", colName, tb.Name, colName))
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
		listed := map[string]bool{}
		for _, i := range tb.Persons {
			listed[c.Pool.CURP(i)] = true
		}
		for s := range here {
			if !listed[s] {
				t.Errorf("%s: CURP %s in the file but not in Table.Persons", tb.Name, s)
				break
			}
		}
		if len(listed) != len(here) {
			t.Errorf("%s: Table.Persons lists %d CURPs, the file holds %d", tb.Name, len(listed), len(here))
		}
	}
	t.Logf("persons: labels %d, recount %d", l.Persons, len(all))
	if len(all) != l.Persons || l.Persons == 0 {
		t.Errorf("recount %d distinct valid CURPs, labels say %d", len(all), l.Persons)
	}
}

var (
	blPhoneRun  = regexp.MustCompile(`[0-9][0-9 ()\-]{8,}[0-9]`)
	blDateRun   = regexp.MustCompile(`\b\d{2}/\d{2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b`)
	blEmailRun  = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+`)
	blSettleRun = regexp.MustCompile(`\b(COL\.?|FRACC\.?|BO\.|U\.H\.|PBLO\.?|AMP\.?)\s`)
	blCondWords = regexp.MustCompile(`PADECE|DIABETES|HEMODIALISIS|DISCAPACIDAD|CANCER|EPILEPSIA|HIPERTENSION`)
)

// blCategoriesIn detects, roughly and independently of the generator, the
// categories a free-text value holds.
func blCategoriesIn(s string, today time.Time, given, surnames map[string]bool) map[string]bool {
	out := map[string]bool{}
	up := strings.ToUpper(s)
	toks := blTokenSplit.Split(up, -1)
	for _, x := range toks {
		if blValidators[taxonomy.CURP](x, today) {
			out[taxonomy.CURP] = true
		}
		if len(x) >= 3 && len(x) <= 4 && x[0] >= 'A' && x[0] <= 'Z' && blValidators["cie10"](x, today) {
			out[taxonomy.HealthCondition] = true
		}
		if len(x) == 5 && strings.Contains(up, `"CP":"`+x) {
			if _, why := validate.ParsePostalCode(x, false); why == validate.OK {
				out[taxonomy.PostalCode] = true
			}
		}
	}
	if cie := regexp.MustCompile(`\b[A-Z]\d{2}\.\d\b`).FindString(up); cie != "" && blValidators["cie10"](cie, today) {
		out[taxonomy.HealthCondition] = true
	}
	if blCondWords.MatchString(up) {
		out[taxonomy.HealthCondition] = true
	}
	for _, m := range blPhoneRun.FindAllString(s, -1) {
		if _, why := validate.ParsePhone(strings.TrimSpace(m)); why == validate.OK {
			out[taxonomy.Phone] = true
		}
	}
	for _, m := range blDateRun.FindAllString(s, -1) {
		if _, _, ok := validate.ParseDate(m, today); ok {
			out[taxonomy.Birthdate] = true
		}
	}
	for _, m := range blEmailRun.FindAllString(s, -1) {
		if validate.ParseEmail(m) == validate.OK {
			out[taxonomy.Email] = true
		}
	}
	if blSettleRun.MatchString(up) {
		out[taxonomy.Address] = true
	}
	words := strings.Fields(plain(strings.NewReplacer("|", " ", ":", " ", `"`, " ", ",", " ").Replace(s)))
	for i := 0; i+1 < len(words); i++ {
		if given[words[i]] && surnames[words[i+1]] || surnames[words[i]] && given[words[i+1]] {
			out[taxonomy.PersonName] = true
			break
		}
	}
	return out
}

// Free-text columns hold each labelled category in at least 5% of their
// values, and no CURP, phone, e-mail or date they are not labelled with.
func TestBlindFreeTextShares(t *testing.T) {
	c := blCorpus(t)
	today := c.Config.Today
	nt := loadNames()
	given, surnames := map[string]bool{}, map[string]bool{}
	for _, g := range nt.given {
		for _, w := range strings.Fields(plain(g)) {
			given[w] = true
		}
	}
	for _, s := range nt.surnames {
		for _, w := range strings.Fields(plain(s)) {
			surnames[w] = true
		}
	}
	checked := 0
	for _, tb := range c.Tables {
		for i, col := range tb.Columns {
			if !blIsFreeText(col) {
				continue
			}
			checked++
			counts, n := map[string]int{}, 0
			tb.Generate(func(r []any) bool {
				s, has := blText(r[i])
				if !has || s == "" {
					return true
				}
				n++
				for k := range blCategoriesIn(s, today, given, surnames) {
					counts[k]++
				}
				return true
			})
			for _, l := range col.Labels {
				share := float64(counts[l]) / float64(n)
				t.Logf("%s.%s: %s in %.3f", tb.Name, col.Name, l, share)
				if share < 0.06 {
					t.Errorf("%s.%s: labelled %s, found in %.3f of %d values", tb.Name, col.Name, l, share, n)
				}
			}
			for _, l := range []string{taxonomy.CURP, taxonomy.Phone, taxonomy.Email, taxonomy.Birthdate} {
				if share := float64(counts[l]) / float64(n); !blHasLabel(col, l) && share > 0.01 {
					t.Errorf("%s.%s: not labelled %s, found in %.3f", tb.Name, col.Name, l, share)
				}
			}
		}
	}
	if checked < 3 {
		t.Errorf("%d free-text columns checked", checked)
	}
}

// blParseBirth reads a birthdate column's value: time, integer or text.
func blParseBirth(v any, today time.Time) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x, true
	case int64:
		t, _, ok := validate.ParseDateNumber(strconv.FormatInt(x, 10), today)
		return t, ok
	case string:
		if t, _, ok := validate.ParseDate(x, today); ok {
			return t, true
		}
		if t, _, ok := validate.ParseDateNumber(x, today); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// blOtherPerson are identifier columns about someone other than the row's
// subject, whose birthdate the row does not hold.
var blOtherPerson = map[string]bool{"curp_informante": true}

// Birthdate columns parse (sentinels aside) and agree with the CURP, RFC
// or voter key of their row, and the identifiers agree with each other.
func TestBlindBirthdatesAgree(t *testing.T) {
	c := blCorpus(t)
	today := c.Config.Today
	checked := 0
	for _, tb := range c.Tables {
		for bi, bcol := range tb.Columns {
			if !blHasLabel(bcol, taxonomy.Birthdate) || blIsFreeText(bcol) {
				continue
			}
			checked++
			parsed, values, agree, compared := 0, 0, 0, 0
			tb.Generate(func(r []any) bool {
				s, has := blText(r[bi])
				if !has || validate.IsPlaceholder(s) || s == "0" {
					return true
				}
				values++
				b, ok := blParseBirth(r[bi], today)
				if !ok {
					return true
				}
				parsed++
				if b.After(today) {
					t.Errorf("%s.%s: birth %v after today", tb.Name, bcol.Name, b)
				}
				for i, col := range tb.Columns {
					id, has := blText(r[i])
					if !has || blOtherPerson[col.Name] {
						continue
					}
					var yymmdd string
					switch {
					case len(col.Labels) == 1 && col.Labels[0] == taxonomy.CURP:
						if cu, why := validate.ParseCURP(id, today); why == validate.OK {
							yymmdd = cu.Value[4:10]
						}
					case blHasLabel(col, taxonomy.RFC):
						if v, why := validate.ParseRFC(id); why == validate.OK && v.Person {
							yymmdd = v.YYMMDD
						}
					case col.Labels != nil && blHasLabel(col, taxonomy.VoterKey):
						if v, why := validate.ParseVoterKey(id, today); why == validate.OK {
							yymmdd = v.Value[6:12]
						}
					case blHasLabel(col, taxonomy.NSS):
						if v, why := validate.ParseNSS(id, today); why == validate.OK {
							compared++
							if v.BirthYear == b.Year()%100 {
								agree++
							}
						}
					}
					if yymmdd != "" {
						compared++
						if yymmdd == b.Format("060102") {
							agree++
						}
					}
				}
				return true
			})
			t.Logf("%s.%s: %d/%d parse, %d/%d identifiers agree", tb.Name, bcol.Name, parsed, values, agree, compared)
			if values == 0 || float64(parsed) < 0.97*float64(values) {
				t.Errorf("%s.%s: %d of %d non-placeholder values parse as dates", tb.Name, bcol.Name, parsed, values)
			}
			if agree != compared {
				t.Errorf("%s.%s: %d of %d identifiers in the row disagree with the birthdate", tb.Name, bcol.Name, compared-agree, compared)
			}
		}
	}
	if checked < 7 {
		t.Errorf("%d birthdate columns checked", checked)
	}
}

// The homoclave and RFC construction reproduce the SAT example of §2.2
// (GOMEZ DIAZ EMMA, GODE561231GR8), the voter key takes the name letters,
// and RFCs agree with CURPs in the same row.
func TestBlindIdentifierConstruction(t *testing.T) {
	if got := blHomoclave("GOMEZ DIAZ EMMA"); got != "GR" {
		t.Errorf("homoclave %s, want GR", got)
	}
	pe := Person{CURP: "GODE561231MDFMZM05", Paterno: "GÓMEZ", Materno: "DÍAZ", Nombre: "EMMA"}
	if got := blRFC13(pe, false); got != "GODE561231GR8" {
		t.Errorf("RFC %s, want GODE561231GR8", got)
	}
	if r, why := validate.ParseRFC(blRFC13(pe, true)); why != validate.OK || r.CheckOK {
		t.Errorf("a bad-check RFC should parse with CheckOK false: %v %v", r, why)
	}
	if got := blVoterWord("MA. DE LOS ANGELES", true) + blVoterWord("DE LA CRUZ", false) + blVoterWord("", false); got != "ANCRXX" {
		t.Errorf("voter letters %s, want ANCRXX", got)
	}
	c := blCorpus(t)
	for _, name := range []string{"HR_EMP_MASTER", "contribuyentes_isn", "ISSSTE_NOMINA_PENS"} {
		tb := blTable(t, c, name)
		ci, ri := -1, -1
		for i, col := range tb.Columns {
			if len(col.Labels) == 1 && col.Labels[0] == taxonomy.CURP {
				ci = i
			}
			if blHasLabel(col, taxonomy.RFC) {
				ri = i
			}
		}
		n := 0
		tb.Generate(func(r []any) bool {
			cs, ok1 := r[ci].(string)
			rs, ok2 := r[ri].(string)
			if !ok1 || !ok2 {
				return true
			}
			cu, why1 := validate.ParseCURP(cs, c.Config.Today)
			rf, why2 := validate.ParseRFC(rs)
			if why1 == validate.OK && why2 == validate.OK && rf.Person {
				n++
				if cu.Value[:10] != rf.Value[:10] {
					t.Errorf("%s: RFC %s does not start like CURP %s", name, rf.Value, cu.Value)
				}
			}
			return true
		})
		if n == 0 {
			t.Errorf("%s: no row with both a valid CURP and RFC", name)
		}
	}
	for _, cs := range blDeathCauses {
		if _, why := validate.ParseCIE10(cs.code); why != validate.OK {
			t.Errorf("cause %s is not a CIE-10 code", cs.code)
		}
	}
}

// Every blind table shares the pool: some of its people appear in other
// blind tables too.
func TestBlindSharesPool(t *testing.T) {
	c := blCorpus(t)
	seen := map[int32]int{}
	for _, tb := range c.Tables {
		here := map[int32]bool{}
		for _, i := range tb.Persons {
			here[i] = true
		}
		for i := range here {
			seen[i]++
		}
	}
	multi := 0
	for _, n := range seen {
		if n > 1 {
			multi++
		}
	}
	if multi == 0 {
		t.Error("no person is counted in two blind tables")
	}
	t.Logf("%d distinct persons counted, %d in more than one table", len(seen), multi)
}
