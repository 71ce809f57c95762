package exposure

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// nParts is how many partitions records are spread over, by the first
// byte of their key (keys are uniform hashes): a partition is small enough
// to process in memory even when the whole set is not.
const nParts = 64

func partOf(k *Key) int { return int(k[0]) % nParts }

// codec writes and reads one kind of record in a fixed number of bytes.
type codec[T any] struct {
	name  string
	size  int
	put   func(b []byte, r *T)
	get   func(b []byte) T
	keyOf func(r T) Key
}

// partitions holds records spread over nParts partitions by key, in memory
// until its budget of records is used up, then appended to one file per
// partition in dir. Memory stays bounded whatever the number of records;
// each partition is later loaded whole, alone. Distinct partitions may be
// loaded and put back at once; adding is for one goroutine at a time.
type partitions[T any] struct {
	c      codec[T]
	dir    string        // created on first spill
	tmp    string        // the directory made under dir
	mem    [nParts][][]T // in blocks, so that growing never copies what is kept
	inMem  int
	budget int // records kept in memory before spilling
	files  [nParts]*os.File
	bufs   [nParts]*bufio.Writer
	total  int64
	buf    []byte
}

func newPartitions[T any](c codec[T], dir string, budgetBytes int64) *partitions[T] {
	return &partitions[T]{c: c, dir: dir, budget: max(16, int(budgetBytes/int64(c.size)))}
}

// Blocks of records in memory start small (most partitions of a small
// scan stay small) and grow to maxBlock records.
const (
	minBlock = 64
	maxBlock = 1024
)

// add keeps one record.
func (p *partitions[T]) add(r T) error {
	k := p.c.keyOf(r)
	i := partOf(&k)
	bs := p.mem[i]
	if n := len(bs); n == 0 || len(bs[n-1]) == cap(bs[n-1]) {
		size := minBlock
		if n > 0 {
			size = min(max(2*cap(bs[n-1]), minBlock), maxBlock)
		}
		bs = append(bs, make([]T, 0, size))
		p.mem[i] = bs
	}
	last := &bs[len(bs)-1]
	*last = append(*last, r)
	p.inMem++
	p.total++
	if p.inMem >= p.budget {
		return p.spill()
	}
	return nil
}

// spill appends every partition held in memory to its file.
func (p *partitions[T]) spill() error {
	if p.tmp == "" {
		d, err := os.MkdirTemp(p.dir, "alcance-persons-*")
		if err != nil {
			return fmt.Errorf("person set: making a spill directory: %w", err)
		}
		p.tmp = d
	}
	if p.buf == nil {
		p.buf = make([]byte, p.c.size)
	}
	for i := range p.mem {
		if blocksLen(p.mem[i]) == 0 {
			p.mem[i] = nil
			continue
		}
		if p.files[i] == nil {
			f, err := os.Create(filepath.Join(p.tmp, fmt.Sprintf("%s-%02d", p.c.name, i)))
			if err != nil {
				return fmt.Errorf("person set: spilling: %w", err)
			}
			p.files[i], p.bufs[i] = f, bufio.NewWriterSize(f, 64<<10)
		}
		for _, b := range p.mem[i] {
			for j := range b {
				p.c.put(p.buf, &b[j])
				if _, err := p.bufs[i].Write(p.buf); err != nil {
					return fmt.Errorf("person set: spilling: %w", err)
				}
			}
		}
		// Let the memory go: partitions often fill one after another (a
		// pass over another set's partitions), so a slice kept for reuse
		// would end as large as its whole partition.
		p.mem[i] = nil
	}
	p.inMem = 0
	return nil
}

// takeMem returns partition i's records in memory as one slice, and
// forgets them.
func (p *partitions[T]) takeMem(i int) []T {
	bs := p.mem[i]
	p.mem[i] = nil
	if len(bs) == 1 {
		return bs[0]
	}
	out := make([]T, 0, blocksLen(bs))
	for _, b := range bs {
		out = append(out, b...)
	}
	return out
}

// blocksLen is how many records blocks hold.
func blocksLen[T any](bs [][]T) int {
	n := 0
	for _, b := range bs {
		n += len(b)
	}
	return n
}

