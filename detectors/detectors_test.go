package detectors

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// person is an invented person for these tests; its CURP is built by the
// real rules, so the cross-checks have something true to find.
type person struct {
	paterno, materno, nombre string
	sex                      byte
	state                    string
	birth                    time.Time
	curp                     string
}

var (
	testPaternos = []string{"HERNANDEZ", "GARCIA", "MARTINEZ", "LOPEZ", "GONZALEZ", "PEREZ", "RODRIGUEZ",
		"SANCHEZ", "RAMIREZ", "CRUZ", "FLORES", "GOMEZ", "MORALES", "VAZQUEZ", "REYES", "JIMENEZ", "TORRES",
		"DIAZ", "CHAN", "PECH", "CANUL", "TZINTZUN", "XOOL", "DE LA CRUZ"}
	testNombres = []string{"JUAN", "MARIA GUADALUPE", "JOSE LUIS", "ANA", "FRANCISCO", "ROSA MARIA",
		"MIGUEL ANGEL", "VERONICA", "PEDRO", "XOCHITL", "ITZEL", "CUAUHTEMOC", "LETICIA", "JORGE"}
	testStates = []string{"DF", "JC", "MC", "NL", "PL", "VZ", "YN", "OC", "GR", "CS"}
)

func people(n int, seed uint64) []person {
	r := rand.New(rand.NewPCG(seed, 99))
	out := make([]person, n)
	for i := range out {
		p := person{
			paterno: testPaternos[r.IntN(len(testPaternos))],
			materno: testPaternos[r.IntN(len(testPaternos))],
			nombre:  testNombres[r.IntN(len(testNombres))],
			sex:     "HM"[r.IntN(2)],
			state:   testStates[r.IntN(len(testStates))],
			birth:   time.Date(1930+r.IntN(90), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC),
		}
		key := validate.CURPNameKey(p.paterno, p.materno, p.nombre)
		diff := byte('0' + r.IntN(10))
		if p.birth.Year() >= 2000 {
			diff = byte('A' + r.IntN(26))
		}
		body := fmt.Sprintf("%s%s%c%s%s%c", key[:4], p.birth.Format("060102"), p.sex, p.state, key[4:], diff)
		d, _ := validate.CURPCheckDigit(body)
		p.curp = body + string(d)
		out[i] = p
	}
	return out
}

// table builds a Table from named column functions over people.
func table(name string, ps []person, cols ...col) Table {
	t := Table{Name: name}
	for _, c := range cols {
		tc := Column{Name: c.name, Kind: c.kind}
		for i, p := range ps {
			tc.Values = append(tc.Values, c.value(i, p))
		}
		t.Columns = append(t.Columns, tc)
	}
	return t
}

type col struct {
	name  string
	kind  Kind
	value func(i int, p person) string
}

func text(name string, f func(i int, p person) string) col { return col{name, KindText, f} }

// found returns the categories reported per column name.
func found(t Table) map[string][]string {
	r := Classify(t, Options{Today: today})
	out := map[string][]string{}
	for i, fs := range r.Findings {
		for _, f := range fs {
			out[t.Columns[i].Name] = append(out[t.Columns[i].Name], f.Category)
		}
	}
	return out
}

func expect(t *testing.T, got map[string][]string, want map[string][]string) {
	t.Helper()
	names := map[string]bool{}
	for k := range got {
		names[k] = true
	}
	for k := range want {
		names[k] = true
	}
	for n := range names {
		g, w := got[n], want[n]
		slices.Sort(g)
		slices.Sort(w)
		if !slices.Equal(g, w) {
			t.Errorf("column %q: found %v, want %v", n, g, w)
		}
	}
}

