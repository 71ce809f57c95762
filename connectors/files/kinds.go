package files

import "github.com/alcance-mx/alcance/connectors"

// Storage kinds of columns that declare none.
//
// Delimited text, JSON, sheets and data-only dumps declare no column types,
// yet how a value is stored tells what it may be: 19630321 in an integer
// column is a date written as a number, while "06600" kept as text is a
// code whose leading zero matters. So Sample reports, for such a column,
// the kind a typed export of the same values would have declared: integer
// when every value read is an integer written without leading zeros (as a
// number column prints), decimal when they are decimal numbers, date or
// timestamp when they are ISO dates or date-times, text otherwise. The
// declared type in the report stays the format's own ("text", "json",
// "cell").

// inferKinds returns cols with each column's Kind inferred from its values.
func inferKinds(cols []connectors.Column, values [][]string) []connectors.Column {
	out := append([]connectors.Column(nil), cols...)
	for i := range out {
		out[i].Kind = inferKind(values[i])
	}
	return out
}

func inferKind(vals []string) connectors.Kind {
	kind := connectors.Kind(-1)
	for _, v := range vals {
		if v == "" {
			continue
		}
		k := valueKind(v)
		switch {
		case kind < 0:
			kind = k
		case kind == k:
		case kind == connectors.KindInteger && k == connectors.KindDecimal, kind == connectors.KindDecimal && k == connectors.KindInteger:
			kind = connectors.KindDecimal
		case kind == connectors.KindDate && k == connectors.KindTimestamp, kind == connectors.KindTimestamp && k == connectors.KindDate:
			kind = connectors.KindTimestamp
		default:
			return connectors.KindText
		}
		if kind == connectors.KindText {
			return kind
		}
	}
	if kind < 0 {
		return connectors.KindText
	}
	return kind
}

// valueKind is the kind one value would be stored as.
func valueKind(v string) connectors.Kind {
	s := v
	if s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return connectors.KindText
	}
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return dateKind(v)
		}
	}
	switch {
	case dots == 0 && (s == "0" || s[0] != '0') && len(s) <= 18:
		return connectors.KindInteger
	case dots == 1 && s[0] != '.' && s[len(s)-1] != '.' && (s[0] != '0' || s[1] == '.'):
		return connectors.KindDecimal
	}
	return connectors.KindText
}

// dateKind recognises YYYY-MM-DD and YYYY-MM-DD HH:MM:SS.
func dateKind(v string) connectors.Kind {
	digit := func(i int) bool { return v[i] >= '0' && v[i] <= '9' }
	isDate := len(v) >= 10 && digit(0) && digit(1) && digit(2) && digit(3) && v[4] == '-' &&
		digit(5) && digit(6) && v[7] == '-' && digit(8) && digit(9)
	switch {
	case isDate && len(v) == 10:
		return connectors.KindDate
	case isDate && len(v) == 19 && v[10] == ' ' && digit(11) && digit(12) && v[13] == ':' &&
		digit(14) && digit(15) && v[16] == ':' && digit(17) && digit(18):
		return connectors.KindTimestamp
	}
	return connectors.KindText
}
