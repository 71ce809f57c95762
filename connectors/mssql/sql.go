package mssql

import (
	"math"
	"strconv"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
)

// Every statement this package sends to a server is built here, by small
// pure functions, so that each can be tested exactly without a server. All
// of them are single SELECTs (or, for the session, SET statements): nothing
// here writes, and none begins a transaction.
//
// The catalog queries use only views that exist since SQL Server 2005
// (sys.tables, sys.views, sys.objects, sys.schemas, sys.columns, sys.types,
// sys.partitions, sys.allocation_units, sys.indexes,
// sys.index_columns, sys.foreign_keys, sys.foreign_key_columns,
// sys.database_permissions), because legacy government servers still run
// 2008 R2 and 2012. Only the listing and the columns are required: a server
// (or an edition) without one of the others, or a login refused it, gives
// no counts, no pages or no keys, never a failed scan.

// quoteIdent bracket-quotes an identifier: [name], with every ] doubled.
// Inside brackets SQL Server takes every other character literally
// (quotes, spaces, [, reserved words, any Unicode), whatever
// QUOTED_IDENTIFIER is set to.
func quoteIdent(name string) string {
	return "[" + strings.ReplaceAll(name, "]", "]]") + "]"
}

// qualified is a table as SQL text and as error messages show it:
// [schema].[name].
func qualified(t connectors.Table) string {
	if t.Schema == "" {
		return quoteIdent(t.Name)
	}
	return quoteIdent(t.Schema) + "." + quoteIdent(t.Name)
}

// Session settings.
const (
	// lockTimeoutMS is how long a statement waits for a lock another
	// session holds before failing with error 1222: alcance gives up rather
	// than queue behind the application's writers (and make them queue
	// behind it).
	lockTimeoutMS = 5000
	// textSizeBytes caps every (max), text, ntext and xml value the server
	// sends (SET TEXTSIZE; the driver's login otherwise asks for 2 GB). The
	// SELECT already cuts those values (selectExpr); this is a second
	// bound, for any statement that reads one whole, on servers that
	// honour it (Babelfish does not).
	textSizeBytes = 65536
)

// sessionSetupSQL runs on every new connection and again each time the
// pool hands a connection out (go-mssqldb's Connector.SessionInitSQL, run
// right after the server's sp_reset_connection, which would otherwise
// restore the server defaults):
//
//   - IMPLICIT_TRANSACTIONS OFF: a server whose 'user options' turn it on
//     would make every SELECT open a transaction that stays open until a
//     COMMIT alcance never sends. With it off every statement is its own
//     autocommitted transaction, and alcance never begins one.
//   - READ COMMITTED: only committed rows are read. READ UNCOMMITTED
//     (NOLOCK) would never wait for a writer, but a dirty read can return
//     rows that are rolled back a moment later, and an allocation-order scan
//     under NOLOCK can return a row twice or skip it while pages split:
//     counts, and so the breach figures a regulator reads, could include
//     rows that never existed. The waits that READ COMMITTED can cause are
//     bounded by LOCK_TIMEOUT instead; on a database with
//     READ_COMMITTED_SNAPSHOT ON, readers read row versions and never wait.
//   - LOCK_TIMEOUT: see lockTimeoutMS.
//   - DEADLOCK_PRIORITY LOW: if a deadlock involves alcance, the server
//     chooses alcance's statement as the victim, not the application's.
//   - TEXTSIZE: see textSizeBytes.
//   - NOCOUNT ON: no "rows affected" messages.
var sessionSetupSQL = strings.Join([]string{
	"SET IMPLICIT_TRANSACTIONS OFF;",
	"SET TRANSACTION ISOLATION LEVEL READ COMMITTED;",
	"SET LOCK_TIMEOUT " + strconv.Itoa(lockTimeoutMS) + ";",
	"SET DEADLOCK_PRIORITY LOW;",
	"SET TEXTSIZE " + strconv.Itoa(textSizeBytes) + ";",
	"SET NOCOUNT ON;",
}, "\n")

// sessionCheckQuery is run once by Open: it proves that a session was
// established in the database and that the settings above are in effect
// (@@OPTIONS bit 2 is IMPLICIT_TRANSACTIONS).
const sessionCheckQuery = "SELECT DB_NAME(), @@LOCK_TIMEOUT, @@OPTIONS & 2"

