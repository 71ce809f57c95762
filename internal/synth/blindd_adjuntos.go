package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// adjuntos_buzon: the attachments citizens send to a state water
// utility's complaints mailbox, one row per attached file: the message it
// came with, the file name as the sender's phone or computer named it
// (IMG-20230105-WA0012.jpg, "recibo agua Maria Lopez.pdf", "INE MARIA
// LOPEZ HERNANDEZ frente.jpg", CURP_<CURP>.pdf, "Captura de pantalla
// 2023-01-05 101501.png", "fuga calle.jpg"), its type, size and SHA-1, and
// when it arrived.
//
// nombre_adjunto follows the free-text rule (doc.go): names in well over
// 5% of the values and CURPs in about one in ten, so it is [curp,
// person_name] (those CURPs count no one). The rest get none.
func bdBuildAdjuntos(p *Pool, r *rand.Rand) *Table {
	type file struct {
		person int32
		msg    int32
		at     int64
	}
	start := time.Date(2020, 1, 6, 0, 0, 0, 0, time.UTC)
	var plan []file
	for k, i := range bdPeople(p, r, 30, 18, 95, 0) {
		at := bdMoment(r, start, p.Today().Add(-2*time.Hour)).Unix()
		for range between(r, 1, 4) {
			plan = append(plan, file{i, int32(k + 1), at + int64(r.IntN(60))})
		}
	}
	bdSortBy(plan, func(f file) int64 { return f.at })
	t := &Table{
		Name:  "adjuntos_buzon",
		Style: "mailbox-attachments",
		Rows:  len(plan),
		Columns: []Column{
			col("id_adjunto", Integer),
			col("id_mensaje", Integer),
			col("nombre_adjunto", Varchar(120), taxonomy.CURP, taxonomy.PersonName),
			col("tipo_mime", Varchar(30)),
			col("tamano", Integer),
			col("sha1", Char(40)),
			col("recibido", Timestamp),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k, f := range plan {
			ps := p.Person(f.person)
			at := time.Unix(f.at, 0).UTC()
			name := bdAttachmentName(r, ps, at)
			mime := "image/jpeg"
			switch {
			case strings.HasSuffix(strings.ToLower(name), ".pdf"):
				mime = "application/pdf"
			case strings.HasSuffix(name, ".png"):
				mime = "image/png"
			}
			var sha strings.Builder
			for range 40 {
				sha.WriteByte("0123456789abcdef"[r.IntN(16)])
			}
			row := []any{int64(k + 1), int64(f.msg), name, mime, int64(between(r, 20_000, 6_000_000)), sha.String(), at}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// bdAttachmentName is a file's name as its sender's device gave it.
func bdAttachmentName(r *rand.Rand, ps Person, at time.Time) string {
	given := titleCase(strings.Fields(ps.Nombre)[0])
	switch n := r.IntN(100); {
	case n < 18:
		return at.Format("IMG-20060102") + fmt.Sprintf("-WA%04d.jpg", between(r, 1, 300))
	case n < 24:
		return "Captura de pantalla " + at.Format("2006-01-02 150405") + ".png"
	case n < 32:
		return pick(r, []string{"fuga calle.jpg", "medidor.jpg", "recibo.pdf", "foto 1.jpg", "evidencia.jpeg"})
	case n < 43:
		return pick(r, []string{"CURP_", "curp ", ""}) + ps.CURP + ".pdf"
	case n < 60:
		return "recibo agua " + given + " " + titleCase(ps.Paterno) + ".pdf"
	case n < 78:
		return "INE " + plain(ps.FullName()) + " " + pick(r, []string{"frente", "reverso", "ambos lados"}) + ".jpg"
	case n < 90:
		return strings.ToLower(strings.ReplaceAll(plain(ps.Paterno+" "+ps.Nombre), " ", "_")) + "_comprobante.pdf"
	}
	return "Queja de " + titleCase(ps.FullName()) + ".pdf"
}
