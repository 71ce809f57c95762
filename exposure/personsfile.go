package exposure

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/alcance-mx/alcance/taxonomy"
)

// PersonsSchema names the persons file format.
const PersonsSchema = "alcance.persons/v1"

// A persons file is what an institution hands over for merge instead of
// personal data: per person, the keyed hashes of its identity keys (its
// CURP, or its normalised name and birthdate; a CURP holder's name and
// birthdate keys too, so another institution's record of them by name can
// find them), the kinds of data each source holds about them, their age
// band, and the names and identifiers that could not be tied to anyone
// (they widen the high bounds). Nothing else: no CURP, name or birthdate
// can be recovered from it without the key.
//
// Layout: the line "alcance.persons/v1", a line of JSON (PersonsHeader),
// then binary records (little-endian): kind u8, band u8, sources u16,
// name-and-birthdate keys u16, key [16]byte, then per source (index u16,
// categories u32, maybe u32), then the keys; and last a trailer: 0xFF and
// the record count as u64, so that a cut file is detected.
//
// A part of a sharded scan cannot resolve its persons alone (a row it read
// may point at a row another part read), so its persons file is raw
// (PersonsHeader.Raw): the observations and aliases it gathered, keyed
// hashes all, each record a type byte ('o' or 'a') and its fixed-size
// encoding, and the links they point through (PersonsHeader.Links); merge
// resolves them together with the other parts'.

// PersonsHeader describes a persons file.
type PersonsHeader struct {
	Schema string `json:"schema"`
	KeyID  string `json:"key_id"`
	Today  string `json:"today"`
	// Categories names the bits of the category sets, in bit order.
	Categories []string        `json:"categories"`
	Sources    []PersonsSource `json:"sources"`
	// Raw marks the persons file of a part of a sharded scan; Links are
	// the links its row observations point through, in id order.
	Raw   bool          `json:"raw,omitempty"`
	Links []PersonsLink `json:"links,omitempty"`
}

// PersonsLink is a link of a raw persons file: which source, between which
// columns, whether declared, and its group of alternatives.
type PersonsLink struct {
	Source   int    `json:"source"`
	From     string `json:"from"`
	To       string `json:"to"`
	Declared bool   `json:"declared"`
	Group    int    `json:"group"`
}

// PersonsSource is one source of a persons file, as its report names it,
// with what the scan knew of its unread rows.
type PersonsSource struct {
	Name        string      `json:"name"`
	Kind        string      `json:"kind"`
	Location    string      `json:"location"`
	Institution string      `json:"institution,omitempty"`
	Notes       SourceNotes `json:"notes"`
}

func taxonomyIDs() []string {
	var out []string
	for _, c := range taxonomy.Categories {
		out = append(out, c.ID)
	}
	return out
}

// PersonsWriter writes a persons file; it appears under its name only when
// Close succeeds.
type PersonsWriter struct {
	path string
	f    *os.File
	w    *bufio.Writer
	sum  hash.Hash
	n    uint64
	buf  []byte
}

// CreatePersonsFile starts a persons file at path.
func CreatePersonsFile(path string, h PersonsHeader) (*PersonsWriter, error) {
	h.Schema = PersonsSchema
	h.Categories = taxonomyIDs()
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, fmt.Errorf("writing persons file %s: %w", path, err)
	}
	pw := &PersonsWriter{path: path, f: f, sum: sha256.New()}
	pw.w = bufio.NewWriterSize(io.MultiWriter(f, pw.sum), 256<<10)
	head, err := json.Marshal(h)
	if err == nil {
		_, err = fmt.Fprintf(pw.w, "%s\n%s\n", PersonsSchema, head)
	}
	if err != nil {
		pw.Abort()
		return nil, fmt.Errorf("writing persons file %s: %w", path, err)
	}
	return pw, nil
}

