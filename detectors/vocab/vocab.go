// Package vocab matches column names against the vocabulary of Mexican
// government systems (docs/mexico-identifiers.md §5.1): Spanish and English,
// modern and legacy (8–10-character truncations of FoxPro and dBase), with
// the prefixes and suffixes those systems add.
//
// A match is evidence, not a verdict: the detectors weigh it against what
// the values say, and a name never outweighs values that contradict it.
package vocab

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/taxonomy"
)

// Strength is how much a column name says.
type Strength int

const (
	// Weak names hint at a category but are used for other things too
	// ("dir" may be a directory, "nombre" a product's name).
	Weak Strength = 1
	// Strong names are used for one thing ("curp", "fecha_nacimiento").
	Strong Strength = 2
)

// Hint is a kind of column that is not a category but matters to the
// detectors: the sex or birth state used in row cross-checks, a free-text
// column, a date that is not a birth date.
type Hint string

const (
	HintNone       Hint = ""
	HintSex        Hint = "sex"
	HintBirthState Hint = "birth_state"
	HintFreeText   Hint = "free_text"
	HintEventDate  Hint = "event_date" // registration, visit, invoice, audit dates
	HintNotPerson  Hint = "not_person" // names of things: products, units, companies
	HintAmount     Hint = "amount"     // money and quantities
	HintPlace      Hint = "place"      // municipality, state: not an address alone
	HintPersonKey  Hint = "person_key" // a key that points at a person (id_paciente)
	HintGivenName  Hint = "given_name"
	HintSurname1   Hint = "surname1"
	HintSurname2   Hint = "surname2"
	HintFullName   Hint = "full_name"
	HintCondition  Hint = "condition_flag" // DIABETES = 1/2: health data in a health context
	HintVital      Hint = "vital_sign"     // TA = 120/80, GLASGOW = 15: health data about a person
	HintVaccine    Hint = "vaccine_dose"   // BCG = 2021-03-04, DOSIS = SEGUNDA: health data about a person
	HintWorkplace  Hint = "workplace"      // where someone works (clues_adscripcion)
	HintRecordKey  Hint = "record_key"     // folio_x, num_x, id_x: the number of a record
	// HintSecret: passwords, hashes and tokens. Whatever their values look
	// like, they are no personal-data category and never an example.
	HintSecret Hint = "secret"
	// HintLogin: a user's login. Shaped like an identifier or a name
	// sometimes, it is one only when the value proves itself (a CURP's
	// check digit, an e-mail address).
	HintLogin Hint = "login"
)

// Rule maps a normalised column name to what it means.
type Rule struct {
	Name     string // compacted, lower case, no separators: "fechanacimiento"
	Category string // a taxonomy id, or "" for hints only
	Strength Strength
	Hint     Hint
	// Prefix lets the rule match names that start with it ("curp" matches
	// "curpbenef"); Truncated lets a name that is a prefix of the rule, at
	// least MinTrunc characters long, match it ("fecnacim").
	Prefix    bool
	Truncated bool
}

// Match is the best rule for a column name.
type Match struct {
	Rule
	Matched bool
	// Guessed marks a match made from the shape of a name no rule knows
	// ("nombre_escuela", "folio_certificado"), not from a rule.
	Guessed bool
}

// MinTrunc is the shortest truncation of a rule name that still matches it.
const MinTrunc = 7

// affixes that legacy systems put around a meaningful name (§5.1).
var (
	prefixes = []string{"cve", "clave", "id", "num", "numero", "no", "nro", "txt", "str", "folio"}
	suffixes = []string{"pac", "paciente", "benef", "beneficiario", "tit", "titular", "afil", "afiliado",
		"der", "derechohabiente", "persona", "per", "ciudadano", "usuario", "cliente", "emp", "empleado",
		"trab", "trabajador", "alumno", "txt", "str"}
)

// Lookup finds the rule for a column name, or Matched=false.
func Lookup(column string) Match {
	id := norm.Identifier(column)
	if id == "" {
		return Match{}
	}
	if utf8.RuneCountInString(strings.TrimSpace(column)) == dBaseFieldLimit {
		// dBase and FoxPro cut field names at ten characters
		// (HIPERTENSI, FOLIO_POLI, CLUES_ADSC): a name exactly that long
		// may be the start of a longer rule's, which says more than a
		// shorter rule it also begins with.
		if r, ok := matchCut(strings.ReplaceAll(id, "_", "")); ok {
			return Match{Rule: r, Matched: true}
		}
	}
	for _, cand := range candidates(id) {
		if r, ok := match(cand); ok {
			if keyTo(id, cand) {
				// "id_domicilio" is the key of an address, not one: the
				// name only hints, and the values decide.
				r.Strength = Weak
			}
			return Match{Rule: r, Matched: true}
		}
	}
	if m := thingName(id); m.Matched {
		return m
	}
	return recordKey(id)
}

