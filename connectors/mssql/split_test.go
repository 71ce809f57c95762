package mssql

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// Parts and chunks on SQL Server: the statements, spelled out (golden),
// the orchestration over the fake driver, and, since no server runs here,
// the parts' conditions evaluated in Go over hard key sets (the golden
// tests pin the SQL to the same conditions).

// tblK has a clustered integer primary key, as the listing gives it.
var (
	tblK = connectors.Table{Schema: "dbo", Name: "padrón", PrimaryKey: []string{"id"},
		Columns: []connectors.Column{{Name: "id", Type: "int", Kind: connectors.KindInteger}, {Name: "curp", Type: "char(18)", Kind: connectors.KindText}}}
	keyK  = tableKey{column: "id", typ: "int", clustered: true}
	listK = "[id], CAST([curp] AS nvarchar(18))"
)

func withPart(t connectors.Table, p *span) connectors.Table {
	t.Part = &connectors.TablePart{Index: 1, Count: 3, Bounds: p}
	return t
}

func TestSplitQueries(t *testing.T) {
	odd := connectors.Table{Schema: "Esquema ]1[", Name: `select "it's" ñ`}
	big := tableKey{column: "a]b", typ: "bigint"}
	mid := withPart(tblK, &span{key: keyK, lo: -5, hi: 1000, hasLo: true, hasHi: true})
	last := withPart(odd, &span{key: big, lo: 9000000000, hasLo: true})
	first := withPart(tblK, &span{key: tableKey{column: "n", typ: "tinyint"}, hi: 7, hasHi: true})
	after := int64(41)
	neg := int64(-9223372036854775808)
	cases := []struct{ got, want string }{
		{tableKeyQuery, "SELECT CAST(c.name AS nvarchar(128)), CAST(TYPE_NAME(c.system_type_id) AS nvarchar(128)), CAST(i.type AS int)" +
			" FROM sys.indexes AS i" +
			" JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id" +
			" JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id" +
			" WHERE i.object_id = OBJECT_ID(@p1) AND i.is_primary_key = 1 AND ic.key_ordinal > 0 ORDER BY ic.key_ordinal"},
		{keyRangeQuery(tblK, keyK), "SELECT CAST(MIN([id]) AS bigint), CAST(MAX([id]) AS bigint) FROM [dbo].[padrón]"},
		{keyRangeQuery(odd, big), `SELECT CAST(MIN([a]]b]) AS bigint), CAST(MAX([a]]b]) AS bigint) FROM [Esquema ]]1[].[select "it's" ñ]`},
		{keysetQuery(tblK, keyK, listK, nil, 250000),
			"SELECT TOP (250000) [id], CAST([curp] AS nvarchar(18)), CAST([id] AS bigint) FROM [dbo].[padrón] ORDER BY [id]"},
		{keysetQuery(tblK, keyK, listK, &after, 1000),
			"SELECT TOP (1000) [id], CAST([curp] AS nvarchar(18)), CAST([id] AS bigint) FROM [dbo].[padrón] WHERE [id] > CAST(41 AS int) ORDER BY [id]"},
		{keysetQuery(mid, keyK, "[id]", &after, 7),
			"SELECT TOP (7) [id], CAST([id] AS bigint) FROM [dbo].[padrón] WHERE [id] >= CAST(-5 AS int) AND [id] < CAST(1000 AS int) AND [id] > CAST(41 AS int) ORDER BY [id]"},
		{keysetQuery(last, big, "NULL", &neg, 7),
			`SELECT TOP (7) NULL, CAST([a]]b] AS bigint) FROM [Esquema ]]1[].[select "it's" ñ] WHERE [a]]b] >= CAST(9000000000 AS bigint) AND [a]]b] > CAST(-9223372036854775808 AS bigint) ORDER BY [a]]b]`},
		{countQuery(mid), "SELECT COUNT_BIG(*) FROM [dbo].[padrón] WHERE [id] >= CAST(-5 AS int) AND [id] < CAST(1000 AS int)"},
		{countQuery(first), "SELECT COUNT_BIG(*) FROM [dbo].[padrón] WHERE [n] < CAST(7 AS tinyint)"},
		{readQuery(last, "[x]"), `SELECT [x] FROM [Esquema ]]1[].[select "it's" ñ] WHERE [a]]b] >= CAST(9000000000 AS bigint)`},
		{sampleQuery(mid, "[curp]", 4, 16000),
			"SELECT TOP (16000) [curp] FROM [dbo].[padrón] TABLESAMPLE SYSTEM (4 PERCENT) WHERE [id] >= CAST(-5 AS int) AND [id] < CAST(1000 AS int)"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
}

// in says whether key v is in the part p, as its SQL condition says.
func in(p *span, v int64) bool {
	return (!p.hasLo || v >= p.lo) && (!p.hasHi || v < p.hi)
}

// The parts of any key range, evaluated over hard key sets (gaps, skew,
// the extremes of bigint, one key, none), hold every key exactly once.
func TestSplitPartsCoverEveryKeyOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	sets := map[string][]int64{
		"dense":  {},
		"gaps":   {},
		"skewed": {math.MinInt64, -5, 1, 2, 3, 1_000_000_000_000, math.MaxInt64},
		"one":    {42},
		"none":   nil,
	}
	for i := int64(1); i <= 5000; i++ {
		sets["dense"] = append(sets["dense"], i)
		if i%3 != 0 && i%7 != 0 {
			sets["gaps"] = append(sets["gaps"], i*int64(rng.IntN(5)+1))
		}
		sets["skewed"] = append(sets["skewed"], 10+i)
	}
	for name, keys := range sets {
		lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
		for _, k := range keys {
			lo, hi = min(lo, k), max(hi, k)
		}
		if len(keys) == 0 {
			lo, hi = 0, 0 // MIN and MAX of nothing are NULL: read as 0
		}
		for _, n := range []int{1, 2, 3, 7, 64} {
			parts := cutRange(keyK, lo, hi, connectors.RowCount{Value: int64(len(keys)), Known: true}, n)
			if len(parts) != n {
				t.Fatalf("%s: %d parts of %d", name, len(parts), n)
			}
			var est int64
			for _, k := range keys {
				holders := 0
				for _, p := range parts {
					if in(p.Bounds.(*span), k) {
						holders++
					}
				}
				if holders != 1 {
					t.Fatalf("%s in %d parts: key %d is in %d parts", name, n, k, holders)
				}
			}
			for _, p := range parts {
				est += p.Rows.Value
			}
			if d := est - int64(len(keys)); d < -int64(n) || d > int64(n) {
				t.Errorf("%s in %d parts: estimates add up to %d, the table has %d", name, n, est, len(keys))
			}
			if b := parts[0].Bounds.(*span); b.hasLo {
				t.Errorf("%s: the first part is closed below", name)
			}
			if b := parts[n-1].Bounds.(*span); b.hasHi {
				t.Errorf("%s: the last part is closed above", name)
			}
		}
	}
	// Even parts of dense keys.
	parts := cutRange(keyK, 1, 9000, connectors.RowCount{Value: 9000, Known: true}, 3)
	for i, p := range parts {
		if p.Rows.Value != 3000 {
			t.Errorf("dense part %d: %+v", i, p)
		}
	}
}

func scriptKey(f *fakeServer, rows ...[]driver.Value) {
	f.answer(tableKeyQuery, []string{"name", "type", "index"}, rows...)
}

func TestSplit(t *testing.T) {
	f := newFakeServer()
	scriptKey(f, row("id", "int", int64(1)))
	f.answer(keyRangeQuery(tblK, keyK), []string{"lo", "hi"}, row(int64(-10), int64(89)))
	s := fakeSource(t, f, defaultOpts())
	tb := tblK
	tb.Rows = connectors.RowCount{Value: 100, Known: true}
	parts, err := s.Split(context.Background(), tb, 4)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range parts {
		got = append(got, fmt.Sprintf("%d/%d %s %d", p.Index, p.Count, p.Bounds.(*span).cond(), p.Rows.Value))
	}
	want := []string{
		"0/4 [id] < CAST(15 AS int) 25",
		"1/4 [id] >= CAST(15 AS int) AND [id] < CAST(40 AS int) 25",
		"2/4 [id] >= CAST(40 AS int) AND [id] < CAST(65 AS int) 25",
		"3/4 [id] >= CAST(65 AS int) 25",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parts:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if q := f.queries(); !reflect.DeepEqual(q, []string{tableKeyQuery, keyRangeQuery(tblK, keyK)}) {
		t.Errorf("statements = %q", q)
	}
	checkReadOnly(t, f)
	if _, err := s.Split(context.Background(), withPart(tb, parts[0].Bounds.(*span)), 2); err == nil {
		t.Error("a part was split again")
	}
}

// No primary key, a composite one, one of another type: no split.
func TestSplitRefused(t *testing.T) {
	for name, key := range map[string][][]driver.Value{
		"none":      nil,
		"composite": {row("id", "int", int64(1)), row("anio", "smallint", int64(1))},
		"text":      {row("curp", "char", int64(1))},
		"decimal":   {row("folio", "numeric", int64(2))},
	} {
		f := newFakeServer()
		scriptKey(f, key...)
		_, err := fakeSource(t, f, defaultOpts()).Split(context.Background(), tblK, 3)
		if !errors.Is(err, connectors.ErrCannotSplit) {
			t.Errorf("%s: Split = %v, want ErrCannotSplit", name, err)
		}
	}
}

// idRows are rows of (id, curp, key) for ids.
func idRows(ids ...int64) [][]driver.Value {
	var out [][]driver.Value
	for _, id := range ids {
		out = append(out, row(id, fmt.Sprintf("C%d", id), id))
	}
	return out
}

// readIDs reads the ids of tb through ReadColumns.
func readIDs(t *testing.T, s *source, tb connectors.Table) ([]string, error) {
	var got []string
	err := s.ReadColumns(context.Background(), tb, nil, func(v []string) error {
		got = append(got, v[0])
		return nil
	})
	return got, err
}

// A clustered key: chunks by keyset, each from the last key read, until
// one comes back short.
func TestReadColumnsInChunks(t *testing.T) {
	defer func(n int) { chunkRows = n }(chunkRows)
	chunkRows = 3
	f := newFakeServer()
	scriptKey(f, row("id", "int", int64(1)))
	a, b := int64(5), int64(9)
	f.answer(keysetQuery(tblK, keyK, listK, nil, 3), []string{"id", "curp", "k"}, idRows(1, 2, 5)...)
	f.answer(keysetQuery(tblK, keyK, listK, &a, 3), []string{"id", "curp", "k"}, idRows(7, 8, 9)...)
	f.answer(keysetQuery(tblK, keyK, listK, &b, 3), []string{"id", "curp", "k"}, idRows(12)...)
	got, err := readIDs(t, fakeSource(t, f, defaultOpts()), tblK)
	if err != nil || fmt.Sprint(got) != "[1 2 5 7 8 9 12]" {
		t.Fatalf("read %v, %v", got, err)
	}
	want := []string{tableKeyQuery, keysetQuery(tblK, keyK, listK, nil, 3), keysetQuery(tblK, keyK, listK, &a, 3), keysetQuery(tblK, keyK, listK, &b, 3)}
	if q := f.queries(); !reflect.DeepEqual(q, want) {
		t.Errorf("statements:\n%s\nwant\n%s", strings.Join(q, "\n"), strings.Join(want, "\n"))
	}
	checkReadOnly(t, f)

	// A part: the same, within the part's range.
	f = newFakeServer()
	scriptKey(f, row("id", "int", int64(1)))
	part := withPart(tblK, &span{key: keyK, lo: 5, hasLo: true, hi: 9, hasHi: true})
	f.answer(keysetQuery(part, keyK, listK, nil, 3), []string{"id", "curp", "k"}, idRows(5, 7, 8)...)
	c := int64(8)
	f.answer(keysetQuery(part, keyK, listK, &c, 3), []string{"id", "curp", "k"})
	got, err = readIDs(t, fakeSource(t, f, defaultOpts()), part)
	if err != nil || fmt.Sprint(got) != "[5 7 8]" {
		t.Fatalf("part: read %v, %v", got, err)
	}
}

// A chunk the statement timeout stops is read again from the last row
// delivered, a quarter as long; at the smallest chunk the timeout is an
// error.
func TestReadColumnsChunkTimeout(t *testing.T) {
	defer func(n int) { chunkRows = n }(chunkRows)
	chunkRows = 4000
	f := newFakeServer()
	scriptKey(f, row("id", "int", int64(1)))
	three := int64(3)
	f.answerBlocking(keysetQuery(tblK, keyK, listK, nil, 4000), []string{"id", "curp", "k"}, 3, idRows(1, 2, 3, 4)...)
	f.answer(keysetQuery(tblK, keyK, listK, &three, 1000), []string{"id", "curp", "k"}, idRows(4, 5, 6)...)
	opts := defaultOpts()
	opts.StatementTimeout = 50 * time.Millisecond
	got, err := readIDs(t, fakeSource(t, f, opts), tblK)
	if err != nil || fmt.Sprint(got) != "[1 2 3 4 5 6]" {
		t.Fatalf("read %v, %v", got, err)
	}
	chunkRows = connectors.MinChunkRows
	f = newFakeServer()
	scriptKey(f, row("id", "int", int64(1)))
	f.answerBlocking(keysetQuery(tblK, keyK, listK, nil, connectors.MinChunkRows), []string{"id", "curp", "k"}, 1, idRows(1, 2)...)
	got, err = readIDs(t, fakeSource(t, f, opts), tblK)
	if err == nil || !strings.Contains(err.Error(), "statement timed out after 50ms") || len(got) != 1 {
		t.Fatalf("at the smallest chunk: read %v, %v; want the timeout", got, err)
	}
}

// A heap (the key nonclustered), a key the catalog does not confirm, a
// table the listing gave no integer key: one statement, as before; the
// last without asking the catalog.
func TestReadColumnsInOneStatement(t *testing.T) {
	for name, key := range map[string][][]driver.Value{
		"heap":    {row("id", "int", int64(2))},
		"no key":  nil,
		"bigger":  {row("id", "int", int64(1)), row("x", "int", int64(1))},
		"decimal": {row("id", "decimal", int64(1))},
	} {
		f := newFakeServer()
		scriptKey(f, key...)
		f.answer(readQuery(tblK, listK), []string{"id", "curp"}, row(int64(1), "a"), row(int64(2), "b"))
		got, err := readIDs(t, fakeSource(t, f, defaultOpts()), tblK)
		if err != nil || fmt.Sprint(got) != "[1 2]" {
			t.Errorf("%s: read %v, %v", name, got, err)
		}
		if q := f.queries(); !reflect.DeepEqual(q, []string{tableKeyQuery, readQuery(tblK, listK)}) {
			t.Errorf("%s: statements %q", name, q)
		}
	}
	f := newFakeServer()
	f.answerErr(tableKeyQuery, errors.New("the catalog is refused"))
	f.answer(readQuery(tblK, listK), []string{"id", "curp"}, row(int64(1), "a"))
	if got, err := readIDs(t, fakeSource(t, f, defaultOpts()), tblK); err != nil || len(got) != 1 {
		t.Errorf("a catalog that refuses the key: read %v, %v", got, err)
	}
	f = newFakeServer()
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 3)...)
	if got, err := readIDs(t, fakeSource(t, f, defaultOpts()), tblX); err != nil || len(got) != 3 {
		t.Errorf("no key in the listing: read %v, %v", got, err)
	}
	if q := f.queries(); !reflect.DeepEqual(q, []string{readQuery(tblX, listX)}) {
		t.Errorf("no key in the listing: statements %q", q)
	}
}