// userObjects is the WHERE clause shared by the catalog queries: user
// tables (type U), and views (V) when asked, outside the sys and
// INFORMATION_SCHEMA schemas, and not shipped by Microsoft (is_ms_shipped
// marks objects that replication, diagrams and the like create).
func userObjects(includeViews bool) string {
	types := "N'U'"
	if includeViews {
		types = "N'U', N'V'"
	}
	return "o.type IN (" + types + ") AND o.is_ms_shipped = 0" +
		" AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA')"
}

// name reads a catalog name as nvarchar. SQL Server's sysname is
// nvarchar(128) already; Babelfish gives it as varchar, in which every
// character outside the code page (日本 in a table name) comes back as
// "?", and the name then matches no table.
func name(col string) string {
	return "CAST(" + col + " AS nvarchar(128))"
}

// listingQuery lists the tables (and views, when asked) to scan:
// object_id, schema, name, and whether it is a view. Tables come from
// sys.tables and views from sys.views; the caller sorts.
func listingQuery(includeViews bool) string {
	q := "SELECT t.object_id, " + name("s.name") + ", " + name("t.name") + ", CAST(0 AS bit)" +
		" FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id" +
		" WHERE t.is_ms_shipped = 0 AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA')"
	if includeViews {
		q += " UNION ALL SELECT v.object_id, " + name("s.name") + ", " + name("v.name") + ", CAST(1 AS bit)" +
			" FROM sys.views AS v JOIN sys.schemas AS s ON s.schema_id = v.schema_id" +
			" WHERE v.is_ms_shipped = 0 AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA')"
	}
	return q
}

// columnsSelect is the SELECT list and FROM clause of the columns queries:
// object_id, column name, the type's name, whether it is a CLR type,
// max_length (bytes, -1 for (max)), precision and scale.
//
// The type's name is the system type's: for an alias type (CREATE TYPE
// curp FROM char(18)) it is the base type, char, spelled with the column's
// own length; sysname and the CLR types (hierarchyid, geometry, geography)
// are not user-defined and keep their names. A user CLR type has no system
// type of its own (system_type_id 240) and keeps its name.
var columnsSelect = "SELECT c.object_id, " + name("c.name") + "," +
	" CASE WHEN ut.is_user_defined = 1 AND st.name IS NOT NULL THEN st.name ELSE ut.name END," +
	" ut.is_assembly_type, c.max_length, c.precision, c.scale" +
	" FROM sys.columns AS c" +
	" JOIN sys.types AS ut ON ut.user_type_id = c.user_type_id" +
	" LEFT JOIN sys.types AS st ON st.user_type_id = c.system_type_id" +
	" JOIN sys.objects AS o ON o.object_id = c.object_id" +
	" JOIN sys.schemas AS s ON s.schema_id = o.schema_id"

// columnsQuery reads the columns of every listed object at once, in
// declaration order within each object.
func columnsQuery(includeViews bool) string {
	return columnsSelect + " WHERE " + userObjects(includeViews) + " ORDER BY c.object_id, c.column_id"
}

// tableColumnsQuery reads the columns of one table or view; @p1 is its
// bracket-quoted two-part name (qualified), resolved by OBJECT_ID, so no
// name is ever spliced into a string literal.
var tableColumnsQuery = columnsSelect +
	" WHERE c.object_id = OBJECT_ID(@p1) ORDER BY c.column_id"

// rowCountsQuery reads every table's row count from the catalog: the rows
// of the heap (index_id 0) or clustered index (1) summed over partitions.
// It is metadata the server maintains as rows change: usually exact, but
// documented as approximate, so it is reported with Exact false. An
// indexed view has a clustered index and so a count; other views have
// none.
func rowCountsQuery(includeViews bool) string {
	return "SELECT p.object_id, SUM(p.rows)" +
		" FROM sys.partitions AS p" +
		" JOIN sys.objects AS o ON o.object_id = p.object_id" +
		" JOIN sys.schemas AS s ON s.schema_id = o.schema_id" +
		" WHERE p.index_id IN (0, 1) AND " + userObjects(includeViews) +
		" GROUP BY p.object_id"
}

