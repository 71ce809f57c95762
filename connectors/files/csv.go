package files

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Delimited text (CSV, TSV, .txt exports).
//
// The first 64 KiB of a file decide how it is read: its text encoding (a
// byte-order mark; UTF-16 by its zero bytes; otherwise values are decoded
// one by one, see text.go), its delimiter (the one of , ; tab | that splits
// the first lines most consistently; none: one column per line), and its
// header (header.go). Parsing is encoding/csv's, with lazy quotes (a bare
// quote inside an unquoted field, as in JUAN "EL GUERO" PEREZ, is common in
// legacy exports and is kept as text) and rows of any length: a short row
// is padded with empty values, a longer one loses its extra fields, and a
// warning counts both.
//
// Broken quoting (a quote opened and never closed) would make the rest of
// the file one value: a record longer than maxRecordBytes stops the read
// with an error, which also bounds the memory a record can take. Binary
// data (zero bytes or many control characters in the first bytes, or a
// zero byte later) is an error, not text.

const (
	sniffBytes     = 64 << 10
	maxRecordBytes = 16 << 20
)

// textLayout is how a text file is laid out, as sniffed.
type textLayout struct {
	utf16   unicode.Endianness
	isUTF16 bool
	bom     int // bytes of a UTF-8 byte-order mark to skip
}

// sniffText reads the file's first bytes and decides its text layout; it
// returns them decoded to UTF-8 (or as they are, for legacy text).
func sniffText(r *bufio.Reader) (textLayout, []byte, error) {
	head, err := r.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return textLayout{}, nil, err
	}
	var l textLayout
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		l.bom = 3
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		l.isUTF16, l.utf16 = true, unicode.LittleEndian
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		l.isUTF16, l.utf16 = true, unicode.BigEndian
	default:
		if le, be := zeroPattern(head); le || be {
			l.isUTF16 = true
			l.utf16 = unicode.LittleEndian
			if be {
				l.utf16 = unicode.BigEndian
			}
		}
	}
	if l.isUTF16 {
		dec, _, err := transform.Bytes(utf16Decoder(l), head[:len(head)&^1])
		if err != nil {
			return l, nil, fmt.Errorf("not readable as UTF-16 text: %w", err)
		}
		return l, dec, nil
	}
	if err := checkBinary(head); err != nil {
		return l, nil, err
	}
	return l, head, nil
}

func utf16Decoder(l textLayout) transform.Transformer {
	return unicode.UTF16(l.utf16, unicode.UseBOM).NewDecoder()
}

// zeroPattern says whether head looks like UTF-16 text without a
// byte-order mark: most odd bytes zero (little-endian ASCII) or most even.
func zeroPattern(head []byte) (le, be bool) {
	if len(head) < 16 {
		return false, false
	}
	var odd, even int
	for i, c := range head {
		if c == 0 {
			if i%2 == 1 {
				odd++
			} else {
				even++
			}
		}
	}
	half := len(head) / 2
	return odd*10 >= half*9 && even == 0, even*10 >= half*9 && odd == 0
}

// checkBinary refuses data that is not text: a zero byte, or more than one
// control character in a hundred (tab, line breaks, form feed and the DOS
// end-of-file mark are text).
func checkBinary(head []byte) error {
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return errors.New("binary data (zero bytes), not text")
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A:
			ctl++
		}
	}
	if ctl*100 > len(head) {
		return fmt.Errorf("binary data (%d control bytes in the first %d), not text", ctl, len(head))
	}
	return nil
}

// reader opens the text for parsing: the byte-order mark skipped, UTF-16
// transcoded to UTF-8.
func (l textLayout) reader(r *bufio.Reader) io.Reader {
	if l.isUTF16 {
		return transform.NewReader(r, utf16Decoder(l))
	}
	r.Discard(l.bom)
	return r
}

// delimiters are the candidates, in order of preference on a tie.
var delimiters = []rune{',', ';', '\t', '|'}

// sniffDelimiter picks the delimiter that splits the first lines into the
// same number of fields most often; 0 when none splits them at all.
// preferTab favours tab for .tsv files.
func sniffDelimiter(head []byte, preferTab bool) rune {
	lines := completeLines(head, 100)
	if len(lines) == 0 {
		lines = [][]byte{head}
	}
	best, bestScore, bestCount := rune(0), 0.0, 0
	for _, d := range delimiters {
		counts := map[int]int{}
		for _, l := range lines {
			counts[countOutsideQuotes(l, byte(d))]++
		}
		mode, freq := 0, 0
		for c, f := range counts {
			if c > 0 && (f > freq || f == freq && c > mode) {
				mode, freq = c, f
			}
		}
		if mode == 0 {
			continue
		}
		score := float64(freq) / float64(len(lines))
		if preferTab && d == '\t' {
			score += 0.5
		}
		if score > bestScore || score == bestScore && mode > bestCount {
			best, bestScore, bestCount = d, score, mode
		}
	}
	return best
}

// completeLines splits head into at most max lines, leaving out the last
// one, which the sniffed bytes may cut.
func completeLines(head []byte, max int) [][]byte {
	var out [][]byte
	for len(out) < max {
		i := bytes.IndexByte(head, '\n')
		if i < 0 {
			break
		}
		if l := bytes.TrimRight(head[:i], "\r"); len(bytes.TrimSpace(l)) > 0 {
			out = append(out, l)
		}
		head = head[i+1:]
	}
	return out
}

// countOutsideQuotes counts d in a line outside double-quoted stretches.
func countOutsideQuotes(line []byte, d byte) int {
	n, quoted := 0, false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case c == d && !quoted:
			n++
		}
	}
	return n
}

