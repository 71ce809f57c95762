package synth

import "math/rand/v2"

// mapeo_terminos_legos: the terminology table an electronic health record
// uses to turn what patients say into CIE-10 codes, one row per lay term:
// the term ("azúcar alta", "presión alta", "ataques", "piedras en el
// riñón", "le dio un aire"), the code with its dot, the description, the
// chapter and the source of the mapping. The words patients use about
// themselves, about no one here: a hard negative (doc.go).
func bdBuildTerminos(p *Pool, r *rand.Rand) *Table {
	t := &Table{
		Name:         "mapeo_terminos_legos",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(bdLayTerms),
		Columns: []Column{
			col("id_termino", Integer),
			col("termino_lego", Varchar(60)),
			col("cie10", Varchar(6)),
			col("descripcion_cie10", Varchar(120)),
			col("capitulo", Varchar(6)),
			col("fuente", Varchar(40)),
		},
	}
	t.Generate = func(yield func([]any) bool) {
		for k, m := range bdLayTerms {
			code := m[1]
			dotted := code
			if len(code) == 4 {
				dotted = code[:3] + "." + code[3:]
			}
			if !yield([]any{int64(k + 1), m[0], dotted, m[2], chapterOf(code), m[3]}) {
				return
			}
		}
	}
	return t
}

var bdLayTerms = [][4]string{
	{"azúcar alta", "E119", "DIABETES MELLITUS NO INSULINODEPENDIENTE SIN MENCION DE COMPLICACION", "GUIA DE PRACTICA CLINICA"},
	{"tiene azúcar", "E119", "DIABETES MELLITUS NO INSULINODEPENDIENTE SIN MENCION DE COMPLICACION", "CONSENSO LOCAL"},
	{"presión alta", "I10", "HIPERTENSION ESENCIAL (PRIMARIA)", "GUIA DE PRACTICA CLINICA"},
	{"se le sube la presión", "I10", "HIPERTENSION ESENCIAL (PRIMARIA)", "CONSENSO LOCAL"},
	{"ataques", "G409", "EPILEPSIA, TIPO NO ESPECIFICADO", "CONSENSO LOCAL"},
	{"le dan convulsiones", "G409", "EPILEPSIA, TIPO NO ESPECIFICADO", "CONSENSO LOCAL"},
	{"piedras en la vesícula", "K802", "CALCULO DE LA VESICULA BILIAR SIN COLECISTITIS", "CONSENSO LOCAL"},
	{"chorrillo", "A09", "DIARREA Y GASTROENTERITIS DE PRESUNTO ORIGEN INFECCIOSO", "CONSENSO LOCAL"},
	{"empacho", "K590", "CONSTIPACION", "CONSENSO LOCAL"},
	{"gripa", "J00", "RINOFARINGITIS AGUDA [RESFRIADO COMUN]", "GUIA DE PRACTICA CLINICA"},
	{"anginas", "J039", "AMIGDALITIS AGUDA, NO ESPECIFICADA", "CONSENSO LOCAL"},
	{"anemia", "D509", "ANEMIA POR DEFICIENCIA DE HIERRO SIN OTRA ESPECIFICACION", "GUIA DE PRACTICA CLINICA"},
	{"tristeza que no se quita", "F329", "EPISODIO DEPRESIVO, NO ESPECIFICADO", "CONSENSO LOCAL"},
	{"nervios", "F411", "TRASTORNO DE ANSIEDAD GENERALIZADA", "CONSENSO LOCAL"},
	{"infección en la orina", "N390", "INFECCION DE VIAS URINARIAS, SITIO NO ESPECIFICADO", "GUIA DE PRACTICA CLINICA"},
	{"dolor de cintura", "M545", "LUMBAGO NO ESPECIFICADO", "CONSENSO LOCAL"},
	{"gastritis", "K297", "GASTRITIS, NO ESPECIFICADA", "GUIA DE PRACTICA CLINICA"},
	{"gordura", "E669", "OBESIDAD, NO ESPECIFICADA", "CONSENSO LOCAL"},
	{"colesterol alto", "E785", "HIPERLIPIDEMIA NO ESPECIFICADA", "GUIA DE PRACTICA CLINICA"},
	{"várices", "I839", "VENAS VARICOSAS DE LOS MIEMBROS INFERIORES SIN ULCERA NI INFLAMACION", "CONSENSO LOCAL"},
	{"los riñones", "N189", "ENFERMEDAD RENAL CRONICA, NO ESPECIFICADA", "CONSENSO LOCAL"},
	{"se torció", "S934", "ESGUINCES Y TORCEDURAS DEL TOBILLO", "CONSENSO LOCAL"},
	{"caries", "K029", "CARIES DENTAL, NO ESPECIFICADA", "GUIA DE PRACTICA CLINICA"},
	{"dengue", "A90", "FIEBRE DEL DENGUE [DENGUE CLASICO]", "GUIA DE PRACTICA CLINICA"},
}
