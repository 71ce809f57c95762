package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// lab_ordenes imitates the orders table of a private clinical-laboratory
// chain: one row per order, the patient's name in title case with accents
// in spoken order (María Guadalupe López Hernández), the birthdate in
// Oracle's DD-MON-YYYY with Spanish months (14-AGO-1985; 01-ENE-1900 is a
// sentinel), the sex written Femenino, Masculino or No binario. Patients
// are known by name only: no CURP column, so the table adds no persons.
//
// Labels: estudio (the test ordered for the named patient: HIV, pregnancy,
// glycated haemoglobin...), resultado (its interpretation) and
// dx_presuntivo (a CIE-10 code) are health_condition: a procedure done to a
// person and its outcome, in a table with a row per case. sucursal is the
// branch that took the sample (LABORATORIO CLINICO SUC. ...), the facility
// that attended the patient: health_facility. medico_solicitante is a
// physician's name (person_name; A QUIEN CORRESPONDA is in the column but
// is not a name). rfc_factura holds, when an invoice was asked for, the
// SAT's generic XAXX010101000 (not a value), a company's 12-character RFC
// (not personal) or the patient's own 13-character RFC (about 40% of the
// filled values): the column holds persons' RFCs, so it is rfc.
// usuario_captura is a login name: none.
func bcBuildLab(p *Pool, r *rand.Rand) *Table {
	type plan struct {
		who int32
		day int32
	}
	n := scaled(p.Len(), 1, 12, 80, 200000)
	from := timeDay(time.Date(2019, 1, 7, 0, 0, 0, 0, time.UTC))
	to := timeDay(p.Today()) - 1
	plans := make([]plan, n)
	for k := range plans {
		plans[k] = plan{who: int32(r.IntN(p.Len())), day: from + int32(int64(to-from)*int64(k)/int64(n))}
		for try := 0; try < 50 && timeDay(p.Birth(plans[k].who)) > plans[k].day-60; try++ {
			plans[k].who = int32(r.IntN(p.Len())) // born before the order
		}
	}
	var branches []string
	loadStatic()
	for range 6 {
		branches = append(branches, "LABORATORIO CLINICO SUC. "+pick(r, colonias))
	}
	var doctors []string
	for range 40 {
		f := pick(r, p.Facilities())
		doctors = append(doctors, pick(r, f.Doctors))
	}
	t := &Table{Name: "lab_ordenes", Style: "private-lab-orders"}
	t.PrimaryKey = []string{"orden_id"}
	t.Columns = []Column{
		col("orden_id", Integer),
		col("fecha_toma", Varchar(19)),
		col("sucursal", Varchar(60), "health_facility"),
		col("paciente", Varchar(90), "person_name"),
		col("f_nacimiento", Varchar(11), "birthdate"),
		col("edad", Integer),
		col("sexo", Varchar(10)),
		col("telefono", Varchar(20), "phone"),
		col("correo", Varchar(60), "email"),
		col("medico_solicitante", Varchar(80), "person_name"),
		col("dx_presuntivo", Varchar(6), "health_condition"),
		col("estudio", Varchar(60), "health_condition"),
		col("resultado", Varchar(120), "health_condition"),
		col("importe", Decimal(10, 2)),
		col("rfc_factura", Varchar(13), "rfc"),
		col("usuario_captura", Varchar(12)),
	}
	t.Rows = n
	seed := r.Uint64()
	type study struct {
		name    string
		price   int
		results []string
		who     byte // 'M' women only, 'H' men only, 0 anyone
	}
	studies := []study{
		{"BIOMETRIA HEMATICA COMPLETA", 18000, []string{"DENTRO DE PARAMETROS NORMALES", "ANEMIA MICROCITICA HIPOCROMICA", "LEUCOCITOSIS CON NEUTROFILIA", "TROMBOCITOPENIA LEVE"}, 0},
		{"QUIMICA SANGUINEA 6 ELEMENTOS", 32000, []string{"GLUCOSA {140-290} MG/DL, ELEVADA", "COLESTEROL TOTAL {241-320} MG/DL, ELEVADO", "DENTRO DE PARAMETROS NORMALES", "ACIDO URICO ELEVADO"}, 0},
		{"HEMOGLOBINA GLUCOSILADA (HBA1C)", 29000, []string{"HBA1C {7-11}.{0-9}%, DESCONTROL GLUCEMICO", "HBA1C 5.{0-6}%, NORMAL"}, 0},
		{"PERFIL TIROIDEO", 54000, []string{"TSH ELEVADA, COMPATIBLE CON HIPOTIROIDISMO", "DENTRO DE PARAMETROS NORMALES"}, 0},
		{"PRUEBA INMUNOLOGICA DE EMBARAZO", 15000, []string{"POSITIVO", "NEGATIVO", "NEGATIVO"}, 'M'},
		{"EXAMEN GENERAL DE ORINA", 12000, []string{"SIN ALTERACIONES", "BACTERIURIA ABUNDANTE, LEUCOCITOS 20-25 POR CAMPO", "GLUCOSURIA"}, 0},
		{"ANTIGENO SARS-COV-2", 45000, []string{"POSITIVO", "NEGATIVO", "NEGATIVO", "NEGATIVO"}, 0},
		{"VIH 1/2 PRUEBA RAPIDA", 25000, []string{"NO REACTIVO", "NO REACTIVO", "REACTIVO, SE ENVIA A CONFIRMATORIA"}, 0},
		{"ANTIGENO PROSTATICO ESPECIFICO", 38000, []string{"PSA {5-14}.{0-9} NG/ML, ELEVADO", "PSA {0-2}.{0-9} NG/ML, NORMAL"}, 'H'},
	}
	companies := p.Companies()
	today := p.Today()
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, pl := range plans {
			pp := p.Person(pl.who)
			taken := dayTime(pl.day).Add(time.Duration(between(rr, 7*60, 11*60)) * time.Minute)
			age := max(0, bcAgeAt(pp.Birth, taken))
			var s study
			for {
				s = pick(rr, studies)
				if s.who == 0 || s.who == pp.Sex && age >= 15 {
					break
				}
			}
			var result any = bcFill(rr, pick(rr, s.results))
			if chance(rr, 40) {
				result = nil // pending
			}
			birth := bcMonDate(pp.Birth)
			if chance(rr, 20) {
				birth = "01-ENE-1900"
			}
			var email any
			if pp.Email != "" && chance(rr, 800) {
				email = pp.Email
			}
			var doctor any = pick(rr, doctors)
			switch n := rr.IntN(100); {
			case n < 12:
				doctor = "A QUIEN CORRESPONDA"
			case n < 20:
				doctor = nil
			}
			var dx any
			if chance(rr, 650) {
				dx = CIE10Display(bcDiagnosis(rr).Code, rr.IntN(2))
			}
			var rfc any
			if chance(rr, 400) {
				switch n := rr.IntN(100); {
				case n < 40 && bcAgeAt(pp.Birth, today) >= 18:
					rfc = bcRFC(rr, pp.CURP, 15)
				case n < 55 && len(companies) > 0:
					rfc = pick(rr, companies).RFC
				default:
					rfc = "XAXX010101000"
				}
			}
			row := []any{
				int64(2190000 + k),
				bcStamp(taken),
				pick(rr, branches),
				bcTitleFull(pp),
				birth,
				int64(age),
				sexCode(pp.Sex, "Masculino", "Femenino", "No binario"),
				bcIntlPhone(rr, pp.Phone),
				email,
				doctor,
				dx,
				s.name,
				result,
				money(s.price),
				rfc,
				fmt.Sprintf("recep%02d", between(rr, 1, 18)),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bcFill replaces each {lo-hi} in a template with a number in that range.
func bcFill(r *rand.Rand, s string) string {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return s
		}
		j := i + strings.IndexByte(s[i:], '}')
		var lo, hi int
		fmt.Sscanf(s[i+1:j], "%d-%d", &lo, &hi)
		s = s[:i] + strconv.Itoa(between(r, lo, hi)) + s[j+1:]
	}
}
