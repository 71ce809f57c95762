// Package mysql reads MySQL and MariaDB servers.
//
// A source is given as mysql://user[:pass]@host[:port][/db][?params]
// (mariadb:// is accepted as a synonym). Without /db every database the
// user can see is scanned, except the system schemas mysql,
// information_schema, performance_schema and sys. The password comes from
// the URL or, when the URL has none, from --password-file (Spec.Password)
// or else the MYSQL_PWD environment variable; it is never printed: Location
// and Name leave it out, and every error is checked for it (see scrub). The only query parameters accepted
// are tls (false, true, skip-verify, preferred; default false, as the driver
// does, because old servers offer only TLS versions Go refuses) and
// allowCleartextPasswords (for PAM or LDAP accounts, over TLS); any other
// is refused, so nobody believes a setting was honoured that was not. Only
// TCP is supported, not Unix sockets.
//
// # Being a safe guest on a production server
//
// alcance reads servers that others run. Every connection is set up, before
// database/sql hands it to any query, with (flavour.go has the statements
// and the versions they need):
//
//   - SET SESSION TRANSACTION READ ONLY, so that every transaction of the
//     session, including single autocommit statements, refuses to write;
//     reads that span several statements (Sample, ReadColumns) also run
//     inside START TRANSACTION READ ONLY;
//   - a per-statement timeout from Options.StatementTimeout (default 5
//     minutes): MariaDB's max_statement_time (seconds, any statement) or
//     MySQL's max_execution_time (milliseconds, top-level SELECTs only);
//   - lock_wait_timeout and innodb_lock_wait_timeout of 5 seconds: a read
//     that has to queue for a metadata or table lock (behind an ALTER
//     TABLE, or a MyISAM writer) gives up rather than wait;
//   - the connection attribute program_name=alcance, visible to the DBA in
//     performance_schema.session_connect_attrs where that is enabled.
//
// The timeout covers a statement until its last row is sent, so
// ReadColumns reads a table with an integer primary key in chunks by key,
// each its own statement sized to take a fraction of the timeout
// (split.go); a table without one is read in one statement, which fails
// with "timed out" when the table is too big to stream within it (the
// caller then chooses a longer Options.StatementTimeout). Split cuts a
// table into parts by the same key, for the shards of a scan.
//
// The pool holds at most Options.MaxConns connections (default 2), each
// dialled and set up within Options.ConnectTimeout (default 10 s, the
// driver's timeout; a server that accepts and never answers is given up at
// that point too) and replaced after connMaxLifetime. The driver's
// readTimeout is StatementTimeout plus ConnectTimeout, not ConnectTimeout
// alone: it bounds every network read, and a statement may rightly send
// nothing for as long as the statement timeout (a COUNT(*) of a big table).
// No statement ever changes anything: the connector sends SELECT, SET
// SESSION, START TRANSACTION READ ONLY and ROLLBACK only, never SET GLOBAL,
// and never prepares server-side statements (parameters are interpolated
// by the driver, and sampled keys are integers written into the SQL text).
//
// What the server still pays for: a long read holds an InnoDB read view
// (purge waits for it) and a shared metadata lock on its table, so an
// ALTER TABLE queued behind it makes later statements on that table wait
// too; on MyISAM and Aria tables a SELECT holds a table read lock for as
// long as it runs, so UPDATEs and DELETEs wait (concurrent INSERTs at the
// end of the table do not). The statement timeout bounds all of these.
// When the caller's context is cancelled, the statement is killed on the
// server at once (KILL QUERY from a second connection, session.go); a read
// whose connection is lost is retried (retry.go); text and JSON values are
// cut on the server (readPlan).
//
// Servers older than the features above (MariaDB before 10.1, MySQL before
// 5.7.8 for the timeout; before 10.0 and 5.6.5 for read-only transactions)
// are still read, without the protections they lack: the connector itself
// only ever reads.
//
// # Values
//
// The connection character set is utf8mb4 (utf8 on servers older than
// MySQL 5.5.3), so the server converts text from whatever the table or
// column declares: a latin1 column (which MariaDB and MySQL take as
// Windows-1252) holding MUÑOZ comes out as MUÑOZ. Bytes that were stored
// mis-encoded, such as UTF-8 written into a latin1 column through a
// latin1 connection, come out as the mojibake they are ("MUÃ‘OZ"): repairing
// that is the detectors' job. Columns of Kind connectors.KindBinary (BINARY,
// VARBINARY, the BLOB family, spatial types) are never read; their values in
// a Sample or ReadColumns are "". Dates are YYYY-MM-DD; DATETIME and
// TIMESTAMP are rendered by connectors.RenderTime (a date at midnight, else
// YYYY-MM-DD HH:MM:SS); the zero dates MySQL allows (0000-00-00 and
// 0000-00-00 00:00:00) are "", like NULL; a date with a zero month or day
// (1985-00-00) is kept as the server writes it. TIMESTAMP values are shown
// in the session's time zone, the server's default, as an application sees
// them. DECIMAL keeps the server's exact text (1234.50); BIT is rendered as
// an unsigned integer; CHAR padding is removed.
//
// # Testing
//
// The tests that need a server read its admin URL from ALCANCE_TEST_MYSQL
// (mysql://root@127.0.0.1:3306/) and skip without it. CI points it at
// MariaDB; pointed at an Oracle MySQL server, the same tests run the MySQL
// paths of flavour.go live (flavour_test.go checks every statement for both
// flavours without a server).
package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/go-sql-driver/mysql"
)

