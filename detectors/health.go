package detectors

import (
	"strings"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/detectors/vocab"
	"github.com/alcance-mx/alcance/taxonomy"
)

// conditionWords are words of diagnoses, conditions and treatments as
// Mexican clinical records write them (upper case, no accents). One of
// them in a value marks it as health text.
var conditionWords = wordSet(`
DIABETES MELLITUS DIABETICO DIABETICA HIPERTENSION HIPERTENSIVA HIPERTENSO ASMA ASMATICO EPOC CANCER
NEOPLASIA NEOPLASIAS TUMOR CARCINOMA LEUCEMIA LINFOMA METASTASIS INFECCION INFECCIONES NEUMONIA
BRONQUITIS BRONQUIOLITIS FARINGITIS FARINGOAMIGDALITIS AMIGDALITIS RINOFARINGITIS OTITIS SINUSITIS
CONJUNTIVITIS DERMATITIS GASTRITIS GASTROENTERITIS COLITIS DIARREA DIARREICA OBESIDAD SOBREPESO
DESNUTRICION ANEMIA INSUFICIENCIA CARDIOPATIA ISQUEMICA INFARTO EPILEPSIA DEPRESION DEPRESIVO ANSIEDAD
ESQUIZOFRENIA TRASTORNO TRASTORNOS DEMENCIA ALZHEIMER PARKINSON VIH SIDA TUBERCULOSIS HEPATITIS CIRROSIS
COVID DENGUE PALUDISMO SIFILIS GONORREA VPH EMBARAZO PUERPERIO PREECLAMPSIA ECLAMPSIA CESAREA ABORTO
FRACTURA FRACTURAS ESGUINCE CONTUSION TRAUMATISMO QUEMADURA QUEMADURAS LUMBALGIA CEFALEA MIGRANA ARTRITIS
ARTROSIS OSTEOPOROSIS HIPOTIROIDISMO HIPERTIROIDISMO DISLIPIDEMIA HIPERCOLESTEROLEMIA
HIPERTRIGLICERIDEMIA GLAUCOMA CATARATA CATARATAS RETINOPATIA NEFROPATIA NEUROPATIA CISTITIS
PIELONEFRITIS VARICELA SARAMPION RUBEOLA INFLUENZA SINDROME ADICCION ALCOHOLISMO TABAQUISMO FIEBRE
DISNEA ALERGIA RINITIS ULCERA HERNIA APENDICITIS COLECISTITIS LITIASIS ENFERMEDAD PADECIMIENTO
DIAGNOSTICO DX CRONICO CRONICA AGUDA AGUDO RESPIRATORIA URINARIAS INSULINA METFORMINA ENALAPRIL
LOSARTAN GLIBENCLAMIDA SALBUTAMOL QUIMIOTERAPIA HEMODIALISIS DIALISIS DOLOR CRISIS ASMATICA TORACICO
ABDOMINAL INTOXICACION CONVULSION CONVULSIONES HEMORRAGIA SANGRADO PARTO LUXACION ESGUINCES DESHIDRATACION
VOMITO NAUSEA MAREO SINCOPE ARRITMIA ANGINA APNEA ICTERICIA CELULITIS ABSCESO POLITRAUMATIZADO
MORDEDURA PICADURA ALERGICA ANAFILAXIA CRANEOENCEFALICO EMBARAZADA GESTACION AMENAZA`)

// programmes are the health schemes a person is enrolled in (reference §5).
var programmes = map[string]bool{}

