package mssql

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/alcance-mx/alcance/connectors"
)

// Tests of the source's orchestration over the fake database/sql driver
// (fake_test.go): which statements it sends for each situation, and what
// it makes of the answers.

func defaultOpts() connectors.Options {
	return connectors.Options{ConnectTimeout: time.Second, StatementTimeout: time.Minute, MaxConns: 2}
}

func row(v ...driver.Value) []driver.Value { return v }

// ---- Tables ----

func scriptListing(f *fakeServer, views bool) {
	f.answer(listingQuery(views), []string{"object_id", "schema", "name", "view"},
		row(int64(1), "dbo", "beneficiarios", false),
		row(int64(2), "Esquema ]raro[", "select", false),
		row(int64(3), "dbo", "Árbol genealógico", false),
	)
	f.answer(columnsQuery(views), []string{"object_id", "name", "type", "assembly", "max_length", "precision", "scale"},
		row(int64(1), "curp", "char", false, int64(18), int64(0), int64(0)),
		row(int64(1), "nombre", "nvarchar", false, int64(240), int64(0), int64(0)),
		row(int64(1), "monto", "decimal", false, int64(9), int64(12), int64(2)),
		row(int64(1), "alta", "datetime2", false, int64(8), int64(27), int64(7)),
		row(int64(1), "foto", "varbinary", false, int64(-1), int64(0), int64(0)),
		row(int64(2), "a]b", "int", false, int64(4), int64(10), int64(0)),
		row(int64(3), "ubicación", "geography", true, int64(-1), int64(0), int64(0)),
	)
	f.answer(rowCountsQuery(views), []string{"object_id", "rows"},
		row(int64(1), int64(40000)),
		row(int64(2), int64(0)),
	)
	// A composite primary key (in key order, not column order) on 1, one
	// on 2; two foreign keys of 1 (one composite), ordered by name.
	f.answer(primaryKeysQuery(), []string{"object_id", "column"},
		row(int64(1), "curp"),
		row(int64(1), "alta"),
		row(int64(2), "a]b"),
	)
	f.answer(foreignKeysQuery(), []string{"table", "fk", "column", "ref_schema", "ref_table", "ref_column"},
		row(int64(1), int64(901), "curp", "Esquema ]raro[", "select", "a]b"),
		row(int64(1), int64(900), "curp", "dbo", "personas", "curp"),
		row(int64(1), int64(900), "alta", "dbo", "personas", "fecha"),
	)
}

// tablesQueries is every statement Tables sends, in order.
func tablesQueries(views bool) []string {
	return []string{listingQuery(views), columnsQuery(views), rowCountsQuery(views), primaryKeysQuery(), foreignKeysQuery()}
}