// listDelimited sniffs a delimited text file and describes it as a table.
func listDelimited(e *entry) *table {
	rc, err := e.open()
	if err != nil {
		return failed(e.rel, err)
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, sniffBytes)
	layout, head, err := sniffText(br)
	if err != nil {
		return failed(e.rel, err)
	}
	name := strings.ToLower(strings.TrimSuffix(path.Base(e.rel), ".gz"))
	delim := sniffDelimiter(head, strings.HasSuffix(name, ".tsv") || strings.HasSuffix(name, ".tab"))

	// The first rows, parsed as the whole file will be, decide the header.
	var first [][]string
	cr := newCSVReader(bytes.NewReader(head[:lastNewline(head)]), delim)
	for len(first) < headerWindow {
		rec, err := cr.Read()
		if err != nil {
			break
		}
		first = append(first, append([]string(nil), rec...))
	}
	header, start := findHeader(first)
	// The columns are the header's (more only when most rows have more);
	// without one, as many as most of the first rows have, so that a few
	// ragged rows do not add columns.
	width, common := modeWidth(first[start:])
	var names []string
	if header >= 0 {
		names = append(names, first[header]...)
		for len(names) > 1 && strings.TrimSpace(names[len(names)-1]) == "" {
			names = names[:len(names)-1]
		}
		if 2*common <= len(first)-start {
			width = len(names)
		}
	}
	for len(names) < max(width, 1) {
		names = append(names, "")
	}
	cols := textColumns(uniqueNames(names), "text")
	legacy := guessLegacy(head)
	if layout.isUTF16 {
		legacy = nil
	}
	t := &table{name: e.rel, cols: cols, legacy: legacy, untyped: true}
	skipRecords := start // the preamble and the header are not rows
	t.stream = func(ctx context.Context, _ []int, fn func([]string) error) ([]string, error) {
		rc, err := e.open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		lim := &recordLimit{r: layout.reader(bufio.NewReaderSize(rc, 256<<10))}
		cr := newCSVReader(lim, delim)
		row := make([]string, len(cols))
		var short, long, n int64
		var prev []string
		prevLine := 0
		for i := 0; ; i++ {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				if err := unclosedQuote(prev, prevLine, lim.lastByte); err != nil {
					return nil, err
				}
				break
			}
			if err != nil {
				line, _ := cr.FieldPos(0)
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					return nil, fmt.Errorf("line %d: %w", pe.Line, pe.Err)
				}
				return nil, fmt.Errorf("after line %d: %w", line, err)
			}
			lim.mark()
			prev = rec
			prevLine, _ = cr.FieldPos(0)
			if i < skipRecords {
				continue
			}
			if n&4095 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			n++
			vals := rec
			switch {
			case len(rec) < len(row):
				short++
				copy(row, rec)
				clear(row[len(rec):])
				vals = row
			case len(rec) > len(row):
				long++
				vals = rec[:len(row)]
			}
			if err := fn(vals); err != nil {
				return nil, err
			}
		}
		var ws []string
		if short > 0 {
			ws = append(ws, fmt.Sprintf("%d of %d rows have fewer fields than the %d columns (read as empty)", short, n, len(row)))
		}
		if long > 0 {
			ws = append(ws, fmt.Sprintf("%d of %d rows have more fields than the %d columns (the extra fields were not read): an unquoted delimiter inside a value, or broken quoting", long, n, len(row)))
		}
		return ws, nil
	}
	return t
}

// modeWidth is the most common number of fields among rows (the largest
// on a tie), 0 for none, and how many rows have it.
func modeWidth(rows [][]string) (width, n int) {
	counts := map[int]int{}
	best, bestN := 0, 0
	for _, r := range rows {
		counts[len(r)]++
		if n := counts[len(r)]; n > bestN || n == bestN && len(r) > best {
			best, bestN = len(r), n
		}
	}
	return best, bestN
}

func lastNewline(b []byte) int {
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return i + 1
	}
	return len(b)
}

func newCSVReader(r io.Reader, delim rune) *csv.Reader {
	cr := csv.NewReader(r)
	if delim == 0 {
		// One value per line: a delimiter that cannot occur in text.
		delim = '\uFDD0'
	}
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// unclosedQuote tells a file whose last quote is never closed: lazy
// quoting then reads the rest of the file into the last record, whose
// values take the line breaks in. A quoted value with line breaks that
// really ends the file ends with its closing quote.
func unclosedQuote(last []string, line int, lastByte byte) error {
	if lastByte == '"' {
		return nil
	}
	for _, v := range last {
		if strings.ContainsAny(v, "\r\n") {
			return fmt.Errorf("a quote in the record that starts on line %d is never closed (broken quoting, or a truncated file)", line)
		}
	}
	return nil
}

// recordLimit stops a read that goes on for more than maxRecordBytes
// without a record ending, and refuses zero bytes (binary data).
type recordLimit struct {
	r       io.Reader
	n, last int64
	// lastByte is the last byte read that is not white space.
	lastByte byte
}

var errRecordTooLong = fmt.Errorf("a record longer than %d MiB: a quote that is never closed (broken quoting), or not delimited text", maxRecordBytes>>20)

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.n-l.last > maxRecordBytes {
		return 0, errRecordTooLong
	}
	n, err := l.r.Read(p)
	if bytes.IndexByte(p[:n], 0) >= 0 {
		return 0, errors.New("binary data (a zero byte), not text: a damaged file, or text in mixed encodings")
	}
	l.n += int64(n)
	for i := n - 1; i >= 0; i-- {
		if c := p[i]; c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			l.lastByte = c
			break
		}
	}
	return n, err
}

// mark says a record ended.
func (l *recordLimit) mark() { l.last = l.n }