// dBaseFieldLimit is the length dBase and FoxPro tables cut field names to.
const dBaseFieldLimit = 10

// matchCut finds the longest rule a cut name is the start of.
func matchCut(name string) (Rule, bool) {
	if len(name) < MinTrunc {
		return Rule{}, false
	}
	best, found := Rule{}, false
	for _, r := range ordered {
		if len(name) < len(r.Name) && strings.HasPrefix(r.Name, name) && (!found || len(r.Name) > len(best.Name)) {
			best, found = r, true
		}
	}
	return best, found
}

// recordKey catches names made of a record-number prefix and a word no rule
// knows ("folio_certificado", "num_expediente_interno"): the column holds
// numbers of records, which only look like phones, postal codes or dates.
func recordKey(id string) Match {
	first, rest, ok := strings.Cut(id, "_")
	if !ok || rest == "" {
		return Match{}
	}
	switch first {
	case "folio", "num", "numero", "no", "nro", "id", "clave", "cve", "consecutivo", "registro":
		return Match{Rule: Rule{Name: id, Strength: Weak, Hint: HintRecordKey}, Matched: true, Guessed: true}
	}
	return Match{}
}

// keyTo reports whether cand was reached by removing an "id" prefix.
func keyTo(id, cand string) bool {
	first, _, _ := strings.Cut(id, "_")
	return (first == "id" || strings.HasPrefix(id, "id") && !strings.Contains(id, "_")) &&
		!strings.HasPrefix(cand, "id")
}

// thingName catches the names of names that no rule knows: "nombre_escuela",
// "nom_sucursal", "branch_name". The person forms ("nombre_paciente",
// "first_name") have rules of their own, matched before this, so what is
// left is most likely the name of a thing, often named after a person
// ("ESCUELA BENITO JUAREZ"): a weak hint against person names.
func thingName(id string) Match {
	tokens := strings.Split(id, "_")
	if len(tokens) < 2 {
		return Match{}
	}
	first, last := tokens[0], tokens[len(tokens)-1]
	switch {
	case (first == "nombre" || first == "nom") && personRoles[strings.Join(tokens[1:], "")],
		last == "name" && personRoles[strings.Join(tokens[:len(tokens)-1], "")]:
		// "nombre_solicitante", "applicant_name": the name of a person in a role.
		return Match{Rule: Rule{Name: id, Category: taxonomy.PersonName, Strength: Strong, Hint: HintFullName}, Matched: true, Guessed: true}
	case first == "nombre" || first == "nom" || last == "name" || last == "nombre":
		return Match{Rule: Rule{Name: id, Strength: Weak, Hint: HintNotPerson}, Matched: true, Guessed: true}
	}
	return Match{}
}

// personRoles are the roles people have in records, in Spanish and
// English: "nombre_<role>" is a person's name.
var personRoles = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range strings.Fields(`solicitante quejoso quejosa denunciante contribuyente interesado interesada
		promovente ciudadano ciudadana usuario usuaria cliente alumno alumna estudiante tutor padre madre conyuge
		testigo victima imputado imputada interno interna acusado acusada agraviado agraviada deudor acreedor
		arrendatario propietario representante apoderado asegurado asegurada pensionado pensionada jubilado
		trabajador trabajadora empleado empleada servidor servidora funcionario responsable contacto informante
		fallecido fallecida finado difunto donante receptor recien nacido rn nino nina menor persona titular
		beneficiario beneficiaria afiliado afiliada derechohabiente paciente medico doctor enfermera enfermero
		elector votante socio miembro integrante jefe jefa familiar conductor chofer operador visitante
		applicant customer client patient employee member user contact guardian parent spouse owner holder
		insured beneficiary requester`) {
		m[r] = true
	}
	return m
}()

// candidates lists the forms of a normalised name to try, most literal
// first: as written; without a known prefix or suffix; without trailing
// digits ("domicilio1", "tel2").
func candidates(id string) []string {
	tokens := strings.Split(id, "_")
	out := []string{strings.Join(tokens, "")}
	add := func(ts []string) {
		if len(ts) == 0 {
			return
		}
		c := strings.Join(ts, "")
		for _, o := range out {
			if o == c {
				return
			}
		}
		out = append(out, c)
	}
	trimmed := tokens
	for len(trimmed) > 1 && slices.Contains(prefixes, trimmed[0]) {
		trimmed = trimmed[1:]
		add(trimmed)
	}
	for len(trimmed) > 1 && slices.Contains(suffixes, trimmed[len(trimmed)-1]) {
		trimmed = trimmed[:len(trimmed)-1]
		add(trimmed)
	}
	// Trailing digits: "domicilio1", "tel_2", "curp18" is kept by the rule itself.
	last := out[len(out)-1]
	if d := strings.TrimRight(last, "0123456789"); d != last && len(d) >= 2 {
		add([]string{d})
	}
	// Glued legacy affixes: "cveentnac", "numafil", "nombrepac".
	for _, c := range append([]string(nil), out...) {
		for _, p := range []string{"cve", "num"} {
			if strings.HasPrefix(c, p) && len(c) > len(p)+2 {
				add([]string{c[len(p):]})
			}
		}
		for _, s := range []string{"pac", "benef", "tit", "afil"} {
			if strings.HasSuffix(c, s) && len(c) > len(s)+2 {
				add([]string{c[:len(c)-len(s)]})
			}
		}
	}
	return out
}

