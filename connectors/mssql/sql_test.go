package mssql

import (
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
)

// Golden tests: every statement the connector sends, spelled out exactly.
// A change to any of them has to be made here too, on purpose.

// hostile names: brackets, quotes, spaces, mixed case, reserved words,
// Unicode, and text that would end a statement if it were not quoted.
var hostile = []struct{ name, quoted string }{
	{"plain", "[plain]"},
	{"Mixed Case", "[Mixed Case]"},
	{"select", "[select]"},
	{"FROM", "[FROM]"},
	{"a]b", "[a]]b]"},
	{"]", "[]]]"},
	{"[x]", "[[x]]]"},
	{"]]", "[]]]]]"},
	{`it's "quoted"`, `[it's "quoted"]`},
	{"ñandú 日本 Ñ", "[ñandú 日本 Ñ]"},
	{"x]; DROP TABLE y; --", "[x]]; DROP TABLE y; --]"},
	{"", "[]"},
}

func TestQuoteIdent(t *testing.T) {
	for _, h := range hostile {
		if got := quoteIdent(h.name); got != h.quoted {
			t.Errorf("quoteIdent(%q) = %s, want %s", h.name, got, h.quoted)
		}
	}
}

// A quoted name must be one token: the opening [ ends only at a ] that is
// not doubled, which is the last character. Checked by scanning, so the
// test does not trust quoteIdent's own logic.
func TestQuoteIdentIsOneToken(t *testing.T) {
	for _, h := range hostile {
		q := quoteIdent(h.name)
		if q[0] != '[' {
			t.Fatalf("%q does not open with [", q)
		}
		var name strings.Builder
		i := 1
		for ; i < len(q); i++ {
			if q[i] == ']' {
				if i+1 < len(q) && q[i+1] == ']' {
					name.WriteByte(']')
					i++
					continue
				}
				break
			}
			name.WriteByte(q[i])
		}
		if i != len(q)-1 || name.String() != h.name {
			t.Errorf("%s: the identifier ends at byte %d of %d and reads %q, want all of it reading %q", q, i, len(q), name.String(), h.name)
		}
	}
}

func TestQualified(t *testing.T) {
	cases := []struct {
		t    connectors.Table
		want string
	}{
		{connectors.Table{Schema: "dbo", Name: "beneficiarios"}, "[dbo].[beneficiarios]"},
		{connectors.Table{Schema: "esquema ]raro[", Name: "tabla.con.puntos"}, "[esquema ]]raro[].[tabla.con.puntos]"},
		{connectors.Table{Name: "sola"}, "[sola]"},
	}
	for _, c := range cases {
		if got := qualified(c.t); got != c.want {
			t.Errorf("qualified(%+v) = %s, want %s", c.t, got, c.want)
		}
	}
}

func TestSessionSetupSQL(t *testing.T) {
	want := "SET IMPLICIT_TRANSACTIONS OFF;\n" +
		"SET TRANSACTION ISOLATION LEVEL READ COMMITTED;\n" +
		"SET LOCK_TIMEOUT 5000;\n" +
		"SET DEADLOCK_PRIORITY LOW;\n" +
		"SET TEXTSIZE 65536;\n" +
		"SET NOCOUNT ON;"
	if sessionSetupSQL != want {
		t.Fatalf("sessionSetupSQL =\n%s\nwant\n%s", sessionSetupSQL, want)
	}
	if sessionCheckQuery != "SELECT DB_NAME(), @@LOCK_TIMEOUT, @@OPTIONS & 2" {
		t.Fatalf("sessionCheckQuery = %q", sessionCheckQuery)
	}
}

func TestName(t *testing.T) {
	if got := name("t.name"); got != "CAST(t.name AS nvarchar(128))" {
		t.Fatalf("name = %s", got)
	}
}

