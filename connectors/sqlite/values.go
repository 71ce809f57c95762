package sqlite

import (
	"strings"

	"github.com/alcance-mx/alcance/connectors"
)

// kindOf maps a declared column type to a Kind. The first five cases are
// SQLite's type-affinity rules, in SQLite's order (section 3.1 of
// https://www.sqlite.org/datatype3.html), because affinity decides how the
// values are actually stored: "FLOATING POINT" contains INT and so holds
// integers. What SQLite lumps together as NUMERIC affinity is then told apart
// by name, since a DATE column holds dates whatever SQLite calls it.
func kindOf(declared string) connectors.Kind {
	t := strings.ToUpper(declared)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(t, s) {
				return true
			}
		}
		return false
	}
	switch {
	case has("INT"):
		return connectors.KindInteger
	case has("CHAR", "CLOB", "TEXT"):
		return connectors.KindText
	case has("BLOB"):
		return connectors.KindBinary
	case strings.TrimSpace(t) == "":
		// No declared type: the column holds anything (SQLite's BLOB, or
		// "none", affinity). Legacy files put text there far more often
		// than images, so it is read, as text.
		return connectors.KindText
	case has("REAL", "FLOA", "DOUB"):
		return connectors.KindDecimal
	case has("DATETIME", "TIMESTAMP"):
		return connectors.KindTimestamp
	case has("DATE"):
		return connectors.KindDate
	case has("BOOL"):
		return connectors.KindBool
	case has("JSON"):
		return connectors.KindJSON
	case has("NUMERIC", "DECIMAL", "NUMBER", "MONEY"):
		return connectors.KindDecimal
	case has("STRING"):
		// NUMERIC affinity in SQLite, but a STRING column is meant for text.
		return connectors.KindText
	}
	return connectors.KindOther
}

// render turns a value as modernc.org/sqlite returns it into the text a
// Sample holds. The driver returns int64, float64, string, []byte, nil, and
// time.Time for TEXT values it could parse in columns declared DATE,
// DATETIME or TIMESTAMP (a value it cannot parse stays a string).
func render(v any) string { return connectors.Render(v) }
