package detectors

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

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
		if !emptied[v.parent] {
			c := out.Columns[v.parent]
			c.Values = make([]string, len(c.Values))
			out.Columns[v.parent] = c
			emptied[v.parent] = true
		}
		out.Columns = append(out.Columns, v.column)
	}
	return out, virt
}

// jsonKeys returns the flattened keys found in at least 5% of the probed
// values, when most probed values are JSON objects; nil otherwise.
func jsonKeys(values []string) []string {
	seen, objects := 0, 0
	count := map[string]int{}
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if seen++; seen > embedProbe {
			break
		}
		if v[0] != '{' {
			continue
		}
		flat, ok := flattenJSON(v)
		if !ok {
			continue
		}
		objects++
		for k := range flat {
			count[k]++
		}
	}
	if seen == 0 || objects*10 < seen*8 {
		return nil
	}
	var keys []string
	for k, n := range count {
		if n*20 >= objects {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if len(keys) > maxEmbeddedKeys {
		keys = keys[:maxEmbeddedKeys]
	}
	return keys
}

// flattenJSON reads a JSON object into key paths ("domicilio.cp") and
// their values as text; arrays join their elements with spaces.
func flattenJSON(doc string) (map[string]string, bool) {
	var v any
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, false
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
		}
	}
	walk("", obj)
	return out, true
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
		if v == "" || v[0] != '{' {
			continue
		}
		flat, ok := flattenJSON(v)
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
