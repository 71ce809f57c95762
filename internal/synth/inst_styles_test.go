package synth

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/alcance-mx/alcance/taxonomy"
	"github.com/jackc/pgx/v5"
)

var (
	instShared     *Corpus
	instSharedErr  error
	instSharedOnce sync.Once
)

// instCorpus is the institutions corpus most of these tests share.
func instCorpus(t testing.TB) *Corpus {
	t.Helper()
	instSharedOnce.Do(func() {
		instShared, instSharedErr = Generate(Config{Seed: 42, Persons: 6000, Styles: InstitutionStyles()})
	})
	if instSharedErr != nil {
		t.Fatal(instSharedErr)
	}
	return instShared
}

// Every table belongs to one of the four institutions, yields Rows rows
// of well-typed values, declares its subjects, and its labels are
// taxonomy ids.
func TestInstitutionTablesWellFormed(t *testing.T) {
	c := instCorpus(t)
	want := []string{instSalud, instHospital, instCivil, instBienestar}
	if got := c.Institutions(); !slices.Equal(got, want) {
		t.Errorf("institutions %v, want %v", got, want)
	}
	for _, tb := range c.Tables {
		if !slices.Contains(want, tb.Institution) {
			t.Errorf("%s: institution %q", tb.Name, tb.Institution)
		}
		if !tb.SubjectsDeclared() || len(tb.Subjects) == 0 {
			t.Errorf("%s: no subjects declared", tb.Name)
		}
		if tb.Rows == 0 {
			t.Errorf("%s: no rows", tb.Name)
		}
		for _, col := range tb.Columns {
			for _, l := range col.Labels {
				if _, ok := taxonomy.Lookup(l); !ok {
					t.Errorf("%s.%s: unknown category %q", tb.Name, col.Name, l)
				}
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
				ok := true
				switch x := v.(type) {
				case nil:
				case string:
					ok = col.Type.IsText() && utf8.ValidString(x) &&
						(col.Type.Size == 0 || utf8.RuneCountInString(x) <= col.Type.Size)
				case int64:
					ok = col.Type.Kind == KindInteger
				case float64:
					ok = col.Type.Kind == KindDecimal
				case time.Time:
					ok = (col.Type.Kind == KindDate || col.Type.Kind == KindTimestamp) && x.Location() == time.UTC &&
						(col.Type.Kind != KindDate || x.Truncate(24*time.Hour) == x) && !x.After(c.Config.Today)
				default:
					ok = false
				}
				if !ok {
					t.Fatalf("%s.%s: %T %v does not fit %s", tb.Name, col.Name, v, v, col.Type.SQL())
				}
			}
			return true
		})
		if n != tb.Rows {
			t.Errorf("%s: %d rows, Rows says %d", tb.Name, n, tb.Rows)
		}
	}
	if c.Labels().Figures == nil {
		t.Fatal("no figures")
	}
}

