// Package sqlite reads SQLite database files, alcance's embedded default source.
//
// A source is given as sqlite:///abs/path.db, sqlite://relative.db,
// sqlite:path, or a bare path ending in .db, .sqlite or .sqlite3.
//
// The file is never created or modified: it is checked to be an existing,
// readable, regular file, then opened through modernc.org/sqlite as a
// "file:" URI with mode=ro (SQLite opens it read-only, refuses to create a
// missing file, and fails every write with SQLITE_READONLY) and with
// PRAGMA query_only(1) as a second lock. Neither it nor its side files
// (-wal, -shm, -journal) change: a WAL-mode file without pending frames is
// read as immutable, so no -wal or -shm file appears beside it, and one
// whose writer is not done (a -wal with frames, a hot -journal) is read
// from a private copy (see sidefiles.go). No explicit transaction is ever begun, so the shared lock
// a read takes lasts one statement: a sampling probe is short; ReadColumns
// of a table with a key reads it in chunks of connectors.ChunkRows rows,
// each a statement of its own (split.go); a single pass (ReadColumns of a
// table without a key, or a Sample that reads the table once) holds it for
// the pass, which, in rollback-journal mode only, makes a writing
// application wait.
//
// Sampling is uniformly random, from crypto-seeded math/rand/v2 generators;
// see sample.go for how rows are chosen without sorting the table.
//
// Values are rendered as connectors.Sample documents (NULL as "", dates as
// YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM:SS), and additionally: text is
// stripped of trailing spaces (CHAR padding); text or bytes that are not valid
// UTF-8 are decoded as Windows-1252, the usual encoding of legacy Mexican
// data; columns of Kind connectors.KindBinary (declared BLOB) are never read,
// and their values in a Sample or ReadColumns are "" (callers report them as
// skipped from their Kind).
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// kindName is the name this connector registers under.
const kindName = "sqlite"

// maxConns bounds the connections one source holds: enough for the scan
// engine's per-source concurrency, few enough that each connection's page
// cache stays a modest amount of memory.
const maxConns = 4

// busyTimeoutMS is how long a statement waits for a writer's lock to clear
// (the file may belong to a live application) before failing with
// "database is locked".
const busyTimeoutMS = 5000

func init() {
	connectors.Register(kindName, opener{})
}

type opener struct{}

// The optional capabilities the scan engine discovers by type assertion.
var (
	_ connectors.RowCounter   = (*source)(nil)
	_ connectors.ColumnReader = (*source)(nil)
	_ connectors.Splitter     = (*source)(nil)
)

// fileExts are the extensions that make a bare path a SQLite source.
var fileExts = []string{".db", ".sqlite", ".sqlite3"}

// Parse recognises sqlite:///abs/path.db, sqlite://relative.db, sqlite:path
// and bare paths ending in .db, .sqlite or .sqlite3 (any case). The URL
// forms take the rest of the argument literally as the path (no percent
// decoding); a '?' there is refused, so nobody believes ?mode=rw or a
// _pragma would be honoured.
func (opener) Parse(raw string) (connectors.Spec, bool, error) {
	var path string
	if len(raw) >= len("sqlite:") && strings.EqualFold(raw[:len("sqlite:")], "sqlite:") {
		path = raw[len("sqlite:"):]
		path = strings.TrimPrefix(path, "//") // sqlite:///abs keeps its leading '/'
		if path == "" {
			return connectors.Spec{}, false, fmt.Errorf("sqlite source %q has no file path (use sqlite:///absolute/path.db or sqlite://relative.db)", raw)
		}
		if strings.ContainsAny(path, "?#") {
			return connectors.Spec{}, false, fmt.Errorf("sqlite source %q: query parameters are not accepted (alcance always opens read-only); give a bare path if the file name contains '?' or '#'", raw)
		}
	} else {
		if strings.Contains(raw, "://") {
			return connectors.Spec{}, false, nil // a URL of another kind, e.g. mysql://host/app.db
		}
		ext := strings.ToLower(filepath.Ext(raw))
		known := false
		for _, e := range fileExts {
			if ext == e {
				known = true
			}
		}
		if !known {
			return connectors.Spec{}, false, nil
		}
		path = raw
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return connectors.Spec{}, false, fmt.Errorf("sqlite source %q: resolving the path: %w", raw, err)
	}
	base := filepath.Base(abs)
	name := strings.TrimSuffix(base, filepath.Ext(base))
	if name == "" {
		name = base // a file called ".db"
	}
	return connectors.Spec{Kind: kindName, Raw: raw, Location: abs, Name: name}, true, nil
}

