package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/go-sql-driver/mysql"
)

// Every operation of a source (Tables, Sample, ReadColumns, CountRows)
// holds one pooled connection for its duration, a session, for two things
// the driver does not do:
//
//   - Cancelling the server's work. When a context ends, the driver closes
//     the connection; the server notices only when it next writes to the
//     socket, so a statement that sends nothing for a while (a slow view, a
//     COUNT(*)) runs on to the statement timeout. The session watches the
//     context and sends KILL QUERY <id> from a connection of its own, the
//     MariaDB and MySQL way (a user may always kill its own statements),
//     and does the same when the connection is lost under a statement.
//     While it does, the source holds one connection more than MaxConns.
//   - Saying what happened to the network. The driver reports every
//     failure of the socket as ErrInvalidConn ("invalid connection"); the
//     socket each connection was dialled on (sock) remembers its first
//     error, so a silence past the read timeout, a reset and a close are
//     told apart, in messages and when deciding to retry (retry.go).

// sock is a connection's socket, remembering how it first failed.
type sock struct {
	net.Conn
	mu      sync.Mutex
	err     error
	onClose func()
}

func (c *sock) note(err error) {
	c.mu.Lock()
	if c.err == nil {
		c.err = err
	}
	c.mu.Unlock()
}

// failure is the socket's first error, or nil.
func (c *sock) failure() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *sock) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if err != nil {
		c.note(err)
	}
	return n, err
}

func (c *sock) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	if err != nil {
		c.note(err)
	}
	return n, err
}

func (c *sock) Close() error {
	if c.onClose != nil {
		c.onClose()
	}
	return c.Conn.Close()
}

// connInfo is what the connector knows of one of its connections.
type connInfo struct {
	id   uint64 // CONNECTION_ID(), for KILL QUERY
	sock *sock
}

// dialSlot carries the socket a dial made back to connector.Connect,
// through the context the driver hands its DialFunc.
type dialSlot struct{ sock *sock }

type dialSlotKey struct{}

// keepAlive probes an idle connection after 15 s, every 5 s, and gives it
// up after 3 unanswered probes: a server that vanished is noticed in about
// 30 s even when nothing is being read.
var keepAlive = net.KeepAliveConfig{Enable: true, Idle: 15 * time.Second, Interval: 5 * time.Second, Count: 3}

// dial is the driver's DialFunc: a TCP connection with keepalives, wrapped
// in a sock, which it leaves in the context's dialSlot.
func dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := net.Dialer{KeepAliveConfig: keepAlive}
	c, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	s := &sock{Conn: c}
	if slot, ok := ctx.Value(dialSlotKey{}).(*dialSlot); ok {
		slot.sock = s
	}
	return s, nil
}

// session is one pooled connection held for one operation.
type session struct {
	conn *sql.Conn
	info *connInfo // nil when the connection is not one the connector made
}

// session takes a connection from the pool for one operation.
func (s *source) session(ctx context.Context) (*session, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	sess := &session{conn: conn}
	conn.Raw(func(dc any) error {
		sess.info = s.conn.lookup(dc)
		return nil
	})
	return sess, nil
}

// guard kills the statement running on sess when ctx ends before stop is
// called (stop then returns once the kill is done: a caller that stops
// because it is told to, by a signal, leaves nothing running on the
// server), and, when stop is given the operation's error and that error is
// the connection's loss, kills it too, in the background: the network that
// lost the connection may not carry the kill either, and the caller should
// not wait for that.
func (s *source) guard(ctx context.Context, sess *session) (stop func(err error)) {
	if sess.info == nil {
		return func(error) {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	var killed bool
	go func() {
		defer close(finished)
		select {
		case <-ctx.Done():
			killed = true
			s.kill(sess.info.id)
		case <-done:
		}
	}()
	return func(err error) {
		close(done)
		<-finished
		if !killed && err != nil && sess.info.sock.failure() != nil {
			go s.kill(sess.info.id)
		}
	}
}

// kill sends KILL QUERY id from a connection of its own, connecting and
// running it within the connect timeout. It is best effort: the statement
// timeout still bounds the statement when this fails.
func (s *source) kill(id uint64) {
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.ConnectTimeout)
	defer cancel()
	conn, err := s.conn.base.Connect(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	execRaw(ctx, conn, "KILL QUERY "+strconv.FormatUint(id, 10))
	if killObserver != nil {
		killObserver(id)
	}
}

// killObserver, when set (by this package's tests), is told every
// connection id a kill was sent for.
var killObserver func(id uint64)

// close returns the session's connection to the pool (or, when it broke,
// lets the pool drop it).
func (sess *session) close() { sess.conn.Close() }

// lost explains an error of an operation on sess as the loss of its
// connection, or returns nil when it is not one: the driver says only
// "invalid connection"; the socket says what happened.
func (s *source) lost(err error, sess *session) error {
	if sess == nil || sess.info == nil || !(errors.Is(err, mysql.ErrInvalidConn) || errors.Is(err, driver.ErrBadConn)) {
		return nil
	}
	cause := sess.info.sock.failure()
	var ne net.Error
	switch {
	case cause == nil:
		return nil
	case errors.As(cause, &ne) && ne.Timeout():
		return &lostError{timedOut: true, msg: fmt.Sprintf("timed out: the server stopped answering (nothing received for %v: the statement timeout plus the connect timeout); the connection was dropped",
			s.opts.StatementTimeout+s.opts.ConnectTimeout)}
	case errors.Is(cause, syscall.ECONNRESET), errors.Is(cause, syscall.EPIPE):
		return &lostError{msg: fmt.Sprintf("the connection to %s was reset (by the server or the network)", s.t.addr())}
	case errors.Is(cause, io.EOF), errors.Is(cause, io.ErrUnexpectedEOF):
		return &lostError{msg: fmt.Sprintf("the connection to %s was closed (by the server or the network)", s.t.addr())}
	}
	return &lostError{msg: fmt.Sprintf("the connection to %s was lost: %v", s.t.addr(), cause)}
}

// lostError is a connection lost under an operation: to silence
// (timedOut), or to a reset or close, which a retry may overcome.
type lostError struct {
	msg      string
	timedOut bool
}

func (e *lostError) Error() string { return e.msg }

// Is makes a silence a timeout for errors.Is(err, context.DeadlineExceeded)
// callers: the engine words timeouts its own way.
func (e *lostError) Is(target error) bool {
	return e.timedOut && target == errStalled
}

// errStalled marks a connection given up for silence.
var errStalled = errors.New("stalled")
