// Package mssql reads Microsoft SQL Server databases.
//
// A source is a go-mssqldb URL naming one database:
//
//	sqlserver://user:pass@host:1433?database=db
//	sqlserver://user@host/INSTANCE?database=db&encrypt=true
//
// The password comes from the URL (percent-encoded), or else from
// Spec.Password (--password-file, an inventory), or else from the
// MSSQL_PASSWORD environment variable: the most specific source wins, as
// the URL names one server and the environment serves every source of a
// scan. It is never printed: Spec.Location
// and Info.Location carry the URL without it, and every error this package
// returns is scrubbed of it. Only the driver's known connection parameters
// are accepted, and a few of those are refused (see dsn.go): "change
// password" (a write), "log" (driver logging can print row values), the
// timeouts (alcance sets its own), "timezone" (it would reinterpret stored
// times), "columnencryption", protocol=admin (the dedicated administrator
// connection), and an app name or ApplicationIntent other than alcance's.
// A database must be named: alcance scans one database per source.
//
// # Safety
//
// SQL Server has no read-only session, so alcance keeps to reading by what
// it sends and how it connects:
//
//   - Only SELECT statements on user objects and the catalog views, and SET
//     statements that configure the session, all built in sql.go; no
//     explicit transaction is ever begun, and IMPLICIT_TRANSACTIONS is set
//     OFF so that no SELECT opens one: each statement commits (ends) on
//     its own, and no lock outlives it.
//   - Each session runs at READ COMMITTED with LOCK_TIMEOUT 5000 ms and
//     DEADLOCK_PRIORITY LOW: it reads only committed rows, gives up after
//     5 s rather than queue behind a writer, and loses any deadlock. See
//     sessionSetupSQL for why not READ UNCOMMITTED (NOLOCK).
//   - ApplicationIntent=ReadOnly: an Availability Group listener with
//     read-only routing sends alcance to a readable secondary.
//   - app name=alcance: a DBA sees who is reading.
//   - At most Options.MaxConns connections; connecting is bounded by
//     Options.ConnectTimeout (TCP dial and TDS handshake, see net.go), and
//     each statement by Options.StatementTimeout through its context: when
//     it passes, go-mssqldb sends the server an attention packet, which
//     cancels the statement there (SQL Server has no per-session statement
//     timeout setting). A server or network that does not acknowledge the
//     cancel within cancelGrace has its connection closed (run), so no
//     wait outlives the statement timeout by more than that.
//   - A full read of a table whose primary key is one clustered integer
//     column goes in chunks by key, each a statement of its own that takes
//     a fraction of the statement timeout (split.go); other tables are read
//     in one statement, which the timeout bounds as a whole.
//   - The login should be a member of db_datareader and nothing more: that
//     is what makes a write impossible rather than merely never sent.
//
// # Values
//
// Values are rendered as connectors.Sample documents (NULL as "", dates as
// YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM:SS, in the stored wall clock:
// a datetimeoffset keeps its own offset), and: char padding is trimmed;
// char, varchar, text and xml are converted to nvarchar by the server, so
// every collation's code page (CP1252, and the _UTF8 collations that
// go-mssqldb 1.11.2 misdecodes) is decoded correctly; decimal, numeric
// and money come as the driver's exact decimal text (no exponent);
// uniqueidentifier as its canonical upper-case text; real with float32
// precision; time as HH:MM:SS. Columns of Kind connectors.KindBinary
// (binary, varbinary, image, timestamp/rowversion, CLR types) are never
// read, and their values are "". No value is longer than
// connectors.MaxValueBytes: the unbounded types are cut in the SELECT,
// and every value again when it is rendered (Sample.Truncated says which
// columns lost something).
//
// # Other servers that speak TDS
//
// Babelfish for PostgreSQL 4.3 was run live (see live_test.go). What it
// does differently, and how this package copes: no sys.allocation_units
// (sampling plans without page counts), sys.partitions rows stale until
// PostgreSQL analyzes a table (a one pass reports what it counted),
// sysname as varchar (names are read as nvarchar), case-folded names in
// sys.* (it matches names without case), TABLESAMPLE ignored (the TOP cap
// catches it), SET TEXTSIZE ignored (values are cut in the SELECT), a
// cancel never acknowledged (the watchdog closes the connection; the
// query may run on in the server), no db_datareader and no DENY.
package mssql

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	mssql "github.com/microsoft/go-mssqldb"
	"github.com/microsoft/go-mssqldb/msdsn"

	"github.com/alcance-mx/alcance/connectors"
)