// sqliteHeader is the first 16 bytes of every SQLite 3 database file.
const sqliteHeader = "SQLite format 3\x00"

// Open opens the file read-only. It fails with "no such file",
// "permission denied", "is a directory", "not a regular file" or "not a
// SQLite database" before SQLite is involved, so none of those can lead
// SQLite to create or touch anything.
func (opener) Open(ctx context.Context, spec connectors.Spec, opts connectors.Options) (connectors.Source, error) {
	path := spec.Location
	if path == "" {
		return nil, fmt.Errorf("opening sqlite source: empty path")
	}
	wal, err := checkFile(path)
	if err != nil {
		return nil, fmt.Errorf("opening sqlite source %s: %w", path, err)
	}
	// Options.StatementTimeout is not applied: it bounds statements sent to
	// a server, and a SQLite file has none. Every statement is bounded by the
	// caller's context instead.
	if opts.ConnectTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.ConnectTimeout)
		defer cancel()
	}
	plan, err := planOpen(path, wal)
	if err != nil {
		return nil, fmt.Errorf("opening sqlite source %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn(plan.path, plan.immutable))
	if err != nil {
		os.RemoveAll(plan.tmpDir)
		return nil, fmt.Errorf("opening sqlite source %s: %w", path, err)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	// Reading the schema makes SQLite check the whole header and parse the
	// schema; an encrypted or damaged file fails here ("file is not a
	// database") rather than later as an empty listing.
	var n int64
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		db.Close()
		os.RemoveAll(plan.tmpDir)
		return nil, fmt.Errorf("opening sqlite source %s: not a readable SQLite database: %w", path, err)
	}
	name := spec.Name
	if name == "" {
		base := filepath.Base(path)
		name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return &source{db: db, info: connectors.Info{Kind: kindName, Name: name, Location: path}, includeViews: opts.IncludeViews,
		tmpDir: plan.tmpDir}, nil
}

// checkFile makes sure path is an existing, readable, regular file that
// starts like a SQLite database, and says whether the header marks it as a
// WAL-mode database. It reads the header with a plain read-only open, which
// changes neither the bytes nor the modification time.
func checkFile(path string) (wal bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, errors.New("no such file")
	case errors.Is(err, fs.ErrPermission):
		return false, errors.New("permission denied")
	case err != nil:
		return false, err
	case fi.IsDir():
		return false, errors.New("is a directory, not a SQLite database file")
	case !fi.Mode().IsRegular():
		// A FIFO or device would block or be consumed by reading it.
		return false, fmt.Errorf("not a regular file (%s)", fi.Mode().Type())
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrPermission) {
		return false, errors.New("permission denied")
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	if fi.Size() == 0 {
		// SQLite treats an empty file as an empty database: it opens and
		// lists no tables, which the CLI reports as a warning.
		return false, nil
	}
	// Bytes 18 and 19 are the file format write and read versions: 2 is WAL.
	head := make([]byte, 20)
	if _, err := io.ReadFull(f, head); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return false, errors.New("not a SQLite database (file too short)")
		}
		if errors.Is(err, fs.ErrPermission) {
			return false, errors.New("permission denied")
		}
		return false, fmt.Errorf("reading the file header: %w", err)
	}
	if string(head[:len(sqliteHeader)]) != sqliteHeader {
		return false, errors.New("not a SQLite database (no SQLite header)")
	}
	return head[18] == 2 || head[19] == 2, nil
}

