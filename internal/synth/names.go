package synth

import (
	"math/rand/v2"
	"strings"
	"sync"
	"unicode"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
)

// Names come from two kinds of source. Most are drawn from the detectors'
// own dictionaries (detectors/dict), weighted by RENAPO counts for the most
// frequent given names and by the published ranking for surnames (reference
// §7.2). About a quarter of the name words come from data/*_rare.txt and
// data/surnames_maya.txt, which the dictionaries do not contain: real
// registers are full of names no dictionary lists, and the evaluation must
// show whether a detector finds names without looking them up.

// Shares of draws taken from the out-of-dictionary lists, per mille.
const (
	rareSurnamePerMille   = 260
	mayaSurnamePerMille   = 550 // for people born in the Yucatán peninsula
	rareGivenPerMille     = 240
	secondGivenPerMille   = 150 // a second given name added to a single one
	compoundSurnamePer10k = 250 // DE LA CRUZ, DEL ANGEL...
	noMaternoPer10k       = 400 // one legal surname only
)

// topSurnames is the frequency ranking of reference §7.2, most frequent
// first; only those present in the dictionary are weighted by it.
var topSurnames = strings.Fields(`HERNANDEZ GARCIA MARTINEZ LOPEZ GONZALEZ PEREZ
RODRIGUEZ SANCHEZ RAMIREZ CRUZ FLORES GOMEZ MORALES VAZQUEZ REYES JIMENEZ TORRES
DIAZ GUTIERREZ RUIZ MENDOZA AGUILAR ORTIZ MORENO CASTILLO ROMERO ALVAREZ MENDEZ
CHAVEZ RIVERA JUAREZ RAMOS DOMINGUEZ HERRERA MEDINA CASTRO VARGAS GUZMAN
VELAZQUEZ MUÑOZ ROJAS CONTRERAS SALAZAR LUNA ORTEGA SANTIAGO GUERRERO ESTRADA
CORTES`)

