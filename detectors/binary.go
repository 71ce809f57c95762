package detectors

import "unicode/utf8"

// binaryProbe is how much of a value decides whether it is binary: random
// bytes betray themselves within a few hundred.
const binaryProbe = 4096

// binaryLooking reports whether a value is bytes rather than text (a file,
// an image, an encrypted or compressed blob stored in a text column): it
// holds a NUL, or more than one character in twenty is a control
// character or not valid UTF-8. Such a value is no evidence of anything a
// person wrote: its "words" and "digits" are noise that would otherwise
// read as names, addresses and diagnoses.
func binaryLooking(v string) bool {
	if len(v) > binaryProbe {
		v = v[:binaryProbe]
	}
	plain := true
	for i := 0; i < len(v); i++ {
		if b := v[i]; b < 0x20 || b >= 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return false
	}
	bad, n := 0, 0
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRuneInString(v[i:])
		i += size
		n++
		switch {
		case r == 0:
			return true
		case r == utf8.RuneError && size == 1,
			r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r == 0x7f, r >= 0x80 && r < 0xa0:
			bad++
		}
	}
	// The last rune may be cut by the probe: that is not the value's fault.
	return bad > 1 && bad*20 > n
}
