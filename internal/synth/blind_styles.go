package synth

// BlindStyles are the tables of the blind evaluation set: kinds of system
// and table shapes the detectors were not tuned on, written without looking
// at the tuning styles, the earlier evaluation set or the detectors, to
// measure whether the detectors generalise. They draw on the same person
// pool as every other style, so their people overlap with other tables'.
//
// Person-bearing tables: dif_integrantes_hogar, sep_alumnos_inscritos,
// cereso_internos_hist, ISSSTE_NOMINA_PENS, vac_registro_dosis,
// rc_actas_defuncion, PADRON65, ventanilla_tramites, HR_EMP_MASTER,
// quejas_ciudadanas_mun, contribuyentes_isn, ref_contraref_log.
// Hard negatives: cat_escuelas_cct, inv_lotes_biologicos,
// tsj_lista_acuerdos, presupuesto_egresos_mpal, cat_codigos_postales.
// Each file's doc comment states its labels and the judgements behind them.
func BlindStyles() []Style {
	return []Style{
		{"dif_integrantes_hogar", blBuildDIF},
		{"sep_alumnos_inscritos", blBuildSEP},
		{"cereso_internos_hist", blBuildCereso},
		{"ISSSTE_NOMINA_PENS", blBuildPensiones},
		{"vac_registro_dosis", blBuildVacunas},
		{"rc_actas_defuncion", blBuildDefunciones},
		{"PADRON65", blBuildDBF},
		{"ventanilla_tramites", blBuildVentanilla},
		{"HR_EMP_MASTER", blBuildHR},
		{"quejas_ciudadanas_mun", blBuildQuejas},
		{"contribuyentes_isn", blBuildContribuyentes},
		{"ref_contraref_log", blBuildReferencias},
		{"cat_escuelas_cct", blBuildHNEscuelas},
		{"inv_lotes_biologicos", blBuildHNLotes},
		{"tsj_lista_acuerdos", blBuildHNAcuerdos},
		{"presupuesto_egresos_mpal", blBuildHNPresupuesto},
		{"cat_codigos_postales", blBuildHNCodigosPostales},
	}
}
