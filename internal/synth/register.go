package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"
)

// The health programme's register is shared world state: the register table
// lists it, and the consultations table refers to its ids. It holds about
// 55% of the pool; about 3% of the people enrolled twice (a re-enrollment
// with a new id and folio). Row order is enrollment order, as the id says.

// CURPForm says how a row writes a person's CURP.
type CURPForm uint8

const (
	CURPValid       CURPForm = iota // the person's CURP
	CURPNull                        // NULL
	CURPPlaceholder                 // SIN CURP, EN TRAMITE, XXXXXXXXXXXXXXXXXX, blanks...
	CURPTypo                        // a capture error that fails validation: not a person
)

// Enrollment is one row of the register.
type Enrollment struct {
	ID       int64 // padron_beneficiarios.id
	Person   int32
	Enrolled int32 // day of affiliation, days since 1970-01-01
	Folio    int64 // póliza folio: INEGI state key followed by 8 digits
	CURP     CURPForm
	Repeat   bool // a re-enrollment of someone already in the register
}

// Register returns the health register, in id order.
func (p *Pool) Register() []Enrollment { return p.register }

// registerStart is when Seguro Popular began enrolling (2004).
var registerStart = time.Date(2004, 1, 1, 0, 0, 0, 0, time.UTC)

func buildRegister(p *Pool, r *rand.Rand) []Enrollment {
	start, end := timeDay(registerStart), timeDay(p.today)-1
	folio := func(i int32) int64 {
		k := int64(muniState(int(p.people[i].muni)) + 1)
		return k*100_000_000 + int64(r.IntN(100_000_000))
	}
	var out []Enrollment
	for _, i := range p.Sample(r, 550, nil) {
		from := max(start, p.people[i].birth)
		e := Enrollment{Person: i, Enrolled: from + int32(r.IntN(int(end-from)+1)), Folio: folio(i)}
		switch n := r.IntN(1000); {
		case n < 10:
			e.CURP = CURPNull
		case n < 20:
			e.CURP = CURPPlaceholder
		case n < 25:
			e.CURP = CURPTypo
		}
		out = append(out, e)
		if chance(r, 30) && end-e.Enrolled > 400 {
			again := Enrollment{Person: i, Folio: folio(i), Repeat: true,
				Enrolled: e.Enrolled + 365 + int32(r.IntN(int(end-e.Enrolled-365)+1))}
			out = append(out, again)
		}
	}
	slices.SortStableFunc(out, func(a, b Enrollment) int {
		return cmp.Or(cmp.Compare(a.Enrolled, b.Enrolled), cmp.Compare(a.Person, b.Person))
	})
	for k := range out {
		out[k].ID = int64(k + 1)
	}
	return out
}
