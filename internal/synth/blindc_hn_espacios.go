package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// CAT_ESPACIOS_HOSPITAL is a hard negative: the catalogue of rooms of a
// few hospitals (auditoriums, meeting rooms, wards, libraries), many named
// after national heroes or after physicians (AUDITORIO DR. ..., PABELLON
// BENITO JUAREZ), with the area in charge written as a job or department,
// the hospital's CLUES (a unit in a table about no one) and a phone
// extension. A room named after a person is a place, not a person's data
// (doc.go: facility and office names after heroes and saints); every
// column is labelled [].
func bcBuildEspacios(p *Pool, r *rand.Rand) *Table {
	type room struct {
		hospital int
		key      string
		name     string
		use      string
		building string
		floor    int
	}
	heroes := bcHeroes()
	var hospitals []int
	for i, f := range p.Facilities() {
		if strings.HasPrefix(f.Type, "HOSPITAL") {
			hospitals = append(hospitals, i)
		}
	}
	if len(hospitals) == 0 {
		hospitals = []int{0}
	}
	n := min(len(hospitals), 3+p.Len()/20000)
	t := &Table{Name: "CAT_ESPACIOS_HOSPITAL", Style: "hardneg-rooms-named-after-people", HardNegative: true}
	t.ForeignKeys = []ForeignKey{cluesRef("CLUES_UNIDAD")}
	kinds := []struct{ prefix, use, building string }{
		{"AUD", "DOCENCIA", "TORRE DE ENSEÑANZA"}, {"SJ", "REUNIONES", "EDIFICIO ADMINISTRATIVO"}, {"PAB", "HOSPITALIZACION", "TORRE MEDICA"},
		{"AULA", "DOCENCIA", "TORRE DE ENSEÑANZA"}, {"BIB", "CONSULTA", "TORRE DE ENSEÑANZA"}, {"QX", "QUIRURGICO", "TORRE MEDICA"},
		{"LAC", "LACTARIO", "TORRE MEDICA"}, {"CM", "FARMACIA", "SERVICIOS GENERALES"},
	}
	var rooms []room
	for h := range n {
		hi := hospitals[(h*7+r.IntN(len(hospitals)))%len(hospitals)]
		count := map[string]int{}
		for range between(r, 18, 32) {
			k := pick(r, kinds)
			count[k.prefix]++
			rm := room{hospital: hi, key: fmt.Sprintf("%s-%02d", k.prefix, count[k.prefix]), use: k.use, building: k.building, floor: between(r, 0, 6)}
			dr := bcDrawName(r)
			switch k.prefix {
			case "AUD":
				rm.name = pick(r, []string{"AUDITORIO DR. " + dr.Nombre + " " + dr.Paterno, "AUDITORIO " + pick(r, heroes)})
			case "SJ":
				rm.name = "SALA DE JUNTAS " + pick(r, []string{"LIC. " + pick(r, heroes), pick(r, heroes), "DIRECCION"})
			case "PAB":
				rm.name = "PABELLON " + pick(r, heroes)
			case "AULA":
				rm.name = pick(r, []string{"AULA MAGNA " + pick(r, heroes), fmt.Sprintf("AULA %d", count[k.prefix]), "AULA DRA. " + dr.Nombre + " " + dr.Paterno})
			case "BIB":
				rm.name = "BIBLIOTECA DR. " + dr.Nombre + " " + dr.Paterno + " " + dr.Materno
			case "QX":
				rm.name = fmt.Sprintf("QUIROFANO %d", count[k.prefix])
			case "LAC":
				rm.name = "LACTARIO INSTITUCIONAL"
			default:
				rm.name = "CENTRO DE MEZCLAS"
			}
			rooms = append(rooms, rm)
		}
	}
	t.Columns = []Column{
		col("CVE_ESPACIO", Varchar(10)),
		col("NOMBRE_ESPACIO", Varchar(90)),
		col("EDIFICIO", Varchar(40)),
		col("PISO", Integer),
		col("CAPACIDAD", Integer),
		col("SUPERFICIE_M2", Decimal(8, 2)),
		col("USO", Varchar(30)),
		col("AREA_RESPONSABLE", Varchar(60)),
		col("CLUES_UNIDAD", Char(11)),
		col("UNIDAD", Varchar(90)),
		col("EXTENSION", Integer),
		col("FEC_INAUGURACION", Date),
		col("EQUIPAMIENTO", Text),
	}
	t.Rows = len(rooms)
	seed := r.Uint64()
	areas := []string{"JEFATURA DE ENSEÑANZA E INVESTIGACION", "SUBDIRECCION ADMINISTRATIVA", "JEFATURA DE ENFERMERIA",
		"SUBDIRECCION MEDICA", "DEPARTAMENTO DE CONSERVACION Y MANTENIMIENTO"}
	equipment := []string{"PROYECTOR, PANTALLA, 40 SILLAS", "MESA DE JUNTAS 12 PERSONAS, VIDEOCONFERENCIA", "24 CAMAS CENSABLES, 2 AISLADOS",
		"MAQUINA DE ANESTESIA, LAMPARA DE CHICOTE, MESA QUIRURGICA", "REFRIGERADOR, 4 SILLONES", "CAMPANA DE FLUJO LAMINAR"}
	t.Generate = func(yield func([]any) bool) {
		rr := rowRand(seed)
		for _, rm := range rooms {
			f := p.Facilities()[rm.hospital]
			row := []any{rm.key, rm.name, rm.building, int64(rm.floor), int64(between(rr, 4, 300)), money(between(rr, 1200, 60000)),
				rm.use, pick(rr, areas), f.CLUES, f.Name, int64(between(rr, 1000, 4999)),
				bcDayBetween(rr, time.Date(1962, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)),
				pick(rr, equipment)}
			if !yield(row) {
				return
			}
		}
	}
	return t
}
