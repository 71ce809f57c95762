package validate

// Payment card brands returned by ParseCard.
const (
	CardVisa       = "visa"
	CardMastercard = "mastercard"
	CardAmex       = "amex"
	CardDiscover   = "discover"
	CardDiners     = "diners"
	CardJCB        = "jcb"
	CardUnionPay   = "unionpay"
	CardCarnet     = "carnet"
)

// cardFixtures are the test numbers that payment processors publish (Stripe,
// PayPal/Braintree, Authorize.Net docs) and that developers paste into
// forms and seed data. They pass Luhn, so only this list tells them apart.
var cardFixtures = wordSet(`
4111111111111111 4012888888881881 4222222222222 4007000000027 4012888818888
4242424242424242 4000056655665556 4000000000000002 4000000000000077 4917610000000000
5555555555554444 5105105105105100 5200828282828210 5454545454545454 5431111111111111
2223003122003222 2222400070000005
378282246310005 371449635398431 378734493671000
6011111111111117 6011000990139424 6011000000000004 6011981111111113 6555900000604105
30569309025904 38520000023237 36227206271667 3056930009020004
3530111333300000 3566002020360505 3566111111111113
6200000000000005`)

// carnetBINs are the Carnet (Mexican domestic network) prefixes outside the
// range 506199-506499, from ActiveMerchant's credit_card_methods.rb
// (CARNET_BINS; [S]: one library, not Carnet's own table). Carnet cards
// have 16 digits there.
var carnetBINs = []string{
	"286900", "502275", "606333", "627535", "636318", "636379", "639388",
	"639484", "639559", "50633601", "50633606", "58877274", "62753500",
	"60462203", "60462204", "588772",
}

// ParseCard validates a payment card number (PAN, ISO/IEC 7812): 13 to 19
// digits, spaces and dashes allowed, the Luhn check, and an issuer prefix
// with a length that issuer uses. docs/mexico-identifiers.md does not cover
// cards; the table is the one the networks' public rules and processor
// docs agree on (Cybersource's card-type table, Wikipedia's "Payment card
// number"), with Carnet from ActiveMerchant:
//
//	Visa        4                           13, 16, 19
//	Mastercard  51-55, 2221-2720            16
//	Amex        34, 37                      15
//	Discover    6011, 644-649, 65           16-19
//	Diners      300-305, 36, 38             14
//	JCB         3528-3589                   16-19
//	UnionPay    62                          16-19
//	Carnet      506199-506499 and the BINs above, 16 (checked first: its
//	            BINs fall inside the UnionPay and other ranges)
//
// One digit repeated and the processors' published test numbers return
// Fixture; a wrong check digit BadCheckDigit; a prefix of no listed issuer
// Unknown; a known prefix with a length its issuer does not use BadFormat.
func ParseCard(s string) (brand string, r Reason) {
	s = trimSpace(s)
	var buf [19]byte
	d := buf[:0]
	if len(s) <= len(buf) && allDigits(s) {
		d = append(d, s...)
	} else {
		n, ok := collectDigits(s, buf[:], " -")
		if !ok {
			return "", BadFormat
		}
		d = buf[:n]
	}
	if len(d) < 13 || len(d) > 19 {
		return "", BadFormat
	}
	if allSame(d) {
		return "", Fixture
	}
	if !luhn(d) {
		return "", BadCheckDigit
	}
	brand, lenOK := cardBrand(d)
	switch {
	case brand == "":
		return "", Unknown
	case !lenOK:
		return "", BadFormat
	case cardFixtures[string(d)]:
		return "", Fixture
	}
	return brand, OK
}

// cardBrand names the issuer of a PAN by its prefix, and says whether the
// length is one the issuer uses.
func cardBrand(d []byte) (brand string, lenOK bool) {
	n := len(d)
	p2 := prefixNum(d, 2)
	p3 := prefixNum(d, 3)
	p4 := prefixNum(d, 4)
	p6 := prefixNum(d, 6)
	if n == 16 && isCarnet(d, p6) {
		return CardCarnet, true
	}
	switch {
	case d[0] == '4':
		return CardVisa, n == 13 || n == 16 || n == 19
	case 51 <= p2 && p2 <= 55, 2221 <= p4 && p4 <= 2720:
		return CardMastercard, n == 16
	case p2 == 34 || p2 == 37:
		return CardAmex, n == 15
	case p4 == 6011, 644 <= p3 && p3 <= 649, p2 == 65:
		return CardDiscover, 16 <= n && n <= 19
	case 300 <= p3 && p3 <= 305, p2 == 36, p2 == 38:
		return CardDiners, n == 14
	case 3528 <= p4 && p4 <= 3589:
		return CardJCB, 16 <= n && n <= 19
	case p2 == 62:
		return CardUnionPay, 16 <= n && n <= 19
	case isCarnet(d, p6):
		return CardCarnet, false // a Carnet prefix, but not 16 digits
	}
	return "", false
}

func isCarnet(d []byte, p6 int) bool {
	if 506199 <= p6 && p6 <= 506499 {
		return true
	}
	for _, b := range carnetBINs {
		if len(d) >= len(b) && string(d[:len(b)]) == b {
			return true
		}
	}
	return false
}

// prefixNum reads the first n digits of d as a number.
func prefixNum(d []byte, n int) int {
	v := 0
	for i := 0; i < n && i < len(d); i++ {
		v = v*10 + int(d[i]-'0')
	}
	return v
}