func TestTables(t *testing.T) {
	f := newFakeServer()
	scriptListing(f, false)
	s := fakeSource(t, f, defaultOpts())
	got, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []connectors.Table{
		{Schema: "Esquema ]raro[", Name: "select",
			Columns:    []connectors.Column{{Name: "a]b", Type: "int", Kind: connectors.KindInteger}},
			Rows:       connectors.RowCount{Value: 0, Exact: false, Known: true},
			PrimaryKey: []string{"a]b"}},
		{Schema: "dbo", Name: "beneficiarios",
			Columns: []connectors.Column{
				{Name: "curp", Type: "char(18)", Kind: connectors.KindText},
				{Name: "nombre", Type: "nvarchar(120)", Kind: connectors.KindText},
				{Name: "monto", Type: "decimal(12,2)", Kind: connectors.KindDecimal},
				{Name: "alta", Type: "datetime2(7)", Kind: connectors.KindTimestamp},
				{Name: "foto", Type: "varbinary(max)", Kind: connectors.KindBinary},
			},
			Rows:       connectors.RowCount{Value: 40000, Exact: false, Known: true},
			PrimaryKey: []string{"curp", "alta"},
			ForeignKeys: []connectors.ForeignKey{
				{Columns: []string{"curp"}, RefSchema: "Esquema ]raro[", RefTable: "select", RefColumns: []string{"a]b"}},
				{Columns: []string{"curp", "alta"}, RefSchema: "dbo", RefTable: "personas", RefColumns: []string{"curp", "fecha"}},
			}},
		{Schema: "dbo", Name: "Árbol genealógico",
			Columns: []connectors.Column{{Name: "ubicación", Type: "geography", Kind: connectors.KindBinary}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Tables =\n%+v\nwant\n%+v", got, want)
	}
	if q := f.queries(); !reflect.DeepEqual(q, tablesQueries(false)) {
		t.Fatalf("statements = %q", q)
	}
	checkReadOnly(t, f)
}

func TestTablesWithViews(t *testing.T) {
	f := newFakeServer()
	scriptListing(f, true)
	s := fakeSource(t, f, connectors.Options{IncludeViews: true, StatementTimeout: time.Minute})
	if _, err := s.Tables(context.Background()); err != nil {
		t.Fatal(err)
	}
	if q := f.queries(); !reflect.DeepEqual(q, tablesQueries(true)) {
		t.Fatalf("statements = %q", q)
	}
}

// Counts that cannot be read leave the rows unknown, and keys that cannot
// be read leave the tables without keys: the listing stands.
func TestTablesWithoutCountsOrKeys(t *testing.T) {
	f := newFakeServer()
	scriptListing(f, false)
	f.answerErr(rowCountsQuery(false), mssql.Error{Number: 229, Message: "The SELECT permission was denied on the object 'partitions'."})
	f.answerErr(primaryKeysQuery(), mssql.Error{Number: 208, Message: "Invalid object name 'sys.index_columns'."})
	f.answerErr(foreignKeysQuery(), mssql.Error{Number: 33557097, Message: `relation "sys.foreign_key_columns" does not exist`})
	s := fakeSource(t, f, defaultOpts())
	got, err := s.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d tables listed, want 3", len(got))
	}
	for _, tb := range got {
		if tb.Rows.Known || tb.PrimaryKey != nil || tb.ForeignKeys != nil {
			t.Errorf("%s: rows %+v, key %v, foreign keys %v: want unknown and none", tb.QualifiedName(), tb.Rows, tb.PrimaryKey, tb.ForeignKeys)
		}
	}
	// With only the foreign keys missing, the primary keys are kept.
	f = newFakeServer()
	scriptListing(f, false)
	f.answerErr(foreignKeysQuery(), mssql.Error{Number: 229, Message: "The SELECT permission was denied on the object 'foreign_keys'."})
	got, err = fakeSource(t, f, defaultOpts()).Tables(context.Background())
	if err != nil || len(got) != 3 || !reflect.DeepEqual(got[1].PrimaryKey, []string{"curp", "alta"}) || got[1].ForeignKeys != nil {
		t.Fatalf("Tables = %+v, %v", got, err)
	}
}

// Views carry no keys even when the catalog answers for them.
func TestTablesViewsHaveNoKeys(t *testing.T) {
	f := newFakeServer()
	f.answer(listingQuery(true), []string{"object_id", "schema", "name", "view"}, row(int64(5), "dbo", "v", true))
	f.answer(columnsQuery(true), []string{"object_id", "name", "type", "assembly", "max_length", "precision", "scale"},
		row(int64(5), "id", "int", false, int64(4), int64(10), int64(0)))
	f.answer(rowCountsQuery(true), []string{"object_id", "rows"})
	f.answer(primaryKeysQuery(), []string{"object_id", "column"}, row(int64(5), "id"))
	f.answer(foreignKeysQuery(), []string{"table", "fk", "column", "ref_schema", "ref_table", "ref_column"})
	got, err := fakeSource(t, f, connectors.Options{IncludeViews: true, StatementTimeout: time.Minute}).Tables(context.Background())
	if err != nil || len(got) != 1 || got[0].PrimaryKey != nil {
		t.Fatalf("Tables = %+v, %v", got, err)
	}
}

func TestTablesErrors(t *testing.T) {
	f := newFakeServer()
	f.answerErr(listingQuery(false), mssql.Error{Number: 229, Message: "The SELECT permission was denied on the object 'tables', database 'mssqlsystemresource', schema 'sys'."})
	s := fakeSource(t, f, defaultOpts())
	_, err := s.Tables(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "listing tables of sqlserver://auditor@10.0.0.5:1433?database=padron: The SELECT permission was denied") {
		t.Fatalf("error = %v", err)
	}
	// No tables at all is not an error (the CLI warns).
	f = newFakeServer()
	f.answer(listingQuery(false), []string{"object_id", "schema", "name", "view"})
	s = fakeSource(t, f, defaultOpts())
	got, err := s.Tables(context.Background())
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("empty listing = %v, %v", got, err)
	}
}

