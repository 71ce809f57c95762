package detectors

import (
	"fmt"
	"testing"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/taxonomy"
)

// Health data as Mexican clinical systems write it (issue 10): lay words,
// exam findings, medication lists as JSON arrays, vital signs and scales,
// dental notes, vaccination status, adverse events, the IMSS agregado.
func TestClinicalVocabulary(t *testing.T) {
	ps := people(300, 61)
	pick := func(i int, l ...string) string { return l[i%len(l)] }
	tbl := table("historia_clinica", ps,
		text("id_paciente", func(i int, _ person) string { return fmt.Sprint(1000 + i) }),
		text("antecedentes_heredofamiliares", func(i int, _ person) string {
			return pick(i, "MADRE CON AZUCAR ALTA Y PRESION ALTA", "PADRE FINADO POR INFARTO", "NIEGA", "ABUELA CON EMBOLIA")
		}),
		text("exploracion_fisica", func(i int, _ person) string {
			return pick(i, "ABDOMEN BLANDO DEPRESIBLE, PERISTALSIS PRESENTE", "CONSCIENTE, ORIENTADO, HIDRATADO",
				"MURMULLO VESICULAR PRESENTE, SIN ESTERTORES NI SIBILANCIAS")
		}),
		text("medicamentos", func(i int, _ person) string {
			return pick(i, `["METFORMINA 850 MG","LOSARTAN 50 MG"]`, `["PARACETAMOL 500 MG"]`, `["OMEPRAZOL 20 MG","AMLODIPINO 5 MG"]`)
		}),
		text("ta", func(i int, _ person) string { return fmt.Sprintf("%d/%d", 100+i%50, 60+i%30) }),
		text("glasgow", func(i int, _ person) string { return fmt.Sprint(9 + i%7) }),
		text("tratamiento_dental", func(i int, _ person) string {
			return pick(i, "OBTURACION CON RESINA PIEZA 36", "PROFILAXIS Y DETARTRAJE", "EXODONCIA TERCER MOLAR")
		}),
		text("vacunacion", func(i int, _ person) string {
			return pick(i, "ESQUEMA COMPLETO", "PENTAVALENTE 2A DOSIS", "SRP REFUERZO")
		}),
		text("reaccion_adversa", func(i int, _ person) string {
			return pick(i, "DOLOR Y ENROJECIMIENTO EN SITIO DE APLICACION, FIEBRE", "RONCHAS Y COMEZON", "SIN REACCION")
		}),
		text("agregado_medico", func(i int, p person) string { return fmt.Sprintf("%d%c%d%s", 1+i%4, p.sex, p.birth.Year(), "OR") }),
	)
	got := found(tbl)
	for _, c := range []string{"antecedentes_heredofamiliares", "exploracion_fisica", "medicamentos", "ta", "glasgow",
		"tratamiento_dental", "vacunacion", "reaccion_adversa"} {
		if !hasString(got[c], taxonomy.HealthCondition) {
			t.Errorf("%s: found %v, want health_condition", c, got[c])
		}
	}
	if !hasString(got["agregado_medico"], taxonomy.HealthEnrollment) {
		t.Errorf("agregado_medico: found %v", got["agregado_medico"])
	}

	// Hard negatives: a pharmacy price list, a cold chain's log, a hardware
	// catalogue with words that are clinical only in company.
	neg := []Table{
		table("precios_farmacia", ps,
			text("clave", func(i int, _ person) string { return fmt.Sprintf("010.000.%04d.00", i) }),
			text("descripcion", func(i int, _ person) string {
				return pick(i, "PARACETAMOL 500 MG TABLETA C/10", "METFORMINA 850 MG C/30", "LOSARTAN 50 MG C/30", "SALBUTAMOL AEROSOL")
			}),
			text("precio", func(i int, _ person) string { return fmt.Sprintf("%d.50", 20+i%90) })),
		table("cadena_frio", ps,
			text("biologico", func(i int, _ person) string { return pick(i, "BCG", "PENTAVALENTE", "SRP", "INFLUENZA") }),
			text("temperatura", func(i int, _ person) string { return fmt.Sprintf("%d.%d", 2+i%6, i%10) }),
			text("lote", func(i int, _ person) string { return fmt.Sprintf("L%05d", i) })),
		table("articulos", ps,
			text("articulo", func(i int, _ person) string {
				return pick(i, "MANOMETRO DE PRESION", "PIEZA DE REPUESTO", "SELLADOR ACRILICO")
			}),
			text("existencia", func(i int, _ person) string { return fmt.Sprint(i % 40) })),
	}
	for _, tb := range neg {
		if g := found(tb); len(g) > 0 {
			t.Errorf("%s: found %v", tb.Name, g)
		}
	}
	// The vocabulary: words alone, and words in company.
	for _, w := range []string{"METFORMINA", "GASTRITIS", "EMPACHO", "ODONTOGRAMA", "BACILOSCOPIA", "ANTIRRABICA"} {
		if !isConditionWord(w) {
			t.Errorf("%s not clinical", w)
		}
	}
	for _, w := range []string{"PRESION", "PIEZA", "DOSIS", "POSITIVO"} {
		if isConditionWord(w) || !dict.IsClinicalContext(w) {
			t.Errorf("%s should be clinical only in company", w)
		}
	}
	if clinicalWordIn([]string{"PRESION", "DE", "LLANTA"}) != "" || clinicalWordIn([]string{"PRESION", "ARTERIAL"}) == "" {
		t.Error("words in company")
	}
}
