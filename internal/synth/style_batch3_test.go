package synth

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// batch3Styles are the tables of the third tuning batch: structured text
// in a column (JSON, a delimited record, citizens' free text), persons and
// companies in the same columns, a staff directory and a death register,
// and one hard negative.
var batch3Styles = []string{"solicitudes_web", "bitacora_traslados", "atencion_ciudadana",
	"padron_contribuyentes", "lotes_vacunas", "personal_salud", "defunciones_registro"}

func batch3StyleList() []Style {
	var out []Style
	for _, s := range DefaultStyles() {
		if slices.Contains(batch3Styles, s.Name) {
			out = append(out, s)
		}
	}
	return out
}

var (
	batch3     *Corpus
	batch3Err  error
	batch3Once sync.Once
	batch3ByID map[string]Person
)

// batch3Corpus has 20,000 persons and only the batch's tables; byCURP maps
// every pool CURP to its person.
func batch3Corpus(t testing.TB) (*Corpus, map[string]Person) {
	t.Helper()
	batch3Once.Do(func() {
		batch3, batch3Err = Generate(Config{Seed: 42, Persons: 20000, Styles: batch3StyleList()})
		if batch3Err != nil {
			return
		}
		batch3ByID = make(map[string]Person, batch3.Pool.Len())
		for i := range int32(batch3.Pool.Len()) {
			ps := batch3.Pool.Person(i)
			batch3ByID[ps.CURP] = ps
		}
	})
	if batch3Err != nil {
		t.Fatal(batch3Err)
	}
	return batch3, batch3ByID
}

// The batch's names are new: no table of the tuning, evaluation or blind
// sets has the same name in any letter case.
func TestBatch3NamesUnique(t *testing.T) {
	count := map[string]int{}
	for _, set := range [][]Style{DefaultStyles(), EvalStyles(), BlindStyles()} {
		for _, s := range set {
			count[strings.ToLower(s.Name)]++
		}
	}
	for _, name := range batch3Styles {
		if n := count[strings.ToLower(name)]; n != 1 {
			t.Errorf("%s: %d tables of that name across the style sets", name, n)
		}
	}
	if len(batch3StyleList()) != len(batch3Styles) {
		t.Errorf("%d of the batch's %d tables are in DefaultStyles", len(batch3StyleList()), len(batch3Styles))
	}
}

// Every column of the batch's tables carries exactly the labels doc.go
// gives it, and only the tables with a CURP column count persons.
func TestBatch3Labels(t *testing.T) {
	cu, pn, bd, a, pc, ph, em := taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address,
		taxonomy.PostalCode, taxonomy.Phone, taxonomy.Email
	hc, hf := taxonomy.HealthCondition, taxonomy.HealthFacility
	want := map[string]map[string][]string{
		"solicitudes_web": {"payload": {cu, pn, bd, a, pc, ph, em}},
		"bitacora_traslados": {
			"unidad_origen": {hf}, "unidad_destino": {hf}, "detalle": {cu, pn, bd, hc, hf},
		},
		"atencion_ciudadana": {
			"nombre_solicitante": {pn}, "telefono": {ph}, "colonia": {a}, "relato": {cu, pn, bd, a, pc, ph, hc},
		},
		"padron_contribuyentes": {
			"rfc": {taxonomy.RFC}, "nombre_o_razon_social": {pn}, "domicilio_fiscal": {a}, "cp": {pc},
			"telefono": {ph}, "email": {em},
		},
		"lotes_vacunas": {},
		"personal_salud": {
			"nombre": {pn}, "apellido_paterno": {pn}, "apellido_materno": {pn}, "curp": {cu},
			"telefono": {ph}, "correo_institucional": {em},
		},
		"defunciones_registro": {
			"curp": {cu}, "nombre": {pn}, "fecha_nacimiento": {bd}, "causa_cie10": {hc}, "clues_certifica": {hf},
		},
	}
	columns := map[string][]string{
		"solicitudes_web":       {"id_solicitud", "fecha_solicitud", "tramite", "payload", "estatus"},
		"bitacora_traslados":    {"folio", "fecha_traslado", "unidad_origen", "unidad_destino", "ambulancia", "detalle"},
		"atencion_ciudadana":    {"folio", "fecha_registro", "tipo_solicitud", "nombre_solicitante", "telefono", "colonia", "relato"},
		"padron_contribuyentes": {"id_contribuyente", "rfc", "nombre_o_razon_social", "domicilio_fiscal", "cp", "telefono", "email", "fecha_alta"},
		"lotes_vacunas":         {"lote", "biologico", "caducidad", "dosis_disponibles", "clues_almacen", "temperatura"},
		"personal_salud": {"num_empleado", "nombre", "apellido_paterno", "apellido_materno", "curp", "cedula_profesional",
			"puesto", "clues_adscripcion", "turno", "telefono", "correo_institucional"},
		"defunciones_registro": {"folio_certificado", "curp", "nombre", "sexo", "fecha_nacimiento", "fecha_defuncion",
			"lugar_defuncion", "causa_cie10", "clues_certifica"},
	}
	countsPersons := map[string]bool{"personal_salud": true, "defunciones_registro": true}
	c := corpus(t) // the default corpus: the batch is in it
	l := c.Labels()
	for name, cols := range want {
		k := slices.IndexFunc(c.Tables, func(tb *Table) bool { return tb.Name == name })
		if k < 0 {
			t.Errorf("%s is not in DefaultStyles", name)
			continue
		}
		tb, tl := c.Tables[k], l.Tables[k]
		if tb.HardNegative != (name == "lotes_vacunas") {
			t.Errorf("%s: HardNegative %v", name, tb.HardNegative)
		}
		var got []string
		for _, col := range tb.Columns {
			got = append(got, col.Name)
		}
		if !slices.Equal(got, columns[name]) {
			t.Errorf("%s: columns %v, want %v", name, got, columns[name])
		}
		for _, col := range tb.Columns {
			w := cols[col.Name]
			if w == nil {
				w = []string{}
			}
			if got := tl.Columns[col.Name]; !slices.Equal(got, w) {
				t.Errorf("%s.%s labelled %v, want %v", name, col.Name, got, w)
			}
		}
		if countsPersons[name] != (tl.Persons > 0) {
			t.Errorf("%s counts %d persons", name, tl.Persons)
		}
	}
}

