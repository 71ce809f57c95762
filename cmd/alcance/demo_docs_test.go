package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/reports"
)

// The annex and the certificate, rendered for the demo's database in both
// languages and both formats, carry every element they promise. The
// certificate covers the demo's tables with no finding (a decommission of
// its catalogues), chosen through an inventory's include patterns.
func TestDemoAnnexAndCertificate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "legacy.db")
	corpus, err := synth.Generate(synth.Config{Seed: 2026, Persons: 600})
	if err != nil {
		t.Fatal(err)
	}
	if err := corpus.WriteSQLite(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(dir, "full.json")
	if code, _, stderr := runCLI("scan", "--quiet", "-o", full, db); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(full)
	rep, err := reports.ReadJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var quiet []string
	for _, tb := range rep.Sources[0].Tables {
		if len(tb.Exposure.Categories) == 0 {
			quiet = append(quiet, `"`+tb.Name+`"`)
		}
	}
	if len(quiet) < 3 {
		t.Fatalf("the demo has %d tables with no finding; the certificate needs some", len(quiet))
	}
	inv := filepath.Join(dir, "inv.yaml")
	os.WriteFile(inv, []byte("sources:\n  - name: catalogos\n    institution: Demo\n    url: "+db+
		"\n    include: ["+strings.Join(quiet, ", ")+"]\n"), 0o600)

	for _, l := range reports.Langs {
		for _, ext := range []string{"html", "md"} {
			annex := filepath.Join(dir, "annex-"+string(l)+"."+ext)
			code, _, stderr := runCLI("scan", "--quiet", "--lang", string(l), "--annex", annex, db)
			if code != exitOK {
				t.Fatalf("annex: exit %d: %s", code, stderr)
			}
			out, _ := os.ReadFile(annex)
			for _, key := range []string{"annex.title", "annex.sec.elements", "annex.sec.categories", "annex.sec.subjects",
				"annex.sec.subjectcats", "annex.sec.records", "annex.sec.risk", "annex.sec.officer", "annex.sensitive",
				"annex.el.nature", "annex.el.consequences", "annex.el.recommendations", "annex.el.measures", "annex.el.contact",
				"doc.tocomplete"} {
				if want := docText(l.T(key), ext); !strings.Contains(string(out), want) {
					t.Errorf("annex %s/%s lacks %s: %q", l, ext, key, want)
				}
			}
			for _, want := range []string{"GDPR Art. 33(3)(a)", "LGPDPPSO", "LFPDPPP", docText(l.T("cat.curp"), ext),
				docText(l.T("cat.health_condition"), ext)} {
				if !strings.Contains(string(out), want) {
					t.Errorf("annex %s/%s lacks %q", l, ext, want)
				}
			}

			cert := filepath.Join(dir, "cert-"+string(l)+"."+ext)
			code, _, stderr = runCLI("scan", "--quiet", "--lang", string(l), "--inventory", inv, "--certificate", cert)
			if code != exitOK {
				t.Fatalf("certificate: exit %d: %s", code, stderr)
			}
			out, _ = os.ReadFile(cert)
			js, _ := os.ReadFile(besideJSON(cert))
			for _, want := range []string{docText(l.T("cert.title"), ext), sha256Hex(js), "SHA-256",
				docText(l.T("cert.sec.what"), ext), docText(l.T("cert.sec.how"), ext), docText(l.T("cert.sec.tables"), ext),
				docText(l.T("cert.sign"), ext), "--fail-on any"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("certificate %s/%s lacks %q", l, ext, want)
				}
			}
			for _, q := range quiet {
				if !strings.Contains(string(out), docText(strings.Trim(q, `"`), ext)) {
					t.Errorf("certificate %s/%s does not cover table %s", l, ext, q)
				}
			}
		}
	}
}

// docText is text as a document of that format writes it.
func docText(s, ext string) string {
	if ext == "md" {
		return reports.MarkdownText(s)
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
