package detectors

// profile is a cheap summary of a column's present values, computed once,
// that lets detectors skip columns that cannot be theirs without looking
// at every value again.
type profile struct {
	avgLen    float64 // bytes
	avgWords  float64 // space-separated words
	digits    float64 // share of values made only of digits
	hasLetter float64 // share of values with a letter
	distinct  float64 // distinct values / present values
	maxLen    int
	minLen    int
}

func profileOf(c *colCtx) profile {
	var p profile
	if c.nPresent == 0 {
		return p
	}
	var totalLen, words, digits, letters int
	distinct := make(map[string]struct{}, min(c.nPresent, 1024))
	p.minLen = 1 << 30
	for _, v := range c.vals {
		if v == "" {
			continue
		}
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
	}
	n := float64(c.nPresent)
	p.avgLen = float64(totalLen) / n
	p.avgWords = float64(words) / n
	p.digits = float64(digits) / n
	p.hasLetter = float64(letters) / n
	p.distinct = float64(len(distinct)) / n
	return p
}
