package exposure

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Store collects what every table of a scan says about persons, as keyed
// hashes, and resolves it into distinct persons and their figures. It is
// exact (nothing is approximated) and its memory is bounded: past the
// budget, records go to disk in partitions (spill.go) that are processed
// one at a time. It is safe for concurrent use through Batches.
type Store struct {
	mu      sync.Mutex
	obs     *partitions[obs]
	aliases *partitions[alias]
	// claims are what referencing rows say of the row they point at: a
	// consultation that holds a CURP and points at a register's row says
	// that row's person is that CURP's holder.
	claims *partitions[alias]
	dir    string
	budget int64
	links  []linkState
	err    error
}

// StoreOptions tune a Store.
type StoreOptions struct {
	// Dir is where spill files go ("" is the system's temporary directory).
	Dir string
	// MemoryBudget is roughly the bytes of records kept in memory before
	// spilling to disk (0: DefaultMemoryBudget).
	MemoryBudget int64
}

// DefaultMemoryBudget is the person set's memory before it spills. The
// Go runtime lets the heap grow to about twice what is live before it
// collects, so the process's peak is about twice this plus what the rest
// of the scan holds: a 2 GB CSV scans in under 300 MB (BenchmarkBigCSV;
// with 256 MiB it took 526 MiB, with 160 MiB 365). Spilling early costs
// little: spill files are written once and read back one partition at a
// time (36 million people: 41 s and a 333 MiB peak, BenchmarkPersonSet). A soft
// memory limit instead of a small budget was tried and rejected: it held
// the CSV scan to the limit, but a database scan whose samples and
// buffers are live past it then spent a third more CPU collecting.
const DefaultMemoryBudget = 96 << 20

// NewStore makes an empty store.
func NewStore(o StoreOptions) *Store {
	if o.MemoryBudget <= 0 {
		o.MemoryBudget = DefaultMemoryBudget
	}
	return &Store{
		dir: o.Dir, budget: o.MemoryBudget,
		obs:     newPartitions(obsCodec, o.Dir, o.MemoryBudget*6/10),
		aliases: newPartitions(aliasCodec, o.Dir, o.MemoryBudget*3/10),
		claims:  newPartitions(aliasCodec, o.Dir, o.MemoryBudget/10),
	}
}

// Close removes the store's spill files.
func (s *Store) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.obs.close()
	s.aliases.close()
	s.claims.close()
}

// linkState is a link as the store sees it: whether it must prove itself
// on the values, and what the values said.
type linkState struct {
	inferred bool
	group    int   // the alternatives for one referencing column share it
	total    int64 // rows that pointed through it
	matched  int64 // of them, rows whose key exists in the referenced table
	personal int64 // of them, rows whose referenced row names a person
	resolved int64 // rows that reached a person through it
	accepted bool
}

// AddLink registers a link and returns its id for row observations.
// Inferred links must prove themselves: most of the keys that point
// through them must exist in the referenced table, or they are dropped;
// of the inferred candidates of one group (one referencing column), only
// the one whose keys reach the most persons is believed.
func (s *Store) AddLink(inferred bool, group int) uint16 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.links = append(s.links, linkState{inferred: inferred, group: group})
	return uint16(len(s.links))
}

// Batch gathers one table's records and hands them to the store in bulk.
type Batch struct {
	s       *Store
	obs     []obs
	aliases []alias
	claims  []alias
	tee     io.Writer
	teeErr  error
}

const batchSize = 8192

// NewBatch starts a batch; Flush it when the table is done.
func (s *Store) NewBatch() *Batch { return &Batch{s: s} }

func (b *Batch) addObs(o obs) {
	b.obs = append(b.obs, o)
	if len(b.obs) >= batchSize {
		b.Flush()
	}
}

func (b *Batch) addAlias(a alias) {
	b.aliases = append(b.aliases, a)
	if len(b.aliases) >= batchSize {
		b.Flush()
	}
}

func (b *Batch) addClaim(a alias) {
	b.claims = append(b.claims, a)
	if len(b.claims) >= batchSize {
		b.Flush()
	}
}

// records are what rows made, before they go to a batch.
type records struct {
	obs     []obs
	aliases []alias
	claims  []alias
}

func (r *records) addObs(o obs)     { r.obs = append(r.obs, o) }
func (r *records) addAlias(a alias) { r.aliases = append(r.aliases, a) }
func (r *records) addClaim(a alias) { r.claims = append(r.claims, a) }

