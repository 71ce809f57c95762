package validate

// ParseCLUES validates a CLUES (Clave Única de Establecimientos de Salud,
// docs/mexico-identifiers.md §5): 11 characters, the state as a CURP
// two-letter code (§1.4, without NE: a facility is always in a state),
// three letters of institution and six digits. It returns the state and
// the institution code.
//
// The institution is not checked against a list: only SSA and IMS are
// confirmed in real values, the others (IST, IMB, PMX, SDN...) are [U], and
// the DGIS catalogue is not available to the build. An all-zero number is
// BadFormat: catalogue numbers start at 000001. Spaces and dashes are
// ignored.
//
// A CLUES identifies a facility, not a person; its presence marks the table
// as health data.
func ParseCLUES(s string) (state, institution string, r Reason) {
	s = canonicalID(s, 11)
	if len(s) != 11 {
		return "", "", BadFormat
	}
	for i := 0; i < 5; i++ {
		if !isUpper(s[i]) {
			return "", "", BadFormat
		}
	}
	zero := true
	for i := 5; i < 11; i++ {
		if !isDigit(s[i]) {
			return "", "", BadFormat
		}
		zero = zero && s[i] == '0'
	}
	if st := s[:2]; st == "NE" || !curpStates[st] {
		return "", "", BadState
	}
	if zero {
		return "", "", BadFormat
	}
	return s[:2], s[2:5], OK
}
