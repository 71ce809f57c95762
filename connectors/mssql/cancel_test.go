package mssql

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// Issue 11, point 5, and the SQL Server side of issue 13, item 2: no wait
// outlives the statement timeout by more than the cancel grace, whether
// the server never acknowledges the cancel or the network stops
// forwarding. Before the watchdog, go-mssqldb waited 5 s for the
// acknowledgement, 10 s when the statement ended without one (what
// Babelfish did), and a stalled read held the connection forever.

const (
	testTimeout = 200 * time.Millisecond
	testGrace   = 300 * time.Millisecond
	// bound is what a bounded wait may take: the timeout, the grace, and
	// slack for a loaded machine; far below the driver's own 5 s.
	bound = testTimeout + testGrace + 1500*time.Millisecond
)

var (
	lenta  = connectors.Table{Schema: "dbo", Name: "lenta"}
	rapida = connectors.Table{Schema: "dbo", Name: "rapida"}
)

func rapidaAnswers() map[string][]byte {
	return map[string][]byte{
		"SELECT COUNT_BIG(*) FROM [dbo].[rapida]": resultSet([]fakeCol{colInt("", 8)}, [][]byte{valInt8(3)}),
		// [dbo].[lenta] is never answered.
	}
}

// openBounded opens addr with the test timeout and grace.
func openBounded(t *testing.T, addr string) *source {
	t.Helper()
	opts := quick()
	opts.StatementTimeout = testTimeout
	s, _, err := openURL(t, "sqlserver://auditor@"+addr+"?database=d", opts)
	if err != nil {
		t.Fatal(err)
	}
	s.grace = testGrace
	return s
}

func TestCancelNotAcknowledged(t *testing.T) {
	for _, c := range []struct {
		name string
		mode attentionMode
	}{{"never answered", ignoreAttention}, {"ended without the acknowledgement", endWithoutAck}} {
		t.Run(c.name, func(t *testing.T) {
			f := newTDSFake(t, loginOK, standardQuery("d", rapidaAnswers()))
			f.setAttention(c.mode)
			s := openBounded(t, f.addr())
			start := time.Now()
			_, err := s.CountRows(context.Background(), lenta)
			took := time.Since(start)
			if err == nil {
				t.Fatal("a statement that never ends succeeded")
			}
			want := "counting rows of table [dbo].[lenta]: statement timed out after 200ms (the statement timeout); SQL Server was asked to cancel it and did not acknowledge within 300ms, so alcance closed the connection"
			if err.Error() != want {
				t.Fatalf("error = %v\nwant    %s", err, want)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("errors.Is(err, DeadlineExceeded) is false")
			}
			if took > bound {
				t.Fatalf("the statement returned after %v, want at most %v", took, bound)
			}
			// The closed connection is dropped; the next statement logs in again.
			if n, err := s.CountRows(context.Background(), rapida); err != nil || n != 3 {
				t.Fatalf("after the closed connection: %d, %v", n, err)
			}
			if logins, _, attentions, _ := f.snapshot(); len(logins) != 2 || attentions != 1 {
				t.Fatalf("%d logins and %d attentions, want 2 and 1", len(logins), attentions)
			}
		})
	}
}

// The caller's cancellation (SIGINT) is bounded the same way.
func TestCallerCancelNotAcknowledged(t *testing.T) {
	f := newTDSFake(t, loginOK, standardQuery("d", rapidaAnswers()))
	f.setAttention(ignoreAttention)
	s := openBounded(t, f.addr())
	s.opts.StatementTimeout = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := s.CountRows(ctx, lenta)
	if err == nil || !strings.Contains(err.Error(), "cancelled; SQL Server did not acknowledge the cancel within 300ms") {
		t.Fatalf("error = %v", err)
	}
	if took := time.Since(start); took > bound {
		t.Fatalf("took %v", took)
	}
}

// A loopback proxy that stops forwarding, without closing, mid-scan.
func TestStalledConnection(t *testing.T) {
	f := newTDSFake(t, loginOK, standardQuery("d", rapidaAnswers()))
	p := newStallProxy(t, f.addr())
	s := openBounded(t, p.addr())
	if n, err := s.CountRows(context.Background(), rapida); err != nil || n != 3 {
		t.Fatalf("before the stall: %d, %v", n, err)
	}

	// The pooled connection stalls: taking it from the pool resets the
	// session, a round trip that never completes.
	p.stallAll()
	start := time.Now()
	_, err := s.CountRows(context.Background(), rapida)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "statement timed out after 200ms") {
		t.Fatalf("error = %v", err)
	}
	if took := time.Since(start); took > bound {
		t.Fatalf("a stall while taking a connection held the statement %v", took)
	}

	// A fresh connection works.
	if n, err := s.CountRows(context.Background(), rapida); err != nil || n != 3 {
		t.Fatalf("on a fresh connection: %d, %v", n, err)
	}
}

// A server that stalls mid-result: the columns and a row arrive, then
// nothing, while the driver reads the next row.
func TestStallMidResult(t *testing.T) {
	f := newTDSFake(t, loginOK, standardQuery("d", rapidaAnswers()))
	f.stallAfter("SELECT [id] FROM [dbo].[parcial]",
		cat(tokColMetadata(colInt("id", 4)), tokRow(valInt4(1))))
	s := openBounded(t, f.addr())
	start := time.Now()
	rows := 0
	err := s.ReadColumns(context.Background(), connectors.Table{Schema: "dbo", Name: "parcial"},
		[]connectors.Column{{Name: "id", Type: "int", Kind: connectors.KindInteger}}, func([]string) error { rows++; return nil })
	took := time.Since(start)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "did not acknowledge within 300ms") {
		t.Fatalf("error = %v", err)
	}
	if rows != 1 {
		t.Errorf("%d rows read before the stall, want 1", rows)
	}
	if took > bound {
		t.Fatalf("a stall mid-result held the read %v", took)
	}
	if n, err := s.CountRows(context.Background(), rapida); err != nil || n != 3 {
		t.Fatalf("after the stall: %d, %v", n, err)
	}
}

// stallProxy forwards TCP between the client and target until stallAll,
// after which the connections open at that moment forward nothing more,
// and stay open. Later connections forward normally.
type stallProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	open   []*proxied
}

type proxied struct {
	stalled chan struct{}
	once    sync.Once
}

func newStallProxy(t *testing.T, target string) *stallProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{ln: ln, target: target}
	var conns []net.Conn
	var cmu sync.Mutex
	t.Cleanup(func() {
		ln.Close()
		cmu.Lock()
		for _, c := range conns {
			c.Close()
		}
		cmu.Unlock()
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			cmu.Lock()
			conns = append(conns, c, u)
			cmu.Unlock()
			pr := &proxied{stalled: make(chan struct{})}
			p.mu.Lock()
			p.open = append(p.open, pr)
			p.mu.Unlock()
			go pr.forward(u, c)
			go pr.forward(c, u)
		}
	}()
	return p
}

func (p *stallProxy) addr() string { return p.ln.Addr().String() }

func (p *stallProxy) stallAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, pr := range p.open {
		pr.once.Do(func() { close(pr.stalled) })
	}
	p.open = nil
}

// forward copies src to dst until the connection stalls, then holds what
// it read without writing it.
func (pr *proxied) forward(dst io.Writer, src io.Reader) {
	buf := make([]byte, 32*1024)
	for {
		n, err := src.Read(buf)
		select {
		case <-pr.stalled:
			return // stop forwarding; the sockets stay open
		default:
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
