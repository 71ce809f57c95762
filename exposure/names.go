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
// write (MA. GUADALUPE is MARIA GUADALUPE).
var nameAbbreviations = map[string]string{
	"MA": "MARIA", "MAR": "MARIA", "MRA": "MARIA", "JO": "JOSE", "FCO": "FRANCISCO", "FRANCO": "FRANCISCO",
	"GPE": "GUADALUPE", "GUADA": "GUADALUPE", "JN": "JUAN", "MGDA": "MAGDALENA", "ANT": "ANTONIO",
}

// NameKey normalises a person's full name so that the same name written in
// different systems gives the same key: accents, case, spacing and
// punctuation ignored (and mojibake repaired), titles and particles
// dropped, common abbreviations of given names expanded, and words sorted,
// so that word order (PATERNO MATERNO NOMBRE or NOMBRE PATERNO MATERNO)
// does not matter. A name needs at least two words, a given name and a
// surname: one word alone names no one; then the key is "".
func NameKey(parts ...string) string {
	var words []string
	for _, p := range parts {
		for _, w := range norm.Words(p) {
			if dict.Particles[w] || nameTitles[w] {
				continue
			}
			if full, ok := nameAbbreviations[w]; ok {
				w = full
			}
			if len(w) == 1 {
				continue // an initial tells too little to tell people apart
			}
			words = append(words, w)
		}
	}
	if len(words) < 2 {
		return ""
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}
