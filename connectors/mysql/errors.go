package mysql

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/go-sql-driver/mysql"
)

// Server error numbers this package explains. MariaDB and MySQL share them
// except for the statement timeout (1969 and 3024).
const (
	erDBAccessDenied        = 1044 // user may not use the database
	erAccessDenied          = 1045 // wrong user or password
	erBadDB                 = 1049 // unknown database
	erTooManyConnections    = 1040
	erHostBlocked           = 1129
	erHostNotPrivileged     = 1130
	erTableAccessDenied     = 1142 // SELECT command denied ... for table
	erColumnAccessDenied    = 1143
	erNoSuchTable           = 1146
	erUnknownSystemVariable = 1193
	erLockWaitTimeout       = 1205
	erQueryInterrupted      = 1317
	erViewInvalid           = 1356 // a view's definer or invoker lacks rights, or its tables are gone
	erReadOnlyTransaction   = 1792
	erStatementTimeoutMaria = 1969 // max_statement_time exceeded
	erStatementTimeoutMySQL = 3024 // max_execution_time exceeded
	erLockDeadlock          = 1213
)

func isMySQLError(err error, numbers ...uint16) bool {
	var me *mysql.MySQLError
	if !errors.As(err, &me) {
		return false
	}
	for _, n := range numbers {
		if me.Number == n {
			return true
		}
	}
	return false
}

// connectError says, in words a user can act on, why a connection could
// not be made. The server's own message is kept after the explanation.
func connectError(err error, t target, timeout time.Duration, timedOut bool) error {
	addr := t.addr()
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case erAccessDenied:
			return fmt.Errorf("access denied: check the user name and the password (from the URL, --password-file or MYSQL_PWD): %w", err)
		case erDBAccessDenied:
			return fmt.Errorf("user %q may not use database %q: %w", t.user, t.db, err)
		case erBadDB:
			return fmt.Errorf("database %q does not exist on %s (or this user cannot see it): %w", t.db, addr, err)
		case erTooManyConnections:
			return fmt.Errorf("the server has no free connections; try again later: %w", err)
		case erHostBlocked, erHostNotPrivileged:
			return fmt.Errorf("the server refuses connections from this machine: %w", err)
		}
		return err
	}
	if timedOut {
		return fmt.Errorf("no answer from %s within %v (connect timeout): %w", addr, timeout, context.DeadlineExceeded)
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return fmt.Errorf("cannot reach %s: connection refused (is the server running, and is the port right?)", addr)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Errorf("cannot resolve host %q: %w", t.host, err)
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return fmt.Errorf("no answer from %s within %v (connect timeout): %w", addr, timeout, err)
	}
	if errors.Is(err, mysql.ErrInvalidConn) || errors.Is(err, mysql.ErrMalformPkt) {
		return fmt.Errorf("%s did not answer as a MySQL or MariaDB server: %w", addr, err)
	}
	return fmt.Errorf("connecting to %s: %w", addr, err)
}

// describe puts an explanation in front of the server errors a user can
// act on while reading a table. timeout is the statement timeout in force.
func describe(err error, timeout time.Duration) error {
	var me *mysql.MySQLError
	if !errors.As(err, &me) {
		return err
	}
	switch me.Number {
	case erTableAccessDenied, erColumnAccessDenied:
		return fmt.Errorf("permission denied: %w", err)
	case erViewInvalid:
		return fmt.Errorf("the view cannot be read (its definer or this user lacks rights, or a table it uses is gone): %w", err)
	case erStatementTimeoutMaria, erStatementTimeoutMySQL:
		return fmt.Errorf("timed out after %v (statement timeout): %w", timeout, err)
	case erLockWaitTimeout:
		return fmt.Errorf("gave up waiting %ds for a lock another session holds: %w", lockWait, err)
	case erNoSuchTable:
		return fmt.Errorf("no such table: %w", err)
	}
	return err
}

// scrub makes sure an error message never holds the password: drivers
// sometimes quote their DSN. An error whose message is clean is returned as
// is; otherwise its message is rewritten (keeping errors.Is for context
// errors, which callers test for). Passwords of fewer than 4 characters are
// not searched for: replacing them would garble every message, and they
// protect nothing anyway.
func scrub(err error, pass string) error {
	if err == nil || len(pass) < 4 || !strings.Contains(err.Error(), pass) {
		return err
	}
	return &scrubbed{msg: strings.ReplaceAll(err.Error(), pass, "xxxxx"),
		ctxErr: firstOf(err, context.Canceled, context.DeadlineExceeded)}
}

func firstOf(err error, targets ...error) error {
	for _, t := range targets {
		if errors.Is(err, t) {
			return t
		}
	}
	return nil
}

type scrubbed struct {
	msg    string
	ctxErr error
}

func (e *scrubbed) Error() string { return e.msg }
func (e *scrubbed) Unwrap() error { return e.ctxErr }
