package reports

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"
	"math"

	"github.com/alcance-mx/alcance/taxonomy"
)

func init() { register("html", HTMLWriter{}) }

// HTMLWriter writes one self-contained page a data protection officer can
// read on a desktop or a phone, print (at most a dozen pages for the demo,
// A4 or Letter) and attach: inline CSS and SVG, no script, nothing fetched
// from anywhere (a Content-Security-Policy meta tag forbids it as well).
// html/template escapes everything, so a table named <script> shows as text.
type HTMLWriter struct{}

//go:embed html.tmpl
var htmlSource string

// htmlFuncs are the helpers every HTML template (report, annex,
// certificate) uses.
var htmlFuncs = template.FuncMap{
	"n":          func(v int) string { return thousands(int64(v)) },
	"n64":        thousands,
	"approx":     approx,
	"headValue":  headValue,
	"bounds":     bounds,
	"boundsText": boundsText,
	"figure":     figureText,
	"headline":   headlineText,
	"estimate":   estimateText,
	"rows":       rowsText,
	"ratio":      ratio,
	"percent":    percent,
	"when":       when,
	"label":      label,
	"clean":      clean,
	"errTable":   errTable,
	"meaning":    meaningOf,
	"tierName":   tierName,
	"className":  className,
	"tierCSS":    tierCSS,
	"classCSS":   func(id string) string { return classCSS(classOf(id)) },
	"found":      hasFindings,
	"plural":     plural,
	"quiet":      quietColumns,
	"notScanned": notScanned,
	"mode":       modeText,
	"took":       took,
	"fp":         fingerprintText,
	"rowsWord": func(l Lang, r Rows) string {
		if r.Exact {
			return l.T("t.rowsexact")
		}
		return l.T("t.rowsest")
	},
	"tableArgs": func(v htmlView, t tableRef) tableArgs { return tableArgs{L: v.L, T: t, Name: v.S.name(t.Source)} },
}

// tableArgs is what the "table" template shows of one table.
type tableArgs struct {
	L    Lang
	T    tableRef
	Name string
}

var htmlPage = template.Must(template.New("page").Funcs(htmlFuncs).Parse(htmlSource))

