package mssql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// A fake database/sql driver: it answers only the statements a test scripts
// (by exact text), records every statement it receives with its arguments,
// and fails anything else, including any attempt to begin a transaction or
// to Exec. Tests of the source's orchestration (which statements, in which
// order, which fallbacks) run on it without a server; the values it returns
// are of the Go types go-mssqldb returns.

type fakeAnswer struct {
	cols []string
	rows [][]driver.Value
	err  error // returned by the query itself
	// blockAfter, when >= 0, makes the result block after that many rows
	// until the statement's context ends (a slow server).
	blockAfter int
}

type fakeCall struct {
	query string
	args  []any
}

type fakeServer struct {
	mu      sync.Mutex
	answers map[string]fakeAnswer
	calls   []fakeCall
	begins  int // transactions attempted
	execs   int // Exec attempted
}

func newFakeServer() *fakeServer {
	return &fakeServer{answers: map[string]fakeAnswer{}}
}

// answer scripts the result of query.
func (f *fakeServer) answer(query string, cols []string, rows ...[]driver.Value) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answers[query] = fakeAnswer{cols: cols, rows: rows, blockAfter: -1}
}

func (f *fakeServer) answerErr(query string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answers[query] = fakeAnswer{err: err, blockAfter: -1}
}

func (f *fakeServer) answerBlocking(query string, cols []string, after int, rows ...[]driver.Value) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answers[query] = fakeAnswer{cols: cols, rows: rows, blockAfter: after}
}

func (f *fakeServer) queries() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		out = append(out, c.query)
	}
	return out
}

func (f *fakeServer) Connect(context.Context) (driver.Conn, error) { return &fakeConn{f: f}, nil }
func (f *fakeServer) Driver() driver.Driver                        { return fakeDriver{} }

type fakeDriver struct{}

func (fakeDriver) Open(string) (driver.Conn, error) { return nil, errors.New("use the connector") }

type fakeConn struct{ f *fakeServer }

func (c *fakeConn) Prepare(string) (driver.Stmt, error) {
	return nil, errors.New("fake: Prepare not expected")
}
func (c *fakeConn) Close() error { return nil }
func (c *fakeConn) Begin() (driver.Tx, error) {
	c.f.mu.Lock()
	c.f.begins++
	c.f.mu.Unlock()
	return nil, errors.New("fake: transactions are forbidden")
}
func (c *fakeConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.f.mu.Lock()
	c.f.execs++
	c.f.mu.Unlock()
	return nil, errors.New("fake: Exec is forbidden")
}

func (c *fakeConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.f.mu.Lock()
	call := fakeCall{query: query}
	for _, a := range args {
		call.args = append(call.args, a.Value)
	}
	c.f.calls = append(c.f.calls, call)
	a, ok := c.f.answers[query]
	c.f.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("fake: unscripted statement %q", query)
	}
	if a.err != nil {
		return nil, a.err
	}
	return &fakeRows{ctx: ctx, a: a}, nil
}

type fakeRows struct {
	ctx context.Context
	a   fakeAnswer
	i   int
}

func (r *fakeRows) Columns() []string { return r.a.cols }
func (r *fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if r.a.blockAfter >= 0 && r.i >= r.a.blockAfter {
		<-r.ctx.Done()
		return r.ctx.Err()
	}
	if r.i >= len(r.a.rows) {
		return io.EOF
	}
	copy(dest, r.a.rows[r.i])
	r.i++
	return nil
}

// fakeSource is a source over a fake server.
func fakeSource(t testing.TB, f *fakeServer, opts connectors.Options) *source {
	t.Helper()
	db := sql.OpenDB(f)
	db.SetMaxOpenConns(2)
	t.Cleanup(func() { db.Close() })
	seed := uint64(7)
	return &source{
		db:             db,
		info:           connectors.Info{Kind: kindName, Name: "padron", Location: "sqlserver://auditor@10.0.0.5:1433?database=padron"},
		opts:           opts,
		connectTimeout: time.Second,
		password:       "s3cret-Pw",
		addr:           "10.0.0.5:1433",
		grace:          cancelGrace,
		seed:           &seed,
	}
}

// checkReadOnly fails unless every statement the fake received was a
// SELECT, and nothing began a transaction or executed.
func checkReadOnly(t testing.TB, f *fakeServer) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.begins != 0 || f.execs != 0 {
		t.Fatalf("the source began %d transactions and ran %d Execs; it must do neither", f.begins, f.execs)
	}
	for _, c := range f.calls {
		if !strings.HasPrefix(c.query, "SELECT ") {
			t.Fatalf("statement is not a SELECT: %q", c.query)
		}
	}
}
