package synth

import "fmt"

// Kind is a column's generic SQL type, before any dialect spells it.
type Kind int

const (
	KindText      Kind = iota // unbounded text
	KindChar                  // fixed width text, Size characters
	KindVarchar               // bounded text, up to Size characters
	KindInteger               // 64-bit integer
	KindDecimal               // exact number, Size digits, Scale of them decimals
	KindDate                  // calendar day; values are time.Time at midnight UTC
	KindTimestamp             // date and time without zone; values are time.Time in UTC
)

// Type is a dialect-neutral column type: each writer maps Kind and Size to
// its own spelling (SQLite keeps the declared name; PostgreSQL and MariaDB
// writers map them to their types).
type Type struct {
	Kind  Kind
	Size  int // characters for Char and Varchar, precision for Decimal
	Scale int // decimals for Decimal
}

// The types the styles use, named as in SQL.
var (
	Text      = Type{Kind: KindText}
	Integer   = Type{Kind: KindInteger}
	Date      = Type{Kind: KindDate}
	Timestamp = Type{Kind: KindTimestamp}
)

// Char is a fixed-width text type of n characters.
func Char(n int) Type { return Type{Kind: KindChar, Size: n} }

// Varchar is a text type of up to n characters.
func Varchar(n int) Type { return Type{Kind: KindVarchar, Size: n} }

// Decimal is an exact numeric type with precision digits, scale of them decimals.
func Decimal(precision, scale int) Type {
	return Type{Kind: KindDecimal, Size: precision, Scale: scale}
}

// SQL spells the type in standard SQL: TEXT, CHAR(18), VARCHAR(60),
// INTEGER, DECIMAL(12,2), DATE, TIMESTAMP. SQLite accepts these as declared.
func (t Type) SQL() string {
	switch t.Kind {
	case KindChar:
		return fmt.Sprintf("CHAR(%d)", t.Size)
	case KindVarchar:
		return fmt.Sprintf("VARCHAR(%d)", t.Size)
	case KindInteger:
		return "INTEGER"
	case KindDecimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Size, t.Scale)
	case KindDate:
		return "DATE"
	case KindTimestamp:
		return "TIMESTAMP"
	}
	return "TEXT"
}

// IsText reports whether the column holds strings.
func (t Type) IsText() bool {
	return t.Kind == KindText || t.Kind == KindChar || t.Kind == KindVarchar
}

// Column is one column of a generated table, with its ground truth.
type Column struct {
	Name string
	Type Type
	// Labels are the taxonomy category ids the column truly holds, in
	// taxonomy order; empty means none. The rules are in doc.go.
	Labels []string
	// Legacy marks text stored in a legacy 8-bit encoding where the target
	// supports one (MariaDB latin1); SQLite and PostgreSQL store UTF-8.
	Legacy bool
}

// Table is one generated table. Its rows are not kept in memory: Generate
// replays them, identical on every call, one at a time.
type Table struct {
	Name         string
	Style        string // what kind of system it imitates, e.g. "health-register"
	HardNegative bool   // built to look personal without holding personal data
	Columns      []Column
	Rows         int // exactly how many rows Generate yields

	// Generate yields the rows in order, each a fresh slice (the consumer may
	// keep it) of len(Columns) values: nil, string, int64, float64 or
	// time.Time. It stops early when yield returns false.
	Generate func(yield func(row []any) bool)

	// Persons is the ground truth for counting people: the pool index of
	// each person whose valid CURP appears in one of the table's CURP
	// columns, repeats allowed. Free-text mentions do not count. A style
	// fills it while it plans its rows, so the count never depends on
	// reading the rows back.
	Persons []int32

	// Subjects are the truth of the person figures (truth.go): for each
	// row about a person of the pool, how it identifies them and what it
	// holds about them. A style that declares them (Table.subject, or
	// Table.noSubjects for a table that identifies no one) makes its
	// corpus's figures known.
	Subjects         []Subject
	subjectsDeclared bool
	// Institution is the institution whose system holds the table: a
	// corpus spread over institutions is scanned as one source each.
	Institution string

	// PrimaryKey names the columns of the table's primary key, in key
	// order; nil when it has none. A style declares one only where the
	// values are unique by construction (a row number, a code drawn
	// without repeats) and never NULL.
	PrimaryKey []string
	// ForeignKeys are the references the rows truly make to other tables
	// of the corpus: every non-NULL value of Columns is a value of the
	// referenced table's primary key. Generate keeps the ones whose table
	// is in the corpus. Whether a writer declares them is its choice (doc.go).
	ForeignKeys []ForeignKey
}

// noSubjects declares that no row of the table identifies or links a
// person (a hard negative, an anonymised case table).
func (t *Table) noSubjects() { t.subjectsDeclared = true }

// SubjectsDeclared reports whether the style declared its subjects.
func (t *Table) SubjectsDeclared() bool { return t.subjectsDeclared }

// ForeignKey says that Columns of a table hold values of RefColumns, the
// primary key of RefTable.
type ForeignKey struct {
	Columns    []string
	RefTable   string
	RefColumns []string
}

// references is shorthand for a one-column foreign key.
func references(col, table, refCol string) ForeignKey {
	return ForeignKey{Columns: []string{col}, RefTable: table, RefColumns: []string{refCol}}
}

// cluesRef says a CLUES column names a unit of the corpus's catalogue of
// health facilities (cat_unidades_medicas), as every CLUES drawn from
// Pool.Facilities does.
func cluesRef(col string) ForeignKey { return references(col, "cat_unidades_medicas", "clues") }

// municipalityRef says a pair of INEGI state and municipality keys names a
// municipality of the corpus's catalogue (cat_municipios).
func municipalityRef(state, municipality string) ForeignKey {
	return ForeignKey{Columns: []string{state, municipality}, RefTable: "cat_municipios", RefColumns: []string{"cve_ent", "cve_mun"}}
}

// beneficiaryRef says an id column names an enrollment of the health
// register (padron_beneficiarios.id).
func beneficiaryRef(col string) ForeignKey { return references(col, "padron_beneficiarios", "id") }

// Column returns the index of the named column, or -1.
func (t *Table) Column(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// col is shorthand for a column definition in the styles.
func col(name string, typ Type, labels ...string) Column {
	if labels == nil {
		labels = []string{}
	}
	return Column{Name: name, Type: typ, Labels: labels}
}

// legacy marks the text columns of cols as stored in a legacy encoding.
func legacy(cols []Column) []Column {
	for i := range cols {
		if cols[i].Type.IsText() {
			cols[i].Legacy = true
		}
	}
	return cols
}
