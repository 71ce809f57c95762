// Package reports holds the report model (the JSON contract,
// "alcance.report/v1") and one writer per output format.
//
// The model is the only thing writers see, and it never holds a complete
// personal value: examples arrive already masked by the detector that made
// them. A new format is one new file with one Writer.
package reports

import (
	"encoding/json"
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
	// Lang is the language of the report's sentences (the figures'
	// method); Localize sets it. Empty means Spanish, the default.
	Lang Lang `json:"lang,omitempty"`
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
	// Interrupted is true when a signal stopped the scan before it was
	// done: the report holds what was finished, and nothing certifies it.
	Interrupted bool `json:"interrupted"`
	// Shard is "I/N" for one part of a sharded scan (--shard); merged
	// reports of every part have none.
	Shard string `json:"shard,omitempty"`
}

// Source is one scanned source.
type Source struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Location string `json:"location"`
	// Institution groups sources that belong to one institution (from an
	// inventory, or given when the scan was run for merging).
	Institution string  `json:"institution,omitempty"`
	Tables      []Table `json:"tables"`
	Errors      []Error `json:"errors"`
	// Links are the links between tables that tie rows to persons.
	Links []Link `json:"links"`
	// Skipped lists files of a folder that are not a source alcance reads.
	Skipped []Skipped `json:"skipped,omitempty"`
	// Warnings are problems that did not stop the scan but limit what it
	// can certify (the login may not see every table).
	Warnings []string `json:"warnings,omitempty"`
	// Exposure holds the person figures of this source alone.
	Exposure *SourceExposure `json:"exposure,omitempty"`
	// Fingerprint identifies the source's state when it was scanned, for
	// the decommission certificate; nil when the connector cannot say.
	Fingerprint *Fingerprint `json:"fingerprint,omitempty"`
}

// Fingerprint identifies what was scanned: a file by its SHA-256 and size;
// a server by its version, the database and a SHA-256 of its table list
// with row counts (TablesDigest over Tables tables).
type Fingerprint struct {
	SHA256        string `json:"sha256,omitempty"`
	Size          int64  `json:"size,omitempty"`
	ServerVersion string `json:"server_version,omitempty"`
	Database      string `json:"database,omitempty"`
	TablesDigest  string `json:"tables_digest,omitempty"`
	Tables        int    `json:"tables,omitempty"`
}

// Link says that the rows of one table belong to the person of the row
// another table's key points at: consultas.id_paciente -> pacientes.id.
// Declared is true for a foreign key the source's catalog declares, false
// for one inferred from names and checked on the values.
type Link struct {
	From     string `json:"from"` // table.column (schema.table.column where there are schemas)
	To       string `json:"to"`
	Declared bool   `json:"declared"`
}

// Skipped is a file in a folder source that is not a source alcance reads.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
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
	// Part says which share of the table's rows this is, when a sharded
	// scan split it across its shards (--shard); merge checks that every
	// part arrived once and that no shard also read it whole.
	Part *TablePart `json:"part,omitempty"`
}

