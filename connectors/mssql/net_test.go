package mssql

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// These tests run always: every address they dial is on 127.0.0.1.

const envSecret = "EnvSecret-77"

// openURL parses and opens raw as the CLI would, the password from
// MSSQL_PASSWORD.
func openURL(t *testing.T, raw string, opts connectors.Options) (*source, time.Duration, error) {
	t.Helper()
	t.Setenv(passwordEnv, envSecret)
	spec, ok, err := opener{}.Parse(raw)
	if err != nil || !ok {
		t.Fatalf("Parse(%q) = ok %v, err %v", raw, ok, err)
	}
	start := time.Now()
	src, err := opener{}.Open(context.Background(), spec, opts)
	took := time.Since(start)
	if err != nil {
		if strings.Contains(err.Error(), envSecret) {
			t.Fatalf("the error printed the password: %v", err)
		}
		return nil, took, err
	}
	t.Cleanup(func() { src.Close() })
	return src.(*source), took, nil
}

func quick() connectors.Options {
	return connectors.Options{ConnectTimeout: time.Second, StatementTimeout: 5 * time.Second, MaxConns: 1}
}

// (a) Nothing listens: the port was just closed.
func TestOpenClosedPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, took, err := openURL(t, "sqlserver://auditor@"+addr+"?database=padron", quick())
	if err == nil {
		t.Fatal("Open succeeded against a closed port")
	}
	want := "opening SQL Server source sqlserver://auditor@" + addr + "?database=padron: cannot connect to SQL Server at " + addr + ": connection refused"
	if !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error = %v\nwant it to start %q", err, want)
	}
	if took > time.Second {
		t.Fatalf("a refused connection took %v", took)
	}
}

// (b) Something accepts the connection and never answers: the TDS
// prelogin gets no reply. Open must fail within the connect timeout (plus
// scheduling), say so, and close the socket it opened.
func TestOpenSilentListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	type seen struct {
		first  byte
		closed time.Time
	}
	got := make(chan seen, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		var s seen
		b := make([]byte, 1)
		if _, err := io.ReadFull(c, b); err == nil {
			s.first = b[0]
		}
		io.Copy(io.Discard, c) // until the client gives up and closes
		s.closed = time.Now()
		got <- s
	}()
	_, took, err := openURL(t, "sqlserver://auditor@"+ln.Addr().String()+"?database=padron", quick())
	if err == nil {
		t.Fatal("Open succeeded against a silent listener")
	}
	if !strings.Contains(err.Error(), "did not complete the connection handshake within 1s (the connect timeout)") {
		t.Fatalf("error = %v", err)
	}
	if took < 900*time.Millisecond || took > 2500*time.Millisecond {
		t.Fatalf("Open gave up after %v, want about the 1s connect timeout", took)
	}
	select {
	case s := <-got:
		if s.first != pktPrelogin {
			t.Errorf("the first byte sent was %#x, want a TDS prelogin (%#x)", s.first, pktPrelogin)
		}
		if time.Since(s.closed) > 5*time.Second {
			t.Errorf("socket closed long ago?")
		}
	case <-time.After(3 * time.Second):
		t.Fatal("the connection was left open after Open failed")
	}
}

// Something accepts the connection and hangs up: not SQL Server.
func TestOpenHangUp(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Read(make([]byte, 8))
			c.Close()
		}
	}()
	_, took, err := openURL(t, "sqlserver://auditor@"+ln.Addr().String()+"?database=padron", quick())
	if err == nil || !strings.Contains(err.Error(), "SQL Server at "+ln.Addr().String()+" closed the connection during the handshake") {
		t.Fatalf("error = %v", err)
	}
	if took > 2*time.Second {
		t.Fatalf("took %v", took)
	}
}

