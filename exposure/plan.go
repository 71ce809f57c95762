package exposure

import (
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors"
	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// Column is one readable column of a table, with what classification found.
type Column struct {
	Name     string
	Integer  bool // stored as an integer (a date may be YYYYMMDD or a serial)
	Findings []detectors.Finding
}

// Table is what a plan needs to know of one classified table.
type Table struct {
	Source     uint16 // the source's index in the scan
	Name       string // qualified name, as links name it
	Columns    []Column
	Sample     [][]string // Sample[c][r]: the sampled values, column-major
	SampleRows int
	Complete   bool // the sample holds every row
	// Out are the links from this table: its rows belong to the person of
	// the row those columns point at.
	Out []OutLink
	// Keys are the columns other tables' links point at.
	Keys [][]int
	// Full reads every row of every column that matters (--mode full).
	Full  bool
	Today time.Time
}

// OutLink is a link from a table: Columns (indices) hold the key of a row
// of Target, through the store's link ID.
type OutLink struct {
	Columns []int
	Target  string
	ID      uint16
}

// Plan decides what of a table must be read in full for the person figures
// and the record counts, and turns each row into what the store keeps:
// observations of persons under keyed hashes, and aliases (a name and
// birthdate beside a CURP; a row key that names a person).
//
// A row identifies a person by a valid CURP (in a CURP column, or anywhere
// in its text); without one, by the normalised full name of its subject
// with a birthdate. Rows with only a name, or only an identifier other
// than a CURP, name someone who cannot be told apart: they widen the high
// bounds. Rows without an identity of their own that point through a link
// belong to the person of the row they point at.
type Plan struct {
	t     *Table
	keyer *Keyer
	batch *Batch

	read    []int // columns read in full, in order
	workers int   // goroutines that process rows (SetWorkers)
	serial  *rowWork

	curpCols     []int // narrow columns holding the subject's CURP
	otherCURPs   []int // narrow columns holding someone else's (curp_madre)
	textCURPCols []int // wide columns holding CURPs (read in full only in full mode)
	name         nameColumns
	otherNames   []int
	birthCol     int
	birth        dateReader
	idCols       []idColumn
	judged       []judgedColumn
	// sampleOnly are categories only in columns not read in full: the sampled
	// rows carry them for certain, the others maybe.
	sampleOnly uint32
	sampleRows []uint32 // per sampled row, its categories of sampleOnly

	tally
	exact     uint32 // categories counted exactly (of those the table has: exactCats)
	all       uint32 // categories the table's findings hold
	exactCats uint32
	// rowPrefix and linkPrefix[i] begin the row keys of the table's own
	// rows and of the rows its link i points at: the source and the table.
	rowPrefix  string
	linkPrefix []string
}

// tally is what rows add up to; the rows of one chunk (stream.go) are
// tallied apart and added to the plan's.
type tally struct {
	counts   [32]int64 // rows per category, in the rows counted exactly
	anyRows  int64     // rows counted that hold any category
	rowsRead int64
	textCURP int // sampled rows with a CURP in text that is not read in full
}

func (t *tally) add(o *tally) {
	for i := range t.counts {
		t.counts[i] += o.counts[i]
	}
	t.anyRows += o.anyRows
	t.rowsRead += o.rowsRead
	t.textCURP += o.textCURP
}

// rowWork is what processing rows needs of its own, one per goroutine: the
// row at hand by column, what is known of its values, scratch space, and
// the records made, until they are handed to the batch.
type rowWork struct {
	row   []string
	pres  []uint8 // per column: 0 not looked at yet, 1 present, 2 not
	words []string
	recs  records
}

func (p *Plan) newWork() *rowWork {
	n := len(p.t.Columns)
	return &rowWork{row: make([]string, n), pres: make([]uint8, n)}
}

// present reports whether column c of the row holds a value (present),
// deciding once per row.
func (w *rowWork) present(c int) bool {
	switch w.pres[c] {
	case 1:
		return true
	case 2:
		return false
	}
	ok := present(w.row[c])
	w.pres[c] = 2
	if ok {
		w.pres[c] = 1
	}
	return ok
}

// setRow starts a row: its values by column.
func (w *rowWork) setRow() { clear(w.pres) }

type nameColumns struct {
	full                    []int // one full name, or parts read in column order as one
	paterno, materno, given []int // parts by role
}

func (n nameColumns) empty() bool {
	return len(n.full)+len(n.paterno)+len(n.materno)+len(n.given) == 0
}

type idColumn struct {
	col int
	cat string
}

type judgedColumn struct {
	col  int
	bits uint32 // categories judged value by value
	// A text column is judged by judge; a structured one by its checks,
	// dates reading its birthdates.
	judge  func(v string) uint32
	checks []judgeCheck
	dates  dateReader
}

// judgeCheck is one category a structured column's values are checked for.
type judgeCheck struct {
	bit uint32
	cat string
	// curpCol is the column's place among curpCols for a CURP check of a
	// CURP column, idCol among idCols for a check of an identifier the
	// column is read for (-1 otherwise): those are read once per row.
	curpCol, idCol int
}

// NewPlan plans the reading of t; its records go to b.
func NewPlan(t *Table, k *Keyer, b *Batch) *Plan {
	p := &Plan{t: t, keyer: k, batch: b, birthCol: -1, workers: 1}
	p.serial = p.newWork()
	p.rowPrefix = rowKeyPrefix(t.Source, t.Name)
	for _, l := range t.Out {
		p.linkPrefix = append(p.linkPrefix, rowKeyPrefix(t.Source, l.Target))
	}
	need := make([]bool, len(t.Columns))
	var subjectNames []int
	for c, col := range t.Columns {
		var cats, structured uint32
		text, embedded := false, false
		for _, f := range col.Findings {
			bit := catBit(f.Category)
			cats |= bit
			switch {
			case f.Embedded:
				embedded = true
			case hasEvidence(f, detectors.EvFreeText):
				text = true
			default:
				structured |= bit
			}
		}
		wide := text || embedded || avgLen(t.Sample, c) > 40
		if holdsCURP(t.Sample, c, t.Today) {
			if wide {
				p.textCURPCols = append(p.textCURPCols, c)
				need[c] = need[c] || t.Full
			} else if otherPerson(col.Name) {
				p.otherCURPs = append(p.otherCURPs, c)
				need[c] = true
			} else {
				p.curpCols = append(p.curpCols, c)
				need[c] = true
			}
		}
		if cats == 0 {
			continue
		}
		if structured&bitName != 0 && !wide {
			if otherPerson(col.Name) {
				p.otherNames = append(p.otherNames, c)
			} else {
				subjectNames = append(subjectNames, c)
			}
			need[c] = true
		}
		if structured&bitBirth != 0 && !otherPerson(col.Name) && p.birthCol < 0 {
			p.birthCol = c
			p.birth = newDateReader(col.Integer, t.Sample[c], t.Today)
			need[c] = true
		}
		for _, id := range []string{taxonomy.RFC, taxonomy.NSS, taxonomy.VoterKey} {
			if structured&catBit(id) != 0 && !otherPerson(col.Name) {
				p.idCols = append(p.idCols, idColumn{c, id})
				need[c] = true
			}
		}
		// What is judged value by value in the full read: every category
		// in full mode; in sample mode what the person figures need
		// (identity, health, finance) in columns narrow enough to read.
		judgeable := structured
		if t.Full {
			judgeable = cats
		} else if wide {
			judgeable = 0
		} else {
			judgeable &= maskIDs | bitName | bitBirth | maskHealth | maskFinance
		}
		if judgeable != 0 {
			p.judged = append(p.judged, p.judgeFor(c, judgeable, text || embedded))
			need[c] = true
		}
		p.sampleOnly |= cats &^ judgeable
	}
	p.name = groupNames(t.Columns, t.Sample, subjectNames)
	for _, l := range t.Out {
		for _, c := range l.Columns {
			need[c] = true
		}
	}
	for _, key := range t.Keys {
		for _, c := range key {
			need[c] = true
		}
	}
	// A category is counted exactly when every column holding it is judged.
	for _, j := range p.judged {
		p.exact |= j.bits
	}
	p.exact &^= p.sampleOnly
	if t.Complete {
		p.exact = ^uint32(0)
	}
	for _, col := range t.Columns {
		for _, f := range col.Findings {
			p.all |= catBit(f.Category)
		}
	}
	p.exactCats = p.all & p.exact
	for c, n := range need {
		if n {
			p.read = append(p.read, c)
		}
	}
	p.sampleRows = make([]uint32, t.SampleRows)
	for _, col := range t.Columns {
		for _, f := range col.Findings {
			bit := catBit(f.Category)
			if p.sampleOnly&bit == 0 {
				continue
			}
			for r := range min(t.SampleRows, f.Rows.Len()) {
				if f.Rows.Has(r) {
					p.sampleRows[r] |= bit
				}
			}
		}
	}
	return p
}

// Columns returns the columns (indices) a full read must fetch: nil when
// the sample holds every row, or nothing is needed.
func (p *Plan) Columns() []int {
	if p.t.Complete {
		return nil
	}
	return p.read
}

// SetWorkers sets how many goroutines process rows in ReadSample and
// Read (1, the default: the caller's alone). The records and figures are
// the same whatever the number.
func (p *Plan) SetWorkers(n int) { p.workers = max(n, 1) }

// ReadSample processes the sampled rows: the only rows when the sample is
// the whole table, and in any case the rows whose columns that were only
// sampled are known.
func (p *Plan) ReadSample() {
	if p.workers > 1 && p.t.SampleRows > chunkRows {
		p.readSampleParallel()
		return
	}
	for r := range p.t.SampleRows {
		p.sampleRow(p.serial, &p.tally, r)
		p.batch.take(&p.serial.recs)
	}
}

// sampleRow processes sampled row r, adding to tl.
func (p *Plan) sampleRow(w *rowWork, tl *tally, r int) {
	t := p.t
	w.setRow()
	for c := range w.row {
		w.row[c] = ""
		if c < len(t.Sample) && r < len(t.Sample[c]) {
			w.row[c] = t.Sample[c][r]
		}
	}
	cats := p.process(w, true, p.sampleRows[r], 0)
	if t.Complete {
		p.count(tl, cats|p.sampleRows[r])
		tl.rowsRead++
	} else {
		for _, c := range p.textCURPCols {
			if !t.Full && hasCURP(w.row[c], t.Today) {
				tl.textCURP++
				break
			}
		}
	}
}

// Row processes one row of the full read: values holds the row's values of
// Columns(), in order.
func (p *Plan) Row(values []string) {
	p.fullRow(p.serial, &p.tally, values)
	p.batch.take(&p.serial.recs)
}

// fullRow processes one row of the full read, adding to tl.
func (p *Plan) fullRow(w *rowWork, tl *tally, values []string) {
	w.setRow()
	clear(w.row)
	for i, c := range p.read {
		if i < len(values) {
			w.row[c] = values[i]
		}
	}
	cats := p.process(w, false, 0, p.sampleOnly)
	p.count(tl, cats)
	tl.rowsRead++
}

func (p *Plan) count(tl *tally, cats uint32) {
	if cats&p.exactSet() != 0 {
		tl.anyRows++
	}
	for i := 0; cats != 0 && i < 32; i++ {
		if cats&(1<<i) != 0 {
			tl.counts[i]++
			cats &^= 1 << i
		}
	}
}

// TableResult is what a table's rows added up to.
type TableResult struct {
	// RowsRead is how many rows were processed: the table's row count when
	// it was read in full (or wholly sampled).
	RowsRead int64
	// Exact holds, per category counted exactly, the rows that hold it.
	Exact map[string]int64
	// TextCURPRows are sampled rows whose only CURPs are in text not read
	// in full: the rows not sampled may name as many more people.
	TextCURPRows int
	// SampleOnly are the categories only the sample knows.
	SampleOnly []string
	// SampledRows is how many rows the sample had.
	SampledRows int
	// AllExact is true when every category of the table was counted
	// exactly; then AnyRows is how many rows hold any.
	AllExact bool
	AnyRows  int64
	// maybe[f] says figure f depends on columns only sampled; maybeHits[f]
	// is how many sampled rows held what puts a person in it.
	maybe     [nFigures]bool
	maybeHits [nFigures]int
}

// Result returns the table's counts.
func (p *Plan) Result() TableResult {
	r := TableResult{RowsRead: p.rowsRead, Exact: map[string]int64{}, TextCURPRows: p.textCURP,
		SampleOnly: catIDs(p.sampleOnly), SampledRows: p.t.SampleRows}
	if !p.t.Complete {
		for f, mask := range [nFigures]uint32{figHealth: maskHealth, figFinancial: maskFinance} {
			if mask == 0 || p.sampleOnly&mask == 0 {
				continue
			}
			r.maybe[f] = true
			for _, bits := range p.sampleRows {
				if bits&mask != 0 {
					r.maybeHits[f]++
				}
			}
		}
	}
	if p.rowsRead == 0 && !p.t.Complete {
		return r
	}
	r.AnyRows = p.anyRows
	r.AllExact = p.exactSet() == p.allCats()
	for i, c := range taxonomy.Categories {
		if i < 32 && p.exact&(1<<i) != 0 {
			r.Exact[c.ID] = p.counts[i]
		}
	}
	return r
}

// process turns the current row into observations and aliases, and
// returns the categories its judged columns hold. sampled is true for a
// row of the sample, where every column was read; certain and maybe are
// the categories of columns not judged that the row holds for certain,
// or may hold.
func (p *Plan) process(w *rowWork, sampled bool, certain, maybe uint32) uint32 {
	t := p.t
	// The subject's CURPs: in their CURP columns, then in the row's text,
	// each with its key. Which CURP columns held one is kept for judging
	// them below.
	var curps [4]rowCURP
	n := 0
	hit := false
	add := func(c validate.CURP) {
		hit = true
		for _, have := range curps[:n] {
			if have.Value == c.Value {
				return
			}
		}
		if n < len(curps) {
			curps[n] = rowCURP{CURP: c, key: p.keyer.CURP(c.Value), band: bandOf(c.Birth, t.Today)}
			n++
		}
	}
	var curpIn uint64 // bit k: curpCols[k] holds a valid CURP
	for k, c := range p.curpCols {
		hit = false
		detectors.EachCURP(w.row[c], t.Today, add)
		if hit && k < 64 {
			curpIn |= 1 << k
		}
	}
	if t.Full || sampled {
		// Text is read in full mode, and in sampled rows.
		for _, c := range p.textCURPCols {
			detectors.EachCURP(w.row[c], t.Today, add)
		}
	}
	nameKey, partialName, full, pat, mat, giv := p.subjectName(w)
	var bd time.Time
	bdOK := false
	if p.birthCol >= 0 && w.present(p.birthCol) {
		bd, bdOK = p.birth.read(w.row[p.birthCol])
	}

	idKey := ""
	var idCats uint32
	var idIn uint64 // bit k: idCols[k] holds a valid identifier
	for k, ic := range p.idCols {
		if w.present(ic.col) {
			if canon, ok := validID(ic.cat, w.row[ic.col], t.Today); ok {
				idCats |= catBit(ic.cat)
				if k < 64 {
					idIn |= 1 << k
				}
				if idKey == "" {
					idKey = ic.cat + ":" + canon
				}
			}
		}
	}

	var judged uint32
	for i := range p.judged {
		j := &p.judged[i]
		if !w.present(j.col) {
			continue
		}
		v := w.row[j.col]
		if j.judge != nil {
			judged |= j.judge(v) & j.bits
			continue
		}
		for _, ch := range j.checks {
			var ok bool
			switch {
			case ch.bit == bitCURP && ch.curpCol >= 0:
				ok = curpIn&(1<<ch.curpCol) != 0 // read above, the same way
			case ch.bit == bitBirth && j.col == p.birthCol:
				ok = bdOK // read above, with the same reader
			case ch.idCol >= 0:
				ok = idIn&(1<<ch.idCol) != 0 // validated above
			default:
				ok = carries(ch.cat, v, t.Today, j.dates)
			}
			if ok {
				judged |= ch.bit
			}
		}
	}
	// What the row holds about its subject: everything its columns hold,
	// except that a name, a birthdate and an identifier are theirs only
	// when they come from the subject's own columns (a doctor's name, a
	// name mentioned in a note, a mother's birthdate are someone else's).
	// Likewise identifiers: a mother's CURP is hers (curp_madre), not
	// evidence of her child's identity kit.
	cats := (certain | judged) &^ (bitName | bitBirth | maskIDs)
	if n > 0 {
		cats |= bitCURP
	}
	if partialName != "" {
		cats |= bitName
	}
	if bdOK {
		cats |= bitBirth
	}
	cats |= idCats

	src := t.Source
	var person Key
	var personKind, personBand uint8
	switch {
	case n > 0:
		// The subject is the CURP their name agrees with, or the first;
		// the row's data is about every CURP of the subject's columns
		// (a CURP in a note about the patient is the patient's).
		holder := -1
		for i := range n {
			c := &curps[i]
			w.recs.addObs(obs{key: c.key, cats: cats, maybe: maybe, source: src, kind: kindCURP, band: c.band})
			p.stemAlias(w, c)
			if holder < 0 && nameKey != "" && detectors.NameAgreesWithCURP(c.NameKey, full, pat, mat, giv) {
				holder = i
			}
		}
		if holder >= 0 {
			p.nameAliases(w, &curps[holder], nameKey, bd, bdOK)
			person, personKind, personBand = curps[holder].key, kindCURP, curps[holder].band
		} else {
			person, personKind, personBand = curps[0].key, kindCURP, curps[0].band
			if nameKey != "" && bdOK {
				// The name is not the CURP holder's: someone else, known by
				// name and birthdate.
				w.recs.addObs(obs{key: p.keyer.NameBirth(nameKey, day(bd)), cats: bitName | bitBirth, source: src, kind: kindNB, band: bandOf(bd, t.Today)})
			}
		}
	case nameKey != "" && bdOK:
		person, personKind, personBand = p.keyer.NameBirth(nameKey, day(bd)), kindNB, bandOf(bd, t.Today)
		w.recs.addObs(obs{key: person, cats: cats, maybe: maybe, source: src, kind: kindNB, band: personBand})
		// Whose CURP would this name and birthdate make? A holder whose
		// CURP was never written beside their name is still them.
		var date [6]byte
		yymmdd(&date, bd)
		for _, letters := range detectors.CURPNameKeys(full, pat, mat, giv) {
			w.recs.addClaim(alias{from: p.keyer.joined(kindStem, letters[:4], string(date[:]), letters[4:]), to: person, fromKind: kindStem, toKind: kindNB, toBand: personBand})
		}
	}
	// Other people's CURPs (curp_madre) are people too: identified, with
	// their name when a name column of the row agrees with the CURP; the
	// row's other data is not theirs.
	var namedOthers uint64 // other-name columns (bits by place) that named a CURP holder
	for _, c := range p.otherCURPs {
		detectors.EachCURP(w.row[c], t.Today, func(c validate.CURP) {
			oc := rowCURP{CURP: c, key: p.keyer.CURP(c.Value), band: bandOf(c.Birth, t.Today)}
			ocats := bitCURP
			for k, nc := range p.otherNames {
				if k < 64 && w.present(nc) && detectors.NameAgreesWithCURP(oc.NameKey, w.row[nc], "", "", "") {
					if key, _ := w.nameKeys(w.row[nc], "", ""); key != "" {
						ocats |= bitName
						namedOthers |= 1 << k
						p.nameAliases(w, &oc, key, time.Time{}, false)
					}
				}
			}
			w.recs.addObs(obs{key: oc.key, cats: ocats, source: src, kind: kindCURP, band: oc.band})
			p.stemAlias(w, &oc)
		})
	}
	identified := personKind != 0

	// Rows without an identity of their own belong to whom their links
	// point at.
	var via *OutLink
	var viaKey Key
	for i := range t.Out {
		l := &t.Out[i]
		k, ok := p.rowKey(w, p.linkPrefix[i], l.Columns)
		if !ok {
			continue
		}
		if identified {
			// The row's own person is the person of the row it points at
			// (a consultation with the patient's CURP, pointing at the
			// register row that knows them by name and birthdate).
			w.recs.addClaim(alias{from: k, to: person, fromKind: kindRow, toKind: personKind, toBand: personBand, link: l.ID})
		} else {
			w.recs.addObs(obs{key: k, cats: cats, maybe: maybe, source: src, kind: kindRow, link: l.ID})
		}
		if via == nil {
			via, viaKey = l, k
		}
	}
	// A name or identifier of a row with no identity of its own widens the
	// high bounds, even when the row points at someone: whether that link
	// leads to a person is only known later, and a high bound may be loose
	// but never short.
	if !identified {
		switch {
		case idKey != "":
			w.recs.addObs(obs{key: p.keyer.hash(kindID, idKey), cats: cats, maybe: maybe, source: src, kind: kindID})
		case partialName != "":
			w.recs.addObs(obs{key: p.keyer.hash(kindName, partialName), cats: cats, maybe: maybe, source: src, kind: kindName})
		}
	}
	for k, c := range p.otherNames {
		if k < 64 && namedOthers&(1<<k) != 0 {
			continue // a CURP of the row says who they are
		}
		if w.present(c) {
			if _, k := w.nameKeys(w.row[c], "", ""); k != "" {
				w.recs.addObs(obs{key: p.keyer.hash(kindName, k), cats: bitName, source: src, kind: kindName})
			}
		}
	}
	// Rows other tables point at name their person, or point on.
	for _, key := range t.Keys {
		k, ok := p.rowKey(w, p.rowPrefix, key)
		if !ok {
			continue
		}
		a := alias{from: k, fromKind: kindRow}
		switch {
		case identified:
			a.to, a.toKind, a.toBand = person, personKind, personBand
		case via != nil:
			a.to, a.toKind, a.link = viaKey, kindRow, via.ID
		default:
			a.toKind = kindNobody
		}
		w.recs.addAlias(a)
	}
	return judged | (cats & (bitCURP | bitName | bitBirth) & p.exactSet())
}

// rowCURP is a CURP found in a row, with its key and its holder's age band.
type rowCURP struct {
	validate.CURP
	key  Key
	band uint8
}

// stemAlias says what a CURP says of its holder's name letters and date,
// for names and birthdates written without it (joinClaims).
func (p *Plan) stemAlias(w *rowWork, c *rowCURP) {
	w.recs.addAlias(alias{from: p.keyer.joined(kindStem, c.Value[:10], c.Value[13:16]), to: c.key,
		fromKind: kindStem, toKind: kindCURP, toBand: c.band})
}

// nameAliases says that a name, with the CURP's date and with the row's
// birthdate when it differs, is that CURP's holder: another table or
// institution that knows them by name and birthdate finds them.
func (p *Plan) nameAliases(w *rowWork, c *rowCURP, nameKey string, bd time.Time, bdOK bool) {
	w.recs.addAlias(alias{from: p.keyer.NameBirth(nameKey, day(c.Birth)), to: c.key, fromKind: kindNB, toKind: kindCURP, toBand: c.band})
	if bdOK && !bd.Equal(c.Birth) {
		w.recs.addAlias(alias{from: p.keyer.NameBirth(nameKey, day(bd)), to: c.key, fromKind: kindNB, toKind: kindCURP, toBand: c.band})
	}
}

// exactSet is the categories counted exactly; the identity bits a row
// shows count only for categories that have findings.
func (p *Plan) exactSet() uint32 { return p.exactCats }

// allCats is every category the table's findings hold.
func (p *Plan) allCats() uint32 { return p.all }

// subjectName returns the row's subject's name key ("" when the name is
// not written in full), the key of what it says (for the high bounds),
// and the name as the CURP check wants it (a full name, or its parts). A
// legacy field may have cut a long name; a value that fills its field is
// still taken as written: most that do are whole, and telling a cut one
// apart would lose more people than it would spare.
func (p *Plan) subjectName(w *rowWork) (key, partial, full, paterno, materno, given string) {
	if p.name.empty() {
		return
	}
	join := func(cols []int) string {
		out := ""
		for _, c := range cols {
			if w.present(c) {
				if out == "" {
					out = w.row[c]
				} else {
					out += " " + w.row[c]
				}
			}
		}
		return out
	}
	paterno, materno, given = join(p.name.paterno), join(p.name.materno), join(p.name.given)
	if paterno != "" && given != "" {
		key, partial = w.nameKeys(given, paterno, materno)
	} else {
		full = join(p.name.full)
		if full == "" {
			full = strings.TrimSpace(given + " " + paterno + " " + materno)
		}
		paterno, materno, given = "", "", ""
		key, partial = w.nameKeys(full, "", "")
	}
	return key, partial, full, paterno, materno, given
}

// nameKeys returns NameKey and PartialNameKey of a name in up to three
// parts, reading its words once.
func (w *rowWork) nameKeys(a, b, c string) (key, partial string) {
	words, full := w.words[:0], true
	for _, part := range [3]string{a, b, c} {
		words, full = appendNameWords(words, part, full)
	}
	w.words = words
	if len(words) < 2 {
		return "", ""
	}
	slices.Sort(words)
	partial = strings.Join(words, " ")
	if full {
		key = partial
	}
	return key, partial
}

// rowKeyPrefix begins the key of a row of table in source: what rowKey
// hashes before the key's values.
func rowKeyPrefix(source uint16, table string) string {
	return string(rune(source)) + "\x00" + strings.ToLower(table)
}

// rowKey is the key of the row a row's columns point at (or of its own
// row, for its own key columns), after prefix (rowKeyPrefix).
func (p *Plan) rowKey(w *rowWork, prefix string, cols []int) (Key, bool) {
	var buf [8]string
	parts := append(buf[:0], prefix)
	for _, c := range cols {
		v := normalizeKeyValue(w.row[c])
		if v == "" {
			return Key{}, false
		}
		parts = append(parts, v)
	}
	return p.keyer.hash(kindRow, parts...), true
}

// normalizeKeyValue makes the same key written by two tables compare
// equal: trimmed, upper-cased (most legacy collations ignore case), and
// numbers without leading zeros or a decimal part of zeros (a key stored
// as 0012 in one table and 12, or 12.0, in another).
func normalizeKeyValue(v string) string {
	v = strings.ToUpper(strings.TrimSpace(v))
	if v == "" {
		return ""
	}
	if i := strings.IndexByte(v, '.'); i > 0 && strings.Trim(v[i+1:], "0") == "" {
		v = v[:i]
	}
	digits := true
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			digits = false
			break
		}
	}
	if digits {
		if t := strings.TrimLeft(v, "0"); t != "" {
			return t
		}
		return "0"
	}
	return v
}

