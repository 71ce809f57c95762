package synth

import (
	"slices"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// Every person's CURP is valid, unique, and agrees with the person's own
// name, birthdate, sex and birth state: the cross-check detectors rely on.
func TestPoolCURPs(t *testing.T) {
	c := corpus(t)
	p := c.Pool
	seen := make(map[string]int32, p.Len())
	for i := range int32(p.Len()) {
		ps := p.Person(i)
		cu, why := validate.ParseCURP(ps.CURP, p.Today())
		if why != validate.OK {
			t.Fatalf("person %d: CURP %s: %v", i, ps.CURP, why)
		}
		if j, dup := seen[ps.CURP]; dup {
			t.Fatalf("persons %d and %d share CURP %s", j, i, ps.CURP)
		}
		seen[ps.CURP] = i
		if key := validate.CURPNameKey(ps.Paterno, ps.Materno, ps.Nombre); key != cu.NameKey {
			t.Errorf("person %d %q: name key %s, CURP %s", i, ps.RegistryName(), key, ps.CURP)
		}
		if !cu.Birth.Equal(ps.Birth) || cu.Sex != ps.Sex || cu.State != ps.BirthState {
			t.Errorf("person %d: CURP %s disagrees with birth %s sex %c state %s",
				i, ps.CURP, ps.Birth.Format("2006-01-02"), ps.Sex, ps.BirthState)
		}
	}
}

// Ages spread over 0-95, with the rare X and NE present at large sizes.
func TestPoolShape(t *testing.T) {
	c, err := Generate(Config{Seed: 7, Persons: 60000})
	if err != nil {
		t.Fatal(err)
	}
	p := c.Pool
	var x, ne, noMaterno, compound, email, young, old int
	for i := range int32(p.Len()) {
		ps := p.Person(i)
		age := p.Today().Year() - ps.Birth.Year()
		if age < 0 || age > 97 {
			t.Fatalf("person %d born %s", i, ps.Birth)
		}
		if age < 15 {
			young++
		}
		if age >= 65 {
			old++
		}
		if ps.Sex == 'X' {
			x++
		}
		if ps.BirthState == "NE" {
			ne++
		}
		if ps.Materno == "" {
			noMaterno++
		}
		if strings.Contains(ps.Nombre, " ") {
			compound++
		}
		if ps.Email != "" {
			email++
			if !strings.Contains(ps.Email, "@") || strings.ContainsAny(ps.Email, " ÑñÁÉÍÓÚ") {
				t.Errorf("bad e-mail %q", ps.Email)
			}
		}
		if len(ps.Phone) != 10 || ps.Phone[0] == '0' {
			t.Errorf("bad phone %q", ps.Phone)
		}
	}
	n := float64(p.Len())
	t.Logf("X %d, NE %.2f%%, no materno %.2f%%, compound given %.1f%%, e-mail %.1f%%, <15 %.1f%%, 65+ %.1f%%",
		x, 100*float64(ne)/n, 100*float64(noMaterno)/n, 100*float64(compound)/n, 100*float64(email)/n,
		100*float64(young)/n, 100*float64(old)/n)
	within := func(what string, got, lo, hi float64) {
		if got < lo || got > hi {
			t.Errorf("%s: %.4f, want %.4f..%.4f", what, got, lo, hi)
		}
	}
	within("X", float64(x)/n, 0.0003, 0.002)
	within("NE", float64(ne)/n, 0.006, 0.015)
	within("no materno", float64(noMaterno)/n, 0.03, 0.05)
	within("e-mail", float64(email)/n, 0.37, 0.43)
	within("compound given names", float64(compound)/n, 0.15, 0.45)
}

// Postal codes carry a prefix of the residence state (reference §6.1).
func TestPostalCodePrefixes(t *testing.T) {
	c := corpus(t)
	loadPlaces()
	for i := range int32(c.Pool.Len()) {
		a := c.Pool.Person(i).Address
		var st *stateInfo
		for k := range states {
			if states[k].Code == a.StateCode {
				st = &states[k]
			}
		}
		if len(a.PostalCode) != 5 {
			t.Fatalf("person %d: postal code %q", i, a.PostalCode)
		}
		prefix := int(a.PostalCode[0]-'0')*10 + int(a.PostalCode[1]-'0')
		if !slices.Contains(st.cp, prefix) {
			t.Errorf("person %d: postal code %s in %s", i, a.PostalCode, a.StateName)
		}
	}
	// and the register's columns say the same
	tb := mustTable(t, c, "padron_beneficiarios")
	cp, ent := tb.Column("codigo_postal"), tb.Column("entidad")
	tb.Generate(func(r []any) bool {
		prefix := int(r[cp].(string)[0]-'0')*10 + int(r[cp].(string)[1]-'0')
		for _, st := range states {
			if st.Name == r[ent] && !slices.Contains(st.cp, prefix) {
				t.Errorf("padron: %s in %s", r[cp], r[ent])
				return false
			}
		}
		return true
	})
}