func TestRegisterTable(t *testing.T) {
	ps := people(800, 1)
	tbl := table("padron_beneficiarios", ps,
		text("curp", func(i int, p person) string {
			if i%50 == 0 {
				return "SIN CURP"
			}
			return p.curp
		}),
		text("nombre", func(_ int, p person) string { return p.nombre }),
		text("primer_apellido", func(_ int, p person) string { return p.paterno }),
		text("segundo_apellido", func(_ int, p person) string { return p.materno }),
		col{"fecha_nacimiento", KindDate, func(_ int, p person) string { return p.birth.Format("2006-01-02") }},
		text("sexo", func(_ int, p person) string { return string(p.sex) }),
		text("codigo_postal", func(i int, _ person) string { return fmt.Sprintf("%05d", 1000+i*37%90000) }),
		text("telefono", func(i int, _ person) string { return fmt.Sprintf("55%08d", 10000000+i*7919) }),
		text("correo", func(i int, p person) string {
			return strings.ToLower(strings.Fields(p.nombre)[0]) + fmt.Sprint(i) + "@correo.mx"
		}),
		col{"fecha_afiliacion", KindDate, func(i int, _ person) string {
			return time.Date(2015+i%5, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		}},
		text("programa", func(i int, _ person) string { return []string{"SEGURO POPULAR", "INSABI", "IMSS-BIENESTAR"}[i%3] }),
	)
	expect(t, found(tbl), map[string][]string{
		"curp":             {taxonomy.CURP},
		"nombre":           {taxonomy.PersonName},
		"primer_apellido":  {taxonomy.PersonName},
		"segundo_apellido": {taxonomy.PersonName},
		"fecha_nacimiento": {taxonomy.Birthdate},
		"codigo_postal":    {taxonomy.PostalCode},
		"telefono":         {taxonomy.Phone},
		"correo":           {taxonomy.Email},
		"programa":         {taxonomy.HealthEnrollment},
	})
}

// TestMeaninglessNames: a vendor export with columns C01..C05; only the
// values and their agreement with the CURP in each row say what they are.
func TestMeaninglessNames(t *testing.T) {
	ps := people(600, 2)
	tbl := table("EXP_PROV_2019", ps,
		text("C01", func(i int, _ person) string { return fmt.Sprint(100000 + i) }),
		text("C02", func(_ int, p person) string { return p.curp }),
		text("C03", func(_ int, p person) string { return p.nombre + " " + p.paterno + " " + p.materno }),
		text("C04", func(_ int, p person) string { return p.birth.Format("02/01/2006") }),
		text("C05", func(i int, _ person) string {
			return time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%300).Format("02/01/2006")
		}),
		text("C06", func(i int, _ person) string { return fmt.Sprintf("%d.%02d", 1500+i*13%9000, i%100) }),
	)
	expect(t, found(tbl), map[string][]string{
		"C02": {taxonomy.CURP},
		"C03": {taxonomy.PersonName},
		"C04": {taxonomy.Birthdate},
	})
}

// TestNamesOutsideDictionary: surnames the dictionaries lack are still
// names when the CURP's letters agree with them.
func TestNamesOutsideDictionary(t *testing.T) {
	rare := []string{"XOOL", "CAUICH", "TZAB", "COUOH", "EUAN", "UICAB", "HUCHIM", "KOYOC"}
	ps := people(400, 3)
	for i := range ps {
		ps[i].paterno = rare[i%len(rare)]
		key := validate.CURPNameKey(ps[i].paterno, ps[i].materno, ps[i].nombre)
		body := key[:4] + ps[i].curp[4:13] + key[4:] + ps[i].curp[16:17]
		d, _ := validate.CURPCheckDigit(body)
		ps[i].curp = body + string(d)
	}
	tbl := table("t", ps,
		text("C1", func(_ int, p person) string { return p.curp }),
		text("C2", func(_ int, p person) string { return p.paterno }),
	)
	expect(t, found(tbl), map[string][]string{"C1": {taxonomy.CURP}, "C2": {taxonomy.PersonName}})
}