// take moves the records of one row into the batch, and empties r.
func (b *Batch) take(r *records) {
	b.takeRow(r, recordEnds{}, recordEnds{int32(len(r.obs)), int32(len(r.aliases)), int32(len(r.claims))})
	r.obs, r.aliases, r.claims = r.obs[:0], r.aliases[:0], r.claims[:0]
}

// takeRow copies into the batch the records of one row, those of r
// between from and to.
func (b *Batch) takeRow(r *records, from, to recordEnds) {
	b.obs = append(b.obs, r.obs[from.obs:to.obs]...)
	b.aliases = append(b.aliases, r.aliases[from.aliases:to.aliases]...)
	b.claims = append(b.claims, r.claims[from.claims:to.claims]...)
	if len(b.obs) >= batchSize || len(b.aliases) >= batchSize || len(b.claims) >= batchSize {
		b.Flush()
	}
}

// Flush hands the batch's records to the store.
func (b *Batch) Flush() {
	if len(b.obs) == 0 && len(b.aliases) == 0 && len(b.claims) == 0 {
		return
	}
	b.writeTee()
	s := b.s
	s.mu.Lock()
	for _, o := range b.obs {
		if err := s.obs.add(o); err != nil && s.err == nil {
			s.err = err
		}
	}
	for _, a := range b.aliases {
		if err := s.aliases.add(a); err != nil && s.err == nil {
			s.err = err
		}
	}
	for _, a := range b.claims {
		if err := s.claims.add(a); err != nil && s.err == nil {
			s.err = err
		}
	}
	s.mu.Unlock()
	b.obs, b.aliases, b.claims = b.obs[:0], b.aliases[:0], b.claims[:0]
}

// PersonRecord is one person (or one name or identifier that may be one)
// as resolution found it: what a persons file holds.
type PersonRecord struct {
	Kind uint8 // kindCURP, kindNB, kindName, kindID
	Key  Key
	Band uint8
	// NB are the name-and-birthdate keys of a CURP holder.
	NB      []Key
	Sources []SourceData
}

// SourceData is what one source holds about a person.
type SourceData struct {
	Source uint16
	Cats   uint32 // categories its rows hold
	Maybe  uint32 // categories its rows not read may hold
}

// Counts are what resolution counted, for one source or for all.
type Counts struct {
	// Certain[f] counts persons figure f counts for certain; MaybeOnly[f]
	// those whose rows not read may put them in it; Widen[f] the distinct
	// names and identifiers without an identity that may be people of f.
	Certain, MaybeOnly, Widen [nFigures]int64
}

// Resolution is the outcome of Resolve.
type Resolution struct {
	All       Counts
	BySource  []Counts
	InSeveral int64 // persons found in two or more sources
	Links     []LinkOutcome
}

// LinkOutcome is what the values said of a link, in AddLink order.
type LinkOutcome struct {
	Rows, Matched, Resolved int64
	// Accepted is false for an inferred link most of whose keys did not
	// exist in the referenced table: its rows were not attributed.
	Accepted bool
}

// MinLinkMatch is the share of an inferred link's keys that must exist in
// the referenced key for the link to be believed.
const MinLinkMatch = 0.5

// maxHops bounds how many links one row is followed through (a
// prescription to its consultation to its patient is two).
const maxHops = 6

// Resolve consumes the store's observations (it is called once) and turns
// them into persons: name-and-birthdate keys
// found beside a CURP become that CURP's holder, rows reached through a
// link become the person of the row the link points at (through chains of
// links), and each person's observations are combined per source. each,
// when not nil, receives every person record (for the persons file); the
// record is reused, so each must not keep it.
// sources is the number of sources the scan had.
func (s *Store) Resolve(sources int, each func(*PersonRecord) error) (*Resolution, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return nil, s.err
	}
	r := &Resolution{BySource: make([]Counts, sources)}
	// Sorting the aliases is most of resolving: each partition is sorted
	// here, on every core, and the passes below find it sorted.
	if err := inParallel(func(i int) error {
		as, err := loadAliases(s.aliases, i)
		if err != nil {
			return err
		}
		return s.aliases.putBack(i, as)
	}); err != nil {
		return nil, err
	}
	if err := s.linkStats(); err != nil {
		return nil, err
	}
	if err := s.joinClaims(); err != nil {
		return nil, err
	}
	final := newPartitions(obsCodec, s.dir, s.budget/2)
	defer final.close()
	var nbrefs *partitions[alias]
	if each != nil {
		nbrefs = newPartitions(nbrefCodec, s.dir, s.budget/8)
		defer nbrefs.close()
	}
	if err := s.follow(final, nbrefs); err != nil {
		return nil, err
	}
	if err := aggregate(final, nbrefs, r, each); err != nil {
		return nil, err
	}
	for _, l := range s.links {
		r.Links = append(r.Links, LinkOutcome{Rows: l.total, Matched: l.matched, Resolved: l.resolved, Accepted: l.accepted})
	}
	return r, nil
}