// ---- Sample ----

var (
	tblX  = connectors.Table{Schema: "dbo", Name: "x", Columns: []connectors.Column{{Name: "id", Type: "int", Kind: connectors.KindInteger}}}
	listX = "[id]"
)

// ids is a result of ids from..to.
func ids(from, to int) [][]driver.Value {
	out := make([][]driver.Value, 0, to-from+1)
	for i := from; i <= to; i++ {
		out = append(out, row(int64(i)))
	}
	return out
}

func scriptStats(f *fakeServer, typ string, rows, pages any) {
	f.answer(statsQuery(0), []string{"type", "rows", "pages"}, row(typ, rows, pages))
}

func sampleIDs(t *testing.T, s *connectors.Sample) []int64 {
	t.Helper()
	out := make([]int64, s.Rows)
	seen := map[int64]bool{}
	for i, v := range s.Values[0] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("value %q", v)
		}
		if seen[n] {
			t.Fatalf("row %d sampled twice", n)
		}
		seen[n] = true
		out[i] = n
	}
	return out
}

func TestSampleSmallTable(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(10), int64(1))
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 10)...)
	s := fakeSource(t, f, defaultOpts())
	got, err := s.Sample(context.Background(), tblX, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows != 10 || !got.Complete || len(sampleIDs(t, got)) != 10 {
		t.Fatalf("sample = %d rows, complete %v", got.Rows, got.Complete)
	}
	if q := f.queries(); !reflect.DeepEqual(q, []string{statsQuery(0), readQuery(tblX, listX)}) {
		t.Fatalf("statements = %q", q)
	}
	if args := f.calls[0].args; !reflect.DeepEqual(args, []any{"[dbo].[x]"}) {
		t.Fatalf("statsQuery args = %v", args)
	}
	checkReadOnly(t, f)
}

// Exactly n rows: read whole, and complete.
func TestSampleExactlyN(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(100), int64(1))
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 100)...)
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 100)
	if err != nil || got.Rows != 100 || !got.Complete {
		t.Fatalf("sample = %+v, %v", got, err)
	}
}

func TestSampleTableSample(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(1_000_000), int64(10_000))
	// 1,000 pages of 10,000: 10%, capped at 4 x 100,000 rows.
	q := sampleQuery(tblX, listX, 10, 400000)
	if q != "SELECT TOP (400000) [id] FROM [dbo].[x] TABLESAMPLE SYSTEM (10 PERCENT)" {
		t.Fatalf("sample query = %s", q)
	}
	f.answer(q, []string{"id"}, ids(1, 5000)...)
	s := fakeSource(t, f, defaultOpts())
	got, err := s.Sample(context.Background(), tblX, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows != 1000 || got.Complete {
		t.Fatalf("sample = %d rows, complete %v", got.Rows, got.Complete)
	}
	// Kept at random from all 5,000 returned, not the first 1,000.
	var late int
	for _, id := range sampleIDs(t, got) {
		if id > 1000 {
			late++
		}
	}
	if late < 700 {
		t.Fatalf("only %d of 1,000 kept rows come after the first 1,000 returned", late)
	}
	if q := f.queries(); !reflect.DeepEqual(q, []string{statsQuery(0), sampleQuery(tblX, listX, 10, 400000)}) {
		t.Fatalf("statements = %q", q)
	}
	checkReadOnly(t, f)
}

// Too few rows: a second TABLESAMPLE four times larger.
func TestSampleRetry(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(10_000_000), int64(100_000))
	first := sampleQuery(tblX, listX, 1, 400000)
	second := sampleQuery(tblX, listX, 4, 1600000)
	f.answer(first, []string{"id"}, ids(1, 10)...)
	f.answer(second, []string{"id"}, ids(1, 2000)...)
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 1000)
	if err != nil || got.Rows != 1000 {
		t.Fatalf("sample = %+v, %v", got, err)
	}
	if q := f.queries(); !reflect.DeepEqual(q, []string{statsQuery(0), first, second}) {
		t.Fatalf("statements = %q", q)
	}
}