func TestHardNegatives(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	letters := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('A' + r.IntN(26))
		}
		return string(b)
	}
	ps := make([]person, 500)
	tables := []Table{
		table("cat_productos", ps,
			text("clave", func(i int, _ person) string {
				return letters(4) + fmt.Sprintf("%06d", r.IntN(1000000)) + letters(6) + fmt.Sprintf("%02d", r.IntN(100))
			}),
			text("descripcion", func(i int, _ person) string {
				return []string{"TORNILLO GALVANIZADO", "CABLE CALIBRE 12", "PINTURA VINILICA BLANCA"}[i%3]
			}),
			text("existencia", func(i int, _ person) string { return fmt.Sprint(10000 + r.IntN(89999)) }),
		),
		table("proveedores", ps,
			text("razon_social", func(i int, _ person) string {
				return []string{"FARMACIAS LOPEZ SA DE CV", "GRUPO HERNANDEZ Y ASOCIADOS SC", "DISTRIBUIDORA GARCIA SA DE CV",
					"SERVICIOS MEDICOS DEL NORTE SA", "COMERCIALIZADORA PEREZ HERMANOS SA DE CV"}[i%5]
			}),
			text("rfc", func(i int, _ person) string {
				body := letters(3) + time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*11).Format("060102") + "A1"
				c, _ := validate.RFCCheckDigit(body)
				return body + string(c)
			}),
			text("monto", func(i int, _ person) string { return fmt.Sprint(10000 + r.IntN(89999)) }),
		),
		table("facturas", ps,
			col{"fecha_emision", KindDate, func(i int, _ person) string {
				return time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%900).Format("2006-01-02")
			}},
			text("importe", func(i int, _ person) string { return fmt.Sprint(10000 + r.IntN(89999)) }),
		),
		table("cat_medicamentos", ps,
			text("nombre_generico", func(i int, _ person) string {
				return []string{"PARACETAMOL", "METAMIZOL SODICO", "AMOXICILINA", "OMEPRAZOL", "LORATADINA"}[i%5]
			}),
			text("presentacion", func(i int, _ person) string { return "TABLETA 500 MG CAJA CON 20" }),
		),
		table("cat_municipios", ps,
			text("municipio", func(i int, _ person) string {
				return []string{"GUADALAJARA", "ZAPOPAN", "SAN PEDRO TLAQUEPAQUE", "BENITO JUAREZ", "MERIDA"}[i%5]
			}),
		),
		table("vacios", ps,
			text("curp", func(int, person) string { return "" }),
			text("nombre", func(int, person) string { return "SIN DATO" }),
			text("fecha_nac", func(int, person) string { return "00/00/0000" }),
		),
	}
	for _, tbl := range tables {
		if got := found(tbl); len(got) > 0 {
			t.Errorf("table %s: findings %v, want none", tbl.Name, got)
		}
	}
}

// TestNameNeverOutweighsValues: a column named like a category whose
// values contradict it is not a finding.
func TestNameNeverOutweighsValues(t *testing.T) {
	ps := make([]person, 300)
	tbl := table("t", ps,
		text("curp", func(i int, _ person) string { return fmt.Sprintf("PROD-%06d-X", i) }),
		text("telefono", func(i int, _ person) string { return "SIN TELEFONO REGISTRADO EN SISTEMA" }),
		text("fecha_nacimiento", func(i int, _ person) string { return fmt.Sprintf("LOTE %d", i) }),
	)
	if got := found(tbl); len(got) > 0 {
		t.Errorf("findings %v, want none", got)
	}
}

func TestFreeText(t *testing.T) {
	ps := people(500, 4)
	tbl := table("consultas", ps,
		text("id_beneficiario", func(i int, _ person) string { return fmt.Sprint(i + 1) }),
		text("notas", func(i int, p person) string {
			switch i % 4 {
			case 0:
				return "PACIENTE " + p.nombre + " " + p.paterno + " ACUDE A CONTROL DE DIABETES, SIN COMPLICACIONES"
			case 1:
				return "SE ACTUALIZA CURP " + p.curp + " EN EXPEDIENTE POR SOLICITUD DEL TITULAR"
			case 2:
				return "REFIERE CEFALEA DE TRES DIAS DE EVOLUCION, SE INDICA ANALGESICO Y REPOSO"
			}
			return "SE ENTREGA RESULTADO DE LABORATORIO, CITA ABIERTA PARA SEGUIMIENTO EN CONSULTA"
		}),
	)
	r := Classify(tbl, Options{Today: today})
	var cats []string
	for _, f := range r.Findings[1] {
		cats = append(cats, f.Category)
		if f.MatchRate < 0.2 || f.MatchRate > 0.55 {
			t.Errorf("%s: match rate %.2f, want the share of notes that carry it", f.Category, f.MatchRate)
		}
	}
	want := []string{taxonomy.CURP, taxonomy.PersonName, taxonomy.HealthCondition}
	if !slices.Equal(cats, want) {
		t.Errorf("notes: found %v, want %v", cats, want)
	}
}

