package postgres

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/alcance-mx/alcance/connectors"
	"github.com/jackc/pgx/v5/pgtype"
)

// How values are read and rendered. Each column is selected with a cast
// that fixes what comes back (resolve in catalog.go chooses it), and read in
// pgx's binary format where the server's settings could change the text
// (dates under a DateStyle of DMY, money under a locale):
//
//   - NULL is "" (connectors.Sample);
//   - text of every kind (text, varchar, char(n), name, citext, enums,
//     domains over them) is col::text, repaired by connectors.Text: CHAR
//     padding trimmed, bytes that are not UTF-8 (a SQL_ASCII database
//     holding Latin-1) decoded as Windows-1252;
//   - integers and numeric are their text output, plain decimal digits
//     (numeric never prints an exponent); float4/float8 are read as floats
//     and printed without an exponent; money is cast to numeric, so the
//     lc_monetary format ($1,234.56) does not get in the way;
//   - dates, timestamps: connectors.RenderTime (a date at midnight, else
//     YYYY-MM-DD HH:MM:SS); infinite ones as infinity / -infinity;
//   - timestamptz is cast to timestamp on the server, which converts it
//     to the wall clock of the session's TimeZone: the server's, database's
//     or role's default, as set there, unless the URL sets one. That is the
//     clock an application on that server most likely wrote in, so a
//     birthdate stored as local midnight renders as the date it was, where
//     UTC would turn 1980-05-01 00:00-06 into 1980-05-01 06:00:00 and a
//     date stored at UTC midnight shown in Mexico into the day before;
//   - bool is 1 or 0, as connectors.Render has it;
//   - json and jsonb are their document text, so detectors see each value
//     with its key (a "curp" key says as much as a curp column does); a
//     document that is a bare string is that string, and null, {} and []
//     are "";
//   - arrays of text are array_to_string(col::text[], ' '), their non-NULL
//     elements (all dimensions) joined by spaces;
//   - every value read as text is cut on the server (see readPlan.limit);
//   - bytea, oid (large object references) and lo are never read: they are
//     left out of the SELECT list and rendered as "";
//   - other types (uuid, inet, interval, xml, arrays of non-text, ...) are
//     their text output.

// readPlan is how the requested columns of a table are read.
type readPlan struct {
	cols      []connectors.Column // as requested
	modes     []readMode          // per requested column
	index     []int               // per requested column: its place in the SELECT list, -1 when not read
	readModes []readMode          // per SELECT list entry
	list      string              // the SELECT list
	// rows is how many rows a sample keeps at most, and limit how many
	// bytes of a value (connectors.Budget): every value read as text is
	// cut on the server to limit+1 characters, so that a 10 MB note never
	// crosses the network whole, and a cut is still seen (more than limit
	// bytes arrive) when the rows are kept.
	rows, limit int
}

// selectExpr is the SELECT list entry reading col (already quoted), text
// cut to limit+1 characters.
func selectExpr(col string, m readMode, limit int) string {
	cut := func(text string) string { return "left(" + text + ", " + strconv.Itoa(limit+1) + ")" }
	switch m {
	case readFloat4:
		return col + "::float4"
	case readFloat8:
		return col + "::float8"
	case readMoney:
		return cut(col + "::numeric::text")
	case readDate:
		return col + "::date"
	case readTimestamp, readTimestamptz:
		return col + "::timestamp"
	case readBool:
		return col + "::bool"
	case readTextArray:
		// The elements, NULLs left out, joined by spaces on the server so
		// that the whole can be cut there.
		return cut("array_to_string(" + col + "::text[], ' ')")
	}
	return cut(col + "::text")
}

// scanner scans rows of a readPlan's SELECT list into reused holders.
type scanner struct {
	modes []readMode
	dest  []any
}

func newScanner(modes []readMode) *scanner {
	sc := &scanner{modes: modes, dest: make([]any, len(modes))}
	for i, m := range modes {
		switch m {
		case readFloat4:
			sc.dest[i] = new(pgtype.Float4)
		case readFloat8:
			sc.dest[i] = new(pgtype.Float8)
		case readDate:
			sc.dest[i] = new(pgtype.Date)
		case readTimestamp, readTimestamptz:
			sc.dest[i] = new(pgtype.Timestamp)
		case readBool:
			sc.dest[i] = new(pgtype.Bool)
		default:
			sc.dest[i] = new(pgtype.Text)
		}
	}
	return sc
}

// scanRow scans the current row; with nothing to read (every column
// binary) there is nothing to scan.
func (sc *scanner) scanRow(rows interface{ Scan(...any) error }) error {
	if len(sc.dest) == 0 {
		return nil
	}
	return rows.Scan(sc.dest...)
}

// row renders the scanned values into a new slice.
func (sc *scanner) row() []string {
	r := make([]string, len(sc.dest))
	sc.renderInto(r)
	return r
}

// renderInto renders the scanned values into r.
func (sc *scanner) renderInto(r []string) {
	for i, d := range sc.dest {
		r[i] = render(d, sc.modes[i])
	}
}

// render renders one scanned holder.
func render(d any, m readMode) string {
	switch v := d.(type) {
	case *pgtype.Text:
		if !v.Valid {
			return ""
		}
		switch m {
		case readJSON:
			return jsonText(v.String)
		case readTextArray:
			// An empty element leaves a space at either end.
			return strings.TrimLeft(connectors.Text(v.String), " ")
		}
		return connectors.Text(v.String)
	case *pgtype.Float4:
		if !v.Valid {
			return ""
		}
		return formatFloat(float64(v.Float32), 32)
	case *pgtype.Float8:
		if !v.Valid {
			return ""
		}
		return formatFloat(v.Float64, 64)
	case *pgtype.Date:
		if !v.Valid {
			return ""
		}
		switch v.InfinityModifier {
		case pgtype.Infinity:
			return "infinity"
		case pgtype.NegativeInfinity:
			return "-infinity"
		}
		return connectors.RenderTime(v.Time)
	case *pgtype.Timestamp:
		if !v.Valid {
			return ""
		}
		switch v.InfinityModifier {
		case pgtype.Infinity:
			return "infinity"
		case pgtype.NegativeInfinity:
			return "-infinity"
		}
		return connectors.RenderTime(v.Time)
	case *pgtype.Bool:
		if !v.Valid {
			return ""
		}
		return connectors.Render(v.Bool)
	}
	return ""
}

// formatFloat prints f in plain decimal, as connectors.Render does for
// float64, with bits 32 for a float4 so 1.1 stays 1.1.
func formatFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}

// jsonText renders a JSON document for the detectors, which read its keys
// and values: as its text, but a bare string as the string, and an empty
// document (null, {}, []) as no value.
func jsonText(doc string) string {
	t := strings.TrimSpace(doc)
	switch t {
	case "null", "{}", "[]", "":
		return ""
	}
	if t[0] == '"' {
		var str string
		if err := json.Unmarshal([]byte(t), &str); err == nil {
			return connectors.Text(str)
		}
	}
	return connectors.Text(t)
}
