package reports

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Diff is what changed between two reports of the same sources: findings
// that appeared or disappeared (by source, table, column and category),
// findings whose confidence or match rate moved, tables and errors that
// appeared or disappeared, and the figures (people, records per category,
// each table's records) that changed. Sources and tables are matched by
// name.
type Diff struct {
	Old, New        DiffSide      `json:"-"`
	FindingsNew     []DiffFinding `json:"findings_appeared"`
	FindingsGone    []DiffFinding `json:"findings_disappeared"`
	FindingsChanged []DiffFinding `json:"findings_changed"`
	TablesNew       []string      `json:"tables_appeared"`
	TablesGone      []string      `json:"tables_disappeared"`
	ErrorsNew       []string      `json:"errors_appeared"`
	ErrorsGone      []string      `json:"errors_disappeared"`
	Figures         []DiffFigure  `json:"figures_changed"`
}

// DiffSide names one of the two reports.
type DiffSide struct {
	StartedAt string
	Version   string
}

// DiffFinding is one finding, located; for a changed finding, Old holds
// the earlier confidence and match rate.
type DiffFinding struct {
	Source     string   `json:"source"`
	Table      string   `json:"table"`
	Column     string   `json:"column"`
	Category   string   `json:"category"`
	Confidence float64  `json:"confidence"`
	MatchRate  float64  `json:"match_rate"`
	Old        *Finding `json:"old,omitempty"`
}

// DiffFigure is a figure whose value or bounds changed.
type DiffFigure struct {
	Figure string   `json:"figure"` // e.g. persons, records.curp, table.padron/public.x
	Old    Estimate `json:"old"`
	New    Estimate `json:"new"`
}

// Empty says nothing changed.
func (d *Diff) Empty() bool {
	return len(d.FindingsNew)+len(d.FindingsGone)+len(d.FindingsChanged)+len(d.TablesNew)+len(d.TablesGone)+
		len(d.ErrorsNew)+len(d.ErrorsGone)+len(d.Figures) == 0
}

type findingKey struct{ source, table, column, category string }

// Compare computes what changed from old to new.
func Compare(old, new *Report) *Diff {
	d := &Diff{Old: side(old), New: side(new)}
	of, nf := findings(old), findings(new)
	for _, k := range sortedKeys(nf) {
		n := nf[k]
		o, ok := of[k]
		switch {
		case !ok:
			d.FindingsNew = append(d.FindingsNew, diffFinding(k, n, nil))
		case moved(o.Confidence, n.Confidence) || moved(o.MatchRate, n.MatchRate):
			d.FindingsChanged = append(d.FindingsChanged, diffFinding(k, n, &o))
		}
	}
	for _, k := range sortedKeys(of) {
		if _, ok := nf[k]; !ok {
			d.FindingsGone = append(d.FindingsGone, diffFinding(k, of[k], nil))
		}
	}
	ot, nt := tables(old), tables(new)
	d.TablesNew, d.TablesGone = added(ot, nt), added(nt, ot)
	oe, ne := errorSet(old), errorSet(new)
	d.ErrorsNew, d.ErrorsGone = added(oe, ne), added(ne, oe)

	figure := func(name string, o, n Estimate) {
		if o != n {
			d.Figures = append(d.Figures, DiffFigure{name, o, n})
		}
	}
	ofs, nfs := old.Exposure.Figures.list(), new.Exposure.Figures.list()
	for i := range ofs {
		figure(ofs[i].ID, ofs[i].F().Estimate, nfs[i].F().Estimate)
	}
	figure("persons_in_several_sources", old.Exposure.PersonsInSeveralSources.Estimate, new.Exposure.PersonsInSeveralSources.Estimate)
	cats := map[string]bool{}
	for c := range old.Exposure.RecordsByCategory {
		cats[c] = true
	}
	for c := range new.Exposure.RecordsByCategory {
		cats[c] = true
	}
	for _, c := range sortedKeys(cats) {
		figure("records."+c, old.Exposure.RecordsByCategory[c], new.Exposure.RecordsByCategory[c])
	}
	for _, name := range sortedKeys(nt) {
		if o, ok := ot[name]; ok {
			figure("table_records."+name, o, nt[name])
		}
	}
	return d
}

func side(r *Report) DiffSide {
	return DiffSide{StartedAt: r.Scan.StartedAt.UTC().Format("2006-01-02 15:04:05 UTC"), Version: r.Tool.Version}
}

// moved says whether a ratio changed by at least 0.01 (rounding noise of
// a re-sample is not a change worth a line).
func moved(a, b float64) bool { return a-b >= 0.01 || b-a >= 0.01 }

func findings(r *Report) map[findingKey]Finding {
	m := map[findingKey]Finding{}
	for _, s := range r.Sources {
		for _, t := range s.Tables {
			for _, c := range t.Columns {
				for _, f := range c.Findings {
					m[findingKey{s.Name, t.QualifiedName(), c.Name, f.Category}] = f
				}
			}
		}
	}
	return m
}

