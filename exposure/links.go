package exposure

import (
	"strings"

	"github.com/alcance-mx/alcance/detectors/norm"
)

// TableSchema is what link inference knows of one table of a source: its
// names and its declared keys.
type TableSchema struct {
	Schema, Name string
	Columns      []string
	PrimaryKey   []string
	ForeignKeys  []ForeignKey
}

// ForeignKey is a key the catalog declares: Columns point at RefColumns of
// RefSchema.RefTable.
type ForeignKey struct {
	Columns             []string
	RefSchema, RefTable string
	RefColumns          []string
}

// QualifiedName is schema.name, or name when there is no schema.
func (t TableSchema) QualifiedName() string {
	if t.Schema == "" {
		return t.Name
	}
	return t.Schema + "." + t.Name
}

// Link says that rows of one table point at rows of another, whose person
// they belong to: consultas.id_paciente -> pacientes.id.
type Link struct {
	From, To               int // indices into the tables given to Links
	FromColumns, ToColumns []string
	Declared               bool
	// Group numbers the alternatives for one referencing column: of an
	// inferred link's candidates, at most one is believed.
	Group int
}

// Links returns the links of a source's tables: every declared foreign key,
// and for columns no declared key covers, the links evident from names
// (id_paciente, paciente_id, idPaciente, ID_PAC, cve_paciente point at a
// table called pacientes, paciente, tbl_pacientes or PACIENTES), each to
// the referenced table's key: its declared primary key, else a column
// called id, id_<table> or <table>_id. A name can fit several tables
// (consultas.id_beneficiario and padron_beneficiarios,
// pagos_beneficiarios): each is a candidate of one group, and the values
// decide (Store.Resolve). Links of a table to itself (id_padre) tie a row
// to another person of the same table and are left out.
func Links(tables []TableSchema) []Link {
	byName := map[string]int{}
	for i, t := range tables {
		byName[strings.ToLower(t.QualifiedName())] = i
		if _, dup := byName[strings.ToLower(t.Name)]; !dup {
			byName[strings.ToLower(t.Name)] = i
		}
	}
	var out []Link
	group := 0
	for i, t := range tables {
		covered := map[string]bool{}
		for _, fk := range t.ForeignKeys {
			for _, c := range fk.Columns {
				covered[strings.ToLower(c)] = true
			}
			ref := fk.RefTable
			if fk.RefSchema != "" {
				ref = fk.RefSchema + "." + ref
			}
			j, ok := byName[strings.ToLower(ref)]
			if !ok || j == i || len(fk.Columns) == 0 || len(fk.Columns) != len(fk.RefColumns) {
				continue
			}
			out = append(out, Link{From: i, To: j, FromColumns: fk.Columns, ToColumns: fk.RefColumns, Declared: true, Group: group})
			group++
		}
		// The table's own key is no reference: its declared primary key,
		// or the column other tables' references would point at
		// (padron_contribuyentes.id_contribuyente).
		own := map[string]bool{}
		if len(t.PrimaryKey) == 1 {
			own[strings.ToLower(t.PrimaryKey[0])] = true
		}
		if k := keyColumn(t); k != "" {
			own[strings.ToLower(k)] = true
		}
		for _, c := range t.Columns {
			if covered[strings.ToLower(c)] || own[strings.ToLower(c)] {
				continue
			}
			stem := referenceStem(c)
			if stem == "" {
				continue
			}
			if own := stemScore(stem, norm.Identifier(t.Name)); own >= 3 || own == 1 {
				// It names its own table: tbl_consulta.id_consulta and
				// CONSULTA_EXT.CON_ID are the table's own keys (while
				// pagos_beneficiarios.id_beneficiario, whose stem is only
				// the last word of the name, points at the beneficiary).
				continue
			}
			found := false
			cands := keyed(tables, candidates(tables, i, stem))
			if len(cands) == 0 && personWord(stem) {
				// id_persona, id_derechohabiente: a person is meant, and no
				// table is named so; the tables of people are candidates.
				cands = keyed(tables, personTables(tables, i))
			}
			for _, j := range cands {
				out = append(out, Link{From: i, To: j, FromColumns: []string{c}, ToColumns: []string{keyColumn(tables[j])}, Group: group})
				found = true
			}
			if found {
				group++
			}
		}
	}
	return out
}

// referenceWords mark a column that holds another record's key.
var referenceWords = map[string]bool{"id": true, "cve": true, "clave": true, "fk": true, "key": true, "idx": false}

