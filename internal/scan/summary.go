package scan

import (
	"strings"

	"github.com/alcance-mx/alcance/exposure"
	"github.com/alcance-mx/alcance/reports"
	"github.com/alcance-mx/alcance/taxonomy"
)

// summarize fills each table's tier and the scan-wide figures.
func summarize(rep *reports.Report, results []tableResult, persons *personSet) reports.Exposure {
	// A table whose sensitive data points at people (id_paciente) is
	// linked to them when its source identifies people somewhere.
	identifies := map[int]bool{}
	for _, r := range results {
		for _, c := range r.table.Exposure.Categories {
			if cat, _ := taxonomy.Lookup(c); cat.Class == taxonomy.Identifier || c == taxonomy.PersonName {
				identifies[r.source] = true
			}
		}
	}
	ex := reports.Exposure{
		RecordsByCategory: map[string]reports.Estimate{},
		TablesByTier:      map[string]int{},
	}
	for _, t := range taxonomy.Tiers {
		ex.TablesByTier[t] = 0
	}
	var missed reports.Estimate
	sampledOnly, inText := false, false
	for _, r := range results {
		t := r.table
		t.Exposure.Tier = exposure.Tier(t.Exposure.Categories, r.personKey && identifies[r.source])
		ex.TablesByTier[t.Exposure.Tier]++
		for _, cat := range sortedCategories(t.Exposure.ByCategory) {
			ex.RecordsByCategory[cat] = ex.RecordsByCategory[cat].Add(t.Exposure.ByCategory[cat])
		}
		missed = missed.Add(r.personRowsWithoutCURP)
		if r.curpSampled {
			// CURPs in rows the sample did not read may be new people.
			sampledOnly = true
			missed.High += t.Exposure.ByCategory[taxonomy.CURP].High
		}
		if r.textOnlyCURPs.High > 0 {
			inText = true
			missed.High += r.textOnlyCURPs.High
		}
	}
	n := persons.count()
	method := []string{"distinct valid CURPs in identifier columns, counted by keyed hash (HMAC-SHA256)"}
	if sampledOnly {
		method = append(method, "some CURP columns could only be sampled")
	} else {
		method = append(method, "CURP columns read in full")
	}
	if missed.High > 0 {
		why := "rows that name a person or hold an identifier but no valid CURP"
		if inText {
			why += ", and rows whose CURP is only inside free text"
		}
		method = append(method, "the high bound adds "+why+": they may be other people")
	}
	ex.Persons = reports.Figure{Estimate: reports.Estimate{Value: n, Low: n, High: n + missed.High}, Method: strings.Join(method, "; ")}
	return ex
}
