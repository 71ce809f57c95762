package mssql

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"unicode/utf16"
)

// A fake SQL Server, on 127.0.0.1 only, speaking just enough TDS 7.4 for
// go-mssqldb to log in and run batches: it answers PRELOGIN without
// encryption, records the LOGIN7 record (so tests can see what alcance
// puts on the wire), answers it as the test says, then records each SQL
// batch (and whether it asked for a session reset) and each attention, and
// answers batches with the token streams the test gives. It exists because
// no SQL Server can run here; what it cannot show (real permissions,
// TABLESAMPLE, collations) the live tests check.

type attentionMode int

const (
	ackAttention attentionMode = iota
	ignoreAttention
	endWithoutAck
)

// stallAfter makes the fake answer sql with part (under 4 KB) and then
// stall: it neither writes nor reads that connection again.
func (f *tdsFake) stallAfter(sql string, part []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.partial == nil {
		f.partial = map[string][]byte{}
	}
	f.partial[sql] = part
}

func (f *tdsFake) partialAnswer(sql string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.partial[sql]
	return p, ok
}

func (f *tdsFake) setAttention(m attentionMode) {
	f.mu.Lock()
	f.attention = m
	f.mu.Unlock()
}

// TDS packet types.
const (
	pktBatch     = 1
	pktRPC       = 3
	pktReply     = 4
	pktAttention = 6
	pktLogin7    = 16
	pktPrelogin  = 18
)

type login7 struct {
	user, password, app, server, database, changePassword string
	typeFlags                                             byte
}

type batch struct {
	sql   string
	reset bool // the packet asked the server to reset the session first
}

type tdsFake struct {
	ln net.Listener
	// login answers a LOGIN7 with a token stream.
	login func(l login7) []byte
	// query answers a batch with a token stream; nil means never answer
	// (a statement that runs forever) until an attention arrives.
	query func(sql string) []byte

	mu sync.Mutex
	// attention is how the fake answers an attention: ackAttention (as
	// SQL Server does), ignoreAttention (never), or endWithoutAck (it
	// ends the statement with an error but never acknowledges the cancel,
	// as Babelfish does on a slow view).
	attention  attentionMode
	partial    map[string][]byte // see partialAnswer
	done       chan struct{}     // closed when the test ends
	logins     []login7
	batches    []batch
	rpcs       int
	attentions int
	closed     int // client connections that ended
}

func newTDSFake(t *testing.T, login func(login7) []byte, query func(string) []byte) *tdsFake {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &tdsFake{ln: ln, login: login, query: query, done: make(chan struct{})}
	t.Cleanup(func() { ln.Close(); close(f.done) })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(c)
		}
	}()
	return f
}

func (f *tdsFake) addr() string { return f.ln.Addr().String() }

func (f *tdsFake) snapshot() (logins []login7, batches []batch, attentions, closed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]login7(nil), f.logins...), append([]batch(nil), f.batches...), f.attentions, f.closed
}

func (f *tdsFake) serve(c net.Conn) {
	defer func() {
		c.Close()
		f.mu.Lock()
		f.closed++
		f.mu.Unlock()
	}()
	typ, _, payload, err := readMessage(c)
	if err != nil || typ != pktPrelogin {
		return
	}
	writeMessage(c, pktReply, preloginReply())
	typ, _, payload, err = readMessage(c)
	if err != nil || typ != pktLogin7 {
		return
	}
	l := parseLogin7(payload)
	f.mu.Lock()
	f.logins = append(f.logins, l)
	f.mu.Unlock()
	writeMessage(c, pktReply, f.login(l))
	for {
		typ, status, payload, err := readMessage(c)
		if err != nil {
			return
		}
		switch typ {
		case pktBatch:
			// ALL_HEADERS: a total length, then the headers.
			n := binary.LittleEndian.Uint32(payload)
			sql := fromUCS2(payload[n:])
			f.mu.Lock()
			f.batches = append(f.batches, batch{sql: sql, reset: status&0x08 != 0})
			f.mu.Unlock()
			if part, ok := f.partialAnswer(sql); ok {
				// The first part of an answer, in a packet that is not
				// the last of its message, and then nothing: a server
				// that stalls mid-result (and reads nothing more).
				h := []byte{pktReply, 0, 0, 0, 0, 0, 1, 0}
				binary.BigEndian.PutUint16(h[2:4], uint16(len(part)+8))
				c.Write(append(h, part...))
				<-f.done
				return
			}
			if resp := f.query(sql); resp != nil {
				writeMessage(c, pktReply, resp)
			}
		case pktRPC:
			f.mu.Lock()
			f.rpcs++
			f.mu.Unlock()
			writeMessage(c, pktReply, cat(tokError(50000, 16, "fake: RPC not scripted"), tokDone(doneErr, 0, 0)))
		case pktAttention:
			f.mu.Lock()
			f.attentions++
			mode := f.attention
			f.mu.Unlock()
			switch mode {
			case ackAttention:
				writeMessage(c, pktReply, tokDone(doneAttn, 0, 0))
			case endWithoutAck:
				writeMessage(c, pktReply, cat(tokError(3621, 16, "The statement has been terminated."), tokDone(doneErr, 0, 0)))
			}
		default:
			return
		}
	}
}

