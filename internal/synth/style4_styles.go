package synth

// TuningStylesR4 is the fourth tuning round: tables of every class of
// mistake that real Mexican application dumps revealed (issue 10), written
// without reading the detectors. Each style's file documents what it
// imitates and its labelling decisions; the rules are in doc.go.
//
// Person-bearing tables:
//   - health data in all its forms: a hospital's clinical histories in lay
//     and clinical words with a JSON medication list (historia_clinica), a
//     nursing chart with vital signs and clinical scales
//     (enf_hoja_registro), a dental clinic's treatment notes
//     (TRATAMIENTOS), a vaccination register with a column per dose
//     (CARTILLA_VACUNACION), adverse events after vaccination in free text
//     (esavi_notificaciones), newborn screening (tamiz_neonatal) and an
//     IMSS roll with the agregado médico (derechohabientes_umf);
//   - legacy naming: a dental clinic's FoxPro patients (PACIENTES, PAC_
//     prefix) and a municipal personnel file (tbl_emp, emp_ prefix), both
//     with seven-digit local phones from before 2019, and abbreviated
//     columns (tamiz_neonatal: colon, munic, f_nac_rn);
//   - embedded records: ORM audit trails with whole rows as JSON and YAML
//     (audits from Laravel auditing, versions from PaperTrail,
//     auditlog_logentry from django-auditlog) and names inside uploaded
//     file names (documentos_tramite);
//   - accounts: logins shaped like RFCs and plain-text passwords beside
//     the employees' names (usuarios_sistema);
//   - names: lower case nicknames (wa_contactos), given names that are
//     countries (tamiz_neonatal).
//
// Hard negatives, one or more per class: a job-title catalogue in medical
// words (CAT_PUESTOS_FUNCIONES), municipal sites named after people with
// prefixed address columns (INM_INMUEBLES), a CIE-10 catalogue in the
// health ministry's layout (CATALOGO_CIE10_SINBA), service logins shaped
// like identifiers (cuentas_servicio), a testing table of fillers
// (clientes_qa), an audit trail of catalogues (catalogo_audits), a library
// of norms and manuals (repositorio_normativo), countries (cat_paises),
// pets (vet_mascotas), clinical scales (cat_escalas_valoracion), the
// vaccination schedule (cat_esquema_vacunacion), dental fees
// (cat_aranceles_dentales), medicine kits as JSON arrays
// (cat_kits_medicamentos) and adverse-event definitions
// (cat_eventos_esavi).
//
// The list is separate from DefaultStyles so that `make eval` keeps its
// gate while the detectors are tuned on it; appending it to DefaultStyles
// is the tuner's step.
func TuningStylesR4() []Style {
	return []Style{
		{"PACIENTES", r4BuildPacientes},
		{"TRATAMIENTOS", r4BuildTratamientos},
		{"historia_clinica", r4BuildHistoriaClinica},
		{"enf_hoja_registro", r4BuildHojaEnfermeria},
		{"CARTILLA_VACUNACION", r4BuildCartilla},
		{"esavi_notificaciones", r4BuildESAVI},
		{"derechohabientes_umf", r4BuildDerechohabientes},
		{"tbl_emp", r4BuildTblEmp},
		{"audits", r4BuildAudits},
		{"versions", r4BuildVersions},
		{"auditlog_logentry", r4BuildAuditlog},
		{"documentos_tramite", r4BuildDocumentos},
		{"usuarios_sistema", r4BuildUsuarios},
		{"tamiz_neonatal", r4BuildTamiz},
		{"wa_contactos", r4BuildWAContactos},
		{"CAT_PUESTOS_FUNCIONES", r4BuildCatPuestosFunciones},
		{"INM_INMUEBLES", r4BuildInmuebles},
		{"CATALOGO_CIE10_SINBA", r4BuildCatCIE10SINBA},
		{"cuentas_servicio", r4BuildCuentasServicio},
		{"clientes_qa", r4BuildClientesQA},
		{"catalogo_audits", r4BuildCatalogoAudits},
		{"repositorio_normativo", r4BuildRepositorio},
		{"cat_paises", r4BuildCatPaises},
		{"vet_mascotas", r4BuildMascotas},
		{"cat_escalas_valoracion", r4BuildCatEscalas},
		{"cat_esquema_vacunacion", r4BuildCatEsquema},
		{"cat_aranceles_dentales", r4BuildCatAranceles},
		{"cat_kits_medicamentos", r4BuildCatKits},
		{"cat_eventos_esavi", r4BuildCatEventosESAVI},
	}
}
