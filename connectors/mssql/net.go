package mssql

import (
	"context"
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
// of each connection its inner connector makes, once it is made.
type liftingConnector struct {
	inner driver.Connector
}

func (c liftingConnector) Connect(ctx context.Context) (driver.Conn, error) {
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
	return conn, nil
}

// errSessionSetup says the server logged alcance in but refused a
// statement of sessionSetupSQL (the driver does not say which).
var errSessionSetup = errors.New("the server accepted the login but refused alcance's session settings (SET IMPLICIT_TRANSACTIONS, TRANSACTION ISOLATION LEVEL, LOCK_TIMEOUT, DEADLOCK_PRIORITY, TEXTSIZE, NOCOUNT); alcance does not read without them")

func (c liftingConnector) Driver() driver.Driver { return c.inner.Driver() }