// statsQuery describes one object for sampling: its type (U or V), its
// catalog row count and its in-row data pages (allocation units of type 1,
// IN_ROW_DATA, whose container is the partition's hobt). @p1 is the
// bracket-quoted two-part name. No row comes back when the object does not
// exist or the login cannot see it.
//
// The counts are optional: a server may lack a catalog view (Babelfish has
// no sys.allocation_units, nor may restricted editions), and then the
// query at the next level leaves that count out (NULL, unknown): level 0
// reads rows and pages, level 1 rows only, level 2 neither (statsLevels).
func statsQuery(level int) string {
	rows := "(SELECT SUM(p.rows) FROM sys.partitions AS p" +
		" WHERE p.object_id = o.object_id AND p.index_id IN (0, 1))"
	pages := "(SELECT SUM(au.data_pages) FROM sys.partitions AS p" +
		" JOIN sys.allocation_units AS au ON au.container_id = p.hobt_id AND au.type = 1" +
		" WHERE p.object_id = o.object_id AND p.index_id IN (0, 1))"
	switch {
	case level >= 2:
		rows, pages = "CAST(NULL AS bigint)", "CAST(NULL AS bigint)"
	case level == 1:
		pages = "CAST(NULL AS bigint)"
	}
	return "SELECT o.type, " + rows + ", " + pages +
		" FROM sys.objects AS o WHERE o.object_id = OBJECT_ID(@p1)"
}

// statsLevels is how many levels statsQuery has.
const statsLevels = 3

// primaryKeysQuery reads the declared primary key of every listed table at
// once: the table's object_id and each key column's name, in key order.
// The key is found through the index that enforces it (sys.indexes
// is_primary_key), not through sys.key_constraints.unique_index_id: the
// two agree on SQL Server, but Babelfish gives unique_index_id as a
// PostgreSQL index OID that matches no index_id.
func primaryKeysQuery() string {
	return "SELECT i.object_id, " + name("c.name") +
		" FROM sys.indexes AS i" +
		" JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id" +
		" JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id" +
		" JOIN sys.objects AS o ON o.object_id = i.object_id" +
		" JOIN sys.schemas AS s ON s.schema_id = o.schema_id" +
		" WHERE i.is_primary_key = 1 AND ic.key_ordinal > 0 AND " + userObjects(false) +
		" ORDER BY i.object_id, ic.key_ordinal"
}

// foreignKeysQuery reads the declared foreign keys of every listed table at
// once: the referencing table's object_id, the constraint's object_id, and
// for each column pair (in the constraint's order) the referencing column,
// the referenced table's schema and name, and the referenced column. A key
// whose referenced table the login cannot see drops out (the joins find no
// row for it), as that table is not scanned either.
func foreignKeysQuery() string {
	return "SELECT fk.parent_object_id, fk.object_id, " + name("pc.name") + ", " + name("rs.name") + ", " + name("ro.name") + ", " + name("rc.name") +
		" FROM sys.foreign_keys AS fk" +
		" JOIN sys.foreign_key_columns AS fkc ON fkc.constraint_object_id = fk.object_id" +
		" JOIN sys.columns AS pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id" +
		" JOIN sys.columns AS rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id" +
		" JOIN sys.objects AS ro ON ro.object_id = fkc.referenced_object_id" +
		" JOIN sys.schemas AS rs ON rs.schema_id = ro.schema_id" +
		" JOIN sys.objects AS o ON o.object_id = fk.parent_object_id" +
		" JOIN sys.schemas AS s ON s.schema_id = o.schema_id" +
		" WHERE " + userObjects(false) +
		" ORDER BY fk.parent_object_id, fk.name, fk.object_id, fkc.constraint_column_id"
}

// Standing: whether the login may see every table of the database.
//
// SQL Server shows a login only the objects it holds some permission on
// (metadata visibility): a login granted SELECT on 2 tables of 10 lists 2
// tables, and nothing says 8 are missing. A login reads every table when
// it holds SELECT on the whole database: as a member of db_datareader or
// db_owner, through GRANT SELECT ON DATABASE, or as sysadmin (all of which
// HAS_PERMS_BY_NAME reports; the role checks back it up on servers whose
// HAS_PERMS_BY_NAME is incomplete). Even then, a DENY SELECT on a table
// or schema hides it (DENY beats any grant).

// databaseSelectQuery says whether the login holds SELECT on the whole
// database: 1 or 0 (NULL when the server cannot say).
const databaseSelectQuery = "SELECT HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'SELECT')," +
	" IS_ROLEMEMBER(N'db_datareader'), IS_ROLEMEMBER(N'db_owner')"

