package scan

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
)

// A source whose listing may be partial (connectors.Warner) has its
// warnings in the report, and the scan is incomplete (exit 4 under
// --fail-on); a check that fails is a warning too.
func TestSourceWarnings(t *testing.T) {
	cases := []struct {
		source string
		want   []string
	}{
		{"warnfake://partial", []string{"the login may not see every table"}},
		{"warnfake://check-fails", []string{"could not check whether the login may see every table: no HAS_PERMS_BY_NAME"}},
		{"warnfake://fine", nil},
	}
	for _, c := range cases {
		spec, err := connectors.Parse(c.source)
		if err != nil {
			t.Fatal(err)
		}
		rep, out := Run(context.Background(), Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions()})
		if got := rep.Sources[0].Warnings; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: warnings %q, want %q", c.source, got, c.want)
		}
		if out.TablesScanned != 1 || out.Incomplete() != (c.want != nil) || out.SourceWarnings != len(c.want) {
			t.Errorf("%s: outcome %+v, incomplete %v", c.source, out, out.Incomplete())
		}
	}
}

type warnOpener struct{}

func (warnOpener) Parse(raw string) (connectors.Spec, bool, error) {
	rest, ok := strings.CutPrefix(raw, "warnfake://")
	return connectors.Spec{Raw: raw, Location: raw, Name: rest}, ok, nil
}

func (warnOpener) Open(_ context.Context, spec connectors.Spec, _ connectors.Options) (connectors.Source, error) {
	return &warnSource{name: spec.Name}, nil
}

type warnSource struct{ name string }

func (s *warnSource) Info() connectors.Info {
	return connectors.Info{Kind: "warnfake", Name: s.name, Location: "warnfake://" + s.name}
}

func (s *warnSource) Tables(context.Context) ([]connectors.Table, error) {
	return []connectors.Table{{Name: "productos", Columns: []connectors.Column{{Name: "clave", Type: "text", Kind: connectors.KindText}}}}, nil
}

func (s *warnSource) Sample(_ context.Context, _ connectors.Table, cols []connectors.Column, _ int) (*connectors.Sample, error) {
	return &connectors.Sample{Columns: cols, Values: [][]string{{"TORNILLO"}}, Rows: 1, Complete: true}, nil
}

func (s *warnSource) Close() error { return nil }

func (s *warnSource) Warnings(context.Context) ([]string, error) {
	switch s.name {
	case "partial":
		return []string{"the login may not see every table"}, nil
	case "check-fails":
		return nil, errors.New("no HAS_PERMS_BY_NAME")
	}
	return nil, nil
}

func init() { connectors.Register("warnfake", warnOpener{}) }
