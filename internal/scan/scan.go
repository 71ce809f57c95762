// Package scan is the engine that wires one scan together: it opens each
// source, lists its tables, samples and classifies them with bounded
// concurrency, reads identifier columns in full to count distinct people,
// and builds the report model. It is internal: the CLI is its only user.
package scan

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/alcance-mx/alcance/detectors"
	"github.com/alcance-mx/alcance/detectors/rules"
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
	// Mode is "sample" (the default: classification reads a sample, the
	// columns that identify and link people are read in full) or "full"
	// (every row of every column that matters).
	Mode string
	// TableTimeout bounds all the work on one table (zero:
	// DefaultTableTimeout).
	TableTimeout time.Duration
	// HashKey keys the hashes that count distinct people (random when empty).
	HashKey []byte
	// PersonsOut, when set, is where the persons file is written, for merge.
	PersonsOut string
	// Checkpoint, when set, records every finished table, and restores
	// those it already holds instead of reading them again (OpenCheckpoint).
	Checkpoint *Checkpoint
	// Shard, with Shards > 1, scans only part Shard (from 0) of Shards
	// disjoint parts of the work (--shard I/N); the parts' persons files
	// are raw, and merge resolves them together.
	Shard, Shards int
	// SpillDir is where the person set spills past its memory budget ("":
	// the system's temporary directory); MemoryBudget is that budget in
	// bytes (0: the person set's default).
	SpillDir     string
	MemoryBudget int64
	// Rules are custom detection rules (--rules), weighed with the built-in
	// detectors.
	Rules []*rules.Rule
	// Today is the reference day for ages and future dates (zero: now).
	Today   time.Time
	Version string
	// Progress, when set, receives one line per step, for stderr.
	Progress func(format string, args ...any)
	// Events, when set, receives the scan's progress as structured events,
	// for a live display (sources and tables done of total, rows read). It
	// is called from several goroutines at once.
	Events func(Event)

	// readHook, when set (by benchmarks), learns what each table read:
	// its sampled rows and the columns read in full.
	readHook func(table connectors.Table, sampled int, complete bool, full []connectors.Column)
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
	EventTableProgress                  // Table's full read has read Rows rows so far, of about Of
)

// Event is one step of a scan, for progress displays. Names are as the
// report writes them; they may hold any character a catalog allows.
type Event struct {
	Kind   EventKind
	Source string // the source's name
	Table  string // the table's qualified name, for table events
	Tables int    // EventSourceListed: how many tables will be scanned
	Rows   int64  // EventTableDone: rows read from the table; EventTableProgress: so far
	Of     int64  // EventTableProgress: the rows the catalog expects (0: not known)
	Err    error  // EventSourceFailed, EventTableFailed
}

// Outcome counts what happened, for the exit code.
type Outcome struct {
	SourcesOpened int
	SourcesFailed int
	EmptySources  int // opened, but listed no tables
	TablesScanned int
	TablesFailed  int
	// Warnings are tables scanned with a part missing (identifying columns
	// could not be read in full): counted as incomplete for --fail-on.
	Warnings int
	// PersonsFailed is set when the person figures could not be made (the
	// person set could not spill to disk, or the persons file could not be
	// written).
	PersonsFailed error
	// SourceWarnings are sources whose listing may be partial (the login
	// may not see every table, or that could not be checked): counted as
	// incomplete for --fail-on.
	SourceWarnings int
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
	return o.SourcesFailed > 0 || o.TablesFailed > 0 || o.EmptySources > 0 || o.Warnings > 0 || o.SourceWarnings > 0
}

// tableRetryWait is how long the engine waits before reading again a
// table whose connection was lost on every attempt the connector made (a
// variable for tests).
var tableRetryWait = 15 * time.Second

// errInterrupted marks a table the scan never started because it was
// interrupted.
var errInterrupted = errors.New("the scan was interrupted")

// scan is one run in progress: what every source shares.
type scan struct {
	cfg     Config
	keyer   *exposure.Keyer
	persons *exposure.Store
	out     Outcome
	mu      sync.Mutex // guards out's timings and counts updated by tables
	notes   []exposure.SourceNotes
	links   []sourceLink // every link registered in the person set, in id order
	groups  int          // link groups registered so far (alternatives for one column)
}

