package main

import (
	"io"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/internal/scan"
)

// The live line shows how far the current table's full read is (rows so
// far, of about how many), and counts rows still being read with the rows
// of tables done; a table done or failed stops counting as in progress.
func TestLiveDisplayShowsAFullReadMoving(t *testing.T) {
	d := newLiveDisplay(io.Discard, 1)
	defer d.finish()
	d.event(scan.Event{Kind: scan.EventSourceOpening, Source: "padron"})
	d.event(scan.Event{Kind: scan.EventSourceListed, Source: "padron", Tables: 2})
	d.event(scan.Event{Kind: scan.EventTableStarted, Source: "padron", Table: "dump.csv"})
	d.event(scan.Event{Kind: scan.EventTableProgress, Source: "padron", Table: "dump.csv", Rows: 1_200_000, Of: 3_000_000})
	if got := d.describe(); !strings.Contains(got, "dump.csv 1.2M/~3.0M") || !strings.Contains(got, "1.2M rows") {
		t.Errorf("while reading: %q", got)
	}
	d.event(scan.Event{Kind: scan.EventTableStarted, Source: "padron", Table: "altas.csv"})
	d.event(scan.Event{Kind: scan.EventTableProgress, Source: "padron", Table: "altas.csv", Rows: 300_000})
	if got := d.describe(); !strings.Contains(got, "altas.csv 300k ·") || !strings.Contains(got, "1.5M rows") {
		t.Errorf("two reads at once: %q", got)
	}
	d.event(scan.Event{Kind: scan.EventTableDone, Source: "padron", Table: "dump.csv", Rows: 3_000_000})
	d.event(scan.Event{Kind: scan.EventTableFailed, Source: "padron", Table: "altas.csv"})
	if got := d.describe(); !strings.Contains(got, "3.0M rows") || !strings.Contains(got, "1 failed") || strings.Contains(got, "300k") {
		t.Errorf("when done: %q", got)
	}
}
