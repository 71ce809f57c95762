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
		// Not URLs at all: the Go MySQL DSN, a missing ':', a missing "//".
		"root:" + pw + "@tcp(127.0.0.1:3306)/db",
		"postgres//u:" + pw + "@h/db",
		"mysql:u:" + pw + "@h/x",
		"root:a@" + pw + "@tcp(h:3306)/db",
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

// The malformed arguments a user may type hold passwords too: Secrets
// finds them, so that no message about the argument repeats one.
func TestSecretsOfMalformedArguments(t *testing.T) {
	const pw = "S3cr3t"
	for _, raw := range []string{
		"root:" + pw + "@tcp(127.0.0.1:3306)/db",
		"postgres//u:" + pw + "@h/db",
		"mysql:u:" + pw + "@h/x",
		"postgres://u:" + pw + "/x#y@host/db",
		"sqlservr://db?user=u&pwd=" + pw + ";x",
	} {
		msg := Scrub("cannot open "+raw, Secrets(raw))
		if strings.Contains(msg, pw) {
			t.Errorf("Secrets(%q) misses the password: %q", raw, msg)
		}
	}
	spec := Spec{Raw: "postgres://u@h/db", Password: "from-a-file"}
	if msg := Scrub("failed: from-a-file", spec.Secrets()); strings.Contains(msg, "from-a-file") {
		t.Errorf("Spec.Secrets misses Password: %q", msg)
	}
}
