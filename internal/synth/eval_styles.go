package synth

// EvalStyles are the evaluation tables: a second, independent set of
// schema styles, written from docs/taxonomy.md and
// docs/mexico-identifiers.md alone by someone who had not seen how the
// detectors work, to measure whether detectors tuned on DefaultStyles
// generalise. They must never be used to tune detectors.
//
// They draw from the same Pool as DefaultStyles: with the same Seed and
// Persons, Generate(Config{Styles: EvalStyles()}) builds the same people,
// so persons are shared with the tuning tables, and its Labels count the
// distinct valid CURPs of these tables alone. Table names differ from
// DefaultStyles', so both lists can also be generated together.
//
// Six tables hold personal data, in styles the default tables do not use:
//
//	AFIL_ASEGURADOS         IMSS affiliation, abbreviated names, INTEGER dates and postal codes, NSS, RFC
//	COVID19MEXICO           DGE/SINAVE-style anonymised case table: codes only, condition flags
//	egresos_hosp            Oracle hospital discharges: DD-MON-YY Spanish dates, CIE-10, free-text summary
//	nomina_pagos_bienestar  social-programme payment roll: PATERNO/MATERNO/NOMBRE, CLABE, payments
//	lista_nominal_ext       INE voter extract: clave de elector, Excel serial birthdates
//	crm_contacts            private clinic CRM: camelCase, +52 1 phones, insurance, payment cards
//
// and five are hard negatives (no personal data, every column unlabelled):
//
//	FLOTA_VEHICULAR         vehicles: VINs, plates, odometers, vehicle insurance policies
//	cat_sucursales          bank branches named after heroes and saints, business addresses, non-CLABE accounts
//	inv_equipo_computo      IT assets: RFC- and CURP-shaped serials that never validate, IPs, MACs
//	cat_plazas              payroll positions: codes, five-digit salaries, CLUES of a catalogue
//	CAT_PROC_CIE9           CIE-9-MC procedure catalogue with sex and age applicability
//
// Each table's doc comment gives its labelling decisions. Where a rule of
// doc.go and the taxonomy could be read two ways, the comment says which
// reading was taken and why.
func EvalStyles() []Style {
	return []Style{
		{"AFIL_ASEGURADOS", buildEvalAfiliacion},
		{"COVID19MEXICO", buildEvalSinave},
		{"egresos_hosp", buildEvalEgresos},
		{"nomina_pagos_bienestar", buildEvalBienestar},
		{"lista_nominal_ext", buildEvalINE},
		{"crm_contacts", buildEvalCRM},
		{"FLOTA_VEHICULAR", buildEvalFlota},
		{"cat_sucursales", buildEvalSucursales},
		{"inv_equipo_computo", buildEvalEquipo},
		{"cat_plazas", buildEvalPlazas},
		{"CAT_PROC_CIE9", buildEvalCIE9},
	}
}
