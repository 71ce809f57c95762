package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// A dental clinic's system, migrated from FoxPro: every column carries its
// table's abbreviation (PAC_ for PACIENTES, TRA_ for TRATAMIENTOS) and the
// names are cut short (PAC_APPAT, PAC_COL, PAC_MPIO, PAC_FNAC). The two
// tables share their patient ids, so the plan of patients is drawn once
// from its own stream, and both styles replay it.

// r4DentalPatient is one row of PACIENTES: a pool person, or a test record
// a technician left behind (person -1).
type r4DentalPatient struct {
	person int32
	alta   int32 // registration day
	form   CURPForm
}

// r4DentalPlan draws the clinic's patients: about 2.5% of the pool, any
// age, registered since 2003 in id order; one in forty rows is a test
// record (NOMBRE1, CALLE1).
func r4DentalPlan(p *Pool) []r4DentalPatient {
	r := newRand(p.seed, "r4/dental-patients")
	start := timeDay(time.Date(2003, 2, 1, 0, 0, 0, 0, time.UTC))
	end := timeDay(p.Today()) - 1
	var plan []r4DentalPatient
	for _, i := range p.Sample(r, 25, nil) {
		from := max(start, p.people[i].birth)
		day := from + int32(r.IntN(int(end-from)+1))
		form := CURPValid
		switch n := r.IntN(1000); {
		case dayTime(day).Year() < 2012 && n < 550: // CURP was not asked then
			form = CURPNull
		case n < 80:
			form = CURPNull
		case n < 100:
			form = CURPPlaceholder
		case n < 110:
			form = CURPTypo
		}
		plan = append(plan, r4DentalPatient{person: i, alta: day, form: form})
	}
	for k := len(plan) / 40; k > 0; k-- {
		plan = append(plan, r4DentalPatient{person: -1, alta: start + int32(r.IntN(int(end-start)+1))})
	}
	// ids follow registration
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && (plan[b].alta < plan[b-1].alta || plan[b].alta == plan[b-1].alta && plan[b].person < plan[b-1].person); b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	return plan
}

