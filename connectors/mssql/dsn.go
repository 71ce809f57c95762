package mssql

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// appName is the application name every session announces (the "app name"
// connection parameter): a DBA sees it in sys.dm_exec_sessions.program_name,
// Activity Monitor and sp_who2, and knows who is reading.
const appName = "alcance"

// defaultConnectTimeout bounds connecting when Options.ConnectTimeout is 0:
// the driver's own dial default. Connecting is never unbounded.
const defaultConnectTimeout = 15 * time.Second

// passwordEnv is the environment variable the password may come from.
const passwordEnv = "MSSQL_PASSWORD"

// The connection parameters of go-mssqldb's URL form
// (https://github.com/microsoft/go-mssqldb#connection-parameters-and-dsn),
// lower-cased as the driver matches them. Only these are accepted; anything
// else is refused as malformed, so nobody believes a parameter alcance does
// not know (readonly=true, say) did something.
var allowedParams = map[string]bool{
	"database":               true,
	"user id":                true,
	"password":               true,
	"encrypt":                true,
	"trustservercertificate": true,
	"certificate":            true,
	"servercertificate":      true,
	"hostnameincertificate":  true,
	"tlsmin":                 true,
	"packet size":            true,
	"keepalive":              true,
	"serverspn":              true,
	"workstation id":         true,
	"failoverpartner":        true,
	"failoverport":           true,
	"failoverpartnerspn":     true,
	"multisubnetfailover":    true,
	"notraceid":              true,
	"disableretry":           true,
	"guid conversion":        true, // harmless: uniqueidentifiers are converted to text by the server
	"epa enabled":            true,
	// Accepted only with the value alcance sets anyway (see checkParam).
	"app name":          true,
	"applicationintent": true,
	"protocol":          true,
}

// refusedParams are driver parameters alcance will not pass, and why.
var refusedParams = map[string]string{
	"change password":    "it changes the login's password on the server, and alcance never writes",
	"log":                "driver logging prints SQL text and can print row values",
	"connection timeout": "alcance bounds connecting with its own connect timeout (the driver would also apply this one to every read for the life of the connection)",
	"dial timeout":       "alcance bounds connecting with its own connect timeout",
	"timezone":           "it would reinterpret stored date and time values; alcance reports them as stored",
	"columnencryption":   "Always Encrypted needs key stores alcance does not register",
}

// conn is a parsed sqlserver:// source: everything Open needs, and what may
// be printed.
type conn struct {
	u        *url.URL   // the URL as given, parsed
	params   url.Values // its query, keys lower-cased
	user     string
	password string // from the URL (userinfo or password=), else the environment
	database string
	addr     string // host:port or host\instance, for messages
}

// errNotOurs says a source argument is not a sqlserver:// URL.
var errNotOurs = errors.New("not a sqlserver:// URL")

