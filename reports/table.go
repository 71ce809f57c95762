package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

func init() { register("table", TableWriter{}) }

// lineWidth is the most columns a line of the summary takes.
const lineWidth = 100

// TableWriter writes the human summary printed on stdout after a scan:
// the headline (the figure to report with its bounds in plain words,
// people with health data, minors, records, what could not be scanned),
// the other person figures, records per category, tables with findings by
// tier, and what could not be scanned last (where a terminal leaves it in
// view). Tables with no finding are counted, not listed: the md, html and
// csv reports list every table. Plain text, no colour; text from a source
// is cleaned of control characters, so a table name cannot drive the
// terminal.
type TableWriter struct{}

func (TableWriter) Write(w io.Writer, r *Report) error {
	s := summarize(r)
	l := s.L
	var b bytes.Buffer
	sc := r.Scan
	head := l.T("meta.line", clean(r.Tool.Name), clean(r.Tool.Version), clean(sc.Mode))
	if sc.Mode == "sample" {
		head += ", " + l.T("meta.linesample", thousands(int64(sc.SampleRows)))
	}
	para(&b, head, "  ")
	started := l.T("meta.startedline", when(l, sc.StartedAt))
	if d := took(sc); d != "" {
		started += ", " + l.T("meta.took", d)
	}
	para(&b, started, "  ")
	b.WriteByte('\n')
	if s.Interrupted {
		para(&b, l.T("head.interrupted"), "  ")
		b.WriteByte('\n')
	}
	if s.Sources == 0 {
		b.WriteString(l.T("head.nosources") + "\n")
	}
	persons := s.Figures[0].F()
	para(&b, l.T("head.report", headValue(persons.Estimate)), "  ")
	para(&b, "  "+headlineText(l, persons.Estimate), "    ")
	for _, f := range s.Figures[1:] {
		para(&b, f.Label(l)+": "+figureText(l, f.F().Estimate), "  ")
	}
	if s.Several != nil {
		para(&b, s.Several.Label(l)+": "+figureText(l, s.Several.F().Estimate), "  ")
	}
	if m := persons.Method; m != "" {
		para(&b, l.T("col.method")+": "+clean(m), "  ")
	}
	para(&b, l.T("head.records")+": "+estimateText(l, s.Records), "  ")
	para(&b, l.T("head.tables")+": "+l.T("head.tablesin", thousands(int64(s.Tables)),
		plural(l, s.Sources, "source"), thousands(int64(s.TablesWithFindings))), "  ")
	if len(s.Errors) > 0 {
		para(&b, l.T("head.incomplete", notScanned(l, s.Errors))+" "+l.T("t.listedatend"), "  ")
	} else if s.Sources > 0 {
		para(&b, l.T("head.notscanned")+": "+l.T("head.nothingleft"), "  ")
	}

	if len(r.Sources) > 1 || s.grouped() {
		b.WriteString("\n" + l.T("sec.sources") + "\n")
		var rows [][]string
		for _, in := range s.Institutions {
			for _, src := range in.Sources {
				row := []string{clean(s.name(src))}
				if s.grouped() {
					row = append([]string{clean(in.Name)}, row...)
				}
				p, h, m := "-", "-", "-"
				if x := src.Exposure; x != nil {
					p, h, m = approx(x.Persons.Estimate), approx(x.PersonsWithHealth.Estimate), approx(x.Minors.Estimate)
				}
				rows = append(rows, append(row, thousands(int64(len(src.Tables))), p, h, m))
			}
		}
		hdr := []string{upper(l.T("col.source")), upper(l.T("col.tables")), upper(l.T("col.persons")),
			upper(l.T("col.health")), upper(l.T("col.minors"))}
		caps := []int{30, 8, 14, 16}
		if s.grouped() {
			hdr = append([]string{upper(l.T("col.institution"))}, hdr...)
			caps = []int{24, 24, 8, 14, 16}
		}
		aligned(&b, hdr, rows, caps)
	}

	if len(s.Categories) > 0 {
		b.WriteString("\n" + l.T("sec.records") + "\n")
		var rows [][]string
		for _, c := range s.Categories {
			rows = append(rows, []string{clean(c.Label), className(l, c.Class), approx(c.Records), boundsText(l, c.Records)})
		}
		aligned(&b, []string{upper(l.T("col.category")), upper(l.T("col.class")), upper(l.T("col.records")),
			upper(l.T("col.interval"))}, rows, nil)
	}

	var rows [][]string
	none := 0
	for _, t := range s.Ranked {
		if !hasFindings(t.Table) {
			none++
			continue
		}
		rows = append(rows, []string{clean(tierName(l, t.Table.Exposure.Tier)), approx(t.Table.Exposure.Records),
			clean(s.name(t.Source)), clean(t.Table.QualifiedName()),
			clean(strings.Join(t.Table.Exposure.Categories, ", "))})
	}
	if len(rows) > 0 {
		b.WriteString("\n" + l.T("sec.withfindings") + "\n")
		aligned(&b, []string{upper(l.T("col.tier")), upper(l.T("col.records")), upper(l.T("col.source")),
			upper(l.T("col.table")), upper(l.T("col.category"))}, rows, []int{8, 14, 16, 32})
	}
	if none > 0 {
		b.WriteString("\n" + l.T("t.nofindingcount", thousands(int64(none))) + "\n")
	}
	if len(s.Warnings) > 0 {
		b.WriteString("\n" + l.T("sec.warnings") + "\n")
		for _, w := range s.Warnings {
			para(&b, "- "+clean(w.Source)+": "+clean(w.Text), "  ")
		}
	}
	if len(s.Skipped) > 0 {
		b.WriteString("\n" + l.T("sec.skipped") + "\n")
		for _, k := range s.Skipped {
			para(&b, "- "+clean(k.Source)+": "+clean(k.Path)+": "+clean(k.Reason), "  ")
		}
	}
	if len(s.Errors) > 0 {
		b.WriteString("\n" + l.T("t.notscannedline", thousands(int64(len(s.Errors)))) + "\n")
		var rows [][]string
		for _, e := range s.Errors {
			rows = append(rows, []string{clean(e.Source), clean(errTable(l, e.Error)), clean(e.Error.Error)})
		}
		aligned(&b, []string{upper(l.T("col.source")), upper(l.T("col.table")), upper(l.T("col.why"))}, rows, []int{16, 32})
	}
	_, err := w.Write(b.Bytes())
	return err
}

