package synth

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
)

// batch3UpperCURP validates a CURP written in any letter case.
func batch3UpperCURP(s string, today time.Time) bool {
	_, why := validate.ParseCURP(strings.ToUpper(s), today)
	return why == validate.OK
}

// batch3CLUESOK reports whether s is a valid CLUES.
func batch3CLUESOK(s string) bool {
	_, _, why := validate.ParseCLUES(s)
	return why == validate.OK
}

// Every payload is a JSON object encoding/json parses. The forms vary:
// Spanish and English keys, snake_case and camelCase, nested objects,
// nulls, postal codes as numbers, and the three encoders' escapes. Each
// category the column is labelled with is in well over 5% of the payloads,
// and every value validates as what its key says.
func TestSolicitudesWeb(t *testing.T) {
	c, _ := batch3Corpus(t)
	today := c.Config.Today
	tb := mustTable(t, c, "solicitudes_web")
	if len(tb.Persons) != 0 {
		t.Error("CURPs inside JSON count persons")
	}
	pi := tb.Column("payload")
	keySets := map[string]bool{}
	feature := map[string]int{}
	found := map[string]int{}
	n := 0
	for _, r := range rows(tb) {
		raw := r[pi].(string)
		var obj map[string]any
		if err := json.Unmarshal([]byte(raw), &obj); err != nil {
			t.Fatalf("payload %q: %v", raw, err)
		}
		n++
		var top []string
		for k := range obj {
			top = append(top, k)
		}
		sort.Strings(top)
		keySets[strings.Join(top, ",")] = true
		switch {
		case strings.Contains(raw, `\/`) || strings.Contains(raw, `\u00`) && !strings.Contains(raw, `": `):
			feature["php"]++
		case strings.Contains(raw, `": `):
			feature["python"]++
		}
		if strings.ContainsFunc(raw, func(c rune) bool { return c > 127 }) {
			feature["utf8"]++
		}
		has := map[string]bool{}
		var walk func(m map[string]any, depth int)
		walk = func(m map[string]any, depth int) {
			if depth > 0 {
				feature["nested"]++
			}
			for k, v := range m {
				lk := strings.ToLower(strings.ReplaceAll(k, "_", ""))
				if strings.Contains(k, "_") {
					feature["snake"]++
				} else if k != strings.ToLower(k) {
					feature["camelKey"]++
				}
				switch x := v.(type) {
				case nil:
					feature["null"]++
				case map[string]any:
					walk(x, depth+1)
				case float64:
					if lk != "cp" && lk != "zipcode" {
						t.Errorf("number under %s in %s", k, raw)
					}
					feature["cp-number"]++
					if !postalCodeOK(fmt.Sprintf("%05d", int(x)), "") {
						t.Errorf("postal code %v in %s", x, raw)
					}
					has["postal_code"] = true
				case string:
					if x == "" {
						continue
					}
					switch lk {
					case "curp":
						if batch3UpperCURP(x, today) {
							has["curp"] = true
						}
					case "nombre", "firstname", "apellidos", "lastname", "apellidopaterno", "apellidomaterno", "secondlastname",
						"nombrecompleto", "fullname":
						has["person_name"] = true
					case "fechanacimiento", "birthdate":
						if d, _, ok := validate.ParseDate(x, today); !ok || d.After(today) {
							t.Errorf("birthdate %q in %s", x, raw)
						}
						has["birthdate"] = true
					case "calle", "street", "colonia", "neighborhood":
						has["address"] = true
					case "cp", "zipcode":
						if !postalCodeOK(x, "") {
							t.Errorf("postal code %q in %s", x, raw)
						}
						has["postal_code"] = true
					case "telefono", "phone":
						if _, why := validate.ParsePhone(x); why != validate.OK {
							t.Errorf("phone %q in %s", x, raw)
						}
						has["phone"] = true
					case "correo", "email":
						if validate.ParseEmail(x) != validate.OK {
							t.Errorf("e-mail %q in %s", x, raw)
						}
						has["email"] = true
					}
				}
			}
		}
		walk(obj, 0)
		if _, ok := obj["tramite"]; ok {
			feature["spanish"]++
		} else if _, ok := obj["procedure"]; ok {
			feature["english"]++
		}
		for k := range has {
			found[k]++
		}
	}
	t.Logf("%d payloads, %d top-level key sets; features %v", n, len(keySets), feature)
	for _, cat := range []string{"curp", "person_name", "birthdate", "address", "postal_code", "phone", "email"} {
		t.Logf("%s in %.0f%%", cat, 100*batch3Share(found[cat], n))
		if batch3Share(found[cat], n) < 0.10 {
			t.Errorf("%s in %d of %d payloads: too close to the 5%% labelling threshold", cat, found[cat], n)
		}
	}
	if len(keySets) < 6 {
		t.Errorf("only %d key sets", len(keySets))
	}
	for _, f := range []string{"php", "python", "utf8", "nested", "snake", "camelKey", "null", "cp-number", "spanish", "english"} {
		if feature[f] == 0 {
			t.Errorf("no payload with %s", f)
		}
	}
}

