package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// padron_beneficiarios: the register of a health programme (Seguro Popular,
// later INSABI and IMSS-Bienestar), modern style: one column per field,
// names upper case with accents, dates as DATE. Mess: missing and
// placeholder CURPs, a few CURPs with capture errors, NULL phones and
// e-mails, people enrolled twice.
func buildPadron(p *Pool, r *rand.Rand) *Table {
	reg := p.Register()
	t := &Table{
		Name:       "padron_beneficiarios",
		Style:      "health-register",
		Rows:       len(reg),
		PrimaryKey: []string{"id"},
		Columns: []Column{
			col("id", Integer),
			col("curp", Char(18), taxonomy.CURP),
			col("nombre", Varchar(60), taxonomy.PersonName),
			col("primer_apellido", Varchar(40), taxonomy.PersonName),
			col("segundo_apellido", Varchar(40), taxonomy.PersonName),
			col("fecha_nacimiento", Date, taxonomy.Birthdate),
			col("sexo", Char(1)),
			col("entidad_nacimiento", Char(2)),
			col("calle", Varchar(80), taxonomy.Address),
			col("numero_exterior", Varchar(20), taxonomy.Address),
			col("colonia", Varchar(80), taxonomy.Address),
			col("municipio", Varchar(80)),
			col("entidad", Varchar(40)),
			col("codigo_postal", Char(5), taxonomy.PostalCode),
			col("telefono", Varchar(20), taxonomy.Phone),
			col("correo_electronico", Varchar(80), taxonomy.Email),
			col("folio_poliza", Varchar(12), taxonomy.HealthEnrollment),
			col("programa", Varchar(20), taxonomy.HealthEnrollment),
			col("fecha_afiliacion", Date),
			col("vigencia", Date),
		},
	}
	for _, e := range reg {
		// Every row names its person in full with a DATE birthdate, and
		// holds their enrollment; a valid CURP too when it has one.
		ident, holds := IdentNameBirth, Cats(taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address,
			taxonomy.PostalCode, taxonomy.HealthEnrollment)
		if e.CURP == CURPValid {
			t.Persons = append(t.Persons, e.Person)
			ident, holds = ident|IdentCURP, holds|Cats(taxonomy.CURP)
		}
		t.subject(e.Person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, e := range reg {
			if !yield(padronRow(r, p, e)) {
				return
			}
		}
	}
	return t
}

var (
	insabiStart = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	bienestar   = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
)

func padronRow(r *rand.Rand, p *Pool, e Enrollment) []any {
	ps := p.Person(e.Person)
	a := ps.Address
	enrolled := dayTime(e.Enrolled)

	calle := a.Street
	if a.StreetType != "CALLE" || numberedStreet(a.Street) || chance(r, 150) {
		calle = a.StreetType + " " + a.Street
	}
	numero := a.NumberText()
	if a.Interior > 0 {
		numero += fmt.Sprintf(" INT %d", a.Interior)
	}
	colonia := a.Colonia
	if chance(r, 200) {
		colonia = a.SettlementLine()
	}
	var materno any = ps.Materno
	if ps.Materno == "" {
		materno = nil
	}
	var phone, email any
	if chance(r, 700) {
		phone = phoneText(r, ps.Phone)
	}
	if ps.Email != "" && chance(r, 900) {
		email = ps.Email
		if chance(r, 100) {
			email = strings.ToUpper(ps.Email)
		}
	}
	programa, vigencia := "SEGURO POPULAR", any(enrolled.AddDate(3, 0, 0))
	switch {
	case !enrolled.Before(bienestar):
		programa, vigencia = "IMSS-BIENESTAR", nil
	case !enrolled.Before(insabiStart):
		programa, vigencia = "INSABI", nil
	}
	return []any{
		e.ID,
		curpCell(r, e.CURP, ps.CURP, p.Today()),
		ps.Nombre,
		ps.Paterno,
		materno,
		ps.Birth,
		string(ps.Sex),
		ps.BirthState,
		calle,
		numero,
		colonia,
		a.Municipality,
		a.StateName,
		a.PostalCode,
		phone,
		email,
		fmt.Sprintf("%010d", e.Folio),
		programa,
		enrolled,
		vigencia,
	}
}
