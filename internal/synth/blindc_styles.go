package synth

// BlindStylesC is the third blind evaluation set: table styles written
// without reading the detectors, the tuning sets or the earlier evaluation
// sets, to measure whether the detectors generalise. They share the person
// pool, so a corpus of these styles alone counts its own persons.
//
// Person-bearing tables: a scholarship register in a FoxPro export
// (SIBEC_PADRON_ALUMNOS), the persons of a prosecutor's case files
// (FGJ_AP_INVOLUCRADOS), a correspondence-control system where citizens
// appear in a few percent of the rows (SICOGE_VOLANTES), a 50-column
// household survey (CUIS_HOGARES_LEV2019), a private company's staff list
// with spreadsheet serial dates (hr_plantilla_export), a private lab's
// orders (lab_ordenes), a collection agency's portfolio with JSON and
// delimited fields (cartera_despacho_cobranza), a private university's
// admissions in English camelCase (uniAdmisionesAlumnos), marriage
// certificates with two spouses per row (RC_ACTAS_MATRIMONIO) and a blood
// bank's donations (BS_DONADORES).
//
// Hard negatives: suppliers' role contacts (contactos_proveedor_areas),
// hospital rooms named after people (CAT_ESPACIOS_HOSPITAL), laboratory
// equipment with identifier-shaped serials (INV_EQUIPO_LAB), municipal
// health aggregates (EST_SALUD_MUNICIPAL_2020) and a street catalogue
// (VIALIDADES_MPIO).
//
// Each style's file documents its codings and labelling decisions.
func BlindStylesC() []Style {
	return []Style{
		{"SIBEC_PADRON_ALUMNOS", bcBuildSIBEC},
		{"FGJ_AP_INVOLUCRADOS", bcBuildFGJ},
		{"SICOGE_VOLANTES", bcBuildSICOGE},
		{"CUIS_HOGARES_LEV2019", bcBuildCUIS},
		{"hr_plantilla_export", bcBuildHR},
		{"lab_ordenes", bcBuildLab},
		{"cartera_despacho_cobranza", bcBuildCobranza},
		{"uniAdmisionesAlumnos", bcBuildUni},
		{"RC_ACTAS_MATRIMONIO", bcBuildActas},
		{"BS_DONADORES", bcBuildDonadores},
		{"contactos_proveedor_areas", bcBuildContactos},
		{"CAT_ESPACIOS_HOSPITAL", bcBuildEspacios},
		{"INV_EQUIPO_LAB", bcBuildEquipo},
		{"EST_SALUD_MUNICIPAL_2020", bcBuildEstadistica},
		{"VIALIDADES_MPIO", bcBuildVialidades},
	}
}