// dsn is the modernc.org/sqlite data source name for path. It must be a
// "file:" URI: only then does the driver hand SQLite's own URI parameters
// (mode=ro) to sqlite3_open_v2; on a plain file name they would be dropped
// and a missing file created. The path is percent-escaped so that '?', '#'
// and '%' in a file name cannot start the query or be decoded. The driver
// applies _pragma=busy_timeout before the other pragmas, and _pragma values
// are run verbatim, which is fine here: they are constants. _time_format and
// _txlock are not set: the first only affects writing time values, and the
// second only explicit transactions, of which this package has one kind,
// read-only (the two passes of a sample, sample.go), begun with a plain
// BEGIN whatever _txlock says.
// immutable adds SQLite's immutable=1 (see sidefiles.go).
func dsn(path string, immutable bool) string {
	q := "mode=ro"
	if immutable {
		q += "&immutable=1"
	}
	q += "&_pragma=" + url.QueryEscape(fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q += "&_pragma=" + url.QueryEscape("query_only(1)")
	return fileURI(path) + "?" + q
}

// dsnReadWrite opens an existing file read-write: only ever a private copy
// (see sidefiles.go), never a source.
func dsnReadWrite(path string) string {
	return fileURI(path) + "?mode=rw&_pragma=" + url.QueryEscape(fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
}

// fileURI is path as a "file:" URI, escaped.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter path, C:/x.db -> file:///C:/x.db
	}
	u := url.URL{Scheme: "file", Path: p}
	// u.String() gives file:///abs/path; url.URL escapes '?' and '#' in Path.
	return u.String()
}

// source is an opened SQLite file.
type source struct {
	db   *sql.DB
	info connectors.Info
	// seed, when non-nil, makes sampling deterministic: each Sample call
	// draws from a generator seeded with *seed and the table's name, so the
	// same table gets the same sample whatever order tables are sampled in.
	// It is nil (crypto-seeded randomness) except in this package's tests.
	seed *uint64
	// includeViews lists views too (--include-views).
	includeViews bool
	// tmpDir holds the copy read instead of the source (see sidefiles.go),
	// removed on Close; "" when the source itself is read.
	tmpDir string
}

func (s *source) Info() connectors.Info { return s.info }

func (s *source) Close() error {
	err := s.db.Close()
	if s.tmpDir != "" {
		err = errors.Join(err, os.RemoveAll(s.tmpDir))
	}
	if err != nil {
		return fmt.Errorf("closing sqlite source %s: %w", s.info.Location, err)
	}
	return nil
}

// schemaName is the only schema listed: attached and temp schemas do not
// exist on a connection this package opens.
const schemaName = "main"

// quoteIdent quotes an SQL identifier: "x" with embedded quotes doubled.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// qualified is the table as SQL text and as error messages show it: main."x".
func qualified(name string) string {
	return schemaName + "." + quoteIdent(name)
}

// Tables lists user tables (views too with IncludeViews; never SQLite's
// internal sqlite_* tables), sorted by name, with their columns, exact row
// counts, and declared primary and foreign keys. A table whose columns or
// rows cannot be read (a virtual table whose module this build lacks, say)
// is still listed, with no columns or Rows.Known false; its error surfaces
// when it is sampled.
func (s *source) Tables(ctx context.Context) ([]connectors.Table, error) {
	// LIKE's '_' is a wildcard, hence the ESCAPE: sqlitefoo is a user table.
	types := "'table'"
	if s.includeViews {
		types = "'table', 'view'"
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT name FROM sqlite_schema WHERE type IN (`+types+`) AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, fmt.Errorf("listing tables of %s: %w", s.info.Location, err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("listing tables of %s: %w", s.info.Location, err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, fmt.Errorf("listing tables of %s: %w", s.info.Location, err)
	}
	rows.Close()
	sort.Strings(names)

	tables := make([]connectors.Table, 0, len(names))
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("listing tables of %s: %w", s.info.Location, err)
		}
		t := connectors.Table{Schema: schemaName, Name: n}
		cols, pk, err := s.tableInfo(ctx, n)
		if err == nil {
			t.Columns, t.PrimaryKey = cols, pk
			if c, err := s.count(ctx, t); err == nil {
				t.Rows = connectors.RowCount{Value: c, Exact: true, Known: true}
			}
		}
		// A cancelled or expired context is not a per-table failure: the
		// listing as a whole did not finish.
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("listing tables of %s: %w", s.info.Location, err)
		}
		tables = append(tables, t)
	}
	// Foreign keys are a nicety of the listing: when they cannot be read,
	// the tables are listed without them.
	fks, err := s.foreignKeys(ctx, tables)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("listing tables of %s: %w", s.info.Location, err)
	}
	if err == nil {
		for i := range tables {
			tables[i].ForeignKeys = fks[tables[i].Name]
		}
	}
	return tables, nil
}

