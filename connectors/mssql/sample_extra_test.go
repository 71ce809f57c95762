package mssql

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/alcance-mx/alcance/connectors"
)

// Issue 11, point 1: a server without sys.allocation_units (Babelfish
// answers error 33557097) must not fail every table. The page count is
// left unknown, the sample is planned from the row count, and the next
// table skips the failing query.
func TestStatsWithoutAllocationUnits(t *testing.T) {
	f := newFakeServer()
	f.answerErr(statsQuery(0), mssql.Error{Number: 33557097, Class: 16, Message: `relation "sys.allocation_units" does not exist`})
	f.answer(statsQuery(1), []string{"type", "rows", "pages"}, row("U ", int64(1_000_000), nil))
	// 1,000,000 rows, pages guessed at 400 rows a page (2,500): 1,000
	// pages is 40%, beyond maxSamplePercent, so one pass.
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 2000)...)
	s := fakeSource(t, f, defaultOpts())
	for i := 0; i < 2; i++ {
		got, err := s.Sample(context.Background(), tblX, nil, 100)
		if err != nil || got.Rows != 100 {
			t.Fatalf("sample %d = %+v, %v", i, got, err)
		}
	}
	want := []string{statsQuery(0), statsQuery(1), readQuery(tblX, listX), statsQuery(1), readQuery(tblX, listX)}
	if q := f.queries(); !reflect.DeepEqual(q, want) {
		t.Fatalf("statements =\n%q\nwant\n%q", q, want)
	}
	checkReadOnly(t, f)

	// Neither view: level 2, which reads no count at all (one pass).
	f = newFakeServer()
	f.answerErr(statsQuery(0), mssql.Error{Number: 208, Class: 16, Message: "Invalid object name 'sys.allocation_units'."})
	f.answerErr(statsQuery(1), mssql.Error{Number: 229, Class: 14, Message: "The SELECT permission was denied on the object 'partitions'."})
	f.answer(statsQuery(2), []string{"type", "rows", "pages"}, row("U ", nil, nil))
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 50)...)
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 10)
	if err != nil || got.Rows != 10 || got.Counted != 50 {
		t.Fatalf("sample = %+v, %v", got, err)
	}

	// A lock timeout is not a missing view: reported, no fallback.
	f = newFakeServer()
	f.answerErr(statsQuery(0), mssql.Error{Number: 1222, Class: 16, Message: "Lock request time out period exceeded."})
	_, err = fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 10)
	if err == nil || !strings.Contains(err.Error(), "1222") || len(f.queries()) != 1 {
		t.Fatalf("error = %v after %q", err, f.queries())
	}
}

// Issue 11, point 2: the catalog says 0 rows (statistics not yet updated
// after a load); the one pass sees 40,000, and says so.
func TestSampleCountedByOnePass(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(0), int64(0))
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 40000)...)
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 10000)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows != 10000 || got.Complete || got.Counted != 40000 {
		t.Fatalf("sample: %d rows, complete %v, counted %d; want 10,000, false, 40,000", got.Rows, got.Complete, got.Counted)
	}

	// A whole small table: counted too.
	f = newFakeServer()
	scriptStats(f, "U ", int64(3), int64(1))
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 7)...)
	got, err = fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 100)
	if err != nil || got.Rows != 7 || !got.Complete || got.Counted != 7 {
		t.Fatalf("small table: %+v, %v", got, err)
	}
	// An empty one: complete, and the count (0) is the table's.
	f = newFakeServer()
	scriptStats(f, "U ", int64(0), int64(0))
	f.answer(readQuery(tblX, listX), []string{"id"})
	got, err = fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 100)
	if err != nil || got.Rows != 0 || !got.Complete || got.Counted != 0 {
		t.Fatalf("empty table: %+v, %v", got, err)
	}

	// A TABLESAMPLE reads some pages: it counts nothing.
	f = newFakeServer()
	scriptStats(f, "U ", int64(1_000_000), int64(10_000))
	f.answer(sampleQuery(tblX, listX, 10, 400000), []string{"id"}, ids(1, 2000)...)
	got, err = fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 1000)
	if err != nil || got.Rows != 1000 || got.Counted != 0 {
		t.Fatalf("tablesample: rows %d counted %d, %v", got.Rows, got.Counted, err)
	}
}

