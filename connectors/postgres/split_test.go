package postgres

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

// splitDB holds tables whose keys or pages are hard to cut: gaps, skewed
// keys (a dense run and far outliers), a table without a key with dead
// rows, one never analyzed, an empty one, a partitioned one whose
// partitions differ in size, and a view.
func splitDB(t *testing.T) string {
	return newDB(t, "split",
		"CREATE TABLE gaps (id int PRIMARY KEY, v text)"+noAuto,
		"INSERT INTO gaps SELECT g, 'g' || g FROM generate_series(1, 30000) g WHERE g % 3 <> 0 AND g % 7 <> 0",
		"CREATE TABLE skewed (id bigint PRIMARY KEY, v text)"+noAuto,
		fill("skewed", 20000),
		"INSERT INTO skewed VALUES (1000000000000, 'far'), (-9223372036854775808, 'lowest'), (9223372036854775807, 'highest'), (-5, 'neg')",
		"CREATE TABLE heap (a text, v text)"+noAuto,
		"INSERT INTO heap SELECT 'a', 'h' || g FROM generate_series(1, 20000) g",
		"DELETE FROM heap WHERE v LIKE '%5'",
		"CREATE TABLE fresh (id int PRIMARY KEY, v text)"+noAuto,
		fill("fresh", 5000),
		"CREATE TABLE empty (id int PRIMARY KEY, v text)"+noAuto,
		"CREATE TABLE parted (id int PRIMARY KEY, v text) PARTITION BY RANGE (id)",
		"CREATE TABLE parted_a PARTITION OF parted FOR VALUES FROM (MINVALUE) TO (1000)"+noAuto,
		"CREATE TABLE parted_b PARTITION OF parted FOR VALUES FROM (1000) TO (20000)"+noAuto,
		"CREATE TABLE parted_c PARTITION OF parted FOR VALUES FROM (20000) TO (MAXVALUE)"+noAuto,
		"INSERT INTO parted SELECT g, 'p' || g FROM generate_series(1, 25000) g",
		"CREATE VIEW gaps_view AS SELECT * FROM gaps",
		"ANALYZE gaps", "ANALYZE skewed", "ANALYZE heap", "ANALYZE empty", "ANALYZE parted_a", "ANALYZE parted_b", "ANALYZE parted_c",
	)
}

