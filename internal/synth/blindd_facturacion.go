package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// clientes_facturacion: the invoicing customers of a hardware store's
// point of sale. Beside the people who ask for an invoice (name, personal
// RFC, fiscal address, postal code, e-mail, phone) sit the generic
// customers cashiers create: PUBLICO EN GENERAL with the SAT's generic
// RFC XAXX010101000 and the store's own postal code, and fillers such as
// CLIENTE MOSTRADOR 3, VENTA 12 or CLIENTE 0007 with SIN DOMICILIO 1; and a
// few companies (12-character RFCs).
//
// By the rules for placeholders and mixed columns (doc.go) razon_social
// is person_name, rfc rfc, domicilio_fiscal address, cp_fiscal
// postal_code, correo email and telefono phone: the generic rows and the
// companies are in the columns but are not values. The key, CFDI use,
// regime and dates get none.
func bdBuildFacturacion(p *Pool, r *rand.Rand) *Table {
	type customer struct {
		person  int32 // -1 generic, -2 company
		company int32
		at      int64
	}
	start := time.Date(2018, 1, 8, 0, 0, 0, 0, time.UTC)
	end := p.Today().Add(-time.Hour)
	var plan []customer
	for _, i := range bdPeople(p, r, 25, 18, 90, 0) {
		plan = append(plan, customer{i, 0, bdMoment(r, start, end).Unix()})
	}
	for range len(plan) / 4 {
		plan = append(plan, customer{-1, 0, bdMoment(r, start, end).Unix()})
	}
	for range len(plan) / 12 {
		plan = append(plan, customer{-2, int32(r.IntN(len(p.Companies()))), bdMoment(r, start, end).Unix()})
	}
	bdSortBy(plan, func(c customer) int64 { return c.at })
	storeCP := "44100"
	t := &Table{
		Name:  "clientes_facturacion",
		Style: "pos-invoicing-customers",
		Rows:  len(plan),
		Columns: []Column{
			col("cve_cliente", Varchar(8)),
			col("razon_social", Varchar(120), taxonomy.PersonName),
			col("rfc", Varchar(13), taxonomy.RFC),
			col("uso_cfdi", Char(3)),
			col("regimen_fiscal", Char(3)),
			col("domicilio_fiscal", Varchar(120), taxonomy.Address),
			col("cp_fiscal", Char(5), taxonomy.PostalCode),
			col("correo", Varchar(80), taxonomy.Email),
			col("telefono", Varchar(15), taxonomy.Phone),
			col("fecha_alta", Timestamp),
		},
	}
	cs := p.Companies()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		generic := 0
		for k, c := range plan {
			at := time.Unix(c.at, 0).UTC()
			var row []any
			switch c.person {
			case -1:
				generic++
				name := "PUBLICO EN GENERAL"
				if chance(r, 500) {
					name = pick(r, []string{fmt.Sprintf("CLIENTE MOSTRADOR %d", between(r, 1, 9)), fmt.Sprintf("VENTA %d", between(r, 1, 40)),
						fmt.Sprintf("CLIENTE %04d", generic)})
				}
				var dom any
				if chance(r, 500) {
					dom = fmt.Sprintf("SIN DOMICILIO %d", between(r, 1, 5))
				}
				row = []any{fmt.Sprintf("C%05d", k+1), name, "XAXX010101000", "S01", "616", dom, storeCP, nil, nil, at}
			case -2:
				co := cs[c.company]
				row = []any{fmt.Sprintf("C%05d", k+1), co.Name, co.RFC, "G03", "601",
					bdCut(plain(randomAddress(r, between(r, 0, len(muniList)-1)).ExportLine(r)), 120), storeCP,
					"facturas@" + fmt.Sprintf("empresa%03d.com.mx", c.company%1000), nil, at}
			default:
				ps := p.Person(c.person)
				name := plain(ps.FullName())
				if chance(r, 300) {
					name = titleCase(ps.FullName())
				}
				var mail, tel any
				if ps.Email != "" {
					mail = ps.Email
				} else if chance(r, 400) {
					mail = emailWord(firstWord(ps.Nombre)) + "." + emailWord(firstWord(ps.Paterno)) + fmt.Sprintf("%d@gmail.com", between(r, 1, 99))
				}
				if chance(r, 650) {
					tel = phoneText(r, ps.Phone)
				}
				row = []any{fmt.Sprintf("C%05d", k+1), name, bdRFC(r, ps.CURP), pick(r, []string{"G03", "G01", "D01", "S01"}),
					pick(r, []string{"612", "605", "626", "616"}), bdCut(plain(ps.Address.ExportLine(r)), 120), ps.Address.PostalCode, mail, tel, at}
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
