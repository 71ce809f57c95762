package synth

import (
	"fmt"
	"math/rand/v2"
)

// cat_kits_medicamentos: the medicine kits a state's health programmes
// dispense, one row per kit: the programme (DIABETES, HIPERTENSION,
// TUBERCULOSIS...), a description, and the contents as a JSON array of
// medicines with their Cuadro Básico key, presentation and quantity, the
// same shape a patient's medication list takes. A kit is given to no one
// in particular: a hard negative (doc.go: a catalogue of medicines, in any
// encoding, is not health data about anyone).
func r4BuildCatKits(p *Pool, r *rand.Rand) *Table {
	t := &Table{
		Name:         "cat_kits_medicamentos",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(r4Kits),
		Columns: []Column{
			col("clave_kit", Varchar(10)),
			col("programa", Varchar(30)),
			col("descripcion", Varchar(100)),
			col("contenido", Text),
			col("vigente", Integer),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, kit := range r4Kits {
			var arr r4Arr
			for _, m := range kit.items {
				arr = append(arr, r4Obj{{"clave", fmt.Sprintf("010.000.%04d.00", between(r, 100, 6000))}, {"medicamento", m},
					{"presentacion", pick(r, []string{"TABLETA", "CAPSULA", "SOLUCION INYECTABLE", "SUSPENSION ORAL"})},
					{"cantidad", int64(between(r, 1, 6) * 10)}})
			}
			enc := jsonNode
			if k%2 == 0 {
				enc = jsonPHP
			}
			row := []any{fmt.Sprintf("KIT-%03d", k+1), kit.programme, kit.desc, r4JSON(arr, enc), int64(pick(r, []int{1, 1, 0}))}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4Kits = []struct {
	programme, desc string
	items           []string
}{
	{"DIABETES", "TRATAMIENTO MENSUAL DE DIABETES MELLITUS TIPO 2", []string{"METFORMINA", "GLIBENCLAMIDA", "TIRAS REACTIVAS"}},
	{"DIABETES", "INSULINIZACION", []string{"INSULINA NPH", "INSULINA RAPIDA", "JERINGAS DE INSULINA"}},
	{"HIPERTENSION", "TRATAMIENTO MENSUAL DE HIPERTENSION ARTERIAL", []string{"LOSARTAN", "ENALAPRIL", "HIDROCLOROTIAZIDA"}},
	{"DISLIPIDEMIA", "TRATAMIENTO DE DISLIPIDEMIA", []string{"ATORVASTATINA", "BEZAFIBRATO"}},
	{"TUBERCULOSIS", "FASE INTENSIVA", []string{"ISONIAZIDA", "RIFAMPICINA", "PIRAZINAMIDA", "ETAMBUTOL"}},
	{"TUBERCULOSIS", "FASE DE SOSTEN", []string{"ISONIAZIDA", "RIFAMPICINA"}},
	{"SALUD MATERNA", "CONTROL PRENATAL", []string{"ACIDO FOLICO", "SULFATO FERROSO", "CALCIO"}},
	{"IRAS", "INFECCION RESPIRATORIA AGUDA", []string{"PARACETAMOL", "AMOXICILINA", "AMBROXOL"}},
	{"EDAS", "ENFERMEDAD DIARREICA AGUDA", []string{"VIDA SUERO ORAL", "ZINC"}},
	{"ANAFILAXIA", "BOTIQUIN DE VACUNACION SEGURA", []string{"ADRENALINA", "DIFENHIDRAMINA", "HIDROCORTISONA", "SOLUCION SALINA"}},
	{"SALUD MENTAL", "DEPRESION Y ANSIEDAD", []string{"SERTRALINA", "FLUOXETINA", "CLONAZEPAM"}},
	{"EPILEPSIA", "CONTROL DE CRISIS CONVULSIVAS", []string{"CARBAMAZEPINA", "VALPROATO DE MAGNESIO", "FENITOINA"}},
}
