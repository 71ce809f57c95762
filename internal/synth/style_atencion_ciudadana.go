package synth

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// atencion_ciudadana: a municipality's citizen service desk, one row per
// request in registration order: a folio, when it was registered, the
// kind of request, the requester's name, phone and colonia as the clerk
// captured them (the colonia of the requester's home, not of the
// problem), and relato, the request in the citizen's words, two to four
// upper-case sentences.
//
// About 45% of the requests are about the street (potholes, street
// lights, rubbish, trees, leaks, traffic lights) and say where the problem
// is by an intersection or a landmark, never by a house number: those
// relatos hold no personal data. The others are about the requester: no
// water at home, medicines or appointments missing at the health centre,
// a pension or a document. Their relato identifies the requester in a
// sentence (the name, MI CURP ES ..., NACI EL 21/03/1963 or FECHA DE
// NACIMIENTO 21 DE MARZO DE 1963) and gives a way to reach them in
// another (VIVO EN CALLE ROBLES 45 COL. CENTRO, C.P. 44100, a phone as
// 55 1234 5678 or TEL. 3312345678); health requests name the condition of
// the requester or a relative. Over all non-empty relatos, names come in
// about a fifth, phones and addresses in about a fifth each, postal codes,
// birthdates, CURPs and conditions in about a tenth each: relato is
// labelled with all seven (the 5% rule of doc.go). No CURP column: the
// table counts no persons. ANONIMO in nombre_solicitante is a
// placeholder, not a name.
func buildAtencionCiudadana(p *Pool, r *rand.Rand) *Table {
	type request struct {
		person int32
		at     int32 // minutes since atencionStart
		facts  citizenFacts
	}
	start := timeDay(atencionStart)
	end := timeDay(p.Today()) - 1
	n := scaled(p.Len(), 1, 15, 100, 300000)
	var plan []request
	for range n {
		i := int32(r.IntN(p.Len()))
		if ageAt(p.Birth(i), p.Today()) < 18 { // a minor's parent files it
			i = int32(r.IntN(p.Len()))
		}
		day := start + int32(r.IntN(int(end-start)+1))
		plan = append(plan, request{i, (day-start)*24*60 + int32(between(r, 8*60, 18*60-1)), drawCitizenFacts(r)})
	}
	slices.SortStableFunc(plan, func(a, b request) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:       "atencion_ciudadana",
		Style:      "citizen-service-requests",
		Rows:       len(plan),
		PrimaryKey: []string{"folio"},
		Columns: []Column{
			col("folio", Integer),
			col("fecha_registro", Timestamp),
			col("tipo_solicitud", Varchar(40)),
			col("nombre_solicitante", Varchar(100), taxonomy.PersonName),
			col("telefono", Varchar(20), taxonomy.Phone),
			col("colonia", Varchar(80), taxonomy.Address),
			col("relato", Text, taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address,
				taxonomy.PostalCode, taxonomy.Phone, taxonomy.HealthCondition),
		},
	}
	for _, q := range plan {
		f := q.facts
		told := !f.noRelato && !f.street // the relato is about the requester
		name := f.nombre == nombreFull || f.nombre == nombreRegistry || told && f.whoName
		holds := Cats(taxonomy.Phone, taxonomy.Address)
		if name {
			holds |= Cats(taxonomy.PersonName)
		}
		ident := IdentNone
		if told && f.whoCURP {
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if told && f.whoBirth {
			holds |= Cats(taxonomy.Birthdate)
			if name {
				ident |= IdentNameBirth
			}
		}
		// only SOY PACIENTE CON ... is the requester's own condition;
		// the others are a relative's
		if told && f.health && f.condition && strings.HasPrefix(atencionHealthProblems[f.healthTpl], "SOY ") {
			holds |= Cats(taxonomy.HealthCondition)
		}
		t.subject(q.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, q := range plan {
			ps := p.Person(q.person)
			at := atencionStart.Add(minutes(q.at))
			tipo, relato := citizenRelato(r, ps, q.facts)
			var nombre any = plain(ps.FullName())
			switch q.facts.nombre {
			case nombreAnonymous:
				nombre = "ANONIMO"
			case nombreNull:
				nombre = nil
			case nombreRegistry:
				nombre = plain(ps.RegistryName())
			}
			var tel, colonia any
			if chance(r, 800) {
				tel = phoneText(r, ps.Phone)
			}
			if chance(r, 850) {
				colonia = plain(ps.Address.Colonia)
			}
			var rel any = relato
			if q.facts.noRelato {
				rel = nil
			}
			row := []any{int64(20000 + k + 1), at, tipo, nombre, tel, colonia, rel}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// atencionStart is the first day of the citizen service desk's records.
var atencionStart = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Requests about the street: the problem, where it is, and a detail.
var (
	atencionStreetProblems = []struct{ tipo, problem string }{
		{"BACHEO", "HAY UN BACHE MUY PROFUNDO {W}"},
		{"BACHEO", "SE ESTA HUNDIENDO EL PAVIMENTO {W}"},
		{"ALUMBRADO PUBLICO", "NO FUNCIONAN LAS LAMPARAS DEL ALUMBRADO {W}"},
		{"ALUMBRADO PUBLICO", "HAY UN POSTE DE LUZ A PUNTO DE CAERSE {W}"},
		{"RECOLECCION DE BASURA", "EL CAMION DE LA BASURA NO PASA {W}"},
		{"RECOLECCION DE BASURA", "TIRAN BASURA EN EL LOTE BALDIO {W}"},
		{"PODA DE ARBOLES", "UN ARBOL TIENE RAMAS SOBRE LOS CABLES {W}"},
		{"FUGA DE AGUA", "HAY UNA FUGA DE AGUA EN LA BANQUETA {W}"},
		{"SEMAFOROS", "EL SEMAFORO ESTA DESCOMPUESTO {W}"},
	}
	atencionStreetWhere = []string{
		"EN LA ESQUINA DE {S1} Y {S2}",
		"SOBRE {S1} A LA ALTURA DEL MERCADO",
		"FRENTE A LA ESCUELA PRIMARIA DE LA COLONIA {C}",
		"EN EL CRUCE DE {S1} CON {S2}",
		"A UN COSTADO DEL PARQUE DE LA COLONIA {C}",
		"SOBRE {S1} ENTRE {S2} Y {S3}",
	}
	atencionStreetDetails = []string{
		"LLEVA MAS DE DOS SEMANAS ASI.",
		"YA SE REPORTO ANTES Y NADIE HA VENIDO.",
		"ES UN PELIGRO PARA LOS NIÑOS QUE VAN A LA ESCUELA.",
		"EN LA NOCHE NO SE VE NADA.",
		"YA HUBO UN ACCIDENTE POR ESTO.",
	}
	atencionClosings = []string{
		"SOLICITO QUE SE ATIENDA A LA BREVEDAD.",
		"AGRADEZCO SU ATENCION.",
		"ESPERO SU PRONTA RESPUESTA.",
		"PIDO QUE MANDEN A ALGUIEN A REVISAR.",
	}
)

// Requests about the requester.
var (
	atencionPersonalProblems = []struct{ tipo, problem string }{
		{"AGUA POTABLE", "NO TENEMOS AGUA EN MI CASA DESDE HACE UNA SEMANA."},
		{"AGUA POTABLE", "EL RECIBO DEL AGUA LLEGO CON UN COBRO QUE NO CORRESPONDE."},
		{"PROGRAMAS SOCIALES", "NO ME HAN DEPOSITADO MI PENSION DE ESTE BIMESTRE."},
		{"PROGRAMAS SOCIALES", "QUIERO SABER SI QUEDE INSCRITO EN EL PROGRAMA DE APOYO."},
		{"TRAMITES", "NECESITO UNA CONSTANCIA DE RESIDENCIA Y NO ME DAN CITA."},
		{"TRAMITES", "MI ACTA DE NACIMIENTO TIENE UN ERROR EN EL APELLIDO."},
	}
	atencionHealthProblems = []string{
		"MI MAMA TIENE {H} Y EN EL CENTRO DE SALUD NO HAY SU MEDICAMENTO.",
		"SOY PACIENTE CON {H} Y NO ME HAN DADO CITA CON EL ESPECIALISTA.",
		"MI ESPOSO PADECE {H} Y LLEVAMOS TRES MESES ESPERANDO CONSULTA.",
		"MI HIJO TIENE {H} Y NECESITA TRASLADO AL HOSPITAL.",
	}
	atencionConditions = []string{"DIABETES", "HIPERTENSION", "INSUFICIENCIA RENAL CRONICA", "CANCER DE MAMA",
		"EPILEPSIA", "ASMA", "ARTRITIS REUMATOIDE", "VIH"}
	atencionHealthOnly = []string{ // a health request that names no condition
		"EN EL CENTRO DE SALUD NO HAY MEDICAMENTOS.",
		"NO HAY MEDICO EN EL CENTRO DE SALUD POR LAS TARDES.",
	}
)

// citizenFacts are what a request holds about its requester, drawn with
// the plan so that the truth of the person figures knows them.
type citizenFacts struct {
	nombre    uint8 // nombreFull, nombreAnonymous, nombreNull, nombreRegistry
	noRelato  bool
	street    bool  // a request about the street: the relato holds nothing personal
	health    bool  // a health request
	condition bool  // ... that names a condition
	healthTpl uint8 // which of atencionHealthProblems
	whoName   bool  // the relato names the requester
	whoCURP   bool  // ... gives their CURP
	whoBirth  bool  // ... and their birthdate
}

const (
	nombreFull = iota
	nombreAnonymous
	nombreNull
	nombreRegistry
)

func drawCitizenFacts(r *rand.Rand) citizenFacts {
	var f citizenFacts
	switch n := r.IntN(1000); {
	case n < 70:
		f.nombre = nombreAnonymous
	case n < 90:
		f.nombre = nombreNull
	case n < 250:
		f.nombre = nombreRegistry
	}
	f.noRelato = chance(r, 15)
	f.street = chance(r, 450)
	f.health, f.condition = chance(r, 250), chance(r, 850)
	f.healthTpl = uint8(r.IntN(len(atencionHealthProblems)))
	f.whoName, f.whoCURP, f.whoBirth = chance(r, 400), chance(r, 200), chance(r, 180)
	return f
}

// citizenRelato writes a request: its kind and the citizen's text.
func citizenRelato(r *rand.Rand, ps Person, f citizenFacts) (tipo, relato string) {
	var ss []string
	if f.street {
		sp := pick(r, atencionStreetProblems)
		where := pick(r, atencionStreetWhere)
		var st [3]string
		for i := range st {
			for st[i] == "" || i > 0 && st[i] == st[0] || i > 1 && st[i] == st[1] {
				st[i] = pick(r, streetNames)
			}
		}
		where = strings.NewReplacer("{S1}", atencionStreetLabel(r, st[0]), "{S2}", atencionStreetLabel(r, st[1]),
			"{S3}", atencionStreetLabel(r, st[2]), "{C}", pick(r, colonias)).Replace(where)
		ss = append(ss, strings.Replace(sp.problem, "{W}", where, 1)+".")
		if chance(r, 600) {
			ss = append(ss, pick(r, atencionStreetDetails))
		}
		ss = append(ss, pick(r, atencionClosings))
		return sp.tipo, plain(strings.Join(ss, " "))
	}

	if f.health {
		tipo = "SALUD"
		if f.condition {
			ss = append(ss, strings.Replace(atencionHealthProblems[f.healthTpl], "{H}", pick(r, atencionConditions), 1))
		} else {
			ss = append(ss, pick(r, atencionHealthOnly))
		}
	} else {
		pp := pick(r, atencionPersonalProblems)
		tipo = pp.tipo
		ss = append(ss, pp.problem)
	}

	// who: the name, the CURP, the birthdate, in one sentence
	var who []string
	if f.whoName {
		if chance(r, 500) {
			who = append(who, "MI NOMBRE ES "+ps.FullName())
		} else {
			who = append(who, "SOY "+ps.FullName())
		}
	}
	if f.whoCURP {
		who = append(who, "MI CURP ES "+ps.CURP)
	}
	if f.whoBirth {
		if chance(r, 500) {
			who = append(who, "NACI EL "+ddmmyyyy(ps.Birth))
		} else {
			who = append(who, "MI FECHA DE NACIMIENTO ES "+spanishLongDate(ps.Birth, true))
		}
	}
	if len(who) > 0 {
		ss = append(ss, strings.Join(who, ", ")+".")
	}

	// where to reach them: the address with or without the postal code, a phone
	a := ps.Address
	var reach []string
	if chance(r, 350) {
		line := "VIVO EN " + a.StreetLine() + " " + a.SettlementLine()
		if !strings.HasPrefix(a.StreetType, "CALLE") && chance(r, 300) {
			line = "MI DOMICILIO ES " + a.StreetLine() + ", " + a.SettlementLine()
		}
		if chance(r, 450) {
			line += ", C.P. " + a.PostalCode
		}
		reach = append(reach, line)
	} else if chance(r, 80) {
		reach = append(reach, "MI CODIGO POSTAL ES "+a.PostalCode)
	}
	if chance(r, 350) {
		d := ps.Phone
		lada := 3
		if strings.HasPrefix(d, "55") || strings.HasPrefix(d, "56") || strings.HasPrefix(d, "33") || strings.HasPrefix(d, "81") {
			lada = 2
		}
		switch n := r.IntN(4); n {
		case 0:
			reach = append(reach, "MI TELEFONO ES "+d[:lada]+" "+d[lada:6]+" "+d[6:])
		case 1:
			reach = append(reach, "TEL. "+d)
		case 2:
			reach = append(reach, "PUEDEN LLAMARME AL "+d)
		default:
			reach = append(reach, "MI CELULAR ES "+d[:lada]+"-"+d[lada:6]+"-"+d[6:])
		}
	}
	if len(reach) > 0 {
		ss = append(ss, strings.Join(reach, ", ")+".")
	}
	if len(ss) < 4 {
		ss = append(ss, pick(r, atencionClosings))
	}
	return tipo, plain(strings.Join(ss, " "))
}

// atencionStreetLabel writes a street as people name it: CALLE 21 for a
// numbered street, AV. JUAREZ or plain JUAREZ.
func atencionStreetLabel(r *rand.Rand, s string) string {
	if numberedStreet(s) {
		return "CALLE " + s
	}
	if chance(r, 300) {
		return "AV. " + s
	}
	return s
}
