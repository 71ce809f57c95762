package postgres

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// What Tables lists, and why:
//
//   - every schema but pg_catalog, information_schema and the other pg_*
//     schemas (pg_toast, pg_temp_N, pg_toast_temp_N; users cannot create
//     pg_* schemas);
//   - ordinary tables (relkind r) and partitioned tables (p). A partition is
//     not listed: its rows are read through its root, once. A child of
//     old-style inheritance (INHERITS) is an ordinary table and is listed;
//     every read of an ordinary table says ONLY, so a parent's own rows are
//     read once and its children's rows are read through the children;
//   - views (v) and materialized views (m) only with Options.IncludeViews;
//   - never foreign tables (f): reading one makes the server connect to
//     another system, which the user did not name as a source and may not
//     be allowed to reach through this one. Scan that system as a source of
//     its own. (A foreign table used as a partition is still read through
//     its partitioned root.)
//
// A table the user cannot SELECT is listed all the same; its failure
// ("permission denied") surfaces when it is sampled, so the report lists it
// under errors rather than silently leaving it out.
//
// The listing reads only the catalog and takes no lock on any table: a
// table locked by DDL cannot stall it.

// countBound bounds the count run for a table without statistics: a table
// with more rows than this is not counted to the end.
const countBound = 1_000_000

