// Package eval scores a scan's report against the ground truth the
// synthetic generator wrote: precision, recall and F1 per category, the
// calibration of confidences, findings on hard-negative tables, and the
// persons figure. `make eval` prints it; the thresholds the issues set are
// checked by the caller.
package eval

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

// Counts are the outcomes of one category over every labelled column.
type Counts struct{ TP, FP, FN int }

func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }
func (c Counts) Recall() float64    { return ratio(c.TP, c.TP+c.FN) }
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Mistake is one wrong or missed finding, for tuning.
type Mistake struct {
	Table, Column, Category string
	Confidence              float64 // 0 for a miss
	Evidence                []string
	Kind                    string // "false positive", "missed"
}

// Bin is one confidence band of the calibration table.
type Bin struct {
	Low, High         float64
	Findings, Correct int
}

// Result is a scored scan.
type Result struct {
	ByCategory     map[string]Counts
	Overall        Counts
	Mistakes       []Mistake
	HardNegatives  []Mistake // findings on tables that hold no personal data
	Calibration    []Bin
	MissingTables  []string // labelled tables the report does not have
	PersonsFound   int64
	PersonsLow     int64
	PersonsTrue    int // distinct valid CURPs in CURP columns
	ScanErrors     []string
	HighConfidence struct{ Findings, Correct, CorrectTotal int }
}

