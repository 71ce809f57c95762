package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/testdb"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ---- helpers ----

// newDB creates the database alcance_pgconn_<name> on the test server
// (skipping without one) and runs stmts in it as the admin user, never
// through the connector, which must not write.
func newDB(t testing.TB, name string, stmts ...string) string {
	t.Helper()
	u := testdb.Postgres(t, "alcance_pgconn_"+name)
	run(t, u, stmts...)
	return u
}

// run executes stmts on the database at u, as whoever u names.
func run(t testing.TB, u string, stmts ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("connecting to set up: %v", err)
	}
	defer conn.Close(ctx)
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("setting up: %s: %v", s, err)
		}
	}
}

// withUser is u with another user (and password, when pw is not "").
func withUser(t testing.TB, u, user, pw string) string {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	if pw == "" {
		p.User = url.User(user)
	} else {
		p.User = url.UserPassword(user, pw)
	}
	return p.String()
}

// role creates a login role (dropped again when the test ends; roles are
// server-wide, so names start with alcance_pgconn_ too).
func role(t testing.TB, admin, name, options string) {
	t.Helper()
	run(t, admin, "DROP ROLE IF EXISTS "+name, "CREATE ROLE "+name+" "+options)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		// The test databases are dropped by other cleanups, which run after
		// this one (LIFO): drop what the role owns or was granted first.
		conn, err := pgx.Connect(ctx, testdb.PostgresAdmin(t))
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP ROLE IF EXISTS "+name)
	})
}

// openURL opens u through the connector, as the CLI would.
func openURL(t testing.TB, u string, opts connectors.Options) *source {
	t.Helper()
	spec, ok, err := opener{}.Parse(u)
	if err != nil || !ok {
		t.Fatalf("Parse = ok %v, err %v", ok, err)
	}
	src, err := opener{}.Open(context.Background(), spec, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { src.Close() })
	return src.(*source)
}

func open(t testing.TB, u string) *source { return openURL(t, u, connectors.DefaultOptions()) }

func views() connectors.Options {
	o := connectors.DefaultOptions()
	o.IncludeViews = true
	return o
}

// table returns the listed table schema.name.
func table(t testing.TB, s *source, schema, name string) connectors.Table {
	t.Helper()
	tables, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if tb.Schema == schema && tb.Name == name {
			return tb
		}
	}
	t.Fatalf("table %s.%s not listed", schema, name)
	return connectors.Table{}
}

// column returns the values of the named column of a sample.
func column(t testing.TB, s *connectors.Sample, name string) []string {
	t.Helper()
	for i, c := range s.Columns {
		if c.Name == name {
			if len(s.Values[i]) != s.Rows {
				t.Fatalf("column %q has %d values for %d rows", name, len(s.Values[i]), s.Rows)
			}
			return s.Values[i]
		}
	}
	t.Fatalf("column %q not in sample", name)
	return nil
}

func ints(t testing.TB, vals []string) []int64 {
	t.Helper()
	out := make([]int64, len(vals))
	for i, v := range vals {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("value %q is not an integer", v)
		}
		out[i] = n
	}
	return out
}

// distinct fails unless every value is different: a sample is without
// replacement.
func distinct(t testing.TB, vals []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, v := range vals {
		if seen[v] {
			t.Fatalf("value %q sampled twice", v)
		}
		seen[v] = true
	}
}

// fill is an INSERT of ids 1..n into table(id, v).
func fill(table string, n int) string {
	return fmt.Sprintf(`INSERT INTO %s (id, v) SELECT g, 'v' || g FROM generate_series(1, %d) g`, table, n)
}

// ---- parsing (no server) ----

