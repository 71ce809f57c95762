package synth

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
)

// ventanilla_tramites: a municipal one-stop-shop's request log. The web
// form stores the applicant in one JSON text column, datos_solicitante,
// in two versions of the form: v1 {"nombre","curp","tel"} (name in one
// field) and v2 {"nombre","apellidos","curp","fecha_nac","telefono",
// "correo","domicilio":{"calle","colonia","cp"}}.
//
// Labels:
//   - datos_solicitante: curp, person_name, birthdate, address, postal_code,
//     phone, email: every category that at least 5% of the values hold
//     (the v2 form is about 60% of rows, and about two applicants in five
//     have an e-mail). It is free text for counting: its CURPs are not in
//     Table.Persons, and the table adds no one to Labels.Persons.
//   - folio, tipo_tramite, fecha_solicitud, modulo, estatus,
//     monto_derechos: none.

type blVURow struct {
	person int32
	form   blForm
	v2     bool
	kind   uint8
	day    int32
}

var blTramites = []string{"CONSTANCIA DE RESIDENCIA", "LICENCIA DE FUNCIONAMIENTO",
	"PERMISO DE CONSTRUCCION MENOR", "COPIA CERTIFICADA DE ACTA DE NACIMIENTO",
	"CONSTANCIA DE NO ADEUDO PREDIAL", "ALINEAMIENTO Y NUMERO OFICIAL",
	"PERMISO DE VENTA EN VIA PUBLICA", "CARTA DE IDENTIDAD", "LICENCIA DE CONDUCIR TIPO A"}

var blModulos = []string{"MODULO CENTRO", "MODULO NORTE", "MODULO ORIENTE", "PALACIO MUNICIPAL", "VENTANILLA EN LINEA"}

type blVUv1 struct {
	Nombre string `json:"nombre"`
	CURP   string `json:"curp"`
	Tel    string `json:"tel,omitempty"`
}

type blVUAddr struct {
	Calle   string `json:"calle"`
	Colonia string `json:"colonia"`
	CP      string `json:"cp"`
}

type blVUv2 struct {
	Nombre    string    `json:"nombre"`
	Apellidos string    `json:"apellidos"`
	CURP      string    `json:"curp"`
	FechaNac  string    `json:"fecha_nac,omitempty"`
	Telefono  string    `json:"telefono,omitempty"`
	Correo    string    `json:"correo,omitempty"`
	Domicilio *blVUAddr `json:"domicilio,omitempty"`
}

func blBuildVentanilla(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	var plan []blVURow
	for _, i := range blSampleAge(p, r, 50, 18, 88) {
		for range between(r, 1, 2) {
			plan = append(plan, blVURow{person: i, form: blDrawForm(r, 0, 60, 20, 5),
				v2: chance(r, 600), kind: uint8(r.IntN(len(blTramites))), day: blDay(r, td-900, td-1)})
		}
	}
	seed := r.Uint64()
	cols := []Column{
		col("folio", Varchar(20)),
		col("tipo_tramite", Varchar(60)),
		col("fecha_solicitud", Timestamp),
		col("modulo", Varchar(30)),
		col("datos_solicitante", Text, "curp", "person_name", "birthdate", "address", "postal_code", "phone", "email"),
		col("estatus", Varchar(12)),
		col("monto_derechos", Decimal(10, 2)),
	}
	status := []string{"RECIBIDO", "EN REVISION", "AUTORIZADO", "AUTORIZADO", "RECHAZADO", "ENTREGADO"}
	return &Table{
		Name: "ventanilla_tramites", Style: "citizen-requests-json", Columns: cols, Rows: len(plan),
		PrimaryKey: []string{"folio"},
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for k, pl := range plan {
				pe := p.Person(pl.person)
				curp := ""
				if v := blCURPCell(rr, pl.form, pe.CURP, today, []string{"", "SIN CURP", "NO TIENE"}); v != nil {
					curp = v.(string)
				}
				var doc any
				if pl.v2 {
					d := blVUv2{Nombre: titleCase(pe.Nombre), Apellidos: titleCase(joinNonEmpty(pe.Paterno, pe.Materno)),
						CURP: curp, Correo: pe.Email}
					if chance(rr, 950) {
						d.FechaNac = pe.Birth.Format("2006-01-02")
					}
					if chance(rr, 900) {
						d.Telefono = pe.Phone
					}
					if chance(rr, 850) {
						a := pe.Address
						d.Domicilio = &blVUAddr{Calle: a.StreetLine(), Colonia: a.SettlementLine(), CP: a.PostalCode}
					}
					doc = d
				} else {
					d := blVUv1{Nombre: plain(pe.FullName()), CURP: curp}
					if chance(rr, 800) {
						d.Tel = phoneText(rr, pe.Phone)
					}
					doc = d
				}
				b, err := json.Marshal(doc)
				if err != nil {
					panic(err)
				}
				at := moment(rr, pl.day)
				row := []any{
					fmt.Sprintf("VU-%d-%06d", at.Year(), k+1), blTramites[pl.kind], at, pick(rr, blModulos),
					string(b), pick(rr, status), money(between(rr, 8, 240) * 1000),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
