// Package connectors opens data sources and reads values out of them.
//
// A connector returns values, never decisions: it lists tables and columns,
// samples rows and, when the source can, counts rows or streams whole
// columns. What the values mean is the detectors' job.
//
// Every connector implements Source. Extra capabilities are extra interfaces
// (RowCounter, ColumnReader, Warner), discovered by type assertion, in the
// manner of database/sql/driver: the scan engine uses them when present.
//
// A Splitter cuts a large table into parts by key (split.go); a Table
// with its Part set is read as if the part were the table.
package connectors

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Kind says how a column's values are stored, as far as detection cares.
type Kind int

const (
	KindText Kind = iota
	KindInteger
	KindDecimal
	KindDate
	KindTimestamp
	KindBool
	KindJSON
	KindBinary // never read; reported as skipped
	KindOther
)

func (k Kind) String() string {
	switch k {
	case KindText:
		return "text"
	case KindInteger:
		return "integer"
	case KindDecimal:
		return "decimal"
	case KindDate:
		return "date"
	case KindTimestamp:
		return "timestamp"
	case KindBool:
		return "bool"
	case KindJSON:
		return "json"
	case KindBinary:
		return "binary"
	}
	return "other"
}

// Column is a column as the source's catalog describes it.
type Column struct {
	Name string
	Type string // the declared type, as the source spells it
	Kind Kind
}

// RowCount is a table's row count as the catalog knows it.
type RowCount struct {
	Value int64
	Exact bool // false for planner estimates (pg_class.reltuples, TABLE_ROWS)
	Known bool // false when the source could not say at all
}

// Table is a table (or view) a source can read.
type Table struct {
	Schema  string // "" where the source has no schemas (SQLite "main" is reported as "main")
	Name    string
	Columns []Column
	Rows    RowCount
	// PrimaryKey names the columns of the declared primary key, in key
	// order; nil when the catalog declares none (or the source has no catalog).
	PrimaryKey []string
	// ForeignKeys are the foreign keys the catalog declares on the table:
	// the exposure engine follows them to tie rows to persons.
	ForeignKeys []ForeignKey
	// Part, when set, restricts every read of the table to one part of
	// its rows, as a Splitter of the same source cut them; nil is the
	// whole table.
	Part *TablePart
}

// ForeignKey is a declared foreign key: Columns of the table point at
// RefColumns of RefSchema.RefTable (RefSchema is "" where the source has no
// schemas).
type ForeignKey struct {
	Columns    []string
	RefSchema  string
	RefTable   string
	RefColumns []string
}

// QualifiedName is schema.name, or name when there is no schema.
func (t Table) QualifiedName() string {
	if t.Schema == "" {
		return t.Name
	}
	return t.Schema + "." + t.Name
}

// MaxValueBytes is the most of one value a connector reads (in the SELECT
// where the dialect allows, else as it keeps the value): detection needs
// the start of a value, never all of a 10 MB note, and a sample of 10,000
// rows must not hold gigabytes. 4 KB holds any identifier, name, address
// or date many times over, and the start of free text long enough to find
// the identifiers, names and diagnoses written in it.
const MaxValueBytes = 4096

// MaxSampleBytes bounds the values of one sample, all columns together;
// Budget shares it out.
const MaxSampleBytes = 256 << 20

// minValueBytes is the least Budget gives a value before it keeps fewer
// rows: still a whole address, or a sentence of free text.
const minValueBytes = 256

// Budget says how a sample of n rows of a table with textCols columns of
// unbounded text (text, JSON, arrays: not numbers or dates, whose size is
// bounded) stays within MaxSampleBytes: values cut to valueBytes, and at
// most rows rows. A narrow table keeps n rows of MaxValueBytes; a wide one
// gets shorter values, and only a very wide one (hundreds of text columns)
// fewer rows.
func Budget(n, textCols int) (rows, valueBytes int) {
	if textCols <= 0 || n <= 0 {
		return n, MaxValueBytes
	}
	per := MaxSampleBytes / (n * textCols)
	if per >= MaxValueBytes {
		return n, MaxValueBytes
	}
	if per >= minValueBytes {
		return n, per
	}
	return max(1, MaxSampleBytes/(minValueBytes*textCols)), minValueBytes
}

