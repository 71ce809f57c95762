package synth

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// wa_contactos: the contacts of a private clinic's WhatsApp appointment
// bot, one row per number that wrote to it: the WhatsApp id (the number
// with 52, or the older 521 mobile prefix), the profile name the person
// chose (push_name: lower case nicknames and hypocorisms as people write
// them, lupita, chuy, memo, don beto, or a first name), the name typed
// when booking, the birthdate typed (21/03/1985, 21-03-85), the last
// message, the conversation's state and the opt-in flag.
//
// wa_id is phone; push_name and nombre_cita person_name (doc.go: a
// nickname in a column that names a person is a name); fecha_nac
// birthdate; the rest none.
func r4BuildWAContactos(p *Pool, r *rand.Rand) *Table {
	adult := func(i int32) bool { return ageAt(p.Birth(i), p.Today()) >= 16 }
	plan := p.Sample(r, 30, adult)
	r.Shuffle(len(plan), func(a, b int) { plan[a], plan[b] = plan[b], plan[a] })
	t := &Table{
		Name:  "wa_contactos",
		Style: "whatsapp-bot-contacts",
		Rows:  len(plan),
		Columns: []Column{
			col("id", Integer),
			col("wa_id", Varchar(15), taxonomy.Phone),
			col("push_name", Varchar(40), taxonomy.PersonName),
			col("nombre_cita", Varchar(90), taxonomy.PersonName),
			col("fecha_nac", Varchar(20), taxonomy.Birthdate),
			col("ultimo_mensaje", Timestamp),
			col("estado_conversacion", Varchar(20)),
			col("opt_in", Integer),
		},
	}
	start := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC).Unix()
	end := p.Today().Unix() - 60
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, i := range plan {
			ps := p.Person(i)
			wa := "52" + ps.Phone
			if chance(r, 350) {
				wa = "521" + ps.Phone
			}
			var booked, birth any
			state := pick(r, []string{"INICIO", "ESPERANDO_NOMBRE", "ESPERANDO_FECHA", "CITA_AGENDADA", "CITA_AGENDADA", "CITA_AGENDADA", "CANCELADA"})
			if state == "CITA_AGENDADA" || state == "CANCELADA" || state == "ESPERANDO_FECHA" {
				booked = titleCase(ps.FullName())
				if chance(r, 300) {
					booked = strings.ToLower(ps.Nombre + " " + ps.Paterno)
				}
				if state != "ESPERANDO_FECHA" {
					switch n := r.IntN(10); {
					case n < 5:
						birth = ps.Birth.Format("02/01/2006")
					case n < 8:
						birth = ps.Birth.Format("02-01-06")
					default:
						birth = ps.Birth.Format("2/1/2006")
					}
				}
			}
			row := []any{int64(k + 1), wa, r4PushName(r, ps), booked, birth,
				time.Unix(start+r.Int64N(end-start), 0).UTC(), state, int64(pick(r, []int{1, 1, 0}))}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// r4Hypocorisms are the nicknames Mexicans use for common given names.
var r4Hypocorisms = map[string][]string{
	"JESUS": {"chuy", "chucho"}, "GUADALUPE": {"lupita", "lupe"}, "GUILLERMO": {"memo"}, "JOSE": {"pepe", "chepe"},
	"FRANCISCO": {"paco", "pancho", "kiko"}, "EDUARDO": {"lalo"}, "ROSARIO": {"chayo"}, "ALEJANDRO": {"alex", "ale"},
	"ALEJANDRA": {"ale", "alex"}, "FERNANDO": {"fer"}, "FERNANDA": {"fer", "fercha"}, "GABRIELA": {"gaby"},
	"CAROLINA": {"caro"}, "ENRIQUE": {"kike"}, "ALBERTO": {"beto", "don beto"}, "ROBERTO": {"beto"},
	"REFUGIO": {"cuca", "cuquita"}, "CONCEPCION": {"conchita", "concha"}, "DOLORES": {"lola", "lolita"},
	"IGNACIO": {"nacho"}, "MARGARITA": {"mago", "magos"}, "SOCORRO": {"coco", "socorrito"}, "ANTONIO": {"toño", "tony"},
	"JAVIER": {"javi"}, "DANIEL": {"dany"}, "VICTORIA": {"vicky"}, "ISABEL": {"chabela", "isa"},
	"MARIA": {"mary", "mari"}, "JUAN": {"juanito"}, "RAFAEL": {"rafa"}, "RICARDO": {"richi"}, "MANUEL": {"manolo", "meme"},
	"GERARDO": {"gera"}, "ANA": {"anita"}, "PATRICIA": {"paty"}, "CONSUELO": {"chelo"}, "MERCEDES": {"meche"},
	"SANTIAGO": {"santi"}, "RODRIGO": {"rodri"}, "SALVADOR": {"chava"}, "ROSA": {"rosita"}, "TERESA": {"tere"},
}

// r4PushName is the profile name someone set on WhatsApp.
func r4PushName(r *rand.Rand, ps Person) string {
	given := strings.Fields(plain(ps.Nombre))
	for _, g := range given {
		if hs, ok := r4Hypocorisms[g]; ok && chance(r, 650) {
			h := pick(r, hs)
			switch n := r.IntN(10); {
			case n < 6:
				return h
			case n < 8:
				return h + " " + strings.ToLower(ps.Paterno)
			default:
				return strings.ToUpper(h[:1]) + h[1:]
			}
		}
	}
	first := strings.ToLower(titleCase(given[0]))
	switch n := r.IntN(10); {
	case n < 5:
		return first
	case n < 8:
		return first + " " + strings.ToLower(ps.Paterno)
	default:
		return titleCase(given[0] + " " + ps.Paterno)
	}
}