// referenceStem returns what a column that points at another table says
// that table is: "paciente" for id_paciente, paciente_id, idPaciente,
// IDPACIENTE, cve_paciente or CON_ID_PAC; "" for a column that does not
// look like a reference (id alone is a table's own key).
func referenceStem(column string) string {
	tokens := strings.Split(norm.Identifier(column), "_")
	for k, tok := range tokens {
		if referenceWords[tok] {
			if rest := strings.Join(tokens[k+1:], "_"); len(rest) >= 3 {
				return rest
			}
			if k > 0 && k == len(tokens)-1 {
				if before := tokens[k-1]; len(before) >= 3 {
					return before
				}
			}
			return ""
		}
	}
	// idpaciente, pacienteid: legacy systems glue the words.
	if len(tokens) == 1 {
		t := tokens[0]
		switch {
		case strings.HasPrefix(t, "id") && len(t) >= 5:
			return t[2:]
		case strings.HasSuffix(t, "id") && len(t) >= 5:
			return t[:len(t)-2]
		}
	}
	return ""
}

// keyed keeps the tables that have a key column references can point at.
func keyed(tables []TableSchema, idx []int) []int {
	var out []int
	for _, j := range idx {
		if keyColumn(tables[j]) != "" {
			out = append(out, j)
		}
	}
	return out
}

// personWords name people in column and table names of Mexican systems.
var personWords = []string{"persona", "benef", "paciente", "derechohab", "afiliad", "titular", "ciudadan",
	"individuo", "empleado", "trabajador", "alumno", "solicitante", "contribuyente", "padron", "asegurad"}

func personWord(s string) bool {
	for _, w := range personWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// maxPersonTables bounds the candidates of a reference to "a person": each
// costs a key per row.
const maxPersonTables = 4

// personTables returns the tables (other than from) whose names say they
// list people, at most maxPersonTables of them.
func personTables(tables []TableSchema, from int) []int {
	var out []int
	for j, t := range tables {
		if j != from && personWord(norm.Identifier(t.Name)) && len(out) < maxPersonTables {
			out = append(out, j)
		}
	}
	return out
}

// tablePrefixes are the prefixes legacy schemas put before table names,
// and the words that make a table the list of what follows them (a padrón
// of beneficiaries is the beneficiaries' table; a table of payments to
// them, pagos_beneficiarios, is not).
var tablePrefixes = []string{"tbl_", "tb_", "t_", "cat_", "catalogo_", "mst_", "m_", "padron_", "registro_", "lista_", "maestro_"}

// candidates returns the tables (other than from) a reference stem may
// name, best first: an exact name, a plural, the last word of a longer
// name, a name the stem abbreviates (PAC for PACIENTES).
func candidates(tables []TableSchema, from int, stem string) []int {
	var best []int
	bestScore := 0
	for j, t := range tables {
		if j == from {
			continue
		}
		score := stemScore(stem, norm.Identifier(t.Name))
		switch {
		case score == 0:
		case score > bestScore:
			best, bestScore = []int{j}, score
		case score == bestScore:
			best = append(best, j)
		}
	}
	return best
}

// stemScore says how well a table name fits a reference stem: 4 exact, 3
// plural, 2 the last word of the name (padron_beneficiarios for
// beneficiario), 1 abbreviated; 0 not at all.
func stemScore(stem, table string) int {
	for _, p := range tablePrefixes {
		if strings.HasPrefix(table, p) && len(table) > len(p)+2 {
			table = table[len(p):]
			break
		}
	}
	plural := func(s, t string) bool { return t == s+"s" || t == s+"es" || s == t+"s" || s == t+"es" }
	switch {
	case stem == table:
		return 4
	case plural(stem, table):
		return 3
	}
	if i := strings.LastIndexByte(table, '_'); i >= 0 {
		last := table[i+1:]
		if stem == last || plural(stem, last) {
			return 2
		}
	}
	// An abbreviation (PAC for PACIENTES, BENEF for BENEFICIARIOS) is
	// short: a whole word that begins a longer one (persona, personal) is
	// another word.
	if len(stem) >= 3 && len(stem) <= 5 && strings.HasPrefix(table, stem) && !strings.Contains(stem, "_") {
		return 1
	}
	return 0
}

// keyColumn names the column other tables' references point at: the
// declared primary key, else id, id_<table> or <table>_id (singular or
// plural), else "".
func keyColumn(t TableSchema) string {
	if len(t.PrimaryKey) == 1 {
		return t.PrimaryKey[0]
	}
	if len(t.PrimaryKey) > 1 {
		return "" // a composite key: only a declared foreign key points at it
	}
	name := norm.Identifier(t.Name)
	for _, p := range tablePrefixes {
		name = strings.TrimPrefix(name, p)
	}
	want := []string{"id"}
	for _, n := range []string{name, strings.TrimSuffix(name, "s"), strings.TrimSuffix(name, "es")} {
		want = append(want, "id_"+n, n+"_id")
	}
	for _, w := range want {
		for _, c := range t.Columns {
			if norm.Identifier(c) == w || strings.ReplaceAll(norm.Identifier(c), "_", "") == strings.ReplaceAll(w, "_", "") {
				return c
			}
		}
	}
	return ""
}
