package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// catalogo_audits: the audit trail (Laravel auditing) of a hospital
// pharmacy's back office, which audits only its catalogues: Medicamento,
// Consultorio, Tarifa and Horario. old_values and new_values hold whole
// rows or changed attributes as JSON, as in any audits table, but every
// attribute is a key, a description, a price, a stock or a schedule; the
// user is an id.
//
// A record about no one, embedded or not, is no personal data (doc.go):
// the table is a hard negative.
func r4BuildCatalogoAudits(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 12, 100, 20000)
	t := &Table{
		Name:         "catalogo_audits",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: []Column{
			col("id", Integer),
			col("user_type", Varchar(40)),
			col("user_id", Integer),
			col("event", Varchar(12)),
			col("auditable_type", Varchar(40)),
			col("auditable_id", Integer),
			col("old_values", Text),
			col("new_values", Text),
			col("url", Text),
			col("ip_address", Varchar(45)),
			col("created_at", Timestamp),
		},
	}
	meds := Medicines()
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	span := p.Today().Unix() - start
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		at := start
		for k := range n {
			at += r.Int64N(2*span/int64(n) + 1)
			var model, event, path string
			var id int64
			var old, nw r4Obj
			switch m := r.IntN(10); {
			case m < 5:
				model, id = `App\Models\Medicamento`, int64(between(r, 1, len(meds)))
				med := meds[id-1]
				stock := int64(between(r, 0, 900))
				if chance(r, 200) {
					event = "created"
					nw = r4Obj{{"clave", fmt.Sprintf("%s.000.%04d.00", med.Group, 100+int(id)*37%9000)}, {"nombre", med.Name},
						{"forma", med.Form}, {"concentracion", med.Strength}, {"existencia", stock}, {"id", id}}
				} else {
					event = "updated"
					old = r4Obj{{"existencia", stock}}
					nw = r4Obj{{"existencia", stock + int64(between(r, -50, 300))}}
				}
				path = fmt.Sprintf("/farmacia/medicamentos/%d", id)
			case m < 7:
				model, event, id = `App\Models\Consultorio`, "updated", int64(between(r, 1, 30))
				old = r4Obj{{"piso", int64(between(r, 1, 4))}, {"activo", true}}
				nw = r4Obj{{"piso", int64(between(r, 1, 4))}, {"activo", chance(r, 800)}}
				path = fmt.Sprintf("/catalogos/consultorios/%d", id)
			case m < 9:
				model, event, id = `App\Models\Tarifa`, "updated", int64(between(r, 1, 80))
				price := between(r, 5, 200) * 10
				old = r4Obj{{"precio", fmt.Sprintf("%d.00", price)}, {"nivel_socioeconomico", fmt.Sprint(between(r, 1, 6))}}
				nw = r4Obj{{"precio", fmt.Sprintf("%d.00", price+between(r, 1, 9)*10)}, {"nivel_socioeconomico", fmt.Sprint(between(r, 1, 6))}}
				path = fmt.Sprintf("/catalogos/tarifas/%d", id)
			default:
				model, event, id = `App\Models\Horario`, "updated", int64(between(r, 1, 40))
				old = r4Obj{{"hora_inicio", "08:00:00"}, {"hora_fin", "14:00:00"}}
				nw = r4Obj{{"hora_inicio", pick(r, []string{"07:00:00", "08:00:00", "14:00:00"})}, {"hora_fin", pick(r, []string{"14:00:00", "15:00:00", "20:00:00"})}}
				path = fmt.Sprintf("/catalogos/horarios/%d", id)
			}
			enc := func(o r4Obj) string {
				if len(o) == 0 {
					return "[]"
				}
				return r4JSON(o, jsonPHP)
			}
			row := []any{int64(k + 1), `App\Models\User`, int64(between(r, 1, 12)), event, model, id, enc(old), enc(nw),
				"https://farmacia.hospital.example.mx" + path, fmt.Sprintf("10.1.%d.%d", between(r, 0, 9), between(r, 2, 250)),
				time.Unix(min(at, start+span), 0).UTC()}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