func init() {
	for _, p := range []string{"SEGURO POPULAR", "INSABI", "IMSS-BIENESTAR", "IMSS BIENESTAR", "IMSS",
		"ISSSTE", "PEMEX", "SEDENA", "SEMAR", "PROSPERA", "OPORTUNIDADES", "SP", "SPSS", "SEGURO MEDICO SIGLO XXI",
		"IMSS-PROSPERA", "IMSS PROSPERA", "IMSS-OPORTUNIDADES", "IMSS OPORTUNIDADES", "ISSSTE ESTATAL",
		"SEGURO PRIVADO", "PRIVADO", "NO DERECHOHABIENTE", "SIN DERECHOHABIENCIA", "IMSS ORDINARIO",
		"SEGURO MEDICO PARA UNA NUEVA GENERACION", "SMNG", "INSABI/IMSS-BIENESTAR", "ISSFAM", "IMSS-COPLAMAR",
		"SEGURO POPULAR (SPSS)", "PENSIONES CIVILES", "SERVICIOS ESTATALES DE SALUD",
		// Private health insurers: a policy with one is a health plan too.
		"GNP", "GRUPO NACIONAL PROVINCIAL", "AXA", "AXA SEGUROS", "METLIFE", "SEGUROS MONTERREY",
		"SEGUROS MONTERREY NEW YORK LIFE", "MAPFRE", "ALLIANZ", "BUPA", "PLAN SEGURO", "SURA", "SEGUROS SURA",
		"ZURICH", "INBURSA", "SEGUROS INBURSA", "BANORTE SEGUROS", "SEGUROS BANORTE", "SEGUROS ATLAS",
		"GENERAL DE SALUD", "MEDICA SUR", "SEGUROS BX+", "HDI SEGUROS", "BBVA SEGUROS", "SEGUROS AZTECA"} {
		programmes[p] = true
	}
}

// facilityMarkers start or appear in the names of health units.
var facilityMarkers = []string{"HOSPITAL", "CLINICA", "CENTRO DE SALUD", "UNIDAD DE MEDICINA", "UMF ", "HGZ",
	"HGR", "UNEME", "CESSA", "C.S.", "CS ", "SANATORIO", "CONSULTORIO", "UMAA", "CAAPS", "IMSS ", "ISSSTE "}

func hasConditionWord(v string) bool { return clinicalWordIn(norm.Words(v)) != "" }

// isConditionWord reports whether a folded word alone marks health data:
// the core words above or the embedded clinical vocabulary (diagnoses,
// lay terms, medicines, vaccines, tests, scales, dental treatments).
func isConditionWord(w string) bool { return conditionWords[w] || dict.IsClinicalTerm(w) }

// clinicalWordIn returns the word that makes folded words health text: one
// that is clinical alone, or the first of two different words that are
// clinical in company ("PRESION ALTA" is not; "DOSIS DE REFUERZO VACUNA"
// is). It returns "" when there is none.
func clinicalWordIn(words []string) string {
	ctx := ""
	for _, w := range words {
		switch {
		case isConditionWord(w):
			return w
		case dict.IsClinicalContext(w):
			if ctx != "" && ctx != w {
				return ctx
			}
			ctx = w
		}
	}
	return ""
}

// detectEnrollment finds a person's enrollment in a health programme: the
// programme itself (its name in the values) or policy, affiliation and
// folio numbers, which have no national format and only a column name can
// reveal (reference §5).
func detectEnrollment(tc *tableCtx, c *colCtx) *candidate {
	named := c.name.Category == taxonomy.HealthEnrollment
	if !named && (c.prof.avgLen > 40 || c.prof.hasLetter < 0.5) {
		return nil
	}
	progs := 0
	t := tc.tally(c, taxonomy.HealthEnrollment, 0.1, true, func(v string) verdict {
		if programmes[norm.Fold(v)] {
			progs++
			return vMatch
		}
		if named && (folioShaped(v) || len(v) <= 40 && plainWords(v)) {
			return vWeak // a folio, or the name of a scheme or insurer
		}
		return vNo
	})
	if t.match+t.weak == 0 {
		return nil
	}
	s := newScore(-4)
	s.add(EvDictionary, rateWeight(t.rate(), 0, step{0.7, 6}, step{0.4, 4}, step{0.15, 1.5}))
	s.add(EvColumnName, nameWeight(c, taxonomy.HealthEnrollment, 5, 2))
	if named && t.weakRate() >= 0.8 && t.rate() < 0.4 {
		s.add("", 1.5) // folio-shaped values, consistent with the name
	}
	if named && t.weakRate() < 0.5 {
		s.add("", -6) // named so, but the values are dates, names, amounts...
	}
	if namedOther(c, taxonomy.HealthEnrollment) {
		s.add("", -4)
	}
	t.k.s = s
	return t.k
}