// sourceLink is a link as the report names it.
type sourceLink struct {
	source    int
	fromTable string // qualified name of the referencing table
	from, to  string // table.column as the report writes them
	declared  bool
	group     int
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
	if cfg.Mode == "" {
		cfg.Mode = "sample"
	}
	if cfg.TableTimeout <= 0 {
		cfg.TableTimeout = DefaultTableTimeout
	}
	if cfg.Today.IsZero() {
		cfg.Today = time.Now().UTC()
	}
	y, m, d := cfg.Today.Date()
	cfg.Today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if cfg.Progress == nil {
		cfg.Progress = func(string, ...any) {}
	}
	if cfg.Events == nil {
		cfg.Events = func(Event) {}
	}
	rep := &reports.Report{
		Schema: reports.Schema,
		Tool:   reports.Tool{Name: "alcance", Version: cfg.Version},
		Scan:   reports.Scan{Mode: cfg.Mode, SampleRows: cfg.SampleRows, StartedAt: time.Now().UTC().Truncate(time.Second)},
	}
	if cfg.Shards > 1 {
		rep.Scan.Shard = fmt.Sprintf("%d/%d", cfg.Shard, cfg.Shards)
	}
	s := &scan{
		cfg:     cfg,
		keyer:   exposure.NewKeyer(cfg.HashKey),
		persons: exposure.NewStore(exposure.StoreOptions{Dir: cfg.SpillDir, MemoryBudget: cfg.MemoryBudget}),
		notes:   make([]exposure.SourceNotes, len(cfg.Sources)),
	}
	defer s.persons.Close()
	var results []tableResult
	for i, spec := range cfg.Sources {
		if ctx.Err() != nil {
			// Interrupted before this source was opened.
			s.notes[i].Open = true
			rep.Sources = append(rep.Sources, reports.Source{Name: spec.Name, Kind: spec.Kind, Location: connectors.Redact(spec.Location),
				Institution: spec.Institution, Tables: []reports.Table{}, Links: []reports.Link{},
				Errors: []reports.Error{{Error: "not scanned: the scan was interrupted"}}})
			continue
		}
		src, res := s.scanSource(ctx, i, spec)
		rep.Sources = append(rep.Sources, src)
		results = append(results, res...)
	}
	// Only a signal cancels the scan's context (timeouts are per table and
	// statement): the report then holds what was finished.
	rep.Scan.Interrupted = ctx.Err() != nil
	s.summarize(rep, results)
	rep.Scan.FinishedAt = time.Now().UTC().Truncate(time.Second)
	return rep, s.out
}

// tableResult is what the summary needs of each scanned table beyond the
// report model.
type tableResult struct {
	table     *reports.Table
	source    int   // index into the report's sources
	rowsRead  int64 // rows read from the source, for progress
	personKey bool  // a column points at a person (id_paciente)
	// warning is a problem that did not stop the table's scan (a failed
	// full read of its identifying columns).
	warning error
}

