package files

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/connectors"
	"golang.org/x/text/encoding/charmap"
)

// How text is decoded.
//
// Files carry no reliable label of their encoding, and real exports mix
// them: a UTF-8 file with rows appended by a legacy program, a Windows-1252
// file edited once in a modern editor. So the decision is made per value,
// which loses nothing whatever the mix: a value that is valid UTF-8 is
// UTF-8 (a legacy text that happens to be valid UTF-8 with accents needs
// byte pairs such as "Ã±", which is mojibake anyway and decodes to what
// was meant), and any other value is decoded with the file's legacy code
// page: the one its header declares (dBase), else the one guessLegacy
// finds in its first bytes, Windows-1252 by default (Latin-1's superset in
// the printable range, the usual encoding of Mexican legacy systems).
// A read that meets both kinds says so in a warning. UTF-16 text is
// recognised by its byte-order mark (or its zero bytes) and transcoded
// before parsing (see csv.go).

// defaultLegacy decodes non-UTF-8 text when nothing says otherwise.
var defaultLegacy = charmap.Windows1252

// decoder turns raw values of one table into a Sample's text, counting
// what it decoded for the mixed-encoding warning.
type decoder struct {
	t            *table
	utf8, legacy int64
	err          error // from the table's convert; stops the read
}

func newDecoder(t *table) *decoder { return &decoder{t: t} }

// value decodes one raw value: the format's conversion, then the text
// encoding, trailing spaces removed (CHAR padding, fixed-width fields),
// cut to connectors.MaxValueBytes. The result never shares memory with
// raw, so a kept value does not hold a whole record alive.
func (d *decoder) value(col int, raw string) string {
	if col < len(d.t.cols) && d.t.cols[col].Kind == connectors.KindBinary {
		return "" // blobs are never read, as in every connector
	}
	s := raw
	if d.t.convert != nil {
		c, err := d.t.convert(col, s)
		if err != nil && d.err == nil {
			d.err = err
		}
		s = c
	}
	if len(s) > 2*connectors.MaxValueBytes {
		s = s[:2*connectors.MaxValueBytes] // decoding may grow it; cut again below
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	switch {
	case ascii:
		s = strings.Clone(s)
	case utf8.ValidString(s):
		d.utf8++
		s = strings.Clone(s)
	default:
		d.legacy++
		s = decodeLegacy(s, d.t.legacy)
	}
	return bound(strings.TrimRight(s, " "))
}

// warnings reports a read that met both UTF-8 and legacy values.
func (d *decoder) warnings() []string {
	if d.utf8 == 0 || d.legacy == 0 {
		return nil
	}
	return []string{fmt.Sprintf("mixed text encodings: of the values read with accents or other non-ASCII letters, %d were UTF-8 and %d were not (read as %s); each was decoded on its own",
		d.utf8, d.legacy, charmapName(d.t.legacy))}
}

// decodeLegacy decodes s, which is not valid UTF-8, with cm: a valid UTF-8
// run is never mistaken for legacy bytes because the caller only sends
// values that are invalid as a whole.
func decodeLegacy(s string, cm *charmap.Charmap) string {
	if cm == nil {
		cm = defaultLegacy
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			b.WriteByte(c)
			continue
		}
		b.WriteRune(cm.DecodeByte(c))
	}
	return b.String()
}

// bound cuts s to at most connectors.MaxValueBytes, at a character
// boundary.
func bound(s string) string {
	if len(s) <= connectors.MaxValueBytes {
		return s
	}
	i := connectors.MaxValueBytes
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strings.Clone(s[:i])
}

func charmapName(cm *charmap.Charmap) string {
	if cm == nil {
		cm = defaultLegacy
	}
	return cm.String()
}

// Bytes that are accented Spanish letters (á é í ó ú ü ñ, upper and lower)
// in each candidate legacy code page. Windows-1252 and CP850 (MS-DOS
// Latin-1, the code page of DOS-era Mexican systems and many .dbf files)
// put them at different bytes, so the one whose letters are the common
// non-ASCII bytes of a text is its code page.
var (
	spanish1252 = []byte{0xC1, 0xC9, 0xCD, 0xD1, 0xD3, 0xDA, 0xDC, 0xE1, 0xE9, 0xED, 0xF1, 0xF3, 0xFA, 0xFC}
	spanish850  = []byte{0xB5, 0x90, 0xD6, 0xA5, 0xE0, 0xE9, 0x9A, 0xA0, 0x82, 0xA1, 0xA4, 0xA2, 0xA3, 0x81}
)

// guessLegacy picks the legacy code page of text that is not UTF-8:
// CP850 when its non-ASCII bytes are mostly CP850's accented letters,
// Windows-1252 otherwise (also when there is nothing to tell them apart).
func guessLegacy(sample []byte) *charmap.Charmap {
	var hist [256]int
	for _, c := range sample {
		hist[c]++
	}
	score := func(letters []byte) int {
		n := 0
		for _, c := range letters {
			n += hist[c]
		}
		return n
	}
	s1252, s850 := score(spanish1252), score(spanish850)
	// 0xE9 is é in one and Ú in the other: it counts for both, so CP850
	// must win clearly.
	if s850 > 2*s1252 && s850 >= 3 {
		return charmap.CodePage850
	}
	return charmap.Windows1252
}
