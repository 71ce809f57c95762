package validate

import (
	"testing"
	"time"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	at := func(y, m, d, hh, mm, ss int) time.Time {
		return time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
	}
	tests := []struct {
		in     string
		want   time.Time
		format DateFormat
		ok     bool
		note   string
	}{
		// The §8 table, all 21 March 1963.
		{"1963-03-21", day(1963, 3, 21), DateISO, true, "ISO"},
		{"21/03/1963", day(1963, 3, 21), DateDMYSlash, true, "DD/MM/YYYY"},
		{"21-03-1963", day(1963, 3, 21), DateDMYDash, true, "DD-MM-YYYY"},
		{"21.03.1963", day(1963, 3, 21), DateDMYDot, true, "DD.MM.YYYY"},
		{"21/3/1963", day(1963, 3, 21), DateDMYUnpadded, true, "D/M/YYYY"},
		{"1/3/1963", day(1963, 3, 1), DateDMYUnpadded, true, "D/M/YYYY, day first"},
		{"21/03/63", day(1963, 3, 21), DateDMYY, true, "DD/MM/YY, 63 > 26"},
		{"19630321", day(1963, 3, 21), DateYYYYMMDD, true, "packed YYYYMMDD"},
		{"21031963", day(1963, 3, 21), DateDDMMYYYY, true, "packed DDMMYYYY"},
		{"0630321", day(1963, 3, 21), DateCYYMMDD, true, "AS/400, flag 0"},
		{"1000101", day(2000, 1, 1), DateCYYMMDD, true, "AS/400, flag 1"},
		{"21-MAR-1963", day(1963, 3, 21), DateMonthName, true, "Oracle DD-MON-YYYY"},
		{"21-MAR-63", day(1963, 3, 21), DateMonthName, true, "Oracle DD-MON-YY"},
		{"21/mar/63", day(1963, 3, 21), DateMonthName, true, "lower-case month"},
		{"21 MAR 1963", day(1963, 3, 21), DateMonthName, true, "spaces"},
		{"21-ABR-1963", day(1963, 4, 21), DateMonthName, true, "Spanish ABR"},
		{"21-APR-1963", day(1963, 4, 21), DateMonthName, true, "English APR (Oracle default)"},
		{"01-SEPT-1963", day(1963, 9, 1), DateMonthName, true, "SEPT"},
		{"21-OCT-1963", day(1963, 10, 21), DateMonthName, true, "a T inside the month name"},
		{"21-OCT-63 00:00:00", day(1963, 10, 21), DateMonthName | WithTime, true, "Oracle with time, T in month"},
		{"15/ago/85", day(1985, 8, 15), DateMonthName, true, "AGO"},
		{"21/03/1963 0:00", day(1963, 3, 21), DateDMYSlash | WithTime, true, "one-digit hour"},
		{"21 de marzo de 1963", day(1963, 3, 21), DateSpanishLong, true, "long Spanish"},
		{"21 DE MARZO DEL 1963", day(1963, 3, 21), DateSpanishLong, true, "DEL"},
		{"jueves, 21 de marzo de 1963", day(1963, 3, 21), DateSpanishLong, true, "weekday"},
		{"2 de setiembre de 1985", day(1985, 9, 2), DateSpanishLong, true, "setiembre"},
		{"1963-03-21 00:00:00.000", day(1963, 3, 21), DateISODateTime, true, "SQL Server datetime"},
		{"1963-03-21T00:00:00Z", day(1963, 3, 21), DateISODateTime, true, "JSON timestamp"},
		{"1963-03-21T00:00:00-06:00", day(1963, 3, 21), DateISODateTime, true, "offset ignored"},
		{"1963-03-21 14:05", at(1963, 3, 21, 14, 5, 0), DateISODateTime, true, "time without seconds"},
		{"21/03/1963 12:00:00 a. m.", day(1963, 3, 21), DateDMYSlash | WithTime, true, "Spanish Excel midnight"},
		{"21/03/1963 02:30:00 p.m.", at(1963, 3, 21, 14, 30, 0), DateDMYSlash | WithTime, true, "p.m."},
		{"21-MAR-63 00:00:00", day(1963, 3, 21), DateMonthName | WithTime, true, "Oracle with time"},
		{"1963/03/21", day(1963, 3, 21), DateYMD, true, "year first with slashes"},
		{"  1963-03-21  ", day(1963, 3, 21), DateISO, true, "CHAR padding"},
		// Day-first, with MM/DD only when the day proves it.
		{"03/04/1963", day(1963, 4, 3), DateDMYSlash, true, "ambiguous: Mexican day-first"},
		{"03/21/1963", day(1963, 3, 21), DateMDY, true, "US order, day 21 proves it"},
		{"3/21/63", day(1963, 3, 21), DateMDY, true, "US order, short"},
		{"21/21/1963", time.Time{}, 0, false, "neither order"},
		// Two-digit pivot: 26 is not after 26, so 2026.
		{"01/01/26", day(2026, 1, 1), DateDMYY, true, "YY = today's YY"},
		{"01/01/27", day(1927, 1, 1), DateDMYY, true, "YY after today's YY"},
		{"15/07/03", day(2003, 7, 15), DateDMYY, true, "recent birth"},
		// Sentinels.
		{"01/01/1900", time.Time{}, 0, false, "sentinel"},
		{"1900-01-01", time.Time{}, 0, false, "sentinel, fast path"},
		{"1900-01-01 00:00:00", time.Time{}, 0, false, "sentinel with time"},
		{"01-ENE-1900", time.Time{}, 0, false, "sentinel with month name"},
		{"00/00/0000", time.Time{}, 0, false, "zeros"},
		{"31/12/9999", time.Time{}, 0, false, "end of time"},
		{"9999-99-99", time.Time{}, 0, false, "nines"},
		{"01/01/1800", time.Time{}, 0, false, "sentinel 1800"},
		{"1753-01-01", time.Time{}, 0, false, "SQL Server minimum"},
		{"0001-01-01", time.Time{}, 0, false, "zero time"},
		// Hard negatives.
		{"1963-02-29", time.Time{}, 0, false, "not a leap year"},
		{"30/02/1963", time.Time{}, 0, false, "30 February"},
		{"1963-13-01", time.Time{}, 0, false, "month 13"},
		{"21/03-1963", time.Time{}, 0, false, "mixed separators"},
		{"21//1963", time.Time{}, 0, false, "empty field"},
		{"21/03/1963/1", time.Time{}, 0, false, "four fields"},
		{"21/03/963", time.Time{}, 0, false, "three-digit year"},
		{"0021-03-21", time.Time{}, 0, false, "year 21"},
		{"21/03/1963T00:00", time.Time{}, 0, false, "T after a day-first date"},
		{"21/03/1963 25:00", time.Time{}, 0, false, "hour 25"},
		{"21/03/1963 x", time.Time{}, 0, false, "trailing text"},
		{"630321", time.Time{}, 0, false, "six-digit packed: ambiguous, not read"},
		{"210363", time.Time{}, 0, false, "six-digit packed: ambiguous, not read"},
		{"12345678", time.Time{}, 0, false, "8 digits, neither order"},
		{"2063-13-21", time.Time{}, 0, false, "invoice-like number with dashes"},
		{"12.50", time.Time{}, 0, false, "amount"},
		{"1.234.567", time.Time{}, 0, false, "thousands"},
		{"55-1234-5678", time.Time{}, 0, false, "phone"},
		{"21 MARZ 1963", time.Time{}, 0, false, "not a month"},
		{"MARZO 21 1963", time.Time{}, 0, false, "month first"},
		{"HERNANDEZ GARCIA", time.Time{}, 0, false, "a name"},
		{"CALLE 5 DE MAYO 123", time.Time{}, 0, false, "a street named after a date"},
		{"", time.Time{}, 0, false, "empty"},
	}
	for _, tt := range tests {
		got, f, ok := ParseDate(tt.in, today)
		if ok != tt.ok || !got.Equal(tt.want) || f != tt.format {
			t.Errorf("ParseDate(%q) = %v, %v, %v; want %v, %v, %v (%s)",
				tt.in, got, f, ok, tt.want, tt.format, tt.ok, tt.note)
		}
	}
}