// foreignKeys reads the declared foreign keys of every table in one query,
// keyed by the child table's name, each table's keys in declaration order
// and each key's columns in constraint order.
//
// SQLite keeps a foreign key as written: the parent table and columns in
// whatever case the REFERENCES clause used (names are case-insensitive for
// ASCII letters), and no parent columns at all when the clause named none,
// which means the parent's primary key. Both are resolved against the
// listing, so a key names the tables and columns as they are listed. A
// parent that does not exist (SQLite accepts such a key) keeps its name as
// written, and no columns when none were written.
func (s *source) foreignKeys(ctx context.Context, tables []connectors.Table) (map[string][]connectors.ForeignKey, error) {
	byName := make(map[string]*connectors.Table, len(tables))
	for i := range tables {
		byName[foldASCII(tables[i].Name)] = &tables[i]
	}
	// pragma_foreign_key_list numbers a table's keys from the last
	// declared (id 0) to the first; seq orders the columns of one key.
	rows, err := s.db.QueryContext(ctx, `
		SELECT m.name, f.id, f."table", f."from", f."to"
		FROM sqlite_schema m, pragma_foreign_key_list(m.name, 'main') f
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
		ORDER BY m.name, f.id DESC, f.seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type key struct {
		child  string
		id     int
		parent string
		from   []string
		to     []sql.NullString
	}
	var keys []*key
	for rows.Next() {
		var child, parent, from string
		var id int
		var to sql.NullString
		if err := rows.Scan(&child, &id, &parent, &from, &to); err != nil {
			return nil, err
		}
		if n := len(keys); n == 0 || keys[n-1].child != child || keys[n-1].id != id {
			keys = append(keys, &key{child: child, id: id, parent: parent})
		}
		k := keys[len(keys)-1]
		k.from = append(k.from, from)
		k.to = append(k.to, to)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[string][]connectors.ForeignKey{}
	for _, k := range keys {
		fk := connectors.ForeignKey{RefSchema: schemaName, RefTable: k.parent}
		child, parent := byName[foldASCII(k.child)], byName[foldASCII(k.parent)]
		if parent != nil {
			fk.RefTable = parent.Name
		}
		for i, from := range k.from {
			if child != nil {
				from = columnName(child.Columns, from)
			}
			fk.Columns = append(fk.Columns, from)
			switch {
			case k.to[i].Valid && parent != nil:
				fk.RefColumns = append(fk.RefColumns, columnName(parent.Columns, k.to[i].String))
			case k.to[i].Valid:
				fk.RefColumns = append(fk.RefColumns, k.to[i].String)
			case parent != nil && i < len(parent.PrimaryKey):
				fk.RefColumns = append(fk.RefColumns, parent.PrimaryKey[i])
			}
		}
		if len(fk.RefColumns) != len(fk.Columns) {
			fk.RefColumns = nil // parent columns omitted, and no such parent key
		}
		out[k.child] = append(out[k.child], fk)
	}
	return out, nil
}

// columnName is the listed spelling of a column named name in any ASCII
// case, or name itself when no column matches.
func columnName(cols []connectors.Column, name string) string {
	for _, c := range cols {
		if c.Name == name {
			return name
		}
	}
	for _, c := range cols {
		if foldASCII(c.Name) == foldASCII(name) {
			return c.Name
		}
	}
	return name
}

// foldASCII lower-cases the ASCII letters of s only, as SQLite does when it
// compares identifiers: Ñ and ñ are different names to SQLite.
func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// columns reads a table's columns (see tableInfo).
func (s *source) columns(ctx context.Context, table string) ([]connectors.Column, error) {
	cols, _, err := s.tableInfo(ctx, table)
	return cols, err
}

// tableInfo reads a table's columns and its declared primary key, in key
// order, with pragma_table_info, the table name bound as a parameter, so no
// name needs quoting. pk is a column's 1-based place in the primary key (0
// when it is not in it); a table without a declared key has none, whatever
// its rowid.
func (s *source) tableInfo(ctx context.Context, table string) ([]connectors.Column, []string, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT name, type, pk FROM pragma_table_info(?, 'main') ORDER BY cid`, table)
	if err != nil {
		return nil, nil, fmt.Errorf("reading columns of table %s: %w", qualified(table), err)
	}
	defer rows.Close()
	var cols []connectors.Column
	var pk []string
	var places []int
	for rows.Next() {
		var c connectors.Column
		var place int
		if err := rows.Scan(&c.Name, &c.Type, &place); err != nil {
			return nil, nil, fmt.Errorf("reading columns of table %s: %w", qualified(table), err)
		}
		c.Kind = kindOf(c.Type)
		cols = append(cols, c)
		if place > 0 {
			pk = append(pk, c.Name)
			places = append(places, place)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("reading columns of table %s: %w", qualified(table), err)
	}
	if len(cols) == 0 {
		// Every SQLite table has a column; none means no such table.
		return nil, nil, fmt.Errorf("reading columns of table %s: no such table", qualified(table))
	}
	sort.Sort(byPlace{pk, places})
	return cols, pk, nil
}

// byPlace sorts key columns by their place in the key.
type byPlace struct {
	names  []string
	places []int
}

func (b byPlace) Len() int           { return len(b.names) }
func (b byPlace) Less(i, j int) bool { return b.places[i] < b.places[j] }
func (b byPlace) Swap(i, j int) {
	b.names[i], b.names[j] = b.names[j], b.names[i]
	b.places[i], b.places[j] = b.places[j], b.places[i]
}

// count counts t's rows (its part's, for a part).
func (s *source) count(ctx context.Context, t connectors.Table) (int64, error) {
	w, err := where(t)
	if err != nil {
		return 0, err
	}
	var n int64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+qualified(t.Name)+w).Scan(&n); err != nil {
		return 0, err
	}
	return n, nil
}