// readMessage reads the packets of one message up to the one marked end
// of message.
func readMessage(r io.Reader) (typ, status byte, payload []byte, err error) {
	for {
		var h [8]byte
		if _, err = io.ReadFull(r, h[:]); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint16(h[2:4])) - 8
		body := make([]byte, n)
		if _, err = io.ReadFull(r, body); err != nil {
			return
		}
		typ, status = h[0], status|h[1]
		payload = append(payload, body...)
		if h[1]&0x01 != 0 {
			return
		}
	}
}

// writeMessage writes a message in packets of at most 4,096 bytes, the
// size the driver asks for.
func writeMessage(w io.Writer, typ byte, payload []byte) error {
	const max = 4096 - 8
	id := byte(1)
	for {
		n := min(len(payload), max)
		status := byte(0)
		if n == len(payload) {
			status = 0x01
		}
		h := []byte{typ, status, 0, 0, 0, 0, id, 0}
		binary.BigEndian.PutUint16(h[2:4], uint16(n+8))
		if _, err := w.Write(append(h, payload[:n]...)); err != nil {
			return err
		}
		payload = payload[n:]
		id++
		if status == 0x01 {
			return nil
		}
	}
}

// preloginReply: VERSION and ENCRYPTION = not supported, so the driver
// (with encrypt left unset) logs in without TLS.
func preloginReply() []byte {
	const opts = 2*5 + 1
	b := []byte{
		0x00, 0, opts, 0, 6, // VERSION at opts, 6 bytes
		0x01, 0, opts + 6, 0, 1, // ENCRYPTION after it, 1 byte
		0xFF,
		16, 0, 0, 0, 0, 0, // version 16.0
		0x02, // ENCRYPT_NOT_SUP
	}
	return b
}

func parseLogin7(p []byte) login7 {
	field := func(at int) []byte {
		off := int(binary.LittleEndian.Uint16(p[at:]))
		n := int(binary.LittleEndian.Uint16(p[at+2:]))
		return p[off : off+2*n]
	}
	demangle := func(b []byte) string {
		out := make([]byte, len(b))
		for i, c := range b {
			x := c ^ 0xA5
			out[i] = x<<4 | x>>4
		}
		return fromUCS2(out)
	}
	return login7{
		typeFlags:      p[26],
		user:           fromUCS2(field(40)),
		password:       demangle(field(44)),
		app:            fromUCS2(field(48)),
		server:         fromUCS2(field(52)),
		database:       fromUCS2(field(68)),
		changePassword: demangle(field(86)),
	}
}

func ucs2(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}

