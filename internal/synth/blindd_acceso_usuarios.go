package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// ACCESO_USUARIOS: the accounts of a state teachers' training platform
// written in classic ASP, where a teacher signs in with their CURP: USUARIO
// is the CURP (a few mistyped at sign-up), CLAVE the password in plain
// text (the birth date, a word and a year, the first ten characters of the
// CURP in lower case), then the name, e-mail, school key (CCT), level,
// last access and status.
//
// A login that is its holder's complete CURP is that identifier (doc.go):
// USUARIO is curp and counts persons. CLAVE is a password and gets none,
// whatever it looks like; NOMBRE is person_name and CORREO email; CCT,
// level, dates and status none.
func bdBuildAccesoUsuarios(p *Pool, r *rand.Rand) *Table {
	type teacher struct {
		person int32
		typo   bool
		at     int64
	}
	start := time.Date(2015, 8, 10, 0, 0, 0, 0, time.UTC)
	var plan []teacher
	for _, i := range bdPeople(p, r, 15, 22, 65, 0) {
		plan = append(plan, teacher{i, chance(r, 15), bdMoment(r, start, p.Today().Add(-time.Hour)).Unix()})
	}
	t := &Table{
		Name:  "ACCESO_USUARIOS",
		Style: "training-platform-accounts",
		Rows:  len(plan),
		Columns: []Column{
			col("ID_USUARIO", Integer),
			col("USUARIO", Varchar(18), taxonomy.CURP),
			col("CLAVE", Varchar(20)),
			col("NOMBRE", Varchar(90), taxonomy.PersonName),
			col("CORREO", Varchar(80), taxonomy.Email),
			col("CCT", Char(10)),
			col("NIVEL", Varchar(12)),
			col("ULTIMO_INGRESO", Timestamp),
			col("ESTATUS", Varchar(8)),
		},
	}
	for _, u := range plan {
		if !u.typo {
			t.Persons = append(t.Persons, u.person)
		}
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, u := range plan {
			ps := p.Person(u.person)
			login := ps.CURP
			if u.typo {
				login = typoCURP(r, ps.CURP, p.Today())
			}
			var pass string
			switch n := r.IntN(10); {
			case n < 3:
				pass = ps.Birth.Format("02012006")
			case n < 5:
				pass = strings.ToLower(ps.CURP[:10])
			case n < 8:
				pass = pick(r, []string{"maestro", "docente", "escuela", "sep"}) + fmt.Sprint(between(r, 2015, 2025))
			default:
				pass = pick(r, []string{"123456", "qwerty123", "abc123", "contraseña"})
			}
			mail := ps.Email
			if mail == "" || chance(r, 300) {
				mail = strings.ToLower(ps.CURP[:4]) + fmt.Sprint(between(r, 10, 99)) + "@nube.sep.gob.mx"
			}
			var last any
			if chance(r, 850) {
				last = time.Unix(u.at, 0).UTC()
			}
			cct := fmt.Sprintf("%s%s%04d%c", ps.Address.StateKey, pick(r, []string{"DPR", "EPR", "DJN", "EES", "DST"}), r.IntN(10000), 'A'+r.IntN(26))
			row := []any{int64(k + 1), login, pass, plain(ps.FullName()), mail, cct,
				pick(r, []string{"PREESCOLAR", "PRIMARIA", "PRIMARIA", "SECUNDARIA"}), last, pick(r, []string{"ACTIVO", "ACTIVO", "BAJA"})}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