// CountRows counts a table's rows exactly (a part's, for a part).
func (s *source) CountRows(ctx context.Context, t connectors.Table) (int64, error) {
	n, err := s.count(ctx, t)
	if err != nil {
		return 0, fmt.Errorf("counting rows of table %s: %w", qualified(t.Name), err)
	}
	return n, nil
}

// readPlan is how the given columns of a table are read: the SELECT list,
// and for each requested column its index in that list, or -1 for a binary
// column, which is not read and renders as "".
type readPlan struct {
	cols  []connectors.Column
	list  string // the SELECT list; "NULL" when every column is binary
	index []int
	nRead int
	// rows is how many rows a sample keeps at most, and limit how many
	// bytes of a value (connectors.Budget): text and blobs are cut in the
	// SELECT to limit+1 characters (bytes for a blob), so that a 10 MB note
	// is never copied out of SQLite whole, and a cut is still seen (more
	// than limit bytes arrive) when the rows are kept. Columns declared as
	// dates are read as they are (the driver parses their text only when
	// the result column keeps the declared type, which an expression does
	// not): connectors.Rows cuts their values as they are kept.
	rows, limit int
}

// planRead resolves cols (nil: every column of t) into a readPlan for a
// sample of n rows (0: a full read, whose values are cut to
// connectors.MaxValueBytes). When t carries no columns because the listing
// could not read them, they are read again, so the reason surfaces here.
func (s *source) planRead(ctx context.Context, t connectors.Table, cols []connectors.Column, n int) (readPlan, error) {
	if cols == nil {
		cols = t.Columns
	}
	if len(cols) == 0 {
		c, err := s.columns(ctx, t.Name)
		if err != nil {
			return readPlan{}, err
		}
		cols = c
	}
	p := readPlan{cols: cols, index: make([]int, len(cols))}
	textCols := 0
	for _, c := range cols {
		switch c.Kind {
		case connectors.KindText, connectors.KindJSON, connectors.KindOther:
			textCols++
		}
	}
	p.rows, p.limit = connectors.Budget(n, textCols)
	var list []string
	for i, c := range cols {
		if c.Kind == connectors.KindBinary {
			p.index[i] = -1
			continue
		}
		p.index[i] = len(list)
		col := quoteIdent(c.Name)
		switch c.Kind {
		case connectors.KindDate, connectors.KindTimestamp:
			list = append(list, col)
		default:
			// Any column may hold text in SQLite; numbers stay numbers.
			list = append(list, fmt.Sprintf("CASE WHEN typeof(%s) IN ('text', 'blob') THEN substr(%s, 1, %d) ELSE %s END",
				col, col, p.limit+1, col))
		}
	}
	p.nRead = len(list)
	if len(list) == 0 {
		list = []string{"NULL"} // still touches the table, so a missing one fails
	}
	p.list = strings.Join(list, ", ")
	return p, nil
}