// kindName is the name this connector registers under.
const kindName = "mssql"

func init() {
	connectors.Register(kindName, opener{})
}

type opener struct{}

// The optional capabilities the scan engine discovers by type assertion.
var (
	_ connectors.RowCounter   = (*source)(nil)
	_ connectors.ColumnReader = (*source)(nil)
	_ connectors.Warner       = (*source)(nil)
	_ connectors.Splitter     = (*source)(nil)
)

// Parse recognises sqlserver:// URLs (any case of the scheme). Anything
// else is not this connector's; a sqlserver:// URL that cannot be used
// (no host, no database, an unknown or refused parameter, a value the
// driver rejects) is an error. The error never quotes the argument.
func (opener) Parse(raw string) (connectors.Spec, bool, error) {
	c, err := parseURL(raw, "")
	if errors.Is(err, errNotOurs) {
		return connectors.Spec{}, false, nil
	}
	if err != nil {
		return connectors.Spec{}, false, err
	}
	// What the driver itself makes of it: bad values (encrypt=maybe, a
	// missing certificate file) are usage errors, found before connecting.
	if _, err := msdsn.Parse(c.dsn(defaultConnectTimeout)); err != nil {
		return connectors.Spec{}, false, fmt.Errorf("sqlserver source: %s", scrub(err.Error(), c.password))
	}
	return connectors.Spec{Kind: kindName, Raw: raw, Location: c.location(), Name: c.database}, true, nil
}

