package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// rc_actas_defuncion: a civil registry's death records, with the data of
// the death certificate: the deceased's name, CURP, birthdate written out
// in words, the basic cause of death (CIE-10 code and text), where the
// person died, the certifying physician and the informant.
//
// Labels:
//   - curp_fallecido, curp_informante: curp; valid ones of both columns are
//     in Table.Persons (the informant is a living pool person; most give no
//     CURP).
//   - nombre_fallecido, certificante (the physician, staff), and
//     nombre_informante: person_name.
//   - fecha_nacimiento: birthdate, as "21 DE MARZO DE 1963", "21 de marzo
//     de 1963" or 21/03/1963; SE IGNORA is a placeholder.
//   - causa_cie, causa_desc: health_condition (the cause of a person's
//     death is that person's condition; one row per person).
//   - clues_defuncion: health_facility (the unit where the person died and
//     that certified it; NULL for deaths at home or on the street).
//   - domicilio_fallecido: address (the deceased's last residence).
//   - fecha_defuncion is a date of death, not of birth, and gets none, as
//     do edad, hora_defuncion, sexo, num_acta, oficialia, anio_registro,
//     sitio_defuncion (a kind of place), cedula_prof (a physician's licence
//     number, no taxonomy category) and parentesco_informante.

type blDeathRow struct {
	person, informant int32
	form, iform       blForm
	day               int32
	cause             uint8
	site              uint8
	facility          int32 // -1 outside a unit
	rel               uint8
}

type blCause struct{ code, desc string }

var (
	blInfantCauses = []blCause{
		{"P369", "SEPSIS BACTERIANA DEL RECIEN NACIDO, NO ESPECIFICADA"},
		{"P220", "SINDROME DE DIFICULTAD RESPIRATORIA DEL RECIEN NACIDO"},
		{"J189", "NEUMONIA, NO ESPECIFICADA"},
	}
	blChildCauses = []blCause{
		{"A09", "DIARREA Y GASTROENTERITIS DE PRESUNTO ORIGEN INFECCIOSO"},
		{"C910", "LEUCEMIA LINFOBLASTICA AGUDA"},
		{"W74", "AHOGAMIENTO Y SUMERSION NO ESPECIFICADOS"},
		{"Q249", "MALFORMACION CONGENITA DEL CORAZON, NO ESPECIFICADA"},
		{"V892", "PERSONA LESIONADA EN ACCIDENTE DE TRANSPORTE DE MOTOR, NO ESPECIFICADO"},
	}
	blYoungCauses = []blCause{
		{"X954", "AGRESION CON DISPARO DE OTRAS ARMAS DE FUEGO, EN CALLES Y CARRETERAS"},
		{"V892", "PERSONA LESIONADA EN ACCIDENTE DE TRANSPORTE DE MOTOR, NO ESPECIFICADO"},
		{"X700", "LESION AUTOINFLIGIDA INTENCIONALMENTE POR AHORCAMIENTO, EN VIVIENDA"},
		{"K703", "CIRROSIS HEPATICA ALCOHOLICA"},
		{"U071", "COVID-19, VIRUS IDENTIFICADO"},
		{"B24", "ENFERMEDAD POR VIRUS DE LA INMUNODEFICIENCIA HUMANA, SIN OTRA ESPECIFICACION"},
	}
	blOldCauses = []blCause{
		{"E119", "DIABETES MELLITUS NO INSULINODEPENDIENTE SIN MENCION DE COMPLICACION"},
		{"E112", "DIABETES MELLITUS NO INSULINODEPENDIENTE CON COMPLICACIONES RENALES"},
		{"I219", "INFARTO AGUDO DEL MIOCARDIO, SIN OTRA ESPECIFICACION"},
		{"I119", "ENFERMEDAD CARDIACA HIPERTENSIVA SIN INSUFICIENCIA CARDIACA"},
		{"I64", "ACCIDENTE VASCULAR ENCEFALICO AGUDO"},
		{"J449", "ENFERMEDAD PULMONAR OBSTRUCTIVA CRONICA, NO ESPECIFICADA"},
		{"J189", "NEUMONIA, NO ESPECIFICADA"},
		{"K746", "OTRAS CIRROSIS DEL HIGADO Y LAS NO ESPECIFICADAS"},
		{"N189", "ENFERMEDAD RENAL CRONICA, NO ESPECIFICADA"},
		{"C349", "TUMOR MALIGNO DE LOS BRONQUIOS O DEL PULMON, PARTE NO ESPECIFICADA"},
		{"C169", "TUMOR MALIGNO DEL ESTOMAGO, PARTE NO ESPECIFICADA"},
		{"U071", "COVID-19, VIRUS IDENTIFICADO"},
		{"I500", "INSUFICIENCIA CARDIACA CONGESTIVA"},
		{"R99", "OTRAS CAUSAS MAL DEFINIDAS Y LAS NO ESPECIFICADAS DE MORTALIDAD"},
	}
	blFemaleCauses = []blCause{
		{"C509", "TUMOR MALIGNO DE LA MAMA, PARTE NO ESPECIFICADA"},
		{"C539", "TUMOR MALIGNO DEL CUELLO DEL UTERO, SIN OTRA ESPECIFICACION"},
	}
	blMaleCauses = []blCause{{"C61", "TUMOR MALIGNO DE LA PROSTATA"}}
	blDeathSites = []string{"HOSPITAL O CLINICA", "DOMICILIO", "VIA PUBLICA", "OTRO LUGAR"}
)

