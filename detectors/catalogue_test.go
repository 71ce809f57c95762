package detectors

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/alcance-mx/alcance/detectors/dict"
	"github.com/alcance-mx/alcance/taxonomy"
)

// A case table whose diagnoses spread almost evenly over the whole CIE-10
// is not a catalogue: its codes still repeat (issue 10).
func TestUniformCaseTableIsNotACatalogue(t *testing.T) {
	codes := dict.CIE10Codes()
	r := rand.New(rand.NewPCG(3, 3))
	ps := people(2000, 101)
	cases := table("egresos", ps,
		col{"fecha_ingreso", KindDate, func(i int, _ person) string { return fmt.Sprintf("2023-%02d-%02d", 1+i%12, 1+i%28) }},
		text("sexo", func(_ int, p person) string { return string(p.sex) }),
		text("edad", func(i int, _ person) string { return fmt.Sprint(i % 90) }),
		text("afeccion_principal", func(int, person) string { return codes[r.IntN(len(codes))] }),
	)
	if got := found(cases); !hasString(got["afeccion_principal"], taxonomy.HealthCondition) {
		t.Errorf("uniform case table: found %v", got)
	}
	// Hard negatives: catalogues, large (a unique key) and small (named so).
	big := table("diagnosticos", people(len(codes), 102),
		text("clave", func(i int, _ person) string { return codes[i] }),
		text("descripcion", func(i int, _ person) string { return "DESCRIPCION DEL CODIGO " + codes[i] }),
	)
	small := table("cat_cie10", people(80, 103),
		text("clave", func(i int, _ person) string { return codes[i*97] }),
		text("nombre", func(i int, _ person) string {
			return []string{"DIABETES MELLITUS", "ASMA", "GASTRITIS", "OTITIS MEDIA"}[i%4]
		}),
	)
	for _, tb := range []Table{big, small} {
		if g := found(tb); len(g) > 0 {
			t.Errorf("%s: found %v", tb.Name, g)
		}
	}
}

// A catalogue of positions or sites names people and medical work without
// being about anyone (issue 10).
func TestThingCatalogues(t *testing.T) {
	ps := people(120, 104)
	puestos := []string{"MEDICO ESPECIALISTA EN DIABETES", "ENFERMERA GENERAL", "AUXILIAR DE ENFERMERIA EN HEMODIALISIS",
		"QUIMICO CLINICO", "JEFE DE SERVICIO DE URGENCIAS", "CAMILLERO", "TRABAJADORA SOCIAL", "ODONTOLOGO"}
	sitios := []string{"JOSE MARIA MORELOS", "BENITO JUAREZ", "LEONA VICARIO", "MIGUEL HIDALGO", "JOSEFA ORTIZ",
		"VICENTE GUERRERO", "IGNACIO ZARAGOZA", "GUADALUPE VICTORIA"}
	for _, tb := range []Table{
		table("cat_puestos", ps,
			text("id_puesto", func(i int, _ person) string { return fmt.Sprint(i + 1) }),
			text("descripcion", func(i int, _ person) string { return fmt.Sprintf("%s %d", puestos[i%len(puestos)], i/len(puestos)) }),
			text("funciones", func(i int, _ person) string {
				return "ATENCION DE PACIENTES CON DIABETES, HIPERTENSION Y OBESIDAD EN CONSULTA EXTERNA " + fmt.Sprint(i)
			})),
		table("c_sitios", ps,
			text("clave", func(i int, _ person) string { return fmt.Sprintf("S%03d", i) }),
			text("nombre", func(i int, _ person) string { return sitios[i%len(sitios)] })),
	} {
		if g := found(tb); len(g) > 0 {
			t.Errorf("%s: found %v", tb.Name, g)
		}
	}
	// The same catalogue name with people in it is about people.
	staff := table("cat_personal", ps,
		text("curp", func(_ int, p person) string { return p.curp }),
		text("nombre", func(_ int, p person) string { return p.nombre }),
		text("apellido_paterno", func(_ int, p person) string { return p.paterno }),
	)
	if g := found(staff); !hasString(g["apellido_paterno"], taxonomy.PersonName) {
		t.Errorf("cat_personal: found %v", g)
	}
}
