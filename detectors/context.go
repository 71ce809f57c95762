package detectors

import (
	"strings"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// personCategories say a table is about people when a column holds one.
// Contact data does not: offices and companies have phones and e-mails too.
var personCategories = map[string]bool{
	taxonomy.CURP: true, taxonomy.RFC: true, taxonomy.NSS: true, taxonomy.VoterKey: true,
	taxonomy.PersonName: true, taxonomy.Birthdate: true,
}

// givesPersonContext: an identifier that validates makes a table about
// people; a name or a birthdate does when its column's name or the CURP in
// the same rows says so, or the dictionaries are sure. Dates that merely
// spread like births (salaries read as Excel serials do) must not make a
// table about people on their own, or everything else in it would follow.
func givesPersonContext(k *candidate) bool {
	switch k.category {
	case taxonomy.PersonName, taxonomy.Birthdate:
		return hasEvidence(k, EvColumnName) || hasEvidence(k, EvRowConsistency) ||
			k.category == taxonomy.PersonName && k.s.confidence() >= 0.9
	}
	return true
}

// healthTableTokens are abbreviations that say so as a word of their own.
var healthTableTokens = map[string]bool{"lab": true, "labs": true, "lis": true, "rx": true, "hc": true, "exp": false}

// healthTableWords in a table's name say it holds health records.
var healthTableWords = []string{"consulta", "paciente", "egreso", "ingreso", "hospital", "salud", "expediente",
	"diagnost", "urgencia", "defuncion", "caso", "covid", "epidem", "vacuna", "sinave", "morbilidad", "clinic",
	"atencion", "receta", "medic", "enfermedad", "cronico", "derechohabiente", "seguro", "imss", "issste",
	// A patient's history, exams, nursing and dental charts, lab results.
	"historia", "exploracion", "enfermeria", "signos_vitales", "antecedente", "odonto", "dental", "laboratorio",
	"somatometria", "triage", "hospitaliz", "nota_medica", "notas_medicas", "evolucion", "tratamiento",
	"padecimiento", "cartilla", "esavi", "inmuniz", "prenatal", "embarazo", "control_nino", "nutricion",
	"tamiz", "neonat", "perinat", "obstetr", "parto", "nacido", "lactancia", "puerper"}

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
			if personCategories[k.category] && givesPersonContext(k) {
				tc.personContext = true
			}
			// A facility alone does not make a table about health: a
			// payroll names the hospital where people work. Nor do a few
			// clinical words in titles, file names or notes: a column must
			// mostly hold health data.
			if (k.category == taxonomy.HealthCondition || k.category == taxonomy.HealthEnrollment) && mostly(k) && !c.freeText {
				tc.healthContext = true
			}
		}
	}
	for _, w := range healthTableWords {
		if strings.Contains(tc.name, w) {
			tc.healthContext = true
		}
	}
	// Abbreviations that are whole words of the name only: LAB_RESULTADOS
	// is a laboratory's, while "lab" inside "laboral" is work.
	for _, w := range strings.Split(tc.name, "_") {
		if healthTableTokens[w] {
			tc.healthContext = true
		}
	}
	tc.animals = tc.aboutAnimals()
	if catalogueName(tc.name) && !tc.personKey && !tc.identifiesPeople() {
		// A catalogue of positions, sites or units: its descriptions name
		// people ("JOSE MARIA MORELOS") and medical work ("MEDICO
		// ESPECIALISTA EN DIABETES") without being about anyone.
		tc.thingCatalogue = true
		tc.personContext = false
	}
}

// identifiesPeople reports whether a column holds validated personal
// identifiers or is named as a person's name: what a catalogue never has.
func (tc *tableCtx) identifiesPeople() bool {
	for _, c := range tc.cols {
		for _, cat := range []string{taxonomy.CURP, taxonomy.RFC, taxonomy.NSS, taxonomy.VoterKey} {
			if mostly(c.candidate(cat)) {
				return true
			}
		}
		if c.name.Category == taxonomy.PersonName && c.name.Strength == vocab.Strong && !c.name.Guessed &&
			c.name.Hint != vocab.HintGivenName {
			return true // "apellido_paterno", "nombre_paciente"; a bare "nombre" names things too
		}
	}
	return false
}

// contextDetectors adjust pass-1 candidates with what the table says.
var contextDetectors = []func(*tableCtx, *colCtx){
	animalRule, catalogueRule, personOnlyCategories, conditionFlags, postalAgreesWithState, lonelyBirthdate, lonelyCondition,
}