// TestSexCodingLearned: with an English M/F column, M means male; with a
// Spanish H/M column, M means female. The cross-check learns the coding
// from the CURPs instead of assuming it, and confirms the CURP either way.
func TestSexCodingLearned(t *testing.T) {
	ps := people(300, 6)
	for _, coding := range []map[byte]string{{'H': "H", 'M': "M"}, {'H': "M", 'M': "F"}, {'H': "1", 'M': "2"}} {
		tbl := table("t", ps,
			text("C1", func(_ int, p person) string { return p.curp }),
			text("C2", func(_ int, p person) string { return coding[p.sex] }),
		)
		tc := &tableCtx{today: today, rows: tbl.Rows()}
		for i := range tbl.Columns {
			tc.cols = append(tc.cols, newColCtx(i, &tbl.Columns[i], tc.rows, ""))
		}
		tc.cols[0].addCandidate(detectCURP(tc, tc.cols[0]))
		tc.crossCheckCURPs()
		if !checkSex(tc.curps[0], tc.cols[1]) {
			t.Errorf("coding %v: sex column not recognised", coding)
		}
	}
}

func TestEmptyColumnNeverAFinding(t *testing.T) {
	ps := people(100, 7)
	tbl := table("t", ps, text("curp", func(int, person) string { return "" }), text("nombre", func(int, person) string { return "   " }))
	if got := found(tbl); len(got) > 0 {
		t.Errorf("findings on empty columns: %v", got)
	}
}