// kindName is the name this connector registers under.
const kindName = "mysql"

// Defaults for Options fields left at zero. Zero never means "unlimited":
// alcance must not leave an unbounded statement or connection count on a
// server it does not own.
const (
	defaultMaxConns         = 2
	defaultConnectTimeout   = 10 * time.Second
	defaultStatementTimeout = 5 * time.Minute
)

// lockWait is the session's lock_wait_timeout and innodb_lock_wait_timeout,
// in seconds: how long a read queues for a lock before giving up.
const lockWait = 5

// connMaxLifetime and connMaxIdle bound how long a pooled connection lives:
// well under any wait_timeout a DBA sets, so the pool never hands out a
// connection the server has already dropped.
const (
	connMaxLifetime = 5 * time.Minute
	connMaxIdle     = time.Minute
)

// programName is sent as the program_name connection attribute.
const programName = "alcance"

// systemSchemas are never listed when scanning every database.
var systemSchemas = []string{"information_schema", "mysql", "performance_schema", "sys"}

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

// target is a parsed source URL.
type target struct {
	scheme   string // mysql or mariadb, as given (lower case)
	user     string
	pass     string
	hasPass  bool // the URL carries a password (possibly empty)
	host     string
	port     string
	db       string // "" scans every database
	tls      string // "", false, true, skip-verify, preferred
	cleartxt bool   // allowCleartextPasswords
	query    string // the accepted parameters, as given, for Location
}

func (t target) addr() string { return net.JoinHostPort(t.host, t.port) }

// location is the URL without its password.
func (t target) location() string {
	u := url.URL{Scheme: t.scheme, User: url.User(t.user), Host: t.addr(), RawQuery: t.query}
	if t.db != "" {
		u.Path = "/" + t.db
		u.RawPath = "/" + url.PathEscape(t.db) // a '/' in the name stays %2F
	}
	return u.String()
}

// acceptedParams are the query parameters a source URL may carry.
var acceptedParams = map[string]bool{"tls": true, "allowCleartextPasswords": true}

// Parse recognises mysql:// and mariadb:// URLs (the scheme in any case).
// Anything else is not this connector's; a URL of this scheme that cannot
// be read is an error, which never repeats the password.
func (opener) Parse(raw string) (connectors.Spec, bool, error) {
	t, ok, err := parseURL(raw)
	if !ok || err != nil {
		return connectors.Spec{}, ok, err
	}
	name := t.db
	if name == "" {
		name = t.host
	}
	return connectors.Spec{Kind: kindName, Raw: raw, Location: t.location(), Name: name}, true, nil
}

