package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// audits: the audit trail of a hospital's appointments application built
// on Laravel with owen-it/laravel-auditing, one row per change of a model:
// who (user_type, user_id), what (event: created, updated, deleted;
// auditable_type and auditable_id), the attributes before and after as
// JSON objects (old_values, new_values: "[]" when there is nothing, as
// the package writes it), the request's URL, IP and user agent, and when.
//
// Most rows audit the Paciente model (created with every attribute;
// updated with the attributes that changed: a phone, the address, an
// e-mail added, a name or CURP or birthdate corrected) and the Cita model
// (created with the reason for the visit; updated when attended, with the
// diagnosis and the indications); the rest audit users' logins and the
// services' price list. The JSON columns follow the structured-values rule
// (doc.go): new_values carries curp, person_name, birthdate, address,
// postal_code, phone, email and health_condition; old_values, where a
// corrected CURP was always a wrong one or missing, an added e-mail was
// null and a diagnosis was never there before, carries person_name,
// birthdate, address, postal_code and phone. The model names, ids, URLs,
// IPs and user agents get none.
func r4BuildAudits(p *Pool, r *rand.Rand) *Table {
	const (
		pacCreated = iota
		pacUpdated
		citaCreated
		citaUpdated
		userUpdated
		servicioUpdated
	)
	type event struct {
		kind   uint8
		person int32
		pid    int32 // the patient's id
		id     int32 // the audited record's id
		at     int64
	}
	start := time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC).Unix()
	end := p.Today().Unix() - 3600
	var plan []event
	cita := int32(0)
	for k, i := range p.Sample(r, 40, nil) {
		t0 := start + r.Int64N(end-start)
		id := int32(k + 1)
		plan = append(plan, event{pacCreated, i, id, id, t0})
		for range between(r, 0, 2) {
			plan = append(plan, event{pacUpdated, i, id, id, t0 + r.Int64N(end-t0+1)})
		}
		for range between(r, 0, 2) {
			cita++
			at := t0 + r.Int64N(end-t0+1)
			plan = append(plan, event{citaCreated, i, id, cita, at})
			if chance(r, 600) {
				plan = append(plan, event{citaUpdated, i, id, cita, min(at+r.Int64N(20*86400), end)})
			}
		}
	}
	for range len(plan) / 9 {
		kind := uint8(userUpdated)
		if chance(r, 400) {
			kind = servicioUpdated
		}
		plan = append(plan, event{kind, -1, 0, int32(between(r, 1, 60)), start + r.Int64N(end-start)})
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].at < plan[b-1].at; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	t := &Table{
		Name:  "audits",
		Style: "laravel-auditing",
		Rows:  len(plan),
		Columns: []Column{
			col("id", Integer),
			col("user_type", Varchar(40)),
			col("user_id", Integer),
			col("event", Varchar(12)),
			col("auditable_type", Varchar(40)),
			col("auditable_id", Integer),
			col("old_values", Text, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address, taxonomy.PostalCode, taxonomy.Phone),
			col("new_values", Text, taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address,
				taxonomy.PostalCode, taxonomy.Phone, taxonomy.Email, taxonomy.HealthCondition),
			col("url", Text),
			col("ip_address", Varchar(45)),
			col("user_agent", Varchar(255)),
			col("tags", Varchar(40)),
			col("created_at", Timestamp),
			col("updated_at", Timestamp),
		},
	}
	seed := r.Uint64()
	const base = "https://citas.hospitalmunicipal.gob.mx"
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, e := range plan {
			at := time.Unix(e.at, 0).UTC()
			var old, nw r4Obj
			var model, url, ev string
			switch e.kind {
			case pacCreated:
				model, ev = `App\Models\Paciente`, "created"
				url = base + "/pacientes"
				nw = r4AuditPatient(r, p.Person(e.person), e.id)
			case pacUpdated:
				model, ev = `App\Models\Paciente`, "updated"
				url = fmt.Sprintf("%s/pacientes/%d", base, e.id)
				old, nw = r4AuditPatientChange(r, p.Person(e.person), p.Today())
			case citaCreated:
				model, ev = `App\Models\Cita`, "created"
				url = base + "/citas"
				nw = r4Obj{{"paciente_id", int64(e.pid)}, {"medico_id", int64(between(r, 1, 30))},
					{"fecha", r4Stamp(at.Add(time.Duration(between(r, 1, 30)*24) * time.Hour).Truncate(30 * time.Minute))},
					{"motivo", pick(r, r4Complaints)}, {"estatus", "PROGRAMADA"}, {"id", int64(e.id)}}
			case citaUpdated:
				model, ev = `App\Models\Cita`, "updated"
				url = fmt.Sprintf("%s/citas/%d/atender", base, e.id)
				d := r4Diagnosis(r)
				old = r4Obj{{"estatus", "PROGRAMADA"}, {"diagnostico", nil}, {"indicaciones", nil}}
				nw = r4Obj{{"estatus", "ATENDIDA"}, {"diagnostico", r4DxText(r, d)},
					{"indicaciones", pick(r, r4Medicines).name + " " + pick(r, []string{"CADA 8 HORAS POR 5 DIAS", "CADA 12 HORAS", "DIETA Y REPOSO"})}}
			case userUpdated:
				model, ev = `App\Models\User`, "updated"
				url = base + "/login"
				old = r4Obj{{"last_login_at", r4Stamp(at.Add(-time.Duration(between(r, 1, 400)) * time.Hour))}}
				nw = r4Obj{{"last_login_at", r4Stamp(at)}}
			default:
				model, ev = `App\Models\Servicio`, "updated"
				url = fmt.Sprintf("%s/catalogos/servicios/%d", base, e.id)
				price := between(r, 5, 90) * 10
				old = r4Obj{{"precio", fmt.Sprintf("%d.00", price)}}
				nw = r4Obj{{"precio", fmt.Sprintf("%d.00", price+between(r, 1, 5)*10)}}
			}
			enc := func(o r4Obj) string {
				if len(o) == 0 {
					return "[]"
				}
				return r4JSON(o, jsonPHP)
			}
			row := []any{int64(k + 1), `App\Models\User`, int64(between(r, 1, 40)), ev, model, int64(e.id),
				enc(old), enc(nw), url, fmt.Sprintf("10.%d.%d.%d", between(r, 0, 3), between(r, 0, 20), between(r, 2, 250)),
				pick(r, r4UserAgents), nil, at, at}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4UserAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0",
	"Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36",
}

