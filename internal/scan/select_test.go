package scan

import (
	"slices"
	"testing"

	"github.com/alcance-mx/alcance/connectors"
)

func TestSelectTables(t *testing.T) {
	tables := []connectors.Table{
		{Schema: "public", Name: "padron"}, {Schema: "public", Name: "consultas"},
		{Schema: "audit", Name: "log_2020"}, {Schema: "audit", Name: "log_2021"},
	}
	names := func(ts []connectors.Table) []string {
		var out []string
		for _, t := range ts {
			out = append(out, t.QualifiedName())
		}
		return out
	}
	for _, c := range []struct {
		include, exclude []string
		want             []string
	}{
		{nil, nil, []string{"public.padron", "public.consultas", "audit.log_2020", "audit.log_2021"}},
		{[]string{"PADRON"}, nil, []string{"public.padron"}},
		{[]string{"audit.*"}, []string{"*2020"}, []string{"audit.log_2021"}},
		{nil, []string{"public.*"}, []string{"audit.log_2020", "audit.log_2021"}},
		{[]string{"["}, nil, nil}, // malformed: matches nothing
	} {
		if got := names(selectTables(tables, c.include, c.exclude)); !slices.Equal(got, c.want) {
			t.Errorf("include %v exclude %v: got %v, want %v", c.include, c.exclude, got, c.want)
		}
	}
}