func tables(r *Report) map[string]Estimate {
	m := map[string]Estimate{}
	for _, s := range r.Sources {
		for _, t := range s.Tables {
			m[s.Name+"/"+t.QualifiedName()] = t.Exposure.Records
		}
	}
	return m
}

func errorSet(r *Report) map[string]bool {
	m := map[string]bool{}
	for _, e := range r.Errors() {
		m[e.Source+"/"+e.Table+": "+e.Error.Error] = true
	}
	return m
}

// added lists the keys of b that a lacks, sorted.
func added[V any](a, b map[string]V) []string {
	var out []string
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func sortedKeys[K findingKey | string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b K) int { return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	return keys
}

func diffFinding(k findingKey, f Finding, old *Finding) DiffFinding {
	return DiffFinding{Source: k.source, Table: k.table, Column: k.column, Category: k.category,
		Confidence: f.Confidence, MatchRate: f.MatchRate, Old: old}
}

// WriteDiff writes d as "text", "json" or "md" in l.
func WriteDiff(w io.Writer, format string, l Lang, d *Diff) error {
	var b bytes.Buffer
	switch format {
	case "json":
		c := *d
		for _, p := range []*[]DiffFinding{&c.FindingsNew, &c.FindingsGone, &c.FindingsChanged} {
			*p = nonNil(*p)
		}
		for _, p := range []*[]string{&c.TablesNew, &c.TablesGone, &c.ErrorsNew, &c.ErrorsGone} {
			*p = nonNil(*p)
		}
		c.Figures = nonNil(c.Figures)
		out, err := json.MarshalIndent(struct {
			Schema string `json:"schema"`
			*Diff
		}{"alcance.diff/v1", &c}, "", "  ")
		if err != nil {
			return err
		}
		b.Write(append(out, '\n'))
	case "text", "md":
		md := format == "md"
		txt := func(s string) string {
			if md {
				return mdText(s)
			}
			return clean(s)
		}
		head := func(s string) {
			if md {
				b.WriteString("\n## " + s + "\n\n")
			} else {
				b.WriteString("\n" + s + "\n")
			}
		}
		title := l.T("diff.title", d.Old.StartedAt, d.New.StartedAt)
		if md {
			b.WriteString("# " + mdText(title) + "\n")
		} else {
			b.WriteString(title + "\n")
		}
		if d.Empty() {
			b.WriteString("\n" + l.T("diff.none") + "\n")
		}
		list := func(key string, fs []DiffFinding) {
			if len(fs) == 0 {
				return
			}
			head(l.T(key, len(fs)))
			for _, f := range fs {
				line := fmt.Sprintf("%s · %s · %s: %s (%s)", txt(f.Source), txt(f.Table), txt(f.Column),
					txt(label(l, f.Category)), ratio(f.Confidence))
				if f.Old != nil {
					line = fmt.Sprintf("%s · %s · %s: %s: %s %s → %s, %s %s → %s", txt(f.Source), txt(f.Table), txt(f.Column),
						txt(label(l, f.Category)), l.T("col.confidence"), ratio(f.Old.Confidence), ratio(f.Confidence),
						l.T("col.matchrate"), percent(f.Old.MatchRate), percent(f.MatchRate))
				}
				b.WriteString("- " + line + "\n")
			}
		}
		list("diff.appeared", d.FindingsNew)
		list("diff.disappeared", d.FindingsGone)
		list("diff.changed", d.FindingsChanged)
		strs := func(key string, xs []string) {
			if len(xs) == 0 {
				return
			}
			head(l.T(key, len(xs)))
			for _, x := range xs {
				b.WriteString("- " + txt(x) + "\n")
			}
		}
		strs("diff.tablesnew", d.TablesNew)
		strs("diff.tablesgone", d.TablesGone)
		strs("diff.errorsnew", d.ErrorsNew)
		strs("diff.errorsgone", d.ErrorsGone)
		if len(d.Figures) > 0 {
			head(l.T("diff.figures", len(d.Figures)))
			for _, f := range d.Figures {
				b.WriteString("- " + txt(figureName(l, f.Figure)) + ": " + approx(f.Old) + " → " + approx(f.New) + "\n")
			}
		}
	default:
		return fmt.Errorf("unknown diff format %q (text, json or md)", format)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// figureName says a diff figure id in l.
func figureName(l Lang, id string) string {
	if c, ok := strings.CutPrefix(id, "records."); ok {
		return l.T("col.records") + ": " + label(l, c)
	}
	if t, ok := strings.CutPrefix(id, "table_records."); ok {
		return l.T("col.records") + ": " + t
	}
	if id == "persons_in_several_sources" {
		return l.T("fig.several")
	}
	return l.T("fig." + id)
}
