package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// repositorio_normativo: a state health ministry's library of norms,
// manuals, protocols and forms, one row per stored file: the title, the
// file's name (NOM-004-SSA3-2012.pdf, PROTOCOLO_ATENCION_DIABETES_2020.pdf,
// MANUAL_ORGANIZACION_HOSPITAL_GENERAL_DR_<NAME>_2019.pdf: hospitals are
// named after physicians), its path, size, the area that publishes it, the
// date and version.
//
// File names of documents about no one, even when a hospital in them
// carries a person's name, hold no personal data (doc.go): a hard
// negative.
func r4BuildRepositorio(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 80, 60, 1500)
	var hospitals []string
	for _, f := range p.Facilities() {
		if strings.Contains(f.Name, " DR. ") {
			hospitals = append(hospitals, f.Name)
		}
	}
	for len(hospitals) < 4 {
		hospitals = append(hospitals, "HOSPITAL GENERAL DR. "+r4Given(r, 'H')+" "+r4Surname(r))
	}
	t := &Table{
		Name:         "repositorio_normativo",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: []Column{
			col("id", Integer),
			col("titulo", Varchar(160)),
			col("nombre_archivo", Varchar(120)),
			col("ruta", Varchar(160)),
			col("tamano_kb", Integer),
			col("area_responsable", Varchar(60)),
			col("fecha_publicacion", Date),
			col("version", Varchar(6)),
			col("vigente", Char(1)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			published := r4DayBetween(r, time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC), p.Today().AddDate(0, 0, -1))
			year := published.Year()
			var title, file string
			switch m := r.IntN(10); {
			case m < 3:
				nom := pick(r, r4Norms)
				title, file = "NORMA OFICIAL MEXICANA "+nom.code+" "+nom.title, nom.code+".pdf"
			case m < 6:
				topic := pick(r, r4ProtocolTopics)
				title = fmt.Sprintf("PROTOCOLO DE ATENCION DE %s %d", topic, year)
				file = fmt.Sprintf("PROTOCOLO_ATENCION_%s_%d.pdf", strings.ReplaceAll(topic, " ", "_"), year)
			case m < 8:
				h := pick(r, hospitals)
				kind := pick(r, []string{"MANUAL DE ORGANIZACION", "MANUAL DE PROCEDIMIENTOS", "PROGRAMA DE TRABAJO"})
				title = fmt.Sprintf("%s DEL %s %d", kind, h, year)
				file = strings.NewReplacer(" ", "_", ".", "").Replace(kind+" "+h) + fmt.Sprintf("_%d.pdf", year)
			default:
				form := pick(r, []string{"FORMATO DE REFERENCIA Y CONTRARREFERENCIA", "HOJA DE REGISTRO DE ENFERMERIA",
					"CEDULA DE NOTIFICACION DE ESAVI", "CARTILLA NACIONAL DE SALUD", "CONSENTIMIENTO INFORMADO"})
				title = form
				file = strings.ReplaceAll(form, " ", "_") + pick(r, []string{".docx", ".xlsx", ".pdf"})
			}
			if dot := strings.LastIndexByte(file, '.'); dot > 0 {
				file = plain(file[:dot]) + file[dot:]
			}
			row := []any{int64(k + 1), padTo(title, 160), padTo(file, 120),
				"/srv/normateca/" + fmt.Sprint(year) + "/" + padTo(file, 120),
				int64(between(r, 80, 25000)),
				pick(r, []string{"DIRECCION DE SERVICIOS DE SALUD", "SUBDIRECCION DE EPIDEMIOLOGIA", "DEPARTAMENTO DE ENFERMERIA",
					"UNIDAD DE ASUNTOS JURIDICOS", "DIRECCION DE PLANEACION"}),
				published,
				fmt.Sprintf("%d.%d", between(r, 1, 4), r.IntN(10)), pick(r, []string{"S", "S", "N"})}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4Norms = []struct{ code, title string }{
	{"NOM-004-SSA3-2012", "DEL EXPEDIENTE CLINICO"}, {"NOM-036-SSA2-2012", "PREVENCION Y CONTROL DE ENFERMEDADES. APLICACION DE VACUNAS"},
	{"NOM-015-SSA2-2010", "PARA LA PREVENCION, TRATAMIENTO Y CONTROL DE LA DIABETES MELLITUS"},
	{"NOM-030-SSA2-2009", "PARA LA PREVENCION, DETECCION, DIAGNOSTICO, TRATAMIENTO Y CONTROL DE LA HIPERTENSION ARTERIAL"},
	{"NOM-007-SSA2-2016", "PARA LA ATENCION DE LA MUJER DURANTE EL EMBARAZO, PARTO Y PUERPERIO"},
	{"NOM-013-SSA2-2015", "PARA LA PREVENCION Y CONTROL DE ENFERMEDADES BUCALES"},
	{"NOM-034-SSA2-2013", "PARA LA PREVENCION Y CONTROL DE LOS DEFECTOS AL NACIMIENTO"},
	{"NOM-017-SSA2-2012", "PARA LA VIGILANCIA EPIDEMIOLOGICA"},
}

var r4ProtocolTopics = []string{"DIABETES", "HIPERTENSION", "PREECLAMPSIA", "DENGUE", "TUBERCULOSIS", "ULCERAS POR PRESION",
	"CAIDAS EN PACIENTES HOSPITALIZADOS", "ANAFILAXIA POSTVACUNAL", "HIPOTIROIDISMO CONGENITO", "CARIES DENTAL"}
