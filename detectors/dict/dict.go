// Package dict holds the reference dictionaries the detectors look words up
// in: Mexican given names and surnames, municipalities and states, and the
// CIE-10 code list. Every list is embedded, so a scan never reads a file
// outside the binary. Provenance and licences are in data/README.md.
package dict

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/alcance-mx/alcance/detectors/norm"
)

var (
	//go:embed data/given_names_female.txt
	givenFemaleTxt []byte
	//go:embed data/given_names_male.txt
	givenMaleTxt []byte
	//go:embed data/given_names_more.txt
	givenMoreTxt []byte
	//go:embed data/renapo_2008_top30_given_names.csv
	renapoTop30CSV []byte
	//go:embed data/surnames.txt
	surnamesTxt []byte
	//go:embed data/municipios.tsv
	municipiosTSV []byte
	//go:embed data/states.json
	statesJSON []byte
	//go:embed data/cie10_codes.txt
	cie10Txt []byte
	//go:embed data/clinical_terms.txt
	clinicalTxt []byte
)

// GivenName is a given name with the sex it is usually given to ("H" or "M",
// as in the CURP), and a RENAPO 2008 count when it is among the 30 most
// frequent (0 otherwise).
type GivenName struct {
	Name  string // as written in the source list, with accents
	Sex   byte
	Count int
}

// Municipality is an INEGI municipality.
type Municipality struct {
	StateKey   string // INEGI state key, "01".."32"
	Key        string // municipality key within the state, "001"...
	Name       string
	Population int
}

// State is one of the 32 states, or NE (born abroad).
type State struct {
	Code   string   `json:"code"` // the CURP two-letter code
	Name   string   `json:"name"`
	Abbrev string   `json:"abbreviation"`
	INEGI  string   `json:"clave_inegi"` // "01".."32"; "99" for NE
	Alias  []string `json:"aliases"`
}

type data struct {
	given        []GivenName
	surnames     []string
	givenSet     map[string]bool // folded words of given names
	surnameSet   map[string]bool // folded words of surnames
	municipality []Municipality
	places       map[string]bool // folded municipality and state names
	states       []State
	cie10        map[string]bool
	clinical     map[string]bool // words that alone mark a value as health data
	clinicalCtx  map[string]bool // words that do in company (clinical_terms.txt, section context)
}

var (
	once sync.Once
	d    data
)

func load() *data {
	once.Do(func() {
		d.givenSet = map[string]bool{}
		d.surnameSet = map[string]bool{}
		d.places = map[string]bool{}
		d.cie10 = map[string]bool{}
		seen := map[string]bool{}
		addGiven := func(name string, sex byte, count int) {
			key := norm.Fold(name) + string(sex)
			if seen[key] {
				for i := range d.given {
					if norm.Fold(d.given[i].Name)+string(d.given[i].Sex) == key && count > d.given[i].Count {
						d.given[i].Count = count
					}
				}
				return
			}
			seen[key] = true
			d.given = append(d.given, GivenName{Name: name, Sex: sex, Count: count})
			for _, w := range norm.Words(name) {
				if !Particles[w] {
					d.givenSet[w] = true
				}
			}
		}
		r := csvLines(renapoTop30CSV)
		for _, f := range r[1:] {
			n, err := strconv.Atoi(f[3])
			if err != nil || len(f[0]) != 1 {
				panic(fmt.Sprintf("dict: bad RENAPO line %q", f))
			}
			addGiven(f[2], f[0][0], n)
		}
		for _, n := range lines(givenFemaleTxt) {
			addGiven(n, 'M', 0)
		}
		for _, n := range lines(givenMaleTxt) {
			addGiven(n, 'H', 0)
		}
		// Nicknames and given names that are places are words to recognise,
		// not names GivenNames hands out: they join the word set only.
		for _, l := range lines(givenMoreTxt) {
			name, sex, ok := strings.Cut(l, " ")
			if !ok || (sex != "H" && sex != "M") {
				panic(fmt.Sprintf("dict: bad line %q in given_names_more.txt", l))
			}
			for _, w := range norm.Words(name) {
				d.givenSet[w] = true
			}
		}
		for _, n := range lines(surnamesTxt) {
			d.surnames = append(d.surnames, n)
			for _, w := range norm.Words(n) {
				if !Particles[w] {
					d.surnameSet[w] = true
				}
			}
		}
		for _, f := range tsvLines(municipiosTSV) {
			pop, err := strconv.Atoi(f[3])
			if err != nil {
				panic(fmt.Sprintf("dict: bad municipality line %q", f))
			}
			m := Municipality{StateKey: f[0], Key: f[1], Name: f[2], Population: pop}
			d.municipality = append(d.municipality, m)
			d.places[norm.Fold(m.Name)] = true
		}
		if err := json.Unmarshal(statesJSON, &d.states); err != nil {
			panic("dict: states.json: " + err.Error())
		}
		for _, s := range d.states {
			d.places[norm.Fold(s.Name)] = true
		}
		for _, c := range lines(cie10Txt) {
			d.cie10[c] = true
		}
		d.clinical, d.clinicalCtx = map[string]bool{}, map[string]bool{}
		section := ""
		for _, l := range strings.Split(string(clinicalTxt), "\n") {
			if s, ok := strings.CutPrefix(l, "# section: "); ok {
				section = strings.TrimSpace(s)
				continue
			}
			if strings.HasPrefix(l, "#") {
				continue
			}
			for _, w := range strings.Fields(l) {
				if section == "context" {
					d.clinicalCtx[w] = true
				} else {
					d.clinical[w] = true
				}
			}
		}
	})
	return &d
}

