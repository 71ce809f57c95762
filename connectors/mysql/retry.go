package mysql

import (
	"context"
	"errors"
	"fmt"
	"github.com/alcance-mx/alcance/connectors"
	"math/rand/v2"
	"time"
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
// Only a lost connection (lostError, not timed out) is retried. A server
// error (a permission, a statement timeout, a DBA's KILL) is an answer, and
// a silent connection has already cost the statement timeout plus its
// grace: waiting that again would break the promise that no stalled
// connection is waited on longer.
const maxTries = 4

// retryDelay is the wait before the first retry (a variable for tests).
var retryDelay = 500 * time.Millisecond

// repeat runs op, each time on a session of its own (withSession), until
// it succeeds, fails for a reason other than a lost connection, or has
// lost its connection maxTries times. The error is explained, and says
// how many attempts lost their connection.
func (s *source) repeat(ctx context.Context, op func(*session) error) error {
	delay := retryDelay
	lost := 0
	for {
		err := s.withSession(ctx, op)
		var le *lostError
		if err == nil || ctx.Err() != nil || !errors.As(err, &le) || le.timedOut {
			return retried(err, lost)
		}
		lost++
		if lost == maxTries {
			return retried(err, lost)
		}
		wait := time.Duration(float64(delay) * (0.8 + 0.4*rand.Float64()))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return retried(err, lost)
		}
		delay *= 2
	}
}

// retried adds to err how many attempts lost their connection.
func retried(err error, lost int) error {
	switch {
	case err == nil || lost == 0:
		return err
	case lost >= maxTries:
		return fmt.Errorf("%w (the connection was lost on each of %d attempts; alcance gave up): %w", err, lost, connectors.ErrConnectionLost)
	}
	return fmt.Errorf("%w (after the connection was lost %d times)", err, lost)
}
