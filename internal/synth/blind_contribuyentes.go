package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
)

// contribuyentes_isn: a state tax office's register of payroll-tax
// (Impuesto Sobre Nóminas) contributors, where personas físicas with a
// business and personas morales share every column: the rfc column holds
// 13-character personal RFCs and 12-character company RFCs side by side,
// the name column people and razones sociales.
//
// Labels:
//   - rfc: rfc. More than half the rows are persons with a 13-character RFC
//     (~1.5% with a failing check character); company RFCs (12) in the same
//     column are not personal and XAXX010101000 is not a value.
//   - curp: curp (personas físicas only; NULL for companies); valid ones
//     are in Table.Persons.
//   - nombre_razon_social: person_name (registry-order names of the
//     persons, a majority; company names beside them are not names).
//   - domicilio_fiscal, cp_fiscal: address, postal_code: a persona
//     física's domicilio fiscal is that person's address (here, their home);
//     companies' premises in the same column are not, but they are a
//     minority.
//   - telefono, correo: phone, email (the persons' own, beside company
//     switchboards and invoicing addresses).
//   - num_registro, tipo_persona, actividad, num_trabajadores, fecha_alta
//     (registration), base_gravable: none.

type blISNRow struct {
	who     int32 // pool index, or company index when company
	company bool
	form    blForm
	rfcForm uint8 // persons: 0 ok, 1 bad check, 2 generic, 3 NULL
	day     int32
}

var blActividades = []string{
	"COMERCIO AL POR MENOR EN TIENDAS DE ABARROTES", "RESTAURANTES CON SERVICIO DE PREPARACION DE ALIMENTOS",
	"REPARACION MECANICA EN GENERAL DE AUTOMOVILES", "SALONES Y CLINICAS DE BELLEZA Y PELUQUERIAS",
	"CONSULTORIOS DENTALES DEL SECTOR PRIVADO", "SERVICIOS DE CONTABILIDAD Y AUDITORIA",
	"COMERCIO AL POR MENOR DE ROPA", "PANIFICACION TRADICIONAL", "AUTOTRANSPORTE LOCAL DE CARGA",
	"ALQUILER DE SALONES PARA FIESTAS",
}

func blBuildContribuyentes(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	var plan []blISNRow
	for _, i := range blSampleAge(p, r, 40, 24, 85) {
		row := blISNRow{who: i, form: blDrawForm(r, 80, 30, 10, 3), day: blDay(r, td-25*365, td-5)}
		switch n := r.IntN(1000); {
		case n < 15:
			row.rfcForm = 1
		case n < 35:
			row.rfcForm = 2
		case n < 50:
			row.rfcForm = 3
		}
		if lo := p.people[i].birth + 20*365; row.day < lo {
			row.day = blDay(r, min(lo, td-5), td-5)
		}
		plan = append(plan, row)
	}
	for c := range p.companies {
		if chance(r, 750) {
			plan = append(plan, blISNRow{who: int32(c), company: true, form: blNull, day: blDay(r, td-25*365, td-5)})
		}
	}
	slices.SortStableFunc(plan, func(a, b blISNRow) int { return cmp.Compare(a.day, b.day) })
	var persons []int32
	for _, pl := range plan {
		if !pl.company && pl.form == blValid {
			persons = append(persons, pl.who)
		}
	}
	seed := r.Uint64()
	cols := []Column{
		col("num_registro", Integer),
		col("rfc", Varchar(13), "rfc"),
		col("curp", Char(18), "curp"),
		col("tipo_persona", Char(1)),
		col("nombre_razon_social", Varchar(90), "person_name"),
		col("actividad", Varchar(70)),
		col("domicilio_fiscal", Varchar(120), "address"),
		col("cp_fiscal", Char(5), "postal_code"),
		col("telefono", Varchar(16), "phone"),
		col("correo", Varchar(60), "email"),
		col("num_trabajadores", Integer),
		col("fecha_alta", Date),
		col("base_gravable", Decimal(14, 2)),
	}
	loadPlaces()
	return &Table{
		Name: "contribuyentes_isn", Style: "tax-register-mixed", Columns: cols, Rows: len(plan), Persons: persons,
		PrimaryKey: []string{"num_registro"},
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for k, pl := range plan {
				var row []any
				staff := int64(between(rr, 1, 12))
				if pl.company {
					c := p.companies[pl.who]
					m := muniW.pick(rr)
					st := &states[muniState(m)]
					addr := Address{StreetType: pick(rr, streetTypes[:3]), Street: pick(rr, streetNames),
						Number: between(rr, 1, 3000), SettlementType: "COL.", Colonia: pick(rr, colonias),
						Municipality: muniUpper[m], StateAbbr: st.Abbr}
					slug := emailWord(strings.Fields(c.Name)[1])
					lada := pick(rr, st.ladas)
					row = []any{
						int64(k + 1), c.RFC, nil, "M", c.Name, blCut(c.Giro, 70),
						blCut(addr.ExportLine(rr), 120), cpString(postalCode(rr, m)),
						lada + blDigits(rr, 10-len(lada)),
						"facturacion@" + slug + ".com.mx",
					}
					staff = int64(between(rr, 5, 400))
				} else {
					pe := p.Person(pl.who)
					var rfc any
					switch pl.rfcForm {
					case 0, 1:
						rfc = blRFC13(pe, pl.rfcForm == 1)
					case 2:
						rfc = blGenericRFC
					}
					row = []any{
						int64(k + 1), rfc, blCURPCell(rr, pl.form, pe.CURP, today, blCURPPlaceholders), "F",
						blCut(mojibake(rr, plain(pe.RegistryName()), 300), 90), pick(rr, blActividades),
						blCut(pe.Address.ExportLine(rr), 120), pe.Address.PostalCode,
						phoneText(rr, pe.Phone), blNullIfEmpty(pe.Email),
					}
				}
				row = append(row, staff, dayTime(pl.day), money(int(staff)*between(rr, 9000_00, 25000_00)))
				if !yield(row) {
					return
				}
			}
		},
	}
}
