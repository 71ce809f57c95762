package reports

// What the human-readable writers (table, md, html, annex, certificate)
// show, computed once from the model, and the number and text helpers they
// share. The machine formats (json, csv) write the model as it is.

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/alcance-mx/alcance/taxonomy"
)

// summary is a report as a reader takes it in: headline figures, records
// per category in taxonomy order, tables most serious first, and what
// could not be scanned.
type summary struct {
	L                  Lang
	Figures            []namedFigure // persons first
	Several            *namedFigure  // persons in several sources, when there are several sources
	Records            Estimate      // the tables' records added up, bounds too
	Sources            int
	Tables             int
	TablesWithFindings int
	Categories         []categoryRow
	Ranked             []tableRef
	Errors             []SourceError
	Warnings           []sourceNote
	Skipped            []sourceSkip
	Links              []sourceLink
	Interrupted        bool
	Institutions       []institution
	names              map[*Source]string
}

// name is how the report calls a source: its name, made unique where two
// sources share one (two servers' "padron") by adding its location.
func (s summary) name(src *Source) string {
	if n, ok := s.names[src]; ok {
		return n
	}
	return src.Name
}

// sourceNames gives every source a name no other source has: a name two
// sources share (two servers' "padron") is numbered, "padron #1" and
// "padron #2", in the report's order; the sources table gives each one's
// location.
func sourceNames(r *Report) map[*Source]string {
	count := map[string]int{}
	for _, src := range r.Sources {
		count[src.Name]++
	}
	out := map[*Source]string{}
	seen := map[string]int{}
	taken := func(n string) bool { return count[n] > 0 }
	for i := range r.Sources {
		src := &r.Sources[i]
		n := src.Name
		if count[n] > 1 {
			for {
				seen[src.Name]++
				n = src.Name + " #" + strconv.Itoa(seen[src.Name])
				if !taken(n) {
					break
				}
			}
		}
		out[src] = n
	}
	return out
}

// namedFigure is one person figure with its id (persons, minors, ...).
type namedFigure struct {
	ID  string
	fig *Figure
}

func (n namedFigure) F() Figure { return *n.fig }

// Label is the figure's name in the report's language.
func (n namedFigure) Label(l Lang) string { return l.T("fig." + n.ID) }

// list is the figures of fs in the contract's order.
func (fs *Figures) list() []namedFigure {
	return []namedFigure{{"persons", &fs.Persons}, {"persons_with_health", &fs.PersonsWithHealth},
		{"minors", &fs.Minors}, {"older_adults", &fs.OlderAdults}, {"identity_kit", &fs.IdentityKit},
		{"financial", &fs.Financial}}
}

type sourceNote struct{ Source, Text string }
type sourceSkip struct {
	Source string
	Skipped
}
type sourceLink struct {
	Source string
	Link
}

// institution is a group of sources: results are grouped by institution
// when an inventory names them.
type institution struct {
	Name    string // "" for sources with none
	Sources []*Source
}

type categoryRow struct {
	ID, Label string
	Class     taxonomy.Class
	Records   Estimate
}

// tableRef is a table with the source it belongs to.
type tableRef struct {
	Source *Source
	Table  *Table
}

func summarize(r *Report) summary {
	l := langOf(r)
	s := summary{
		L:           l,
		Figures:     r.Exposure.Figures.list(),
		Sources:     len(r.Sources),
		Categories:  categoryRows(l, r.Exposure.RecordsByCategory),
		Ranked:      rankedTables(r),
		Interrupted: r.Scan.Interrupted,
		names:       sourceNames(r),
	}
	if len(r.Sources) > 1 {
		s.Several = &namedFigure{"several", &r.Exposure.PersonsInSeveralSources}
	}
	for _, t := range s.Ranked {
		s.Tables++
		s.Records = s.Records.Add(t.Table.Exposure.Records)
		if hasFindings(t.Table) {
			s.TablesWithFindings++
		}
	}
	for i := range r.Sources {
		src := &r.Sources[i]
		for _, e := range src.Errors {
			s.Errors = append(s.Errors, SourceError{Source: s.name(src), Error: e})
		}
		for _, w := range src.Warnings {
			s.Warnings = append(s.Warnings, sourceNote{s.name(src), w})
		}
		for _, k := range src.Skipped {
			s.Skipped = append(s.Skipped, sourceSkip{s.name(src), k})
		}
		for _, k := range src.Links {
			s.Links = append(s.Links, sourceLink{s.name(src), k})
		}
	}
	s.Institutions = institutions(r)
	return s
}

