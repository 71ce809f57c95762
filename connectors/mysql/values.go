package mysql

import (
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// How go-sql-driver returns values with parseTime off, over the text
// protocol (the only one used here, since nothing is prepared): nil for
// NULL; int64 for TINYINT..INT, YEAR and signed BIGINT; uint64 for
// unsigned BIGINT; float32 for FLOAT; float64 for DOUBLE; []byte for
// everything else, DECIMAL, text, dates and BIT included.

// renderMode is how one result column's values are turned into text.
type renderMode int

const (
	renderPlain    renderMode = iota
	renderTemporal            // DATE, DATETIME, TIMESTAMP as text
	renderBit                 // BIT(n): big-endian bytes
)

// modesOf reads the result's column types, which the server reports
// whatever the caller believes the columns are.
func modesOf(rows *sql.Rows, n int) []renderMode {
	modes := make([]renderMode, n)
	types, err := rows.ColumnTypes()
	if err != nil {
		return modes
	}
	for i := 0; i < n && i < len(types); i++ {
		switch types[i].DatabaseTypeName() {
		case "DATE", "DATETIME", "TIMESTAMP":
			modes[i] = renderTemporal
		case "BIT":
			modes[i] = renderBit
		}
	}
	return modes
}

// render turns one value into the text a Sample holds.
func render(v any, mode renderMode) string {
	switch v := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []byte:
		switch mode {
		case renderTemporal:
			return renderTemporalText(string(v))
		case renderBit:
			var n uint64
			for _, b := range v {
				n = n<<8 | uint64(b)
			}
			return strconv.FormatUint(n, 10)
		}
		return connectors.Text(string(v))
	}
	return connectors.Render(v)
}

// renderTemporalText renders a DATE, DATETIME or TIMESTAMP as the server
// writes it: zero dates are "" (they mean "unknown", as NULL does), dates
// that parse go through connectors.RenderTime, and anything else (a zero
// month or day, allowed outside NO_ZERO_IN_DATE) is kept as written.
func renderTemporalText(s string) string {
	if strings.HasPrefix(s, "0000-00-00") {
		return ""
	}
	layout := "2006-01-02"
	if len(s) > len(layout) {
		layout = "2006-01-02 15:04:05.999999"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return s
	}
	return connectors.RenderTime(t)
}
