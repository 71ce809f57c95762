package detectors

import (
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/mask"
	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/rules"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// tableCtx is one classification in progress.
type tableCtx struct {
	name  string // folded table name, for context words
	today time.Time
	rows  int
	cols  []*colCtx
	// curps are the columns whose values are mostly valid CURPs, parsed
	// row by row for the cross-checks.
	curps []*curpColumn
	// personContext: the table is about people (some column holds a
	// person's identifier, name, birthdate or contact, or points at one).
	personContext bool
	// healthContext: the table is about health (a health column, or a name
	// that says so), which makes condition flags health data.
	healthContext bool
	// personKey: a column points at a person (id_paciente).
	personKey bool
	// isCatalogue caches catalogue().
	isCatalogue *bool
	// thingCatalogue: the table's name says catalogue and nothing in it
	// identifies a person (positions, sites, units).
	thingCatalogue bool
	// animals: the rows are animals (a species or breed column).
	animals bool
	// rules are the custom rules of this classification (custom.go).
	rules []*rules.Rule
}

// colCtx is one column in progress.
type colCtx struct {
	idx  int
	col  *Column
	name vocab.Match
	// vals are the trimmed values; placeholders ("SIN CURP", "00/00/0000")
	// are blanked, because they are not values (TAXONOMY).
	vals     []string
	present  Bitset
	nPresent int
	prof     profile
	freeText bool
	cands    []*candidate
	// codedCondition: the column holds coded health data (flags, levels),
	// a condition only in a health table.
	codedCondition bool
}

// candidate is a possible finding, before the threshold.
type candidate struct {
	category string
	s        score
	rows     Bitset
	matched  int // values carrying the category
	examples []string
	// examined is how many values were judged so far; matched/examined is
	// the rate scores use.
	examined int
	// judge and resume let finish complete a tally cut short for speed.
	judge       func(string) verdict
	weakCarries bool
	resume      int
	// ruleName: a custom rule matched the column's name, which makes the
	// name strong for this category (custom.go).
	ruleName bool
}

func (c *colCtx) candidate(category string) *candidate {
	for _, k := range c.cands {
		if k.category == category {
			return k
		}
	}
	return nil
}

func (c *colCtx) addCandidate(k *candidate) {
	if k != nil {
		c.cands = append(c.cands, k)
	}
}

// Classify finds the categories of personal data in each column of t.
// Columns that hold whole records (JSON, delimited fields) are classified
// field by field (embedded.go).
func Classify(t Table, opt Options) Result {
	expanded, virt := expand(t)
	return fold(t, classify(expanded, opt), virt)
}

func classify(t Table, opt Options) Result {
	today := opt.Today
	if today.IsZero() {
		today = time.Now().UTC()
	}
	tc := &tableCtx{name: norm.Identifier(t.Name), today: today, rows: t.Rows(), rules: activeRules(opt)}
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	// Legacy tables prefix every column ("pac_nombre", "tbCalle"): the
	// vocabulary reads the names without it.
	prefix := vocab.LearnPrefix(names)
	for i := range t.Columns {
		tc.cols = append(tc.cols, newColCtx(i, &t.Columns[i], tc.rows, prefix))
	}
	tc.confirmSplitAddress()

	// Pass 1: what each column's name and values say on their own.
	for _, c := range tc.cols {
		if c.nPresent == 0 || c.freeText || c.name.Hint == vocab.HintSecret {
			continue // a finding needs values, whatever the name; a password is none
		}
		for _, d := range columnDetectors {
			c.addCandidate(d(tc, c))
		}
		if c.name.Hint == vocab.HintLogin {
			c.keepSelfEvident()
		}
		// Long text is read as free text too; what a structured detector
		// recognised in most of its values (an address line is long too)
		// stays.
		c.freeText = c.longText()
		if !c.freeText {
			tc.applyRules(c) // free text gets them once its sentences are read
		}
	}
	// Pass 2: rows. CURP columns confirm (or refute) the others.
	tc.crossCheckCURPs()
	// Pass 3: free text, then what depends on the whole table: context,
	// catalogues.
	tc.setContext()
	for _, c := range tc.cols {
		if c.nPresent > 0 && c.freeText {
			c.cands = mergeText(c.structuredMajority(), tc.freeTextCandidates(c))
			tc.applyRules(c)
		}
	}
	for _, c := range tc.cols {
		if c.nPresent > 0 {
			for _, d := range contextDetectors {
				d(tc, c)
			}
		}
	}
	return tc.result()
}

func newColCtx(idx int, col *Column, rows int, prefix string) *colCtx {
	c := &colCtx{idx: idx, col: col, name: vocab.LookupPrefixed(col.Name, prefix), present: NewBitset(rows)}
	c.vals = make([]string, rows)
	for i := 0; i < rows && i < len(col.Values); i++ {
		v := strings.TrimSpace(col.Values[i])
		if v == "" || validate.IsPlaceholder(v) || binaryLooking(v) {
			continue // not values (TAXONOMY), or bytes that are not text
		}
		c.vals[i] = v
		c.present.Set(i)
		c.nPresent++
	}
	c.blankFillers()
	c.prof = profileOf(c)
	c.freeText = (c.name.Hint == vocab.HintFreeText || col.Type == fileNameType) && c.prof.avgWords >= 2
	return c
}

// keepSelfEvident drops the candidates of a login column that rest on the
// values' shape: a login that looks like an RFC, a phone or a name is a
// login. Only values that prove themselves stay: a CURP that passes its
// check digit, an e-mail address.
func (c *colCtx) keepSelfEvident() {
	kept := c.cands[:0]
	for _, k := range c.cands {
		if k.category == taxonomy.CURP || k.category == taxonomy.Email {
			kept = append(kept, k)
		}
	}
	c.cands = kept
}

// longText reports whether values read like sentences.
func (c *colCtx) longText() bool { return c.prof.avgLen >= 30 && c.prof.avgWords >= 5 }

// structuredMajority returns the candidates whose values carry their
// category in at least 80% of the values examined: then the column is that
// (an address line), not sentences that sometimes mention it.
func (c *colCtx) structuredMajority() []*candidate {
	var out []*candidate
	for _, k := range c.cands {
		if k.s.valueSupport && k.examined > 0 && 10*k.matched >= 8*k.examined {
			out = append(out, k)
		}
	}
	return out
}

// mergeText adds to a long-text column's structured candidates what its
// sentences hold of other categories.
// When most values are something structured (an address line), only
// what is validated inside them (a CURP, an e-mail, a phone) is added:
// the names in "CALLE BENITO JUAREZ ... MPIO. FLORENCIO VILLARREAL" are
// places named after people.
func mergeText(structured, text []*candidate) []*candidate {
	out := structured
	for _, k := range text {
		if i := slices.IndexFunc(out, func(s *candidate) bool { return s.category == k.category }); i >= 0 {
			// Both readings found it: the stronger one says how sure.
			if k.s.logit > out[i].s.logit {
				out[i] = k
			}
			continue
		}
		if len(structured) > 0 && k.category != taxonomy.CURP && k.category != taxonomy.Email && k.category != taxonomy.Phone {
			continue
		}
		out = append(out, k)
	}
	return out
}

// valueSupported reports whether some candidate rests on what the values
// say, not only on the name.
func (c *colCtx) valueSupported() bool {
	for _, k := range c.cands {
		if k.s.valueSupport {
			return true
		}
	}
	return false
}

// result applies the threshold and resolves conflicts between categories
// of one column.
func (tc *tableCtx) result() Result {
	r := Result{Findings: make([][]Finding, len(tc.cols)), Rows: tc.rows, PersonKey: tc.personKey}
	for _, c := range tc.cols {
		var kept []*candidate
		for _, k := range c.cands {
			if k.s.confidence() >= ReportThreshold && k.matched > 0 && (k.s.valueSupport || k.ruleName || c.strongName(k.category)) {
				kept = append(kept, k)
			}
		}
		kept = resolveConflicts(c, kept)
		for _, k := range kept {
			k.finish(c)
			conf := k.s.confidence()
			if !k.s.valueSupport {
				// Nothing in the values confirmed it: the name (and the
				// table around it) make it likely, never certain.
				conf = min(conf, NameOnlyCap)
			}
			f := Finding{
				Category:   k.category,
				Confidence: conf,
				Evidence:   k.s.evidence,
				Examples:   k.examples,
				NameOnly:   !k.s.valueSupport,
				Rows:       k.rows,
			}
			if c.nPresent > 0 {
				f.MatchRate = round2(float64(k.matched) / float64(c.nPresent))
			}
			r.Findings[c.idx] = append(r.Findings[c.idx], f)
		}
		sortFindings(r.Findings[c.idx])
	}
	return r
}

// resolveConflicts keeps, for a structured column, the categories that
// values support. A column holds one kind of thing: when values confirm
// one category, the others that rest on the name or weak evidence go. Free
// text keeps everything it found.
func resolveConflicts(c *colCtx, kept []*candidate) []*candidate {
	if c.freeText || len(kept) < 2 {
		return kept
	}
	best := kept[0]
	for _, k := range kept[1:] {
		if k.s.logit > best.s.logit {
			best = k
		}
	}
	out := kept[:0]
	for _, k := range kept {
		switch {
		case k == best:
		case !compatible(k.category, best.category):
			continue
		case k.s.valueSupport && k.s.logit >= best.s.logit-2:
		case !k.s.valueSupport && (k.ruleName || c.strongName(k.category)):
			// An ISSSTE affiliation number is an RFC: the values prove the
			// RFC, the name says enrollment, and both are true.
		default:
			continue
		}
		out = append(out, k)
	}
	return out
}

// strongName reports whether the column's name says category strongly; a
// finding that no value confirms needs that (or coded health data in a
// health table, whose name the context made strong).
func (c *colCtx) strongName(category string) bool {
	return c.name.Matched && c.name.Category == category && c.name.Strength == vocab.Strong ||
		category == taxonomy.HealthCondition && c.codedCondition
}

// compatible says whether two categories can share a structured column
// (an "expediente" keyed by CURP is both an identifier and enrollment).
func compatible(a, b string) bool {
	pair := func(x, y string) bool { return a == x && b == y || a == y && b == x }
	return pair(taxonomy.CURP, taxonomy.HealthEnrollment) || pair(taxonomy.NSS, taxonomy.HealthEnrollment) ||
		pair(taxonomy.RFC, taxonomy.HealthEnrollment) || pair(taxonomy.Address, taxonomy.PostalCode)
}

func sortFindings(fs []Finding) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && taxonomy.Order(fs[j].Category) < taxonomy.Order(fs[j-1].Category); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// maxExamples is how many masked examples a finding carries.
const maxExamples = 3

// addExample keeps up to maxExamples distinct masked examples.
func (k *candidate) addExample(category, value string) {
	if len(k.examples) >= maxExamples {
		return
	}
	m := mask.Value(category, value)
	for _, e := range k.examples {
		if e == m {
			return
		}
	}
	k.examples = append(k.examples, m)
}

// verdict is what a detector makes of one value.
type verdict uint8

const (
	vNo    verdict = iota // not this category
	vWeak                 // compatible with it, not proof
	vMatch                // validated as this category
)

// tally runs judge over the present values of a column and counts what it
// says; rows and examples are taken from matching values (and from weak
// ones when weakCarries, for categories whose values cannot be validated).
//
// It reads no more than it must. A probe of the first probeSize present
// values (the sample is random, so its first values are too) stops it on
// columns that are clearly something else, when fewer than minProbe of
// them match or fit. Otherwise it judges up to scoreSize values, which
// measure a rate as well as ten thousand do, and leaves the rest for
// finish, which runs only for the candidates that become findings and
// only then marks every row that carries the category.
type tally struct {
	k              *candidate
	match, weak, n int
	probed         bool // stopped after the probe
}

const (
	probeSize = 200
	scoreSize = 1500
)

func (tc *tableCtx) tally(c *colCtx, category string, minProbe float64, weakCarries bool, judge func(v string) verdict) tally {
	t := tally{k: &candidate{category: category, rows: NewBitset(tc.rows), judge: judge, weakCarries: weakCarries}}
	for i, v := range c.vals {
		if v == "" {
			continue
		}
		if t.n == probeSize && float64(t.match+t.weak) < minProbe*float64(t.n) {
			t.probed = true
			t.k.resume = -1 // never finished: it cannot be a finding
			break
		}
		if t.n == scoreSize {
			t.k.resume = i
			break
		}
		t.n++
		switch t.k.mark(i, v) {
		case vMatch:
			t.match++
		case vWeak:
			t.weak++
		}
	}
	t.k.examined = t.n
	return t
}

// mark judges one value and records it if it carries the category.
func (k *candidate) mark(i int, v string) verdict {
	r := k.judge(v)
	switch {
	case r == vMatch:
		k.rows.Set(i)
		k.matched++
		k.addExample(k.category, v)
	case r == vWeak && k.weakCarries:
		k.rows.Set(i)
		k.matched++
		k.addExample(k.category, v)
	}
	return r
}

// finish judges the values tally left, so that a finding's rows and match
// rate cover the whole sample.
func (k *candidate) finish(c *colCtx) {
	if k.resume <= 0 || k.judge == nil {
		return
	}
	for i := k.resume; i < len(c.vals); i++ {
		if c.vals[i] != "" {
			k.mark(i, c.vals[i])
		}
	}
	k.examined = c.nPresent
	k.resume = 0
}

// rate is the share of examined values that matched.
func (t tally) rate() float64 {
	if t.n == 0 {
		return 0
	}
	return float64(t.match) / float64(t.n)
}

// weakRate is the share of examined values that matched or were compatible.
func (t tally) weakRate() float64 {
	if t.n == 0 {
		return 0
	}
	return float64(t.match+t.weak) / float64(t.n)
}
