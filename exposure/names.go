package exposure

import (
	"slices"
	"strings"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
)

// nameTitles are honorifics and professional titles written before a name:
// they are not part of who someone is.
var nameTitles = map[string]bool{
	"DR": true, "DRA": true, "LIC": true, "ING": true, "SR": true, "SRA": true, "SRITA": true,
	"C": true, "PROF": true, "PROFA": true, "MTRO": true, "MTRA": true, "ENF": true, "QFB": true,
	"ARQ": true, "CP": true, "MVZ": true, "TEC": true, "PSIC": true, "SRTA": true,
}

// nameAbbreviations are the abbreviations of given names legacy systems
// write (MA. GUADALUPE for MARIA GUADALUPE): a name written so is not
// written in full.
var nameAbbreviations = map[string]bool{
	"MA": true, "MAR": true, "MRA": true, "JO": true, "FCO": true, "GPE": true, "GUADA": true,
	"JN": true, "MGDA": true, "ANT": true, "JVO": true, "FDO": true, "MIG": true,
}

// notNames are words that stand where a name is not known yet or not
// given: a newborn (RN PEREZ LOPEZ, RECIEN NACIDO), an unidentified patient.
var notNames = map[string]bool{
	"RN": true, "NN": true, "RECIEN": true, "NACIDO": true, "NACIDA": true, "BEBE": true, "DESCONOCIDO": true,
	"DESCONOCIDA": true, "IDENTIFICADO": true, "IDENTIFICADA": true, "ANONIMO": true, "ANONIMA": true,
	"NOMBRE": true, "PACIENTE": true, "HIJO": true, "HIJA": true, "PRUEBA": true,
}

// NameKey normalises a person's full name so that the same name written in
// different systems gives the same key: accents, case, spacing and
// punctuation ignored (and mojibake repaired), titles and particles
// dropped, and words sorted, so that word order (PATERNO MATERNO NOMBRE or
// NOMBRE PATERNO MATERNO) does not matter. It is "" for what is not a full
// name: one word alone (a given name and a surname are needed), a name
// with an initial or an abbreviated given name (J. LUIS, MA. ELENA), or a
// placeholder where a name is not known (RN PEREZ LOPEZ): such a name may
// be anyone's of several, and as an identity key it would make one person
// two.
func NameKey(parts ...string) string {
	words, full := nameWords(parts)
	if !full || len(words) < 2 {
		return ""
	}
	return strings.Join(words, " ")
}

// PartialNameKey is NameKey for a name that may not be written in full:
// the key of what it says, to count distinct names that may be people
// (the high bounds); "" when it says nothing.
func PartialNameKey(parts ...string) string {
	words, _ := nameWords(parts)
	if len(words) < 2 {
		return ""
	}
	return strings.Join(words, " ")
}

// nameWords returns the sorted words of a name, without titles,
// particles, initials and placeholders, and whether the name was written
// in full.
func nameWords(parts []string) (words []string, full bool) {
	full = true
	for _, p := range parts {
		words, full = appendNameWords(words, p, full)
	}
	slices.Sort(words)
	return words, full
}

// What a word of a name is, when it is not simply a name (nameWordKinds).
const (
	wordSkipped = 1 + iota // a particle or a title: not part of who someone is
	wordNotFull            // a placeholder or an abbreviation: the name is not written in full
)

// nameWordKinds joins the word lists above, so that a word is looked up
// once: particles and titles first, as nameWords has always weighed them.
var nameWordKinds = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range nameAbbreviations {
		m[w] = wordNotFull
	}
	for w := range notNames {
		m[w] = wordNotFull
	}
	for w, ok := range dict.Particles {
		if ok {
			m[w] = wordSkipped
		}
	}
	for w, ok := range nameTitles {
		if ok {
			m[w] = wordSkipped
		}
	}
	return m
}()

// appendNameWords appends the words of one part of a name to words
// (unsorted), and says whether the name is still written in full.
func appendNameWords(words []string, part string, full bool) ([]string, bool) {
	if part == "" {
		return words, full
	}
	start := len(words)
	words = norm.AppendWords(words, part)
	kept := words[:start]
	for _, w := range words[start:] {
		switch nameWordKinds[w] {
		case wordSkipped:
			continue
		case wordNotFull:
			full = false
			continue
		}
		if len(w) == 1 {
			full = false // an initial
			continue
		}
		kept = append(kept, w)
	}
	return kept, full
}
