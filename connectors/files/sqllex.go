package files

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The SQL lexer of dumps (see sqldump.go for what is parsed).

// dialect is the SQL a dump is written in: it decides quoting and escapes.
type dialect int

const (
	dialectMySQL    dialect = iota + 1 // mysqldump, mariadb-dump
	dialectPostgres                    // pg_dump plain format
	dialectStandard                    // standard quoting: sqlite3 .dump and the like
)

func (d dialect) String() string {
	switch d {
	case dialectMySQL:
		return "mysqldump"
	case dialectPostgres:
		return "pg_dump"
	}
	return "standard SQL"
}

// tokKind is the kind of a token.
type tokKind int

const (
	tkEOF    tokKind = iota
	tkWord           // a bare word: keyword or unquoted identifier
	tkIdent          // a quoted identifier, unquoted
	tkString         // a string literal, unescaped
	tkNumber         // a number, as written
	tkPunct          // one character of punctuation (two for ::)
	tkEnd            // the end of a statement (; or the DELIMITER)
)

type token struct {
	kind tokKind
	text string
}

func (t token) is(word string) bool { return t.kind == tkWord && strings.EqualFold(t.text, word) }
func (t token) punct(p string) bool { return t.kind == tkPunct && t.text == p }

// lexer reads tokens from a dump, keeping the byte offset of what it
// has consumed.
type lexer struct {
	r    *bufio.Reader
	off  int64 // bytes consumed
	line int64 // lines consumed, 0-based
	d    dialect
	// delim ends statements: ";", or what a mysql DELIMITER command set.
	delim string
	// skipValues makes strings come back empty: counting rows needs no
	// values, and building them costs.
	skipValues bool
	// pushed is a token given back.
	pushed *token
	buf    []byte
}

func newLexer(r io.Reader, d dialect) *lexer {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 256<<10 {
		br = bufio.NewReaderSize(r, 256<<10)
	}
	return &lexer{r: br, d: d, delim: ";"}
}

// errTruncated is a dump that ends in the middle of a statement.
var errTruncated = errors.New("the dump ends in the middle of a statement: the file is truncated")

func (l *lexer) readByte() (byte, error) {
	c, err := l.r.ReadByte()
	if err != nil {
		return 0, err
	}
	l.off++
	if c == '\n' {
		l.line++
	}
	return c, nil
}

func (l *lexer) peekByte() (byte, bool) {
	b, err := l.r.Peek(1)
	if err != nil {
		return 0, false
	}
	return b[0], true
}

func (l *lexer) peekN(n int) []byte {
	b, _ := l.r.Peek(n)
	return b
}

func (l *lexer) discard(n int) {
	b := l.peekN(n)
	l.line += int64(bytes.Count(b, []byte{'\n'}))
	m, _ := l.r.Discard(len(b))
	l.off += int64(m)
}

// skipLine consumes up to and including the next line break.
func (l *lexer) skipLine() error {
	for {
		c, err := l.readByte()
		if err != nil {
			return err
		}
		if c == '\n' {
			return nil
		}
	}
}

// unread gives a token back; the next call of next returns it.
func (l *lexer) unread(t token) { l.pushed = &t }

// skipSpace consumes white space and comments. atStart is true at the
// start of a statement, where a mysql DELIMITER command or a psql
// meta-command (\connect, \restrict) may stand on its own line.
func (l *lexer) skipSpace(atStart bool) error {
	for {
		c, ok := l.peekByte()
		if !ok {
			return io.EOF
		}
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			l.readByte()
		case c == '-' && bytes.Equal(l.peekN(2), []byte("--")):
			if err := l.skipLine(); err != nil {
				return err
			}
		case c == '#' && l.d == dialectMySQL:
			if err := l.skipLine(); err != nil {
				return err
			}
		case c == '/' && bytes.Equal(l.peekN(2), []byte("/*")):
			if err := l.skipComment(); err != nil {
				return err
			}
		case c == '\\' && atStart && l.d != dialectMySQL:
			if err := l.skipLine(); err != nil { // a psql meta-command
				return err
			}
		case atStart && l.d == dialectMySQL && (c == 'D' || c == 'd') && bytes.EqualFold(l.peekN(10), []byte("DELIMITER ")):
			line, err := l.r.ReadString('\n')
			l.off += int64(len(line))
			if strings.HasSuffix(line, "\n") {
				l.line++
			}
			if err != nil && err != io.EOF {
				return err
			}
			if d := strings.TrimSpace(line[len("DELIMITER "):]); d != "" {
				l.delim = d
			}
		default:
			return nil
		}
	}
}

