package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/alcance-mx/alcance/detectors/rules"
)

// rulesUsage is the --rules line of the scan and detectors help.
const rulesUsage = `      --rules FILE         custom detection rules (YAML): column-name and value
                           patterns (.NET syntax), keywords, a validator, a
                           category id and a confidence; 'alcance detectors
                           --rules FILE' lists them
`

// rulesFlag registers --rules on a command's flags.
func rulesFlag(fs *flag.FlagSet) *string {
	return fs.String("rules", "", "")
}

// loadRules reads a --rules file; every mistake in it is bad usage (exit
// 2), reported with the rule it is in.
func loadRules(path string) ([]*rules.Rule, error) {
	if path == "" {
		return nil, nil
	}
	rs, err := rules.Load(path)
	if err != nil {
		return nil, usagef("--rules: %v", err)
	}
	return rs, nil
}

// printRules lists custom rules for 'alcance detectors --rules FILE'.
func printRules(w io.Writer, path string, rs []*rules.Rule) {
	fmt.Fprintf(w, "CUSTOM RULES (%s)\n\n", path)
	for _, r := range rs {
		fmt.Fprintf(w, "%s — %s, confidence %.2f\n", r.ID, r.Category, r.Confidence)
		if r.Description != "" {
			fmt.Fprintf(w, "  %s\n", wrap(r.Description, 96, "  "))
		}
		if len(r.ColumnPatterns) > 0 {
			fmt.Fprintf(w, "  column names: %s\n", strings.Join(r.ColumnPatterns, "  "))
		}
		if len(r.ValuePatterns) > 0 {
			fmt.Fprintf(w, "  values: %s\n", strings.Join(r.ValuePatterns, "  "))
		}
		if len(r.Keywords) > 0 {
			fmt.Fprintf(w, "  keywords: %s\n", strings.Join(r.Keywords, ", "))
		}
		if r.Validator != "" {
			fmt.Fprintf(w, "  validator: %s\n", r.Validator)
		}
		if r.HasValues() {
			fmt.Fprintf(w, "  a column matches when %.0f%% of its values do (match timeout %s)\n", 100*r.MinMatch, r.Timeout)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Validators a rule may name: %s\n\n", strings.Join(rules.ValidatorNames(), ", "))
}