// detalle splits into the five fields the doc comment states, separated by
// trasladoSep; the name, birthdate and valid CURP are one pool person's,
// the code is a CIE-10 code and the CLUES the sending unit's. Some
// records leave a field empty.
func TestBitacoraTraslados(t *testing.T) {
	c, byCURP := batch3Corpus(t)
	today := c.Config.Today
	tb := mustTable(t, c, "bitacora_traslados")
	if len(tb.Persons) != 0 {
		t.Error("CURPs inside a delimited record count persons")
	}
	ix := tb.Column
	oi, di, dti := ix("unidad_origen"), ix("unidad_destino"), ix("detalle")
	empty := [5]int{}
	valid := [5]int{}
	sameUnit := 0
	n := 0
	for _, r := range rows(tb) {
		n++
		orig, dest := r[oi].(string), r[di].(string)
		if !batch3CLUESOK(orig) || !batch3CLUESOK(dest) {
			t.Errorf("CLUES %q, %q", orig, dest)
		}
		if orig == dest {
			sameUnit++
		}
		s := r[dti].(string)
		if strings.Contains(s, ";") {
			t.Errorf("detalle %q holds the other separator", s)
		}
		f := strings.Split(s, trasladoSep)
		if len(f) != 5 {
			t.Fatalf("detalle %q: %d fields", s, len(f))
		}
		for i, v := range f {
			if v == "" {
				empty[i]++
			}
		}
		if f[0] != "" && len(strings.Fields(f[0])) >= 2 {
			valid[0]++
		}
		if f[1] != "" {
			if _, err := time.Parse("02/01/2006", f[1]); err != nil {
				t.Errorf("birthdate %q", f[1])
			}
			valid[1]++
		}
		if cu, why := validate.ParseCURP(f[2], today); why == validate.OK {
			valid[2]++
			ps, ok := byCURP[cu.Value]
			if !ok {
				t.Fatalf("CURP %s is nobody's", cu.Value)
			}
			if norm.Fold(f[0]) != norm.Fold(ps.RegistryName()) {
				t.Errorf("%s named %q, person is %q", cu.Value, f[0], ps.RegistryName())
			}
			if f[1] != "" && f[1] != ddmmyyyy(ps.Birth) {
				t.Errorf("%s born %q, person born %s", cu.Value, f[1], ddmmyyyy(ps.Birth))
			}
		}
		if f[3] != "" {
			if _, why := validate.ParseCIE10(f[3]); why != validate.OK {
				t.Errorf("CIE-10 %q: %v", f[3], why)
			}
			valid[3]++
		}
		if f[4] != "" {
			if f[4] != orig {
				t.Errorf("record's CLUES %s, sending unit %s", f[4], orig)
			}
			valid[4]++
		}
	}
	t.Logf("%d transfers; empty fields %v; valid %v; %d to the same unit", n, empty, valid, sameUnit)
	for i, what := range []string{"name", "birthdate", "CURP", "CIE-10", "CLUES"} {
		if batch3Share(valid[i], n) < 0.5 {
			t.Errorf("%s valid in %d of %d records", what, valid[i], n)
		}
		if i > 0 && empty[i] == 0 {
			t.Errorf("no record with an empty %s field", what)
		}
	}
	if sameUnit > 0 {
		t.Errorf("%d of %d transfers to the sending unit", sameUnit, n)
	}
}

