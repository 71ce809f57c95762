package synth

import (
	"testing"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
)

// The out-of-dictionary lists must really be out of the detectors'
// dictionaries: otherwise the evaluation would not measure what it claims.
func TestRareListsAreNotInDictionaries(t *testing.T) {
	for _, f := range []string{"surnames_maya.txt", "surnames_rare.txt", "given_female_rare.txt", "given_male_rare.txt"} {
		seen := map[string]bool{}
		for _, name := range dataLines(f) {
			if seen[name] {
				t.Errorf("%s: %s listed twice", f, name)
			}
			seen[name] = true
			for _, w := range norm.Words(name) {
				if dict.IsGivenName(w) || dict.IsSurname(w) {
					t.Errorf("%s: %s is in the detectors' dictionaries; drop it", f, w)
				}
			}
		}
	}
}

// At least 20% of the name words people carry come from outside the
// dictionaries, so a detector cannot find names by lookup alone.
func TestOutOfDictionaryShare(t *testing.T) {
	c := corpus(t)
	var words, outside int
	count := func(s string) {
		for _, w := range norm.Words(s) {
			if dict.Particles[w] {
				continue
			}
			words++
			if !dict.IsGivenName(w) && !dict.IsSurname(w) {
				outside++
			}
		}
	}
	for i := range int32(c.Pool.Len()) {
		ps := c.Pool.Person(i)
		count(ps.Nombre)
		count(ps.Paterno)
		count(ps.Materno)
	}
	share := float64(outside) / float64(words)
	t.Logf("%d of %d name words (%.1f%%) are in no dictionary", outside, words, 100*share)
	if share < 0.20 {
		t.Errorf("out-of-dictionary share %.3f, want >= 0.20", share)
	}
	if share > 0.45 {
		t.Errorf("out-of-dictionary share %.3f: most names should still come from the dictionaries", share)
	}
}

// Name helpers keep CURP letters intact.
func TestNameForms(t *testing.T) {
	for in, want := range map[string]string{
		"MARIA DE LOS ANGELES": "MA. DE LOS ANGELES",
		"JOSE LUIS":            "J. LUIS",
		"MARIA":                "MARIA",
		"MARIANA":              "MARIANA",
	} {
		if got := abbreviateGiven(in); got != want {
			t.Errorf("abbreviateGiven(%q) = %q, want %q", in, got, want)
		}
	}
	if got := titleCase("DRA. MARÍA DE LOS ÁNGELES CHAN"); got != "Dra. María de los Ángeles Chan" {
		t.Errorf("titleCase: %q", got)
	}
}
