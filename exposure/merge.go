package exposure

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

// Part is one report to merge and the folder it was read from (its
// persons file is named relative to it).
type Part struct {
	Report *reports.Report
	Dir    string
	Name   string // for messages: the report's file name
}

// ErrMerge marks parts that cannot be merged (mixed keys, a missing or
// mismatched persons file): bad usage, not a failure of the data.
var ErrMerge = errors.New("cannot merge")

// Merge combines reports made apart with one key (institutions that may
// not pool personal data, each handing over its report and persons file)
// into the report one scan of every source would have given: sources and
// tables side by side, records added up, and every person figure
// recomputed from the persons files, so that a person found in two
// institutions (by CURP, or by a name and birthdate that matches a CURP
// holder's) counts once and in persons_in_several_sources.
func Merge(parts []Part, o StoreOptions, version string) (*reports.Report, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("%w: no reports", ErrMerge)
	}
	keyID := ""
	for _, p := range parts {
		pf := p.Report.Exposure.PersonsFile
		if pf == nil {
			return nil, fmt.Errorf("%w: %s names no persons file: scan with --persons-out and --hash-key-file", ErrMerge, p.Name)
		}
		if pf.KeyID == "" || pf.KeyID != p.Report.Exposure.KeyID {
			return nil, fmt.Errorf("%w: %s: its persons file was made with another key than the report", ErrMerge, p.Name)
		}
		if keyID == "" {
			keyID = pf.KeyID
		} else if pf.KeyID != keyID {
			return nil, fmt.Errorf("%w: %s was made with another key (%s) than %s (%s): every part must use the same --hash-key-file",
				ErrMerge, p.Name, pf.KeyID, parts[0].Name, keyID)
		}
	}

	out := &reports.Report{Schema: reports.Schema, Tool: reports.Tool{Name: "alcance", Version: version}}
	s := NewStore(o)
	defer s.Close()
	var notes []SourceNotes
	interrupted := false
	modes := map[string]bool{}
	for _, p := range parts {
		r := p.Report
		offset := len(out.Sources)
		path := r.Exposure.PersonsFile.Path
		if !filepath.IsAbs(path) {
			path = filepath.Join(p.Dir, path)
		}
		b := s.NewBatch()
		head, sum, err := ReadPersonsFile(path, func(rec *PersonRecord) error {
			feed(b, rec, offset)
			return nil
		})
		b.Flush()
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrMerge, p.Name, err)
		}
		switch {
		case sum != r.Exposure.PersonsFile.SHA256:
			return nil, fmt.Errorf("%w: %s: its persons file %s does not match the report (SHA-256 %s, the report says %s)",
				ErrMerge, p.Name, path, sum, r.Exposure.PersonsFile.SHA256)
		case head.KeyID != keyID:
			return nil, fmt.Errorf("%w: %s: its persons file was made with another key", ErrMerge, p.Name)
		case len(head.Sources) != len(r.Sources):
			return nil, fmt.Errorf("%w: %s: its persons file lists %d sources, the report %d", ErrMerge, p.Name, len(head.Sources), len(r.Sources))
		}
		for i, src := range r.Sources {
			notes = append(notes, head.Sources[i].Notes)
			out.Sources = append(out.Sources, src)
		}
		interrupted = interrupted || r.Scan.Interrupted
		modes[r.Scan.Mode] = true
		mergeScan(&out.Scan, r.Scan)
	}
	if len(modes) > 1 {
		out.Scan.Mode = "mixed"
	}
	out.Scan.Interrupted = interrupted
	res, err := s.Resolve(len(out.Sources), nil)
	if err != nil {
		return nil, fmt.Errorf("counting persons: %w", err)
	}
	sum := Summarize(res, notes, interrupted)
	ex := &out.Exposure
	ex.Figures, ex.PersonsInSeveralSources, ex.KeyID = sum.All, sum.Several, keyID
	ex.RecordsByCategory = map[string]reports.Estimate{}
	ex.TablesByTier = map[string]int{}
	for _, t := range taxonomy.Tiers {
		ex.TablesByTier[t] = 0
	}
	for i := range out.Sources {
		src := &out.Sources[i]
		src.Exposure = &reports.SourceExposure{Figures: sum.BySource[i]}
		for _, t := range src.Tables {
			ex.TablesByTier[t.Exposure.Tier]++
			cats := make([]string, 0, len(t.Exposure.ByCategory))
			for c := range t.Exposure.ByCategory {
				cats = append(cats, c)
			}
			sort.Slice(cats, func(a, b int) bool { return taxonomy.Order(cats[a]) < taxonomy.Order(cats[b]) })
			for _, c := range cats {
				ex.RecordsByCategory[c] = ex.RecordsByCategory[c].Add(t.Exposure.ByCategory[c])
			}
		}
	}
	if sum.AllNotes.Open || interrupted {
		for c, e := range ex.RecordsByCategory {
			ex.RecordsByCategory[c] = e.Opened()
		}
	}
	return out, nil
}

// feed puts one persons-file record into a store, its sources moved by
// offset: the observations it was resolved from, and the name-and-birthdate
// keys of a CURP holder as aliases, so that another part's record of them
// by name finds them.
func feed(b *Batch, rec *PersonRecord, offset int) {
	for _, sd := range rec.Sources {
		b.addObs(obs{key: rec.Key, cats: sd.Cats, maybe: sd.Maybe, source: uint16(offset + int(sd.Source)), kind: rec.Kind, band: rec.Band})
	}
	if rec.Kind == kindCURP {
		for _, nb := range rec.NB {
			b.addAlias(alias{from: nb, to: rec.Key, fromKind: kindNB, toKind: kindCURP, toBand: rec.Band})
		}
	}
}

// mergeScan widens the scan's times to cover a part's.
func mergeScan(s *reports.Scan, p reports.Scan) {
	if s.Mode == "" {
		s.Mode, s.SampleRows = p.Mode, p.SampleRows
	}
	if s.StartedAt.IsZero() || !p.StartedAt.IsZero() && p.StartedAt.Before(s.StartedAt) {
		s.StartedAt = p.StartedAt
	}
	if p.FinishedAt.After(s.FinishedAt) {
		s.FinishedAt = p.FinishedAt
	}
	if s.FinishedAt.IsZero() {
		s.FinishedAt = time.Now().UTC().Truncate(time.Second)
	}
}
