package synth

// BlindStylesD is the fourth blind evaluation set, written after the
// fourth tuning round by its author, who has not read the detectors, and
// committed before its first score: the same classes of real-schema
// mistakes as TuningStylesR4 (issue 10), in other institutions, other
// schema habits and other words. No table repeats a round-4 design. It
// shares the person pool, so a corpus of these styles alone counts its
// own persons.
//
// Person-bearing tables: a workers' clinic's history questionnaire stored
// one answer per row (tblExpedienteAntecedentes), a private emergency
// room's triage sheet with vital signs and scales packed in delimited
// fields (SIGNOS_VITALES_URG), a dental chain's JSON odontograms
// (odontogramas), a vaccination brigade's spreadsheet with spaces in its
// column names (brigada_vacunacion_2021), adverse drug reactions
// (notificacion_ram), a company medical service's dBase table with the NSS
// and agregado médico in one field (DH_FAMILIA), a pawnshop's
// type-prefixed customers with nicknames and voter keys (tblCliente), a
// parish's baptism books (libro_bautismos), a PHP change log with
// serialize()d records (bitacora_cambios), a civil registry's trigger
// audit in XML (AuditoriaCambios), a water utility's mailbox attachments
// (adjuntos_buzon), a teachers' platform whose logins are CURPs
// (ACCESO_USUARIOS) and a hardware store's invoicing customers mixed with
// generic fillers (clientes_facturacion).
//
// Hard negatives: a hospital's services catalogue (CAT_SERVICIOS_HOSP),
// lay terms mapped to CIE-10 (mapeo_terminos_legos), OAuth clients with
// CURP-shaped ids (api_clientes), a load test's fillers
// (datos_prueba_carga), a warehouse's load log (log_importaciones),
// vaccination goals per municipality (metas_vacunacion_mpio) and the
// names of tropical cyclones (cat_nombres_ciclones).
//
// Each style's file documents its codings and labelling decisions.
func BlindStylesD() []Style {
	return []Style{
		{"tblExpedienteAntecedentes", bdBuildAntecedentes},
		{"SIGNOS_VITALES_URG", bdBuildUrgencias},
		{"odontogramas", bdBuildOdontogramas},
		{"brigada_vacunacion_2021", bdBuildBrigada},
		{"notificacion_ram", bdBuildRAM},
		{"DH_FAMILIA", bdBuildDHFamilia},
		{"tblCliente", bdBuildTblCliente},
		{"libro_bautismos", bdBuildBautismos},
		{"bitacora_cambios", bdBuildBitacoraPHP},
		{"AuditoriaCambios", bdBuildAuditoriaXML},
		{"adjuntos_buzon", bdBuildAdjuntos},
		{"ACCESO_USUARIOS", bdBuildAccesoUsuarios},
		{"clientes_facturacion", bdBuildFacturacion},
		{"CAT_SERVICIOS_HOSP", bdBuildCatServicios},
		{"mapeo_terminos_legos", bdBuildTerminos},
		{"api_clientes", bdBuildAPIClientes},
		{"datos_prueba_carga", bdBuildPruebaCarga},
		{"log_importaciones", bdBuildImportaciones},
		{"metas_vacunacion_mpio", bdBuildMetasVacunacion},
		{"cat_nombres_ciclones", bdBuildCiclones},
	}
}
