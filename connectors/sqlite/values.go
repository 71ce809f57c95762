package sqlite

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/connectors"
	"golang.org/x/text/encoding/charmap"
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
func render(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return text(v)
	case []byte:
		return text(string(v))
	case time.Time:
		return renderTime(v)
	case bool:
		if v {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

// renderTime renders a time as its stored wall clock: a date when it is
// midnight, a timestamp otherwise. Values written without a zone (nearly all
// of them) come back from the driver in UTC; one written with an offset keeps
// it, so a birthdate stored as 1980-05-01T00:00:00-06:00 stays 1980-05-01.
func renderTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}

// text repairs legacy text: bytes that are not valid UTF-8 are taken as
// Windows-1252 (a superset of Latin-1 in the printable range, the usual
// encoding of Mexican legacy systems), and trailing spaces, the padding of
// CHAR(n) columns, are removed.
func text(s string) string {
	if !utf8.ValidString(s) {
		if d, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
			s = d
		}
	}
	return strings.TrimRight(s, " ")
}
