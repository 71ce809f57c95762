package detectors

// What the exposure engine asks of single values read after a table was
// classified: the CURPs a value holds, whether a name is a CURP holder's,
// what a free-text value mentions. Values stay in the caller's memory; the
// answers carry no more of them than the caller gave.

import (
	"strings"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// EachCURP calls fn with every valid CURP inside v, a column value or free
// text (JSON, XML, delimited records, sentences): every run of exactly 18
// letters and digits that passes validate.ParseCURP with today. A valid
// CURP is its own evidence (check digit, date, state), so no surrounding
// word is needed.
func EachCURP(v string, today time.Time, fn func(validate.CURP)) {
	if len(v) < 18 {
		return
	}
	run := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) {
			b := v[i]
			if 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || '0' <= b && b <= '9' {
				run++
				continue
			}
		}
		if run == 18 {
			if c, r := validate.ParseCURP(v[i-18:i], today); r == validate.OK {
				fn(c)
			}
		}
		run = 0
	}
}

// NameAgreesWithCURP reports whether a person's name gives the name letters
// a CURP encodes (its positions 1-4 and 14-16, curpKey), with one letter of
// slack for the rules implementations disagree on. The name comes as a
// full name in one value (either order: PATERNO MATERNO NOMBRE or NOMBRE
// PATERNO MATERNO), or as parts: paterno, materno, nombre.
func NameAgreesWithCURP(curpKey, full, paterno, materno, nombre string) bool {
	if paterno != "" || nombre != "" {
		if keyAgrees(curpKey, validate.CURPNameKey(paterno, materno, nombre), 6) {
			return true
		}
	}
	if full == "" {
		return false
	}
	units := nameUnits(full)
	if len(units) < 2 {
		return false
	}
	if keyAgrees(curpKey, splitPMN(units), 6) || keyAgrees(curpKey, splitNPM(units), 6) {
		return true
	}
	// People with one legal surname (the CURP writes X for the second):
	// PATERNO NOMBRE(S), or NOMBRE(S) PATERNO.
	last := len(units) - 1
	return keyAgrees(curpKey, validate.CURPNameKey(units[0], "", strings.Join(units[1:], " ")), 6) ||
		keyAgrees(curpKey, validate.CURPNameKey(units[last], "", strings.Join(units[:last], " ")), 6)
}

// CURPNameKeys returns the name letters a CURP would encode for a name
// (positions 1-4 and 14-16, as validate.CURPNameKey gives them), for every
// reading of it: the parts when given, or a full name read surname first
// and given name first, with two surnames or one.
func CURPNameKeys(full, paterno, materno, nombre string) []string {
	var out []string
	add := func(k string) {
		for _, h := range out {
			if h == k {
				return
			}
		}
		out = append(out, k)
	}
	if paterno != "" && nombre != "" {
		add(validate.CURPNameKey(paterno, materno, nombre))
		return out
	}
	units := nameUnits(full)
	if len(units) < 2 {
		return nil
	}
	last := len(units) - 1
	add(splitPMN(units))
	add(splitNPM(units))
	add(validate.CURPNameKey(units[0], "", strings.Join(units[1:], " ")))
	add(validate.CURPNameKey(units[last], "", strings.Join(units[:last], " ")))
	return out
}

// TextCategories lists the categories the free-text reader finds in one
// value (a sentence, a note, a JSON document read as text), as it finds
// them when it classifies a column of free text.
func TextCategories(v string, today time.Time) []string {
	var out []string
	EachTextCategory(v, today, AllTextCats, func(cat string) { out = append(out, cat) })
	return out
}

// EachTextCategory calls fn with each category of want that TextCategories
// would list, in the free-text reader's order, without allocating; the
// categories not wanted are not looked for.
func EachTextCategory(v string, today time.Time, want TextCats, fn func(category string)) {
	var set textSet
	scanTextInto(&set, v, today, want)
	for i, value := range set {
		if value != "" {
			fn(textCats[i])
		}
	}
}
