package scan

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/internal/synth"
)

// A full read says how far it is while it reads: progress events with
// the rows read so far (growing, never past the rows the table has, with
// the rows expected), and lines for a log.
func TestFullReadReportsItsProgress(t *testing.T) {
	defer func(e, l time.Duration) { progressEvery, progressLineEvery = e, l }(progressEvery, progressLineEvery)
	progressEvery, progressLineEvery = 0, 0
	gen, err := synth.Generate(synth.Config{Seed: 5, Persons: 6000})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "corpus.db")
	if err := gen.WriteSQLite(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	spec, err := connectors.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	spec.Include = []string{"*consultas", "*padron_beneficiarios"}
	var mu sync.Mutex
	seen := map[string][]Event{} // table: its progress events
	done := map[string]int64{}
	var lines []string
	rep, out := Run(context.Background(), Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions(),
		SampleRows: 300, Mode: "full",
		Events: func(e Event) {
			mu.Lock()
			defer mu.Unlock()
			switch e.Kind {
			case EventTableProgress:
				seen[e.Table] = append(seen[e.Table], e)
			case EventTableDone:
				done[e.Table] = e.Rows
			}
		},
		Progress: func(format string, a ...any) {
			mu.Lock()
			defer mu.Unlock()
			lines = append(lines, fmt.Sprintf(format, a...))
		}})
	if out.TablesFailed > 0 || out.TablesScanned == 0 {
		t.Fatalf("%+v: %v", out, rep.Errors())
	}
	if len(seen) == 0 {
		t.Fatalf("no progress events; tables done: %v", done)
	}
	for table, events := range seen {
		var last int64
		for _, e := range events {
			if e.Rows <= last || e.Rows > done[table] {
				t.Errorf("%s: progress %d after %d, of %d rows read in all", table, e.Rows, last, done[table])
			}
			if e.Of <= 0 {
				t.Errorf("%s: progress without the rows expected", table)
			}
			last = e.Rows
		}
	}
	progressLines := 0
	for _, l := range lines {
		if strings.Contains(l, "rows read in full") {
			progressLines++
		}
	}
	if progressLines == 0 {
		t.Errorf("no progress line for a log among %d lines", len(lines))
	}
}
