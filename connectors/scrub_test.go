package connectors

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The values below are synthetic: a CURP-shaped string and a name.
const (
	curp = "GOMC800101HDFRRL09"
	name = "JUAN PEREZ"
)

func TestScrubDataServerMessages(t *testing.T) {
	cases := []struct {
		msg  string
		want string // "" when only the absence of the values is checked
		keep []string
	}{
		// PostgreSQL, as its server words them (SQLSTATE as the connector adds it).
		{msg: `sampling table public.v: invalid input syntax for type integer: "` + curp + `" (SQLSTATE 22P02)`,
			want: `sampling table public.v: invalid input syntax for type integer: "[withheld]" (SQLSTATE 22P02)`},
		{msg: `invalid input syntax for type date: "JUAN "EL" PEREZ" (SQLSTATE 22007)`,
			want: `invalid input syntax for type date: "[withheld]" (SQLSTATE 22007)`},
		{msg: `invalid input syntax for type timestamp: "` + name + `"`, want: `invalid input syntax for type timestamp: "[withheld]"`},
		{msg: `invalid input value for enum sexo: "` + name + `" (SQLSTATE 22P02)`, keep: []string{"enum sexo"}},
		{msg: `malformed array literal: "{` + name + `" (SQLSTATE 22P02)`},
		{msg: `date/time field value out of range: "` + curp + `"`},
		{msg: `value "` + curp + `" is out of range for type integer (SQLSTATE 22003)`, keep: []string{"out of range for type integer"}},
		{msg: `invalid value "` + name + `" for "YYYY" (SQLSTATE 22007)`},
		{msg: "duplicate key value violates unique constraint \"personas_curp_key\"\nDETAIL: Key (curp)=(" + curp + ") already exists.",
			keep: []string{`constraint "personas_curp_key"`, "Key (curp)=", "already exists"}},
		{msg: "new row for relation \"personas\" violates check constraint \"c\"\nDETAIL: Failing row contains (1, " + curp + ", " + name + ").",
			keep: []string{`relation "personas"`, `constraint "c"`}},
		{msg: "invalid input syntax for type json\nDETAIL: Token \"" + name + "\" is invalid.\nCONTEXT: JSON data, line 1: " + name + "...",
			keep: []string{"JSON data, line 1: "}},
		{msg: `syntax error at or near "` + curp + `" of jsonpath input`},
		// MySQL and MariaDB.
		{msg: "Error 1366 (22007): Incorrect integer value: '" + curp + "' for column ``.``.`v` at row 0",
			want: "Error 1366 (22007): Incorrect integer value: '[withheld]' for column ``.``.`v` at row 0"},
		{msg: "Error 1292 (22007): Incorrect date value: 'O'BRIEN " + name + "' for column `db`.`t`.`nacimiento` at row 1",
			keep: []string{"`db`.`t`.`nacimiento`"}},
		{msg: "Error 1366 (HY000): Incorrect integer value: '" + curp + "' for column 'edad' at row 1", keep: []string{"column 'edad'"}},
		{msg: "Error 1292 (22007): Truncated incorrect DOUBLE value: '" + curp + "'"},
		{msg: "Error 1411 (HY000): Incorrect datetime value: '" + name + "' for function str_to_date", keep: []string{"str_to_date"}},
		{msg: "Error 1062 (23000): Duplicate entry '" + curp + "' for key 'group_key'", keep: []string{"for key 'group_key'"}},
		{msg: "Error 3854 (HY000): Cannot convert string '" + curp + "' from binary to utf8mb4"},
		{msg: "reading table db.v: Error 1644 (45000): el registro " + curp + " es invalido",
			want: "reading table db.v: Error 1644 (45000): [withheld]"},
		// SQL Server.
		{msg: "Conversion failed when converting the nvarchar value '" + curp + "' to data type int.",
			want: "Conversion failed when converting the nvarchar value '[withheld]' to data type int."},
		{msg: "Conversion failed when converting the varchar value 'O'BRIEN' to data type int."},
		{msg: "The conversion of the varchar value '" + curp + "' overflowed an int column."},
		{msg: "Violation of UNIQUE KEY constraint 'UQ_curp'. Cannot insert duplicate key in object 'dbo.personas'. The duplicate key value is (" + curp + ").",
			keep: []string{"constraint 'UQ_curp'", "object 'dbo.personas'"}},
		{msg: "String or binary data would be truncated in table 'padron.dbo.personas', column 'nombre'. Truncated value: '" + name + "'.",
			keep: []string{"table 'padron.dbo.personas'", "column 'nombre'"}},
		{msg: "JSON text is not properly formatted. Unexpected character '" + curp + "' is found at position 0."},
		// SQLite.
		{msg: "sampling table main.\"v\": bad JSON path: '$" + curp + "' (1)", keep: []string{`main."v"`}},
		{msg: "fts5: syntax error near \"" + name + "\" (1)"},
	}
	for _, c := range cases {
		got := ScrubData(c.msg)
		for _, v := range []string{curp, name, "BRIEN"} {
			if strings.Contains(got, v) {
				t.Errorf("ScrubData(%q) = %q: still holds %q", c.msg, got, v)
			}
		}
		if c.want != "" && got != c.want {
			t.Errorf("ScrubData(%q)\n = %q\nwant %q", c.msg, got, c.want)
		}
		for _, k := range c.keep {
			if !strings.Contains(got, k) {
				t.Errorf("ScrubData(%q) = %q: lost %q", c.msg, got, k)
			}
		}
		if again := ScrubData(got); again != got {
			t.Errorf("ScrubData is not idempotent on %q: %q", got, again)
		}
	}
}

