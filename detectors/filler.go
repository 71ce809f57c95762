package detectors

import (
	"strings"

	"github.com/alcance-mx/alcance/detectors/norm"
)

// minFillerValues is the fewest values that can show a template.
const minFillerValues = 20

// fillerTemplate reports whether a column's values are generated fillers:
// one word followed by a counter ("DOMICILIO 1", "DOMICILIO 2", "CALLE37",
// "colonia412"), the shape a test load or a migration leaves where data
// was never typed. Real data with a word and a number repeats its numbers
// ("MZ 12" for every lot of a block, "CALLE 60" for a street's houses) and
// varies its words; a filler's word never changes and its number is a row
// counter, different on nearly every row.
func fillerTemplate(vals []string) bool {
	seen := 0
	byWord := map[string]map[string]struct{}{} // word -> its numbers
	fits := map[string]int{}
	for _, v := range vals {
		if v == "" {
			continue
		}
		if seen == distinctSpan {
			break
		}
		seen++
		w, n, ok := wordAndNumber(v)
		if !ok {
			continue
		}
		if byWord[w] == nil {
			if len(byWord) > 8 {
				return false // many words: data, not a template
			}
			byWord[w] = map[string]struct{}{}
		}
		byWord[w][n] = struct{}{}
		fits[w]++
	}
	for w, fit := range fits {
		if len(w) < 4 || seen < minFillerValues || 10*fit < 9*seen || 10*len(byWord[w]) < 9*fit {
			continue
		}
		// A counter is written as it comes, 1, 2 ... 10 ... 100: widths
		// vary and there are no leading zeros. A code ("ISM-000123",
		// "EXP 2021034") has a fixed width.
		minW, maxW, padded := 99, 0, 0
		for n := range byWord[w] {
			minW, maxW = min(minW, len(n)), max(maxW, len(n))
			if len(n) > 1 && n[0] == '0' {
				padded++
			}
		}
		if maxW > minW && 10*padded < len(byWord[w]) {
			return true
		}
	}
	return false
}

// wordAndNumber splits "DOMICILIO 12", "calle_7" or "Prueba-3" into its
// folded word and its number.
func wordAndNumber(v string) (word, number string, ok bool) {
	if len(v) > 40 {
		return "", "", false
	}
	end := len(v)
	for end > 0 && v[end-1] >= '0' && v[end-1] <= '9' {
		end--
	}
	if end == len(v) || end == 0 || len(v)-end > 7 {
		return "", "", false
	}
	number = v[end:]
	w := strings.TrimRight(v[:end], " _-#.")
	if w == "" {
		return "", "", false
	}
	f := norm.Fold(w)
	for i := 0; i < len(f); i++ {
		if b := f[i]; !('A' <= b && b <= 'Z' || b == ' ' || b >= 0x80) {
			return "", "", false
		}
	}
	if strings.Count(f, " ") > 1 {
		return "", "", false // three words and a number is a sentence or an address
	}
	return f, number, true
}

// blankFillers removes a filler column's values: they are placeholders
// (TAXONOMY), however much they look like an address or a name.
func (c *colCtx) blankFillers() {
	if c.nPresent < minFillerValues || !fillerTemplate(c.vals) {
		return
	}
	for i, v := range c.vals {
		if v == "" {
			continue
		}
		if _, _, ok := wordAndNumber(v); ok {
			c.vals[i] = ""
			c.nPresent--
		}
	}
	c.present = NewBitset(len(c.vals))
	for i, v := range c.vals {
		if v != "" {
			c.present.Set(i)
		}
	}
}
