package connectors

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	const pw = "S3cr3t"
	for _, raw := range []string{
		"postgres://auditor:" + pw + "@10.0.0.5:5432/padron?sslmode=disable",
		"mysql://root:" + pw + "@127.0.0.1:3306/",
		"sqlserver://sa:" + pw + "@db:1433?database=padron",
		"sqlserver://db:1433?database=padron&password=" + pw,
		"sqlserver://db:1433?database=padron&PWD=" + pw,
		"postgres://u:" + pw + "/x#y@host/db",        // not a valid URL
		"sqlservr://db?user=u&password=" + pw + ";x", // a mistyped scheme
	} {
		got := Redact(raw)
		if strings.Contains(got, pw) {
			t.Errorf("Redact(%q) = %q: the password is still there", raw, got)
		}
		if !strings.Contains(got, "xxxxx") {
			t.Errorf("Redact(%q) = %q: nothing marks what was removed", raw, got)
		}
	}
	for _, raw := range []string{"padron.db", "postgres://auditor@10.0.0.5/padron", "/srv/x.sqlite"} {
		if got := Redact(raw); got != raw {
			t.Errorf("Redact(%q) = %q, want it unchanged", raw, got)
		}
	}
}

func TestSecretsAndScrub(t *testing.T) {
	t.Setenv("PGPASSWORD", "from-the-env")
	secrets := Secrets("postgres://u:p%40ss-word@h/db?password=other-one")
	msg := Scrub("failed: p@ss-word, p%40ss-word, other-one, from-the-env", secrets)
	for _, s := range []string{"p@ss-word", "p%40ss-word", "other-one", "from-the-env"} {
		if strings.Contains(msg, s) {
			t.Errorf("Scrub left %q in %q", s, msg)
		}
	}
}