// relatoSentences counts the sentences of a relato: tokens ending in a dot
// that are not abbreviations.
func relatoSentences(s string) int {
	abbr := map[string]bool{"C.P.": true, "TEL.": true, "I.": true}
	for _, a := range streetTypes {
		abbr[a] = true
	}
	for _, a := range settlementTypes {
		abbr[a] = true
	}
	n := 0
	for _, w := range strings.Fields(s) {
		if strings.HasSuffix(w, ".") && !abbr[w] {
			n++
		}
	}
	return n
}

// A relato has two to four sentences. Street requests hold no personal
// data; the others carry the requester's data in shares that clear the 5%
// labelling threshold for each of relato's categories, and no e-mail.
func TestAtencionCiudadana(t *testing.T) {
	c, byCURP := batch3Corpus(t)
	today := c.Config.Today
	tb := mustTable(t, c, "atencion_ciudadana")
	if len(tb.Persons) != 0 {
		t.Error("CURPs in free text count persons")
	}
	ix := tb.Column
	ri, ni, ti, ci := ix("relato"), ix("nombre_solicitante"), ix("telefono"), ix("colonia")
	street := map[string]bool{}
	for _, sp := range atencionStreetProblems {
		street[sp.tipo] = true
	}
	found := map[string]int{}
	var n, streetRows, anon int
	for _, r := range rows(tb) {
		if r[ni] == "ANONIMO" {
			anon++
		}
		if s, ok := r[ti].(string); ok {
			if _, why := validate.ParsePhone(s); why != validate.OK {
				t.Errorf("telefono %q: %v", s, why)
			}
		}
		if r[ci] != nil && r[ci].(string) == "" {
			t.Error("empty colonia")
		}
		s, ok := r[ri].(string)
		if !ok {
			continue
		}
		n++
		if k := relatoSentences(s); k < 2 || k > 4 {
			t.Errorf("%d sentences: %q", k, s)
		}
		if strings.Contains(s, "@") {
			t.Errorf("e-mail in %q", s)
		}
		has := map[string]bool{}
		words := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(s))
		for i, w := range words {
			if len(w) == 18 {
				if _, why := validate.ParseCURP(w, today); why == validate.OK {
					has["curp"] = true
					if _, ok := byCURP[w]; !ok {
						t.Errorf("CURP %s is nobody's", w)
					}
				}
			}
			if i > 0 && (words[i-1] == "P" || words[i-1] == "POSTAL" || words[i-1] == "ES" && i > 2 && words[i-2] == "POSTAL") && len(w) == 5 {
				if !postalCodeOK(w, "") {
					t.Errorf("postal code %q in %q", w, s)
				}
				has["postal_code"] = true
			}
		}
		digits := strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' || c == ' ' || c == '-' {
				return c
			}
			return '|'
		}, s)
		for _, part := range strings.Split(digits, "|") {
			part = strings.TrimSpace(part)
			d := strings.NewReplacer(" ", "", "-", "").Replace(part)
			if len(d) == 10 {
				if _, why := validate.ParsePhone(part); why != validate.OK {
					t.Errorf("phone %q in %q", part, s)
				}
				has["phone"] = true
			}
		}
		if i := strings.Index(s, "NACI EL "); i >= 0 {
			if _, _, ok := validate.ParseDate(strings.TrimRight(strings.Fields(s[i+8:])[0], ".,"), today); !ok {
				t.Errorf("birthdate in %q", s)
			}
			has["birthdate"] = true
		}
		if strings.Contains(s, "FECHA DE NACIMIENTO ES ") {
			has["birthdate"] = true
		}
		if strings.Contains(s, "VIVO EN ") || strings.Contains(s, "MI DOMICILIO ES ") {
			has["address"] = true
		}
		if strings.Contains(s, "MI NOMBRE ES ") || strings.Contains(s, "SOY ") && !strings.Contains(s, "SOY PACIENTE") ||
			strings.Contains(s, "SOY PACIENTE") && strings.Count(s, "SOY ") > 1 {
			has["person_name"] = true
		}
		for _, h := range atencionConditions {
			if strings.Contains(s, " "+h+" ") {
				has["health_condition"] = true
			}
		}
		if len(has) == 0 {
			streetRows++
		}
		if street[r[ix("tipo_solicitud")].(string)] && len(has) > 0 {
			t.Errorf("street request with personal data %v: %q", has, s)
		}
		for k := range has {
			found[k]++
		}
	}
	t.Logf("%d relatos, %d without personal data, %d anonymous requesters", n, streetRows, anon)
	for _, cat := range []string{"curp", "person_name", "birthdate", "address", "postal_code", "phone", "health_condition"} {
		t.Logf("%s in %.1f%%", cat, 100*batch3Share(found[cat], n))
		if batch3Share(found[cat], n) < 0.065 {
			t.Errorf("%s in %d of %d relatos: too close to the 5%% labelling threshold", cat, found[cat], n)
		}
	}
	if f := batch3Share(streetRows, n); f < 0.35 || f > 0.6 {
		t.Errorf("%.2f of relatos without personal data, want about 0.45", f)
	}
	if anon == 0 {
		t.Error("no anonymous requester")
	}
}

