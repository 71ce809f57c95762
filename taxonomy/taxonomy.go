// Package taxonomy holds the category and tier ids every finding uses
// (docs/taxonomy.md). They are a stable contract: reports, --fail-on, diffs
// and merges use them. An id is never renamed.
package taxonomy

// Category ids.
const (
	CURP             = "curp"
	RFC              = "rfc"
	NSS              = "nss"
	VoterKey         = "voter_key"
	PersonName       = "person_name"
	Birthdate        = "birthdate"
	Address          = "address"
	PostalCode       = "postal_code"
	Phone            = "phone"
	Email            = "email"
	HealthEnrollment = "health_enrollment"
	HealthCondition  = "health_condition"
	HealthFacility   = "health_facility"
	CLABE            = "clabe"
	CreditCard       = "credit_card"
)

// Class is a category's sensitivity class under Mexican data-protection law.
type Class int

const (
	Contact    Class = iota // identity and contact data
	Identifier              // official identifiers
	Financial
	Sensitive // health data: sensitive personal data
)

func (c Class) String() string {
	switch c {
	case Identifier:
		return "official identifier"
	case Financial:
		return "financial"
	case Sensitive:
		return "sensitive"
	}
	return "identity and contact"
}

// Category describes one category id.
type Category struct {
	ID    string
	Label string // a short human label for reports
	Class Class
}

// Categories lists every category in report order: identifiers first,
// then identity and contact data, health data, financial data.
var Categories = []Category{
	{CURP, "CURP", Identifier},
	{RFC, "RFC (natural person)", Identifier},
	{NSS, "IMSS social security number", Identifier},
	{VoterKey, "INE voter key", Identifier},
	{PersonName, "Person name", Contact},
	{Birthdate, "Birthdate", Contact},
	{Address, "Address", Contact},
	{PostalCode, "Postal code", Contact},
	{Phone, "Phone", Contact},
	{Email, "E-mail", Contact},
	{HealthEnrollment, "Health programme enrollment", Sensitive},
	{HealthCondition, "Health condition", Sensitive},
	{HealthFacility, "Health facility", Sensitive},
	{CLABE, "CLABE bank account", Financial},
	{CreditCard, "Payment card", Financial},
}

var byID = func() map[string]Category {
	m := make(map[string]Category, len(Categories))
	for _, c := range Categories {
		m[c.ID] = c
	}
	return m
}()

// Lookup finds a category by id.
func Lookup(id string) (Category, bool) {
	c, ok := byID[id]
	return c, ok
}

// Order is a category's position in report order (unknown ids sort last).
func Order(id string) int {
	for i, c := range Categories {
		if c.ID == id {
			return i
		}
	}
	return len(Categories)
}

// Tier ids, most serious first.
const (
	TierCritical = "critical"
	TierHigh     = "high"
	TierMedium   = "medium"
	TierLow      = "low"
	TierNone     = "none"
)

// Tiers lists the tier ids, most serious first.
var Tiers = []string{TierCritical, TierHigh, TierMedium, TierLow, TierNone}

// TierRank is 0 for critical up to 4 for none (unknown ids rank after none).
func TierRank(tier string) int {
	for i, t := range Tiers {
		if t == tier {
			return i
		}
	}
	return len(Tiers)
}
