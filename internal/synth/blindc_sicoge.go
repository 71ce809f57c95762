package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// SICOGE_VOLANTES imitates the correspondence-control system (control de
// gestión) of a state health secretariat: one row per incoming document
// turned to an area. Almost every document comes from another office,
// identified by the office and the sender's job title; about 2.5% are
// letters from citizens (escritos libres), and only for those rows the
// CIUD_* columns are filled. Personal data is therefore sparse: a scanner
// that reads the first hundred rows, or that requires most values of a
// column to be filled, will miss it.
//
// Labels: the CIUD_* columns hold, whenever they are not NULL, the
// citizen's name (person_name), CURP (curp: about 78% of the citizens'
// rows hold a valid one, the rest NULL, placeholders, typos and the copied
// sample OEAF771012HMCRGR09), phone, home address and e-mail.
// REMITENTE_DEPENDENCIA and REMITENTE_CARGO are offices and job titles
// (for citizens: PARTICULAR); ASUNTO and OBSERVACIONES are free text that
// never mentions a person (the subject of citizens' letters is written
// generically), so they get none.
func bcBuildSICOGE(p *Pool, r *rand.Rand) *Table {
	type plan struct {
		citizen int32 // -1 for office mail
		form    CURPForm
		day     int32
	}
	n := scaled(p.Len(), 1, 2, 1200, 120000)
	from, to := timeDay(time.Date(2014, 1, 2, 0, 0, 0, 0, time.UTC)), timeDay(time.Date(2019, 12, 20, 0, 0, 0, 0, time.UTC))
	t := &Table{Name: "SICOGE_VOLANTES", Style: "correspondence-control-sparse"}
	t.PrimaryKey = []string{"ID_VOLANTE"}
	plans := make([]plan, n)
	for k := range plans {
		// documents arrive in date order
		plans[k] = plan{citizen: -1, day: from + int32(int64(to-from)*int64(k)/int64(n))}
		if k >= 40 && chance(r, 50) {
			plans[k].citizen = int32(r.IntN(p.Len()))
			plans[k].form = bcForm(r, 100, 60, 30, 30)
			if bcAgeAt(p.Birth(plans[k].citizen), dayTime(plans[k].day)) < 18 {
				plans[k].citizen = -1 // minors do not write to the secretariat
				continue
			}
			if plans[k].form == CURPValid {
				t.Persons = append(t.Persons, plans[k].citizen)
			}
		}
	}
	t.Columns = []Column{
		col("ID_VOLANTE", Integer),
		col("FOLIO", Varchar(20)),
		col("NUM_OFICIO", Varchar(40)),
		col("FEC_RECEP", Varchar(19)),
		col("REMITENTE_DEPENDENCIA", Varchar(90)),
		col("REMITENTE_CARGO", Varchar(90)),
		col("ASUNTO", Varchar(200)),
		col("AREA_TURNO", Varchar(60)),
		col("PRIORIDAD", Varchar(10)),
		col("ESTATUS", Varchar(12)),
		col("FEC_RESP", Date),
		col("CIUD_NOMBRE", Varchar(90), "person_name"),
		col("CIUD_CURP", Char(18), "curp"),
		col("CIUD_TEL", Varchar(20), "phone"),
		col("CIUD_DOMICILIO", Varchar(160), "address"),
		col("CIUD_CORREO", Varchar(60), "email"),
		col("OBSERVACIONES", Text),
	}
	t.Rows = n
	seed := r.Uint64()
	today := p.Today()
	offices := []struct{ office, sigla string }{
		{"DIRECCION GENERAL DE EPIDEMIOLOGIA", "DGE"}, {"SUBSECRETARIA DE PREVENCION Y PROMOCION DE LA SALUD", "SPPS"},
		{"JURISDICCION SANITARIA NO. 3", "JS3"}, {"HOSPITAL GENERAL REGIONAL", "HGR"}, {"SECRETARIA DE FINANZAS", "SF"},
		{"ORGANO INTERNO DE CONTROL", "OIC"}, {"CONTRALORIA DEL PODER EJECUTIVO", "CPE"}, {"COMISION ESTATAL DE DERECHOS HUMANOS", "CEDH"},
		{"INSTITUTO DE TRANSPARENCIA Y ACCESO A LA INFORMACION", "ITAI"}, {"DIRECCION DE RECURSOS MATERIALES", "DRM"},
	}
	titles := []string{"DIRECTOR GENERAL", "SUBDIRECTORA DE PLANEACION", "JEFE DE DEPARTAMENTO DE ADQUISICIONES", "COORDINADORA ADMINISTRATIVA",
		"TITULAR DEL ORGANO INTERNO DE CONTROL", "VISITADOR GENERAL", "JEFA DE LA UNIDAD DE TRANSPARENCIA", "DIRECTOR DE ADMINISTRACION"}
	subjects := []string{"SOLICITUD DE INFORMACION PRESUPUESTAL DEL EJERCICIO", "REMITE INFORME TRIMESTRAL DE AVANCE FISICO FINANCIERO",
		"REQUERIMIENTO DE DOCUMENTACION PARA AUDITORIA", "INVITACION A REUNION DE TRABAJO", "SOLICITUD DE SUFICIENCIA PRESUPUESTAL",
		"ENVIO DE CALENDARIO DE CAPACITACION", "RECOMENDACION EN MATERIA DE ABASTO DE MEDICAMENTOS", "SOLICITUD DE ACCESO A LA INFORMACION PUBLICA",
		"CIRCULAR SOBRE PERIODO VACACIONAL", "REMITE CONVENIO PARA FIRMA"}
	citizenSubjects := []string{"SOLICITA APOYO ECONOMICO", "QUEJA POR LA ATENCION RECIBIDA EN UNIDAD MEDICA",
		"SOLICITA INFORMACION SOBRE TRAMITE", "SOLICITA AUDIENCIA CON EL C. SECRETARIO", "PETICION DE EMPLEO", "DENUNCIA CIUDADANA POR CONSTRUCCION IRREGULAR"}
	areas := []string{"DIRECCION DE ADMINISTRACION", "DIRECCION DE SERVICIOS DE SALUD", "UNIDAD JURIDICA", "DIRECCION DE PLANEACION",
		"COORDINACION DE HOSPITALES", "ATENCION CIUDADANA"}
	notes := []string{"SE TURNA PARA SU ATENCION PROCEDENTE", "PARA SU CONOCIMIENTO", "ATENDER EN TIEMPO Y FORMA",
		"CON COPIA AL C. SECRETARIO", "SE ARCHIVA COMO CONCLUIDO", "", "URGE RESPUESTA"}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, pl := range plans {
			recv := moment(rr, pl.day)
			row := []any{int64(k + 1), fmt.Sprintf("V-%d-%06d", recv.Year(), k+1), nil, bcStamp(recv),
				nil, nil, nil, pick(rr, areas), pick(rr, []string{"ORDINARIO", "ORDINARIO", "ORDINARIO", "URGENTE"}),
				pick(rr, []string{"ATENDIDO", "ATENDIDO", "EN TRAMITE", "TURNADO", "CONCLUIDO"}), nil,
				nil, nil, nil, nil, nil, nil}
			if chance(rr, 800) {
				row[10] = dayTime(pl.day + int32(between(rr, 2, 60)))
			}
			if note := pick(rr, notes); note != "" {
				row[16] = note
			}
			if pl.citizen < 0 {
				o := pick(rr, offices)
				row[2] = fmt.Sprintf("%s/%04d/%d", o.sigla, between(rr, 1, 4000), recv.Year())
				row[4] = o.office
				row[5] = pick(rr, titles)
				row[6] = pick(rr, subjects)
			} else {
				pp := p.Person(pl.citizen)
				row[2] = pick(rr, []string{"S/N", "ESCRITO LIBRE", "S/N"})
				row[4] = "PARTICULAR"
				row[6] = pick(rr, citizenSubjects)
				row[8] = "ORDINARIO"
				row[11] = plain(pp.FullName())
				if chance(rr, 300) {
					row[11] = bcTitleFull(pp)
				}
				row[12] = bcCharCell(bcCURP(rr, pl.form, pp.CURP, today), 18)
				if chance(rr, 700) {
					row[13] = phoneText(rr, pp.Phone)
				}
				if chance(rr, 600) {
					row[14] = pp.Address.ExportLine(rr)
				}
				if pp.Email != "" && chance(rr, 700) {
					row[15] = pp.Email
				}
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
