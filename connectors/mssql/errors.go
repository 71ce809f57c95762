package mssql

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"regexp"
	"strings"
	"syscall"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

// errContext is what describe needs to know about where an error happened.
type errContext struct {
	connecting       bool          // Open's first connection, not a statement
	addr             string        // host:port, for messages
	connectTimeout   time.Duration // the bound on connecting
	statementTimeout time.Duration // the bound on one statement
	// statementExpired is true when the statement's own deadline passed
	// while the caller's context was still live.
	statementExpired bool
	// unacknowledged is true when the server did not acknowledge the
	// cancel within grace and alcance closed the connection.
	unacknowledged bool
	grace          time.Duration
	callerDone     error  // the caller's ctx.Err() when the error came back
	password       string // scrubbed from every message
}

// describedError is an error with a message a user can act on. It unwraps
// to the driver's error (errors.Is(err, context.DeadlineExceeded) keeps
// working), except when that error's text quotes a row value.
type describedError struct {
	msg   string
	cause error
	// deadline makes errors.Is(err, context.DeadlineExceeded) true for a
	// statement that timed out, whatever error the driver returned (a
	// closed socket's, when the cancel was not acknowledged).
	deadline bool
}

func (e *describedError) Error() string { return e.msg }
func (e *describedError) Unwrap() error { return e.cause }
func (e *describedError) Is(target error) bool {
	return e.deadline && target == context.DeadlineExceeded
}

// describe turns a driver, network or context error into one a user can
// act on, without row values and without the password.
func describe(err error, ec errContext) error {
	if err == nil {
		return nil
	}
	msg, keep := explain(err, ec)
	msg = scrub(msg, ec.password)
	d := &describedError{msg: msg, deadline: ec.statementExpired}
	if keep {
		d.cause = err
	}
	return d
}

// explain is describe's message, and whether the original error may be
// kept as the cause.
//
// A network timeout (as opposed to a context's) can only come from
// connecting: the dialer puts a deadline on the socket for the handshake
// and lifts it once logged in, and the driver sets none of its own (see
// handshakeDialer). So it is explained as a connection failure even when a
// statement was what opened the connection.
func explain(err error, ec errContext) (string, bool) {
	var se mssql.Error
	if errors.As(err, &se) {
		return explainServer(se, ec)
	}
	ctxTimeout := errors.Is(err, context.DeadlineExceeded)
	switch {
	case ec.statementExpired && ec.unacknowledged:
		return fmt.Sprintf("statement timed out after %s (the statement timeout); SQL Server was asked to cancel it and did not acknowledge within %s, so alcance closed the connection", ec.statementTimeout, ec.grace), true
	case ec.statementExpired:
		return fmt.Sprintf("statement timed out after %s (the statement timeout); SQL Server was asked to cancel it", ec.statementTimeout), true
	case ec.unacknowledged && errors.Is(ec.callerDone, context.Canceled):
		return fmt.Sprintf("cancelled; SQL Server did not acknowledge the cancel within %s, so alcance closed the connection", ec.grace), true
	case errors.Is(ec.callerDone, context.Canceled):
		return "cancelled", true
	case ec.callerDone != nil:
		return "timed out: the scan's deadline passed; SQL Server was asked to cancel the statement", true
	case isDial(err) && (ctxTimeout || errors.Is(err, os.ErrDeadlineExceeded) || isTimeout(err)):
		// (A dial cut short by its context reports "i/o timeout", which
		// errors.Is matches to context.DeadlineExceeded.)
		return fmt.Sprintf("cannot connect to SQL Server at %s: no answer to the TCP connection within %s (the connect timeout): check the host and port, and that no firewall drops the connection", ec.addr, ec.connectTimeout), true
	case !ctxTimeout && (errors.Is(err, os.ErrDeadlineExceeded) || isTimeout(err)), ctxTimeout && ec.connecting:
		return fmt.Sprintf("SQL Server at %s did not complete the connection handshake within %s (the connect timeout): something accepts connections on that port but does not answer as SQL Server does (another service, a proxy, or a server too busy to log in)", ec.addr, ec.connectTimeout), true
	case ctxTimeout:
		return "timed out; SQL Server was asked to cancel the statement", true
	case errors.Is(err, context.Canceled):
		return "cancelled", true
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("cannot connect to SQL Server at %s: connection refused (nothing listens on that port: check the host and port, and that the server accepts TCP/IP connections)", ec.addr), true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Sprintf("cannot connect to SQL Server at %s: the host name does not resolve (%s)", ec.addr, dnsErr.Err), true
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		if ec.connecting {
			return fmt.Sprintf("SQL Server at %s closed the connection during the handshake (is it SQL Server? does it require encrypt=strict, or refuse this client's TLS?): %v", ec.addr, err), true
		}
		return fmt.Sprintf("the connection to SQL Server at %s was lost: %v", ec.addr, err), true
	}
	if ec.connecting {
		return fmt.Sprintf("cannot connect to SQL Server at %s: %v", ec.addr, err), true
	}
	return maskQuoted(err.Error()), true
}

