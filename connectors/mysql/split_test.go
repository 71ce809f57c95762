package mysql

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/go-sql-driver/mysql"
)

// splitDB holds tables whose keys are hard to cut: gaps, skew (a dense run
// and the extremes of BIGINT), an unsigned key up to 2^64-1, a composite
// key whose first column repeats (one run longer than a chunk), MyISAM,
// an empty table, and tables that cannot be split.
func splitDB(t *testing.T) string {
	u := makeDB(t, "alcance_myconn_split",
		"CREATE TABLE gaps (id INT PRIMARY KEY, v VARCHAR(20))",
		"CREATE TABLE skewed (id BIGINT PRIMARY KEY, v VARCHAR(20))",
		"CREATE TABLE unsig (id BIGINT UNSIGNED PRIMARY KEY, v VARCHAR(30))",
		"CREATE TABLE comp (k INT, j INT, v VARCHAR(20), PRIMARY KEY (k, j))",
		"CREATE TABLE isam (id INT PRIMARY KEY, v VARCHAR(20)) ENGINE=MyISAM",
		"CREATE TABLE nokey (a VARCHAR(10), v VARCHAR(20))",
		"CREATE TABLE textkey (code VARCHAR(10) PRIMARY KEY, v VARCHAR(20))",
		"CREATE TABLE empty (id INT PRIMARY KEY, v VARCHAR(20))",
		"CREATE VIEW gaps_view AS SELECT * FROM gaps",
	)
	keep := func(i int) bool { return i%3 != 0 && i%7 != 0 }
	fill(t, u, "gaps", 30000, func(i int) string {
		if !keep(i) {
			return fmt.Sprintf("(%d, 'g%d')", -i, i) // negative ids: keys below zero too
		}
		return fmt.Sprintf("(%d, 'g%d')", i, i)
	})
	fill(t, u, "skewed", 20000, func(i int) string { return fmt.Sprintf("(%d, 's%d')", i, i) })
	fill(t, u, "unsig", 5000, func(i int) string { return fmt.Sprintf("(%d, 'u%d')", i, i) })
	fill(t, u, "comp", 9000, func(i int) string {
		k := i / 300
		if i > 4000 && i <= 6500 {
			k = 5 // a run of 2,500 rows of one key
		}
		return fmt.Sprintf("(%d, %d, 'c%d')", k-3, i, i)
	})
	fill(t, u, "isam", 8000, func(i int) string { return fmt.Sprintf("(%d, 'i%d')", i*i%100003, i) })
	fill(t, u, "nokey", 3000, func(i int) string { return fmt.Sprintf("('a', 'n%d')", i) })
	fill(t, u, "textkey", 3000, func(i int) string { return fmt.Sprintf("('k%05d', 't%d')", i, i) })
	run(t, adminConn(t, u),
		"INSERT INTO skewed VALUES (1000000000000, 'far'), (-9223372036854775808, 'lowest'), (9223372036854775807, 'highest'), (-5, 'neg')",
		"INSERT INTO unsig VALUES (18446744073709551615, 'top'), (9223372036854775808, 'middle'), (0, 'zero')",
		"ANALYZE TABLE skewed, unsig")
	return u
}

// readV reads column v of every row of tb through ReadColumns.
func readV(t *testing.T, s *source, tb connectors.Table) []string {
	t.Helper()
	var out []string
	col := []connectors.Column{{Name: "v", Type: "varchar(30)", Kind: connectors.KindText}}
	if err := s.ReadColumns(context.Background(), tb, col, func(v []string) error {
		out = append(out, v[0])
		return nil
	}); err != nil {
		t.Fatalf("ReadColumns(%s, part %+v): %v", tb.Name, tb.Part, err)
	}
	return out
}

func sortedCopy(v []string) []string {
	v = slices.Clone(v)
	sort.Strings(v)
	return v
}

