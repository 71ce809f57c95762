package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// quejas_ciudadanas_mun: a municipal comptroller's citizen-complaint
// register. The complaint text is typed by the clerk who takes the call
// or the visit, and mentions people, homes, phones, CURPs and, when the
// complainant invokes it, someone's illness or disability.
//
// Labels:
//   - nombre_quejoso: person_name (about one in ten is ANONIMO).
//   - telefono: phone; correo: email (the complainant's).
//   - servidor_senalado: person_name (the official complained about, when
//     identified; DESCONOCIDO or NULL otherwise, about half).
//   - descripcion: curp, person_name, address, phone, health_condition: the
//     generator puts a person's name in about 40% of the texts, an address
//     in about 20%, a CURP in about 10% (a fifth of them typos), a phone in
//     about 10% and a condition (PADECE DIABETES, CON DISCAPACIDAD MOTRIZ,
//     EN TRATAMIENTO DE HEMODIALISIS) in about 15%: each over the 5%
//     free-text threshold. Free text: its CURPs are not counted.
//   - folio, fecha_recepcion, medio, dependencia (an office), estatus,
//     fecha_respuesta: none.

type blQuejaRow struct {
	person, other, official int32 // official -1 when unidentified
	dep                     uint8
	day                     int32
}

var blDependencias = []struct{ name, body string }{
	{"DIRECCION DE SEGURIDAD PUBLICA", "ELEMENTOS DE SEGURIDAD PUBLICA LE SOLICITARON DINERO PARA NO REMITIRLO AL JUEZ CIVICO"},
	{"ORGANISMO OPERADOR DE AGUA POTABLE", "NO LE LLEGA EL AGUA DESDE HACE %d DIAS Y YA PAGO SU RECIBO"},
	{"LIMPIA Y RECOLECCION", "EL CAMION RECOLECTOR NO PASA DESDE HACE %d DIAS"},
	{"TRANSITO MUNICIPAL", "LE RETIRARON SUS PLACAS SIN ENTREGARLE BOLETA DE INFRACCION"},
	{"REGISTRO CIVIL", "NO LE ENTREGAN LA COPIA CERTIFICADA QUE PAGO HACE %d DIAS"},
	{"DESARROLLO URBANO", "UNA CONSTRUCCION SIN PERMISO INVADE LA BANQUETA Y OBSTRUYE EL PASO"},
	{"DIF MUNICIPAL", "NO HA RECIBIDO EL APOYO QUE LE FUE AUTORIZADO HACE %d DIAS"},
	{"ALUMBRADO PUBLICO", "LAS LUMINARIAS DE LA CALLE LLEVAN %d DIAS APAGADAS"},
}

var blConditionMentions = []string{
	"SEÑALA QUE SU %s PADECE DIABETES Y NO PUEDE ESPERAR",
	"REFIERE QUE SU %s TIENE INSUFICIENCIA RENAL Y ESTA EN TRATAMIENTO DE HEMODIALISIS",
	"MENCIONA QUE SU %s ES PERSONA CON DISCAPACIDAD MOTRIZ Y USA SILLA DE RUEDAS",
	"INDICA QUE SU %s FUE DIAGNOSTICADA CON CANCER DE MAMA",
	"AGREGA QUE SU %s PADECE EPILEPSIA",
	"MANIFIESTA QUE SU %s TIENE HIPERTENSION Y SE DESCOMPENSA CON EL CALOR",
}

var blRelatives = []string{"MADRE", "PADRE", "HIJO", "HIJA", "ESPOSA", "ESPOSO", "ABUELA"}

