package synth

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// The recount re-derives the person figures of a corpus from its rows and
// the pool alone, without Table.Subjects: it reads every row back, finds
// the valid CURPs anywhere in it, the dates in its birthdate columns and
// the pool people born on those days whose whole name is in one of its
// names, follows the key columns a reader sees in the schema
// (recountLinks), and collects what the rows hold about each person. It
// agrees with Labels.Figures only if every style declared its subjects
// by the rules of truth.go.

// recountLinks are the key columns that point at the rows of another
// table: table.column -> table.column.
var recountLinks = map[string]string{
	"consultas.id_beneficiario":           "padron_beneficiarios.id",
	"pagos_beneficiarios.id_beneficiario": "padron_beneficiarios.id",
	"domicilios_historial.id_persona":     "padron_beneficiarios.id",
	"consultas_externas.id_paciente":      "pacientes.id",
	"recetas.id_consulta":                 "consultas_externas.id",
	"EGRESOS.ID_PAC":                      "PACIENTES.ID",
	"LAB_RESULTADOS.ID_PAC":               "PACIENTES.ID",
	"pagos_pension.id_beneficiario":       "padron_adultos_mayores.id",
}

// recountNames are the tables whose adjacent name columns belong to
// different people, each listed as its groups of columns that make up
// one name; elsewhere a run of adjacent structured name columns is one
// name, and a free-text column is one on its own.
var recountNames = map[string][][]string{
	"RCNACIM": {{"NOMCOMP"}, {"NOMPADRE"}, {"NOMMADRE"}},
}

// recountOwnHealth are the phrases by which a free-text column says the
// condition is its own person's (a citizen writing SOY PACIENTE CON ...,
// rather than about a relative); structured health columns always are.
var recountOwnHealth = []string{"SOY PACIENTE CON"}

// recountParticles are words of names that name no one by themselves.
var recountParticles = map[string]bool{"DE": true, "DEL": true, "LA": true, "LAS": true, "LOS": true, "Y": true,
	"VAN": true, "VON": true, "MC": true, "MAC": true, "SAN": true}

type recounter struct {
	c       *Corpus
	today   time.Time
	byCURP  map[string]int32
	byBirth map[int32][]int32
	words   [][]string // each person's name words, normalised
	// keys maps "table.column" to the persons of the row holding each value
	keys map[string]map[string][]int32
	// identified persons, and what rows hold about each, by institution
	identified map[int32]bool
	holds      map[string]map[int32]CatSet
	tables     map[string]map[int32]Ident // per table: how its rows identify each person
}

func newRecounter(c *Corpus) *recounter {
	rc := &recounter{c: c, today: c.Config.Today, byCURP: map[string]int32{}, byBirth: map[int32][]int32{},
		keys: map[string]map[string][]int32{}, identified: map[int32]bool{},
		holds: map[string]map[int32]CatSet{}, tables: map[string]map[int32]Ident{}}
	for i := range int32(c.Pool.Len()) {
		ps := c.Pool.Person(i)
		rc.byCURP[ps.CURP] = i
		d := timeDay(ps.Birth)
		rc.byBirth[d] = append(rc.byBirth[d], i)
		rc.words = append(rc.words, nameWords(ps.Nombre+" "+ps.Paterno+" "+ps.Materno))
	}
	return rc
}

var (
	curpPattern = regexp.MustCompile(`[A-Z]{4}[0-9]{6}[HMX][A-Z]{5}[0-9A-Z][0-9]`)
	isoDate     = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	slashDate   = regexp.MustCompile(`\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b`)
	monthDate   = regexp.MustCompile(`\b(\d{1,2})[/-]([A-Z]{3})[/-](\d{4}|\d{2})\b`)
	longDate    = regexp.MustCompile(`\b(\d{1,2}) DE ([A-Z]+) DE (\d{4})\b`)
	packedDate  = regexp.MustCompile(`\b(\d{4})(\d{2})(\d{2})\b`)
	mojibakes   = strings.NewReplacer("Ã‘", "Ñ", "¥", "Ñ", "Ã\u0081", "Á", "Ã‰", "É", "Ã\u008d", "Í",
		"Ã“", "Ó", "Ãš", "Ú", "Ãœ", "Ü")
	monthNames = map[string]int{"ENE": 1, "FEB": 2, "MAR": 3, "ABR": 4, "MAY": 5, "JUN": 6, "JUL": 7,
		"AGO": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DIC": 12, "ENERO": 1, "FEBRERO": 2, "MARZO": 3,
		"ABRIL": 4, "MAYO": 5, "JUNIO": 6, "JULIO": 7, "AGOSTO": 8, "SEPTIEMBRE": 9, "OCTUBRE": 10,
		"NOVIEMBRE": 11, "DICIEMBRE": 12}
)

