package synth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

// WriteMySQL creates every table of the corpus in the existing, empty
// database of url (mysql://user[:pass]@host[:port]/db, as testdb.MySQL
// returns) and loads its rows. A table that already exists is an error
// (CREATE TABLE fails), so nothing is ever overwritten.
//
// Types map to MariaDB's (and MySQL's): CHAR(n), VARCHAR(n), TEXT, BIGINT,
// DECIMAL(p,s), DATE and DATETIME. A table with a Column.Legacy text column
// is created with DEFAULT CHARSET=latin1, as legacy systems store text (a
// civil registry in FoxPro, say); the others are utf8mb4. The connection is
// utf8mb4, so the server converts the generated text into latin1 (which
// MariaDB and MySQL take as Windows-1252): Ñ is stored as the byte D1, and
// the mojibake some rows carry on purpose ("Ã‘", "¥") is stored as the
// Windows-1252 characters it is made of. Strict mode makes a character
// latin1 cannot hold an error, not a silent '?'.
//
// No primary or foreign key is declared, on purpose: this writer stands
// for the legacy systems (FoxPro and Access migrations, spreadsheets turned
// tables) whose links between tables live only in column names and values,
// so that alcance's linkage can be tested where nothing is declared. The
// SQLite and PostgreSQL writers declare every key (Table.PrimaryKey,
// Table.ForeignKeys).
//
// The load is built for speed: multi-row INSERTs of insertRows rows, with
// the parameters interpolated by the driver (one round trip per statement,
// nothing prepared), all in one transaction, rows generated in a goroutine
// while the previous batch is sent. ANALYZE TABLE then gives every table
// fresh statistics, so information_schema row estimates are close.
func (c *Corpus) WriteMySQL(ctx context.Context, rawURL string) error {
	cfg, err := mysqlLoadConfig(rawURL)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	db := sql.OpenDB(connector)
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("synth: connecting: %w", err)
	}
	defer conn.Close()
	// Strict, whatever the server's default: a value that does not fit
	// its column (too long, not representable in latin1) fails the load.
	if _, err := conn.ExecContext(ctx, "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'"); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	for _, t := range c.Tables {
		if _, err := conn.ExecContext(ctx, mysqlCreateSQL(t)); err != nil {
			return fmt.Errorf("synth: creating table %s: %w", t.Name, err)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer tx.Rollback()
	for _, t := range c.Tables {
		if err := loadMySQLTable(ctx, tx, t); err != nil {
			return fmt.Errorf("synth: table %s: %w", t.Name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	names := make([]string, len(c.Tables))
	for i, t := range c.Tables {
		names[i] = mysqlQuote(t.Name)
	}
	if err := analyzeMySQL(ctx, conn, names); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return conn.Close()
}

// mysqlLoadConfig turns a mysql:// URL into the driver's configuration.
func mysqlLoadConfig(rawURL string) (*mysql.Config, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "mysql" && u.Scheme != "mariadb") || u.Host == "" || u.User == nil {
		return nil, fmt.Errorf("%q is not a mysql://user@host/db URL", redactURL(rawURL))
	}
	db := strings.TrimPrefix(u.Path, "/")
	if db == "" || strings.Contains(db, "/") {
		return nil, fmt.Errorf("%q names no database", redactURL(rawURL))
	}
	cfg := mysql.NewConfig()
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.Net = "tcp"
	port := u.Port()
	if port == "" {
		port = "3306"
	}
	cfg.Addr = net.JoinHostPort(u.Hostname(), port)
	cfg.DBName = db
	cfg.InterpolateParams = true
	cfg.Timeout = 10 * time.Second
	cfg.Loc = time.UTC
	if err := cfg.Apply(mysql.Charset("utf8mb4", "utf8mb4_unicode_ci")); err != nil {
		return nil, err
	}
	return cfg, nil
}

// redactURL drops the password from a URL for a message.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		if i := strings.LastIndex(raw, "@"); i >= 0 {
			return "(unparsable URL)" // may hold a password: do not repeat it
		}
		return raw
	}
	u.User = url.User(u.User.Username())
	return u.String()
}

// mysqlType spells a generic type for MariaDB and MySQL.
func mysqlType(t Type) string {
	switch t.Kind {
	case KindChar:
		return fmt.Sprintf("CHAR(%d)", t.Size)
	case KindVarchar:
		return fmt.Sprintf("VARCHAR(%d)", t.Size)
	case KindInteger:
		return "BIGINT"
	case KindDecimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Size, t.Scale)
	case KindDate:
		return "DATE"
	case KindTimestamp:
		return "DATETIME"
	}
	return "TEXT"
}

// mysqlLegacy reports whether a table stores legacy 8-bit text.
func mysqlLegacy(t *Table) bool {
	for _, c := range t.Columns {
		if c.Legacy && c.Type.IsText() {
			return true
		}
	}
	return false
}

// mysqlCreateSQL is the table's CREATE TABLE statement.
func mysqlCreateSQL(t *Table) string {
	defs := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		defs[i] = mysqlQuote(c.Name) + " " + mysqlType(c.Type)
	}
	charset := "utf8mb4 COLLATE=utf8mb4_unicode_ci"
	if mysqlLegacy(t) {
		charset = "latin1"
	}
	return "CREATE TABLE " + mysqlQuote(t.Name) + " (\n  " + strings.Join(defs, ",\n  ") +
		"\n) ENGINE=InnoDB DEFAULT CHARSET=" + charset
}

// insertRows is how many rows one INSERT carries: about 100 KB of SQL for
// the widest tables, far below any max_allowed_packet, and enough rows
// that the per-statement round trip stops mattering.
const insertRows = 500

func loadMySQLTable(ctx context.Context, tx *sql.Tx, t *Table) error {
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(t.Columns)), ",") + ")"
	head := "INSERT INTO " + mysqlQuote(t.Name) + " VALUES "
	insert := func(args []any) error {
		n := len(args) / len(t.Columns)
		q := head + strings.TrimSuffix(strings.Repeat(one+",", n), ",")
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	return t.inBatches(ctx, insertRows, mysqlValue, insert)
}

// mysqlValue converts a generated value for the driver: dates and
// timestamps in the canonical text forms, decimals as exact decimal text
// (the driver would write 1e+06).
func mysqlValue(typ Type, v any) any {
	switch x := v.(type) {
	case time.Time:
		if typ.Kind == KindDate {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return v
}

// analyzeMySQL runs ANALYZE TABLE, which answers with a result set (one
// row per table and message): an "error" row is returned as an error.
func analyzeMySQL(ctx context.Context, conn *sql.Conn, names []string) error {
	rows, err := conn.QueryContext(ctx, "ANALYZE TABLE "+strings.Join(names, ", "))
	if err != nil {
		return fmt.Errorf("ANALYZE TABLE: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var table, op, typ, text string
		if err := rows.Scan(&table, &op, &typ, &text); err != nil {
			return fmt.Errorf("ANALYZE TABLE: %w", err)
		}
		if strings.EqualFold(typ, "error") {
			problems = append(problems, table+": "+text)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("ANALYZE TABLE: %w", err)
	}
	if len(problems) > 0 {
		return errors.New("ANALYZE TABLE: " + strings.Join(problems, "; "))
	}
	return nil
}

func mysqlQuote(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
