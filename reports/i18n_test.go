package reports

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every catalogue entry is said in every language.
func TestCatalogueComplete(t *testing.T) {
	for key, e := range catalog {
		if strings.TrimSpace(e.en) == "" || strings.TrimSpace(e.es) == "" {
			t.Errorf("%q lacks a translation: en %q, es %q", key, e.en, e.es)
		}
		if strings.Count(e.en, "%") != strings.Count(e.es, "%") {
			t.Errorf("%q: the languages take different arguments: %q, %q", key, e.en, e.es)
		}
	}
	for _, p := range MethodParts {
		if !has("method." + p) {
			t.Errorf("method part %q has no catalogue entry", p)
		}
	}
}

// keyUse finds catalogue keys written literally in Go code (.T("key") and
// the keys passed to helpers) and templates ({{.L.T "key"}}).
var keyUse = regexp.MustCompile(`\.T\(\s*"([a-z][a-z0-9_.]*)"|T "([a-z][a-z0-9_.]*)"|"((?:head|sec|col|t|meta|howto|methods|est|n|cert|annex|doc|diff|out|fp)\.[a-z0-9_.]+)"`)

// Every key the code names exists: a string never renders as ‹key›.
func TestCatalogueKeysUsedExist(t *testing.T) {
	var files []string
	for _, dir := range []string{".", "../cmd/alcance"} {
		for _, pat := range []string{"*.go", "*.tmpl"} {
			m, _ := filepath.Glob(filepath.Join(dir, pat))
			files = append(files, m...)
		}
	}
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "i18n.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2] + m[3]
			found++
			if !has(key) && !strings.HasSuffix(key, ".") && !strings.HasSuffix(key, ".html") {
				t.Errorf("%s uses %q, which the catalogue lacks", f, key)
			}
		}
	}
	if found < 100 {
		t.Errorf("only %d catalogue keys found in the code; is the pattern right?", found)
	}
}

// Every human format, the annex and the certificate render in both
// languages without a missing entry, and say the headline in the
// language asked for.
func TestEveryFormatInEveryLanguage(t *testing.T) {
	for _, l := range Langs {
		for _, r := range []*Report{sampleIn(l), localized(interruptedReport(), l), localized(hostileReport(), l),
			localized(emptyReport(), l), localized(failedReport(), l)} {
			for name := range Formats {
				out := string(render(t, name, r))
				if strings.Contains(out, "‹") {
					t.Errorf("%s/%s: a catalogue entry is missing: %s", name, l, out[strings.Index(out, "‹"):][:40])
				}
			}
		}
		r := sampleIn(l)
		for _, f := range []string{"table", "md", "html"} {
			if want := l.T("head.report", "≥58,000"); !strings.Contains(string(render(t, f, r)), want) {
				t.Errorf("%s/%s lacks the headline %q", f, l, want)
			}
		}
	}
}

// Localize says every figure's method in the report's language, from its
// method_id; the JSON keeps method_id as it is.
func TestLocalize(t *testing.T) {
	r := sampleReport()
	Localize(r, Spanish)
	if got := r.Exposure.Persons.Method; !strings.HasPrefix(got, "personas distintas") || !strings.Contains(got, "sin cota superior") {
		t.Errorf("Spanish method = %q", got)
	}
	if got := r.Sources[1].Exposure.Minors.Method; got != Spanish.T("method.minors") {
		t.Errorf("per-source method = %q", got)
	}
	Localize(r, English)
	if got := r.Exposure.Persons.Method; !strings.HasPrefix(got, "distinct people") {
		t.Errorf("English method = %q", got)
	}
	if r.Exposure.Persons.MethodID != "persons.identity+high.names+open.not_scanned" {
		t.Errorf("method_id changed: %q", r.Exposure.Persons.MethodID)
	}
	if got := MethodIn(English, "minors+no.such.part"); got != English.T("method.minors")+"; no.such.part" {
		t.Errorf("an unknown part is dropped: %q", got)
	}
	if _, err := ParseLang("fr"); err == nil {
		t.Error("ParseLang accepts fr")
	}
	if l, err := ParseLang(" EN "); err != nil || l != English {
		t.Errorf("ParseLang(EN) = %q, %v", l, err)
	}
}
