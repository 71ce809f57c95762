package rules

import (
	"strings"
	"testing"
	"time"
)

const sample = `
rules:
  - id: folio_issemym
    description: affiliation numbers of the state workers' health institute
    category: health_enrollment
    confidence: 0.92
    column_names: ['(?i)^(num_)?afil_issemym$', '(?i)issemym']
    values: '^ISM-\d{6}(?<!000000)$'
    min_match: 0.7
  - id: curp_in_login
    category: curp
    keywords: [CURP]
    validator: curp
  - id: names_by_column
    category: person_name
    column_names: '(?i)^nom_benef_\d+$'
`

func TestParse(t *testing.T) {
	rs, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d rules, want 3", len(rs))
	}
	r := rs[0]
	if r.Category != "health_enrollment" || r.Confidence != 0.92 || r.MinMatch != 0.7 || r.Timeout != DefaultTimeout {
		t.Errorf("rule 0 parsed as %+v", r)
	}
	for _, n := range []string{"AFIL_ISSEMYM", "num_afil_issemym", "folio_ISSEMYM_2"} {
		if !r.MatchName(n) {
			t.Errorf("%s: name not matched", n)
		}
	}
	if r.MatchName("afiliacion") {
		t.Error("afiliacion matched")
	}
	// .NET syntax (a lookbehind) carries over.
	for v, want := range map[string]bool{"ISM-123456": true, "ISM-000000": false, "ISM-12345": false, "xISM-123456": false} {
		if got := r.MatchValue(v); got != want {
			t.Errorf("MatchValue(%q) = %v, want %v", v, got, want)
		}
	}
	// Keyword and validator: both must hold.
	k := rs[1]
	if !k.MatchValue("curp: GOMC800101HDFRRL09 ") && k.MatchValue("x") {
		t.Error("keyword rule")
	}
	if k.MatchValue("CURP GOMC800101HDFRRL00") {
		t.Error("a CURP with a wrong check digit passed the validator")
	}
	if !rs[2].HasNames() || rs[2].HasValues() || !rs[2].MatchName("NOM_BENEF_2") {
		t.Error("names-only rule")
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{``, "empty"},
		{`rules: []`, "no rules"},
		{"rules:\n  - category: secret_sauce\n    values: x", `unknown category "secret_sauce"`},
		{"rules:\n  - values: x", "no category"},
		{"rules:\n  - category: curp\n    values: '(unclosed'", "pattern"},
		{"rules:\n  - category: curp\n    validator: magic", `unknown validator "magic"`},
		{"rules:\n  - category: curp\n    values: x\n    confidence: 1.5", "confidence"},
		{"rules:\n  - category: curp", "looks at nothing"},
		{"rules:\n  - category: curp\n    valeus: x", "not a rule file"},
		{"rules:\n  - id: a\n    category: curp\n    values: x\n  - id: a\n    category: rfc\n    values: y", "twice"},
		{"rules:\n  - category: curp\n    values: x\n    timeout: forever", "timeout"},
	} {
		_, err := Parse([]byte(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one containing %q", c.doc, err, c.want)
		}
	}
}

func TestTimeoutBoundsCatastrophicPattern(t *testing.T) {
	rs, err := Parse([]byte("rules:\n  - category: curp\n    values: '^(a+)+$'\n    timeout: 20ms"))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if rs[0].MatchValue(strings.Repeat("a", 40) + "!") {
		t.Error("matched")
	}
	// The bound is the timeout, not the pattern's exponential cost; the
	// generous margin keeps a loaded machine from failing the test.
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("match took %s", d)
	}
}

func TestValidatorsKnown(t *testing.T) {
	for _, n := range ValidatorNames() {
		if Validators[n]("") {
			t.Errorf("validator %s accepts the empty string", n)
		}
	}
	if !Validators["luhn"]("4111 1111 1111 1111") || Validators["luhn"]("4111 1111 1111 1112") {
		t.Error("luhn")
	}
}