func TestListingQuery(t *testing.T) {
	tables := "SELECT t.object_id, " + name("s.name") + ", " + name("t.name") + ", CAST(0 AS bit)" +
		" FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id" +
		" WHERE t.is_ms_shipped = 0 AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA')"
	views := " UNION ALL SELECT v.object_id, " + name("s.name") + ", " + name("v.name") + ", CAST(1 AS bit)" +
		" FROM sys.views AS v JOIN sys.schemas AS s ON s.schema_id = v.schema_id" +
		" WHERE v.is_ms_shipped = 0 AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA')"
	if got := listingQuery(false); got != tables {
		t.Errorf("listingQuery(false) =\n%s\nwant\n%s", got, tables)
	}
	if got := listingQuery(true); got != tables+views {
		t.Errorf("listingQuery(true) =\n%s\nwant\n%s", got, tables+views)
	}
}

func TestColumnsQueries(t *testing.T) {
	sel := "SELECT c.object_id, " + name("c.name") + "," +
		" CASE WHEN ut.is_user_defined = 1 AND st.name IS NOT NULL THEN st.name ELSE ut.name END," +
		" ut.is_assembly_type, c.max_length, c.precision, c.scale" +
		" FROM sys.columns AS c" +
		" JOIN sys.types AS ut ON ut.user_type_id = c.user_type_id" +
		" LEFT JOIN sys.types AS st ON st.user_type_id = c.system_type_id" +
		" JOIN sys.objects AS o ON o.object_id = c.object_id" +
		" JOIN sys.schemas AS s ON s.schema_id = o.schema_id"
	cases := map[string]string{
		columnsQuery(false): sel + " WHERE o.type IN (N'U') AND o.is_ms_shipped = 0" +
			" AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA') ORDER BY c.object_id, c.column_id",
		columnsQuery(true): sel + " WHERE o.type IN (N'U', N'V') AND o.is_ms_shipped = 0" +
			" AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA') ORDER BY c.object_id, c.column_id",
		tableColumnsQuery: sel + " WHERE c.object_id = OBJECT_ID(@p1) ORDER BY c.column_id",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("columns query =\n%s\nwant\n%s", got, want)
		}
	}
}

func TestRowCountQueries(t *testing.T) {
	want := "SELECT p.object_id, SUM(p.rows) FROM sys.partitions AS p" +
		" JOIN sys.objects AS o ON o.object_id = p.object_id" +
		" JOIN sys.schemas AS s ON s.schema_id = o.schema_id" +
		" WHERE p.index_id IN (0, 1) AND o.type IN (N'U') AND o.is_ms_shipped = 0" +
		" AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA') GROUP BY p.object_id"
	if got := rowCountsQuery(false); got != want {
		t.Errorf("rowCountsQuery(false) =\n%s\nwant\n%s", got, want)
	}
	if got := rowCountsQuery(true); !strings.Contains(got, "o.type IN (N'U', N'V')") {
		t.Errorf("rowCountsQuery(true) does not include views: %s", got)
	}
}

// statsQuery at each level: rows and pages, rows only (no
// sys.allocation_units), neither (no sys.partitions either).
func TestStatsQueryLevels(t *testing.T) {
	const (
		rows  = "(SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = o.object_id AND p.index_id IN (0, 1))"
		pages = "(SELECT SUM(au.data_pages) FROM sys.partitions AS p" +
			" JOIN sys.allocation_units AS au ON au.container_id = p.hobt_id AND au.type = 1" +
			" WHERE p.object_id = o.object_id AND p.index_id IN (0, 1))"
		from    = " FROM sys.objects AS o WHERE o.object_id = OBJECT_ID(@p1)"
		unknown = "CAST(NULL AS bigint)"
	)
	want := []string{
		"SELECT o.type, " + rows + ", " + pages + from,
		"SELECT o.type, " + rows + ", " + unknown + from,
		"SELECT o.type, " + unknown + ", " + unknown + from,
	}
	if statsLevels != len(want) {
		t.Fatalf("statsLevels = %d, want %d", statsLevels, len(want))
	}
	for level, w := range want {
		if got := statsQuery(level); got != w {
			t.Errorf("statsQuery(%d) =\n%s\nwant\n%s", level, got, w)
		}
	}
	if strings.Contains(statsQuery(1), "allocation_units") || strings.Contains(statsQuery(2), "partitions") {
		t.Error("a fallback level still reads the view it falls back from")
	}
}

