package detectors

import "github.com/alcance-mx/alcance/taxonomy"

// Validation says, per category, what alcance checks in a value before it
// counts; 'alcance detectors' prints it.
var Validation = map[string]string{
	taxonomy.CURP: "18 characters: letters from the name, a real birth date, sex H/M/X, a state code or NE, " +
		"internal consonants, the century from position 17 (a letter means born 2000 or later, never in the " +
		"future), no inconvenient word, and the check digit; cross-checked row by row against birthdate, sex, " +
		"birth state and name columns; found inside text as a word of its own (a valid CURP is its own evidence); the " +
		"generic XEXX010101HNEXXXA4 is a placeholder",
	taxonomy.RFC: "13 characters of a natural person: letters, a real date, homoclave alphabet; the check " +
		"character is soft evidence (about 1.5% of real RFCs fail it); company RFCs (12) are not personal data",
	taxonomy.NSS:        "11 digits with a Luhn check digit and plausible registration and birth years; needs a column name or row agreement, since 1 in 10 random numbers pass",
	taxonomy.VoterKey:   "18 characters: six name letters, a real birth date, an INEGI state key 01-32, sex, three digits",
	taxonomy.PersonName: "words from Mexican given-name and surname dictionaries, full names in either order, particles and titles; not companies, places, products or medicines; confirmed by CURP name letters",
	taxonomy.Birthdate:  "dates in any legacy form (DATE, YYYYMMDD, DD/MM/YYYY, Excel serials, Spanish month names), ages that spread like births, agreement with the CURP; registration, visit and invoice dates excluded",
	taxonomy.Address:    "street and settlement words (CALLE, AV., COL., FRACC., MZ, LT, S/N) with a number, or split address columns by name; a municipality or state alone is not an address",
	taxonomy.PostalCode: "5 digits with a prefix that belongs to a state (SEPOMEX allocation); 4 digits in integer columns (lost leading zero); needs a name or a person's table, since amounts look the same",
	taxonomy.Phone:      "10 national digits (with +52, 044/045 and separators), a valid leading digit, not repeated or sequential digits; 7- or 8-digit local numbers of before 2019 in a column named phone",
	taxonomy.Email:      "address syntax: local part, one @, a domain with a top-level domain",
	taxonomy.HealthEnrollment: "programme names (Seguro Popular, INSABI, IMSS-Bienestar, ISSSTE...) in the values, or policy, " +
		"affiliation and folio numbers by column name, in a table about people",
	taxonomy.HealthCondition: "CIE-10 codes checked against the catalogue (E11.9, E119, A09X), a clinical vocabulary (diagnoses, lay " +
		"terms, exam and nursing words, clinical scales, lab tests, vaccines, Cuadro Basico medicines, dental terms), condition " +
		"flags and vital signs in a health table about people; a catalogue of diseases, one row per code, is not a finding",
	taxonomy.HealthFacility: "CLUES codes (state code, institution, 6 digits) and unit names in a person's record; a catalogue of units is not a finding",
	taxonomy.CLABE:          "18 digits with the CLABE check digit (weights 3, 7, 1) and a known bank code",
	taxonomy.CreditCard:     "13-19 digits with the Luhn check and an issuer prefix; well-known test numbers excluded",
}