func parseURL(raw string) (target, bool, error) {
	scheme, rest, found := strings.Cut(raw, "://")
	scheme = strings.ToLower(scheme)
	if scheme != "mysql" && scheme != "mariadb" {
		if s, _, _ := strings.Cut(strings.ToLower(raw), ":"); s == "mysql" || s == "mariadb" {
			return target{}, false, fmt.Errorf("%s source %q: expected %s://user@host[:port][/db]", s, connectors.Redact(raw), s)
		}
		return target{}, false, nil
	}
	bad := func(format string, args ...any) (target, bool, error) {
		return target{}, false, fmt.Errorf("%s source %q: %s", scheme, connectors.Redact(raw), fmt.Sprintf(format, args...))
	}
	if !found || rest == "" {
		return bad("expected %s://user@host[:port][/db]", scheme)
	}
	if strings.Contains(rest, "#") {
		return bad("a '#' must be percent-encoded (%%23)")
	}
	u, err := url.Parse(scheme + "://" + rest)
	if err != nil {
		// url.Parse quotes the whole URL, password included: say only
		// what is wrong, from the error's own last part.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return bad("not a valid URL: %v", err)
	}
	t := target{scheme: scheme, host: u.Hostname(), port: u.Port()}
	if u.User != nil {
		t.user = u.User.Username()
		t.pass, t.hasPass = u.User.Password()
	}
	if t.user == "" {
		return bad("no user name (expected %s://user@host[:port][/db])", scheme)
	}
	if t.host == "" {
		return bad("no host (expected %s://user@host[:port][/db])", scheme)
	}
	if t.port == "" {
		t.port = "3306"
	} else if p, err := strconv.Atoi(t.port); err != nil || p < 1 || p > 65535 {
		return bad("port %q is not a number from 1 to 65535", t.port)
	}
	path := strings.TrimPrefix(u.EscapedPath(), "/")
	if strings.Contains(path, "/") {
		return bad("the path must be one database name (/db), not %q", "/"+path)
	}
	if t.db, err = url.PathUnescape(path); err != nil {
		return bad("database name: %v", err)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return bad("query parameters: %v", err)
	}
	for k, v := range q {
		if !acceptedParams[k] {
			return bad("parameter %q is not accepted (only tls and allowCleartextPasswords; alcance sets everything else itself)", k)
		}
		if len(v) != 1 {
			return bad("parameter %q given %d times", k, len(v))
		}
	}
	if v := q.Get("tls"); q.Has("tls") {
		switch strings.ToLower(v) {
		case "false", "0":
			t.tls = "false"
		case "true", "1":
			t.tls = "true"
		case "skip-verify", "preferred":
			t.tls = strings.ToLower(v)
		default:
			return bad("tls=%q: expected false, true, skip-verify or preferred", v)
		}
	}
	if v := q.Get("allowCleartextPasswords"); q.Has("allowCleartextPasswords") {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return bad("allowCleartextPasswords=%q: expected true or false", v)
		}
		t.cleartxt = b
	}
	t.query = u.RawQuery
	return t, true, nil
}

// withDefaults fills the Options fields left at zero.
func withDefaults(o connectors.Options) connectors.Options {
	if o.MaxConns <= 0 {
		o.MaxConns = defaultMaxConns
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = defaultConnectTimeout
	}
	if o.StatementTimeout <= 0 {
		o.StatementTimeout = defaultStatementTimeout
	}
	return o
}