func (HTMLWriter) Write(w io.Writer, r *Report) error {
	var b bytes.Buffer
	if err := htmlPage.Execute(&b, newHTMLView(r)); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// htmlView is what the template shows.
type htmlView struct {
	R        *Report
	S        summary
	L        Lang
	Persons  Figure
	Took     string
	NotDone  string // "1 table and 1 source", when something failed
	Chart    chart
	Classes  []legendKey
	Tiers    []tierGroup // every tier id, most serious first, with its tables with findings
	Quiet    []tableRef  // tables with no finding, listed together
	Figures  []namedFigure
	HowTo    []string
	Methods  []string
	Glossary []string
}

// Name is how the report calls a source (unique).
func (v htmlView) Name(s *Source) string { return v.S.name(s) }

type legendKey struct{ CSS, Name string }

type tierGroup struct {
	ID, Meaning, Anchor string
	Tables              []tableRef
	Count               int // tables of the tier, with or without findings
}

func newHTMLView(r *Report) htmlView {
	s := summarize(r)
	l := s.L
	v := htmlView{R: r, S: s, L: l, Persons: *s.Figures[0].fig, Took: took(r.Scan),
		Chart: newChart(l, s.Categories), HowTo: howToRead, Methods: methodNotes, Glossary: glossary,
		Quiet: quietTables(s.Ranked), Figures: s.Figures}
	if s.Several != nil {
		v.Figures = append(v.Figures[:len(v.Figures):len(v.Figures)], *s.Several)
	}
	if len(s.Errors) > 0 {
		v.NotDone = notScanned(l, s.Errors)
	}
	for _, c := range []taxonomy.Class{taxonomy.Identifier, taxonomy.Sensitive, taxonomy.Financial, taxonomy.Contact} {
		v.Classes = append(v.Classes, legendKey{classCSS(c), className(l, c)})
	}
	for _, t := range taxonomy.Tiers {
		v.Tiers = append(v.Tiers, tierGroup{ID: t, Meaning: meaningOf(l, t), Anchor: "tier-" + t})
	}
	for _, t := range s.Ranked {
		tier := t.Table.Exposure.Tier
		if last := &v.Tiers[len(v.Tiers)-1]; taxonomy.TierRank(tier) == len(taxonomy.Tiers) && last.ID != tier {
			// A tier id this version does not know: its own group, after none.
			v.Tiers = append(v.Tiers, tierGroup{ID: tier, Meaning: meaningOf(l, tier),
				Anchor: "tier-other-" + thousands(int64(len(v.Tiers)))})
		}
		for i := range v.Tiers {
			if v.Tiers[i].ID == tier {
				v.Tiers[i].Count++
				if hasFindings(t.Table) {
					v.Tiers[i].Tables = append(v.Tiers[i].Tables, t)
				}
			}
		}
	}
	return v
}

// chart is a horizontal bar chart of records per category, laid out here
// so the template only places shapes.
type chart struct {
	Width, Height, LabelX, BarX int
	Bars                        []bar
}

// bar is one category: its bar, its 95% interval (when not exact) and
// the text beside it. Coordinates are in SVG user units.
type bar struct {
	Row                          categoryRow
	CSS, Text, Title             string
	Exact                        bool
	Top, Mid, Bottom, TextY      float64
	Width, Low, High, ValueX     float64
	CapTop, CapBottom, BarHeight float64
}

func newChart(l Lang, rows []categoryRow) chart {
	const rowH, barH, top, labelW, area, width = 24.0, 14.0, 6.0, 250, 360.0, 720
	c := chart{Width: width, Height: int(2*top + rowH*float64(len(rows))), LabelX: labelW - 8, BarX: labelW}
	var most int64
	for _, r := range rows {
		most = max(most, r.Records.Value, r.Records.High)
	}
	x := func(n int64) float64 {
		if most <= 0 {
			return labelW
		}
		return labelW + tenth(area*float64(n)/float64(most))
	}
	for i, r := range rows {
		y := top + rowH*float64(i)
		b := bar{Row: r, CSS: classCSS(r.Class), Exact: r.Records.IsExact() || r.Records.Open, Text: approx(r.Records),
			Top: y + (rowH-barH)/2, BarHeight: barH, Mid: y + rowH/2, TextY: y + rowH/2 + 4.5,
			Width: tenth(x(r.Records.Value) - labelW), Low: x(r.Records.Low), High: x(r.Records.High),
			CapTop: y + rowH/2 - 6, CapBottom: y + rowH/2 + 6}
		b.ValueX = tenth(max(b.Width+labelW, b.High) + 8)
		if r.Records.Open {
			b.ValueX = tenth(b.Width + labelW + 8)
		}
		b.Title = r.Label + ": " + estimateText(l, r.Records) + "; " + className(l, r.Class)
		c.Bars = append(c.Bars, b)
	}
	return c
}

// tenth rounds to a tenth of a unit, which keeps the SVG short and stable.
func tenth(f float64) float64 { return math.Round(f*10) / 10 }

func classOf(id string) taxonomy.Class {
	if c, ok := taxonomy.Lookup(id); ok {
		return c.Class
	}
	return taxonomy.Contact
}

// classCSS is the CSS class that colours a category class.
func classCSS(c taxonomy.Class) string {
	switch c {
	case taxonomy.Identifier:
		return "c-identifier"
	case taxonomy.Sensitive:
		return "c-sensitive"
	case taxonomy.Financial:
		return "c-financial"
	}
	return "c-contact"
}

// tierCSS is the CSS class of a tier badge; unknown ids get a neutral one.
func tierCSS(tier string) string {
	if taxonomy.TierRank(tier) < len(taxonomy.Tiers) {
		return "t-" + tier
	}
	return "t-unknown"
}