func TestExamplesMasked(t *testing.T) {
	ps := people(200, 8)
	tbl := table("t", ps,
		text("curp", func(_ int, p person) string { return p.curp }),
		text("nombre_completo", func(_ int, p person) string { return p.paterno + " " + p.materno + " " + p.nombre }),
	)
	r := Classify(tbl, Options{Today: today})
	values := map[string]bool{}
	for _, c := range tbl.Columns {
		for _, v := range c.Values {
			values[v] = true
		}
	}
	for _, fs := range r.Findings {
		for _, f := range fs {
			if len(f.Examples) == 0 {
				t.Errorf("%s: no examples", f.Category)
			}
			for _, e := range f.Examples {
				if values[e] || !strings.Contains(e, "*") {
					t.Errorf("%s: example %q is not masked", f.Category, e)
				}
			}
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	ps := people(10000, 9)
	tbl := table("padron", ps,
		text("curp", func(_ int, p person) string { return p.curp }),
		text("nombre", func(_ int, p person) string { return p.nombre }),
		text("primer_apellido", func(_ int, p person) string { return p.paterno }),
		text("C04", func(_ int, p person) string { return p.birth.Format("02/01/2006") }),
		text("sexo", func(_ int, p person) string { return string(p.sex) }),
		text("importe", func(i int, _ person) string { return fmt.Sprint(1000 + i) }),
	)
	b.ReportAllocs()
	for b.Loop() {
		Classify(tbl, Options{Today: today})
	}
	b.ReportMetric(float64(b.N*len(ps)*len(tbl.Columns))/b.Elapsed().Seconds(), "values/s")
}

// TestNotAboutPeople: addresses, postal codes, phones and facility codes
// of offices, branches and positions are no one's personal data, even
// when the offices are named after people.
func TestNotAboutPeople(t *testing.T) {
	ps := make([]person, 300)
	heroes := []string{"MIGUEL HIDALGO", "BENITO JUAREZ", "EMILIANO ZAPATA", "JOSEFA ORTIZ", "VICENTE GUERRERO"}
	tbl := table("cat_oficinas", ps,
		text("nombre_oficina", func(i int, _ person) string { return "OFICINA REGIONAL " + heroes[i%5] }),
		text("domicilio", func(i int, _ person) string { return fmt.Sprintf("AV. REFORMA %d COL. CENTRO", 100+i) }),
		text("colonia", func(i int, _ person) string { return []string{"CENTRO", "LAS FLORES", "EMILIANO ZAPATA"}[i%3] }),
		text("cp", func(i int, _ person) string { return fmt.Sprintf("%05d", 44100+i%50) }),
		text("telefono", func(i int, _ person) string { return fmt.Sprintf("33%08d", 36000000+i) }),
		text("clues", func(i int, _ person) string { return fmt.Sprintf("JCSSA%06d", 100+i%12) }),
		text("estado_fisico", func(i int, _ person) string { return []string{"BUENO", "REGULAR", "MALO"}[i%3] }),
		text("direccion_ip", func(i int, _ person) string { return fmt.Sprintf("10.0.%d.%d", i/250, i%250+1) }),
	)
	if got := found(tbl); len(got) > 0 {
		t.Errorf("findings %v, want none", got)
	}
}

// TestCodedConditions: flags and coded outcomes are health data in a
// health table, even anonymised (a row per case), and nothing elsewhere.
func TestCodedConditions(t *testing.T) {
	ps := make([]person, 400)
	cols := []col{
		text("DIABETES", func(i int, _ person) string { return []string{"1", "2", "2", "97"}[i%4] }),
		text("CLASIFICACION_FINAL", func(i int, _ person) string { return fmt.Sprint(1 + i%7) }),
		text("EDAD", func(i int, _ person) string { return fmt.Sprint(20 + i%60) }),
	}
	cases := table("casos_covid", ps, cols...)
	expect(t, found(cases), map[string][]string{
		"DIABETES":            {taxonomy.HealthCondition},
		"CLASIFICACION_FINAL": {taxonomy.HealthCondition},
	})
	if got := found(table("respuestas_encuesta", ps, cols[0])); len(got) > 0 {
		t.Errorf("a yes/no column outside a health table: %v", got)
	}
}

// TestEachWordMatchesWords: the allocation-free splitter agrees with
// norm.Words on plain upper-case values and falls back to it otherwise.
func TestEachWordMatchesWords(t *testing.T) {
	for _, v := range []string{"HERNANDEZ GARCIA JUAN", "DR. JUAN PEREZ", "O'BRIEN, JOHN", "DE LA CRUZ-MA. JOSE",
		"  MARIA  ", "Ñandú Pérez", "josé luis", "A1B2 C3", "'QUOTED' NAME'", ""} {
		var got []string
		eachWord(v, func(w string) bool { got = append(got, w); return true })
		want := norm.Words(v)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("eachWord(%q) = %q, norm.Words = %q", v, got, want)
		}
	}
}

// TestRecordsInAColumn: a JSON document or a delimited record per row is
// classified field by field, and the findings land on the column.
func TestRecordsInAColumn(t *testing.T) {
	ps := people(400, 41)
	tbl := table("solicitudes", ps,
		text("id", func(i int, _ person) string { return fmt.Sprint(i + 1) }),
		text("payload", func(i int, p person) string {
			doc := map[string]any{
				"curp": p.curp, "nombre": p.nombre, "apellidos": p.paterno + " " + p.materno,
				"fechaNacimiento": p.birth.Format("2006-01-02"),
				"domicilio":       map[string]any{"calle": fmt.Sprintf("AV. JUAREZ %d", i%300+1), "cp": fmt.Sprintf("%05d", 44100+i%60)},
			}
			if i%7 == 0 {
				delete(doc, "domicilio")
			}
			b, _ := json.Marshal(doc)
			return string(b)
		}),
		text("detalle", func(i int, p person) string {
			return strings.Join([]string{p.paterno + " " + p.materno + " " + p.nombre, p.birth.Format("02/01/2006"), p.curp, "E11.9"}, "|")
		}),
	)
	got := found(tbl)
	expect(t, got, map[string][]string{
		"payload": {taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address, taxonomy.PostalCode},
		"detalle": {taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.HealthCondition},
	})
	r := Classify(tbl, Options{Today: today})
	for _, f := range r.Findings[1] {
		want := 1.0
		if f.Category == taxonomy.Address || f.Category == taxonomy.PostalCode {
			want = 0.86 // 6 rows in 7 carry a domicilio
		}
		if math.Abs(f.MatchRate-want) > 0.02 || len(f.Examples) == 0 {
			t.Errorf("payload %s: match rate %.2f (want %.2f), examples %v", f.Category, f.MatchRate, want, f.Examples)
		}
	}
}