// nameWords normalises a name for comparison: mojibake repaired, upper
// case without accents (Ñ as N), split at anything not a letter.
func nameWords(s string) []string {
	s = strings.ReplaceAll(strings.ToUpper(plain(mojibakes.Replace(s))), "Ñ", "N")
	return strings.FieldsFunc(s, func(r rune) bool { return r < 'A' || r > 'Z' })
}

// containsAll reports whether every word of want is in have, counting repeats.
func containsAll(have map[string]int, want []string) bool {
	need := map[string]int{}
	for _, w := range want {
		need[w]++
	}
	for w, n := range need {
		if have[w] < n {
			return false
		}
	}
	return len(want) > 0
}

// texts are the strings a value holds: itself, or every leaf of a JSON object.
func texts(v any) []string {
	switch x := v.(type) {
	case string:
		if strings.HasPrefix(strings.TrimSpace(x), "{") {
			var obj any
			if json.Unmarshal([]byte(x), &obj) == nil {
				var out []string
				var walk func(any)
				walk = func(o any) {
					switch y := o.(type) {
					case map[string]any:
						for _, z := range y {
							walk(z)
						}
					case string:
						out = append(out, y)
					case float64:
						out = append(out, strconv.FormatFloat(y, 'f', -1, 64))
					}
				}
				walk(obj)
				return out
			}
		}
		return []string{x}
	case int64:
		return []string{strconv.FormatInt(x, 10)}
	}
	return nil
}

// dates are every day a birthdate value can be read as: a DATE, a packed
// YYYYMMDD number, an Excel serial, or text in the forms of doc.go (both
// day-first and month-first where both read).
func (rc *recounter) dates(v any) []int32 {
	var out []int32
	add := func(y, m, d int) {
		if m < 1 || m > 12 || d < 1 || d > 31 || y < 1800 {
			return
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() == d && !t.After(rc.today) {
			out = append(out, timeDay(t))
		}
	}
	year := func(s string) int {
		y, _ := strconv.Atoi(s)
		if len(s) == 2 {
			if y <= rc.today.Year()%100 {
				return 2000 + y
			}
			return 1900 + y
		}
		return y
	}
	switch x := v.(type) {
	case time.Time:
		return []int32{timeDay(x)}
	case int64:
		add(int(x/10000), int(x/100%100), int(x%100))
		if x > 60 && x < 100000 { // an Excel serial, 1899-12-30 based
			out = append(out, timeDay(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(x))))
		}
		return out
	}
	for _, s := range texts(v) {
		s = strings.ToUpper(s)
		for _, m := range isoDate.FindAllStringSubmatch(s, -1) {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			add(y, mo, d)
		}
		for _, m := range slashDate.FindAllStringSubmatch(s, -1) {
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			add(year(m[3]), b, a)
			add(year(m[3]), a, b)
		}
		for _, m := range monthDate.FindAllStringSubmatch(s, -1) {
			d, _ := strconv.Atoi(m[1])
			add(year(m[3]), monthNames[m[2]], d)
		}
		for _, m := range longDate.FindAllStringSubmatch(s, -1) {
			d, _ := strconv.Atoi(m[1])
			y, _ := strconv.Atoi(m[3])
			add(y, monthNames[m[2]], d)
		}
		for _, m := range packedDate.FindAllStringSubmatch(s, -1) {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			add(y, mo, d)
		}
	}
	return out
}

// nameGroups are the sets of columns that each write one person's name.
func nameGroups(t *Table) [][]int {
	if groups, ok := recountNames[t.Name]; ok {
		var out [][]int
		for _, g := range groups {
			var idx []int
			for _, name := range g {
				idx = append(idx, t.Column(name))
			}
			out = append(out, idx)
		}
		return out
	}
	var out [][]int
	var run []int
	for i, c := range t.Columns {
		isName := hasLabel(c, taxonomy.PersonName)
		free := len(c.Labels) > 1 || c.Type.Kind == KindText
		switch {
		case isName && free:
			out = append(out, []int{i})
			fallthrough
		case !isName:
			if len(run) > 0 {
				out = append(out, run)
			}
			run = nil
		default:
			run = append(run, i)
		}
	}
	if len(run) > 0 {
		out = append(out, run)
	}
	return out
}

