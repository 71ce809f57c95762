package postgres

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// A server's statement_timeout bounds how long it works on a statement,
// not how long alcance waits for its answer: when the network stalls (a
// dead route, a hung firewall or proxy that neither forwards nor closes),
// the server's timeout error never arrives, and pgx, which sets no
// deadline of its own until a context ends, would wait as long as the
// caller's context allows (a table's, 30 minutes by default).
//
// watchdogConn bounds every wait on the socket instead: each Read and
// Write fails with a timeout when no byte moves for limit, the statement
// timeout plus a grace. Every statement alcance sends is bounded by the
// statement timeout on the server, lock waits by a shorter lock_timeout,
// and a FETCH of a cursor is a statement of its own, so a healthy server
// never leaves a pending read silent for longer. pgx treats the timeout as
// a broken connection and closes it. Keepalives (see configure) find a
// peer that is gone; the watchdog also finds one that is there but silent.
//
// Deadlines pgx sets (when a context ends, it sets one shortly after
// sending a cancel request) are kept: the earlier of theirs and the
// watchdog's applies.
type watchdogConn struct {
	net.Conn
	limit time.Duration
	// first is the limit until the first byte arrives: the connect
	// timeout. A connection that has yet to hear from the server is
	// connecting (pgx bounds that by the connect timeout too), or is a
	// cancel request, whose only answer is the server closing it: it must
	// not hold up pgx for the statement timeout.
	first time.Duration
	heard bool

	mu sync.Mutex
	// Deadlines as pgx set them (zero: none).
	readDeadline, writeDeadline time.Time
	// The watchdog's deadline for the read or write in progress (zero:
	// none in progress), so that pgx clearing its deadline mid-read does
	// not clear the watchdog's.
	readWatch, writeWatch time.Time
	// silent is set once the watchdog gave the connection up.
	silent error
}

func newWatchdogConn(c net.Conn, limit, first time.Duration) *watchdogConn {
	return &watchdogConn{Conn: c, limit: limit, first: min(first, limit)}
}

// limitNow is the limit for the next read or write. Called with c.mu held.
func (c *watchdogConn) limitNow() time.Duration {
	if !c.heard {
		return c.first
	}
	return c.limit
}

// earliest is the earlier of two deadlines, zero meaning none.
func earliest(a, b time.Time) time.Time {
	switch {
	case a.IsZero():
		return b
	case b.IsZero() || a.Before(b):
		return a
	}
	return b
}

func (c *watchdogConn) Read(b []byte) (int, error) {
	c.mu.Lock()
	if c.silent != nil {
		c.mu.Unlock()
		return 0, c.silent
	}
	limit := c.limitNow()
	c.readWatch = time.Now().Add(limit)
	err := c.Conn.SetReadDeadline(earliest(c.readDeadline, c.readWatch))
	c.mu.Unlock()
	if err != nil {
		return 0, err
	}
	n, err := c.Conn.Read(b)
	c.mu.Lock()
	c.heard = c.heard || n > 0
	err = c.judge(err, c.readDeadline, c.readWatch, limit)
	c.readWatch = time.Time{}
	c.mu.Unlock()
	return n, err
}

func (c *watchdogConn) Write(b []byte) (int, error) {
	c.mu.Lock()
	if c.silent != nil {
		c.mu.Unlock()
		return 0, c.silent
	}
	limit := c.limitNow()
	c.writeWatch = time.Now().Add(limit)
	err := c.Conn.SetWriteDeadline(earliest(c.writeDeadline, c.writeWatch))
	c.mu.Unlock()
	if err != nil {
		return 0, err
	}
	n, err := c.Conn.Write(b)
	c.mu.Lock()
	err = c.judge(err, c.writeDeadline, c.writeWatch, limit)
	c.writeWatch = time.Time{}
	c.mu.Unlock()
	return n, err
}

// judge looks at the error of a read or write that had the deadlines
// theirs (pgx's) and watch (the watchdog's, limit after it began). A timeout that is the
// watchdog's, not pgx's, condemns the connection: it is closed, and every
// later read and write fails at once, so that pgx, which reads again after
// a timeout (it takes timeouts for its own cancellation deadlines), does
// not wait a second time. Called with c.mu held.
func (c *watchdogConn) judge(err error, theirs, watch time.Time, limit time.Duration) error {
	var ne net.Error
	if err == nil || !errors.As(err, &ne) || !ne.Timeout() {
		return err
	}
	if !theirs.IsZero() && !theirs.After(watch) {
		return err // pgx's deadline: it will carry on with the connection
	}
	c.silent = &silentError{limit: limit}
	c.Conn.Close()
	return c.silent
}

// silentError is a connection given up because nothing moved on it for
// limit. It is a net.Error timeout, as pgx and describe expect.
type silentError struct{ limit time.Duration }

func (e *silentError) Error() string {
	return fmt.Sprintf("nothing received for %v", e.limit)
}
func (e *silentError) Timeout() bool   { return true }
func (e *silentError) Temporary() bool { return false }

func (c *watchdogConn) SetDeadline(t time.Time) error {
	if err := c.SetReadDeadline(t); err != nil {
		return err
	}
	return c.SetWriteDeadline(t)
}

func (c *watchdogConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.readDeadline = t
	return c.Conn.SetReadDeadline(earliest(t, c.readWatch))
}

func (c *watchdogConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writeDeadline = t
	return c.Conn.SetWriteDeadline(earliest(t, c.writeWatch))
}
