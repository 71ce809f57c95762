package exposure

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

// Part is one report to merge and the folder it was read from (its
// persons file is named relative to it).
type Part struct {
	Report *reports.Report
	Dir    string
	Name   string // for messages: the report's file name
}

// ErrMerge marks parts that cannot be merged (mixed keys, a missing or
// mismatched persons file): bad usage, not a failure of the data.
var ErrMerge = errors.New("cannot merge")

// Merge combines reports into the report one scan of all their sources
// would have given. The parts are either institutions scanned apart with
// one key (each hands over its report and persons file; a person found in
// two counts once and in persons_in_several_sources), or the shards of one
// scan (the same sources, each part a share of their tables or of a large
// table's rows; their raw persons files are resolved together, so rows
// that point at rows another shard read find their person), or both.
// Sources are the same source when their kind, location and institution
// are (a source named with an institution in one part and without in
// another is refused: it may be one source counted twice); a table
// several shards read parts of is one table. Every person figure is
// recomputed from the persons files.
func Merge(parts []Part, o StoreOptions, version string) (*reports.Report, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("%w: no reports", ErrMerge)
	}
	keyID := ""
	for _, p := range parts {
		pf := p.Report.Exposure.PersonsFile
		if pf == nil {
			return nil, fmt.Errorf("%w: %s names no persons file: scan with --persons-out and --hash-key-file", ErrMerge, p.Name)
		}
		if pf.KeyID == "" || pf.KeyID != p.Report.Exposure.KeyID {
			return nil, fmt.Errorf("%w: %s: its persons file was made with another key than the report", ErrMerge, p.Name)
		}
		if keyID == "" {
			keyID = pf.KeyID
		} else if pf.KeyID != keyID {
			return nil, fmt.Errorf("%w: %s was made with another key (%s) than %s (%s): every part must use the same --hash-key-file",
				ErrMerge, p.Name, pf.KeyID, parts[0].Name, keyID)
		}
	}

	m := &merger{out: &reports.Report{Schema: reports.Schema, Tool: reports.Tool{Name: "alcance", Version: version}},
		store: NewStore(o), sourceIndex: map[string]int{}, linkIndex: map[string]uint16{}, groups: map[string]int{}, parts: map[string]map[int]bool{}, failedParts: map[string]int{}, cutShort: map[int]bool{}, institutionAt: map[string]string{}}
	defer m.store.Close()
	modes := map[string]bool{}
	shards := map[int]map[int]bool{} // N -> the parts I given
	for _, p := range parts {
		if err := m.add(p, keyID); err != nil {
			return nil, err
		}
		modes[p.Report.Scan.Mode] = true
		if sh := p.Report.Scan.Shard; sh != "" {
			var i, n int
			if _, err := fmt.Sscanf(sh, "%d/%d", &i, &n); err != nil || n < 1 || i < 0 || i >= n {
				return nil, fmt.Errorf("%w: %s: shard %q is not I/N", ErrMerge, p.Name, sh)
			}
			if shards[n] == nil {
				shards[n] = map[int]bool{}
			}
			if shards[n][i] {
				return nil, fmt.Errorf("%w: %s: shard %s is given twice", ErrMerge, p.Name, sh)
			}
			shards[n][i] = true
		}
	}
	complete := true
	for n, got := range shards {
		complete = complete && len(got) == n
	}
	if complete {
		// Every part is here: the figures are the whole scan's, if every
		// split table arrived in all its parts.
		if err := m.checkSplitTables(); err != nil {
			return nil, err
		}
		for i := range m.notes {
			m.notes[i].Shard = false
		}
	}
	// A merged table is not a shard's part any more: whole, or (when a
	// part is missing) short of rows, as the source's errors and open
	// figures say.
	for j := range m.out.Sources {
		for k := range m.out.Sources[j].Tables {
			m.out.Sources[j].Tables[k].Part = nil
		}
	}
	out := m.out
	if len(modes) > 1 {
		out.Scan.Mode = "mixed"
	}
	res, err := m.store.Resolve(len(out.Sources), nil)
	if err != nil {
		return nil, fmt.Errorf("counting persons: %w", err)
	}
	sum := Summarize(res, m.notes, out.Scan.Interrupted)
	ex := &out.Exposure
	ex.Figures, ex.PersonsInSeveralSources, ex.KeyID = sum.All, sum.Several, keyID

	// Links of raw parts are decided on all their rows together.
	linkedTables := map[string]bool{}
	for i, l := range m.links {
		if !res.Links[i].Accepted || res.Links[i].Resolved == 0 {
			continue
		}
		src := &out.Sources[l.source]
		link := reports.Link{From: l.from, To: l.to, Declared: l.declared}
		if !slices.Contains(src.Links, link) {
			src.Links = append(src.Links, link)
		}
		linkedTables[fmt.Sprint(l.source, "\x00", l.fromTable)] = true
	}
	ex.RecordsByCategory = map[string]reports.Estimate{}
	ex.TablesByTier = map[string]int{}
	for _, t := range taxonomy.Tiers {
		ex.TablesByTier[t] = 0
	}
	for i := range out.Sources {
		src := &out.Sources[i]
		slices.SortFunc(src.Links, func(a, b reports.Link) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
		src.Exposure = &reports.SourceExposure{Figures: sum.BySource[i]}
		for j := range src.Tables {
			t := &src.Tables[j]
			if linkedTables[fmt.Sprint(i, "\x00", t.QualifiedName())] {
				// A shard could not see where the table's links lead.
				if linked := Tier(t.Exposure.Categories, true); taxonomy.TierRank(linked) < taxonomy.TierRank(t.Exposure.Tier) {
					t.Exposure.Tier = linked
				}
			}
			ex.TablesByTier[t.Exposure.Tier]++
			cats := make([]string, 0, len(t.Exposure.ByCategory))
			for c := range t.Exposure.ByCategory {
				cats = append(cats, c)
			}
			sort.Slice(cats, func(a, b int) bool { return taxonomy.Order(cats[a]) < taxonomy.Order(cats[b]) })
			for _, c := range cats {
				ex.RecordsByCategory[c] = ex.RecordsByCategory[c].Add(t.Exposure.ByCategory[c])
			}
		}
	}
	if sum.AllNotes.Open || out.Scan.Interrupted {
		for c, e := range ex.RecordsByCategory {
			ex.RecordsByCategory[c] = e.Opened()
		}
	}
	return out, nil
}

