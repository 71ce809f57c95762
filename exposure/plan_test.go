package exposure

import (
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors"
	"github.com/alcance-mx/alcance/detectors/validate"
)

var planToday = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

// curpOf completes a CURP's first 17 characters with its check digit.
func curpOf(t *testing.T, first17 string) string {
	t.Helper()
	d, ok := validate.CURPCheckDigit(first17)
	if !ok {
		t.Fatalf("bad CURP body %s", first17)
	}
	c := first17 + string(d)
	if _, r := validate.ParseCURP(c, planToday); r != validate.OK {
		t.Fatalf("%s: %v", c, r)
	}
	return c
}

// finding marks every row with a value as carrying category.
func finding(category string, values []string, evidence ...string) detectors.Finding {
	rows := detectors.NewBitset(len(values))
	for i, v := range values {
		if v != "" {
			rows.Set(i)
		}
	}
	return detectors.Finding{Category: category, Rows: rows, Evidence: evidence}
}

// table builds a plan input from column-major values; findings[c] names
// the categories of column c.
func table(name string, cols []string, cats [][]string, rows [][]string) *Table {
	t := &Table{Name: name, SampleRows: len(rows), Complete: true, Today: planToday}
	t.Sample = make([][]string, len(cols))
	for _, r := range rows {
		for c := range cols {
			t.Sample[c] = append(t.Sample[c], r[c])
		}
	}
	for c, n := range cols {
		col := Column{Name: n}
		for _, cat := range cats[c] {
			col.Findings = append(col.Findings, finding(cat, t.Sample[c]))
		}
		t.Columns = append(t.Columns, col)
	}
	return t
}

func TestPlansResolvePersons(t *testing.T) {
	gloria := curpOf(t, "HEGG560427MVZRRL0") // HERRERA GARCIA GLORIA, 1956-04-27
	jesus := curpOf(t, "PEGJ900512HJCRRS0")  // PEREZ GARCIA JESUS, 1990-05-12
	// ALANIS PEREZ RICARDO, 1963-03-21, is known by name and birthdate only.
	ana := curpOf(t, "PEGA150101MDFRRNA") // PEREZ GARCIA ANA, 2015-01-01: a minor

	k := NewKeyer([]byte("0123456789abcdef0123456789abcdef"))
	s := NewStore(StoreOptions{Dir: t.TempDir()})
	defer s.Close()

	padron := table("padron", []string{"id", "curp", "nombre", "primer_apellido", "segundo_apellido", "fecha_nacimiento"},
		[][]string{nil, {"curp"}, {"person_name"}, {"person_name"}, {"person_name"}, {"birthdate"}},
		[][]string{
			{"1", gloria, "GLORIA", "HERRERA", "GARCIA", "1956-04-27"},
			{"2", jesus, "Jesús", "Pérez", "García", "1990-05-12"},
			{"3", "SIN CURP", "RICARDO", "ALANIS", "PEREZ", "1963-03-21"}, // no CURP here
			{"4", ana, "ANA", "PEREZ", "GARCIA", "2015-01-01"},
		})
	// Hospital patients: no CURP; full names surname first; DD/MM/YYYY.
	pacientes := table("PACIENTES", []string{"ID", "NOMBRE", "FNAC", "MEDICO_TRATANTE"},
		[][]string{nil, {"person_name"}, {"birthdate"}, {"person_name"}},
		[][]string{
			{"10", "HERRERA GARCIA GLORIA", "27/04/1956", "DR. JUAN LOPEZ SOTO"}, // Gloria, known by her CURP
			{"11", "MARTINEZ RUIZ CARLOS", "01/02/1940", "DR. JUAN LOPEZ SOTO"},  // only here, older
			{"12", "ALANIS PEREZ RICARDO", "21/03/1963", "DRA. ROSA DIAZ"},       // Ricardo, in padron by name too
			{"13", "SANCHEZ LUNA PEDRO", "", "DRA. ROSA DIAZ"},                   // no birthdate: a name only
		})
	pacientes.Keys = [][]int{{0}}
	// Consultations point at patients; ten rows, two sampled.
	consultas := table("consultas", []string{"id", "id_paciente", "cie10"},
		[][]string{nil, nil, {"health_condition"}},
		[][]string{{"1", "10", "E119"}, {"2", "0011", "I10"}})
	consultas.Complete = false
	link := s.AddLink(true, 0)
	consultas.Out = []OutLink{{Columns: []int{1}, Target: "PACIENTES", ID: link}}

	for _, tb := range []*Table{padron, pacientes} {
		b := s.NewBatch()
		p := NewPlan(tb, k, b)
		if p.Columns() != nil {
			t.Errorf("%s: a complete sample needs no full read, got %v", tb.Name, p.Columns())
		}
		p.ReadSample()
		b.Flush()
	}
	b := s.NewBatch()
	p := NewPlan(consultas, k, b)
	if got := p.Columns(); len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Errorf("consultas reads %v, want the link and the diagnosis [1 2]", got)
	}
	p.ReadSample()
	for _, row := range [][]string{{"10", "E119"}, {"11", "J00"}, {"12", ""}, {"13", "A09"}, {"99", "Z00"}, {"12", "   "}, {"10", "N/A"}, {"11", "I10"}} {
		p.Row(row)
	}
	b.Flush()
	res := p.Result()
	if res.RowsRead != 8 || res.Exact["health_condition"] != 5 {
		t.Errorf("consultas: rows %d, health rows %d; want 8 and 5 (N/A is no value)", res.RowsRead, res.Exact["health_condition"])
	}

	r, err := s.Resolve(1, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := r.All
	for what, g := range map[string][2]int64{
		// Gloria, Jesús, Ricardo (by name and birthdate in both tables),
		// Ana, Carlos.
		"persons": {c.Certain[figPersons], 5},
		// Gloria (row 10), Carlos (row 11); patient 13 has no identity; 99 is no one.
		"health": {c.Certain[figHealth], 2},
		"minors": {c.Certain[figMinors], 1}, "older": {c.Certain[figOlder], 3}, // Gloria, Carlos, Ricardo
		// CURP holders with a name: Gloria, Jesús, Ana.
		"kit": {c.Certain[figKit], 3},
		// Pedro (no birthdate) and the two doctors.
		"widen": {c.Widen[figPersons], 3},
	} {
		if g[0] != g[1] {
			t.Errorf("%s: got %d, want %d", what, g[0], g[1])
		}
	}
	if l := r.Links[0]; !l.Accepted || l.Rows != 10 || l.Matched != 9 { // the 2 sampled rows, then 8 read in full; key 99 exists nowhere
		t.Errorf("link: %+v", l)
	}
}

