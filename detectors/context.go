package detectors

import (
	"strings"

	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// personCategories say a table is about people when a column holds one.
var personCategories = map[string]bool{
	taxonomy.CURP: true, taxonomy.RFC: true, taxonomy.NSS: true, taxonomy.VoterKey: true,
	taxonomy.PersonName: true, taxonomy.Birthdate: true, taxonomy.Phone: true, taxonomy.Email: true,
}

// healthTableWords in a table's name say it holds health records.
var healthTableWords = []string{"consulta", "paciente", "egreso", "ingreso", "hospital", "salud", "expediente",
	"diagnost", "urgencia", "defuncion", "caso", "covid", "epidem", "vacuna", "sinave", "morbilidad", "clinic",
	"atencion", "receta", "medic", "enfermedad", "cronico", "derechohabiente", "seguro", "imss", "issste"}

// setContext decides, after pass 1 and the cross-checks, whether the table
// is about people and whether it is about health.
func (tc *tableCtx) setContext() {
	for _, c := range tc.cols {
		if c.name.Hint == vocab.HintPersonKey && c.nPresent > 0 {
			tc.personContext = true
			tc.personKey = true
		}
		for _, k := range c.cands {
			if k.s.confidence() < ReportThreshold {
				continue
			}
			if personCategories[k.category] && !(k.category == taxonomy.Phone && !hasEvidence(k, EvColumnName)) {
				// Ten digits without a name saying "telefono" are as likely
				// an account or a folio: they do not make a table about people.
				tc.personContext = true
			}
			if c, _ := taxonomy.Lookup(k.category); c.Class == taxonomy.Sensitive && k.s.valueSupport {
				tc.healthContext = true
			}
		}
	}
	for _, w := range healthTableWords {
		if strings.Contains(tc.name, w) {
			tc.healthContext = true
		}
	}
}

// contextDetectors adjust pass-1 candidates with what the table says.
var contextDetectors = []func(*tableCtx, *colCtx){
	catalogueRule, personOnlyCategories, conditionFlags, postalAgreesWithState, lonelyBirthdate, lonelyPhone,
}

// catalogueRule: TAXONOMY says a catalogue that lists diseases, medicines
// or facilities, one row per item, is not about anyone; a person's record
// is. In a table with nothing about people, a health column whose values
// are all different is a catalogue's key, and everything the table says
// about health (its descriptions, its free text) is catalogue too. An
// anonymised case table is not caught: its diagnoses repeat.
func catalogueRule(tc *tableCtx, c *colCtx) {
	if !tc.catalogue() {
		return
	}
	for _, k := range c.cands {
		if k.category == taxonomy.HealthCondition || k.category == taxonomy.HealthFacility || c.freeText {
			k.s.add("", -10)
		}
	}
}

// catalogue reports whether the table lists health items rather than
// people (computed once).
func (tc *tableCtx) catalogue() bool {
	if tc.isCatalogue == nil {
		is := false
		if !tc.personContext {
			for _, c := range tc.cols {
				if c.nPresent >= 30 && c.prof.distinct >= 0.9 && !c.freeText &&
					(c.candidate(taxonomy.HealthCondition) != nil || c.candidate(taxonomy.HealthFacility) != nil) {
					is = true
				}
			}
		}
		tc.isCatalogue = &is
	}
	return *tc.isCatalogue
}

// personOnlyCategories: addresses, postal codes, enrollment numbers, bank
// accounts and cards are personal data in a table about people; in a table
// of companies, facilities or products they are not.
func personOnlyCategories(tc *tableCtx, c *colCtx) {
	for _, cat := range []string{taxonomy.Address, taxonomy.PostalCode, taxonomy.HealthEnrollment} {
		k := c.candidate(cat)
		if k == nil {
			continue
		}
		if tc.personContext {
			k.s.add(EvTableContext, 1.5)
		} else {
			k.s.add("", -3)
		}
	}
	// A CLABE or a card is a person's in a person's record; an
	// institution's own accounts and terminals are no one's personal data.
	for _, cat := range []string{taxonomy.CLABE, taxonomy.CreditCard} {
		if k := c.candidate(cat); k != nil && !tc.personContext {
			k.s.add("", -10)
		}
	}
}

// personContextBesides reports whether a column other than c says the
// table is about people.
func (tc *tableCtx) personContextBesides(c *colCtx) bool {
	for _, o := range tc.cols {
		if o == c {
			continue
		}
		if o.name.Hint == vocab.HintPersonKey && o.nPresent > 0 {
			return true
		}
		for _, k := range o.cands {
			if personCategories[k.category] && k.s.confidence() >= ReportThreshold {
				return true
			}
		}
	}
	return false
}

func hasEvidence(k *candidate, ev string) bool {
	for _, e := range k.s.evidence {
		if e == ev {
			return true
		}
	}
	return false
}

// lonelyPhone: ten digits in a table where nothing else is about people,
// under a name that does not say phone, are account numbers, folios or
// keys more often than phones.
func lonelyPhone(tc *tableCtx, c *colCtx) {
	k := c.candidate(taxonomy.Phone)
	if k == nil || c.name.Category == taxonomy.Phone || tc.personContextBesides(c) {
		return
	}
	k.s.add("", -2.5)
}

// lonelyBirthdate: dates that spread like births, in a table where nothing
// else is about people and whose name does not say birth, are more likely
// the creation dates of things (positions, accounts, assets) than births.
func lonelyBirthdate(tc *tableCtx, c *colCtx) {
	k := c.candidate(taxonomy.Birthdate)
	if k == nil || c.name.Category == taxonomy.Birthdate || tc.personContextBesides(c) {
		return
	}
	k.s.add("", -2)
}

// conditionFlags: a DIABETES column of 1/2 codes is a person's condition in
// a health table (an epidemiological case table, a clinical record), and
// nothing in any other.
func conditionFlags(tc *tableCtx, c *colCtx) {
	if c.name.Hint != vocab.HintCondition {
		return
	}
	k := c.candidate(taxonomy.HealthCondition)
	if k == nil || k.s.valueSupport {
		return
	}
	if tc.healthContext && k.matched >= c.nPresent*9/10 {
		k.s.add(EvColumnName, 4.5)
		k.s.add(EvTableContext, 2)
	}
}
