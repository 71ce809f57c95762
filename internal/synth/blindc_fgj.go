package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// FGJ_AP_INVOLUCRADOS imitates the persons table of a state prosecutor's
// case system (averiguaciones previas, then carpetas de investigación from
// 2016): one row per person involved in a case, victims, suspects and
// witnesses, with the full name in one column in registry order (PATERNO
// MATERNO NOMBRE).
//
// Labels: NOMBRE_COMPLETO is person_name (the unknown suspect is written
// QUIEN RESULTE RESPONSABLE, a placeholder in the column); AGENTE_MP, the
// prosecutor who took the statement, is a staff name and person_name;
// AGENCIA is an office (often named after a saint) and gets none.
// DOMICILIO is the person's home (address; SE RESERVA and DOMICILIO
// CONOCIDO are in the column but are not values). SEXO is written
// MASCULINO, FEMENINO or NO BINARIO. DELITO (the offence) is not a
// taxonomy category.
//
// DECLARACION is free text, labelled by doc.go's 5% rule: about 55% of the
// values name another person (person_name), about 30% give the
// declarant's home address (address) and about 20% describe injuries from
// the medical certificate (health_condition: an injury is a condition of
// the person; taxonomy's "diagnosis, condition or treatment"). It holds
// no CURP, phone or date of birth.
func bcBuildFGJ(p *Pool, r *rand.Rand) *Table {
	type involved struct {
		who  int32 // -1: unknown suspect
		role string
		form CURPForm
	}
	type caseFile struct {
		num     string
		opened  time.Time
		agency  string
		agent   string
		offence string
		people  []involved
	}
	adults := bcAged(p, r, 250, 16, 80)
	if len(adults) == 0 {
		adults = []int32{0}
	}
	agencies := []string{}
	for range 8 {
		switch r.IntN(3) {
		case 0:
			agencies = append(agencies, "AGENCIA DEL M.P. "+pick(r, []string{"SAN JUAN BAUTISTA", "SANTA MARIA", "SAN PEDRO", "SANTO TOMAS", "SAN FRANCISCO"}))
		case 1:
			agencies = append(agencies, "FISCALIA REGIONAL "+pick(r, muniUpper))
		default:
			agencies = append(agencies, "UNIDAD DE INVESTIGACION "+pick(r, []string{"1", "2", "3", "4", "ESPECIALIZADA EN VIOLENCIA FAMILIAR", "DE ROBO DE VEHICULOS"}))
		}
	}
	agents := make([]string, 12)
	for i := range agents {
		agents[i] = bcStaff(r, "LIC.", "LIC.", "MTRA.", "MTRO.")
	}
	offences := []string{"ROBO A TRANSEUNTE", "ROBO DE VEHICULO", "LESIONES DOLOSAS", "VIOLENCIA FAMILIAR",
		"FRAUDE", "AMENAZAS", "DAÑO EN LOS BIENES", "ABUSO DE CONFIANZA", "DESPOJO", "ROBO A CASA HABITACION"}
	t := &Table{Name: "FGJ_AP_INVOLUCRADOS", Style: "prosecutor-case-persons"}
	t.PrimaryKey = []string{"ID_REG"}
	var cases []caseFile
	nCases := scaled(p.Len(), 1, 25, 40, 40000)
	for k := range nCases {
		opened := bcDayBetween(r, time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC), p.Today().AddDate(0, 0, -30))
		agency := pick(r, agencies)
		prefix := "AP/FGJ/" + strings.ToUpper(plain(firstWord(agency)))[:3]
		if opened.Year() >= 2016 {
			prefix = "CI/FGJ/" + strings.ToUpper(plain(firstWord(agency)))[:3]
		}
		c := caseFile{num: fmt.Sprintf("%s/%03d/%05d/%d", prefix, between(r, 1, 120), k+1, opened.Year()),
			opened: opened, agency: agency, agent: pick(r, agents), offence: pick(r, offences)}
		c.people = append(c.people, involved{who: pick(r, adults), role: pick(r, []string{"VICTIMA", "VICTIMA", "DENUNCIANTE", "OFENDIDO"})})
		switch n := r.IntN(10); {
		case n < 4:
			c.people = append(c.people, involved{who: -1, role: "IMPUTADO"})
		case n < 8:
			c.people = append(c.people, involved{who: pick(r, adults), role: "IMPUTADO"})
		}
		if chance(r, 350) {
			c.people = append(c.people, involved{who: pick(r, adults), role: "TESTIGO"})
		}
		for i := range c.people {
			if c.people[i].who < 0 {
				c.people[i].form = CURPNull
				continue
			}
			c.people[i].form = bcForm(r, 250, 150, 30, 0)
			if c.people[i].form == CURPValid {
				t.Persons = append(t.Persons, c.people[i].who)
			}
		}
		cases = append(cases, c)
	}
	t.Columns = []Column{
		col("ID_REG", Integer),
		col("NUM_AP", Varchar(40)),
		col("FECHA_INICIO", Varchar(19)),
		col("AGENCIA", Varchar(80)),
		col("AGENTE_MP", Varchar(80), "person_name"),
		col("CALIDAD", Varchar(12)),
		col("NOMBRE_COMPLETO", Varchar(90), "person_name"),
		col("CURP", Varchar(20), "curp"),
		col("SEXO", Varchar(10)),
		col("EDAD", Integer),
		col("OCUPACION", Varchar(30)),
		col("DOMICILIO", Varchar(160), "address"),
		col("TELEFONO", Varchar(20), "phone"),
		col("DELITO", Varchar(40)),
		col("DECLARACION", Text, "person_name", "address", "health_condition"),
	}
	for _, c := range cases {
		t.Rows += len(c.people)
	}
	seed := r.Uint64()
	today := p.Today()
	jobs := []string{"EMPLEADO", "COMERCIANTE", "HOGAR", "ESTUDIANTE", "CHOFER", "ALBAÑIL", "PROFESOR", "JUBILADO", "DESEMPLEADO", "CAMPESINO"}
	injuries := []string{"CONTUSION EN REGION MALAR IZQUIERDA", "HERIDA CORTANTE EN ANTEBRAZO DERECHO",
		"ESGUINCE CERVICAL GRADO I", "EQUIMOSIS EN CARA POSTERIOR DE BRAZO IZQUIERDO", "FRACTURA DE HUESOS PROPIOS DE LA NARIZ",
		"EXCORIACIONES EN AMBAS RODILLAS", "TRAUMATISMO CRANEOENCEFALICO LEVE"}
	openers := []string{"COMPARECE A FIN DE PRESENTAR DENUNCIA POR HECHOS POSIBLEMENTE CONSTITUTIVOS DE DELITO.",
		"RATIFICA EN TODAS Y CADA UNA DE SUS PARTES SU ESCRITO INICIAL.", "SE LE HACEN SABER LOS DERECHOS QUE LA LEY LE OTORGA.",
		"MANIFIESTA QUE ES SU DESEO QUERELLARSE EN CONTRA DE QUIEN RESULTE RESPONSABLE.",
		"ACREDITA LA PROPIEDAD CON FACTURA ORIGINAL QUE EXHIBE EN ESTE ACTO.", "SE RESERVA SU DERECHO A DECLARAR."}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		id := int64(0)
		for _, c := range cases {
			var suspect string
			for _, iv := range c.people {
				if iv.role == "IMPUTADO" && iv.who >= 0 {
					suspect = plain(p.Person(iv.who).FullName())
				}
			}
			for _, iv := range c.people {
				id++
				started := moment(rr, timeDay(c.opened))
				row := []any{id, c.num, bcStamp(started), c.agency, c.agent, iv.role,
					"QUIEN RESULTE RESPONSABLE", nil, nil, nil, nil, nil, nil, c.offence, nil}
				if iv.who >= 0 {
					pp := p.Person(iv.who)
					row[6] = mojibake(rr, plain(pp.RegistryName()), 150)
					row[7] = bcCURP(rr, iv.form, pp.CURP, today)
					row[8] = sexCode(pp.Sex, "MASCULINO", "FEMENINO", "NO BINARIO")
					row[9] = int64(bcAgeAt(pp.Birth, c.opened))
					row[10] = pick(rr, jobs)
					switch n := rr.IntN(100); {
					case n < 5:
						row[11] = "SE RESERVA"
					case n < 8:
						row[11] = "DOMICILIO CONOCIDO"
					default:
						row[11] = pp.Address.LegacyLine(rr) + ", " + plain(pp.Address.Municipality)
					}
					if chance(rr, 500) {
						row[12] = phoneText(rr, pp.Phone)
					}
					var b []string
					b = append(b, pick(rr, openers))
					if chance(rr, 300) {
						b = append(b, "CON DOMICILIO EN "+pp.Address.LegacyLine(rr)+".")
					}
					if chance(rr, 550) {
						other := suspect
						if other == "" || chance(rr, 400) {
							other = bcDrawName(rr).Full()
						}
						b = append(b, pick(rr, []string{"SEÑALA COMO PROBABLE RESPONSABLE A QUIEN DIJO LLAMARSE ",
							"REFIERE QUE SU VECINO DE NOMBRE ", "LOS HECHOS LOS PRESENCIO LA C. ", "SE IDENTIFICA PLENAMENTE A "})+other+".")
					}
					if chance(rr, 200) {
						b = append(b, "PRESENTA "+pick(rr, injuries)+", LESIONES QUE TARDAN EN SANAR MENOS DE QUINCE DIAS SEGUN CERTIFICADO MEDICO.")
					}
					b = append(b, pick(rr, []string{"", "SIENDO TODO LO QUE DESEA MANIFESTAR.", "PREVIA LECTURA LO RATIFICA Y FIRMA AL CALCE."}))
					row[14] = strings.TrimSpace(strings.Join(b, " "))
				}
				if !yield(row) {
					return
				}
			}
		}
	}
	return t
}
