package files

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Header detection, for delimited text and sheets: which of the first rows,
// if any, names the columns.
//
// Exports often open with a title ("PADRÓN DE BENEFICIARIOS 2019") and a
// blank row before the header, and some have no header at all. Taking a
// data row for a header would both lose the row and put its values (a
// person's name, a CURP) in the report as column names, so a row is a
// header only when the evidence says so, in the manner of Python's
// csv.Sniffer.has_header: every cell is a label (text with a letter, not a
// number or a date, not too long), the cells are distinct, and the columns
// below vote: a column whose values are numbers or dates while the cell is
// a label votes for a header, and so does one whose values share a length
// the cell does not have; a column where the cell looks like its values
// (same length, or the same value appears below) votes against.

// headerWindow is how many leading rows header detection looks at.
const headerWindow = 50

// findHeader returns the index of the header row among rows (the first
// rows of a file), or -1 when there is none, and start, the index of the
// first data row. Rows before a header are a preamble (a title, blank
// rows) and are not data.
func findHeader(rows [][]string) (header, start int) {
	if len(rows) == 0 {
		return -1, 0
	}
	if len(rows) > headerWindow {
		rows = rows[:headerWindow]
	}
	width := 0
	for _, r := range rows {
		width = max(width, filled(r))
	}
	if width == 0 {
		return -1, 0
	}
	// The candidate is the first row about as wide as the table: a title
	// or a blank row above it is narrower.
	cand := -1
	for i, r := range rows {
		if 2*filled(r) >= width && (width < 2 || filled(r) >= 2) {
			cand = i
			break
		}
	}
	if cand < 0 {
		return -1, 0
	}
	if isHeader(rows[cand], rows[cand+1:]) {
		return cand, cand + 1
	}
	return -1, 0
}

func filled(r []string) int {
	n := 0
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

func isHeader(cand []string, below [][]string) bool {
	seen := map[string]bool{}
	for _, c := range cand {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if !isLabel(c) || seen[strings.ToLower(c)] {
			return false
		}
		seen[strings.ToLower(c)] = true
	}
	if len(below) == 0 {
		// A lone row: a header only if it looks like one on its own.
		for _, c := range cand {
			if c = strings.TrimSpace(c); c != "" && !looksLikeName(c) {
				return false
			}
		}
		return true
	}
	votes := 0
	for j, c := range cand {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		var vals []string
		for _, r := range below {
			if j < len(r) {
				if v := strings.TrimSpace(r[j]); v != "" {
					vals = append(vals, v)
				}
			}
		}
		if len(vals) == 0 {
			continue
		}
		labels, same := 0, false
		lengths := map[int]int{}
		for _, v := range vals {
			if isLabel(v) {
				labels++
			}
			if strings.EqualFold(v, c) {
				same = true
			}
			lengths[len([]rune(v))]++
		}
		switch {
		case same:
			votes--
		case labels*2 < len(vals):
			votes++ // numbers or dates below a label
		default:
			for l, n := range lengths {
				if n*5 >= len(vals)*4 && len(vals) >= 2 { // one length for most values
					if l == len([]rune(c)) {
						votes--
					} else {
						votes++
					}
				}
			}
		}
	}
	if votes != 0 {
		return votes > 0
	}
	// No column decides (text under text): a row of identifier-like
	// names (nombre, apellido_paterno, FechaNac) is a header.
	for _, c := range cand {
		if c = strings.TrimSpace(c); c != "" && !looksLikeName(c) {
			return false
		}
	}
	return true
}

// isLabel says whether a cell could be a column's name: text of at most 64
// characters with a letter, not a number or a date.
func isLabel(s string) bool {
	if len([]rune(s)) > 64 {
		return false
	}
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	if letters == 0 {
		return false
	}
	if digits <= letters {
		return true
	}
	// A coded name: C01, F2, CAMPO_10.
	r0, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r0) && len(s) <= 12 && !strings.ContainsAny(s, " -/.:")
}

// looksLikeName says whether a label reads as a column's name rather than
// a value, when no column's values tell: shaped like an identifier
// (apellido_paterno, fecha.nac, FechaNac, nombre), or holding a word that
// names columns in Mexican and English exports. A capitalised word alone
// (JUAN, Pérez) is not enough: it is as likely a value.
func looksLikeName(s string) bool {
	if len(strings.Fields(s)) > 4 {
		return false // a sentence
	}
	if strings.ContainsAny(s, "_.") && !strings.Contains(s, " ") {
		return true
	}
	upper, camel := false, false
	prevLower := false
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper = true
			camel = camel || prevLower
		}
		prevLower = unicode.IsLower(r)
	}
	if !upper || camel {
		return true
	}
	low := strings.ToLower(s)
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if headerWords[w] {
			return true
		}
	}
	return false
}

// headerWords are words that name columns rather than fill them.
var headerWords = map[string]bool{
	"nombre": true, "nombres": true, "apellido": true, "apellidos": true, "paterno": true, "materno": true,
	"curp": true, "rfc": true, "nss": true, "fecha": true, "nacimiento": true, "domicilio": true,
	"calle": true, "colonia": true, "cp": true, "telefono": true, "teléfono": true, "correo": true,
	"email": true, "sexo": true, "edad": true, "id": true, "folio": true, "municipio": true,
	"estado": true, "entidad": true, "clave": true, "numero": true, "número": true, "no": true,
	"name": true, "address": true, "phone": true, "date": true, "birth": true, "code": true,
	"genero": true, "género": true, "diagnostico": true, "diagnóstico": true, "observaciones": true,
	"tipo": true, "descripcion": true, "descripción": true, "importe": true, "monto": true,
}
