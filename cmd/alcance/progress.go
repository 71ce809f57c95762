package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/alcance-mx/alcance/internal/scan"
	"github.com/alcance-mx/alcance/reports"
)

// progress sets how a scan reports its progress on stderr: nothing with
// --quiet; a live display on a terminal (sources and tables done of
// total, rows read, elapsed time and an estimate of the time left); plain
// lines otherwise (a log, a CI job). Names from the source are cleaned of
// control characters in both, so a table named with an escape sequence
// cannot clear the screen or forge a log line. The returned function ends
// the display; call it when the scan is done.
//
// The live display uses github.com/schollz/progressbar: it handles the
// terminal's width, redraws at a bounded rate and is safe to call from the
// engine's goroutines.
func (f *scanFlags) progress(cfg *scan.Config, stderr io.Writer) (done func()) {
	if f.quiet {
		return func() {}
	}
	if !isTerminal(stderr) {
		cfg.Progress = plainProgress(stderr)
		return func() {}
	}
	d := newLiveDisplay(stderr, len(cfg.Sources))
	cfg.Events = d.event
	return d.finish
}

// plainProgress writes one line per step, each argument cleaned.
func plainProgress(w io.Writer) func(string, ...any) {
	var mu sync.Mutex
	return func(format string, a ...any) {
		for i, v := range a {
			switch s := v.(type) {
			case string:
				a[i] = reports.Clean(s)
			case error:
				a[i] = reports.Clean(s.Error())
			}
		}
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "alcance: "+format+"\n", a...)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// liveDisplay turns the engine's events into one progress line.
type liveDisplay struct {
	mu                sync.Mutex
	bar               *progressbar.ProgressBar
	sources, source   int
	tablesTotal, done int64
	failed            int
	rows              int64 // rows of the tables done
	current           string
	// reading is the rows read so far by full reads still going, per
	// source and table; progress says how far the current table is.
	reading  map[string]int64
	progress string
}

func newLiveDisplay(w io.Writer, sources int) *liveDisplay {
	d := &liveDisplay{sources: sources, reading: map[string]int64{}}
	d.bar = progressbar.NewOptions64(-1, // unknown until the first source is listed
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("opening sources"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionFullWidth(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
	return d
}

func (d *liveDisplay) event(e scan.Event) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch e.Kind {
	case scan.EventSourceOpening:
		d.source++
	case scan.EventSourceListed:
		d.tablesTotal += int64(e.Tables)
		d.bar.ChangeMax64(max(d.tablesTotal, 1))
	case scan.EventTableStarted:
		d.current, d.progress = reports.Clean(e.Table), ""
	case scan.EventTableProgress:
		d.reading[e.Source+"\x00"+e.Table] = e.Rows
		d.current = reports.Clean(e.Table)
		d.progress = humanCount(e.Rows)
		if e.Of > 0 {
			d.progress += "/~" + humanCount(e.Of)
		}
	case scan.EventTableDone:
		delete(d.reading, e.Source+"\x00"+e.Table)
		if reports.Clean(e.Table) == d.current {
			d.progress = ""
		}
		d.done++
		d.rows += e.Rows
		d.bar.Add64(1)
	case scan.EventTableFailed:
		delete(d.reading, e.Source+"\x00"+e.Table)
		if reports.Clean(e.Table) == d.current {
			d.progress = ""
		}
		d.done++
		d.failed++
		d.bar.Add64(1)
	}
	d.bar.Describe(d.describe())
}

// describe is the progress line's text: the current table (and how far its
// full read is), failures, the source, and rows read so far.
func (d *liveDisplay) describe() string {
	rows := d.rows
	for _, n := range d.reading {
		rows += n
	}
	desc := fmt.Sprintf("source %d/%d · tables", d.source, d.sources)
	if rows > 0 {
		desc = fmt.Sprintf("source %d/%d · %s rows · tables", d.source, d.sources, humanCount(rows))
	}
	if d.failed > 0 {
		desc = fmt.Sprintf("%d failed · %s", d.failed, desc)
	}
	if d.current != "" {
		current := cutRunes(d.current, 28)
		if d.progress != "" {
			current += " " + d.progress
		}
		desc = current + " · " + desc
	}
	return desc
}

func (d *liveDisplay) finish() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.bar.Finish()
	d.bar.Exit()
}

// cutRunes shortens s to at most n runes, ending in "…" when cut.
func cutRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// humanCount writes 1234567 as "1.2M".
func humanCount(n int64) string {
	switch {
	case n >= 1_000_000_000:
		return fmt.Sprintf("%.1fG", float64(n)/1e9)
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}
