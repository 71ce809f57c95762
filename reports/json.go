package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

func init() { register("json", JSONWriter{}) }

// JSONWriter writes the model exactly as tagged, indented, in the model's
// order (the JSON contract, docs/contract.md). Lists the model leaves nil
// are written as [] and records_by_category as {}, so scripts can iterate
// `.sources[].errors[]` without guarding against null.
type JSONWriter struct{}

func (JSONWriter) Write(w io.Writer, r *Report) error {
	b, err := json.MarshalIndent(withEmptyLists(r), "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// withEmptyLists copies r, setting the schema when the caller left it out
// and replacing nil lists with empty ones. The caller's report is unchanged.
func withEmptyLists(r *Report) *Report {
	c := *r
	if c.Schema == "" {
		c.Schema = Schema
	}
	c.Sources = nonNil(r.Sources)
	for i := range c.Sources {
		s := &c.Sources[i]
		s.Errors = nonNil(s.Errors)
		s.Links = nonNil(s.Links)
		s.Tables = nonNil(s.Tables)
		for j := range s.Tables {
			t := &s.Tables[j]
			t.Exposure.Categories = nonNil(t.Exposure.Categories)
			t.Columns = nonNil(t.Columns)
			for k := range t.Columns {
				col := &t.Columns[k]
				col.Findings = nonNil(col.Findings)
				for l := range col.Findings {
					f := &col.Findings[l]
					f.Evidence = nonNil(f.Evidence)
					f.Examples = nonNil(f.Examples)
				}
			}
		}
	}
	if c.Exposure.RecordsByCategory == nil {
		c.Exposure.RecordsByCategory = map[string]Estimate{}
	}
	return &c
}

// nonNil returns a copy of s that is never nil, so edits to the copy do not
// reach the caller's report.
func nonNil[T any](s []T) []T { return append(make([]T, 0, len(s)), s...) }

// ReadJSON reads a saved report. It rejects a document whose schema is not
// Schema, before looking at anything else, so a report from another version
// fails with a message that says so rather than a type error.
func ReadJSON(r io.Reader) (*Report, error) {
	dec := json.NewDecoder(r)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("reading report: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("reading report: unexpected data after the JSON document")
	}
	var head struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fmt.Errorf("not an alcance report (want schema %q): %w", Schema, err)
	}
	if head.Schema == nil {
		return nil, fmt.Errorf("not an alcance report: no \"schema\" field (want %q)", Schema)
	}
	if *head.Schema != Schema {
		return nil, fmt.Errorf("unsupported report schema %q: this alcance reads %q", *head.Schema, Schema)
	}
	var rep Report
	if err := json.Unmarshal(raw, &rep); err != nil {
		return nil, fmt.Errorf("reading report: %w", err)
	}
	return &rep, nil
}
