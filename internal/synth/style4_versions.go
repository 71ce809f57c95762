package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// versions: the PaperTrail table of a state social programme's Rails
// application (PostgreSQL), one row per change of a Beneficiario, a
// Solicitud (a request for support) or a Programa: item_type and item_id,
// the event (create, update), whodunnit (the staff user's id), object (the
// record as it was before the change, as YAML: PaperTrail's default
// serializer; NULL on create) and object_changes (the attributes that
// changed, as JSON: {"telefono": ["old", "new"]}).
//
// Both text columns follow the structured-values rule (doc.go): object
// holds whole Beneficiario rows in most of its non-empty values, and
// object_changes their creation and edits, so both carry curp,
// person_name, birthdate, address, postal_code, phone and email.
// Solicitud and Programa versions hold ids, statuses and amounts only.
// item_type, item_id, event, whodunnit and created_at get none.
func r4BuildVersions(p *Pool, r *rand.Rand) *Table {
	const (
		benCreate = iota
		benUpdate
		solCreate
		solUpdate
		progUpdate
	)
	type version struct {
		kind   uint8
		person int32
		id     int32
		ben    int32 // the beneficiario's id
		at     int64
		born   int64 // when the item was created
	}
	start := time.Date(2019, 2, 1, 0, 0, 0, 0, time.UTC).Unix()
	end := p.Today().Unix() - 3600
	adult := func(i int32) bool { return ageAt(p.Birth(i), p.Today()) >= 18 }
	var plan []version
	sol := int32(0)
	for k, i := range p.Sample(r, 35, adult) {
		t0 := start + r.Int64N(end-start)
		id := int32(k + 1)
		plan = append(plan, version{benCreate, i, id, id, t0, t0})
		for range between(r, 0, 2) {
			plan = append(plan, version{benUpdate, i, id, id, t0 + r.Int64N(end-t0+1), t0})
		}
		for range between(r, 0, 2) {
			sol++
			at := t0 + r.Int64N(end-t0+1)
			plan = append(plan, version{solCreate, i, sol, id, at, at})
			if chance(r, 500) {
				plan = append(plan, version{solUpdate, i, sol, id, min(at+r.Int64N(40*86400), end), at})
			}
		}
	}
	for range len(plan) / 25 {
		plan = append(plan, version{progUpdate, -1, int32(between(r, 1, 8)), 0, start + r.Int64N(end-start), start})
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].at < plan[b-1].at; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	labels := []string{taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address, taxonomy.PostalCode,
		taxonomy.Phone, taxonomy.Email}
	t := &Table{
		Name:  "versions",
		Style: "rails-paper-trail",
		Rows:  len(plan),
		Columns: []Column{
			col("id", Integer),
			col("item_type", Varchar(20)),
			col("item_id", Integer),
			col("event", Varchar(10)),
			col("whodunnit", Varchar(10)),
			col("object", Text, labels...),
			col("object_changes", Text, labels...),
			col("created_at", Timestamp),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, v := range plan {
			at := time.Unix(v.at, 0).UTC()
			born := time.Unix(v.born, 0).UTC()
			var itemType, event string
			var object, changes any
			switch v.kind {
			case benCreate:
				itemType, event = "Beneficiario", "create"
				rec := r4Beneficiario(p.Person(v.person), v.id, at, at)
				var ch r4Obj
				for _, kv := range rec {
					if kv.V == nil {
						continue
					}
					ch = append(ch, r4KV{kv.K, r4Arr{nil, r4RailsJSONValue(kv.V)}})
				}
				changes = r4JSON(ch, jsonNode)
			case benUpdate:
				itemType, event = "Beneficiario", "update"
				ps := p.Person(v.person)
				rec := r4Beneficiario(ps, v.id, born, born.Add(time.Duration(r.Int64N(int64(at.Sub(born))+1))))
				before, ch := r4BeneficiarioChange(r, ps, rec)
				object = r4YAML(before)
				ch = append(ch, r4KV{"updated_at", r4Arr{r4RailsJSONValue(rec[len(rec)-1].V), r4RailsJSONValue(at)}})
				changes = r4JSON(ch, jsonNode)
			case solCreate:
				itemType, event = "Solicitud", "create"
				changes = r4JSON(r4Obj{{"id", r4Arr{nil, int64(v.id)}}, {"folio", r4Arr{nil, fmt.Sprintf("SOL-%06d", v.id)}},
					{"beneficiario_id", r4Arr{nil, int64(v.ben)}}, {"programa_id", r4Arr{nil, int64(between(r, 1, 8))}},
					{"estatus", r4Arr{nil, "CAPTURADA"}}, {"monto", r4Arr{nil, fmt.Sprintf("%d.0", between(r, 5, 40)*100)}},
					{"created_at", r4Arr{nil, r4RailsJSONValue(at)}}, {"updated_at", r4Arr{nil, r4RailsJSONValue(at)}}}, jsonNode)
			case solUpdate:
				itemType, event = "Solicitud", "update"
				monto := fmt.Sprintf("%d.0", between(r, 5, 40)*100)
				object = r4YAML(r4Obj{{"id", int64(v.id)}, {"folio", fmt.Sprintf("SOL-%06d", v.id)}, {"beneficiario_id", int64(v.ben)},
					{"programa_id", int64(between(r, 1, 8))}, {"estatus", "CAPTURADA"}, {"monto", monto}, {"created_at", born}, {"updated_at", born}})
				changes = r4JSON(r4Obj{{"estatus", r4Arr{"CAPTURADA", pick(r, []string{"APROBADA", "RECHAZADA", "PAGADA"})}},
					{"updated_at", r4Arr{r4RailsJSONValue(born), r4RailsJSONValue(at)}}}, jsonNode)
			default:
				itemType, event = "Programa", "update"
				name := r4Programas[int(v.id)%len(r4Programas)]
				m := between(r, 8, 30) * 100
				object = r4YAML(r4Obj{{"id", int64(v.id)}, {"nombre", name}, {"monto_mensual", fmt.Sprintf("%d.0", m)}, {"activo", true},
					{"created_at", born}, {"updated_at", born}})
				changes = r4JSON(r4Obj{{"monto_mensual", r4Arr{fmt.Sprintf("%d.0", m), fmt.Sprintf("%d.0", m+100)}}}, jsonNode)
			}
			row := []any{int64(k + 1), itemType, int64(v.id), event, fmt.Sprintf("%d", between(r, 1, 45)), object, changes, at}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4Programas = []string{"APOYO ALIMENTARIO", "MUJERES EMPRENDEDORAS", "APOYO A ADULTOS MAYORES", "BECA DE TRANSPORTE",
	"MEJORAMIENTO DE VIVIENDA", "INSUMOS AGRICOLAS", "UNIFORMES ESCOLARES", "CALENTADORES SOLARES"}

// r4Beneficiario is a Beneficiario's attributes in schema order.
func r4Beneficiario(ps Person, id int32, created, updated time.Time) r4Obj {
	a := ps.Address
	var materno, email any
	if ps.Materno != "" {
		materno = plain(ps.Materno)
	}
	if ps.Email != "" {
		email = ps.Email
	}
	return r4Obj{
		{"id", int64(id)}, {"curp", ps.CURP}, {"nombre", plain(ps.Nombre)}, {"primer_apellido", plain(ps.Paterno)},
		{"segundo_apellido", materno}, {"fecha_nacimiento", ps.Birth}, {"sexo", sexCode(ps.Sex, "H", "M", "X")},
		{"telefono", ps.Phone}, {"correo", email}, {"calle", plain(a.StreetType + " " + a.Street)},
		{"numero", a.NumberText()}, {"colonia", plain(a.Colonia)}, {"codigo_postal", a.PostalCode},
		{"municipio", plain(a.Municipality)}, {"created_at", created}, {"updated_at", updated},
	}
}

// r4BeneficiarioChange edits a record: it returns the record as it was
// before (object) and the changes as PaperTrail writes them, [old, new]
// per attribute.
func r4BeneficiarioChange(r *rand.Rand, ps Person, rec r4Obj) (r4Obj, r4Obj) {
	before := append(r4Obj(nil), rec...)
	set := func(k string, v any) (old any) {
		for i := range rec {
			if rec[i].K == k {
				old, rec[i].V = rec[i].V, v
				return old
			}
		}
		panic("synth: no attribute " + k)
	}
	was := func(k string, v any) {
		for i := range before {
			if before[i].K == k {
				before[i].V = v
			}
		}
	}
	var ch r4Obj
	for len(ch) == 0 {
		if chance(r, 450) {
			nw := ps.Phone[:3] + fmt.Sprintf("%07d", between(r, 2000000, 9999999))
			ch = append(ch, r4KV{"telefono", r4Arr{set("telefono", nw), nw}})
		}
		if chance(r, 300) {
			prev := randomAddress(r, between(r, 0, len(muniList)-1))
			for _, kv := range []r4KV{{"calle", plain(prev.StreetType + " " + prev.Street)}, {"numero", prev.NumberText()},
				{"colonia", plain(prev.Colonia)}, {"codigo_postal", prev.PostalCode}} {
				ch = append(ch, r4KV{kv.K, r4Arr{set(kv.K, kv.V), kv.V}})
			}
		}
		if chance(r, 200) {
			nw := pick(r, []string{"hotmail.com", "gmail.com", "outlook.com"})
			nw = emailWord(firstWord(ps.Nombre)) + fmt.Sprintf("%d", between(r, 1, 99)) + "@" + nw
			old := set("correo", nw)
			ch = append(ch, r4KV{"correo", r4Arr{old, nw}})
		}
		if chance(r, 150) {
			nw := plain(ps.Nombre)
			old := abbreviateGiven(nw)
			if old == nw {
				old = nw + " " + pick(r, []string{"DE JESUS", "GUADALUPE", "ALEJANDRO"})
			}
			was("nombre", old)
			ch = append(ch, r4KV{"nombre", r4Arr{old, nw}})
		}
	}
	for i := range ch {
		arr := ch[i].V.(r4Arr)
		arr[0], arr[1] = r4RailsJSONValue(arr[0]), r4RailsJSONValue(arr[1])
	}
	return before, ch
}

// r4RailsJSONValue writes a value as Rails' to_json does: dates as
// 1980-01-01, times as 2021-03-01T10:00:00.000Z.
func r4RailsJSONValue(v any) any {
	if t, ok := v.(time.Time); ok {
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return t.Format("2006-01-02")
		}
		return t.Format("2006-01-02T15:04:05.000Z")
	}
	return v
}