// A labelled column holds its category: at least 5% of its non-empty
// values are values of it (doc.go), by the validators where there are
// some; an unlabelled column holds no valid identifier.
func TestInstitutionLabelsMatchContents(t *testing.T) {
	c := instCorpus(t)
	rc := newRecounter(c)
	today := c.Config.Today
	is := map[string]func(v any) bool{
		taxonomy.CURP: func(v any) bool { s, _ := v.(string); return validCURP(s, today) },
		taxonomy.RFC: func(v any) bool {
			s, _ := v.(string)
			r, why := validate.ParseRFC(s)
			return why == validate.OK && r.Person
		},
		taxonomy.NSS: func(v any) bool {
			s, _ := v.(string)
			_, why := validate.ParseNSS(s, today)
			return why == validate.OK
		},
		taxonomy.CLABE:      func(v any) bool { s, _ := v.(string); return validate.ParseCLABE(s) == validate.OK },
		taxonomy.PersonName: func(v any) bool { s, _ := v.(string); return len(nameWords(s)) > 0 },
		taxonomy.Birthdate:  func(v any) bool { return len(rc.dates(v)) > 0 },
		taxonomy.PostalCode: func(v any) bool {
			s, _ := v.(string)
			return len(s) == 5 && strings.Trim(s, "0123456789") == ""
		},
		taxonomy.Phone: func(v any) bool {
			s, _ := v.(string)
			return len(strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, s)) == 10
		},
		taxonomy.HealthFacility: func(v any) bool {
			s, _ := v.(string)
			_, _, why := validate.ParseCLUES(s)
			return why == validate.OK
		},
		taxonomy.HealthCondition: nonEmpty,
		taxonomy.Address:         nonEmpty,
	}
	for _, tb := range c.Tables {
		all := rows(tb)
		for k, col := range tb.Columns {
			filled := 0
			hits := map[string]int{}
			for _, r := range all {
				v := r[k]
				if !nonEmpty(v) {
					continue
				}
				filled++
				for _, l := range []string{taxonomy.CURP, taxonomy.RFC, taxonomy.NSS, taxonomy.CLABE} {
					if is[l](v) {
						hits[l]++
					}
				}
				for _, l := range col.Labels {
					if !slices.Contains([]string{taxonomy.CURP, taxonomy.RFC, taxonomy.NSS, taxonomy.CLABE}, l) && is[l](v) {
						hits[l]++
					}
				}
			}
			for _, l := range col.Labels {
				if hits[l]*20 < filled || filled == 0 {
					t.Errorf("%s.%s: labelled %s, %d of %d values are", tb.Name, col.Name, l, hits[l], filled)
				}
			}
			for _, l := range []string{taxonomy.CURP, taxonomy.RFC, taxonomy.NSS, taxonomy.CLABE} {
				if hits[l] > 0 && !slices.Contains(col.Labels, l) {
					t.Errorf("%s.%s: %d values are %s, not in its labels %v", tb.Name, col.Name, hits[l], l, col.Labels)
				}
			}
		}
	}
}

// Same seed, same rows and labels; another seed, other rows.
func TestInstitutionDeterminism(t *testing.T) {
	styles := InstitutionStyles()
	a, la := corpusHashes(t, Config{Seed: 9, Persons: 2500, Styles: styles})
	b, lb := corpusHashes(t, Config{Seed: 9, Persons: 2500, Styles: styles})
	d, _ := corpusHashes(t, Config{Seed: 10, Persons: 2500, Styles: styles})
	for name, h := range a {
		if b[name] != h {
			t.Errorf("%s: same seed, different rows", name)
		}
		if d[name] == h {
			t.Errorf("%s: different seeds, same rows", name)
		}
	}
	if !bytes.Equal(la, lb) {
		t.Error("same seed, different labels")
	}
}

// The figures the styles declare are what the rows say, for the corpus,
// and for each institution's part alone, which agrees with
// Labels.Institutions.
func TestInstitutionFiguresRecount(t *testing.T) {
	c := instCorpus(t)
	recountCorpus(t, c)
	l := c.Labels()
	if len(l.Institutions) != 4 {
		t.Fatalf("%d institutions in the labels", len(l.Institutions))
	}
	for _, il := range l.Institutions {
		sub := c.OfInstitution(il.Name)
		t.Run(il.Name, func(t *testing.T) {
			recountCorpus(t, sub)
			if got := sub.Labels().Figures; *got != il.Figures {
				t.Errorf("the institution alone: %+v, Labels.Institutions says %+v", *got, il.Figures)
			}
		})
	}
}