// groupNames sorts the subject's name columns by the part they hold.
func groupNames(cols []Column, sample [][]string, idx []int) nameColumns {
	var g nameColumns
	var fullNamed []int
	for _, c := range idx {
		hint := vocab.Lookup(cols[c].Name).Hint
		if hint == "" && avgWords(sample, c) >= 2.5 {
			hint = vocab.HintFullName // a whole name in each value, whatever the column is called
		}
		switch hint {
		case vocab.HintSurname1:
			g.paterno = append(g.paterno, c)
		case vocab.HintSurname2:
			g.materno = append(g.materno, c)
		case vocab.HintGivenName:
			g.given = append(g.given, c)
		case vocab.HintFullName:
			fullNamed = append(fullNamed, c)
		default:
			// A column whose name says nothing of its part (C03,
			// FAMILY_NAM, APELLIDO2_X): one more part of the name.
			g.full = append(g.full, c)
		}
	}
	switch {
	case len(g.paterno) > 0 && len(g.given) > 0:
		// The parts, by role: what else names the subject is repeated.
		g.full = nil
	case len(fullNamed) > 0:
		// A full name in one column; two such columns are two people (or
		// one repeated): the subject's is the first.
		g.full, g.paterno, g.materno, g.given = fullNamed[:1], nil, nil, nil
	default:
		// Parts without every role named: read in the table's order, as
		// one name (GIVEN_NAME, FAMILY_NAM, SECOND_FAM).
		all := append(append(append(g.given, g.paterno...), g.materno...), g.full...)
		slices.Sort(all)
		g.full, g.paterno, g.materno, g.given = all, nil, nil, nil
	}
	return g
}