// merger is a merge in progress.
type merger struct {
	out         *reports.Report
	store       *Store
	notes       []SourceNotes
	sourceIndex map[string]int // kind + institution + location -> index in out.Sources
	// institutionAt is an institution seen at each kind + location.
	institutionAt map[string]string
	links         []mergedLink // in store link id order
	linkIndex     map[string]uint16
	groups        map[string]int
	parts         map[string]map[int]bool // source index + table -> the parts of a split table given
	// failedParts counts, per source index + table, the reports that name
	// the table in an error without holding it: a part that shard could
	// not read. (A table read with a warning is held and named too.)
	failedParts map[string]int
	// cutShort marks the sources some report could not finish: it was
	// interrupted, or the source itself failed (no table named), so its
	// missing parts are accounted for by that report's open figures.
	cutShort map[int]bool
}

type mergedLink struct {
	source              int
	fromTable, from, to string
	declared            bool
}

// add merges one part: its sources (joined with the same sources of other
// parts), its tables, and its persons.
func (m *merger) add(p Part, keyID string) error {
	r := p.Report
	path := r.Exposure.PersonsFile.Path
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.Dir, path)
	}
	// The part's sources, in the merged report.
	index := make([]int, len(r.Sources))
	for i, src := range r.Sources {
		// One source is one kind, location and institution: shards of one
		// scan agree on all three, and two institutions whose systems sit
		// at the same address from where each scanned (localhost, the same
		// file path) are told apart by their --inventory institution.
		k := src.Kind + "\x00" + src.Institution + "\x00" + src.Location
		if other, ok := m.institutionAt[src.Kind+"\x00"+src.Location]; ok && other != src.Institution && (other == "" || src.Institution == "") {
			return fmt.Errorf("%w: %s: source %s is at the same location as a source of another part, named with an institution in one and without in the other: it may be one source scanned twice; name the institution in every part's --inventory", ErrMerge, p.Name, src.Name)
		}
		m.institutionAt[src.Kind+"\x00"+src.Location] = src.Institution
		j, seen := m.sourceIndex[k]
		if !seen {
			j = len(m.out.Sources)
			m.sourceIndex[k] = j
			c := src
			c.Tables, c.Errors, c.Links = nil, nil, nil
			m.out.Sources = append(m.out.Sources, c)
			m.notes = append(m.notes, SourceNotes{})
		}
		index[i] = j
		if r.Scan.Interrupted {
			m.cutShort[j] = true
		}
		if err := m.mergeSource(j, src); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrMerge, p.Name, err)
		}
	}
	b := m.store.NewBatch()
	var linkIDs []uint16
	head, sum, err := readPersons(path, personsVisitor{
		header: func(h PersonsHeader) error {
			if len(h.Sources) != len(index) {
				return fmt.Errorf("its persons file lists %d sources, the report %d", len(h.Sources), len(index))
			}
			linkIDs = m.registerLinks(h.Links, index)
			return nil
		},
		record: func(rec *PersonRecord) error { feed(b, rec, index); return nil },
		obs:    func(o obs) error { b.addRawObs(o, index, linkIDs); return nil },
		alias:  func(a alias, claim bool) error { b.addRawAlias(a, linkIDs, claim); return nil },
	})
	b.Flush()
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrMerge, p.Name, err)
	}
	switch {
	case sum != r.Exposure.PersonsFile.SHA256:
		return fmt.Errorf("%w: %s: its persons file %s does not match the report (SHA-256 %s, the report says %s)",
			ErrMerge, p.Name, path, sum, r.Exposure.PersonsFile.SHA256)
	case head.KeyID != keyID:
		return fmt.Errorf("%w: %s: its persons file was made with another key", ErrMerge, p.Name)
	case len(head.Sources) != len(r.Sources):
		return fmt.Errorf("%w: %s: its persons file lists %d sources, the report %d", ErrMerge, p.Name, len(head.Sources), len(r.Sources))
	}
	for i := range r.Sources {
		m.notes[index[i]].Merge(head.Sources[i].Notes)
	}
	m.out.Scan.Interrupted = m.out.Scan.Interrupted || r.Scan.Interrupted
	mergeScan(&m.out.Scan, r.Scan)
	return nil
}

