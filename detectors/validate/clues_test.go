package validate

import "testing"

func TestParseCLUES(t *testing.T) {
	tests := []struct {
		in          string
		state, inst string
		want        Reason
		note        string
	}{
		// Real facility keys cited in §5 (facilities, not people).
		{"DFSSA003256", "DF", "SSA", OK, "Secretaría de Salud, CDMX"},
		{"MCIMS000454", "MC", "IMS", OK, "IMSS, Estado de México"},
		{"NLIMS000344", "NL", "IMS", OK, "IMSS, Nuevo León"},
		{"PLIMS000212", "PL", "IMS", OK, "IMSS, Puebla"},
		{"JCIST000123", "JC", "IST", OK, "ISSSTE code [U]: any three letters pass"},
		{"dfssa003256", "DF", "SSA", OK, "lower case"},
		{" DF-SSA-003256 ", "DF", "SSA", OK, "dashes and padding"},
		{"DFSSA000001", "DF", "SSA", OK, "first number"},
		// Hard negatives.
		{"NESSA003256", "", "", BadState, "NE is for people born abroad, not facilities"},
		{"CXSSA003256", "", "", BadState, "CX is not a CURP state code"},
		{"ABCDE123456", "", "", BadState, "product code with the same shape"},
		{"DFSSA000000", "", "", BadFormat, "all-zero number"},
		{"DFSS1003256", "", "", BadFormat, "digit in the institution"},
		{"DFSSA00325", "", "", BadFormat, "10 characters"},
		{"DFSSA0032561", "", "", BadFormat, "12 characters"},
		{"DFSSA00325X", "", "", BadFormat, "letter in the number"},
		{"72795608040", "", "", BadFormat, "an NSS"},
		{"", "", "", BadFormat, "empty"},
	}
	for _, tt := range tests {
		st, inst, r := ParseCLUES(tt.in)
		if r != tt.want || st != tt.state || inst != tt.inst {
			t.Errorf("ParseCLUES(%q) = %q, %q, %v; want %q, %q, %v (%s)",
				tt.in, st, inst, r, tt.state, tt.inst, tt.want, tt.note)
		}
	}
}

func TestParseCLUESAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { ParseCLUES("DFSSA003256") }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

func BenchmarkParseCLUES(b *testing.B) {
	vals := []string{"DFSSA003256", "MCIMS000454", "ABCDE123456", "72795608040"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseCLUES(vals[i%len(vals)])
	}
}