// blCauseGroups in the order blCauseIndex counts them.
var blCauseGroups = [][]blCause{blInfantCauses, blChildCauses, blYoungCauses, blOldCauses, blFemaleCauses, blMaleCauses}

// blDeathCauses is the list a row's cause index points into: every group
// in one slice, so a row stores one small index.
var blDeathCauses = func() []blCause {
	var out []blCause
	for _, g := range blCauseGroups {
		out = append(out, g...)
	}
	return out
}()

func blCauseIndex(r *rand.Rand, age int, sex byte) uint8 {
	in := func(g int) uint8 {
		n := 0
		for _, l := range blCauseGroups[:g] {
			n += len(l)
		}
		return uint8(n + r.IntN(len(blCauseGroups[g])))
	}
	switch {
	case age < 1:
		return in(0)
	case age < 15:
		return in(1)
	case age < 45 && chance(r, 650):
		return in(2)
	case age >= 30 && sex == 'M' && chance(r, 120):
		return in(4)
	case age >= 40 && sex == 'H' && chance(r, 60):
		return in(5)
	}
	return in(3)
}

var blInformantRel = []struct{ h, m string }{
	{"HIJO", "HIJA"}, {"ESPOSO", "ESPOSA"}, {"HERMANO", "HERMANA"}, {"SOBRINO", "SOBRINA"}, {"VECINO", "VECINA"},
	{"PADRE", "MADRE"},
}