// Write adds one record.
func (pw *PersonsWriter) Write(r *PersonRecord) error {
	b := pw.buf[:0]
	b = append(b, r.Kind, r.Band)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(r.Sources)))
	b = binary.LittleEndian.AppendUint16(b, uint16(len(r.NB)))
	b = append(b, r.Key[:]...)
	for _, s := range r.Sources {
		b = binary.LittleEndian.AppendUint16(b, s.Source)
		b = binary.LittleEndian.AppendUint32(b, s.Cats)
		b = binary.LittleEndian.AppendUint32(b, s.Maybe)
	}
	for _, k := range r.NB {
		b = append(b, k[:]...)
	}
	pw.buf = b
	pw.n++
	if _, err := pw.w.Write(b); err != nil {
		return fmt.Errorf("writing persons file %s: %w", pw.path, err)
	}
	return nil
}

// writeRaw adds one observation or alias of a raw file.
func (pw *PersonsWriter) writeRaw(typ byte, enc func([]byte)) error {
	b := append(pw.buf[:0], typ)
	n := len(b)
	size := obsSize
	if typ != 'o' {
		size = aliasSize
	}
	b = append(b, make([]byte, size)...)
	enc(b[n:])
	pw.buf = b
	pw.n++
	if _, err := pw.w.Write(b); err != nil {
		return fmt.Errorf("writing persons file %s: %w", pw.path, err)
	}
	return nil
}

// Close ends the file and returns its SHA-256 (hex).
func (pw *PersonsWriter) Close() (string, error) {
	trailer := binary.LittleEndian.AppendUint64([]byte{0xFF}, pw.n)
	_, err := pw.w.Write(trailer)
	if err == nil {
		err = pw.w.Flush()
	}
	if err == nil {
		err = pw.f.Close()
	}
	if err == nil {
		err = os.Rename(pw.f.Name(), pw.path)
	}
	if err != nil {
		pw.Abort()
		return "", fmt.Errorf("writing persons file %s: %w", pw.path, err)
	}
	return hex.EncodeToString(pw.sum.Sum(nil)), nil
}

// Abort removes what was written.
func (pw *PersonsWriter) Abort() {
	pw.f.Close()
	os.Remove(pw.f.Name())
}

// ErrPersonsFile marks a persons file that is not one, is cut short or
// does not match what its report says.
var ErrPersonsFile = errors.New("not a valid persons file")

// ReadPersonsFile reads a persons file, calling fn with each record (the
// record is reused between calls), and returns its header and SHA-256. A
// raw file (a part of a sharded scan) has no person records: see readRaw.
func ReadPersonsFile(path string, fn func(*PersonRecord) error) (PersonsHeader, string, error) {
	return readPersons(path, personsVisitor{record: fn})
}

// personsVisitor receives what a persons file holds: person records, or
// for a raw file observations and aliases.
type personsVisitor struct {
	header func(PersonsHeader) error
	record func(*PersonRecord) error
	obs    func(obs) error
	alias  func(a alias, claim bool) error
}