func TestParse(t *testing.T) {
	t.Setenv("PGDATABASE", "")
	t.Setenv("PGUSER", "")
	cases := []struct {
		raw      string
		ok       bool
		bad      bool // ours, but malformed
		location string
		name     string
	}{
		{raw: "postgres://auditor@10.0.0.5:5432/padron?sslmode=disable", ok: true,
			location: "postgres://auditor@10.0.0.5:5432/padron?sslmode=disable", name: "padron"},
		{raw: "postgresql://auditor:s3cr3t@db.example:5432/padron", ok: true,
			location: "postgresql://auditor@db.example:5432/padron", name: "padron"},
		{raw: "POSTGRES://auditor:s3cr3t@h/padron", ok: true, location: "postgres://auditor@h/padron", name: "padron"},
		{raw: "postgres://auditor@h/padron?password=s3cr3t&sslmode=require", ok: true,
			location: "postgres://auditor@h/padron?sslmode=require", name: "padron"},
		{raw: "postgres://auditor@h/padron?sslmode=require&Password=s3cr3t&sslpassword=s3cr3t", ok: true,
			location: "postgres://auditor@h/padron?sslmode=require", name: "padron"},
		{raw: "postgres://auditor@h/padron?pass%77ord=s3cr3t", ok: true, location: "postgres://auditor@h/padron", name: "padron"},
		{raw: "postgres://aud%40itor:p%40ss%2Fw@h:5432/pa%C3%B1o", ok: true,
			location: "postgres://aud%40itor@h:5432/pa%C3%B1o", name: "paño"},
		{raw: "postgres://auditor:@h/db", ok: true, location: "postgres://auditor@h/db", name: "db"},
		{raw: "postgres://u@h1:5432,h2:5433/db", ok: true, location: "postgres://u@h1:5432,h2:5433/db", name: "db"},
		{raw: "postgres://[::1]:5432/db?user=u", ok: true, location: "postgres://[::1]:5432/db?user=u", name: "db"},
		// No database: the server's default, the user's name.
		{raw: "postgres://auditor@h:5432", ok: true, location: "postgres://auditor@h:5432", name: "auditor"},
		// not ours
		{raw: "mysql://u:p@h/db"},
		{raw: "sqlserver://u:p@h:1433?database=db"},
		{raw: "/srv/padron.db"},
		{raw: "postgres:/x"},
		{raw: "host=h dbname=db"},
		{raw: ""},
		// ours, but malformed
		{raw: "postgres://auditor:s3cr3t@h:notaport/db", bad: true},
		{raw: "postgres://auditor:s3cr3t@[::1/db", bad: true},
		{raw: "postgres://auditor:s3cr3t@h/db?connect_timeout=soon", bad: true},
		{raw: "postgres://auditor:s3/cr3t@h:5432/db", bad: true}, // an unescaped '/' in the password
		{raw: "postgres://auditor:s3cr3t@h/d%ZZb", bad: true},
	}
	for _, c := range cases {
		spec, ok, err := opener{}.Parse(c.raw)
		if c.bad {
			if err == nil {
				t.Errorf("Parse(%q): want an error, got ok=%v %+v", c.raw, ok, spec)
				continue
			}
			for _, secret := range []string{"s3cr3t", "s3/cr3t", "cr3t"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("Parse(%q) error leaks the password: %v", c.raw, err)
				}
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

// The registry routes postgres URLs here and turns parse errors into
// ErrMalformed (exit code 2), without the password.
func TestRegistered(t *testing.T) {
	spec, err := connectors.Parse("postgresql://u@h/db")
	if err != nil || spec.Kind != "postgres" {
		t.Fatalf("connectors.Parse = %+v, %v", spec, err)
	}
	_, err = connectors.Parse("postgres://u:s3cr3t@h:port/db")
	if !errors.Is(err, connectors.ErrMalformed) || strings.Contains(err.Error(), "s3cr3t") {
		t.Fatalf("connectors.Parse(bad port) = %v, want ErrMalformed without the password", err)
	}
}

// pgx reads PGPASSWORD itself; a password in the URL wins over it.
func TestPasswordFromEnvironment(t *testing.T) {
	t.Setenv("PGPASSWORD", "from-env")
	for raw, want := range map[string]string{
		"postgres://u@h/db":          "from-env",
		"postgres://u:from-url@h/db": "from-url",
	} {
		cfg, err := pgxpool.ParseConfig(raw)
		if err != nil || cfg.ConnConfig.Password != want {
			t.Errorf("%s: password %q, %v; want %q", raw, cfg.ConnConfig.Password, err, want)
		}
	}
}

// ---- opening, without a server ----

// fakeServer accepts connections on a loopback port and hands each to
// handle, with a channel closed when the test ends; it stops then.
func fakeServer(t *testing.T, handle func(c net.Conn, done <-chan struct{})) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	t.Cleanup(func() { close(done); ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				handle(c, done)
			}()
		}
	}()
	return ln.Addr().String()
}

// dials records the addresses the connector dials during a test.
func dials(t *testing.T) func() []string {
	var mu sync.Mutex
	var got []string
	dialObserver = func(network, addr string) {
		mu.Lock()
		got = append(got, network+" "+addr)
		mu.Unlock()
	}
	t.Cleanup(func() { dialObserver = nil })
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(got)
	}
}

const secret = "s3cr3t-Pässwörd"

func openErr(t *testing.T, raw string, opts connectors.Options) (error, time.Duration) {
	t.Helper()
	spec, ok, err := opener{}.Parse(raw)
	if err != nil || !ok {
		t.Fatalf("Parse(%s) = %v, %v", raw, ok, err)
	}
	start := time.Now()
	src, err := opener{}.Open(context.Background(), spec, opts)
	el := time.Since(start)
	if err == nil {
		src.Close()
		t.Fatalf("Open(%s) succeeded", spec.Location)
	}
	t.Logf("Open: %v", err)
	if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), url.QueryEscape(secret)) {
		t.Errorf("error leaks the password: %v", err)
	}
	if !strings.HasPrefix(err.Error(), "opening postgres source "+spec.Location+": ") {
		t.Errorf("error does not start with the location: %v", err)
	}
	return err, el
}