func blBuildDefunciones(p *Pool, r *rand.Rand) *Table {
	today := p.Today()
	td := timeDay(today)
	bySur := blSurnameIndex(p)
	keep := func(i int32) bool {
		a := blAgeOf(p, i)
		return a >= 60 || a >= 15 && i%4 == 0 || i%25 == 0
	}
	var plan []blDeathRow
	var persons []int32
	for _, i := range p.Sample(r, 45, keep) {
		birth := p.people[i].birth
		row := blDeathRow{person: i, form: blDrawForm(r, 70, 40, 15, 2), iform: blDrawForm(r, 350, 200, 10, 0),
			day: blDay(r, min(max(birth+1, td-3650), td-1), td-1), facility: -1}
		age := blAge(dayTime(birth), dayTime(row.day))
		row.cause = blCauseIndex(r, age, p.people[i].sex)
		switch n := r.IntN(100); {
		case n < 55:
			row.site = 0
		case n < 85:
			row.site = 1
		case n < 93:
			row.site = 2
		default:
			row.site = 3
		}
		st := states[muniState(int(p.people[i].muni))].Code
		if row.site == 0 {
			row.facility = int32(blFacilityIn(p, r, st, "HOSPITAL"))
		}
		// the informant: a relative by surname when the pool has one
		row.rel = uint8(r.IntN(5))
		if age < 18 {
			row.rel = 5
		}
		switch row.rel {
		case 5:
			row.informant = blFind(p, r, bySur[p.people[i].paterno], age+18, age+50, i)
		case 0:
			row.informant = blFind(p, r, bySur[p.people[i].paterno], 18, max(18, age-15), i)
		case 2, 3:
			row.informant = blFind(p, r, bySur[p.people[i].paterno], 18, 90, i)
		default:
			row.informant = blFind(p, r, nil, 18, 90, i)
		}
		if row.informant < 0 {
			row.rel = 4
			row.informant = blAdult(p, r, i)
		}
		if row.form == blValid {
			persons = append(persons, i)
		}
		if row.iform == blValid {
			persons = append(persons, row.informant)
		}
		plan = append(plan, row)
	}
	seed := r.Uint64()
	cols := []Column{
		col("num_acta", Integer),
		col("oficialia", Integer),
		col("anio_registro", Integer),
		col("nombre_fallecido", Varchar(70), "person_name"),
		col("curp_fallecido", Char(18), "curp"),
		col("sexo", Char(1)),
		col("fecha_nacimiento", Varchar(30), "birthdate"),
		col("edad", Integer),
		col("fecha_defuncion", Date),
		col("hora_defuncion", Char(5)),
		col("causa_cie", Char(4), "health_condition"),
		col("causa_desc", Varchar(90), "health_condition"),
		col("sitio_defuncion", Varchar(20)),
		col("clues_defuncion", Char(11), "health_facility"),
		col("certificante", Varchar(60), "person_name"),
		col("cedula_prof", Integer),
		col("nombre_informante", Varchar(70), "person_name"),
		col("parentesco_informante", Varchar(10)),
		col("curp_informante", Char(18), "curp"),
		col("domicilio_fallecido", Varchar(110), "address"),
	}
	return &Table{
		Name: "rc_actas_defuncion", Style: "death-registry", Columns: cols,
		Rows: len(plan), Persons: persons,
		ForeignKeys: []ForeignKey{cluesRef("clues_defuncion")},
		Generate: func(yield func([]any) bool) {
			rr := rowRand(seed)
			for _, pl := range plan {
				pe, inf := p.Person(pl.person), p.Person(pl.informant)
				died := dayTime(pl.day)
				var dob string
				switch n := rr.IntN(100); {
				case n < 2:
					dob = "SE IGNORA"
				case n < 50:
					dob = strings.ToUpper(blLongDate(pe.Birth))
				case n < 80:
					dob = blLongDate(pe.Birth)
				default:
					dob = ddmmyyyy(pe.Birth)
				}
				c := blDeathCauses[pl.cause]
				code := c.code // CHAR(4): E119, and three-character categories padded: I64X
				if len(code) == 3 {
					code += "X"
				}
				var clues any
				var cert string
				if pl.facility >= 0 {
					f := &p.facilities[pl.facility]
					clues = f.CLUES
					cert = pick(rr, f.Doctors)
				} else {
					d := p.Person(blStaff(p, seed, 100000+rr.IntN(40)))
					cert = sexCode(d.Sex, "DR. ", "DRA. ", "DR. ") + plain(d.FullName())
				}
				rel := blInformantRel[pl.rel].h
				if inf.Sex == 'M' {
					rel = blInformantRel[pl.rel].m
				}
				row := []any{
					int64(between(rr, 1, 2500)), int64(between(rr, 1, 40)), int64(died.Year()),
					blCut(mojibake(rr, blPlainName(rr, pe.RegistryName()), 300), 70),
					blCURPCell(rr, pl.form, pe.CURP, today, blCURPPlaceholders),
					sexCode(pe.Sex, "H", "M", "X"), dob, int64(blAge(pe.Birth, died)), died,
					fmt.Sprintf("%02d:%02d", rr.IntN(24), rr.IntN(60)),
					code, c.desc, blDeathSites[pl.site], clues,
					blCut(cert, 60), int64(between(rr, 1000000, 13999999)),
					blCut(blPlainName(rr, inf.FullName()), 70), rel,
					blCURPCell(rr, pl.iform, inf.CURP, today, blCURPPlaceholders),
					blCut(pe.Address.ExportLine(rr), 110),
				}
				if !yield(row) {
					return
				}
			}
		},
	}
}