// Labels.Persons for a corpus of the batch equals an independent recount
// from a written SQLite file (distinct valid CURPs in the columns labelled
// only curp); the CURPs inside the JSON payloads, the delimited records and
// the relatos are in the file and are not counted. The batch's rows depend
// on the seed alone.
func TestBatch3PersonsAndDeterminism(t *testing.T) {
	c, err := Generate(Config{Seed: 77, Persons: 6000, Styles: batch3StyleList()})
	if err != nil {
		t.Fatal(err)
	}
	l := c.Labels()
	db := openDB(t, writeDB(t, c))
	all := map[string]bool{}
	for k, tb := range c.Tables {
		here := map[string]bool{}
		for _, col := range tb.Columns {
			if len(col.Labels) != 1 || col.Labels[0] != taxonomy.CURP {
				continue
			}
			rs, err := db.Query(`SELECT DISTINCT "` + col.Name + `" FROM "` + tb.Name + `" WHERE "` + col.Name + `" IS NOT NULL`)
			if err != nil {
				t.Fatal(err)
			}
			for rs.Next() {
				var s string
				if err := rs.Scan(&s); err != nil {
					t.Fatal(err)
				}
				if cu, why := validate.ParseCURP(s, c.Config.Today); why == validate.OK {
					here[cu.Value], all[cu.Value] = true, true
				}
			}
			rs.Close()
		}
		if len(here) != l.Tables[k].Persons {
			t.Errorf("%s: %d persons in the file, labels say %d", tb.Name, len(here), l.Tables[k].Persons)
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM "` + tb.Name + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != tb.Rows || n == 0 {
			t.Errorf("%s: %d rows in the file, %d declared", tb.Name, n, tb.Rows)
		}
	}
	if len(all) != l.Persons || l.Persons == 0 {
		t.Errorf("recount %d distinct valid CURPs, labels say %d", len(all), l.Persons)
	}
	// the structured and free-text columns do hold valid CURPs the count leaves out
	var embedded int
	for _, q := range []struct{ table, col string }{{"solicitudes_web", "payload"},
		{"bitacora_traslados", "detalle"}, {"atencion_ciudadana", "relato"}} {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM "` + q.table + `" WHERE "` + q.col + `" GLOB '*[A-Z][AEIOUX][A-Z][A-Z][0-9][0-9][0-9][0-9][0-9][0-9][HMX][A-Z][A-Z][A-Z][A-Z][A-Z][0-9A-Z][0-9]*'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("%s.%s holds no CURP-shaped value", q.table, q.col)
		}
		embedded += n
	}
	t.Logf("persons %d; %d structured or free-text values hold a CURP-shaped string", l.Persons, embedded)

	again, _ := Generate(Config{Seed: 77, Persons: 6000, Styles: batch3StyleList()})
	other, _ := Generate(Config{Seed: 78, Persons: 6000, Styles: batch3StyleList()})
	for _, name := range batch3Styles {
		h := tableHash(mustTable(t, c, name))
		if h != tableHash(mustTable(t, again, name)) {
			t.Errorf("%s: same seed, different rows", name)
		}
		if h != tableHash(mustTable(t, c, name)) {
			t.Errorf("%s: two calls of Generate differ", name)
		}
		if h == tableHash(mustTable(t, other, name)) {
			t.Errorf("%s: different seeds, same rows", name)
		}
	}
	// the batch's tables are the same in the default corpus, built from
	// their own streams
	full, err := Generate(Config{Seed: 77, Persons: 6000})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range batch3Styles {
		if tableHash(mustTable(t, c, name)) != tableHash(mustTable(t, full, name)) {
			t.Errorf("%s differs when the other tables are built too", name)
		}
	}
}

// batch3Share is k of n as a fraction, 0 when n is 0.
func batch3Share(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}
