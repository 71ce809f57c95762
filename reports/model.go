// Package reports holds the report model (the JSON contract,
// "alcance.report/v1") and one writer per output format.
//
// The model is the only thing writers see, and it never holds a complete
// personal value: examples arrive already masked by the detector that made
// them. A new format is one new file with one Writer.
package reports

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// Schema is the report format id; it changes only when a promised field does.
const Schema = "alcance.report/v1"

// Report is one scan's result.
type Report struct {
	Schema   string   `json:"schema"`
	Tool     Tool     `json:"tool"`
	Scan     Scan     `json:"scan"`
	Sources  []Source `json:"sources"`
	Exposure Exposure `json:"exposure"`
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Scan says how the scan was run.
type Scan struct {
	Mode       string    `json:"mode"`
	SampleRows int       `json:"sample_rows"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	// FailOn is the --fail-on gate, when one was given.
	FailOn []string `json:"fail_on,omitempty"`
}

// Source is one scanned source.
type Source struct {
	Name     string  `json:"name"`
	Kind     string  `json:"kind"`
	Location string  `json:"location"`
	Tables   []Table `json:"tables"`
	Errors   []Error `json:"errors"`
}

// Error is something that could not be scanned. Table is empty when the
// whole source failed (it could not be opened or listed).
type Error struct {
	Table string `json:"table,omitempty"`
	Error string `json:"error"`
}

// Table is one scanned table.
type Table struct {
	Schema      string        `json:"schema"`
	Name        string        `json:"name"`
	Rows        Rows          `json:"rows"`
	SampledRows int           `json:"sampled_rows"`
	Columns     []Column      `json:"columns"`
	Exposure    TableExposure `json:"exposure"`
}

// QualifiedName is schema.name, or name when there is no schema.
func (t Table) QualifiedName() string {
	if t.Schema == "" {
		return t.Name
	}
	return t.Schema + "." + t.Name
}

// Rows is a table's row count and whether it is exact.
type Rows struct {
	Value int64 `json:"value"`
	Exact bool  `json:"exact"`
}

// Column is one column of a scanned table.
type Column struct {
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Findings []Finding `json:"findings"`
}

// Finding says a column holds one category of personal data.
type Finding struct {
	Category   string   `json:"category"`
	Confidence float64  `json:"confidence"`
	MatchRate  float64  `json:"match_rate"`
	Evidence   []string `json:"evidence"`
	// Examples are masked values; never a complete personal value.
	Examples []string `json:"examples"`
	// NameOnly marks a finding that rests on the column's name (and its
	// table) alone: the values were consistent with it but could not
	// confirm it.
	NameOnly bool `json:"name_only,omitempty"`
}

// Estimate is a count with honest bounds; Low == Value == High when exact.
type Estimate struct {
	Value int64 `json:"value"`
	Low   int64 `json:"low"`
	High  int64 `json:"high"`
}

// Exact is an estimate with no uncertainty.
func Exact(n int64) Estimate { return Estimate{Value: n, Low: n, High: n} }

// IsExact says whether the bounds are closed.
func (e Estimate) IsExact() bool { return e.Low == e.Value && e.High == e.Value }

// Add sums two estimates, bounds included.
func (e Estimate) Add(o Estimate) Estimate {
	return Estimate{Value: e.Value + o.Value, Low: e.Low + o.Low, High: e.High + o.High}
}

// TableExposure is what a table exposes.
type TableExposure struct {
	Records    Estimate            `json:"records"`
	Categories []string            `json:"categories"`
	Tier       string              `json:"tier"`
	ByCategory map[string]Estimate `json:"records_by_category,omitempty"`
	// Method says how the record figures were obtained.
	Method string `json:"method,omitempty"`
}

// Persons is the count of distinct people, with how it was obtained.
type Persons struct {
	Value  int64  `json:"value"`
	Low    int64  `json:"low"`
	High   int64  `json:"high"`
	Method string `json:"method"`
}

// Exposure is the scan-wide summary.
type Exposure struct {
	Persons           Persons             `json:"persons"`
	RecordsByCategory map[string]Estimate `json:"records_by_category"`
	// TablesByTier counts scanned tables per tier id.
	TablesByTier map[string]int `json:"tables_by_tier,omitempty"`
}

// Writer renders a report in one format.
type Writer interface {
	Write(w io.Writer, r *Report) error
}

// Formats maps a format name to its writer. "table" is the stdout summary.
var Formats = map[string]Writer{}

func register(name string, w Writer) { Formats[name] = w }

// FormatForFile picks the format from a file name's extension.
func FormatForFile(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return "json", nil
	case ".html", ".htm":
		return "html", nil
	case ".md", ".markdown":
		return "md", nil
	case ".csv":
		return "csv", nil
	}
	return "", fmt.Errorf("cannot tell the report format of %q: use .json, .html, .md or .csv", path)
}

// Errors lists every error of every source, with its source name.
func (r *Report) Errors() []SourceError {
	var out []SourceError
	for _, s := range r.Sources {
		for _, e := range s.Errors {
			out = append(out, SourceError{Source: s.Name, Error: e})
		}
	}
	return out
}

// SourceError is an Error with the source it belongs to.
type SourceError struct {
	Source string
	Error
}
