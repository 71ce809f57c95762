package detectors

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/alcance-mx/alcance/detectors/vocab"
)

// Records inside a column: legacy and web systems store whole records in
// one text column, as JSON ({"curp": ..., "nombre": ...}) or as delimited
// fields (NAME|DD/MM/YYYY|CURP|DX). Such a column is split into virtual
// columns, one per JSON key or field position, which are classified like
// any other (a "curp" key says what a curp column does; a field of CURPs
// agrees with a field of birthdates in the same row), and their findings
// are folded back onto the column they came from.

// embedProbe is how many values decide whether a column holds records.
const embedProbe = 200

// maxEmbeddedKeys bounds the virtual columns one JSON column makes.
const maxEmbeddedKeys = 40

// virtual is a column made from part of another.
type virtual struct {
	parent int // index of the column it came from
	column Column
}

// expand returns t with each record-holding column replaced by its virtual
// columns (the original, emptied, stays at its index so results line up),
// and the list of virtual columns in the order they were appended.
func expand(t Table) (Table, []virtual) {
	var virt []virtual
	for i, c := range t.Columns {
		var parts []Column
		if keys := jsonKeys(c.Values); len(keys) > 0 {
			parts = splitJSON(c, keys)
		} else if sep, n := delimiter(c.Values); n > 0 {
			parts = splitDelimited(c, sep, n)
		} else if fileNames(c.Values) {
			parts = []Column{fileNameWords(c)}
		}
		for _, p := range parts {
			virt = append(virt, virtual{parent: i, column: p})
		}
	}
	if len(virt) == 0 {
		return t, nil
	}
	out := Table{Name: t.Name, Columns: append([]Column(nil), t.Columns...)}
	emptied := map[int]bool{}
	for _, v := range virt {
		if v.column.Type == fileNameType {
			// The path stays what it is; its words are read as text.
			out.Columns = append(out.Columns, v.column)
			continue
		}
		if !emptied[v.parent] {
			// The records move to the virtual columns; what is not a
			// record (a plain note among audit snapshots) stays.
			c := out.Columns[v.parent]
			c.Values = leftovers(c.Values)
			out.Columns[v.parent] = c
			emptied[v.parent] = true
		}
		out.Columns = append(out.Columns, v.column)
	}
	return out, virt
}

// leftovers keeps the values of a split column that were not records.
func leftovers(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		t := strings.TrimSpace(v)
		if t == "" || emptyRecords[t] {
			continue
		}
		if _, ok := flattenRecord(t); ok {
			continue
		}
		if strings.Count(t, "|") >= 2 || strings.Count(t, ";") >= 2 || strings.Count(t, "\t") >= 2 {
			continue // a delimited record
		}
		out[i] = v
	}
	return out
}

// minRecordShare is the share of a column's (non-empty) values that must be
// records for the column to be split: audit logs and form payloads mix
// records with plain text, and the text stays in the column itself.
const minRecordShare = 0.3

// emptyRecords are what ORMs store for "no record" (Laravel auditing's
// old_values of a creation, a null snapshot).
var emptyRecords = map[string]bool{"[]": true, "{}": true, "null": true, "NULL": true, "---": true, "--- {}": true}