// parseURL parses a sqlserver:// source argument. envPassword is the value
// of MSSQL_PASSWORD, used when the URL carries no password. Errors never
// quote the argument (it may hold a password, and a password with an
// unescaped '/', '?' or '#' defeats any attempt to cut it out).
func parseURL(raw, envPassword string) (*conn, error) {
	scheme, _, ok := strings.Cut(raw, "://")
	if !ok || !strings.EqualFold(scheme, "sqlserver") {
		return nil, errNotOurs
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse's error quotes the whole URL, password and all.
		return nil, errors.New("sqlserver source: not a valid URL (percent-encode special characters in the user name and password, or give the password in " + passwordEnv + ")")
	}
	if u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
		return nil, errors.New("sqlserver source: no host (use sqlserver://user@host:1433?database=db)")
	}
	if u.Fragment != "" {
		return nil, errors.New("sqlserver source: unexpected '#' (percent-encode it as %23 if it is part of the password)")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("sqlserver source: port %q is not a TCP port", p)
		}
	}
	instance := strings.Trim(u.Path, "/")
	if strings.Contains(instance, "/") {
		return nil, errors.New("sqlserver source: the path may only name an instance (sqlserver://host/INSTANCE?database=db)")
	}
	raws, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, errors.New("sqlserver source: the query string is malformed")
	}
	params := url.Values{}
	for k, vs := range raws {
		lk := strings.ToLower(k)
		if len(vs) > 1 || params.Has(lk) {
			return nil, fmt.Errorf("sqlserver source: parameter %q given more than once", lk)
		}
		if err := checkParam(lk, vs[0]); err != nil {
			return nil, err
		}
		params.Set(lk, vs[0])
	}
	c := &conn{u: u, params: params, database: params.Get("database")}
	if c.database == "" {
		return nil, errors.New("sqlserver source: no database (add ?database=NAME: alcance scans one database, and read-only routing needs it named)")
	}
	if u.User != nil {
		c.user = u.User.Username()
		if p, ok := u.User.Password(); ok {
			c.password = p
		}
	}
	if uid := params.Get("user id"); uid != "" {
		if c.user != "" {
			return nil, errors.New("sqlserver source: the user is given twice (in the URL and as user id=)")
		}
		c.user = uid
	}
	if p, ok := params["password"]; ok {
		if u.User != nil {
			if _, has := u.User.Password(); has {
				return nil, errors.New("sqlserver source: the password is given twice (in the URL and as password=)")
			}
		}
		c.password = p[0]
	}
	if c.password == "" {
		c.password = envPassword
	}
	c.addr = u.Host
	if u.Port() == "" {
		if instance != "" {
			c.addr = u.Hostname() + `\` + instance
		} else {
			c.addr = net.JoinHostPort(u.Hostname(), "1433")
		}
	}
	return c, nil
}

// checkParam refuses a connection parameter alcance does not pass on.
func checkParam(key, value string) error {
	if why, ok := refusedParams[key]; ok {
		return fmt.Errorf("sqlserver source: parameter %q is not accepted: %s", key, why)
	}
	if !allowedParams[key] {
		return fmt.Errorf("sqlserver source: unknown parameter %q", key)
	}
	switch key {
	case "app name":
		if value != appName {
			return fmt.Errorf("sqlserver source: app name is always %q, so that a DBA sees who reads", appName)
		}
	case "applicationintent":
		if !strings.EqualFold(value, "ReadOnly") {
			return errors.New("sqlserver source: ApplicationIntent is always ReadOnly")
		}
	case "protocol":
		if value != "tcp" {
			// "admin" is the dedicated administrator connection: one per
			// server, kept for a DBA in an emergency.
			return fmt.Errorf("sqlserver source: protocol %q is not accepted (only tcp)", value)
		}
	}
	return nil
}

// location is the source as printed: the URL without any password (neither
// the userinfo's nor a password= parameter), parameters sorted.
func (c *conn) location() string {
	u := *c.u
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := cloneValues(c.params)
	q.Del("password")
	u.RawQuery = q.Encode()
	u.Scheme = "sqlserver"
	return u.String()
}

// dsn is the go-mssqldb connection string: the user's URL with the
// password moved into the userinfo (percent-encoded by net/url), and
// alcance's own parameters set:
//
//   - app name=alcance (see appName);
//   - ApplicationIntent=ReadOnly: on an Availability Group listener with
//     read-only routing, the session is routed to a readable secondary, so
//     the primary that serves the application is not read at all; on a
//     standalone server it changes nothing (it does not make the session
//     read-only: that is the login's job, see the package comment);
//   - dial timeout: the TCP connect bound, in whole seconds, rounded up.
//     The TDS handshake that follows is bounded by the dialer (see
//     handshakeDialer), because the driver only honours "connection
//     timeout", which it also applies to every socket read for the life of
//     the connection and would cut off any statement that takes that long
//     to send its first row.
func (c *conn) dsn(connectTimeout time.Duration) string {
	u := *c.u
	u.Scheme = "sqlserver"
	u.User = nil
	if c.user != "" || c.password != "" {
		u.User = url.UserPassword(c.user, c.password)
	}
	q := cloneValues(c.params)
	q.Del("password")
	q.Del("user id")
	q.Set("app name", appName)
	q.Set("applicationintent", "ReadOnly")
	q.Set("dial timeout", strconv.FormatInt(int64(math.Ceil(connectTimeout.Seconds())), 10))
	u.RawQuery = q.Encode()
	return u.String()
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// effectiveConnectTimeout is Options.ConnectTimeout, or the default when
// it is not set; never less than a millisecond.
func effectiveConnectTimeout(opts connectors.Options) time.Duration {
	if opts.ConnectTimeout <= 0 {
		return defaultConnectTimeout
	}
	return max(opts.ConnectTimeout, time.Millisecond)
}

// scrub removes secrets from a message: each occurrence of the password,
// as given and in the forms a URL would carry it (percent-encoded as a
// path segment, userinfo or query value). Driver and network errors are
// not meant to contain the password, but some quote connection strings;
// every error this package returns passes through here.
func scrub(msg string, secrets ...string) string {
	var forms []string
	for _, s := range secrets {
		if s == "" {
			continue
		}
		forms = append(forms, s, url.QueryEscape(s), url.PathEscape(s),
			strings.TrimPrefix(url.UserPassword("x", s).String(), "x:"))
	}
	// Longest first, so that a form containing another is replaced whole.
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	for _, f := range forms {
		if f != "" {
			msg = strings.ReplaceAll(msg, f, "xxxxx")
		}
	}
	return msg
}