// folioShaped reports whether v looks like a policy or folio number: one
// token of 5 to 24 characters, digits with at most a few letters and
// separators.
func folioShaped(v string) bool {
	if len(v) < 5 || len(v) > 24 {
		return false
	}
	digits, letters := 0, 0
	for i := 0; i < len(v); i++ {
		switch b := v[i]; {
		case '0' <= b && b <= '9':
			digits++
		case 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z':
			letters++
		case b == '-', b == '/', b == '.', b == '_':
		default:
			return false
		}
	}
	return digits >= 4 && letters <= digits
}

// detectCondition finds diagnoses and conditions: CIE-10 codes checked
// against the catalogue, diagnosis text, and condition flags
// (DIABETES = 1/2), which are health data only in a health context (pass 3).
// A catalogue of diseases, one row per code, is not about anyone; pass 3
// tells it from a person's record.
func detectCondition(tc *tableCtx, c *colCtx) *candidate {
	named := c.name.Category == taxonomy.HealthCondition
	// A flag (DIABETES) or a strongly named column of a few short codes
	// (CLASIFICACION_FINAL = 1..7, a triage level): coded health data,
	// which only a health table makes a person's condition (pass 3).
	flag := c.name.Hint == vocab.HintCondition || c.name.Hint.PersonMeasure() ||
		named && c.name.Strength == vocab.Strong && c.prof.avgLen <= 3 && float64(c.prof.distinctCount) <= 15
	c.codedCondition = flag
	if !named && c.prof.hasLetter < 0.5 {
		return nil
	}
	// A few labels repeated (BAJO/ALTO, NORMAL/SOSPECHOSO, PRIMERA/
	// SEGUNDA, RECUPERADO SIN SECUELAS) are a coding like 1/2.
	categorical := c.nPresent >= 20 && c.prof.distinctCount <= 15
	codes, words := 0, 0
	t := tc.tally(c, taxonomy.HealthCondition, 0.1, true, func(v string) verdict {
		if len(v) <= 8 {
			if _, r := validate.ParseCIE10(v); r == validate.OK {
				codes++
				return vMatch
			}
		}
		if flag && (conditionFlagValue(v) || len(v) <= 3 || measurement(v) || labResultWord(v) || categorical && shortLabel(v)) {
			return vWeak
		}
		if len(v) >= 4 && !codeToken(v) && hasConditionWord(v) {
			words++
			return vMatch
		}
		if named && !flag && len(v) >= 3 && c.prof.hasLetter >= 0.5 {
			return vWeak // free wording of a diagnosis the vocabulary lacks
		}
		return vNo
	})
	if t.match+t.weak == 0 {
		return nil
	}
	n := float64(t.n)
	s := newScore(-4)
	s.add(EvDictionary, rateWeight(float64(codes)/n, 0, step{0.8, 7}, step{0.5, 5}, step{0.2, 2}))
	s.add(EvValueFormat, rateWeight(float64(words)/n, 0, step{0.6, 6}, step{0.3, 4}, step{0.1, 1.5}))
	if !flag {
		s.add(EvColumnName, nameWeight(c, taxonomy.HealthCondition, 4.5, 1.5))
	}
	if named && t.weakRate() < 0.5 {
		s.add("", -6)
	}
	if namedOther(c, taxonomy.HealthCondition) {
		s.add("", -4)
	}
	t.k.s = s
	return t.k
}

