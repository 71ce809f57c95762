package mssql

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

// serverErr builds the error go-mssqldb returns for a list of server
// errors: the last one, carrying them all (see doneStruct.getError).
func serverErr(errs ...mssql.Error) mssql.Error {
	e := errs[len(errs)-1]
	e.All = errs
	return e
}

var baseCtx = errContext{
	addr:             "10.0.0.5:1433",
	connectTimeout:   10 * time.Second,
	statementTimeout: 5 * time.Minute,
	password:         "s3cret-Pw",
}

func TestDescribeServerErrors(t *testing.T) {
	login := baseCtx
	login.connecting = true
	cases := []struct {
		name string
		err  error
		ec   errContext
		want []string // substrings of the message
		not  []string // must not appear
	}{
		{"wrong password", serverErr(mssql.Error{Number: 18456, Class: 14, State: 1,
			Message: "login error: Login failed for user 'auditor'."}), login,
			[]string{"Login failed for user 'auditor'.", "18456", "password", "MSSQL_PASSWORD"}, []string{"login error:"}},
		// A missing database fails the login with 4060 and then 18456; 4060
		// is the useful one.
		{"missing database", serverErr(
			mssql.Error{Number: 4060, Class: 11, Message: `Cannot open database "padron" requested by the login. The login failed.`},
			mssql.Error{Number: 18456, Class: 14, Message: "login error: Login failed for user 'auditor'."}), login,
			[]string{`Cannot open database "padron"`, "4060", "does not exist"}, []string{"password"}},
		{"permission denied", serverErr(mssql.Error{Number: 229, Class: 14,
			Message: "The SELECT permission was denied on the object 'secreto', database 'padron', schema 'dbo'."}), baseCtx,
			[]string{"The SELECT permission was denied on the object 'secreto'", "229", "db_datareader"}, nil},
		{"column permission", serverErr(mssql.Error{Number: 230, Class: 14,
			Message: "The SELECT permission was denied on the column 'curp' of the object 'x', database 'd', schema 'dbo'."}), baseCtx,
			[]string{"230", "permission denied"}, nil},
		{"lock timeout", serverErr(mssql.Error{Number: 1222, Class: 16, Message: "Lock request time out period exceeded."}), baseCtx,
			[]string{"1222", "5000 ms", "lock"}, nil},
		{"deadlock", serverErr(mssql.Error{Number: 1205, Class: 13, Message: "Transaction (Process ID 61) was deadlocked..."}), baseCtx,
			[]string{"1205", "deadlock victim", "DEADLOCK_PRIORITY LOW"}, nil},
		{"gone", serverErr(mssql.Error{Number: 208, Class: 16, Message: "Invalid object name 'dbo.x'."}), baseCtx,
			[]string{"208", "does not exist"}, nil},
		// 911 gets 4060's hint: Babelfish (and USE) report a missing
		// database with it.
		{"database does not exist (911)", serverErr(mssql.Error{Number: 911, Class: 16,
			Message: `database "padron" does not exist`}), login,
			[]string{`database "padron" does not exist`, "911", "the database does not exist, is offline, or this login has no user in it"}, nil},
		// A refusal of permission under another number (Babelfish passes
		// PostgreSQL's wording on) is still explained as one.
		{"permission without 229", serverErr(mssql.Error{Number: 33557097, Class: 16,
			Message: "permission denied for table secreto"}), baseCtx,
			[]string{"permission denied for table secreto", "33557097", "the login needs SELECT", "db_datareader"}, nil},
		{"does not have permission", serverErr(mssql.Error{Number: 50000, Class: 16,
			Message: "User does not have permission to perform this action."}), baseCtx,
			[]string{"50000", "the login needs SELECT"}, nil},
		{"not a permission error", serverErr(mssql.Error{Number: 8134, Class: 16, Message: "Divide by zero error encountered."}), baseCtx,
			[]string{"8134"}, []string{"permission"}},
		{"no user in db", serverErr(mssql.Error{Number: 916, Class: 14,
			Message: `The server principal "auditor" is not able to access the database "padron" under the current security context.`}), login,
			[]string{"916", "no user in the database"}, nil},
		// Row values: withheld.
		{"conversion quotes a value", serverErr(mssql.Error{Number: 245, Class: 16,
			Message: "Conversion failed when converting the varchar value 'GOMC800101HDFRRL09' to data type int."}), baseCtx,
			[]string{"245", "withheld"}, []string{"GOMC800101HDFRRL09", "Conversion failed"}},
		{"truncation quotes a value", serverErr(mssql.Error{Number: 2628, Class: 16,
			Message: "String or binary data would be truncated in table 'd.dbo.x', column 'curp'. Truncated value: 'GOMC80'."}), baseCtx,
			[]string{"2628"}, []string{"GOMC80"}},
		// Unknown statement errors: quoted literals are masked, the number kept.
		{"unknown", serverErr(mssql.Error{Number: 9999, Class: 16, Message: "Something about 'GOMC800101HDFRRL09' happened."}), baseCtx,
			[]string{"Something about '…' happened.", "9999"}, []string{"GOMC"}},
		// At login nothing quotes a row, and the user name helps.
		{"unknown at login", serverErr(mssql.Error{Number: 18470, Class: 14,
			Message: "login error: Login failed for user 'auditor'. Reason: The account is disabled."}), login,
			[]string{"Login failed for user 'auditor'. Reason: The account is disabled.", "18470"}, nil},
		// The password, should a message ever hold it, is scrubbed.
		{"password in a message", fmt.Errorf("wrapped: %w", serverErr(mssql.Error{Number: 50000, Message: "bad: s3cret-Pw"})), login,
			[]string{"xxxxx"}, []string{"s3cret-Pw"}},
	}
	for _, c := range cases {
		got := describe(c.err, c.ec).Error()
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q does not say %q", c.name, got, w)
			}
		}
		for _, n := range c.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: %q says %q", c.name, got, n)
			}
		}
	}
}