// Open connects, applies the session settings and checks that they are in
// effect, within Options.ConnectTimeout.
func (opener) Open(ctx context.Context, spec connectors.Spec, opts connectors.Options) (connectors.Source, error) {
	fallback := spec.Password
	if fallback == "" {
		fallback = os.Getenv(passwordEnv)
	}
	c, err := parseURL(spec.Raw, fallback)
	if err != nil {
		return nil, fmt.Errorf("opening SQL Server source: %w", err)
	}
	loc := c.location()
	ct := effectiveConnectTimeout(opts)
	connector, err := mssql.NewConnector(c.dsn(ct))
	if err != nil {
		return nil, fmt.Errorf("opening SQL Server source %s: %s", loc, scrub(err.Error(), c.password))
	}
	connector.SessionInitSQL = sessionSetupSQL
	connector.Dialer = newHandshakeDialer(ct)
	lifting := liftingConnector{inner: connector}
	db := sql.OpenDB(&lifting)
	maxConns := opts.MaxConns
	if maxConns <= 0 {
		maxConns = connectors.DefaultOptions().MaxConns
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	s := &source{
		db:             db,
		info:           connectors.Info{Kind: kindName, Name: c.database, Location: loc},
		opts:           opts,
		connectTimeout: ct,
		password:       c.password,
		addr:           c.addr,
		grace:          cancelGrace,
	}
	lifting.grace = func() time.Duration { return s.grace }
	if err := s.check(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening SQL Server source %s: %w", loc, err)
	}
	return s, nil
}

// checkGrace is how long check waits past the connect timeout for the
// driver's own error, which says more than "timed out".
const checkGrace = 250 * time.Millisecond

// check opens the first connection and runs sessionCheckQuery on it. The
// wait is bounded by the connect timeout even where the driver does not
// look at the context (a host name whose DNS lookup hangs): the attempt is
// then abandoned, and the pool closed, when it returns.
func (s *source) check(ctx context.Context) error {
	ec := s.errCtx(ctx, nil)
	ec.connecting = true
	cctx, cancel := context.WithTimeout(ctx, s.connectTimeout)
	defer cancel()
	type result struct {
		name     sql.NullString
		lock     int64
		implicit int64
		err      error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.err = s.db.QueryRowContext(cctx, sessionCheckQuery).Scan(&r.name, &r.lock, &r.implicit)
		done <- r
	}()
	var r result
	select {
	case r = <-done:
	case <-cctx.Done():
		select {
		case r = <-done:
		case <-time.After(checkGrace):
			r.err = cctx.Err()
		}
	}
	if r.err != nil {
		ec.callerDone = ctx.Err()
		return describe(r.err, ec)
	}
	if r.lock != lockTimeoutMS || r.implicit != 0 {
		return fmt.Errorf("the session settings did not take effect (LOCK_TIMEOUT is %d, IMPLICIT_TRANSACTIONS bit %d): alcance does not read without them", r.lock, r.implicit)
	}
	return nil
}

// source is an opened SQL Server database.
type source struct {
	db             *sql.DB
	info           connectors.Info
	opts           connectors.Options
	connectTimeout time.Duration
	password       string // scrubbed from errors
	addr           string
	// grace is how long a statement may take to end after its context
	// did before its connection is closed (cancelGrace).
	grace time.Duration
	// statsLevel is the first statsQuery level worth trying: raised, once
	// for all tables, when the server lacks a catalog view a level uses.
	statsLevel atomic.Int32
	// seed, when non-nil, makes sampling deterministic (this package's
	// tests); otherwise every Sample call is crypto-seeded.
	seed *uint64
}

func (s *source) Info() connectors.Info { return s.info }

func (s *source) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("closing SQL Server source %s: %s", s.info.Location, scrub(err.Error(), s.password))
	}
	return nil
}

// errCtx describes where an error of a statement run under sctx (derived
// from ctx; nil outside a statement) happened.
func (s *source) errCtx(ctx, sctx context.Context) errContext {
	ec := errContext{
		addr:             s.addr,
		connectTimeout:   s.connectTimeout,
		statementTimeout: s.opts.StatementTimeout,
		callerDone:       ctx.Err(),
		password:         s.password,
		grace:            s.grace,
	}
	if sctx != nil && ec.callerDone == nil && errors.Is(sctx.Err(), context.DeadlineExceeded) {
		ec.statementExpired = true
	}
	return ec
}

// callerError marks an error returned by a ReadColumns callback, which is
// passed back as is rather than described.
type callerError struct{ err error }

func (e callerError) Error() string { return e.err.Error() }

// querier is what a statement runs on: one pooled connection.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// run runs one statement, fn, on a connection of its own, under a context
// bounded by the statement timeout, and describes its error.
//
// When that context ends, go-mssqldb sends the server an attention and
// waits for it to be acknowledged, which a server may never do (Babelfish,
// for some statements) or a stalled network never deliver: a watchdog
// closes the connection's sockets when the statement has not returned
// s.grace after its context ended (see net.go). Taking the connection from
// the pool, which resets the session in a round trip, is bounded by
// watchedConn.
func (s *source) run(ctx context.Context, fn func(ctx context.Context, q querier) error) error {
	sctx, cancel := ctx, context.CancelFunc(func() {})
	if s.opts.StatementTimeout > 0 {
		sctx, cancel = context.WithTimeout(ctx, s.opts.StatementTimeout)
	}
	defer cancel()
	conn, err := s.db.Conn(sctx)
	if err != nil {
		return describe(err, s.errCtx(ctx, sctx))
	}
	stop := watch(sctx, socketsOf(conn), s.grace)
	err = fn(sctx, conn)
	unacknowledged := stop()
	conn.Close()
	if err == nil {
		return nil
	}
	var ce callerError
	if errors.As(err, &ce) {
		return ce.err
	}
	ec := s.errCtx(ctx, sctx)
	ec.unacknowledged = unacknowledged
	return describe(err, ec)
}