// Particles are the words that join compound names and surnames ("DE LA
// CRUZ", "MA. DE LOS ANGELES"); they are skipped when CURP letters are taken
// (reference §1.2) and never count as name evidence on their own.
var Particles = map[string]bool{
	"DA": true, "DAS": true, "DE": true, "DEL": true, "DER": true, "DI": true,
	"DIE": true, "DD": true, "EL": true, "LA": true, "LOS": true, "LAS": true,
	"LE": true, "LES": true, "MAC": true, "MC": true, "VAN": true, "VON": true,
	"Y": true,
}

// GivenNames lists the given names, RENAPO's most frequent first.
func GivenNames() []GivenName { return load().given }

// Surnames lists the surnames, as written in the source list.
func Surnames() []string { return load().surnames }

// IsGivenName reports whether a folded word is a known given name.
func IsGivenName(word string) bool { return load().givenSet[word] }

// IsSurname reports whether a folded word is a known surname.
func IsSurname(word string) bool { return load().surnameSet[word] }

// IsPlace reports whether folded text is exactly the name of a municipality
// or a state ("SANTA MARIA DEL TULE", "JALISCO").
func IsPlace(folded string) bool { return load().places[folded] }

// Municipalities lists the INEGI municipalities.
func Municipalities() []Municipality { return load().municipality }

// States lists the 32 states and NE, in INEGI key order.
func States() []State { return load().states }

// IsCIE10 reports whether a code, upper case and without the dot ("E119",
// "A09"), is in the CIE-10 list (the provisional U codes included).
func IsCIE10(code string) bool { return load().cie10[code] }

// IsClinicalTerm reports whether a folded word marks a value as health data
// on its own: a diagnosis word of CIE-10, a lay name of a condition, a
// medicine of the Cuadro Básico, a vaccine, a laboratory test, a clinical
// scale, a dental treatment (data/clinical_terms.txt).
func IsClinicalTerm(word string) bool { return load().clinical[word] }

// IsClinicalContext reports whether a folded word is clinical in company
// but common on its own (PRESION, DOSIS, VACUNA, POSITIVO, PIEZA).
func IsClinicalContext(word string) bool { return load().clinicalCtx[word] }

// CIE10Codes lists the CIE-10 codes (without the dot), in catalogue order.
func CIE10Codes() []string { return lines(cie10Txt) }

func lines(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func tsvLines(b []byte) [][]string {
	var out [][]string
	for _, l := range lines(b) {
		out = append(out, strings.Split(l, "\t"))
	}
	return out
}

func csvLines(b []byte) [][]string {
	var out [][]string
	for _, l := range lines(b) {
		out = append(out, strings.Split(l, ","))
	}
	return out
}