// Sample holds rows read from a table, column-major: Values[c][r] is the
// value of column c in row r, rendered as text. NULL is rendered as "",
// because alcance treats a NULL and an empty string alike: neither is a value.
// Dates are rendered as YYYY-MM-DD and timestamps as YYYY-MM-DD HH:MM:SS.
type Sample struct {
	Columns []Column
	Values  [][]string
	// Truncated, parallel to Columns, is true for a column some value of
	// which was cut at read time (see MaxValueBytes); nil when none was.
	Truncated []bool
	Rows      int
	// Complete is true when the sample holds every row of the table.
	Complete bool
	// Counted is the table's exact row count when the sampling pass read
	// every row to draw the sample (a reservoir over one scan of the
	// table), and 0 when it did not: a count the pass saw beats a catalog
	// estimate, which may be stale.
	Counted int64
}

// Source is an opened data source.
type Source interface {
	// Info describes the source for the report; Location never holds a password.
	Info() Info
	// Tables lists the tables to scan, with their columns and catalog row counts.
	Tables(ctx context.Context) ([]Table, error)
	// Sample reads up to n rows of t, chosen uniformly at random, of the
	// given columns (all of t.Columns when cols is nil).
	Sample(ctx context.Context, t Table, cols []Column, n int) (*Sample, error)
	Close() error
}

// RowCounter is implemented by sources that can count a table's rows exactly.
type RowCounter interface {
	CountRows(ctx context.Context, t Table) (int64, error)
}

// Warner is implemented by sources that can tell, once their tables are
// listed, that the listing may not be the whole source. SQL Server and
// MariaDB/MySQL show a login only the tables it holds some permission on,
// so a login allowed to read 2 tables of 10 sees a database of 2 tables:
// the scan would certify what it never saw. Each warning is one sentence,
// without any password, for the report's sources[].warnings[]; none means
// the source found no reason to doubt its listing. An error means the
// check could not be made in full (the warnings found before it are
// returned with it).
type Warner interface {
	Warnings(ctx context.Context) ([]string, error)
}

// ColumnReader is implemented by sources that can stream some columns of
// every row of a table. fn receives one row's values of cols at a time; the
// slice is reused between calls. Returning an error from fn stops the read.
type ColumnReader interface {
	ReadColumns(ctx context.Context, t Table, cols []Column, fn func(values []string) error) error
}

// SkipLister is implemented by sources made of files (a folder, an
// archive): Skipped lists the files they found but do not read, with why,
// so that a report says what was not looked at. It is complete once Tables
// has returned.
type SkipLister interface {
	Skipped() []Skipped
}

// Skipped is a file a source found and does not read.
type Skipped struct {
	Path   string // relative to the source's location
	Reason string
}

// ReadWarner is implemented by sources that can report problems that did
// not stop a read but limit what it shows (rows with more fields than the
// header, values repaired from a mixed encoding). ReadWarnings is complete
// once every table has been read; each warning names its table.
type ReadWarner interface {
	ReadWarnings() []string
}

// Info describes an opened source.
type Info struct {
	Kind     string // "sqlite", "postgres", "mysql", "mssql", "files"
	Name     string // a short name: the database or file name
	Location string // where it is, without any password
}

// Options tune how sources are opened and read.
type Options struct {
	// ConnectTimeout bounds opening a connection.
	ConnectTimeout time.Duration
	// StatementTimeout bounds every statement sent to a server.
	StatementTimeout time.Duration
	// MaxConns is the most connections a source opens at once: alcance
	// reads production servers and must stay a modest guest.
	MaxConns int
	// IncludeViews lists views as well as tables (--include-views).
	IncludeViews bool
}

