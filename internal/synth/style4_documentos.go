package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// documentos_tramite: the documents citizens uploaded to a state's online
// civil-registry window, one row per file: the procedure it belongs to,
// the kind of document, the file's original name as it came from the
// citizen's computer or phone, where the application stored it (a path
// made of a hash), its type, size and upload time, and whether staff
// validated it.
//
// People name their files after themselves: ACTA_NACIMIENTO_JUAN_PEREZ_LOPEZ.pdf,
// INE PEREZ LOPEZ JUAN.jpg, curp_<CURP>.pdf, "Comprobante domicilio Juan
// Perez.pdf"; cameras and scanners name them IMG_20210312_101544.jpg or
// scan0001.pdf. nombre_original follows the free-text rule (doc.go): names
// in most values, CURPs in about one in eight, so it is [curp,
// person_name] (those CURPs count no one: the column is not a CURP column).
// The stored path, the kind, MIME type, size, dates and flags get none.
func r4BuildDocumentos(p *Pool, r *rand.Rand) *Table {
	type doc struct {
		person  int32
		tramite int32
		kind    uint8
		at      int64
	}
	start := time.Date(2020, 9, 1, 0, 0, 0, 0, time.UTC).Unix()
	end := p.Today().Unix() - 3600
	adult := func(i int32) bool { return ageAt(p.Birth(i), p.Today()) >= 18 }
	var plan []doc
	for k, i := range p.Sample(r, 40, adult) {
		at := start + r.Int64N(end-start)
		for _, kind := range r.Perm(len(r4DocKinds))[:between(r, 1, 4)] {
			plan = append(plan, doc{i, int32(k + 1), uint8(kind), at + r.Int64N(1800)})
		}
	}
	for a := 1; a < len(plan); a++ {
		for b := a; b > 0 && plan[b].at < plan[b-1].at; b-- {
			plan[b], plan[b-1] = plan[b-1], plan[b]
		}
	}
	t := &Table{
		Name:  "documentos_tramite",
		Style: "uploaded-documents",
		Rows:  len(plan),
		Columns: []Column{
			col("id_documento", Integer),
			col("id_tramite", Integer),
			col("tipo_documento", Varchar(30)),
			col("nombre_original", Varchar(120), taxonomy.CURP, taxonomy.PersonName),
			col("ruta", Varchar(120)),
			col("mime", Varchar(20)),
			col("tamano_bytes", Integer),
			col("fecha_carga", Timestamp),
			col("validado", Char(1)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, d := range plan {
			ps := p.Person(d.person)
			at := time.Unix(d.at, 0).UTC()
			kind := r4DocKinds[d.kind]
			name, ext := r4DocFileName(r, ps, kind, at)
			mime := map[string]string{".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}[ext]
			var hash strings.Builder
			for range 40 {
				hash.WriteByte("0123456789abcdef"[r.IntN(16)])
			}
			row := []any{int64(k + 1), int64(d.tramite), kind.name, name,
				fmt.Sprintf("storage/app/tramites/%d/%02d/%s%s", at.Year(), int(at.Month()), hash.String(), ext),
				mime, int64(between(r, 40_000, 4_800_000)), at, pick(r, []string{"S", "S", "S", "N"})}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// r4DocKinds are the documents a procedure asks for, with the word people
// put in the file name.
var r4DocKinds = []struct{ name, word string }{
	{"ACTA DE NACIMIENTO", "ACTA_NACIMIENTO"}, {"IDENTIFICACION OFICIAL", "INE"}, {"CURP", "CURP"},
	{"COMPROBANTE DE DOMICILIO", "Comprobante domicilio"}, {"FOTOGRAFIA", "foto"},
}

// r4DocFileName is a file's original name and extension.
func r4DocFileName(r *rand.Rand, ps Person, kind struct{ name, word string }, at time.Time) (string, string) {
	ext := pick(r, []string{".pdf", ".pdf", ".jpg", ".jpeg", ".png"})
	under := func(s string) string { return strings.ReplaceAll(plain(s), " ", "_") }
	switch n := r.IntN(100); {
	case n < 12: // the camera's or the scanner's own name
		if ext == ".pdf" {
			return fmt.Sprintf("scan%04d.pdf", between(r, 1, 300)), ".pdf"
		}
		return at.Format("IMG_20060102_150405") + ext, ext
	case n < 17:
		return "WhatsApp Image " + at.Format("2006-01-02") + " at " + at.Format("15.04.05") + ".jpeg", ".jpeg"
	case kind.word == "CURP" && n < 80:
		if chance(r, 500) {
			return "curp_" + ps.CURP + ".pdf", ".pdf"
		}
		return ps.CURP + ".pdf", ".pdf"
	case n < 45:
		return kind.word + "_" + under(ps.FullName()) + ext, ext
	case n < 70:
		return strings.ToUpper(strings.ReplaceAll(kind.word, "_", " ")) + " " + plain(ps.RegistryName()) + ext, ext
	case n < 90:
		return kind.word + " " + titleCase(ps.Nombre+" "+ps.Paterno) + ext, ext
	}
	return strings.ToLower(under(firstWord(ps.Nombre)+" "+ps.Paterno)) + "_" + strings.ToLower(kind.word) + ext, ext
}