// A withheld error cannot be reached through Unwrap either; the others can.
func TestDescribeUnwrap(t *testing.T) {
	var se mssql.Error
	leaky := describe(serverErr(mssql.Error{Number: 245, Message: "... value 'X' ..."}), baseCtx)
	if errors.As(leaky, &se) {
		t.Fatalf("the withheld server error is reachable: %v", se)
	}
	denied := describe(serverErr(mssql.Error{Number: 229, Message: "denied"}), baseCtx)
	if !errors.As(denied, &se) || se.Number != 229 {
		t.Fatalf("errors.As lost the server error: %v", denied)
	}
	expired := baseCtx
	expired.statementExpired = true
	if err := describe(context.DeadlineExceeded, expired); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("errors.Is(DeadlineExceeded) lost: %v", err)
	}
}

// timeoutErr is a network timeout, like a socket deadline passing.
type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestDescribeNetworkAndTimeouts(t *testing.T) {
	connecting := baseCtx
	connecting.connecting = true
	connecting.connectTimeout = time.Second
	expired := baseCtx
	expired.statementExpired = true
	expired.statementTimeout = 50 * time.Millisecond
	cancelled := baseCtx
	cancelled.callerDone = context.Canceled
	deadline := baseCtx
	deadline.callerDone = context.DeadlineExceeded
	refused := fmt.Errorf("unable to open tcp connection with host '127.0.0.1:1': %w",
		&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)})
	dialTimeout := fmt.Errorf("unable to open tcp connection with host '10.0.0.5:1433': %w",
		&net.OpError{Op: "dial", Net: "tcp", Err: timeoutErr{}})
	readTimeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	cases := []struct {
		name string
		err  error
		ec   errContext
		want string
	}{
		{"refused", refused, connecting, "cannot connect to SQL Server at 10.0.0.5:1433: connection refused"},
		{"refused later", refused, baseCtx, "connection refused"},
		{"no TCP answer", dialTimeout, connecting, "no answer to the TCP connection within 1s"},
		{"no TCP answer before the dial context's deadline", &net.OpError{Op: "dial", Net: "tcp", Err: context.DeadlineExceeded}, connecting,
			"no answer to the TCP connection within 1s"},
		{"silent after accept", readTimeout, connecting, "did not complete the connection handshake within 1s"},
		// A socket deadline only exists during the handshake, so a read
		// timeout is a connection problem even when a statement opened it.
		{"silent after accept, lazily", readTimeout, baseCtx, "did not complete the connection handshake"},
		{"Open's own deadline", context.DeadlineExceeded, connecting, "did not complete the connection handshake within 1s"},
		{"statement timeout", context.DeadlineExceeded, expired, "statement timed out after 50ms (the statement timeout)"},
		{"statement timeout, drain failed", mssql.StreamError{InnerError: errors.New("did not get cancellation confirmation")}, expired,
			"statement timed out after 50ms"},
		{"caller cancelled", context.Canceled, cancelled, "cancelled"},
		{"caller deadline", context.DeadlineExceeded, deadline, "the scan's deadline passed"},
		{"dns", &net.DNSError{Err: "no such host", Name: "nohost.invalid", IsNotFound: true}, connecting,
			"the host name does not resolve (no such host)"},
		{"reset at login", &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, connecting,
			"closed the connection during the handshake"},
	}
	for _, c := range cases {
		if got := describe(c.err, c.ec).Error(); !strings.Contains(got, c.want) {
			t.Errorf("%s: %q does not say %q", c.name, got, c.want)
		}
	}
	if describe(nil, baseCtx) != nil {
		t.Fatal("describe(nil) is not nil")
	}
}

func TestMaskQuoted(t *testing.T) {
	cases := map[string]string{
		"value 'abc' and 'it''s' here": "value '…' and '…' here",
		"no quotes":                    "no quotes",
		"'a'":                          "'…'",
	}
	for in, want := range cases {
		if got := maskQuoted(in); got != want {
			t.Errorf("maskQuoted(%q) = %q, want %q", in, got, want)
		}
	}
}

// A refusal of permission is never retried another way (TABLESAMPLE's
// fallback to one pass, a simpler catalog query), whatever its number.
func TestPermissionNotRetried(t *testing.T) {
	ctx := context.Background()
	for _, e := range []mssql.Error{
		{Number: 229, Message: "The SELECT permission was denied on the object 'x'."},
		{Number: 33557097, Message: "permission denied for table x"},
		{Number: 297, Message: "The user does not have permission to perform this action."},
		serverErr(mssql.Error{Number: 3701, Message: "x"}, mssql.Error{Number: 229, Message: "The SELECT permission was denied on the object 'x'."}),
	} {
		if refusedSample(ctx, e) {
			t.Errorf("%d %q: retried as a refused TABLESAMPLE", e.Number, e.Message)
		}
		if !isPermission(e) && len(e.All) == 0 {
			t.Errorf("%d %q: not recognised as a permission error", e.Number, e.Message)
		}
	}
	for _, e := range []mssql.Error{
		{Number: 10794, Message: "The operation 'TABLESAMPLE' is not supported with memory optimized tables."},
		{Number: 33557097, Message: "syntax error at or near \"TABLESAMPLE\""},
	} {
		if !refusedSample(ctx, e) {
			t.Errorf("%d %q: not taken for a refused TABLESAMPLE", e.Number, e.Message)
		}
		if isPermission(e) {
			t.Errorf("%d %q: taken for a permission error", e.Number, e.Message)
		}
	}
}