// registerLinks gives a raw part's links their ids in the merged person
// set: the same link read by several shards is one link, and the links of
// one referencing column are one group of alternatives.
func (m *merger) registerLinks(links []PersonsLink, index []int) []uint16 {
	ids := make([]uint16, len(links))
	for i, l := range links {
		src := index[l.Source]
		k := fmt.Sprint(src, "\x00", l.From, "\x00", l.To)
		id, ok := m.linkIndex[k]
		if !ok {
			g := fmt.Sprint(src, "\x00", l.From)
			group, seen := m.groups[g]
			if !seen {
				group = len(m.groups)
				m.groups[g] = group
			}
			id = m.store.AddLink(!l.Declared, group)
			m.linkIndex[k] = id
			fromTable := l.From
			if i := strings.LastIndexByte(fromTable, '.'); i > 0 {
				fromTable = fromTable[:i]
			}
			m.links = append(m.links, mergedLink{source: src, fromTable: fromTable, from: l.From, to: l.To, declared: l.Declared})
		}
		ids[i] = id
	}
	return ids
}

// mergeSource adds a part's view of a source to merged source j: its
// tables (a table read in parts by several shards becomes one), errors,
// warnings and skipped files. A table may arrive more than once only as
// distinct parts of one split: the same table twice whole (a source
// scanned twice, or shards that disagreed on splitting it) would count its
// records twice.
func (m *merger) mergeSource(j int, src reports.Source) error {
	dst := &m.out.Sources[j]
	for _, t := range src.Tables {
		if t.Part != nil {
			key := fmt.Sprint(j, "\x00", t.QualifiedName())
			if m.parts[key] == nil {
				m.parts[key] = map[int]bool{}
			}
			if m.parts[key][t.Part.Index] {
				return fmt.Errorf("table %s of %s: part %d of %d is in two reports", t.QualifiedName(), dst.Name, t.Part.Index, t.Part.Count)
			}
			m.parts[key][t.Part.Index] = true
		}
		found := false
		for k := range dst.Tables {
			if dst.Tables[k].QualifiedName() != t.QualifiedName() {
				continue
			}
			a := dst.Tables[k]
			switch {
			case a.Part == nil && t.Part == nil:
				return fmt.Errorf("table %s of %s is in two reports, whole in both: a source scanned twice counts its records twice; merge each source's scan once (sources are told apart by kind, location and institution: two institutions' sources at the same location, such as localhost or the same file path, need their institution named in each one's --inventory)", t.QualifiedName(), dst.Name)
			case a.Part == nil || t.Part == nil:
				return fmt.Errorf("table %s of %s was read whole by one shard and in parts by others (its size crossed the split threshold between their starts): scan it again with every shard", t.QualifiedName(), dst.Name)
			case a.Part.Count != t.Part.Count:
				return fmt.Errorf("table %s of %s was split in %d parts by one shard and in %d by another: were they shards of one scan?", t.QualifiedName(), dst.Name, a.Part.Count, t.Part.Count)
			}
			dst.Tables[k] = combineTables(a, t)
			found = true
			break
		}
		if !found {
			dst.Tables = append(dst.Tables, t)
		}
	}
	for _, e := range src.Errors {
		held := slices.ContainsFunc(src.Tables, func(t reports.Table) bool { return t.QualifiedName() == e.Table })
		switch {
		case e.Table == "":
			m.cutShort[j] = true
		case !held:
			m.failedParts[fmt.Sprint(j, "\x00", e.Table)]++
		}
		if !slices.Contains(dst.Errors, e) {
			dst.Errors = append(dst.Errors, e)
		}
	}
	for _, l := range src.Links {
		if !slices.Contains(dst.Links, l) {
			dst.Links = append(dst.Links, l)
		}
	}
	for _, w := range src.Warnings {
		if !slices.Contains(dst.Warnings, w) {
			dst.Warnings = append(dst.Warnings, w)
		}
	}
	for _, sk := range src.Skipped {
		if !slices.Contains(dst.Skipped, sk) {
			dst.Skipped = append(dst.Skipped, sk)
		}
	}
	if dst.Fingerprint == nil {
		dst.Fingerprint = src.Fingerprint
	}
	return nil
}

