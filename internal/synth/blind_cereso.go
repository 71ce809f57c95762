package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// cereso_internos_hist: a state prison administration's historical
// register of inmates, exported from an Oracle screen: names, aliases,
// Oracle-style birthdates with Spanish month abbreviations, RFC and the
// voter key copied from the INE credential shown at admission. There is
// no CURP column: these people are known by RFC and voter key, and are
// not counted in Labels.Persons.
//
// Labels:
//   - nombre: person_name (registry order).
//   - alias: person_name. About half the rows have one; of those, about
//     three in five are other names the inmate used (JUAN MENDEZ, a given
//     name with another surname) and the rest nicknames (EL FLACO). The
//     alternate names are names of a person and are far above the 5%
//     free-text threshold; nicknames alone would not be names.
//   - fecha_nac: birthdate (21/MAR/1963, 21-MAR-63, 21/03/1963; the
//     01/ENE/1900 sentinel is not a value).
//   - rfc: rfc. Most are 13 characters with a computed homoclave (~1.5%
//     with a failing check character, still persons' RFCs), a fifth are
//     the legacy 10-character form without homoclave, which is a person's
//     RFC too (§2.1); SIN RFC and the generic XAXX010101000 are not values.
//   - cve_elector: voter_key (NULL for inmates without a credential and for
//     the foreign-born, whose state code is unverified).
//   - no_interno, causa_penal, delito (a crime is no taxonomy category),
//     juzgado (a court), fecha_ingreso (admission), situacion_juridica,
//     entidad_nacimiento (a state alone): none.

type blCeresoRow struct {
	person  int32
	rfcForm uint8 // 0 ok, 1 bad check, 2 ten characters, 3 NULL, 4 SIN RFC, 5 generic
	voter   bool
	admit   int32
}

var (
	blNicknames = []string{"EL FLACO", "EL GUERO", "EL CHATO", "EL CHINO", "EL PELON", "EL NEGRO",
		"EL TIGRE", "EL GORDO", "EL CHAPARRO", "EL CUERVO", "EL PIOJO", "EL GALLO", "LA FLACA",
		"LA GUERA", "LA CHINA", "EL MUDO", "EL PROFE", "EL CHUY", "EL PAYASO", "EL CHIVO"}
	blCrimes = []string{"ROBO CALIFICADO", "ROBO A CASA HABITACION", "ROBO DE VEHICULO", "HOMICIDIO CALIFICADO",
		"LESIONES", "NARCOMENUDEO", "VIOLENCIA FAMILIAR", "FRAUDE", "EXTORSION", "SECUESTRO",
		"PORTACION DE ARMA DE FUEGO", "ABUSO DE CONFIANZA", "DANO EN PROPIEDAD AJENA", "DESPOJO"}
	blOrdinals = []string{"PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO", "SEXTO", "SEPTIMO"}
)

func blBuildCereso(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	var plan []blCeresoRow
	keep := func(i int32) bool {
		a := blAgeOf(p, i)
		return a >= 18 && a <= 72 && (p.people[i].sex == 'H' || i%9 == 0)
	}
	for _, i := range p.Sample(r, 45, keep) {
		row := blCeresoRow{person: i, voter: chance(r, 650)}
		switch n := r.IntN(1000); {
		case n < 560:
		case n < 570:
			row.rfcForm = 1
		case n < 770:
			row.rfcForm = 2
		case n < 880:
			row.rfcForm = 3
		case n < 960:
			row.rfcForm = 4
		default:
			row.rfcForm = 5
		}
		adult := p.people[i].birth + 18*365 + 5
		row.admit = blDay(r, min(max(adult, td-20*365), td-2), td-2)
		plan = append(plan, row)
	}
	seed := r.Uint64()
	cols := []Column{
		col("no_interno", Varchar(14)),
		col("nombre", Varchar(80), "person_name"),
		col("alias", Varchar(40), "person_name"),
		col("fecha_nac", Varchar(11), "birthdate"),
		col("rfc", Varchar(13), "rfc"),
		col("cve_elector", Char(18), "voter_key"),
		col("causa_penal", Varchar(12)),
		col("delito", Varchar(40)),
		col("juzgado", Varchar(100)),
		col("fecha_ingreso", Date),
		col("situacion_juridica", Varchar(12)),
		col("entidad_nacimiento", Varchar(40)),
	}
	return &Table{
		Name: "cereso_internos_hist", Style: "prison-registry", Columns: cols, Rows: len(plan),
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for k, pl := range plan {
				pe := p.Person(pl.person)
				adm := dayTime(pl.admit)
				var alias any
				if chance(rr, 500) {
					if chance(rr, 600) {
						other := p.Person(int32(rr.IntN(p.Len())))
						given := strings.Fields(plain(pe.Nombre))[0]
						alias = blCut(given+" "+plain(other.Paterno), 40)
						if chance(rr, 300) {
							alias = blCut(plain(other.Nombre)+" "+plain(pe.Paterno)+" "+plain(other.Materno), 40)
						}
					} else {
						alias = pick(rr, blNicknames)
					}
				}
				var dob string
				switch n := rr.IntN(100); {
				case n < 1:
					dob = "01/ENE/1900"
				case n < 60:
					dob = blMonAbbr(pe.Birth, "/", false)
				case n < 85:
					dob = blMonAbbr(pe.Birth, "-", true)
				default:
					dob = ddmmyyyy(pe.Birth)
				}
				var rfc any
				switch pl.rfcForm {
				case 0, 1:
					rfc = blRFC13(pe, pl.rfcForm == 1)
				case 2:
					rfc = pe.CURP[:10]
				case 4:
					rfc = "SIN RFC"
				case 5:
					rfc = blGenericRFC
				}
				var voter any
				if pl.voter {
					voter = blNullIfEmpty(blVoterKey(rr, pe, today))
				}
				sit := "SENTENCIADO"
				if chance(rr, 350) {
					sit = "PROCESADO"
				}
				row := []any{
					fmt.Sprintf("I-%d-%05d", adm.Year(), k+1+rr.IntN(50)*100),
					blCut(mojibake(rr, blPlainName(rr, pe.RegistryName()), 350), 80),
					alias, dob, rfc, voter,
					fmt.Sprintf("%d/%d", between(rr, 1, 2400), adm.Year()-rr.IntN(2)),
					pick(rr, blCrimes),
					blCut("JUZGADO "+pick(rr, blOrdinals)+" PENAL DE PRIMERA INSTANCIA DE "+plain(pe.Address.Municipality), 100),
					adm, sit, blStateName(pe.BirthState),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