// institutions groups the sources by institution, in the order each
// institution first appears; sources with none come last. With no
// institution named anywhere there is one group.
func institutions(r *Report) []institution {
	var out []institution
	var none *institution
	idx := map[string]int{}
	for i := range r.Sources {
		src := &r.Sources[i]
		if src.Institution == "" {
			if none == nil {
				none = &institution{}
			}
			none.Sources = append(none.Sources, src)
			continue
		}
		j, ok := idx[src.Institution]
		if !ok {
			j = len(out)
			idx[src.Institution] = j
			out = append(out, institution{Name: src.Institution})
		}
		out[j].Sources = append(out[j].Sources, src)
	}
	if none != nil {
		out = append(out, *none)
	}
	return out
}

// grouped says whether any source names an institution.
func (s summary) grouped() bool { return len(s.Institutions) > 0 && s.Institutions[0].Name != "" }

// categoryRows lists the categories present in m in taxonomy order; ids the
// taxonomy does not know (there should be none) follow, by id, not dropped.
func categoryRows(l Lang, m map[string]Estimate) []categoryRow {
	var rows []categoryRow
	for _, c := range taxonomy.Categories {
		if e, ok := m[c.ID]; ok {
			rows = append(rows, categoryRow{c.ID, label(l, c.ID), c.Class, e})
		}
	}
	var unknown []string
	for id := range m {
		if _, ok := taxonomy.Lookup(id); !ok {
			unknown = append(unknown, id)
		}
	}
	slices.Sort(unknown)
	for _, id := range unknown {
		rows = append(rows, categoryRow{id, id, taxonomy.Contact, m[id]})
	}
	return rows
}

// rankedTables lists every table, most serious tier first, then most
// records; ties keep the model's order, so the output is stable.
func rankedTables(r *Report) []tableRef {
	var out []tableRef
	for i := range r.Sources {
		s := &r.Sources[i]
		for j := range s.Tables {
			out = append(out, tableRef{s, &s.Tables[j]})
		}
	}
	slices.SortStableFunc(out, func(a, b tableRef) int {
		ta, tb := a.Table.Exposure.Tier, b.Table.Exposure.Tier
		return cmp.Or(
			cmp.Compare(taxonomy.TierRank(ta), taxonomy.TierRank(tb)),
			strings.Compare(ta, tb), // unknown tiers: grouped, not mixed
			cmp.Compare(b.Table.Exposure.Records.Value, a.Table.Exposure.Records.Value),
		)
	})
	return out
}

func hasFindings(t *Table) bool {
	if len(t.Exposure.Categories) > 0 {
		return true
	}
	for _, c := range t.Columns {
		if len(c.Findings) > 0 {
			return true
		}
	}
	return false
}

// meaningOf is the one-line meaning of a tier id (docs/taxonomy.md).
func meaningOf(l Lang, tier string) string {
	if taxonomy.TierRank(tier) < len(taxonomy.Tiers) {
		return l.T("tiermeaning." + tier)
	}
	return l.T("tiermeaning.unknown")
}

// tierName is a tier's name in l; an unknown id is shown as it is.
func tierName(l Lang, tier string) string {
	if taxonomy.TierRank(tier) < len(taxonomy.Tiers) {
		return l.T("tier." + tier)
	}
	return tier
}

// label is a category's human label, or its id when the taxonomy lacks it.
func label(l Lang, id string) string {
	if _, ok := taxonomy.Lookup(id); ok {
		return l.T("cat." + id)
	}
	return id
}