// TestSplitCoversEveryRowOnce cuts each table into 1, 2, 3 and 7 parts and
// reads every part: the parts' rows, together, are the table's, none
// twice; their counts add up; a sample of a part holds only its rows, all
// of them when it asks for more.
func TestSplitCoversEveryRowOnce(t *testing.T) {
	s := open(t, splitDB(t), connectors.Options{IncludeViews: true})
	ctx := context.Background()
	for _, name := range []string{"gaps", "skewed", "unsig", "comp", "isam", "empty"} {
		tb := table(t, s, name)
		whole := sortedCopy(readV(t, s, tb))
		for _, n := range []int{1, 2, 3, 7} {
			parts, err := s.Split(ctx, tb, n)
			if err != nil {
				t.Fatalf("%s: Split(%d): %v", name, n, err)
			}
			if len(parts) != n {
				t.Fatalf("%s: Split(%d) made %d parts", name, n, len(parts))
			}
			var union []string
			var counted int64
			for i := range parts {
				p := parts[i]
				if p.Index != i || p.Count != n {
					t.Errorf("%s: part %d is %d of %d", name, i, p.Index, p.Count)
				}
				pt := tb
				pt.Part, pt.Rows = &parts[i], p.Rows
				rows := readV(t, s, pt)
				union = append(union, rows...)
				c, err := s.CountRows(ctx, pt)
				if err != nil {
					t.Fatal(err)
				}
				if c != int64(len(rows)) {
					t.Errorf("%s part %d/%d (%s): CountRows %d, read %d rows", name, i, n, p.Bounds, c, len(rows))
				}
				counted += c
				smp, err := s.Sample(ctx, pt, nil, len(rows)+1)
				if err != nil {
					t.Fatalf("%s part %d: Sample: %v", name, i, err)
				}
				if got := sortedCopy(column(t, smp, "v")); fmt.Sprint(got) != fmt.Sprint(sortedCopy(rows)) || !smp.Complete {
					t.Errorf("%s part %d: a sample of %d of %d rows: complete %v, %d rows", name, i, len(rows)+1, len(rows), smp.Complete, len(got))
				}
				if len(rows) > 300 {
					smp, err := s.Sample(ctx, pt, nil, 100)
					if err != nil {
						t.Fatalf("%s part %d: Sample: %v", name, i, err)
					}
					in := map[string]bool{}
					for _, r := range rows {
						in[r] = true
					}
					got := column(t, smp, "v")
					distinct(t, got)
					for _, v := range got {
						if !in[v] {
							t.Errorf("%s part %d: sampled row %q is not in the part", name, i, v)
							break
						}
					}
					if smp.Rows != 100 {
						t.Errorf("%s part %d: a sample of 100 has %d rows", name, i, smp.Rows)
					}
				}
			}
			if got := sortedCopy(union); fmt.Sprint(got) != fmt.Sprint(whole) {
				t.Errorf("%s in %d parts: the parts read %d rows, the table has %d (or rows differ)", name, n, len(got), len(whole))
			}
			if counted != int64(len(whole)) {
				t.Errorf("%s in %d parts: counts add up to %d, want %d", name, n, counted, len(whole))
			}
		}
	}
}

