package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/alcance-mx/alcance/connectors"
)

// An inventory lists many sources in one YAML file, for a scan of an
// institution's systems or of several institutions:
//
//	sources:
//	  - name: padron
//	    institution: Secretaría de Bienestar
//	    url: postgres://auditor@10.0.0.5:5432/padron
//	    password_env: PADRON_PASSWORD      # or password_file: /run/secrets/padron
//	    include: ["public.*"]
//	    exclude: ["*_log", "tmp_*"]
//
// A password is never written in the file itself: it comes from an
// environment variable or from a file of its own. Unknown keys are errors,
// so a typo (incldue) cannot silently scan everything. Every entry is
// checked before anything is opened; once the scan starts, a source that
// fails is recorded and the others go on.
type inventory struct {
	Sources []inventorySource `yaml:"sources"`
}

type inventorySource struct {
	Name         string   `yaml:"name"`
	Institution  string   `yaml:"institution"`
	URL          string   `yaml:"url"`
	PasswordEnv  string   `yaml:"password_env"`
	PasswordFile string   `yaml:"password_file"`
	Include      []string `yaml:"include"`
	Exclude      []string `yaml:"exclude"`
}

// readInventory reads and checks an inventory file.
func readInventory(file string) ([]connectors.Spec, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return parseInventory(b, os.Getenv)
}

func parseInventory(b []byte, getenv func(string) string) ([]connectors.Spec, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var inv inventory
	if err := dec.Decode(&inv); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is empty: it needs a list under sources:")
		}
		return nil, err
	}
	if len(inv.Sources) == 0 {
		return nil, errors.New("no sources: the file needs a list under sources:")
	}
	var specs []connectors.Spec
	names := map[string]int{}
	for i, s := range inv.Sources {
		where := fmt.Sprintf("sources[%d]", i)
		if s.Name != "" {
			where += " (" + s.Name + ")"
		}
		if strings.TrimSpace(s.URL) == "" {
			return nil, fmt.Errorf("%s: url is missing", where)
		}
		spec, err := connectors.Parse(s.URL)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if s.Name != "" {
			spec.Name = s.Name
		}
		if j, dup := names[spec.Name]; dup {
			return nil, fmt.Errorf("%s: the name %q is also used by sources[%d]; give each source its own name", where, spec.Name, j)
		}
		names[spec.Name] = i
		spec.Institution = strings.TrimSpace(s.Institution)
		switch {
		case s.PasswordEnv != "" && s.PasswordFile != "":
			return nil, fmt.Errorf("%s: give password_env or password_file, not both", where)
		case s.PasswordEnv != "":
			pw := getenv(s.PasswordEnv)
			if pw == "" {
				return nil, fmt.Errorf("%s: password_env %s is not set or empty", where, s.PasswordEnv)
			}
			spec.Password = pw
		case s.PasswordFile != "":
			pw, err := os.ReadFile(s.PasswordFile)
			if err != nil {
				return nil, fmt.Errorf("%s: password_file: %w", where, err)
			}
			spec.Password = strings.TrimRight(string(pw), "\r\n")
			if spec.Password == "" {
				return nil, fmt.Errorf("%s: password_file %s is empty", where, s.PasswordFile)
			}
		}
		for _, p := range append(append([]string{}, s.Include...), s.Exclude...) {
			if _, err := path.Match(p, ""); err != nil || strings.TrimSpace(p) == "" {
				return nil, fmt.Errorf("%s: %q is not a table pattern (use * and ? as in public.*, *_log)", where, p)
			}
		}
		spec.Include, spec.Exclude = s.Include, s.Exclude
		specs = append(specs, spec)
	}
	return specs, nil
}
