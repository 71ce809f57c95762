package postgres

import (
	"errors"
	"net"
	"testing"
	"time"
)

// silentPeer is a loopback connection whose other end never writes.
func silentPeer(t *testing.T) net.Conn {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err == nil {
			t.Cleanup(func() { c.Close() })
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestWatchdogConn(t *testing.T) {
	// pgx's own deadline (a cancelled context) wins when earlier: a plain
	// timeout, and the connection lives on.
	c := newWatchdogConn(silentPeer(t), time.Second, time.Second)
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	_, err := c.Read(make([]byte, 1))
	var ne net.Error
	var silent *silentError
	if !errors.As(err, &ne) || !ne.Timeout() || errors.As(err, &silent) {
		t.Fatalf("read past pgx's deadline: %v, want a plain timeout", err)
	}
	// pgx clearing its deadline does not clear the watchdog's: the read
	// gives up after the limit, and the connection is condemned.
	c.SetReadDeadline(time.Time{})
	start := time.Now()
	_, err = c.Read(make([]byte, 1))
	if el := time.Since(start); !errors.As(err, &silent) || el < 900*time.Millisecond || el > 3*time.Second {
		t.Fatalf("read with nothing coming: %v after %v, want the watchdog's timeout after 1s", err, el)
	}
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("the watchdog's error is not a net.Error timeout: %v", err)
	}
	start = time.Now()
	if _, err := c.Read(make([]byte, 1)); !errors.As(err, &silent) || time.Since(start) > 100*time.Millisecond {
		t.Errorf("a read on a condemned connection: %v after %v, want the same error at once", err, time.Since(start))
	}
	if _, err := c.Write([]byte("x")); !errors.As(err, &silent) {
		t.Errorf("a write on a condemned connection: %v", err)
	}
}
