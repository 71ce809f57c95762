package mssql

import (
	"context"
	"reflect"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"
)

// Issue 11, point 3: a login that may not see every table is warned about.
func TestWarnings(t *testing.T) {
	cols := []string{"perms", "reader", "owner"}
	denyCols := []string{"objects", "schemas"}
	cases := []struct {
		name          string
		perms, reader any
		owner         any
		objects       int64
		schemas       int64
		want          []string // one substring per expected warning
	}{
		{"db_datareader", int64(1), int64(1), int64(0), 0, 0, nil},
		{"database-wide SELECT granted", int64(1), int64(0), int64(0), 0, 0, nil},
		{"db_owner on a server whose HAS_PERMS_BY_NAME says 0", int64(0), int64(0), int64(1), 0, 0, nil},
		{"SELECT on some tables only", int64(0), int64(0), int64(0), 0, 0,
			[]string{"this login does not hold SELECT on the whole of database padron (its user is not a member of db_datareader): SQL Server hides from a login the tables it may not read, so tables may be missing from this scan"}},
		{"NULLs (the server cannot say)", nil, nil, nil, 0, 0, []string{"does not hold SELECT on the whole of database padron"}},
		{"db_datareader with denies", int64(1), int64(1), int64(0), 2, 1,
			[]string{"SELECT is denied to this login (or a role it belongs to) on 2 tables or views and 1 schema of database padron"}},
		{"one denied table", int64(1), int64(1), int64(0), 1, 0, []string{"on 1 table or view and 0 schemas"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeServer()
			f.answer(databaseSelectQuery, cols, row(c.perms, c.reader, c.owner))
			f.answer(deniesQuery, denyCols, row(c.objects, c.schemas))
			got, err := fakeSource(t, f, defaultOpts()).Warnings(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("warnings = %q, want %d", got, len(c.want))
			}
			for i, w := range c.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %q does not say %q", got[i], w)
				}
			}
			checkReadOnly(t, f)
		})
	}
}

// A server without HAS_PERMS_BY_NAME (or one that refuses it) is asked
// about the roles alone.
func TestWarningsRolesOnly(t *testing.T) {
	f := newFakeServer()
	f.answerErr(databaseSelectQuery, mssql.Error{Number: 195, Class: 15, Message: "'HAS_PERMS_BY_NAME' is not a recognized built-in function name."})
	f.answer(rolesOnlyQuery, []string{"perms", "reader", "owner"}, row(nil, int64(1), int64(0)))
	f.answer(deniesQuery, []string{"objects", "schemas"}, row(int64(0), int64(0)))
	got, err := fakeSource(t, f, defaultOpts()).Warnings(context.Background())
	if err != nil || len(got) != 0 {
		t.Fatalf("warnings = %q, %v", got, err)
	}
	if q := f.queries(); !reflect.DeepEqual(q, []string{databaseSelectQuery, rolesOnlyQuery, deniesQuery}) {
		t.Fatalf("statements = %q", q)
	}
}

// When the check cannot be made, the error says so, with the warnings
// found before it.
func TestWarningsCheckFails(t *testing.T) {
	f := newFakeServer()
	f.answerErr(databaseSelectQuery, mssql.Error{Number: 195, Message: "'HAS_PERMS_BY_NAME' is not a recognized built-in function name."})
	f.answerErr(rolesOnlyQuery, mssql.Error{Number: 195, Message: "'IS_ROLEMEMBER' is not a recognized built-in function name."})
	_, err := fakeSource(t, f, defaultOpts()).Warnings(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "checking whether this login may read every table of padron: ") {
		t.Fatalf("error = %v", err)
	}

	f = newFakeServer()
	f.answer(databaseSelectQuery, []string{"perms", "reader", "owner"}, row(int64(0), int64(0), int64(0)))
	f.answerErr(deniesQuery, mssql.Error{Number: 208, Message: "Invalid object name 'sys.database_permissions'."})
	got, err := fakeSource(t, f, defaultOpts()).Warnings(context.Background())
	if err == nil || len(got) != 1 {
		t.Fatalf("warnings = %q, %v; want one warning and an error", got, err)
	}
}