func TestKeyQueries(t *testing.T) {
	pk := "SELECT i.object_id, " + name("c.name") +
		" FROM sys.indexes AS i" +
		" JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id" +
		" JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id" +
		" JOIN sys.objects AS o ON o.object_id = i.object_id" +
		" JOIN sys.schemas AS s ON s.schema_id = o.schema_id" +
		" WHERE i.is_primary_key = 1 AND ic.key_ordinal > 0 AND o.type IN (N'U') AND o.is_ms_shipped = 0" +
		" AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA')" +
		" ORDER BY i.object_id, ic.key_ordinal"
	if got := primaryKeysQuery(); got != pk {
		t.Errorf("primaryKeysQuery =\n%s\nwant\n%s", got, pk)
	}
	fk := "SELECT fk.parent_object_id, fk.object_id, " + name("pc.name") + ", " + name("rs.name") + ", " + name("ro.name") + ", " + name("rc.name") +
		" FROM sys.foreign_keys AS fk" +
		" JOIN sys.foreign_key_columns AS fkc ON fkc.constraint_object_id = fk.object_id" +
		" JOIN sys.columns AS pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id" +
		" JOIN sys.columns AS rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id" +
		" JOIN sys.objects AS ro ON ro.object_id = fkc.referenced_object_id" +
		" JOIN sys.schemas AS rs ON rs.schema_id = ro.schema_id" +
		" JOIN sys.objects AS o ON o.object_id = fk.parent_object_id" +
		" JOIN sys.schemas AS s ON s.schema_id = o.schema_id" +
		" WHERE o.type IN (N'U') AND o.is_ms_shipped = 0 AND s.name NOT IN (N'sys', N'INFORMATION_SCHEMA')" +
		" ORDER BY fk.parent_object_id, fk.name, fk.object_id, fkc.constraint_column_id"
	if got := foreignKeysQuery(); got != fk {
		t.Errorf("foreignKeysQuery =\n%s\nwant\n%s", got, fk)
	}
}

