package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// bitacora_cambios: the change log of a state DIF's social-assistance
// system (PHP, CodeIgniter, MySQL), one row per insert or update of a
// beneficiary, a support delivered or a locality of the catalogue: the
// table and record, the action, and the data as PHP's serialize() writes
// an array: the whole record on INSERT (datos_anteriores NULL), the
// changed fields before and after on UPDATE
// (a:2:{s:8:"telefono";s:10:"4431234567";...}).
//
// Both data columns follow the structured-values rule (doc.go):
// datos_nuevos carries curp, person_name, birthdate, address, postal_code
// and phone; datos_anteriores, where a CURP was only ever added (the old
// value empty), carries person_name, birthdate, address, postal_code and
// phone. Table, ids, action, login, IP and time get none.
func bdBuildBitacoraPHP(p *Pool, r *rand.Rand) *Table {
	const (
		benInsert = iota
		benUpdate
		apoyo
		localidad
	)
	type change struct {
		kind   uint8
		person int32
		id     int32
		at     int64
	}
	start := time.Date(2016, 2, 1, 0, 0, 0, 0, time.UTC)
	end := p.Today().Add(-time.Hour)
	var plan []change
	for k, i := range bdPeople(p, r, 35, 0, 100, 0) {
		t0 := bdMoment(r, start, end)
		plan = append(plan, change{benInsert, i, int32(k + 1), t0.Unix()})
		for range between(r, 0, 2) {
			plan = append(plan, change{benUpdate, i, int32(k + 1), bdMoment(r, t0, end).Unix()})
		}
		for range between(r, 0, 2) {
			plan = append(plan, change{apoyo, i, int32(k + 1), bdMoment(r, t0, end).Unix()})
		}
	}
	for range len(plan) / 9 {
		plan = append(plan, change{localidad, -1, int32(between(r, 1, 400)), bdMoment(r, start, end).Unix()})
	}
	bdSortBy(plan, func(c change) int64 { return c.at })
	t := &Table{
		Name:  "bitacora_cambios",
		Style: "php-serialized-change-log",
		Rows:  len(plan),
		Columns: []Column{
			col("id_bitacora", Integer),
			col("tabla", Varchar(30)),
			col("id_registro", Integer),
			col("accion", Varchar(6)),
			col("datos_anteriores", Text, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address, taxonomy.PostalCode, taxonomy.Phone),
			col("datos_nuevos", Text, taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address, taxonomy.PostalCode, taxonomy.Phone),
			col("usuario", Varchar(20)),
			col("ip", Varchar(15)),
			col("fecha", Timestamp),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		apoyoID := 0
		for k, c := range plan {
			var table, action string
			var id int64
			var old, nw any
			switch c.kind {
			case benInsert, benUpdate:
				ps := p.Person(c.person)
				table, id = "beneficiarios", int64(c.id)
				if c.kind == benInsert {
					action = "INSERT"
					nw = bdPHP(bdBeneficiary(r, ps, c.id))
				} else {
					action = "UPDATE"
					o, n := bdBeneficiaryChange(r, ps, p.Today())
					old, nw = bdPHP(o), bdPHP(n)
				}
			case apoyo:
				apoyoID++
				table, action, id = "apoyos_entregados", "INSERT", int64(apoyoID)
				nw = bdPHP(bdObj{{"id_apoyo", int64(apoyoID)}, {"id_beneficiario", int64(c.id)},
					{"tipo_apoyo", pick(r, []string{"DESPENSA", "COBIJAS", "APOYO ECONOMICO", "LAMINAS", "CALENTADOR", "DESAYUNOS ESCOLARES"})},
					{"cantidad", int64(between(r, 1, 5))}, {"fecha_entrega", time.Unix(c.at, 0).UTC().Format("2006-01-02")}})
			default:
				table, action, id = "cat_localidades", "UPDATE", int64(c.id)
				ambito := pick(r, []string{"RURAL", "URBANO"})
				old = bdPHP(bdObj{{"ambito", ambito}, {"poblacion", fmt.Sprint(between(r, 50, 9000))}})
				nw = bdPHP(bdObj{{"ambito", ambito}, {"poblacion", fmt.Sprint(between(r, 50, 9000))}})
			}
			row := []any{int64(k + 1), table, id, action, old, nw, pick(r, []string{"admin", "trabajo.social", "capturista1", "capturista2", "dif_mpal07"}),
				fmt.Sprintf("172.16.%d.%d", between(r, 0, 15), between(r, 2, 250)), time.Unix(c.at, 0).UTC()}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bdBeneficiary is a beneficiary's record as inserted.
func bdBeneficiary(r *rand.Rand, ps Person, id int32) bdObj {
	a := ps.Address
	curp := ps.CURP
	if chance(r, 80) {
		curp = ""
	}
	var materno any = plain(ps.Materno)
	if ps.Materno == "" {
		materno = ""
	}
	return bdObj{
		{"id_beneficiario", int64(id)}, {"curp", curp}, {"nombre", plain(ps.Nombre)}, {"ap_paterno", plain(ps.Paterno)},
		{"ap_materno", materno}, {"fecha_nac", ps.Birth.Format("2006-01-02")}, {"sexo", sexCode(ps.Sex, "H", "M", "X")},
		{"domicilio", plain(a.StreetLine() + ", " + a.SettlementLine())}, {"cp", a.PostalCode},
		{"telefono", bdPhoneOrEmpty(r, ps)}, {"id_programa", int64(between(r, 1, 12))},
	}
}

func bdPhoneOrEmpty(r *rand.Rand, ps Person) string {
	if chance(r, 100) {
		return ""
	}
	return ps.Phone
}

// bdBeneficiaryChange is an update: the changed fields before and after.
// A CURP is only ever added (it was empty); names and birth dates are
// corrected; addresses and phones change.
func bdBeneficiaryChange(r *rand.Rand, ps Person, today time.Time) (old, nw bdObj) {
	for len(nw) == 0 {
		if chance(r, 400) {
			prev := randomAddress(r, between(r, 0, len(muniList)-1))
			old = append(old, bdKV{"domicilio", plain(prev.StreetLine() + ", " + prev.SettlementLine())}, bdKV{"cp", prev.PostalCode})
			nw = append(nw, bdKV{"domicilio", plain(ps.Address.StreetLine() + ", " + ps.Address.SettlementLine())}, bdKV{"cp", ps.Address.PostalCode})
		}
		if chance(r, 400) {
			old = append(old, bdKV{"telefono", ps.Phone[:3] + fmt.Sprint(between(r, 2000000, 9999999))})
			nw = append(nw, bdKV{"telefono", ps.Phone})
		}
		if chance(r, 300) {
			wrong := plain(ps.Nombre)
			if a := abbreviateGiven(wrong); a != wrong {
				wrong = a
			} else {
				wrong = wrong[:len(wrong)-1] + pick(r, []string{"A", "O", "E"})
			}
			old = append(old, bdKV{"nombre", wrong})
			nw = append(nw, bdKV{"nombre", plain(ps.Nombre)})
		}
		if chance(r, 250) {
			old = append(old, bdKV{"fecha_nac", ps.Birth.AddDate(0, 0, -between(r, 1, 400)).Format("2006-01-02")})
			nw = append(nw, bdKV{"fecha_nac", ps.Birth.Format("2006-01-02")})
		}
		if chance(r, 200) {
			old = append(old, bdKV{"curp", ""})
			nw = append(nw, bdKV{"curp", ps.CURP})
		}
	}
	return old, nw
}
