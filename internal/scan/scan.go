// Package scan is the engine that wires one scan together: it opens each
// source, lists its tables, samples and classifies them with bounded
// concurrency, reads identifier columns in full to count distinct people,
// and builds the report model. It is internal: the CLI is its only user.
package scan

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/detectors"
	"github.com/alcance-mx/alcance/exposure"
	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

// DefaultTableTimeout bounds all the work on one table when Config does not
// say (--table-timeout).
const DefaultTableTimeout = 30 * time.Minute

// Config is one scan's settings.
type Config struct {
	Sources     []connectors.Spec
	Connect     connectors.Options
	SampleRows  int
	Concurrency int // tables read at once per source
	// TableTimeout bounds all the work on one table (zero:
	// DefaultTableTimeout).
	TableTimeout time.Duration
	// HashKey keys the hashes of identifiers used to count distinct people.
	HashKey []byte
	// Today is the reference day for ages and future dates (zero: now).
	Today   time.Time
	Version string
	// Progress, when set, receives one line per step, for stderr.
	Progress func(format string, args ...any)
	// Events, when set, receives the scan's progress as structured events,
	// for a live display (sources and tables done of total, rows read). It
	// is called from several goroutines at once.
	Events func(Event)
}

// EventKind says what an Event reports.
type EventKind int

const (
	EventSourceOpening EventKind = iota // Source is being opened
	EventSourceFailed                   // Source could not be opened or listed (Err)
	EventSourceListed                   // Source lists Tables tables to scan
	EventTableStarted                   // Table is being scanned
	EventTableDone                      // Table is done; Rows rows were read
	EventTableFailed                    // Table failed (Err)
)

// Event is one step of a scan, for progress displays. Names are as the
// report writes them; they may hold any character a catalog allows.
type Event struct {
	Kind   EventKind
	Source string // the source's name
	Table  string // the table's qualified name, for table events
	Tables int    // EventSourceListed: how many tables will be scanned
	Rows   int64  // EventTableDone: rows read from the table
	Err    error  // EventSourceFailed, EventTableFailed
}

// Outcome counts what happened, for the exit code.
type Outcome struct {
	SourcesOpened int
	SourcesFailed int
	EmptySources  int // opened, but listed no tables
	TablesScanned int
	TablesFailed  int
	// Warnings are tables scanned with a part missing (identifier columns
	// could not be read in full): counted as incomplete for --fail-on.
	Warnings int
	// Time spent, summed over the tables read at once: where a scan's
	// time goes (benchmarks report it).
	Sampling, Classifying, ReadingIdentifiers time.Duration
}

// NothingScanned is true when no table of any source could be read:
// every source failed to open, or every table it listed failed.
func (o Outcome) NothingScanned() bool {
	return o.TablesScanned == 0 && (o.SourcesFailed > 0 || o.TablesFailed > 0)
}

// Incomplete is true when something could not be scanned, or a source
// listed no tables: either way the absence of findings is not certified.
func (o Outcome) Incomplete() bool {
	return o.SourcesFailed > 0 || o.TablesFailed > 0 || o.EmptySources > 0 || o.Warnings > 0
}

// Run scans every source and returns the report. Failures are recorded in
// the report, never returned: a scan goes on with what it can read.
func Run(ctx context.Context, cfg Config) (*reports.Report, Outcome) {
	if cfg.SampleRows <= 0 {
		cfg.SampleRows = 10000
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 2
	}
	if cfg.TableTimeout <= 0 {
		cfg.TableTimeout = DefaultTableTimeout
	}
	if cfg.Today.IsZero() {
		cfg.Today = time.Now().UTC()
	}
	if cfg.Progress == nil {
		cfg.Progress = func(string, ...any) {}
	}
	if cfg.Events == nil {
		cfg.Events = func(Event) {}
	}
	rep := &reports.Report{
		Schema: reports.Schema,
		Tool:   reports.Tool{Name: "alcance", Version: cfg.Version},
		Scan:   reports.Scan{Mode: "sample", SampleRows: cfg.SampleRows, StartedAt: time.Now().UTC().Truncate(time.Second)},
	}
	persons := newPersonSet(cfg.HashKey)
	var out Outcome
	var timings sync.Mutex
	var results []tableResult
	for i, spec := range cfg.Sources {
		src, res := scanSource(ctx, cfg, spec, persons, &out, &timings)
		for j := range res {
			res[j].source = i
		}
		rep.Sources = append(rep.Sources, src)
		results = append(results, res...)
	}
	rep.Exposure = summarize(rep, results, persons)
	rep.Scan.FinishedAt = time.Now().UTC().Truncate(time.Second)
	return rep, out
}