func readPersons(path string, v personsVisitor) (PersonsHeader, string, error) {
	var h PersonsHeader
	f, err := os.Open(path)
	if err != nil {
		return h, "", fmt.Errorf("reading persons file: %w", err)
	}
	defer f.Close()
	sum := sha256.New()
	r := bufio.NewReaderSize(io.TeeReader(f, sum), 256<<10)
	bad := func(why string) (PersonsHeader, string, error) {
		return h, "", fmt.Errorf("%w: %s: %s", ErrPersonsFile, path, why)
	}
	line, err := r.ReadString('\n')
	if err != nil || line != PersonsSchema+"\n" {
		return bad("it does not start with " + PersonsSchema)
	}
	head, err := r.ReadBytes('\n')
	if err != nil || json.Unmarshal(head, &h) != nil {
		return bad("its header is not readable")
	}
	remap, err := categoryMap(h.Categories)
	if err != nil {
		return bad(err.Error())
	}
	if v.header != nil {
		if err := v.header(h); err != nil {
			return bad(err.Error())
		}
	}
	var rec PersonRecord
	var fixed [22]byte
	var n uint64
	for {
		kind, err := r.ReadByte()
		if err == io.EOF {
			return bad("it is cut short (no trailer)")
		}
		if err != nil {
			return h, "", fmt.Errorf("reading persons file %s: %w", path, err)
		}
		if kind == 0xFF {
			var cnt [8]byte
			if _, err := io.ReadFull(r, cnt[:]); err != nil || binary.LittleEndian.Uint64(cnt[:]) != n {
				return bad("its trailer does not match its records")
			}
			if _, err := r.ReadByte(); err != io.EOF {
				return bad("data after its trailer")
			}
			return h, hex.EncodeToString(sum.Sum(nil)), nil
		}
		if h.Raw {
			if kind != 'o' && kind != 'a' && kind != 'c' {
				return bad("an unknown record type")
			}
			size := obsSize
			if kind != 'o' {
				size = aliasSize
			}
			b := make([]byte, size)
			if _, err := io.ReadFull(r, b); err != nil {
				return bad("a record is cut short")
			}
			n++
			var err error
			switch {
			case kind == 'o' && v.obs != nil:
				o := obsCodec.get(b)
				o.cats, o.maybe = remap(o.cats), remap(o.maybe)
				if int(o.source) >= len(h.Sources) || o.link > uint16(len(h.Links)) {
					return bad("a record names a source or link the header does not list")
				}
				err = v.obs(o)
			case (kind == 'a' || kind == 'c') && v.alias != nil:
				a := aliasCodec.get(b)
				if a.link > uint16(len(h.Links)) {
					return bad("a record names a link the header does not list")
				}
				err = v.alias(a, kind == 'c')
			}
			if err != nil {
				return h, "", err
			}
			continue
		}
		if _, err := io.ReadFull(r, fixed[:21]); err != nil {
			return bad("a record is cut short")
		}
		rec.Kind, rec.Band = kind, fixed[0]
		ns, nn := int(binary.LittleEndian.Uint16(fixed[1:])), int(binary.LittleEndian.Uint16(fixed[3:]))
		copy(rec.Key[:], fixed[5:21])
		rec.Sources, rec.NB = rec.Sources[:0], rec.NB[:0]
		var sd [10]byte
		for range ns {
			if _, err := io.ReadFull(r, sd[:]); err != nil {
				return bad("a record is cut short")
			}
			s := SourceData{Source: binary.LittleEndian.Uint16(sd[:]), Cats: remap(binary.LittleEndian.Uint32(sd[2:])),
				Maybe: remap(binary.LittleEndian.Uint32(sd[6:]))}
			if int(s.Source) >= len(h.Sources) {
				return bad("a record names a source the header does not list")
			}
			rec.Sources = append(rec.Sources, s)
		}
		for range nn {
			var k Key
			if _, err := io.ReadFull(r, k[:]); err != nil {
				return bad("a record is cut short")
			}
			rec.NB = append(rec.NB, k)
		}
		n++
		if v.record != nil {
			if err := v.record(&rec); err != nil {
				return h, "", err
			}
		}
	}
}

// categoryMap maps a file's category bits to this version's.
func categoryMap(ids []string) (func(uint32) uint32, error) {
	if slices.Equal(ids, taxonomyIDs()) {
		return func(b uint32) uint32 { return b }, nil
	}
	var to [32]uint32
	for i, id := range ids {
		if i >= 32 {
			break
		}
		if _, ok := taxonomy.Lookup(id); !ok {
			return nil, fmt.Errorf("unknown category %q", id)
		}
		to[i] = catBit(id)
	}
	return func(b uint32) uint32 {
		var out uint32
		for i := range 32 {
			if b&(1<<i) != 0 {
				out |= to[i]
			}
		}
		return out
	}, nil
}
