package connectors

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error messages can carry data. A server that fails to convert a value
// quotes it ("invalid input syntax for type integer: "GOMC800101HDFRRL09""),
// a constraint violation quotes the key, a function can raise a message
// built from a row: alcance's own statements convert nothing that can fail,
// but a view can, and alcance reads views. Every message alcance records or
// prints passes through ScrubMessage, which removes passwords and masks
// what servers quote as values, while keeping the object names (databases,
// tables, columns, constraints, users, hosts) that say what failed.
//
// Masking works in two passes:
//
//  1. The value forms of each dialect, matched with their own delimiters,
//     so a value holding its quote character (O'BRIEN, JUAN "EL" PEREZ) is
//     masked whole: PostgreSQL's `...: "v"` at the end of a message, `value
//     "v" is out of range`, `invalid value "v" for`, `Key (c)=(v)` and
//     `Failing row contains (v)` in DETAIL lines, `JSON data, line 1: v` in
//     CONTEXT lines; MySQL and MariaDB's `Incorrect|Truncated incorrect T
//     value: 'v' for column|function`, `Duplicate entry 'v' for key`,
//     `Cannot convert string 'v' from`, and the whole text of a SIGNAL
//     (error 1644); SQL Server's `converting the T value 'v' to data type`,
//     `conversion of the T value 'v' overflowed`, `The duplicate key value
//     is (v)` and `Truncated value: 'v'`. SQLite quotes no values in its
//     messages except a JSON path (`bad JSON path: 'v'`) and an FTS query,
//     which the second pass masks.
//  2. Every other '...' or "..." is masked unless the word before it names
//     an object (table "t", column 'c', database "d", for user 'u'@'h',
//     constraint "k", for key 'k', ...), or it continues a dotted name whose
//     head does (main."t", 'db'.'t'). Backquoted `names` are MySQL's
//     identifier quoting and are kept. A quote between two letters is an
//     apostrophe (doesn't, O'BRIEN), not a delimiter.
//
// What it cannot see: a value not in quotes in a message of a form not
// listed above, such as the text of a function's RAISE with a custom
// SQLSTATE. The PostgreSQL connector withholds messages its server marks
// as raised by a function (PL/pgSQL RAISE and ASSERT, PL/Python, PL/Perl,
// PL/Tcl); MySQL's SIGNAL (1644) is withheld here.

// Withheld replaces a masked value.
const Withheld = "[withheld]"

// valueForms are the dialect forms of pass 1: group 1 is the value.
var valueForms = []*regexp.Regexp{
	// PostgreSQL: invalid input syntax for type integer: "v"; invalid input
	// value for enum e: "v"; malformed array literal: "v"; date/time field
	// value out of range: "v". The value runs to the last quote of the
	// line, followed by the end of the line or the SQLSTATE alcance adds.
	regexp.MustCompile(`: "(.*)"(?:[ \t]*\(SQLSTATE [0-9A-Z]{5}\))?[ \t]*(?:$|\n)`),
	regexp.MustCompile(`(?i)\bvalue "(.*)" is out of range`),
	regexp.MustCompile(`(?i)\binvalid value "(.*)" for "`),
	regexp.MustCompile(`\)=\((.*)\)`),                         // DETAIL: Key (c)=(v) already exists.
	regexp.MustCompile(`(?i)Failing row contains \((.*)\)`),   // DETAIL of a CHECK or NOT NULL violation
	regexp.MustCompile(`(?i)JSON data, line \d+: ([^\n]*)`),   // CONTEXT of a JSON input error
	regexp.MustCompile(`(?i)\bvalue is \((.*)\)`),             // SQL Server: The duplicate key value is (v).
	regexp.MustCompile(`(?i)\bTruncated value: '(.*)'`),       // SQL Server 2628
	regexp.MustCompile(`(?i)\bthe \w+ value '(.*)' to data `), // SQL Server 245: converting the nvarchar value 'v' to data type int
	regexp.MustCompile(`(?i)\bthe \w+ value '(.*)' overflowed`),
	// MySQL and MariaDB: Incorrect integer value: 'v' for column `d`.`t`.`c`
	// at row 1; Truncated incorrect DOUBLE value: 'v'; Incorrect datetime
	// value: 'v' for function str_to_date.
	regexp.MustCompile(`(?i)\bincorrect [\w ]+ value: '(.*)' for (?:column|function)\b`),
	regexp.MustCompile(`(?im)\bincorrect [\w ]+ value: '(.*)'[ \t]*$`),
	regexp.MustCompile(`(?i)\bDuplicate entry '(.*)' for key\b`),
	regexp.MustCompile(`(?i)\bCannot convert string '(.*)' from\b`),
	// MySQL and MariaDB SIGNAL: the whole text is the signaller's.
	regexp.MustCompile(`\bError 1644 \([0-9A-Z]{5}\): (.+)`),
}

// objectWords name an object when they come right before a quoted name.
var objectWords = map[string]bool{
	"table": true, "tables": true, "relation": true, "view": true, "column": true, "columns": true,
	"field": true, "database": true, "schema": true, "catalog": true, "role": true, "user": true,
	"login": true, "host": true, "server": true, "constraint": true, "index": true, "key": true,
	"type": true, "domain": true, "enum": true, "encoding": true, "collation": true, "charset": true,
	"function": true, "procedure": true, "routine": true, "trigger": true, "sequence": true,
	"extension": true, "tablespace": true, "operator": true, "parameter": true, "variable": true,
	"object": true, "cursor": true, "portal": true, "statement": true, "savepoint": true,
	"policy": true, "rule": true, "publication": true, "subscription": true, "plugin": true,
	"engine": true, "file": true, "directory": true, "source": true, "partition": true,
	"name": true, "synonym": true, "sequencer": true, "definer": true, "owner": true, "alias": true,
}