func (s *scan) scanSource(ctx context.Context, index int, spec connectors.Spec) (rs reports.Source, kept []tableResult) {
	cfg := s.cfg
	rs = reports.Source{Name: spec.Name, Kind: spec.Kind, Location: spec.Location, Institution: spec.Institution,
		Tables: []reports.Table{}, Errors: []reports.Error{}, Links: []reports.Link{}}
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
		for i := range rs.Warnings {
			rs.Warnings[i] = connectors.Scrub(rs.Warnings[i], secrets)
		}
	}()
	fail := func(msg string, err error) {
		s.out.SourcesFailed++
		s.notes[index].Open = true
		rs.Errors = append(rs.Errors, reports.Error{Error: fmt.Sprintf("%s: %v", msg, err)})
		cfg.Events(Event{Kind: EventSourceFailed, Source: rs.Name, Err: err})
	}
	cfg.Progress("opening %s %s", spec.Kind, connectors.ScrubCredentials(connectors.Scrub(spec.Location, secrets)))
	cfg.Events(Event{Kind: EventSourceOpening, Source: spec.Name})
	openCtx, cancel := context.WithTimeout(ctx, cfg.Connect.ConnectTimeout+5*time.Second)
	src, err := connectors.Open(openCtx, spec, cfg.Connect)
	cancel()
	err = scrub(err)
	if err != nil {
		fail("cannot open source", err)
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
		fail("cannot list tables", err)
		return rs, nil
	}
	s.out.SourcesOpened++
	rs.Fingerprint = fingerprint(ctx, cfg, src, tables)
	if sl, ok := src.(connectors.SkipLister); ok {
		for _, sk := range sl.Skipped() {
			rs.Skipped = append(rs.Skipped, reports.Skipped{Path: sk.Path, Reason: sk.Reason})
		}
	}
	if w, ok := src.(connectors.ReadWarner); ok {
		defer func() { rs.Warnings = append(rs.Warnings, w.ReadWarnings()...) }()
	}
	if w, ok := src.(connectors.Warner); ok {
		wctx, cancel := context.WithTimeout(ctx, cfg.TableTimeout)
		warnings, err := w.Warnings(wctx)
		cancel()
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("could not check whether the login may see every table: %v", err))
		}
		if len(warnings) > 0 {
			s.out.SourceWarnings++
			rs.Warnings = append(rs.Warnings, warnings...)
			for _, w := range warnings {
				cfg.Progress("warning: %s", connectors.Scrub(w, secrets))
			}
		}
	}
	tables = selectTables(tables, spec.Include, spec.Exclude)
	cfg.Events(Event{Kind: EventSourceListed, Source: rs.Name, Tables: len(tables)})
	if len(tables) == 0 {
		s.out.EmptySources++
		s.notes[index].Open = true
		rs.Errors = append(rs.Errors, reports.Error{Error: "the source lists no tables: it is empty, or the user may not see its tables (check privileges)"})
		return rs, nil
	}
	plans := s.linkTables(index, tables)
	var splitErrs []error // per table of this shard: why it could not be split
	if cfg.Shards > 1 {
		// Links are found among every table (a row read here may point at
		// a row another part reads); only this part's tables are read: a
		// large table's part of its rows (splitFor), any other whole.
		s.notes[index].Shard = true
		var mine []connectors.Table
		var minePlans []tableLinks
		for i, t := range tables {
			part, split, splitErr := s.splitFor(ctx, src, t)
			switch {
			case split:
				if part != nil {
					cfg.Progress("%s %s is split in %d parts: this shard reads part %d", info.Name, t.QualifiedName(), cfg.Shards, cfg.Shard)
					t.Part, t.Rows = part, part.Rows
				}
			case shardOf(spec, t, cfg.Shards) != cfg.Shard:
				continue
			}
			mine, minePlans = append(mine, t), append(minePlans, plans[i])
			splitErrs = append(splitErrs, splitErr)
		}
		tables, plans = mine, minePlans
	}

	results := make([]tableResult, len(tables))
	errs := make([]error, len(tables))
	sem := make(chan struct{}, cfg.Concurrency)
	var wg sync.WaitGroup
	for i, t := range tables {
		if splitErrs != nil && splitErrs[i] != nil {
			errs[i] = scrub(splitErrs[i])
			cfg.Events(Event{Kind: EventTableFailed, Source: info.Name, Table: t.QualifiedName(), Err: errs[i]})
			continue
		}
		if d, ok := cfg.Checkpoint.lookup(index, t); ok {
			// Finished by an earlier run: put it back as it was.
			if err := cfg.Checkpoint.replay(d, s.persons); err != nil {
				errs[i] = fmt.Errorf("restoring from the checkpoint: %w", err)
				continue
			}
			tb := d.Table
			results[i] = tableResult{table: &tb, source: index, personKey: d.PersonKey, rowsRead: d.Rows}
			s.mu.Lock()
			s.notes[index].Merge(d.Notes)
			s.mu.Unlock()
			cfg.Progress("restored %s %s from the checkpoint", info.Name, t.QualifiedName())
			cfg.Events(Event{Kind: EventTableDone, Source: info.Name, Table: t.QualifiedName(), Rows: d.Rows})
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			errs[i] = errInterrupted // never started
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			tctx, cancel := context.WithTimeout(ctx, cfg.TableTimeout)
			defer cancel()
			cfg.Progress("scanning %s %s", info.Name, t.QualifiedName())
			cfg.Events(Event{Kind: EventTableStarted, Source: info.Name, Table: t.QualifiedName()})
			var tm phaseTimes
			results[i], errs[i] = s.scanTable(tctx, index, src, t, plans[i], &tm, s.rowProgress(info.Name, t))
			if errors.Is(errs[i], connectors.ErrConnectionLost) && tctx.Err() == nil {
				// The server went away (a restart, a network cut) and did
				// not come back within the connector's own retries: wait
				// for it once more, then read the table again from the
				// start. Its persons already counted are counted once.
				cfg.Progress("%s: %s: the connection was lost; trying the table again in %s", info.Name, t.QualifiedName(), tableRetryWait)
				select {
				case <-time.After(tableRetryWait):
					tm = phaseTimes{}
					results[i], errs[i] = s.scanTable(tctx, index, src, t, plans[i], &tm, s.rowProgress(info.Name, t))
				case <-tctx.Done():
				}
			}
			errs[i], results[i].warning = scrub(errs[i]), scrub(results[i].warning)
			if errs[i] != nil {
				cfg.Events(Event{Kind: EventTableFailed, Source: info.Name, Table: t.QualifiedName(), Err: errs[i]})
			} else {
				cfg.Events(Event{Kind: EventTableDone, Source: info.Name, Table: t.QualifiedName(), Rows: results[i].rowsRead})
			}
			s.mu.Lock()
			s.out.Sampling += tm.sampling
			s.out.Classifying += tm.classifying
			s.out.ReadingIdentifiers += tm.identifiers
			s.mu.Unlock()
		}()
	}
	wg.Wait()

	notScanned := 0
	for i, t := range tables {
		if errs[i] != nil && ctx.Err() != nil {
			// Interrupted: tables stopped or never started are counted in
			// one line, not one error each.
			notScanned++
			continue
		}
		if errs[i] != nil {
			s.out.TablesFailed++
			s.notes[index].Open = true
			msg := errs[i].Error()
			if errors.Is(errs[i], context.DeadlineExceeded) {
				msg = fmt.Sprintf("timed out after %s: %v", cfg.TableTimeout, errs[i])
			}
			rs.Errors = append(rs.Errors, reports.Error{Table: t.QualifiedName(), Error: msg})
			cfg.Progress("error: %s: %s", t.QualifiedName(), connectors.ScrubMessage(msg, secrets))
			continue
		}
		s.out.TablesScanned++
		if w := results[i].warning; w != nil {
			s.out.Warnings++
			rs.Errors = append(rs.Errors, reports.Error{Table: t.QualifiedName(), Error: w.Error()})
			cfg.Progress("warning: %s: %s", t.QualifiedName(), w.Error())
		}
		kept = append(kept, results[i])
	}
	if notScanned > 0 {
		s.notes[index].Open = true
		rs.Errors = append(rs.Errors, reports.Error{Error: fmt.Sprintf("%d of %d tables not scanned: the scan was interrupted", notScanned, len(tables))})
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

// fingerprint identifies the source's state for a certificate, when its
// connector can; a failure leaves it out (the certificate then says the
// source has no fingerprint) and never stops the scan.
func fingerprint(ctx context.Context, cfg Config, src connectors.Source, tables []connectors.Table) *reports.Fingerprint {
	fp, ok := src.(connectors.Fingerprinter)
	if !ok {
		return nil
	}
	fctx, cancel := context.WithTimeout(ctx, cfg.TableTimeout)
	defer cancel()
	f, err := fp.Fingerprint(fctx, tables)
	if err != nil {
		cfg.Progress("warning: no fingerprint: %v", err)
		return nil
	}
	return &reports.Fingerprint{SHA256: f.SHA256, Size: f.Size, ServerVersion: f.ServerVersion,
		Database: f.Database, TablesDigest: f.TablesDigest, Tables: f.Tables}
}

// SplitRows is how many rows (by the catalog's estimate) a table must
// have for a sharded scan to split it: each of the N shards then reads one
// of N parts of its rows, cut by key (connectors.Splitter), instead of one
// shard reading all of it. Below it, a table goes whole to one shard.
const SplitRows = 2_000_000

// splitRows is SplitRows, unless a test lowered it (SetSplitRows).
var splitRows atomic.Int64

func init() { splitRows.Store(SplitRows) }

// SetSplitRows sets the least rows of a table a sharded scan splits, for
// tests (of the CLI too) that split small tables; restore puts SplitRows
// back.
func SetSplitRows(n int64) (restore func()) {
	splitRows.Store(n)
	return func() { splitRows.Store(SplitRows) }
}

// splitFor decides how a sharded scan reads a table: split is true when
// it is large enough (splitRows) and its source can split it, and then
// every shard reads the table, each its own part (part; nil when the
// split failed, and err says why). A table the source has no key to split
// by (connectors.ErrCannotSplit), like a small one, goes whole to one
// shard. A split that fails otherwise (the connection, a timeout) is this
// shard's table failing: going to one shard instead could read its rows
// twice, as other shards, which split it, read their parts.
//
// Every shard decides alone, from the catalog's estimate and the key's
// range, so the shards agree as long as they see the same table.
func (s *scan) splitFor(ctx context.Context, src connectors.Source, t connectors.Table) (part *connectors.TablePart, split bool, err error) {
	sp, ok := src.(connectors.Splitter)
	if !ok || !t.Rows.Known || t.Rows.Value < splitRows.Load() {
		return nil, false, nil
	}
	sctx, cancel := context.WithTimeout(ctx, s.cfg.TableTimeout)
	parts, err := sp.Split(sctx, t, s.cfg.Shards)
	cancel()
	switch {
	case errors.Is(err, connectors.ErrCannotSplit):
		return nil, false, nil
	case err != nil:
		return nil, true, err
	case len(parts) != s.cfg.Shards:
		return nil, true, fmt.Errorf("splitting: %d parts for %d shards", len(parts), s.cfg.Shards)
	}
	return &parts[s.cfg.Shard], true, nil
}

// shardOf says which part of a sharded scan reads a table: a hash of the
// source's location and the table's name, so every part, run anywhere,
// agrees without talking to the others.
func shardOf(spec connectors.Spec, t connectors.Table, n int) int {
	h := fnv.New64a()
	h.Write([]byte(spec.Kind + "\x00" + spec.Location + "\x00" + t.QualifiedName()))
	return int(h.Sum64() % uint64(n))
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

// sortedCategories orders category ids as taxonomy does.
func sortedCategories(m map[string]reports.Estimate) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return taxonomy.Order(out[i]) < taxonomy.Order(out[j]) })
	return out
}