// tableResult is what the summary needs of each scanned table beyond the
// report model.
type tableResult struct {
	table *reports.Table
	// personRows estimates the rows that hold a person's name or
	// identifier but no valid CURP: people the CURP count may miss.
	personRowsWithoutCURP reports.Estimate
	// curpSampled is true when the table has CURP columns that could not
	// be read in full: CURPs in the rows not sampled are not counted.
	curpSampled bool
	// textOnlyCURPs estimates rows whose only CURP is inside free text:
	// people the count of identifier columns may miss.
	textOnlyCURPs reports.Estimate
	personKey     bool
	source        int   // index into the report's sources
	rowsRead      int64 // rows read from the source, for progress
	// warning is a problem that did not stop the table's scan (a failed
	// full read of its identifier columns).
	warning error
}

func scanSource(ctx context.Context, cfg Config, spec connectors.Spec, persons *personSet, out *Outcome, timings *sync.Mutex) (rs reports.Source, kept []tableResult) {
	rs = reports.Source{Name: spec.Name, Kind: spec.Kind, Location: spec.Location, Institution: spec.Institution,
		Tables: []reports.Table{}, Errors: []reports.Error{}}
	// Connectors keep passwords out of their messages; this scrubs them
	// once more, in case a driver echoed its connection string, and masks
	// values a server quoted in an error (a view that failed to convert
	// one): every error is scrubbed as it arrives, before it is recorded,
	// printed or sent as an event.
	secrets := spec.Secrets()
	scrub := func(err error) error { return connectors.ScrubError(err, secrets) }
	defer func() {
		rs.Location = connectors.ScrubCredentials(connectors.Scrub(rs.Location, secrets))
		for i := range rs.Errors {
			rs.Errors[i].Error = connectors.ScrubMessage(rs.Errors[i].Error, secrets)
		}
	}()
	cfg.Progress("opening %s %s", spec.Kind, connectors.ScrubCredentials(connectors.Scrub(spec.Location, secrets)))
	cfg.Events(Event{Kind: EventSourceOpening, Source: spec.Name})
	openCtx, cancel := context.WithTimeout(ctx, cfg.Connect.ConnectTimeout+5*time.Second)
	src, err := connectors.Open(openCtx, spec, cfg.Connect)
	cancel()
	err = scrub(err)
	if err != nil {
		out.SourcesFailed++
		rs.Errors = append(rs.Errors, reports.Error{Error: fmt.Sprintf("cannot open source: %v", err)})
		cfg.Events(Event{Kind: EventSourceFailed, Source: spec.Name, Err: err})
		return rs, nil
	}
	defer src.Close()
	info := src.Info()
	rs.Name, rs.Kind, rs.Location = info.Name, info.Kind, info.Location

	listCtx, cancel := context.WithTimeout(ctx, cfg.TableTimeout)
	tables, err := src.Tables(listCtx)
	cancel()
	err = scrub(err)
	if err != nil {
		out.SourcesFailed++
		rs.Errors = append(rs.Errors, reports.Error{Error: fmt.Sprintf("cannot list tables: %v", err)})
		cfg.Events(Event{Kind: EventSourceFailed, Source: rs.Name, Err: err})
		return rs, nil
	}
	out.SourcesOpened++
	tables = selectTables(tables, spec.Include, spec.Exclude)
	cfg.Events(Event{Kind: EventSourceListed, Source: rs.Name, Tables: len(tables)})
	if len(tables) == 0 {
		out.EmptySources++
		rs.Errors = append(rs.Errors, reports.Error{Error: "the source lists no tables: it is empty, or the user may not see its tables (check privileges)"})
		return rs, nil
	}

	results := make([]tableResult, len(tables))
	errs := make([]error, len(tables))
	sem := make(chan struct{}, cfg.Concurrency)
	var wg sync.WaitGroup
	for i, t := range tables {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			tctx, cancel := context.WithTimeout(ctx, cfg.TableTimeout)
			defer cancel()
			cfg.Progress("scanning %s %s", info.Name, t.QualifiedName())
			cfg.Events(Event{Kind: EventTableStarted, Source: info.Name, Table: t.QualifiedName()})
			var tm phaseTimes
			results[i], errs[i] = scanTable(tctx, cfg, src, t, persons, &tm)
			errs[i], results[i].warning = scrub(errs[i]), scrub(results[i].warning)
			if errs[i] != nil {
				cfg.Events(Event{Kind: EventTableFailed, Source: info.Name, Table: t.QualifiedName(), Err: errs[i]})
			} else {
				cfg.Events(Event{Kind: EventTableDone, Source: info.Name, Table: t.QualifiedName(), Rows: results[i].rowsRead})
			}
			timings.Lock()
			out.Sampling += tm.sampling
			out.Classifying += tm.classifying
			out.ReadingIdentifiers += tm.identifiers
			timings.Unlock()
		}()
	}
	wg.Wait()

	for i, t := range tables {
		if errs[i] != nil {
			out.TablesFailed++
			msg := errs[i].Error()
			if errors.Is(errs[i], context.DeadlineExceeded) {
				msg = fmt.Sprintf("timed out after %s: %v", cfg.TableTimeout, errs[i])
			}
			rs.Errors = append(rs.Errors, reports.Error{Table: t.QualifiedName(), Error: msg})
			cfg.Progress("error: %s: %s", t.QualifiedName(), connectors.ScrubMessage(msg, secrets))
			continue
		}
		out.TablesScanned++
		if w := results[i].warning; w != nil {
			out.Warnings++
			rs.Errors = append(rs.Errors, reports.Error{Table: t.QualifiedName(), Error: w.Error()})
			cfg.Progress("warning: %s: %s", t.QualifiedName(), w.Error())
		}
		kept = append(kept, results[i])
	}
	for _, r := range kept {
		rs.Tables = append(rs.Tables, *r.table)
	}
	// The tables now live in rs.Tables; point the results at them.
	for i := range kept {
		kept[i].table = &rs.Tables[i]
	}
	return rs, kept
}