func TestNameKey(t *testing.T) {
	same := [][]string{
		{"PEREZ GARCIA JESUS"}, {"Jesús Pérez García"}, {"JESUS", "PEREZ", "GARCIA"}, {"Dr. Jesús  PÉREZ-GARCÍA"},
	}
	want := NameKey(same[0]...)
	if want == "" {
		t.Fatal("empty key")
	}
	for _, parts := range same[1:] {
		if got := NameKey(parts...); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", parts, got, want)
		}
	}
	// A name with an initial or an abbreviation, or a newborn's
	// placeholder, is not a full name: as an identity it could make one
	// person two; it still counts as a name that may be someone.
	for _, partial := range []string{"MA. GUADALUPE DE LA CRUZ", "J. LUIS PEREZ LOPEZ", "RN PEREZ LOPEZ", "PEREZ LOPEZ M"} {
		if k := NameKey(partial); k != "" {
			t.Errorf("NameKey(%q) = %q, want none", partial, k)
		}
		if PartialNameKey(partial) == "" {
			t.Errorf("PartialNameKey(%q) is empty", partial)
		}
	}
	if NameKey("María de la Cruz Pérez") != NameKey("PEREZ CRUZ MARIA") {
		t.Error("particles")
	}
	for _, one := range []string{"JUAN", "DR. JUAN", "", "  "} {
		if got := NameKey(one); got != "" {
			t.Errorf("NameKey(%q) = %q: one word names no one", one, got)
		}
	}
}

func TestDateReaderLearnsMonthFirst(t *testing.T) {
	us := newDateReader(false, []string{"03/21/1963", "12/31/1990", "01/02/1980"}, planToday)
	if d, ok := us.read("01/02/1980"); !ok || d.Month() != time.January || d.Day() != 2 {
		t.Errorf("US column: 01/02/1980 read as %v", d)
	}
	mx := newDateReader(false, []string{"21/03/1963", "31/12/1990", "01/02/1980"}, planToday)
	if d, ok := mx.read("01/02/1980"); !ok || d.Month() != time.February {
		t.Errorf("day-first column: 01/02/1980 read as %v", d)
	}
	if _, ok := mx.read("01/01/2030"); ok {
		t.Error("a birthdate after the scan day")
	}
}