// readV reads column v of every row of tb through ReadColumns.
func readV(t *testing.T, s *source, tb connectors.Table) []string {
	t.Helper()
	var out []string
	col := []connectors.Column{{Name: "v", Type: "text", Kind: connectors.KindText}}
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

// oldServer makes the connector treat the server as one without TID
// range scans, until the test ends.
func oldServer(t *testing.T) {
	tidRangeScans = func(int) bool { return false }
	t.Cleanup(func() { tidRangeScans = func(major int) bool { return major >= 14 } })
}

// TestSplitCoversEveryRowOnce cuts each table into 1, 2, 3 and 7 parts,
// by pages and (as on a server before 14) by key, and reads every part:
// the parts' rows, together, are the table's, none twice; their counts add
// up; a sample of a part holds only its rows, all of them when it asks for
// more.
func TestSplitCoversEveryRowOnce(t *testing.T) {
	u := splitDB(t)
	for _, mode := range []string{"pages", "key"} {
		t.Run(mode, func(t *testing.T) {
			if mode == "key" {
				oldServer(t)
			}
			s := openURL(t, u, views())
			ctx := context.Background()
			for _, name := range []string{"gaps", "skewed", "heap", "fresh", "empty", "parted"} {
				tb := table(t, s, "public", name)
				whole := sortedCopy(readV(t, s, tb))
				for _, n := range []int{1, 2, 3, 7} {
					parts, err := s.Split(ctx, tb, n)
					if mode == "key" && name == "heap" {
						if !errors.Is(err, connectors.ErrCannotSplit) {
							t.Errorf("heap without a key on an old server: Split = %v, want ErrCannotSplit", err)
						}
						continue
					}
					if err != nil {
						t.Fatalf("%s: Split(%d): %v", name, n, err)
					}
					if len(parts) != n {
						t.Fatalf("%s: Split(%d) made %d parts", name, n, len(parts))
					}
					wantKey := map[string]string{"pages": "", "key": `"id"`}[mode]
					var union []string
					var counted int64
					for i := range parts {
						p := parts[i]
						if b := p.Bounds.(*span); p.Index != i || p.Count != n || b.key != wantKey {
							t.Errorf("%s: part %d is %d of %d, by %q, want by %q", name, i, p.Index, p.Count, b.key, wantKey)
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
						if got := sortedCopy(column(t, smp, "v")); fmt.Sprint(got) != fmt.Sprint(sortedCopy(rows)) {
							t.Errorf("%s part %d: a sample of %d of %d rows holds %d rows, or others", name, i, len(rows)+1, len(rows), len(got))
						}
						if len(rows) > 200 {
							smp, err := s.Sample(ctx, pt, nil, 100)
							if err != nil {
								t.Fatalf("%s part %d: Sample: %v", name, i, err)
							}
							in := map[string]bool{}
							for _, r := range rows {
								in[r] = true
							}
							for _, v := range column(t, smp, "v") {
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
			if _, err := s.Split(ctx, table(t, s, "public", "gaps_view"), 3); !errors.Is(err, connectors.ErrCannotSplit) {
				t.Errorf("a view: Split = %v, want ErrCannotSplit", err)
			}
		})
	}
}

// TestSplitEvenParts: parts by pages hold about the same number of rows,
// however skewed the keys are, and their estimates say about as much.
func TestSplitEvenParts(t *testing.T) {
	s := open(t, splitDB(t))
	for _, name := range []string{"gaps", "skewed"} {
		tb := table(t, s, "public", name)
		parts, err := s.Split(context.Background(), tb, 4)
		if err != nil {
			t.Fatal(err)
		}
		want := len(readV(t, s, tb)) / 4
		for i := range parts {
			pt := tb
			pt.Part = &parts[i]
			n := len(readV(t, s, pt))
			if n < want*8/10 || n > want*12/10 {
				t.Errorf("%s part %d (%s): %d rows, want about %d", name, i, parts[i].Bounds, n, want)
			}
			if e := parts[i].Rows.Value; !parts[i].Rows.Known || e < int64(n)*8/10 || e > int64(n)*12/10 {
				t.Errorf("%s part %d: estimate %+v, read %d", name, i, parts[i].Rows, n)
			}
		}
	}
}

// TestSampleOfPartMethods: a part too big to read whole is sampled with
// SYSTEM over its own pages, or a filter over them, never BERNOULLI
// (which reads every page of the table), and its sample is of its rows.
func TestSampleOfPartMethods(t *testing.T) {
	u := newDB(t, "splitsample", "CREATE TABLE big (id int, v text)"+noAuto, fill("big", 300_000), "ANALYZE big")
	s := open(t, u)
	tb := table(t, s, "public", "big")
	parts, err := s.Split(context.Background(), tb, 3)
	if err != nil {
		t.Fatal(err)
	}
	got := plans(t)
	for i := range parts {
		pt := tb
		pt.Part, pt.Rows = &parts[i], parts[i].Rows
		lo, hi := int64(1)<<62, int64(0)
		var ids []int64
		for _, id := range readColumn(t, s, pt, "id") {
			lo, hi = min(lo, id), max(hi, id)
			ids = append(ids, id)
		}
		for _, n := range []int{20, 1000} {
			smp, err := s.Sample(context.Background(), pt, nil, n)
			if err != nil {
				t.Fatal(err)
			}
			if smp.Rows != n {
				t.Errorf("part %d: a sample of %d has %d rows", i, n, smp.Rows)
			}
			for _, id := range ints(t, column(t, smp, "id")) {
				if id < lo || id > hi {
					t.Errorf("part %d (ids %d-%d): sampled id %d", i, lo, hi, id)
					break
				}
			}
		}
	}
	methods := strings.Join(got(), " ")
	if strings.Contains(methods, "bernoulli") || !strings.Contains(methods, "system") || !strings.Contains(methods, "filter") {
		t.Errorf("parts were sampled by %s: want system and filter, never bernoulli", methods)
	}
}

// readColumn reads one integer column of every row of tb.
func readColumn(t *testing.T, s *source, tb connectors.Table, name string) []int64 {
	t.Helper()
	var vals []string
	err := s.ReadColumns(context.Background(), tb, []connectors.Column{{Name: name, Type: "integer", Kind: connectors.KindInteger}}, func(v []string) error {
		vals = append(vals, v[0])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ints(t, vals)
}

// chunks records the chunks ReadColumns reads during a test.
func chunks(t *testing.T) func() []string {
	var got []string
	chunkObserver = func(cond string) { got = append(got, cond) }
	t.Cleanup(func() { chunkObserver = nil })
	return func() []string { r := got; got = nil; return r }
}

// TestChunkedRead: a full read in chunks of pages delivers every row once,
// in the order of one read of the whole table, whole tables and parts
// alike; what cannot go by pages (a view; anything on an old server) is
// one cursor.
func TestChunkedRead(t *testing.T) {
	u := splitDB(t)
	s := openURL(t, u, views())
	got := chunks(t)
	defer func(n int) { chunkRows = n }(chunkRows)
	for _, name := range []string{"gaps", "skewed", "heap", "fresh", "empty", "parted", "gaps_view"} {
		tb := table(t, s, "public", name)
		chunkRows = 1 << 30
		whole := readV(t, s, tb)
		if c := got(); len(c) != 1 || c[0] != "" {
			t.Errorf("%s in one chunk: %q, want one chunk of every row", name, c)
		}
		for _, size := range []int{1, 500, 3000} {
			chunkRows = size
			rows := readV(t, s, tb)
			if name == "parted" {
				// Each chunk reads its pages of every partition.
				rows, whole = sortedCopy(rows), sortedCopy(whole)
			}
			if fmt.Sprint(rows) != fmt.Sprint(whole) {
				t.Errorf("%s in chunks of %d rows: %d rows, want the %d of one read, in the same order", name, size, len(rows), len(whole))
			}
			c := got()
			switch {
			case name == "gaps_view" && (len(c) != 1 || c[0] != ""):
				t.Errorf("a view in chunks: %q, want one cursor", c)
			case name != "gaps_view" && name != "empty" && len(c) < min(len(whole)/size/2, 20):
				t.Errorf("%s in chunks of %d rows: %d chunks for %d rows", name, size, len(c), len(whole))
			}
			if name != "gaps_view" && len(c) > 0 && strings.Contains(c[len(c)-1], "<") {
				t.Errorf("%s: the last chunk %q is closed above: rows added since would be missed", name, c[len(c)-1])
			}
		}
		// A part is read in chunks of its own pages.
		parts, err := s.Split(context.Background(), tb, 2)
		if name == "gaps_view" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		chunkRows = 500
		var union []string
		for i := range parts {
			pt := tb
			pt.Part = &parts[i]
			union = append(union, readV(t, s, pt)...)
			if c := got(); len(whole) > 4000 && len(c) < 2 {
				t.Errorf("%s part %d: %d chunks", name, i, len(c))
			}
		}
		if fmt.Sprint(sortedCopy(union)) != fmt.Sprint(sortedCopy(whole)) {
			t.Errorf("%s: parts read in chunks: %d rows, want %d", name, len(union), len(whole))
		}
	}
	oldServer(t)
	chunkRows = 500
	readV(t, s, table(t, s, "public", "gaps"))
	if c := got(); len(c) != 1 || c[0] != "" {
		t.Errorf("an old server reads in %q, want one cursor", c)
	}
}

// TestChunkedReadCut: a connection cut mid-chunk resumes within the chunk:
// every row once.
func TestChunkedReadCut(t *testing.T) {
	const total = 60_000
	u := newDB(t, "splitcut", "CREATE TABLE p (id int, v text)", fill("p", total), "ANALYZE p")
	defer func(n int) { chunkRows = n }(chunkRows)
	chunkRows = 7_000
	for _, rst := range []bool{false, true} {
		raw, proxy := throughProxy(t, u)
		s := openURL(t, raw, connectors.DefaultOptions())
		tb := table(t, s, "public", "p")
		rows, distinct, err := readAll(s, tb, func(rows int) {
			if rows == 25_000 || rows == 41_000 {
				proxy.Cut(rst)
			}
		})
		if err != nil || rows != total || distinct != total {
			t.Errorf("ReadColumns in chunks cut twice (rst %v): %d rows, %d distinct, %v; want %d of each", rst, rows, distinct, err, total)
		}
	}
}