// skipComment consumes a /* */ comment (nested in PostgreSQL). A mysql
// /*!NNNNN ... */ comment holds SQL for servers of that version; in a dump
// it sets session variables or table options, none of which decide what
// the rows hold, so it is skipped too.
func (l *lexer) skipComment() error {
	l.discard(2)
	depth := 1
	var prev byte
	for depth > 0 {
		c, err := l.readByte()
		if err != nil {
			return errTruncated
		}
		switch {
		case prev == '*' && c == '/':
			depth--
			c = 0
		case prev == '/' && c == '*' && l.d == dialectPostgres:
			depth++
			c = 0
		}
		prev = c
	}
	return nil
}

// next returns the next token. At the start of a statement, see skipSpace.
func (l *lexer) next() (token, error) {
	return l.token(false)
}

func (l *lexer) token(atStart bool) (token, error) {
	if l.pushed != nil {
		t := *l.pushed
		l.pushed = nil
		return t, nil
	}
	if err := l.skipSpace(atStart); err != nil {
		if err == io.EOF {
			return token{kind: tkEOF}, nil
		}
		return token{}, err
	}
	c, _ := l.peekByte()
	if l.delim != ";" && c == l.delim[0] && bytes.Equal(l.peekN(len(l.delim)), []byte(l.delim)) {
		l.discard(len(l.delim))
		return token{kind: tkEnd}, nil
	}
	switch {
	case c == ';' && l.delim == ";":
		l.readByte()
		return token{kind: tkEnd}, nil
	case c == '\'':
		l.readByte()
		s, err := l.quoted('\'', l.d == dialectMySQL)
		return token{kind: tkString, text: s}, err
	case c == '"':
		l.readByte()
		if l.d == dialectMySQL {
			s, err := l.quoted('"', true) // a string in MySQL's default mode
			return token{kind: tkString, text: s}, err
		}
		s, err := l.quotedName('"')
		return token{kind: tkIdent, text: s}, err
	case c == '`':
		l.readByte()
		s, err := l.quotedName('`')
		return token{kind: tkIdent, text: s}, err
	case c == '[' && l.d == dialectStandard:
		l.readByte()
		s, err := l.until(']')
		return token{kind: tkIdent, text: s}, err
	case c == '$' && l.d == dialectPostgres:
		return l.dollar()
	case c >= '0' && c <= '9' || c == '.' && isDigitByte(l.peekN(2)):
		return l.number()
	case isWordStart(c):
		w := l.word()
		// String prefixes: E'' (escapes), X'' and B'' (hex, bits), N''
		// (national), mysql's _charset'' introducers.
		if q, ok := l.peekByte(); ok && q == '\'' {
			up := strings.ToUpper(w)
			switch {
			case up == "E" && l.d == dialectPostgres:
				l.readByte()
				s, err := l.quoted('\'', true)
				return token{kind: tkString, text: s}, err
			case up == "X":
				l.readByte()
				s, err := l.quoted('\'', false)
				return token{kind: tkString, text: unhex(s)}, err
			case up == "N" || up == "B" || strings.HasPrefix(w, "_"):
				l.readByte()
				s, err := l.quoted('\'', l.d == dialectMySQL)
				return token{kind: tkString, text: s}, err
			}
		}
		if strings.HasPrefix(w, "_") && l.d == dialectMySQL {
			// _binary 'x', _utf8mb4 'x': the introducer and its string.
			if err := l.skipSpace(false); err == nil {
				if q, ok := l.peekByte(); ok && q == '\'' {
					l.readByte()
					s, err := l.quoted('\'', true)
					return token{kind: tkString, text: s}, err
				}
			}
		}
		return token{kind: tkWord, text: w}, nil
	case c == ':' && bytes.Equal(l.peekN(2), []byte("::")):
		l.discard(2)
		return token{kind: tkPunct, text: "::"}, nil
	}
	l.readByte()
	if c >= 0x80 {
		// A bare non-ASCII byte outside any quote: not SQL.
		return token{kind: tkPunct, text: string(rune(c))}, nil
	}
	return token{kind: tkPunct, text: string(c)}, nil
}

func isWordStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 && c != 0xff
}

func isWordByte(c byte) bool {
	return isWordStart(c) || c >= '0' && c <= '9' || c == '$' || c == '@' || c == '#'
}

func isDigitByte(b []byte) bool { return len(b) == 2 && b[1] >= '0' && b[1] <= '9' }

func (l *lexer) word() string {
	l.buf = l.buf[:0]
	for {
		c, ok := l.peekByte()
		if !ok || !isWordByte(c) {
			break
		}
		l.readByte()
		l.buf = append(l.buf, c)
	}
	return string(l.buf)
}

func (l *lexer) number() (token, error) {
	l.buf = l.buf[:0]
	c, _ := l.peekByte()
	if c == '0' && len(l.peekN(2)) == 2 && (l.peekN(2)[1] == 'x' || l.peekN(2)[1] == 'X') {
		l.discard(2) // 0x4142: a hex literal, as bytes
		w := l.word()
		return token{kind: tkString, text: unhex(w)}, nil
	}
	for {
		c, ok := l.peekByte()
		if !ok {
			break
		}
		if c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' ||
			(c == '+' || c == '-') && len(l.buf) > 0 && (l.buf[len(l.buf)-1] == 'e' || l.buf[len(l.buf)-1] == 'E') {
			l.readByte()
			l.buf = append(l.buf, c)
			continue
		}
		break
	}
	return token{kind: tkNumber, text: string(l.buf)}, nil
}

// quoted reads up to the closing quote q (which doubled stands for
// itself), with backslash escapes when escapes is set. A string literal
// comes back empty under skipValues; a quoted name never does.
func (l *lexer) quoted(q byte, escapes bool) (string, error) {
	return l.quotedText(q, escapes, l.skipValues)
}

func (l *lexer) quotedName(q byte) (string, error) { return l.quotedText(q, false, false) }

func (l *lexer) quotedText(q byte, escapes, skip bool) (string, error) {
	l.buf = l.buf[:0]
	for {
		// Fast path: copy the run of bytes up to the next quote or backslash.
		chunk, _ := l.r.Peek(l.r.Buffered())
		if len(chunk) == 0 {
			if _, err := l.r.Peek(1); err != nil {
				return "", errTruncated
			}
			continue
		}
		i := 0
		for i < len(chunk) && chunk[i] != q && !(escapes && chunk[i] == '\\') {
			i++
		}
		if !skip {
			l.buf = append(l.buf, chunk[:i]...)
		}
		l.line += int64(bytes.Count(chunk[:i], []byte{'\n'}))
		l.r.Discard(i)
		l.off += int64(i)
		if i == len(chunk) {
			continue
		}
		c, _ := l.readByte()
		if c == q {
			if n, ok := l.peekByte(); ok && n == q {
				l.readByte()
				l.buf = append(l.buf, q)
				continue
			}
			if skip {
				return "", nil
			}
			return string(l.buf), nil
		}
		// A backslash escape.
		e, err := l.readByte()
		if err != nil {
			return "", errTruncated
		}
		if skip {
			continue
		}
		l.buf = l.unescape(e, l.buf)
	}
}