// otherPersonWords in a column's name say it names someone other than the
// row's subject: staff who attended or captured it, relatives, witnesses.
var otherPersonWords = []string{"medic", "doctor", "dr_", "enferm", "responsable", "captur", "usuario", "operador",
	"elabor", "autoriz", "revis", "firma", "testigo", "padre", "madre", "tutor", "conyug", "esposo", "esposa",
	"contacto", "familiar", "informante", "agente", "vendedor", "cajero", "promotor", "notario", "juez",
	"oficial", "registrador", "certific", "atendio", "atiende", "trabajador_social", "jefe", "supervisor",
	"referencia", "aval", "emergencia", "hijo", "hija", "abuel", "herman"}

func otherPerson(column string) bool {
	n := norm.Identifier(column) + "_"
	for _, w := range otherPersonWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// judgeFor returns how a column's values are judged, value by value, for
// the categories in bits: with the validators where a category has one,
// by the free-text reader for text, by presence otherwise (a column
// classified as holding a category holds it in its present values).
func (p *Plan) judgeFor(c int, bits uint32, text bool) judgedColumn {
	today := p.t.Today
	j := judgedColumn{col: c, bits: bits}
	if text {
		// The reader looks only for what is judged (the rest is masked
		// away); a CURP is looked for below in any case.
		var want []string
		for i, cat := range taxonomy.Categories {
			if i < 32 && bits&(1<<i) != 0 {
				want = append(want, cat.ID)
			}
		}
		only := detectors.TextCatsOf(want...)
		j.judge = func(v string) uint32 {
			var out uint32
			detectors.EachTextCategory(v, today, only, func(cat string) { out |= catBit(cat) })
			if bits&bitCURP != 0 && out&bitCURP == 0 && hasCURP(v, today) {
				out |= bitCURP
			}
			return out | bits&presenceOnlyText
		}
		return j
	}
	if bits&bitBirth != 0 {
		j.dates = newDateReader(p.t.Columns[c].Integer, p.t.Sample[c], today)
	}
	for i, cat := range taxonomy.Categories {
		if bit := uint32(1) << i; i < 32 && bits&bit != 0 {
			ch := judgeCheck{bit: bit, cat: cat.ID, curpCol: -1, idCol: -1}
			if k := slices.Index(p.curpCols, c); bit == bitCURP && k >= 0 && k < 64 {
				ch.curpCol = k
			}
			if k := slices.Index(p.idCols, idColumn{c, cat.ID}); k >= 0 && k < 64 {
				ch.idCol = k
			}
			j.checks = append(j.checks, ch)
		}
	}
	return j
}

// presenceOnlyText are the categories a text value is taken to hold when
// present, because the free-text reader does not look for them (health
// enrollment and facilities in JSON fields, say).
var presenceOnlyText = catBit(taxonomy.HealthEnrollment) | catBit(taxonomy.HealthFacility) | maskFinance

// carries judges one value of a structured column for one category.
func carries(cat, v string, today time.Time, dates dateReader) bool {
	switch cat {
	case taxonomy.CURP:
		return hasCURP(v, today)
	case taxonomy.RFC, taxonomy.NSS, taxonomy.VoterKey:
		_, ok := validID(cat, v, today)
		return ok
	case taxonomy.Birthdate:
		_, ok := dates.read(v)
		return ok
	case taxonomy.CLABE:
		return validate.ParseCLABE(v) == validate.OK
	case taxonomy.CreditCard:
		_, r := validate.ParseCard(v)
		return r == validate.OK
	case taxonomy.Email:
		return validate.ParseEmail(v) == validate.OK
	case taxonomy.Phone:
		_, r := validate.ParsePhone(v)
		return r == validate.OK
	case taxonomy.PostalCode:
		_, r := validate.ParsePostalCode(v, true)
		return r == validate.OK
	}
	return true // names, addresses, health data: the column holds them where present
}

// validID validates an identifier other than a CURP, returning its
// canonical form.
func validID(cat, v string, today time.Time) (string, bool) {
	switch cat {
	case taxonomy.RFC:
		r, reason := validate.ParseRFC(v)
		if reason != validate.OK && reason != validate.BadCheckDigit || !r.Person {
			return "", false
		}
		return r.Value, true
	case taxonomy.NSS:
		n, reason := validate.ParseNSS(v, today)
		return n.Value, reason == validate.OK
	case taxonomy.VoterKey:
		k, reason := validate.ParseVoterKey(v, today)
		return k.Value, reason == validate.OK
	}
	return "", false
}

func hasCURP(v string, today time.Time) bool {
	found := false
	detectors.EachCURP(v, today, func(validate.CURP) { found = true })
	return found
}

// holdsCURP reports whether any sampled value of column c holds a valid
// CURP: every valid CURP counts as a person wherever it is, also in a
// column whose CURPs are too few among placeholders to be a finding.
func holdsCURP(sample [][]string, c int, today time.Time) bool {
	if c >= len(sample) {
		return false
	}
	for _, v := range sample[c] {
		if len(v) >= 18 && hasCURP(v, today) {
			return true
		}
	}
	return false
}

// avgWords is the average number of words of column c's sampled values.
func avgWords(sample [][]string, c int) float64 {
	if c >= len(sample) {
		return 0
	}
	words, n := 0, 0
	for _, v := range sample[c] {
		if v = strings.TrimSpace(v); v != "" {
			words += len(strings.Fields(v))
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(words) / float64(n)
}

func avgLen(sample [][]string, c int) int {
	if c >= len(sample) {
		return 0
	}
	total, n := 0, 0
	for _, v := range sample[c] {
		if v != "" {
			total += len(v)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return total / n
}

// present reports whether a value is a value: not empty, not a placeholder.
func present(v string) bool {
	v = strings.TrimSpace(v)
	return v != "" && !validate.IsPlaceholder(v)
}

func hasEvidence(f detectors.Finding, ev string) bool { return slices.Contains(f.Evidence, ev) }

// day writes a date as the identity keys do: YYYY-MM-DD.
func day(t time.Time) string {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.Format("2006-01-02")
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
}

// yymmdd writes a date as a CURP does: YYMMDD.
func yymmdd(b *[6]byte, t time.Time) {
	y, m, d := t.Date()
	y %= 100
	if y < 0 {
		y += 100
	}
	*b = [6]byte{byte('0' + y/10), byte('0' + y%10), byte('0' + int(m)/10), byte('0' + int(m)%10), byte('0' + d/10), byte('0' + d%10)}
}
