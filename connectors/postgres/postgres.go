// Package postgres reads PostgreSQL databases.
//
// A source is a postgres:// or postgresql:// URL, as libpq and pgx accept it
// (user, optional password, host, port, database, query parameters such as
// sslmode). A password may also come from PGPASSWORD or ~/.pgpass, which pgx
// reads itself, or from --password-file (Spec.Password), which wins over
// those two when the URL has none; it is never printed: Info().Location and
// every error carry the URL without it.
//
// The servers are production systems run by others, so every session is a
// modest, read-only guest:
//
//   - read-only twice over: default_transaction_read_only=on is sent as a
//     startup parameter (checked on every new connection, which is refused
//     when the server did not apply it, as a pooler in front of the server
//     might not), and every statement runs inside an explicit
//     BEGIN ... READ ONLY transaction;
//   - statement_timeout is Options.StatementTimeout, lock_timeout is
//     lockTimeout (a read never queues for long behind DDL holding a lock,
//     and so never makes the application's own queries queue behind it),
//     idle_in_transaction_session_timeout frees the session if alcance
//     stalls mid-transaction, and application_name=alcance shows a DBA who
//     is reading;
//   - at most Options.MaxConns connections (2 by default), each opened
//     within Options.ConnectTimeout (10 s by default);
//   - a cancelled context sends the server a cancel request at once, so an
//     abandoned query stops on the server too, and the connection, which
//     the server then frees, is kept rather than dropped and reopened; from
//     PostgreSQL 14, client_connection_check_interval also stops a
//     statement whose client went away without a word (killed, cut off);
//   - no wait on a silent socket outlives the statement timeout plus the
//     connect timeout (watchdog.go), and TCP keepalives probe idle
//     connections: a stalled network fails the table, it does not hang it;
//   - a full read of a table goes in chunks of pages, each in a
//     transaction of its own, so that no snapshot is held for the whole
//     of a large table (split.go);
//   - a read whose connection is lost is retried, a full read resuming
//     where it was (retry.go);
//   - values read as text are cut on the server (values.go), and the
//     text of errors a function in the database raised is withheld: it may
//     quote a row;
//   - every identifier is quoted with pgx.Identifier, every value is bound
//     or is a number this package computed.
//
// These startup parameters win over the same names given in the URL or in
// PGOPTIONS (the server applies the options string first, then the named
// parameters). A connection pooler that refuses unknown startup parameters
// (PgBouncer without ignore_startup_parameters) refuses these too: connect to
// the server itself.
//
// What is listed, how rows are sampled and how values are rendered are
// described in catalog.go, sample.go and values.go.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgxpool"
)

// kindName is the name this connector registers under.
const kindName = "postgres"

const (
	// defaultMaxConns is the pool size when Options.MaxConns is not set.
	defaultMaxConns = 2
	// defaultConnectTimeout bounds opening a connection when neither
	// Options nor the URL say otherwise.
	defaultConnectTimeout = 10 * time.Second
	// lockTimeout is how long a statement waits for a lock (an
	// AccessShareLock, which only DDL or VACUUM FULL holds against us)
	// before failing; the table then fails, the scan goes on.
	lockTimeout = 5 * time.Second
	// idleInTxTimeout is how long the server lets one of our sessions sit
	// idle inside a transaction before ending it. Between two FETCHes of
	// ReadColumns the session is idle while the caller handles a batch, so
	// this must exceed that comfortably.
	idleInTxTimeout = 2 * time.Minute
	// cancelDeadline is how long a query may take to stop after its context
	// is cancelled (the cancel request is sent at once) before the
	// connection is closed under it.
	cancelDeadline = 2 * time.Second
	// applicationName is what pg_stat_activity shows for our sessions.
	applicationName = "alcance"
)

// keepAlive probes an idle connection after 15 s, every 5 s, and gives it
// up after 3 unanswered probes: a server that vanished (rebooted, its
// route gone) is noticed in about 30 s even when nothing is being read.
var keepAlive = net.KeepAliveConfig{Enable: true, Idle: 15 * time.Second, Interval: 5 * time.Second, Count: 3}

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

