package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/taxonomy"
)

// solicitudes_web: the requests a state government's web portal received,
// one row per submitted form in arrival order. The portal stores the form
// as it came, a JSON object per row in a TEXT column, next to a few
// columns of its own: the request id, when it arrived, the procedure and
// its status. The form changed over the years and between procedures, so
// the payloads differ from row to row:
//
//   - key sets: a full form (CURP, name and surnames, birthdate, phone,
//     e-mail and a nested address), a contact form (name, phone, e-mail),
//     an identity form (CURP, name, birthdate) and a form nesting the
//     applicant under "solicitante" with "contacto" and "domicilio"
//     objects inside;
//   - key names in Spanish (fechaNacimiento or fecha_nacimiento) or, in the
//     procedures a vendor built, English (birthDate, zipCode);
//   - missing answers as null or "", the postal code sometimes as a JSON
//     number (so Mexico City's 06700 loses its leading zero: 6700), the
//     birthdate as 1963-03-21 or, from a date picker, 21/03/1963;
//   - the encoder of each era: until mid-2021 a PHP back end escaped every
//     non-ASCII character and the slash (PE\u00d1A, 21\/03\/1963), until
//     2024 a Python one escaped non-ASCII and put spaces after ':' and ',',
//     since then Node writes plain UTF-8.
//
// The payload column is labelled with every category present in at least 5%
// of its non-empty values (doc.go): CURPs, names, birthdates, addresses,
// postal codes, phones and e-mails are all well above that. CURPs inside
// the JSON do not count persons: the column is not a CURP column.
func buildSolicitudesWeb(p *Pool, r *rand.Rand) *Table {
	type request struct {
		person int32
		at     int32 // minutes since solicitudesStart
		form   webFacts
	}
	start := timeDay(solicitudesStart)
	end := timeDay(p.Today()) - 1
	adult := func(i int32) bool { return ageAt(p.Birth(i), p.Today()) >= 18 }
	var plan []request
	if end > start {
		for _, i := range p.Sample(r, 80, adult) {
			for k := 0; k == 0 || k < 3 && chance(r, 150); k++ {
				day := start + int32(r.IntN(int(end-start)+1))
				plan = append(plan, request{i, (day-start)*24*60 + int32(r.IntN(24*60)), drawWebFacts(r)})
			}
		}
	}
	slices.SortStableFunc(plan, func(a, b request) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:       "solicitudes_web",
		Style:      "web-form-requests",
		Rows:       len(plan),
		PrimaryKey: []string{"id_solicitud"},
		Columns: []Column{
			col("id_solicitud", Integer),
			col("fecha_solicitud", Timestamp),
			col("tramite", Varchar(60)),
			col("payload", Text, taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address,
				taxonomy.PostalCode, taxonomy.Phone, taxonomy.Email),
			col("estatus", Varchar(20)),
		},
	}
	for _, q := range plan {
		// every form names the applicant in full; all but the contact
		// form ask for the CURP and the birthdate
		if q.form.shape == webContact {
			t.subject(q.person, IdentNone, Cats(taxonomy.PersonName, taxonomy.Phone, taxonomy.Email))
			continue
		}
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Address, taxonomy.PostalCode,
			taxonomy.Phone, taxonomy.Email)
		if q.form.curp == webCURPValid || q.form.curp == webCURPLower && validCURP(strings.ToLower(p.CURP(q.person)), p.Today()) {
			ident, holds = IdentCURP, holds|Cats(taxonomy.CURP)
		}
		if !q.form.noBirth {
			ident, holds = ident|IdentNameBirth, holds|Cats(taxonomy.Birthdate)
		}
		t.subject(q.person, ident, holds)
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, q := range plan {
			ps := p.Person(q.person)
			at := solicitudesStart.Add(minutes(q.at))
			tr := pick(r, tramitesWeb)
			enc := jsonNode
			switch {
			case at.Before(phpUntil):
				enc = jsonPHP
			case at.Before(pythonUntil):
				enc = jsonPython
			}
			payload := webPayload(r, p, ps, tr, q.form).encode(enc)
			estatus := pick(r, estatusWeb)
			if at.After(p.Today().AddDate(0, 0, -20)) && chance(r, 600) {
				estatus = "RECIBIDA"
			}
			row := []any{int64(k + 1), at, tr.name, payload, estatus}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var (
	solicitudesStart = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	phpUntil         = time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)
	pythonUntil      = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
)

// tramitesWeb are the portal's procedures with their code in the form and
// whether a vendor built the form with English keys.
type tramiteWeb struct {
	name, code string
	english    bool
}

var tramitesWeb = []tramiteWeb{
	{"CONSTANCIA DE RESIDENCIA", "CR-01", false},
	{"COPIA CERTIFICADA DE ACTA DE NACIMIENTO", "RC-02", false},
	{"LICENCIA DE CONDUCIR", "MOV-11", true},
	{"PERMISO DE CONSTRUCCION MENOR", "DU-07", false},
	{"CITA PARA PASAPORTE", "SRE-01", true},
	{"CONSTANCIA DE NO ADEUDO PREDIAL", "TES-03", false},
	{"REGISTRO A BOLSA DE TRABAJO", "SE-05", true},
	{"QUEJA O DENUNCIA CIUDADANA", "CON-01", false},
	{"APOYO PARA CALENTADOR SOLAR", "BIE-09", false},
	{"CARTA DE NO ANTECEDENTES PENALES", "FGE-02", true},
}

var estatusWeb = []string{"RECIBIDA", "EN REVISION", "EN REVISION", "ATENDIDA", "ATENDIDA", "ATENDIDA", "RECHAZADA", "CANCELADA"}

// The keys of the form, by language.
type webKeys struct {
	curp, nombre, apellidos, paterno, materno, fullName, birth, phone, email, address, street, number, colonia, cp,
	applicant, contact, procedure, consent string
}

var (
	webKeysES = webKeys{"curp", "nombre", "apellidos", "apellido_paterno", "apellido_materno", "nombre_completo", "fecha_nacimiento",
		"telefono", "correo", "domicilio", "calle", "numero", "colonia", "cp", "solicitante", "contacto",
		"tramite", "acepta_aviso_privacidad"}
	webKeysEN = webKeys{"curp", "first_name", "last_name", "last_name", "second_last_name", "full_name", "birth_date",
		"phone", "email", "address", "street", "number", "neighborhood", "zip_code", "applicant", "contact",
		"procedure", "privacy_consent"}
)

// camelKey writes snake_case keys as camelCase: fecha_nacimiento as
// fechaNacimiento, as the newer forms do.
func camelKey(k string) string {
	parts := strings.Split(k, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// webFacts are what a submitted form holds, drawn with the plan so that
// the truth of the person figures knows them: the form's shape, how the
// CURP was answered and whether the birthdate was.
type webFacts struct {
	shape   uint8 // webFull, webContact, webIdentity, webNested
	curp    uint8 // webCURPValid, webCURPNull, webCURPEmpty, webCURPTypo, webCURPLower
	noBirth bool
}

const (
	webFull = iota
	webContact
	webIdentity
	webNested
)

const (
	webCURPValid = iota
	webCURPNull
	webCURPEmpty
	webCURPTypo
	webCURPLower // still valid: the CURP in lower case
)

func drawWebFacts(r *rand.Rand) webFacts {
	var f webFacts
	switch n := r.IntN(100); {
	case n < 40:
		f.shape = webFull
	case n < 65:
		f.shape = webContact
	case n < 85:
		f.shape = webIdentity
	default:
		f.shape = webNested
	}
	switch n := r.IntN(1000); {
	case n < 40:
		f.curp = webCURPNull
	case n < 70:
		f.curp = webCURPEmpty
	case n < 85:
		f.curp = webCURPTypo
	case n < 100:
		f.curp = webCURPLower
	}
	f.noBirth = chance(r, 40)
	return f
}

// webPayload is one submitted form: its shape, key names and answers.
func webPayload(r *rand.Rand, p *Pool, ps Person, tr tramiteWeb, f webFacts) jsonObj {
	keys := webKeysES
	if tr.english {
		keys = webKeysEN
	}
	useCamel := chance(r, 500)
	key := func(k string) string {
		if useCamel {
			return camelKey(k)
		}
		return k
	}
	// how the applicant typed: title case, upper or lower case
	caseMode := r.IntN(10)
	typed := func(s string) string {
		switch {
		case caseMode < 5:
			return titleCase(s)
		case caseMode < 9:
			return strings.ToUpper(s)
		}
		return strings.ToLower(s)
	}
	var curp any = ps.CURP
	switch f.curp {
	case webCURPNull:
		curp = nil
	case webCURPEmpty:
		curp = ""
	case webCURPTypo:
		curp = typoCURP(r, ps.CURP, p.Today())
	case webCURPLower:
		curp = strings.ToLower(ps.CURP)
	}
	var birth any = ps.Birth.Format("2006-01-02")
	switch {
	case f.noBirth:
		birth = nil
	case r.IntN(96) < 26:
		birth = ddmmyyyy(ps.Birth)
	}
	var phone any = phoneText(r, ps.Phone)
	switch n := r.IntN(100); {
	case n < 8:
		phone = nil
	case n < 15:
		phone = "+52" + ps.Phone
	}
	var email any
	if ps.Email != "" {
		email = ps.Email
	} else if chance(r, 300) {
		email = ""
	}
	surnames := joinNonEmpty(ps.Paterno, ps.Materno)
	a := ps.Address
	var cp any = a.PostalCode
	if chance(r, 150) {
		n, _ := strconv.Atoi(a.PostalCode)
		cp = int64(n)
	}
	var number any = a.NumberText()
	if a.Interior > 0 && chance(r, 500) {
		number = fmt.Sprintf("%s INT %d", a.NumberText(), a.Interior)
	}
	calle := a.StreetType + " " + a.Street
	if chance(r, 400) {
		calle = a.Street
	}
	domicilio := jsonObj{
		{key(keys.street), typed(calle)},
		{key(keys.number), number},
		{key(keys.colonia), typed(a.Colonia)},
		{key(keys.cp), cp},
	}
	if chance(r, 300) {
		domicilio = append(domicilio, jsonField{"municipio", a.Municipality})
	}
	nameFields := func() jsonObj {
		if chance(r, 300) {
			var materno any = typed(ps.Materno)
			if ps.Materno == "" {
				materno = nil
			}
			return jsonObj{{key(keys.nombre), typed(ps.Nombre)}, {key(keys.paterno), typed(ps.Paterno)},
				{key(keys.materno), materno}}
		}
		return jsonObj{{key(keys.nombre), typed(ps.Nombre)}, {key(keys.apellidos), typed(surnames)}}
	}
	head := jsonObj{{key(keys.procedure), tr.code}}
	tail := jsonObj{{key(keys.consent), true}}
	if chance(r, 400) {
		tail = append(tail, jsonField{"origen", pick(r, []string{"web", "movil", "kiosco"})})
	}
	if chance(r, 200) {
		tail = append(tail, jsonField{"version", pick(r, []string{"1.0", "2.1", "3"})})
	}

	var body jsonObj
	switch f.shape {
	case webFull:
		body = append(body, jsonField{key(keys.curp), curp})
		body = append(body, nameFields()...)
		body = append(body, jsonField{key(keys.birth), birth}, jsonField{key(keys.phone), phone},
			jsonField{key(keys.email), email})
		var dom any = domicilio
		if chance(r, 60) {
			dom = nil
		}
		body = append(body, jsonField{key(keys.address), dom})
	case webContact: // the whole name in one field
		nameKey := keys.fullName
		if !tr.english && chance(r, 500) {
			nameKey = keys.nombre // the whole name under "nombre"
		}
		body = jsonObj{{key(nameKey), typed(ps.FullName())}, {key(keys.phone), phone}, {key(keys.email), email}}
		if chance(r, 300) {
			body = append(body, jsonField{"comentarios", pick(r, webComments)})
		}
	case webIdentity:
		body = append(body, jsonField{key(keys.curp), curp})
		body = append(body, nameFields()...)
		body = append(body, jsonField{key(keys.birth), birth})
		if chance(r, 300) {
			body = append(body, jsonField{"sexo", sexCode(ps.Sex, "H", "M", "X")})
		}
	default: // webNested: the applicant in an object of its own
		who := jsonObj{{key(keys.curp), curp}}
		who = append(who, nameFields()...)
		who = append(who, jsonField{key(keys.birth), birth},
			jsonField{key(keys.contact), jsonObj{{key(keys.phone), phone}, {key(keys.email), email}}},
			jsonField{key(keys.address), domicilio})
		body = jsonObj{{key(keys.applicant), who}}
	}
	out := append(head, body...)
	return append(out, tail...)
}

var webComments = []string{"solicito informacion del estatus", "ya habia enviado la solicitud antes",
	"favor de contactarme por la tarde", "no pude adjuntar el comprobante"}

// jsonField and jsonObj build a JSON object that keeps its keys in the order
// a form sends them (encoding/json sorts map keys). Values are nil, bool,
// int64, string or a nested jsonObj.
type (
	jsonField struct {
		k string
		v any
	}
	jsonObj []jsonField
)

// jsonStyle is how an era's back end encoded the form.
type jsonStyle struct {
	asciiOnly   bool // non-ASCII as \uXXXX (PHP's and Python's default)
	escapeSlash bool // "/" as "\/" (PHP's default)
	spaced      bool // ", " and ": " between items (Python's default)
}

var (
	jsonPHP    = jsonStyle{asciiOnly: true, escapeSlash: true}
	jsonPython = jsonStyle{asciiOnly: true, spaced: true}
	jsonNode   = jsonStyle{}
)

func (o jsonObj) encode(s jsonStyle) string {
	var b strings.Builder
	o.write(&b, s)
	return b.String()
}

func (o jsonObj) write(b *strings.Builder, s jsonStyle) {
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
			if s.spaced {
				b.WriteByte(' ')
			}
		}
		jsonString(b, f.k, s)
		b.WriteByte(':')
		if s.spaced {
			b.WriteByte(' ')
		}
		switch v := f.v.(type) {
		case nil:
			b.WriteString("null")
		case bool:
			b.WriteString(strconv.FormatBool(v))
		case int64:
			b.WriteString(strconv.FormatInt(v, 10))
		case string:
			jsonString(b, v, s)
		case jsonObj:
			v.write(b, s)
		default:
			panic(fmt.Sprintf("synth: JSON value of type %T", v))
		}
	}
	b.WriteByte('}')
}

func jsonString(b *strings.Builder, v string, s jsonStyle) {
	b.WriteByte('"')
	for _, c := range v {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c == '/' && s.escapeSlash:
			b.WriteString(`\/`)
		case c < 0x20:
			fmt.Fprintf(b, `\u%04x`, c)
		case c >= utf8.RuneSelf && s.asciiOnly:
			if c > 0xFFFF {
				c -= 0x10000
				fmt.Fprintf(b, `\u%04x\u%04x`, 0xD800+(c>>10), 0xDC00+(c&0x3FF))
			} else {
				fmt.Fprintf(b, `\u%04x`, c)
			}
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
}
