package reports

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"strings"
)

// The notification annex and the decommission certificate are documents
// built from a few kinds of block (paragraphs, lists, tables, fields the
// officer completes), then rendered as HTML or Markdown by one renderer
// each. Every string in a block is plain text: the renderers escape all of
// it, catalogue text and source names alike.

type document struct {
	L        Lang
	Title    string
	Meta     [][2]string // label, value
	Banners  []string    // warnings shown above everything
	Sections []section
	Footer   string
}

type section struct {
	Title  string
	Blocks []block
}

type block struct {
	Para   string
	Strong bool   // Para in bold
	Note   string // a marked note: something the officer must check
	List   []string
	Table  *docTable
	Fill   string // a field the officer completes: its label
}

type docTable struct {
	Head  []string
	Align string // one letter per column: l or r
	Rows  [][]string
}

// DocumentFormat picks the format of an annex or certificate from its
// file name: "html" or "md".
func DocumentFormat(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return "html", nil
	case ".md", ".markdown":
		return "md", nil
	}
	return "", fmt.Errorf("%s: an annex or certificate must end in .html or .md", path)
}

func (d document) write(w io.Writer, format string) error {
	var b bytes.Buffer
	switch format {
	case "html":
		d.html(&b)
	case "md":
		d.markdown(&b)
	default:
		return fmt.Errorf("unknown document format %q (html or md)", format)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// esc escapes text for HTML, after clean has removed control characters.
func esc(s string) string { return html.EscapeString(clean(s)) }

const docCSS = `:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 960px; padding: 1.25rem; overflow-wrap: break-word; }
h1 { font-size: 1.45rem; margin: 0 0 .4rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .4rem; border-bottom: 2px solid #d0d0d0; padding-bottom: .15rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; }
th, td { border: 1px solid #c8c8c8; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #ececec; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
td code, li code { overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.banner { border: 3px solid #a50e0e; background: #fff4f4; color: #7a0000; font-weight: 700; border-radius: 6px; padding: .5rem .9rem; }
.check { border-left: 4px solid #b36b00; background: #fff8ec; padding: .3rem .7rem; margin: .4rem 0; }
.fill { border: 1px dashed #555; border-radius: 4px; min-height: 4.5rem; padding: .3rem .6rem; margin: .3rem 0 .8rem; color: #555; }
footer { margin-top: 1.5rem; color: #4a4a4a; font-size: .85rem; }
@media (max-width: 640px) { body { padding: .75rem; } dl { grid-template-columns: minmax(0, 1fr); } }
@media print { body { max-width: none; padding: 0; font-size: 10pt; } h2 { break-after: avoid; } tr, .fill, .check { break-inside: avoid; } }
`

func (d document) html(b *bytes.Buffer) {
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n", esc(string(d.L)))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
	b.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\" />\n")
	fmt.Fprintf(b, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>%s</h1>\n", esc(d.Title), docCSS, esc(d.Title))
	if len(d.Meta) > 0 {
		b.WriteString("<dl>\n")
		for _, m := range d.Meta {
			fmt.Fprintf(b, "<dt>%s</dt><dd>%s</dd>\n", esc(m[0]), esc(m[1]))
		}
		b.WriteString("</dl>\n")
	}
	for _, s := range d.Banners {
		fmt.Fprintf(b, "<p class=\"banner\">%s</p>\n", esc(s))
	}
	for i, s := range d.Sections {
		fmt.Fprintf(b, "<section aria-labelledby=\"s%d\">\n<h2 id=\"s%d\">%s</h2>\n", i, i, esc(s.Title))
		for _, bl := range s.Blocks {
			switch {
			case bl.Para != "" && bl.Strong:
				fmt.Fprintf(b, "<p><strong>%s</strong></p>\n", esc(bl.Para))
			case bl.Para != "":
				fmt.Fprintf(b, "<p>%s</p>\n", esc(bl.Para))
			case bl.Note != "":
				fmt.Fprintf(b, "<p class=\"check\">%s</p>\n", esc(bl.Note))
			case bl.List != nil:
				b.WriteString("<ul>\n")
				for _, li := range bl.List {
					fmt.Fprintf(b, "<li>%s</li>\n", esc(li))
				}
				b.WriteString("</ul>\n")
			case bl.Table != nil:
				t := bl.Table
				b.WriteString("<div class=\"scroll\"><table>\n<thead><tr>")
				for i, h := range t.Head {
					fmt.Fprintf(b, "<th scope=\"col\"%s>%s</th>", alignClass(t.Align, i), esc(h))
				}
				b.WriteString("</tr></thead>\n<tbody>\n")
				for _, r := range t.Rows {
					b.WriteString("<tr>")
					for i, c := range r {
						fmt.Fprintf(b, "<td%s>%s</td>", alignClass(t.Align, i), esc(c))
					}
					b.WriteString("</tr>\n")
				}
				b.WriteString("</tbody>\n</table></div>\n")
			case bl.Fill != "":
				fmt.Fprintf(b, "<p><strong>%s</strong></p>\n<div class=\"fill\">%s</div>\n", esc(bl.Fill), esc(d.L.T("doc.tocomplete")))
			}
		}
		b.WriteString("</section>\n")
	}
	fmt.Fprintf(b, "<footer>%s</footer>\n</body>\n</html>\n", esc(d.Footer))
}

func alignClass(align string, i int) string {
	if i < len(align) && align[i] == 'r' {
		return ` class="r"`
	}
	return ""
}

func (d document) markdown(b *bytes.Buffer) {
	b.WriteString("# " + mdText(d.Title) + "\n\n")
	for _, m := range d.Meta {
		b.WriteString("- **" + mdText(m[0]) + ":** " + mdText(m[1]) + "\n")
	}
	for _, s := range d.Banners {
		b.WriteString("\n> **" + mdText(s) + "**\n")
	}
	for _, s := range d.Sections {
		b.WriteString("\n## " + mdText(s.Title) + "\n")
		for _, bl := range s.Blocks {
			b.WriteByte('\n')
			switch {
			case bl.Para != "" && bl.Strong:
				b.WriteString("**" + mdText(bl.Para) + "**\n")
			case bl.Para != "":
				b.WriteString(mdText(bl.Para) + "\n")
			case bl.Note != "":
				b.WriteString("> ⚠ " + mdText(bl.Note) + "\n")
			case bl.List != nil:
				for _, li := range bl.List {
					b.WriteString("- " + mdText(li) + "\n")
				}
			case bl.Table != nil:
				var rows [][]string
				for _, r := range bl.Table.Rows {
					row := make([]string, len(r))
					for i, c := range r {
						row[i] = mdText(c)
					}
					rows = append(rows, row)
				}
				head := make([]string, len(bl.Table.Head))
				for i, h := range bl.Table.Head {
					head[i] = mdText(h)
				}
				mdTable(b, head, bl.Table.Align, rows)
			case bl.Fill != "":
				b.WriteString("**" + mdText(bl.Fill) + "**\n\n> " + mdText(d.L.T("doc.tocomplete")) + "\n>\n> \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\n")
			}
		}
	}
	b.WriteString("\n---\n\n" + mdText(d.Footer) + "\n")
}