func shortTimeout() connectors.Options {
	o := connectors.DefaultOptions()
	o.ConnectTimeout = time.Second
	return o
}

// A closed port: refused at once, and nothing but that address dialled.
func TestOpenRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	got := dials(t)
	err, el := openErr(t, "postgres://auditor:"+url.QueryEscape(secret)+"@"+addr+"/padron?sslmode=disable", shortTimeout())
	if !strings.Contains(err.Error(), "connection refused") || !strings.Contains(err.Error(), addr) {
		t.Errorf("error = %v, want connection refused at %s", err, addr)
	}
	if el > time.Second {
		t.Errorf("took %v to fail on a closed port", el)
	}
	for _, d := range got() {
		if d != "tcp "+addr {
			t.Errorf("dialled %s, want only %s", d, addr)
		}
	}
}

// A listener that accepts and never answers: Open gives up within the
// connect timeout, says so, and dials nothing else. With sslmode=prefer
// (the default) pgx tries TLS then plain text, both within the one timeout.
func TestOpenNoAnswer(t *testing.T) {
	addr := fakeServer(t, func(c net.Conn, done <-chan struct{}) { <-done })
	got := dials(t)
	for _, mode := range []string{"disable", "prefer"} {
		err, el := openErr(t, "postgres://auditor:"+url.QueryEscape(secret)+"@"+addr+"/padron?sslmode="+mode, shortTimeout())
		if !strings.Contains(err.Error(), "no answer from "+addr+" within 1s") || !errors.Is(err, errTimedOut) {
			t.Errorf("sslmode=%s: error = %v, want no answer within 1s", mode, err)
		}
		if el < 900*time.Millisecond || el > 2500*time.Millisecond {
			t.Errorf("sslmode=%s: failed after %v, want about the 1 s connect timeout", mode, el)
		}
	}
	if len(got()) == 0 {
		t.Fatal("dial observer saw nothing")
	}
	for _, d := range got() {
		if d != "tcp "+addr {
			t.Errorf("dialled %s, want only %s", d, addr)
		}
	}
}

// A server that asks for a password and refuses it: the wrong-password
// case, which the test server (trust on 127.0.0.1) cannot produce. It also
// shows what the connector sends: the password from the URL or from
// PGPASSWORD, and the safety settings, which win over the same settings in
// the URL and in PGOPTIONS.
func TestOpenWrongPassword(t *testing.T) {
	type seen struct {
		params   map[string]string
		password string
	}
	got := make(chan seen, 4)
	addr := fakeServer(t, func(c net.Conn, _ <-chan struct{}) {
		c.SetDeadline(time.Now().Add(5 * time.Second))
		be := pgproto3.NewBackend(c, c)
		msg, err := be.ReceiveStartupMessage()
		if _, ssl := msg.(*pgproto3.SSLRequest); ssl {
			c.Write([]byte("N"))
			msg, err = be.ReceiveStartupMessage()
		}
		sm, ok := msg.(*pgproto3.StartupMessage)
		if err != nil || !ok {
			return
		}
		params := map[string]string{}
		for k, v := range sm.Parameters {
			params[k] = v
		}
		be.Send(&pgproto3.AuthenticationCleartextPassword{})
		if be.Flush() != nil || be.SetAuthType(pgproto3.AuthTypeCleartextPassword) != nil {
			return
		}
		m, err := be.Receive()
		pm, ok := m.(*pgproto3.PasswordMessage)
		if err != nil || !ok {
			return
		}
		got <- seen{params, pm.Password}
		be.Send(&pgproto3.ErrorResponse{Severity: "FATAL", Code: "28P01",
			Message: `password authentication failed for user "auditor"`})
		be.Flush()
	})
	t.Setenv("PGOPTIONS", "-c default_transaction_read_only=off -c statement_timeout=0")
	raw := "postgres://auditor:" + url.QueryEscape(secret) + "@" + addr +
		"/padron?sslmode=disable&default_transaction_read_only=off&Application_Name=other&lock_timeout=0"
	opts := shortTimeout()
	opts.StatementTimeout = 1500 * time.Millisecond
	err, _ := openErr(t, raw, opts)
	if !strings.Contains(err.Error(), `password authentication failed for user "auditor"`) ||
		!strings.Contains(err.Error(), "28P01") {
		t.Errorf("error = %v, want the server's password failure", err)
	}
	s := <-got
	if s.password != secret {
		t.Errorf("server received password %q, want the URL's", s.password)
	}
	want := map[string]string{
		"default_transaction_read_only":       "on",
		"statement_timeout":                   "1500",
		"lock_timeout":                        "5000",
		"idle_in_transaction_session_timeout": "120000",
		"application_name":                    "alcance",
		"user":                                "auditor",
		"database":                            "padron",
	}
	for k, v := range want {
		if s.params[k] != v {
			t.Errorf("startup parameter %s = %q, want %q (all: %v)", k, s.params[k], v, s.params)
		}
	}
	if _, dup := s.params["Application_Name"]; dup {
		t.Errorf("the URL's Application_Name was sent too: %v", s.params)
	}

	// The password from PGPASSWORD reaches the server the same way.
	t.Setenv("PGPASSWORD", secret)
	err, _ = openErr(t, "postgres://auditor@"+addr+"/padron?sslmode=disable", shortTimeout())
	if !strings.Contains(err.Error(), "password authentication failed") {
		t.Errorf("with PGPASSWORD: %v", err)
	}
	if s := <-got; s.password != secret {
		t.Errorf("server received password %q, want PGPASSWORD's", s.password)
	}

	// --password-file (Spec.Password) wins over PGPASSWORD for a URL
	// without a password, and loses to the URL's own.
	const fromFile = "from-the-file-7"
	for _, c := range []struct{ raw, want string }{
		{"postgres://auditor@" + addr + "/padron?sslmode=disable", fromFile},
		{"postgres://auditor:" + url.QueryEscape(secret) + "@" + addr + "/padron?sslmode=disable", secret},
		{"postgres://auditor@" + addr + "/padron?sslmode=disable&password=" + url.QueryEscape(secret), secret},
	} {
		spec, _, _ := opener{}.Parse(c.raw)
		spec.Password = fromFile
		src, err := opener{}.Open(context.Background(), spec, shortTimeout())
		if err == nil {
			src.Close()
			t.Fatal("Open succeeded against a server that refuses every password")
		}
		if strings.Contains(err.Error(), fromFile) {
			t.Errorf("the error shows the password from the file: %v", err)
		}
		if s := <-got; s.password != c.want {
			t.Errorf("%s with a password file: server received %q, want %q", spec.Location, s.password, c.want)
		}
	}
}