// Too few twice: one pass.
func TestSampleRetryThenOnePass(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(10_000_000), int64(100_000))
	first := sampleQuery(tblX, listX, 1, 400000)
	second := sampleQuery(tblX, listX, 4, 1600000)
	f.answer(first, []string{"id"}, ids(1, 10)...)
	f.answer(second, []string{"id"}, ids(1, 500)...)
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 3000)...)
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 1000)
	if err != nil || got.Rows != 1000 || got.Complete {
		t.Fatalf("sample = %d rows complete %v, %v", got.Rows, got.Complete, err)
	}
	if q := f.queries(); !reflect.DeepEqual(q, []string{statsQuery(0), first, second, readQuery(tblX, listX)}) {
		t.Fatalf("statements = %q", q)
	}
}

// The cap reached: the server did not honour TABLESAMPLE, and the rows it
// sent are the first in scan order, not a sample. One pass instead.
func TestSampleCapReached(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(100_000), int64(14_300))
	q := sampleQuery(tblX, listX, 6.993007, 27973)
	if q != "SELECT TOP (27973) [id] FROM [dbo].[x] TABLESAMPLE SYSTEM (6.993007 PERCENT)" {
		t.Fatalf("sample query = %s", q)
	}
	f.answer(q, []string{"id"}, ids(1, 27973)...)
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 100_000)...)
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 1000)
	if err != nil || got.Rows != 1000 {
		t.Fatalf("sample = %+v, %v", got, err)
	}
	if qs := f.queries(); !reflect.DeepEqual(qs, []string{statsQuery(0), q, readQuery(tblX, listX)}) {
		t.Fatalf("statements = %q", qs)
	}
	var beyond int
	for _, id := range sampleIDs(t, got) {
		if id > 27973 {
			beyond++
		}
	}
	if beyond < 600 {
		t.Fatalf("only %d of 1,000 rows come from beyond the cap: not the one pass", beyond)
	}
}

// Views cannot be TABLESAMPLEd; a table of unknown size is read once.
func TestSampleViewAndUnknownSize(t *testing.T) {
	for _, c := range []struct {
		typ         string
		rows, pages any
	}{{"V ", nil, nil}, {"U ", nil, nil}, {"V ", int64(1e7), int64(1e5)}} {
		f := newFakeServer()
		scriptStats(f, c.typ, c.rows, c.pages)
		f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 50)...)
		got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 10)
		if err != nil || got.Rows != 10 || got.Complete {
			t.Fatalf("%+v: sample = %+v, %v", c, got, err)
		}
		if q := f.queries(); !reflect.DeepEqual(q, []string{statsQuery(0), readQuery(tblX, listX)}) {
			t.Fatalf("%+v: statements = %q", c, q)
		}
	}
}

// A server error on TABLESAMPLE that a plain read may not have (TABLESAMPLE
// unsupported): one pass. A permission error: reported, no second try.
func TestSampleRefused(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(1_000_000), int64(10_000))
	q := sampleQuery(tblX, listX, 10, 400000)
	f.answerErr(q, mssql.Error{Number: 10794, Class: 16, Message: "The operation 'TABLESAMPLE' is not supported with memory optimized tables."})
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 2000)...)
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 1000)
	if err != nil || got.Rows != 1000 {
		t.Fatalf("sample = %+v, %v", got, err)
	}
	if qs := f.queries(); !reflect.DeepEqual(qs, []string{statsQuery(0), q, readQuery(tblX, listX)}) {
		t.Fatalf("statements = %q", qs)
	}

	f = newFakeServer()
	scriptStats(f, "U ", int64(1_000_000), int64(10_000))
	f.answerErr(q, mssql.Error{Number: 229, Class: 14, Message: "The SELECT permission was denied on the object 'x', database 'padron', schema 'dbo'."})
	_, err = fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 1000)
	want := "sampling table [dbo].[x]: The SELECT permission was denied on the object 'x', database 'padron', schema 'dbo'. (SQL Server error 229)"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error = %v\nwant %s...", err, want)
	}
	if qs := f.queries(); len(qs) != 2 {
		t.Fatalf("statements after a permission error = %q", qs)
	}
}