// Parse recognises postgres:// and postgresql:// URLs (the scheme in any
// case). A URL pgx cannot parse is malformed: the error names the URL
// without its password and never quotes pgx's message, which may hold the
// raw string. Spec.Name is the database name, or the user name when the URL
// names no database (the server's default).
func (opener) Parse(raw string) (connectors.Spec, bool, error) {
	scheme, _, ok := strings.Cut(raw, "://")
	if !ok || !(strings.EqualFold(scheme, "postgres") || strings.EqualFold(scheme, "postgresql")) {
		return connectors.Spec{}, false, nil
	}
	norm := normalize(raw)
	cfg, err := pgxpool.ParseConfig(norm)
	if err != nil {
		return connectors.Spec{}, false, fmt.Errorf("postgres source %s: %s", redactLoose(norm), parseReason(err))
	}
	name := cfg.ConnConfig.Database
	if name == "" {
		name = cfg.ConnConfig.User
	}
	return connectors.Spec{Kind: kindName, Raw: raw, Location: location(norm), Name: name}, true, nil
}

// normalize lower-cases the scheme, which pgx only accepts in lower case.
func normalize(raw string) string {
	scheme, rest, _ := strings.Cut(raw, "://")
	return strings.ToLower(scheme) + "://" + rest
}

// parseReason is why pgx refused a URL, without the URL: ParseConfigError's
// text quotes the connection string (redacted on a best-effort basis only).
func parseReason(err error) string {
	msg := err.Error()
	// "cannot parse `<string>`: <reason>": keep the reason.
	if i := strings.LastIndex(msg, "`: "); i >= 0 {
		msg = msg[i+len("`: "):]
	}
	if i := strings.Index(msg, "://"); i >= 0 {
		// A reason that still quotes a URL says nothing a user needs.
		return "not a valid connection URL"
	}
	return "not a valid connection URL: " + msg
}

// location is the URL without its password: the userinfo keeps only the
// user, and password and sslpassword query parameters are dropped. It
// follows pgx's URL grammar (the first '@' before any '/' ends the
// userinfo), so what it removes is what pgx takes as the password.
func location(norm string) string {
	scheme, p, _ := strings.Cut(norm, "://")
	var b strings.Builder
	b.WriteString(scheme + "://")
	if i := strings.IndexAny(p, "@/"); i >= 0 && p[i] == '@' {
		user, _, _ := strings.Cut(p[:i], ":")
		b.WriteString(user + "@")
		p = p[i+1:]
	}
	base, query, hasQuery := strings.Cut(p, "?")
	b.WriteString(base)
	if !hasQuery {
		return b.String()
	}
	var keep []string
	for _, pair := range strings.Split(query, "&") {
		key, _, _ := strings.Cut(pair, "=")
		switch strings.ToLower(unescape(key)) {
		case "password", "sslpassword":
			continue
		}
		keep = append(keep, pair)
	}
	if len(keep) > 0 {
		b.WriteString("?" + strings.Join(keep, "&"))
	}
	return b.String()
}

// redactLoose is location for a URL pgx could not parse, whose parts are
// ambiguous: a password holding an unescaped '/' or '@' would fool
// location. Everything between the user name and the last '@' is masked,
// which may mask more than the password, never less.
func redactLoose(norm string) string {
	scheme, p, _ := strings.Cut(norm, "://")
	if at := strings.LastIndex(p, "@"); at >= 0 {
		user := p[:at]
		if i := strings.IndexAny(user, ":/?#"); i >= 0 {
			user = user[:i]
		}
		p = user + ":xxxxx@" + p[at+1:]
	}
	return location(scheme + "://" + p)
}

