package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// AuditoriaCambios: the audit table a state civil registry's SQL Server
// fills with triggers, one row per inserted, updated or deleted row of
// Personas, Actas or Oficialias: the table, the key, the operation (I, U,
// D), the row before and after as the trigger serialises SQL Server's
// deleted and inserted pseudo-tables (FOR XML RAW, ELEMENTS:
// <row><Curp>...</Curp><Nombre>...</Nombre>...</row>, NULL columns left
// out), the Windows login, the workstation and the time.
//
// ValorAnterior and ValorNuevo follow the structured-values rule
// (doc.go): a Personas row holds the CURP (once assigned), the names and
// the birth date, so both carry curp, person_name and birthdate; Actas and
// Oficialias rows hold numbers, dates of registration and office names.
// The other columns get none.
func bdBuildAuditoriaXML(p *Pool, r *rand.Rand) *Table {
	const (
		perInsert = iota
		perUpdate
		acta
		oficialia
		perDelete
	)
	type op struct {
		kind   uint8
		person int32
		id     int32
		at     int64
	}
	start := time.Date(2014, 9, 1, 0, 0, 0, 0, time.UTC)
	end := p.Today().Add(-time.Hour)
	var plan []op
	for k, i := range bdPeople(p, r, 40, 0, 100, 0) {
		t0 := bdMoment(r, start, end)
		plan = append(plan, op{perInsert, i, int32(k + 1), t0.Unix()}, op{acta, i, int32(k + 1), t0.Unix() + 60})
		if chance(r, 450) {
			plan = append(plan, op{perUpdate, i, int32(k + 1), bdMoment(r, t0, end).Unix()})
		}
		if chance(r, 30) {
			plan = append(plan, op{perDelete, i, int32(k + 1), bdMoment(r, t0, end).Unix()})
		}
	}
	for range len(plan) / 15 {
		plan = append(plan, op{oficialia, -1, int32(between(r, 1, 60)), bdMoment(r, start, end).Unix()})
	}
	bdSortBy(plan, func(o op) int64 { return o.at })
	t := &Table{
		Name:  "AuditoriaCambios",
		Style: "sqlserver-trigger-xml-audit",
		Rows:  len(plan),
		Columns: []Column{
			col("IdAuditoria", Integer),
			col("Tabla", Varchar(20)),
			col("LlavePrimaria", Varchar(20)),
			col("Operacion", Char(1)),
			col("ValorAnterior", Text, taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate),
			col("ValorNuevo", Text, taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate),
			col("Usuario", Varchar(40)),
			col("Equipo", Varchar(20)),
			col("FechaHora", Timestamp),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, o := range plan {
			at := time.Unix(o.at, 0).UTC()
			var table, oper string
			var before, after any
			switch o.kind {
			case perInsert, perUpdate, perDelete:
				ps := p.Person(o.person)
				table = "Personas"
				row := bdPersonaRow(ps, o.id)
				switch o.kind {
				case perInsert:
					oper = "I"
					if chance(r, 350) { // the CURP came later, from RENAPO
						row = bdWithout(row, "Curp")
					}
					after = bdXML(row)
				case perUpdate:
					oper = "U"
					old := bdPersonaRow(ps, o.id)
					switch r.IntN(3) {
					case 0: // the CURP assigned
						old = bdWithout(old, "Curp")
					case 1: // a name rectified
						old = bdSet(old, "Nombre", abbreviateGiven(plain(ps.Nombre))+pick(r, []string{"", " DE JESUS", " GUADALUPE"}))
					default: // the birth date rectified
						old = bdSet(old, "FechaNacimiento", ps.Birth.AddDate(0, 0, -between(r, 1, 60)).Format("2006-01-02"))
					}
					before, after = bdXML(old), bdXML(row)
				default:
					oper = "D"
					before = bdXML(row)
				}
			case acta:
				table, oper = "Actas", "I"
				after = bdXML(bdObj{{"IdActa", int64(o.id)}, {"NumActa", fmt.Sprintf("%05d", between(r, 1, 99999))},
					{"Libro", int64(between(r, 1, 40))}, {"TipoActa", pick(r, []string{"NACIMIENTO", "NACIMIENTO", "MATRIMONIO", "DEFUNCION", "RECONOCIMIENTO"})},
					{"IdPersona", int64(o.id)}, {"IdOficialia", int64(between(r, 1, 60))}, {"FechaRegistro", at.Format("2006-01-02")}})
			default:
				table, oper = "Oficialias", "U"
				name := fmt.Sprintf("OFICIALIA %02d %s", o.id, pick(r, muniUpper))
				before = bdXML(bdObj{{"IdOficialia", int64(o.id)}, {"Nombre", plain(name)}, {"Activa", int64(1)}})
				after = bdXML(bdObj{{"IdOficialia", int64(o.id)}, {"Nombre", plain(name)}, {"Activa", int64(pick(r, []int{0, 1}))}})
			}
			row := []any{int64(k + 1), table, fmt.Sprint(o.id), oper, before, after,
				`RCIVIL\` + pick(r, []string{"jlopez", "mhernandez", "oficial07", "sistemas", "agarcia"}),
				fmt.Sprintf("RC-OFI-%03d", between(r, 1, 60)), at}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bdPersonaRow is a Personas row.
func bdPersonaRow(ps Person, id int32) bdObj {
	st := ps.BirthState
	return bdObj{{"IdPersona", int64(id)}, {"Curp", ps.CURP}, {"Nombre", plain(ps.Nombre)}, {"PrimerApellido", plain(ps.Paterno)},
		{"SegundoApellido", bdMaterno(ps)}, {"FechaNacimiento", ps.Birth.Format("2006-01-02")}, {"Sexo", string(ps.Sex)},
		{"EntidadNacimiento", st}}
}

func bdWithout(o bdObj, k string) bdObj {
	var out bdObj
	for _, kv := range o {
		if kv.K != k {
			out = append(out, kv)
		}
	}
	return out
}

func bdSet(o bdObj, k string, v any) bdObj {
	out := append(bdObj(nil), o...)
	for i := range out {
		if out[i].K == k {
			out[i].V = v
		}
	}
	return out
}