// TablePart is one of Count disjoint shares, from 0, of a table's rows.
type TablePart struct {
	Index int `json:"index"`
	Count int `json:"count"`
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
	// Truncated is true when values of the column were cut at read time
	// to what detection needs.
	Truncated bool `json:"truncated,omitempty"`
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
// Open means there is no upper bound: something that may hold more was
// not read, so Value and Low are lower bounds and the JSON "high" is null.
type Estimate struct {
	Value int64
	Low   int64
	High  int64 // meaningless when Open
	Open  bool
}

// Exact is an estimate with no uncertainty.
func Exact(n int64) Estimate { return Estimate{Value: n, Low: n, High: n} }

// IsExact says whether the bounds are closed and equal to the value.
func (e Estimate) IsExact() bool { return !e.Open && e.Low == e.Value && e.High == e.Value }

// Add sums two estimates, bounds included; the sum is open when either is.
func (e Estimate) Add(o Estimate) Estimate {
	return Estimate{Value: e.Value + o.Value, Low: e.Low + o.Low, High: e.High + o.High, Open: e.Open || o.Open}
}

// Opened returns e without an upper bound.
func (e Estimate) Opened() Estimate { e.Open = true; return e }

// estimateJSON is how an estimate is written: "high" is null when open.
type estimateJSON struct {
	Value int64  `json:"value"`
	Low   int64  `json:"low"`
	High  *int64 `json:"high"`
}

func (e Estimate) toJSON() estimateJSON {
	j := estimateJSON{Value: e.Value, Low: e.Low}
	if !e.Open {
		h := e.High
		j.High = &h
	}
	return j
}

func (j estimateJSON) estimate() Estimate {
	e := Estimate{Value: j.Value, Low: j.Low, Open: j.High == nil}
	if j.High != nil {
		e.High = *j.High
	}
	return e
}

func (e Estimate) MarshalJSON() ([]byte, error) { return json.Marshal(e.toJSON()) }

func (e *Estimate) UnmarshalJSON(b []byte) error {
	var j estimateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = j.estimate()
	return nil
}

// TableExposure is what a table exposes.
type TableExposure struct {
	Records    Estimate            `json:"records"`
	Categories []string            `json:"categories"`
	Tier       string              `json:"tier"`
	ByCategory map[string]Estimate `json:"records_by_category,omitempty"`
	// Method says how the record figures were obtained; MethodID says it
	// language-neutrally (records.sample, records.complete,
	// records.columns_full, records.identity_full).
	Method   string `json:"method,omitempty"`
	MethodID string `json:"method_id,omitempty"`
}

// Figure is a count of distinct people with honest bounds and how it was
// obtained: MethodID is a language-neutral id, Method says it in a
// sentence in the report's language.
type Figure struct {
	Estimate
	MethodID string
	Method   string
}

type figureJSON struct {
	estimateJSON
	MethodID string `json:"method_id"`
	Method   string `json:"method"`
}

func (f Figure) MarshalJSON() ([]byte, error) {
	return json.Marshal(figureJSON{f.Estimate.toJSON(), f.MethodID, f.Method})
}

func (f *Figure) UnmarshalJSON(b []byte) error {
	var j figureJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*f = Figure{Estimate: j.estimateJSON.estimate(), MethodID: j.MethodID, Method: j.Method}
	return nil
}

// Figures are the person figures of docs/contract.md (Exposure), for the
// whole report or for one source.
type Figures struct {
	Persons           Figure `json:"persons"`
	PersonsWithHealth Figure `json:"persons_with_health"`
	Minors            Figure `json:"minors"`
	OlderAdults       Figure `json:"older_adults"`
	IdentityKit       Figure `json:"identity_kit"`
	Financial         Figure `json:"financial"`
}

// SourceExposure is what one source exposes, in persons.
type SourceExposure struct {
	Figures
}

// PersonsFile names the file --persons-out wrote, for merge: its path
// (relative to the report's folder when it was written beside it), its
// SHA-256 and the fingerprint of the key its hashes were made with.
type PersonsFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	KeyID  string `json:"key_id"`
}

// Exposure is the scan-wide summary.
type Exposure struct {
	Figures
	// PersonsInSeveralSources counts persons found in two or more sources.
	PersonsInSeveralSources Figure              `json:"persons_in_several_sources"`
	RecordsByCategory       map[string]Estimate `json:"records_by_category"`
	// TablesByTier counts scanned tables per tier id.
	TablesByTier map[string]int `json:"tables_by_tier,omitempty"`
	// KeyID is the fingerprint of the key the person hashes were made with
	// (never the key): reports made with one key can be merged.
	KeyID       string       `json:"key_id,omitempty"`
	PersonsFile *PersonsFile `json:"persons_file,omitempty"`
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