// DefaultOptions are the settings used when a caller has no reason to differ.
func DefaultOptions() Options {
	return Options{ConnectTimeout: 10 * time.Second, StatementTimeout: 5 * time.Minute, MaxConns: 2}
}

// Spec is a parsed source argument, ready to open.
type Spec struct {
	Kind     string
	Raw      string // as the user gave it (may hold a password; never print it)
	Location string // printable: the password removed
	Name     string
	// Password, when set, is used for a source whose URL carries none
	// (--password-file, an inventory); it is never printed.
	Password string
	// Institution groups sources in the report (from an inventory).
	Institution string
	// Include and Exclude are table name patterns (path.Match syntax,
	// matched against the qualified and the bare name, case-insensitive):
	// when Include is not empty only tables matching one are scanned, and
	// tables matching an Exclude pattern never are.
	Include, Exclude []string
}

// Opener opens sources of one kind.
type Opener interface {
	// Parse recognises a source argument. It returns ok=false when the
	// argument is not of this kind, and an error when it is but is malformed.
	Parse(raw string) (spec Spec, ok bool, err error)
	Open(ctx context.Context, spec Spec, opts Options) (Source, error)
}

var (
	registryMu sync.Mutex
	registry   = map[string]Opener{}
)

// Register makes a kind of source available. It is called from the init
// function of each connector package.
func Register(kind string, o Opener) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[kind]; dup {
		panic("connectors: Register called twice for " + kind)
	}
	registry[kind] = o
}

// ErrMalformed marks a source argument that no connector accepts, or that
// one accepts but cannot parse. The CLI answers it with exit code 2.
var ErrMalformed = errors.New("malformed source")

// ErrConnectionLost marks a read a connector gave up after losing its
// connection on every attempt (a server restarting, a network cut): the
// engine may try the table again later, once the server answers.
var ErrConnectionLost = errors.New("the connection was lost")

// Parse finds the connector for a source argument.
func Parse(raw string) (Spec, error) {
	registryMu.Lock()
	kinds := make([]string, 0, len(registry))
	for k := range registry {
		kinds = append(kinds, k)
	}
	registryMu.Unlock()
	sort.Strings(kinds)
	for _, k := range kinds {
		spec, ok, err := registry[k].Parse(raw)
		if err != nil {
			// A connector's message may quote the argument: nothing that
			// looks like a password leaves, whatever the connector did.
			return Spec{}, fmt.Errorf("%w: %s", ErrMalformed, ScrubCredentials(Scrub(err.Error(), Secrets(raw))))
		}
		if ok {
			spec.Kind = k
			return spec, nil
		}
	}
	return Spec{}, fmt.Errorf("%w: %q is not a source alcance can read (supported: %s)",
		ErrMalformed, ScrubCredentials(Scrub(Redact(raw), Secrets(raw))), strings.Join(kinds, ", "))
}

// Open opens a parsed source.
func Open(ctx context.Context, spec Spec, opts Options) (Source, error) {
	registryMu.Lock()
	o, ok := registry[spec.Kind]
	registryMu.Unlock()
	if !ok {
		return nil, fmt.Errorf("%w: no connector for %s", ErrMalformed, spec.Kind)
	}
	return o.Open(ctx, spec, opts)
}

// Redact removes passwords from a source argument, for messages about
// arguments that could not even be parsed and for printable locations: the
// password of a URL's user, and password=/pwd= parameters, in URLs that
// parse and in ones that do not (a password with a '/' or '#' in it).
func Redact(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" && u.Opaque == "" {
		changed := false
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			changed = true
		}
		q := u.Query()
		for k := range q {
			if isPasswordParam(k) {
				q.Set(k, "xxxxx")
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
			raw = u.String()
		}
		// Query parsing drops what it cannot read (a ";" separator), so
		// the parameters are also masked in the text.
		return passwordParam.ReplaceAllString(raw, "${1}=xxxxx")
	}
	out := raw
	if start, end, ok := loosePassword(raw); ok {
		out = raw[:start] + "xxxxx" + raw[end:]
	}
	return passwordParam.ReplaceAllString(out, "${1}=xxxxx")
}