// catalogueRule: TAXONOMY says a catalogue that lists diseases, medicines
// or facilities, one row per item, is not about anyone; a person's record
// is. In a table with nothing about people, a health column whose values
// are all different is a catalogue's key, and everything the table says
// about health (its descriptions, its free text) is catalogue too. An
// anonymised case table is not caught: its diagnoses repeat.
func catalogueRule(tc *tableCtx, c *colCtx) {
	if tc.thingCatalogue {
		for _, k := range c.cands {
			switch k.category {
			case taxonomy.PersonName, taxonomy.HealthCondition, taxonomy.HealthFacility, taxonomy.HealthEnrollment:
				k.s.add("", -10)
			}
		}
	}
	if !tc.catalogue() {
		return
	}
	for _, k := range c.cands {
		if k.category == taxonomy.HealthCondition || k.category == taxonomy.HealthFacility || c.freeText {
			k.s.add("", -10)
		}
	}
}

// mostly reports whether a candidate's values mostly carry its category.
func mostly(k *candidate) bool {
	return k != nil && k.s.valueSupport && k.examined > 0 && 2*k.matched >= k.examined
}

// catalogue reports whether the table lists health items rather than
// people (computed once): a health column is the table's key, one row per
// code or unit. A key is unique; the diagnoses of a case table repeat, and
// even spread evenly over the 14,000 codes of CIE-10 they repeat within a
// few hundred rows (two thousand draws give about 140 repeats), so only a
// column with next to no repeat is a key. A small sample cannot show that,
// and there the table's name must say catalogue.
func (tc *tableCtx) catalogue() bool {
	if tc.isCatalogue == nil {
		is := false
		if !tc.personContext {
			for _, c := range tc.cols {
				if c.nPresent < 30 || c.freeText ||
					!(mostly(c.candidate(taxonomy.HealthCondition)) || mostly(c.candidate(taxonomy.HealthFacility))) {
					continue
				}
				spanned := min(c.nPresent, distinctSpan)
				switch {
				case spanned >= 300 && c.prof.distinct >= 0.98:
					is = true
				case c.prof.distinct >= 0.9 && catalogueName(tc.name):
					is = true
				}
			}
		}
		tc.isCatalogue = &is
	}
	return *tc.isCatalogue
}

// catalogueName reports whether a (normalised) table name says catalogue:
// "cat_diagnosticos", "catalogo_cie10", "ctl_unidades", "tc_clues",
// "c_cie10", "cie10".
func catalogueName(name string) bool {
	tokens := strings.Split(name, "_")
	for i, t := range tokens {
		switch {
		case t == "cat" || t == "ctl" || t == "catalogo" || t == "catalogos" || t == "catalog" || t == "cats" ||
			t == "catalogue" || strings.HasPrefix(t, "catalog"):
			return true
		case i == 0 && (t == "c" || t == "tc" || t == "cg") && len(tokens) > 1:
			return true
		case t == "cie10" || t == "cie" || t == "icd10" || t == "clues":
			return true
		}
	}
	return false
}

// personOnlyCategories: addresses, postal codes, phones, enrollment numbers
// and facilities are personal data in a record about people (named, or an
// anonymised case); in a table of offices, companies, positions or products
// they are no one's. Bank accounts and cards likewise need people.
func personOnlyCategories(tc *tableCtx, c *colCtx) {
	people := tc.aboutPeople()
	for _, cat := range []string{taxonomy.Address, taxonomy.PostalCode, taxonomy.Phone, taxonomy.HealthEnrollment, taxonomy.HealthFacility} {
		k := c.candidate(cat)
		if k == nil {
			continue
		}
		if people {
			k.s.add(EvTableContext, 1.5)
		} else {
			// Whatever the values prove (a perfect address line), they are
			// not a person's here.
			k.s.add("", -20)
		}
		if cat == taxonomy.HealthFacility && !tc.healthContext {
			k.s.add("", -8) // a workplace or a warehouse, not the facility that attended someone
		}
	}
	for _, cat := range []string{taxonomy.CLABE, taxonomy.CreditCard} {
		if k := c.candidate(cat); k != nil && !tc.personContext {
			k.s.add("", -10)
		}
	}
}

