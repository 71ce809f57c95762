package synth

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// The address history: every id_persona is a register id; each person's
// last PARTICULAR row is the register's address of that person; postal
// codes belong to the row's state; dates are capture dates after
// enrollment, in order.
func TestDomiciliosHistorial(t *testing.T) {
	c := batch2Corpus(t)
	today := c.Config.Today
	reg := map[int64]Enrollment{}
	for _, e := range c.Pool.Register() {
		reg[e.ID] = e
	}
	byName := map[string]string{}
	for _, st := range states {
		byName[st.Name] = st.Code
	}
	tb := mustTable(t, c, "domicilios_historial")
	ix := tb.Column
	idI, perI, tipoI, calleI, extI, intI, colI, cpI, entI, fecI := ix("id_domicilio"), ix("id_persona"),
		ix("tipo_domicilio"), ix("calle"), ix("num_ext"), ix("num_int"), ix("colonia"), ix("cp"), ix("entidad"),
		ix("fecha_actualizacion")
	last := map[int64][]any{}
	kinds := map[string]int{}
	var prev time.Time
	var n, interiors int
	for _, r := range rows(tb) {
		n++
		if r[idI].(int64) != int64(n) {
			t.Fatalf("id_domicilio %v at row %d", r[idI], n)
		}
		e, ok := reg[r[perI].(int64)]
		if !ok {
			t.Fatalf("id_persona %v is no register id", r[perI])
		}
		day := r[fecI].(time.Time)
		if day.Before(prev) || day.Before(dayTime(e.Enrolled)) || !day.Before(today) {
			t.Errorf("fecha_actualizacion %v out of order or before enrollment", day)
		}
		prev = day
		tipo := r[tipoI].(string)
		kinds[tipo]++
		switch tipo {
		case "PARTICULAR":
			last[e.ID] = r
		case "LABORAL":
		default:
			t.Errorf("tipo_domicilio %q", tipo)
		}
		cp := r[cpI].(string)
		if !postalCodeOK(cp, byName[r[entI].(string)]) {
			t.Errorf("cp %s is not a code of %v", cp, r[entI])
		}
		if r[intI] != nil {
			interiors++
		}
		if strings.TrimSpace(r[calleI].(string)) == "" || r[extI].(string) == "" || r[colI].(string) == "" {
			t.Errorf("incomplete address %v", r)
		}
	}
	for id, r := range last {
		a := c.Pool.Person(reg[id].Person).Address
		num := r[intI]
		want := any(nil)
		if a.Interior > 0 {
			want = strconv.Itoa(a.Interior)
		}
		if !strings.HasSuffix(r[calleI].(string), a.Street) || r[extI] != a.NumberText() || r[colI] != a.Colonia ||
			r[cpI] != a.PostalCode || num != want && num != "DEPTO "+strconv.Itoa(a.Interior) {
			t.Errorf("person %d's current address %v, register has %+v", id, r, a)
		}
	}
	t.Logf("domicilios: %d rows, %d persons, kinds %v, %d interior numbers", n, len(last), kinds, interiors)
	if kinds["LABORAL"] == 0 || kinds["PARTICULAR"] <= len(last) || interiors == 0 {
		t.Errorf("kinds %v for %d persons, %d interiors: no workplaces, earlier homes or interiors", kinds, len(last), interiors)
	}
	if len(last) != len(personsIn(tb, perI)) {
		t.Errorf("%d persons with a home, %d in the table", len(last), len(personsIn(tb, perI)))
	}
}

func personsIn(tb *Table, col int) map[int64]bool {
	out := map[int64]bool{}
	tb.Generate(func(r []any) bool { out[r[col].(int64)] = true; return true })
	return out
}
