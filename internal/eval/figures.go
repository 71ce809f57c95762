package eval

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/alcance-mx/alcance/internal/synth"
	"github.com/alcance-mx/alcance/reports"
)

// FigureScore is one person figure as reported, next to the truth.
type FigureScore struct {
	Name     string
	Reported reports.Figure
	True     int
}

// Off is the relative difference of the reported value from the truth.
func (f FigureScore) Off() float64 {
	if f.True == 0 {
		if f.Reported.Value == 0 {
			return 0
		}
		return math.Inf(1)
	}
	return math.Abs(float64(f.Reported.Value)-float64(f.True)) / float64(f.True)
}

// Covered says whether the truth lies within the reported bounds.
func (f FigureScore) Covered() bool {
	t := int64(f.True)
	return f.Reported.Low <= t && (f.Reported.Open || t <= f.Reported.High)
}

// Figures scores a report's person figures against the corpus truth; nil
// when the corpus's truth is not known (a style did not declare it).
func Figures(rep *reports.Report, labels synth.Labels) []FigureScore {
	t := labels.Figures
	if t == nil {
		return nil
	}
	e := rep.Exposure
	out := []FigureScore{
		{"persons", e.Persons, t.Persons},
		{"persons_with_health", e.PersonsWithHealth, t.PersonsWithHealth},
		{"minors", e.Minors, t.Minors},
		{"older_adults", e.OlderAdults, t.OlderAdults},
		{"identity_kit", e.IdentityKit, t.IdentityKit},
		{"financial", e.Financial, t.Financial},
	}
	if len(labels.Institutions) > 1 {
		out = append(out, FigureScore{"persons_in_several_sources", e.PersonsInSeveralSources, labels.Several})
	}
	return out
}

// PrintFigures writes the figures next to the truth.
func PrintFigures(w io.Writer, fs []FigureScore) {
	if fs == nil {
		return
	}
	fmt.Fprintln(w, "person figures against the corpus truth")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "figure\treported\tlow\thigh\ttrue\toff\ttruth within bounds\t")
	for _, f := range fs {
		high := "none"
		if !f.Reported.Open {
			high = fmt.Sprint(f.Reported.High)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%.2f%%\t%v\t\n", f.Name, f.Reported.Value, f.Reported.Low, high, f.True, 100*f.Off(), f.Covered())
	}
	tw.Flush()
	fmt.Fprintln(w)
}