// driverConfig is the go-sql-driver configuration for a target. It is
// built field by field, never from a DSN string, so a password never passes
// through the driver's DSN parser (whose errors quote the DSN).
func driverConfig(t target, pass string, o connectors.Options) *mysql.Config {
	// The base comes from a constant DSN only because the driver offers no
	// other way to set a list of character sets: utf8mb4, and utf8 for
	// servers older than MySQL 5.5.3, which do not know utf8mb4. The driver
	// sends SET NAMES with the first one the server accepts.
	cfg, err := mysql.ParseDSN("/?charset=utf8mb4,utf8")
	if err != nil {
		panic("mysql: constant DSN: " + err.Error())
	}
	cfg.User = t.user
	cfg.Passwd = pass
	cfg.Net = "tcp"
	cfg.Addr = t.addr()
	cfg.DBName = t.db
	cfg.Timeout = o.ConnectTimeout
	// readTimeout and writeTimeout bound each network read and write. A
	// statement may rightly send nothing for up to StatementTimeout (a
	// COUNT(*) of a big table), so the read deadline is that plus the
	// connect timeout: past it, the server is not slow but gone.
	cfg.ReadTimeout = o.StatementTimeout + o.ConnectTimeout
	cfg.WriteTimeout = o.StatementTimeout + o.ConnectTimeout
	cfg.ConnectionAttributes = "program_name:" + programName
	// Parameters are interpolated client-side: one round trip per query
	// and no server-side prepared statements left behind. This is safe
	// with utf8mb4 and utf8, the only connection character sets used.
	cfg.InterpolateParams = true
	// Temporal values arrive as text and are rendered by this package
	// (values.go): the driver's parseTime turns zero dates into year 1.
	cfg.ParseTime = false
	cfg.Loc = time.UTC
	cfg.TLSConfig = t.tls
	cfg.AllowCleartextPasswords = t.cleartxt
	// The driver's logger writes to stderr; its messages (bad idle
	// connections, auth plugin fallbacks) end in errors returned here anyway.
	cfg.Logger = &mysql.NopLogger{}
	cfg.DialFunc = dial
	return cfg
}

// Open connects, checks the credentials and the database, detects the
// server's flavour, and sets the pool up.
func (opener) Open(ctx context.Context, spec connectors.Spec, opts connectors.Options) (connectors.Source, error) {
	raw := spec.Raw
	if raw == "" {
		raw = spec.Location
	}
	t, ok, err := parseURL(raw)
	if err == nil && !ok {
		err = errors.New("not a mysql:// URL")
	}
	if err != nil {
		return nil, fmt.Errorf("opening mysql source: %w", err)
	}
	loc := t.location()
	pass := t.pass
	if !t.hasPass {
		// --password-file wins over the environment; the URL over both.
		pass = spec.Password
		if pass == "" {
			pass = os.Getenv("MYSQL_PWD")
		}
	}
	opts = withDefaults(opts)
	cfg := driverConfig(t, pass, opts)
	base, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("opening mysql source %s: %w", loc, scrub(err, pass))
	}
	c := &connector{base: base, opts: opts, t: t, pass: pass}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(opts.MaxConns)
	db.SetMaxIdleConns(opts.MaxConns)
	db.SetConnMaxLifetime(connMaxLifetime)
	db.SetConnMaxIdleTime(connMaxIdle)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening mysql source %s: %w", loc, scrub(err, pass))
	}
	name := spec.Name
	if name == "" {
		name = t.db
		if name == "" {
			name = t.host
		}
	}
	return &source{
		db:   db,
		conn: c,
		t:    t,
		pass: pass,
		opts: opts,
		info: connectors.Info{Kind: kindName, Name: name, Location: loc},
	}, nil
}

// connector wraps the driver's connector: every new connection is dialled
// within the connect timeout and set up for safe reading (sessionSetup)
// before database/sql sees it. The server's flavour is detected on the
// first connection and kept.
type connector struct {
	base driver.Connector
	opts connectors.Options
	t    target
	pass string

	mu  sync.Mutex
	srv *server
	// infos maps each open driver.Conn the connector made to its connInfo.
	infos sync.Map
}

// lookup is the connInfo of a driver connection, or nil.
func (c *connector) lookup(dc any) *connInfo {
	if v, ok := c.infos.Load(dc); ok {
		return v.(*connInfo)
	}
	return nil
}