// Tables lists user tables (and views, with Options.IncludeViews) with
// their columns, catalog row counts and declared keys, sorted by schema and
// name, in five catalog queries whatever the number of tables. A row count
// the catalog cannot give (a view, or a login that cannot see
// sys.partitions) is left unknown; keys it cannot give are left out.
func (s *source) Tables(ctx context.Context) ([]connectors.Table, error) {
	wrap := func(err error) error {
		return fmt.Errorf("listing tables of %s: %w", s.info.Location, err)
	}
	views := s.opts.IncludeViews
	type object struct {
		id   int64
		t    connectors.Table
		view bool
	}
	var objects []object
	err := s.run(ctx, func(ctx context.Context, q querier) error {
		rows, err := q.QueryContext(ctx, listingQuery(views))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o object
			if err := rows.Scan(&o.id, &o.t.Schema, &o.t.Name, &o.view); err != nil {
				return err
			}
			objects = append(objects, o)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrap(err)
	}
	if len(objects) == 0 {
		return []connectors.Table{}, nil
	}

	cols := map[int64][]connectors.Column{}
	err = s.run(ctx, func(ctx context.Context, q querier) error {
		rows, err := q.QueryContext(ctx, columnsQuery(views))
		if err != nil {
			return err
		}
		defer rows.Close()
		return scanColumns(rows, func(id int64, c connectors.Column) { cols[id] = append(cols[id], c) })
	})
	if err != nil {
		return nil, wrap(fmt.Errorf("reading columns: %w", err))
	}

	// Counts and keys are a convenience: without them the listing still
	// stands (a server without the catalog view, a login refused it),
	// unless the scan itself was cancelled or ran out of time.
	counts, err := s.rowCounts(ctx, views)
	if err != nil && ctx.Err() != nil {
		return nil, wrap(err)
	}
	pks, fks, err := s.keys(ctx)
	if err != nil && ctx.Err() != nil {
		return nil, wrap(err)
	}

	tables := make([]connectors.Table, 0, len(objects))
	for _, o := range objects {
		t := o.t
		t.Columns = cols[o.id]
		if n, ok := counts[o.id]; ok {
			t.Rows = connectors.RowCount{Value: n, Exact: false, Known: true}
		}
		if !o.view {
			t.PrimaryKey = pks[o.id]
			t.ForeignKeys = fks[o.id]
		}
		tables = append(tables, t)
	}
	sort.Slice(tables, func(i, j int) bool {
		if tables[i].Schema != tables[j].Schema {
			return tables[i].Schema < tables[j].Schema
		}
		return tables[i].Name < tables[j].Name
	})
	return tables, nil
}

// rowCounts reads every table's catalog row count, by object_id.
func (s *source) rowCounts(ctx context.Context, views bool) (map[int64]int64, error) {
	counts := map[int64]int64{}
	err := s.run(ctx, func(ctx context.Context, q querier) error {
		rows, err := q.QueryContext(ctx, rowCountsQuery(views))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var n sql.NullInt64
			if err := rows.Scan(&id, &n); err != nil {
				return err
			}
			if n.Valid {
				counts[id] = n.Int64
			}
		}
		return rows.Err()
	})
	if err != nil {
		return map[int64]int64{}, err
	}
	return counts, nil
}

