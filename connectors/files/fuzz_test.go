package files

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/internal/synth"
)

// Fuzz tests of every parser: whatever the bytes, listing and reading a
// file returns tables or errors, never panics or hangs, and every row has
// a value per column. Seeds are files the synthetic generator exports
// (cut to a few KiB) and the fixtures in testdata/files. CI runs each for
// a few seconds (.ci/run); `make fuzz` runs each longer.

var (
	seedOnce sync.Once
	seedDir  string
)

// exported writes a small generated corpus in every form once, and
// returns the folder.
func exported(f *testing.F) string {
	seedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "alcance-fuzz-seeds")
		if err != nil {
			panic(err)
		}
		c, err := synth.Generate(synth.Config{Seed: 3, Persons: 60})
		if err != nil {
			panic(err)
		}
		for _, sub := range []string{"csv", "cp1252", "utf16", "jsonl", "dbf", "xlsx"} {
			os.MkdirAll(filepath.Join(dir, sub), 0o755)
		}
		must := func(err error) {
			if err != nil {
				panic(err)
			}
		}
		must(c.WriteCSV(filepath.Join(dir, "csv"), synth.CSVOptions{Encoding: synth.UTF8}))
		must(c.WriteCSV(filepath.Join(dir, "cp1252"), synth.CSVOptions{Encoding: synth.Windows1252, Delimiter: ';'}))
		must(c.WriteCSV(filepath.Join(dir, "utf16"), synth.CSVOptions{Encoding: synth.UTF16LE, Delimiter: '\t'}))
		must(c.WriteJSONL(filepath.Join(dir, "jsonl"), false))
		_, err = c.WriteDBF(filepath.Join(dir, "dbf"), synth.CP850)
		must(err)
		// A workbook of two small tables: mutating a large one makes
		// each run decompress and parse megabytes.
		small, err := synth.Generate(synth.Config{Seed: 3, Persons: 20, Styles: synth.DefaultStyles()[:2]})
		must(err)
		_, err = small.WriteXLSX(filepath.Join(dir, "xlsx", "corpus.xlsx"))
		must(err)
		seedDir = dir
	})
	return seedDir
}

// addSeeds adds the files matching pattern under the exported corpus and
// the fixtures, each cut to at most max bytes (0: whole).
func addSeeds(f *testing.F, max int, patterns ...string) {
	for _, dir := range []string{exported(f), "../../testdata/files"} {
		for _, p := range patterns {
			paths, _ := filepath.Glob(filepath.Join(dir, p))
			for _, path := range paths {
				b, err := os.ReadFile(path)
				if err != nil {
					continue
				}
				if max > 0 && len(b) > max {
					b = b[:max]
				}
				f.Add(b)
			}
		}
	}
}

// readAll lists a file held in memory and reads every table in full,
// checking that each row has a value per column.
func readAll(t *testing.T, name, format string, data []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	e := &entry{rel: name, format: format, mem: data}
	s := &source{}
	ts, _, closer := s.list(ctx, e)
	if closer != nil {
		defer closer()
	}
	for _, tb := range ts {
		if tb.err != nil {
			continue
		}
		rows := 0
		_, err := tb.each(ctx, nil, func(row []string) error {
			if len(row) != len(tb.cols) {
				t.Fatalf("%s: a row of %d values for %d columns", tb.name, len(row), len(tb.cols))
			}
			dec := newDecoder(tb)
			for j, v := range row {
				_ = dec.value(j, v)
			}
			rows++
			return nil
		})
		if err == nil && tb.rows.Known && tb.rows.Exact && tb.rows.Value != int64(rows) {
			t.Fatalf("%s: listed %d rows, read %d", tb.name, tb.rows.Value, rows)
		}
	}
}

func FuzzDelimited(f *testing.F) {
	addSeeds(f, 4096, "csv/*.csv", "cp1252/*.csv", "utf16/*.tsv", "*.csv", "*.txt", "broken/*.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		readAll(t, "fuzz.csv", fmtDelimited, data)
	})
}

func FuzzJSON(f *testing.F) {
	addSeeds(f, 4096, "jsonl/*.jsonl", "broken/*.json")
	f.Add([]byte(`{"data":[{"a":{"b":1}},{"a":[1,2]}],"total":2}`))
	f.Add([]byte(`[{"curp":"X"},"scalar",[1,2],null]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		readAll(t, "fuzz.json", fmtJSON, data)
		readAll(t, "fuzz.jsonl", fmtJSONL, data)
	})
}

func FuzzDump(f *testing.F) {
	addSeeds(f, 0, "dumps/*.sql", "broken/*.sql")
	f.Add([]byte("CREATE TABLE t (a text);\nINSERT INTO t VALUES ('x'),('y');\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		readAll(t, "fuzz.sql", fmtSQL, data)
	})
}

func FuzzDBF(f *testing.F) {
	addSeeds(f, 8192, "dbf/*.dbf", "foxpro/*.DBF")
	f.Fuzz(func(t *testing.T, data []byte) {
		readAll(t, "fuzz.dbf", fmtDBF, data)
	})
}

func FuzzXLSX(f *testing.F) {
	addSeeds(f, 0, "xlsx/*.xlsx", "*.xlsx")
	f.Fuzz(func(t *testing.T, data []byte) {
		readAll(t, "fuzz.xlsx", fmtXLSX, data)
	})
}

func FuzzHeader(f *testing.F) {
	f.Add("curp,nombre,fecha_nac\nPEGJ800101HDFRRN03,JUAN,1980-01-01")
	f.Add("TITULO\n\nA,B\n1,2")
	f.Fuzz(func(t *testing.T, s string) {
		var rows [][]string
		for _, l := range strings.Split(s, "\n") {
			rows = append(rows, strings.Split(l, ","))
		}
		h, start := findHeader(rows)
		if h >= len(rows) || start > len(rows) || (h >= 0 && start != h+1) {
			t.Fatalf("header %d, start %d of %d rows", h, start, len(rows))
		}
	})
}
