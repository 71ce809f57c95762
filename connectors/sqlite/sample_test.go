package sqlite

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"
)

// A rowid table sampled by one pass goes through rowidReservoir (rowids
// first, then the chosen rows): every row must be equally likely, rows
// must come whole, the count must be exact.
func TestRowidReservoirUniform(t *testing.T) {
	const rows, n, runs = 200, 60, 1000
	path := makeDB(t, t.TempDir(), "uniform.db",
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", rows),
		"CREATE INDEX p_v ON p (v)") // pass 1 may read rowids from the index
	s := openPath(t, path)
	tb := table(t, s, "p")
	if pl, err := s.plan(context.Background(), tb, n); err != nil || !pl.scan || pl.rowid == "" {
		t.Fatalf("plan = %+v, %v; want one pass over a rowid table", pl, err)
	}
	var hits [rows]int
	for run := range runs {
		seeded(s, uint64(run))
		smp, err := s.Sample(context.Background(), tb, nil, n)
		if err != nil {
			t.Fatal(err)
		}
		if smp.Rows != n || smp.Complete || smp.Counted != rows {
			t.Fatalf("run %d: rows %d complete %v counted %d", run, smp.Rows, smp.Complete, smp.Counted)
		}
		ids := column(t, smp, "id")
		distinct(t, ids)
		for i, id := range ints(t, ids) {
			if column(t, smp, "v")[i] != "v"+strconv.FormatInt(id, 10) {
				t.Fatalf("row %d: id and v from different rows", id)
			}
			hits[id-1]++
		}
	}
	// Each row is in a sample with probability n/rows = 0.3: 300 of 1000
	// runs, sd ~14.5; 6 sd either way.
	for id, h := range hits {
		if h < 213 || h > 387 {
			t.Errorf("row %d sampled in %d of %d runs, want about 300", id+1, h, runs)
		}
	}
	// The first and last rows are not favoured, nor the middle.
	first, last := 0, 0
	for i := range rows / 4 {
		first += hits[i]
		last += hits[rows-1-i]
	}
	if d := first - last; d < -600 || d > 600 { // sd of each ~ 102
		t.Errorf("first quarter sampled %d times, last quarter %d", first, last)
	}
}

// A part of a split table is sampled by the rowid reservoir within its
// bounds, and counted exactly.
func TestRowidReservoirPart(t *testing.T) {
	s := seeded(splitDB(t), 4)
	ctx := context.Background()
	tb := table(t, s, "gaps")
	parts, err := s.Split(ctx, tb, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i := range parts {
		pt := tb
		pt.Part = &parts[i]
		pt.Rows = parts[i].Rows
		inPart := map[string]bool{}
		for _, v := range readAll(t, s, pt) {
			inPart[v] = true
		}
		n := len(inPart) / 2
		if pl, err := s.plan(ctx, pt, n); err != nil || !pl.scan || pl.rowid == "" {
			t.Fatalf("part %d: plan = %+v, %v; want one pass over rowids", i, pl, err)
		}
		smp, err := s.Sample(ctx, pt, nil, n)
		if err != nil {
			t.Fatal(err)
		}
		if smp.Rows != n || smp.Complete || smp.Counted != int64(len(inPart)) {
			t.Errorf("part %d: rows %d complete %v counted %d, want %d, false, %d", i, smp.Rows, smp.Complete, smp.Counted, n, len(inPart))
		}
		vs := column(t, smp, "v")
		distinct(t, vs)
		for _, v := range vs {
			if !inPart[v] {
				t.Errorf("part %d: sampled %q, not in the part", i, v)
			}
		}
	}
}

func TestRowidReservoirStopsOnCancel(t *testing.T) {
	s := openPath(t, makeDB(t, t.TempDir(), "cancel.db",
		"CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT)", fill("p", 100_000)))
	tb := table(t, s, "p")
	rp, err := s.planRead(context.Background(), tb, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if _, _, err := s.rowidReservoir(expired, tb, rp, "rowid", 50_000, s.rand(tb)); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("rowidReservoir past the deadline: %v", err)
	}
	ctx, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if _, err := s.Sample(ctx, tb, nil, 50_000); !errors.Is(err, context.Canceled) {
		t.Errorf("Sample after cancel: %v", err)
	}
	// Cancelled during the first pass: reservoirIDs checks every 256 rows
	// (the query never ends, so only the cancel can stop it).
	tx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	ctx3, cancel3 := context.WithCancel(context.Background())
	defer cancel3()
	go func() { time.Sleep(time.Millisecond); cancel3() }()
	if _, _, err := reservoirIDs(ctx3, tx, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x FROM c", 10, s.rand(tb)); !errors.Is(err, context.Canceled) {
		t.Errorf("reservoirIDs cancelled midway: %v", err)
	}
}
