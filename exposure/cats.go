package exposure

import (
	"github.com/alcance-mx/alcance/taxonomy"
)

// A category set is a bit set over taxonomy categories, bit i for
// taxonomy.Categories[i]. Persons files list the ids in bit order, so a
// file stays readable if the taxonomy grows.
func catBit(id string) uint32 {
	i := taxonomy.Order(id)
	if i >= len(taxonomy.Categories) || i >= 32 {
		return 0
	}
	return 1 << i
}

// catIDs lists the category ids of a set, in taxonomy order.
func catIDs(set uint32) []string {
	var out []string
	for i, c := range taxonomy.Categories {
		if i < 32 && set&(1<<i) != 0 {
			out = append(out, c.ID)
		}
	}
	return out
}

var (
	bitCURP     = catBit(taxonomy.CURP)
	bitName     = catBit(taxonomy.PersonName)
	bitBirth    = catBit(taxonomy.Birthdate)
	maskIDs     = catBit(taxonomy.CURP) | catBit(taxonomy.RFC) | catBit(taxonomy.NSS) | catBit(taxonomy.VoterKey)
	maskHealth  = catBit(taxonomy.HealthEnrollment) | catBit(taxonomy.HealthCondition) | catBit(taxonomy.HealthFacility)
	maskFinance = catBit(taxonomy.CLABE) | catBit(taxonomy.CreditCard)
)

// The person figures, in the order of reports.Figures.
const (
	figPersons = iota
	figHealth
	figMinors
	figOlder
	figKit
	figFinancial
	nFigures
)

// has says which figures a person (or one source's view of them) counts in,
// from what their rows hold: cats for certain, cats|maybe at most.
func figuresOf(cats uint32, band uint8) (in [nFigures]bool) {
	in[figPersons] = true
	in[figHealth] = cats&maskHealth != 0
	in[figMinors] = band == bandMinor
	in[figOlder] = band == bandOlder
	// A CURP's date is a birthdate; it is also the identifier.
	in[figKit] = cats&maskIDs != 0 && cats&bitName != 0 && cats&(bitBirth|bitCURP) != 0
	in[figFinancial] = cats&maskFinance != 0
	return in
}

// widensOf says which figures someone who could not be identified (a name
// alone, an identifier alone) may count in: any whose data their rows
// hold, and either age band, since their age is unknown. Without a
// birthdate they are never an identity kit.
func widensOf(cats uint32) (in [nFigures]bool) {
	in[figPersons] = true
	in[figHealth] = cats&maskHealth != 0
	in[figMinors] = true
	in[figOlder] = true
	in[figFinancial] = cats&maskFinance != 0
	return in
}