// errConnectTimeout is the cause given to a connect that ran out of time.
var errConnectTimeout = errors.New("connect timeout")

func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	cctx, cancel := context.WithTimeoutCause(ctx, c.opts.ConnectTimeout, errConnectTimeout)
	defer cancel()
	slot := &dialSlot{}
	conn, err := c.base.Connect(context.WithValue(cctx, dialSlotKey{}, slot))
	var id uint64
	if err == nil {
		id, err = c.setup(cctx, conn)
		if err != nil {
			conn.Close()
		}
	}
	if err == nil {
		if slot.sock != nil {
			c.infos.Store(conn, &connInfo{id: id, sock: slot.sock})
			slot.sock.onClose = func() { c.infos.Delete(conn) }
		}
		return conn, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err() // the caller gave up: that is the story
	}
	return nil, connectError(err, c.t, c.opts.ConnectTimeout, context.Cause(cctx) == errConnectTimeout)
}

func (c *connector) Driver() driver.Driver { return c.base.Driver() }

// server returns the detected server, or nil before the first connection.
func (c *connector) server() *server {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.srv
}

// setup detects the flavour once, runs the session statements, and
// returns the connection's id (for KILL QUERY).
func (c *connector) setup(ctx context.Context, conn driver.Conn) (uint64, error) {
	vals, err := queryRow(ctx, conn, "SELECT VERSION(), @@version_comment, CONNECTION_ID()")
	if err != nil {
		return 0, fmt.Errorf("reading the server version: %w", err)
	}
	id, _ := strconv.ParseUint(vals[2], 10, 64)
	srv := c.server()
	if srv == nil {
		s := detect(vals[0], vals[1])
		srv = &s
		c.mu.Lock()
		c.srv = srv
		c.mu.Unlock()
	}
	for _, st := range sessionSetup(*srv, c.opts.StatementTimeout) {
		if err := execRaw(ctx, conn, st.sql); err != nil {
			if st.optional && isMySQLError(err, erUnknownSystemVariable) {
				continue
			}
			return 0, fmt.Errorf("setting up the session (%s): %w", st.sql, err)
		}
	}
	return id, nil
}

// execRaw runs a statement on a driver connection.
func execRaw(ctx context.Context, conn driver.Conn, query string) error {
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		return errors.New("driver connection cannot execute statements")
	}
	_, err := ex.ExecContext(ctx, query, nil)
	return err
}

// queryRow runs a query on a driver connection and returns its first row
// as text ("" for NULL).
func queryRow(ctx context.Context, conn driver.Conn, query string) ([]string, error) {
	q, ok := conn.(driver.QueryerContext)
	if !ok {
		return nil, errors.New("driver connection cannot run queries")
	}
	rows, err := q.QueryContext(ctx, query, nil)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	dest := make([]driver.Value, len(rows.Columns()))
	if err := rows.Next(dest); err != nil {
		return nil, fmt.Errorf("no row: %w", err)
	}
	out := make([]string, len(dest))
	for i, v := range dest {
		switch v := v.(type) {
		case []byte:
			out[i] = string(v)
		case nil:
		default:
			out[i] = fmt.Sprint(v)
		}
	}
	return out, nil
}

// source is an opened server.
type source struct {
	db   *sql.DB
	conn *connector
	t    target
	pass string
	opts connectors.Options
	info connectors.Info
	// seed, when non-nil, makes sampling deterministic (see rand in
	// sample.go). It is nil (crypto-seeded randomness) except in tests.
	seed *uint64
}

func (s *source) Info() connectors.Info { return s.info }

func (s *source) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("closing mysql source %s: %w", s.info.Location, scrub(err, s.pass))
	}
	return nil
}

// srv is the detected server; Open made the first connection, so it is set.
func (s *source) srv() server {
	if p := s.conn.server(); p != nil {
		return *p
	}
	return server{}
}