// TestSplitEvenParts: parts of a table with keys of even density hold
// about the same number of rows (gaps holds 12,857 ids below zero and
// 17,143 above, in equal spans).
func TestSplitEvenParts(t *testing.T) {
	s := open(t, splitDB(t), connectors.Options{})
	tb := table(t, s, "gaps")
	parts, err := s.Split(context.Background(), tb, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{12857, 17143} {
		pt := tb
		pt.Part = &parts[i]
		if n := len(readV(t, s, pt)); n != want {
			t.Errorf("gaps part %d (%s): %d rows, want %d", i, parts[i].Bounds, n, want)
		}
	}
}

// TestSplitRefused: tables without an integer primary key cannot be split,
// and say so with ErrCannotSplit; a part cannot be split again.
func TestSplitRefused(t *testing.T) {
	s := open(t, splitDB(t), connectors.Options{IncludeViews: true})
	for _, name := range []string{"nokey", "textkey", "gaps_view"} {
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

// chunks records the statements ReadColumns reads rows with during a test.
func chunks(t *testing.T) func() []string {
	var got []string
	chunkObserver = func(q string) { got = append(got, q) }
	t.Cleanup(func() { chunkObserver = nil })
	return func() []string { r := got; got = nil; return r }
}

// TestChunkedRead: a full read in chunks (a handful of rows each, here)
// delivers every row once, whole tables and parts alike, for a unique key
// (keyset), a repeating one (ranges, with a run longer than a chunk) and
// none (one statement).
func TestChunkedRead(t *testing.T) {
	s := open(t, splitDB(t), connectors.Options{IncludeViews: true})
	got := chunks(t)
	defer func(n int) { chunkRows = n }(chunkRows)
	for _, name := range []string{"gaps", "skewed", "unsig", "comp", "isam", "empty", "nokey", "textkey", "gaps_view"} {
		tb := table(t, s, name)
		chunkRows = 1 << 30
		whole := readV(t, s, tb)
		got()
		for _, size := range []int{13, 1000} {
			chunkRows = size
			rows := readV(t, s, tb)
			if fmt.Sprint(sortedCopy(rows)) != fmt.Sprint(sortedCopy(whole)) {
				t.Errorf("%s in chunks of %d rows: %d rows, want the %d of one read", name, size, len(rows), len(whole))
			}
			c := got()
			switch name {
			case "nokey", "textkey", "gaps_view":
				if len(c) != 1 {
					t.Errorf("%s, without a key, read in %d statements", name, len(c))
				}
			case "empty":
			default:
				want := len(whole) / size
				if name == "comp" {
					want = min(want, 25) // chunks of whole runs of one key: 26 keys
				}
				if len(c) < want {
					t.Errorf("%s in chunks of %d rows: %d statements for %d rows", name, size, len(c), len(whole))
				}
				if size == 1000 && len(c) > 3*(len(whole)/size+1) {
					t.Errorf("%s in chunks of %d rows: %d statements for %d rows", name, size, len(c), len(whole))
				}
			}
		}
		if name == "nokey" || name == "textkey" || name == "gaps_view" {
			continue
		}
		parts, err := s.Split(context.Background(), tb, 3)
		if err != nil {
			t.Fatal(err)
		}
		chunkRows = 500
		var union []string
		for i := range parts {
			pt := tb
			pt.Part = &parts[i]
			union = append(union, readV(t, s, pt)...)
		}
		if fmt.Sprint(sortedCopy(union)) != fmt.Sprint(sortedCopy(whole)) {
			t.Errorf("%s: parts read in chunks: %d rows, want %d", name, len(union), len(whole))
		}
	}
}

// TestChunkedReadInKeyOrder: a keyset chunk is answered by the primary
// key in order (no filesort), and a chunked read delivers rows in key
// order.
func TestChunkedReadInKeyOrder(t *testing.T) {
	u := splitDB(t)
	s := open(t, u, connectors.Options{})
	db := adminConn(t, u)
	for _, q := range []string{
		keysetSQL("`v`", "`gaps`", "id", "", "100", 1000),
		keysetSQL("`v`", "`isam`", "id", "`id` >= 5 AND `id` < 90000", "100", 1000),
		boundarySQL("`comp`", "k", "`k` >= 2", 1000),
		readSQL("`v`", "`comp`", "`k` >= 2 AND `k` < 9", 0),
	} {
		rows, err := db.Query("EXPLAIN " + q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var plan []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			for i, c := range cols {
				if c == "type" || c == "key" || c == "Extra" {
					plan = append(plan, fmt.Sprintf("%s=%s", c, vals[i]))
				}
			}
		}
		rows.Close()
		p := strings.Join(plan, " ")
		if strings.Contains(p, "filesort") || !strings.Contains(p, "type=range") || !strings.Contains(p, "key=PRIMARY") {
			t.Errorf("%s: plan %s: want a range of the primary key, no filesort", q, p)
		}
	}
	defer func(n int) { chunkRows = n }(chunkRows)
	chunkRows = 100
	var ids []int64
	err := s.ReadColumns(context.Background(), table(t, s, "skewed"), []connectors.Column{{Name: "id", Kind: connectors.KindInteger}}, func(v []string) error {
		ids = append(ids, ints(t, v)[0])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(ids) || len(ids) != 20004 {
		t.Errorf("a chunked read of %d rows is not in key order", len(ids))
	}
}

// TestChunkedReadCut: a connection cut mid-chunk resumes where it was,
// for a keyset read and a read by ranges: every row once.
func TestChunkedReadCut(t *testing.T) {
	u := splitDB(t)
	defer func(n int) { chunkRows = n }(chunkRows)
	chunkRows = 700
	for _, name := range []string{"gaps", "comp"} {
		for _, rst := range []bool{false, true} {
			raw, proxy := throughProxy(t, u)
			s := open(t, raw, connectors.Options{})
			tb := table(t, s, name)
			seen := map[string]bool{}
			rows := 0
			err := s.ReadColumns(context.Background(), tb, nil, func(v []string) error {
				rows++
				seen[strings.Join(v, "/")] = true
				if rows == 2_500 || rows == 5_100 {
					proxy.Cut(rst)
				}
				return nil
			})
			distinct := len(seen)
			want := map[string]int{"gaps": 30000, "comp": 9000}[name]
			if err != nil || rows != want || distinct != want {
				t.Errorf("%s in chunks cut twice (rst %v): %d rows, %d distinct, %v; want %d of each", name, rst, rows, distinct, err, want)
			}
		}
	}
}

// TestChunkShrinksOnTimeout: a keyset chunk the statement timeout stops
// is read again from the last row delivered, a quarter as long: every row
// once, and no error. The server's timeout error is made to happen, after
// 1,200 rows of the first chunk and 300 of the second, so that the test
// does not depend on how fast this machine is.
func TestChunkShrinksOnTimeout(t *testing.T) {
	u := makeDB(t, "alcance_myconn_shrink", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))")
	fill(t, u, "t", 5000, idRow)
	s := open(t, u, connectors.Options{})
	got := chunks(t)
	defer func(n int) { chunkRows = n }(chunkRows)
	chunkRows = 16000
	stmt := 0
	rowFault = func(q string, rows int64) error {
		if rows == 1 {
			stmt++
		}
		if (stmt == 1 && rows == 1200) || (stmt == 2 && rows == 300) {
			return &mysql.MySQLError{Number: erStatementTimeoutMaria, Message: "Query execution was interrupted (max_statement_time exceeded)"}
		}
		return nil
	}
	defer func() { rowFault = nil }()
	var ids []int64
	err := s.ReadColumns(context.Background(), table(t, s, "t"), []connectors.Column{{Name: "id", Kind: connectors.KindInteger}}, func(v []string) error {
		ids = append(ids, ints(t, v)[0])
		return nil
	})
	stmts := got()
	if err != nil || len(ids) != 5000 || !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != 5000 {
		t.Fatalf("chunks stopped by the timeout: %d rows, %v", len(ids), err)
	}
	var limits []string
	for _, q := range stmts {
		limits = append(limits, q[strings.LastIndex(q, " LIMIT "):])
	}
	if want := []string{" LIMIT 16000", " LIMIT 4000", " LIMIT 1000", " LIMIT 2000", " LIMIT 4000"}; fmt.Sprint(limits) != fmt.Sprint(want) {
		t.Errorf("chunks %q, want %q: a quarter as long after each timeout, down to %d, then growing back", limits, want, connectors.MinChunkRows)
	}
	// The same timeout at the smallest chunk is an error.
	chunkRows, stmt = connectors.MinChunkRows, 0
	err = s.ReadColumns(context.Background(), table(t, s, "t"), nil, func([]string) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "statement timeout") {
		t.Errorf("a chunk of %d rows stopped by the timeout: %v, want the timeout", connectors.MinChunkRows, err)
	}
}