// className is a category class in l.
func className(l Lang, c taxonomy.Class) string {
	switch c {
	case taxonomy.Identifier:
		return l.T("class.identifier")
	case taxonomy.Sensitive:
		return l.T("class.sensitive")
	case taxonomy.Financial:
		return l.T("class.financial")
	}
	return l.T("class.contact")
}

// thousands writes n with comma thousands separators: 58000 gives "58,000"
// (Mexico writes numbers so too).
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

// approx is the value, with "~" in front when it is an estimate and "≥"
// when it is a lower bound. A value equal to its low bound is certain (a
// person figure whose high bound only adds who might be someone else):
// no "~".
func approx(e Estimate) string {
	switch {
	case e.Open:
		return "≥" + thousands(e.Value)
	case e.IsExact(), e.Value == e.Low:
		return thousands(e.Value)
	}
	return "~" + thousands(e.Value)
}

// headValue is the figure to report as a number: no "~" when its value is
// certain (its low bound), "≥" when it is a lower bound.
func headValue(e Estimate) string {
	if !e.Open && e.Low == e.Value {
		return thousands(e.Value)
	}
	return approx(e)
}

// bounds is "low–high" (the 95% interval), or "≥low" when open.
func bounds(e Estimate) string {
	if e.Open {
		return "≥" + thousands(e.Low)
	}
	return thousands(e.Low) + "–" + thousands(e.High)
}

// boundsText is bounds, or "exact", or "lower bound, no upper bound".
func boundsText(l Lang, e Estimate) string {
	switch {
	case e.Open:
		return l.T("est.lowerbound")
	case e.IsExact():
		return l.T("est.exactword")
	}
	return bounds(e)
}

// estimateText is a record figure: "58,000" when exact, "~58,000 (95%:
// 57,100–58,900)" when estimated, "at least 58,000 (a lower bound)" when open.
func estimateText(l Lang, e Estimate) string {
	switch {
	case e.Open:
		return l.T("est.openrec", thousands(e.Value))
	case e.IsExact():
		return thousands(e.Value)
	}
	return l.T("est.interval", approx(e), thousands(e.Low), thousands(e.High))
}

// figureText is a person figure in plain words: "exactly 58,000", "58,000,
// and at most 61,200", "about 58,000, between 57,100 and 58,900", or "at
// least 58,000 (a lower bound: no upper bound can be given)". A lower
// bound is never written as exact, not even when it is 0.
func figureText(l Lang, e Estimate) string {
	v := thousands(e.Value)
	switch {
	case e.Open:
		return l.T("est.open", v)
	case e.IsExact():
		return l.T("est.exact", v)
	case e.Low == e.Value:
		return l.T("est.atmost", v, thousands(e.High))
	}
	return l.T("est.between", v, thousands(e.Low), thousands(e.High))
}

// headlineText explains the figure to report: what is certain, and why the
// bounds are what they are.
func headlineText(l Lang, e Estimate) string {
	switch {
	case e.Open:
		return l.T("head.open", thousands(e.Value))
	case e.IsExact():
		return l.T("head.exact")
	case e.Low == e.Value:
		return l.T("head.atmost", thousands(e.Value), thousands(e.High))
	}
	return l.T("head.between", thousands(e.Low), thousands(e.High))
}

// rowsText is a table's row count, marked when it is an estimate.
func rowsText(r Rows) string {
	if r.Exact {
		return thousands(r.Value)
	}
	return "~" + thousands(r.Value)
}