// keys reads the declared primary and foreign keys of every table, by
// object_id, in two catalog queries. Each part that fails is left empty.
func (s *source) keys(ctx context.Context) (map[int64][]string, map[int64][]connectors.ForeignKey, error) {
	pks := map[int64][]string{}
	pkErr := s.run(ctx, func(ctx context.Context, q querier) error {
		rows, err := q.QueryContext(ctx, primaryKeysQuery())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var col string
			if err := rows.Scan(&id, &col); err != nil {
				return err
			}
			pks[id] = append(pks[id], col)
		}
		return rows.Err()
	})
	if pkErr != nil {
		pks = map[int64][]string{}
	}
	fks := map[int64][]connectors.ForeignKey{}
	fkErr := s.run(ctx, func(ctx context.Context, q querier) error {
		rows, err := q.QueryContext(ctx, foreignKeysQuery())
		if err != nil {
			return err
		}
		defer rows.Close()
		var lastFK int64
		for rows.Next() {
			var table, fk int64
			var col, refSchema, refTable, refCol string
			if err := rows.Scan(&table, &fk, &col, &refSchema, &refTable, &refCol); err != nil {
				return err
			}
			list := fks[table]
			if len(list) == 0 || fk != lastFK {
				list = append(list, connectors.ForeignKey{RefSchema: refSchema, RefTable: refTable})
			}
			k := &list[len(list)-1]
			k.Columns = append(k.Columns, col)
			k.RefColumns = append(k.RefColumns, refCol)
			fks[table] = list
			lastFK = fk
		}
		return rows.Err()
	})
	if fkErr != nil {
		fks = map[int64][]connectors.ForeignKey{}
	}
	return pks, fks, errors.Join(pkErr, fkErr)
}

// scanColumns reads the rows of a columns query.
func scanColumns(rows *sql.Rows, add func(id int64, c connectors.Column)) error {
	for rows.Next() {
		var (
			id                      int64
			name, typ               string
			assembly                bool
			maxLen, precision, scal int64
		)
		if err := rows.Scan(&id, &name, &typ, &assembly, &maxLen, &precision, &scal); err != nil {
			return err
		}
		add(id, connectors.Column{
			Name: name,
			Type: spellType(typ, int(maxLen), int(precision), int(scal)),
			Kind: kindOf(typ, assembly),
		})
	}
	return rows.Err()
}

// columns reads the columns of one table, for a Table that carries none.
func (s *source) columns(ctx context.Context, t connectors.Table) ([]connectors.Column, error) {
	var cols []connectors.Column
	err := s.run(ctx, func(ctx context.Context, q querier) error {
		rows, err := q.QueryContext(ctx, tableColumnsQuery, qualified(t))
		if err != nil {
			return err
		}
		defer rows.Close()
		return scanColumns(rows, func(_ int64, c connectors.Column) { cols = append(cols, c) })
	})
	if err != nil {
		return nil, fmt.Errorf("reading columns: %w", err)
	}
	if len(cols) == 0 {
		return nil, errors.New("no such table, or this login cannot see it")
	}
	return cols, nil
}

// readPlan is how the given columns of a table are read: the SELECT list,
// and for each requested column its index in that list, or -1 for a
// binary column, which is not read and renders as "".
type readPlan struct {
	cols   []connectors.Column
	list   string // the SELECT list; "NULL" when every column is binary
	index  []int
	render []func(any) string // per column of the SELECT list
	nRead  int
}

// newReadPlan resolves cols into a readPlan.
func newReadPlan(cols []connectors.Column) readPlan {
	p := readPlan{cols: cols, index: make([]int, len(cols))}
	var list []string
	for i, c := range cols {
		if c.Kind == connectors.KindBinary {
			p.index[i] = -1
			continue
		}
		p.index[i] = len(list)
		list = append(list, selectExpr(c))
		p.render = append(p.render, renderer(c))
	}
	p.nRead = len(list)
	if len(list) == 0 {
		list = []string{"NULL"} // still touches the table, so a missing one fails
	}
	p.list = strings.Join(list, ", ")
	return p
}

