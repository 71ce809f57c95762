package reports

import (
	"bytes"
	"strings"
	"testing"
)

func TestJSONGolden(t *testing.T) {
	golden(t, "report.json", render(t, "json", sampleIn(Spanish)))
}

// A saved report must come back as the same report: later commands
// (report, diff, merge) render and compare what ReadJSON returns.
func TestReadJSONRoundTrip(t *testing.T) {
	first := render(t, "json", sampleReport())
	r, err := ReadJSON(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if again := render(t, "json", r); !bytes.Equal(first, again) {
		t.Errorf("writing what ReadJSON read gives a different document:\n%s", again)
	}
	want := sampleReport()
	if !r.Scan.StartedAt.Equal(want.Scan.StartedAt) || r.Exposure.Persons != want.Exposure.Persons ||
		r.Sources[0].Tables[1].Columns[0].Findings[0].Examples[0] != "GOMC******HDFRRL0*" {
		t.Errorf("fields lost in the round trip: %+v", r)
	}
}

// A document of another schema, or no report at all, must be refused with a
// message that says why, not half-read.
func TestReadJSONRejects(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`{"schema": "alcance.report/v2", "sources": []}`, `unsupported report schema "alcance.report/v2"`},
		{`{"schema": "alcance.report/v2", "sources": 7}`, `unsupported report schema`}, // schema first, not a type error
		{`{"sources": []}`, `no "schema" field`},
		{`{"schema": 1}`, `not an alcance report`},
		{`null`, `no "schema" field`},
		{`[1, 2]`, `not an alcance report`},
		{`{"schema": "alcance.report/v1"} {}`, `unexpected data after`},
		{`{"schema": "alcance.report/v1", "sources": 7}`, `reading report`},
		{`not json`, `reading report`},
		{``, `reading report`},
	} {
		r, err := ReadJSON(strings.NewReader(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadJSON(%q) = %v, %v; want an error containing %q", c.doc, r, err, c.want)
		}
	}
}

// Scripts iterate .sources[].tables[] and .errors[]: a list the model
// left nil must be [], never null. The caller's report must not change.
func TestJSONListsAreNeverNull(t *testing.T) {
	r := failedReport()
	r.Schema = ""
	out := string(render(t, "json", r))
	for _, want := range []string{`"schema": "alcance.report/v1"`, `"tables": []`, `"records_by_category": {}`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in\n%s", want, out)
		}
	}
	if strings.Contains(out, "null") {
		t.Errorf("null in\n%s", out)
	}
	if r.Schema != "" || r.Sources[0].Tables != nil || r.Exposure.RecordsByCategory != nil {
		t.Errorf("the writer changed the caller's report: %+v", r)
	}
}
