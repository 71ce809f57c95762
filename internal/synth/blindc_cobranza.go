package synth

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// cartera_despacho_cobranza imitates the portfolio a debt-collection
// agency receives from a bank: one row per overdue account, the debtor's
// identity kept as a JSON document (datos_deudor), the personal references
// as a delimited list (NOMBRE|PARENTESCO|TELEFONO;...), and the
// collectors' notes as free text.
//
// Labels by doc.go's 5% rule for JSON, delimited and free text:
// datos_deudor always holds the name (person_name) and usually a mobile or
// home phone (phone); about 60% a CURP (curp), 55% a birthdate as
// DD/MM/YYYY (birthdate), 65% an address object with street, number and
// colonia (address) and, in most of those, the postal code (postal_code),
// and about 25% an e-mail (email). The CURPs there are inside JSON, so they
// do not count as persons (doc.go), and the table adds none. referencias
// is [person_name, phone]. comentarios mentions a relative by name in
// about 14% of the notes (person_name) and a phone number in about 12%
// (phone).
//
// tarjeta is credit_card: for card products most values are complete
// numbers that pass Luhn; about 10% are masked (4152********1234) and a
// few the test number 4111111111111111, neither of them values. Loans have
// NULL there. num_cuenta is the bank's account number (none).
func bcBuildCobranza(p *Pool, r *rand.Rand) *Table {
	debtors := bcAged(p, r, 80, 21, 78)
	r.Shuffle(len(debtors), func(i, j int) { debtors[i], debtors[j] = debtors[j], debtors[i] })
	t := &Table{Name: "cartera_despacho_cobranza", Style: "collection-agency-json"}
	t.PrimaryKey = []string{"id"}
	t.Columns = []Column{
		col("id", Integer),
		col("num_cuenta", Varchar(12)),
		col("producto", Varchar(30)),
		col("tarjeta", Varchar(19), "credit_card"),
		col("datos_deudor", Text, "curp", "person_name", "birthdate", "address", "postal_code", "phone", "email"),
		col("referencias", Text, "person_name", "phone"),
		col("saldo_capital", Decimal(12, 2)),
		col("saldo_total", Decimal(12, 2)),
		col("dias_atraso", Integer),
		col("bucket", Varchar(8)),
		col("gestor", Varchar(10)),
		col("ult_gestion", Varchar(19)),
		col("resultado_gestion", Varchar(30)),
		col("comentarios", Text, "person_name", "phone"),
	}
	t.Rows = len(debtors)
	seed := r.Uint64()
	today := p.Today()
	products := []string{"TARJETA CLASICA", "TARJETA ORO", "TARJETA DEPARTAMENTAL", "PRESTAMO PERSONAL", "CREDITO DE NOMINA"}
	outcomes := []string{"NO CONTESTA", "BUZON DE VOZ", "PROMESA DE PAGO", "NEGATIVA DE PAGO", "NUMERO EQUIVOCADO", "CONVENIO", "LOCALIZADO"}
	notes := []string{"NO CONTESTA, SE INTENTA EN OTRO HORARIO", "TITULAR NIEGA EL ADEUDO", "PROMETE PAGO PARA EL DIA 15",
		"SOLICITA CONVENIO A 6 MESES", "SE ENVIA SMS DE RECORDATORIO", "TELEFONO FUERA DE SERVICIO", "REFIERE QUE YA PAGO, PIDE COMPROBANTE",
		"SIN RESPUESTA", "CLIENTE MOLESTO, CUELGA", "SE AGENDA VISITA DOMICILIARIA"}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, who := range debtors {
			pp := p.Person(who)
			prod := pick(rr, products)
			var card any
			if strings.HasPrefix(prod, "TARJETA") {
				pan := bcCard(rr)
				switch n := rr.IntN(1000); {
				case n < 100:
					card = bcMaskCard(pan)
				case n < 110:
					card = "4111111111111111"
				default:
					card = pan
				}
			}
			d := bcDebtor{Nombre: plain(pp.Nombre), ApPaterno: plain(pp.Paterno), ApMaterno: plain(pp.Materno)}
			switch n := rr.IntN(1000); {
			case n < 600:
				d.CURP = pp.CURP
			case n < 630:
				d.CURP = typoCURP(rr, pp.CURP, today)
			case n < 680:
				d.CURP = "SIN CURP"
			}
			if chance(rr, 550) {
				d.FechaNac = ddmmyyyy(pp.Birth)
			}
			if chance(rr, 400) {
				d.TelCasa = bcOtherPhone(rr, pp.Phone)
			}
			if chance(rr, 850) {
				d.Celular = pp.Phone
			}
			if pp.Email != "" && chance(rr, 650) {
				d.Email = pp.Email
			}
			if chance(rr, 650) {
				a := pp.Address
				d.Domicilio = &bcDebtorAddr{Calle: plain(a.StreetType + " " + a.Street), Numero: a.NumberText(),
					Colonia: plain(a.Colonia), Municipio: plain(a.Municipality), Estado: a.StateAbbr}
				if chance(rr, 880) {
					d.Domicilio.CP = a.PostalCode
				}
			}
			doc, err := json.Marshal(d)
			if err != nil {
				panic(err)
			}
			var refs any
			if !chance(rr, 80) {
				var parts []string
				for range between(rr, 1, 3) {
					n := bcDrawName(rr)
					parts = append(parts, n.Full()+"|"+bcRelative(rr, n.Sex)+"|"+bcOtherPhone(rr, pp.Phone))
				}
				refs = strings.Join(parts, ";")
			}
			owed := between(rr, 300000, 18000000)
			late := between(rr, 1, 720)
			bucket := "1-30"
			switch {
			case late > 180:
				bucket = "180+"
			case late > 90:
				bucket = "91-180"
			case late > 60:
				bucket = "61-90"
			case late > 30:
				bucket = "31-60"
			}
			last := moment(rr, timeDay(today)-int32(between(rr, 1, 400)))
			note := pick(rr, notes)
			if chance(rr, 140) {
				rel := bcDrawName(rr)
				rel.Paterno = pick(rr, []string{rel.Paterno, plain(pp.Paterno)})
				note = "SE DEJA RECADO CON SU " + bcRelative(rr, rel.Sex) + " " + rel.Full()
			}
			if chance(rr, 120) {
				note += ". NUEVO NUMERO " + phoneText(rr, bcOtherPhone(rr, pp.Phone))
			}
			row := []any{
				int64(k + 1),
				fmt.Sprintf("%010d", rr.Int64N(10_000_000_000)),
				prod,
				card,
				string(doc),
				refs,
				money(owed),
				money(owed * between(rr, 110, 190) / 100),
				int64(late),
				bucket,
				fmt.Sprintf("GEST%03d", between(rr, 1, 60)),
				bcStamp(last),
				pick(rr, outcomes),
				note,
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bcDebtor is the JSON document of a debtor; empty fields are left out,
// in a fixed key order.
type bcDebtor struct {
	Nombre    string        `json:"nombre"`
	ApPaterno string        `json:"ap_paterno"`
	ApMaterno string        `json:"ap_materno,omitempty"`
	CURP      string        `json:"curp,omitempty"`
	FechaNac  string        `json:"fecha_nac,omitempty"`
	TelCasa   string        `json:"tel_casa,omitempty"`
	Celular   string        `json:"celular,omitempty"`
	Email     string        `json:"email,omitempty"`
	Domicilio *bcDebtorAddr `json:"domicilio,omitempty"`
}

type bcDebtorAddr struct {
	Calle     string `json:"calle"`
	Numero    string `json:"numero"`
	Colonia   string `json:"colonia"`
	CP        string `json:"cp,omitempty"`
	Municipio string `json:"municipio"`
	Estado    string `json:"estado"`
}
