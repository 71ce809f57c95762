package detectors

// profile is a cheap summary of a column's present values, computed once,
// that lets detectors skip columns that cannot be theirs without looking
// at every value again.
type profile struct {
	avgLen    float64 // bytes
	avgWords  float64 // space-separated words
	digits    float64 // share of values made only of digits
	hasLetter float64 // share of values with a letter
	// distinct is distinct values / values among the first distinctSpan
	// present values (the sample is random: a prefix measures the ratio),
	// and distinctCount the number of them.
	distinct      float64
	distinctCount int
	maxLen        int
	minLen        int
}

// distinctSpan bounds the values put in a set to measure distinctness.
const distinctSpan = 2000

func profileOf(c *colCtx) profile {
	var p profile
	if c.nPresent == 0 {
		return p
	}
	var totalLen, words, digits, letters int
	distinct := make(map[string]struct{}, min(c.nPresent, distinctSpan))
	spanned := 0
	p.minLen = 1 << 30
	seen := 0
	for _, v := range c.vals {
		if v == "" {
			continue
		}
		// A random sample's first values describe it as well as all do.
		if seen == distinctSpan {
			break
		}
		seen++
		totalLen += len(v)
		p.maxLen = max(p.maxLen, len(v))
		p.minLen = min(p.minLen, len(v))
		allDigits, letter := true, false
		words++
		for i := 0; i < len(v); i++ {
			b := v[i]
			switch {
			case b == ' ':
				words++
				allDigits = false
			case '0' <= b && b <= '9':
			case 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z', b >= 0x80:
				letter = true
				allDigits = false
			default:
				allDigits = false
			}
		}
		if allDigits {
			digits++
		}
		if letter {
			letters++
		}
		distinct[v] = struct{}{}
		spanned++
	}
	n := float64(seen)
	p.avgLen = float64(totalLen) / n
	p.avgWords = float64(words) / n
	p.digits = float64(digits) / n
	p.hasLetter = float64(letters) / n
	p.distinctCount = len(distinct)
	p.distinct = float64(len(distinct)) / float64(spanned)
	return p
}
