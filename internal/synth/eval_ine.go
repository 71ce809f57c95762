package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/alcance-mx/alcance/taxonomy"
)

// lista_nominal_ext: an extract of the voter list as a state office keeps
// it in a spreadsheet-fed database (evaluation style): ordered by entidad,
// municipio, sección and then alphabetically, as the lista nominal is
// printed. The clave de elector has 18 characters (reference §4.1: six
// letters from the names, YYMMDD, the INEGI key of the birth state, the
// sex H/M/X, three digits); the birthdate is an Excel serial day number
// (1900 system) in an INTEGER column; the address is one line in the
// credential's abbreviations ("C HIDALGO 123 COL CENTRO, MORELIA, MICH").
// Only adults born in Mexico are listed: the key's code for people born
// abroad is [U] in the reference.
//
// Labels: clave_elector is voter_key; paterno, materno, nombre
// person_name; fecha_nacimiento birthdate; domicilio address. No label:
// sexo; entidad and municipio (INEGI codes of places); seccion (a 4-digit
// electoral section, not a category); ocr (the 13-digit number on the back
// of the credential: an identifier, but the taxonomy has no category for
// it, only for the clave de elector); anio_registro, emision, vigencia.
// There is no CURP, so the table adds no persons to Labels.Persons.
//
// Mess: a few NULL keys; fecha_nacimiento 1 (1900-01-01, Excel's first day,
// §8's sentinel) for about 0.5% of rows; no materno written as "".
func buildEvalINE(p *Pool, r *rand.Rand) *Table {
	type voter struct {
		person int32
		ent    uint8
		muni   uint16
		sec    uint16
		sort   string
		noKey  bool // clave_elector NULL
		noDate bool // fecha_nacimiento 1, Excel's first day: unknown
	}
	today := p.Today()
	secSeed := r.Uint64()
	var plan []voter
	for _, i := range p.Sample(r, 350, func(i int32) bool {
		return !p.BornAbroad(i) && !p.Birth(i).AddDate(18, 0, 0).After(today)
	}) {
		c := &p.people[i]
		key, _ := strconv.Atoi(muniList[c.muni].Key)
		sec := uint16(100 + (key*53+evPersonStream(secSeed, i).IntN(40))%5800)
		ps := p.Person(i)
		plan = append(plan, voter{i, uint8(muniState(int(c.muni))), c.muni, sec,
			plain(ps.Paterno + " " + ps.Materno + " " + ps.Nombre), chance(r, 8), chance(r, 5)})
	}
	slices.SortStableFunc(plan, func(a, b voter) int {
		return cmp.Or(cmp.Compare(a.ent, b.ent), cmp.Compare(a.muni, b.muni), cmp.Compare(a.sec, b.sec),
			strings.Compare(a.sort, b.sort), cmp.Compare(a.person, b.person))
	})

	t := &Table{
		Name:  "lista_nominal_ext",
		Style: "voter-extract",
		Rows:  len(plan),
		Columns: []Column{
			col("clave_elector", Char(18), taxonomy.VoterKey),
			col("paterno", Varchar(40), taxonomy.PersonName),
			col("materno", Varchar(40), taxonomy.PersonName),
			col("nombre", Varchar(50), taxonomy.PersonName),
			col("fecha_nacimiento", Integer, taxonomy.Birthdate),
			col("sexo", Char(1)),
			col("domicilio", Varchar(160), taxonomy.Address),
			col("entidad", Char(2)),
			col("municipio", Integer),
			col("seccion", Char(4)),
			col("ocr", Char(13)),
			col("anio_registro", Char(7)),
			col("emision", Char(2)),
			col("vigencia", Integer),
		},
	}
	for _, v := range plan {
		ps := p.Person(v.person)
		ident, holds := IdentNone, Cats(taxonomy.PersonName, taxonomy.Address)
		if !v.noKey {
			holds |= Cats(taxonomy.VoterKey)
		}
		if !v.noDate {
			holds |= Cats(taxonomy.Birthdate)
			if fits(plain(ps.Paterno), 40) && fits(plain(ps.Materno), 40) && fits(plain(ps.Nombre), 50) {
				ident = IdentNameBirth
			}
		}
		t.subject(v.person, ident, holds)
	}
	keySeed := r.Uint64()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, v := range plan {
			ps := p.Person(v.person)
			pr := evPersonStream(keySeed, v.person)
			var clave any = evVoterKey(pr, ps)
			if v.noKey {
				clave = nil
			}
			serial := evExcelSerial(ps.Birth)
			if v.noDate {
				serial = 1
			}
			adult := ps.Birth.Year() + 18
			regYear := max(1991, adult) + pr.IntN(max(1, today.Year()-max(1991, adult)))
			emYear := min(today.Year()-1, regYear+pr.IntN(12))
			seccion := fmt.Sprintf("%04d", v.sec)
			ocr := seccion
			for len(ocr) < 13 {
				ocr += strconv.Itoa(pr.IntN(10))
			}
			mk, _ := strconv.Atoi(muniList[v.muni].Key)
			row := []any{
				clave,
				plain(ps.Paterno),
				plain(ps.Materno),
				plain(ps.Nombre),
				serial,
				string(ps.Sex),
				evINEDomicilio(r, ps.Address),
				ps.Address.StateKey,
				int64(mk),
				seccion,
				ocr,
				fmt.Sprintf("%d %02d", regYear, pr.IntN(5)),
				fmt.Sprintf("%02d", pr.IntN(4)),
				int64(emYear + 10),
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// evINEDomicilio is the address as the credential prints it, on one line:
// street type without dots (CALLE as C), number, interior, settlement,
// municipality and the state's abbreviation.
func evINEDomicilio(r *rand.Rand, a Address) string {
	st := strings.TrimSuffix(a.StreetType, ".")
	if st == "CALLE" {
		st = "C"
	}
	line := st + " " + a.Street + " " + strings.ReplaceAll(a.NumberText(), "S/N", "SN")
	if a.Interior > 0 {
		line += fmt.Sprintf(" INT %d", a.Interior)
	}
	line += " " + strings.TrimSuffix(a.SettlementType, ".") + " " + a.Colonia
	if chance(r, 900) {
		line += ", " + a.Municipality + ", " + strings.ReplaceAll(strings.ToUpper(a.StateAbbr), ".", "")
	}
	return plain(line)
}
