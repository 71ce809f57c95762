package detectors

import (
	"fmt"
	"testing"

	"github.com/alcance-mx/alcance/detectors/validate"
	"github.com/alcance-mx/alcance/taxonomy"
)

// A vaccination register: each dose's date is health data, and the BCG
// given at birth is still not the birthdate; doses and readings of a cold
// chain are no one's.
func TestVaccineDosesAndReadings(t *testing.T) {
	ps := people(300, 111)
	reg := table("cartilla_vacunacion", ps,
		text("curp", func(_ int, p person) string { return p.curp }),
		col{"fecha_nacimiento", KindDate, func(_ int, p person) string { return p.birth.Format("2006-01-02") }},
		col{"bcg", KindDate, func(_ int, p person) string { return p.birth.Format("2006-01-02") }},
		col{"hepb_2", KindDate, func(_ int, p person) string { return p.birth.AddDate(0, 2, 0).Format("2006-01-02") }},
		text("peso", func(i int, _ person) string { return fmt.Sprintf("%d.%d", 3+i%60, i%10) }),
	)
	got := found(reg)
	for _, c := range []string{"bcg", "hepb_2", "peso"} {
		if !hasString(got[c], taxonomy.HealthCondition) || hasString(got[c], taxonomy.Birthdate) {
			t.Errorf("%s: found %v, want health_condition only", c, got[c])
		}
	}
	chain := table("red_frio_vacunas", ps,
		text("biologico", func(i int, _ person) string { return []string{"BCG", "HEXAVALENTE", "SRP"}[i%3] }),
		text("dosis", func(i int, _ person) string { return fmt.Sprint(1 + i%10) }),
		text("temperatura", func(i int, _ person) string { return fmt.Sprintf("%d.%d", 2+i%6, i%10) }),
	)
	if g := found(chain); len(g) > 0 {
		t.Errorf("cold chain: found %v", g)
	}
}

// Pets' names, birthdates and diagnoses are no one's; the owner's name is.
func TestAnimalRecords(t *testing.T) {
	ps := people(200, 112)
	pets := []string{"firulais", "luna", "max", "rocky", "rosa", "coco", "nina", "toby"}
	tbl := table("expediente_vet", ps,
		text("nombre", func(i int, _ person) string { return pets[i%len(pets)] }),
		text("especie", func(i int, _ person) string { return []string{"PERRO", "GATO"}[i%2] }),
		col{"fecha_nacimiento", KindDate, func(i int, p person) string { return p.birth.AddDate(80, 0, 0).Format("2006-01-02") }},
		text("diagnostico", func(i int, _ person) string { return []string{"OTITIS", "DERMATITIS", "GASTRITIS"}[i%3] }),
		text("nombre_propietario", func(_ int, p person) string { return p.nombre + " " + p.paterno + " " + p.materno }),
	)
	got := found(tbl)
	for _, c := range []string{"nombre", "fecha_nacimiento", "diagnostico"} {
		if len(got[c]) > 0 {
			t.Errorf("%s: found %v", c, got[c])
		}
	}
	if !hasString(got["nombre_propietario"], taxonomy.PersonName) {
		t.Errorf("nombre_propietario: found %v", got["nombre_propietario"])
	}
}

// A newborn's birthdate beside the mother's CURP is not refuted by it.
func TestBirthdateOfAnotherPerson(t *testing.T) {
	ps := people(300, 113)
	tbl := table("registro_rn", ps,
		text("curp_madre", func(_ int, p person) string { return p.curp }),
		col{"f_nac_rn", KindDate, func(i int, _ person) string { return fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28) }},
	)
	if got := found(tbl); !hasString(got["f_nac_rn"], taxonomy.Birthdate) {
		t.Errorf("f_nac_rn: found %v", got["f_nac_rn"])
	}
}

func TestNamesAfterTriggers(t *testing.T) {
	for text, want := range map[string]bool{
		"MADRE EN DIALISIS POR INSUFICIENCIA RENAL":               false,
		"PACIENTE TOLERA BIEN EL PROCEDIMIENTO":                   false,
		"PROGRAMA DEL HOSPITAL GENERAL DR EMMANUEL MARTINEZ 2021": false,
		"SE ENTREVISTA A LA SRA XOCHITL CAUICH":                   true,
		"INE CAAMAL MAGDALENO JUAN":                               true,
		"ACUDE CON SU MADRE MARIA LOPEZ":                          true,
	} {
		if got := scanText(text, today)[taxonomy.PersonName] != ""; got != want {
			t.Errorf("%q: name found %v, want %v", text, got, want)
		}
	}
}

func TestPlaceholderEmails(t *testing.T) {
	for _, v := range []string{"prueba96@prueba.com", "qa+43@example.com", "usuario42@correo.com", "test@empresa.mx",
		"juan@sitio.test"} {
		if !validate.IsPlaceholder(v) {
			t.Errorf("%s not a placeholder", v)
		}
	}
	for _, v := range []string{"juan.perez@gmail.com", "mlopez@correo.mx", "pruebas.clinicas@imss.gob.mx"} {
		if validate.IsPlaceholder(v) {
			t.Errorf("%s taken for a placeholder", v)
		}
	}
}

// An audit trail keeps one model's rows together: the keys of the rarer
// models are found however the rows are ordered.
func TestRecordKeysAcrossTheColumn(t *testing.T) {
	ps := people(600, 114)
	tbl := table("audits", ps,
		text("id_paciente", func(i int, _ person) string { return fmt.Sprint(i) }),
		text("new_values", func(i int, p person) string {
			if i < 500 {
				return fmt.Sprintf(`{"last_login_at":"2020-06-%02d 11:44:56"}`, 1+i%28)
			}
			return fmt.Sprintf(`{"estatus":"ATENDIDA","diagnostico":"%s"}`,
				[]string{"HIPERTENSION ARTERIAL", "DIABETES MELLITUS TIPO 2", "GASTRITIS CRONICA"}[i%3])
		}),
	)
	if got := found(tbl); !hasString(got["new_values"], taxonomy.HealthCondition) {
		t.Errorf("new_values: found %v", got["new_values"])
	}
}
