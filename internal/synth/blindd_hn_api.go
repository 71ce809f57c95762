package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// api_clientes: the OAuth clients registered with a state government's
// digital-identity gateway, one row per application: the client id
// (several made to resemble the CURPs the gateway validates:
// 18 characters such as APPC000000HDFXXX00, which never validate), the
// client secret in plain text, the application's name, its redirect URI,
// scopes, the area that owns it and when it was registered.
//
// No person is behind a client (doc.go: ids shaped like identifiers that
// fail validation are not identifiers; secrets, like passwords, are never
// labelled): a hard negative.
func bdBuildAPIClientes(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 200, 40, 500)
	t := &Table{
		Name:         "api_clientes",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: []Column{
			col("client_id", Varchar(40)),
			col("client_secret", Varchar(64)),
			col("nombre_app", Varchar(60)),
			col("redirect_uri", Varchar(120)),
			col("scopes", Varchar(80)),
			col("area_responsable", Varchar(60)),
			col("registrado", Timestamp),
		},
	}
	today := p.Today()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for range n {
			app := pick(r, bdApps)
			var id string
			if chance(r, 500) {
				id = bdNotCURP(r, today)
			} else {
				id = fmt.Sprintf("%s-%04x%04x", strings.ToLower(app[1]), r.IntN(1<<16), r.IntN(1<<16))
			}
			var secret strings.Builder
			for range 48 {
				secret.WriteByte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"[r.IntN(64)])
			}
			row := []any{id, secret.String(), app[0], "https://" + strings.ToLower(app[1]) + ".edomex.example.gob.mx/auth/callback",
				pick(r, []string{"openid curp:read", "openid profile", "curp:validate", "openid email domicilio:read"}),
				pick(r, []string{"DIRECCION DE GOBIERNO DIGITAL", "SECRETARIA DE SALUD", "SECRETARIA DE FINANZAS", "REGISTRO CIVIL"}),
				bdMoment(r, time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), today.Add(-time.Hour))}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var bdApps = [][2]string{{"APP CIUDADANA", "APPC"}, {"CITAS MEDICAS EN LINEA", "CITA"}, {"PAGO DE TENENCIA", "TENE"},
	{"ACTAS EN LINEA", "ACTA"}, {"BOLSA DE TRABAJO", "BOLS"}, {"LICENCIAS", "LICE"}, {"PREDIAL", "PRED"}}

// bdNotCURP is shaped like a CURP and never validates: the date has month
// 00 or 13, or the day 00.
func bdNotCURP(r *rand.Rand, today time.Time) string {
	for {
		app := pick(r, bdApps)[1]
		var date string
		switch r.IntN(3) {
		case 0:
			date = "000000"
		case 1:
			date = fmt.Sprintf("%02d13%02d", r.IntN(100), between(r, 1, 28))
		default:
			date = fmt.Sprintf("%02d%02d00", r.IntN(100), between(r, 1, 12))
		}
		s := app + date + pick(r, []string{"H", "M"}) + pick(r, []string{"DF", "MC", "NL", "JC"}) + "XXX" + fmt.Sprintf("%02d", r.IntN(100))
		if !bdIsPersonID(s, today) {
			return s
		}
	}
}
