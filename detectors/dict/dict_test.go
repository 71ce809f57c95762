package dict

import (
	"testing"

	"github.com/alcance-mx/alcance/detectors/norm"
)

func TestClinicalVocabularyFile(t *testing.T) {
	d := load()
	if len(d.clinical) < 1000 || len(d.clinicalCtx) < 100 {
		t.Fatalf("%d clinical words, %d context words", len(d.clinical), len(d.clinicalCtx))
	}
	for w := range d.clinical {
		if norm.Fold(w) != w || len(norm.Words(w)) != 1 && w != "RT-PCR" {
			t.Errorf("%q is not one folded word", w)
		}
		if d.clinicalCtx[w] {
			t.Errorf("%s is in a section and in context", w)
		}
	}
	// Hard negatives: words of every day that must not mark health alone.
	for _, w := range []string{"DE", "PIEZA", "PRESION", "AZUCAR", "CAJA", "CALLE", "JUAN", "ATLETISMO", "SISTEMA"} {
		if IsClinicalTerm(w) {
			t.Errorf("%s is clinical alone", w)
		}
	}
}

func TestMoreGivenNames(t *testing.T) {
	for _, w := range []string{"PEPE", "LUPITA", "CHUY", "AMERICA", "GRECIA", "TOÑO"} {
		if !IsGivenName(w) {
			t.Errorf("%s not a given name", w)
		}
	}
}

func TestCIE10Additions(t *testing.T) {
	for _, c := range []string{"G730", "W460", "U049", "U071", "U072", "U809"} {
		if !IsCIE10(c) {
			t.Errorf("%s missing", c)
		}
	}
}
