package reports

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func doc(t *testing.T, write func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The annex carries every element a notification needs, in both
// languages and both formats: each element named, the measured figures,
// the sensitive categories marked, the fields the officer completes, the
// marks of what the officer must check, and the legal texts.
func TestAnnexElements(t *testing.T) {
	for _, l := range Langs {
		r := sampleIn(l)
		for _, format := range []string{"html", "md"} {
			out := doc(t, func(b *bytes.Buffer) error { return WriteAnnex(b, format, r) })
			want := []string{l.T("annex.title"), l.T("annex.sensitive"), l.T("head.report", "≥58,000"),
				l.T("annex.check.laws")[:40], l.T("annex.check.scope")[:40], l.T("doc.tocomplete"),
				"GDPR Art. 33(3)(a)", "GDPR Art. 33(3)(b)", "GDPR Art. 33(3)(c)", "GDPR Art. 33(3)(d)",
				"LGPDPPSO", "LFPDPPP", "2025",
				// figures: people, minors, older adults, health, identity kits, financial, records
				"9,300", "7,100", "16,100", "35,200", "11,900", "90,800",
				// by source, grouped by institution
				"Secretaría de Bienestar", "41,000", "21,100",
				// incomplete: what could not be scanned
				"public.audit_log"}
			for _, k := range []string{"nature", "categories", "subjects", "subjectcats", "records", "risk",
				"consequences", "recommendations", "measures", "contact"} {
				want = append(want, l.T("annex.el." + k)[:20])
			}
			if format == "md" {
				for i, w := range want {
					want[i] = strings.TrimSpace(mdText(w))
				}
			}
			for _, w := range want {
				if !strings.Contains(out, w) && !strings.Contains(out, strings.ReplaceAll(w, "«", "&#34;")) {
					t.Errorf("annex %s/%s lacks %q", format, l, w)
				}
			}
			if n := strings.Count(out, l.T("doc.tocomplete")); format == "html" && n != 5 {
				t.Errorf("annex %s/%s: %d fields to complete, want 5", format, l, n)
			}
			// Article numbers of the Mexican laws are not cited (not verified).
			for _, bad := range []string{"LGPDPPSO art", "LFPDPPP art", "Artículo 4"} {
				if strings.Contains(out, bad) {
					t.Errorf("annex %s/%s cites %q", format, l, bad)
				}
			}
		}
	}
}

// A report where nothing was found and nothing failed: the sample with its
// findings, failures and warnings removed.
func cleanReport(l Lang) *Report {
	r := sampleIn(l)
	r.Sources = r.Sources[:2]
	for i := range r.Sources {
		s := &r.Sources[i]
		s.Errors, s.Warnings = nil, nil
		var kept []Table
		for _, tb := range s.Tables {
			if !hasFindings(&tb) {
				kept = append(kept, tb)
			}
		}
		s.Tables = kept
	}
	r.Sources[1].Tables = []Table{{Name: "cat_unidades", Rows: Rows{Value: 800, Exact: true}, SampledRows: 800,
		Columns: []Column{{Name: "clave", Type: "TEXT"}}, Exposure: TableExposure{Tier: "none", Categories: []string{}}},
		{Name: "bitacora", Rows: Rows{Value: 2_000_000}, SampledRows: 10000,
			Columns: []Column{{Name: "evento", Type: "TEXT"}}, Exposure: TableExposure{Tier: "none", Categories: []string{}}}}
	return r
}

// The certificate states what was scanned, when and how, the sources'
// fingerprints, the JSON report's SHA-256, and for every table what it
// proves: exactly none when read whole, else the 95% bound.
func TestCertificateElements(t *testing.T) {
	sum := strings.Repeat("d4", 32)
	for _, l := range Langs {
		r := cleanReport(l)
		c := Certificate{Report: r, JSONPath: "cert.json", JSONSHA256: sum, Gate: []string{"any"}}
		for _, format := range []string{"html", "md"} {
			out := doc(t, func(b *bytes.Buffer) error { return WriteCertificate(b, format, c) })
			k, frac := ZeroBound(10000, 2_000_000)
			want := []string{l.T("cert.title"), sum, "cert.json", "2026-01-20 10:00:00 UTC",
				"PostgreSQL 15.8", strings.Repeat("5e", 32), strings.Repeat("c0ffee", 10),
				l.T("cert.allread", "800", l.T("cert.anydata")),
				l.T("cert.sampled", "10,000", pct(frac), thousands(k), l.T("cert.anydata")),
				"cat_municipios", "--fail-on any", l.T("cert.sign")}
			for _, w := range want {
				if format == "md" {
					w = mdText(w)
				}
				if !strings.Contains(out, w) {
					t.Errorf("certificate %s/%s lacks %q", format, l, w)
				}
			}
		}
	}
}

// No certificate for what was not looked at, or where the data remains.
func TestCertificateRefused(t *testing.T) {
	for name, r := range map[string]*Report{
		"findings and errors": sampleIn(Spanish),
		"interrupted":         func() *Report { r := cleanReport(English); r.Scan.Interrupted = true; return r }(),
		"warning":             func() *Report { r := cleanReport(English); r.Sources[0].Warnings = []string{"w"}; return r }(),
		"nothing scanned":     emptyReport(),
	} {
		err := WriteCertificate(&bytes.Buffer{}, "html", Certificate{Report: r, Gate: []string{"any"}})
		if !errors.Is(err, ErrNotCertifiable) {
			t.Errorf("%s: certificate written (%v)", name, err)
		}
	}
	// A gate on some categories certifies those, and lists the rest.
	r := cleanReport(English)
	r.Sources[0].Tables = append(r.Sources[0].Tables, sampleReport().Sources[0].Tables[2]) // pagos: clabe
	c := Certificate{Report: r, JSONPath: "c.json", JSONSHA256: "x", Gate: []string{"curp"}}
	out := doc(t, func(b *bytes.Buffer) error { return WriteCertificate(b, "md", c) })
	if !strings.Contains(out, "pagos") || !strings.Contains(out, English.T("cert.onlysome")[:30]) {
		t.Errorf("a category certificate does not list the other personal data:\n%s", out)
	}
	c.Gate = []string{"clabe"}
	if err := WriteCertificate(&bytes.Buffer{}, "md", c); !errors.Is(err, ErrNotCertifiable) {
		t.Errorf("certified clabe while pagos holds one: %v", err)
	}
}

// ZeroBound: exact for a table read whole, the rule of three for a small
// sample of a large table, and monotone in between.
func TestZeroBound(t *testing.T) {
	if k, f := ZeroBound(100, 100); k != 0 || f != 0 {
		t.Errorf("whole table: %d, %v", k, f)
	}
	k, f := ZeroBound(10000, 100_000_000)
	if f < 2.9/10000 || f > 3.05/10000 {
		t.Errorf("rule of three: %d rows, %v", k, f)
	}
	// A sample of half the table: far tighter than 3/n.
	if k, _ := ZeroBound(500, 1000); k < 3 || k > 5 {
		t.Errorf("half the table: %d", k)
	}
	// Checked by hand: n=1 of 20: P(no hit | K) = (20-K)/20 >= 0.05 gives K = 19.
	if k, _ := ZeroBound(1, 20); k != 19 {
		t.Errorf("n=1 of 20: %d, want 19", k)
	}
	// n=2 of 10: (10-K)(9-K)/90 >= 0.05 holds for K = 7 (0.022 fails at 8): K = 7.
	if k, _ := ZeroBound(2, 10); k != 7 {
		t.Errorf("n=2 of 10: %d, want 7", k)
	}
	for in, want := range map[float64]string{0: "0%", 0.12: "12%", 0.0123: "1.3%", 0.000299: "0.03%", 0.00031: "0.031%", 0.000311: "0.032%"} {
		if got := pct(in); got != want {
			t.Errorf("pct(%v) = %q, want %q", in, got, want)
		}
	}
}

// Names from the source are escaped in the documents too.
func TestDocumentsEscapeHostileText(t *testing.T) {
	r := hostileReport()
	r.Sources[0].Institution = evilTable
	for _, format := range []string{"html", "md"} {
		out := doc(t, func(b *bytes.Buffer) error { return WriteAnnex(b, format, r) })
		if strings.Contains(out, "<script>") || strings.ContainsAny(out, "\x1b\u202e") {
			t.Errorf("annex %s: source text reached it raw", format)
		}
	}
}