// Score compares a report with the labels of the corpus it scanned.
func Score(rep *reports.Report, labels synth.Labels) Result {
	res := Result{
		ByCategory:   map[string]Counts{},
		PersonsFound: rep.Exposure.Persons.Value,
		PersonsLow:   rep.Exposure.Persons.Low,
		PersonsTrue:  labels.Persons,
		Calibration:  []Bin{{Low: 0.5, High: 0.7}, {Low: 0.7, High: 0.9}, {Low: 0.9, High: 1.0001}},
	}
	// Tables by name: exactly as written, and folded for databases that
	// fold names (a corpus may hold pacientes and PACIENTES in two
	// institutions' databases).
	tables, folded := map[string]reports.Table{}, map[string]reports.Table{}
	for _, s := range rep.Sources {
		for _, t := range s.Tables {
			tables[t.Name] = t
			if _, dup := folded[strings.ToLower(t.Name)]; !dup {
				folded[strings.ToLower(t.Name)] = t
			}
		}
		for _, e := range s.Errors {
			res.ScanErrors = append(res.ScanErrors, fmt.Sprintf("%s %s: %s", s.Name, e.Table, e.Error))
		}
	}
	for _, tl := range labels.Tables {
		t, ok := tables[tl.Name]
		if !ok {
			t, ok = folded[strings.ToLower(tl.Name)]
		}
		if !ok {
			res.MissingTables = append(res.MissingTables, tl.Name)
		}
		found := map[string]reports.Column{}
		for _, c := range t.Columns {
			found[strings.ToLower(c.Name)] = c
		}
		for colName, want := range tl.Columns {
			c := found[strings.ToLower(colName)]
			got := map[string]reports.Finding{}
			for _, f := range c.Findings {
				got[f.Category] = f
			}
			for _, cat := range want {
				f, hit := got[cat]
				cnt := res.ByCategory[cat]
				if hit {
					cnt.TP++
				} else {
					cnt.FN++
					res.Mistakes = append(res.Mistakes, Mistake{Table: tl.Name, Column: colName, Category: cat, Kind: "missed"})
				}
				res.ByCategory[cat] = cnt
				_ = f
			}
			for cat, f := range got {
				correct := slices.Contains(want, cat)
				if !correct {
					cnt := res.ByCategory[cat]
					cnt.FP++
					res.ByCategory[cat] = cnt
					m := Mistake{Table: tl.Name, Column: colName, Category: cat, Confidence: f.Confidence,
						Evidence: f.Evidence, Kind: "false positive"}
					res.Mistakes = append(res.Mistakes, m)
					if tl.HardNegative {
						res.HardNegatives = append(res.HardNegatives, m)
					}
				}
				for i := range res.Calibration {
					b := &res.Calibration[i]
					if f.Confidence >= b.Low && f.Confidence < b.High {
						b.Findings++
						if correct {
							b.Correct++
						}
					}
				}
				if f.Confidence >= 0.9 {
					res.HighConfidence.Findings++
					if correct {
						res.HighConfidence.Correct++
					}
				}
				if correct {
					res.HighConfidence.CorrectTotal++
				}
			}
		}
	}
	for _, c := range res.ByCategory {
		res.Overall.TP += c.TP
		res.Overall.FP += c.FP
		res.Overall.FN += c.FN
	}
	sort.Slice(res.Mistakes, func(i, j int) bool {
		a, b := res.Mistakes[i], res.Mistakes[j]
		if a.Table != b.Table {
			return a.Table < b.Table
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Category < b.Category
	})
	return res
}

// HighPrecision is the share of findings at confidence ≥ 0.9 that are right.
func (r Result) HighPrecision() float64 {
	return ratio(r.HighConfidence.Correct, r.HighConfidence.Findings)
}

// HighShare is the share of right findings that have confidence ≥ 0.9.
func (r Result) HighShare() float64 {
	return ratio(r.HighConfidence.Correct, r.HighConfidence.CorrectTotal)
}

// Print writes the scores as a human reads them.
func (r Result) Print(w io.Writer, title string) {
	fmt.Fprintf(w, "== %s\n\n", title)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "category\tTP\tFP\tFN\tprecision\trecall\tF1\t")
	for _, c := range taxonomy.Categories {
		cnt, ok := r.ByCategory[c.ID]
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", c.ID, cnt.TP, cnt.FP, cnt.FN, cnt.Precision(), cnt.Recall(), cnt.F1())
	}
	o := r.Overall
	fmt.Fprintf(tw, "overall\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", o.TP, o.FP, o.FN, o.Precision(), o.Recall(), o.F1())
	tw.Flush()

	fmt.Fprintf(w, "\ncalibration (findings on labelled columns)\n")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "confidence\tfindings\tcorrect\tprecision\t")
	for _, b := range r.Calibration {
		fmt.Fprintf(tw, "[%.1f, %.1f)\t%d\t%d\t%.3f\t\n", b.Low, math.Min(b.High, 1), b.Findings, b.Correct, ratio(b.Correct, b.Findings))
	}
	tw.Flush()
	fmt.Fprintf(w, "confidence >= 0.9: %.1f%% of those findings correct; %.1f%% of correct findings have it\n",
		100*r.HighPrecision(), 100*r.HighShare())

	fmt.Fprintf(w, "\npersons: reported %d; the CURP columns hold %d distinct CURPs\n", r.PersonsFound, r.PersonsTrue)
	if len(r.HardNegatives) == 0 {
		fmt.Fprintln(w, "hard-negative tables: no finding")
	} else {
		fmt.Fprintf(w, "hard-negative tables: %d findings\n", len(r.HardNegatives))
	}
	for _, t := range r.MissingTables {
		fmt.Fprintf(w, "missing from the report: %s\n", t)
	}
	for _, e := range r.ScanErrors {
		fmt.Fprintf(w, "scan error: %s\n", e)
	}
	if len(r.Mistakes) > 0 {
		fmt.Fprintf(w, "\nmistakes\n")
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, m := range r.Mistakes {
			conf := ""
			if m.Kind != "missed" {
				conf = fmt.Sprintf("%.2f %v", m.Confidence, m.Evidence)
			}
			fmt.Fprintf(tw, "  %s\t%s.%s\t%s\t%s\n", m.Kind, m.Table, m.Column, m.Category, conf)
		}
		tw.Flush()
	}
	fmt.Fprintln(w)
}
