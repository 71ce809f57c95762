package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// egresos_hosp: hospital discharges from an Oracle hospital information
// system (evaluation style). Lower-case column names; the patient's name in
// one field, surname first ("PATERNO MATERNO NOMBRE(S)", the order of
// official lists), upper case with accents, and about 4% of the names
// damaged by a latin1 client (PÉREZ as PÃ‰REZ); newborns are recorded
// before they have a given name, as "RN PATERNO MATERNO". The birthdate is
// text in Oracle's DD-MON-YY with Spanish months (21-MAR-63), CIE-10 codes
// in the three display forms (E11.5, E115, A09X), the unit as a CLUES, the
// attending doctor by name in several forms, and a free-text clinical
// summary.
//
// Labels:
//   - person_name: nombre_paciente and medico_tratante (staff names count,
//     docs/taxonomy.md); resumen_clinico names the patient in about 25% of
//     its values, above doc.go's 5% rule, so it carries person_name too.
//   - health_condition: diag_principal, diag_secundario, resumen_clinico
//     (a condition in nearly every value) and motivo_egreso: the outcome of
//     the stay (CURACION, MEJORIA, DEFUNCION...) is the person's condition
//     at discharge, part of the clinical record. This last one is a
//     judgement call: the taxonomy's examples are diagnoses and flags.
//   - health_facility: clues, the unit that attended the patient.
//   - no label: expediente (a hospital's record number; docs/taxonomy.md
//     gives health_enrollment to programme enrollment, not to a chart
//     number), fecha_ingreso, fecha_egreso and dias_estancia (not births).
//
// resumen_clinico never holds a CURP or a birthdate: ages only.
func buildEvalEgresos(p *Pool, r *rand.Rand) *Table {
	type stay struct {
		person  int32
		day     int32 // fecha_ingreso
		los     int16 // days
		neonate bool
		form    CURPForm
		unit    int32 // index into p.Facilities()
		noBirth bool  // fecha_nac NULL
	}
	loadStatic()
	today := timeDay(p.Today())
	start := timeDay(time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC))
	if today-start < 400 {
		start = today - 3650
	}
	fs := p.Facilities()
	hospitals := map[string][]int32{}
	for k, f := range fs {
		if strings.Contains(f.Type, "HOSPITAL") {
			hospitals[f.StateCode] = append(hospitals[f.StateCode], int32(k))
		}
	}
	for _, st := range states { // a state without a hospital: its other units
		if len(hospitals[st.Code]) == 0 {
			for _, k := range p.FacilitiesIn(st.Code) {
				hospitals[st.Code] = append(hospitals[st.Code], int32(k))
			}
		}
	}
	var plan []stay
	for _, i := range p.Sample(r, 100, nil) {
		birth := timeDay(p.Birth(i))
		unit := pick(r, hospitals[states[muniState(int(p.people[i].muni))].Code])
		if birth >= start && birth < today-30 && chance(r, 250) {
			plan = append(plan, stay{i, birth + int32(r.IntN(3)), int16(between(r, 2, 20)), true,
				curpForm(r, 250, 300, 10), unit, chance(r, 20)})
			continue
		}
		from := max(start, birth+1)
		to := today - 25
		if to <= from {
			continue
		}
		k := 1
		if chance(r, 120) {
			k = 2
		}
		for range k {
			plan = append(plan, stay{i, from + int32(r.IntN(int(to-from))), int16(between(r, 1, 14)), false,
				curpForm(r, 40, 30, 20), unit, chance(r, 20)})
		}
	}
	slices.SortStableFunc(plan, func(a, b stay) int {
		return cmp.Or(cmp.Compare(a.day+int32(a.los), b.day+int32(b.los)), cmp.Compare(a.person, b.person))
	})

	doctors := make([][]string, len(fs))
	names := loadNames()
	for k := range fs {
		for range between(r, 3, 8) {
			doctors[k] = append(doctors[k], evDoctor(r, names))
		}
	}

	t := &Table{
		Name:        "egresos_hosp",
		Style:       "hospital-discharges",
		Rows:        len(plan),
		ForeignKeys: []ForeignKey{cluesRef("clues")},
		Columns: []Column{
			col("expediente", Varchar(12)),
			col("nombre_paciente", Varchar(120), taxonomy.PersonName),
			col("fecha_nac", Varchar(9), taxonomy.Birthdate),
			col("curp", Varchar(18), taxonomy.CURP),
			col("fecha_ingreso", Date),
			col("fecha_egreso", Date),
			col("dias_estancia", Integer),
			col("diag_principal", Varchar(6), taxonomy.HealthCondition),
			col("diag_secundario", Varchar(6), taxonomy.HealthCondition),
			col("motivo_egreso", Varchar(25), taxonomy.HealthCondition),
			col("clues", Char(11), taxonomy.HealthFacility),
			col("medico_tratante", Varchar(90), taxonomy.PersonName),
			col("resumen_clinico", Text, taxonomy.PersonName, taxonomy.HealthCondition),
		},
	}
	for _, s := range plan {
		// the principal diagnosis and the unit are in every row; a
		// newborn has no given name yet (RN PATERNO MATERNO)
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.HealthCondition, taxonomy.HealthFacility)
		if s.form == CURPValid {
			t.Persons = append(t.Persons, s.person)
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !s.noBirth {
			holds |= Cats(taxonomy.Birthdate)
			if !s.neonate {
				ident |= IdentNameBirth
			}
		}
		t.subject(s.person, ident, holds)
	}
	expSeed := r.Uint64()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, s := range plan {
			ps := p.Person(s.person)
			in := dayTime(s.day)
			out := dayTime(s.day + int32(s.los))
			age := in.Year() - ps.Birth.Year()
			if in.YearDay() < ps.Birth.YearDay() && age > 0 {
				age--
			}

			pr := evPersonStream(expSeed, s.person)
			expYear := max(2000, ps.Birth.Year()) + pr.IntN(max(1, in.Year()-max(2000, ps.Birth.Year())+1))
			expediente := fmt.Sprintf("%04d-%06d", expYear, pr.IntN(1_000_000))
			if chance(r, 300) {
				expediente = fmt.Sprintf("%08d", pr.IntN(100_000_000))
			}

			nombre := ps.RegistryName()
			if s.neonate {
				nombre = "RN " + joinNonEmpty(ps.Paterno, ps.Materno)
			}
			if chance(r, 40) {
				nombre = evMojibake1252.Replace(nombre)
			}
			var fnac any = evOracleDate(ps.Birth)
			if s.noBirth {
				fnac = nil
			}
			var curp any = ps.CURP
			switch s.form {
			case CURPNull:
				curp = nil
			case CURPPlaceholder:
				curp = pick(r, []string{"XXXXXXXXXXXXXXXXXX", "SIN CURP", "EN TRAMITE"})
			case CURPTypo:
				curp = typoCURP(r, ps.CURP, p.Today())
			}

			dx := evDischargeDx(r, ps.Sex, age, s.neonate)
			var sec *evDx
			if !s.neonate && chance(r, 450) {
				sec = evSecondaryDx(r, dx, age)
			}
			var secCode any
			if sec != nil {
				secCode = CIE10Display(sec.code, r.IntN(2))
			}
			motivo := evDischargeReason(r, age, dx)
			f := p.facilities[s.unit]
			var medico any = pick(r, doctors[s.unit])
			if chance(r, 30) {
				medico = nil
			}
			row := []any{
				expediente,
				nombre,
				fnac,
				curp,
				in,
				out,
				int64(s.los),
				CIE10Display(dx.code, r.IntN(2)),
				secCode,
				motivo,
				f.CLUES,
				medico,
				evSummary(r, ps, in, age, s.neonate, dx, sec, motivo),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// evDx is a discharge diagnosis: code without the dot, description as the
// catalogue gives it (upper case, no accents), the short form a clinician
// writes, the procedure of the stay, who can have it and a weight.
type evDx struct {
	code, desc, short, proc string
	who                     byte // G anyone, A adult, B 40+, C 60+, O pregnant women, F women 25+, H men 50+, P newborns
	weight                  uint64
}

var evDischarges = []evDx{
	{"O800", "PARTO UNICO ESPONTANEO, PRESENTACION CEFALICA DE VERTICE", "PARTO EUTOCICO", "SE ATIENDE PARTO EUTOCICO SIN COMPLICACIONES", 'O', 160},
	{"O829", "PARTO POR CESAREA, SIN OTRA ESPECIFICACION", "EMBARAZO DE TERMINO, CESAREA", "SE REALIZA CESAREA TIPO KERR", 'O', 110},
	{"O821", "PARTO POR CESAREA DE EMERGENCIA", "CESAREA DE URGENCIA", "SE REALIZA CESAREA DE URGENCIA", 'O', 40},
	{"O039", "ABORTO ESPONTANEO COMPLETO O NO ESPECIFICADO, SIN COMPLICACION", "ABORTO INCOMPLETO", "SE REALIZA LEGRADO UTERINO INSTRUMENTAL", 'O', 30},
	{"O141", "PREECLAMPSIA SEVERA", "PREECLAMPSIA CON DATOS DE SEVERIDAD", "SE INICIA ESQUEMA DE SULFATO DE MAGNESIO Y SE INTERRUMPE EL EMBARAZO", 'O', 15},
	{"K359", "APENDICITIS AGUDA, NO ESPECIFICADA", "APENDICITIS AGUDA", "SE REALIZA APENDICECTOMIA ABIERTA", 'G', 60},
	{"K802", "CALCULO DE LA VESICULA BILIAR SIN COLECISTITIS", "COLELITIASIS", "SE REALIZA COLECISTECTOMIA LAPAROSCOPICA", 'A', 50},
	{"K800", "CALCULO DE LA VESICULA BILIAR CON COLECISTITIS AGUDA", "COLECISTITIS CRONICA LITIASICA AGUDIZADA", "SE REALIZA COLECISTECTOMIA ABIERTA", 'A', 30},
	{"K409", "HERNIA INGUINAL UNILATERAL O NO ESPECIFICADA, SIN OBSTRUCCION NI GANGRENA", "HERNIA INGUINAL DERECHA", "SE REALIZA PLASTIA INGUINAL CON MALLA", 'G', 25},
	{"J189", "NEUMONIA, NO ESPECIFICADA", "NEUMONIA ADQUIRIDA EN LA COMUNIDAD", "SE INICIA ANTIBIOTICOTERAPIA INTRAVENOSA", 'G', 45},
	{"J441", "ENFERMEDAD PULMONAR OBSTRUCTIVA CRONICA CON EXACERBACION AGUDA, NO ESPECIFICADA", "EPOC EXACERBADO", "MANEJO CON BRONCODILATADORES Y ESTEROIDE SISTEMICO", 'C', 15},
	{"U071", "COVID-19, VIRUS IDENTIFICADO", "COVID-19 GRAVE", "MANEJO CON OXIGENO SUPLEMENTARIO Y DEXAMETASONA", 'A', 20},
	{"E115", "DIABETES MELLITUS NO INSULINODEPENDIENTE CON COMPLICACIONES CIRCULATORIAS PERIFERICAS", "PIE DIABETICO", "SE REALIZA AMPUTACION SUPRACONDILEA", 'B', 25},
	{"N180", "ENFERMEDAD RENAL EN ETAPA TERMINAL", "ERC ESTADIO 5", "SE COLOCA CATETER Y SE INICIA HEMODIALISIS", 'A', 25},
	{"I219", "INFARTO AGUDO DEL MIOCARDIO, SIN OTRA ESPECIFICACION", "INFARTO AGUDO AL MIOCARDIO", "SE REALIZA TROMBOLISIS", 'B', 20},
	{"I639", "INFARTO CEREBRAL, NO ESPECIFICADO", "EVENTO VASCULAR CEREBRAL ISQUEMICO", "MANEJO EN PISO DE MEDICINA INTERNA", 'B', 15},
	{"I500", "INSUFICIENCIA CARDIACA CONGESTIVA", "INSUFICIENCIA CARDIACA DESCOMPENSADA", "MANEJO CON DIURETICO INTRAVENOSO", 'C', 15},
	{"K746", "OTRAS CIRROSIS DEL HIGADO Y LAS NO ESPECIFICADAS", "CIRROSIS HEPATICA CHILD C", "SE REALIZA PARACENTESIS EVACUADORA", 'A', 10},
	{"K922", "HEMORRAGIA GASTROINTESTINAL, NO ESPECIFICADA", "SANGRADO DE TUBO DIGESTIVO ALTO", "SE REALIZA ENDOSCOPIA Y SE TRANSFUNDEN DOS PAQUETES GLOBULARES", 'A', 10},
	{"S720", "FRACTURA DEL CUELLO DEL FEMUR", "FRACTURA DE CADERA", "SE REALIZA HEMIARTROPLASTIA DE CADERA", 'C', 15},
	{"S060", "CONMOCION CEREBRAL", "TRAUMATISMO CRANEOENCEFALICO LEVE", "VIGILANCIA NEUROLOGICA", 'G', 10},
	{"N390", "INFECCION DE VIAS URINARIAS, SITIO NO ESPECIFICADO", "PIELONEFRITIS", "SE INICIA ANTIBIOTICOTERAPIA INTRAVENOSA", 'G', 20},
	{"N200", "CALCULO DEL RIÑON", "LITIASIS RENAL", "SE REALIZA URETEROLITOTRICIA", 'A', 10},
	{"A09", "DIARREA Y GASTROENTERITIS DE PRESUNTO ORIGEN INFECCIOSO", "GASTROENTERITIS CON DESHIDRATACION", "SE HIDRATA POR VIA INTRAVENOSA", 'G', 25},
	{"A419", "SEPTICEMIA, NO ESPECIFICADA", "CHOQUE SEPTICO", "MANEJO EN TERAPIA INTENSIVA CON AMINAS", 'G', 8},
	{"L031", "CELULITIS DE OTRAS PARTES DE LOS MIEMBROS", "CELULITIS DE MIEMBRO PELVICO", "SE REALIZA DEBRIDACION", 'G', 10},
	{"C509", "TUMOR MALIGNO DE LA MAMA, PARTE NO ESPECIFICADA", "CANCER DE MAMA", "SE REALIZA MASTECTOMIA RADICAL MODIFICADA", 'F', 10},
	{"C539", "TUMOR MALIGNO DEL CUELLO DEL UTERO, SIN OTRA ESPECIFICACION", "CANCER CERVICOUTERINO", "SE APLICA QUIMIOTERAPIA", 'F', 6},
	{"D259", "LEIOMIOMA DEL UTERO, SIN OTRA ESPECIFICACION", "MIOMATOSIS UTERINA", "SE REALIZA HISTERECTOMIA TOTAL ABDOMINAL", 'F', 12},
	{"N40", "HIPERPLASIA DE LA PROSTATA", "CRECIMIENTO PROSTATICO", "SE REALIZA RESECCION TRANSURETRAL DE PROSTATA", 'H', 12},
	{"C61", "TUMOR MALIGNO DE LA PROSTATA", "CANCER DE PROSTATA", "SE REALIZA ORQUIECTOMIA", 'H', 5},
	{"H259", "CATARATA SENIL, NO ESPECIFICADA", "CATARATA SENIL", "SE REALIZA FACOEMULSIFICACION", 'C', 10},
	{"G409", "EPILEPSIA, TIPO NO ESPECIFICADO", "CRISIS CONVULSIVAS", "SE IMPREGNA CON FENITOINA", 'G', 6},
	{"P073", "OTROS RECIEN NACIDOS PRETERMINO", "RECIEN NACIDO PRETERMINO", "MANEJO EN UCIN CON CPAP", 'P', 30},
	{"P599", "ICTERICIA NEONATAL, NO ESPECIFICADA", "ICTERICIA NEONATAL", "SE DA FOTOTERAPIA", 'P', 40},
	{"P220", "SINDROME DE DIFICULTAD RESPIRATORIA DEL RECIEN NACIDO", "SINDROME DE DIFICULTAD RESPIRATORIA", "SE APLICA SURFACTANTE", 'P', 15},
}

// evComorbidities are the secondary diagnoses of adults.
var evComorbidities = []evDx{
	{"E119", "DIABETES MELLITUS NO INSULINODEPENDIENTE SIN MENCION DE COMPLICACION", "DM2", "", 'A', 30},
	{"I10", "HIPERTENSION ESENCIAL (PRIMARIA)", "HAS", "", 'A', 30},
	{"E669", "OBESIDAD, NO ESPECIFICADA", "OBESIDAD", "", 'A', 15},
	{"N189", "ENFERMEDAD RENAL CRONICA, NO ESPECIFICADA", "ERC", "", 'B', 8},
	{"J459", "ASMA, NO ESPECIFICADA", "ASMA", "", 'G', 5},
	{"F172", "TRASTORNOS MENTALES Y DEL COMPORTAMIENTO DEBIDOS AL USO DE TABACO: SINDROME DE DEPENDENCIA", "TABAQUISMO", "", 'A', 6},
	{"E785", "HIPERLIPIDEMIA NO ESPECIFICADA", "DISLIPIDEMIA", "", 'A', 8},
	{"E46", "DESNUTRICION PROTEICOCALORICA, NO ESPECIFICADA", "DESNUTRICION", "", 'G', 3},
}

var evDischargeW = func() weighted {
	var ws []uint64
	for _, d := range evDischarges {
		ws = append(ws, d.weight)
	}
	return newWeighted(ws)
}()

func evFits(who byte, sex byte, age int) bool {
	switch who {
	case 'A':
		return age >= 18
	case 'B':
		return age >= 40
	case 'C':
		return age >= 60
	case 'O':
		return sex == 'M' && age >= 15 && age <= 45
	case 'F':
		return sex == 'M' && age >= 25
	case 'H':
		return sex == 'H' && age >= 50
	case 'P':
		return false
	}
	return age >= 1
}

// evDischargeDx draws a principal diagnosis that fits the patient.
func evDischargeDx(r *rand.Rand, sex byte, age int, neonate bool) evDx {
	if neonate {
		var ps []evDx
		for _, d := range evDischarges {
			if d.who == 'P' {
				ps = append(ps, d)
			}
		}
		return pick(r, ps)
	}
	for range 20 {
		if d := evDischarges[evDischargeW.pick(r)]; evFits(d.who, sex, age) {
			return d
		}
	}
	return evDischarges[9] // J189, anyone
}

// evSecondaryDx is a comorbidity, or the live birth after a delivery.
func evSecondaryDx(r *rand.Rand, dx evDx, age int) *evDx {
	if dx.code == "O800" || strings.HasPrefix(dx.code, "O82") {
		return &evDx{"Z370", "NACIDO VIVO, UNICO", "RN VIVO", "", 'O', 0}
	}
	for range 8 {
		c := pick(r, evComorbidities)
		if c.code != dx.code && evFits(c.who, 'M', age) {
			return &c
		}
	}
	return nil
}

// evDischargeReason is the motivo de egreso; deaths follow age and severity.
func evDischargeReason(r *rand.Rand, age int, dx evDx) string {
	severe := map[string]bool{"A419": true, "I219": true, "I639": true, "K746": true, "U071": true, "N180": true, "J441": true}
	die := 5 + age/3
	if severe[dx.code] {
		die += 90
	}
	if dx.who == 'O' || dx.who == 'P' {
		die = 2
	}
	if chance(r, die) {
		return "DEFUNCION"
	}
	switch n := r.IntN(100); {
	case n < 58:
		return "MEJORIA"
	case n < 84:
		return "CURACION"
	case n < 89:
		return "ALTA VOLUNTARIA"
	case n < 95:
		return "PASE A OTRO HOSPITAL"
	case n < 96:
		return "FUGA"
	}
	return "OTRO MOTIVO"
}

// evDoctor is a hospital doctor's name as the discharge system prints it,
// one fixed form per doctor.
func evDoctor(r *rand.Rand, t *nameTables) string {
	sex := byte('H')
	if chance(r, 500) {
		sex = 'M'
	}
	g1, g2 := t.drawGiven(r, sex)
	given := plain(t.givenName(g1, g2))
	pat, mat := plain(t.surnames[t.drawSurname(r, false)]), plain(t.surnames[t.drawSurname(r, false)])
	switch n := r.IntN(100); {
	case n < 40:
		return pat + " " + mat + " " + given
	case n < 70:
		title := "DR."
		if sex == 'M' {
			title = "DRA."
		}
		return title + " " + given + " " + pat
	case n < 85:
		return "M.C. " + given + " " + pat + " " + mat
	}
	return fmt.Sprintf("%s %s %s / CED. %07d", pat, mat, given, between(r, 1000000, 9999999))
}

// evSummary is resumen_clinico: about 5% empty; the others always give the
// condition, and about a quarter name the patient.
func evSummary(r *rand.Rand, ps Person, in time.Time, age int, neonate bool, dx evDx, sec *evDx, motivo string) any {
	if chance(r, 50) {
		return nil
	}
	sexo := "MASCULINO"
	if ps.Sex == 'M' {
		sexo = "FEMENINO"
	}
	var who string
	switch {
	case neonate:
		who = "RECIEN NACIDO DE " + pick(r, []string{"1 DIA", "2 DIAS", "3 DIAS"})
	case age == 0:
		months := (in.Year()-ps.Birth.Year())*12 + int(in.Month()) - int(ps.Birth.Month())
		if in.Day() < ps.Birth.Day() {
			months--
		}
		who = fmt.Sprintf("LACTANTE %s DE %d MESES", sexo, max(1, months))
	case age == 1:
		who = sexo + " DE 1 AÑO"
	default:
		who = fmt.Sprintf("%s DE %d AÑOS", sexo, age)
	}
	cond := dx.short
	if chance(r, 300) {
		cond = dx.desc
	}
	var b strings.Builder
	if chance(r, 250) && !neonate {
		fmt.Fprintf(&b, "PACIENTE %s, %s, INGRESA CON DIAGNOSTICO DE %s.", plain(ps.FullName()), who, cond)
	} else {
		fmt.Fprintf(&b, "%s QUE INGRESA POR %s.", who, cond)
	}
	if sec != nil && sec.code != "Z370" {
		fmt.Fprintf(&b, " ANTECEDENTE DE %s.", sec.short)
	}
	if dx.proc != "" {
		b.WriteString(" " + dx.proc + ".")
	}
	switch motivo {
	case "DEFUNCION":
		b.WriteString(" EVOLUCIONA TORPIDAMENTE Y FALLECE.")
	case "PASE A OTRO HOSPITAL":
		b.WriteString(" SE REFIERE A TERCER NIVEL.")
	case "ALTA VOLUNTARIA":
		b.WriteString(" FAMILIAR SOLICITA ALTA VOLUNTARIA.")
	default:
		b.WriteString(" " + pick(r, []string{"EVOLUCION FAVORABLE, SE EGRESA A DOMICILIO.",
			"SE EGRESA CON CITA A CONSULTA EXTERNA.", "SE DA DE ALTA POR MEJORIA."}))
	}
	return b.String()
}