// Persons and companies share the columns, about 60/40: 13-character
// personal RFCs that are the pool's persons' (about 1.5% with a failing
// check character), 12-character company RFCs beside razones sociales
// with a legal form; valid postal codes, phones and e-mails throughout.
func TestPadronContribuyentes(t *testing.T) {
	c, byCURP := batch3Corpus(t)
	tb := mustTable(t, c, "padron_contribuyentes")
	if len(tb.Persons) != 0 {
		t.Error("a register without CURPs counts persons")
	}
	rfcs := map[string]bool{}
	for _, ps := range byCURP {
		rfcs[personRFC(ps)[:12]] = true
	}
	ix := tb.Column
	ri, ni, di, ci, ti, ei := ix("rfc"), ix("nombre_o_razon_social"), ix("domicilio_fiscal"), ix("cp"), ix("telefono"), ix("email")
	var persons, companies, badCheck, padded, surnameCompanies int
	for _, r := range rows(tb) {
		name := r[ni].(string)
		company := slices.ContainsFunc(taxLegalForms, func(f string) bool { return strings.HasSuffix(name, " "+f) })
		if s, ok := r[ri].(string); ok {
			if strings.HasPrefix(s, " ") {
				padded++
			}
			rfc, why := validate.ParseRFC(s)
			if why != validate.OK {
				t.Errorf("rfc %q: %v", s, why)
				continue
			}
			switch {
			case rfc.Person:
				if company || len(rfc.Value) != 13 {
					t.Errorf("personal RFC %q for %q", s, name)
				}
				if !rfcs[rfc.Value[:12]] {
					t.Errorf("RFC %s is nobody's", rfc.Value)
				}
				if !rfc.CheckOK {
					badCheck++
				}
			case !company:
				t.Errorf("company RFC %q for %q", s, name)
			}
		}
		if company {
			companies++
			if slices.ContainsFunc(strings.Fields(name), func(w string) bool { return slices.Contains(topSurnames, w) }) {
				surnameCompanies++
			}
		} else {
			persons++
		}
		if d := r[di].(string); !strings.ContainsAny(d, "0123456789") && !strings.Contains(d, "S/N") {
			t.Errorf("domicilio_fiscal %q without a number", d)
		}
		if !postalCodeOK(r[ci].(string), "") {
			t.Errorf("cp %q", r[ci])
		}
		if s, ok := r[ti].(string); ok {
			if _, why := validate.ParsePhone(s); why != validate.OK {
				t.Errorf("telefono %q: %v", s, why)
			}
		}
		if s, ok := r[ei].(string); ok && validate.ParseEmail(s) != validate.OK {
			t.Errorf("email %q", s)
		}
	}
	n := persons + companies
	t.Logf("%d taxpayers: %d persons, %d companies (%d with a surname), %d failing checks, %d padded RFCs",
		n, persons, companies, surnameCompanies, badCheck, padded)
	if f := batch3Share(persons, n); f < 0.55 || f > 0.65 {
		t.Errorf("persons are %.2f of the register, want about 0.60", f)
	}
	if badCheck == 0 || batch3Share(badCheck, persons) > 0.04 {
		t.Errorf("%d personal RFCs fail their check", badCheck)
	}
	if padded == 0 || surnameCompanies == 0 {
		t.Error("no padded company RFC or no company named after a surname")
	}
}

