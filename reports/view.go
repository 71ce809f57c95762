package reports

// What the human-readable writers (table, md, html) show, computed once from
// the model, and the number and text helpers they share. The machine formats
// (json, csv) write the model as it is.

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
// per category in taxonomy order, tables most serious first, and errors.
type summary struct {
	Persons            Estimate
	PersonsMethod      string
	Records            Estimate // the tables' records added up, bounds too
	Sources            int
	Tables             int
	TablesWithFindings int
	Categories         []categoryRow
	Ranked             []tableRef
	Errors             []SourceError
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
	p := r.Exposure.Persons
	s := summary{
		Persons:       p.Estimate,
		PersonsMethod: p.Method,
		Sources:       len(r.Sources),
		Categories:    categoryRows(r.Exposure.RecordsByCategory),
		Ranked:        rankedTables(r),
		Errors:        r.Errors(),
	}
	for _, t := range s.Ranked {
		s.Tables++
		s.Records = s.Records.Add(t.Table.Exposure.Records)
		if hasFindings(t.Table) {
			s.TablesWithFindings++
		}
	}
	return s
}

// categoryRows lists the categories present in m in taxonomy order; ids the
// taxonomy does not know (there should be none) follow, by id, not dropped.
func categoryRows(m map[string]Estimate) []categoryRow {
	var rows []categoryRow
	for _, c := range taxonomy.Categories {
		if e, ok := m[c.ID]; ok {
			rows = append(rows, categoryRow{c.ID, c.Label, c.Class, e})
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

// tierMeaning is the one-line meaning of each tier id (docs/taxonomy.md).
var tierMeaning = map[string]string{
	taxonomy.TierCritical: "an official identifier or a person's name together with sensitive data",
	taxonomy.TierHigh:     "an official identifier or financial data; or sensitive data about people without identifiers",
	taxonomy.TierMedium:   "a person's name together with birthdate, address, phone or e-mail",
	taxonomy.TierLow:      "contact or address data alone",
	taxonomy.TierNone:     "no finding",
}

func meaningOf(tier string) string {
	if m, ok := tierMeaning[tier]; ok {
		return m
	}
	return "a tier this version of alcance does not know"
}

// label is a category's human label, or its id when the taxonomy lacks it.
func label(id string) string {
	if c, ok := taxonomy.Lookup(id); ok {
		return c.Label
	}
	return id
}

// thousands writes n with comma thousands separators: 58000 gives "58,000".
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

// approx is the value, with "~" in front when it is an estimate.
func approx(e Estimate) string {
	if e.IsExact() {
		return thousands(e.Value)
	}
	return "~" + thousands(e.Value)
}

// bounds is "low–high" (the 95% interval).
func bounds(e Estimate) string { return thousands(e.Low) + "–" + thousands(e.High) }

// estimateText is "58,000" when exact, else "~58,000 (95%: 57,100–58,900)".
func estimateText(e Estimate) string {
	if e.IsExact() {
		return thousands(e.Value)
	}
	return approx(e) + " (95%: " + bounds(e) + ")"
}

// personsText is the headline figure with how it was obtained. Its bounds
// are not a 95% interval but what is certain: the distinct identifiers
// counted, and at most that many more people as rows that name someone
// without one.
func personsText(s summary) string {
	text := personsFigure(s.Persons)
	if s.PersonsMethod != "" {
		text += " (" + s.PersonsMethod + ")"
	}
	return text
}

// personsFigure is "58,000", "at least 58,000, at most 61,200", or
// "58,000 (between 57,100 and 58,900)".
func personsFigure(e Estimate) string {
	switch {
	case e.IsExact():
		return thousands(e.Value) + ", exact"
	case e.Low == e.Value:
		return "at least " + thousands(e.Value) + ", at most " + thousands(e.High)
	}
	return "~" + thousands(e.Value) + ", between " + thousands(e.Low) + " and " + thousands(e.High)
}

// rowsText is a table's row count, marked when it is an estimate.
func rowsText(r Rows) string {
	if r.Exact {
		return thousands(r.Value)
	}
	return "~" + thousands(r.Value)
}

// ratio writes a confidence such as 0.99 with at most two decimals.
func ratio(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// percent writes a match rate such as 0.97 as "97%" (one decimal if needed).
func percent(f float64) string {
	s := strconv.FormatFloat(f*100, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + "%"
}

// when writes a time in UTC, or "unknown" for the zero time.
func when(t time.Time) string {
	if t.IsZero() {
		return "unknown"
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

// errTable names what an error is about: a table, or the whole source.
func errTable(e Error) string {
	if e.Table == "" {
		return "(whole source)"
	}
	return e.Table
}

// notScanned counts errors as readers think of them: "1 table and 1 source".
func notScanned(errs []SourceError) string {
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
		parts = append(parts, plural(tables, "table", "tables"))
	}
	if sources > 0 {
		parts = append(parts, plural(sources, "source", "sources"))
	}
	return strings.Join(parts, " and ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(int64(n)) + " " + many
}

// clean makes text that came from a source safe to show as one line:
// whitespace controls become spaces, other control characters and the
// bidirectional overrides that can reorder what a reader sees become U+FFFD.
// A table name cannot then move the cursor, colour a terminal or hide text.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			return ' '
		case unicode.IsControl(r),
			r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069',
			r == '\u200e' || r == '\u200f' || r == '\u061c':
			return '\ufffd'
		}
		return r
	}, s)
}

// howToRead is the short note every document report ends with.
var howToRead = []string{
	"Figures marked ~ are estimates; the others are exact. In sample mode alcance classifies " +
		"a random sample of rows per table and scales up; identifier columns can still be read " +
		"in full, which makes the persons count exact. In full mode every figure is exact.",
	"Bounds are 95% intervals: the true figure lies between them with 95% confidence. Totals " +
		"add up the bounds of their parts, which makes them wider (more cautious) than 95%.",
	"Records are rows holding personal data; one person can appear in many records and " +
		"tables. Persons counts distinct people, and says how.",
	"Examples are masked where they were read, by the detector that recognised them: they " +
		"show the shape of a value, never a complete personal value.",
	"What could not be scanned is listed as such: no finding there does not mean no personal data.",
}