// checkSplitTables checks, once every shard's report is in, that each
// table split across the shards arrived in all its parts, or that the
// shard whose part is missing says it could not read it (an error on the
// table it does not hold, or a scan interrupted or failed at the source).
// A part missing without a word means the shards disagreed on splitting
// the table (one read none of it), so its rows would be missing from
// figures that claim to be whole.
func (m *merger) checkSplitTables() error {
	for j := range m.out.Sources {
		src := &m.out.Sources[j]
		for k := range src.Tables {
			t := &src.Tables[k]
			if t.Part == nil {
				continue
			}
			key := fmt.Sprint(j, "\x00", t.QualifiedName())
			got := m.parts[key]
			if len(got)+m.failedParts[key] < t.Part.Count && !m.cutShort[j] {
				return fmt.Errorf("%w: table %s of %s was split in %d parts and only %d arrived, though every shard's report is here: the shards disagreed on splitting it (its size crossed the split threshold between their starts); scan it again with every shard",
					ErrMerge, t.QualifiedName(), src.Name, t.Part.Count, len(got))
			}
		}
	}
	return nil
}

// combineTables joins two shards' parts of one table: rows and records
// add up (each shard read its own rows), findings join (a category any
// part found, with the best confidence and evidence), and the tier is the
// more serious.
func combineTables(a, b reports.Table) reports.Table {
	out := a
	out.Rows = reports.Rows{Value: a.Rows.Value + b.Rows.Value, Exact: a.Rows.Exact && b.Rows.Exact}
	out.SampledRows = a.SampledRows + b.SampledRows
	out.Columns = nil
	for _, ca := range a.Columns {
		c := ca
		c.Findings = append([]reports.Finding(nil), ca.Findings...)
		for _, cb := range b.Columns {
			if cb.Name != ca.Name {
				continue
			}
			c.Truncated = c.Truncated || cb.Truncated
			for _, fb := range cb.Findings {
				i := slices.IndexFunc(c.Findings, func(f reports.Finding) bool { return f.Category == fb.Category })
				if i < 0 {
					c.Findings = append(c.Findings, fb)
					continue
				}
				fa := &c.Findings[i]
				if fb.Confidence > fa.Confidence {
					fa.Confidence, fa.Evidence, fa.NameOnly = fb.Confidence, fb.Evidence, fb.NameOnly
				}
				fa.MatchRate = max(fa.MatchRate, fb.MatchRate)
			}
		}
		sort.SliceStable(c.Findings, func(i, j int) bool {
			return taxonomy.Order(c.Findings[i].Category) < taxonomy.Order(c.Findings[j].Category)
		})
		out.Columns = append(out.Columns, c)
	}
	ea, eb := a.Exposure, b.Exposure
	x := reports.TableExposure{Records: ea.Records.Add(eb.Records), ByCategory: map[string]reports.Estimate{}}
	cats := map[string]bool{}
	for _, c := range append(append([]string(nil), ea.Categories...), eb.Categories...) {
		cats[c] = true
	}
	for c := range cats {
		x.Categories = append(x.Categories, c)
	}
	sort.Slice(x.Categories, func(i, j int) bool { return taxonomy.Order(x.Categories[i]) < taxonomy.Order(x.Categories[j]) })
	for c, e := range ea.ByCategory {
		x.ByCategory[c] = e
	}
	for c, e := range eb.ByCategory {
		x.ByCategory[c] = x.ByCategory[c].Add(e)
	}
	x.Tier = ea.Tier
	if taxonomy.TierRank(eb.Tier) < taxonomy.TierRank(x.Tier) {
		x.Tier = eb.Tier
	}
	x.Method, x.MethodID = ea.Method, ea.MethodID
	if ea.MethodID != eb.MethodID {
		x.Method, x.MethodID = "records.sample", "records.sample"
		x.Method = reports.English.T("tmethod.records.sample")
	}
	out.Exposure = x
	return out
}

