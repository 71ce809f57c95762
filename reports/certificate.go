package reports

import (
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Certificate is what a decommission certificate states beyond the report:
// the JSON report written beside it (its path and SHA-256) and the gate it
// certifies ("any", or category ids).
type Certificate struct {
	Report     *Report
	JSONPath   string
	JSONSHA256 string
	Gate       []string
}

// ErrNotCertifiable is returned for a report a certificate may not cover:
// an interrupted scan, or one where something could not be scanned, or
// where a finding of the certified categories remains.
var ErrNotCertifiable = errors.New("this scan cannot be certified")

// WriteCertificate writes the decommission certificate ("html" or "md"):
// what was scanned, when and how, with the sources' fingerprints and the
// SHA-256 of the JSON report beside it, and for every table with no
// finding of the certified categories what the scan proves: exactly none
// when every row was read, else a statistical bound ("0 of N sampled rows;
// with 95% confidence fewer than X% of rows hold ..."). It refuses a scan
// that was interrupted, that could not read everything, or where the
// certified categories were found: a certificate never covers what was
// not looked at.
func WriteCertificate(w io.Writer, format string, c Certificate) error {
	if err := Certifiable(c.Report, c.Gate); err != nil {
		return err
	}
	return certificate(c).write(w, format)
}

// Certifiable says why r cannot be certified under gate, or nil.
func Certifiable(r *Report, gate []string) error {
	switch {
	case r.Scan.Interrupted:
		return errors.Join(ErrNotCertifiable, errors.New("the scan was interrupted"))
	case len(r.Sources) == 0:
		return errors.Join(ErrNotCertifiable, errors.New("no source was scanned"))
	case len(r.Errors()) > 0:
		return errors.Join(ErrNotCertifiable, errors.New("something could not be scanned"))
	}
	for _, s := range r.Sources {
		if len(s.Warnings) > 0 {
			return errors.Join(ErrNotCertifiable, errors.New("a source has warnings: "+s.Warnings[0]))
		}
		for _, t := range s.Tables {
			if len(gatedFindings(&t, gate)) > 0 {
				return errors.Join(ErrNotCertifiable, errors.New("findings of the certified categories remain"))
			}
		}
	}
	return nil
}

// gatedFindings lists the categories of t the gate covers.
func gatedFindings(t *Table, gate []string) []string {
	var out []string
	all := len(gate) == 0 || slices.Contains(gate, "any")
	for _, c := range t.Columns {
		for _, f := range c.Findings {
			if (all || slices.Contains(gate, f.Category)) && !slices.Contains(out, f.Category) {
				out = append(out, f.Category)
			}
		}
	}
	return out
}

func certificate(c Certificate) document {
	r := c.Report
	s := summarize(r)
	l := s.L
	all := len(c.Gate) == 0 || slices.Contains(c.Gate, "any")
	what := l.T("cert.anydata")
	if !all {
		var labels []string
		for _, g := range c.Gate {
			labels = append(labels, label(l, g)+" ("+g+")")
		}
		what = l.T("cert.somedata", strings.Join(labels, ", "))
	}
	d := document{L: l, Title: l.T("cert.title"), Meta: docMeta(r, s),
		Footer: l.T("doc.footer", clean(r.Tool.Name), clean(r.Tool.Version))}
	gate := "--fail-on " + strings.Join(c.Gate, ",")
	if len(c.Gate) == 0 {
		gate = "--fail-on any"
	}
	d.Meta = append(d.Meta, [2]string{l.T("meta.gate"), gate})

	statement := []block{
		{Para: l.T("cert.statement", what, plural(l, s.Tables, "table"), plural(l, s.Sources, "source")), Strong: true},
	}
	if !all {
		statement = append(statement, block{Note: l.T("cert.onlysome")})
	}
	statement = append(statement, block{Para: l.T("cert.json", c.JSONPath, c.JSONSHA256)})
	d.Sections = append(d.Sections, section{Title: l.T("cert.sec.statement"), Blocks: statement})

	var srcRows [][]string
	for _, in := range s.Institutions {
		for _, src := range in.Sources {
			fp := fingerprintText(l, src.Fingerprint)
			if fp == "" {
				fp = l.T("cert.nofingerprint")
			}
			srcRows = append(srcRows, []string{s.name(src), src.Kind, src.Location, thousands(int64(len(src.Tables))), fp})
		}
	}
	d.Sections = append(d.Sections, section{Title: l.T("cert.sec.what"), Blocks: []block{
		{Table: &docTable{Head: []string{l.T("col.source"), l.T("col.kind"), l.T("col.location"), l.T("col.tables"),
			l.T("col.fingerprint")}, Align: "lllrl", Rows: srcRows}},
	}})

	d.Sections = append(d.Sections, section{Title: l.T("cert.sec.how"), Blocks: []block{
		{Para: modeText(l, r.Scan)},
		{Para: l.T("methods.sampling")},
		{Para: l.T("cert.boundmethod")},
	}})

	var rows [][]string
	var other [][]string
	for _, t := range s.Ranked {
		tb := t.Table
		if hasFindings(tb) && all {
			continue // cannot happen: Certifiable refused it
		}
		if !all && hasFindings(tb) {
			other = append(other, []string{s.name(t.Source), tb.QualifiedName(), strings.Join(tb.Exposure.Categories, ", ")})
		}
		rows = append(rows, []string{s.name(t.Source), tb.QualifiedName(), rowsText(tb.Rows), thousands(int64(tb.SampledRows)),
			zeroBoundText(l, tb, what)})
	}
	d.Sections = append(d.Sections, section{Title: l.T("cert.sec.tables"), Blocks: []block{
		{Table: &docTable{Head: []string{l.T("col.source"), l.T("col.table"), l.T("col.rows"), l.T("cert.col.read"),
			l.T("cert.col.proves")}, Align: "llrrl", Rows: rows}},
	}})
	if len(other) > 0 {
		d.Sections = append(d.Sections, section{Title: l.T("cert.sec.other"), Blocks: []block{
			{Para: l.T("cert.otherintro")},
			{Table: &docTable{Head: []string{l.T("col.source"), l.T("col.table"), l.T("col.category")}, Align: "lll", Rows: other}},
		}})
	}
	d.Sections = append(d.Sections, section{Title: l.T("cert.sec.limits"), Blocks: []block{
		{List: []string{l.T("cert.limit.listed"), l.T("cert.limit.sample"), l.T("cert.limit.json")}},
		{Note: l.T("cert.check")},
		{Fill: l.T("cert.sign")},
	}})
	return d
}

// zeroBoundText says what a table with no finding proves: exactly none
// when every row was read, else the 95% bound.
func zeroBoundText(l Lang, t *Table, what string) string {
	n, total := int64(t.SampledRows), t.Rows.Value
	if t.Rows.Exact && n >= total {
		return l.T("cert.allread", thousands(total), what)
	}
	rows, frac := ZeroBound(n, max(total, n))
	return l.T("cert.sampled", thousands(n), pct(frac), thousands(rows), what)
}

// ZeroBound is the one-sided 95% upper bound on how many of a table's
// total rows hold something, when a uniform random sample of n rows drawn
// without replacement held none: the largest K for which seeing no such
// row still has probability of at least 5% (the hypergeometric
// distribution, exact for sampling without replacement; for a sample that
// is small beside the table it is the familiar "rule of three", about 3/n).
// It returns K and K/total.
func ZeroBound(n, total int64) (rows int64, frac float64) {
	if n <= 0 || total <= 0 {
		return total, 1
	}
	if n >= total {
		return 0, 0
	}
	// logP0(K) = log P(no hit | K of total hold it) = sum over i < n of
	// log((total-K-i)/(total-i)); it falls as K grows.
	logP0 := func(k int64) float64 {
		if k > total-n {
			return math.Inf(-1)
		}
		var s float64
		for i := int64(0); i < n; i++ {
			s += math.Log(float64(total-k-i)) - math.Log(float64(total-i))
		}
		return s
	}
	limit := math.Log(0.05)
	lo, hi := int64(0), total-n+1 // logP0(lo) >= limit > logP0(hi)
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if logP0(mid) >= limit {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, float64(lo) / float64(total)
}

// pct writes a fraction as a percentage with two significant decimals at
// most: 0.0003 gives "0.03%", 0.12 gives "12%". It rounds up, so a bound
// is never understated.
func pct(f float64) string {
	p := f * 100
	switch {
	case p == 0:
		return "0%"
	case p >= 10:
		return strconv.FormatFloat(math.Ceil(p), 'f', 0, 64) + "%"
	case p >= 1:
		return strconv.FormatFloat(math.Ceil(p*10)/10, 'f', -1, 64) + "%"
	}
	d := math.Pow(10, math.Ceil(-math.Log10(p))+1)
	return strconv.FormatFloat(math.Ceil(p*d)/d, 'f', -1, 64) + "%"
}