// What alcance puts on the wire when it logs in, and the session it sets
// up, as the real driver sends them.
func TestLoginOnTheWire(t *testing.T) {
	count := resultSet([]fakeCol{colInt("", 8)}, [][]byte{valInt8(123456)})
	f := newTDSFake(t, loginOK, standardQuery("Padrón", map[string][]byte{
		"SELECT COUNT_BIG(*) FROM [dbo].[beneficiarios]": count,
	}))
	opts := quick()
	opts.ConnectTimeout = 300 * time.Millisecond
	s, _, err := openURL(t, "sqlserver://auditor@"+f.addr()+"?database=Padr%C3%B3n", opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Info().Kind != "mssql" || s.Info().Name != "Padrón" || s.Info().Location != "sqlserver://auditor@"+f.addr()+"?database=Padr%C3%B3n" {
		t.Fatalf("Info = %+v", s.Info())
	}
	logins, batches, _, _ := f.snapshot()
	if len(logins) != 1 {
		t.Fatalf("%d logins, want 1", len(logins))
	}
	l := logins[0]
	if l.app != "alcance" {
		t.Errorf("app name on the wire = %q, want alcance", l.app)
	}
	if l.typeFlags&0x20 == 0 {
		t.Errorf("LOGIN7 TypeFlags %#x: the read-only intent bit (0x20) is not set", l.typeFlags)
	}
	if l.database != "Padrón" || l.user != "auditor" || l.password != envSecret || l.changePassword != "" {
		t.Errorf("login = %+v", l)
	}
	if len(batches) != 2 || batches[0] != (batch{sql: sessionSetupSQL, reset: true}) || batches[1].sql != sessionCheckQuery {
		t.Fatalf("batches after Open = %+v, want the session setup (with a reset) and the check", batches)
	}

	// The handshake deadline was lifted: well past the connect timeout, the
	// connection still reads.
	time.Sleep(3 * opts.ConnectTimeout)
	n, err := s.CountRows(context.Background(), connectors.Table{Schema: "dbo", Name: "beneficiarios"})
	if err != nil || n != 123456 {
		t.Fatalf("CountRows = %d, %v", n, err)
	}
	logins, batches, _, _ = f.snapshot()
	if len(logins) != 1 {
		t.Fatalf("the pooled connection was not reused: %d logins", len(logins))
	}
	// Reused from the pool: reset, and the settings applied again.
	if len(batches) != 4 || batches[2] != (batch{sql: sessionSetupSQL, reset: true}) ||
		batches[3].sql != "SELECT COUNT_BIG(*) FROM [dbo].[beneficiarios]" {
		t.Fatalf("batches = %+v", batches)
	}
}

func TestLoginRejected(t *testing.T) {
	cases := []struct {
		name  string
		login func(login7) []byte
		want  []string
	}{
		{"wrong password", func(login7) []byte {
			return cat(tokError(18456, 14, "Login failed for user 'auditor'."), tokDone(doneErr, 0, 0))
		}, []string{"Login failed for user 'auditor'. (SQL Server error 18456): check the user name and password"}},
		{"missing database", func(login7) []byte {
			return cat(tokError(4060, 11, `Cannot open database "nada" requested by the login. The login failed.`),
				tokError(18456, 14, "Login failed for user 'auditor'."), tokDone(doneErr, 0, 0))
		}, []string{`Cannot open database "nada"`, "(SQL Server error 4060): the database does not exist"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newTDSFake(t, c.login, standardQuery("nada", nil))
			_, _, err := openURL(t, "sqlserver://auditor@"+f.addr()+"?database=nada", quick())
			if err == nil {
				t.Fatal("Open succeeded")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// The statement timeout is the context's deadline: go-mssqldb sends the
// server an attention packet, the server confirms, and the error says the
// statement timed out. The connection stays usable.
func TestStatementTimeoutSendsAttention(t *testing.T) {
	f := newTDSFake(t, loginOK, standardQuery("d", map[string][]byte{
		"SELECT COUNT_BIG(*) FROM [dbo].[rapida]": resultSet([]fakeCol{colInt("", 8)}, [][]byte{valInt8(3)}),
		// [dbo].[lenta] is never answered.
	}))
	opts := quick()
	opts.StatementTimeout = 200 * time.Millisecond
	s, _, err := openURL(t, "sqlserver://auditor@"+f.addr()+"?database=d", opts)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.CountRows(context.Background(), connectors.Table{Schema: "dbo", Name: "lenta"})
	took := time.Since(start)
	if err == nil {
		t.Fatal("a statement that never ends succeeded")
	}
	if want := "counting rows of table [dbo].[lenta]: statement timed out after 200ms (the statement timeout)"; !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error = %v", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("errors.Is(err, DeadlineExceeded) is false: %v", err)
	}
	if took > 2*time.Second {
		t.Errorf("the timeout took %v to surface", took)
	}
	if _, _, attentions, _ := f.snapshot(); attentions != 1 {
		t.Fatalf("%d attention packets sent, want 1", attentions)
	}
	if n, err := s.CountRows(context.Background(), connectors.Table{Schema: "dbo", Name: "rapida"}); err != nil || n != 3 {
		t.Fatalf("after a cancelled statement: %d, %v", n, err)
	}
}

// A server where the settings do not take effect is not read.
func TestSessionSettingsChecked(t *testing.T) {
	f := newTDSFake(t, loginOK, func(sql string) []byte {
		switch sql {
		case sessionSetupSQL:
			return tokDone(0, 0, 0)
		case sessionCheckQuery:
			return resultSet([]fakeCol{colNVarChar("", 128), colInt("", 4), colInt("", 4)},
				[][]byte{valNVarChar("d"), valInt4(-1), valInt4(2)})
		}
		return nil
	})
	_, _, err := openURL(t, "sqlserver://auditor@"+f.addr()+"?database=d", quick())
	if err == nil || !strings.Contains(err.Error(), "the session settings did not take effect (LOCK_TIMEOUT is -1, IMPLICIT_TRANSACTIONS bit 2)") {
		t.Fatalf("error = %v", err)
	}
}

// A server that refuses the session setup: a clear error, and one login,
// not the three database/sql would make if the driver's ErrBadConn got
// through.
func TestSessionSetupRefused(t *testing.T) {
	f := newTDSFake(t, loginOK, func(sql string) []byte {
		if sql == sessionSetupSQL {
			return cat(tokError(102, 15, "Incorrect syntax near 'DEADLOCK_PRIORITY'."), tokDone(doneErr, 0, 0))
		}
		return nil
	})
	_, _, err := openURL(t, "sqlserver://auditor@"+f.addr()+"?database=d", quick())
	if err == nil || !strings.Contains(err.Error(), "refused alcance's session settings") {
		t.Fatalf("error = %v", err)
	}
	if logins, _, _, _ := f.snapshot(); len(logins) != 1 {
		t.Fatalf("%d logins, want 1", len(logins))
	}
}

func TestEncryptRequiredButUnsupported(t *testing.T) {
	f := newTDSFake(t, loginOK, standardQuery("d", nil))
	_, _, err := openURL(t, "sqlserver://auditor@"+f.addr()+"?database=d&encrypt=true", quick())
	if err == nil || !strings.Contains(err.Error(), "cannot connect to SQL Server at "+f.addr()+": server does not support encryption") {
		t.Fatalf("error = %v", err)
	}
}

// How go-mssqldb 1.11.2 decodes varchar by collation, which is why the
// connector has the server convert char/varchar/text to nvarchar
// (selectExpr): a CP1252 collation is decoded right, a _UTF8 collation is
// decoded as CP1252. If a driver upgrade makes this test fail on the UTF-8
// case, the driver has learnt the fUTF8 flag; the conversion stays correct
// either way.
func TestDriverVarcharDecoding(t *testing.T) {
	f := newTDSFake(t, loginOK, standardQuery("d", map[string][]byte{
		"SELECT v": resultSet([]fakeCol{colVarChar("cp1252", 10, collCP1252), colVarChar("utf8", 10, collUTF8)},
			[][]byte{valBytes([]byte("PE\xd1A")), valBytes([]byte("PE\xc3\x91A"))}),
	}))
	s, _, err := openURL(t, "sqlserver://auditor@"+f.addr()+"?database=d", quick())
	if err != nil {
		t.Fatal(err)
	}
	var a, b string
	if err := s.db.QueryRow("SELECT v").Scan(&a, &b); err != nil {
		t.Fatal(err)
	}
	if a != "PEÑA" {
		t.Errorf("CP1252 varchar decoded as %q, want PEÑA", a)
	}
	if b != "PEÃ‘A" {
		t.Errorf("UTF-8 varchar decoded as %q: the driver no longer decodes _UTF8 collations as CP1252", b)
	}
}

// The dialer's deadline bounds the handshake, and the connector lifts it
// once connected; tested with a stand-in for go-mssqldb's connector.
func TestHandshakeDeadlineLifted(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	// The server writes one byte after 300 ms, on each connection.
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				time.Sleep(300 * time.Millisecond)
				c.Write([]byte{1})
				io.Copy(io.Discard, c)
			}()
		}
	}()
	d := newHandshakeDialer(100 * time.Millisecond)

	// Without lifting, the 100 ms handshake deadline stops the read.
	c, err := d.DialContext(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read without a lift: %v, want a deadline error", err)
	}
	c.Close()

	// Through liftingConnector, the same read succeeds.
	inner := &dialingConnector{d: d, addr: ln.Addr().String()}
	dc, err := (&liftingConnector{inner: inner}).Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	if _, err := inner.conn.Read(make([]byte, 1)); err != nil {
		t.Fatalf("read after the lift: %v", err)
	}

	// A context deadline sooner than the timeout wins.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	long := newHandshakeDialer(time.Hour)
	c, err = long.DialContext(ctx, "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	if _, err := c.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) || time.Since(start) > 250*time.Millisecond {
		t.Fatalf("read with a 20 ms context: %v after %v", err, time.Since(start))
	}
}

// dialingConnector stands in for go-mssqldb's connector: it dials through
// the dialer with the context it is given, as the driver does.
type dialingConnector struct {
	d    *handshakeDialer
	addr string
	mu   sync.Mutex
	conn net.Conn
}

func (c *dialingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.d.DialContext(ctx, "tcp", c.addr)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.conn = conn
	c.mu.Unlock()
	return stubConn{conn}, nil
}

func (c *dialingConnector) Driver() driver.Driver { return fakeDriver{} }

type stubConn struct{ c net.Conn }

func (s stubConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("stub") }
func (s stubConn) Close() error                        { return s.c.Close() }
func (s stubConn) Begin() (driver.Tx, error)           { return nil, errors.New("stub") }
