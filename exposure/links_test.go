package exposure

import (
	"fmt"
	"slices"
	"testing"
)

func TestLinks(t *testing.T) {
	tables := []TableSchema{
		{Name: "padron_beneficiarios", Columns: []string{"id", "curp", "id_municipio"}, PrimaryKey: []string{"id"}},
		{Name: "pagos_beneficiarios", Columns: []string{"id", "id_beneficiario", "clabe"}},
		{Name: "consultas", Columns: []string{"id", "id_beneficiario", "cie10"}},
		{Name: "PACIENTES", Columns: []string{"ID", "NOMBRE"}},
		{Name: "CONSULTA_EXT", Columns: []string{"CON_ID", "CON_ID_PAC", "CON_DX"}},
		{Name: "recetas", Columns: []string{"id", "idConsulta", "medicamento"}},
		{Name: "tbl_consulta", Columns: []string{"id_consulta", "fecha"}},
		{Name: "cat_municipios", Columns: []string{"id", "nombre"}},
		{Name: "parientes", Columns: []string{"id", "id_padre"}},
		{Schema: "clinica", Name: "notas", Columns: []string{"folio", "paciente"},
			ForeignKeys: []ForeignKey{{Columns: []string{"paciente"}, RefTable: "PACIENTES", RefColumns: []string{"ID"}}}},
		{Name: "composite", Columns: []string{"a", "b"}, PrimaryKey: []string{"a", "b"}},
		{Name: "usa_composite", Columns: []string{"x", "y", "id_composite"},
			ForeignKeys: []ForeignKey{{Columns: []string{"x", "y"}, RefTable: "composite", RefColumns: []string{"a", "b"}}}},
		{Name: "domicilios", Columns: []string{"id", "id_persona", "calle"}},
		{Name: "personal_salud", Columns: []string{"num_empleado", "nombre"}},
		{Name: "padron_contribuyentes", Columns: []string{"id_contribuyente", "rfc"}},
		{Name: "self", Columns: []string{"id", "id_self"},
			ForeignKeys: []ForeignKey{{Columns: []string{"id_self"}, RefTable: "self", RefColumns: []string{"id"}}}},
	}
	var got []string
	for _, l := range Links(tables) {
		got = append(got, fmt.Sprintf("%s.%v -> %s.%v declared=%v group=%d",
			tables[l.From].QualifiedName(), l.FromColumns, tables[l.To].QualifiedName(), l.ToColumns, l.Declared, l.Group))
	}
	want := []string{
		"padron_beneficiarios.[id_municipio] -> cat_municipios.[id] declared=false group=0",
		"pagos_beneficiarios.[id_beneficiario] -> padron_beneficiarios.[id] declared=false group=1",
		"consultas.[id_beneficiario] -> padron_beneficiarios.[id] declared=false group=2",
		"CONSULTA_EXT.[CON_ID_PAC] -> PACIENTES.[ID] declared=false group=3",
		"recetas.[idConsulta] -> tbl_consulta.[id_consulta] declared=false group=4",
		"clinica.notas.[paciente] -> PACIENTES.[ID] declared=true group=5",
		"usa_composite.[x y] -> composite.[a b] declared=true group=6",
		"domicilios.[id_persona] -> padron_beneficiarios.[id] declared=false group=7",
		"domicilios.[id_persona] -> pagos_beneficiarios.[id] declared=false group=7",
		"domicilios.[id_persona] -> PACIENTES.[ID] declared=false group=7",
	}
	if !slices.Equal(got, want) {
		t.Errorf("links:\n got %q\nwant %q", got, want)
	}
}

func TestReferenceStem(t *testing.T) {
	for col, want := range map[string]string{
		"id_paciente": "paciente", "paciente_id": "paciente", "idPaciente": "paciente", "IDPACIENTE": "paciente",
		"cve_paciente": "paciente", "CON_ID_PAC": "pac", "id": "", "ID_": "", "nombre": "", "idx": "", "id_cp": "",
		"pacienteid": "paciente", "video": "",
	} {
		if got := referenceStem(col); got != want {
			t.Errorf("referenceStem(%q) = %q, want %q", col, got, want)
		}
	}
}