// Issue 11, point 4: values are bounded in the SELECT (golden SQL in
// TestSelectExpr) and, whatever the server sends (Babelfish ignores SET
// TEXTSIZE), cut to connectors.MaxValueBytes at a character boundary, the
// column marked truncated.
func TestValuesCut(t *testing.T) {
	cols := []connectors.Column{
		{Name: "id", Type: "int", Kind: connectors.KindInteger},
		{Name: "doc", Type: "nvarchar(max)", Kind: connectors.KindText},
		{Name: "foto", Type: "varbinary(max)", Kind: connectors.KindBinary},
		{Name: "nota", Type: "ntext", Kind: connectors.KindText},
		{Name: "corto", Type: "nvarchar(4000)", Kind: connectors.KindText},
	}
	tb := connectors.Table{Schema: "dbo", Name: "docs", Columns: cols}
	list := "[id], LEFT([doc], 4097), LEFT(CAST([nota] AS nvarchar(max)), 4097), [corto]"
	huge := strings.Repeat("a", 200000) // what Babelfish sent for an nvarchar(max)
	multi := strings.Repeat("ñ", 3000)  // 6,000 bytes in 3,000 characters
	short := strings.Repeat("x", 4096)  // exactly the limit: kept whole
	f := newFakeServer()
	scriptStats(f, "U ", int64(3), int64(1))
	f.answer(readQuery(tb, list), []string{"id", "doc", "nota", "corto"},
		row(int64(1), huge, "breve", short),
		row(int64(2), nil, multi, "y"),
		row(int64(3), "z", nil, nil),
	)
	got, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tb, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Truncated, []bool{false, true, false, true, false}) {
		t.Fatalf("Truncated = %v", got.Truncated)
	}
	values := map[string]bool{}
	for c, vs := range got.Values {
		for _, v := range vs {
			if len(v) > connectors.MaxValueBytes || !utf8.ValidString(v) {
				t.Fatalf("column %s: a value of %d bytes (valid UTF-8: %v)", got.Columns[c].Name, len(v), utf8.ValidString(v))
			}
			values[v] = true
		}
	}
	if !values[strings.Repeat("a", 4096)] || !values[strings.Repeat("ñ", 2048)] || !values[short] {
		t.Fatal("the cut values are not the first 4,096 bytes of each")
	}

	// Nothing cut: no Truncated at all.
	f = newFakeServer()
	scriptStats(f, "U ", int64(1), int64(1))
	f.answer(readQuery(tb, list), []string{"id", "doc", "nota", "corto"}, row(int64(1), "a", "b", "c"))
	got, err = fakeSource(t, f, defaultOpts()).Sample(context.Background(), tb, nil, 10)
	if err != nil || got.Truncated != nil {
		t.Fatalf("Truncated = %v, %v", got.Truncated, err)
	}

	// ReadColumns cuts the same way.
	f = newFakeServer()
	f.answer(readQuery(tb, "LEFT([doc], 4097)"), []string{"doc"}, row(huge), row(multi))
	var lens []int
	err = fakeSource(t, f, defaultOpts()).ReadColumns(context.Background(), tb, cols[1:2], func(v []string) error {
		lens = append(lens, len(v[0]))
		return nil
	})
	if err != nil || !reflect.DeepEqual(lens, []int{4096, 4096}) {
		t.Fatalf("ReadColumns value lengths = %v, %v", lens, err)
	}
}

func TestCutValue(t *testing.T) {
	cases := []struct {
		v    string
		n    int
		want string
	}{
		{"abc", 5, "abc"},
		{"abcdef", 3, "abc"},
		{"añb", 2, "a"}, // ñ is 2 bytes: not split
		{"añb", 3, "añ"},
		{"日本", 4, "日"}, // 3-byte characters
		{"日本", 2, ""},
		{"😀x", 3, ""}, // a 4-byte character
	}
	for _, c := range cases {
		if got := cutValue(c.v, c.n); got != c.want {
			t.Errorf("cutValue(%q, %d) = %q, want %q", c.v, c.n, got, c.want)
		}
	}
}

// Issue 11, point 7: a permission error under another number (Babelfish)
// fails the table; it is not retried as one pass.
func TestSamplePermissionWithoutNumber229(t *testing.T) {
	f := newFakeServer()
	scriptStats(f, "U ", int64(1_000_000), int64(10_000))
	q := sampleQuery(tblX, listX, 10, 400000)
	f.answerErr(q, mssql.Error{Number: 33557097, Class: 16, Message: "permission denied for table x"})
	f.answer(readQuery(tblX, listX), []string{"id"}, ids(1, 2000)...)
	_, err := fakeSource(t, f, defaultOpts()).Sample(context.Background(), tblX, nil, 1000)
	if err == nil || !strings.Contains(err.Error(), "permission denied for table x (SQL Server error 33557097): permission denied; the login needs SELECT") {
		t.Fatalf("error = %v", err)
	}
	if qs := f.queries(); !reflect.DeepEqual(qs, []string{statsQuery(0), q}) {
		t.Fatalf("statements = %q", qs)
	}
}