// Tables lists the tables (and views, with Options.IncludeViews), sorted by
// schema and name, with their columns, their declared primary and foreign
// keys (keysOf), and row counts: pg_class.reltuples
// for a table the server has statistics for (an estimate), else a bounded
// count (exact below countBound). Views get no count (Known false): reading
// one may be expensive.
func (s *source) Tables(ctx context.Context) ([]connectors.Table, error) {
	wrap := func(err error) error {
		return fmt.Errorf("listing tables of %s: %w", s.info.Location, s.describe(ctx, err, false))
	}
	kinds := []string{"r", "p"}
	if s.opts.IncludeViews {
		kinds = append(kinds, "v", "m")
	}
	type rel struct {
		oid       uint32
		schema    string
		name      string
		kind      string
		reltuples float64
		canSelect bool
		missing   bool // no statistics: count
		cols      []connectors.Column
		keys      relKeys
	}
	var rels []*rel
	lost, err := s.repeat(ctx, func() error {
		return s.readTx(ctx, func(tx pgx.Tx) error {
			rels = nil // a retry lists afresh
			rows, err := tx.Query(ctx, `
			SELECT c.oid, n.nspname, c.relname, c.relkind::text, c.reltuples::float8,
			       has_any_column_privilege(c.oid, 'SELECT')
			FROM pg_catalog.pg_class c
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind::text = ANY($1::text[])
			  AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
			  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i
			                  JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
			                  WHERE i.inhrelid = c.oid AND p.relkind = 'p')`, kinds)
			if err != nil {
				return err
			}
			byOID := map[uint32]*rel{}
			var partitioned []uint32
			for rows.Next() {
				r := &rel{}
				if err := rows.Scan(&r.oid, &r.schema, &r.name, &r.kind, &r.reltuples, &r.canSelect); err != nil {
					rows.Close()
					return err
				}
				rels = append(rels, r)
				byOID[r.oid] = r
				if r.kind == "p" {
					partitioned = append(partitioned, r.oid)
				}
			}
			if err := rows.Err(); err != nil {
				return err
			}
			// A partitioned table has no statistics of its own worth reading
			// (-1 unless someone ANALYZEd the root by hand): its leaves' add up.
			if len(partitioned) > 0 {
				rows, err := tx.Query(ctx, `
				WITH RECURSIVE tree(root, oid) AS (
					SELECT r, r FROM unnest($1::oid[]) AS r
					UNION ALL
					SELECT tree.root, i.inhrelid FROM tree JOIN pg_catalog.pg_inherits i ON i.inhparent = tree.oid
				)
				SELECT tree.root, coalesce(sum(greatest(c.reltuples, 0)), 0)::float8, coalesce(bool_or(c.reltuples < 0), true)
				FROM tree JOIN pg_catalog.pg_class c ON c.oid = tree.oid
				WHERE c.relkind <> 'p'
				GROUP BY tree.root`, partitioned)
				if err != nil {
					return err
				}
				for _, r := range partitioned {
					byOID[r].missing = true // until its leaves say otherwise; no leaves: count
				}
				for rows.Next() {
					var root uint32
					var sum float64
					var missing bool
					if err := rows.Scan(&root, &sum, &missing); err != nil {
						rows.Close()
						return err
					}
					byOID[root].reltuples, byOID[root].missing = sum, missing
				}
				if err := rows.Err(); err != nil {
					return err
				}
			}
			oids := make([]uint32, 0, len(rels))
			for _, r := range rels {
				oids = append(oids, r.oid)
			}
			cols, err := s.columnsOf(ctx, tx, oids)
			if err != nil {
				return err
			}
			for _, r := range rels {
				for _, c := range cols[r.oid] {
					r.cols = append(r.cols, c.col)
				}
			}
			// Keys are a nicety of the listing: a catalog that refuses them
			// leaves them empty, the tables are listed all the same.
			keys, err := s.keysOf(ctx, tx, oids)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err == nil {
				for _, r := range rels {
					r.keys = keys[r.oid]
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, retried(wrap(err), lost)
	}
	sort.Slice(rels, func(i, j int) bool {
		if rels[i].schema != rels[j].schema {
			return rels[i].schema < rels[j].schema
		}
		return rels[i].name < rels[j].name
	})

	tables := make([]connectors.Table, 0, len(rels))
	for _, r := range rels {
		t := connectors.Table{Schema: r.schema, Name: r.name, Columns: r.cols,
			PrimaryKey: r.keys.primary, ForeignKeys: r.keys.foreign}
		switch {
		case r.kind == "v":
			// No count: Known stays false.
		case r.reltuples > 0 && !r.missing:
			t.Rows = connectors.RowCount{Value: int64(r.reltuples + 0.5), Known: true}
		case r.canSelect:
			// reltuples is -1 (never analyzed, PostgreSQL 14 and later) or
			// 0 (never analyzed before 14, or analyzed while empty and
			// perhaps filled since): count, up to a bound.
			rc, err := s.boundedCount(ctx, r.kind, t)
			if ctx.Err() != nil {
				return nil, wrap(ctx.Err())
			}
			if err == nil {
				t.Rows = rc
			}
			// Otherwise Known stays false; the failure surfaces when the
			// table is sampled.
		}
		tables = append(tables, t)
	}
	return tables, nil
}

// relKeys are the declared keys of one relation.
type relKeys struct {
	primary []string
	foreign []connectors.ForeignKey
}

// keysOf reads the declared primary and foreign keys of the relations
// oids, in one query: each key's columns in constraint order, a table's
// foreign keys by constraint name, with the referenced table's schema (a
// key may point into another schema). It runs under a savepoint, so that a
// catalog this user may not read fails the keys alone and not the
// listing's transaction.
//
// A foreign key that references a partitioned table is also stored once
// per partition, and one declared on a partitioned table once per
// partition of it: those copies have a parent constraint (conparentid,
// PostgreSQL 11 and later) and are left out. Before 11, partitioned tables
// could have no keys, so there are no copies to leave out.
func (s *source) keysOf(ctx context.Context, tx pgx.Tx, oids []uint32) (map[uint32]relKeys, error) {
	sp, err := tx.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		// Back to the savepoint, on a deadline of its own: ctx may be the
		// reason the query failed.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelDeadline)
		sp.Rollback(rctx)
		cancel()
	}()
	rows, err := sp.Query(ctx, keysSQL(serverMajor(tx.Conn().PgConn())), oids)
	if err != nil {
		return nil, err
	}
	out := map[uint32]relKeys{}
	for rows.Next() {
		var rel uint32
		var typ, refSchema, refTable string
		var cols, refCols []string
		if err := rows.Scan(&rel, &typ, &cols, &refSchema, &refTable, &refCols); err != nil {
			rows.Close()
			return nil, err
		}
		k := out[rel]
		if typ == "p" {
			k.primary = cols
		} else {
			k.foreign = append(k.foreign, connectors.ForeignKey{Columns: cols, RefSchema: refSchema, RefTable: refTable, RefColumns: refCols})
		}
		out[rel] = k
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// keysSQL lists the primary ('p') and foreign ('f') keys of the relations
// in $1, for a server of the given major version.
func keysSQL(major int) string {
	copies := ""
	if major >= 11 {
		copies = " AND c.conparentid = 0"
	}
	return `
		SELECT c.conrelid, c.contype::text,
		       array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(num, ord)
		             JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num
		             ORDER BY k.ord),
		       coalesce(rn.nspname::text, ''), coalesce(r.relname::text, ''),
		       array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(num, ord)
		             JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num
		             ORDER BY k.ord)
		FROM pg_catalog.pg_constraint c
		LEFT JOIN pg_catalog.pg_class r ON r.oid = c.confrelid
		LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
		WHERE c.conrelid = ANY($1::oid[]) AND c.contype IN ('p', 'f')` + copies + `
		ORDER BY c.conrelid, c.contype, c.conname`
}

// serverMajor is the server's major version (15 for 15.4, 9 for 9.6.3),
// from the server_version the server reported at startup; 0 when unknown.
func serverMajor(pc *pgconn.PgConn) int { return majorOf(pc.ParameterStatus("server_version")) }

// majorOf reads the major version off a server_version string.
func majorOf(v string) int {
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// listingLockTimeout is how long the listing's count of a table waits for
// a lock: the count is a nicety, and a listing must not wait lockTimeout
// for each table DDL has locked.
const listingLockTimeout = "500ms"

// boundedCount counts t's rows up to countBound, in a transaction of its
// own so that a failure (a lock timeout, say) stays this table's. Beyond
// the bound, the count is estimated from a 1% sample of the table's pages.
func (s *source) boundedCount(ctx context.Context, kind string, t connectors.Table) (connectors.RowCount, error) {
	var rc connectors.RowCount
	from := fromClause(kind, t)
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL lock_timeout = '"+listingLockTimeout+"'"); err != nil {
			return err
		}
		var n int64
		if err := tx.QueryRow(ctx, fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s LIMIT %d) s", from, countBound+1)).Scan(&n); err != nil {
			return err
		}
		if n <= countBound {
			rc = connectors.RowCount{Value: n, Exact: true, Known: true}
			return nil
		}
		var est float64
		if kind != "v" {
			if err := tx.QueryRow(ctx, "SELECT count(*) * 100.0 FROM "+from+" TABLESAMPLE SYSTEM (1)").Scan(&est); err != nil {
				return err
			}
		}
		rc = connectors.RowCount{Value: max(int64(est), n), Known: true}
		return nil
	})
	return rc, err
}

// fromClause is the relation as a FROM item: ONLY for an ordinary table
// (its inheritance children are listed and read on their own); a
// partitioned table is read whole (ONLY would read no rows).
func fromClause(kind string, t connectors.Table) string {
	id := pgx.Identifier{t.Schema, t.Name}.Sanitize()
	if kind == "r" {
		return "ONLY " + id
	}
	return id
}

// simpleIdent matches names that need no quoting in a message.
var simpleIdent = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// display is how messages name a table: public."x" (the table always
// quoted, the schema when it needs it), as the other connectors do.
func display(t connectors.Table) string {
	schema := t.Schema
	if !simpleIdent.MatchString(schema) {
		schema = pgx.Identifier{schema}.Sanitize()
	}
	return schema + "." + pgx.Identifier{t.Name}.Sanitize()
}

// colInfo is a column as the catalog has it, and how to read it.
type colInfo struct {
	col  connectors.Column
	read readMode
}

// columnsOf reads the columns of the relations oids, in column order.
func (s *source) columnsOf(ctx context.Context, tx pgx.Tx, oids []uint32) (map[uint32][]colInfo, error) {
	rows, err := tx.Query(ctx, `
		SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.atttypid
		FROM pg_catalog.pg_attribute a
		WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attrelid, a.attnum`, oids)
	if err != nil {
		return nil, err
	}
	type raw struct {
		rel, typ uint32
		name     string
		decl     string
	}
	var all []raw
	typeOIDs := map[uint32]bool{}
	for rows.Next() {
		var r raw
		if err := rows.Scan(&r.rel, &r.name, &r.decl, &r.typ); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, r)
		typeOIDs[r.typ] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	types, err := s.loadTypes(ctx, tx, typeOIDs)
	if err != nil {
		return nil, err
	}
	out := map[uint32][]colInfo{}
	for _, r := range all {
		kind, read := resolve(types, r.typ, 0)
		out[r.rel] = append(out[r.rel], colInfo{col: connectors.Column{Name: r.name, Type: r.decl, Kind: kind}, read: read})
	}
	return out, nil
}

// typeRow is the part of a pg_type row that decides a Kind.
type typeRow struct {
	name     string
	schema   string
	typtype  string // b base, d domain, e enum, c composite, r range, m multirange, p pseudo
	category string // typcategory: A array, S string, N numeric, ...
	base     uint32 // typbasetype, for a domain
	elem     uint32 // typelem, for an array
}

// typeCache holds the pg_type rows read so far; types do not change under
// a scan often enough to matter, and a stale row only costs a Kind.
type typeCache struct {
	mu    sync.Mutex
	types map[uint32]typeRow
}

// loadTypes returns the pg_type rows of oids and of every type they are
// built on (domain bases, array elements), from the cache when it has them.
func (s *source) loadTypes(ctx context.Context, tx pgx.Tx, oids map[uint32]bool) (map[uint32]typeRow, error) {
	s.typeCache.mu.Lock()
	defer s.typeCache.mu.Unlock()
	if s.typeCache.types == nil {
		s.typeCache.types = map[uint32]typeRow{}
	}
	var need []uint32
	for o := range oids {
		if _, ok := s.typeCache.types[o]; !ok {
			need = append(need, o)
		}
	}
	if len(need) > 0 {
		rows, err := tx.Query(ctx, `
			WITH RECURSIVE t(oid) AS (
				SELECT unnest($1::oid[])
				UNION
				SELECT CASE WHEN x.typtype = 'd' THEN x.typbasetype ELSE x.typelem END
				FROM pg_catalog.pg_type x JOIN t ON x.oid = t.oid
				WHERE x.typtype = 'd' OR (x.typcategory = 'A' AND x.typelem <> 0)
			)
			SELECT x.oid, x.typname, n.nspname, x.typtype::text, x.typcategory::text, x.typbasetype, x.typelem
			FROM t JOIN pg_catalog.pg_type x ON x.oid = t.oid
			JOIN pg_catalog.pg_namespace n ON n.oid = x.typnamespace`, need)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var o uint32
			var r typeRow
			if err := rows.Scan(&o, &r.name, &r.schema, &r.typtype, &r.category, &r.base, &r.elem); err != nil {
				rows.Close()
				return nil, err
			}
			s.typeCache.types[o] = r
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return s.typeCache.types, nil
}

// readMode is how a column's values are selected and rendered (values.go).
type readMode int

const (
	readText        readMode = iota // col::text
	readNone                        // not read: binary
	readFloat4                      // col::float4, rendered in plain decimal
	readFloat8                      // col::float8, rendered in plain decimal
	readMoney                       // col::numeric::text: money's text is locale-formatted ($1,234.56)
	readDate                        // col::date
	readTimestamp                   // col::timestamp
	readTimestamptz                 // col::timestamp: the wall clock in the session's TimeZone
	readBool                        // col::bool
	readJSON                        // col::text, rendered as its string leaves
	readTextArray                   // col::text[], rendered as its elements
)

// resolve maps a column's type to a Kind and a readMode. Domains are their
// base type (the lo extension's lo is a domain over oid); enums are text;
// arrays of a text type are text; oid columns are taken as large object
// references (the usual reason a user table has one) and never read.
// Types this function does not know are KindOther, read as their text.
func resolve(types map[uint32]typeRow, oid uint32, depth int) (connectors.Kind, readMode) {
	t, ok := types[oid]
	if !ok || depth > 32 {
		return connectors.KindOther, readText
	}
	if t.typtype == "d" {
		return resolve(types, t.base, depth+1)
	}
	if t.category == "A" && t.elem != 0 {
		if k, r := resolve(types, t.elem, depth+1); k == connectors.KindText && r == readText {
			return connectors.KindText, readTextArray
		}
		return connectors.KindOther, readText
	}
	if t.schema == "pg_catalog" {
		switch t.name {
		case "text", "varchar", "bpchar", "name", "char":
			return connectors.KindText, readText
		case "int2", "int4", "int8":
			return connectors.KindInteger, readText
		case "numeric":
			return connectors.KindDecimal, readText
		case "float4":
			return connectors.KindDecimal, readFloat4
		case "float8":
			return connectors.KindDecimal, readFloat8
		case "money":
			return connectors.KindDecimal, readMoney
		case "date":
			return connectors.KindDate, readDate
		case "timestamp":
			return connectors.KindTimestamp, readTimestamp
		case "timestamptz":
			return connectors.KindTimestamp, readTimestamptz
		case "bool":
			return connectors.KindBool, readBool
		case "json", "jsonb":
			return connectors.KindJSON, readJSON
		case "bytea", "oid":
			return connectors.KindBinary, readNone
		}
		return connectors.KindOther, readText
	}
	if t.typtype == "e" || t.category == "S" {
		// Enums, and extension string types such as citext.
		return connectors.KindText, readText
	}
	return connectors.KindOther, readText
}

// relation is a table as one read finds it in the catalog.
type relation struct {
	oid  uint32
	kind string
	cols map[string]colInfo
	all  []colInfo
}

// errNoTable says the table is not in the catalog (dropped since listed).
var errNoTable = errors.New("no such table")

// lookup finds t in the catalog, with its columns when withCols.
func (s *source) lookup(ctx context.Context, tx pgx.Tx, t connectors.Table, withCols bool) (*relation, error) {
	r := &relation{}
	err := tx.QueryRow(ctx, `
		SELECT c.oid, c.relkind::text FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relname = $2`, t.Schema, t.Name).Scan(&r.oid, &r.kind)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, errNoTable
	}
	if err != nil {
		return nil, err
	}
	switch r.kind {
	case "r", "p", "v", "m":
	case "f":
		return nil, errors.New("a foreign table: alcance does not read through it (it would reach another server); scan that server as a source of its own")
	default:
		return nil, fmt.Errorf("not a table (relkind %s)", r.kind)
	}
	if !withCols {
		return r, nil
	}
	cols, err := s.columnsOf(ctx, tx, []uint32{r.oid})
	if err != nil {
		return nil, err
	}
	r.all = cols[r.oid]
	r.cols = make(map[string]colInfo, len(r.all))
	for _, c := range r.all {
		r.cols[c.col.Name] = c
	}
	return r, nil
}

// plan resolves the requested columns (nil: those of t, or when t has none,
// the catalog's) against the catalog, for a sample of n rows (0: a full
// read, whose values are cut to connectors.MaxValueBytes).
func (r *relation) plan(t connectors.Table, cols []connectors.Column, n int) (readPlan, error) {
	if cols == nil {
		cols = t.Columns
	}
	if len(cols) == 0 {
		for _, c := range r.all {
			cols = append(cols, c.col)
		}
	}
	p := readPlan{cols: cols, modes: make([]readMode, len(cols)), index: make([]int, len(cols))}
	var infos []colInfo
	textCols := 0
	for _, c := range cols {
		info, ok := r.cols[c.Name]
		if !ok {
			return readPlan{}, fmt.Errorf("column %s does not exist", pgx.Identifier{c.Name}.Sanitize())
		}
		infos = append(infos, info)
		if info.read != readNone && unbounded(info.col.Kind) {
			textCols++
		}
	}
	p.rows, p.limit = connectors.Budget(n, textCols)
	var list []string
	for i, c := range cols {
		info := infos[i]
		p.modes[i] = info.read
		if info.read == readNone {
			p.index[i] = -1
			continue
		}
		p.index[i] = len(list)
		p.readModes = append(p.readModes, info.read)
		list = append(list, selectExpr(pgx.Identifier{c.Name}.Sanitize(), info.read, p.limit))
	}
	if len(list) == 0 {
		list = []string{"NULL"} // still reads the table, so a refused one fails
	}
	p.list = strings.Join(list, ", ")
	return p, nil
}

// unbounded says whether values of kind k can be of any length (text,
// JSON, arrays, types read as their text), as numbers and dates cannot.
func unbounded(k connectors.Kind) bool {
	return k == connectors.KindText || k == connectors.KindJSON || k == connectors.KindOther
}
