package reports

import (
	"io"
	"strings"

	"github.com/alcance-mx/alcance/taxonomy"
)

// WriteAnnex writes the breach-notification annex of r ("html" or "md"):
// the elements a notification carries under the LGPDPPSO (public bodies),
// the LFPDPPP (private parties, such as vendors) and GDPR Art. 33(3),
// filled with what the scan measured (categories of data with the
// sensitive ones marked, approximate number of people with bounds and
// method, categories of people, records per category, risk indicators) and
// laid out for the officer to complete what only they know (nature,
// consequences, recommendations, corrective actions, contacts). Articles
// are cited only where their text was checked (GDPR Art. 33(3)); for the
// 2025 Mexican laws the annex names the law and marks that the officer
// must check the applicable article in the current text.
func WriteAnnex(w io.Writer, format string, r *Report) error {
	return annex(r).write(w, format)
}

func annex(r *Report) document {
	s := summarize(r)
	l := s.L
	d := document{L: l, Title: l.T("annex.title"), Meta: docMeta(r, s),
		Footer: l.T("doc.footer", clean(r.Tool.Name), clean(r.Tool.Version))}
	if s.Interrupted {
		d.Banners = append(d.Banners, l.T("head.interrupted"))
	}
	if len(s.Errors) > 0 {
		d.Banners = append(d.Banners, l.T("head.incomplete", notScanned(l, s.Errors)))
	}

	// The elements, law by law, and where each is answered.
	elements := []struct{ key, gdpr, filled string }{
		{"nature", "33(3)(a)", ""},
		{"categories", "33(3)(a)", "annex.sec.categories"},
		{"subjects", "33(3)(a)", "annex.sec.subjects"},
		{"subjectcats", "33(3)(a)", "annex.sec.subjectcats"},
		{"records", "33(3)(a)", "annex.sec.records"},
		{"risk", "33(3)(c)", "annex.sec.risk"},
		{"consequences", "33(3)(c)", ""},
		{"recommendations", "—", ""},
		{"measures", "33(3)(d)", ""},
		{"contact", "33(3)(b)", ""},
	}
	var rows [][]string
	for _, e := range elements {
		where := l.T("annex.officer")
		if e.filled != "" {
			where = l.T("annex.alcance", l.T(e.filled))
		}
		gdpr := e.gdpr
		if gdpr != "—" {
			gdpr = "GDPR Art. " + gdpr
		}
		rows = append(rows, []string{l.T("annex.el." + e.key), l.T("annex.mx." + e.key), gdpr, where})
	}
	d.Sections = append(d.Sections, section{Title: l.T("annex.sec.elements"), Blocks: []block{
		{Para: l.T("annex.intro")},
		{Table: &docTable{Head: []string{l.T("annex.col.element"), l.T("annex.col.mx"), l.T("annex.col.gdpr"),
			l.T("annex.col.where")}, Align: "llll", Rows: rows}},
		{Note: l.T("annex.check.laws")},
		{Note: l.T("annex.check.scope")},
	}})

	// Categories of personal data, the sensitive ones marked.
	var cats [][]string
	for _, c := range s.Categories {
		sensitive := ""
		if c.Class == taxonomy.Sensitive {
			sensitive = l.T("annex.sensitive")
		}
		cats = append(cats, []string{c.Label, c.ID, className(l, c.Class), sensitive})
	}
	catBlocks := []block{{Table: &docTable{Head: []string{l.T("col.category"), l.T("col.id"), l.T("col.class"),
		l.T("annex.col.sensitive")}, Align: "llll", Rows: cats}}}
	if len(cats) == 0 {
		catBlocks = []block{{Para: l.T("annex.nocategories")}}
	}
	d.Sections = append(d.Sections, section{Title: l.T("annex.sec.categories"), Blocks: catBlocks})

	// Approximate number of people, bounds and method.
	p := s.Figures[0].F()
	d.Sections = append(d.Sections, section{Title: l.T("annex.sec.subjects"), Blocks: []block{
		{Para: l.T("head.report", headValue(p.Estimate)), Strong: true},
		{Para: headlineText(l, p.Estimate)},
		{Para: l.T("col.method") + ": " + orDash(p.Method)},
	}})

	// Categories of people: minors, older adults, patients, and people by source.
	var subj [][]string
	for _, f := range []namedFigure{s.Figures[2], s.Figures[3], s.Figures[1]} {
		subj = append(subj, []string{f.Label(l), approx(f.F().Estimate), figureText(l, f.F().Estimate), orDash(f.F().Method)})
	}
	subjBlocks := []block{{Table: &docTable{Head: []string{l.T("col.figure"), l.T("col.value"), l.T("col.bounds"),
		l.T("col.method")}, Align: "lrll", Rows: subj}}}
	var bySource [][]string
	for _, in := range s.Institutions {
		for _, src := range in.Sources {
			row := []string{orDash(in.Name), s.name(src), "—", "—", "—"}
			if x := src.Exposure; x != nil {
				row[2], row[3], row[4] = approx(x.Persons.Estimate), approx(x.PersonsWithHealth.Estimate), approx(x.Minors.Estimate)
			}
			bySource = append(bySource, row)
		}
	}
	if len(bySource) > 0 {
		subjBlocks = append(subjBlocks, block{Para: l.T("annex.bysource")},
			block{Table: &docTable{Head: []string{l.T("col.institution"), l.T("col.source"), l.T("col.persons"),
				l.T("col.health"), l.T("col.minors")}, Align: "llrrr", Rows: bySource}},
			block{Note: l.T("annex.check.subjects")})
	}
	d.Sections = append(d.Sections, section{Title: l.T("annex.sec.subjectcats"), Blocks: subjBlocks})

	// Records per category.
	var recs [][]string
	for _, c := range s.Categories {
		recs = append(recs, []string{c.Label, approx(c.Records), boundsText(l, c.Records)})
	}
	recBlocks := []block{{Table: &docTable{Head: []string{l.T("col.category"), l.T("col.records"), l.T("col.interval")},
		Align: "lrr", Rows: recs}}, {Para: l.T("head.records") + ": " + estimateText(l, s.Records)}}
	d.Sections = append(d.Sections, section{Title: l.T("annex.sec.records"), Blocks: recBlocks})

	// Risk indicators.
	var risk [][]string
	for _, f := range []namedFigure{s.Figures[4], s.Figures[1], s.Figures[5]} {
		risk = append(risk, []string{f.Label(l), approx(f.F().Estimate), figureText(l, f.F().Estimate)})
	}
	if s.Several != nil {
		risk = append(risk, []string{s.Several.Label(l), approx(s.Several.F().Estimate), figureText(l, s.Several.F().Estimate)})
	}
	tiers := map[string]int{}
	for _, t := range s.Ranked {
		tiers[t.Table.Exposure.Tier]++
	}
	var tierList []string
	for _, t := range taxonomy.Tiers {
		if tiers[t] > 0 {
			tierList = append(tierList, l.T("annex.tiercount", tierName(l, t), plural(l, tiers[t], "table"), meaningOf(l, t)))
		}
	}
	d.Sections = append(d.Sections, section{Title: l.T("annex.sec.risk"), Blocks: []block{
		{Table: &docTable{Head: []string{l.T("col.figure"), l.T("col.value"), l.T("col.bounds")}, Align: "lrl", Rows: risk}},
		{List: tierList},
	}})

	// What only the officer knows.
	d.Sections = append(d.Sections, section{Title: l.T("annex.sec.officer"), Blocks: []block{
		{Fill: l.T("annex.el.nature")},
		{Fill: l.T("annex.el.consequences")},
		{Fill: l.T("annex.el.recommendations")},
		{Fill: l.T("annex.el.measures")},
		{Fill: l.T("annex.el.contact")},
	}})
	if len(s.Errors) > 0 {
		var rows [][]string
		for _, e := range s.Errors {
			rows = append(rows, []string{e.Source, errTable(l, e.Error), e.Error.Error})
		}
		d.Sections = append(d.Sections, section{Title: l.T("sec.notscanned"), Blocks: []block{
			{Para: l.T("t.incomplete")},
			{Table: &docTable{Head: []string{l.T("col.source"), l.T("col.table"), l.T("col.why")}, Align: "lll", Rows: rows}},
		}})
	}
	d.Sections = append(d.Sections, section{Title: l.T("annex.sec.sources"), Blocks: []block{
		{List: []string{l.T("annex.src.lgpdppso"), l.T("annex.src.lfpdppp"), l.T("annex.src.gdpr")}},
	}})
	return d
}

// docMeta is the scan's identification, shared by annex and certificate.
func docMeta(r *Report, s summary) [][2]string {
	l := s.L
	m := [][2]string{
		{l.T("meta.tool"), clean(r.Tool.Name) + " " + clean(r.Tool.Version) + ", " + l.T("meta.schema") + " " + r.Schema},
		{l.T("meta.mode"), modeText(l, r.Scan)},
		{l.T("meta.started"), when(l, r.Scan.StartedAt)},
		{l.T("meta.finished"), when(l, r.Scan.FinishedAt)},
	}
	var names []string
	for i := range r.Sources {
		names = append(names, s.name(&r.Sources[i]))
	}
	m = append(m, [2]string{l.T("meta.sources"), orDash(strings.Join(names, ", "))})
	if r.Exposure.KeyID != "" {
		m = append(m, [2]string{l.T("meta.key"), r.Exposure.KeyID})
	}
	return m
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
