package exposure

import (
	"math"
	"strings"

	"github.com/alcance-mx/alcance/reports"
)

// SourceNotes are what the engine knows of a source beyond its persons:
// what could not be read, and what only a sample saw.
type SourceNotes struct {
	// Shard is true when only a part of the source's work was done here
	// (--shard): the figures are lower bounds until the parts are merged.
	Shard bool `json:"shard,omitempty"`
	// Open is true when a table (or the whole source) that may hold people
	// could not be read: the figures are lower bounds.
	Open bool `json:"open"`
	// SampledIdentity is true when some identifying columns could only be
	// sampled (the source cannot stream them).
	SampledIdentity bool `json:"sampled_identity,omitempty"`
	// Unread[f] bounds the people of figure f that rows not read may add:
	// rows whose CURPs are in text only sampled.
	Unread [nFigures]int64 `json:"unread"`
	// MaybeSampled[f] and MaybeOf[f] are, over the tables whose columns that
	// decide figure f were only sampled, the sampled rows that held it and
	// all sampled rows: the rate at which unread rows are expected to.
	MaybeSampled [nFigures]int64 `json:"maybe_sampled"`
	MaybeOf      [nFigures]int64 `json:"maybe_of"`
}

// AddTable notes what one table's sample saw of its unread rows (its
// result, its row count and the categories it holds).
func (n *SourceNotes) AddTable(r TableResult, total int64, cats []string) {
	var set uint32
	for _, c := range cats {
		set |= catBit(c)
	}
	if r.TextCURPRows > 0 && int64(r.SampledRows) < total {
		// The rows not sampled may hold as many CURPs in text as the
		// sample's rate allows at most: people of whom only that is known.
		extra := FromSample(r.TextCURPRows, r.SampledRows, total).High - int64(r.TextCURPRows)
		for f, in := range widensOf(set) {
			if in || f == figKit {
				n.Unread[f] += extra
			}
		}
	}
	for f := range nFigures {
		if r.maybe[f] {
			n.MaybeSampled[f] += int64(r.maybeHits[f])
			n.MaybeOf[f] += int64(r.SampledRows)
		}
	}
}

// Merge adds another source's notes (for whole-report figures).
func (n *SourceNotes) Merge(o SourceNotes) {
	n.Open = n.Open || o.Open
	n.Shard = n.Shard || o.Shard
	n.SampledIdentity = n.SampledIdentity || o.SampledIdentity
	for f := range nFigures {
		n.Unread[f] += o.Unread[f]
		n.MaybeSampled[f] += o.MaybeSampled[f]
		n.MaybeOf[f] += o.MaybeOf[f]
	}
}

var figureMethods = [nFigures]string{
	figPersons: "persons.identity", figHealth: "health.linked", figMinors: "minors",
	figOlder: "older", figKit: "kit", figFinancial: "financial",
}

// figures builds the six person figures from counts and notes.
func figures(c Counts, n SourceNotes, interrupted bool) reports.Figures {
	var out [nFigures]reports.Figure
	for f := range nFigures {
		certain, maybe, widen := c.Certain[f], c.MaybeOnly[f], c.Widen[f]
		value := certain
		if maybe > 0 && n.MaybeOf[f] > 0 {
			value += int64(math.Round(float64(maybe) * float64(n.MaybeSampled[f]) / float64(n.MaybeOf[f])))
		}
		e := reports.Estimate{Value: value, Low: certain, High: certain + maybe + widen + n.Unread[f]}
		parts := []string{figureMethods[f]}
		if f == figPersons && n.SampledIdentity {
			parts[0] = "persons.identity_sampled"
		}
		if widen > 0 {
			parts = append(parts, "high.names")
		}
		if n.Unread[f] > 0 {
			parts = append(parts, "high.text")
		}
		if maybe > 0 {
			parts = append(parts, "high.sampled_columns")
		}
		switch {
		case interrupted:
			e.Open = true
			parts = append(parts, "open.interrupted")
		case n.Shard:
			e.Open = true
			parts = append(parts, "open.shard")
		case n.Open:
			e.Open = true
			parts = append(parts, "open.not_scanned")
		}
		id := strings.Join(parts, "+")
		out[f] = reports.Figure{Estimate: e, MethodID: id, Method: reports.MethodSentence(id)}
	}
	return reports.Figures{
		Persons: out[figPersons], PersonsWithHealth: out[figHealth], Minors: out[figMinors],
		OlderAdults: out[figOlder], IdentityKit: out[figKit], Financial: out[figFinancial],
	}
}

// Summary are the figures of a whole scan and of each source.
type Summary struct {
	All      reports.Figures
	Several  reports.Figure
	BySource []reports.Figures
	Links    []LinkOutcome
	Resolved *Resolution
	AllNotes SourceNotes
}

// Summarize turns a resolution and each source's notes into figures.
func Summarize(r *Resolution, notes []SourceNotes, interrupted bool) Summary {
	var all SourceNotes
	for _, n := range notes {
		all.Merge(n)
	}
	s := Summary{All: figures(r.All, all, interrupted), Links: r.Links, Resolved: r, AllNotes: all}
	for i := range r.BySource {
		var n SourceNotes
		if i < len(notes) {
			n = notes[i]
		}
		s.BySource = append(s.BySource, figures(r.BySource[i], n, interrupted))
	}
	id := "several"
	e := reports.Exact(r.InSeveral)
	switch {
	case interrupted:
		e.Open, id = true, id+"+open.interrupted"
	case all.Shard:
		e.Open, id = true, id+"+open.shard"
	case all.Open:
		e.Open, id = true, id+"+open.not_scanned"
	}
	s.Several = reports.Figure{Estimate: e, MethodID: id, Method: reports.MethodSentence(id)}
	return s
}