func TestParseDateNumber(t *testing.T) {
	tests := []struct {
		in     string
		want   time.Time
		format DateFormat
		ok     bool
		note   string
	}{
		{"19630321", day(1963, 3, 21), DateYYYYMMDD, true, "YYYYMMDD"},
		{"21031963", day(1963, 3, 21), DateDDMMYYYY, true, "DDMMYYYY"},
		{"1031963", day(1963, 3, 1), DateDDMMYYYY, true, "DDMMYYYY without its leading zero"},
		{"630321", day(1963, 3, 21), DateCYYMMDD, true, "CYYMMDD, flag 0 lost"},
		{"0630321", day(1963, 3, 21), DateCYYMMDD, true, "CYYMMDD, flag 0 kept"},
		{"1000101", day(2000, 1, 1), DateCYYMMDD, true, "CYYMMDD, flag 1"},
		{"1030715", day(2003, 7, 15), DateCYYMMDD, true, "CYYMMDD, 2003"},
		{"23091", day(1963, 3, 21), DateExcelSerial, true, "Excel serial (§8)"},
		{"32874", day(1990, 1, 1), DateExcelSerial, true, "Excel: 1990-01-01 (§8)"},
		{"36526", day(2000, 1, 1), DateExcelSerial, true, "Excel: 2000-01-01 (§8)"},
		{"61", day(1900, 3, 1), DateExcelSerial, true, "Excel: after the phantom 29 Feb"},
		{"59", day(1900, 2, 28), DateExcelSerial, true, "Excel: before it"},
		{"23091.0", day(1963, 3, 21), DateExcelSerial, true, "float column"},
		{"23091.5", time.Date(1963, 3, 21, 12, 0, 0, 0, time.UTC), DateExcelSerial | WithTime, true, "Excel time of day"},
		{"-214099200", day(1963, 3, 21), DateUnixSeconds, true, "Unix seconds before 1970"},
		{"499737600", day(1985, 11, 2), DateUnixSeconds, true, "Unix seconds, 9 digits"},
		{"45792000", day(1971, 6, 15), DateUnixSeconds, true, "8 digits, not a packed date"},
		{"19630321.00", day(1963, 3, 21), DateYYYYMMDD, true, "float column"},
		{" 19630321 ", day(1963, 3, 21), DateYYYYMMDD, true, "padding"},
		// Sentinels and garbage.
		{"0", time.Time{}, 0, false, "zero"},
		{"1", time.Time{}, 0, false, "Excel 1 is 1900-01-01"},
		{"60", time.Time{}, 0, false, "Lotus's 29 February 1900"},
		{"19000101", time.Time{}, 0, false, "sentinel"},
		{"99991231", time.Time{}, 0, false, "sentinel"},
		{"19630321.5", time.Time{}, 0, false, "fraction on a packed date"},
		{"123456789012", time.Time{}, 0, false, "too large for a date"},
		{"1963-03-21", time.Time{}, 0, false, "text: ParseDate's job"},
		{"12.5e3", time.Time{}, 0, false, "exponent"},
		{"", time.Time{}, 0, false, "empty"},
	}
	for _, tt := range tests {
		got, f, ok := ParseDateNumber(tt.in, today)
		if ok != tt.ok || !got.Equal(tt.want) || f != tt.format {
			t.Errorf("ParseDateNumber(%q) = %v, %v, %v; want %v, %v, %v (%s)",
				tt.in, got, f, ok, tt.want, tt.format, tt.ok, tt.note)
		}
	}
}

func TestIsSentinelDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"01/01/1900", true}, {"00/00/0000", true}, {"01/01/1800", true}, {"31/12/9999", true},
		{"1900-01-01", true}, {"9999-99-99", true}, {"0000-00-00 00:00:00", true},
		{"1900-01-01 00:00:00.000", true}, {"19000101", true}, {"1/1/1900", true},
		{"01-ENE-1900", true}, {"1 de enero de 1900", true}, {"9999-12-31", true},
		{"1753-01-01", true}, {"0001-01-01T00:00:00Z", true}, {"30/12/1899", true},
		{"1963-03-21", false}, {"21/03/1963", false}, {"02/01/1900", false}, {"1970-01-01", false},
		{"19630321", false}, {"000000", false}, {"HERNANDEZ", false}, {"", false},
	} {
		if got := IsSentinelDate(tt.in); got != tt.want {
			t.Errorf("IsSentinelDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDateFormatString(t *testing.T) {
	for f, want := range map[DateFormat]string{
		DateISO: "YYYY-MM-DD", DateISODateTime: "YYYY-MM-DD hh:mm:ss",
		DateMDY: "MM/DD/YYYY", DateExcelSerial: "Excel serial", DateFormat(99): "invalid",
	} {
		if got := f.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", f, got, want)
		}
	}
	if DateISODateTime.Base() != DateISO || !DateISODateTime.HasTime() || DateISO.HasTime() {
		t.Error("WithTime flag")
	}
}

func TestParseDateAllocs(t *testing.T) {
	for _, s := range []string{"1963-03-21", "21/03/1963", "19630321", "1963-03-21 00:00:00.000", "HERNANDEZ GARCIA"} {
		if n := testing.AllocsPerRun(100, func() { ParseDate(s, today) }); n != 0 {
			t.Errorf("ParseDate(%q): %v allocations", s, n)
		}
	}
	for _, s := range []string{"19630321", "23091", "-214099200"} {
		if n := testing.AllocsPerRun(100, func() { ParseDateNumber(s, today) }); n != 0 {
			t.Errorf("ParseDateNumber(%q): %v allocations", s, n)
		}
	}
}

func BenchmarkParseDateISO(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ParseDate("1963-03-21", today)
	}
}

func BenchmarkParseDate(b *testing.B) {
	vals := []string{"21/03/1963", "1963-03-21 00:00:00.000", "19630321", "3/21/1963", "HERNANDEZ GARCIA"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseDate(vals[i%len(vals)], today)
	}
}

func BenchmarkParseDateMonthName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ParseDate("21-MAR-1963", today)
	}
}

func BenchmarkParseDateNumber(b *testing.B) {
	vals := []string{"19630321", "23091", "-214099200", "0630321"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseDateNumber(vals[i%len(vals)], today)
	}
}
