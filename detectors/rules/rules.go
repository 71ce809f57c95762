// Package rules reads custom detection rules: what only an institution
// knows about its own data (its affiliation-number format, the prefix its
// systems give patient columns). A rule file is YAML; each rule names a
// TAXONOMY category and says how to recognise it from column names, from
// values (patterns, keywords, a validator alcance already has), or both,
// with the confidence a full match deserves. The detectors weigh a rule's
// evidence together with their own (detectors.Options.Rules).
//
// Patterns use .NET regular-expression syntax (github.com/dlclark/regexp2),
// so that rules written for .NET-based classifiers carry over; every match
// runs under a timeout, so that a catastrophic pattern costs a rule its
// evidence, never a scan its progress.
package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dlclark/regexp2/v2"
	"go.yaml.in/yaml/v3"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// DefaultTimeout bounds one pattern match when a rule file says nothing.
const DefaultTimeout = 100 * time.Millisecond

// maxTimeout caps what a rule file may ask for: a match is one value.
const maxTimeout = 5 * time.Second

// DefaultMinMatch is the share of a column's values that must carry a rule's
// value evidence for the column to be that category.
const DefaultMinMatch = 0.6

// Rule is one compiled rule.
type Rule struct {
	ID          string
	Description string
	Category    string  // a TAXONOMY id
	Confidence  float64 // of a full match, in (0, 1)
	// MinMatch is the share of values that must match (value rules).
	MinMatch float64
	// Timeout bounds one pattern match.
	Timeout time.Duration

	ColumnPatterns []string // as written, for listings
	ValuePatterns  []string
	Keywords       []string // folded (upper case, no accents)
	Validator      string   // a name from Validators, or ""

	columns []*regexp2.Regexp
	values  []*regexp2.Regexp
	check   func(string) bool
}

// HasNames reports whether the rule looks at column names.
func (r *Rule) HasNames() bool { return len(r.columns) > 0 }

// HasValues reports whether the rule looks at values.
func (r *Rule) HasValues() bool {
	return len(r.values) > 0 || len(r.Keywords) > 0 || r.check != nil
}

// MatchName reports whether a column name matches one of the rule's
// column patterns. A pattern that times out does not match.
func (r *Rule) MatchName(column string) bool {
	for _, re := range r.columns {
		if ok, err := re.MatchString(column); ok && err == nil {
			return true
		}
	}
	return false
}

// MatchValue reports whether a value carries the rule's category: it
// matches a value pattern or holds a keyword (when the rule has either),
// and passes the validator (when it names one). A pattern that times out
// does not match.
func (r *Rule) MatchValue(v string) bool {
	if len(r.values) > 0 || len(r.Keywords) > 0 {
		hit := false
		for _, re := range r.values {
			if ok, err := re.MatchString(v); ok && err == nil {
				hit = true
				break
			}
		}
		if !hit && len(r.Keywords) > 0 {
			f := " " + norm.Fold(v) + " "
			for _, k := range r.Keywords {
				if containsWord(f, k) {
					hit = true
					break
				}
			}
		}
		if !hit {
			return false
		}
	}
	return r.check == nil || r.check(v)
}

// containsWord reports whether the folded, space-padded text f holds the
// keyword k as whole words.
func containsWord(f, k string) bool {
	for i := 0; ; {
		j := strings.Index(f[i:], k)
		if j < 0 {
			return false
		}
		j += i
		before, after := f[j-1], byte(' ')
		if j+len(k) < len(f) {
			after = f[j+len(k)]
		}
		if !isAlnum(before) && !isAlnum(after) {
			return true
		}
		i = j + 1
	}
}

func isAlnum(b byte) bool {
	return 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b >= 0x80
}

// Validators are the checks a rule may name: alcance's own validators,
// with their real algorithms (check digits, dates, state codes).
var Validators = map[string]func(string) bool{
	"curp": func(v string) bool { _, r := validate.ParseCURP(v, time.Now()); return r == validate.OK },
	"rfc": func(v string) bool {
		x, r := validate.ParseRFC(v)
		return r == validate.OK && x.Person
	},
	"rfc_any":     func(v string) bool { _, r := validate.ParseRFC(v); return r == validate.OK },
	"nss":         func(v string) bool { _, r := validate.ParseNSS(v, time.Now()); return r == validate.OK },
	"voter_key":   func(v string) bool { _, r := validate.ParseVoterKey(v, time.Now()); return r == validate.OK },
	"clabe":       func(v string) bool { return validate.ParseCLABE(v) == validate.OK },
	"credit_card": func(v string) bool { _, r := validate.ParseCard(v); return r == validate.OK },
	"email":       func(v string) bool { return validate.ParseEmail(v) == validate.OK },
	"phone":       func(v string) bool { _, r := validate.ParsePhone(v); return r == validate.OK },
	"postal_code": func(v string) bool { _, r := validate.ParsePostalCode(v, false); return r == validate.OK },
	"cie10":       func(v string) bool { _, r := validate.ParseCIE10(v); return r == validate.OK },
	"clues":       func(v string) bool { _, _, r := validate.ParseCLUES(v); return r == validate.OK },
	"luhn": func(v string) bool {
		d := strings.Map(func(r rune) rune {
			if r == ' ' || r == '-' {
				return -1
			}
			return r
		}, strings.TrimSpace(v))
		if len(d) < 2 {
			return false
		}
		for i := 0; i < len(d); i++ {
			if d[i] < '0' || d[i] > '9' {
				return false
			}
		}
		return validate.Luhn(d)
	},
}