// aboutPeople reports whether the table's rows are people or cases of
// people: a column identifies or names someone, points at someone, or the
// table is an (anonymised) record of health cases.
func (tc *tableCtx) aboutPeople() bool {
	if tc.personContext {
		return true
	}
	if !tc.healthContext || tc.catalogue() {
		return false
	}
	// A case table records conditions the way case tables do: coded
	// flags, CIE-10 codes, or several condition columns. One column of
	// vaccine or disease names is as likely a catalogue or an inventory.
	columns := 0
	for _, c := range tc.cols {
		k := c.candidate(taxonomy.HealthCondition)
		if k == nil || !(k.s.valueSupport || c.codedCondition) || c.name.Hint.PersonMeasure() {
			continue // a measurement is a person's only in a record about people
		}
		if c.codedCondition || hasEvidence(k, EvDictionary) {
			return true
		}
		columns++
	}
	return columns >= 2
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

// lonelyCondition: the name of a disease or a vaccine in a table about no
// one and about no case (a lot inventory, a price list) is no one's
// condition.
func lonelyCondition(tc *tableCtx, c *colCtx) {
	if k := c.candidate(taxonomy.HealthCondition); k != nil && !tc.aboutPeople() {
		k.s.add("", -3)
	}
}

// conditionFlags: a DIABETES column of 1/2 codes is a person's condition in
// a health table (an epidemiological case table, a clinical record), and
// nothing in any other.
func conditionFlags(tc *tableCtx, c *colCtx) {
	if !c.codedCondition {
		return
	}
	k := c.candidate(taxonomy.HealthCondition)
	if k == nil {
		return
	}
	if c.name.Hint.PersonMeasure() && !tc.aboutPeople() {
		return // a cold chain's temperature, a lab instrument's reading
	}
	if k.s.valueSupport && !c.name.Hint.PersonMeasure() {
		return // the values said it already
	}
	if tc.healthContext && k.examined > 0 && k.matched >= k.examined*9/10 {
		k.s.add(EvColumnName, 4.5)
		k.s.add(EvTableContext, 2)
		switch {
		case allFlagCodes(c):
			// Every value is a code of the yes/no coding Mexican health
			// data uses (1/2, 97/98/99): the values confirm a flag.
			k.s.add(EvValueFormat, 0.5)
		case c.name.Hint.PersonMeasure() && !k.s.valueSupport:
			// Nine values in ten are what the name announces (readings,
			// scores, dates or marks of doses) in a record about people.
			k.s.add(EvValueFormat, 1)
		}
	}
}

// allFlagCodes reports whether every value of a column is a yes/no code.
func allFlagCodes(c *colCtx) bool {
	for _, v := range c.vals {
		if v != "" && !conditionFlagValue(v) {
			return false
		}
	}
	return true
}

// animalWords are the species a veterinary record holds.
var animalWords = wordSet(`PERRO PERRA GATO GATA CANINO CANINA FELINO FELINA EQUINO BOVINO PORCINO OVINO CAPRINO AVE
AVES CONEJO HURON HAMSTER TORTUGA CABALLO YEGUA VACA TORO BORREGO CERDO DOG CAT`)

// aboutAnimals reports whether the table's rows are animals: a column named
// species or breed, or whose values are species.
func (tc *tableCtx) aboutAnimals() bool {
	for _, c := range tc.cols {
		switch norm.Identifier(c.col.Name) {
		case "especie", "raza", "species", "breed", "tipo_mascota", "tipo_animal", "especie_animal":
			return true
		}
		if c.nPresent >= 20 && c.prof.distinctCount <= 30 && c.prof.avgWords <= 2 {
			hits, seen := 0, 0
			for _, v := range c.vals {
				if v == "" {
					continue
				}
				if seen++; seen > probeSize {
					break
				}
				if animalWords[norm.Fold(v)] {
					hits++
				}
			}
			if 2*hits > seen {
				return true
			}
		}
	}
	return false
}

// ownerWords name the people of a veterinary record.
var ownerWords = []string{"propietario", "dueno", "owner", "tutor", "responsable", "cliente"}

// animalRule: a pet's name, birthdate and diagnoses are no person's
// (TAXONOMY is about people); its owner's columns, named so, still are.
func animalRule(tc *tableCtx, c *colCtx) {
	if !tc.animals {
		return
	}
	id := norm.Identifier(c.col.Name)
	for _, w := range ownerWords {
		if strings.Contains(id, w) {
			return
		}
	}
	for _, k := range c.cands {
		switch k.category {
		case taxonomy.PersonName, taxonomy.Birthdate, taxonomy.HealthCondition, taxonomy.HealthFacility:
			k.s.add("", -10)
		}
	}
}

// confirmSplitAddress: a table that splits its address (a street column,
// a postal code) makes its weakly named parts ("col", "dom", "dir")
// address parts too: abbreviations are the table's way, not a directory.
func (tc *tableCtx) confirmSplitAddress() {
	strong := 0
	for _, c := range tc.cols {
		if (c.name.Category == taxonomy.Address || c.name.Category == taxonomy.PostalCode) &&
			c.name.Strength == vocab.Strong && !c.name.Guessed {
			strong++
		}
	}
	if strong == 0 {
		return
	}
	for _, c := range tc.cols {
		if c.name.Category == taxonomy.Address && c.name.Strength == vocab.Weak && !c.name.Guessed {
			c.name.Strength = vocab.Strong
		}
	}
}