func TestStandingQueries(t *testing.T) {
	cases := []struct{ got, want string }{
		{databaseSelectQuery, "SELECT HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'SELECT')," +
			" IS_ROLEMEMBER(N'db_datareader'), IS_ROLEMEMBER(N'db_owner')"},
		{rolesOnlyQuery, "SELECT CAST(NULL AS int), IS_ROLEMEMBER(N'db_datareader'), IS_ROLEMEMBER(N'db_owner')"},
		{deniesQuery, "SELECT COUNT(CASE WHEN p.class = 1 THEN 1 END), COUNT(CASE WHEN p.class = 3 THEN 1 END)" +
			" FROM sys.database_permissions AS p" +
			" WHERE p.state = N'D' AND p.permission_name = N'SELECT' AND p.class IN (1, 3) AND p.minor_id = 0" +
			" AND (p.grantee_principal_id = DATABASE_PRINCIPAL_ID()" +
			" OR IS_ROLEMEMBER(USER_NAME(p.grantee_principal_id)) = 1)"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
}

func TestTableQueries(t *testing.T) {
	tb := connectors.Table{Schema: "dbo", Name: "beneficiarios"}
	odd := connectors.Table{Schema: "Esquema ]1[", Name: `select "it's" ñ`}
	cases := []struct{ got, want string }{
		{countQuery(tb), "SELECT COUNT_BIG(*) FROM [dbo].[beneficiarios]"},
		{countQuery(odd), `SELECT COUNT_BIG(*) FROM [Esquema ]]1[].[select "it's" ñ]`},
		{readQuery(tb, "[curp], [nombre]"), "SELECT [curp], [nombre] FROM [dbo].[beneficiarios]"},
		{readQuery(odd, "[a]]b]"), `SELECT [a]]b] FROM [Esquema ]]1[].[select "it's" ñ]`},
		{sampleQuery(tb, "[curp]", 4, 16000),
			"SELECT TOP (16000) [curp] FROM [dbo].[beneficiarios] TABLESAMPLE SYSTEM (4 PERCENT)"},
		{sampleQuery(odd, "[x], CAST([y] AS nvarchar(18))", 0.0125, 50000),
			`SELECT TOP (50000) [x], CAST([y] AS nvarchar(18)) FROM [Esquema ]]1[].[select "it's" ñ] TABLESAMPLE SYSTEM (0.0125 PERCENT)`},
		{sampleQuery(tb, "[a]", 0.000001, 40), "SELECT TOP (40) [a] FROM [dbo].[beneficiarios] TABLESAMPLE SYSTEM (0.000001 PERCENT)"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
}

// Every sample query carries the TOP cap, whatever the numbers.
func TestSampleQueryAlwaysCapped(t *testing.T) {
	tb := connectors.Table{Schema: "dbo", Name: "x"}
	for _, rows := range []int64{1001, 5000, 1e6, 1e9, 1e12} {
		for _, n := range []int{1, 1000, 10000} {
			pct, ok := samplePercent(rows, 0, n)
			if !ok {
				continue
			}
			q := sampleQuery(tb, "[a]", pct, sampleCap(pct, rows, n))
			if !strings.HasPrefix(q, "SELECT TOP (") || strings.Contains(q, "e+") || strings.Contains(q, "e-") {
				t.Errorf("rows %d, n %d: %s", rows, n, q)
			}
		}
	}
}

func TestSelectExpr(t *testing.T) {
	cases := []struct {
		c    connectors.Column
		want string
	}{
		{connectors.Column{Name: "curp", Type: "char(18)"}, "CAST([curp] AS nvarchar(18))"},
		{connectors.Column{Name: "nombre", Type: "varchar(120)"}, "CAST([nombre] AS nvarchar(120))"},
		{connectors.Column{Name: "n", Type: "varchar(4000)"}, "CAST([n] AS nvarchar(4000))"},
		{connectors.Column{Name: "n", Type: "varchar(8000)"}, "LEFT(CAST([n] AS nvarchar(max)), 4097)"},
		{connectors.Column{Name: "n", Type: "varchar(max)"}, "LEFT(CAST([n] AS nvarchar(max)), 4097)"},
		{connectors.Column{Name: "n", Type: "text"}, "LEFT(CAST([n] AS nvarchar(max)), 4097)"},
		{connectors.Column{Name: "doc", Type: "xml"}, "LEFT(CAST([doc] AS nvarchar(max)), 4097)"},
		{connectors.Column{Name: "n", Type: "ntext"}, "LEFT(CAST([n] AS nvarchar(max)), 4097)"},
		{connectors.Column{Name: "n]", Type: "nvarchar(max)"}, "LEFT([n]]], 4097)"},
		{connectors.Column{Name: "n", Type: "NVARCHAR(MAX)"}, "LEFT([n], 4097)"},
		{connectors.Column{Name: "n", Type: "nvarchar(4000)"}, "[n]"},
		{connectors.Column{Name: "id", Type: "uniqueidentifier"}, "CONVERT(char(36), [id])"},
		{connectors.Column{Name: "a]b", Type: "nvarchar(50)"}, "[a]]b]"},
		{connectors.Column{Name: "n", Type: "nchar(10)"}, "[n]"},
		{connectors.Column{Name: "n", Type: "sysname"}, "[n]"},
		{connectors.Column{Name: "n", Type: "int"}, "[n]"},
		{connectors.Column{Name: "n", Type: "datetimeoffset(7)"}, "[n]"},
		{connectors.Column{Name: "x]", Type: "CHAR(5)"}, "CAST([x]]] AS nvarchar(5))"},
		{connectors.Column{Name: "n", Type: ""}, "[n]"},
	}
	for _, c := range cases {
		if got := selectExpr(c.c); got != c.want {
			t.Errorf("selectExpr(%+v) = %s, want %s", c.c, got, c.want)
		}
	}
}

func TestSpellTypeAndKind(t *testing.T) {
	cases := []struct {
		name                string
		maxLen, prec, scale int
		assembly            bool
		spelled             string
		kind                connectors.Kind
	}{
		{"nvarchar", 100, 0, 0, false, "nvarchar(50)", connectors.KindText},
		{"nvarchar", -1, 0, 0, false, "nvarchar(max)", connectors.KindText},
		{"nchar", 20, 0, 0, false, "nchar(10)", connectors.KindText},
		{"char", 18, 0, 0, false, "char(18)", connectors.KindText},
		{"varchar", 50, 0, 0, false, "varchar(50)", connectors.KindText},
		{"varchar", -1, 0, 0, false, "varchar(max)", connectors.KindText},
		{"text", 16, 0, 0, false, "text", connectors.KindText},
		{"ntext", 16, 0, 0, false, "ntext", connectors.KindText},
		{"sysname", 256, 0, 0, false, "sysname", connectors.KindText},
		{"xml", -1, 0, 0, false, "xml", connectors.KindText},
		{"uniqueidentifier", 16, 0, 0, false, "uniqueidentifier", connectors.KindText},
		{"tinyint", 1, 3, 0, false, "tinyint", connectors.KindInteger},
		{"smallint", 2, 5, 0, false, "smallint", connectors.KindInteger},
		{"int", 4, 10, 0, false, "int", connectors.KindInteger},
		{"bigint", 8, 19, 0, false, "bigint", connectors.KindInteger},
		{"decimal", 9, 12, 2, false, "decimal(12,2)", connectors.KindDecimal},
		{"numeric", 17, 38, 0, false, "numeric(38,0)", connectors.KindDecimal},
		{"money", 8, 19, 4, false, "money", connectors.KindDecimal},
		{"smallmoney", 4, 10, 4, false, "smallmoney", connectors.KindDecimal},
		{"float", 8, 53, 0, false, "float", connectors.KindDecimal},
		{"real", 4, 24, 0, false, "real", connectors.KindDecimal},
		{"date", 3, 10, 0, false, "date", connectors.KindDate},
		{"datetime", 8, 23, 3, false, "datetime", connectors.KindTimestamp},
		{"datetime2", 8, 27, 7, false, "datetime2(7)", connectors.KindTimestamp},
		{"datetime2", 6, 19, 0, false, "datetime2(0)", connectors.KindTimestamp},
		{"smalldatetime", 4, 16, 0, false, "smalldatetime", connectors.KindTimestamp},
		{"datetimeoffset", 10, 34, 7, false, "datetimeoffset(7)", connectors.KindTimestamp},
		{"bit", 1, 1, 0, false, "bit", connectors.KindBool},
		{"binary", 16, 0, 0, false, "binary(16)", connectors.KindBinary},
		{"varbinary", -1, 0, 0, false, "varbinary(max)", connectors.KindBinary},
		{"image", 16, 0, 0, false, "image", connectors.KindBinary},
		{"timestamp", 8, 0, 0, false, "timestamp", connectors.KindBinary},
		{"hierarchyid", 892, 0, 0, true, "hierarchyid", connectors.KindBinary},
		{"geography", -1, 0, 0, true, "geography", connectors.KindBinary},
		{"MiTipoClr", -1, 0, 0, true, "MiTipoClr", connectors.KindBinary},
		{"time", 5, 16, 7, false, "time(7)", connectors.KindOther},
		{"sql_variant", 8016, 0, 0, false, "sql_variant", connectors.KindOther},
	}
	for _, c := range cases {
		if got := spellType(c.name, c.maxLen, c.prec, c.scale); got != c.spelled {
			t.Errorf("spellType(%s, %d, %d, %d) = %s, want %s", c.name, c.maxLen, c.prec, c.scale, got, c.spelled)
		}
		if got := kindOf(c.name, c.assembly); got != c.kind {
			t.Errorf("kindOf(%s) = %v, want %v", c.name, got, c.kind)
		}
	}
}

func TestSamplePercent(t *testing.T) {
	cases := []struct {
		rows, pages int64
		n           int
		pct         float64
		ok          bool
	}{
		{0, 0, 1000, 0, false},                // unknown or empty: one pass
		{1000, 10, 1000, 0, false},            // at most n rows: read whole
		{100000, 400, 1000, 0, false},         // 1,000 pages wanted of 400: one pass
		{100000, 14300, 1000, 6.993007, true}, // 1,000/14,300 pages (6.99...%, rounded up) beats 4n/rows (4%)
		{1e7, 1e5, 10000, 1, true},            // 1,000 pages of 100,000
		{1e8, 1e5, 10000, 1, true},            // 1% of pages; 4n/rows is 0.04%
		{1e8, 2.5e6, 10000, 0.04, true},       // wide rows: 4n/rows wins
		{1e6, 5000, 10000, 20, true},          // 20% of pages: still worth it
		{1e6, 3000, 10000, 0, false},          // 33% of pages: one pass
		{1e6, 0, 10000, 0, false},             // pages unknown: 2,500 guessed, 1,000 of them is 40%
		{1e8, 0, 10000, 0.4, true},            // pages unknown: 250,000 guessed, 1,000 of them
		{1e6, 1e6, 1000, 0.4, true},           // one row a page: 4n/rows
	}
	for _, c := range cases {
		pct, ok := samplePercent(c.rows, c.pages, c.n)
		if ok != c.ok || (ok && pct != c.pct) {
			t.Errorf("samplePercent(%d rows, %d pages, n %d) = %v, %v; want %v, %v", c.rows, c.pages, c.n, pct, ok, c.pct, c.ok)
		}
	}
	// Rounded up, never down: the sample is never sized below what it needs.
	pct, ok := samplePercent(3e7, 9e6, 10000)
	if !ok || pct < 100*4*10000/3e7 || pct != 0.133334 {
		t.Errorf("samplePercent rounds %v to %v", 100*4*10000/3e7, pct)
	}
}

func TestSampleCapAndRetry(t *testing.T) {
	// 4% of 100,000 rows is 4,000 expected: cap 16,000.
	if got := sampleCap(4, 100000, 1000); got != 16000 {
		t.Errorf("sampleCap(4%%, 100000, 1000) = %d, want 16000", got)
	}
	// Never below capFactor*n.
	if got := sampleCap(0.000001, 1000, 1000); got != 4000 {
		t.Errorf("sampleCap(tiny) = %d, want 4000", got)
	}
	// The cap is always above what the sample is sized to return.
	for _, rows := range []int64{2000, 1e5, 1e7, 1e10} {
		for _, n := range []int{10, 1000, 10000} {
			if pct, ok := samplePercent(rows, 0, n); ok {
				if c := sampleCap(pct, rows, n); float64(c) < 2*pct/100*float64(rows) {
					t.Errorf("rows %d n %d: cap %d below twice the expected %v", rows, n, c, pct/100*float64(rows))
				}
			}
		}
	}
	if p, ok := retryPercent(1); !ok || p != 4 {
		t.Errorf("retryPercent(1) = %v, %v; want 4, true", p, ok)
	}
	if p, ok := retryPercent(6.25); !ok || p != 25 {
		t.Errorf("retryPercent(6.25) = %v, %v; want 25, true", p, ok)
	}
	if _, ok := retryPercent(7); ok {
		t.Errorf("retryPercent(7) = 28%%: beyond the limit, want a single pass")
	}
}