// The vaccine lots hold no person identifier; lot codes, vaccines, expiry
// dates, doses, warehouse CLUES and temperatures have their shapes.
func TestLotesVacunas(t *testing.T) {
	c, _ := batch3Corpus(t)
	today := c.Config.Today
	tb := mustTable(t, c, "lotes_vacunas")
	if !tb.HardNegative || len(tb.Persons) != 0 {
		t.Fatal("lotes_vacunas is a hard negative without persons")
	}
	assertNoPersonIdentifiers(t, c, tb)
	ix := tb.Column
	li, bi, ci, di, wi, ti := ix("lote"), ix("biologico"), ix("caducidad"), ix("dosis_disponibles"), ix("clues_almacen"), ix("temperatura")
	stores := map[string]int{}
	var future, lCodes, n int
	for _, r := range rows(tb) {
		n++
		lot := r[li].(string)
		if len(lot) == 8 && lot[0] == 'L' {
			if _, err := time.Parse("060102", lot[1:7]); err != nil {
				t.Errorf("lote %q", lot)
			}
			lCodes++
		} else if len(lot) != 7 {
			t.Errorf("lote %q", lot)
		}
		known := false
		for _, v := range lotesBiologicos {
			known = known || v.name == r[bi]
		}
		if !known {
			t.Errorf("biologico %q", r[bi])
		}
		exp, err := time.Parse("02/01/2006", r[ci].(string))
		if err != nil {
			t.Errorf("caducidad %q", r[ci])
		}
		if exp.After(today) {
			future++
		}
		if d := r[di].(int64); d < 0 || d > 99999 {
			t.Errorf("dosis %d", d)
		}
		w := r[wi].(string)
		if !batch3CLUESOK(w) {
			t.Errorf("clues_almacen %q", w)
		}
		stores[w]++
		if temp := r[ti].(float64); temp < -25 || temp > 8 {
			t.Errorf("temperatura %v", temp)
		}
	}
	t.Logf("%d lots, %d L-codes, %d not expired, %d warehouses", n, lCodes, future, len(stores))
	if len(stores) == 0 || len(stores) > 8 || n < 4*len(stores) {
		t.Errorf("%d warehouses for %d lots", len(stores), n)
	}
	if f := batch3Share(future, n); f < 0.05 || f > 0.6 {
		t.Errorf("%.2f of lots not expired", f)
	}
	if batch3Share(lCodes, n) < 0.5 {
		t.Errorf("%d of %d lots coded L+YYMMDD", lCodes, n)
	}
}

// Staff: valid CURPs agree with the name columns, cédulas are seven or
// eight digits and only for licensed jobs, the workplace is a valid
// CLUES, the institutional e-mail is on the unit's institution's domain.
func TestPersonalSalud(t *testing.T) {
	c, byCURP := batch3Corpus(t)
	today := c.Config.Today
	tb := mustTable(t, c, "personal_salud")
	ix := tb.Column
	nom, pat, mat, cu, ced, pue, cl, tel, mail := ix("nombre"), ix("apellido_paterno"), ix("apellido_materno"), ix("curp"),
		ix("cedula_profesional"), ix("puesto"), ix("clues_adscripcion"), ix("telefono"), ix("correo_institucional")
	domains := map[string]string{}
	for _, f := range c.Pool.Facilities() {
		domains[f.CLUES] = institutionDomains[f.Institution]
	}
	licensed := map[string]bool{}
	for _, j := range staffJobs {
		licensed[j.name] = j.licensed
	}
	var n, valid, cedulas int
	ids := map[int64]bool{}
	for _, r := range rows(tb) {
		n++
		if id := r[0].(int64); ids[id] {
			t.Errorf("num_empleado %d twice", id)
		} else {
			ids[id] = true
		}
		if s, ok := r[cu].(string); ok {
			if cv, why := validate.ParseCURP(s, today); why == validate.OK {
				valid++
				m, _ := r[mat].(string)
				if key := validate.CURPNameKey(r[pat].(string), m, r[nom].(string)); key != cv.NameKey {
					t.Errorf("%s vs %v %v %v", s, r[pat], r[mat], r[nom])
				}
				if ps, ok := byCURP[s]; !ok || ageAt(ps.Birth, today) < 22 {
					t.Errorf("CURP %s is no working-age person's", s)
				}
			}
		}
		if s, ok := r[ced].(string); ok {
			cedulas++
			if len(s) < 7 || len(s) > 8 || strings.Trim(s, "0123456789") != "" {
				t.Errorf("cedula %q", s)
			}
			if !licensed[r[pue].(string)] {
				t.Errorf("cedula for a %v", r[pue])
			}
		}
		w := r[cl].(string)
		if !batch3CLUESOK(w) {
			t.Errorf("clues_adscripcion %q", w)
		}
		if s, ok := r[tel].(string); ok {
			if _, why := validate.ParsePhone(s); why != validate.OK {
				t.Errorf("telefono %q", s)
			}
		}
		if s, ok := r[mail].(string); ok {
			if validate.ParseEmail(s) != validate.OK || !strings.HasSuffix(s, "@"+domains[w]) {
				t.Errorf("correo %q at %s", s, w)
			}
		}
	}
	t.Logf("%d staff, %d valid CURPs, %d cédulas", n, valid, cedulas)
	if f := batch3Share(valid, n); f < 0.9 || f > 0.99 {
		t.Errorf("valid CURPs %.2f", f)
	}
	if cedulas == 0 || cedulas == n {
		t.Errorf("%d cédulas for %d staff", cedulas, n)
	}
}