// jsonKeys returns the flattened keys found in at least 5% of the probed
// records, when enough probed values are records (JSON objects, arrays of
// objects, YAML mappings); nil otherwise.
func jsonKeys(values []string) []string {
	seen, objects := 0, 0
	count := map[string]int{}
	// Probe across the column, not its first rows: an audit trail keeps
	// rows of one table together, and a sample that is the whole table
	// comes in that order.
	for _, v := range probeOf(values) {
		v = strings.TrimSpace(v)
		if v == "" || emptyRecords[v] {
			continue
		}
		seen++
		flat, ok := flattenRecord(v)
		if !ok {
			continue
		}
		objects++
		for k := range flat {
			count[k]++
		}
	}
	if objects < 3 || float64(objects) < minRecordShare*float64(seen) {
		return nil
	}
	var keys []string
	for k, n := range count {
		if n*20 >= objects {
			keys = append(keys, k)
		}
	}
	// The most frequent keys first, when there are more than the bound.
	sort.Slice(keys, func(i, j int) bool {
		if count[keys[i]] != count[keys[j]] {
			return count[keys[i]] > count[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > maxEmbeddedKeys {
		keys = keys[:maxEmbeddedKeys]
	}
	sort.Strings(keys)
	return keys
}

// flattenRecord reads a record stored as text: a JSON object, an array of
// JSON objects (Django's serialized rows), JSON encoded twice (a JSON
// string holding the object), or a YAML mapping (PaperTrail's default
// "---\nnombre: ..." snapshots).
func flattenRecord(v string) (map[string]string, bool) {
	switch {
	case v[0] == '{' || v[0] == '[' || v[0] == '"':
		return flattenJSON(v)
	case strings.HasPrefix(v, "---") && strings.Contains(v, ":"):
		return flattenYAML(v)
	}
	return nil, false
}

// flattenYAML reads a YAML mapping (PaperTrail's object column).
func flattenYAML(doc string) (map[string]string, bool) {
	var v map[string]any
	if err := yaml.Unmarshal([]byte(doc), &v); err != nil || len(v) == 0 {
		return nil, false
	}
	return flattenValue(v)
}

// flattenJSON reads a JSON record into key paths ("domicilio.cp") and
// their values as text; arrays join their elements with spaces.
func flattenJSON(doc string) (map[string]string, bool) {
	var v any
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if s, ok := v.(string); ok { // encoded twice
		s = strings.TrimSpace(s)
		if s == "" || s[0] != '{' && s[0] != '[' {
			return nil, false
		}
		dec = json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
	}
	return flattenValue(v)
}

// flattenValue flattens a decoded record. A list of objects is read as one
// record whose keys are the objects' (a row serialised as [{"model": ...,
// "fields": {...}}]). An object whose every value is a pair [before,
// after] is a change set (PaperTrail's object_changes, django-auditlog's
// changes): each field is read as its value after the change, or before
// it when the change removed it.
func flattenValue(v any) (map[string]string, bool) {
	if l, ok := v.([]any); ok {
		merged := map[string]any{}
		for _, e := range l {
			o, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			for k, x := range o {
				merged[k] = x
			}
		}
		if len(merged) == 0 {
			return nil, false
		}
		v = merged
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	if changeSet(obj) {
		for k, x := range obj {
			pair := x.([]any)
			if pair[1] != nil {
				obj[k] = pair[1]
			} else {
				obj[k] = pair[0]
			}
		}
	}
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				key := k
				if prefix != "" {
					key = prefix + "." + k
				}
				walk(key, e)
			}
		case []any:
			var parts []string
			for _, e := range x {
				switch y := e.(type) {
				case string:
					parts = append(parts, y)
				case json.Number:
					parts = append(parts, y.String())
				case map[string]any, []any:
					walk(prefix, e)
				}
			}
			if len(parts) > 0 {
				out[prefix] = strings.Join(parts, " ")
			}
		case string:
			out[prefix] = x
		case json.Number:
			out[prefix] = x.String()
		case bool:
			out[prefix] = strconv.FormatBool(x)
		case int:
			out[prefix] = strconv.Itoa(x)
		case float64:
			out[prefix] = strconv.FormatFloat(x, 'f', -1, 64)
		case time.Time:
			out[prefix] = x.Format("2006-01-02")
		}
	}
	walk("", obj)
	return out, true
}

// changeSet reports whether every value of an object is a [before, after]
// pair, as change logs store them.
func changeSet(obj map[string]any) bool {
	if len(obj) == 0 {
		return false
	}
	for _, x := range obj {
		l, ok := x.([]any)
		if !ok || len(l) != 2 {
			return false
		}
		for _, e := range l {
			switch e.(type) {
			case nil, string, json.Number, bool, int, float64:
			default:
				return false
			}
		}
	}
	return true
}

func splitJSON(c Column, keys []string) []Column {
	cols := make([]Column, len(keys))
	index := map[string]int{}
	for i, k := range keys {
		cols[i] = Column{Name: jsonColumnName(k), Type: "json key", Kind: KindText, Values: make([]string, len(c.Values))}
		index[k] = i
	}
	for r, v := range c.Values {
		v = strings.TrimSpace(v)
		if v == "" || emptyRecords[v] {
			continue
		}
		flat, ok := flattenRecord(v)
		if !ok {
			continue
		}
		for k, val := range flat {
			if i, ok := index[k]; ok {
				cols[i].Values[r] = val
			}
		}
	}
	return cols
}

// delimiter finds a field separator ('|', ';' or a tab) that most probed
// values carry the same number of times (at least twice): n fields.
func delimiter(values []string) (sep byte, n int) {
	for _, s := range []byte{'|', ';', '\t'} {
		counts := map[int]int{}
		seen := 0
		for _, v := range values {
			if v == "" {
				continue
			}
			if seen++; seen > embedProbe {
				break
			}
			counts[strings.Count(v, string(s))]++
		}
		best, bestN := 0, 0
		for k, c := range counts {
			if c > bestN || c == bestN && k > best {
				best, bestN = k, c
			}
		}
		if best >= 2 && seen > 0 && bestN*10 >= seen*8 {
			return s, best + 1
		}
	}
	return 0, 0
}

func splitDelimited(c Column, sep byte, n int) []Column {
	cols := make([]Column, n)
	for i := range cols {
		// A neutral name: the vocabulary must not read "detalle_3" as
		// free text; the values and rows say what each field is.
		cols[i] = Column{Name: fmt.Sprintf("campo_%d", i+1), Type: "field", Kind: KindText, Values: make([]string, len(c.Values))}
	}
	for r, v := range c.Values {
		if v == "" {
			continue
		}
		fields := strings.Split(v, string(sep))
		if len(fields) != n {
			continue
		}
		for i, f := range fields {
			cols[i].Values[r] = strings.TrimSpace(f)
		}
	}
	return cols
}

// fold moves the findings of virtual columns onto the columns they came
// from: one finding per category, with the rows of every part, the best
// confidence, and the evidence and examples of the parts.
func fold(t Table, r Result, virt []virtual) Result {
	if len(virt) == 0 {
		return r
	}
	n := len(t.Columns)
	out := Result{Findings: r.Findings[:n], Rows: r.Rows, PersonKey: r.PersonKey}
	merged := map[int]map[string]*Finding{}
	// The parent's own findings (its values that were not records) fold
	// in with its parts'.
	for _, v := range virt {
		if merged[v.parent] != nil {
			continue
		}
		byCat := map[string]*Finding{}
		for _, f := range r.Findings[v.parent] {
			c := f
			c.Rows = NewBitset(r.Rows)
			c.Rows.Or(f.Rows)
			c.Evidence = append([]string(nil), f.Evidence...)
			byCat[f.Category] = &c
		}
		merged[v.parent] = byCat
	}
	for i, v := range virt {
		for _, f := range r.Findings[n+i] {
			byCat := merged[v.parent]
			if byCat == nil {
				byCat = map[string]*Finding{}
				merged[v.parent] = byCat
			}
			m, ok := byCat[f.Category]
			if !ok {
				c := f
				c.Embedded = true
				c.Rows = NewBitset(r.Rows)
				c.Rows.Or(f.Rows)
				c.Evidence = append([]string(nil), f.Evidence...)
				byCat[f.Category] = &c
				continue
			}
			m.Rows.Or(f.Rows)
			m.Confidence = max(m.Confidence, f.Confidence)
			m.NameOnly = m.NameOnly && f.NameOnly
			for _, e := range f.Evidence {
				if !slices.Contains(m.Evidence, e) {
					m.Evidence = append(m.Evidence, e)
				}
			}
			for _, e := range f.Examples {
				if len(m.Examples) < maxExamples && !slices.Contains(m.Examples, e) {
					m.Examples = append(m.Examples, e)
				}
			}
		}
	}
	for parent, byCat := range merged {
		present := 0
		for _, v := range t.Columns[parent].Values {
			if strings.TrimSpace(v) != "" {
				present++
			}
		}
		var fs []Finding
		for _, f := range byCat {
			if present > 0 {
				f.MatchRate = round2(float64(f.Rows.Count()) / float64(present))
			}
			fs = append(fs, *f)
		}
		sortFindings(fs)
		out.Findings[parent] = fs
	}
	return out
}

// jsonColumnName names the virtual column of a key path for the
// vocabulary: its last key when that says something ("domicilio.cp" is a
// "cp"), else the whole path ("domicilio.numero" is a "domicilio_numero").
func jsonColumnName(path string) string {
	leaf := path[strings.LastIndexByte(path, '.')+1:]
	if leaf != path && vocab.Lookup(leaf).Matched {
		return leaf
	}
	return strings.ReplaceAll(path, ".", "_")
}

// fileNameType marks the virtual column of the words in a column's file
// names: it is read as free text.
const fileNameType = "file name words"

// fileExtensions are those of stored documents and scans.
var fileExtensions = map[string]bool{"pdf": true, "jpg": true, "jpeg": true, "png": true, "gif": true, "tif": true,
	"tiff": true, "bmp": true, "heic": true, "webp": true, "doc": true, "docx": true, "xls": true, "xlsx": true,
	"odt": true, "ods": true, "txt": true, "rtf": true, "xml": true, "zip": true, "rar": true, "csv": true, "p7m": true}

// fileBase returns the name of a stored file without its folder and
// extension ("uploads/2021/ACTA_JUAN_PEREZ.pdf" gives "ACTA_JUAN_PEREZ"),
// or false when v is not a file name.
func fileBase(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if len(v) < 5 || len(v) > 400 {
		return "", false
	}
	if i := strings.LastIndexAny(v, "/\\"); i >= 0 {
		v = v[i+1:]
	}
	dot := strings.LastIndexByte(v, '.')
	if dot <= 0 || !fileExtensions[strings.ToLower(v[dot+1:])] {
		return "", false
	}
	return v[:dot], true
}

// fileNames reports whether most probed values are file names.
func fileNames(values []string) bool {
	seen, files := 0, 0
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			continue
		}
		if seen++; seen > embedProbe {
			break
		}
		if _, ok := fileBase(v); ok {
			files++
		}
	}
	return seen > 0 && files*2 >= seen
}