func fromUCS2(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func le16(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }
func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
func le64(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

func bvarchar(s string) []byte {
	return append([]byte{byte(len(utf16.Encode([]rune(s))))}, ucs2(s)...)
}

func usvarchar(s string) []byte {
	return append(le16(uint16(len(utf16.Encode([]rune(s))))), ucs2(s)...)
}

// DONE status bits.
const (
	doneErr   = 0x02
	doneCnt   = 0x10
	doneAttn  = 0x20
	curSelect = 0xC1
)

func tokDone(status, curCmd uint16, rows uint64) []byte {
	return cat([]byte{0xFD}, le16(status), le16(curCmd), le64(rows))
}

func tokError(number int32, class byte, msg string) []byte {
	body := cat(le32(uint32(number)), []byte{1, class}, usvarchar(msg), bvarchar("FAKESQL"), bvarchar(""), le32(1))
	return cat([]byte{0xAA}, le16(uint16(len(body))), body)
}

func tokLoginAck() []byte {
	body := cat([]byte{1}, []byte{0x74, 0x00, 0x00, 0x04}, bvarchar("Microsoft SQL Server"), []byte{16, 0, 0x10, 0x00})
	return cat([]byte{0xAD}, le16(uint16(len(body))), body)
}

// loginOK accepts any login.
func loginOK(login7) []byte { return cat(tokLoginAck(), tokDone(0, 0, 0)) }

// Column descriptions for COLMETADATA.
type fakeCol struct {
	name string
	ti   []byte // TYPE_INFO
}

// Collations: SQL_Latin1_General_CP1_CI_AS (LCID 0x0409, sort id 52,
// code page 1252), and Latin1_General_100_CI_AS_SC_UTF8 (LCID 0x0409, the
// fUTF8 flag 0x04000000, sort id 0).
var (
	collCP1252 = []byte{0x09, 0x04, 0xD0, 0x00, 52}
	collUTF8   = []byte{0x09, 0x04, 0xD0, 0x24, 0}
)

func colNVarChar(name string, chars int) fakeCol {
	return fakeCol{name, cat([]byte{0xE7}, le16(uint16(2*chars)), collCP1252)}
}
func colVarChar(name string, size int, coll []byte) fakeCol {
	return fakeCol{name, cat([]byte{0xA7}, le16(uint16(size)), coll)}
}
func colInt(name string, size byte) fakeCol { return fakeCol{name, []byte{0x26, size}} }

func tokColMetadata(cols ...fakeCol) []byte {
	b := cat([]byte{0x81}, le16(uint16(len(cols))))
	for _, c := range cols {
		b = cat(b, le32(0), le16(0x0001), c.ti, bvarchar(c.name))
	}
	return b
}

// Row values.
func valNVarChar(s string) []byte { return cat(le16(uint16(2*len(utf16.Encode([]rune(s))))), ucs2(s)) }
func valBytes(b []byte) []byte    { return cat(le16(uint16(len(b))), b) }
func valInt4(v int32) []byte      { return cat([]byte{4}, le32(uint32(v))) }
func valInt8(v int64) []byte      { return cat([]byte{8}, le64(uint64(v))) }

func tokRow(vals ...[]byte) []byte { return cat(append([][]byte{{0xD1}}, vals...)...) }

// resultSet is a whole answer: one result set and its final DONE.
func resultSet(cols []fakeCol, rows ...[][]byte) []byte {
	b := tokColMetadata(cols...)
	for _, r := range rows {
		b = cat(b, tokRow(r...))
	}
	return cat(b, tokDone(doneCnt, curSelect, uint64(len(rows))))
}

// sessionOK answers the session check as a correctly set up session does.
func sessionOK(db string) []byte {
	return resultSet([]fakeCol{colNVarChar("", 128), colInt("", 4), colInt("", 4)},
		[][]byte{valNVarChar(db), valInt4(lockTimeoutMS), valInt4(0)})
}

// standardQuery answers the session setup and check; other answers come
// from more, or nil (never answered).
func standardQuery(db string, more map[string][]byte) func(string) []byte {
	return func(sql string) []byte {
		switch sql {
		case sessionSetupSQL:
			return tokDone(0, 0, 0)
		case sessionCheckQuery:
			return sessionOK(db)
		}
		if r, ok := more[sql]; ok {
			return r
		}
		return nil
	}
}

// The fake itself is checked against the driver's own decoding here, so
// that a mistake in it cannot pass for a property of the connector.
func TestTDSFakeEncodings(t *testing.T) {
	if got := fromUCS2(ucs2("Ñandú 日本")); got != "Ñandú 日本" {
		t.Fatalf("ucs2 round trip: %q", got)
	}
	var buf bytes.Buffer
	if err := writeMessage(&buf, pktReply, bytes.Repeat([]byte{7}, 10000)); err != nil {
		t.Fatal(err)
	}
	typ, _, payload, err := readMessage(&buf)
	if err != nil || typ != pktReply || len(payload) != 10000 {
		t.Fatalf("message round trip: %d %d %v", typ, len(payload), err)
	}
	if _, _, _, err := readMessage(&buf); !errors.Is(err, io.EOF) {
		t.Fatalf("trailing data after one message: %v", err)
	}
}