// load returns every record of partition i, from its file and memory. The
// slice may be modified by the caller; memory records are not kept twice.
func (p *partitions[T]) load(i int) ([]T, error) {
	if p.files[i] == nil {
		return p.takeMem(i), nil
	}
	out := p.mem[i]
	p.mem[i] = nil
	if err := p.bufs[i].Flush(); err != nil {
		return nil, fmt.Errorf("person set: %w", err)
	}
	f := p.files[i]
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, fmt.Errorf("person set: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("person set: %w", err)
	}
	n := int(size) / p.c.size
	all := make([]T, 0, n+blocksLen(out))
	r := bufio.NewReaderSize(f, 256<<10)
	b := make([]byte, p.c.size)
	for range n {
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("person set: reading a spill file: %w", err)
		}
		all = append(all, p.c.get(b))
	}
	// Reloading must not see the records twice: the file is emptied.
	if err := f.Truncate(0); err != nil {
		return nil, fmt.Errorf("person set: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("person set: %w", err)
	}
	p.bufs[i].Reset(f)
	for _, b := range out {
		all = append(all, b...)
	}
	return all, nil
}

// putBack returns records of partition i taken by load, for another pass:
// to its file when the set spills (memory stays bounded), else to memory.
func (p *partitions[T]) putBack(i int, recs []T) error {
	if p.files[i] == nil {
		p.mem[i] = [][]T{recs}
		return nil
	}
	buf := make([]byte, p.c.size) // not p.buf: partitions are put back in parallel
	for j := range recs {
		p.c.put(buf, &recs[j])
		if _, err := p.bufs[i].Write(buf); err != nil {
			return fmt.Errorf("person set: spilling: %w", err)
		}
	}
	return nil
}

// close removes the spill files.
func (p *partitions[T]) close() {
	for i, f := range p.files {
		if f != nil {
			f.Close()
			p.files[i] = nil
		}
	}
	if p.tmp != "" {
		os.RemoveAll(p.tmp)
		p.tmp = ""
	}
	p.mem = [nParts][][]T{}
}

// obs is one observation of a person (or of what may be one) in one source:
// the key it was seen under, what its rows hold for certain (cats) and what
// its rows not read may hold (maybe), as bit sets of taxonomy categories.
type obs struct {
	key    Key
	cats   uint32
	maybe  uint32
	source uint16
	link   uint16 // kindRow: 1 + the link's index
	kind   uint8
	band   uint8
}

const obsSize = 16 + 4 + 4 + 2 + 2 + 1 + 1

var obsCodec = codec[obs]{
	name: "obs", size: obsSize,
	put: func(b []byte, r *obs) {
		copy(b, r.key[:])
		binary.LittleEndian.PutUint32(b[16:], r.cats)
		binary.LittleEndian.PutUint32(b[20:], r.maybe)
		binary.LittleEndian.PutUint16(b[24:], r.source)
		binary.LittleEndian.PutUint16(b[26:], r.link)
		b[28], b[29] = r.kind, r.band
	},
	get: func(b []byte) obs {
		var r obs
		copy(r.key[:], b)
		r.cats = binary.LittleEndian.Uint32(b[16:])
		r.maybe = binary.LittleEndian.Uint32(b[20:])
		r.source = binary.LittleEndian.Uint16(b[24:])
		r.link = binary.LittleEndian.Uint16(b[26:])
		r.kind, r.band = b[28], b[29]
		return r
	},
	keyOf: func(r obs) Key { return r.key },
}

// alias says that whoever is seen under key from is the person (or row)
// seen under key to: a name and birthdate found in a CURP's row is that
// CURP's holder; a row key of a table names the person of that row.
type alias struct {
	from, to Key
	fromKind uint8
	toKind   uint8
	toBand   uint8
	// link is, for a row that points at another row, 1 + the index of the
	// link it points through: following it needs the link believed.
	link uint16
}

const aliasSize = 16 + 16 + 3 + 2

var aliasCodec = codec[alias]{
	name: "alias", size: aliasSize,
	put: func(b []byte, r *alias) {
		copy(b, r.from[:])
		copy(b[16:], r.to[:])
		b[32], b[33], b[34] = r.fromKind, r.toKind, r.toBand
		binary.LittleEndian.PutUint16(b[35:], r.link)
	},
	get: func(b []byte) alias {
		var r alias
		copy(r.from[:], b)
		copy(r.to[:], b[16:])
		r.fromKind, r.toKind, r.toBand = b[32], b[33], b[34]
		r.link = binary.LittleEndian.Uint16(b[35:])
		return r
	},
	keyOf: func(r alias) Key { return r.from },
}

// nbref files a CURP holder's name-and-birthdate keys under the CURP's key,
// for the persons file (what lets another institution's name and birthdate
// find them).
var nbrefCodec = codec[alias]{
	name: "nbref", size: aliasSize, put: aliasCodec.put, get: aliasCodec.get,
	keyOf: func(r alias) Key { return r.to },
}
