package synth

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// CATALOGO_CIE10_SINBA: the diagnosis catalogue in the layout of the
// Secretaría de Salud's information systems, one row per code: the key
// (dotless, three-character categories padded with X), the description,
// the chapter, and the validation columns the capture systems use: the sex
// a code is restricted to (LSEX), the age limits (LINF, LSUP: 000D to
// 120A), whether the code is trivial, eradicated, of international
// notification, valid as a basic cause of death (CBD) or as a main
// affection, and so on.
//
// A catalogue of diagnoses is about no one (doc.go): no column is labelled,
// the code column included, although every key is a valid CIE-10 code.
func r4BuildCatCIE10SINBA(p *Pool, r *rand.Rand) *Table {
	type entry struct{ code, desc string }
	seen := map[string]bool{}
	var rows []entry
	for _, d := range Diagnoses() {
		seen[d.Code] = true
		rows = append(rows, entry{d.Code, d.Description})
	}
	for _, d := range r4ExtraDiagnoses() {
		if !seen[d.Code] {
			seen[d.Code] = true
			rows = append(rows, entry{d.Code, d.Description})
		}
	}
	slices.SortFunc(rows, func(a, b entry) int { return strings.Compare(a.code, b.code) })
	t := &Table{
		Name:         "CATALOGO_CIE10_SINBA",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(rows),
		Columns: []Column{
			col("CATALOG_KEY", Char(4)),
			col("NOMBRE", Varchar(200)),
			col("LETRA", Char(1)),
			col("CAPITULO", Varchar(6)),
			col("LSEX", Varchar(6)),
			col("LINF", Char(4)),
			col("LSUP", Char(4)),
			col("TRIVIAL", Char(2)),
			col("ERRADICADO", Char(2)),
			col("N_INTER", Char(2)),
			col("NIN", Char(2)),
			col("NO_CBD", Char(2)),
			col("CBD", Char(2)),
			col("AF_PRIN", Char(2)),
			col("DIA_SIS", Char(2)),
			col("DIA_FETAL", Char(2)),
			col("CLAVE_PROGRAMA_SIS", Varchar(6)),
		},
	}
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for _, e := range rows {
			lsex, linf, lsup := "NO", "000D", "120A"
			switch e.code[0] {
			case 'O':
				lsex, linf, lsup = "MUJER", "010A", "054A"
			case 'P':
				linf, lsup = "000D", "028D"
			}
			switch {
			case strings.HasPrefix(e.code, "C61"), strings.HasPrefix(e.code, "N40"):
				lsex, linf = "HOMBRE", "015A"
			case strings.HasPrefix(e.code, "C5"), strings.HasPrefix(e.code, "N76"), strings.HasPrefix(e.code, "M810"):
				lsex = "MUJER"
			}
			yn := func(perMille int) string {
				if chance(r, perMille) {
					return "SI"
				}
				return "NO"
			}
			cbd := "SI"
			if e.code[0] == 'Z' || e.code[0] == 'R' || e.code[0] == 'S' || e.code[0] == 'T' {
				cbd = "NO"
			}
			noCBD := "NO"
			if cbd == "NO" {
				noCBD = "SI"
			}
			key := e.code
			if len(key) == 3 {
				key += "X"
			}
			row := []any{key, e.desc, e.code[:1], chapterOf(e.code),
				lsex, linf, lsup, yn(80), "NO", yn(20), "NO", noCBD, cbd, "SI", yn(300), "NO", pick(r, []string{"NA", "NA", "NA", "SIS", "PAI"})}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// r4ExtraDiagnoses reads data/r4_cie10.tsv: codes and descriptions only.
func r4ExtraDiagnoses() []Diagnosis {
	var out []Diagnosis
	for _, l := range dataLines("r4_cie10.tsv") {
		f := strings.SplitN(l, "\t", 2)
		if len(f) != 2 {
			panic("synth: bad line in r4_cie10.tsv: " + l)
		}
		out = append(out, Diagnosis{Code: f[0], Description: f[1]})
	}
	return out
}
