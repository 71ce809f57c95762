package synth

import (
	"net"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// The offices catalogue: offices named after heroes and saints, addresses
// with their colonia, postal codes and phones of the office's state, job
// titles where a name could be; no person identifiers.
func TestCatOficinas(t *testing.T) {
	c := corpus(t)
	tb := mustTable(t, c, "cat_oficinas")
	assertNoPersonIdentifiers(t, c, tb)
	byName := map[string]*stateInfo{}
	for i := range states {
		byName[states[i].Name] = &states[i]
	}
	ix := tb.Column
	nomI, domI, colI, cpI, telI, edoI, respI := ix("nombre_oficina"), ix("domicilio"), ix("colonia"), ix("cp"),
		ix("telefono"), ix("estado"), ix("responsable_area")
	heroes := 0
	for _, r := range rows(tb) {
		nom := r[nomI].(string)
		if !slices.ContainsFunc(oficinaKinds, func(k string) bool { return strings.HasPrefix(nom, k+" ") }) ||
			!slices.ContainsFunc(oficinaPatrons, func(p string) bool { return strings.Contains(nom, p) }) {
			t.Errorf("nombre_oficina %q is not a kind of office and a patron", nom)
		}
		if strings.Contains(nom, "BENITO JUAREZ") || strings.Contains(nom, "MIGUEL HIDALGO") {
			heroes++
		}
		st := byName[r[edoI].(string)]
		if st == nil {
			t.Fatalf("estado %q", r[edoI])
		}
		cp := r[cpI].(string)
		if code, why := validate.ParsePostalCode(cp, false); why != validate.OK || code != st.Code {
			t.Errorf("cp %s in %s: %s %v", cp, st.Name, code, why)
		}
		dom := r[domI].(string)
		if !strings.Contains(dom, "COL. "+r[colI].(string)) || !strings.ContainsAny(dom, "0123456789") && !strings.Contains(dom, "S/N") {
			t.Errorf("domicilio %q lacks its number or colonia %q", dom, r[colI])
		}
		tel, why := validate.ParsePhone(r[telI].(string))
		if why != validate.OK || len(tel) != 10 || !slices.ContainsFunc(st.ladas, func(l string) bool { return strings.HasPrefix(tel, l) }) {
			t.Errorf("telefono %q in %s: %v", r[telI], st.Name, why)
		}
		if !slices.Contains(oficinaHeads, r[respI].(string)) {
			t.Errorf("responsable_area %q is not a job title", r[respI])
		}
	}
	if heroes == 0 {
		t.Error("no office named after Benito Juárez or Miguel Hidalgo")
	}
}

// IT assets: serials shaped like RFCs and CURPs that never validate,
// private IPv4 and well-formed MAC addresses, five-digit costs.
func TestActivosInformaticos(t *testing.T) {
	c := corpus(t)
	today := c.Config.Today
	tb := mustTable(t, c, "activos_informaticos")
	assertNoPersonIdentifiers(t, c, tb)
	ix := tb.Column
	serI, ipI, macI, edoI, fecI, costI := ix("num_serie"), ix("direccion_ip"), ix("direccion_mac"),
		ix("estado_fisico"), ix("fecha_adquisicion"), ix("costo")
	shapes := map[string]int{}
	estados := map[string]int{}
	letters := func(s string) bool { return strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" }
	digits := func(s string) bool { return strings.Trim(s, "0123456789") == "" }
	for _, r := range rows(tb) {
		s := r[serI].(string)
		switch {
		case len(s) == 13 && letters(s[:4]) && digits(s[4:10]):
			shapes["rfc"]++
			if _, why := validate.ParseRFC(s); why == validate.OK {
				t.Errorf("serial %s validates as an RFC", s)
			}
		case len(s) == 18 && letters(s[:4]) && digits(s[4:10]) && letters(s[10:16]) && digits(s[16:]):
			shapes["curp"]++
			if _, why := validate.ParseCURP(s, today); why == validate.OK {
				t.Errorf("serial %s validates as a CURP", s)
			}
		default:
			shapes["other"]++
		}
		if v, ok := r[ipI].(string); ok {
			if a, err := netip.ParseAddr(v); err != nil || !a.Is4() || !a.IsPrivate() {
				t.Errorf("direccion_ip %q", v)
			}
		}
		if _, err := net.ParseMAC(r[macI].(string)); err != nil {
			t.Errorf("direccion_mac %q: %v", r[macI], err)
		}
		estados[r[edoI].(string)]++
		if r[fecI].(time.Time).After(today) {
			t.Errorf("fecha_adquisicion %v", r[fecI])
		}
		if x := r[costI].(int64); x < 10000 || x > 99999 {
			t.Errorf("costo %d is not five digits", x)
		}
	}
	t.Logf("serial shapes %v, estados %v", shapes, estados)
	if shapes["rfc"] == 0 || shapes["curp"] == 0 {
		t.Errorf("serial shapes %v: no RFC- or CURP-shaped ones", shapes)
	}
	for e := range estados {
		if !slices.Contains([]string{"BUENO", "REGULAR", "MALO", "BAJA"}, e) {
			t.Errorf("estado_fisico %q", e)
		}
	}
	if len(estados) != 4 {
		t.Errorf("estado_fisico values %v", estados)
	}
}

// Positions per unit: valid CLUES of the pool's facilities, each repeated
// for the unit's positions, codes that fit the titles, five-digit salaries.
func TestCatPuestosUnidad(t *testing.T) {
	c := corpus(t)
	tb := mustTable(t, c, "cat_puestos_unidad")
	assertNoPersonIdentifiers(t, c, tb)
	facilities := map[string]bool{}
	for _, f := range c.Pool.Facilities() {
		facilities[f.CLUES] = true
	}
	ix := tb.Column
	cveI, descI, cluesI, sueldoI := ix("clave_puesto"), ix("descripcion_puesto"), ix("clues"), ix("sueldo_base")
	perUnit := map[string]int{}
	for _, r := range rows(tb) {
		cl := r[cluesI].(string)
		if _, _, why := validate.ParseCLUES(cl); why != validate.OK || !facilities[cl] {
			t.Errorf("clues %q: %v", cl, why)
		}
		perUnit[cl]++
		j := slices.IndexFunc(puestos, func(p struct {
			name   string
			lo, hi int
		}) bool {
			return p.name == r[descI].(string)
		})
		if j < 0 || puestoCode(j) != r[cveI].(string) {
			t.Errorf("clave_puesto %v for %v", r[cveI], r[descI])
		}
		if x := r[sueldoI].(float64); x < 10000 || x >= 100000 {
			t.Errorf("sueldo_base %v is not five digits", x)
		}
	}
	for cl, k := range perUnit {
		if k < 2 {
			t.Errorf("unit %s has %d positions, want the CLUES repeated", cl, k)
		}
	}
	if len(perUnit) != len(facilities) {
		t.Errorf("%d units in the catalogue, %d facilities", len(perUnit), len(facilities))
	}
}
