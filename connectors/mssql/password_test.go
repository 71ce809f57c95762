package mssql

import (
	"context"
	"strings"
	"testing"
)

// The password a login sends: the URL's, else Spec.Password (from
// --password-file or an inventory), else MSSQL_PASSWORD; never printed,
// whichever it is.
func TestPasswordPrecedence(t *testing.T) {
	cases := []struct {
		name, url, spec, env, want string
	}{
		{"URL first", "sqlserver://auditor:De-La-URL@%s?database=d", "Del-Archivo", "Del-Entorno", "De-La-URL"},
		{"URL password= parameter", "sqlserver://%s?database=d&user+id=auditor&password=Del-Parametro", "Del-Archivo", "", "Del-Parametro"},
		{"then the spec", "sqlserver://auditor@%s?database=d", "Del-Archivo", "Del-Entorno", "Del-Archivo"},
		{"then the environment", "sqlserver://auditor@%s?database=d", "", "Del-Entorno", "Del-Entorno"},
		{"none", "sqlserver://auditor@%s?database=d", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newTDSFake(t, loginOK, standardQuery("d", nil))
			t.Setenv(passwordEnv, c.env)
			raw := strings.Replace(c.url, "%s", f.addr(), 1)
			spec, ok, err := opener{}.Parse(raw)
			if err != nil || !ok {
				t.Fatalf("Parse: %v, %v", ok, err)
			}
			spec.Password = c.spec
			src, err := opener{}.Open(context.Background(), spec, quick())
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			logins, _, _, _ := f.snapshot()
			if len(logins) != 1 || logins[0].password != c.want || logins[0].user != "auditor" {
				t.Fatalf("login = %+v, want password %q", logins, c.want)
			}
			if c.want != "" && (strings.Contains(src.Info().Location, c.want) || strings.Contains(spec.Location, c.want)) {
				t.Fatalf("the location shows the password: %s", src.Info().Location)
			}
		})
	}
}

// A login refused with a password from the spec: the error names where
// passwords come from, and never shows it.
func TestSpecPasswordNotPrinted(t *testing.T) {
	const pw = "Archivo-Secreto-9"
	f := newTDSFake(t, func(login7) []byte {
		return cat(tokError(18456, 14, "Login failed for user 'auditor'. Archivo-Secreto-9"), tokDone(doneErr, 0, 0))
	}, standardQuery("d", nil))
	t.Setenv(passwordEnv, "")
	spec, _, err := opener{}.Parse("sqlserver://auditor@" + f.addr() + "?database=d")
	if err != nil {
		t.Fatal(err)
	}
	spec.Password = pw
	_, err = opener{}.Open(context.Background(), spec, quick())
	if err == nil || strings.Contains(err.Error(), pw) || !strings.Contains(err.Error(), "the password file") {
		t.Fatalf("error = %v", err)
	}
}