func blBuildQuejas(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	var plan []blQuejaRow
	for _, i := range blSampleAge(p, r, 30, 18, 90) {
		row := blQuejaRow{person: i, other: blAdult(p, r, i), official: -1,
			dep: uint8(r.IntN(len(blDependencias))), day: blDay(r, td-1100, td-1)}
		if chance(r, 480) {
			row.official = blAdult(p, r, i)
		}
		plan = append(plan, row)
	}
	seed := r.Uint64()
	cols := []Column{
		col("folio", Varchar(16)),
		col("fecha_recepcion", Date),
		col("medio", Varchar(15)),
		col("nombre_quejoso", Varchar(70), "person_name"),
		col("telefono", Varchar(16), "phone"),
		col("correo", Varchar(60), "email"),
		col("dependencia", Varchar(50)),
		col("servidor_senalado", Varchar(70), "person_name"),
		col("descripcion", Text, "curp", "person_name", "address", "phone", "health_condition"),
		col("estatus", Varchar(15)),
		col("fecha_respuesta", Date),
	}
	medios := []string{"PRESENCIAL", "TELEFONICA", "CORREO", "REDES SOCIALES", "BUZON"}
	return &Table{
		Name: "quejas_ciudadanas_mun", Style: "citizen-complaints", Columns: cols, Rows: len(plan),
		PrimaryKey: []string{"folio"},
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for k, pl := range plan {
				pe := p.Person(pl.person)
				dep := blDependencias[pl.dep]
				var b strings.Builder
				switch n := rr.IntN(100); {
				case n < 34:
					b.WriteString(sexCode(pe.Sex, "EL C. ", "LA C. ", "LA PERSONA ") + plain(pe.FullName()) + " MANIFIESTA QUE ")
				case n < 40:
					o := p.Person(pl.other)
					b.WriteString("SE PRESENTA EN REPRESENTACION DE " + plain(o.FullName()) + " Y REFIERE QUE ")
				case n < 70:
					b.WriteString("EL QUEJOSO MANIFIESTA QUE ")
				default:
					b.WriteString("SE RECIBE REPORTE DONDE SE INDICA QUE ")
				}
				body := dep.body
				if strings.Contains(body, "%d") {
					body = fmt.Sprintf(body, between(rr, 3, 45))
				}
				b.WriteString(body)
				if chance(rr, 200) {
					b.WriteString(", EN SU DOMICILIO UBICADO EN " + pe.Address.LegacyLine(rr))
				}
				if chance(rr, 150) {
					b.WriteString(". " + fmt.Sprintf(pick(rr, blConditionMentions), pick(rr, blRelatives)))
				}
				if chance(rr, 100) {
					c := pe.CURP
					if chance(rr, 200) {
						c = typoCURP(rr, c, today)
					}
					b.WriteString(". PROPORCIONA SU CURP " + c)
				}
				if chance(rr, 100) {
					b.WriteString(". SOLICITA QUE SE LE LLAME AL " + phoneText(rr, pe.Phone))
				}
				b.WriteString(".")
				name := plain(pe.RegistryName())
				if chance(rr, 100) {
					name = "ANONIMO"
				}
				var tel any
				if chance(rr, 750) {
					tel = phoneText(rr, pe.Phone)
				}
				var official any
				if pl.official >= 0 {
					o := p.Person(pl.official)
					official = blCut(pick(rr, []string{"OFICIAL ", "LIC. ", "ING. ", ""})+plain(o.FullName()), 70)
				} else if chance(rr, 500) {
					official = "DESCONOCIDO"
				}
				status := pick(rr, []string{"EN TRAMITE", "CONCLUIDA", "CONCLUIDA", "TURNADA", "IMPROCEDENTE"})
				var answered any
				if status != "EN TRAMITE" && status != "TURNADA" {
					answered = dayTime(blDay(rr, min(pl.day+3, td-1), min(pl.day+90, td-1)))
				}
				row := []any{
					fmt.Sprintf("Q-%d-%05d", dayTime(pl.day).Year(), k+1), dayTime(pl.day), pick(rr, medios),
					blCut(mojibake(rr, name, 300), 70), tel, blNullIfEmpty(pe.Email), dep.name,
					official, mojibake(rr, b.String(), 150), status, answered,
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
