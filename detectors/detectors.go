// Package detectors classifies the columns of one table: which categories
// of personal data (docs/taxonomy.md) each column holds, with what
// confidence, and which sampled rows carry them.
//
// Three kinds of evidence are combined (score.go):
//   - the column's name, matched against the vocabulary of Mexican
//     government systems (package vocab);
//   - its values, checked by real validators (package validate: check
//     digits, calendar dates, state codes) and dictionaries (package dict);
//   - rows: in each sampled row a CURP encodes a birthdate, sex, birth state
//     and letters of the name, so the other columns of the same row confirm
//     the CURP column and reveal what meaningless-named columns hold.
//
// A detector never opens a connection: it sees values only. Complete values
// stay inside Classify; they leave it only as masked examples.
package detectors

import (
	"time"

	"github.com/alcance-mx/alcance/detectors/rules"
	"github.com/alcance-mx/alcance/taxonomy"
)

// Column is one column of a table, with its sampled values. Values[i]
// belongs to sampled row i; "" is a NULL or an empty value.
type Column struct {
	Name   string
	Type   string // the declared type, as the source spells it
	Kind   Kind
	Values []string
}

// Kind is the storage kind of a column, when the source knows it.
type Kind int

const (
	KindText Kind = iota
	KindInteger
	KindDecimal
	KindDate
	KindTimestamp
	KindOther
)

// Table is what a detector sees: a name for context and sampled columns of
// equal length.
type Table struct {
	Name    string
	Columns []Column
}

// Rows is the number of sampled rows.
func (t Table) Rows() int {
	if len(t.Columns) == 0 {
		return 0
	}
	return len(t.Columns[0].Values)
}

// Options tune a classification.
type Options struct {
	// Today is the reference day for ages and impossible future dates; the
	// zero value means now.
	Today time.Time
	// Rules are custom rules weighed with the built-in detectors
	// (custom.go).
	Rules []*rules.Rule
}

// Evidence ids, as they appear in reports.
const (
	EvColumnName     = "column_name"     // the column's name says so
	EvValueFormat    = "value_format"    // values have the category's structure
	EvCheckDigit     = "check_digit"     // values pass the identifier's check digit
	EvDictionary     = "dictionary"      // values are words of a reference list (names, codes)
	EvRowConsistency = "row_consistency" // values agree with a CURP in the same row
	EvDistribution   = "distribution"    // the values' spread fits the category (ages of birthdates)
	EvFreeText       = "free_text"       // found inside sentences of a free-text column
	EvTableContext   = "table_context"   // other columns of the table make it plausible
)

// Finding says one column holds one category.
type Finding struct {
	Category   string
	Confidence float64 // 0..1; see score.go for how it is made
	// MatchRate is the share of the column's non-empty sampled values that
	// carry the category.
	MatchRate float64
	Evidence  []string
	// Examples are masked; never a complete value.
	Examples []string
	// NameOnly marks a finding that rests on the column name alone: the
	// values were consistent with it but could not confirm it.
	NameOnly bool
	// Rows marks the sampled rows whose value carries the category.
	Rows Bitset
	// Embedded marks a finding inside the fields of records a column holds
	// (JSON, delimited text), not in the column's value as a whole.
	Embedded bool
}

// Result is the classification of one table.
type Result struct {
	// Findings[c] are the findings of column c, in taxonomy order.
	Findings [][]Finding
	// Rows is the number of sampled rows.
	Rows int
	// PersonKey is true when a column points at a person identified
	// elsewhere (id_paciente, id_beneficiario): the table's data is linked
	// to that person even without a name or identifier of its own.
	PersonKey bool
}

// CategoryRows returns, per category, the sampled rows that carry it in
// any column: the basis of record counts.
func (r Result) CategoryRows() map[string]Bitset {
	out := map[string]Bitset{}
	for _, fs := range r.Findings {
		for _, f := range fs {
			b, ok := out[f.Category]
			if !ok {
				b = NewBitset(r.Rows)
				out[f.Category] = b
			}
			b.Or(f.Rows)
		}
	}
	return out
}

// AnyRows returns the sampled rows that carry any category.
func (r Result) AnyRows() Bitset {
	b := NewBitset(r.Rows)
	for _, fs := range r.Findings {
		for _, f := range fs {
			b.Or(f.Rows)
		}
	}
	return b
}

// Categories lists the categories found in the table, in taxonomy order.
func (r Result) Categories() []string {
	seen := map[string]bool{}
	for _, fs := range r.Findings {
		for _, f := range fs {
			seen[f.Category] = true
		}
	}
	var out []string
	for _, c := range taxonomy.Categories {
		if seen[c.ID] {
			out = append(out, c.ID)
		}
	}
	return out
}

// ReportThreshold is the lowest confidence reported as a finding.
const ReportThreshold = 0.5

// NameOnlyCap is the highest confidence of a finding no value confirms.
const NameOnlyCap = 0.8
