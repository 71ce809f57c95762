package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// auditlog_logentry: django-auditlog's log of a university medical
// service's Django application (PostgreSQL), one row per change of a
// Paciente (a student), a Consulta or a Medicamento of the pharmacy's
// catalogue: the model (content_type_id), the object's key, object_repr
// (the object's str(): the student's name for a Paciente, "Consulta 812 -
// Ana López" for a visit, the medicine for a Medicamento), the action (0
// create, 1 update, 2 delete) and changes: JSON {"field": ["old", "new"]}
// with every value a string and None for nothing, as Python's json.dumps
// writes it (non-ASCII escaped, ", " and ": " separators).
//
// changes follows the structured-values rule (doc.go): curp, person_name,
// birthdate, address, postal_code, phone, email and health_condition (a
// visit's reason, diagnosis and treatment). object_repr is person_name:
// most of its values name a student. Keys, ids, the actor, the IP and the
// time get none.
func r4BuildAuditlog(p *Pool, r *rand.Rand) *Table {
	const (
		pacCreate = iota
		pacUpdate
		conCreate
		conUpdate
		medUpdate
	)
	type entry struct {
		kind   uint8
		person int32
		pk     int32
		pac    int32
		at     int64
	}
	start := time.Date(2021, 8, 9, 0, 0, 0, 0, time.UTC).Unix()
	end := p.Today().Unix() - 3600
	var plan []entry
	con := int32(0)
	for k, i := range r4Aged(p, r, 60, 17, 30, 0) {
		t0 := start + r.Int64N(end-start)
		pk := int32(k + 1)
		plan = append(plan, entry{pacCreate, i, pk, pk, t0})
		if chance(r, 500) {
			plan = append(plan, entry{pacUpdate, i, pk, pk, t0 + r.Int64N(end-t0+1)})
		}
		for range between(r, 0, 2) {
			con++
			at := t0 + r.Int64N(end-t0+1)
			plan = append(plan, entry{conCreate, i, con, pk, at})
			if chance(r, 150) {
				plan = append(plan, entry{conUpdate, i, con, pk, min(at+r.Int64N(3*86400), end)})
			}
		}
	}
	for range len(plan) / 10 {
		plan = append(plan, entry{medUpdate, -1, int32(between(r, 1, len(r4Medicines))), 0, start + r.Int64N(end-start)})
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].at < plan[b-1].at; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	t := &Table{
		Name:  "auditlog_logentry",
		Style: "django-auditlog",
		Rows:  len(plan),
		Columns: []Column{
			col("id", Integer),
			col("content_type_id", Integer),
			col("object_pk", Varchar(255)),
			col("object_id", Integer),
			col("object_repr", Varchar(255), taxonomy.PersonName),
			col("action", Integer),
			col("changes", Text, taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address,
				taxonomy.PostalCode, taxonomy.Phone, taxonomy.Email, taxonomy.HealthCondition),
			col("actor_id", Integer),
			col("remote_addr", Varchar(39)),
			col("timestamp", Timestamp),
			col("additional_data", Text),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range plan {
			at := time.Unix(e.at, 0).UTC()
			var ct, action int64
			var repr string
			var ch r4Obj
			created := func(field string, v string) { ch = append(ch, r4KV{field, r4Arr{"None", v}}) }
			switch e.kind {
			case pacCreate, pacUpdate:
				ps := p.Person(e.person)
				ct, repr = 12, titleCase(ps.Nombre+" "+ps.Paterno)
				if chance(r, 300) {
					repr = titleCase(ps.FullName())
				}
				mat := fmt.Sprintf("%d%06d", 2015+int(e.pk)%9, 100000+int(e.pk)*7%900000)
				if e.kind == pacCreate {
					a := ps.Address
					created("matricula", mat)
					created("nombre", titleCase(ps.Nombre))
					created("apellidos", titleCase(joinNonEmpty(ps.Paterno, ps.Materno)))
					if chance(r, 900) {
						created("curp", ps.CURP)
					}
					created("fecha_nacimiento", ps.Birth.Format("2006-01-02"))
					created("telefono", ps.Phone)
					mail := ps.Email
					if mail == "" || chance(r, 400) {
						mail = "a" + mat + "@alumnos.uaem.example.mx"
					}
					created("correo", mail)
					created("domicilio", titleCase(a.StreetLine()+", "+a.SettlementLine()))
					created("codigo_postal", a.PostalCode)
					created("tipo_sangre", pick(r, []string{"O+", "O+", "A+", "B+", "O-", "AB+"}))
					created("id", fmt.Sprint(e.pk))
				} else {
					action = 1
					prev := randomAddress(r, between(r, 0, len(muniList)-1))
					if chance(r, 500) {
						ch = append(ch, r4KV{"telefono", r4Arr{ps.Phone[:3] + fmt.Sprint(between(r, 2000000, 9999999)), ps.Phone}})
					} else {
						ch = append(ch, r4KV{"domicilio", r4Arr{titleCase(prev.StreetLine() + ", " + prev.SettlementLine()),
							titleCase(ps.Address.StreetLine() + ", " + ps.Address.SettlementLine())}},
							r4KV{"codigo_postal", r4Arr{prev.PostalCode, ps.Address.PostalCode}})
					}
				}
			case conCreate, conUpdate:
				ps := p.Person(e.person)
				ct = 13
				repr = fmt.Sprintf("Consulta %d - %s", e.pk, titleCase(ps.Nombre+" "+ps.Paterno))
				d := r4Diagnosis(r)
				if e.kind == conCreate {
					created("paciente", fmt.Sprint(e.pac))
					created("fecha", at.Format("2006-01-02 15:04:05"))
					created("motivo", strings.ToLower(pick(r, r4Complaints)))
					created("diagnostico", r4DxText(r, d))
					created("tratamiento", pick(r, r4Medicines).name+" "+pick(r, []string{"cada 8 horas por 5 días", "cada 12 horas por 7 días", "dosis única"}))
					created("id", fmt.Sprint(e.pk))
				} else {
					action = 1
					ch = append(ch, r4KV{"diagnostico", r4Arr{r4DxText(r, r4Diagnosis(r)), r4DxText(r, d)}})
				}
			default:
				m := r4Medicines[e.pk-1]
				ct, action, repr = 15, 1, m.name+" "+m.dose
				n := between(r, 0, 400)
				ch = append(ch, r4KV{"existencia", r4Arr{fmt.Sprint(n), fmt.Sprint(n + between(r, -30, 200))}})
			}
			row := []any{int64(k + 1), ct, fmt.Sprint(e.pk), int64(e.pk), repr, action, r4JSON(ch, jsonPython),
				r4Nullable(r, 50, int64(between(r, 1, 12))), fmt.Sprintf("192.168.%d.%d", between(r, 0, 9), between(r, 2, 250)), at, nil}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
