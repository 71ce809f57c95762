package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// tblCliente: the customers of a pawnshop chain's SQL Server system, with
// the type-prefixed column names of its Visual Basic era (intIdCliente,
// strNombre, strApPaterno, dtmFechaNac, strTelCasa, bitActivo...). The
// pawnshop copies the voter credential: its clave de elector; the staff
// note a nickname the customer is known by (strApodo, lower case: chuy,
// la güera, don memo); the home phone was taken as the local number
// before 2019.
//
// Labels follow the values (doc.go): names and strApodo person_name,
// dtmFechaNac birthdate, strCalle, strNumExt and strColonia address,
// strCP postal_code, strTelCasa and strTelCel phone, strEmail email,
// strClaveElector voter_key; strMunicipio, strIdentificacion, the ids,
// flags and dates none.
func bdBuildTblCliente(p *Pool, r *rand.Rand) *Table {
	type client struct {
		person int32
		since  int64
	}
	start := time.Date(2008, 6, 2, 0, 0, 0, 0, time.UTC)
	var plan []client
	for _, i := range bdPeople(p, r, 30, 18, 95, 0) {
		plan = append(plan, client{i, bdMoment(r, start, p.Today().Add(-time.Hour)).Unix()})
	}
	bdSortBy(plan, func(c client) int64 { return c.since })
	t := &Table{
		Name:  "tblCliente",
		Style: "pawnshop-customers-vb",
		Rows:  len(plan),
		Columns: []Column{
			col("intIdCliente", Integer),
			col("strNombre", Varchar(50), taxonomy.PersonName),
			col("strApPaterno", Varchar(40), taxonomy.PersonName),
			col("strApMaterno", Varchar(40), taxonomy.PersonName),
			col("strApodo", Varchar(30), taxonomy.PersonName),
			col("dtmFechaNac", Timestamp, taxonomy.Birthdate),
			col("strCalle", Varchar(60), taxonomy.Address),
			col("strNumExt", Varchar(12), taxonomy.Address),
			col("strColonia", Varchar(50), taxonomy.Address),
			col("strMunicipio", Varchar(80)),
			col("strCP", Varchar(5), taxonomy.PostalCode),
			col("strTelCasa", Varchar(15), taxonomy.Phone),
			col("strTelCel", Varchar(15), taxonomy.Phone),
			col("strEmail", Varchar(80), taxonomy.Email),
			col("strIdentificacion", Varchar(12)),
			col("strClaveElector", Varchar(18), taxonomy.VoterKey),
			col("bitActivo", Integer),
			col("dtmAlta", Timestamp),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, c := range plan {
			ps := p.Person(c.person)
			a := ps.Address
			since := time.Unix(c.since, 0).UTC()
			var apodo any
			if chance(r, 450) {
				apodo = bdNickname(r, ps)
			}
			var casa, cel, mail any
			if chance(r, 700) {
				if since.Before(time.Date(2019, 8, 3, 0, 0, 0, 0, time.UTC)) {
					casa = bdLocal(r, ps.Phone)
				} else {
					casa = ps.Phone
				}
			}
			if chance(r, 750) {
				cel = ps.Phone
			}
			if ps.Email != "" && chance(r, 700) {
				mail = ps.Email
			}
			id, key := "INE", any(bdVoterKey(r, ps))
			if chance(r, 120) {
				id, key = pick(r, []string{"PASAPORTE", "LICENCIA"}), nil
			}
			row := []any{int64(k + 1), plain(ps.Nombre), plain(ps.Paterno), bdMaterno(ps), apodo, ps.Birth,
				plain(a.StreetType + " " + a.Street), a.NumberText(), plain(a.Colonia), plain(a.Municipality), a.PostalCode,
				casa, cel, mail, id, key, int64(pick(r, []int{1, 1, 1, 0})), since}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bdNicknames are what a name is shortened to; bdDescriptive nicknames
// describe the person.
var (
	bdNicknames = map[string][]string{
		"JESUS": {"chuy", "chucho"}, "GUADALUPE": {"lupe", "lupita"}, "GUILLERMO": {"memo", "don memo"}, "JOSE": {"pepe", "chepe"},
		"FRANCISCO": {"pancho", "paco", "don pancho"}, "EDUARDO": {"lalo"}, "ROSARIO": {"chayo", "chayito"}, "ALBERTO": {"beto"},
		"ROBERTO": {"beto", "robert"}, "REFUGIO": {"cuca", "cuco"}, "IGNACIO": {"nacho"}, "ANTONIO": {"toño"},
		"MARGARITA": {"mago"}, "SOCORRO": {"coco"}, "CONCEPCION": {"concha", "chona"}, "ISABEL": {"chabela"},
		"ENRIQUE": {"kike"}, "SALVADOR": {"chava"}, "ALFREDO": {"fredy"}, "GERARDO": {"jerry"}, "ROSA": {"rosy"},
	}
	bdDescriptive = []string{"la güera", "el güero", "el flaco", "la flaca", "el chaparro", "la gorda", "el negro", "el pelón",
		"la chata", "el compadre", "la tía", "el profe"}
)

// bdNickname is the name a pawnshop's staff know a customer by.
func bdNickname(r *rand.Rand, ps Person) string {
	for _, g := range strings.Fields(plain(ps.Nombre)) {
		if ns, ok := bdNicknames[g]; ok && chance(r, 800) {
			return pick(r, ns)
		}
	}
	if chance(r, 500) {
		return pick(r, bdDescriptive)
	}
	return strings.ToLower(strings.Fields(plain(ps.Nombre))[0])
}

// bdVoterKey builds a clave de elector (docs §4.1): the first letter and
// first internal consonant of the paternal surname, maternal surname and
// given name (skipping MARIA and JOSE when another follows), YYMMDD, the
// INEGI state of birth (of residence for people born abroad), the sex and
// three digits.
func bdVoterKey(r *rand.Rand, ps Person) string {
	pair := func(name string) string {
		rs := []rune(firstWord(name))
		if len(rs) == 0 {
			return "XX"
		}
		letter := func(c rune) byte {
			if c >= 'A' && c <= 'Z' {
				return byte(c)
			}
			return 'X'
		}
		out := []byte{letter(rs[0]), 'X'}
		for _, c := range rs[1:] {
			if c >= 'A' && c <= 'Z' && !strings.ContainsRune("AEIOU", c) {
				out[1] = byte(c)
				break
			}
		}
		return string(out)
	}
	given := strings.Fields(plain(ps.Nombre))
	if len(given) > 1 && (given[0] == "MARIA" || given[0] == "JOSE" || given[0] == "MA." || given[0] == "J.") {
		given = given[1:]
	}
	st := ps.BirthKey
	if st == "" {
		st = ps.Address.StateKey
	}
	sex := ps.Sex
	if sex == 'X' {
		sex = 'H'
	}
	return fmt.Sprintf("%s%s%s%s%s%c%03d", pair(ps.Paterno), pair(ps.Materno), pair(strings.Join(given, " ")),
		ps.Birth.Format("060102"), st, sex, r.IntN(1000))
}
