package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// CUIS_HOGARES_LEV2019 imitates a socioeconomic household survey of a
// social programme (in the manner of the CUIS questionnaire), loaded from
// the capture system into one very wide table: 50 columns, one row per
// household, most of them numbered coded answers about the dwelling
// (P01..P24) and none of those personal. The informant (an adult of the
// household, a pool member) gives a name split in three columns, a CURP,
// a birthdate as DD/MM/YY text, a sex coded 1 hombre, 2 mujer, 3 no
// binario, and the health scheme they are entitled to.
//
// Labels: NOM_VIALIDAD, NUM_EXT, NUM_INT and COLONIA are the household's
// address; CP is an INTEGER, so CDMX codes lost their leading zero
// (postal_code); TEL_CONTACTO phone. INF_DERECHOHAB names the health
// scheme the informant is enrolled in (IMSS, ISSSTE, IMSS-BIENESTAR...,
// health_enrollment; NINGUNA is an answer in the column). P23_PROGRAMA
// names social programmes (pensions, scholarships): none. CVE_ENT,
// CVE_MUN, CVE_LOC and AGEB are census geography keys, not an address.
// INF_FNAC has 00/00/00 for unknown dates (a sentinel).
func bcBuildCUIS(p *Pool, r *rand.Rand) *Table {
	type plan struct {
		who  int32
		form CURPForm
		day  int32
	}
	people := bcAged(p, r, 160, 18, 90)
	r.Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
	t := &Table{Name: "CUIS_HOGARES_LEV2019", Style: "social-survey-wide"}
	t.PrimaryKey = []string{"FOLIO_CUIS"}
	t.ForeignKeys = []ForeignKey{municipalityRef("CVE_ENT", "CVE_MUN")}
	var plans []plan
	for _, i := range people {
		pl := plan{who: i, form: bcForm(r, 20, 40, 25, 0),
			day: timeDay(bcDayBetween(r, time.Date(2019, 2, 4, 0, 0, 0, 0, time.UTC), time.Date(2019, 11, 29, 0, 0, 0, 0, time.UTC)))}
		plans = append(plans, pl)
		if pl.form == CURPValid {
			t.Persons = append(t.Persons, i)
		}
	}
	t.Columns = []Column{
		col("FOLIO_CUIS", Integer),
		col("FOLIO_ENCUESTA", Varchar(16)),
		col("FEC_LEVANTAMIENTO", Varchar(10)),
		col("CVE_ENCUESTADOR", Varchar(8)),
		col("CVE_ENT", Char(2)),
		col("CVE_MUN", Char(3)),
		col("CVE_LOC", Char(4)),
		col("AGEB", Char(4)),
		col("NOM_VIALIDAD", Varchar(60), "address"),
		col("NUM_EXT", Varchar(12), "address"),
		col("NUM_INT", Varchar(6), "address"),
		col("COLONIA", Varchar(60), "address"),
		col("CP", Integer, "postal_code"),
		col("TEL_CONTACTO", Varchar(15), "phone"),
		col("INF_NOMBRE", Varchar(40), "person_name"),
		col("INF_PRIMER_AP", Varchar(30), "person_name"),
		col("INF_SEGUNDO_AP", Varchar(30), "person_name"),
		col("INF_CURP", Char(18), "curp"),
		col("INF_FNAC", Varchar(8), "birthdate"),
		col("INF_SEXO", Integer),
		col("INF_PARENTESCO", Integer),
		col("INF_DERECHOHAB", Varchar(20), "health_enrollment"),
	}
	questions := []string{"P01_NUM_CUARTOS", "P02_DORMITORIOS", "P03_MAT_PISO", "P04_MAT_TECHO", "P05_MAT_MUROS",
		"P06_AGUA_ENTUBADA", "P07_SANITARIO", "P08_DRENAJE", "P09_ELECTRICIDAD", "P10_COMBUSTIBLE", "P11_REFRIGERADOR",
		"P12_LAVADORA", "P13_TELEVISION", "P14_COMPUTADORA", "P15_INTERNET", "P16_AUTOMOVIL", "P17_TOT_INTEGRANTES",
		"P18_MENORES_5", "P19_MAYORES_65"}
	for _, q := range questions {
		t.Columns = append(t.Columns, col(q, Integer))
	}
	t.Columns = append(t.Columns,
		col("P20_INGRESO_MENSUAL", Decimal(10, 2)),
		col("P21_GASTO_ALIMENTOS", Decimal(10, 2)),
		col("P22_REMESAS", Integer),
		col("P23_PROGRAMA", Varchar(60)),
		col("P24_TENENCIA", Integer),
		col("RESULTADO", Integer),
		col("LATENCIA_CAPTURA_DIAS", Integer),
		col("VERSION_APP", Varchar(8)),
		col("OBS_ENCUESTADOR", Text),
	)
	t.Rows = len(plans)
	seed := r.Uint64()
	today := p.Today()
	schemes := []string{"IMSS", "IMSS", "IMSS", "ISSSTE", "IMSS-BIENESTAR", "IMSS-BIENESTAR", "SEGURO POPULAR", "INSABI", "PEMEX", "SEDENA", "NINGUNA"}
	programmes := []string{"NINGUNO", "NINGUNO", "PENSION PARA EL BIENESTAR DE LAS PERSONAS ADULTAS MAYORES", "BECAS BENITO JUAREZ",
		"SEMBRANDO VIDA", "JOVENES CONSTRUYENDO EL FUTURO", "PROSPERA"}
	obs := []string{"", "", "VIVIENDA DE DIFICIL ACCESO", "INFORMANTE COOPERATIVO", "SE REGRESO EN SEGUNDA VISITA", "PERRO BRAVO EN DOMICILIO", "ZONA SIN SEÑAL"}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for k, pl := range plans {
			pp := p.Person(pl.who)
			a := pp.Address
			m := muniList[p.people[pl.who].muni]
			fnac := pp.Birth.Format("02/01/06")
			if chance(rr, 10) {
				fnac = "00/00/00"
			}
			street := a.StreetType + " " + a.Street
			var numInt any
			if a.Interior > 0 {
				numInt = fmt.Sprint(a.Interior)
			}
			var tel any
			if !chance(rr, 250) {
				tel = pp.Phone
			}
			cp, _ := strconv.ParseInt(a.PostalCode, 10, 64)
			members := int64(between(rr, 1, 9))
			row := []any{
				int64(1900000 + k*3 + rr.IntN(3)),
				fmt.Sprintf("CUIS-19-%07d", between(rr, 1, 9999999)),
				dayTime(pl.day).Format("02/01/2006"),
				fmt.Sprintf("ENC%04d", between(rr, 1, 600)),
				a.StateKey, m.Key, fmt.Sprintf("%04d", between(rr, 1, 120)), fmt.Sprintf("%03d%c", between(rr, 1, 999), "0123456789ABCDEF"[rr.IntN(16)]),
				plain(street), a.NumberText(), numInt, plain(a.SettlementLine()), cp, tel,
				plain(pp.Nombre), mojibake(rr, plain(pp.Paterno), 200), mojibake(rr, plain(pp.Materno), 200),
				bcCharCell(bcCURP(rr, pl.form, pp.CURP, today), 18),
				fnac, bcSexNum(pp.Sex), int64(pick(rr, []int{1, 1, 1, 2, 2, 3, 5})), pick(rr, schemes),
			}
			if pp.Materno == "" {
				row[16] = nil
			}
			for q := range questions {
				var v int64
				switch q {
				case 0:
					v = int64(between(rr, 1, 6))
				case 1:
					v = int64(between(rr, 1, 4))
				case 2, 3, 4, 9:
					v = int64(between(rr, 1, 5))
				case 16:
					v = members
				case 17, 18:
					v = int64(rr.IntN(int(min(members, 3)) + 1))
				default:
					v = int64(between(rr, 1, 2))
				}
				row = append(row, v)
			}
			income := between(rr, 1500, 28000) * 100
			row = append(row,
				money(income), money(income*between(rr, 30, 70)/100), int64(between(rr, 1, 2)),
				pick(rr, programmes), int64(between(rr, 1, 5)), int64(pick(rr, []int{1, 1, 1, 1, 2, 3})),
				int64(rr.IntN(40)), pick(rr, []string{"2.3.1", "2.3.4", "2.4.0"}), nil)
			if o := pick(rr, obs); o != "" {
				row[len(row)-1] = o
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