// The corpus holds every case the figures must get right, and the truth
// counts each as the contract says.
func TestInstitutionCases(t *testing.T) {
	c := instCorpus(t)
	ident := map[int32]Ident{}                // how anything identifies each person
	byInst := map[string]map[int32]CatSet{}   // what identifying or linking rows hold
	named := map[int32]bool{}                 // persons some row only names
	curpIn := map[string]map[int32]bool{}     // CURP holders, by institution
	nameOnlyIn := map[string]map[int32]bool{} // identified by name and birthdate without a CURP in that row
	for _, tb := range c.Tables {
		if byInst[tb.Institution] == nil {
			byInst[tb.Institution] = map[int32]CatSet{}
			curpIn[tb.Institution] = map[int32]bool{}
			nameOnlyIn[tb.Institution] = map[int32]bool{}
		}
		for _, s := range tb.Subjects {
			ident[s.Person] |= s.Ident
			switch {
			case s.Ident == IdentNone:
				named[s.Person] = true
				continue
			case s.Ident&IdentCURP != 0:
				curpIn[tb.Institution][s.Person] = true
			case s.Ident&IdentNameBirth != 0:
				nameOnlyIn[tb.Institution][s.Person] = true
			}
			byInst[tb.Institution][s.Person] |= s.Holds
		}
	}
	count := func(what string, n int) {
		t.Logf("%s: %d", what, n)
		if n == 0 {
			t.Errorf("no case of %s", what)
		}
	}
	n := 0
	for i := range nameOnlyIn[instHospital] {
		if curpIn[instSalud][i] && !curpIn[instHospital][i] {
			n++
		}
	}
	count("hospital patients known by name and birthdate, CURP holders at the secretariat", n)
	n = 0
	for i := range named {
		if ident[i]&(IdentCURP|IdentNameBirth) == 0 {
			n++
		}
	}
	count("people only named (staff, relatives), counted in no figure", n)
	l := c.Labels()
	count("minors", l.Figures.Minors)
	count("older adults", l.Figures.OlderAdults)
	count("identity kits", l.Figures.IdentityKit)
	count("financial", l.Figures.Financial)
	count("persons in several institutions", l.Several)
	hs := Cats(taxonomy.HealthCondition, taxonomy.HealthFacility, taxonomy.HealthEnrollment)
	n = 0
	for _, tb := range c.Tables {
		if tb.Name != "EGRESOS" && tb.Name != "LAB_RESULTADOS" {
			continue
		}
		for _, s := range tb.Subjects {
			if s.Ident == IdentLinked && s.Holds&hs != 0 {
				n++
			}
		}
	}
	count("health rows linked by an undeclared key", n)
	// the named-only are not counted: persons equals those identified
	identified := 0
	for _, x := range ident {
		if x&(IdentCURP|IdentNameBirth) != 0 {
			identified++
		}
	}
	if identified != l.Figures.Persons {
		t.Errorf("%d persons identified, figures say %d", identified, l.Figures.Persons)
	}
}

// Labels.Persons and each table's count are what an independent reader of
// each institution's own SQLite file counts: distinct valid CURPs in the
// columns labelled only curp.
func TestInstitutionSQLite(t *testing.T) {
	c := instCorpus(t)
	dir := t.TempDir()
	all := map[string]bool{}
	for _, name := range c.Institutions() {
		sub := c.OfInstitution(name)
		path := filepath.Join(dir, name+".db")
		if err := sub.WriteSQLite(context.Background(), path); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var tables []string
		rs, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
		if err != nil {
			t.Fatal(err)
		}
		for rs.Next() {
			var s string
			rs.Scan(&s)
			tables = append(tables, s)
		}
		rs.Close()
		var want []string
		for _, tb := range sub.Tables {
			want = append(want, tb.Name)
		}
		slices.Sort(want)
		if !slices.Equal(tables, want) {
			t.Errorf("%s: tables %v, want %v", name, tables, want)
		}
		l := sub.Labels()
		for k, tb := range sub.Tables {
			here := map[string]bool{}
			for col, cats := range l.Tables[k].Columns {
				if len(cats) != 1 || cats[0] != taxonomy.CURP {
					continue
				}
				rs, err := db.Query(fmt.Sprintf("SELECT %q FROM %q WHERE %q IS NOT NULL", col, tb.Name, col))
				if err != nil {
					t.Fatal(err)
				}
				for rs.Next() {
					var s string
					rs.Scan(&s)
					if cu, why := validate.ParseCURP(s, c.Config.Today); why == validate.OK {
						here[cu.Value], all[cu.Value] = true, true
					}
				}
				rs.Close()
			}
			if len(here) != l.Tables[k].Persons {
				t.Errorf("%s: %d CURPs in the file, labels say %d", tb.Name, len(here), l.Tables[k].Persons)
			}
		}
		db.Close()
	}
	if len(all) != c.Labels().Persons {
		t.Errorf("%d distinct CURPs in the files, labels say %d", len(all), c.Labels().Persons)
	}
}