// chunkRows is how many rows one chunk of ReadColumns reads (a variable
// for tests).
var chunkRows = connectors.ChunkRows

// ReadColumns streams cols of every row of t (of its part, for a part), in
// key order, in chunks of chunkRows rows, each its own statement, when the
// table has a key (split.go), and in one statement in storage order when
// it has none. An error returned by fn stops the read and is returned as
// is.
func (s *source) ReadColumns(ctx context.Context, t connectors.Table, cols []connectors.Column, fn func(values []string) error) error {
	wrap := func(err error) error {
		var ce callerError
		if errors.As(err, &ce) {
			return ce.err
		}
		return fmt.Errorf("reading table %s: %w", qualified(t.Name), err)
	}
	p, err := s.planRead(ctx, t, cols, 0)
	if err != nil {
		return wrap(err)
	}
	k, keyed, err := s.keyOf(ctx, t)
	if err != nil {
		return wrap(err)
	}
	from := qualified(t.Name)
	if !keyed {
		w, err := where(t)
		if err != nil {
			return wrap(err)
		}
		if _, _, err = s.readChunk(ctx, "SELECT "+p.list+" FROM "+from+w, nil, p, false, fn); err != nil {
			return wrap(err)
		}
		return nil
	}
	var last any // the key of the last row read; nil before the first
	for {
		var after string
		var args []any
		if last != nil {
			after, args = k.expr+" > ?", []any{last}
		}
		w, err := where(t, after)
		if err != nil {
			return wrap(err)
		}
		q := "SELECT " + p.list + ", " + k.expr + " FROM " + from + w + " ORDER BY " + k.expr + " LIMIT " + strconv.Itoa(chunkRows)
		got, key, err := s.readChunk(ctx, q, args, p, true, fn)
		if err != nil {
			return wrap(err)
		}
		if got < int64(chunkRows) {
			return nil
		}
		last = key
	}
}

// readChunk runs one statement of ReadColumns and hands its rows to fn;
// keyed says the statement reads the key after p's list. It returns how
// many rows it read and the last one's key; an error of fn comes back as
// a callerError.
func (s *source) readChunk(ctx context.Context, q string, args []any, p readPlan, keyed bool, fn func(values []string) error) (n int64, last any, err error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	width := max(p.nRead, 1)
	if keyed {
		width++
	}
	raw := make([]any, width)
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	values := make([]string, len(p.cols))
	for rows.Next() {
		// database/sql notices cancellation asynchronously; checking here
		// stops the read at once.
		if err := ctx.Err(); err != nil {
			return n, nil, err
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, nil, err
		}
		for i, j := range p.index {
			if j < 0 {
				values[i] = ""
			} else {
				values[i] = connectors.Clip(render(raw[j]), p.limit)
			}
		}
		if err := fn(values); err != nil {
			return n, nil, callerError{err}
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, nil, err
	}
	if keyed && n > 0 {
		last = raw[width-1]
	}
	return n, last, nil
}

// callerError carries an error of a ReadColumns callback, returned as is.
type callerError struct{ err error }

func (e callerError) Error() string { return e.err.Error() }
