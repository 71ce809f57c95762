package exposure

import (
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/internal/benchmem"
)

// BenchmarkPersonSet feeds a national-scale population through the person
// set: ALCANCE_BENCH_PERSONSET distinct people (default 36 million, the
// January breach's count), each seen 1.5 times on average (CURP rows, and
// a name-and-birthdate alias for one in three), hashed with the scan's
// keyed hash, then resolved. It reports the time per person and the peak
// memory of the process (VmHWM), against the 1 GB the issue allows; the
// set spills to disk past its budget (DefaultMemoryBudget).
//
//	ALCANCE_BENCH_PERSONSET=36000000 go test -run '^$' -bench PersonSet -benchtime 1x ./exposure
func BenchmarkPersonSet(b *testing.B) {
	n := 36_000_000
	if v := os.Getenv("ALCANCE_BENCH_PERSONSET"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	for range b.N {
		k := NewKeyer([]byte("benchmark key, thirty-two bytes!"))
		s := NewStore(StoreOptions{Dir: b.TempDir()})
		start := time.Now()
		bt := s.NewBatch()
		var curp [18]byte
		for i := range n {
			// A synthetic CURP-like identity per person: distinct, not valid
			// CURPs (the set only sees keys).
			binary.BigEndian.PutUint64(curp[:8], uint64(i))
			key := k.CURP(string(curp[:]))
			bt.addObs(obs{key: key, cats: bitCURP | bitName, kind: kindCURP, band: bandAdult})
			if i%2 == 0 {
				bt.addObs(obs{key: key, cats: maskHealth, kind: kindCURP, band: bandAdult})
			}
			if i%3 == 0 {
				bt.addAlias(alias{from: k.NameBirth(fmt.Sprint(i), "1990-01-01"), to: key, fromKind: kindNB, toKind: kindCURP, toBand: bandAdult})
			}
		}
		bt.Flush()
		fed := time.Since(start)
		r, err := s.Resolve(1, nil)
		if err != nil {
			b.Fatal(err)
		}
		if got := r.All.Certain[figPersons]; got != int64(n) {
			b.Fatalf("persons %d, want %d", got, n)
		}
		s.Close()
		total := time.Since(start)
		b.ReportMetric(float64(n), "persons")
		b.ReportMetric(fed.Seconds(), "feed-s")
		b.ReportMetric(total.Seconds(), "total-s")
		b.ReportMetric(float64(total.Nanoseconds())/float64(n), "ns/person")
		b.ReportMetric(float64(benchmem.PeakRSS())/(1<<20), "peak-MiB")
	}
}

// BenchmarkPlanRow measures the per-row work of a full read: a register's
// row (CURP, name in three columns, birthdate, a health folio, a key other
// tables point at) turned into keyed observations. It reports rows/s; the
// baseline is the same rows handed to a function that only touches them.
func BenchmarkPlanRow(b *testing.B) {
	cols := []string{"id", "curp", "nombre", "primer_apellido", "segundo_apellido", "fecha_nacimiento", "folio"}
	cats := [][]string{nil, {"curp"}, {"person_name"}, {"person_name"}, {"person_name"}, {"birthdate"}, {"health_enrollment"}}
	curp := "HEGG560427MVZRRL04"
	rows := [][]string{{"1", curp, "GLORIA", "HERRERA", "GARCIA", "1956-04-27", "0012345678"}}
	tb := table("padron", cols, cats, rows)
	tb.Complete = false
	tb.Keys = [][]int{{0}}
	values := make([][]string, 1000)
	for i := range values {
		values[i] = []string{fmt.Sprint(i + 1), curp, "GLORIA", "HERRERA", "GARCIA", "1956-04-27", "0012345678"}
	}
	b.Run("baseline", func(b *testing.B) {
		n := 0
		for i := range b.N {
			for _, v := range values[i%len(values)] {
				n += len(v)
			}
		}
		_ = n
	})
	b.Run("plan", func(b *testing.B) {
		k := NewKeyer([]byte("benchmark key, thirty-two bytes!"))
		s := NewStore(StoreOptions{Dir: b.TempDir()})
		defer s.Close()
		bt := s.NewBatch()
		p := NewPlan(tb, k, bt)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			p.Row(values[i%len(values)])
		}
		b.StopTimer()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}