// selectTables keeps the tables an inventory's include and exclude
// patterns select (path.Match syntax, case-insensitive, against the
// qualified and the bare name). A malformed pattern matches nothing.
func selectTables(tables []connectors.Table, include, exclude []string) []connectors.Table {
	if len(include) == 0 && len(exclude) == 0 {
		return tables
	}
	matches := func(patterns []string, t connectors.Table) bool {
		for _, p := range patterns {
			p = strings.ToLower(p)
			for _, n := range []string{t.QualifiedName(), t.Name} {
				if ok, _ := path.Match(p, strings.ToLower(n)); ok {
					return true
				}
			}
		}
		return false
	}
	var out []connectors.Table
	for _, t := range tables {
		if (len(include) == 0 || matches(include, t)) && !matches(exclude, t) {
			out = append(out, t)
		}
	}
	return out
}

// detectorKind maps a connector's storage kind onto the detectors' own.
func detectorKind(k connectors.Kind) detectors.Kind {
	switch k {
	case connectors.KindInteger:
		return detectors.KindInteger
	case connectors.KindDecimal:
		return detectors.KindDecimal
	case connectors.KindDate:
		return detectors.KindDate
	case connectors.KindTimestamp:
		return detectors.KindTimestamp
	case connectors.KindText, connectors.KindJSON:
		return detectors.KindText
	}
	return detectors.KindOther
}

// phaseTimes is where one table's time went.
type phaseTimes struct{ sampling, classifying, identifiers time.Duration }