// ValidatorNames lists the names Validators knows, sorted.
func ValidatorNames() []string {
	var out []string
	for n := range Validators {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// file is the YAML layout of a rule file.
type file struct {
	Rules []spec `yaml:"rules"`
}

// spec is one rule as written. Patterns and keywords may be a single
// string or a list.
type spec struct {
	ID          string   `yaml:"id"`
	Description string   `yaml:"description"`
	Category    string   `yaml:"category"`
	Confidence  *float64 `yaml:"confidence"`
	ColumnNames strList  `yaml:"column_names"`
	Values      strList  `yaml:"values"`
	Keywords    strList  `yaml:"keywords"`
	Validator   string   `yaml:"validator"`
	MinMatch    *float64 `yaml:"min_match"`
	Timeout     string   `yaml:"timeout"`
}

// strList accepts a YAML string or a sequence of strings.
type strList []string

func (s *strList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*s = []string{n.Value}
		return nil
	case yaml.SequenceNode:
		var l []string
		if err := n.Decode(&l); err != nil {
			return err
		}
		*s = l
		return nil
	}
	return fmt.Errorf("line %d: expected a string or a list of strings", n.Line)
}

// Load reads and compiles a rule file.
func Load(path string) ([]*Rule, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rs, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, nil
}

// Parse compiles the rules of a YAML document. Every mistake is an error
// that names the rule: an unknown category or validator, a pattern that
// does not compile, a confidence outside (0, 1), a rule that looks at
// nothing. Unknown keys are errors too, so that a misspelt field is not
// silently ignored.
func Parse(b []byte) ([]*Rule, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("no rules: the file is empty")
		}
		return nil, fmt.Errorf("not a rule file: %w", err)
	}
	if len(f.Rules) == 0 {
		return nil, errors.New(`no rules: the file needs a "rules:" list`)
	}
	var out []*Rule
	seen := map[string]bool{}
	for i, s := range f.Rules {
		name := s.ID
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
		}
		if s.ID != "" && seen[s.ID] {
			return nil, fmt.Errorf("rule %q: id used twice", s.ID)
		}
		seen[s.ID] = true
		r, err := compile(s, name)
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", name, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func compile(s spec, name string) (*Rule, error) {
	if s.Category == "" {
		return nil, errors.New("no category (a TAXONOMY id, see 'alcance detectors')")
	}
	if _, ok := taxonomy.Lookup(s.Category); !ok {
		var ids []string
		for _, c := range taxonomy.Categories {
			ids = append(ids, c.ID)
		}
		return nil, fmt.Errorf("unknown category %q (TAXONOMY ids: %s)", s.Category, strings.Join(ids, ", "))
	}
	r := &Rule{ID: name, Description: s.Description, Category: s.Category, Confidence: 0.9,
		MinMatch: DefaultMinMatch, Timeout: DefaultTimeout, Validator: s.Validator}
	if s.Confidence != nil {
		if c := *s.Confidence; !(c > 0 && c < 1) {
			return nil, fmt.Errorf("confidence %v: must be between 0 and 1 (exclusive)", c)
		}
		r.Confidence = *s.Confidence
	}
	if s.MinMatch != nil {
		if m := *s.MinMatch; !(m > 0 && m <= 1) {
			return nil, fmt.Errorf("min_match %v: must be in (0, 1]", m)
		}
		r.MinMatch = *s.MinMatch
	}
	if s.Timeout != "" {
		d, err := time.ParseDuration(s.Timeout)
		if err != nil || d <= 0 || d > maxTimeout {
			return nil, fmt.Errorf("timeout %q: must be a duration between 1ms and %s, such as 100ms", s.Timeout, maxTimeout)
		}
		r.Timeout = d
	}
	var err error
	if r.columns, err = compileAll(s.ColumnNames, r.Timeout); err != nil {
		return nil, fmt.Errorf("column_names: %w", err)
	}
	if r.values, err = compileAll(s.Values, r.Timeout); err != nil {
		return nil, fmt.Errorf("values: %w", err)
	}
	r.ColumnPatterns = slices.Clone(s.ColumnNames)
	r.ValuePatterns = slices.Clone(s.Values)
	for _, k := range s.Keywords {
		if f := norm.Fold(k); f != "" {
			r.Keywords = append(r.Keywords, f)
		}
	}
	if s.Validator != "" {
		check, ok := Validators[s.Validator]
		if !ok {
			return nil, fmt.Errorf("unknown validator %q (known: %s)", s.Validator, strings.Join(ValidatorNames(), ", "))
		}
		r.check = check
	}
	if !r.HasNames() && !r.HasValues() {
		return nil, errors.New("looks at nothing: give column_names, values, keywords or a validator")
	}
	return r, nil
}

func compileAll(patterns []string, timeout time.Duration) ([]*regexp2.Regexp, error) {
	var out []*regexp2.Regexp
	for _, p := range patterns {
		if p == "" {
			return nil, errors.New("empty pattern")
		}
		re, err := regexp2.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %v", p, err)
		}
		re.MatchTimeout = timeout
		out = append(out, re)
	}
	return out, nil
}
