package synth

import (
	"fmt"
	"math/rand/v2"
)

// CAT_SERVICIOS_HOSP: a regional hospital's catalogue of services, one row
// per service: its key, name and description in medical words (CLINICA DE
// HERIDAS Y ESTOMAS: "curacion de pie diabetico, ulceras por presion y
// cuidado de colostomias"), floor, extension, census beds and opening
// hours. About services, not patients: a hard negative (doc.go).
func bdBuildCatServicios(p *Pool, r *rand.Rand) *Table {
	t := &Table{
		Name:         "CAT_SERVICIOS_HOSP",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(bdServices),
		Columns: []Column{
			col("CVE_SERVICIO", Char(5)),
			col("SERVICIO", Varchar(60)),
			col("DESCRIPCION", Varchar(200)),
			col("PISO", Integer),
			col("EXTENSION", Char(4)),
			col("CAMAS_CENSABLES", Integer),
			col("HORARIO", Varchar(30)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, s := range bdServices {
			beds := int64(0)
			if s[2] == "H" {
				beds = int64(between(r, 6, 40))
			}
			row := []any{fmt.Sprintf("S%04d", 10*(k+1)), s[0], s[1], int64(between(r, 0, 5)), fmt.Sprintf("%04d", between(r, 1000, 4999)),
				beds, pick(r, []string{"LUNES A VIERNES 8 A 14", "24 HORAS", "LUNES A SABADO 7 A 20"})}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var bdServices = [][3]string{
	{"URGENCIAS ADULTOS", "Atencion de infarto, evento vascular cerebral, crisis hipertensiva, cetoacidosis y politraumatizados", "H"},
	{"CLINICA DE HERIDAS Y ESTOMAS", "Curacion de pie diabetico, ulceras por presion y cuidado de colostomias", "A"},
	{"UNIDAD DE HEMODIALISIS", "Sesiones de hemodialisis para enfermedad renal cronica terminal", "A"},
	{"CLINICA DE DIABETES", "Control de glucosa, educacion en insulina y deteccion de retinopatia y nefropatia diabetica", "A"},
	{"ONCOLOGIA PEDIATRICA", "Quimioterapia de leucemia linfoblastica aguda y tumores solidos en menores de 18 años", "H"},
	{"GINECOLOGIA Y OBSTETRICIA", "Control de embarazo de alto riesgo, preeclampsia, parto y cesarea", "H"},
	{"TOCOCIRUGIA", "Atencion del parto, legrado y salpingoclasia", "H"},
	{"MEDICINA INTERNA", "Hospitalizacion por neumonia, cirrosis, insuficiencia cardiaca y sepsis", "H"},
	{"CLINICA DE TUBERCULOSIS", "Tratamiento estrictamente supervisado y estudio de contactos", "A"},
	{"SALUD MENTAL", "Atencion de depresion, ansiedad, intento suicida y adicciones", "A"},
	{"CLINICA DEL DOLOR", "Manejo de dolor cronico oncologico y cuidados paliativos", "A"},
	{"VACUNACION", "Aplicacion del esquema basico, influenza y COVID-19; notificacion de ESAVI", "A"},
	{"TAMIZ NEONATAL", "Toma de muestra de talon para hipotiroidismo congenito y fenilcetonuria", "A"},
	{"ESTOMATOLOGIA", "Extracciones, resinas, endodoncias y atencion de abscesos dentales", "A"},
	{"TERAPIA INTENSIVA", "Ventilacion mecanica, choque septico y falla organica multiple", "H"},
	{"REHABILITACION", "Terapia fisica de secuelas de fracturas, amputaciones y paralisis cerebral", "A"},
	{"BANCO DE SANGRE", "Seleccion de donadores, tamizaje de VIH, hepatitis B y C, sifilis y Chagas", "A"},
	{"LABORATORIO CLINICO", "Biometria hematica, quimica sanguinea, hemoglobina glucosilada y cultivos", "A"},
}