func scanTable(ctx context.Context, cfg Config, src connectors.Source, t connectors.Table, persons *personSet, tm *phaseTimes) (tableResult, error) {
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
	// The table's size: exact when the sample is the whole table; the
	// catalog's figure otherwise (an estimate on servers, said as such);
	// counted when the catalog did not know.
	total := t.Rows
	if sample.Complete {
		total = connectors.RowCount{Value: int64(sample.Rows), Exact: true, Known: true}
	} else if rc, ok := src.(connectors.RowCounter); ok && !total.Known {
		if n, err := rc.CountRows(ctx, t); err == nil {
			total = connectors.RowCount{Value: n, Exact: true, Known: true}
		}
	}
	if !total.Known || total.Value < int64(sample.Rows) {
		// The catalog did not know, or is stale: the sample proves at least this.
		total = connectors.RowCount{Value: int64(sample.Rows), Exact: sample.Complete, Known: true}
	}

	dt := detectors.Table{Name: t.QualifiedName()}
	for i, c := range sample.Columns {
		dt.Columns = append(dt.Columns, detectors.Column{Name: c.Name, Type: c.Type, Kind: detectorKind(c.Kind), Values: sample.Values[i]})
	}
	start = time.Now()
	res := detectors.Classify(dt, detectors.Options{Today: cfg.Today})
	tm.classifying = time.Since(start)

	rt := &reports.Table{
		Schema:      t.Schema,
		Name:        t.Name,
		Rows:        reports.Rows{Value: total.Value, Exact: total.Exact},
		SampledRows: sample.Rows,
		Columns:     make([]reports.Column, 0, len(t.Columns)),
	}
	byName := map[string]int{}
	for i, c := range sample.Columns {
		byName[c.Name] = i
	}
	var curpCols []connectors.Column
	structuredCURP, textCURP := detectors.NewBitset(res.Rows), detectors.NewBitset(res.Rows)
	for _, c := range t.Columns {
		rc := reports.Column{Name: c.Name, Type: c.Type, Findings: []reports.Finding{}}
		if i, ok := byName[c.Name]; ok {
			rc.Truncated = i < len(sample.Truncated) && sample.Truncated[i]
			for _, f := range res.Findings[i] {
				rc.Findings = append(rc.Findings, reports.Finding{
					Category: f.Category, Confidence: f.Confidence, MatchRate: f.MatchRate,
					Evidence: f.Evidence, Examples: f.Examples, NameOnly: f.NameOnly,
				})
				switch {
				case f.Category != taxonomy.CURP:
				case hasEvidence(f, detectors.EvFreeText):
					textCURP.Or(f.Rows)
				default:
					structuredCURP.Or(f.Rows)
					curpCols = append(curpCols, sample.Columns[i])
				}
			}
		}
		rt.Columns = append(rt.Columns, rc)
	}

	result := tableResult{table: rt, personKey: res.PersonKey, rowsRead: int64(sample.Rows)}
	byCategory := map[string]reports.Estimate{}
	catRows := res.CategoryRows()
	for cat, rows := range catRows {
		byCategory[cat] = fromSample(rows.Count(), res.Rows, total)
	}
	method := "sample of rows; counts scaled to the table with 95% bounds"
	if sample.Complete {
		method = "every row read; counts exact"
	}

	// Identifier columns are narrow: read them in full, so that the CURP
	// records and the distinct persons are exact, not estimates. CURPs
	// inside free text stay a sample estimate.
	textOnly := 0
	for i := range res.Rows {
		if textCURP.Has(i) && !structuredCURP.Has(i) {
			textOnly++
		}
	}
	result.textOnlyCURPs = fromSample(textOnly, res.Rows, total)
	if len(curpCols) > 0 {
		start = time.Now()
		curpRecords, inFull, err := readCURPs(ctx, cfg, src, t, total, sample, curpCols, persons)
		tm.identifiers = time.Since(start)
		result.warning = err
		result.curpSampled = !inFull
		byCategory[taxonomy.CURP] = curpRecords.Add(result.textOnlyCURPs)
		if inFull && !sample.Complete {
			method = "sample of rows, counts scaled to the table with 95% bounds; CURP columns read in full, their counts exact"
		}
	}

	cats := res.Categories()
	anyRows := res.AnyRows()
	rt.Exposure = reports.TableExposure{
		Records:    fromSample(anyRows.Count(), res.Rows, total),
		Categories: cats,
		ByCategory: byCategory,
		Method:     method,
	}
	if rt.Exposure.Records.Value < byCategory[taxonomy.CURP].Value {
		// The full read of CURPs knows better than the sample.
		r := byCategory[taxonomy.CURP]
		rt.Exposure.Records = reports.Estimate{Value: r.Value, Low: max(r.Low, rt.Exposure.Records.Low), High: max(r.High, rt.Exposure.Records.High)}
	}
	if cats == nil {
		rt.Exposure.Categories = []string{}
	}
	result.personRowsWithoutCURP = personRowsWithoutCURP(res.Rows, catRows, total, byCategory[taxonomy.CURP])
	return result, nil
}

func hasEvidence(f detectors.Finding, ev string) bool {
	for _, e := range f.Evidence {
		if e == ev {
			return true
		}
	}
	return false
}

func fromSample(k, n int, total connectors.RowCount) reports.Estimate {
	return exposure.FromSample(k, n, total.Value)
}

// personRowsWithoutCURP bounds the rows that identify a person by name or
// another identifier but hold no valid CURP: the people a CURP count could
// miss, which the persons figure adds to its high bound.
func personRowsWithoutCURP(sampled int, catRows map[string]detectors.Bitset, total connectors.RowCount, curp reports.Estimate) reports.Estimate {
	people := detectors.NewBitset(sampled)
	for _, cat := range []string{taxonomy.PersonName, taxonomy.RFC, taxonomy.NSS, taxonomy.VoterKey, taxonomy.CURP} {
		if b, ok := catRows[cat]; ok {
			people.Or(b)
		}
	}
	withPeople := fromSample(people.Count(), sampled, total)
	return reports.Estimate{
		Value: max(0, withPeople.Value-curp.Value),
		Low:   max(0, withPeople.Low-curp.High),
		High:  max(0, withPeople.High-curp.Low),
	}
}

// sortedCategories orders category ids as taxonomy does.
func sortedCategories(m map[string]reports.Estimate) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return taxonomy.Order(out[i]) < taxonomy.Order(out[j]) })
	return out
}
