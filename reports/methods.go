package reports

// A figure's method_id names how it was obtained, language-neutrally: one
// or more part ids joined by "+", the first saying what is counted and the
// others what widened or opened its bounds. Method is the same in
// sentences, in the report's language: Localize fills it from the
// catalogue (i18n.go), where each part is the entry "method.<part>".

// MethodParts are the part ids the exposure engine uses; each has an
// English and a Spanish sentence in the catalogue (a test checks it).
var MethodParts = []string{
	"persons.identity", "persons.identity_sampled", "health.linked", "minors", "older", "kit",
	"financial", "several", "high.names", "high.text", "high.sampled_columns",
	"open.not_scanned", "open.interrupted", "open.shard",
}

// MethodSentence says a method_id in English sentences; unknown parts are
// kept as they are, so that nothing is silently dropped.
func MethodSentence(methodID string) string { return MethodIn(English, methodID) }
