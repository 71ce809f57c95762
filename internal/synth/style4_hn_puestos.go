package synth

import (
	"fmt"
	"math/rand/v2"
)

// CAT_PUESTOS_FUNCIONES: a state health service's catalogue of job titles
// with their functions and requirements, one row per title. The functions
// are written in medical words ("Otorgar consulta a pacientes con diabetes
// mellitus e hipertension arterial, realizar diagnostico y tratamiento"),
// and the requirements name professions: the table is about jobs, not
// people, and holds no personal data (doc.go: a catalogue that uses
// medical words is about no one).
func r4BuildCatPuestosFunciones(p *Pool, r *rand.Rand) *Table {
	t := &Table{
		Name:         "CAT_PUESTOS_FUNCIONES",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(r4JobCatalogue),
		Columns: []Column{
			col("CVE_PUESTO", Char(6)),
			col("PUESTO", Varchar(60)),
			col("RAMA", Varchar(20)),
			col("FUNCIONES", Text),
			col("REQUISITOS", Varchar(160)),
			col("NIVEL", Char(3)),
			col("SUELDO_MIN", Decimal(10, 2)),
			col("SUELDO_MAX", Decimal(10, 2)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, j := range r4JobCatalogue {
			lo := between(r, 8, 40) * 1000
			row := []any{fmt.Sprintf("M%02d%03d", 1+k%4, 10+k*7), j.title, j.branch, j.functions, j.req,
				fmt.Sprintf("%02d%c", between(r, 1, 30), "ABC"[r.IntN(3)]), money(lo * 100), money((lo + between(r, 3, 15)*1000) * 100)}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4JobCatalogue = []struct{ title, branch, functions, req string }{
	{"MEDICO GENERAL A", "MEDICA", "Otorgar consulta externa a pacientes con diabetes mellitus e hipertension arterial; realizar diagnostico, tratamiento y referencia a segundo nivel; llenar el expediente clinico conforme a la NOM-004", "Titulo y cedula de medico cirujano"},
	{"MEDICO GENERAL B", "MEDICA", "Atender urgencias medicas, valorar pacientes con dolor toracico, crisis hipertensiva o cetoacidosis diabetica e indicar el manejo inicial", "Titulo y cedula de medico cirujano, dos años de experiencia"},
	{"MEDICO ESPECIALISTA EN PEDIATRIA", "MEDICA", "Atender al recien nacido y al niño con neumonia, diarrea, desnutricion o asma; vigilar el esquema de vacunacion", "Cedula de especialidad en pediatria"},
	{"MEDICO ESPECIALISTA EN GINECOOBSTETRICIA", "MEDICA", "Atender el embarazo de alto riesgo, la preeclampsia y la hemorragia obstetrica; realizar cesareas y legrados", "Cedula de especialidad en ginecologia y obstetricia"},
	{"MEDICO ESPECIALISTA EN MEDICINA INTERNA", "MEDICA", "Manejar al paciente hospitalizado con insuficiencia renal cronica, cirrosis hepatica o neumonia grave", "Cedula de especialidad en medicina interna"},
	{"MEDICO EPIDEMIOLOGO", "MEDICA", "Notificar casos de tuberculosis, dengue, COVID-19 y sarampion; estudiar brotes y eventos adversos a vacunas (ESAVI)", "Cedula de especialidad en epidemiologia"},
	{"ENFERMERA GENERAL TITULADA A", "PARAMEDICA", "Tomar signos vitales, aplicar las escalas de Glasgow, Braden y Downton, ministrar medicamentos y registrar la hoja de enfermeria", "Titulo y cedula de licenciatura en enfermeria"},
	{"ENFERMERA ESPECIALISTA EN CUIDADOS INTENSIVOS", "PARAMEDICA", "Vigilar al paciente con ventilacion mecanica, sedacion y aminas; prevenir ulceras por presion y neumonia asociada a ventilador", "Cedula de especialidad en enfermeria intensivista"},
	{"AUXILIAR DE ENFERMERIA", "PARAMEDICA", "Apoyar en el baño del paciente, cambios de posicion cada dos horas, toma de glucosa capilar y curaciones simples", "Certificado de auxiliar de enfermeria"},
	{"VACUNADOR", "PARAMEDICA", "Aplicar vacunas del esquema basico (BCG, hepatitis B, hexavalente, rotavirus, neumococo, SRP), registrar dosis y vigilar reacciones", "Curso de vacunacion segura"},
	{"CIRUJANO DENTISTA A", "MEDICA", "Realizar odontograma, profilaxis, resinas, amalgamas, extracciones y endodoncias; atender caries y enfermedad periodontal", "Titulo y cedula de cirujano dentista"},
	{"QUIMICO CLINICO", "PARAMEDICA", "Procesar biometria hematica, quimica sanguinea, examen general de orina y tamiz neonatal (TSH, fenilalanina)", "Titulo de quimico farmacobiologo"},
	{"NUTRIOLOGO", "AFIN", "Elaborar planes de alimentacion para pacientes con obesidad, diabetes, dislipidemia e insuficiencia renal", "Titulo y cedula de licenciatura en nutricion"},
	{"PSICOLOGO CLINICO", "AFIN", "Atender depresion, ansiedad, consumo de alcohol y drogas; aplicar pruebas psicometricas", "Titulo y cedula de licenciatura en psicologia"},
	{"TRABAJADORA SOCIAL EN AREA MEDICA", "AFIN", "Realizar estudio socioeconomico del paciente, localizar familiares y gestionar traslados y donaciones de sangre", "Titulo de trabajo social"},
	{"TERAPISTA FISICO", "AFIN", "Rehabilitar secuelas de evento vascular cerebral, fracturas y lesiones de columna", "Titulo de licenciatura en terapia fisica"},
	{"TECNICO RADIOLOGO", "PARAMEDICA", "Tomar radiografias de torax, mastografias y tomografias; vigilar la proteccion radiologica", "Carrera tecnica en radiologia"},
	{"CAMILLERO", "APOYO", "Trasladar pacientes entre servicios, a quirofano y a estudios de gabinete", "Secundaria terminada"},
	{"CHOFER DE AMBULANCIA", "APOYO", "Conducir la ambulancia en traslados de pacientes graves y apoyar en la movilizacion", "Licencia de chofer tipo E"},
	{"JEFE DE DEPARTAMENTO DE ENSEÑANZA", "ADMINISTRATIVA", "Coordinar internos y residentes, sesiones clinicas y cursos de reanimacion cardiopulmonar", "Licenciatura en medicina, maestria deseable"},
	{"JEFE DE ARCHIVO CLINICO", "ADMINISTRATIVA", "Resguardar los expedientes clinicos, controlar prestamos y depurar conforme a la NOM-004", "Licenciatura en archivonomia o afin"},
	{"COCINERO", "APOYO", "Preparar dietas normales, blandas, hiposodicas y para diabetico segun indicacion de nutricion", "Primaria terminada"},
	{"AFANADOR", "APOYO", "Limpiar y desinfectar areas de hospitalizacion, aislamiento y quirofanos; manejar residuos biologico infecciosos", "Primaria terminada"},
	{"PROMOTOR DE SALUD", "AFIN", "Visitar hogares para detectar diabetes, hipertension y embarazadas; invitar a la vacunacion", "Bachillerato"},
}