// urlHasPassword says whether a URL pgx accepted carries a password of its
// own, in its userinfo or as a password parameter. It follows location's
// reading of the URL, pgx's: the first '@' before any '/' ends the userinfo.
func urlHasPassword(norm string) bool {
	_, p, _ := strings.Cut(norm, "://")
	if i := strings.IndexAny(p, "@/"); i >= 0 && p[i] == '@' && strings.Contains(p[:i], ":") {
		return true
	}
	_, query, _ := strings.Cut(p, "?")
	for _, pair := range strings.Split(query, "&") {
		key, _, _ := strings.Cut(pair, "=")
		if strings.EqualFold(unescape(key), "password") {
			return true
		}
	}
	return false
}

// unescape percent-decodes s as far as it is well formed.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// dialObserver, when set (by this package's tests), sees every address the
// connector dials, so a test can prove it dials nothing else.
var dialObserver func(network, addr string)

// Open connects, checks the session is read-only, and returns the source.
// Zero fields of opts take DefaultOptions' values. The connect timeout is
// opts.ConnectTimeout when set, else the URL's connect_timeout, else 10 s;
// it bounds each connection attempt and the whole of Open.
func (opener) Open(ctx context.Context, spec connectors.Spec, opts connectors.Options) (connectors.Source, error) {
	norm := normalize(spec.Raw)
	loc := spec.Location
	if loc == "" {
		loc = location(norm)
	}
	cfg, err := pgxpool.ParseConfig(norm)
	if err != nil {
		return nil, fmt.Errorf("%w: postgres source %s: %s", connectors.ErrMalformed, redactLoose(norm), parseReason(err))
	}
	if spec.Password != "" && !urlHasPassword(norm) {
		// --password-file: for a URL without a password of its own, it
		// wins over PGPASSWORD and ~/.pgpass, which pgx has read already.
		cfg.ConnConfig.Password = spec.Password
	}
	def := connectors.DefaultOptions()
	if opts.StatementTimeout <= 0 {
		opts.StatementTimeout = def.StatementTimeout
	}
	if opts.MaxConns <= 0 {
		opts.MaxConns = defaultMaxConns
	}
	connectTimeout := opts.ConnectTimeout
	if connectTimeout <= 0 {
		connectTimeout = cfg.ConnConfig.ConnectTimeout
	}
	if connectTimeout <= 0 {
		connectTimeout = defaultConnectTimeout
	}
	s := &source{
		info:     connectors.Info{Kind: kindName, Name: spec.Name, Location: loc},
		opts:     opts,
		password: cfg.ConnConfig.Password,
		timeout:  connectTimeout,
		addr:     net.JoinHostPort(cfg.ConnConfig.Host, strconv.Itoa(int(cfg.ConnConfig.Port))),
	}
	if s.info.Name == "" {
		s.info.Name = cfg.ConnConfig.Database
	}
	if s.info.Name == "" {
		s.info.Name = cfg.ConnConfig.User // the server's default database
	}
	configure(cfg, opts, connectTimeout)

	octx := ctx
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, s.openError(octx, err)
	}
	// The pool connects lazily: Ping makes the first connection now, so a
	// wrong password or an unreachable host fails here, not mid-scan.
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, s.openError(octx, err)
	}
	s.pool = pool
	return s, nil
}

// configure applies the safety settings of the package comment to cfg.
func configure(cfg *pgxpool.Config, opts connectors.Options, connectTimeout time.Duration) {
	cc := cfg.ConnConfig
	params := map[string]string{
		"default_transaction_read_only":       "on",
		"statement_timeout":                   ms(opts.StatementTimeout),
		"lock_timeout":                        ms(lockTimeout),
		"idle_in_transaction_session_timeout": ms(idleInTxTimeout),
		"application_name":                    applicationName,
	}
	for k := range cc.RuntimeParams {
		// A URL may spell these in another case; ours must be the only ones.
		if _, ours := params[strings.ToLower(k)]; ours {
			delete(cc.RuntimeParams, k)
		}
	}
	for k, v := range params {
		cc.RuntimeParams[k] = v
	}
	cc.ConnectTimeout = connectTimeout
	dialer := &net.Dialer{Timeout: connectTimeout, KeepAliveConfig: keepAlive}
	// No wait on the socket outlives the statement timeout plus a grace
	// (see watchdogConn); the grace is the connect timeout, the time a
	// server is given to answer at all.
	silence := opts.StatementTimeout + connectTimeout
	cc.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dialObserver != nil {
			dialObserver(network, addr)
		}
		c, err := dialer.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return newWatchdogConn(c, silence, connectTimeout), nil
	}
	cc.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: pc, DeadlineDelay: cancelDeadline}
	}
	cfg.MaxConns = int32(opts.MaxConns)
	cfg.MinConns = 0
	cfg.MinIdleConns = 0
	cfg.MaxConnIdleTime = time.Minute
	cfg.AfterConnect = checkReadOnly
}

