package reports

import (
	"fmt"
	"slices"
	"strings"
)

// Lang is the language of a report's human text: every string of every
// human format and of the stdout summary comes from one catalogue, in
// Spanish (the default: the readers are Mexican officers and authorities)
// or English. JSON keys, ids and method_id stay language-neutral.
type Lang string

const (
	Spanish Lang = "es"
	English Lang = "en"
)

// Langs lists the languages the catalogue holds, the default first.
var Langs = []Lang{Spanish, English}

// ParseLang reads --lang.
func ParseLang(s string) (Lang, error) {
	l := Lang(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Langs, l) {
		return l, nil
	}
	return "", fmt.Errorf("unknown language %q: use es or en", s)
}

// langOf is the report's language, Spanish when it names none.
func langOf(r *Report) Lang {
	if slices.Contains(Langs, r.Lang) {
		return r.Lang
	}
	return Spanish
}

// T says a catalogue entry in l, formatted with args as fmt.Sprintf does.
// A key the catalogue lacks comes out as ‹key›, which the tests look for in
// every rendered format: nothing is silently dropped or left English.
func (l Lang) T(key string, args ...any) string {
	e, ok := catalog[key]
	if !ok {
		return "‹" + key + "›"
	}
	s := e.es
	if l == English {
		s = e.en
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// has says whether the catalogue holds key.
func has(key string) bool { _, ok := catalog[key]; return ok }

// Localize sets the report's language and says every person figure's
// method in it, from its method_id. A figure with no method_id keeps the
// sentence it has. The CLI calls it before writing any format, and
// `alcance report --lang` calls it on a saved report.
func Localize(r *Report, l Lang) {
	r.Lang = l
	fill := func(f *Figure) {
		if f.MethodID != "" {
			f.Method = MethodIn(l, f.MethodID)
		}
	}
	fillAll := func(fs *Figures) {
		for _, f := range fs.list() {
			fill(f.fig)
		}
	}
	fillAll(&r.Exposure.Figures)
	fill(&r.Exposure.PersonsInSeveralSources)
	for i := range r.Sources {
		if x := r.Sources[i].Exposure; x != nil {
			fillAll(&x.Figures)
		}
		for j := range r.Sources[i].Tables {
			x := &r.Sources[i].Tables[j].Exposure
			if x.MethodID != "" && has("tmethod."+x.MethodID) {
				x.Method = l.T("tmethod." + x.MethodID)
			} else {
				x.Method = translateKnown(l, x.Method)
			}
		}
	}
}

// translateKnown says in l a sentence the engine wrote in English, when
// the catalogue knows it (the record methods of tables have no id yet);
// other text is kept as it is.
func translateKnown(l Lang, s string) string {
	for _, e := range catalog {
		if e.en == s || e.es == s {
			if l == English {
				return e.en
			}
			return e.es
		}
	}
	return s
}

// MethodIn says a method_id in l: the sentences of its parts, joined by
// "; ". Unknown parts are kept as they are, so nothing is silently dropped.
func MethodIn(l Lang, methodID string) string {
	if methodID == "" {
		return ""
	}
	var out []string
	for _, p := range strings.Split(methodID, "+") {
		if has("method." + p) {
			out = append(out, l.T("method."+p))
		} else {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

type entry struct{ en, es string }

// catalog holds every human string of the reports and the stdout summary.
var catalog = map[string]entry{
	// Method parts (method_id); see methods.go.
	"method.persons.identity": {
		"distinct people: a valid CURP, or without one a normalised full name with a birthdate (a name and birthdate that match a CURP holder's are that person); counted by keyed hashes (HMAC-SHA256); identifying and linking columns read in full",
		"personas distintas: una CURP válida o, sin ella, el nombre completo normalizado con la fecha de nacimiento (un nombre y fecha que coinciden con los de quien tiene una CURP son esa persona); contadas por hashes con llave (HMAC-SHA256); columnas que identifican y que vinculan leídas completas"},
	"method.persons.identity_sampled": {
		"distinct people: a valid CURP, or without one a normalised full name with a birthdate; counted by keyed hashes (HMAC-SHA256); some identifying columns could only be sampled",
		"personas distintas: una CURP válida o, sin ella, el nombre completo normalizado con la fecha de nacimiento; contadas por hashes con llave (HMAC-SHA256); algunas columnas que identifican solo pudieron muestrearse"},
	"method.health.linked": {
		"people with a health category (enrollment, condition or facility) in their own rows or in rows tied to them by a key",
		"personas con una categoría de salud (afiliación, padecimiento o unidad médica) en sus propias filas o en filas ligadas a ellas por una llave"},
	"method.minors": {
		"people under 18 on the scan day, from a birthdate or the date a CURP encodes",
		"personas menores de 18 años el día del escaneo, según una fecha de nacimiento o la fecha que codifica la CURP"},
	"method.older": {
		"people 60 or over on the scan day, from a birthdate or the date a CURP encodes",
		"personas de 60 años o más el día del escaneo, según una fecha de nacimiento o la fecha que codifica la CURP"},
	"method.kit": {
		"people whose records together hold an official identifier (CURP, RFC, NSS, voter key) with their name and birthdate",
		"personas cuyos registros reúnen un identificador oficial (CURP, RFC, NSS, clave de elector) con su nombre y fecha de nacimiento"},
	"method.financial": {
		"people tied to a CLABE or a payment card number",
		"personas ligadas a una CLABE o a un número de tarjeta de pago"},
	"method.several": {
		"people found in two or more sources, by the same keyed hashes",
		"personas encontradas en dos o más fuentes, por los mismos hashes con llave"},
	"method.high.names": {
		"the high bound adds each distinct name found without a birthdate or identifier, and each identifier found without a name and birthdate: they may be other people",
		"la cota superior suma cada nombre distinto hallado sin fecha de nacimiento ni identificador, y cada identificador hallado sin nombre ni fecha: pueden ser otras personas"},
	"method.high.text": {
		"the high bound adds the rows not sampled of free text that holds CURPs, which may name other people",
		"la cota superior suma las filas no muestreadas de texto libre que contiene CURP, que pueden nombrar a otras personas"},
	"method.high.sampled_columns": {
		"the high bound adds the people of rows whose columns that carry it were only sampled",
		"la cota superior suma las personas de las filas cuyas columnas que la sustentan solo se muestrearon"},
	"method.open.not_scanned": {
		"something that may hold people could not be read: this is a lower bound, with no upper bound",
		"algo que puede contener personas no pudo leerse: esta cifra es un mínimo, sin cota superior"},
	"method.open.shard": {
		"this report is one part of a sharded scan: merge the parts for the figures; these are lower bounds",
		"este informe es una parte de un escaneo dividido: combine las partes para obtener las cifras; estas son mínimos"},
	"method.open.interrupted": {
		"the scan was interrupted: this is a lower bound, with no upper bound",
		"el escaneo se interrumpió: esta cifra es un mínimo, sin cota superior"},

	// Record methods of tables, by the engine's method_id (tmethod.curp is
	// the sentence of reports made before method ids, kept to translate them).
	"tmethod.records.sample": {"sample of rows; counts scaled to the table with 95% bounds",
		"muestra de filas; conteos escalados a la tabla con cotas al 95%"},
	"tmethod.records.complete": {"every row read; counts exact", "se leyeron todas las filas; conteos exactos"},
	"tmethod.records.columns_full": {"every row of the columns that matter read; counts exact",
		"se leyeron todas las filas de las columnas que importan; conteos exactos"},
	"tmethod.records.identity_full": {"sample of rows, counts scaled to the table with 95% bounds; the columns that identify people read in full, their counts exact",
		"muestra de filas, conteos escalados a la tabla con cotas al 95%; las columnas que identifican personas se leyeron completas, sus conteos son exactos"},
	"tmethod.curp": {"sample of rows, counts scaled to the table with 95% bounds; CURP columns read in full, their counts exact",
		"muestra de filas, conteos escalados a la tabla con cotas al 95%; columnas de CURP leídas completas, sus conteos exactos"},

	// Categories (docs/taxonomy.md) and classes.
	"cat.curp":              {"CURP", "CURP"},
	"cat.rfc":               {"RFC (natural person)", "RFC (persona física)"},
	"cat.nss":               {"IMSS social security number", "Número de seguridad social (IMSS)"},
	"cat.voter_key":         {"INE voter key", "Clave de elector (INE)"},
	"cat.person_name":       {"Person name", "Nombre de persona"},
	"cat.birthdate":         {"Birthdate", "Fecha de nacimiento"},
	"cat.address":           {"Address", "Domicilio"},
	"cat.postal_code":       {"Postal code", "Código postal"},
	"cat.phone":             {"Phone", "Teléfono"},
	"cat.email":             {"E-mail", "Correo electrónico"},
	"cat.health_enrollment": {"Health programme enrollment", "Afiliación a un programa de salud"},
	"cat.health_condition":  {"Health condition", "Padecimiento o diagnóstico"},
	"cat.health_facility":   {"Health facility", "Unidad médica que atendió"},
	"cat.clabe":             {"CLABE bank account", "Cuenta bancaria CLABE"},
	"cat.credit_card":       {"Payment card", "Tarjeta de pago"},
	"class.identifier":      {"official identifier", "identificador oficial"},
	"class.sensitive":       {"sensitive", "sensible"},
	"class.financial":       {"financial", "financiero"},
	"class.contact":         {"identity and contact", "identificación y contacto"},

	// Tiers.
	"tier.critical": {"critical", "crítico"},
	"tier.high":     {"high", "alto"},
	"tier.medium":   {"medium", "medio"},
	"tier.low":      {"low", "bajo"},
	"tier.none":     {"none", "ninguno"},
	"tiermeaning.critical": {"an official identifier or a person's name together with sensitive data",
		"un identificador oficial o el nombre de una persona junto con datos sensibles"},
	"tiermeaning.high": {"an official identifier or financial data; or sensitive data about people without identifiers",
		"un identificador oficial o datos financieros; o datos sensibles de personas sin identificadores"},
	"tiermeaning.medium": {"a person's name together with birthdate, address, phone or e-mail",
		"el nombre de una persona junto con fecha de nacimiento, domicilio, teléfono o correo"},
	"tiermeaning.low":     {"contact or address data alone", "solo datos de contacto o domicilio"},
	"tiermeaning.none":    {"no finding", "sin hallazgos"},
	"tiermeaning.unknown": {"a tier this version of alcance does not know", "un nivel que esta versión de alcance no conoce"},

	// Person figures.
	"fig.persons":             {"People whose data is present", "Personas cuyos datos están presentes"},
	"fig.persons.short":       {"people", "personas"},
	"fig.persons_with_health": {"People with health data", "Personas con datos de salud"},
	"fig.minors":              {"Minors (under 18)", "Menores de edad (menos de 18 años)"},
	"fig.older_adults":        {"Older adults (60 or over)", "Personas adultas mayores (60 años o más)"},
	"fig.identity_kit":        {"People with an identity kit (identifier + name + birthdate)", "Personas con un «kit de identidad» (identificador + nombre + fecha de nacimiento)"},
	"fig.financial":           {"People with financial data", "Personas con datos financieros"},
	"fig.several":             {"People found in two or more sources", "Personas halladas en dos o más fuentes"},

	// How a figure is said in plain words.
	"est.exact":      {"exactly %s", "exactamente %s"},
	"est.atmost":     {"%s, and at most %s", "%s, y como máximo %s"},
	"est.between":    {"about %s, between %s and %s", "alrededor de %s, entre %s y %s"},
	"est.open":       {"at least %s (a lower bound: no upper bound can be given)", "al menos %s (es un mínimo: no puede darse una cota superior)"},
	"est.interval":   {"%s (95%%: %s–%s)", "%s (95%%: %s–%s)"},
	"est.openrec":    {"at least %s (a lower bound)", "al menos %s (es un mínimo)"},
	"est.exactword":  {"exact", "exacto"},
	"est.lowerbound": {"lower bound, no upper bound", "mínimo, sin cota superior"},
	"est.none":       {"—", "—"},

	// The headline.
	"head.report": {"Figure to report: %s people", "Cifra a reportar: %s personas"},
	"head.exact":  {"This figure is exact: every person was counted by identity.", "Esta cifra es exacta: cada persona se contó por su identidad."},
	"head.atmost": {"%s people are certain; the true number is at most %s, because some records name people who could not be told apart (they may be other people).",
		"%s personas son seguras; el número real es como máximo %s, porque algunos registros nombran a personas que no pudieron distinguirse (pueden ser otras personas)."},
	"head.between": {"An estimate: between %s and %s.", "Una estimación: entre %s y %s."},
	"head.open": {"This is a lower bound: at least %s people. Something that may hold people was not read, so there is no upper bound; do not report it as exact.",
		"Esta cifra es un mínimo: al menos %s personas. Algo que puede contener personas no se leyó, así que no hay cota superior; no la reporte como exacta."},
	"head.records":     {"Records holding personal data", "Registros con datos personales"},
	"head.notscanned":  {"Could not be scanned", "No pudo escanearse"},
	"head.nothingleft": {"nothing: every table the sources listed was scanned", "nada: se escanearon todas las tablas que listaron las fuentes"},
	"head.tables":      {"Tables scanned", "Tablas escaneadas"},
	"head.tablesin":    {"%s in %s, %s with findings", "%s en %s, %s con hallazgos"},
	"head.interrupted": {"INTERRUPTED: the scan was stopped before it finished. This report holds only what was done; every figure is a lower bound and nothing here may be certified.",
		"INTERRUMPIDO: el escaneo se detuvo antes de terminar. Este informe contiene solo lo que se alcanzó a hacer; toda cifra es un mínimo y nada aquí puede certificarse."},
	"head.incomplete": {"INCOMPLETE: %s could not be scanned; the absence of personal data there cannot be certified.",
		"INCOMPLETO: no se pudo escanear %s; no puede certificarse que ahí no haya datos personales."},
	"head.nosources": {"No sources were scanned.", "No se escaneó ninguna fuente."},
	"head.figure":    {"figure to report", "cifra a reportar"},

	// Counting nouns.
	"n.table.one":    {"1 table", "1 tabla"},
	"n.table.other":  {"%s tables", "%s tablas"},
	"n.source.one":   {"1 source", "1 fuente"},
	"n.source.other": {"%s sources", "%s fuentes"},
	"n.and":          {"%s and %s", "%s y %s"},

	// Scan facts.
	"meta.title":  {"Personal data exposure report", "Informe de exposición de datos personales"},
	"meta.tool":   {"Tool", "Herramienta"},
	"meta.schema": {"report schema", "esquema del informe"},
	"meta.mode":   {"Mode", "Modo"},
	"meta.mode.sample": {"sample: a random sample of up to %s rows per table was classified; columns that identify people were read in full",
		"muestra: se clasificó una muestra aleatoria de hasta %s filas por tabla; las columnas que identifican a las personas se leyeron completas"},
	"meta.mode.full":   {"full: every row of the columns that matter was read", "completo: se leyeron todas las filas de las columnas relevantes"},
	"meta.started":     {"Started", "Inicio"},
	"meta.finished":    {"Finished", "Fin"},
	"meta.took":        {"took %s", "duró %s"},
	"meta.gate":        {"Gate", "Compuerta"},
	"meta.sources":     {"Sources", "Fuentes"},
	"meta.key":         {"Key of the person hashes (fingerprint)", "Llave de los hashes de personas (huella)"},
	"meta.personsfile": {"Persons file", "Archivo de personas"},
	"meta.unknown":     {"unknown", "desconocido"},
	"meta.line":        {"%s %s: %s scan", "%s %s: escaneo en modo %s"},
	"meta.linesample":  {"%s rows sampled per table", "%s filas muestreadas por tabla"},
	"meta.startedline": {"Started %s", "Inicio %s"},

	// Sections.
	"sec.howto":         {"How to read this report", "Cómo leer este informe"},
	"sec.people":        {"People", "Personas"},
	"sec.records":       {"Records per category", "Registros por categoría"},
	"sec.notscanned":    {"Could not be scanned", "No pudo escanearse"},
	"sec.warnings":      {"Warnings", "Advertencias"},
	"sec.sources":       {"Sources", "Fuentes"},
	"sec.tiers":         {"Tables by risk tier", "Tablas por nivel de riesgo"},
	"sec.details":       {"Table details", "Detalle de las tablas"},
	"sec.nofinding":     {"Tables with no finding", "Tablas sin hallazgos"},
	"sec.methods":       {"Methods", "Métodos"},
	"sec.glossary":      {"Glossary", "Glosario"},
	"sec.links":         {"Links between tables", "Vínculos entre tablas"},
	"sec.skipped":       {"Files skipped", "Archivos omitidos"},
	"sec.institution":   {"Institution: %s", "Institución: %s"},
	"sec.noinstitution": {"Sources with no institution", "Fuentes sin institución"},
	"sec.withfindings":  {"Tables with findings, most serious tier first", "Tablas con hallazgos, de mayor a menor nivel de riesgo"},

	// How to read (at the top).
	"howto.1": {"The figure to report is the number of people: distinct persons, not rows. Its bounds say what is certain and what is not.",
		"La cifra a reportar es el número de personas: personas distintas, no filas. Sus cotas dicen qué es seguro y qué no."},
	"howto.2": {"Figures marked ~ are estimates from a random sample, with a 95% interval; the others are exact. \"At least\" marks a lower bound: something was not read.",
		"Las cifras marcadas con ~ son estimaciones a partir de una muestra aleatoria, con un intervalo al 95%; las demás son exactas. «Al menos» marca un mínimo: algo no se leyó."},
	"howto.3": {"Records are rows holding personal data; one person can appear in many records and tables.",
		"Los registros son filas con datos personales; una persona puede aparecer en muchos registros y tablas."},
	"howto.4": {"Examples are masked where they were read: they show the shape of a value, never a complete personal value.",
		"Los ejemplos se enmascaran donde se leyeron: muestran la forma de un valor, nunca un dato personal completo."},
	"howto.5": {"What could not be scanned is listed as such: no finding there does not mean no personal data.",
		"Lo que no pudo escanearse se lista como tal: no haber hallazgos ahí no significa que no haya datos personales."},

	// Table columns and labels.
	"col.category":    {"Category", "Categoría"},
	"col.id":          {"Id", "Id"},
	"col.class":       {"Class", "Clase"},
	"col.records":     {"Records", "Registros"},
	"col.interval":    {"95% interval", "Intervalo al 95%"},
	"col.bounds":      {"Bounds", "Cotas"},
	"col.source":      {"Source", "Fuente"},
	"col.table":       {"Table", "Tabla"},
	"col.why":         {"Why", "Motivo"},
	"col.kind":        {"Kind", "Tipo"},
	"col.location":    {"Location", "Ubicación"},
	"col.tables":      {"Tables", "Tablas"},
	"col.errors":      {"Errors", "Errores"},
	"col.tier":        {"Tier", "Nivel"},
	"col.meaning":     {"Meaning", "Significado"},
	"col.rows":        {"Rows", "Filas"},
	"col.column":      {"Column", "Columna"},
	"col.type":        {"Type", "Tipo de dato"},
	"col.confidence":  {"Confidence", "Confianza"},
	"col.matchrate":   {"Match rate", "Coincidencia"},
	"col.evidence":    {"Evidence", "Evidencia"},
	"col.examples":    {"Masked examples", "Ejemplos enmascarados"},
	"col.figure":      {"Figure", "Cifra"},
	"col.value":       {"Value", "Valor"},
	"col.method":      {"How counted", "Cómo se contó"},
	"col.from":        {"From", "Desde"},
	"col.to":          {"To", "Hacia"},
	"col.declared":    {"Declared", "Declarado"},
	"col.path":        {"Path", "Ruta"},
	"col.reason":      {"Reason", "Motivo"},
	"col.persons":     {"People", "Personas"},
	"col.health":      {"With health data", "Con salud"},
	"col.minors":      {"Minors", "Menores"},
	"col.institution": {"Institution", "Institución"},
	"col.fingerprint": {"Fingerprint", "Huella"},

	"t.wholesource":    {"(whole source)", "(toda la fuente)"},
	"t.nameonly":       {"(name only)", "(solo por el nombre)"},
	"t.truncated":      {"(values cut at read time)", "(valores recortados al leer)"},
	"t.yes":            {"yes", "sí"},
	"t.no":             {"no", "no"},
	"t.declared":       {"declared in the catalog", "declarado en el catálogo"},
	"t.inferred":       {"inferred from names, checked on values", "inferido de los nombres, comprobado en los valores"},
	"t.rowsline":       {"%s (%s); %s read for classification", "%s (%s); %s leídas para clasificar"},
	"t.rowsexact":      {"exact", "exacto"},
	"t.rowsest":        {"estimated", "estimado"},
	"t.recordsline":    {"Records holding personal data", "Registros con datos personales"},
	"t.howcounted":     {"How counted", "Cómo se contó"},
	"t.quiet":          {"Columns with no finding", "Columnas sin hallazgos"},
	"t.records":        {"%s records", "%s registros"},
	"t.nofinding":      {"%s tables where no column holds personal data (tier none):", "%s tablas en las que ninguna columna tiene datos personales (nivel ninguno):"},
	"t.nofindingcount": {"Tables with no finding (tier none): %s", "Tablas sin hallazgos (nivel ninguno): %s"},
	"t.notable":        {"No table was scanned.", "No se escaneó ninguna tabla."},
	"t.incomplete": {"This scan is incomplete. alcance could not read what is listed below, so the absence of personal data there cannot be certified. Fix the cause (privileges, connectivity, a damaged file) and scan again.",
		"Este escaneo está incompleto. alcance no pudo leer lo que se lista abajo, así que no puede certificarse que ahí no haya datos personales. Corrija la causa (privilegios, conectividad, un archivo dañado) y vuelva a escanear."},
	"t.notscannedline": {"Could not be scanned (%s): no finding there does not mean no personal data",
		"No pudo escanearse (%s): no haber hallazgos ahí no significa que no haya datos personales"},
	"t.listedatend": {"(listed at the end)", "(se listan al final)"},
	"t.allscanned":  {"Nothing failed: every table the sources listed was scanned.", "Nada falló: se escanearon todas las tablas que listaron las fuentes."},
	"t.chartdesc": {"One horizontal bar per category, coloured by class, with the 95% interval drawn over estimates. The table below holds the same figures.",
		"Una barra horizontal por categoría, coloreada por clase, con el intervalo al 95% trazado sobre las estimaciones. La tabla de abajo tiene las mismas cifras."},
	"t.legend":       {"Colours: class of personal data", "Colores: clase de dato personal"},
	"t.footer":       {"Written by %s %s. This page is self-contained: it loads nothing and runs no script.", "Escrito por %s %s. Esta página es autocontenida: no carga nada ni ejecuta código."},
	"t.source":       {"source", "fuente"},
	"t.persondetail": {"Person figures", "Cifras de personas"},
	"t.tablesof":     {"%s: %s", "%s: %s"},
	"t.fingerprint":  {"Fingerprint", "Huella"},

	"diff.title":       {"Changes from the scan of %s to the scan of %s", "Cambios del escaneo del %s al escaneo del %s"},
	"diff.none":        {"Nothing changed.", "Nada cambió."},
	"diff.appeared":    {"Findings that appeared (%d)", "Hallazgos que aparecieron (%d)"},
	"diff.disappeared": {"Findings that disappeared (%d)", "Hallazgos que desaparecieron (%d)"},
	"diff.changed":     {"Findings that changed (%d)", "Hallazgos que cambiaron (%d)"},
	"diff.tablesnew":   {"Tables that appeared (%d)", "Tablas que aparecieron (%d)"},
	"diff.tablesgone":  {"Tables that disappeared (%d)", "Tablas que desaparecieron (%d)"},
	"diff.errorsnew":   {"Could not be scanned, new (%d)", "No pudo escanearse, nuevo (%d)"},
	"diff.errorsgone":  {"Could not be scanned before, now resolved (%d)", "No pudo escanearse antes, ahora resuelto (%d)"},
	"diff.figures":     {"Figures that changed (%d)", "Cifras que cambiaron (%d)"},
	"out.written":      {"Reports written: %s", "Informes escritos: %s"},

	// Documents (annex, certificate).
	"doc.tocomplete": {"To be completed by the data protection officer.", "Por completar por la persona responsable de protección de datos."},
	"doc.footer":     {"Prepared with %s %s from a scan of the sources named above. Figures are as the scan measured them; the fields marked for completion are the officer's.", "Preparado con %s %s a partir de un escaneo de las fuentes indicadas arriba. Las cifras son las que midió el escaneo; los campos por completar corresponden a la persona responsable."},

	"annex.title":              {"Annex to a personal data breach notification", "Anexo a la notificación de una vulneración de datos personales"},
	"annex.intro":              {"Each element a notification carries, the rule that asks for it, and where this annex answers it. alcance fills what a scan can measure; the officer completes the rest.", "Cada elemento que lleva una notificación, la norma que lo pide y dónde lo responde este anexo. alcance llena lo que un escaneo puede medir; la persona responsable completa lo demás."},
	"annex.sec.elements":       {"Elements of the notification", "Elementos de la notificación"},
	"annex.sec.categories":     {"Categories of personal data concerned", "Categorías de datos personales comprometidos"},
	"annex.sec.subjects":       {"Approximate number of people concerned", "Número aproximado de personas titulares afectadas"},
	"annex.sec.subjectcats":    {"Categories of people concerned", "Categorías de personas titulares"},
	"annex.sec.records":        {"Approximate number of records, per category", "Número aproximado de registros, por categoría"},
	"annex.sec.risk":           {"Risk indicators", "Indicadores de riesgo"},
	"annex.sec.officer":        {"To be completed by the officer", "Por completar por la persona responsable"},
	"annex.sec.sources":        {"Legal texts used", "Textos legales usados"},
	"annex.col.element":        {"Element", "Elemento"},
	"annex.col.mx":             {"Mexican law (LGPDPPSO: public bodies; LFPDPPP: private parties)", "Ley mexicana (LGPDPPSO: sujetos obligados públicos; LFPDPPP: particulares)"},
	"annex.col.gdpr":           {"GDPR", "RGPD (GDPR)"},
	"annex.col.where":          {"Answered by", "Lo responde"},
	"annex.col.sensitive":      {"Sensitive", "Sensible"},
	"annex.sensitive":          {"SENSITIVE", "SENSIBLE"},
	"annex.officer":            {"the officer (below)", "la persona responsable (abajo)"},
	"annex.alcance":            {"alcance: section \"%s\"", "alcance: sección «%s»"},
	"annex.nocategories":       {"The scan found no personal data.", "El escaneo no encontró datos personales."},
	"annex.bysource":           {"People by source (for example, beneficiaries of a programme, patients of a health service):", "Personas por fuente (por ejemplo, beneficiarios de un programa, pacientes de un servicio de salud):"},
	"annex.tiercount":          {"%s: %s (%s)", "%s: %s (%s)"},
	"annex.el.nature":          {"Nature of the incident (what happened, when, how it was detected)", "Naturaleza del incidente (qué ocurrió, cuándo, cómo se detectó)"},
	"annex.el.categories":      {"Categories of personal data concerned, sensitive data marked", "Categorías de datos personales comprometidos, con los sensibles señalados"},
	"annex.el.subjects":        {"Approximate number of people concerned", "Número aproximado de personas titulares afectadas"},
	"annex.el.subjectcats":     {"Categories of people concerned (minors, older adults, patients, beneficiaries)", "Categorías de personas titulares (menores, personas adultas mayores, pacientes, beneficiarios)"},
	"annex.el.records":         {"Approximate number of records concerned", "Número aproximado de registros comprometidos"},
	"annex.el.risk":            {"Risk indicators (identity kits, health, financial data)", "Indicadores de riesgo (kits de identidad, salud, datos financieros)"},
	"annex.el.consequences":    {"Likely consequences for the people concerned", "Consecuencias probables para las personas titulares"},
	"annex.el.recommendations": {"Recommendations to the people concerned on what they can do to protect themselves", "Recomendaciones a las personas titulares sobre las medidas que pueden adoptar para protegerse"},
	"annex.el.measures":        {"Corrective actions taken or proposed, and measures to mitigate the effects", "Acciones correctivas realizadas o propuestas, y medidas para mitigar los efectos"},
	"annex.el.contact":         {"Contact point where more information can be obtained (name, office, channels)", "Medios y contacto donde puede obtenerse más información (nombre, área, canales)"},
	"annex.mx.nature":          {"Yes (both laws; check the article)", "Sí (ambas leyes; verificar el artículo)"},
	"annex.mx.categories":      {"Yes: the personal data compromised (both laws; check the article)", "Sí: los datos personales comprometidos (ambas leyes; verificar el artículo)"},
	"annex.mx.subjects":        {"Not listed as such; useful to size the notice to each person and to the authority", "No figura como tal; sirve para dimensionar el aviso a cada titular y a la autoridad"},
	"annex.mx.subjectcats":     {"Not listed as such; minors and health data call for particular care", "No figura como tal; menores y datos de salud exigen especial cuidado"},
	"annex.mx.records":         {"Not listed as such", "No figura como tal"},
	"annex.mx.risk":            {"Relevant to whether rights (patrimonial or moral) are significantly affected (check the article)", "Relevante para valorar si se afectan de forma significativa derechos patrimoniales o morales (verificar el artículo)"},
	"annex.mx.consequences":    {"Relevant to the same assessment (check the article)", "Relevante para la misma valoración (verificar el artículo)"},
	"annex.mx.recommendations": {"Yes (both laws; check the article)", "Sí (ambas leyes; verificar el artículo)"},
	"annex.mx.measures":        {"Yes: corrective actions taken immediately (both laws; check the article)", "Sí: acciones correctivas realizadas de forma inmediata (ambas leyes; verificar el artículo)"},
	"annex.mx.contact":         {"Yes: the means where more information can be obtained (both laws; check the article)", "Sí: los medios donde puede obtenerse más información (ambas leyes; verificar el artículo)"},
	"annex.check.laws": {"To check: the articles of the 2025 Mexican laws are not cited here because their text was not verified for this version of alcance. Before sending, the officer must confirm in the current text of the LGPDPPSO (public bodies) or the LFPDPPP (private parties, such as a vendor who processes the data) which article sets the notification duty, its recipients (the people concerned and, where it applies, the authority) and its content. GDPR Art. 33(3) is cited from its text and applies only where the GDPR does.",
		"Por verificar: no se citan aquí artículos de las leyes mexicanas de 2025 porque su texto no se verificó para esta versión de alcance. Antes de enviar, la persona responsable debe confirmar en el texto vigente de la LGPDPPSO (sujetos obligados públicos) o de la LFPDPPP (particulares, como un proveedor que trata los datos) qué artículo establece el deber de notificar, a quién (las personas titulares y, cuando corresponda, la autoridad) y con qué contenido. El artículo 33(3) del RGPD se cita de su texto y solo aplica cuando aplica el RGPD."},
	"annex.check.scope": {"To check: the figures describe what the scan found in the sources it read, not what left them. Which of these data were actually accessed or taken is for the officer to establish.",
		"Por verificar: las cifras describen lo que el escaneo encontró en las fuentes que leyó, no lo que salió de ellas. Qué datos se accedieron o sustrajeron realmente lo establece la persona responsable."},
	"annex.check.subjects": {"To check: which kind of people each source holds (beneficiaries, patients, staff) is for the officer to state; alcance counts them, it does not know their relation to the institution.",
		"Por verificar: qué tipo de personas contiene cada fuente (beneficiarios, pacientes, personal) lo indica la persona responsable; alcance las cuenta, no conoce su relación con la institución."},
	"annex.src.lgpdppso": {"Ley General de Protección de Datos Personales en Posesión de Sujetos Obligados (LGPDPPSO), new law published in the DOF on 20 March 2025.", "Ley General de Protección de Datos Personales en Posesión de Sujetos Obligados (LGPDPPSO), nueva ley publicada en el DOF el 20 de marzo de 2025."},
	"annex.src.lfpdppp":  {"Ley Federal de Protección de Datos Personales en Posesión de los Particulares (LFPDPPP), new law of March 2025, in force since 21 March 2025 (check the DOF date of the edition you cite).", "Ley Federal de Protección de Datos Personales en Posesión de los Particulares (LFPDPPP), nueva ley de marzo de 2025, en vigor desde el 21 de marzo de 2025 (verificar la fecha del DOF de la edición que cite)."},
	"annex.src.gdpr":     {"Regulation (EU) 2016/679 (GDPR), Art. 33(3)(a)–(d): nature of the breach with categories and approximate numbers of data subjects and records; contact point; likely consequences; measures taken or proposed.", "Reglamento (UE) 2016/679 (RGPD), art. 33(3)(a)–(d): naturaleza de la violación con categorías y número aproximado de interesados y de registros; punto de contacto; consecuencias probables; medidas adoptadas o propuestas."},

	"cert.title":         {"Decommission certificate: no personal data found", "Constancia de baja: sin datos personales encontrados"},
	"cert.anydata":       {"personal data", "datos personales"},
	"cert.somedata":      {"personal data of the categories %s", "datos personales de las categorías %s"},
	"cert.statement":     {"alcance read every table the sources listed and found no %s: %s in %s, none of them failed.", "alcance leyó todas las tablas que listaron las fuentes y no encontró %s: %s en %s, sin que ninguna fallara."},
	"cert.onlysome":      {"This certificate covers only the categories named: other personal data may remain (listed below).", "Esta constancia cubre solo las categorías indicadas: pueden quedar otros datos personales (se listan abajo)."},
	"cert.json":          {"The JSON report of this scan is %s; its SHA-256 is %s. Any change to it changes this digest.", "El informe JSON de este escaneo es %s; su SHA-256 es %s. Cualquier cambio en él cambia este resumen."},
	"cert.sec.statement": {"Statement", "Declaración"},
	"cert.sec.what":      {"What was scanned", "Qué se escaneó"},
	"cert.sec.how":       {"How", "Cómo"},
	"cert.sec.tables":    {"What each table proves", "Qué prueba cada tabla"},
	"cert.sec.other":     {"Tables with other personal data (not certified)", "Tablas con otros datos personales (no certificados)"},
	"cert.sec.limits":    {"Limits", "Límites"},
	"cert.otherintro":    {"These tables hold personal data of categories this certificate does not cover.", "Estas tablas contienen datos personales de categorías que esta constancia no cubre."},
	"cert.nofingerprint": {"none: the source could not give one", "ninguna: la fuente no pudo darla"},
	"cert.boundmethod":   {"For a table read in part, the bound is the one-sided 95% upper limit of the hypergeometric distribution (a random sample drawn without replacement in which no row held the data): about 3 divided by the rows read, when the table is much larger than the sample.", "Para una tabla leída en parte, la cota es el límite superior unilateral al 95% de la distribución hipergeométrica (una muestra aleatoria sin reemplazo en la que ninguna fila tenía esos datos): unas 3 filas entre las filas leídas, cuando la tabla es mucho mayor que la muestra."},
	"cert.col.read":      {"Rows read", "Filas leídas"},
	"cert.col.proves":    {"What it proves", "Qué prueba"},
	"cert.allread":       {"all %s rows read: none holds %s", "se leyeron las %s filas: ninguna contiene %s"},
	"cert.sampled":       {"0 of %s sampled rows; with 95%% confidence at most %s of rows (%s rows) hold %s", "0 de %s filas muestreadas; con 95%% de confianza, como máximo el %s de las filas (%s filas) contiene %s"},
	"cert.limit.listed":  {"It covers the tables the sources listed to the login used; a table that login could not see is not covered.", "Cubre las tablas que las fuentes listaron al usuario empleado; una tabla que ese usuario no podía ver no queda cubierta."},
	"cert.limit.sample":  {"A table read in part is covered by its statistical bound, not by a reading of every row; --mode full reads every row and makes each bound exact.", "Una tabla leída en parte queda cubierta por su cota estadística, no por la lectura de cada fila; --mode full lee todas las filas y hace exacta cada cota."},
	"cert.limit.json":    {"The sources' state is identified by their fingerprints; a source changed after the scan is not covered.", "El estado de las fuentes se identifica por sus huellas; una fuente modificada después del escaneo no queda cubierta."},
	"cert.check":         {"To check: the officer confirms that the sources listed are all the systems being decommissioned, including copies and backups.", "Por verificar: la persona responsable confirma que las fuentes listadas son todos los sistemas que se dan de baja, incluidas copias y respaldos."},
	"cert.sign":          {"Name, position, date and signature of the person responsible", "Nombre, cargo, fecha y firma de la persona responsable"},

	// Methods section.
	"methods.sampling": {"Sampling: in sample mode each table is classified on a uniformly random sample of its rows (never the first rows); record counts are scaled to the table with Wilson 95% intervals and the finite-population correction. A table smaller than the sample is read whole and its counts are exact.",
		"Muestreo: en modo muestra cada tabla se clasifica con una muestra aleatoria uniforme de sus filas (nunca las primeras); los conteos de registros se escalan a la tabla con intervalos de Wilson al 95% y la corrección por población finita. Una tabla menor que la muestra se lee completa y sus conteos son exactos."},
	"methods.bounds": {"Bounds: record bounds are 95% intervals, and totals add the bounds of their parts, which makes them wider (more cautious). Person bounds are not intervals but what is certain: the low bound counts people told apart by identity; the high bound adds what may be other people; when something was not read there is no high bound.",
		"Cotas: las cotas de registros son intervalos al 95%, y los totales suman las cotas de sus partes, lo que los hace más amplios (más prudentes). Las cotas de personas no son intervalos sino lo que es seguro: la cota inferior cuenta personas distinguidas por su identidad; la superior suma lo que pueden ser otras personas; cuando algo no se leyó no hay cota superior."},
	"methods.identity": {"Identity: a person is a valid CURP (check digit, real date, state code), or, without one, a normalised full name with a birthdate; a name and birthdate that match a CURP holder's are that person. A CURP encodes a birthdate, which gives ages.",
		"Identidad: una persona es una CURP válida (dígito verificador, fecha real, clave de estado) o, sin ella, un nombre completo normalizado con fecha de nacimiento; un nombre y fecha que coinciden con los de quien tiene una CURP son esa persona. La CURP codifica la fecha de nacimiento, de la que se obtienen las edades."},
	"methods.linkage": {"Linkage: rows of one table belong to the person of another table's row when a key ties them: a foreign key the catalog declares, or one evident from the names and checked on the values (id_paciente → pacientes).",
		"Vinculación: las filas de una tabla pertenecen a la persona de la fila de otra tabla cuando una llave las une: una llave foránea declarada en el catálogo, o una evidente por los nombres y comprobada en los valores (id_paciente → pacientes)."},
	"methods.hashing": {"Hashing: identities are counted by keyed hashes (HMAC-SHA256); no CURP, name or birthdate is kept. Reports made with the same key can be compared or merged; the key itself never appears, only its fingerprint.",
		"Hashes: las identidades se cuentan con hashes con llave (HMAC-SHA256); no se guarda ninguna CURP, nombre ni fecha. Los informes hechos con la misma llave pueden compararse o combinarse; la llave nunca aparece, solo su huella."},

	// Glossary.
	"fp.size":   {"%s bytes", "%s bytes"},
	"fp.db":     {"database %s", "base de datos %s"},
	"fp.tables": {"%s listed, SHA-256 of their names and row counts %s", "%s listadas, SHA-256 de sus nombres y conteos de filas %s"},

	"gl.person":               {"Person", "Persona"},
	"gl.person.d":             {"a distinct human being, told apart by a valid CURP or by full name with birthdate.", "un ser humano distinto, identificado por una CURP válida o por nombre completo con fecha de nacimiento."},
	"gl.record":               {"Record", "Registro"},
	"gl.record.d":             {"a row that holds at least one category of personal data.", "una fila que contiene al menos una categoría de datos personales."},
	"gl.estimate":             {"~ (estimate)", "~ (estimación)"},
	"gl.estimate.d":           {"a figure scaled up from a random sample; its 95% interval gives the range.", "una cifra escalada a partir de una muestra aleatoria; su intervalo al 95% da el rango."},
	"gl.interval":             {"95% interval", "Intervalo al 95%"},
	"gl.interval.d":           {"the range that holds the true figure with 95% confidence.", "el rango que contiene la cifra real con 95% de confianza."},
	"gl.lower":                {"Lower bound (\"at least\")", "Mínimo («al menos»)"},
	"gl.lower.d":              {"the true figure is this or more; something that may hold more was not read, so no upper bound can be given.", "la cifra real es esta o mayor; algo que puede contener más no se leyó, así que no puede darse una cota superior."},
	"gl.tier":                 {"Tier", "Nivel de riesgo"},
	"gl.tier.d":               {"how serious a table's exposure is: critical, high, medium, low or none (see the tiers table).", "qué tan grave es la exposición de una tabla: crítico, alto, medio, bajo o ninguno (ver la tabla de niveles)."},
	"gl.confidence":           {"Confidence", "Confianza"},
	"gl.confidence.d":         {"how sure alcance is that the column holds the category, from 0 to 1, combining the column name, validated values and cross-checks.", "qué tan seguro está alcance de que la columna contiene la categoría, de 0 a 1, combinando el nombre de la columna, los valores validados y las comprobaciones cruzadas."},
	"gl.matchrate":            {"Match rate", "Tasa de coincidencia"},
	"gl.matchrate.d":          {"the share of the column's sampled non-empty values that are of the category.", "la proporción de los valores no vacíos muestreados de la columna que son de la categoría."},
	"gl.nameonly":             {"Name only", "Solo por el nombre"},
	"gl.nameonly.d":           {"a finding that rests on the column's name (and its table) alone: the values were consistent with it but could not confirm it.", "un hallazgo que se apoya solo en el nombre de la columna (y de su tabla): los valores fueron compatibles pero no pudieron confirmarlo."},
	"gl.masked":               {"Masked example", "Ejemplo enmascarado"},
	"gl.masked.d":             {"a value with most characters replaced by *, to show its shape without revealing it.", "un valor con la mayoría de sus caracteres sustituidos por *, para mostrar su forma sin revelarlo."},
	"gl.kit":                  {"Identity kit", "Kit de identidad"},
	"gl.kit.d":                {"an official identifier with the person's name and birthdate: enough to impersonate them.", "un identificador oficial con el nombre y la fecha de nacimiento de la persona: suficiente para suplantarla."},
	"gl.sensitive":            {"Sensitive data", "Datos sensibles"},
	"gl.sensitive.d":          {"health data (enrollment, condition, facility): sensitive personal data under Mexican law.", "datos de salud (afiliación, padecimiento, unidad médica): datos personales sensibles según la ley mexicana."},
	"gl.truncated":            {"Truncated", "Recortado"},
	"gl.truncated.d":          {"a column whose values were cut at read time to what detection needs.", "una columna cuyos valores se recortaron al leerse a lo que la detección necesita."},
	"gl.ev.column_name":       {"column_name", "column_name"},
	"gl.ev.column_name.d":     {"evidence: the column's name says so.", "evidencia: el nombre de la columna lo indica."},
	"gl.ev.value_format":      {"value_format", "value_format"},
	"gl.ev.value_format.d":    {"evidence: the values have the category's structure.", "evidencia: los valores tienen la estructura de la categoría."},
	"gl.ev.check_digit":       {"check_digit", "check_digit"},
	"gl.ev.check_digit.d":     {"evidence: the values pass the identifier's check digit.", "evidencia: los valores pasan el dígito verificador del identificador."},
	"gl.ev.dictionary":        {"dictionary", "dictionary"},
	"gl.ev.dictionary.d":      {"evidence: the values are words of a reference list (names, codes).", "evidencia: los valores son palabras de una lista de referencia (nombres, claves)."},
	"gl.ev.row_consistency":   {"row_consistency", "row_consistency"},
	"gl.ev.row_consistency.d": {"evidence: the values agree with a CURP in the same row (birthdate, sex, state, name letters).", "evidencia: los valores concuerdan con una CURP de la misma fila (fecha de nacimiento, sexo, estado, letras del nombre)."},
	"gl.ev.distribution":      {"distribution", "distribution"},
	"gl.ev.distribution.d":    {"evidence: the values' spread fits the category (ages of birthdates).", "evidencia: la dispersión de los valores corresponde a la categoría (edades de fechas de nacimiento)."},
	"gl.ev.free_text":         {"free_text", "free_text"},
	"gl.ev.free_text.d":       {"evidence: found inside sentences of a free-text column.", "evidencia: hallado dentro de oraciones de una columna de texto libre."},
	"gl.ev.table_context":     {"table_context", "table_context"},
	"gl.ev.table_context.d":   {"evidence: other columns of the table make it plausible.", "evidencia: otras columnas de la tabla lo hacen plausible."},
}
