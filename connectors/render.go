package connectors

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Render turns a value as database/sql drivers return it into the text a
// Sample holds (see Sample): NULL is "", numbers in plain decimal, times as
// a date at midnight or a timestamp otherwise, text repaired by Text.
func Render(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return Text(v)
	case []byte:
		return Text(string(v))
	case time.Time:
		return RenderTime(v)
	case bool:
		if v {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

// RenderTime renders a time as its stored wall clock: a date when it is
// midnight, a timestamp otherwise. Values written without a zone (nearly all
// of them) come back from the driver in UTC; one written with an offset keeps
// it, so a birthdate stored as 1980-05-01T00:00:00-06:00 stays 1980-05-01.
func RenderTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}

// Text repairs legacy text: bytes that are not valid UTF-8 are taken as
// Windows-1252 (a superset of Latin-1 in the printable range, the usual
// encoding of Mexican legacy systems), and trailing spaces, the padding of
// CHAR(n) columns, are removed.
func Text(s string) string {
	if !utf8.ValidString(s) {
		if d, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
			s = d
		}
	}
	return strings.TrimRight(s, " ")
}