// Each institution goes to a PostgreSQL database and a MariaDB database
// of its own, holding its tables and no other.
func TestInstitutionServers(t *testing.T) {
	c, err := Generate(Config{Seed: 3, Persons: 1500, Styles: InstitutionStyles()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	t.Run("postgres", func(t *testing.T) {
		for _, name := range c.Institutions() {
			sub := c.OfInstitution(name)
			u := testdb.Postgres(t, "alcance_synth_inst_"+name)
			if err := sub.WritePostgres(ctx, u); err != nil {
				t.Fatal(err)
			}
			conn, err := pgx.Connect(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			for _, tb := range c.Tables {
				var n int
				err := conn.QueryRow(ctx, fmt.Sprintf("SELECT count(*) FROM %q", tb.Name)).Scan(&n)
				switch {
				case tb.Institution == name && (err != nil || n != tb.Rows):
					t.Errorf("%s: %s has %d rows (%v), want %d", name, tb.Name, n, err, tb.Rows)
				case tb.Institution != name && err == nil:
					t.Errorf("%s: holds %s, another institution's table", name, tb.Name)
				}
			}
			conn.Close(ctx)
		}
	})
	t.Run("mysql", func(t *testing.T) {
		for _, name := range c.Institutions() {
			sub := c.OfInstitution(name)
			u := testdb.MySQL(t, "alcance_synth_inst_"+name)
			if err := sub.WriteMySQL(ctx, u); err != nil {
				t.Fatal(err)
			}
			db, err := sql.Open("mysql", testdb.MySQLDriverDSN(t, u))
			if err != nil {
				t.Fatal(err)
			}
			for _, tb := range c.Tables {
				var n int
				err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM `%s`", tb.Name)).Scan(&n)
				switch {
				case tb.Institution == name && (err != nil || n != tb.Rows):
					t.Errorf("%s: %s has %d rows (%v), want %d", name, tb.Name, n, err, tb.Rows)
				case tb.Institution != name && err == nil:
					t.Errorf("%s: holds %s, another institution's table", name, tb.Name)
				}
			}
			db.Close()
		}
	})
}

// A corpus without institutions is one part, the whole of it.
func TestOfInstitutionWithoutInstitutions(t *testing.T) {
	c := corpus(t)
	if got := c.Institutions(); !slices.Equal(got, []string{""}) {
		t.Fatalf("institutions %v", got)
	}
	sub := c.OfInstitution("")
	if len(sub.Tables) != len(c.Tables) || sub.Labels().Persons != c.Labels().Persons {
		t.Errorf("the one part is not the whole corpus")
	}
	if c.OfInstitution("nadie") != nil {
		t.Error("a part for an institution with no tables")
	}
}

// The whole institutions corpus holds pacientes and PACIENTES, which one
// SQLite file cannot tell apart: the writer says so before writing.
func TestSQLiteRefusesNamesDifferingInCase(t *testing.T) {
	c := instCorpus(t)
	path := filepath.Join(t.TempDir(), "all.db")
	err := c.WriteSQLite(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "OfInstitution") {
		t.Fatalf("WriteSQLite of the whole corpus: %v", err)
	}
	if _, statErr := os.Stat(path); !os.IsNotExist(statErr) {
		t.Errorf("a file was left behind: %v", statErr)
	}
}
