package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
)

// splitDB holds tables whose keys are hard to cut: gaps, skew (a dense run
// and far outliers, negative ones too), a single row, none, a WITHOUT
// ROWID table whose INTEGER key holds reals and text too, and tables that
// cannot be split.
func splitDB(t *testing.T) *source {
	t.Helper()
	path := makeDB(t, t.TempDir(), "split.db",
		`CREATE TABLE gaps (id INTEGER PRIMARY KEY, v TEXT)`,
		// Every id that is not a multiple of 3 or 7, up to 3000.
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 3000)
		 INSERT INTO gaps (id, v) SELECT i, 'g' || i FROM c WHERE i % 3 <> 0 AND i % 7 <> 0`,
		`CREATE TABLE skewed (id INTEGER PRIMARY KEY, v TEXT)`,
		fill("skewed", 2000),
		`INSERT INTO skewed (id, v) VALUES (1000000000000, 'far'), (-9223372036854775808, 'lowest'), (9223372036854775807, 'highest'), (-5, 'neg')`,
		`CREATE TABLE plain (v TEXT, b INTEGER)`, // a rowid table without a declared key
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 500)
		 INSERT INTO plain (v, b) SELECT 'p' || i, i FROM c`,
		`DELETE FROM plain WHERE b % 5 = 0`,
		`CREATE TABLE one (id INTEGER PRIMARY KEY, v TEXT)`,
		`INSERT INTO one VALUES (42, 'only')`,
		`CREATE TABLE empty (id INTEGER PRIMARY KEY, v TEXT)`,
		`CREATE TABLE mixed (k INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID`,
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 300)
		 INSERT INTO mixed (k, v) SELECT i * 10, 'm' || i FROM c`,
		`INSERT INTO mixed VALUES (2.5, 'real'), (1e300, 'huge'), ('zz', 'text'), ('a', 'text2'), (x'00ff', 'blob'), (-7.25, 'negreal')`,
		`CREATE TABLE codes (code TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID`,
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 250)
		 INSERT INTO codes (code, v) SELECT printf('C%05d', i), 'c' || i FROM c`,
		`CREATE TABLE shadowed (rowid TEXT, _rowid_ TEXT, oid TEXT, v TEXT)`,
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 100)
		 INSERT INTO shadowed SELECT 'a', 'b', 'c', 's' || i FROM c`,
		`CREATE VIEW gaps_view AS SELECT * FROM gaps`,
	)
	src := openPath(t, path)
	src.includeViews = true
	return src
}

// readAll reads column v of every row of t through ReadColumns.
func readAll(t *testing.T, s *source, tb connectors.Table) []string {
	t.Helper()
	var out []string
	col := []connectors.Column{{Name: "v", Type: "TEXT", Kind: connectors.KindText}}
	if err := s.ReadColumns(context.Background(), tb, col, func(v []string) error {
		out = append(out, v[0])
		return nil
	}); err != nil {
		t.Fatalf("ReadColumns(%s, part %v): %v", tb.Name, tb.Part, err)
	}
	return out
}

func sorted(v []string) []string {
	v = slices.Clone(v)
	sort.Strings(v)
	return v
}

// TestSplitCoversEveryRowOnce cuts each table into 1, 2, 3 and 7 parts
// and reads every part: the parts' rows, together, are the table's, none
// twice; their counts add up; a sample of a part holds only its rows.
func TestSplitCoversEveryRowOnce(t *testing.T) {
	s := splitDB(t)
	ctx := context.Background()
	for _, name := range []string{"gaps", "skewed", "plain", "one", "empty", "mixed"} {
		tb := table(t, s, name)
		whole := sorted(readAll(t, s, tb))
		for _, n := range []int{1, 2, 3, 7} {
			parts, err := s.Split(ctx, tb, n)
			if err != nil {
				t.Fatalf("%s: Split(%d): %v", name, n, err)
			}
			if len(parts) != n {
				t.Fatalf("%s: Split(%d) made %d parts", name, n, len(parts))
			}
			var union []string
			var counted, estimated int64
			for i, p := range parts {
				if p.Index != i || p.Count != n {
					t.Errorf("%s: part %d says it is %d of %d", name, i, p.Index, p.Count)
				}
				pt := tb
				pt.Part = &parts[i]
				pt.Rows = p.Rows
				rows := readAll(t, s, pt)
				union = append(union, rows...)
				c, err := s.CountRows(ctx, pt)
				if err != nil {
					t.Fatal(err)
				}
				if c != int64(len(rows)) {
					t.Errorf("%s part %d/%d (%s): CountRows %d, read %d rows", name, i, n, p.Bounds, c, len(rows))
				}
				counted += c
				estimated += p.Rows.Value
				if p.Rows.Exact {
					t.Errorf("%s part %d: a part's row count is an estimate", name, i)
				}
				// A sample as large as the part is the whole part.
				smp, err := s.Sample(ctx, pt, nil, len(rows)+1)
				if err != nil {
					t.Fatalf("%s part %d: Sample: %v", name, i, err)
				}
				if got := sorted(column(t, smp, "v")); fmt.Sprint(got) != fmt.Sprint(sorted(rows)) || !smp.Complete {
					t.Errorf("%s part %d: a sample of %d of %d rows: complete %v, %d rows", name, i, len(rows)+1, len(rows), smp.Complete, len(got))
				}
			}
			if got := sorted(union); fmt.Sprint(got) != fmt.Sprint(whole) {
				t.Errorf("%s in %d parts: the parts read %d rows, the table has %d (or rows differ)", name, n, len(got), len(whole))
			}
			if counted != int64(len(whole)) {
				t.Errorf("%s in %d parts: counts add up to %d, want %d", name, n, counted, len(whole))
			}
			if d := estimated - tb.Rows.Value; d < -int64(n) || d > int64(n) {
				t.Errorf("%s in %d parts: estimates add up to %d, the table has %d", name, n, estimated, tb.Rows.Value)
			}
		}
	}
}

// TestSplitEvenParts: parts of a table with dense keys hold about the same
// number of rows.
func TestSplitEvenParts(t *testing.T) {
	s := splitDB(t)
	tb := table(t, s, "gaps")
	parts, err := s.Split(context.Background(), tb, 4)
	if err != nil {
		t.Fatal(err)
	}
	for i := range parts {
		pt := tb
		pt.Part = &parts[i]
		n := len(readAll(t, s, pt))
		if want := len(readAll(t, s, tb)) / 4; n < want*9/10 || n > want*11/10 {
			t.Errorf("part %d (%s): %d rows, want about %d", i, parts[i].Bounds, n, want)
		}
	}
}

// TestSplitRefused: tables without an integer key cannot be split, and say
// so with ErrCannotSplit; a part cannot be split again.
func TestSplitRefused(t *testing.T) {
	s := splitDB(t)
	for _, name := range []string{"codes", "shadowed", "gaps_view"} {
		_, err := s.Split(context.Background(), table(t, s, name), 3)
		if !errors.Is(err, connectors.ErrCannotSplit) {
			t.Errorf("%s: Split = %v, want ErrCannotSplit", name, err)
		}
	}
	tb := table(t, s, "gaps")
	parts, err := s.Split(context.Background(), tb, 2)
	if err != nil {
		t.Fatal(err)
	}
	tb.Part = &parts[0]
	if _, err := s.Split(context.Background(), tb, 2); err == nil {
		t.Error("a part was split again")
	}
}

// TestChunkedRead: a full read in chunks (a handful of rows each, here)
// delivers every row once, in key order, for every kind of key, and the
// tables without a key are read whole all the same.
func TestChunkedRead(t *testing.T) {
	s := splitDB(t)
	defer func(n int) { chunkRows = n }(chunkRows)
	for _, name := range []string{"gaps", "skewed", "plain", "one", "empty", "mixed", "codes", "shadowed", "gaps_view"} {
		tb := table(t, s, name)
		chunkRows = 1 << 30
		whole := readAll(t, s, tb)
		for _, size := range []int{1, 7, 64} {
			chunkRows = size
			got := readAll(t, s, tb)
			if fmt.Sprint(got) != fmt.Sprint(whole) {
				t.Errorf("%s in chunks of %d: %d rows, want the %d of one read, in the same order", name, size, len(got), len(whole))
			}
		}
	}
}

// TestChunkedReadIsKeyOrdered: the key order of a chunked read is the
// B-tree's: no temporary B-tree sorts a chunk.
func TestChunkedReadIsKeyOrdered(t *testing.T) {
	s := splitDB(t)
	for _, name := range []string{"gaps", "mixed", "codes"} {
		tb := table(t, s, name)
		k, ok, err := s.keyOf(context.Background(), tb)
		if err != nil || !ok {
			t.Fatalf("%s: key %v %v", name, ok, err)
		}
		rows, err := s.db.Query("EXPLAIN QUERY PLAN SELECT v, "+k.expr+" FROM "+qualified(name)+" WHERE "+k.expr+" > ? ORDER BY "+k.expr+" LIMIT 10", 5)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); strings.Contains(p, "TEMP B-TREE") || !strings.Contains(p, "SEARCH") {
			t.Errorf("%s: a chunk's plan is %q: want a search of the key, no sort", name, p)
		}
	}
}

// TestReadColumnsStopsOnCallerError: fn's error comes back as it is, and
// the read goes no further, chunked or not.
func TestChunkedReadStopsOnCallerError(t *testing.T) {
	s := splitDB(t)
	defer func(n int) { chunkRows = n }(chunkRows)
	chunkRows = 10
	stop := errors.New("enough")
	for _, name := range []string{"gaps", "plain", "shadowed"} {
		calls := 0
		err := s.ReadColumns(context.Background(), table(t, s, name), nil, func([]string) error {
			calls++
			if calls == 15 {
				return stop
			}
			return nil
		})
		if err != stop || calls != 15 {
			t.Errorf("%s: err %v after %d calls, want the caller's error after 15", name, err, calls)
		}
	}
}