// junkSurnames are entries of the dictionary's source list that are
// misspellings or not Mexican surnames; the generator does not draw them
// (the dictionary keeps them, which is its own business).
var junkSurnames = wordSet(`GOLLUM GARICA HERNADEZ HERNANDES RODRIGEZ RODRIQUEZ
DOMINQUEZ JIMINEZ XACON XANA XENIA XIANA XICOY YAGO YAMI YUNTA QUINTAIROS DELACRUZ
DELAFUENTE DELAGARZA DELAO DELAPAZ DELAROSA DELATORRE DELEON DELRIO DELVALLE
BETANCOURT AGOSTO GONZALES SANCHES PERES LABOY COTTO IRIZARRY CARABALLO
CARRASQUILLO ALICEA OQUENDO OCASIO PAGAN NAZARIO`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// nameTables index every name the pool can use, so a person stores small
// integers instead of strings. Index 0 of each table is the empty name.
type nameTables struct {
	given    []string // upper case, accents as in the source list
	surnames []string

	female, male         weighted // over dictionary given names of that sex
	femaleIdx, maleIdx   []uint16
	femaleRare, maleRare []uint16
	femaleOne, maleOne   []uint16 // single-word dictionary names, for second names

	surDict     weighted
	surDictIdx  []uint16
	surRare     []uint16 // rare and Maya lists together
	surMaya     []uint16
	surCompound []uint16
}

var (
	namesOnce sync.Once
	names     nameTables
)

func loadNames() *nameTables {
	namesOnce.Do(func() {
		t := &names
		t.given = []string{""}
		t.surnames = []string{""}
		addGiven := func(s string) uint16 {
			t.given = append(t.given, s)
			return uint16(len(t.given) - 1)
		}
		addSurname := func(s string) uint16 {
			t.surnames = append(t.surnames, s)
			return uint16(len(t.surnames) - 1)
		}

		var fw, mw []uint64
		for _, g := range dict.GivenNames() {
			n := strings.ToUpper(g.Name)
			w := uint64(g.Count)
			if w == 0 {
				w = 40000 // below the 30th RENAPO name, above nothing
			}
			i := addGiven(n)
			single := !strings.Contains(n, " ")
			if g.Sex == 'M' {
				t.femaleIdx, fw = append(t.femaleIdx, i), append(fw, w)
				if single {
					t.femaleOne = append(t.femaleOne, i)
				}
			} else {
				t.maleIdx, mw = append(t.maleIdx, i), append(mw, w)
				if single {
					t.maleOne = append(t.maleOne, i)
				}
			}
		}
		t.female, t.male = newWeighted(fw), newWeighted(mw)
		for _, n := range dataLines("given_female_rare.txt") {
			t.femaleRare = append(t.femaleRare, addGiven(n))
		}
		for _, n := range dataLines("given_male_rare.txt") {
			t.maleRare = append(t.maleRare, addGiven(n))
		}

		rank := map[string]int{}
		for i, s := range topSurnames {
			rank[s] = i + 1
		}
		var sw []uint64
		for _, s := range dict.Surnames() {
			f := norm.Fold(s)
			if junkSurnames[f] || f[0] == 'K' || hasLowerWord(s) {
				continue
			}
			w := uint64(15)
			if r := rank[f]; r > 0 {
				w = 10000 / uint64(r+9)
			}
			t.surDictIdx, sw = append(t.surDictIdx, addSurname(strings.ToUpper(s))), append(sw, w)
		}
		t.surDict = newWeighted(sw)
		for _, s := range dataLines("surnames_maya.txt") {
			i := addSurname(s)
			t.surMaya, t.surRare = append(t.surMaya, i), append(t.surRare, i)
		}
		for _, s := range dataLines("surnames_rare.txt") {
			t.surRare = append(t.surRare, addSurname(s))
		}
		for _, s := range dataLines("surnames_compound.txt") {
			t.surCompound = append(t.surCompound, addSurname(s))
		}
	})
	return &names
}

// hasLowerWord catches source entries such as "Quintero cruz" or "Kadar
// rodriguez": two surnames glued into one entry. Particle surnames ("de
// Anda") are fine.
func hasLowerWord(s string) bool {
	ws := strings.Fields(s)
	for _, w := range ws[1:] {
		if unicode.IsLower([]rune(w)[0]) {
			return true
		}
	}
	return len(ws) > 1 && !dict.Particles[strings.ToUpper(ws[0])]
}

// drawGiven picks a given name (and maybe a second one) for a sex.
func (t *nameTables) drawGiven(r *rand.Rand, sex byte) (first, second uint16) {
	if sex == 'X' {
		sex = pick(r, []byte{'H', 'M'})
	}
	dictW, dictIdx, rare, one := t.female, t.femaleIdx, t.femaleRare, t.femaleOne
	if sex == 'H' {
		dictW, dictIdx, rare, one = t.male, t.maleIdx, t.maleRare, t.maleOne
	}
	if chance(r, rareGivenPerMille) {
		first = pick(r, rare)
	} else {
		first = dictIdx[dictW.pick(r)]
	}
	if !strings.Contains(t.given[first], " ") && chance(r, secondGivenPerMille) {
		for range 4 {
			if chance(r, rareGivenPerMille) {
				second = pick(r, rare)
			} else {
				second = pick(r, one)
			}
			if second != first {
				break
			}
			second = 0
		}
	}
	return first, second
}

// drawSurname picks one surname; peninsular people more often carry Maya ones.
func (t *nameTables) drawSurname(r *rand.Rand, peninsula bool) uint16 {
	switch {
	case peninsula && chance(r, mayaSurnamePerMille):
		return pick(r, t.surMaya)
	case chance(r, rareSurnamePerMille):
		return pick(r, t.surRare)
	case chance10k(r, compoundSurnamePer10k):
		return pick(r, t.surCompound)
	}
	return t.surDictIdx[t.surDict.pick(r)]
}

// givenName joins a first and an optional second given name.
func (t *nameTables) givenName(first, second uint16) string {
	if second == 0 {
		return t.given[first]
	}
	return t.given[first] + " " + t.given[second]
}

// plain is how legacy systems write a name: upper case, no accents, Ñ kept.
func plain(s string) string { return norm.Fold(s) }

// abbreviateGiven writes MARIA and JOSE as MA. and J. the way old registers
// did, only when another given name follows (a lone MARIA abbreviated
// would change the CURP letters, and no clerk wrote it so).
func abbreviateGiven(s string) string {
	switch {
	case strings.HasPrefix(s, "MARIA "):
		return "MA. " + s[len("MARIA "):]
	case strings.HasPrefix(s, "JOSE "):
		return "J. " + s[len("JOSE "):]
	}
	return s
}

// titleCase writes "MARÍA DE LOS ÁNGELES" as "María de los Ángeles".
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && dict.Particles[strings.ToUpper(w)] {
			continue
		}
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}