func TestSampleErrors(t *testing.T) {
	f := newFakeServer()
	f.answer(statsQuery(0), []string{"type", "rows", "pages"}) // no row: no such table
	s := fakeSource(t, f, defaultOpts())
	_, err := s.Sample(context.Background(), tblX, nil, 10)
	if err == nil || err.Error() != "sampling table [dbo].[x]: no such table or view, or this login cannot see it" {
		t.Fatalf("error = %v", err)
	}
	if _, err := s.Sample(context.Background(), tblX, nil, 0); err == nil || !strings.Contains(err.Error(), "must be positive") {
		t.Fatalf("n=0: %v", err)
	}

	// A statement that outlives the statement timeout.
	f = newFakeServer()
	scriptStats(f, "U ", int64(10), int64(1))
	f.answerBlocking(readQuery(tblX, listX), []string{"id"}, 3, ids(1, 10)...)
	opts := defaultOpts()
	opts.StatementTimeout = 50 * time.Millisecond
	_, err = fakeSource(t, f, opts).Sample(context.Background(), tblX, nil, 100)
	if err == nil || err.Error() != "sampling table [dbo].[x]: statement timed out after 50ms (the statement timeout); SQL Server was asked to cancel it" {
		t.Fatalf("error = %v", err)
	}
}

// A Table without columns (not from this listing) has them read, for
// that table only, by name.
func TestSampleReadsMissingColumns(t *testing.T) {
	f := newFakeServer()
	tb := connectors.Table{Schema: "dbo", Name: "x"}
	f.answer(tableColumnsQuery, []string{"object_id", "name", "type", "assembly", "max_length", "precision", "scale"},
		row(int64(9), "id", "int", false, int64(4), int64(10), int64(0)),
		row(int64(9), "foto", "image", false, int64(16), int64(0), int64(0)))
	scriptStats(f, "U ", int64(2), int64(1))
	f.answer(readQuery(tb, "[id]"), []string{"id"}, ids(1, 2)...)
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tb, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Columns) != 2 || got.Columns[1].Kind != connectors.KindBinary || len(got.Values[1]) != 2 || got.Values[1][0] != "" {
		t.Fatalf("sample = %+v", got)
	}
	if f.calls[0].query != tableColumnsQuery || !reflect.DeepEqual(f.calls[0].args, []any{"[dbo].[x]"}) {
		t.Fatalf("first call = %+v", f.calls[0])
	}
}

// ---- values ----