// fileNameWords makes the virtual column of the words in file names:
// separators become spaces and glued capitals are split, so that
// "acta_nacimiento-JuanPerezLopez.pdf" reads "acta nacimiento Juan Perez
// Lopez" and a CURP in a name stays one word.
func fileNameWords(c Column) Column {
	out := Column{Name: c.Name + "_palabras", Type: fileNameType, Kind: KindText, Values: make([]string, len(c.Values))}
	for r, v := range c.Values {
		base, ok := fileBase(v)
		if !ok {
			continue
		}
		var b strings.Builder
		prevLower := false
		for _, ch := range base {
			switch {
			case ch == '_' || ch == '-' || ch == '.' || ch == '+' || ch == ' ' || ch == '(' || ch == ')':
				b.WriteByte(' ')
				prevLower = false
				continue
			case ch >= 'A' && ch <= 'Z' && prevLower:
				b.WriteByte(' ')
			}
			b.WriteRune(ch)
			prevLower = ch >= 'a' && ch <= 'z'
		}
		out.Values[r] = strings.Join(strings.Fields(b.String()), " ")
	}
	return out
}

// probeOf returns up to embedProbe non-empty values spread evenly over the
// column.
func probeOf(values []string) []string {
	present := 0
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			present++
		}
	}
	step := max(1, present/embedProbe)
	out := make([]string, 0, min(present, embedProbe))
	n := 0
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			continue
		}
		if n%step == 0 && len(out) < embedProbe {
			out = append(out, v)
		}
		n++
	}
	return out
}