// An expired context is reported as such, not as a connect failure.
func TestOpenCancelled(t *testing.T) {
	addr := fakeServer(t, func(c net.Conn, done <-chan struct{}) { <-done })
	spec, _, _ := opener{}.Parse("postgres://u@" + addr + "/db?sslmode=disable")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := opener{}.Open(ctx, spec, connectors.DefaultOptions())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Open with an expiring context = %v, want DeadlineExceeded", err)
	}
}

// ---- opening, with the server ----

// Errors a user can act on, from the real server: a missing database, a
// role that does not exist, a role that may not log in. A wrong password
// is provoked too when the server checks passwords on 127.0.0.1 (the test
// server trusts it; TestOpenWrongPassword covers the case without one).
func TestOpenServerErrors(t *testing.T) {
	admin := newDB(t, "open")
	role(t, admin, "alcance_pgconn_nologin", "NOLOGIN")
	role(t, admin, "alcance_pgconn_pw", "LOGIN PASSWORD 'right-password'")
	noDB := strings.Replace(admin, "/alcance_pgconn_open", "/alcance_pgconn_nope", 1)
	cases := []struct{ raw, want string }{
		{noDB, `database "alcance_pgconn_nope" does not exist (SQLSTATE 3D000)`},
		{withUser(t, admin, "alcance_pgconn_ghost", secret), `role "alcance_pgconn_ghost" does not exist (SQLSTATE 28000)`},
		{withUser(t, admin, "alcance_pgconn_nologin", secret), `role "alcance_pgconn_nologin" is not permitted to log in (SQLSTATE 28000)`},
	}
	for _, c := range cases {
		err, _ := openErr(t, c.raw, shortTimeout())
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("Open = %v, want %q", err, c.want)
		}
	}

	spec, _, _ := opener{}.Parse(withUser(t, admin, "alcance_pgconn_pw", secret))
	src, err := opener{}.Open(context.Background(), spec, shortTimeout())
	if err == nil {
		src.Close()
		t.Log("the test server accepted a wrong password (trust authentication on 127.0.0.1): the live wrong-password case cannot be provoked here")
		return
	}
	if !strings.Contains(err.Error(), "password authentication failed") || strings.Contains(err.Error(), secret) {
		t.Errorf("wrong password: %v", err)
	}
}

func TestServerMajor(t *testing.T) {
	for v, want := range map[string]int{"15.20 (Debian 15.20-0+deb12u1)": 15, "9.6.3": 9, "10beta1": 10, "17devel": 17, "": 0} {
		if got := majorOf(v); got != want {
			t.Errorf("majorOf(%q) = %d, want %d", v, got, want)
		}
	}
}