// isTimeout reports a network timeout (an i/o deadline passing).
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// isDial reports an error from dialing, as opposed to one from reading or
// writing an established connection.
func isDial(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// valueQuoting are the SQL Server errors whose message quotes a value read
// from a row ("Conversion failed when converting the varchar value
// 'GOMC800101...' to data type int", "The duplicate key value is (...)",
// "Truncated value: '...'"). alcance's own statements convert nothing that
// can fail, but a view can; the message is withheld.
var valueQuoting = map[int32]bool{
	245:  true, // Conversion failed when converting the %ls value '%.*ls' to data type %ls.
	248:  true, // The conversion of the %ls value '%.*ls' overflowed an int column.
	2601: true, // Cannot insert duplicate key row ... The duplicate key value is %ls.
	2627: true, // Violation of %ls constraint ... The duplicate key value is %ls.
	2628: true, // String or binary data would be truncated ... Truncated value: '%.*ls'.
	8152: true, // String or binary data would be truncated (older servers; no value, withheld alike).
}

// explainServer explains an error SQL Server sent. Login failures carry
// several errors (4060 and then 18456 for a missing database): the most
// telling one is explained.
func explainServer(e mssql.Error, ec errContext) (string, bool) {
	all := e.All
	if len(all) == 0 {
		all = []mssql.Error{e}
	}
	pick := all[len(all)-1]
	for _, n := range []int32{4060, 911, 916, 976, 229, 230, 1222, 1205} {
		for _, x := range all {
			if x.Number == n {
				pick = x
			}
		}
	}
	for _, x := range all {
		if valueQuoting[x.Number] {
			return fmt.Sprintf("SQL Server error %d (a value could not be converted or stored; the server's message quotes the value and is withheld)", x.Number), false
		}
	}
	text := strings.TrimPrefix(pick.Message, "login error: ")
	switch pick.Number {
	case 18456:
		return fmt.Sprintf("%s (SQL Server error 18456): check the user name and password (in the URL, the password file or %s); the SQL Server error log records the exact reason", text, passwordEnv), true
	case 18452:
		return fmt.Sprintf("%s (SQL Server error 18452): the server accepts only Windows logins, or this domain is not trusted", text), true
	case 4060, 911:
		// 4060 at login ("Cannot open database"), 911 from servers that
		// report a missing database as "Database ... does not exist" (USE,
		// Babelfish's login): the same causes, the same remedy.
		return fmt.Sprintf("%s (SQL Server error %d): the database does not exist, is offline, or this login has no user in it", text, pick.Number), true
	case 916:
		return fmt.Sprintf("%s (SQL Server error 916): this login has no user in the database", text), true
	case 976:
		return fmt.Sprintf("%s (SQL Server error 976): the read-only routing sent alcance to a secondary replica that does not allow reads", text), true
	case 229, 230:
		return fmt.Sprintf("%s (SQL Server error %d): permission denied; the login needs SELECT on it (the db_datareader role grants SELECT on every table)", text, pick.Number), true
	case 208:
		return fmt.Sprintf("%s (SQL Server error 208): the table does not exist any more (dropped or renamed since it was listed?)", text), true
	case 1222:
		return fmt.Sprintf("another session holds a lock on the table, and alcance gave up after waiting %d ms rather than queue behind it (SQL Server error 1222); try again later, or read a replica", lockTimeoutMS), true
	case 1205:
		return "chosen as the deadlock victim (SQL Server error 1205): alcance runs at DEADLOCK_PRIORITY LOW so that the application's statement wins; try again", true
	}
	if !ec.connecting {
		// A login error cannot quote a row; a statement's might.
		text = maskQuoted(text)
	}
	if isPermission(pick) {
		return fmt.Sprintf("%s (SQL Server error %d): permission denied; the login needs SELECT on it (the db_datareader role grants SELECT on every table)", text, pick.Number), true
	}
	return fmt.Sprintf("%s (SQL Server error %d)", text, pick.Number), true
}

// permissionText matches the wording of permission errors: SQL Server's
// own under any number ("The SELECT permission was denied", "does not have
// permission"), and those of servers that speak TDS with other numbers
// (Babelfish passes on PostgreSQL's "permission denied for table").
var permissionText = regexp.MustCompile(`(?i)\bpermission (was )?denied\b|\bdenied permission\b|\b(does not|doesn't|not) have (the )?permissions?\b|\binsufficient privileges?\b`)

// isPermission says a server error is a refusal of permission: numbers 229
// and 230 (object and column), 262, 297, 300 and 15247, or any error
// worded as one. Such an error is not retried another way: the login is
// refused whatever alcance sends.
func isPermission(e mssql.Error) bool {
	switch e.Number {
	case 229, 230, 262, 297, 300, 15247:
		return true
	}
	return permissionText.MatchString(e.Message)
}

// quoted matches a single-quoted literal in a server message.
var quoted = regexp.MustCompile(`'(?:[^']|'')*'`)

// maskQuoted hides the single-quoted literals of a message that describe
// does not know: SQL Server quotes object names that way, but also, in
// some messages, values. The error number is kept for looking it up.
func maskQuoted(msg string) string {
	return quoted.ReplaceAllString(msg, "'…'")
}