// checkReadOnly refuses a connection on which the startup parameters did
// not take effect (a pooler may drop them): the explicit READ ONLY
// transactions would still protect the source, but the settings that keep
// us a modest guest (timeouts) would be missing.
func checkReadOnly(ctx context.Context, c *pgx.Conn) error {
	var ro, st string
	if err := c.QueryRow(ctx,
		"SELECT current_setting('default_transaction_read_only'), current_setting('application_name')").Scan(&ro, &st); err != nil {
		return err
	}
	if ro != "on" || st != applicationName {
		return errors.New("the server did not apply the session settings alcance sends (default_transaction_read_only, application_name); is a connection pooler in the way? connect to the server directly")
	}
	// From PostgreSQL 14 the server can check, while a statement runs,
	// that the client is still there, and stop the statement when it is
	// not: alcance killed, or its connection dropped, leaves nothing
	// running. (A startup parameter would make older servers refuse the
	// connection.)
	if serverMajor(c.PgConn()) >= 14 {
		if _, err := c.Exec(ctx, "SET client_connection_check_interval = "+ms(clientCheckInterval)); err != nil {
			return err
		}
	}
	return nil
}

// clientCheckInterval is client_connection_check_interval: how often the
// server checks, during a statement, that alcance is still connected.
const clientCheckInterval = 2 * time.Second

// ms renders a duration as a PostgreSQL setting in milliseconds (at least
// 1: 0 would mean no limit).
func ms(d time.Duration) string {
	return strconv.FormatInt(max(d.Milliseconds(), 1), 10)
}

// source is an opened PostgreSQL database.
type source struct {
	pool      *pgxpool.Pool
	info      connectors.Info
	opts      connectors.Options
	password  string        // to scrub from messages, as a last line of defence
	timeout   time.Duration // the connect timeout, for messages
	addr      string        // host:port of the first host, for messages
	typeCache typeCache
}

func (s *source) Info() connectors.Info { return s.info }

func (s *source) Close() error {
	s.pool.Close()
	return nil
}

// openError turns a failure to connect into a message a user can act on,
// prefixed with the source's location.
func (s *source) openError(ctx context.Context, err error) error {
	return fmt.Errorf("opening postgres source %s: %w", s.info.Location, s.describe(ctx, err, true))
}

// describe explains err without the connection string or a password:
// server errors by their message and SQLSTATE, network failures by what
// happened at which address, timeouts as timeouts. The result wraps err's
// context error when the caller's context ended, so errors.Is works.
func (s *source) describe(ctx context.Context, err error, connecting bool) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var pgErr *pgconn.PgError
	var silent *silentError
	switch {
	case errors.As(err, &pgErr):
		return &serverError{msg: s.scrub(explain(pgErr, s.opts.StatementTimeout)), pg: pgErr}
	case connecting && (pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) || isNetTimeout(err)):
		return fmt.Errorf("%w: no answer from %s within %v (connect timeout)", errTimedOut, s.addr, s.timeout)
	case errors.As(err, &silent):
		return fmt.Errorf("%w: the server stopped answering (%v: the statement timeout plus the connect timeout); the connection was dropped", errTimedOut, silent)
	case pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) || isNetTimeout(err):
		return fmt.Errorf("%w: the server stopped answering", errTimedOut)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("cannot connect to %s: connection refused (is the server running and listening there?)", s.addr)
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE):
		return fmt.Errorf("the connection to %s was reset", s.addr)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Errorf("cannot resolve host %q: %s", dnsErr.Name, dnsErr.Err)
	}
	msg := err.Error()
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		// "failed to connect to `user=... database=...`: <details>"
		if inner := errors.Unwrap(ce); inner != nil {
			msg = inner.Error()
		}
		msg = "cannot connect: " + msg
	}
	return errors.New(s.scrub(msg))
}