// Messages that name objects, as servers and connectors word them, come
// out unchanged: users need the names to act.
func TestScrubDataKeepsObjectNames(t *testing.T) {
	for _, msg := range []string{
		`relation "public.personas" does not exist (SQLSTATE 42P01)`,
		`column "curp" of relation "personas" does not exist`,
		`database "padron" does not exist (SQLSTATE 3D000)`,
		`password authentication failed for user "auditor": check the password (SQLSTATE 28P01)`,
		`no pg_hba.conf entry for host "10.0.0.5", user "auditor", database "padron", no encryption`,
		`permission denied for table personas: the user needs SELECT on it (SQLSTATE 42501)`,
		`invalid byte sequence for encoding "UTF8": 0xe9 0x20 (SQLSTATE 22021)`,
		`sampling table public."Personas Fisicas": timed out`,
		"Error 1146 (42S02): Table 'padron.personas' doesn't exist",
		"Error 1054 (42S22): Unknown column 'curp' in 'field list'",
		"Error 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)",
		"Error 1142 (42000): SELECT command denied to user 'u'@'h' for table `padron`.`personas`",
		`user "u" may not use database "padron": Error 1044 (42000): Access denied for user 'u'@'%' to database 'padron'`,
		`cannot resolve host "db.example": no such host`,
		"Invalid object name 'dbo.personas'.",
		"Cannot open database \"padron\" requested by the login. The login failed.",
		"Login failed for user 'auditor'.",
		"The SELECT permission was denied on the object 'personas', database 'padron', schema 'dbo'.",
		`reading columns of table main."it's": no such table`,
		"the view cannot be read (its definer or this user lacks rights, or a table it uses is gone): Error 1356 (HY000): View 'db.v' references invalid table(s)",
	} {
		if got := ScrubData(msg); got != msg {
			t.Errorf("ScrubData changed a message without values:\n in  %q\n out %q", msg, got)
		}
	}
}

func TestScrubCredentials(t *testing.T) {
	for _, c := range []struct{ in, leak string }{
		{`"root:s3cr3t@tcp(127.0.0.1:3306)/db" is not a source`, "s3cr3t"},
		{`"postgres//u:s3cr3t@h/db" is not a source`, "s3cr3t"},
		{`mysql source "mysql:u:s3cr3t@h/x": expected mysql://user@host`, "s3cr3t"},
		{`"postgres://u:s3/cr3t@h/db"`, "cr3t"},
		{`sqlserver://u@h?database=d&pwd=s3cr3t&x=1`, "s3cr3t"},
		{`host=h password=s3cr3t dbname=d`, "s3cr3t"},
		{`PGPASSWORD=s3cr3t alcance scan`, "s3cr3t"},
		{`u:p@ss:w0rd@h`, "w0rd"},
	} {
		got := ScrubCredentials(c.in)
		if strings.Contains(got, c.leak) {
			t.Errorf("ScrubCredentials(%q) = %q: still holds %q", c.in, got, c.leak)
		}
	}
	for _, keep := range []string{
		"Error 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)",
		"timed out after 5m0s: the server stopped answering",
		"cannot connect to 127.0.0.1:5432: connection refused",
		"postgres://auditor@10.0.0.5:5432/padron?sslmode=require",
	} {
		if got := ScrubCredentials(keep); got != keep {
			t.Errorf("ScrubCredentials(%q) = %q: changed a message without a password", keep, got)
		}
	}
}

func TestScrubErrorKeepsTheChain(t *testing.T) {
	base := fmt.Errorf("sampling table public.v: %w: invalid input syntax for type integer: \"%s\"", context.DeadlineExceeded, curp)
	err := ScrubError(base, []string{"s3cr3t"})
	if strings.Contains(err.Error(), curp) {
		t.Errorf("ScrubError kept the value: %v", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Error("ScrubError lost the error chain")
	}
	if ScrubError(err, nil) != err {
		t.Error("ScrubError wrapped an error it had already scrubbed")
	}
	clean := errors.New("permission denied for table personas")
	if ScrubError(clean, nil) != clean {
		t.Error("ScrubError wrapped an error that needed nothing")
	}
	if ScrubError(nil, nil) != nil {
		t.Error("ScrubError(nil) is not nil")
	}
}
