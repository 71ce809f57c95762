package reports

import "strings"

// A figure's method_id names how it was obtained, language-neutrally: one
// or more part ids joined by "+", the first saying what is counted and the
// others what widened or opened its bounds. Method is the same in
// sentences, in the report's language.
//
// These are the parts the exposure engine uses. The English sentences here
// are the source text of the translations.
var methodParts = map[string]string{
	"persons.identity": "distinct people: a valid CURP, or without one a normalised full name with a birthdate " +
		"(a name and birthdate that match a CURP holder's are that person); counted by keyed hashes (HMAC-SHA256); " +
		"identifying and linking columns read in full",
	"persons.identity_sampled": "distinct people: a valid CURP, or without one a normalised full name with a birthdate; " +
		"counted by keyed hashes (HMAC-SHA256); some identifying columns could only be sampled",
	"health.linked": "people with a health category (enrollment, condition or facility) in their own rows or in rows " +
		"tied to them by a key",
	"minors":               "people under 18 on the scan day, from a birthdate or the date a CURP encodes",
	"older":                "people 60 or over on the scan day, from a birthdate or the date a CURP encodes",
	"kit":                  "people whose records together hold an official identifier (CURP, RFC, NSS, voter key) with their name and birthdate",
	"financial":            "people tied to a CLABE or a payment card number",
	"several":              "people found in two or more sources, by the same keyed hashes",
	"high.names":           "the high bound adds each distinct name found without a birthdate or identifier, and each identifier found without a name and birthdate: they may be other people",
	"high.text":            "the high bound adds the rows not sampled of free text that holds CURPs, which may name other people",
	"high.sampled_columns": "the high bound adds the people of rows whose columns that carry it were only sampled",
	"open.not_scanned":     "something that may hold people could not be read: this is a lower bound, with no upper bound",
	"open.interrupted":     "the scan was interrupted: this is a lower bound, with no upper bound",
}

// MethodSentence says a method_id in English sentences; unknown parts are
// kept as they are, so that nothing is silently dropped.
func MethodSentence(methodID string) string {
	if methodID == "" {
		return ""
	}
	var out []string
	for _, p := range strings.Split(methodID, "+") {
		if s, ok := methodParts[p]; ok {
			out = append(out, s)
		} else {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}
