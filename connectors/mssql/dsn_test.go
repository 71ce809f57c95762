package mssql

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/microsoft/go-mssqldb/msdsn"

	"github.com/alcance-mx/alcance/connectors"
)

func TestParse(t *testing.T) {
	cases := []struct {
		raw      string
		ok       bool
		bad      bool // ours, but malformed
		location string
		name     string
	}{
		{raw: "sqlserver://user:pass@host:1433?database=db", ok: true,
			location: "sqlserver://user@host:1433?database=db", name: "db"},
		{raw: "sqlserver://auditor@10.0.0.5:1433?database=padron", ok: true,
			location: "sqlserver://auditor@10.0.0.5:1433?database=padron", name: "padron"},
		{raw: "SQLServer://u:p@h?database=Padrón%20Único", ok: true,
			location: "sqlserver://u@h?database=Padr%C3%B3n+%C3%9Anico", name: "Padrón Único"},
		{raw: "sqlserver://u@h/SQLEXPRESS?database=d", ok: true,
			location: "sqlserver://u@h/SQLEXPRESS?database=d", name: "d"},
		{raw: "sqlserver://h:1433?database=d&user%20id=u&password=secreto&encrypt=true", ok: true,
			location: "sqlserver://h:1433?database=d&encrypt=true&user+id=u", name: "d"},
		{raw: "sqlserver://u:p%40ss%2Fw%3Fd%23@h?database=d&ApplicationIntent=readonly&App+Name=alcance", ok: true,
			location: "sqlserver://u@h?app+name=alcance&applicationintent=readonly&database=d", name: "d"},
		{raw: "sqlserver://DOMINIO%5Cauditor:pw@h?database=d", ok: true,
			location: `sqlserver://DOMINIO%5Cauditor@h?database=d`, name: "d"},
		{raw: "sqlserver://[::1]:1433?database=d", ok: true,
			location: "sqlserver://[::1]:1433?database=d", name: "d"},
		// not ours
		{raw: "postgres://u:p@h/db"},
		{raw: "mysql://u:p@h/db"},
		{raw: "mssql://u@h?database=d"},
		{raw: "sqlserver:h"},
		{raw: "/srv/padron.db"},
		{raw: ""},
		// ours, malformed
		{raw: "sqlserver://", bad: true},
		{raw: "sqlserver://u:p@h:1433", bad: true},                            // no database
		{raw: "sqlserver://u:p@h?database=", bad: true},                       // empty database
		{raw: "sqlserver://u:p@h:99999?database=d", bad: true},                // port
		{raw: "sqlserver://u:p@h:abc?database=d", bad: true},                  // port
		{raw: "sqlserver://u:p@h?database=d&readonly=true", bad: true},        // unknown parameter
		{raw: "sqlserver://u:p@h?database=d&change+password=x", bad: true},    // a write
		{raw: "sqlserver://u:p@h?database=d&log=63", bad: true},               // logs row values
		{raw: "sqlserver://u:p@h?database=d&connection+timeout=5", bad: true}, // ours to set
		{raw: "sqlserver://u:p@h?database=d&dial+timeout=5", bad: true},
		{raw: "sqlserver://u:p@h?database=d&timezone=America/Mexico_City", bad: true},
		{raw: "sqlserver://u:p@h?database=d&app+name=other", bad: true},
		{raw: "sqlserver://u:p@h?database=d&ApplicationIntent=ReadWrite", bad: true},
		{raw: "sqlserver://u:p@h?database=d&protocol=admin", bad: true}, // the DAC
		{raw: "sqlserver://u:p@h?database=d&encrypt=maybe", bad: true},  // the driver refuses it
		{raw: "sqlserver://u:p@h?database=d&database=e", bad: true},
		{raw: "sqlserver://u:p@h?database=d&Database=e", bad: true},
		{raw: "sqlserver://u:p@h?database=d&password=q", bad: true}, // two passwords
		{raw: "sqlserver://u@h?database=d&user+id=v", bad: true},    // two users
		{raw: "sqlserver://u:p@h/a/b?database=d", bad: true},
		{raw: "sqlserver://u:p#w@h?database=d", bad: true}, // an unescaped '#'
	}
	for _, c := range cases {
		spec, ok, err := opener{}.Parse(c.raw)
		if c.bad {
			if err == nil {
				t.Errorf("Parse(%q): want an error, got ok=%v %+v", c.raw, ok, spec)
			}
			continue
		}
		if err != nil || ok != c.ok {
			t.Errorf("Parse(%q) = ok %v, err %v; want ok %v", c.raw, ok, err, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if spec.Location != c.location || spec.Name != c.name || spec.Raw != c.raw || spec.Kind != kindName {
			t.Errorf("Parse(%q) = %+v; want location %q, name %q", c.raw, spec, c.location, c.name)
		}
	}
}

// Passwords with every character a URL treats specially, given in every
// way the source accepts: neither the location nor any parse error may
// contain them.
func TestPasswordNeverPrinted(t *testing.T) {
	passwords := []string{"Secreto-123", "p@ss:w/rd?#&=%", "contraseña Ñ", "a+b c", `x"y'z`}
	for _, pw := range passwords {
		forms := []string{
			"sqlserver://auditor:" + url.QueryEscape(pw) + "@host:1433?database=d",
			"sqlserver://auditor:" + url.PathEscape(pw) + "@host:1433?database=d",
			"sqlserver://host:1433?database=d&user+id=auditor&password=" + url.QueryEscape(pw),
			"sqlserver://auditor:" + url.QueryEscape(pw) + "@host:1433?database=d&readonly=1", // malformed
			"sqlserver://auditor:" + pw + "@host:1433?database=d",                             // unescaped: maybe malformed
			"sqlserver://auditor:" + url.QueryEscape(pw) + "@host:1433",                       // no database
		}
		for _, raw := range forms {
			spec, ok, err := opener{}.Parse(raw)
			var out string
			if err != nil {
				out = err.Error()
			} else if ok {
				out = spec.Location
			}
			for _, f := range []string{pw, url.QueryEscape(pw), url.PathEscape(pw)} {
				if len(f) >= 4 && strings.Contains(out, f) {
					t.Errorf("Parse(%q) printed the password: %s", raw, out)
				}
			}
			if _, err := connectors.Parse(raw); err != nil && strings.Contains(err.Error(), pw) {
				t.Errorf("connectors.Parse(%q) printed the password: %v", raw, err)
			}
		}
	}
}

func TestPasswordSources(t *testing.T) {
	cases := []struct {
		raw, env, want string
	}{
		{"sqlserver://u:fromurl@h?database=d", "fromenv", "fromurl"},
		{"sqlserver://u@h?database=d", "fromenv", "fromenv"},
		{"sqlserver://u:@h?database=d", "fromenv", "fromenv"},
		{"sqlserver://h?database=d&user+id=u&password=fromparam", "fromenv", "fromparam"},
		{"sqlserver://u@h?database=d", "", ""},
	}
	for _, c := range cases {
		cn, err := parseURL(c.raw, c.env)
		if err != nil {
			t.Fatalf("parseURL(%q): %v", c.raw, err)
		}
		if cn.password != c.want || cn.user != "u" {
			t.Errorf("parseURL(%q, env %q): user %q password %q; want u, %q", c.raw, c.env, cn.user, cn.password, c.want)
		}
	}
}

func TestDSN(t *testing.T) {
	cases := []struct {
		raw, env string
		timeout  time.Duration
		want     string
	}{
		{"sqlserver://auditor:s3cret@10.0.0.5:1433?database=padron", "", 10 * time.Second,
			"sqlserver://auditor:s3cret@10.0.0.5:1433?app+name=alcance&applicationintent=ReadOnly&database=padron&dial+timeout=10"},
		// the password from the environment, percent-encoded into the userinfo
		{"sqlserver://auditor@10.0.0.5?database=padron&encrypt=true", "p@ss/w?rd#", 1500 * time.Millisecond,
			"sqlserver://auditor:p%40ss%2Fw%3Frd%23@10.0.0.5?app+name=alcance&applicationintent=ReadOnly&database=padron&dial+timeout=2&encrypt=true"},
		// user id= and password= move into the userinfo
		{"sqlserver://h/INST?database=d&user+id=DOM%5Cu&password=x%26y", "", time.Second,
			"sqlserver://DOM%5Cu:x&y@h/INST?app+name=alcance&applicationintent=ReadOnly&database=d&dial+timeout=1"},
		// the user's own ApplicationIntent and app name are replaced by alcance's spelling
		{"sqlserver://u:p@h?database=d&ApplicationIntent=readonly&app+name=alcance", "", time.Second,
			"sqlserver://u:p@h?app+name=alcance&applicationintent=ReadOnly&database=d&dial+timeout=1"},
	}
	for _, c := range cases {
		cn, err := parseURL(c.raw, c.env)
		if err != nil {
			t.Fatalf("parseURL(%q): %v", c.raw, err)
		}
		if got := cn.dsn(c.timeout); got != c.want {
			t.Errorf("dsn(%q) =\n%s\nwant\n%s", c.raw, got, c.want)
		}
	}
}

// What go-mssqldb itself makes of the DSN: the settings alcance relies on
// are the ones the driver will use.
func TestDSNAsTheDriverReadsIt(t *testing.T) {
	cn, err := parseURL("sqlserver://auditor@db.example.mx:14330/INST?database=Padrón&encrypt=true", "p@ss:w/rd?#&=% Ñ")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := msdsn.Parse(cn.dsn(3 * time.Second))
	if err != nil {
		t.Fatalf("msdsn.Parse: %v", err)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"AppName", cfg.AppName, "alcance"},
		{"ReadOnlyIntent", cfg.ReadOnlyIntent, true},
		{"DialTimeout", cfg.DialTimeout, 3 * time.Second},
		// 0: the driver would otherwise put this deadline on every read.
		{"ConnTimeout", cfg.ConnTimeout, time.Duration(0)},
		{"User", cfg.User, "auditor"},
		{"Password", cfg.Password, "p@ss:w/rd?#&=% Ñ"},
		{"Database", cfg.Database, "Padrón"},
		{"Host", cfg.Host, "db.example.mx"},
		{"Port", cfg.Port, uint64(14330)},
		{"Instance", cfg.Instance, "INST"},
		{"Encryption", cfg.Encryption, msdsn.Encryption(msdsn.EncryptionRequired)},
		{"LogFlags", cfg.LogFlags, msdsn.Log(0)},
		{"ChangePassword", cfg.ChangePassword, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
}

func TestLocationNeverHasPassword(t *testing.T) {
	cn, err := parseURL("sqlserver://auditor:Top%2FSecret@h:1433?database=d&password=", "")
	if err == nil {
		t.Fatalf("two passwords accepted: %s", cn.location())
	}
	cn, err = parseURL("sqlserver://h:1433?database=d&user+id=auditor&password=TopSecret", "")
	if err != nil {
		t.Fatal(err)
	}
	if loc := cn.location(); strings.Contains(loc, "TopSecret") || strings.Contains(loc, "password") {
		t.Fatalf("location %q holds the password", loc)
	}
	cn, err = parseURL("sqlserver://auditor:TopSecret@h:1433?database=d", "")
	if err != nil {
		t.Fatal(err)
	}
	if loc := cn.location(); loc != "sqlserver://auditor@h:1433?database=d" {
		t.Fatalf("location = %q", loc)
	}
	// The DSN does hold it (the driver needs it), so it must never be
	// printed: that is what scrub is for.
	if d := cn.dsn(time.Second); !strings.Contains(d, "TopSecret") {
		t.Fatalf("dsn lost the password: %s", d)
	}
}

func TestAddr(t *testing.T) {
	cases := map[string]string{
		"sqlserver://u@h?database=d":            "h:1433",
		"sqlserver://u@h:2000?database=d":       "h:2000",
		"sqlserver://u@h/SQLEXPRESS?database=d": `h\SQLEXPRESS`,
		"sqlserver://u@[::1]?database=d":        "[::1]:1433",
		"sqlserver://u@127.0.0.1:1?database=d":  "127.0.0.1:1",
		"sqlserver://u@h:1433/INST?database=d":  "h:1433",
	}
	for raw, want := range cases {
		cn, err := parseURL(raw, "")
		if err != nil {
			t.Fatal(err)
		}
		if cn.addr != want {
			t.Errorf("addr(%q) = %q, want %q", raw, cn.addr, want)
		}
	}
}

func TestEffectiveConnectTimeout(t *testing.T) {
	if got := effectiveConnectTimeout(connectors.Options{}); got != 15*time.Second {
		t.Errorf("unset: %v, want 15s (never unbounded)", got)
	}
	if got := effectiveConnectTimeout(connectors.Options{ConnectTimeout: 1500 * time.Millisecond}); got != 1500*time.Millisecond {
		t.Errorf("1.5s: %v", got)
	}
}

func TestScrub(t *testing.T) {
	pw := "p@ss w/rd?Ñ"
	msgs := []string{
		"login error: bad password p@ss w/rd?Ñ",
		"dial sqlserver://u:" + url.QueryEscape(pw) + "@h: refused",
		"url sqlserver://u:" + url.PathEscape(pw) + "@h",
		"url " + url.UserPassword("u", pw).String() + "@h",
	}
	for _, m := range msgs {
		got := scrub(m, pw)
		if strings.Contains(got, "ss w") || strings.Contains(got, "ss+w") || strings.Contains(got, "ss%20w") ||
			strings.Contains(got, "%C3%91") || strings.Contains(got, "Ñ") || !strings.Contains(got, "xxxxx") {
			t.Errorf("scrub(%q) = %q", m, got)
		}
	}
	if got := scrub("nothing to hide", ""); got != "nothing to hide" {
		t.Errorf("an empty password changed the message: %q", got)
	}
}

// The registry routes sqlserver:// to this connector and turns its parse
// errors into ErrMalformed (exit code 2).
func TestRegistered(t *testing.T) {
	spec, err := connectors.Parse("sqlserver://auditor:pw1234@h:1433?database=padron")
	if err != nil || spec.Kind != "mssql" || spec.Name != "padron" {
		t.Fatalf("connectors.Parse = %+v, %v", spec, err)
	}
	_, err = connectors.Parse("sqlserver://auditor:pw1234@h:1433")
	if !errors.Is(err, connectors.ErrMalformed) {
		t.Fatalf("connectors.Parse without a database = %v, want ErrMalformed", err)
	}
	if strings.Contains(err.Error(), "pw1234") {
		t.Fatalf("the error printed the password: %v", err)
	}
}
