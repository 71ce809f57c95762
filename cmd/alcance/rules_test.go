package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeRules(t *testing.T, doc string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRulesFlag(t *testing.T) {
	good := writeRules(t, `
rules:
  - id: folio_issemym
    category: health_enrollment
    confidence: 0.93
    values: '^ISM-\d{6}$'
`)
	bad := writeRules(t, "rules:\n  - category: secret_sauce\n    values: x\n")

	code, out, _ := runCLI("detectors", "--rules", good)
	if code != exitOK || !strings.Contains(out, "CUSTOM RULES") || !strings.Contains(out, "folio_issemym — health_enrollment") {
		t.Errorf("detectors --rules: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"detectors", "--rules", bad}, {"scan", "--rules", bad, noFindings(t)},
		{"scan", "--rules", filepath.Join(t.TempDir(), "none.yaml"), noFindings(t)}} {
		code, _, errs := runCLI(args...)
		if code != exitUsage || !strings.Contains(errs, "--rules") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming --rules", args, code, errs)
		}
	}
	if _, _, errs := runCLI("scan", "--rules", bad, noFindings(t)); !strings.Contains(errs, `unknown category "secret_sauce"`) {
		t.Errorf("unclear error: %s", errs)
	}

	// A scan with the rules reports what only they recognise.
	stmts := []string{"CREATE TABLE afiliados (curp TEXT, folio TEXT)"}
	for i, v := range []string{"HEGG560427MVZRRL04", "BEML920313HMCLNS09", "PEGL890909MJCRMS08", "SABC560626MDFLRN01",
		"PEGJ900512HJCRRS04", "AAPR630321HDFLRC09", "EAAF030715MJCSRRA0", "SIXJ851102HNEMXH07", "PXDO700509MVZDMF03",
		"XARA010130HOCNDLA3", "MOSA581201MPLRNN03", "LUTA900214XJCNRL04"} {
		stmts = append(stmts, fmt.Sprintf("INSERT INTO afiliados VALUES ('%s', 'ISM-%06d')", v, 120000+i*7))
	}
	db := sqliteDB(t, stmts...)
	_, plain, _ := runCLI("scan", "--format", "json", db)
	_, custom, _ := runCLI("scan", "--format", "json", "--rules", good, db)
	if strings.Contains(plain, "health_enrollment") || !strings.Contains(custom, "health_enrollment") {
		t.Errorf("health_enrollment without rules: %v, with: %v", strings.Contains(plain, "health_enrollment"),
			strings.Contains(custom, "health_enrollment"))
	}
}