// match finds the longest rule matching name exactly, by prefix, or as a
// truncation.
func match(name string) (Rule, bool) {
	if r, ok := exact[name]; ok {
		return r, true
	}
	best, found := Rule{}, false
	for _, r := range ordered { // longest first
		switch {
		case r.Prefix && strings.HasPrefix(name, r.Name):
		case r.Truncated && len(name) >= MinTrunc && len(name) < len(r.Name) && strings.HasPrefix(r.Name, name):
		default:
			continue
		}
		if !found || len(r.Name) > len(best.Name) {
			best, found = r, true
		}
	}
	return best, found
}

var (
	exact   = map[string]Rule{}
	ordered []Rule
)

func init() {
	for _, r := range Rules {
		if _, dup := exact[r.Name]; dup {
			panic("vocab: duplicate rule " + r.Name)
		}
		exact[r.Name] = r
		ordered = append(ordered, r)
	}
	sort.SliceStable(ordered, func(i, j int) bool { return len(ordered[i].Name) > len(ordered[j].Name) })
}

// Informative reports whether a match says something a prefix-free name
// could not improve on: a rule's category or hint, not a guess.
func (m Match) Informative() bool { return m.Matched && !m.Guessed }

// minPrefixColumns is the fewest columns that must share a prefix for it
// to be the table's naming convention rather than a coincidence.
const minPrefixColumns = 3

// LearnPrefix finds the prefix a table's legacy naming puts before its
// column names ("pac_nombre, pac_calle, pac_cp"; "tbNombre, tbCalle";
// "PNOMBRE, PCALLE, PFECNAC"): a start shared by at least half of the
// columns (and three of them) whose removal lets the vocabulary recognise
// names it did not. Of several, the one that reveals most wins, then the
// longest. It returns the normalised prefix (as Identifier writes it, with
// its "_" when it has one), or "".
func LearnPrefix(columns []string) string {
	ids := make([]string, 0, len(columns))
	for _, c := range columns {
		if id := norm.Identifier(c); id != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) < minPrefixColumns {
		return ""
	}
	// Candidate prefixes: the first one or two tokens with their "_", and
	// the first one to four letters of a name glued together.
	share := map[string]int{}
	for _, id := range ids {
		seen := map[string]bool{}
		// The first one or two tokens ("pac_", "tb_pac_").
		for i, tokens := 0, 0; i < len(id)-1 && tokens < 2; i++ {
			if id[i] == '_' {
				seen[id[:i+1]] = true
				tokens++
			}
		}
		for n := 1; n <= 4 && n < len(id)-2; n++ {
			if !isLetters(id[:n]) {
				break
			}
			seen[id[:n]] = true
		}
		for p := range seen {
			share[p]++
		}
	}
	best, bestGain := "", 0
	for p, n := range share {
		if n < minPrefixColumns || 2*n < len(ids) {
			continue
		}
		if Lookup(strings.TrimSuffix(p, "_")).Informative() && strings.HasSuffix(p, "_") {
			// "fecha_", "nombre_": a word of the vocabulary, not a
			// convention; the rules already read what follows it.
			continue
		}
		gain := 0
		for _, id := range ids {
			if !strings.HasPrefix(id, p) || Lookup(id).Informative() {
				continue
			}
			if Lookup(strings.TrimPrefix(id[len(p):], "_")).Informative() {
				gain++
			}
		}
		if gain >= 2 && (gain > bestGain || gain == bestGain && len(p) > len(best)) {
			best, bestGain = p, gain
		}
	}
	return best
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// LookupPrefixed finds the rule for a column name of a table whose names
// carry a learnt prefix (LearnPrefix): the name as written when the
// vocabulary knows it, else the name without the prefix.
func LookupPrefixed(column, prefix string) Match {
	m := Lookup(column)
	if prefix == "" || m.Informative() {
		return m
	}
	id := norm.Identifier(column)
	if !strings.HasPrefix(id, prefix) || len(id) <= len(prefix) {
		return m
	}
	if s := Lookup(strings.TrimPrefix(id[len(prefix):], "_")); s.Informative() {
		return s
	}
	return m
}

// PersonMeasure reports whether a hint is a measurement or a mark about a
// person (vital signs, scales, lab values, vaccine doses): health data in a
// record about people, no one's in a cold chain or a lab's inventory.
func (h Hint) PersonMeasure() bool { return h == HintVital || h == HintVaccine }