// r4AuditPatient is a Paciente model's attributes as created.
func r4AuditPatient(r *rand.Rand, ps Person, id int32) r4Obj {
	a := ps.Address
	var curp any = ps.CURP
	if chance(r, 100) {
		curp = nil
	}
	var email any
	if ps.Email != "" && chance(r, 900) {
		email = ps.Email
	}
	var materno any = titleCase(ps.Materno)
	if ps.Materno == "" {
		materno = nil
	}
	return r4Obj{
		{"nombre", titleCase(ps.Nombre)}, {"apellido_paterno", titleCase(ps.Paterno)}, {"apellido_materno", materno},
		{"curp", curp}, {"fecha_nacimiento", ps.Birth.Format("2006-01-02")}, {"sexo", sexCode(ps.Sex, "H", "M", "X")},
		{"telefono", r4Nullable(r, 50, ps.Phone)}, {"email", email},
		{"calle", titleCase(a.StreetType + " " + a.Street)}, {"numero_exterior", a.NumberText()},
		{"colonia", titleCase(a.Colonia)}, {"codigo_postal", a.PostalCode},
		{"municipio_id", int64(between(r, 1, 2469))}, {"id", int64(id)},
	}
}

// r4AuditPatientChange is what an edit of a Paciente changed, before and
// after. A corrected CURP was wrong or missing before; an e-mail was added
// where there was none.
func r4AuditPatientChange(r *rand.Rand, ps Person, today time.Time) (old, nw r4Obj) {
	a := ps.Address
	for len(nw) == 0 {
		if chance(r, 200) {
			wrong := titleCase(ps.Nombre)
			if strings.HasPrefix(ps.Nombre, "MARIA ") || strings.HasPrefix(ps.Nombre, "JOSE ") {
				wrong = titleCase(abbreviateGiven(ps.Nombre))
			} else {
				wrong = strings.ToUpper(plain(ps.Nombre))
			}
			old = append(old, r4KV{"nombre", wrong})
			nw = append(nw, r4KV{"nombre", titleCase(ps.Nombre)})
		}
		if chance(r, 200) {
			var before any
			if chance(r, 500) {
				before = typoCURP(r, ps.CURP, today)
			}
			old = append(old, r4KV{"curp", before})
			nw = append(nw, r4KV{"curp", ps.CURP})
		}
		if chance(r, 200) {
			wrong := ps.Birth.AddDate(0, 0, between(r, 1, 40))
			if ps.Birth.Day() <= 12 && chance(r, 500) { // day and month swapped
				wrong = time.Date(ps.Birth.Year(), time.Month(ps.Birth.Day()), int(ps.Birth.Month()), 0, 0, 0, 0, time.UTC)
			}
			old = append(old, r4KV{"fecha_nacimiento", wrong.Format("2006-01-02")})
			nw = append(nw, r4KV{"fecha_nacimiento", ps.Birth.Format("2006-01-02")})
		}
		if chance(r, 450) {
			prev := ps.Phone[:3] + strconv.Itoa(between(r, 2000000, 9999999))
			old = append(old, r4KV{"telefono", prev})
			nw = append(nw, r4KV{"telefono", ps.Phone})
		}
		if chance(r, 350) {
			prev := randomAddress(r, between(r, 0, len(muniList)-1))
			old = append(old, r4KV{"calle", titleCase(prev.StreetType + " " + prev.Street)}, r4KV{"numero_exterior", prev.NumberText()},
				r4KV{"colonia", titleCase(prev.Colonia)})
			nw = append(nw, r4KV{"calle", titleCase(a.StreetType + " " + a.Street)}, r4KV{"numero_exterior", a.NumberText()},
				r4KV{"colonia", titleCase(a.Colonia)})
			if chance(r, 800) {
				old = append(old, r4KV{"codigo_postal", prev.PostalCode})
				nw = append(nw, r4KV{"codigo_postal", a.PostalCode})
			}
		}
		if ps.Email != "" && chance(r, 300) {
			old = append(old, r4KV{"email", nil})
			nw = append(nw, r4KV{"email", ps.Email})
		}
	}
	return old, nw
}