var passwordParam = regexp.MustCompile(`(?i)\b(password|pwd|pass)=[^&;]*`)

// sourceSchemes are the scheme words a source argument may start with,
// for loosePassword.
var sourceSchemes = map[string]bool{"postgres": true, "postgresql": true, "mysql": true, "mariadb": true,
	"sqlserver": true, "mssql": true, "sqlite": true, "file": true}

// loosePassword finds the password in a source argument that is not a
// well-formed URL, as users mistype them or paste them from other tools:
// postgres://u:PW@h with a '/' or '#' in PW, the Go MySQL DSN
// user:PW@tcp(host:3306)/db, postgres//u:PW@h/db, mysql:u:PW@h/x. The
// userinfo ends at the last '@' (a password may hold '@'); the password
// starts after the first ':' of the userinfo, which starts after "://",
// or after a scheme word and its ':' when another ':' follows. It is
// raw[start:end].
func loosePassword(raw string) (start, end int, ok bool) {
	at := strings.LastIndex(raw, "@")
	if at < 0 {
		return 0, 0, false
	}
	head := raw[:at]
	from := 0
	if i := strings.Index(head, "://"); i >= 0 {
		from = i + len("://")
	} else if i := strings.Index(head, ":"); i >= 0 && sourceSchemes[strings.ToLower(head[:i])] && strings.Contains(head[i+1:], ":") {
		from = i + 1
	}
	c := strings.Index(head[from:], ":")
	if c < 0 {
		return 0, 0, false
	}
	return from + c + 1, at, true
}

func isPasswordParam(k string) bool {
	switch strings.ToLower(k) {
	case "password", "pwd", "pass":
		return true
	}
	return false
}

// Secrets lists the passwords a source argument carries or that the
// environment supplies to drivers, so that anything printed about the
// source can be scrubbed of them even when a driver echoes its connection
// string in an error. Short strings are left out: scrubbing "a" would
// mangle every message.
func Secrets(raw string) []string {
	var out []string
	add := func(s string) {
		if len(s) >= 3 {
			out = append(out, s)
		}
	}
	u, err := url.Parse(raw)
	if err == nil {
		if p, ok := u.User.Password(); ok {
			add(p)
		}
		for k, vs := range u.Query() {
			if isPasswordParam(k) {
				for _, v := range vs {
					add(v)
				}
			}
		}
	}
	// What a malformed argument may hold: the loose password, decoded
	// too, and password parameters however they are separated.
	if start, end, ok := loosePassword(raw); ok && (err != nil || u.Scheme == "" || u.Opaque != "") {
		add(raw[start:end])
		if p, err := url.PathUnescape(raw[start:end]); err == nil {
			add(p)
		}
	}
	for _, m := range passwordParam.FindAllString(raw, -1) {
		_, v, _ := strings.Cut(m, "=")
		add(v)
	}
	for _, env := range []string{"PGPASSWORD", "MYSQL_PWD", "MSSQL_PASSWORD"} {
		add(os.Getenv(env))
	}
	return out
}

// Secrets lists the passwords of a parsed source: those of its argument
// (see the function Secrets) and Password.
func (s Spec) Secrets() []string {
	out := Secrets(s.Raw)
	if len(s.Password) >= 3 {
		out = append(out, s.Password)
	}
	return out
}

// Scrub replaces every secret in msg, longest first (so that a secret
// holding another is removed whole).
func Scrub(msg string, secrets []string) string {
	secrets = slices.Clone(secrets)
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	for _, s := range secrets {
		msg = strings.ReplaceAll(msg, s, "xxxxx")
		if e := url.QueryEscape(s); e != s {
			msg = strings.ReplaceAll(msg, e, "xxxxx")
		}
	}
	return msg
}
