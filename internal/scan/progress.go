package scan

import (
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// rowProgress tells how a table's full read goes: the rows read so far, as
// an event at most once a second (a live display) and as a line every
// half minute (a log), so that a read of hundreds of millions of rows, or
// of a file of many gigabytes, is seen to move. It is used by the one
// goroutine that reads the table.
type rowProgress struct {
	emit            func(rows int64, line bool)
	rows            int64
	lastEvent, last time.Time
}

// progressCheck is how many rows go by between two looks at the clock.
const progressCheck = 4096

// How often a full read says how far it is (variables for tests).
var (
	progressEvery     = time.Second
	progressLineEvery = 30 * time.Second
)

func (s *scan) rowProgress(source string, t connectors.Table) *rowProgress {
	var of int64
	if t.Rows.Known {
		of = t.Rows.Value
	}
	name := t.QualifiedName()
	now := time.Now()
	return &rowProgress{lastEvent: now, last: now, emit: func(rows int64, line bool) {
		s.cfg.Events(Event{Kind: EventTableProgress, Source: source, Table: name, Rows: rows, Of: of})
		if line {
			if of > 0 {
				s.cfg.Progress("%s %s: %d of about %d rows read in full", source, name, rows, of)
			} else {
				s.cfg.Progress("%s %s: %d rows read in full", source, name, rows)
			}
		}
	}}
}

// row counts one row read.
func (p *rowProgress) row() {
	p.rows++
	if p.rows%progressCheck != 0 {
		return
	}
	now := time.Now()
	if now.Sub(p.lastEvent) < progressEvery {
		return
	}
	p.lastEvent = now
	line := now.Sub(p.last) >= progressLineEvery
	if line {
		p.last = now
	}
	p.emit(p.rows, line)
}
