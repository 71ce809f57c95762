// Package synth generates the synthetic legacy databases that alcance's
// demo scans, its tests use and `make eval` scores detectors against.
// Everything is synthetic: names are random combinations of single names
// and surnames, CURPs are built from them by the real rules, and no row
// describes a real person.
//
// # Shape
//
// Generate(Config) builds a Pool of people (pool.go) and the world they
// share (world.go: the health register, the health facilities and their
// doctors, the supplier companies), then one Table per Style. A table keeps
// only its row plan in memory: which person each row is about, and how the
// row writes the CURP. Table.Generate replays the rows from a seed drawn at
// build time, so the same table yields the same rows on every call and
// millions of rows never sit in memory. WriteSQLite (sqlite.go) loads them;
// writers for other databases consume the same Tables, whose column types
// are dialect-neutral (Type).
//
// Adding a table is one file: a func(*Pool, *rand.Rand) *Table, listed in a
// []Style passed as Config.Styles (DefaultStyles for the demo corpus). The
// *rand.Rand is the table's own stream, so a new table never changes the
// others. A style fills Table.Persons with the people whose valid CURP it
// writes in a CURP column, its columns' Labels, by the rules below, and
// Table.Subjects, the truth of the person figures (truth.go).
//
// A table may say which institution's system holds it (Table.Institution).
// InstitutionStyles spreads its tables over four institutions that share
// people; Corpus.OfInstitution takes one institution's part, which the
// writers write as a database of its own, so each is scanned as its own
// source, as the institutions of a real breach are.
//
// # Labelling rules (the ground truth in Labels)
//
// A column is labelled with every taxonomy category (docs/taxonomy.md) it
// truly holds, and with nothing else:
//
//   - curp: columns holding CURPs. Placeholders (SIN CURP, blanks, NULL),
//     CURPs with capture errors and the copied sample OEAF771012HMCRGR09
//     are in the column but are not persons.
//   - rfc: 13-character RFCs of persons (nomina_empleados.rfc), the ~1.5%
//     whose check character fails included, as in real data. The SAT's
//     generic XAXX010101000 in the column is not a value. Company RFCs (12
//     characters: proveedores, facturas) are not personal and get none.
//     A register mixing both (padron_contribuyentes.rfc, about 60% persons)
//     is rfc, by the rule for mixed columns below.
//   - nss: IMSS numbers of persons in a column whose name says so.
//   - voter_key: INE claves de elector (LISTA_NOMINAL.CVE_ELEC).
//   - clabe: a person's CLABE: the account a salary or a benefit is paid
//     into. The institution's own accounts (cuentas_bancarias) are a
//     company's financial data, not a person's, and get none, although
//     every CLABE there validates.
//   - credit_card: a person's payment card numbers, when most of the
//     column's values are complete numbers that pass Luhn; masked numbers
//     (4152********1234) and the test card 4111111111111111 in it are not
//     values. Card-shaped ids that fail Luhn (terminales_tpv) are not cards.
//   - person_name: given names, surnames, full names in any order, parents'
//     names, staff names such as the attending doctor, also when a legacy
//     field cut them at twenty characters. Company and merchant names
//     (ABARROTES LOPEZ), facility names (even HOSPITAL GENERAL DR. ...),
//     street names (BENITO JUAREZ), office names after heroes and saints
//     (MODULO BENITO JUAREZ, AGENCIA SAN JUAN BAUTISTA in cat_oficinas),
//     programme names (BECAS BENITO JUAREZ) and job titles (JEFE DE
//     DEPARTAMENTO, cat_oficinas.responsable_area) are not. Staff in a
//     directory (personal_salud) are persons; ANONIMO where a requester
//     withheld the name (atencion_ciudadana.nombre_solicitante) is a
//     placeholder, not a value.
//   - birthdate: dates of birth in any storage form (DATE, YYYYMMDD text
//     or INTEGER, DD/MM/YYYY text, DD/MM/YY text, Spanish month names as
//     21/MAR/1963 or 21 de marzo de 1963, Excel serial integers, the US
//     order MM/DD/YYYY of a foreign CRM, clinic_patients_export.dob, whose
//     patients are drawn so that about nine values in ten have a day over
//     12 and cannot be read day-first). Sentinels (00/00/0000, 1900-01-01,
//     9999-99-99, 19000101, serial 1) are in the column but are not
//     values. Registration, affiliation, validity, visit (also a CRM's
//     last_visit), admission, hire, payment, invoice, account-opening,
//     acquisition, authorisation, address-update, audit, request, transfer
//     and death dates (defunciones_registro.fecha_defuncion) are not
//     birthdates, and get no label; nor does an age, nor an expiry date
//     written like one (lotes_vacunas.caducidad, DD/MM/YYYY text).
//   - address: street and number, colonia, or a one-line address. A
//     municipality or state column alone is not an address and gets none.
//     A table keyed by person is about that person even when only an id
//     links the row to them: domicilios_historial (id_persona points at
//     padron_beneficiarios.id) labels calle, num_ext, num_int and colonia
//     address, its LABORAL rows (a person's workplace, a minority) and
//     earlier homes included. The address of an office in a catalogue of
//     offices (cat_oficinas.domicilio, .colonia) is no person's and gets
//     none. A requester's colonia captured by a service desk
//     (atencion_ciudadana.colonia) is address; a place of death coded as a
//     kind of place (defunciones_registro.lugar_defuncion: HOSPITAL,
//     DOMICILIO, VIA PUBLICA, OTRO) names no address and no facility, and
//     gets none.
//   - postal_code: the postal code of a person's address, also when a
//     spreadsheet dropped its leading zero, and also as text that kept it
//     (clinic_patients_export.postal_code). Five-digit amounts, costs,
//     stocks and budget codes are not, nor an office's postal code.
//   - phone, email: a person's telephone and e-mail, in any written form
//     (+52 55 1234 5678). An office's switchboard number is not, nor a
//     company's mailbox (facturacion@...). An employee's institutional
//     address (personal_salud.correo_institucional, juan.perez@imss.gob.mx)
//     names its holder and is email.
//   - health_enrollment: the póliza folio and the health programme a person
//     is enrolled in. A private medical insurer is a health plan too: a
//     clinic's insurer column (GNP, AXA, MetLife beside IMSS, ISSSTE,
//     Seguro Popular) and its policy_number are health_enrollment. Social
//     programmes (pensions, scholarships) are not health programmes and
//     get no label.
//   - health_condition: CIE-10 codes, diagnosis text, condition flags
//     (censo_cronicos.DIABETES = 1/2/9) and treatment text (the medicines a
//     person takes: a treatment is health data per the taxonomy) and
//     allergies (PENICILINA; NINGUNA and NKDA, no known allergy, are
//     answers, not placeholders) in a table with a row per person, and
//     the cause of death of a death register (defunciones_registro.causa_cie10).
//     A catalogue of diagnoses or medicines, one row per item, is not, nor
//     a disease in a vaccine's name (lotes_vacunas.biologico: HEPATITIS B).
//     In a table about persons, what was done to a person is: the medicine
//     prescribed (recetas.medicamento), a lab study and its result
//     (LAB_RESULTADOS.ESTUDIO, .RESULTADO; not the units), the vaccine a
//     child received (vacunacion_infantil.vacuna; the dose ordinal gets
//     none). The hospital service a stay was in (EGRESOS.SERVICIO) is a
//     department, and gets none.
//   - Coded outcome columns: in a table with a row per person or per case,
//     anonymised or not, a coded column that says how ill the person was
//     or what was done to them is health_condition, as a condition flag
//     is: the triage level (1-5), a lab result (1 positive, 2 negative,
//     3 pending, 97 not tested), the kind of discharge (1 home, 2
//     admitted, 3 transferred, 4 death) and intubation (1/2/97) of
//     urgencias_atenciones, beside its reason for the visit as short
//     condition text. Codes such as 97 (no aplica) are in the column but
//     are not values. Age, sex and the state of residence in such a table
//     get none.
//   - health_facility: the CLUES or the name of the unit that attended or
//     follows a person (consultas.clues, censo_cronicos.unidad, the
//     hospital of an anonymised emergency case, urgencias_atenciones.clues).
//     A catalogue of units is not, nor a CLUES in a table about no one
//     (cat_puestos_unidad.clues says where a position sits), and neither
//     is an employee's workplace (nomina_empleados.adscripcion,
//     personal_salud.clues_adscripcion, a valid CLUES): that unit did not
//     attend them. A transfer log's sending and receiving units both
//     attend the patient (bitacora_traslados.unidad_origen, .unidad_destino),
//     and the unit whose doctor certified a death attended the deceased
//     (defunciones_registro.clues_certifica): health_facility.
//   - Ids, foreign keys, amounts (five-digit salaries and costs too),
//     status codes, batch numbers, job titles, electoral sections, sex and
//     state-of-birth codes, equipment serials (even CURP- or RFC-shaped
//     ones that never validate), IP and MAC addresses, host names,
//     professional licence numbers (personal_salud.cedula_profesional, seven
//     or eight digits), vaccine lot codes (L230415A) and ambulance numbers
//     get no label: they are not taxonomy categories.
//   - Free text is labelled with each category present in at least 5% of
//     its non-empty values: consultas.notas holds patients' names (~40%),
//     conditions (~60%) and CURPs (~15%), so it is [curp, person_name,
//     health_condition]; censo_cronicos.observaciones holds names (~33%)
//     and conditions (~50%), so it is [person_name, health_condition];
//     atencion_ciudadana.relato, where about 45% of the requests are about
//     the street and hold nothing personal, holds names (~20%), phones and
//     addresses (~20% each), postal codes, birthdates, CURPs and conditions
//     (~10% each), so it carries all seven.
//   - Structured values follow the free-text rule: a JSON or delimited
//     column is labelled with every category present in at least 5% of its
//     non-empty values, whatever the key names (Spanish or English, camel or
//     snake case), the nesting, the order of the fields or the escapes of
//     the encoder (PE\u00d1A, 21\/03\/1963 are the same values). A postal
//     code stored as a JSON number that lost its leading zero is still a
//     postal code; null and "" are not values. solicitudes_web.payload is
//     [curp, person_name, birthdate, address, postal_code, phone, email];
//     bitacora_traslados.detalle, five pipe-separated fields
//     (PATERNO MATERNO NOMBRE|DD/MM/YYYY|CURP|CIE-10|CLUES), is [curp,
//     person_name, birthdate, health_condition, health_facility].
//   - Mixed columns, where persons and companies share a column as in a
//     tax register (padron_contribuyentes: about 60% personas físicas, 40%
//     personas morales), follow the same rule: a column is labelled with a
//     personal category when at least 5% of its non-empty values are that
//     category's values, and the company values in it (12-character RFCs,
//     razones sociales, offices' addresses, switchboards and mailboxes) are
//     in the column but are not values, as placeholders are. The register's
//     rfc, nombre_o_razon_social, domicilio_fiscal, cp, telefono and email
//     carry rfc, person_name, address, postal_code, phone and email: a leak
//     of the register exposes its persons, whoever else is listed beside them.
//   - Health data in all its forms (TuningStylesR4): in a table about
//     persons or cases, whether it names them or links to them by an id
//     only (historia_clinica.paciente_id, TRATAMIENTOS.TRA_PAC), each of
//     these is health_condition: a personal or family medical history in
//     clinical or lay words (ahf: "mi mamá tiene azúcar", PAPÁ CON PRESIÓN
//     ALTA; habits such as smoking and drinking; gynaecological history);
//     the reason for a visit and the physical-exam findings; dental and
//     other treatment notes and the diagnosis of a tooth (RESINA EN 36,
//     CARIES CLASE II); vital signs and measurements taken in a clinical
//     record (blood pressure, heart and breathing rates, temperature,
//     oxygen saturation, capillary glucose, weight, height, birth weight,
//     gestational weeks, a screening test's value); clinical scale scores
//     and their readings (Glasgow, Braden, Downton, EVA pain, RIESGO
//     ALTO); vaccination status (ESQUEMA COMPLETO, INCOMPLETO) and each
//     dose column (a column named after a vaccine's dose holding the date
//     or mark that it was given: its dates are doses, not birthdates); the
//     vaccine and dose a person received; medication lists in any
//     encoding (a JSON array of medicines is treatment); adverse events
//     after vaccination described in free text, with their seriousness and
//     outcome. Answers that say there is nothing (NIEGA, NEGADAS,
//     INTERROGADOS Y NEGADOS) are answers, as NINGUNA is; an empty JSON
//     array or object ([] or {}) is empty, as "" is. None of these: a
//     tooth or bed number alone (it says where, not what), the date of an
//     event in a column of its own (fecha_vacunacion,
//     fecha_inicio_sintomas), a vaccine's lot code, and the same words in a
//     table about no one (a catalogue of clinical scales, of diagnoses, of
//     adverse-event definitions or of dental fees, a vaccination schedule,
//     medicine kits as JSON arrays, a job's functions).
//   - The IMSS agregado médico (1M1957OR: relationship digit, M or F,
//     birth year, regime; docs/mexico-identifiers.md §3.3) qualifies an
//     NSS for one beneficiary and is health_enrollment; it holds a birth
//     year, not a birthdate. A column holding the NSS followed by its
//     agregado (12345678903 1M1985OR) is [nss, health_enrollment]. The
//     family-medicine unit a beneficiary is assigned to (UMF 27) follows
//     them and is health_facility; consultorio, turno and parentesco get
//     none.
//   - Column names do not decide labels; values do. A table-abbreviation
//     prefix (PAC_CALLE, emp_dom, INM_COL) or an abbreviated name (col,
//     colon, mpio, munic, cp, tel, nom, ap_pat, ap_mat, f_nac, fnac) is
//     labelled like its unprefixed, unabbreviated sibling would be; a
//     municipality alone stays none however it is spelt.
//   - Catalogues and things that are not people get none, whatever their
//     words: job titles whose functions mention patients and diseases,
//     sites named after people (ESCUELA PRIMARIA PROFR. ..., UNIDAD
//     DEPORTIVA LIC. ..., HOSPITAL GENERAL DR. ...) and those sites'
//     addresses, postal codes and switchboards, a CIE-10 catalogue in any
//     layout (its code column too), countries (ITALIA, CHINA in
//     cat_paises), animals (a pet's name, birth date, weight, vaccines and
//     diseases: vet_mascotas), and documents about no one (norms and
//     manuals, even when a hospital in the file name carries a person's
//     name).
//   - Logins are account ids and get none, also when built from the
//     holder's name (jperezl) or from the first ten characters of their
//     RFC (PELJ800101); a login that is a complete, valid CURP or RFC of
//     its holder would be that identifier. A string shaped like an
//     identifier that fails validation (SIST000000HDFXXX00, a month 13)
//     is not one. Passwords are never labelled, whatever they look like (a
//     date, ten digits, the login again).
//   - Placeholders include word-plus-digit fillers (CALLE1, DOMICILIO 2,
//     PRUEBA3, NOMBRE1, APELLIDO 2, COLONIA 5, CLIENTE PRUEBA 12), phones
//     of repeated or counting digits (5555555555, 1234567890, 0000000),
//     test mailboxes (prueba1@prueba.com, qa+7@example.com) and a newborn
//     not yet named (RECIEN NACIDO, RN); they are in the column but are not
//     values, and a table holding only such fillers (clientes_qa) is a
//     hard negative.
//   - Embedded records follow the structured-values rule: an audit or
//     version table storing whole rows or their changes (Laravel auditing's
//     old_values and new_values, PaperTrail's object as YAML and
//     object_changes as JSON, django-auditlog's changes as {"field":
//     ["old", "new"]} with "None" for nothing) is labelled, column by
//     column, with every category present in at least 5% of its non-empty
//     values, counted over the rows whatever model each audits; "[]" and
//     null are empty. A readable label of the audited record
//     (auditlog_logentry.object_repr, the student's name) is person_name
//     when names are at least 5% of it. The audited model's name and id,
//     URLs, IPs and user agents get none, and so does an audit trail of
//     catalogue models (catalogo_audits). The original file name of an
//     uploaded document follows the free-text rule:
//     documentos_tramite.nombre_original (ACTA_NACIMIENTO_JUAN_PEREZ_LOPEZ.pdf,
//     curp_<CURP>.pdf, IMG_20210312_101544.jpg) is [curp, person_name]; a
//     stored path made of a hash holds nothing.
//   - A home phone captured before the 2019 numbering change as its local
//     number (seven digits, eight in Mexico City, Guadalajara and
//     Monterrey: 5296120, 556-7236) in a column that holds phones is
//     phone; so is a WhatsApp id (521 or 52 and the ten digits).
//   - A question-and-answer table, one row per answer (an
//     entity-attribute-value design), is labelled by its answers: the
//     answer column carries the categories its values hold (a NO is an
//     answer, as NINGUNA is); the question's text, the same for every
//     person, says nothing about anyone and gets none.
//   - Secrets of applications (OAuth client secrets, API keys) are
//     passwords: never labelled.
//   - Lower case nicknames and hypocorisms (lupita, chuy, memo, don beto)
//     in a column that names a person (push_name, alias, apodo) are
//     person_name, and so are given names that are also countries
//     (ITALIA, GRECIA, ARGENTINA, ISRAEL) in a name column.
//   - Hard-negative tables (Table.HardNegative) hold no personal data by
//     construction; every column is labelled []. They hold no value that
//     validates as a CURP, personal RFC, voter key or card number (nor, in
//     TuningStylesR4, as an NSS or a CLABE).
//
// Labels.Persons is the number of distinct CURPs that pass
// validate.ParseCURP (with Config.Today) across all columns whose only label
// is curp: free text, JSON and delimited columns carry other labels too and
// are excluded, so the CURPs in solicitudes_web.payload,
// bitacora_traslados.detalle and atencion_ciudadana.relato count no one,
// while personal_salud.curp and defunciones_registro.curp do. It is counted
// from the row plans while the tables are built (Table.Persons), and the
// tests check it against an independent recount from a written SQLite
// file. People known only by other identifiers (LISTA_NOMINAL has voter
// keys and no CURP), by an id
// (domicilios_historial), by name (clinic_patients_export), by RFC
// (padron_contribuyentes) or not at all (urgencias_atenciones) are not
// counted.
//
// # Keys
//
// A table declares its primary key (Table.PrimaryKey) where the values
// are unique by construction and never NULL: a row number, however
// formatted (consultas.id, pagos_beneficiarios.folio_pago,
// urgencias_atenciones.folio_atencion), or a code drawn without repeats
// (cat_unidades_medicas.clues, cat_municipios' state and municipality
// keys). A key that is only unique by luck (random codes, RFCs, CURPs
// with their placeholders) is not declared.
//
// A table declares a foreign key (Table.ForeignKeys) where its column
// truly holds the key of another table of the corpus, every non-NULL
// value of it: the health register's id in consultas.id_beneficiario,
// domicilios_historial.id_persona and pagos_beneficiarios.id_beneficiario
// (the rows are about that person), a CLUES drawn from the facilities in
// cat_unidades_medicas.clues, and an INEGI state and municipality pair in
// cat_municipios. Generate drops a foreign key into a table the corpus
// does not hold (an evaluation list generated alone has no catalogue of
// facilities), so every key a Corpus carries can be declared as it is.
//
// The SQLite and PostgreSQL writers declare every key; the MariaDB writer
// declares none, on purpose, for legacy schemas whose links live only in
// column names and values. Keys change no label and no row.
//
// # Determinism
//
// Same Seed and Persons give byte-identical rows, labels and SQLite
// contents. Every random choice comes from a math/rand/v2 PCG stream named
// after what it decides (rng.go); nothing iterates a map to generate, and
// only integer arithmetic decides anything.
package synth
