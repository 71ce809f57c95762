package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
)

// countBound is how far the listing counts a table whose catalog estimate
// is missing or zero (InnoDB reports 0 until its statistics are first
// computed, so a freshly loaded table looks empty). Up to the bound the
// count is exact; at the bound it is only a lower bound, marked inexact.
const countBound = 100_000

// querier is what *sql.DB, *sql.Tx and *sql.Conn have in common here.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// tableKey identifies a table while the listing is assembled.
type tableKey struct{ schema, name string }

// listed is a table while the listing is assembled.
type listed struct {
	connectors.Table
	view   bool
	engine string
	rows   sql.NullInt64
}

// Tables lists base tables (and, with Options.IncludeViews, views) of the
// database in the URL, or of every database the user can see except the
// system schemas, sorted by database and name, with their columns, row
// counts and declared primary and foreign keys (readKeys).
//
// Row counts come from information_schema.TABLES.TABLE_ROWS: exact for
// MyISAM, which keeps the count in its header (Exact=true); an estimate
// from sampled index pages for InnoDB and every other engine (Exact=false),
// often 10-50% off. When TABLE_ROWS is missing or 0 for a base table that
// is not MyISAM, the rows are counted up to countBound (exact below it).
// Views have no count (Known=false): counting one runs its query.
//
// MySQL and MariaDB show a user only the tables and columns it holds some
// privilege on, so a table the user may not read at all is invisible here,
// not an error; one on which it holds another privilege (INSERT only, say)
// is listed, and fails when sampled.
func (s *source) Tables(ctx context.Context) ([]connectors.Table, error) {
	var out []connectors.Table
	err := s.repeat(ctx, func(sess *session) error {
		var err error
		out, err = s.tables(ctx, sess.conn)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("listing tables of %s: %w", s.info.Location, err)
	}
	return out, nil
}

// tables is Tables on one connection.
func (s *source) tables(ctx context.Context, q querier) ([]connectors.Table, error) {
	wrap := func(err error) error { return err }
	srv := s.srv()
	db := s.t.db

	var tables []*listed
	byKey := map[tableKey]*listed{}
	query, args := listTablesSQL(srv, db, s.opts.IncludeViews)
	err := eachRow(ctx, q, query, args, func(r *sql.Rows) error {
		var l listed
		var typ string
		var engine sql.NullString
		if err := r.Scan(&l.Schema, &l.Name, &typ, &engine, &l.rows); err != nil {
			return err
		}
		if !s.listable(l.Schema) {
			return nil
		}
		l.view = typ == "VIEW"
		l.engine = engine.String
		tables = append(tables, &l)
		byKey[tableKey{l.Schema, l.Name}] = &l
		return nil
	})
	if err != nil {
		return nil, wrap(err)
	}
	if len(tables) == 0 {
		return nil, nil
	}

	query, args = listColumnsSQL(db)
	err = eachRow(ctx, q, query, args, func(r *sql.Rows) error {
		var k tableKey
		var c connectors.Column
		var dataType string
		if err := r.Scan(&k.schema, &k.name, &c.Name, &dataType, &c.Type); err != nil {
			return err
		}
		if l := byKey[k]; l != nil {
			c.Kind = kindOf(dataType)
			l.Columns = append(l.Columns, c)
		}
		return nil
	})
	if err != nil {
		return nil, wrap(err)
	}

	// MariaDB's JSON columns are LONGTEXT; their CHECK says what they hold.
	// The catalog table is missing on old servers: then they stay text.
	if query, args := jsonChecksSQL(srv, db); query != "" {
		_ = eachRow(ctx, q, query, args, func(r *sql.Rows) error {
			var k tableKey
			var col, clause string
			if err := r.Scan(&k.schema, &k.name, &col, &clause); err != nil {
				return err
			}
			if l := byKey[k]; l != nil && clause == "json_valid("+quoteIdent(col)+")" {
				for i := range l.Columns {
					if l.Columns[i].Name == col && l.Columns[i].Kind == connectors.KindText {
						l.Columns[i].Kind = connectors.KindJSON
					}
				}
			}
			return nil
		})
		if err := ctx.Err(); err != nil {
			return nil, wrap(err)
		}
	}

	// Keys are a nicety of the listing: a server that will not show them
	// leaves them empty, the tables are listed all the same.
	s.readKeys(ctx, db, byKey)
	if err := ctx.Err(); err != nil {
		return nil, wrap(err)
	}

	sort.Slice(tables, func(i, j int) bool {
		if tables[i].Schema != tables[j].Schema {
			return tables[i].Schema < tables[j].Schema
		}
		return tables[i].Name < tables[j].Name
	})
	out := make([]connectors.Table, 0, len(tables))
	for _, l := range tables {
		if !l.view {
			l.Rows = s.rowCount(ctx, q, l.Schema, l.Name, l.engine, l.rows)
		}
		// A cancelled or expired context is not a per-table failure: the
		// listing as a whole did not finish.
		if err := ctx.Err(); err != nil {
			return nil, wrap(err)
		}
		out = append(out, l.Table)
	}
	return out, nil
}

// readKeys sets the declared primary and foreign keys of the listed
// tables, from one query. information_schema shows a user only the keys of
// tables it holds some privilege on, which are the tables it is shown. A
// failed query leaves every table without keys.
func (s *source) readKeys(ctx context.Context, db string, byKey map[tableKey]*listed) {
	type fkKey struct {
		table tableKey
		name  string
	}
	pks := map[tableKey][]string{}
	fks := map[fkKey]*connectors.ForeignKey{}
	var order []fkKey
	q, args := declaredKeysSQL(db)
	err := eachRow(ctx, s.db, q, args, func(r *sql.Rows) error {
		var k tableKey
		var constraint, col string
		var refSchema, refTable, refCol sql.NullString
		if err := r.Scan(&k.schema, &k.name, &constraint, &col, &refSchema, &refTable, &refCol); err != nil {
			return err
		}
		if byKey[k] == nil {
			return nil
		}
		if !refTable.Valid {
			pks[k] = append(pks[k], col)
			return nil
		}
		id := fkKey{k, constraint}
		fk := fks[id]
		if fk == nil {
			fk = &connectors.ForeignKey{RefSchema: refSchema.String, RefTable: refTable.String}
			fks[id] = fk
			order = append(order, id)
		}
		fk.Columns = append(fk.Columns, col)
		fk.RefColumns = append(fk.RefColumns, refCol.String)
		return nil
	})
	if err != nil {
		return
	}
	for k, pk := range pks {
		byKey[k].PrimaryKey = pk
	}
	for _, id := range order { // by constraint name, as the query sorts them
		l := byKey[id.table]
		l.ForeignKeys = append(l.ForeignKeys, *fks[id])
	}
}

// listable says whether a database is scanned: the one in the URL (by
// exact name), or any but the system schemas.
func (s *source) listable(schema string) bool {
	if s.t.db != "" {
		return schema == s.t.db
	}
	return !slices.Contains(systemSchemas, schema)
}

// rowCount turns a catalog estimate into a RowCount, counting up to
// countBound when the catalog has nothing useful. A failed count leaves
// the count unknown: the table's own read will say what is wrong.
func (s *source) rowCount(ctx context.Context, q querier, schema, name, engine string, rows sql.NullInt64) connectors.RowCount {
	exact := strings.EqualFold(engine, "MyISAM")
	if rows.Valid && (rows.Int64 > 0 || exact) {
		return connectors.RowCount{Value: rows.Int64, Exact: exact, Known: true}
	}
	var n int64
	if err := q.QueryRowContext(ctx, headSQL(qualified(schema, name), "", countBound)).Scan(&n); err != nil {
		return connectors.RowCount{}
	}
	return connectors.RowCount{Value: n, Exact: n < countBound, Known: true}
}

// eachRow runs a query and calls fn for each row.
func eachRow(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// columns reads one table's columns (for a Table given without them).
func (s *source) columns(ctx context.Context, q querier, t connectors.Table) ([]connectors.Column, error) {
	var cols []connectors.Column
	err := eachRow(ctx, q, tableColumnsSQL(), []any{t.Schema, t.Name}, func(r *sql.Rows) error {
		var c connectors.Column
		var dataType string
		if err := r.Scan(&c.Name, &dataType, &c.Type); err != nil {
			return err
		}
		c.Kind = kindOf(dataType)
		cols = append(cols, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading columns: %w", err)
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("no such table, or no column this user may read")
	}
	return cols, nil
}

// kindOf maps information_schema.COLUMNS.DATA_TYPE to a Kind. DATA_TYPE is
// the bare type name on both flavours (COLUMN_TYPE adds sizes, UNSIGNED,
// enum values). TINYINT(1), MySQL's BOOLEAN, is an integer: it holds
// 0..255 like any other TINYINT. MariaDB's JSON columns say longtext here
// and are told apart by their CHECK constraint (see Tables).
func kindOf(dataType string) connectors.Kind {
	switch strings.ToLower(strings.TrimSpace(dataType)) {
	case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set":
		return connectors.KindText
	case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year", "bit":
		return connectors.KindInteger
	case "decimal", "numeric", "float", "double", "double precision", "real":
		return connectors.KindDecimal
	case "date":
		return connectors.KindDate
	case "datetime", "timestamp":
		return connectors.KindTimestamp
	case "json":
		return connectors.KindJSON
	case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob",
		"geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
		"multipolygon", "geometrycollection", "geomcollection", "vector":
		return connectors.KindBinary
	}
	// time, MariaDB's uuid, inet4, inet6, and anything newer: read as text.
	return connectors.KindOther
}

// intTypes are the integer types a sampling key may have.
var intTypes = map[string]bool{"tinyint": true, "smallint": true, "mediumint": true, "int": true, "integer": true, "bigint": true}

// sampleKey is an index usable for probing: unique, on one NOT NULL
// integer column.
type sampleKey struct {
	column   string
	unsigned bool
}

// findKey picks the table's sampling key: the primary key if it is one
// NOT NULL integer column, else the first such unique index by name. A
// nullable unique column is not used: its NULL rows could never be drawn.
func findKey(ctx context.Context, q querier, srv server, t connectors.Table) (sampleKey, bool, error) {
	parts := map[string][]sql.NullString{}
	err := eachRow(ctx, q, keySQL(srv), []any{t.Schema, t.Name}, func(r *sql.Rows) error {
		var index string
		var seq int
		var col sql.NullString
		if err := r.Scan(&index, &seq, &col); err != nil {
			return err
		}
		parts[index] = append(parts[index], col)
		return nil
	})
	if err != nil {
		return sampleKey{}, false, fmt.Errorf("reading the table's indexes: %w", err)
	}
	var names []string
	for n, cols := range parts {
		if len(cols) == 1 && cols[0].Valid {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return sampleKey{}, false, nil
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "PRIMARY") != (names[j] == "PRIMARY") {
			return names[i] == "PRIMARY"
		}
		return names[i] < names[j]
	})
	type colInfo struct {
		dataType, columnType string
		notNull              bool
	}
	info := map[string]colInfo{}
	err = eachRow(ctx, q, keyColumnsSQL(), []any{t.Schema, t.Name}, func(r *sql.Rows) error {
		var name, nullable string
		var c colInfo
		if err := r.Scan(&name, &c.dataType, &c.columnType, &nullable); err != nil {
			return err
		}
		c.notNull = nullable == "NO"
		// Column names are case-insensitive in MySQL and MariaDB, and
		// STATISTICS may spell one differently from COLUMNS.
		info[strings.ToLower(name)] = c
		return nil
	})
	if err != nil {
		return sampleKey{}, false, fmt.Errorf("reading the key's type: %w", err)
	}
	for _, n := range names {
		col := parts[n][0].String
		c, ok := info[strings.ToLower(col)]
		if !ok || !c.notNull || !intTypes[strings.ToLower(c.dataType)] {
			continue
		}
		return sampleKey{column: col, unsigned: strings.Contains(strings.ToLower(c.columnType), "unsigned")}, true, nil
	}
	return sampleKey{}, false, nil
}
