package synth

import (
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// The emergency log: codes within their catalogues and consistent with
// each other (intubation only for patients not sent home, childbirth only
// for women of the age, death never at triage 4-5), real CLUES mostly in
// the state of residence, visits in order, and no identifier at all.
func TestUrgencias(t *testing.T) {
	c := batch2Corpus(t)
	today := c.Config.Today
	tb := mustTable(t, c, "urgencias_atenciones")
	assertNoPersonIdentifiers(t, c, tb)
	if motivos[4].text != "INFECCION RESPIRATORIA AGUDA" || motivos[4].who != 0 {
		t.Fatal("drawMotivo's fallback is not a reason anyone can have")
	}
	who := map[string]byte{}
	for _, m := range motivos {
		who[m.text] = m.who
	}
	facilities := map[string]Facility{}
	for _, f := range c.Pool.Facilities() {
		facilities[f.CLUES] = f
	}
	keyToCode := map[string]string{}
	for _, st := range states {
		keyToCode[st.Key] = st.Code
	}
	ix := tb.Column
	atI, edadI, sexoI, entI, triI, motI, prI, egI, inI, clI := ix("fecha_hora_ingreso"), ix("edad"), ix("sexo"),
		ix("entidad_res"), ix("clasificacion_triage"), ix("motivo_atencion"), ix("resultado_prueba"),
		ix("tipo_egreso"), ix("intubado"), ix("clues")
	seen := map[int]map[int64]int{}
	for _, i := range []int{sexoI, triI, prI, egI, inI} {
		seen[i] = map[int64]int{}
	}
	var prev time.Time
	var n, sameState int
	for _, r := range rows(tb) {
		n++
		at := r[atI].(time.Time)
		if at.Before(prev) || at.Before(urgenciasStart) || !at.Before(today) {
			t.Errorf("fecha_hora_ingreso %v out of order or range", at)
		}
		prev = at
		for i := range seen {
			seen[i][r[i].(int64)]++
		}
		edad, sexo := r[edadI].(int64), r[sexoI].(int64)
		if edad < 0 || edad > 110 {
			t.Errorf("edad %d", edad)
		}
		mot := r[motI].(string)
		w, ok := who[mot]
		if !ok {
			t.Fatalf("motivo_atencion %q", mot)
		}
		switch {
		case w == 'W' && (sexo != 2 || edad < 15 || edad > 45),
			w == 'O' && edad < 40, w == 'A' && edad < 18, w == 'T' && edad < 12:
			t.Errorf("%s for sexo %d, edad %d", mot, sexo, edad)
		}
		tri, eg, in := r[triI].(int64), r[egI].(int64), r[inI].(int64)
		if (eg == egresoAlta) != (in == 97) {
			t.Errorf("tipo_egreso %d with intubado %d", eg, in)
		}
		if eg == egresoDefuncion && tri >= 4 {
			t.Errorf("death at triage %d", tri)
		}
		cl := r[clI].(string)
		state, _, why := validate.ParseCLUES(cl)
		if _, ok := facilities[cl]; why != validate.OK || !ok {
			t.Errorf("clues %q: %v", cl, why)
		}
		code, ok := keyToCode[r[entI].(string)]
		if !ok {
			t.Errorf("entidad_res %q", r[entI])
		}
		if code == state {
			sameState++
		}
	}
	t.Logf("urgencias: %d visits, %.0f%% in the state of residence; codes %v", n, 100*float64(sameState)/float64(n), seen)
	within(t, "visits attended in the state of residence", float64(sameState)/float64(n), 0.85, 1)
	for i, want := range map[int][]int64{sexoI: {1, 2}, triI: {1, 2, 3, 4, 5}, prI: {1, 2, 3, 97}, egI: {1, 2, 3, 4}, inI: {1, 2, 97}} {
		if len(seen[i]) != len(want) {
			t.Errorf("%s values %v, want %v", tb.Columns[i].Name, seen[i], want)
		}
		for _, v := range want {
			if seen[i][v] == 0 {
				t.Errorf("%s never %d", tb.Columns[i].Name, v)
			}
		}
	}
	if d := float64(seen[egI][egresoDefuncion]) / float64(n); d > 0.03 {
		t.Errorf("%.3f of visits end in death", d)
	}
}
