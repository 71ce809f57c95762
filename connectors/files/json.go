package files

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/alcance-mx/alcance/connectors"
)

// JSON Lines and JSON documents.
//
// A record is a JSON object; nested objects are flattened into columns
// named by their path (domicilio.calle), and arrays are kept whole, as
// compact JSON text, in one column (the detectors read JSON values). A
// .jsonl or .ndjson file is a stream of records (one per line, or any
// whitespace between them). A .json file is either an array of records,
// a stream of records misnamed, or an object: each member of the object
// that is an array is a table of its own (export.json/data), and an object
// with no array member is a table of one record. Elements that are not
// objects are records of one column, "value".
//
// A record's columns are only known once every record has been seen, so a
// JSON file is read twice: once by Tables to learn its columns and count
// its records, once more by each Sample or ReadColumns. Column order is the
// order keys are first met. At most maxJSONColumns columns are kept (keys
// made of data, such as one key per person, would otherwise make a column
// each); the rest are counted in a warning.

const maxJSONColumns = 2048

// The shapes of a JSON file.
const (
	jsonStream  = iota // records one after another (JSON Lines)
	jsonArray          // one array of records
	jsonWrapper        // an object whose array members are tables
	jsonSingle         // one object: one record
)

type kv struct{ key, val string }

type jsonTable struct {
	key     string // the wrapper's member, "" for the whole file
	names   []string
	pos     map[string]int
	rows    int64
	dropped int // keys beyond maxJSONColumns
}

func (jt *jsonTable) add(rec []kv) {
	for _, f := range rec {
		if _, ok := jt.pos[f.key]; ok {
			continue
		}
		if len(jt.names) >= maxJSONColumns {
			jt.dropped++
			jt.pos[f.key] = -1
			continue
		}
		jt.pos[f.key] = len(jt.names)
		jt.names = append(jt.names, f.key)
	}
	jt.rows++
}

// listJSON reads a JSON file once to learn its tables and their columns.
func listJSON(ctx context.Context, e *entry) []*table {
	rc, err := e.open()
	if err != nil {
		return []*table{failed(e.rel, err)}
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, sniffBytes)
	layout, head, err := sniffText(br)
	if err != nil {
		return []*table{failed(e.rel, err)}
	}
	shape := jsonStream
	if e.format == fmtJSON {
		shape = jsonShape(head)
	}
	tables := map[string]*jsonTable{}
	var order []string
	err = walkJSON(ctx, layout.reader(br), shape, collect(tables, &order), func(key string) {
		if tables[key] == nil {
			tables[key] = &jsonTable{key: key, pos: map[string]int{}}
			order = append(order, key)
		}
	})
	if errors.Is(err, errNoArrays) {
		// One object: read again as one record.
		rc.Close()
		if rc, err = e.open(); err != nil {
			return []*table{failed(e.rel, err)}
		}
		defer rc.Close()
		shape, tables, order = jsonSingle, map[string]*jsonTable{}, nil
		err = walkJSON(ctx, layout.reader(bufio.NewReaderSize(rc, sniffBytes)), shape, collect(tables, &order), nil)
	}
	if err != nil {
		return []*table{failed(e.rel, err)}
	}
	if len(order) == 0 {
		// An empty file or an empty array: a table with no rows.
		tables[""] = &jsonTable{pos: map[string]int{}}
		order = append(order, "")
	}
	var out []*table
	for _, key := range order {
		out = append(out, jsonTableOf(e, layout, shape, tables[key]))
	}
	return out
}

// collect gathers the columns of each table's records.
func collect(tables map[string]*jsonTable, order *[]string) func(key string, rec []kv) error {
	return func(key string, rec []kv) error {
		jt := tables[key]
		if jt == nil {
			jt = &jsonTable{key: key, pos: map[string]int{}}
			tables[key] = jt
			*order = append(*order, key)
		}
		jt.add(rec)
		return nil
	}
}

func jsonTableOf(e *entry, layout textLayout, shape int, jt *jsonTable) *table {
	name := e.rel
	if jt.key != "" || shape == jsonWrapper {
		name = e.rel + "/" + jt.key
	}
	names := uniqueNames(jt.names)
	if len(names) == 0 {
		names = []string{"value"}
	}
	cols := textColumns(names, "json")
	t := &table{name: name, cols: cols, untyped: true, rows: connectors.RowCount{Value: jt.rows, Exact: true, Known: true}}
	t.stream = func(ctx context.Context, _ []int, fn func([]string) error) ([]string, error) {
		rc, err := e.open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		br := bufio.NewReaderSize(rc, 256<<10)
		row := make([]string, len(cols))
		err = walkJSON(ctx, layout.reader(br), shape, func(key string, rec []kv) error {
			if key != jt.key {
				return nil
			}
			clear(row)
			for _, f := range rec {
				if j, ok := jt.pos[f.key]; ok && j >= 0 {
					row[j] = f.val
				}
			}
			return fn(row)
		}, nil)
		var ws []string
		if jt.dropped > 0 {
			ws = append(ws, fmt.Sprintf("%d keys beyond the first %d columns were not read", jt.dropped, maxJSONColumns))
		}
		return ws, err
	}
	return t
}