// PACIENTES: the clinic's patient file. PAC_APPAT, PAC_APMAT and
// PAC_NOMBRE are person_name; PAC_FNAC (DD/MM/YYYY text, 00/00/0000 when
// unknown) birthdate; PAC_CALLE (street and number) and PAC_COL address;
// PAC_MPIO (a municipality alone) none; PAC_CP postal_code; PAC_TEL the
// home phone as captured: a seven- or eight-digit local number before the
// 2019 numbering change, ten digits after (phone); PAC_CEL a mobile
// (phone); PAC_CURP curp, asked only since 2012. Test records (NOMBRE1,
// APELLIDO2, CALLE1, COLONIA 3, phone 0000000) are placeholders.
func r4BuildPacientes(p *Pool, r *rand.Rand) *Table {
	plan := r4DentalPlan(p)
	t := &Table{
		Name:  "PACIENTES",
		Style: "dental-clinic-legacy",
		Rows:  len(plan),
		Columns: legacy([]Column{
			col("PAC_CVE", Integer),
			col("PAC_APPAT", Varchar(30), taxonomy.PersonName),
			col("PAC_APMAT", Varchar(30), taxonomy.PersonName),
			col("PAC_NOMBRE", Varchar(40), taxonomy.PersonName),
			col("PAC_FNAC", Char(10), taxonomy.Birthdate),
			col("PAC_SEXO", Char(1)),
			col("PAC_CALLE", Varchar(60), taxonomy.Address),
			col("PAC_COL", Varchar(40), taxonomy.Address),
			col("PAC_MPIO", Varchar(80)),
			col("PAC_CP", Char(5), taxonomy.PostalCode),
			col("PAC_TEL", Varchar(12), taxonomy.Phone),
			col("PAC_CEL", Varchar(14), taxonomy.Phone),
			col("PAC_CURP", Char(18), taxonomy.CURP),
			col("PAC_FALTA", Date),
			col("PAC_OBS", Varchar(40)),
		}),
	}
	for _, e := range plan {
		if e.person >= 0 && e.form == CURPValid {
			t.Persons = append(t.Persons, e.person)
		}
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range plan {
			alta := dayTime(e.alta)
			var row []any
			if e.person < 0 {
				row = []any{int64(k + 1), r4Filler(r, "APELLIDO"), r4Filler(r, "APELLIDO"), r4Filler(r, pick(r, []string{"NOMBRE", "PRUEBA", "PACIENTE"})),
					pick(r, []any{"00/00/0000", "01/01/1900", nil}), "M", r4Filler(r, pick(r, []string{"CALLE", "DOMICILIO"})),
					r4Filler(r, "COLONIA"), nil, pick(r, []any{"00000", nil}), pick(r, []any{"0000000", "1234567", nil}), nil, nil,
					alta, "REGISTRO DE PRUEBA"}
			} else {
				ps := p.Person(e.person)
				a := ps.Address
				fnac := any(ddmmyyyy(ps.Birth))
				if chance(r, 12) {
					fnac = "00/00/0000"
				}
				var materno any
				if ps.Materno != "" {
					materno = mojibake(r, plain(ps.Materno), 80)
				}
				calle := plain(a.StreetType + " " + a.Street + " " + a.NumberText())
				if chance(r, 300) {
					calle = plain(a.Street + " NO. " + a.NumberText())
				}
				var tel, cel any
				if !chance(r, 150) {
					tel = r4PhoneAt(r, ps.Phone, alta)
				}
				if chance(r, 450) || !alta.Before(r4NumberingChange) && chance(r, 700) {
					cel = ps.Phone
				}
				var cp any = a.PostalCode
				if chance(r, 40) {
					cp = nil
				}
				row = []any{int64(k + 1), mojibake(r, plain(ps.Paterno), 80), materno,
					padTo(mojibake(r, plain(ps.Nombre), 80), 40), fnac, sexCode(ps.Sex, "M", "F", "X"), padTo(calle, 60),
					plain(a.Colonia), plain(a.Municipality), cp, tel, cel, curpCell(r, e.form, ps.CURP, p.Today()), alta,
					pick(r, r4DentalObs)}
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// padTo cuts a value to a column's width.
func padTo(s string, n int) string {
	if rs := []rune(s); len(rs) > n {
		return strings.TrimSpace(string(rs[:n]))
	}
	return s
}

var r4DentalObs = []any{nil, nil, nil, nil, "PIDE FACTURA", "PAGO CON TARJETA", "CONVENIO EMPRESA", "DESCUENTO 10%",
	"CITA POR TELEFONO", "PRESUPUESTO ENTREGADO"}

// TRATAMIENTOS: the treatments done at each visit, keyed by the patient's
// id (TRA_PAC). The table is about the patients it links to (doc.go), so
// the diagnosis of the tooth (TRA_DIAG), the procedure (TRA_PROC) and the
// dentist's note (TRA_NOTA: "SE COLOCA RESINA EN 36 OCLUSAL") are
// health_condition; the tooth number alone (TRA_PIEZA, FDI notation) says
// where, not what, and gets none, as a bed number does; TRA_DR, the
// dentist, is person_name; the amount and the paid flag none.
func r4BuildTratamientos(p *Pool, r *rand.Rand) *Table {
	patients := r4DentalPlan(p)
	type visit struct {
		patient int32 // index in patients
		day     int32
		item    uint8
		tooth   uint8
		dr      uint8
	}
	dentists := r4Staff(r, 5, "DR.", "DRA.")
	today := timeDay(p.Today())
	var plan []visit
	for k, e := range patients {
		if e.person < 0 {
			continue
		}
		for range between(r, 1, 6) {
			day := e.alta + int32(r.IntN(int(today-e.alta)+1))
			plan = append(plan, visit{patient: int32(k), day: day, item: uint8(r.IntN(len(r4DentalItems))),
				tooth: uint8(r4Tooth(r)), dr: uint8(r.IntN(len(dentists)))})
		}
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].day < plan[b-1].day; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	t := &Table{
		Name:  "TRATAMIENTOS",
		Style: "dental-treatment-notes",
		Rows:  len(plan),
		Columns: legacy([]Column{
			col("TRA_FOLIO", Integer),
			col("TRA_PAC", Integer),
			col("TRA_FECHA", Date),
			col("TRA_PIEZA", Char(2)),
			col("TRA_DIAG", Varchar(40), taxonomy.HealthCondition),
			col("TRA_PROC", Varchar(40), taxonomy.HealthCondition),
			col("TRA_NOTA", Varchar(200), taxonomy.HealthCondition),
			col("TRA_DR", Varchar(60), taxonomy.PersonName),
			col("TRA_IMPORTE", Decimal(10, 2)),
			col("TRA_PAGADO", Char(1)),
		}),
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, v := range plan {
			it := r4DentalItems[v.item]
			tooth := fmt.Sprintf("%d", v.tooth)
			var pieza any = tooth
			if it.whole {
				pieza = nil
			}
			note := r4DentalNote(r, it, tooth)
			row := []any{int64(100000 + k), int64(v.patient + 1), dayTime(v.day), pieza, it.dx, it.proc, note,
				dentists[v.dr], money(it.price*100 + between(r, 0, 4)*5000), pick(r, []string{"S", "S", "S", "N"})}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// r4Tooth draws a permanent tooth in FDI notation: quadrant 1-4, tooth 1-8.
func r4Tooth(r *rand.Rand) int { return between(r, 1, 4)*10 + between(r, 1, 8) }

// r4DentalItems are what a visit finds and does: the diagnosis, the
// procedure, whether it concerns the whole mouth, and a base price.
type r4DentalItem struct {
	dx, proc string
	whole    bool
	price    int
	notes    []string // %s is the tooth
}

var r4DentalItems = []r4DentalItem{
	{"CARIES CLASE I", "RESINA", false, 600, []string{"SE COLOCA RESINA EN %s CARA OCLUSAL", "RESINA EN %s, SE AJUSTA OCLUSION", "OBTURACION CON RESINA FOTOCURABLE EN %s"}},
	{"CARIES CLASE II", "RESINA", false, 750, []string{"RESINA EN %s MESIO OCLUSAL", "SE RETIRA TEJIDO CARIOSO DE %s Y SE OBTURA CON RESINA"}},
	{"CARIES CLASE II", "AMALGAMA", false, 450, []string{"AMALGAMA EN %s", "SE CAMBIA AMALGAMA FRACTURADA EN %s"}},
	{"PULPITIS IRREVERSIBLE", "ENDODONCIA", false, 3200, []string{"ENDODONCIA EN %s, SE DEJA CURACION TEMPORAL", "PACIENTE REFIERE DOLOR AL FRIO EN %s, SE INICIA ENDODONCIA", "CONDUCTOS DE %s OBTURADOS, PENDIENTE CORONA"}},
	{"RESTO RADICULAR", "EXTRACCION", false, 700, []string{"EXTRACCION DE %s BAJO ANESTESIA LOCAL SIN COMPLICACIONES", "SE EXTRAE RESTO RADICULAR DE %s, SE INDICA IBUPROFENO"}},
	{"TERCER MOLAR RETENIDO", "CIRUGIA DE TERCER MOLAR", false, 2800, []string{"CIRUGIA DE %s RETENIDO, SE SUTURA, CITA EN 8 DIAS PARA RETIRO DE PUNTOS"}},
	{"FRACTURA CORONARIA", "CORONA", false, 4500, []string{"PREPARACION PARA CORONA EN %s", "SE CEMENTA CORONA DE PORCELANA EN %s"}},
	{"GINGIVITIS", "PROFILAXIS", true, 500, []string{"PROFILAXIS Y FLUOR, TECNICA DE CEPILLADO", "LIMPIEZA DENTAL, SANGRADO AL SONDEO GENERALIZADO"}},
	{"ENFERMEDAD PERIODONTAL", "CURETAJE", true, 1800, []string{"RASPADO Y ALISADO RADICULAR POR CUADRANTES", "BOLSAS PERIODONTALES DE 5 MM, SE INICIA CURETAJE"}},
	{"MALOCLUSION CLASE II", "AJUSTE DE ORTODONCIA", true, 900, []string{"CAMBIO DE ARCO, SE ACTIVAN LIGAS", "AJUSTE MENSUAL DE BRACKETS"}},
	{"BRUXISMO", "GUARDA OCLUSAL", true, 2200, []string{"SE TOMAN IMPRESIONES PARA GUARDA", "ENTREGA DE GUARDA OCLUSAL NOCTURNA"}},
	{"ABSCESO PERIAPICAL", "DRENAJE", false, 800, []string{"DRENAJE DE ABSCESO EN %s, SE RECETA AMOXICILINA", "INFLAMACION EN ZONA DE %s, SE DRENA"}},
}

// r4DentalNote is the dentist's note for a visit.
func r4DentalNote(r *rand.Rand, it r4DentalItem, tooth string) string {
	n := pick(r, it.notes)
	if strings.Contains(n, "%s") {
		n = fmt.Sprintf(n, tooth)
	}
	if chance(r, 200) {
		n += ". " + pick(r, []string{"PROXIMA CITA EN 15 DIAS", "PACIENTE TOLERA BIEN", "SE DAN INDICACIONES POSTOPERATORIAS", "ALERGICO A PENICILINA"})
	}
	return n
}