// clauseNames are the quoted clause names MySQL's messages use ("Unknown
// column 'x' in 'field list'").
var clauseNames = map[string]bool{
	"field list": true, "where clause": true, "order clause": true, "group statement": true,
	"having clause": true, "on clause": true, "from clause": true, "IN (...)": true,
}

// ScrubData masks the values a server error may quote (see the top of this
// file); object names stay.
func ScrubData(msg string) string {
	for _, re := range valueForms {
		msg = maskGroup(re, msg)
	}
	return maskQuoted(msg)
}

// maskGroup replaces group 1 of every match of re with Withheld.
func maskGroup(re *regexp.Regexp, s string) string {
	locs := re.FindAllStringSubmatchIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		if l[2] < 0 {
			continue
		}
		b.WriteString(s[last:l[2]])
		b.WriteString(Withheld)
		last = l[3]
	}
	b.WriteString(s[last:])
	return b.String()
}

// maskQuoted is pass 2: quoted text that does not name an object is masked.
func maskQuoted(s string) string {
	var b strings.Builder
	last := 0
	keptEnd := -1 // end of the last quoted name kept, for 'u'@'h' and 'd'.'t'
	for i := 0; i < len(s); i++ {
		q := s[i]
		if q == '`' {
			// A MySQL identifier: skip to its end, kept.
			if j := strings.IndexByte(s[i+1:], '`'); j >= 0 {
				i += j + 1
				keptEnd = i + 1
			}
			continue
		}
		if (q != '"' && q != '\'') || isWordByte(before(s, i)) {
			continue
		}
		end := closing(s, i)
		if end < 0 {
			continue
		}
		inner := s[i+1 : end]
		if inner != Withheld && !keepQuoted(s, i, inner, keptEnd) {
			b.WriteString(s[last : i+1])
			b.WriteString(Withheld)
			last = end
		} else {
			keptEnd = end + 1
		}
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// closing finds the quote that closes the one at open: the next one of the
// same kind that is not between two word characters (an apostrophe), or -1.
func closing(s string, open int) int {
	q := s[open]
	for j := open + 1; j < len(s); j++ {
		if s[j] != q {
			continue
		}
		if isWordByte(s[j-1]) && j+1 < len(s) && isWordByte(s[j+1]) {
			continue // O'BRIEN
		}
		return j
	}
	return -1
}

// keepQuoted says whether the quoted text at open (its content inner)
// names an object.
func keepQuoted(s string, open int, inner string, keptEnd int) bool {
	if clauseNames[inner] {
		return true
	}
	// 'user'@'host', 'db'.'table', "schema"."table": the continuation of
	// a name just kept.
	if open > 0 && (s[open-1] == '@' || s[open-1] == '.') && keptEnd == open-1 {
		return true
	}
	return objectWords[strings.ToLower(wordBefore(s, open))]
}

// wordBefore returns the word before position i, skipping spaces and the
// dotted name the quote may continue (table main."t": "table").
func wordBefore(s string, i int) string {
	j := i
	// Step back over a dotted prefix: schema."t", main."t", db.'t'.
	for j > 0 && s[j-1] == '.' {
		j--
		k := j
		for k > 0 && (isWordByte(s[k-1]) || s[k-1] == '"' || s[k-1] == '`' || s[k-1] == '\'') {
			k--
		}
		if k == j {
			break
		}
		j = k
	}
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	k := j
	for k > 0 && isWordByte(s[k-1]) {
		k--
	}
	return s[k:j]
}

func before(s string, i int) byte {
	if i == 0 {
		return ' '
	}
	return s[i-1]
}

// isWordByte is a letter, digit or underscore, or any byte of a multi-byte
// UTF-8 character (Ñ, é): a quote next to one is inside a word.
func isWordByte(c byte) bool {
	return c >= utf8.RuneSelf || c == '_' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
}

// credentialForms find what looks like a password in free text, where no
// source argument is at hand to say what the password is: the userinfo of
// a URL or of a Go MySQL DSN (user:PW@tcp(host)/db, postgres://u:PW@h,
// mysql:u:PW@h), and password=, pwd=, pass= parameters. A userinfo
// password may hold '/', but not "//", which starts a URL's authority.
var credentialForms = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(\w*(?:password|passwd|pwd)|pass)(\s*=\s*)[^\s&;,)]+`),
	regexp.MustCompile(`([\w.~%+-]+:)(?:[^\s@/]|/[^\s@/])+@`),
}

// ScrubCredentials masks what looks like a password in free text (see
// credentialForms). It may mask more than a password, never less of the
// forms it knows.
func ScrubCredentials(msg string) string {
	msg = credentialForms[0].ReplaceAllString(msg, "${1}${2}xxxxx")
	return credentialForms[1].ReplaceAllString(msg, "${1}xxxxx@")
}

// ScrubMessage makes a message fit to record or print: the given secrets
// and anything that looks like a credential are removed, and values a
// server quoted are masked.
func ScrubMessage(msg string, secrets []string) string {
	return ScrubData(ScrubCredentials(Scrub(msg, secrets)))
}

// ScrubError is err with its message passed through ScrubMessage. The
// result unwraps to err, so errors.Is and errors.As keep working (a caller
// that digs the original out of the chain gets its unscrubbed text: print
// only Error()). It is err itself when nothing needed scrubbing.
func ScrubError(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	var done *scrubbedError
	if errors.As(err, &done) && done == err {
		return err
	}
	msg := err.Error()
	clean := ScrubMessage(msg, secrets)
	if clean == msg {
		return err
	}
	return &scrubbedError{msg: clean, err: err}
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }
