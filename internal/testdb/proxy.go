package testdb

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// Proxy forwards TCP connections from a loopback port to a server, and
// misbehaves on demand the way networks do: it stalls (stops forwarding,
// in both directions, without closing anything, as a dead route or a hung
// middlebox does) or cuts connections (with a FIN, or with an RST). Tests
// point a connector at Addr instead of the server.
type Proxy struct {
	ln     net.Listener
	target string

	mu      sync.Mutex
	conns   map[*proxyConn]bool
	stalled bool
	unstall chan struct{} // closed by Resume
	closed  bool
	// stallAfter, when > 0: every connection stalls once that many bytes
	// came from the server on it.
	stallAfter int64
	// cutAt, when > 0: the connection on which the server's bytes (all
	// connections together) reach it is cut (with an RST when cutRST), once.
	cutAt  int64
	cutRST bool

	fromServer atomic.Int64
	accepted   atomic.Int64
}

type proxyConn struct {
	client, server net.Conn
	fromServer     atomic.Int64
	stalled        atomic.Bool
}

// NewProxy starts a proxy on 127.0.0.1 forwarding to target (host:port);
// it is closed when the test ends.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{ln: ln, target: target, conns: map[*proxyConn]bool{}, unstall: make(chan struct{})}
	go p.accept()
	t.Cleanup(p.Close)
	return p
}

// Addr is the proxy's host:port.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// ServerBytes is how many bytes came from the server, over all connections.
func (p *Proxy) ServerBytes() int64 { return p.fromServer.Load() }

// Accepted is how many connections the proxy has accepted.
func (p *Proxy) Accepted() int64 { return p.accepted.Load() }

// Stall stops forwarding on every connection, open and future: nothing is
// closed, bytes in flight stay in the proxy, and a reader on either side
// waits for ever. New connections are accepted and stall at once.
func (p *Proxy) Stall() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stalled = true
}

// Resume undoes Stall.
func (p *Proxy) Resume() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stalled {
		p.stalled = false
		close(p.unstall)
		p.unstall = make(chan struct{})
	}
}

// StallAfter makes every connection stall once n bytes came from the
// server on it: mid-read on a connection that reads more than n, while
// connections that read less (a handshake) go on.
func (p *Proxy) StallAfter(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stallAfter = n
}

// CutAfter cuts, once, the connection that is forwarding when n more
// bytes have come from the server (over all connections, from now): with
// an RST when rst, else with a FIN, to the client; the server side is
// closed. Later connections are forwarded normally.
func (p *Proxy) CutAfter(n int64, rst bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cutAt, p.cutRST = p.fromServer.Load()+max(n, 1), rst
}

// Cut closes every open connection now, with an RST when rst, else with a
// FIN; later connections are forwarded normally.
func (p *Proxy) Cut(rst bool) {
	p.mu.Lock()
	conns := make([]*proxyConn, 0, len(p.conns))
	for c := range p.conns {
		conns = append(conns, c)
	}
	p.mu.Unlock()
	for _, c := range conns {
		p.cut(c, rst)
	}
}

func (p *Proxy) cut(c *proxyConn, rst bool) {
	if tc, ok := c.client.(*net.TCPConn); ok && rst {
		tc.SetLinger(0) // Close sends an RST
	}
	c.client.Close()
	c.server.Close()
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
}

// Close stops the proxy and closes every connection.
func (p *Proxy) Close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	p.stalled = false
	close(p.unstall)
	conns := p.conns
	p.conns = map[*proxyConn]bool{}
	p.mu.Unlock()
	p.ln.Close()
	for c := range conns {
		c.client.Close()
		c.server.Close()
	}
}

func (p *Proxy) accept() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.accepted.Add(1)
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			client.Close()
			continue
		}
		c := &proxyConn{client: client, server: server}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			client.Close()
			server.Close()
			return
		}
		p.conns[c] = true
		p.mu.Unlock()
		go p.pipe(c, client, server, false)
		go p.pipe(c, server, client, true)
	}
}

// wait blocks while the proxy or c is stalled; false when the proxy closed.
func (p *Proxy) wait(c *proxyConn) bool {
	for {
		p.mu.Lock()
		stalled, ch, closed := p.stalled || c.stalled.Load(), p.unstall, p.closed
		p.mu.Unlock()
		if closed {
			return false
		}
		if !stalled {
			return true
		}
		<-ch
	}
}

func (p *Proxy) pipe(c *proxyConn, from, to net.Conn, fromServer bool) {
	buf := make([]byte, 32<<10)
	for {
		if !p.wait(c) {
			return
		}
		n, err := from.Read(buf)
		if n > 0 {
			if !p.wait(c) {
				return
			}
			if _, werr := to.Write(buf[:n]); werr != nil {
				return
			}
			if fromServer {
				all := p.fromServer.Add(int64(n))
				total := c.fromServer.Add(int64(n))
				p.mu.Lock()
				stallAfter, cut, rst := p.stallAfter, p.cutAt > 0 && all >= p.cutAt, p.cutRST
				if cut {
					p.cutAt = 0
				}
				p.mu.Unlock()
				if cut {
					p.cut(c, rst)
					return
				}
				if stallAfter > 0 && total >= stallAfter {
					c.stalled.Store(true)
				}
			}
		}
		if err != nil {
			if err == io.EOF {
				// Pass the half-close on, as TCP would.
				if tc, ok := to.(*net.TCPConn); ok {
					tc.CloseWrite()
					return
				}
			}
			to.Close()
			return
		}
	}
}