// errTimedOut marks an error as a timeout for errors.Is.
var errTimedOut = errors.New("timed out")

func isNetTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// serverError is an error the server reported, explained; it unwraps to
// the *pgconn.PgError so callers can read the SQLSTATE.
type serverError struct {
	msg string
	pg  *pgconn.PgError
}

func (e *serverError) Error() string { return e.msg }
func (e *serverError) Unwrap() error { return e.pg }

// explain words the server errors a user can act on; others keep the
// server's message. The SQLSTATE is kept for searching. Server messages
// never hold row values for these codes, and other messages are cut to
// the server's primary message (no DETAIL, which may quote a value).
func explain(e *pgconn.PgError, statementTimeout time.Duration) string {
	code := " (SQLSTATE " + e.Code + ")"
	if raisedByFunction(e) {
		return "a function in the database raised an error (its text is withheld: it may quote a row's values)" + code
	}
	switch e.Code {
	case "28P01": // invalid_password
		return e.Message + ": check the password (in the URL, PGPASSWORD or --password-file)" + code
	case "28000": // invalid_authorization_specification: no such role, NOLOGIN, pg_hba
		return e.Message + code
	case "3D000": // invalid_catalog_name
		return e.Message + code
	case "42501": // insufficient_privilege
		return e.Message + ": the user needs SELECT on it (and USAGE on its schema)" + code
	case "57014": // query_canceled
		if strings.Contains(e.Message, "statement timeout") {
			return fmt.Sprintf("timed out: the statement ran past the statement timeout of %v (%s)%s", statementTimeout, e.Message, code)
		}
		return e.Message + code
	case "55P03": // lock_not_available
		return "timed out waiting for a lock on the table (another session holds one, e.g. DDL): " + e.Message + code
	case "25006": // read_only_sql_transaction
		return e.Message + code
	case "53300": // too_many_connections
		return e.Message + ": the server has no free connection slots" + code
	}
	return e.Message + code
}

// raisedByFunction says whether the server reports e as raised by code in
// the database (a view's function): PL/pgSQL's RAISE and ASSERT (class P0,
// or any SQLSTATE a RAISE chose, known by the routine that raised it), and
// the errors of PL/Python, PL/Perl and PL/Tcl. Their text is whatever the
// function's author wrote, which may be a row's values;
// connectors.ScrubData cannot tell such text from a message of the server.
func raisedByFunction(e *pgconn.PgError) bool {
	switch {
	case strings.HasPrefix(e.Code, "P0"):
		return true
	case e.File == "pl_exec.c" && (e.Routine == "exec_stmt_raise" || e.Routine == "exec_stmt_assert"):
		return true
	}
	for _, pl := range []string{"plpy_", "plperl", "pltcl"} {
		if strings.HasPrefix(e.File, pl) {
			return true
		}
	}
	return false
}

// scrub removes the password from a message, in case some layer quoted it.
// Very short passwords are not scrubbed: replacing every "a" would make the
// message unreadable, and no layer used here quotes a password anyway.
func (s *source) scrub(msg string) string {
	if len(s.password) >= 4 {
		msg = strings.ReplaceAll(msg, s.password, "xxxxx")
	}
	return msg
}

// readTx runs fn in a READ ONLY transaction. The transaction is committed
// when fn succeeds (a read-only commit writes nothing) and rolled back
// otherwise; the rollback gets its own short deadline, since ctx may be the
// reason fn failed.
func (s *source) readTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelDeadline)
		tx.Rollback(rctx)
		cancel()
		return err
	}
	return tx.Commit(ctx)
}
