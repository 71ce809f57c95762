package synth

import (
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// The truth of the person figures (docs/contract.md, Exposure) is kept by
// construction: while a style plans its rows it says, for each row about a
// person of the pool, how the row identifies them and what it holds about
// them (Table.Subjects). Labels turns that into the figures a perfect
// scanner would report.
//
// The rules (the contract's, applied to what each row truly holds):
//   - A person counts when some row identifies them: it holds their valid
//     CURP (in any column, free text included), or their full name (given
//     name and surnames, at least two words, in one column or in parts)
//     together with their birthdate in a readable form (not a sentinel).
//   - A row that points by key at a row that identifies the person (a
//     consultation's id_beneficiario) is about them too (IdentLinked).
//   - A row that only names someone (no birthdate), or only holds another
//     identifier, identifies no one (IdentNone): what it holds is not
//     counted for anyone.
//   - What a person has is what every row that identifies or links them
//     holds: persons_with_health if any holds a health category; minors
//     and older_adults by their birthdate on the corpus day;
//     identity_kit if together they hold an official identifier (CURP,
//     RFC, NSS, voter key) with their name and a birthdate (a CURP's date
//     counts); financial if any holds a CLABE or card number.
//   - persons_in_several_sources: persons with a row that identifies or
//     links them in tables of two or more institutions (Table.Institution).
//
// How the styles read those rules where a row's values are messy:
//   - A full name is the person's given names and surnames, in any order,
//     case or accents, also when a legacy pipeline damaged its Ñ or
//     accented letters (Ã‘, ¥: the letters are all there, and the damage
//     is mechanical). A name a field cut, a given name abbreviated (MA.,
//     J.), a capture error in any part of it, or a newborn's RN PATERNO
//     MATERNO is not: such a row still holds person_name, but identifies
//     by name no one.
//   - A CURP in lower case is still the person's valid CURP; a placeholder,
//     a capture error or the copied fixture is no one's.
//   - An RFC is the person's when it has all 13 characters, also with a
//     check character that fails (doc.go: as in real data); the legacy
//     10-character form, the generic XAXX010101000 and NULL are not. An
//     NSS or a CLABE with a capture error is not a value; a masked card
//     or the test card 4111111111111111 is not a card.
//   - Whatever decides these per row (a sentinel birthdate, a NULL
//     diagnosis, the shape of a web form) is drawn with the table's plan,
//     so Subjects follow the rows exactly. Holds are exact for the
//     categories the figures read (the identifiers, person_name,
//     birthdate, the health categories, clabe, credit_card); the others
//     (address, phone, ...) say what the row's columns hold about the
//     person, a NULL phone included.
//
// recount_test.go checks the declarations against the rows themselves.

// Ident says how a row identifies the person it is about.
type Ident uint8

const (
	IdentNone      Ident = 0         // names them at most: not attributable
	IdentCURP      Ident = 1 << iota // their valid CURP
	IdentNameBirth                   // their full name with a readable birthdate
	IdentLinked                      // a key pointing at a row that identifies them
)

// CatSet is a set of taxonomy categories: bit i for taxonomy.Categories[i].
type CatSet uint32

// Cats builds a category set.
func Cats(ids ...string) CatSet {
	var s CatSet
	for _, id := range ids {
		if i := taxonomy.Order(id); i < len(taxonomy.Categories) {
			s |= 1 << i
		}
	}
	return s
}

// Has reports whether the set holds a category.
func (s CatSet) Has(id string) bool { return s&Cats(id) != 0 }

// Subject is one row's truth about one person.
type Subject struct {
	Person int32
	Ident  Ident
	// Holds are the categories the row holds about the person, identity
	// included (a row with a valid CURP holds curp).
	Holds CatSet
}

// subject appends a subject to t (a helper for styles).
func (t *Table) subject(person int32, ident Ident, holds CatSet) {
	t.Subjects = append(t.Subjects, Subject{Person: person, Ident: ident, Holds: holds})
	t.subjectsDeclared = true
}

// Figures are the person figures of the contract, counted from Subjects.
type Figures struct {
	Persons           int `json:"persons"`
	PersonsWithHealth int `json:"persons_with_health"`
	Minors            int `json:"minors"`
	OlderAdults       int `json:"older_adults"`
	IdentityKit       int `json:"identity_kit"`
	Financial         int `json:"financial"`
}

var (
	healthSet  = Cats(taxonomy.HealthEnrollment, taxonomy.HealthCondition, taxonomy.HealthFacility)
	idSet      = Cats(taxonomy.CURP, taxonomy.RFC, taxonomy.NSS, taxonomy.VoterKey)
	financeSet = Cats(taxonomy.CLABE, taxonomy.CreditCard)
)

// figureTruth accumulates, per person, what their attributable rows hold
// in each institution, and counts the figures.
type figureTruth struct {
	n          int
	identified bitset
	holds      map[int][]CatSet // by institution index, then person
}

func newFigureTruth(n int) *figureTruth {
	return &figureTruth{n: n, identified: newBitset(n), holds: map[int][]CatSet{}}
}

func (f *figureTruth) add(s Subject, inst int) {
	if s.Ident == IdentNone {
		return
	}
	if s.Ident&(IdentCURP|IdentNameBirth) != 0 {
		f.identified.set(s.Person)
	}
	h := f.holds[inst]
	if h == nil {
		h = make([]CatSet, f.n)
		f.holds[inst] = h
	}
	h[s.Person] |= s.Holds | seen
}

// seen marks a person as present in an institution, whatever their rows
// hold; it is not a taxonomy category.
const seen CatSet = 1 << 31

// figures counts the persons identified somewhere who have rows in the
// institutions of mask, with what those rows hold, and how many of them
// have rows in two or more of those institutions.
func (f *figureTruth) figures(p *Pool, mask uint32) (fig Figures, several int) {
	today := p.Today()
	for i := range f.n {
		pi := int32(i)
		if !f.identified.has(pi) {
			continue
		}
		var h CatSet
		in := 0
		for inst, hs := range f.holds {
			if mask&(1<<inst) != 0 && hs[i] != 0 {
				h |= hs[i]
				in++
			}
		}
		if h == 0 {
			continue
		}
		fig.Persons++
		if h&healthSet != 0 {
			fig.PersonsWithHealth++
		}
		switch age := ageOn(p.Birth(pi), today); {
		case age < 18:
			fig.Minors++
		case age >= 60:
			fig.OlderAdults++
		}
		if h&idSet != 0 && h.Has(taxonomy.PersonName) && h&Cats(taxonomy.Birthdate, taxonomy.CURP) != 0 {
			fig.IdentityKit++
		}
		if h&financeSet != 0 {
			fig.Financial++
		}
		if in >= 2 {
			several++
		}
	}
	return fig, several
}

func ageOn(birth, today time.Time) int {
	by, bm, bd := birth.Date()
	ty, tm, td := today.Date()
	age := ty - by
	if tm < bm || tm == bm && td < bd {
		age--
	}
	return age
}
