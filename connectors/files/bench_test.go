package files_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/benchmem"
	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/internal/synth"
)

// BenchmarkBigCSV measures a scan of a large CSV against a plain
// encoding/csv read of the same file, in the same run, and the memory
// each takes at its peak. The file (ALCANCE_BENCH_CSV_GB gigabytes of the
// generated civil registry, rows repeated with fresh ids) is written to a
// temporary folder and removed afterwards; without the variable the
// benchmark is skipped.
//
//	ALCANCE_BENCH_CSV_GB=2 go test ./connectors/files -run '^$' -bench BigCSV -benchtime 1x
//
// Sub-benchmarks:
//   - plain: encoding/csv, ReuseRecord, counting rows: the floor;
//   - sample: the files connector's Sample of 10,000 rows (one pass, every
//     row parsed and counted, the reservoir's rows decoded);
//   - scan: the whole engine (scan.Run): the sample, classification, and a
//     second pass reading the CURP columns in full.
func BenchmarkBigCSV(b *testing.B) {
	gb, _ := strconv.ParseFloat(os.Getenv("ALCANCE_BENCH_CSV_GB"), 64)
	if gb <= 0 {
		b.Skip("set ALCANCE_BENCH_CSV_GB (e.g. 2) to write and scan a CSV that large")
	}
	dir, err := os.MkdirTemp("", "alcance-bench-csv")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "padron.csv")
	size, err := writeBigCSV(path, int64(gb*(1<<30)))
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %.2f GiB", path, float64(size)/(1<<30))

	b.Run("plain", func(b *testing.B) {
		b.SetBytes(size)
		peak := watchPeak()
		for i := 0; i < b.N; i++ {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			r := csv.NewReader(bufio.NewReaderSize(f, 256<<10))
			r.ReuseRecord = true
			r.FieldsPerRecord = -1
			n := 0
			for {
				_, err := r.Read()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			f.Close()
		}
		b.ReportMetric(peak()/(1<<20), "peak-MiB")
		b.ReportMetric(float64(benchmem.PeakRSS())/(1<<20), "peak-RSS-MiB")
	})
	b.Run("sample", func(b *testing.B) {
		b.SetBytes(size)
		peak := watchPeak()
		for i := 0; i < b.N; i++ {
			spec, err := connectors.Parse(path)
			if err != nil {
				b.Fatal(err)
			}
			src, err := connectors.Open(context.Background(), spec, connectors.DefaultOptions())
			if err != nil {
				b.Fatal(err)
			}
			ts, err := src.Tables(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			sm, err := src.Sample(context.Background(), ts[0], nil, 10000)
			if err != nil {
				b.Fatal(err)
			}
			if sm.Rows != 10000 || sm.Counted == 0 {
				b.Fatalf("sample of %d rows, counted %d", sm.Rows, sm.Counted)
			}
			src.Close()
		}
		b.ReportMetric(peak()/(1<<20), "peak-MiB")
		b.ReportMetric(float64(benchmem.PeakRSS())/(1<<20), "peak-RSS-MiB")
	})
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(size)
		peak := watchPeak()
		for i := 0; i < b.N; i++ {
			spec, err := connectors.Parse(path)
			if err != nil {
				b.Fatal(err)
			}
			rep, out := scan.Run(context.Background(), scan.Config{Sources: []connectors.Spec{spec},
				Connect: connectors.DefaultOptions(), SampleRows: 10000})
			if out.TablesScanned != 1 || rep.Exposure.Persons.Value == 0 {
				b.Fatalf("%+v %+v", out, rep.Errors())
			}
		}
		b.ReportMetric(peak()/(1<<20), "peak-MiB")
		b.ReportMetric(float64(benchmem.PeakRSS())/(1<<20), "peak-RSS-MiB")
	})
}

// watchPeak samples the memory the Go runtime has mapped (heap, stacks,
// everything it asked the OS for) every 5 ms; the returned func stops and
// gives the peak, in bytes.
func watchPeak() func() float64 {
	runtime.GC()
	benchmem.ResetPeakRSS()
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64()-releasedBytes())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 {
		close(stop)
		wg.Wait()
		return float64(peak)
	}
}

// releasedBytes is memory the runtime returned to the OS but still counts
// as mapped.
func releasedBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// writeBigCSV writes the generated civil registry's rows over and over,
// each copy with fresh ids, until the file holds at least size bytes.
func writeBigCSV(path string, size int64) (int64, error) {
	c, err := synth.Generate(synth.Config{Seed: 9, Persons: 50000, Styles: synth.DefaultStyles()[:1]})
	if err != nil {
		return 0, err
	}
	t := c.Tables[0]
	var rows [][]string
	t.Generate(func(row []any) bool {
		rec := make([]string, len(row))
		for i, v := range row {
			switch v := v.(type) {
			case nil:
			case string:
				rec[i] = v
			case int64:
				rec[i] = strconv.FormatInt(v, 10)
			case float64:
				rec[i] = strconv.FormatFloat(v, 'f', -1, 64)
			case time.Time:
				rec[i] = v.Format("2006-01-02")
			}
		}
		rows = append(rows, rec)
		return true
	})
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cw := csv.NewWriter(f)
	header := make([]string, len(t.Columns))
	for i, col := range t.Columns {
		header[i] = col.Name
	}
	cw.Write(header)
	var written int64
	for copyN := 0; written < size; copyN++ {
		for i, r := range rows {
			r0 := r[0]
			r[0] = strconv.Itoa(copyN*len(rows) + i + 1)
			cw.Write(r)
			r[0] = r0
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return 0, err
		}
		fi, err := f.Stat()
		if err != nil {
			return 0, err
		}
		written = fi.Size()
	}
	cw.Flush()
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.Size(), cw.Error()
}