func upper(s string) string { return strings.ToUpper(s) }

// para writes text wrapped to lineWidth, continuation lines indented.
func para(b *bytes.Buffer, text, indent string) {
	lead := len(text) - len(strings.TrimLeft(text, " "))
	for i, l := range wrap(text, lineWidth-lead, lineWidth-len(indent)) {
		if i > 0 {
			b.WriteString(indent)
		} else {
			b.WriteString(text[:lead])
		}
		b.WriteString(l + "\n")
	}
}

// aligned writes rows under a header in aligned columns. Every column but
// the last is cut to its cap (caps[i], when given); the last is wrapped
// into what is left of lineWidth, its continuation lines under itself.
func aligned(b *bytes.Buffer, header []string, rows [][]string, caps []int) {
	const pad = 2
	last := len(header) - 1
	all := append([][]string{header}, rows...)
	used := 0
	for i := range last {
		wid := 0
		for _, r := range all {
			if i < len(caps) {
				r[i] = cut(r[i], caps[i])
			}
			wid = max(wid, utf8.RuneCountInString(r[i]))
		}
		used += wid + pad
	}
	room := max(lineWidth-used, 20)
	tw := tabwriter.NewWriter(b, 0, 8, pad, ' ', 0)
	for _, r := range all {
		if r[last] == "" {
			r[last] = "-" // an empty last cell would leave trailing spaces
		}
		for i, l := range wrap(r[last], room, room) {
			if i == 0 {
				fmt.Fprintln(tw, strings.Join(r[:last], "\t")+"\t"+l)
			} else {
				fmt.Fprintln(tw, strings.Repeat("\t", last)+l)
			}
		}
	}
	tw.Flush()
}

// cut shortens s to at most n runes, ending in "…" when it was cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// wrap breaks text at spaces into lines of at most first runes (the first
// line) and rest runes (the others); a word longer than a line is split.
func wrap(text string, first, rest int) []string {
	var lines []string
	line, width := "", first
	for _, word := range strings.Fields(text) {
		for utf8.RuneCountInString(word) > width {
			if line != "" {
				lines, line, width = append(lines, line), "", rest
				continue
			}
			r := []rune(word)
			lines, word, width = append(lines, string(r[:width])), string(r[width:]), rest
		}
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines, line, width = append(lines, line), word, rest
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
