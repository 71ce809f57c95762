package validate

// postalStates maps the first two digits of a código postal to the CURP
// code of its state, by the SEPOMEX allocation of §6.1. Empty entries are
// prefixes no state uses: 00 and 17-19 [U].
//
// Prefixes 40-41 (Guerrero), 49 (Jalisco), 88 (Tamaulipas), 95-96
// (Veracruz) and 99 (Zacatecas) are [U] in the reference: the public
// mapping it was checked against omits them. They are accepted here, since
// they sit inside their state's block; a detector wanting certainty should
// weigh them lower or check the state column.
var postalStates = func() (t [100]string) {
	for _, b := range []struct {
		from, to int
		state    string
	}{
		{1, 16, "DF"}, {20, 20, "AS"}, {21, 22, "BC"}, {23, 23, "BS"}, {24, 24, "CC"},
		{25, 27, "CL"}, {28, 28, "CM"}, {29, 30, "CS"}, {31, 33, "CH"}, {34, 35, "DG"},
		{36, 38, "GT"}, {39, 41, "GR"}, {42, 43, "HG"}, {44, 49, "JC"}, {50, 57, "MC"},
		{58, 61, "MN"}, {62, 62, "MS"}, {63, 63, "NT"}, {64, 67, "NL"}, {68, 71, "OC"},
		{72, 75, "PL"}, {76, 76, "QT"}, {77, 77, "QR"}, {78, 79, "SP"}, {80, 82, "SL"},
		{83, 85, "SR"}, {86, 86, "TC"}, {87, 89, "TS"}, {90, 90, "TL"}, {91, 96, "VZ"},
		{97, 97, "YN"}, {98, 99, "ZS"},
	} {
		for p := b.from; p <= b.to; p++ {
			t[p] = b.state
		}
	}
	return t
}()

// ParsePostalCode validates a Mexican código postal (§6.1): five digits
// whose first two name a state, returned as its CURP code. When numeric is
// true the value comes from an integer column, where the leading zero of
// CDMX codes is lost: "1000" is 01000 (§6.1), so four digits are accepted
// and read with a zero in front.
//
// 00000, 99999, any digit repeated, and zero in an integer column are
// Placeholder; a prefix no state uses (00, 17-19) is BadState.
//
// A valid code is still weak evidence on its own: amounts and counters have
// five digits too. The detector needs the column name, the share of values
// in valid prefixes, and agreement with a state column.
func ParsePostalCode(s string, numeric bool) (state string, r Reason) {
	s = trimSpace(s)
	if !allDigits(s) {
		return "", BadFormat
	}
	if numeric && s == "0" {
		return "", Placeholder
	}
	var p int
	switch {
	case len(s) == 5:
		p = twoDigits(s, 0)
	case len(s) == 4 && numeric:
		p = int(s[0] - '0') // the lost leading zero
	default:
		return "", BadFormat
	}
	if allSame(s) {
		return "", Placeholder
	}
	if postalStates[p] == "" {
		return "", BadState
	}
	return postalStates[p], OK
}
