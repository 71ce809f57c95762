package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// contactos_proveedor_areas is a hard negative: the contact directory of
// the institution's suppliers, one row per company area, in the way a
// purchasing department keeps it when a policy forbids storing its
// employees' personal contacts. Every contact is a role mailbox
// (ventas@, facturacion@...), a switchboard number with an extension, a
// job title instead of a name, and the company's fiscal address and postal
// code. Company RFCs have 12 characters and are not personal. Nothing
// here belongs to a person; every column is labelled [].
func bcBuildContactos(p *Pool, r *rand.Rand) *Table {
	type plan struct {
		company int
		area    int
	}
	areas := []struct{ area, mailbox, role string }{
		{"VENTAS GOBIERNO", "ventas.gobierno", "GERENTE DE CUENTAS DE GOBIERNO"},
		{"FACTURACION", "facturacion", "RESPONSABLE DE FACTURACION"},
		{"COBRANZA", "cobranza", "JEFE DE CREDITO Y COBRANZA"},
		{"LICITACIONES", "licitaciones", "COORDINADOR DE LICITACIONES"},
		{"ATENCION A CLIENTES", "atencion", "MESA DE SERVICIO"},
		{"SOPORTE TECNICO", "soporte", "INGENIERO DE SERVICIO EN SITIO"},
		{"CONTRALORIA", "contraloria", "CONTRALOR"},
	}
	companies := p.Companies()
	t := &Table{Name: "contactos_proveedor_areas", Style: "hardneg-supplier-role-contacts", HardNegative: true}
	t.PrimaryKey = []string{"id_contacto"}
	var plans []plan
	for c := range companies {
		for a := range areas {
			if chance(r, 450) {
				plans = append(plans, plan{company: c, area: a})
			}
		}
	}
	t.Columns = []Column{
		col("id_contacto", Integer),
		col("razon_social", Varchar(90)),
		col("rfc_empresa", Varchar(12)),
		col("area", Varchar(40)),
		col("puesto_contacto", Varchar(60)),
		col("correo_area", Varchar(80)),
		col("conmutador", Varchar(30)),
		col("domicilio_fiscal", Varchar(160)),
		col("cp_fiscal", Varchar(5)),
		col("sitio_web", Varchar(80)),
		col("giro", Varchar(90)),
		col("fecha_alta", Date),
		col("estatus", Varchar(10)),
	}
	t.Rows = len(plans)
	seed := r.Uint64()
	loadPlaces()
	loadStatic()
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, pl := range plans {
			c := companies[pl.company]
			a := areas[pl.area]
			// the same company always has the same domain, address and site
			cr := rowRand(seedFor(seed, c.RFC))
			domain := bcDomain(c.Name)
			muni := muniW.pick(cr)
			st := states[muniState(muni)]
			addr := fmt.Sprintf("%s %s %d %s, %s %s, %s, %s.", pick(cr, []string{"AV.", "BLVD.", "CALZ.", "CALLE"}),
				pick(cr, streetNames), between(cr, 1, 3200),
				pick(cr, []string{"PISO 4", "PISO 2 DESP. 201", "LOCAL 12", "NAVE INDUSTRIAL 3", "BODEGA B", "TORRE A PISO 11"}),
				pick(cr, []string{"COL.", "PARQUE INDUSTRIAL", "ZONA INDUSTRIAL", "FRACC."}), pick(cr, colonias),
				plain(muniUpper[muni]), st.Abbr)
			num := bcOtherPhone(cr, pick(cr, st.ladas)+"0000000")
			sw := phoneText(cr, num)
			row := []any{
				int64(k + 1), c.Name, c.RFC, a.area, a.role,
				a.mailbox + "@" + domain,
				pick(rr, []string{sw + " EXT. " + fmt.Sprint(between(rr, 100, 499)), "800 " + fmt.Sprintf("%03d %04d", between(rr, 200, 999), rr.IntN(10000)), sw}),
				addr, cpString(postalCode(cr, muni)), "www." + domain, c.Giro,
				bcDayBetween(rr, time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)),
				pick(rr, []string{"ACTIVO", "ACTIVO", "ACTIVO", "SUSPENDIDO"}),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bcDomain makes a company's web domain from its name: the first words
// that are not legal forms, lower case.
func bcDomain(name string) string {
	var words []string
	for _, w := range strings.Fields(name) {
		if legalForms[w] || w == "DEL" || w == "LA" || w == "DE" {
			continue
		}
		words = append(words, strings.ToLower(emailWord(w)))
		if len(words) == 2 {
			break
		}
	}
	return strings.Join(words, "") + ".com.mx"
}
