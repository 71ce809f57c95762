package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// usuarios_sistema: the accounts of a state health ministry's
// correspondence system, one row per employee who uses it: the login, the
// password in plain text (the system predates hashing), the full name,
// the institutional e-mail, area, profile, status and dates.
//
// Logins are account ids (doc.go): most are the first ten characters of
// the employee's RFC (name letters and birth date: PELJ800101), others are
// built from the name (jperezl) or the role (captura07); none is a
// complete CURP or RFC, and the column gets none. Passwords are never
// labelled, whatever they look like: here words and digits, the login
// again, a date (01011980) or a ten-digit number. nombre_completo is
// person_name and correo email; the rest none.
func r4BuildUsuarios(p *Pool, r *rand.Rand) *Table {
	type user struct {
		person int32
		since  int32
	}
	start := timeDay(time.Date(2009, 3, 1, 0, 0, 0, 0, time.UTC))
	end := timeDay(p.Today()) - 1
	var plan []user
	for _, i := range r4Aged(p, r, 12, 21, 66, 0) {
		plan = append(plan, user{i, start + int32(r.IntN(int(end-start)+1))})
	}
	t := &Table{
		Name:  "usuarios_sistema",
		Style: "system-accounts",
		Rows:  len(plan),
		Columns: []Column{
			col("id_usuario", Integer),
			col("usuario", Varchar(20)),
			col("contrasena", Varchar(20)),
			col("nombre_completo", Varchar(90), taxonomy.PersonName),
			col("correo", Varchar(80), taxonomy.Email),
			col("area", Varchar(40)),
			col("perfil", Varchar(20)),
			col("activo", Integer),
			col("fecha_alta", Date),
			col("ultimo_acceso", Timestamp),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		used := map[string]int{}
		for k, u := range plan {
			ps := p.Person(u.person)
			var login string
			switch n := r.IntN(100); {
			case n < 70:
				login = ps.CURP[:10]
			case n < 90:
				login = emailWord(firstWord(ps.Nombre))[:1] + emailWord(firstWord(ps.Paterno)) + initialOf(emailWord(firstWord(ps.Materno)))
			default:
				login = pick(r, []string{"captura", "oficialia", "juridico", "archivo", "enlace"}) + fmt.Sprintf("%02d", between(r, 1, 40))
			}
			if len(login) > 18 {
				login = login[:18]
			}
			used[login]++
			if used[login] > 1 {
				login += fmt.Sprint(used[login])
			}
			pass := r4Password(r, ps, login)
			since := dayTime(u.since)
			var last any
			if chance(r, 900) {
				last = r4At(r, r4DayBetween(r, since, p.Today().AddDate(0, 0, -1)), 8, 19)
			}
			row := []any{int64(k + 1), login, pass, plain(ps.FullName()), staffEmail(r, ps, "SSA"),
				pick(r, r4Areas), pick(r, []string{"CAPTURISTA", "CAPTURISTA", "CONSULTA", "SUPERVISOR", "ADMINISTRADOR"}),
				int64(pick(r, []int{1, 1, 1, 0})), since, last}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var r4Areas = []string{"OFICIALIA DE PARTES", "DIRECCION JURIDICA", "RECURSOS HUMANOS", "PLANEACION", "EPIDEMIOLOGIA",
	"REGULACION SANITARIA", "ARCHIVO", "SECRETARIA PARTICULAR"}

// r4Password is a password as people chose them when nothing stopped them.
func r4Password(r *rand.Rand, ps Person, login string) string {
	switch n := r.IntN(100); {
	case n < 15:
		return pick(r, []string{"123456", "12345678", "qwerty", "password", "salud", "Salud2019", "Mexico1", "abc123"})
	case n < 30:
		return strings.ToLower(login)
	case n < 45:
		return ps.Birth.Format("02012006") // the birthday
	case n < 55:
		return ps.Phone
	case n < 75:
		return titleCase(firstWord(ps.Nombre)) + fmt.Sprint(between(r, 1, 99))
	case n < 90:
		return pick(r, []string{"Salud", "Oficina", "Mexico", "Cambiame"}) + fmt.Sprint(between(r, 2009, 2025)) + pick(r, []string{"", "!", "*", "#"})
	}
	var b strings.Builder
	for range between(r, 8, 12) {
		b.WriteByte("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"[r.IntN(56)])
	}
	return b.String()
}