// rolesOnlyQuery is databaseSelectQuery for a server without
// HAS_PERMS_BY_NAME: only the roles.
const rolesOnlyQuery = "SELECT CAST(NULL AS int), IS_ROLEMEMBER(N'db_datareader'), IS_ROLEMEMBER(N'db_owner')"

// deniesQuery counts the objects (class 1) and schemas (class 3) on which
// SELECT is denied to the login's user or to a role it belongs to (public
// included). A login sees the permissions of its own user and of its roles.
const deniesQuery = "SELECT" +
	" COUNT(CASE WHEN p.class = 1 THEN 1 END), COUNT(CASE WHEN p.class = 3 THEN 1 END)" +
	" FROM sys.database_permissions AS p" +
	" WHERE p.state = N'D' AND p.permission_name = N'SELECT' AND p.class IN (1, 3) AND p.minor_id = 0" +
	" AND (p.grantee_principal_id = DATABASE_PRINCIPAL_ID()" +
	" OR IS_ROLEMEMBER(USER_NAME(p.grantee_principal_id)) = 1)"

// countQuery counts a table's rows exactly (its part's, for a part).
func countQuery(t connectors.Table) string {
	return "SELECT COUNT_BIG(*) FROM " + qualified(t) + where(t)
}

// readQuery reads the given SELECT list from every row of a table (of its
// part, for a part), in whatever order the server finds cheapest (no
// ORDER BY): it serves ReadColumns and the single pass Sample falls back
// to.
func readQuery(t connectors.Table, list string) string {
	return "SELECT " + list + " FROM " + qualified(t) + where(t)
}

// sampleQuery reads about pct percent of a table's pages, chosen at random
// by the server (TABLESAMPLE SYSTEM), and never more than top rows. The cap
// matters: some servers that speak TDS (Azure Synapse, Babelfish) accept
// TABLESAMPLE and return every row. For a part, the pages are drawn from
// the whole table and those of other parts' rows dropped.
func sampleQuery(t connectors.Table, list string, pct float64, top int64) string {
	return "SELECT TOP (" + strconv.FormatInt(top, 10) + ") " + list +
		" FROM " + qualified(t) + " TABLESAMPLE SYSTEM (" + formatPercent(pct) + " PERCENT)" + where(t)
}

// tableKeyQuery reads the primary key of one table (@p1, its
// bracket-quoted two-part name), for splitting and chunked reads: each key
// column's name and type, in key order, and the type of the index that
// enforces the key (1 clustered, 2 nonclustered). TYPE_NAME of the system
// type is the base type of an alias type.
var tableKeyQuery = "SELECT " + name("c.name") + ", " + name("TYPE_NAME(c.system_type_id)") + ", CAST(i.type AS int)" +
	" FROM sys.indexes AS i" +
	" JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id" +
	" JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id" +
	" WHERE i.object_id = OBJECT_ID(@p1) AND i.is_primary_key = 1 AND ic.key_ordinal > 0" +
	" ORDER BY ic.key_ordinal"

// keyRangeQuery reads the extremes of a table's key: one seek of its
// index each.
func keyRangeQuery(t connectors.Table, k tableKey) string {
	c := quoteIdent(k.column)
	return "SELECT CAST(MIN(" + c + ") AS bigint), CAST(MAX(" + c + ") AS bigint) FROM " + qualified(t)
}

// keysetQuery reads the given SELECT list, and then the key, of the first
// top rows by key (of the table's part, for a part) whose key is above
// after (nil: from the first): one chunk of a chunked read, a seek and an
// ordered range scan of the clustered key.
func keysetQuery(t connectors.Table, k tableKey, list string, after *int64, top int) string {
	c := quoteIdent(k.column)
	a := ""
	if after != nil {
		a = keyCompare(k, ">", *after)
	}
	return "SELECT TOP (" + strconv.Itoa(top) + ") " + list + ", CAST(" + c + " AS bigint) FROM " + qualified(t) + where(t, a) + " ORDER BY " + c
}

// formatPercent spells a percentage as plain decimal text (TABLESAMPLE
// takes a float; an exponent would be valid T-SQL too, but plain text is
// what a DBA reading the query log expects).
func formatPercent(pct float64) string {
	return strconv.FormatFloat(pct, 'f', -1, 64)
}

