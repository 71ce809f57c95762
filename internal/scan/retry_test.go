package scan

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/connectors"
)

// A table whose connector gave up after losing its connection (a server
// restarting) is read again once, after a wait; a second loss fails it
// with the reason.
func TestTableReadAgainAfterALostConnection(t *testing.T) {
	defer func(w time.Duration) { tableRetryWait = w }(tableRetryWait)
	tableRetryWait = 10 * time.Millisecond
	for _, c := range []struct {
		losses int
		failed bool
	}{{0, false}, {1, false}, {2, true}} {
		lostfake.Store(int32(c.losses))
		spec, err := connectors.Parse("lostfake://x")
		if err != nil {
			t.Fatal(err)
		}
		rep, out := Run(context.Background(), Config{Sources: []connectors.Spec{spec}, Connect: connectors.DefaultOptions()})
		if (out.TablesFailed == 1) != c.failed || out.TablesScanned+out.TablesFailed != 1 {
			t.Errorf("%d losses: outcome %+v, errors %+v", c.losses, out, rep.Errors())
		}
		if c.failed && !strings.Contains(fmt.Sprint(rep.Errors()), "connection was lost") {
			t.Errorf("%d losses: the error does not say why: %+v", c.losses, rep.Errors())
		}
	}
}

// lostfake's Sample loses its connection as many times as it holds.
var lostfake atomic.Int32

type lostOpener struct{}

func (lostOpener) Parse(raw string) (connectors.Spec, bool, error) {
	rest, ok := strings.CutPrefix(raw, "lostfake://")
	return connectors.Spec{Raw: raw, Location: raw, Name: rest}, ok, nil
}

func (lostOpener) Open(context.Context, connectors.Spec, connectors.Options) (connectors.Source, error) {
	return lostSource{}, nil
}

type lostSource struct{}

func (lostSource) Info() connectors.Info {
	return connectors.Info{Kind: "lostfake", Name: "x", Location: "lostfake://x"}
}

func (lostSource) Tables(context.Context) ([]connectors.Table, error) {
	return []connectors.Table{{Name: "padron", Columns: []connectors.Column{{Name: "curp", Type: "text", Kind: connectors.KindText}}}}, nil
}

func (lostSource) Sample(_ context.Context, _ connectors.Table, cols []connectors.Column, _ int) (*connectors.Sample, error) {
	if lostfake.Add(-1) >= 0 {
		return nil, fmt.Errorf("sampling: reset by peer (alcance gave up): %w", connectors.ErrConnectionLost)
	}
	return &connectors.Sample{Columns: cols, Values: [][]string{{"HEGG560427MVZRRL04"}}, Rows: 1, Complete: true}, nil
}

func (lostSource) Close() error { return nil }

func init() { connectors.Register("lostfake", lostOpener{}) }