func TestRendering(t *testing.T) {
	cols := []connectors.Column{
		{Name: "curp", Type: "char(10)", Kind: connectors.KindText},
		{Name: "nombre", Type: "nvarchar(50)", Kind: connectors.KindText},
		{Name: "monto", Type: "decimal(12,2)", Kind: connectors.KindDecimal},
		{Name: "saldo", Type: "money", Kind: connectors.KindDecimal},
		{Name: "grande", Type: "float", Kind: connectors.KindDecimal},
		{Name: "r", Type: "real", Kind: connectors.KindDecimal},
		{Name: "nac", Type: "date", Kind: connectors.KindDate},
		{Name: "alta", Type: "datetime2(7)", Kind: connectors.KindTimestamp},
		{Name: "nac_tz", Type: "datetimeoffset(7)", Kind: connectors.KindTimestamp},
		{Name: "tarde_tz", Type: "datetimeoffset(0)", Kind: connectors.KindTimestamp},
		{Name: "hora", Type: "time(7)", Kind: connectors.KindOther},
		{Name: "activo", Type: "bit", Kind: connectors.KindBool},
		{Name: "guid", Type: "uniqueidentifier", Kind: connectors.KindText},
		{Name: "nada", Type: "nvarchar(10)", Kind: connectors.KindText},
		{Name: "id", Type: "bigint", Kind: connectors.KindInteger},
		{Name: "foto", Type: "varbinary(max)", Kind: connectors.KindBinary},
		{Name: "doc", Type: "xml", Kind: connectors.KindText},
	}
	tb := connectors.Table{Schema: "dbo", Name: "valores", Columns: cols}
	list := "CAST([curp] AS nvarchar(10)), [nombre], [monto], [saldo], [grande], [r], [nac], [alta], [nac_tz], [tarde_tz]," +
		" [hora], [activo], CONVERT(char(36), [guid]), [nada], [id], LEFT(CAST([doc] AS nvarchar(max)), 4097)"
	if rp := newReadPlan(cols); rp.list != list {
		t.Fatalf("select list =\n%s\nwant\n%s", rp.list, list)
	}
	cdmx := time.FixedZone("", -6*3600)
	f := newFakeServer()
	scriptStats(f, "U ", int64(1), int64(1))
	// The Go types go-mssqldb returns for each.
	f.answer(readQuery(tb, list), make([]string, 16), row(
		"ABC       ",
		"Ñandú Peña",
		[]byte("-12345.60"),
		[]byte("1234.5600"),
		float64(1e21),
		float64(float32(0.1)),
		time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2021, 3, 4, 13, 45, 30, 123456700, time.UTC),
		time.Date(1980, 5, 1, 0, 0, 0, 0, cdmx),
		time.Date(1980, 5, 1, 23, 30, 0, 0, cdmx),
		time.Date(1, 1, 1, 13, 5, 0, 0, time.UTC),
		true,
		"6F9619FF-8B86-D011-B42D-00C04FC964FF",
		nil,
		int64(9007199254740993),
		"<p>GOMC</p>",
	))
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tb, nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ABC", "Ñandú Peña", "-12345.60", "1234.5600", "1000000000000000000000", "0.1",
		"1980-05-01", "2021-03-04 13:45:30", "1980-05-01", "1980-05-01 23:30:00", "13:05:00", "1",
		"6F9619FF-8B86-D011-B42D-00C04FC964FF", "", "9007199254740993", "", "<p>GOMC</p>"}
	for i, w := range want {
		if g := got.Values[i][0]; g != w {
			t.Errorf("%s (%s) = %q, want %q", cols[i].Name, cols[i].Type, g, w)
		}
	}
}

// ---- ReadColumns and CountRows ----