// decideLinks believes every declared link, and of each group of inferred
// candidates the one most of whose keys exist that reaches the most
// persons (the first registered on a tie).
func (s *Store) decideLinks() {
	best := map[int]int{}
	for i := range s.links {
		l := &s.links[i]
		if !l.inferred {
			l.accepted = true
			continue
		}
		if l.total == 0 || float64(l.matched) < MinLinkMatch*float64(l.total) {
			continue
		}
		if b, ok := best[l.group]; !ok || l.personal > s.links[b].personal {
			best[l.group] = i
		}
	}
	for _, i := range best {
		s.links[i].accepted = true
	}
}

// loadAliases loads partition i of a set of aliases, sorted by from and,
// for each from, its best target first: a CURP before a name and
// birthdate before a row, then the smallest key, so the choice is the
// same on every run.
func loadAliases(p *partitions[alias], i int) ([]alias, error) {
	as, err := p.load(i)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(as, func(a, b alias) int {
		// Compared step by step: most keys differ in their first word.
		if c := compareKeys(&a.from, &b.from); c != 0 {
			return c
		}
		if c := cmp.Compare(a.toKind, b.toKind); c != 0 {
			return c
		}
		return compareKeys(&a.to, &b.to)
	})
	return slices.CompactFunc(as, func(a, b alias) bool { return a.from == b.from }), nil
}

// find returns the alias of key k, or nil.
func find(as []alias, k *Key) *alias {
	i, ok := slices.BinarySearchFunc(as, k, func(a alias, k *Key) int { return compareKeys(&a.from, k) })
	if !ok {
		return nil
	}
	return &as[i]
}

// linkStats counts, per link, the rows that point through it and those
// whose key exists: the evidence an inferred link must show.
func (s *Store) linkStats() error {
	if len(s.links) == 0 {
		return nil
	}
	defer s.decideLinks()
	for i := range nParts {
		as, err := loadAliases(s.aliases, i)
		if err != nil {
			return err
		}
		os, err := s.obs.load(i)
		if err != nil {
			return err
		}
		for j := range os {
			o := &os[j]
			if o.kind != kindRow || o.link == 0 {
				continue
			}
			l := &s.links[o.link-1]
			l.total++
			if a := find(as, &o.key); a != nil {
				l.matched++
				if a.toKind != kindNobody {
					l.personal++
				}
			}
		}
		if err := s.obs.putBack(i, os); err != nil {
			return err
		}
		if err := s.aliases.putBack(i, as); err != nil {
			return err
		}
	}
	return nil
}

