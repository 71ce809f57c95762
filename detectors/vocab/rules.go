package vocab

import (
	"strings"

	"github.com/alcance-mx/alcance/taxonomy"
)

// Rules is the vocabulary, from reference §5.1 and what legacy systems do
// to it. Names are normalised (lower case, no separators). In the lists
// below a trailing "*" lets a rule match longer names that start with it,
// and a trailing "~" lets a truncation of at least MinTrunc characters
// match ("fecnacim" for "fecnacimiento"). When several rules match, the
// longest wins, which is how "nombre_unidad" escapes "nombre".
var Rules = build(
	// Official identifiers.
	group(taxonomy.CURP, Strong, HintNone, "curp*", "ccurp", "personalid", "claveunica*"),
	group(taxonomy.RFC, Strong, HintNone, "rfc*", "homoclave", "taxid", "taxpayerid", "rfchomoclave"),
	group(taxonomy.RFC, Weak, HintNotPerson, "rfcpatron", "rfcempresa", "rfcemisor*", "rfcreceptor*", "rfcproveedor*"),
	group(taxonomy.NSS, Strong, HintNone, "nss*", "noss", "numss", "nssimss", "numsegsocial", "numerosegurosocial~",
		"segurosocial*", "socialsecurity*", "ssn", "afiliacionimss", "noimss", "claveimss", "nsstitular"),
	group(taxonomy.NSS, Weak, HintNone, "imss"),
	// The IMSS "agregado médico" (1M1980OR: the beneficiary's kinship and
	// sex, birth year, regime) says who within an NSS is enrolled.
	group(taxonomy.HealthEnrollment, Strong, HintNone, "agregado*", "agrmed", "agregadomedico", "agmed", "agremed"),
	group(taxonomy.VoterKey, Strong, HintNone, "claveelector~", "cveelector*", "claveine", "folioine", "claveife"),
	group(taxonomy.VoterKey, Weak, HintNone, "ine", "ife", "cic", "ocr", "credencial*", "numcredencial"),

	// Names. The hint says which part of a name the column usually holds;
	// the row cross-check with the CURP confirms or corrects it.
	group(taxonomy.PersonName, Strong, HintGivenName, "nombre", "nombres", "firstname", "givenname",
		"primernombre", "segundonombre", "middlename", "fname", "nombrepila"),
	group(taxonomy.PersonName, Strong, HintSurname1, "appaterno", "apellidopaterno~", "apaterno", "apepat", "appat",
		"paterno", "primerapellido~", "ap1", "apellido1", "lastname", "surname", "lname", "apellidopat",
		"familyname", "paternalsurname", "paternalname", "fathersurname", "firstsurname", "firstlastname"),
	group(taxonomy.PersonName, Strong, HintSurname2, "apmaterno", "apellidomaterno~", "amaterno", "apemat", "apmat",
		"materno", "segundoapellido~", "ap2", "apellido2", "mothermaidenname", "apellidomat",
		"secondfamilyname", "secondlastname", "secondsurname", "maternalsurname", "maternalname", "mothersurname"),
	group(taxonomy.PersonName, Strong, HintFullName, "nombrecompleto~", "nomcompleto~", "fullname", "apellidos",
		"apellido", "nombreapellidos", "nombrepaciente", "nombrebeneficiario", "nombretitular", "nombreafiliado",
		"nombrederechohabiente", "nombremedico", "nombredoctor", "dr", "dra", "odontologo", "dentista",
		"enfermero", "medicoresponsable", "doctorresponsable", "nombrepadre", "nombremadre", "nompadre",
		"nommadre", "nombretutor", "nombreconyuge", "nombrecontacto", "nombreresponsable", "nombrecompl*",
		"nombreciudadano", "nombrepersona", "medico", "doctor", "medicotratante", "enfermera", "nomcomp~",
		"nombreemp*", "nombretrab*", "nombrealumno", "personname", "patientname", "apellidonombre",
		"apellidosnombre", "apellidosnombres", "nombreapellido", "nombresapellidos", "contactname", "customername"),
	// Abbreviations legacy systems cut names to.
	group(taxonomy.PersonName, Strong, HintSurname1, "apepaterno", "apellpat", "apelpat", "apellpaterno", "apat"),
	group(taxonomy.PersonName, Strong, HintSurname2, "apematerno", "apellmat", "apelmat", "apellmaterno", "amat"),
	group(taxonomy.PersonName, Strong, HintGivenName, "nomb", "nombr", "nombs", "nompila", "nombpila"),
	group(taxonomy.PersonName, Strong, HintFullName, "apell", "apels", "nomcompl", "nombcompleto", "nombcomp"),
	// A column that holds persons' names or companies' (a taxpayer register).
	group(taxonomy.PersonName, Weak, HintFullName, "nombreorazonsocial", "nombrerazonsocial", "razonsocialonombre",
		"nombredenominacion", "denominacionnombre"),
	group(taxonomy.PersonName, Weak, HintFullName, "nom", "paciente", "beneficiario", "titular", "afiliado",
		"padre", "madre", "tutor", "conyuge", "responsable", "contacto", "testigo*", "derechohabiente",
		"name", "informante", "solicitante", "atendio", "capturista"),

	// Names of things, which are not people.
	group("", Strong, HintNotPerson, "nombreunidad", "nomunidad", "nombregenerico", "nombrecomercial",
		"nombreproducto", "nombreempresa", "razonsocial", "nombremunicipio", "nombreestado", "nombreentidad",
		"nombrelocalidad", "nombrearchivo", "nombretabla", "nombreprograma", "nombremedicamento", "empresa",
		"proveedor*", "producto*", "articulo", "descripcion*", "desc", "giro", "concepto", "partida",
		"nombreinstitucion", "institucion", "dependencia", "nombrecorto", "companyname", "productname",
		"nombrecatalogo", "nombrehospital", "tabla", "operacion", "terminal", "usuariosistema", "forma",
		"presentacion", "concentracion", "unidadmedida", "marca", "modelo", "categoria", "tipo*", "estatus",
		"status", "clave"),

	// Dates.
	group(taxonomy.Birthdate, Strong, HintNone, "fechanacimiento~", "fechanac*", "fecnac*", "fecnacimiento~",
		"fnac*", "fechnac*", "fchnac*", "fnacimiento", "nacimiento", "dob", "birthdate", "birthday",
		"dateofbirth", "fechadenacimiento~", "fecnacim", "fhnac", "nacio", "fenac"),
	group(taxonomy.Birthdate, Weak, HintNone, "anionac", "anonac", "yearofbirth"),
	// Any other "fecha"/"fec" name is some date of an event: the longest
	// rule wins, so the birth rules above still catch fechanac... .
	group("", Strong, HintEventDate, "fecha*", "fec*", "fch*", "fechaalta", "fechabaja", "fechaafiliacion~", "fecafil", "fechaafil*",
		"fecharegistro~", "fecreg*", "fechareg*", "fechaconsulta~", "fecconsulta", "fechaingreso~", "fecing*",
		"fechaegreso~", "fecegr*", "fechaemision~", "fechapago~", "fecpago", "fechafactura~", "fechahora",
		"fechacaptura~", "feccap*", "fechamodificacion~", "fecmod*", "fechaactualizacion~", "createdat", "updatedat",
		"timestamp", "fecharecepcion~", "fechadefuncion~", "vigencia*", "fechavigencia*", "fechaevento", "fechaatencion~",
		"fechacita", "fechaoperacion~", "fechamovimiento~", "fechaenvio", "fechacorte", "fechaproceso",
		"fechainicio", "fechafin", "fechavencimiento~", "fechaexpedicion~", "fecexp*", "date", "datetime",
		"fechaacta", "fechadiagnostico~", "fechasintomas~", "fechasolicitud~", "periodo"),

	// Addresses. A municipality or state alone is a place, not an address.
	group(taxonomy.Address, Strong, HintNone, "domicilio*", "direccion*", "calle*", "nomcalle", "vialidad",
		"numext", "noext", "numeroexterior~", "numint", "noint", "numerointerior~", "colonia*", "asentamiento",
		"fraccionamiento", "barrio", "entrecalles", "manzana", "mza", "address*", "street*", "nombrecolonia",
		"nombrecalle", "domparticular", "domiciliopart*", "numexterior", "numinterior", "exterior", "interior",
		"addressline*", "residencia",
		// Abbreviations.
		"domic*", "direcc*", "dirdom", "dirpart", "cll", "clle", "nexterior", "ninterior", "nroext", "nroint",
		"noexterior", "nointerior", "numeroext", "numeroint", "colon", "asentam*", "fracc", "fraccto", "barr"),
	// Not "lote": a plot in an address, but a production or vaccine lot
	// everywhere else.
	group(taxonomy.Address, Weak, HintNone, "dom", "dir", "col", "referencia"),
	group("", Strong, HintPlace, "localidad", "cveloc", "municipio", "mpio", "cvemun", "mun", "alcaldia",
		"delegacion", "entidad", "estado", "edo", "cveent", "entfed", "entidadfederativa", "ciudad", "city",
		"state", "pais", "country", "poblacion", "region", "jurisdiccion", "ageb", "latitud", "longitud",
		"entidadres*", "edores", "municipiores*", "entidaddom*", "mundom", "munic*", "muni", "deleg", "locali*",
		"ciudaddom", "edodom"),
	group("", Strong, HintBirthState, "entidadnac~", "entnac", "edonac", "estadonac", "lugarnac", "lugarnacimiento~",
		"entidadnacimiento~", "estadonacimiento~", "paisnac", "cveentnac", "entnacim", "edonacim", "estnac"),
	group(taxonomy.PostalCode, Strong, HintNone, "cp", "codigopostal~", "codpostal", "cpostal", "zip", "zipcode",
		"postalcode", "cpdom", "cpdomicilio", "codpost", "codpos", "cpost", "copostal"),
	group(taxonomy.Phone, Strong, HintNone, "telefono*", "tel", "telcasa", "telcel", "celular*", "movil",
		"phone*", "mobile", "cel", "whatsapp", "telefonos", "tel1", "telparticular", "telcontacto",
		"telef*", "telf", "tfno", "fono", "telfijo", "teldom", "numtel", "numcel", "notel", "nocel"),
	group(taxonomy.Phone, Weak, HintNone, "lada"),
	group(taxonomy.Email, Strong, HintNone, "correo*", "email*", "mail", "emailaddress", "correoelectronico~",
		"direccioncorreo", "direccionelectronica", "direccionemail"),
	// Network and web addresses are not where anyone lives.
	group("", Strong, HintNotPerson, "direccionip", "direccionmac", "direccionweb", "ip", "ipaddress", "mac",
		"macaddress", "hostname", "url", "sitioweb", "paginaweb", "dominio", "servidor"),

	// Health enrollment: policies, affiliations, programme folios.
	group(taxonomy.HealthEnrollment, Strong, HintNone, "poliza*", "numpoliza", "foliosp", "folioseguropopular",
		"foliospss", "folioafiliacion", "foliofamilia", "idfamilia", "nucleofamiliar", "folioinsabi",
		"foliobienestar", "derechohabiencia", "tipoderechohabiente", "cvederechohabiencia", "issste*", "noissste",
		"numissste", "seguropopular", "insabi", "imssbienestar", "folioprospera", "foliooportunidades",
		"afiliacionissste", "numafiliacion", "noafiliacion", "numafil", "afiliacion", "programasalud",
		"folioseguro*", "programa", "nomprograma", "programasocial", "insurer", "insurance*", "healthinsurance",
		"healthplan", "policynumber", "policyno", "policyid", "aseguradora", "numpolizaseguro"),
	// A clinical record number identifies a patient at one hospital; the
	// reference lists it with enrollment identifiers (§5), but it is not
	// enrollment in a programme, so its name alone says less.
	group(taxonomy.HealthEnrollment, Weak, HintNone, "regimen", "decil", "cuota", "prospera", "oportunidades",
		"hc", "umf", "expediente*", "numexpediente", "noexpediente", "expclinico", "historiaclinica",
		"folioexpediente", "medicalrecord*", "mrn", "policy"),

	// Health conditions.
	group(taxonomy.HealthCondition, Strong, HintNone, "diagnostico*", "diag*", "dx*", "afeccionprincipal",
		"causabasica", "cie10*", "cie*", "codigocie*", "icd10", "icd", "padecimiento*", "enfermedad*",
		"morbilidad", "tratamiento*", "receta", "alergias", "alergia", "discapacidad", "tiposangre", "gruposanguineo",
		"motivoconsulta", "sintomas", "antecedentes*", "comorbilidad*", "condicion", "condicionsalud", "diagnosis",
		"condition", "medicamentos", "medicamento", "procedimiento*", "cie9", "lesion", "causadefuncion~",
		"semanasgestacion~", "embarazada", "clasificacionfinal~", "resultadolab*", "motivoegreso", "tipoegreso",
		"allergies", "allergy", "diagnoses", "medications", "treatment", "triage*", "clasificaciontriage",
		"resultadoprueba", "resultadolaboratorio~", "motivoatencion~", "motivoingreso", "motivohospitalizacion~",
		"motivourgencia", "chiefcomplaint", "reasonforvisit", "descdiag*", "descripciondiag*", "desccie*", "descripcioncie*",
		// Exams, nursing and dental charts, vaccination and adverse events.
		"exploracion*", "hallazgos", "impresiondiagnostica~", "signosvitales", "notaenfermeria~", "notasenfermeria~",
		"odontograma", "tratamientodental", "procedimientodental", "vacunacion", "esquemavacunal", "estadovacunacion~",
		"reaccionadversa~", "eventoadverso~", "eventossupuestamente~", "esavi", "medicacion", "farmacos",
		"alergiamedicamentos~", "historiaclinicatexto", "padecimientoactual~", "interrogatorio"),
	group(taxonomy.HealthCondition, Weak, HintCondition, "diabetes", "hipertension", "obesidad", "asma", "epoc",
		"tabaquismo", "inmusupr", "inmunosupresion~", "cardiovascular~", "renalcronica~", "neumonia", "intubado",
		"uci", "embarazo", "vih", "covid", "cancer", "tuberculosis~", "hepatitis", "otracom", "otracon",
		"renal", "resultado*"),
	// Vital signs, nursing charts and clinical scales: measurements of a
	// person, health data in a table about people (a cold chain's
	// temperature is no one's).
	group(taxonomy.HealthCondition, Weak, HintVital, "tensionarterial", "presionarterial", "ta", "fc", "fr", "frecuenciacardiaca~", "frecuenciarespiratoria~",
		"temperatura", "temp", "saturacion", "spo2", "sato2", "glucemia", "glucosa", "glasgow", "braden", "norton",
		"downton", "apgar", "silverman", "capurro", "barthel", "eva", "escaladolor", "imc", "perimetroabdominal~",
		"esquemavacunacion~", "esquemacompleto", "evadolor", "riesgocaidas", "riesgoulceras", "escalacaidas",
		"peso", "talla", "pesokg", "tallacm", "pesonac*", "pesoalnacer", "tallanac*", "semgest", "sdg",
		"edadgestacional~", "tsh", "fenilalanina", "hemoglobina", "hba1c", "colesterol", "trigliceridos", "creatinina",
		"hematocrito", "leucocitos", "plaquetas", "perimetrocefalico~"),
	// Vaccines and doses: the date or mark of a dose says a person was
	// vaccinated (health data about people); a dose given at birth is
	// not a birthdate.
	group(taxonomy.HealthCondition, Weak, HintVaccine, "bcg", "hepb*", "hepatitisb*", "hexa", "hexavalente*",
		"penta", "pentavalente*", "neumo", "neumococ*", "antineumococ*", "rota", "rotavirus*", "srp*", "sr", "sabin*",
		"antipolio*", "polio", "dpt*", "dpat*", "tdpa*", "td", "vph*", "influenza*", "antiinfluenza*", "varicela*",
		"antirrabica*", "vacunaantirrabica", "esquema", "dosis", "numdosis", "biologico", "vacuna", "vacunaaplicada",
		"covid19dosis*", "desenlace"),

	// Health facilities.
	group(taxonomy.HealthFacility, Strong, HintNone, "clues*", "cveclues", "unidadmedica*", "nombreunidadmedica",
		"hospital*", "centrosalud", "unidadsalud", "establecimientosalud", "umedica"),
	group(taxonomy.HealthFacility, Weak, HintNone, "unidad", "um", "consultorio", "clinica"),

	// Financial.
	group(taxonomy.CLABE, Strong, HintNone, "clabe*", "cuentaclabe", "clabeinterbancaria~"),
	group(taxonomy.CreditCard, Strong, HintNone, "tarjeta*", "numtarjeta", "notarjeta", "creditcard*", "cardnumber",
		"tdc", "numerotarjeta~"),
	group(taxonomy.CreditCard, Weak, HintNone, "cuenta", "numcuenta", "pan"),

	// Where someone works: a unit, but not one that attended them.
	group("", Strong, HintWorkplace, "adscripcion*", "cluesadscripcion", "unidadadscripcion", "centrotrabajo*",
		"lugartrabajo", "lugardetrabajo", "worklocation", "workloc", "workplace", "centrodetrabajo"),

	// Credentials: never a category from the values' shape.
	group("", Strong, HintSecret, "password*", "passwd", "pwd", "pass", "contrasena*", "contrasenia*", "claveacceso",
		"passwordhash", "hash", "salt", "token*", "secret*", "apikey", "apitoken", "nip", "pin", "remembertoken",
		"claveusuario", "cveacceso", "pswd", "psw", "encryptedpassword", "hashedpassword"),
	group("", Strong, HintLogin, "login*", "username", "user", "usuario", "nombreusuario", "nomusuario", "usr",
		"userlogin", "cuentausuario", "screenname", "usuarioid", "loginname"),

	// Hints that are not categories.
	group("", Strong, HintSex, "sexo", "sex", "genero", "gender", "cvesexo", "idsexo", "sexobenef"),
	group("", Strong, HintFreeText, "notas", "nota", "observaciones*", "observacion", "obs", "comentarios*",
		"comentario", "notamedica", "notasmedicas", "texto", "detalle", "notes", "comments", "remarks",
		"motivo", "resumen*", "evolucion", "anotaciones", "historia", "mensaje"),
	group("", Strong, HintAmount, "importe*", "monto*", "precio*", "total", "subtotal", "iva", "cantidad*",
		"existencia*", "saldo*", "costo*", "pago", "amount", "price", "quantity", "registros", "edad",
		"stock", "unidades", "piezas", "descuento", "cuotarecuperacion", "sueldo*", "salario*",
		"compensacion*", "percepcion*", "deduccion*", "honorarios", "salary", "wage", "balance"),
	group("", Strong, HintPersonKey, "idpaciente", "idbeneficiario", "idpersona", "idafiliado", "idderechohabiente",
		"idciudadano", "idtitular", "pacienteid", "personid", "patientid", "folioPaciente",
		// the legacy abbreviations of the same (ID_PAC, IDBENEF, CVE_PAC)
		"idpac", "idpte", "idbenef", "idben", "idafil", "idderech", "idtit", "cvepac", "cvebenef", "cveafil"),
)

type groupSpec struct {
	category string
	strength Strength
	hint     Hint
	names    []string
}

func group(category string, s Strength, h Hint, names ...string) groupSpec {
	return groupSpec{category, s, h, names}
}

func build(groups ...groupSpec) []Rule {
	var out []Rule
	for _, g := range groups {
		for _, n := range g.names {
			r := Rule{Category: g.category, Strength: g.strength, Hint: g.hint}
			for {
				switch {
				case strings.HasSuffix(n, "*"):
					r.Prefix, n = true, n[:len(n)-1]
					continue
				case strings.HasSuffix(n, "~"):
					r.Truncated, n = true, n[:len(n)-1]
					continue
				}
				break
			}
			r.Name = strings.ToLower(n)
			out = append(out, r)
		}
	}
	return out
}