func hasLabel(c Column, id string) bool {
	for _, l := range c.Labels {
		if l == id {
			return true
		}
	}
	return false
}

func nonEmpty(v any) bool {
	s, ok := v.(string)
	return v != nil && (!ok || strings.TrimSpace(s) != "")
}

// row reads one row: the persons it identifies, and how.
func (rc *recounter) row(t *Table, row []any) map[int32]Ident {
	found := map[int32]Ident{}
	for _, v := range row {
		for _, s := range texts(v) {
			for _, m := range curpPattern.FindAllString(strings.ToUpper(s), -1) {
				if i, ok := rc.byCURP[m]; ok && validCURP(m, rc.today) {
					found[i] |= IdentCURP
				}
			}
		}
	}
	var days []int32
	for k, c := range t.Columns {
		if hasLabel(c, taxonomy.Birthdate) {
			days = append(days, rc.dates(row[k])...)
		}
	}
	if len(days) == 0 {
		return found
	}
	for _, g := range nameGroups(t) {
		have := map[string]int{}
		for _, k := range g {
			for _, s := range texts(row[k]) {
				for _, w := range nameWords(s) {
					have[w]++
				}
			}
		}
		for _, d := range days {
			for _, i := range rc.byBirth[d] {
				if containsAll(have, rc.words[i]) {
					found[i] |= IdentNameBirth
				}
			}
		}
	}
	return found
}

// heldAbout is what a row holds about one person it is about.
func (rc *recounter) heldAbout(t *Table, row []any, i int32, ident Ident) CatSet {
	ps := rc.c.Pool.Person(i)
	born := timeDay(ps.Birth)
	var h CatSet
	if ident&IdentCURP != 0 {
		h |= Cats(taxonomy.CURP)
	}
	for k, c := range t.Columns {
		v := row[k]
		if !nonEmpty(v) {
			continue
		}
		free := len(c.Labels) > 1 || c.Type.Kind == KindText
		s, _ := v.(string)
		s = strings.TrimSpace(s)
		for _, l := range c.Labels {
			switch l {
			case taxonomy.PersonName:
				have := map[string]int{}
				for _, x := range texts(v) {
					for _, w := range nameWords(x) {
						have[w]++
					}
				}
				// a name of theirs, however damaged: one of its words
				for _, w := range rc.words[i] {
					if have[w] > 0 && !recountParticles[w] {
						h |= Cats(l)
					}
				}
			case taxonomy.Birthdate:
				for _, d := range rc.dates(v) {
					if d == born {
						h |= Cats(l)
					}
				}
			case taxonomy.RFC:
				if r, why := validate.ParseRFC(s); why == validate.OK && r.Person && len(s) == 13 &&
					s[4:10] == ps.Birth.Format("060102") {
					h |= Cats(l)
				}
			case taxonomy.NSS:
				if _, why := validate.ParseNSS(s, rc.today); why == validate.OK && s[4:6] == ps.Birth.Format("06") {
					h |= Cats(l)
				}
			case taxonomy.VoterKey:
				if len(s) == 18 && s[6:12] == ps.Birth.Format("060102") {
					h |= Cats(l)
				}
			case taxonomy.CLABE:
				if validate.ParseCLABE(s) == validate.OK {
					h |= Cats(l)
				}
			case taxonomy.CreditCard:
				digits := strings.NewReplacer(" ", "", "-", "").Replace(s)
				if _, why := validate.ParseCard(digits); why == validate.OK && digits != "4111111111111111" {
					h |= Cats(l)
				}
			case taxonomy.HealthCondition:
				if !free {
					h |= Cats(l)
					continue
				}
				for _, p := range recountOwnHealth {
					if strings.Contains(s, p) {
						h |= Cats(l)
					}
				}
			case taxonomy.HealthEnrollment, taxonomy.HealthFacility:
				if !free {
					h |= Cats(l)
				}
			}
		}
	}
	return h
}

