package postgres

import (
	"context"
	"errors"
	"fmt"
	"github.com/alcance-mx/alcance/connectors"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// A connection lost in the middle of a read (a reset, a close: a server
// restarting, a firewall dropping an idle flow, a network blip) must not
// become a smaller answer. Every read here can be done again: Tables,
// Sample and CountRows start over (a Sample is drawn afresh: nothing of
// the lost attempt is kept), and ReadColumns resumes, so that its callback
// never sees a row twice (see ReadColumns). A read is attempted up to
// maxTries times, waiting retryDelay, then twice that, and so on
// (jittered), between attempts; when every attempt loses its connection,
// the last error is returned, saying so.
//
// Only a lost connection is retried, a server shutting down or not yet up
// included (a restart: admin_shutdown, which a DBA terminating the session
// also sends, and cannot_connect_now). Any other server error (a
// permission, a statement timeout) is an answer, and a silent connection
// (watchdogConn) has already cost the statement timeout plus its grace:
// waiting that again would break the promise that no stalled connection is
// waited on longer.
const maxTries = 4

// retryDelay is the wait before the first retry (a variable for tests).
var retryDelay = 500 * time.Millisecond

// repeat runs op until it succeeds, fails for a reason other than a lost
// connection, or has lost its connection maxTries times; lost is how
// many attempts lost their connection.
func (s *source) repeat(ctx context.Context, op func() error) (lost int, err error) {
	delay := retryDelay
	for {
		err = op()
		if err == nil || ctx.Err() != nil || !lostConnection(err) {
			return lost, err
		}
		lost++
		if lost == maxTries {
			return lost, err
		}
		wait := time.Duration(float64(delay) * (0.8 + 0.4*rand.Float64()))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return lost, err
		}
		delay *= 2
	}
}

// lostConnection says whether err is the loss of the connection under a
// read: a reset, a close, a refused reconnection (a restarting server).
func lostConnection(err error) bool {
	var pgErr *pgconn.PgError
	var silent *silentError
	var ne net.Error
	switch {
	case errors.As(err, &pgErr):
		// A server going down or not up yet says so before it closes:
		// admin_shutdown, crash_shutdown, cannot_connect_now, and the
		// connection exceptions. A restart is then a lost connection.
		switch pgErr.Code {
		case "57P01", "57P02", "57P03":
			return true
		}
		return strings.HasPrefix(pgErr.Code, "08")
	case errors.As(err, &silent):
		return false
	case errors.As(err, &ne) && ne.Timeout():
		return false
	}
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, net.ErrClosed) ||
		// pgx found the connection closed under it before it could use
		// it again: closed by a reset or EOF it read between statements
		// (a ctx that ended, which also closes it, is not retried).
		errors.Is(err, pgconn.ErrConnClosed)
}

// retried adds to err, already described, how many attempts lost their
// connection.
func retried(err error, lost int) error {
	switch {
	case lost == 0:
		return err
	case lost >= maxTries:
		return fmt.Errorf("%w (the connection was lost on each of %d attempts; alcance gave up): %w", err, lost, connectors.ErrConnectionLost)
	}
	return fmt.Errorf("%w (after the connection was lost %d times)", err, lost)
}