// unescape appends what the backslash escape \e stands for: MySQL's
// escapes, and PostgreSQL's E” escapes (octal, \x hex, \u).
func (l *lexer) unescape(e byte, b []byte) []byte {
	switch e {
	case '0':
		if l.d == dialectMySQL {
			return append(b, 0)
		}
	case 'b':
		return append(b, '\b')
	case 'f':
		return append(b, '\f')
	case 'n':
		return append(b, '\n')
	case 'r':
		return append(b, '\r')
	case 't':
		return append(b, '\t')
	case 'Z':
		if l.d == dialectMySQL {
			return append(b, 0x1a)
		}
	case '%', '_':
		if l.d == dialectMySQL {
			return append(b, '\\', e) // LIKE escapes keep their backslash
		}
	}
	if l.d == dialectPostgres {
		switch {
		case e >= '0' && e <= '7':
			v := int(e - '0')
			for k := 0; k < 2; k++ {
				if c, ok := l.peekByte(); ok && c >= '0' && c <= '7' {
					l.readByte()
					v = v*8 + int(c-'0')
				}
			}
			return append(b, byte(v))
		case e == 'x':
			v, n := 0, 0
			for ; n < 2; n++ {
				c, ok := l.peekByte()
				h := hexVal(c)
				if !ok || h < 0 {
					break
				}
				l.readByte()
				v = v*16 + h
			}
			if n == 0 {
				return append(b, 'x')
			}
			return append(b, byte(v))
		case e == 'u' || e == 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			h := l.peekN(n)
			if v, err := strconv.ParseUint(string(h), 16, 32); err == nil && len(h) == n {
				l.discard(n)
				return utf8.AppendRune(b, rune(v))
			}
		}
	}
	return append(b, e)
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// unhex decodes hex digits to the bytes they stand for.
func unhex(s string) string {
	b := make([]byte, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		h, lo := hexVal(s[i]), hexVal(s[i+1])
		if h < 0 || lo < 0 {
			return s
		}
		b = append(b, byte(h<<4|lo))
	}
	return string(b)
}

// until reads up to the byte end.
func (l *lexer) until(end byte) (string, error) {
	l.buf = l.buf[:0]
	for {
		c, err := l.readByte()
		if err != nil {
			return "", errTruncated
		}
		if c == end {
			return string(l.buf), nil
		}
		l.buf = append(l.buf, c)
	}
}

// dollar reads a PostgreSQL dollar-quoted string ($$...$$, $tag$...$tag$),
// or a lone $ (a parameter, $1).
func (l *lexer) dollar() (token, error) {
	l.readByte()
	tag := []byte{'$'}
	for {
		c, ok := l.peekByte()
		if !ok {
			break
		}
		if c == '$' {
			l.readByte()
			tag = append(tag, '$')
			break
		}
		if !isWordByte(c) || c == '$' {
			return token{kind: tkPunct, text: string(tag)}, nil
		}
		l.readByte()
		tag = append(tag, c)
	}
	if tag[len(tag)-1] != '$' || len(tag) < 2 {
		return token{kind: tkPunct, text: string(tag)}, nil
	}
	l.buf = l.buf[:0]
	for {
		c, err := l.readByte()
		if err != nil {
			return token{}, errTruncated
		}
		l.buf = append(l.buf, c)
		if c == '$' && bytes.HasSuffix(l.buf, tag) {
			return token{kind: tkString, text: string(l.buf[:len(l.buf)-len(tag)])}, nil
		}
	}
}

// skipStatement consumes tokens to the end of the statement.
func (l *lexer) skipStatement() error {
	saved := l.skipValues
	l.skipValues = true
	defer func() { l.skipValues = saved }()
	for {
		t, err := l.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case tkEnd:
			return nil
		case tkEOF:
			return errTruncated
		}
	}
}

// statement reads the tokens of a whole statement (DDL, which is short),
// up to maxStatementTokens.
func (l *lexer) statement(first []token) ([]token, error) {
	toks := first
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case tkEnd:
			return toks, nil
		case tkEOF:
			return nil, errTruncated
		}
		if len(toks) >= maxStatementTokens {
			return nil, fmt.Errorf("a statement of more than %d tokens", maxStatementTokens)
		}
		toks = append(toks, t)
	}
}

const maxStatementTokens = 1 << 20
