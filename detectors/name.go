package detectors

import (
	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// notNameWords mark a value as the name of something that is not a person:
// companies and their legal forms, institutions, products and medicines,
// address parts, and the words legacy systems use for states of a record.
var notNameWords = wordSet(`
SA CV SAB SAPI SC SRL RL AC SPR SOFOM INC LLC LTD CIA CO CORP COMPANIA SOCIEDAD COOPERATIVA ASOCIACION
FUNDACION GRUPO COMERCIALIZADORA COMERCIAL DISTRIBUIDORA DISTRIBUCIONES CONSTRUCTORA CONSTRUCCIONES
SERVICIOS SERVICIO FARMACIA FARMACIAS LABORATORIO LABORATORIOS INDUSTRIAS INDUSTRIAL CORPORATIVO
CONSULTORES CONSULTORIA ASOCIADOS PROVEEDORA IMPORTADORA EXPORTADORA TRANSPORTES SISTEMAS SOLUCIONES
TECNOLOGIA TECNOLOGIAS INMOBILIARIA ABARROTES PAPELERIA FERRETERIA HOSPITAL CLINICA CENTRO SALUD UNIDAD
INSTITUTO SECRETARIA GOBIERNO MUNICIPIO AYUNTAMIENTO UNIVERSIDAD ESCUELA COLEGIO BANCO TIENDA MERCADO
RESTAURANTE HOTEL TALLER EMPRESA NEGOCIOS MEXICANA MEXICANO NACIONAL INTERNACIONAL MEDICA MEDICO
MEDICAS MEDICOS SUMINISTROS EQUIPOS EQUIPO MATERIALES PRODUCTOS ALIMENTOS QUIMICA QUIMICOS
MG ML GR KG LT TABLETA TABLETAS CAPSULA CAPSULAS SOLUCION INYECTABLE JARABE SUSPENSION CREMA AMPOLLETA
AMPOLLETAS FRASCO CAJA PIEZA PIEZAS PZA ENVASE TUBO SOBRE GRAGEAS UNGUENTO GOTAS OFTALMICA ORAL
CALLE AV AVENIDA COL COLONIA FRACC FRACCIONAMIENTO BLVD BOULEVARD PRIV PRIVADA CDA CERRADA MZ MZA LT
KM CARRETERA NUM NO SN CP
ACTIVO ACTIVA INACTIVO INACTIVA BAJA ALTA VIGENTE VENCIDO PENDIENTE CANCELADO CANCELADA PAGADO PAGADA
SIN NINGUNO NINGUNA DESCONOCIDO OTRO OTROS NULO TOTAL SUBTOTAL SI
MASCULINO FEMENINO HOMBRE MUJER
DIABETES HIPERTENSION MELLITUS ARTERIAL INFECCION ENFERMEDAD AGUDA CRONICA TIPO SINDROME TRASTORNO
SEGURO POPULAR INSABI IMSS ISSSTE BIENESTAR PEMEX SEDENA PROGRAMA
INSERT UPDATE DELETE SELECT TABLA REGISTRO
SUCURSAL AGENCIA OFICINA OFICINAS PLANTEL PRIMARIA SECUNDARIA PREPARATORIA JARDIN PLAZA MODULO BODEGA
ALMACEN CAJERO PARQUE BIBLIOTECA MUSEO TEATRO ESTADIO AEROPUERTO ESTACION PUERTO PRESA DELEGACION
SUBDELEGACION REGIONAL DIRECCION DEPARTAMENTO COORDINACION JEFATURA AREA EDIFICIO TORRE PISO SITE
JUZGADO JUZGADOS TRIBUNAL SALA PENAL DISTRITO CIRCUITO COLEGIADO MINISTERIO FISCALIA PROCURADURIA JUNTA
CONCILIACION ARBITRAJE`)

// titles precede names and say nothing against them ("DR. JUAN PEREZ").
var titles = wordSet(`DR DRA LIC ING SR SRA SRITA C PROF PROFA MTRO MTRA ENF QFB`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range norm.Words(s) {
		m[w] = true
	}
	return m
}

// nameVerdict judges one value as a person's name (full, given or
// surname): a match when a word is a known given name or surname and
// nothing marks it as a company, a place or a product; weak when it is
// shaped like a name (a few words of letters) but no word is known, which
// happens with rare and indigenous names (the column decides then).
type nameJudge struct {
	negative int // values that are clearly something else
	cache    map[string]verdict
}

func (j *nameJudge) judge(v string) verdict {
	if r, ok := j.cache[v]; ok {
		if r == vNo {
			j.negative++
		}
		return r
	}
	r, neg := judgeName(v)
	if neg {
		j.negative++
	}
	if len(j.cache) < 4096 {
		j.cache[v] = r
	}
	return r
}

// judgeName returns the verdict and whether the value is clearly not a name.
func judgeName(v string) (r verdict, negative bool) {
	for i := 0; i < len(v); i++ {
		if '0' <= v[i] && v[i] <= '9' || v[i] == '@' {
			return vNo, true
		}
	}
	known, real, total, firstLen := 0, 0, 0, 0
	eachWord(v, func(w string) bool {
		total++
		if total == 1 {
			firstLen = len(w)
		}
		switch {
		case notNameWords[w]:
			negative = true
			return false
		case titles[w], dict.Particles[w]:
			return true
		}
		real++
		if len(w) >= 2 && (dict.IsGivenName(w) || dict.IsSurname(w)) {
			known++
		}
		return true
	})
	switch {
	case negative:
		return vNo, true
	case total == 0:
		return vNo, false
	case real == 0 || real > 7:
		return vNo, real > 7
	case total == 1 && firstLen == 1:
		return vNo, false // an initial or a code letter
	}
	if known == 0 || real > 1 {
		// "SAN PEDRO TLAQUEPAQUE", "BENITO JUAREZ": places named after
		// saints and people. A single known word stays a name: JUAREZ and
		// HIDALGO are surnames first.
		if dict.IsPlace(norm.Fold(v)) {
			return vNo, true
		}
	}
	if known == 0 {
		return vWeak, false
	}
	return vMatch, false
}

// detectName finds columns of people's names: full names in either order,
// given names, surnames. The dictionaries hold common names only, so the
// rate of values with a known word, not every value, is the evidence; the
// CURP cross-check (rowcheck.go) confirms names the dictionaries miss.
func detectName(tc *tableCtx, c *colCtx) *candidate {
	if c.prof.hasLetter < 0.5 || c.prof.avgWords > 8 || c.prof.maxLen < 2 {
		return nil
	}
	j := &nameJudge{cache: map[string]verdict{}}
	t := tc.tally(c, taxonomy.PersonName, 0.2, true, j.judge)
	if t.match == 0 {
		return nil
	}
	s := newScore(-4)
	s.add(EvDictionary, rateWeight(t.rate(), -4, step{0.6, 6}, step{0.4, 4.5}, step{0.2, 2.5}, step{0.08, 0.5}))
	if shaped := float64(t.match + t.weak + j.negative); shaped < 0.7*float64(t.n) {
		s.add("", -3) // many values are not shaped like names at all (companies' names are)
	}
	switch neg := float64(j.negative); {
	case neg > float64(t.match):
		s.add("", -5) // mostly companies, places, products, codes
	case neg >= 0.15*float64(t.n):
		s.add("", -1.5) // people mixed with companies (a taxpayer register): the people count
	}
	s.add(EvColumnName, nameWeight(c, taxonomy.PersonName, 3.5, 1.5))
	if namedOther(c, taxonomy.PersonName) {
		s.add("", -4)
	} else if c.name.Hint == vocab.HintNotPerson {
		s.add("", -2) // "nombre_escuela": the name of a thing, maybe after a person
	}
	if c.nPresent >= 50 && float64(c.prof.distinctCount) <= 6 {
		s.add("", -6) // a handful of words repeated: statuses and categories, not people
	}
	if c.prof.avgWords >= 2.5 && t.rate() >= 0.6 {
		s.add(EvValueFormat, 1) // several known words per value: full names
	}
	t.k.s = s
	return t.k
}

// eachWord calls f with each word of v as norm.Words folds it, stopping
// when f returns false. Values that are already plain upper-case ASCII,
// as most legacy values are, are split in place without allocating.
func eachWord(v string, f func(string) bool) {
	plain := true
	for i := 0; i < len(v); i++ {
		if b := v[i]; b >= 0x80 || 'a' <= b && b <= 'z' {
			plain = false
			break
		}
	}
	if !plain {
		for _, w := range norm.Words(v) {
			if !f(w) {
				return
			}
		}
		return
	}
	start := -1
	for i := 0; i <= len(v); i++ {
		letter := i < len(v) && ('A' <= v[i] && v[i] <= 'Z' || v[i] == '\'' && start >= 0)
		if letter {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w := v[start:i]
			for len(w) > 0 && w[len(w)-1] == '\'' {
				w = w[:len(w)-1]
			}
			if !f(w) {
				return
			}
			start = -1
		}
	}
}
