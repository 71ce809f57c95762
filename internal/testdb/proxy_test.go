package testdb

import (
	"errors"
	"io"
	"net"
	"syscall"
	"testing"
	"time"
)

// echoServer answers every byte with itself, on loopback.
func echoServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(c, c); c.Close() }()
		}
	}()
	return ln.Addr().String()
}

func roundTrip(c net.Conn, msg string, wait time.Duration) error {
	c.SetDeadline(time.Now().Add(wait))
	if _, err := c.Write([]byte(msg)); err != nil {
		return err
	}
	buf := make([]byte, len(msg))
	_, err := io.ReadFull(c, buf)
	return err
}

func TestProxy(t *testing.T) {
	p := NewProxy(t, echoServer(t))
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := roundTrip(c, "hola", time.Second); err != nil {
		t.Fatalf("forwarding: %v", err)
	}
	p.Stall()
	var ne net.Error
	if err := roundTrip(c, "hola", 200*time.Millisecond); !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("stalled: %v, want a timeout", err)
	}
	p.Resume()
	buf := make([]byte, 4)
	c.SetDeadline(time.Now().Add(time.Second))
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "hola" {
		t.Fatalf("after Resume: %q, %v", buf, err)
	}

	p.Cut(true)
	if err := roundTrip(c, "hola", time.Second); !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("after an RST cut: %v, want connection reset", err)
	}
	c2, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	p.CutAfter(8, false)
	if err := roundTrip(c2, "hola", time.Second); err != nil {
		t.Fatalf("before the cut: %v", err)
	}
	// The chunk that reaches 8 bytes is forwarded, then the connection is cut.
	if err := roundTrip(c2, "adios", time.Second); err != nil {
		t.Fatalf("the chunk that reaches the cut: %v", err)
	}
	if err := roundTrip(c2, "otra", time.Second); !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("after a FIN cut: %v, want EOF", err)
	}
	if p.ServerBytes() < 8 || p.Accepted() != 2 {
		t.Errorf("ServerBytes %d, Accepted %d", p.ServerBytes(), p.Accepted())
	}
}