// Deaths: valid CURPs agree with the name and birthdate, death follows
// birth, the place is one of four kinds, the cause a CIE-10 code of the
// catalogue, the certifying unit a valid CLUES; the deceased are mostly
// old.
func TestDefuncionesRegistro(t *testing.T) {
	c, byCURP := batch3Corpus(t)
	today := c.Config.Today
	tb := mustTable(t, c, "defunciones_registro")
	ix := tb.Column
	cu, nom, fn, fd, lu, ca, cl := ix("curp"), ix("nombre"), ix("fecha_nacimiento"), ix("fecha_defuncion"),
		ix("lugar_defuncion"), ix("causa_cie10"), ix("clues_certifica")
	places := map[string]int{}
	var n, valid, old int
	for _, r := range rows(tb) {
		n++
		died := r[fd].(time.Time)
		if died.Before(defuncionesStart) || !died.Before(today) {
			t.Errorf("died %v", died)
		}
		if b, ok := r[fn].(time.Time); ok {
			if b.After(died) {
				t.Errorf("born %v, died %v", b, died)
			}
			if ageAt(b, died) >= 60 {
				old++
			}
		}
		if s, ok := r[cu].(string); ok {
			if cv, why := validate.ParseCURP(s, today); why == validate.OK {
				valid++
				ps := byCURP[cv.Value]
				if norm.Fold(r[nom].(string)) != norm.Fold(ps.RegistryName()) {
					t.Errorf("%s named %q", s, r[nom])
				}
				if b, ok := r[fn].(time.Time); ok && !b.Equal(ps.Birth) {
					t.Errorf("%s born %v", s, b)
				}
			}
		}
		places[r[lu].(string)]++
		if s, ok := r[ca].(string); ok {
			if _, why := validate.ParseCIE10(s); why != validate.OK {
				t.Errorf("causa %q: %v", s, why)
			}
		}
		if !batch3CLUESOK(r[cl].(string)) {
			t.Errorf("clues %q", r[cl])
		}
	}
	t.Logf("%d deaths, %d valid CURPs, places %v, %d aged 60 or more", n, valid, places, old)
	if len(places) != 4 {
		t.Errorf("places %v", places)
	}
	for p := range places {
		if !slices.Contains(lugaresDefuncion, p) {
			t.Errorf("lugar %q", p)
		}
	}
	if f := batch3Share(valid, n); f < 0.85 || f > 0.97 {
		t.Errorf("valid CURPs %.2f", f)
	}
	if batch3Share(old, n) < 0.55 {
		t.Errorf("%d of %d deceased aged 60 or more", old, n)
	}
	for _, c := range causesOfDeath {
		if _, why := validate.ParseCIE10(c.code); why != validate.OK {
			t.Errorf("cause %s is not in the catalogue", c.code)
		}
	}
}
