package synth

import (
	"embed"
	"strconv"
	"strings"
	"sync"
)

// The lists in data/ are written for this generator: names the detectors'
// dictionaries do not know (so a scan cannot pass by dictionary lookup
// alone), street and settlement names, diagnoses with their descriptions,
// medicines and warehouse items. All are single words or phrases combined at
// random: nothing here describes a real person.
//
//go:embed data/*.txt data/*.tsv
var dataFS embed.FS

// dataLines reads an embedded list: one entry a line, blank lines and
// #-comments skipped.
func dataLines(name string) []string {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		panic("synth: " + err.Error())
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// Diagnosis is a CIE-10 code with its catalogue description and the short
// forms written in consultation records.
type Diagnosis struct {
	Code        string   // without the dot: "E119", "A09", "U071"
	Weight      uint64   // relative frequency in consultations; 0 = catalogue only
	Description string   // catalogue description
	Variants    []string // forms written in a diagnosis field
}

// Medicine is a row of the medicine catalogue.
type Medicine struct {
	Group, Name, Form, Strength string
}

var (
	staticOnce  sync.Once
	diagnoses   []Diagnosis
	medicines   []Medicine
	products    []string
	streetNames []string
	colonias    []string
)

func loadStatic() {
	staticOnce.Do(func() {
		for _, l := range dataLines("diagnoses.tsv") {
			f := strings.Split(l, "\t")
			w, err := strconv.ParseUint(f[1], 10, 64)
			if err != nil || len(f) < 3 {
				panic("synth: bad diagnosis line " + l)
			}
			d := Diagnosis{Code: f[0], Weight: w, Description: f[2]}
			if len(f) > 3 && f[3] != "" {
				d.Variants = strings.Split(f[3], "|")
			}
			diagnoses = append(diagnoses, d)
		}
		for _, l := range dataLines("medicamentos.tsv") {
			f := strings.Split(l, "\t")
			medicines = append(medicines, Medicine{f[0], f[1], f[2], f[3]})
		}
		products = dataLines("productos.txt")
		streetNames = dataLines("streets.txt")
		colonias = dataLines("colonias.txt")
	})
}

// Medicines lists the medicine catalogue.
func Medicines() []Medicine { loadStatic(); return medicines }

// Diagnoses lists the diagnoses the generator uses, consultation codes first.
func Diagnoses() []Diagnosis { loadStatic(); return diagnoses }

// CIE10Display writes a dotless code the way a register shows it: with the
// dot ("E11.9"), without it ("E119"), and three-character categories padded
// with X as Mexican catalogues do ("A09X") or left bare ("A09").
func CIE10Display(code string, form int) string {
	if len(code) == 3 {
		if form%2 == 0 {
			return code + "X"
		}
		return code
	}
	if form%2 == 0 {
		return code[:3] + "." + code[3:]
	}
	return code
}
