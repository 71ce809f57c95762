package scan

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"runtime"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/detectors"
	"github.com/alcance-mx/alcance/exposure"
	"github.com/alcance-mx/alcance/reports"
)

// scanTable samples and classifies one table, reads in full what the
// person figures need (the columns that identify and link people; in full
// mode every column that matters) and builds its part of the report. Its
// persons go to the person set.
func (s *scan) scanTable(ctx context.Context, source int, src connectors.Source, t connectors.Table, links tableLinks, tm *phaseTimes, progress *rowProgress) (tableResult, error) {
	cfg := s.cfg
	var readable []connectors.Column
	for _, c := range t.Columns {
		if c.Kind != connectors.KindBinary {
			readable = append(readable, c)
		}
	}
	start := time.Now()
	sample, err := src.Sample(ctx, t, readable, cfg.SampleRows)
	tm.sampling = time.Since(start)
	if err != nil {
		return tableResult{}, fmt.Errorf("sampling: %w", err)
	}
	shuffleRows(sample, t.Name)

	dt := detectors.Table{Name: t.QualifiedName()}
	for i, c := range sample.Columns {
		dt.Columns = append(dt.Columns, detectors.Column{Name: c.Name, Type: c.Type, Kind: detectorKind(c.Kind), Values: sample.Values[i]})
	}
	start = time.Now()
	res := detectors.Classify(dt, detectors.Options{Today: cfg.Today, Rules: cfg.Rules})
	tm.classifying = time.Since(start)

	et := &exposure.Table{
		Source: uint16(source), Name: t.QualifiedName(), Sample: sample.Values, SampleRows: sample.Rows,
		Complete: sample.Complete, Full: cfg.Mode == "full", Today: cfg.Today,
	}
	for i, c := range sample.Columns {
		et.Columns = append(et.Columns, exposure.Column{Name: c.Name, Integer: c.Kind == connectors.KindInteger, Findings: res.Findings[i]})
	}
	for _, l := range links.out {
		if idx, ok := indices(sample.Columns, l.columns); ok {
			et.Out = append(et.Out, exposure.OutLink{Columns: idx, Target: l.target, ID: l.id})
		}
	}
	for _, k := range links.keys {
		if idx, ok := indices(sample.Columns, k); ok {
			et.Keys = append(et.Keys, idx)
		}
	}
	batch := s.persons.NewBatch()
	var spool *os.File
	if ck := cfg.Checkpoint; ck != nil {
		// The table's person records also go aside, to be kept in the
		// checkpoint if the table finishes.
		if spool, err = ck.spool(); err != nil {
			return tableResult{}, fmt.Errorf("checkpoint: %w", err)
		}
		defer func() {
			spool.Close()
			os.Remove(spool.Name())
		}()
		batch.Tee(spool)
	}
	plan := exposure.NewPlan(et, s.keyer, batch)
	// Rows are turned into person records on every core while the
	// connector reads the next ones; the records do not depend on it.
	plan.SetWorkers(runtime.GOMAXPROCS(0))
	plan.ReadSample()
	batch.Flush()

	// The columns that identify and link people are narrow: read them in
	// full, so that the person figures are exact, not estimates.
	readAll := false
	if cfg.readHook != nil {
		var full []connectors.Column
		for _, c := range plan.Columns() {
			full = append(full, sample.Columns[c])
		}
		cfg.readHook(t, sample.Rows, sample.Complete, full)
	}
	if cols := plan.Columns(); len(cols) > 0 {
		reader, ok := src.(connectors.ColumnReader)
		if !ok {
			return tableResult{}, fmt.Errorf("the %s source cannot read whole columns, which the person figures need", src.Info().Kind)
		}
		read := make([]connectors.Column, len(cols))
		for i, c := range cols {
			read[i] = sample.Columns[c]
		}
		cfg.Progress("reading %d columns of %s in full", len(cols), t.QualifiedName())
		start = time.Now()
		err := plan.Read(func(row func(values []string) error) error {
			return reader.ReadColumns(ctx, t, read, func(values []string) error {
				progress.row()
				return row(values)
			})
		})
		batch.Flush()
		tm.identifiers = time.Since(start)
		if err != nil {
			// The persons of the rows read so far are certain; the others
			// are not known: the table failed, and the figures say so.
			return tableResult{}, fmt.Errorf("reading the columns that identify people in full: %w", err)
		}
		readAll = true
	}
	pr := plan.Result()

	// The table's size: exact when every row was read (the full read or a
	// sample that is the whole table, or a sampling pass that counted
	// them); the catalog's figure otherwise (an estimate on servers, said
	// as such); counted when the catalog did not know.
	total := t.Rows
	switch {
	case readAll:
		total = connectors.RowCount{Value: pr.RowsRead, Exact: true, Known: true}
	case sample.Complete:
		total = connectors.RowCount{Value: int64(sample.Rows), Exact: true, Known: true}
	case sample.Counted > 0:
		total = connectors.RowCount{Value: sample.Counted, Exact: true, Known: true}
	case !total.Known:
		if rc, ok := src.(connectors.RowCounter); ok {
			if n, err := rc.CountRows(ctx, t); err == nil {
				total = connectors.RowCount{Value: n, Exact: true, Known: true}
			}
		}
	}
	if !total.Known || total.Value < int64(sample.Rows) {
		// The catalog did not know, or is stale: the sample proves at least this.
		total = connectors.RowCount{Value: int64(sample.Rows), Exact: sample.Complete, Known: true}
	}

	rt := &reports.Table{
		Schema:      t.Schema,
		Name:        t.Name,
		Rows:        reports.Rows{Value: total.Value, Exact: total.Exact},
		SampledRows: sample.Rows,
		Columns:     make([]reports.Column, 0, len(t.Columns)),
	}
	if t.Part != nil {
		rt.Part = &reports.TablePart{Index: t.Part.Index, Count: t.Part.Count}
	}
	byName := map[string]int{}
	for i, c := range sample.Columns {
		byName[c.Name] = i
	}
	for _, c := range t.Columns {
		rc := reports.Column{Name: c.Name, Type: c.Type, Findings: []reports.Finding{}}
		if i, ok := byName[c.Name]; ok {
			rc.Truncated = i < len(sample.Truncated) && sample.Truncated[i]
			for _, f := range res.Findings[i] {
				rc.Findings = append(rc.Findings, reports.Finding{
					Category: f.Category, Confidence: f.Confidence, MatchRate: f.MatchRate,
					Evidence: f.Evidence, Examples: f.Examples, NameOnly: f.NameOnly,
				})
			}
		}
		rt.Columns = append(rt.Columns, rc)
	}

	// Records: exact where every row was judged, scaled from the sample
	// with 95% bounds elsewhere; never more than the table's rows.
	byCategory := map[string]reports.Estimate{}
	exactCats := 0
	for cat, rows := range res.CategoryRows() {
		if n, ok := pr.Exact[cat]; ok {
			byCategory[cat] = reports.Exact(min(n, total.Value))
			exactCats++
			continue
		}
		byCategory[cat] = exposure.AtMost(exposure.FromSample(rows.Count(), res.Rows, total.Value), total.Value)
	}
	records := exposure.AtMost(exposure.FromSample(res.AnyRows().Count(), res.Rows, total.Value), total.Value)
	if len(byCategory) == 0 {
		// No column holds anything: records are rows holding a category
		// of a finding, and there is none.
		records = reports.Exact(0)
	} else if pr.AllExact {
		records = reports.Exact(min(pr.AnyRows, total.Value))
	}
	for _, e := range byCategory {
		// Rows holding one category are rows holding some.
		records.Low = max(records.Low, e.Low)
		records.Value = max(records.Value, e.Low)
		records.High = max(records.High, records.Value)
	}
	records = exposure.AtMost(records, total.Value)
	method := "records.sample"
	switch {
	case sample.Complete:
		method = "records.complete"
	case pr.AllExact && len(byCategory) > 0:
		method = "records.columns_full"
	case exactCats > 0:
		method = "records.identity_full"
	}
	cats := res.Categories()
	if cats == nil {
		cats = []string{}
	}
	rt.Exposure = reports.TableExposure{Records: records, Categories: cats, ByCategory: byCategory,
		MethodID: method, Method: reports.English.T("tmethod." + method)}

	var notes exposure.SourceNotes
	notes.AddTable(pr, total.Value, cats)
	result := tableResult{table: rt, source: source, personKey: res.PersonKey, rowsRead: int64(sample.Rows) + pr.RowsRead}
	if ck := cfg.Checkpoint; ck != nil && ctx.Err() == nil {
		if err := batch.TeeErr(); err != nil {
			return tableResult{}, fmt.Errorf("checkpoint: %w", err)
		}
		ct := checkpointTable{Source: source, Table: *rt, Notes: notes, PersonKey: res.PersonKey, Rows: result.rowsRead}
		if err := ck.record(ct, spool); err != nil {
			return tableResult{}, fmt.Errorf("checkpoint: %w", err)
		}
	}
	s.mu.Lock()
	s.notes[source].Merge(notes)
	s.mu.Unlock()
	return result, nil
}

// shuffleRows puts a sample's rows in a random order, the same for a
// table every time and on every source (it is seeded by the table's name
// without its schema, so a table read whole gives the same findings from
// SQLite, PostgreSQL or MariaDB). The classifier judges a column on its first values
// (a probe of 200, a score of 1,500), and connectors return samples in
// storage or key order (a rowid reservoir, TABLESAMPLE's pages, a table
// read whole): without this, a table's oldest rows would speak for it, and
// a column whose format changed over the years would be judged on the
// format it no longer has.
func shuffleRows(s *connectors.Sample, table string) {
	if len(s.Values) == 0 {
		return
	}
	for _, col := range s.Values {
		if len(col) != len(s.Values[0]) {
			return // not rows of one table: nothing to keep together
		}
	}
	h := fnv.New64a()
	h.Write([]byte(table))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x9e3779b97f4a7c15))
	rng.Shuffle(len(s.Values[0]), func(i, j int) {
		for _, col := range s.Values {
			col[i], col[j] = col[j], col[i]
		}
	})
}