func TestReadColumns(t *testing.T) {
	cols := []connectors.Column{
		{Name: "id", Type: "int", Kind: connectors.KindInteger},
		{Name: "foto", Type: "image", Kind: connectors.KindBinary},
		{Name: "curp", Type: "char(18)", Kind: connectors.KindText},
	}
	tb := connectors.Table{Schema: "dbo", Name: "x", Columns: cols}
	q := "SELECT [id], CAST([curp] AS nvarchar(18)) FROM [dbo].[x]"
	f := newFakeServer()
	var rows [][]driver.Value
	for i := 1; i <= 5; i++ {
		rows = append(rows, row(int64(i), fmt.Sprintf("CURP%02d            ", i)))
	}
	f.answer(q, []string{"id", "curp"}, rows...)
	s := fakeSource(t, f, defaultOpts())
	var got [][]string
	var first *string
	err := s.ReadColumns(context.Background(), tb, nil, func(v []string) error {
		if first == nil {
			first = &v[0]
		} else if first != &v[0] {
			t.Error("the values slice was not reused")
		}
		got = append(got, append([]string(nil), v...))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 || !reflect.DeepEqual(got[4], []string{"5", "", "CURP05"}) {
		t.Fatalf("rows = %q", got)
	}
	if qs := f.queries(); !reflect.DeepEqual(qs, []string{q}) {
		t.Fatalf("statements = %q (one query, no ORDER BY)", qs)
	}

	// An error from fn stops the read and comes back as it is.
	stop := errors.New("enough")
	n := 0
	err = s.ReadColumns(context.Background(), tb, nil, func([]string) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if err != stop || n != 2 {
		t.Fatalf("err = %v after %d rows, want the callback's own error after 2", err, n)
	}
	checkReadOnly(t, f)
}

func TestReadColumnsCancelled(t *testing.T) {
	tb := connectors.Table{Schema: "dbo", Name: "x", Columns: []connectors.Column{{Name: "id", Type: "int"}}}
	f := newFakeServer()
	f.answerBlocking("SELECT [id] FROM [dbo].[x]", []string{"id"}, 2, ids(1, 10)...)
	s := fakeSource(t, f, defaultOpts())
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	done := make(chan error, 1)
	go func() {
		done <- s.ReadColumns(ctx, tb, nil, func([]string) error {
			n++
			if n == 2 {
				cancel()
			}
			return nil
		})
	}()
	select {
	case err := <-done:
		if err == nil || err.Error() != "reading table [dbo].[x]: cancelled" || !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadColumns did not stop when its context was cancelled")
	}
}

// Rows already received are not handed to fn once the context is
// cancelled: the read stops at once.
func TestReadColumnsStopsAtOnce(t *testing.T) {
	tb := connectors.Table{Schema: "dbo", Name: "x", Columns: []connectors.Column{{Name: "id", Type: "int"}}}
	f := newFakeServer()
	f.answer("SELECT [id] FROM [dbo].[x]", []string{"id"}, ids(1, 100000)...)
	s := fakeSource(t, f, defaultOpts())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	err := s.ReadColumns(ctx, tb, nil, func([]string) error {
		n++
		if n == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 2 {
		t.Fatalf("err = %v after %d rows; want cancelled after 2", err, n)
	}
}

func TestCountRows(t *testing.T) {
	tb := connectors.Table{Schema: "Esquema ]1[", Name: "it's"}
	f := newFakeServer()
	f.answer("SELECT COUNT_BIG(*) FROM [Esquema ]]1[].[it's]", []string{""}, row(int64(987654321012)))
	n, err := fakeSource(t, f, defaultOpts()).CountRows(context.Background(), tb)
	if err != nil || n != 987654321012 {
		t.Fatalf("CountRows = %d, %v", n, err)
	}
	f = newFakeServer()
	f.answerErr("SELECT COUNT_BIG(*) FROM [Esquema ]]1[].[it's]", mssql.Error{Number: 1222, Message: "Lock request time out period exceeded."})
	_, err = fakeSource(t, f, defaultOpts()).CountRows(context.Background(), tb)
	if err == nil || !strings.HasPrefix(err.Error(), "counting rows of table [Esquema ]]1[].[it's]: another session holds a lock") {
		t.Fatalf("error = %v", err)
	}
}

// ---- the reservoir ----

type intStream struct {
	n, i int
}

func (s *intStream) Next() bool { s.i++; return s.i <= s.n }
func (s *intStream) Scan(dest ...any) error {
	*(dest[0].(*any)) = int64(s.i)
	return nil
}
func (s *intStream) Err() error { return nil }

var intPlan = newReadPlan([]connectors.Column{{Name: "id", Type: "int", Kind: connectors.KindInteger}})

// Every decile of a 100,000-row result holds 5-15% of a 1,000-row sample.
func TestReservoirSpread(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		res, err := reservoir(context.Background(), &intStream{n: 100000}, intPlan, 1000, rand.New(rand.NewPCG(seed, 0)))
		if err != nil {
			t.Fatal(err)
		}
		g := res.rows
		if g.Len() != 1000 || res.counted != 100000 {
			t.Fatalf("kept %d of %d seen", g.Len(), res.counted)
		}
		var deciles [10]int
		seen := map[string]bool{}
		for _, v := range g.Sample(intPlan.cols, intPlan.index).Values[0] {
			if seen[v] {
				t.Fatalf("%s kept twice", v)
			}
			seen[v] = true
			id, _ := strconv.Atoi(v)
			deciles[(id-1)/10000]++
		}
		for d, c := range deciles {
			if c < 50 || c > 150 {
				t.Errorf("seed %d: decile %d holds %d of 1,000", seed, d, c)
			}
		}
	}
}

// Each of 20 rows is kept by about a quarter of 20,000 samples of 5.
func TestReservoirUniform(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 0))
	var counts [20]int
	for trial := 0; trial < 20000; trial++ {
		g, err := reservoir(context.Background(), &intStream{n: 20}, intPlan, 5, rng)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range g.rows.Sample(intPlan.cols, intPlan.index).Values[0] {
			id, _ := strconv.Atoi(v)
			counts[id-1]++
		}
	}
	for i, c := range counts {
		// expected 5,000; standard deviation about 61
		if c < 4700 || c > 5300 {
			t.Errorf("row %d kept %d times, want about 5,000", i+1, c)
		}
	}
}

func TestReservoirStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := reservoir(ctx, &intStream{n: 1000}, intPlan, 10, rand.New(rand.NewPCG(1, 1))); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}
