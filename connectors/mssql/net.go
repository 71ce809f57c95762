package mssql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"sync"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

// Bounding the connection handshake.
//
// go-mssqldb bounds the TCP dial ("dial timeout"), but not the TDS
// handshake that follows (prelogin, TLS, login): it reads the socket
// without looking at the context, so a port that accepts connections and
// never answers (a hung server, a proxy, another service) would hold the
// connection attempt forever. Its only bound is "connection timeout",
// which it applies to every socket read for the life of the connection:
// any statement that takes that long to send its first row (a COUNT_BIG
// of a large table, a wait for a lock) would fail with an i/o timeout.
//
// So the dialer puts an absolute deadline on each socket it opens (the
// connect timeout, or the context's deadline when sooner), and the
// connector lifts it once the login, and the session setup that the driver
// runs right after it, have succeeded. The driver itself never sets a
// socket deadline when "connection timeout" is 0, so none is left on a
// connection in use.

// handshakeDialer dials TCP and bounds the handshake that follows.
type handshakeDialer struct {
	timeout time.Duration
	nd      net.Dialer
}

func newHandshakeDialer(timeout time.Duration) *handshakeDialer {
	// 30 s is the driver's own keep-alive default.
	return &handshakeDialer{timeout: timeout, nd: net.Dialer{KeepAlive: 30 * time.Second}}
}

func (d *handshakeDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := d.nd.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(d.timeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	if err := c.SetDeadline(deadline); err != nil {
		c.Close()
		return nil, err
	}
	if h, ok := ctx.Value(handshakeKey{}).(*handshake); ok {
		h.add(c)
	}
	return c, nil
}

type handshakeKey struct{}

// handshake collects the sockets dialed during one Connect (a failover
// partner or read-only routing can make it dial more than one).
type handshake struct {
	mu    sync.Mutex
	conns []net.Conn
}

// sockets returns the sockets dialed so far.
func (h *handshake) sockets() []net.Conn {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]net.Conn(nil), h.conns...)
}

func (h *handshake) add(c net.Conn) {
	h.mu.Lock()
	h.conns = append(h.conns, c)
	h.mu.Unlock()
}

// lift removes the handshake deadline from every socket dialed.
func (h *handshake) lift() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, c := range h.conns {
		c.SetDeadline(time.Time{})
	}
}

// liftingConnector is a driver.Connector that lifts the handshake deadline
// of each connection its inner connector makes, once it is made. When
// grace is set, it hands out each go-mssqldb connection as a watchedConn
// whose session reset may outlive its context by grace().
type liftingConnector struct {
	inner driver.Connector
	grace func() time.Duration
}

func (c *liftingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	h := &handshake{}
	conn, err := c.inner.Connect(context.WithValue(ctx, handshakeKey{}, h))
	if err != nil {
		// go-mssqldb returns the logged-in connection along with
		// driver.ErrBadConn when the session setup (sessionSetupSQL) fails,
		// and a nil *Conn otherwise. ErrBadConn would make database/sql
		// retry the whole login twice more; a plain error says what failed.
		if mc, ok := conn.(*mssql.Conn); ok && mc != nil {
			mc.Close()
			if errors.Is(err, driver.ErrBadConn) {
				err = errSessionSetup
			}
		}
		return nil, err
	}
	h.lift()
	if mc, ok := conn.(*mssql.Conn); ok && c.grace != nil {
		return &watchedConn{Conn: mc, sockets: h.sockets(), grace: c.grace}, nil
	}
	return conn, nil
}

// errSessionSetup says the server logged alcance in but refused a
// statement of sessionSetupSQL (the driver does not say which).
var errSessionSetup = errors.New("the server accepted the login but refused alcance's session settings (SET IMPLICIT_TRANSACTIONS, TRANSACTION ISOLATION LEVEL, LOCK_TIMEOUT, DEADLOCK_PRIORITY, TEXTSIZE, NOCOUNT); alcance does not read without them")

func (c *liftingConnector) Driver() driver.Driver { return c.inner.Driver() }

// Bounding a cancel.
//
// When a statement's context ends, go-mssqldb sends an attention and waits
// for the server to acknowledge it, reading the socket without a deadline:
// up to 5 s for the current response and 5 s more for the next, and, when
// the read is stuck on a stalled connection, the connection stays stuck
// for the next statement. So every wait on a connection is watched (see
// watch): source.run watches each statement, and watchedConn the session
// reset that taking a connection from the pool sends first. When the wait
// has not ended cancelGrace after its context did, the connection's
// sockets are closed, which ends every read at once; the driver then
// reports the connection bad and database/sql drops it.

// cancelGrace is how long a statement may take to end after its context
// did: SQL Server acknowledges an attention within milliseconds, so a
// longer silence is a server that will not (Babelfish, for some
// statements) or a network that stopped forwarding.
const cancelGrace = 2 * time.Second

// watchedConn is a go-mssqldb connection (every method of which it
// keeps, so database/sql finds the same optional interfaces) that knows
// its sockets, and bounds its session reset.
type watchedConn struct {
	*mssql.Conn
	sockets []net.Conn
	grace   func() time.Duration
}

// ResetSession is run by database/sql, under the caller's context, when it
// hands out a pooled connection: the driver's round trip is bounded like a
// statement.
func (c *watchedConn) ResetSession(ctx context.Context) error {
	stop := watch(ctx, c.sockets, c.grace())
	err := c.Conn.ResetSession(ctx)
	if stop() {
		return driver.ErrBadConn
	}
	return err
}

// watch arms a watchdog over a wait on socks under ctx. stop disarms it,
// and says whether it fired: the wait had not ended grace after ctx did,
// and socks were closed.
func watch(ctx context.Context, socks []net.Conn, grace time.Duration) (stop func() bool) {
	if len(socks) == 0 {
		return func() bool { return false }
	}
	done := make(chan struct{})
	fired := make(chan bool, 1)
	go func() {
		select {
		case <-done:
			fired <- false
			return
		case <-ctx.Done():
		}
		t := time.NewTimer(grace)
		defer t.Stop()
		select {
		case <-done:
			fired <- false
		case <-t.C:
			for _, c := range socks {
				c.Close()
			}
			fired <- true
		}
	}()
	return func() bool {
		close(done)
		return <-fired
	}
}

// socketsOf returns the sockets of conn's driver connection (none when it
// is not a watchedConn). conn must not be in use: sql.Conn.Raw waits for
// the connection's lock, which a statement stuck in a read holds.
func socketsOf(conn *sql.Conn) []net.Conn {
	var socks []net.Conn
	conn.Raw(func(dc any) error {
		if wc, ok := dc.(*watchedConn); ok {
			socks = wc.sockets
		}
		return nil
	})
	return socks
}