// valueChars is how many characters of an unbounded value the SELECT
// reads: one more than connectors.MaxValueBytes, so that a value longer
// than the limit is seen to be (every character is at least one byte of
// UTF-8), and is then cut to the limit by the scanner.
var valueChars = strconv.Itoa(connectors.MaxValueBytes + 1)

// selectExpr is how one column is read. The server converts, so that the
// driver only ever decodes UTF-16 text, and cuts, so that no value is
// larger than alcance keeps:
//
//   - char, varchar and text become nvarchar. go-mssqldb decodes non-Unicode
//     text itself, from the code page its tables give the column's collation
//     (internal/cp): right for CP1252 (Modern_Spanish_CI_AS,
//     SQL_Latin1_General_CP1_CI_AS, ...) and the other legacy code pages,
//     but version 1.11.2 ignores the UTF-8 flag of SQL Server 2019's _UTF8
//     collations (they would come back as CP1252 mojibake, Ñ as "Ã‘").
//     The server knows every collation's code page exactly. A char(n) or
//     varchar(n) of n bytes never holds more than n characters, so
//     nvarchar(n) holds it.
//   - The unbounded types, (max), text, ntext and xml (which becomes
//     nvarchar(max)), are read as their first valueChars characters
//     (LEFT): a value can be 2 GB, and SET TEXTSIZE, which should bound
//     them, is ignored by some servers that speak TDS (Babelfish) and may
//     be by proxies. Cutting in the SELECT keeps the rest on the server.
//   - uniqueidentifier becomes its canonical text (CONVERT style 0,
//     upper-case, as SQL Server shows it): the driver returns the 16 bytes
//     in the server's mixed-endian order, which read as a plain UUID would
//     be wrong.
//
// Other columns are read as they are; none is longer than 8,000 bytes.
func selectExpr(c connectors.Column) string {
	q := quoteIdent(c.Name)
	base, arg := splitType(c.Type)
	switch base {
	case "char", "varchar":
		if n, err := strconv.Atoi(arg); err == nil && n > 0 && n <= 4000 {
			return "CAST(" + q + " AS nvarchar(" + arg + "))"
		}
		return "LEFT(CAST(" + q + " AS nvarchar(max)), " + valueChars + ")"
	case "nchar", "nvarchar":
		if arg == "max" {
			return "LEFT(" + q + ", " + valueChars + ")"
		}
	case "text", "ntext", "xml":
		return "LEFT(CAST(" + q + " AS nvarchar(max)), " + valueChars + ")"
	case "uniqueidentifier":
		return "CONVERT(char(36), " + q + ")"
	}
	return q
}

// splitType splits a declared type as spellType writes it into its base
// name and its argument: "nvarchar(50)" -> ("nvarchar", "50").
func splitType(declared string) (base, arg string) {
	base, rest, ok := strings.Cut(strings.TrimSpace(strings.ToLower(declared)), "(")
	if ok {
		arg = strings.TrimSuffix(rest, ")")
	}
	return strings.TrimSpace(base), arg
}

// spellType spells a column's type as SQL Server does (SSMS, sp_help,
// CREATE TABLE): lengths in characters for nchar/nvarchar (max_length is in
// bytes), (max) for max_length -1, precision and scale for decimal/numeric,
// fractional-second scale for datetime2, datetimeoffset and time.
func spellType(name string, maxLength, precision, scale int) string {
	switch name {
	case "char", "varchar", "binary", "varbinary":
		if maxLength == -1 {
			return name + "(max)"
		}
		return name + "(" + strconv.Itoa(maxLength) + ")"
	case "nchar", "nvarchar":
		if maxLength == -1 {
			return name + "(max)"
		}
		return name + "(" + strconv.Itoa(maxLength/2) + ")"
	case "decimal", "numeric":
		return name + "(" + strconv.Itoa(precision) + "," + strconv.Itoa(scale) + ")"
	case "datetime2", "datetimeoffset", "time":
		return name + "(" + strconv.Itoa(scale) + ")"
	}
	return name
}

