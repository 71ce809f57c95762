package scan

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/alcance-mx/alcance/exposure"
	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

// summarize resolves the person set into the report's figures (whole
// report and per source), writes the persons file when asked, lists the
// links that tied rows to persons, and fills each table's tier and the
// scan-wide record counts.
func (s *scan) summarize(rep *reports.Report, results []tableResult) {
	ex := &rep.Exposure
	ex.KeyID = s.keyer.KeyID()
	var pw *exposure.PersonsWriter
	var each func(*exposure.PersonRecord) error
	if s.cfg.PersonsOut != "" {
		h := exposure.PersonsHeader{KeyID: ex.KeyID, Today: s.cfg.Today.Format("2006-01-02")}
		for i, src := range rep.Sources {
			h.Sources = append(h.Sources, exposure.PersonsSource{Name: src.Name, Kind: src.Kind, Location: src.Location,
				Institution: src.Institution, Notes: s.notes[i]})
		}
		raw := s.cfg.Shards > 1
		if raw {
			// A part of a sharded scan cannot resolve its persons alone:
			// its file keeps the observations for merge to resolve.
			h.Raw = true
			for _, l := range s.links {
				h.Links = append(h.Links, exposure.PersonsLink{Source: l.source, From: l.from, To: l.to, Declared: l.declared, Group: l.group})
			}
		}
		var err error
		if pw, err = exposure.CreatePersonsFile(s.cfg.PersonsOut, h); err != nil {
			s.out.PersonsFailed = err
		} else if raw {
			if err := s.persons.WriteRaw(pw); err != nil {
				pw.Abort()
				pw = nil
				s.out.PersonsFailed = err
			}
		} else {
			each = pw.Write
		}
	}
	res, err := s.persons.Resolve(len(rep.Sources), each)
	if err != nil {
		if pw != nil {
			pw.Abort()
			pw = nil
		}
		s.out.PersonsFailed = fmt.Errorf("counting persons: %w", err)
		// Nothing is known of the persons: every figure is a lower bound of 0.
		res = &exposure.Resolution{BySource: make([]exposure.Counts, len(rep.Sources))}
		for i := range s.notes {
			s.notes[i].Open = true
		}
	}
	if pw != nil {
		sum, err := pw.Close()
		if err != nil {
			s.out.PersonsFailed = err
		} else {
			ex.PersonsFile = &reports.PersonsFile{Path: filepath.Base(s.cfg.PersonsOut), SHA256: sum, KeyID: ex.KeyID}
			if abs, err := filepath.Abs(s.cfg.PersonsOut); err == nil {
				ex.PersonsFile.Path = abs
			}
		}
	}
	sum := exposure.Summarize(res, s.notes, rep.Scan.Interrupted)
	ex.Figures = sum.All
	ex.PersonsInSeveralSources = sum.Several
	for i := range rep.Sources {
		if i < len(sum.BySource) {
			rep.Sources[i].Exposure = &reports.SourceExposure{Figures: sum.BySource[i]}
		}
	}

	// Links that tied rows to persons; the tables they leave are linked to
	// the people of the tables they reach.
	linked := map[[2]string]bool{}
	for i, l := range s.links {
		if i >= len(res.Links) || !res.Links[i].Accepted || res.Links[i].Resolved == 0 {
			continue
		}
		src := &rep.Sources[l.source]
		src.Links = append(src.Links, reports.Link{From: l.from, To: l.to, Declared: l.declared})
		linked[[2]string{fmt.Sprint(l.source), l.fromTable}] = true
	}

	for i := range rep.Sources {
		sortLinks(rep.Sources[i].Links)
	}

	// A table whose sensitive data points at people (id_paciente) is linked
	// to them when its source identifies people somewhere, even where no
	// link could be followed.
	identifies := map[int]bool{}
	for _, r := range results {
		for _, c := range r.table.Exposure.Categories {
			if cat, _ := taxonomy.Lookup(c); cat.Class == taxonomy.Identifier || c == taxonomy.PersonName {
				identifies[r.source] = true
			}
		}
	}
	ex.RecordsByCategory = map[string]reports.Estimate{}
	ex.TablesByTier = map[string]int{}
	for _, t := range taxonomy.Tiers {
		ex.TablesByTier[t] = 0
	}
	for _, r := range results {
		t := r.table
		isLinked := linked[[2]string{fmt.Sprint(r.source), t.QualifiedName()}] || r.personKey && identifies[r.source]
		t.Exposure.Tier = exposure.Tier(t.Exposure.Categories, isLinked)
		ex.TablesByTier[t.Exposure.Tier]++
		for _, cat := range sortedCategories(t.Exposure.ByCategory) {
			ex.RecordsByCategory[cat] = ex.RecordsByCategory[cat].Add(t.Exposure.ByCategory[cat])
		}
	}
	if sum.AllNotes.Open || rep.Scan.Interrupted {
		// What was not read may hold more records of every category.
		for cat, e := range ex.RecordsByCategory {
			ex.RecordsByCategory[cat] = e.Opened()
		}
	}
}

// sortLinks orders links by where they leave from, then where they go, so
// that the same scan lists them the same way however it was run.
func sortLinks(ls []reports.Link) {
	slices.SortFunc(ls, func(a, b reports.Link) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
}