// joinClaims turns what referencing rows claim into aliases: when a row
// of a register is known by name and birthdate and a row that points at it
// (through a believed link) holds a CURP, the name and birthdate are that
// CURP's holder, and the other way round. Two CURPs are never joined.
func (s *Store) joinClaims() error {
	if s.claims.total == 0 {
		return nil
	}
	derived := newPartitions(aliasCodec, s.dir, s.budget/8)
	defer derived.close()
	for i := range nParts {
		as, err := loadAliases(s.aliases, i)
		if err != nil {
			return err
		}
		cs, err := s.claims.load(i)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.link != 0 && !s.links[c.link-1].accepted {
				continue
			}
			a := find(as, &c.from)
			if a == nil {
				continue
			}
			var d alias
			switch {
			case a.toKind == kindNB && c.toKind == kindCURP:
				d = alias{from: a.to, to: c.to, fromKind: kindNB, toKind: kindCURP, toBand: c.toBand}
			case a.toKind == kindCURP && c.toKind == kindNB:
				d = alias{from: c.to, to: a.to, fromKind: kindNB, toKind: kindCURP, toBand: a.toBand}
			default:
				continue
			}
			if err := derived.add(d); err != nil {
				return err
			}
		}
		if err := s.aliases.putBack(i, as); err != nil {
			return err
		}
	}
	for i := range nParts {
		ds, err := derived.load(i)
		if err != nil {
			return err
		}
		for _, d := range ds {
			if err := s.aliases.add(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// follow moves every observation to the key of the person it belongs to,
// hop by hop: each round looks up, in the observation's own partition,
// the alias of its key. Observations of a CURP, of a name or identifier
// alone, and of a name and birthdate no CURP holder shares are final;
// rows of rejected links and rows whose key leads nowhere are dropped.
func (s *Store) follow(final *partitions[obs], nbrefs *partitions[alias]) error {
	cur := s.obs
	for round := 0; round <= maxHops; round++ {
		next := newPartitions(obsCodec, s.dir, s.budget/4)
		moved := 0
		for i := range nParts {
			as, err := loadAliases(s.aliases, i)
			if err != nil {
				next.close()
				return err
			}
			if round == 0 && nbrefs != nil {
				for _, a := range as {
					if a.fromKind == kindNB && a.toKind == kindCURP {
						if err := nbrefs.add(a); err != nil {
							next.close()
							return err
						}
					}
				}
			}
			os, err := cur.load(i)
			if err != nil {
				next.close()
				return err
			}
			for _, o := range os {
				dest := final
				switch o.kind {
				case kindNB:
					if a := find(as, &o.key); a != nil && a.toKind == kindCURP {
						o.key, o.kind, o.band = a.to, kindCURP, a.toBand
					}
				case kindRow:
					if round == 0 && o.link != 0 && !s.links[o.link-1].accepted {
						continue
					}
					a := find(as, &o.key)
					if a == nil || a.toKind == kindNobody || round == maxHops {
						continue // the row it points at names no one
					}
					if a.link != 0 && !s.links[a.link-1].accepted {
						continue // that row points on through a link not believed
					}
					if a.link != 0 {
						s.links[a.link-1].resolved++
					}
					o.key, o.kind, o.band = a.to, a.toKind, a.toBand
					if o.kind != kindCURP {
						dest = next // a name and birthdate, or another row: one more hop
						moved++
					}
				}
				if dest == final && o.link != 0 {
					// o.link stays the link the row first pointed through.
					s.links[o.link-1].resolved++
				}
				if err := dest.add(o); err != nil {
					next.close()
					return err
				}
			}
			if err := s.aliases.putBack(i, as); err != nil {
				next.close()
				return err
			}
		}
		if cur != s.obs {
			cur.close()
		}
		cur = next
		if moved == 0 {
			break
		}
	}
	if cur != s.obs {
		cur.close()
	}
	return nil
}

// aggregate groups the final observations by person and counts them.
func aggregate(final *partitions[obs], nbrefs *partitions[alias], r *Resolution, each func(*PersonRecord) error) error {
	var rec PersonRecord
	parts := loadSorted(final, nbrefs)
	defer parts.close()
	for i := range nParts {
		sp := parts.take(i)
		if sp.err != nil {
			return sp.err
		}
		os, refs := sp.obs, sp.refs
		for j := 0; j < len(os); {
			k := j
			rec = PersonRecord{Kind: os[j].kind, Key: os[j].key, Band: os[j].band, Sources: rec.Sources[:0], NB: rec.NB[:0]}
			for ; k < len(os) && os[k].key == os[j].key && os[k].kind == os[j].kind; k++ {
				o := &os[k]
				if rec.Band == bandUnknown {
					rec.Band = o.band
				}
				if n := len(rec.Sources); n > 0 && rec.Sources[n-1].Source == o.source {
					rec.Sources[n-1].Cats |= o.cats
					rec.Sources[n-1].Maybe |= o.maybe
				} else {
					rec.Sources = append(rec.Sources, SourceData{Source: o.source, Cats: o.cats, Maybe: o.maybe})
				}
			}
			j = k
			if rec.Kind == kindCURP && len(refs) > 0 {
				lo, _ := slices.BinarySearchFunc(refs, &rec.Key, func(a alias, k *Key) int { return compareKeys(&a.to, k) })
				for ; lo < len(refs) && refs[lo].to == rec.Key; lo++ {
					rec.NB = append(rec.NB, refs[lo].from)
				}
			}
			r.count(&rec)
			if each != nil {
				if err := each(&rec); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// sortedPart is one partition of the final observations, and of the
// name-and-birthdate references, loaded and sorted for aggregate.
type sortedPart struct {
	obs  []obs
	refs []alias
	err  error
}

// partLoader loads and sorts the partitions ahead of aggregate, on every
// core, a few at a time, while aggregate counts the ones before.
type partLoader struct {
	parts   []chan sortedPart
	slots   chan struct{} // one per partition loaded and not yet taken
	stop    chan struct{}
	running sync.WaitGroup
}

func loadSorted(final *partitions[obs], nbrefs *partitions[alias]) *partLoader {
	l := &partLoader{parts: make([]chan sortedPart, nParts), slots: make(chan struct{}, runtime.GOMAXPROCS(0)+1),
		stop: make(chan struct{})}
	for i := range l.parts {
		l.parts[i] = make(chan sortedPart, 1)
	}
	l.running.Add(1)
	go func() {
		defer l.running.Done()
		for i := range nParts {
			select {
			case l.slots <- struct{}{}:
			case <-l.stop:
				return
			}
			l.running.Add(1)
			go func() {
				defer l.running.Done()
				l.parts[i] <- sortPart(final, nbrefs, i)
			}()
		}
	}()
	return l
}

// take returns partition i, once loaded and sorted; partitions are taken
// in order.
func (l *partLoader) take(i int) sortedPart {
	sp := <-l.parts[i]
	<-l.slots
	return sp
}

// close stops loading and waits for what is under way, so that the
// partitions can be closed.
func (l *partLoader) close() {
	close(l.stop)
	l.running.Wait()
}

func sortPart(final *partitions[obs], nbrefs *partitions[alias], i int) sortedPart {
	os, err := final.load(i)
	if err != nil {
		return sortedPart{err: err}
	}
	slices.SortFunc(os, func(a, b obs) int {
		if c := compareKeys(&a.key, &b.key); c != 0 {
			return c
		}
		if c := cmp.Compare(a.kind, b.kind); c != 0 {
			return c
		}
		return cmp.Compare(a.source, b.source)
	})
	var refs []alias
	if nbrefs != nil {
		if refs, err = nbrefs.load(i); err != nil {
			return sortedPart{err: err}
		}
		slices.SortFunc(refs, func(a, b alias) int {
			if c := compareKeys(&a.to, &b.to); c != 0 {
				return c
			}
			return compareKeys(&a.from, &b.from)
		})
	}
	return sortedPart{obs: os, refs: refs}
}

// inParallel runs fn for every partition, on every core; fn must touch
// only its partition. It returns the first partition's error.
func inParallel(fn func(i int) error) error {
	errs := make([]error, nParts)
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), nParts) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= nParts {
					return
				}
				errs[i] = fn(i)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// count adds one person record to the figures.
func (r *Resolution) count(rec *PersonRecord) {
	var cats, maybe uint32
	for _, sd := range rec.Sources {
		cats |= sd.Cats
		maybe |= sd.Maybe
	}
	identified := rec.Kind == kindCURP || rec.Kind == kindNB
	add := func(c *Counts, cats, maybe uint32) {
		if identified {
			certain := figuresOf(cats, rec.Band)
			most := figuresOf(cats|maybe, rec.Band)
			for f := range nFigures {
				switch {
				case certain[f]:
					c.Certain[f]++
				case most[f]:
					c.MaybeOnly[f]++
				}
			}
			return
		}
		w := widensOf(cats | maybe)
		for f := range nFigures {
			if w[f] {
				c.Widen[f]++
			}
		}
	}
	add(&r.All, cats, maybe)
	for _, sd := range rec.Sources {
		if int(sd.Source) < len(r.BySource) {
			add(&r.BySource[sd.Source], sd.Cats, sd.Maybe)
		}
	}
	if identified && len(rec.Sources) > 1 {
		r.InSeveral++
	}
}

// compareKeys orders keys bytewise (as two big-endian words, which is the
// same order, compared in two steps).
func compareKeys(a, b *Key) int {
	if c := cmp.Compare(binary.BigEndian.Uint64(a[:8]), binary.BigEndian.Uint64(b[:8])); c != 0 {
		return c
	}
	return cmp.Compare(binary.BigEndian.Uint64(a[8:]), binary.BigEndian.Uint64(b[8:]))
}

// WriteRaw writes every observation and alias of the store to a raw
// persons file (a part of a sharded scan), leaving the store as it was.
func (s *Store) WriteRaw(pw *PersonsWriter) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	for i := range nParts {
		os, err := s.obs.load(i)
		if err != nil {
			return err
		}
		for j := range os {
			if err := pw.writeRaw('o', func(b []byte) { obsCodec.put(b, &os[j]) }); err != nil {
				return err
			}
		}
		if err := s.obs.putBack(i, os); err != nil {
			return err
		}
		as, err := s.aliases.load(i)
		if err != nil {
			return err
		}
		for j := range as {
			if err := pw.writeRaw('a', func(b []byte) { aliasCodec.put(b, &as[j]) }); err != nil {
				return err
			}
		}
		if err := s.aliases.putBack(i, as); err != nil {
			return err
		}
		cs, err := s.claims.load(i)
		if err != nil {
			return err
		}
		for j := range cs {
			if err := pw.writeRaw('c', func(b []byte) { aliasCodec.put(b, &cs[j]) }); err != nil {
				return err
			}
		}
		if err := s.claims.putBack(i, cs); err != nil {
			return err
		}
	}
	return nil
}

// addRawObs puts a raw file's observation into the store, with its source
// and its link renumbered (index, links).
func (b *Batch) addRawObs(o obs, index []int, links []uint16) {
	o.source = uint16(index[o.source])
	if o.link != 0 {
		o.link = links[o.link-1]
	}
	b.addObs(o)
}

// addRawAlias puts a raw file's alias (or claim) into the store, its link
// renumbered.
func (b *Batch) addRawAlias(a alias, links []uint16, claim bool) {
	if a.link != 0 {
		a.link = links[a.link-1]
	}
	if claim {
		b.addClaim(a)
	} else {
		b.addAlias(a)
	}
}

// Raw records: what a table added to the person set, as a stream of
// fixed-size records each after a type byte ('o' an observation, 'a' an
// alias, 'c' a claim), keyed hashes only. A checkpoint keeps each finished table's, so
// that a re-run can put them back without reading the table again.

// Tee makes the batch also write every record it flushes to w, as raw
// records; the first write error is kept and returned by TeeErr.
func (b *Batch) Tee(w io.Writer) { b.tee = w }

// TeeErr is the first error writing to the tee.
func (b *Batch) TeeErr() error { return b.teeErr }

func (b *Batch) writeTee() {
	if b.tee == nil || b.teeErr != nil {
		return
	}
	buf := make([]byte, 0, (len(b.obs)*(obsSize+1) + (len(b.aliases)+len(b.claims))*(aliasSize+1)))
	for i := range b.obs {
		n := len(buf)
		buf = append(buf, 'o')
		buf = append(buf, make([]byte, obsSize)...)
		obsCodec.put(buf[n+1:], &b.obs[i])
	}
	for i := range b.aliases {
		n := len(buf)
		buf = append(buf, 'a')
		buf = append(buf, make([]byte, aliasSize)...)
		aliasCodec.put(buf[n+1:], &b.aliases[i])
	}
	for i := range b.claims {
		n := len(buf)
		buf = append(buf, 'c')
		buf = append(buf, make([]byte, aliasSize)...)
		aliasCodec.put(buf[n+1:], &b.claims[i])
	}
	if _, err := b.tee.Write(buf); err != nil {
		b.teeErr = err
	}
}

// Replay puts raw records read from r back into the store, until r ends.
func (s *Store) Replay(r io.Reader) error {
	b := s.NewBatch()
	br := bufio.NewReaderSize(r, 64<<10)
	rec := make([]byte, max(obsSize, aliasSize))
	for {
		t, err := br.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t {
		case 'o':
			if _, err := io.ReadFull(br, rec[:obsSize]); err != nil {
				return fmt.Errorf("a raw record is cut short: %w", err)
			}
			b.addObs(obsCodec.get(rec[:obsSize]))
		case 'a', 'c':
			if _, err := io.ReadFull(br, rec[:aliasSize]); err != nil {
				return fmt.Errorf("a raw record is cut short: %w", err)
			}
			if t == 'a' {
				b.addAlias(aliasCodec.get(rec[:aliasSize]))
			} else {
				b.addClaim(aliasCodec.get(rec[:aliasSize]))
			}
		default:
			return fmt.Errorf("not a raw record (type %q)", t)
		}
	}
	b.Flush()
	return nil
}