// feed puts one persons-file record into a store, its sources moved to the
// merged report's: the observations it was resolved from, and the
// name-and-birthdate keys of a CURP holder as aliases, so that another
// part's record of them by name finds them.
func feed(b *Batch, rec *PersonRecord, index []int) {
	for _, sd := range rec.Sources {
		b.addObs(obs{key: rec.Key, cats: sd.Cats, maybe: sd.Maybe, source: uint16(index[sd.Source]), kind: rec.Kind, band: rec.Band})
	}
	if rec.Kind == kindCURP {
		for _, nb := range rec.NB {
			b.addAlias(alias{from: nb, to: rec.Key, fromKind: kindNB, toKind: kindCURP, toBand: rec.Band})
		}
	}
}

// mergeScan widens the scan's times to cover a part's.
func mergeScan(s *reports.Scan, p reports.Scan) {
	if s.Mode == "" {
		s.Mode, s.SampleRows = p.Mode, p.SampleRows
	}
	if s.StartedAt.IsZero() || !p.StartedAt.IsZero() && p.StartedAt.Before(s.StartedAt) {
		s.StartedAt = p.StartedAt
	}
	if p.FinishedAt.After(s.FinishedAt) {
		s.FinishedAt = p.FinishedAt
	}
	if s.FinishedAt.IsZero() {
		s.FinishedAt = time.Now().UTC().Truncate(time.Second)
	}
}