// ratio writes a confidence such as 0.99 with two decimals.
func ratio(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// percent writes a match rate such as 0.97 as "97%" (one decimal if needed).
func percent(f float64) string {
	s := strconv.FormatFloat(f*100, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + "%"
}

// when writes a time in UTC, or "unknown" for the zero time.
func when(l Lang, t time.Time) string {
	if t.IsZero() {
		return l.T("meta.unknown")
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// took is the scan's duration, or "" when it cannot be told.
func took(sc Scan) string {
	if sc.StartedAt.IsZero() || sc.FinishedAt.Before(sc.StartedAt) {
		return ""
	}
	return sc.FinishedAt.Sub(sc.StartedAt).Round(time.Second).String()
}

// modeText says how the scan read its sources.
func modeText(l Lang, sc Scan) string {
	if sc.Mode == "full" {
		return l.T("meta.mode.full")
	}
	return l.T("meta.mode.sample", thousands(int64(sc.SampleRows)))
}

// errTable names what an error is about: a table, or the whole source.
func errTable(l Lang, e Error) string {
	if e.Table == "" {
		return l.T("t.wholesource")
	}
	return e.Table
}

// notScanned counts errors as readers think of them: "1 table and 1 source".
func notScanned(l Lang, errs []SourceError) string {
	tables, sources := 0, 0
	for _, e := range errs {
		if e.Table == "" {
			sources++
		} else {
			tables++
		}
	}
	var parts []string
	if tables > 0 {
		parts = append(parts, plural(l, tables, "table"))
	}
	if sources > 0 {
		parts = append(parts, plural(l, sources, "source"))
	}
	if len(parts) == 2 {
		return l.T("n.and", parts[0], parts[1])
	}
	return strings.Join(parts, "")
}

// plural is "1 table" or "3 tables" in l; noun is table or source.
func plural(l Lang, n int, noun string) string {
	if n == 1 {
		return l.T("n." + noun + ".one")
	}
	return l.T("n."+noun+".other", thousands(int64(n)))
}

// clean makes text that came from a source safe to show as one line:
// whitespace controls become spaces, other control characters (C0, DEL,
// C1: ESC and NUL among them) and the bidirectional overrides that can
// reorder what a reader sees become U+FFFD. A table name cannot then move
// the cursor, colour or clear a terminal, split a log line or hide text.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			return ' '
		case unicode.IsControl(r),
			r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069',
			r == '\u200e' || r == '\u200f' || r == '\u061c',
			r == '\u2028' || r == '\u2029':
			return '\ufffd'
		}
		return r
	}, s)
}

// Clean is clean for the CLI: text from a source (names, errors) made safe
// to print on a terminal or in a log line.
func Clean(s string) string { return clean(s) }

// howToRead are the short notes at the top of every document report.
var howToRead = []string{"howto.1", "howto.2", "howto.3", "howto.4", "howto.5"}

// methodNotes are the methods section's paragraphs.
var methodNotes = []string{"methods.sampling", "methods.bounds", "methods.identity", "methods.linkage", "methods.hashing"}

// glossary lists the terms a document report shows, each with its meaning.
var glossary = []string{"person", "record", "estimate", "interval", "lower", "tier", "confidence", "matchrate",
	"nameonly", "masked", "kit", "sensitive", "truncated", "ev.column_name", "ev.value_format", "ev.check_digit",
	"ev.dictionary", "ev.row_consistency", "ev.distribution", "ev.free_text", "ev.table_context"}

// quietTables are the tables with no finding, listed together (a report
// does not spend a page on each).
func quietTables(ranked []tableRef) []tableRef {
	var out []tableRef
	for _, t := range ranked {
		if !hasFindings(t.Table) {
			out = append(out, t)
		}
	}
	return out
}

// quietColumns names the columns of t with no finding.
func quietColumns(t *Table) []string {
	var out []string
	for _, c := range t.Columns {
		if len(c.Findings) == 0 {
			out = append(out, c.Name)
		}
	}
	return out
}

// fingerprintText says a source fingerprint in one line.
func fingerprintText(l Lang, f *Fingerprint) string {
	if f == nil {
		return ""
	}
	var parts []string
	if f.SHA256 != "" {
		parts = append(parts, "SHA-256 "+f.SHA256)
	}
	if f.Size > 0 {
		parts = append(parts, l.T("fp.size", thousands(f.Size)))
	}
	if f.ServerVersion != "" {
		parts = append(parts, f.ServerVersion)
	}
	if f.Database != "" {
		parts = append(parts, l.T("fp.db", f.Database))
	}
	if f.TablesDigest != "" {
		parts = append(parts, l.T("fp.tables", plural(l, f.Tables, "table"), f.TablesDigest))
	}
	return strings.Join(parts, "; ")
}