// jsonShape tells the shape of a .json file from its first bytes.
func jsonShape(head []byte) int {
	s := bytes.TrimLeft(head, " \t\r\n")
	if len(s) == 0 || s[0] == '[' {
		return jsonArray
	}
	if s[0] != '{' {
		return jsonStream
	}
	// JSON Lines misnamed: a first line that is a whole object, and a
	// second that starts another.
	if i := bytes.IndexByte(s, '\n'); i > 0 && json.Valid(bytes.TrimSpace(s[:i])) {
		if rest := bytes.TrimLeft(s[i:], " \t\r\n"); len(rest) > 0 && rest[0] == '{' {
			return jsonStream
		}
	}
	return jsonWrapper
}

// walkJSON reads r, calling emit for every record with the name of its
// table (the wrapper member, or ""), and table, when not nil, for every
// table as soon as it is met (an empty array is a table with no rows). It
// returns errNoArrays for a jsonWrapper object without array members,
// which is then read again as jsonSingle.
func walkJSON(ctx context.Context, r io.Reader, shape int, emit func(key string, rec []kv) error, table func(key string)) error {
	lim := &recordLimit{r: r}
	dec := json.NewDecoder(lim)
	dec.UseNumber()
	var rec []kv
	var n int64
	// one reads the next value as a record of table key.
	one := func(key string) error {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		n++
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		lim.mark()
		var err error
		if rec, err = flattenRaw(raw, "", rec[:0]); err != nil {
			return err
		}
		return emit(key, rec)
	}
	err := func() error {
		switch shape {
		case jsonStream, jsonSingle:
			if table != nil && shape == jsonSingle {
				table("")
			}
			for {
				if err := one(""); err == io.EOF {
					return nil
				} else if err != nil {
					return err
				}
			}
		case jsonArray:
			if err := expectDelim(dec, '['); err != nil {
				if errors.Is(err, io.EOF) {
					return nil // an empty file
				}
				return err
			}
			if table != nil {
				table("")
			}
			for dec.More() {
				if err := one(""); err != nil {
					return err
				}
			}
			return expectDelim(dec, ']')
		}
		// An object whose array members are tables.
		if err := expectDelim(dec, '{'); err != nil {
			return err
		}
		arrays := 0
		for dec.More() {
			kt, err := dec.Token() // the member's name
			if err != nil {
				return err
			}
			key, _ := kt.(string)
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			if d, ok := tok.(json.Delim); ok && d == '[' {
				arrays++
				if table != nil {
					table(key)
				}
				for dec.More() {
					if err := one(key); err != nil {
						return err
					}
				}
				if err := expectDelim(dec, ']'); err != nil {
					return err
				}
				continue
			}
			if err := skipRest(dec, tok); err != nil {
				return err
			}
		}
		if err := expectDelim(dec, '}'); err != nil {
			return err
		}
		if arrays == 0 {
			return errNoArrays
		}
		return nil
	}()
	if err == nil || errors.Is(err, errNoArrays) || errors.Is(err, ctx.Err()) {
		return err
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("not valid JSON at byte %d: %v", se.Offset, se)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON ends in the middle of a value: the file is truncated")
	}
	return err
}

var errNoArrays = errors.New("a JSON object without array members")

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("not the JSON expected: %q where %q should be", fmt.Sprint(tok), string(want))
	}
	return nil
}

// skipRest reads past the value that starts with tok.
func skipRest(dec *json.Decoder, tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || d == ']' || d == '}' {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '[' || d == '{' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

// flattenRaw adds one JSON value under key: an object's members are
// flattened as key.member; an array is kept as compact JSON text; a
// string, number or boolean as its text; null as "".
func flattenRaw(raw []byte, key string, rec []kv) ([]kv, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return rec, nil
	}
	name := key
	if name == "" {
		name = "value"
	}
	switch raw[0] {
	case '{':
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		dec.Token()
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return rec, err
			}
			k, _ := kt.(string)
			if key != "" {
				k = key + "." + k
			}
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return rec, err
			}
			if rec, err = flattenRaw(v, k, rec); err != nil {
				return rec, err
			}
		}
		return rec, nil
	case '[':
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil {
			return rec, err
		}
		return append(rec, kv{name, b.String()}), nil
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return rec, err
		}
		return append(rec, kv{name, s}), nil
	case 'n':
		return append(rec, kv{name, ""}), nil
	}
	return append(rec, kv{name, string(raw)}), nil
}