// planRead resolves cols (nil: every column of t) into a readPlan. When t
// carries no columns, they are read from the catalog.
func (s *source) planRead(ctx context.Context, t connectors.Table, cols []connectors.Column) (readPlan, error) {
	if cols == nil {
		cols = t.Columns
	}
	if len(cols) == 0 {
		c, err := s.columns(ctx, t)
		if err != nil {
			return readPlan{}, err
		}
		cols = c
	}
	return newReadPlan(cols), nil
}

// renderer is how a column's values become text: connectors.Render, except
// for real (a float32: rendered with float32 precision, 0.1 not
// 0.10000000149011612) and time (a time of day, which the driver returns
// on 0001-01-01).
func renderer(c connectors.Column) func(any) string {
	base, _ := splitType(c.Type)
	switch base {
	case "real":
		return func(v any) string {
			if f, ok := v.(float64); ok {
				return strconv.FormatFloat(f, 'f', -1, 32)
			}
			return connectors.Render(v)
		}
	case "time":
		return func(v any) string {
			if t, ok := v.(time.Time); ok {
				return t.Format("15:04:05")
			}
			return connectors.Render(v)
		}
	}
	return connectors.Render
}

// scanner scans rows of a readPlan's SELECT list into reused buffers.
type scanner struct {
	raw  []any
	ptrs []any
	// cut[j] is true once a value of read column j was cut to
	// connectors.MaxValueBytes.
	cut []bool
}

func newScanner(rp readPlan) *scanner {
	sc := &scanner{raw: make([]any, max(rp.nRead, 1)), cut: make([]bool, rp.nRead)}
	sc.ptrs = make([]any, len(sc.raw))
	for i := range sc.raw {
		sc.ptrs[i] = &sc.raw[i]
	}
	return sc
}

// into renders the scanned values of the read columns into dst, each cut
// to connectors.MaxValueBytes.
func (sc *scanner) into(rp readPlan, dst []string) {
	for i := 0; i < rp.nRead; i++ {
		v := rp.render[i](sc.raw[i])
		if len(v) > connectors.MaxValueBytes {
			v = cutValue(v, connectors.MaxValueBytes)
			sc.cut[i] = true
		}
		dst[i] = v
	}
}

// truncated lays the scanner's cut flags out as rp's requested columns
// (connectors.Sample.Truncated), or nil when nothing was cut.
func (sc *scanner) truncated(rp readPlan) []bool {
	if !slices.Contains(sc.cut, true) {
		return nil
	}
	out := make([]bool, len(rp.cols))
	for i, j := range rp.index {
		out[i] = j >= 0 && sc.cut[j]
	}
	return out
}

// cutValue cuts v to at most n bytes, at a character boundary: a cut
// through a UTF-8 sequence would leave invalid text behind.
func cutValue(v string, n int) string {
	if len(v) <= n {
		return v
	}
	for n > 0 && !utf8.RuneStart(v[n]) {
		n--
	}
	return v[:n]
}

// runRead is run for a statement whose errors are wrapped, except a
// caller's, which is returned as is.
func (s *source) runRead(ctx context.Context, wrap func(error) error, fn func(ctx context.Context, q querier) error) error {
	var passed bool
	err := s.run(ctx, func(ctx context.Context, q querier) error {
		err := fn(ctx, q)
		var ce callerError
		passed = errors.As(err, &ce)
		return err
	})
	if err == nil || passed {
		return err
	}
	return wrap(err)
}

// rand is the random source of one Sample call: crypto-seeded, or, when the
// source has a seed (tests), derived from it and the table's name.
func (s *source) rand(t connectors.Table) *rand.Rand {
	if s.seed != nil {
		h := fnv.New64a()
		h.Write([]byte(t.QualifiedName()))
		return rand.New(rand.NewPCG(*s.seed, h.Sum64()))
	}
	var key [32]byte
	crand.Read(key[:]) // never fails (Go 1.24+ aborts the program instead)
	return rand.New(rand.NewChaCha8(key))
}
