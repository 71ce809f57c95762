// Package benchmem reads the process's peak resident memory for
// benchmarks that report it next to their timings.
package benchmem

import (
	"os"
	"strconv"
	"strings"
)

// PeakRSS is the process's peak resident set size in bytes (Linux's
// VmHWM); 0 where /proc is not there.
func PeakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// ResetPeakRSS starts the peak afresh, so that a benchmark reports its own
// and not that of what ran before it (generating a corpus, another
// sub-benchmark). Linux only: writing 5 to clear_refs resets VmHWM.
func ResetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }
