package synth

import (
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// The mess legacy data carries, shared by the styles.

// curpPlaceholders are what registers write when the CURP is unknown
// (reference §8): not values, so never a finding and never a person.
var curpPlaceholders = []string{"SIN CURP", "SIN CURP", "EN TRAMITE", "NO TIENE", "XXXXXXXXXXXXXXXXXX", "0"}

// typoCURP is a capture error: one character changed, so that the result
// fails validation (the CURP check digit misses some changes, reference
// §1.5, so the change is redrawn until validation notices).
func typoCURP(r *rand.Rand, curp string, today time.Time) string {
	b := []byte(curp)
	for range 50 {
		copy(b, curp)
		i := r.IntN(len(b))
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			b[i] = byte('0' + (int(c-'0')+between(r, 1, 9))%10)
		default:
			b[i] = byte('A' + (int(c-'A')+between(r, 1, 25))%26)
		}
		if _, why := validate.ParseCURP(string(b), today); why != validate.OK {
			return string(b)
		}
	}
	copy(b, curp)
	b[17] = byte('0' + (int(b[17]-'0')+1)%10) // a wrong check digit always fails
	return string(b)
}

// validCURP reports whether s, as a row writes it, is a valid CURP.
func validCURP(s string, today time.Time) bool {
	_, why := validate.ParseCURP(s, today)
	return why == validate.OK
}

// curpCell writes a person's CURP in one of the forms a row can carry.
func curpCell(r *rand.Rand, form CURPForm, curp string, today time.Time) any {
	switch form {
	case CURPNull:
		return nil
	case CURPPlaceholder:
		return pick(r, curpPlaceholders)
	case CURPTypo:
		return typoCURP(r, curp, today)
	}
	return curp
}

// curpForm draws how a row writes its CURP: perMille NULL, placeholder and
// typo rates; the rest are valid.
func curpForm(r *rand.Rand, nullPM, placeholderPM, typoPM int) CURPForm {
	switch n := r.IntN(1000); {
	case n < nullPM:
		return CURPNull
	case n < nullPM+placeholderPM:
		return CURPPlaceholder
	case n < nullPM+placeholderPM+typoPM:
		return CURPTypo
	}
	return CURPValid
}

// padChar pads (or truncates) to a CHAR(n) width, as dBase and FoxPro
// store fixed-width fields.
func padChar(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return s + strings.Repeat(" ", n-k)
	} else if k > n {
		return string([]rune(s)[:n])
	}
	return s
}

// mojibake damages Ñ the way legacy pipelines do: UTF-8 read as Latin-1
// ("Ã‘") or the old DOS code page ("¥"). perMille of the values that hold
// an Ñ are damaged.
func mojibake(r *rand.Rand, s string, perMille int) string {
	if !strings.ContainsRune(s, 'Ñ') || !chance(r, perMille) {
		return s
	}
	if chance(r, 500) {
		return strings.ReplaceAll(s, "Ñ", "Ã‘")
	}
	return strings.ReplaceAll(s, "Ñ", "¥")
}

// mojibakeFit damages s as mojibake does, unless the damage (Ã‘ is two
// characters) would no longer fit a field of width characters: a legacy
// field cuts a name only where the name itself is too long, so whether a
// row carries a person's full name is known when the table is planned.
func mojibakeFit(r *rand.Rand, s string, perMille, width int) string {
	if m := mojibake(r, s, perMille); utf8.RuneCountInString(m) <= width {
		return m
	}
	return s
}

// fits reports whether s fits a field of width characters uncut.
func fits(s string, width int) bool { return utf8.RuneCountInString(s) <= width }

// phoneText writes a ten-digit number in the forms people type.
func phoneText(r *rand.Rand, digits string) string {
	lada := 3
	if digits[:2] == "55" || digits[:2] == "56" || digits[:2] == "33" || digits[:2] == "81" {
		lada = 2
	}
	switch n := r.IntN(100); {
	case n < 80:
		return digits
	case n < 90:
		return digits[:lada] + " " + digits[lada:6] + " " + digits[6:]
	case n < 95:
		return "(" + digits[:lada] + ")" + digits[lada:]
	default:
		return digits[:lada] + "-" + digits[lada:6] + "-" + digits[6:]
	}
}

// ddmmyyyy is the day-first text date of screens and exports.
func ddmmyyyy(t time.Time) string { return t.Format("02/01/2006") }

// yyyymmdd is the packed text date of dBase exports.
func yyyymmdd(t time.Time) string { return t.Format("20060102") }

// money turns cents into a DECIMAL value.
func money(cents int) float64 { return float64(cents) / 100 }

// moment is a time of day within office hours on a given day.
func moment(r *rand.Rand, day int32) time.Time {
	return dayTime(day).Add(time.Duration(between(r, 7*60, 20*60-1)) * time.Minute)
}

func minutes(m int32) time.Duration { return time.Duration(m) * time.Minute }

// sexCode writes a CURP sex letter in a table's own coding.
func sexCode(sex byte, h, m, x string) string {
	switch sex {
	case 'H':
		return h
	case 'M':
		return m
	}
	return x
}