// kindOf maps a type's name (as the columns query returns it) to a Kind.
// xml is text: legacy systems keep whole documents in it (CFDI invoices
// carry RFCs and names), and read as text it can be classified. time (a
// time of day) and sql_variant are Other: read, but no detector expects
// them. CLR types (hierarchyid, geometry, geography, user types) are
// serialized .NET objects: binary, never read.
func kindOf(name string, assembly bool) connectors.Kind {
	if assembly {
		return connectors.KindBinary
	}
	switch name {
	case "char", "varchar", "nchar", "nvarchar", "text", "ntext", "sysname", "xml", "uniqueidentifier":
		return connectors.KindText
	case "tinyint", "smallint", "int", "bigint":
		return connectors.KindInteger
	case "decimal", "numeric", "money", "smallmoney", "float", "real":
		return connectors.KindDecimal
	case "date":
		return connectors.KindDate
	case "datetime", "datetime2", "smalldatetime", "datetimeoffset":
		return connectors.KindTimestamp
	case "bit":
		return connectors.KindBool
	case "binary", "varbinary", "image", "timestamp", "rowversion", "hierarchyid", "geometry", "geography":
		return connectors.KindBinary
	}
	return connectors.KindOther
}

// Sampling parameters; see sample.go.
const (
	// oversample is how many times n rows a TABLESAMPLE is sized to return
	// on average, so that it rarely returns fewer than n.
	oversample = 4
	// minSamplePages is the fewest pages a TABLESAMPLE is sized to touch.
	// TABLESAMPLE SYSTEM picks whole pages, and rows on one page were
	// usually written together (same day, same office): the more pages the
	// n rows come from, the closer the sample is to a uniform one. With
	// 1,000 pages, a tenth of a table holds 10% +/- 1% of the pages drawn.
	minSamplePages = 1000
	// maxSamplePercent is the largest TABLESAMPLE worth sending: beyond a
	// quarter of the pages, reading them at random costs about what one
	// sequential pass does, and the pass gives an exactly uniform sample.
	maxSamplePercent = 25
	// rowsPerPageGuess stands in for a table's rows per page when the
	// catalog does not say how many pages it has. It is on the high side
	// (narrow rows), which makes the page estimate low and the percentage
	// high: more pages are read, never fewer.
	rowsPerPageGuess = 400
	// capFactor sizes the TOP cap of a TABLESAMPLE query as a multiple of
	// the rows it is expected to return.
	capFactor = 4
	// retryFactor scales the percentage of a TABLESAMPLE retried after
	// returning fewer than n rows.
	retryFactor = 4
)

// samplePercent is the TABLESAMPLE percentage for n rows of a table with
// rows rows in pages in-row pages (0: unknown), or ok false when one pass
// over the table should be read instead: a table of at most n rows (or
// unknown size), or one where the sample would have to touch more than
// maxSamplePercent of the pages.
func samplePercent(rows, pages int64, n int) (pct float64, ok bool) {
	if rows <= int64(n) || n <= 0 {
		return 0, false
	}
	if pages <= 0 {
		pages = (rows + rowsPerPageGuess - 1) / rowsPerPageGuess
	}
	pct = 100 * math.Max(float64(oversample)*float64(n)/float64(rows), float64(minSamplePages)/float64(pages))
	if pct > maxSamplePercent {
		return 0, false
	}
	return roundPercentUp(pct), true
}

// roundPercentUp rounds a percentage up to six decimal places (0.000001%
// of even a trillion rows is ten thousand), for a short query text.
func roundPercentUp(pct float64) float64 {
	x := pct * 1e6
	// 0.04 * 1e6 is 40000.000000000004 in floating point: that is 0.04,
	// not a hair above it that should round up to 0.040001.
	if r := math.Round(x); math.Abs(x-r) < 1e-6 {
		x = r
	}
	return math.Ceil(x) / 1e6
}

// sampleCap is the TOP of a TABLESAMPLE of pct percent of rows rows: far
// above what the sample should return, so it never cuts a real sample
// short, but a bound on what a server that ignores TABLESAMPLE sends.
func sampleCap(pct float64, rows int64, n int) int64 {
	expected := pct / 100 * float64(rows)
	return max(int64(math.Ceil(expected*capFactor)), int64(n)*capFactor)
}

// retryPercent is the percentage of the second TABLESAMPLE, after the
// first returned got < n rows: retryFactor times larger, or ok false when
// that is beyond maxSamplePercent and a single pass should be read.
func retryPercent(pct float64) (float64, bool) {
	next := roundPercentUp(pct * retryFactor)
	if next > maxSamplePercent {
		return 0, false
	}
	return next, true
}