// A part is sampled as a table of its share of the rows and pages, and its
// sample and count statements say which rows.
func TestSampleAndCountOfPart(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(3_000_000), int64(30_000))
	part := withPart(tblK, &span{key: keyK, lo: 1_000_000, hasLo: true, hi: 2_000_000, hasHi: true})
	part.Part.Rows = connectors.RowCount{Value: 1_000_000, Known: true}
	// A third of the pages: 1,000 of 10,000 is 10%.
	q := sampleQuery(part, listK, 10, 400000)
	f.answer(q, []string{"id", "curp"}, idRows2(1_000_000, 1_005_000)...)
	f.answer(countQuery(part), []string{"n"}, row(int64(999_999)))
	s := fakeSource(t, f, defaultOpts())
	smp, err := s.Sample(context.Background(), part, nil, 1000)
	if err != nil || smp.Rows != 1000 {
		t.Fatalf("sample of a part: %+v, %v", smp, err)
	}
	if n, err := s.CountRows(context.Background(), part); err != nil || n != 999_999 {
		t.Fatalf("count of a part: %d, %v", n, err)
	}
	if qs := f.queries(); !reflect.DeepEqual(qs, []string{statsQuery(0), q, countQuery(part)}) {
		t.Errorf("statements %q", qs)
	}
	checkReadOnly(t, f)
	// A part made by another connector is refused, not read whole.
	other := tblK
	other.Part = &connectors.TablePart{Index: 0, Count: 2, Bounds: "pages 0-9"}
	if _, err := s.Sample(context.Background(), other, nil, 10); err == nil {
		t.Error("Sample read a part another connector made")
	}
	if _, err := s.CountRows(context.Background(), other); err == nil {
		t.Error("CountRows counted a part another connector made")
	}
	if _, err := readIDs(t, s, other); err == nil {
		t.Error("ReadColumns read a part another connector made")
	}
}

// idRows2 are rows of (id, curp) for ids from..to.
func idRows2(from, to int64) [][]driver.Value {
	var out [][]driver.Value
	for id := from; id <= to; id++ {
		out = append(out, row(id, "c"))
	}
	return out
}