// run reads every table and returns the figures.
func (rc *recounter) run(t *testing.T) (Figures, int) {
	for _, tb := range rc.c.Tables {
		if tb.HardNegative {
			continue
		}
		here := map[int32]Ident{}
		rc.tables[tb.Name] = here
		for _, to := range recountLinks {
			if strings.HasPrefix(to, tb.Name+".") && rc.keys[to] == nil {
				rc.keys[to] = map[string][]int32{}
			}
		}
		tb.Generate(func(row []any) bool {
			about := rc.row(tb, row)
			for k, c := range tb.Columns {
				to, ok := recountLinks[tb.Name+"."+c.Name]
				if !ok || row[k] == nil {
					continue
				}
				ref, ok := rc.keys[to]
				if !ok {
					t.Fatalf("%s.%s points at %s, which comes later", tb.Name, c.Name, to)
				}
				for _, i := range ref[fmt.Sprint(row[k])] {
					about[i] |= IdentLinked
				}
			}
			for k, c := range tb.Columns {
				if m, ok := rc.keys[tb.Name+"."+c.Name]; ok && row[k] != nil {
					key := fmt.Sprint(row[k])
					for i := range about {
						m[key] = append(m[key], i)
					}
				}
			}
			for i, how := range about {
				here[i] |= how
				if how&(IdentCURP|IdentNameBirth) != 0 {
					rc.identified[i] = true
				}
				inst := rc.holds[tb.Institution]
				if inst == nil {
					inst = map[int32]CatSet{}
					rc.holds[tb.Institution] = inst
				}
				inst[i] |= rc.heldAbout(tb, row, i, how)
			}
			return true
		})
	}
	var fig Figures
	several := 0
	for i := range rc.identified {
		var h CatSet
		in := 0
		for _, inst := range rc.holds {
			if x, ok := inst[i]; ok {
				h |= x
				in++
			}
		}
		fig.Persons++
		if h&healthSet != 0 {
			fig.PersonsWithHealth++
		}
		switch age := ageAt(rc.c.Pool.Birth(i), rc.today); {
		case age < 18:
			fig.Minors++
		case age >= 60:
			fig.OlderAdults++
		}
		if h&idSet != 0 && h.Has(taxonomy.PersonName) && h&Cats(taxonomy.Birthdate, taxonomy.CURP) != 0 {
			fig.IdentityKit++
		}
		if h&financeSet != 0 {
			fig.Financial++
		}
		if in >= 2 {
			several++
		}
	}
	return fig, several
}

// compareTables reports, table by table, the persons the rows identify
// otherwise than the subjects say.
func (rc *recounter) compareTables(t *testing.T) {
	for _, tb := range rc.c.Tables {
		if tb.HardNegative {
			continue
		}
		declared := map[int32]Ident{}
		for _, s := range tb.Subjects {
			declared[s.Person] |= s.Ident
		}
		got := rc.tables[tb.Name]
		var diffs []string
		for _, how := range []struct {
			name  string
			ident Ident
		}{{"CURP", IdentCURP}, {"name and birthdate", IdentNameBirth}, {"a link", IdentLinked}} {
			var extra, missing []int32
			for i, x := range got {
				if x&how.ident != 0 && declared[i]&how.ident == 0 {
					extra = append(extra, i)
				}
			}
			for i, x := range declared {
				if x&how.ident != 0 && got[i]&how.ident == 0 {
					missing = append(missing, i)
				}
			}
			if len(extra)+len(missing) > 0 {
				sort.Slice(extra, func(a, b int) bool { return extra[a] < extra[b] })
				sort.Slice(missing, func(a, b int) bool { return missing[a] < missing[b] })
				diffs = append(diffs, fmt.Sprintf("by %s: %d found but not declared %v, %d declared but not found %v",
					how.name, len(extra), head(extra), len(missing), head(missing)))
			}
		}
		for _, d := range diffs {
			t.Errorf("%s: %s", tb.Name, d)
		}
	}
}

func head(xs []int32) []int32 { return xs[:min(len(xs), 5)] }

func recountCorpus(t *testing.T, c *Corpus) {
	t.Helper()
	l := c.Labels()
	if l.Figures == nil {
		t.Fatal("the corpus has no figures: some table did not declare its subjects")
	}
	rc := newRecounter(c)
	fig, several := rc.run(t)
	rc.compareTables(t)
	t.Logf("labels  %+v several %d", *l.Figures, l.Several)
	t.Logf("recount %+v several %d", fig, several)
	if fig != *l.Figures || several != l.Several {
		t.Errorf("the recount from the rows disagrees with the labels")
	}
}

func TestFiguresRecountDefault(t *testing.T) {
	c, err := Generate(Config{Seed: 5, Persons: 10000})
	if err != nil {
		t.Fatal(err)
	}
	recountCorpus(t, c)
}

func TestFiguresRecountEval(t *testing.T) {
	c, err := Generate(Config{Seed: 5, Persons: 10000, Styles: EvalStyles()})
	if err != nil {
		t.Fatal(err)
	}
	recountCorpus(t, c)
}