// labResultWord: the qualitative results labs write beside numbers
// (POSITIVO, NO REACTIVO, ANORMAL, NO DETECTADO).
func labResultWord(v string) bool {
	switch norm.Fold(v) {
	case "POSITIVO", "NEGATIVO", "POSITIVA", "NEGATIVA", "NORMAL", "ANORMAL", "REACTIVO", "NO REACTIVO",
		"DETECTADO", "NO DETECTADO", "INDETERMINADO", "PENDIENTE", "ALTO", "BAJO", "ELEVADO", "DENTRO DE PARAMETROS",
		"FUERA DE RANGO", "POS", "NEG", "+", "-":
		return true
	}
	return false
}

// conditionFlagValue: the codings of yes/no condition columns in Mexican
// health data (1 = yes, 2 = no, 97/98/99 = not applicable, unknown, not
// specified), or the words.
func conditionFlagValue(v string) bool {
	switch strings.ToUpper(v) {
	case "1", "2", "0", "97", "98", "99", "SI", "NO", "S", "N", "TRUE", "FALSE", "T", "F", "SE IGNORA":
		return true
	}
	return false
}

// detectFacility finds the facility that attended a person: CLUES codes
// (validated structure and state) or unit names. A catalogue of units is
// not a finding (pass 3).
func detectFacility(tc *tableCtx, c *colCtx) *candidate {
	named := c.name.Category == taxonomy.HealthFacility
	if !named && c.prof.hasLetter < 0.5 {
		return nil
	}
	clues, units := 0, 0
	t := tc.tally(c, taxonomy.HealthFacility, 0.1, true, func(v string) verdict {
		if len(v) >= 11 && len(v) <= 14 {
			if _, _, r := validate.ParseCLUES(v); r == validate.OK {
				clues++
				return vMatch
			}
		}
		f := norm.Fold(v) + " "
		for _, m := range facilityMarkers {
			if strings.HasPrefix(f, m) || strings.Contains(f, " "+m) {
				units++
				return vMatch
			}
		}
		if named && len(v) >= 2 {
			return vWeak
		}
		return vNo
	})
	if t.match+t.weak == 0 {
		return nil
	}
	n := float64(t.n)
	s := newScore(-4)
	s.add(EvValueFormat, rateWeight(float64(clues)/n, 0, step{0.8, 8}, step{0.5, 6}, step{0.2, 3}))
	if !(c.prof.distinctCount <= 10 && c.prof.distinct <= 0.3) {
		// A handful of words repeated (HOSPITAL, DOMICILIO, VIA PUBLICA) are
		// kinds of place, not the names of units.
		s.add(EvDictionary, rateWeight(float64(units)/n, 0, step{0.6, 5}, step{0.3, 3}))
	}
	s.add(EvColumnName, nameWeight(c, taxonomy.HealthFacility, 3, 1.5))
	switch {
	case c.name.Hint == vocab.HintWorkplace:
		s.add("", -10) // where someone works: a valid CLUES, but it attended no one
	case namedOther(c, taxonomy.HealthFacility):
		s.add("", -4)
	}
	t.k.s = s
	return t.k
}

// measurement reports whether v is a clinical measurement as charts write
// it: a number with its separators and maybe a unit ("120/80", "36.5",
// "98%", "15 pts", "110 mg/dl").
func measurement(v string) bool {
	if len(v) > 16 {
		return false
	}
	digits, letters := 0, 0
	for i := 0; i < len(v); i++ {
		switch b := v[i]; {
		case '0' <= b && b <= '9':
			digits++
		case 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z':
			letters++
		case b == '/' || b == '.' || b == ',' || b == '%' || b == ' ' || b == '-':
		default:
			return false
		}
	}
	return digits > 0 && letters <= 5
}

// shortLabel reports whether v is a short label of a coding: at most four
// words and thirty characters.
func shortLabel(v string) bool { return len(v) <= 30 && strings.Count(v, " ") <= 3 }

// codeToken reports whether v is one token holding digits (a folio such as
// ESAVI-2021-00001): its letters are a prefix, not words of a diagnosis.
func codeToken(v string) bool {
	if strings.ContainsRune(v, ' ') {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] >= '0' && v[i] <= '9' {
			return true
		}
	}
	return false
}
