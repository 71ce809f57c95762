package vocab

import (
	"testing"

	"github.com/alcance-mx/alcance/taxonomy"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		column   string
		category string
		hint     Hint
		strength Strength
	}{
		// Identifiers with affixes, case and separators.
		{"curp", taxonomy.CURP, HintNone, Strong},
		{"CURP_PACIENTE", taxonomy.CURP, HintNone, Strong},
		{"cve_curp", taxonomy.CURP, HintNone, Strong},
		{"CurpBenef", taxonomy.CURP, HintNone, Strong},
		{"c_u_r_p", taxonomy.CURP, HintNone, Strong},
		{"rfc_titular", taxonomy.RFC, HintNone, Strong},
		{"rfc_emisor", taxonomy.RFC, HintNotPerson, Weak},
		{"num_seg_social", taxonomy.NSS, HintNone, Strong},
		{"NSS", taxonomy.NSS, HintNone, Strong},
		{"clave_elector", taxonomy.VoterKey, HintNone, Strong},
		// Names in modern, legacy and English forms.
		{"nombre", taxonomy.PersonName, HintGivenName, Strong},
		{"primer_apellido", taxonomy.PersonName, HintSurname1, Strong},
		{"APPATERNO", taxonomy.PersonName, HintSurname1, Strong},
		{"ap_materno", taxonomy.PersonName, HintSurname2, Strong},
		{"NOMCOMP", taxonomy.PersonName, HintFullName, Strong},
		{"NOMBREPAC", taxonomy.PersonName, HintGivenName, Strong},
		{"nombreCompleto", taxonomy.PersonName, HintFullName, Strong},
		{"last_name", taxonomy.PersonName, HintSurname1, Strong},
		{"medico", taxonomy.PersonName, HintFullName, Strong},
		{"NOMPADRE", taxonomy.PersonName, HintFullName, Strong},
		// Names of things escape "nombre" because the longest rule wins.
		{"nombre_unidad", "", HintNotPerson, Strong},
		{"nombre_generico", "", HintNotPerson, Strong},
		{"razon_social", "", HintNotPerson, Strong},
		// Dates: births, and dates that are not births.
		{"fecha_nacimiento", taxonomy.Birthdate, HintNone, Strong},
		{"FEC_NACIM", taxonomy.Birthdate, HintNone, Strong},
		{"FECNAC", taxonomy.Birthdate, HintNone, Strong},
		{"FechaNac", taxonomy.Birthdate, HintNone, Strong},
		{"f_nac", taxonomy.Birthdate, HintNone, Strong},
		{"DOB", taxonomy.Birthdate, HintNone, Strong},
		{"fecha_afiliacion", "", HintEventDate, Strong},
		{"FECREG", "", HintEventDate, Strong},
		{"fecha_consulta", "", HintEventDate, Strong},
		{"fecha_emision", "", HintEventDate, Strong},
		{"created_at", "", HintEventDate, Strong},
		// Addresses and places.
		{"domicilio", taxonomy.Address, HintNone, Strong},
		{"DOMICILIO1", taxonomy.Address, HintNone, Strong},
		{"calle", taxonomy.Address, HintNone, Strong},
		{"num_ext", taxonomy.Address, HintNone, Strong},
		{"numero_exterior", taxonomy.Address, HintNone, Strong},
		{"colonia", taxonomy.Address, HintNone, Strong},
		{"municipio", "", HintPlace, Strong},
		{"entidad", "", HintPlace, Strong},
		{"entidad_nacimiento", "", HintBirthState, Strong},
		{"CVEENTNAC", "", HintBirthState, Strong},
		{"EDONAC", "", HintBirthState, Strong},
		{"codigo_postal", taxonomy.PostalCode, HintNone, Strong},
		{"CP", taxonomy.PostalCode, HintNone, Strong},
		{"c_p", taxonomy.PostalCode, HintNone, Strong},
		{"telefono", taxonomy.Phone, HintNone, Strong},
		{"tel_cel", taxonomy.Phone, HintNone, Strong},
		{"correo_electronico", taxonomy.Email, HintNone, Strong},
		{"e-mail", taxonomy.Email, HintNone, Strong},
		// Health.
		{"folio_poliza", taxonomy.HealthEnrollment, HintNone, Strong},
		{"num_poliza", taxonomy.HealthEnrollment, HintNone, Strong},
		{"programa", taxonomy.HealthEnrollment, HintNone, Strong},
		{"cie10", taxonomy.HealthCondition, HintNone, Strong},
		{"cve_cie10", taxonomy.HealthCondition, HintNone, Strong},
		{"diagnostico", taxonomy.HealthCondition, HintNone, Strong},
		{"dx_principal", taxonomy.HealthCondition, HintNone, Strong},
		{"descripcion_diagnostico", taxonomy.HealthCondition, HintNone, Strong},
		{"DIABETES", taxonomy.HealthCondition, HintCondition, Weak},
		{"clues", taxonomy.HealthFacility, HintNone, Strong},
		{"unidad_medica", taxonomy.HealthFacility, HintNone, Strong},
		// Hints.
		{"sexo", "", HintSex, Strong},
		{"notas", "", HintFreeText, Strong},
		{"observaciones_medicas", "", HintFreeText, Strong},
		{"importe", "", HintAmount, Strong},
		{"id_beneficiario", "", HintPersonKey, Strong},
		{"descripcion", "", HintNotPerson, Strong},
		// Names of things, and addresses that are not where anyone lives.
		{"nombre_escuela", "", HintNotPerson, Weak},
		{"nom_sucursal", "", HintNotPerson, Weak},
		{"branch_name", "", HintNotPerson, Weak},
		{"nombres", taxonomy.PersonName, HintGivenName, Strong},
		{"nombre_s", taxonomy.PersonName, HintGivenName, Strong},
		{"apellido_nombre", taxonomy.PersonName, HintFullName, Strong},
		{"direccion_ip", "", HintNotPerson, Strong},
		{"direccion_correo", taxonomy.Email, HintNone, Strong},
		{"insurance_provider", taxonomy.HealthEnrollment, HintNone, Strong},
		{"policy_number", taxonomy.HealthEnrollment, HintNone, Strong},
		{"expediente", taxonomy.HealthEnrollment, HintNone, Weak},
		{"motivo_egreso", taxonomy.HealthCondition, HintNone, Strong},
		{"fecha_creacion", "", HintEventDate, Strong},
		{"fec_alta_sistema", "", HintEventDate, Strong},
	}
	for _, tt := range tests {
		m := Lookup(tt.column)
		if !m.Matched {
			t.Errorf("Lookup(%q): no match, want %q/%q", tt.column, tt.category, tt.hint)
			continue
		}
		if m.Category != tt.category || m.Hint != tt.hint || m.Strength != tt.strength {
			t.Errorf("Lookup(%q) = %q/%q/%v (rule %q), want %q/%q/%v", tt.column,
				m.Category, m.Hint, m.Strength, m.Name, tt.category, tt.hint, tt.strength)
		}
	}
}

func TestLookupNoMatch(t *testing.T) {
	for _, column := range []string{"C01", "C02", "id", "x", "", "campo7", "valor", "dato", "codigo", "fld_a"} {
		if m := Lookup(column); m.Matched {
			t.Errorf("Lookup(%q) matched rule %q (%q/%q); meaningless names must not", column, m.Name, m.Category, m.Hint)
		}
	}
}

func TestRulesWellFormed(t *testing.T) {
	for _, r := range Rules {
		if r.Category != "" {
			if _, ok := taxonomy.Lookup(r.Category); !ok {
				t.Errorf("rule %q: unknown category %q", r.Name, r.Category)
			}
		}
		if r.Category == "" && r.Hint == HintNone {
			t.Errorf("rule %q says nothing", r.Name)
		}
		if r.Name == "" {
			t.Error("empty rule name")
		}
	}
}
