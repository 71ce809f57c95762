package synth

import (
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// Payments go to register beneficiaries; each is paid on one card or one
// CLABE, every time; complete card numbers pass Luhn with a known brand,
// masked ones and the test card do not count, and complete numbers are
// most of the column (so it is labelled credit_card).
func TestPagosCardsAndAccounts(t *testing.T) {
	c, _ := tuningCorpus(t)
	today := c.Config.Today
	reg := map[int64]Enrollment{}
	for _, e := range c.Pool.Register() {
		reg[e.ID] = e
	}
	tb := mustTable(t, c, "pagos_beneficiarios")
	ix := tb.Column
	idI, curpI, medioI, cardI, clabeI := ix("id_beneficiario"), ix("curp"), ix("medio_pago"), ix("tarjeta"), ix("clabe")
	cards, accounts := map[int64]string{}, map[int64]string{}
	brands := map[string]int{}
	var complete, masked, fixture, clabes, persons int
	for _, r := range rows(tb) {
		id := r[idI].(int64)
		e, ok := reg[id]
		if !ok {
			t.Fatalf("payment to unknown beneficiary %d", id)
		}
		if s, _ := r[curpI].(string); s != "" {
			if cu, why := validate.ParseCURP(s, today); why == validate.OK {
				persons++
				if cu.Value != c.Pool.CURP(e.Person) {
					t.Errorf("beneficiary %d: CURP %s is not theirs", id, s)
				}
			}
		}
		card, hasCard := r[cardI].(string)
		clabe, hasCLABE := r[clabeI].(string)
		if hasCard == hasCLABE || (r[medioI] == "TARJETA") != hasCard {
			t.Fatalf("payment %v: medio %v, card %v, clabe %v", r[0], r[medioI], r[cardI], r[clabeI])
		}
		if hasCLABE {
			clabes++
			if why := validate.ParseCLABE(clabe); why != validate.OK {
				t.Errorf("CLABE %s: %v", clabe, why)
			}
			if prev, ok := accounts[id]; ok && prev != clabe {
				t.Errorf("beneficiary %d paid to %s and %s", id, prev, clabe)
			}
			accounts[id] = clabe
			continue
		}
		brand, why := validate.ParseCard(card)
		switch {
		case strings.Contains(card, "*"):
			masked++
			if why == validate.OK {
				t.Errorf("masked %s validates", card)
			}
			continue
		case card == "4111111111111111":
			fixture++
			if why != validate.Fixture {
				t.Errorf("test card reads %v", why)
			}
			continue
		case why != validate.OK || len(card) != 16:
			t.Fatalf("card %s: %v", card, why)
		}
		complete++
		brands[brand]++
		if prev, ok := cards[id]; ok && prev != card {
			t.Errorf("beneficiary %d paid on %s and %s", id, prev, card)
		}
		cards[id] = card
	}
	n := complete + masked + fixture
	t.Logf("pagos: %d card payments (%d complete %v, %d masked, %d test card), %d CLABE payments, %d with a valid CURP",
		n, complete, brands, masked, fixture, clabes, persons)
	within(t, "complete card numbers", float64(complete)/float64(n), 0.9, 0.99)
	within(t, "masked card numbers", float64(masked)/float64(n), 0.01, 0.06)
	if fixture == 0 || brands[validate.CardVisa] == 0 || brands[validate.CardMastercard] == 0 || brands[validate.CardCarnet] == 0 {
		t.Errorf("brands %v, test cards %d", brands, fixture)
	}
	if persons != len(tb.Persons) {
		t.Errorf("%d payments with a valid CURP, Persons has %d", persons, len(tb.Persons))
	}
}
