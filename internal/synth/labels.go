package synth

import (
	"encoding/json"
	"io"
	"slices"

	"github.com/alcance-mx/alcance/taxonomy"
)

// Labels is the ground truth of a corpus, what `make eval` scores a scan
// against. The labelling rules are in doc.go.
type Labels struct {
	Seed     uint64 `json:"seed"`
	PoolSize int    `json:"pool_size"` // people in the pool, most of them in some table
	Today    string `json:"today"`     // reference day, YYYY-MM-DD
	// Persons is the number of distinct valid CURPs (validate.ParseCURP with
	// Today) across every table's CURP columns: the figure a scanner should
	// report as distinct persons. CURPs inside free text do not count.
	Persons int           `json:"persons"`
	Tables  []TableLabels `json:"tables"`
	// Figures are the person figures a perfect scanner reports for the
	// whole corpus (truth.go), and Several the persons in tables of two or
	// more institutions; nil when some table with personal data did not
	// declare its subjects.
	Figures *Figures `json:"figures,omitempty"`
	Several int      `json:"persons_in_several_sources,omitempty"`
	// Institutions are the figures of each institution's tables alone.
	Institutions []InstitutionLabels `json:"institutions,omitempty"`
}

// InstitutionLabels are the truth of one institution's tables.
type InstitutionLabels struct {
	Name    string   `json:"name"`
	Tables  []string `json:"tables"`
	Figures Figures  `json:"figures"`
}

// TableLabels is the ground truth of one table.
type TableLabels struct {
	Name         string `json:"name"`
	Style        string `json:"style"`
	HardNegative bool   `json:"hard_negative"`
	Rows         int    `json:"rows"`
	// Columns maps every column to the categories it holds ([] for none),
	// each list in taxonomy order.
	Columns map[string][]string `json:"columns"`
	// Persons is the number of distinct valid CURPs in the table's CURP columns.
	Persons int `json:"persons"`
	// Institution is Table.Institution.
	Institution string `json:"institution,omitempty"`
}

// Labels returns the ground truth. It was counted while the tables were
// planned (Table.Persons), not by reading rows back.
func (c *Corpus) Labels() Labels { return c.labels }

// WriteLabels writes the ground truth as indented JSON; map keys are
// sorted, so the output is byte-identical for the same corpus.
func (c *Corpus) WriteLabels(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c.labels)
}

func (c *Corpus) computeLabels() Labels {
	l := Labels{
		Seed:     c.Config.Seed,
		PoolSize: c.Pool.Len(),
		Today:    c.Config.Today.Format("2006-01-02"),
		Tables:   []TableLabels{},
	}
	all := newBitset(c.Pool.Len())
	for _, t := range c.Tables {
		tl := TableLabels{Name: t.Name, Style: t.Style, HardNegative: t.HardNegative,
			Rows: t.Rows, Columns: map[string][]string{}, Institution: t.Institution}
		for _, col := range t.Columns {
			labels := slices.Clone(col.Labels)
			if labels == nil || t.HardNegative {
				labels = []string{}
			}
			slices.SortStableFunc(labels, func(a, b string) int { return taxonomy.Order(a) - taxonomy.Order(b) })
			tl.Columns[col.Name] = labels
		}
		here := newBitset(c.Pool.Len())
		for _, i := range t.Persons {
			if !here.has(i) {
				here.set(i)
				tl.Persons++
			}
			if !all.has(i) {
				all.set(i)
				l.Persons++
			}
		}
		l.Tables = append(l.Tables, tl)
	}
	c.figureLabels(&l)
	return l
}

// figureLabels counts the person figures from the tables' subjects, for
// the corpus and for each institution, when every table with personal
// data declared them.
func (c *Corpus) figureLabels(l *Labels) {
	var insts []string
	index := map[string]int{}
	for _, t := range c.Tables {
		personal := false
		for _, col := range t.Columns {
			personal = personal || len(col.Labels) > 0 && !t.HardNegative
		}
		if personal && !t.subjectsDeclared {
			return
		}
		if _, ok := index[t.Institution]; !ok {
			index[t.Institution] = len(insts)
			insts = append(insts, t.Institution)
		}
	}
	if len(insts) > 32 {
		return
	}
	truth := newFigureTruth(c.Pool.Len())
	for _, t := range c.Tables {
		for _, s := range t.Subjects {
			truth.add(s, index[t.Institution])
		}
	}
	fig, several := truth.figures(c.Pool, ^uint32(0))
	l.Figures, l.Several = &fig, several
	if len(insts) < 2 {
		return
	}
	for i, name := range insts {
		il := InstitutionLabels{Name: name}
		for _, t := range c.Tables {
			if t.Institution == name {
				il.Tables = append(il.Tables, t.Name)
			}
		}
		il.Figures, _ = truth.figures(c.Pool, 1<<i)
		l.Institutions = append(l.Institutions, il)
	}
}

type bitset []uint64

func newBitset(n int) bitset      { return make(bitset, (n+63)/64) }
func (b bitset) has(i int32) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b bitset) set(i int32)      { b[i/64] |= 1 << (i % 64) }
