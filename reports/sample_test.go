package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/taxonomy"
)

// go test ./reports -update rewrites the golden files from the writers.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// render writes r in format, failing the test on an error.
func render(t *testing.T, format string, r *Report) []byte {
	t.Helper()
	w, ok := Formats[format]
	if !ok {
		t.Fatalf("format %q is not registered", format)
	}
	var b bytes.Buffer
	if err := w.Write(&b, r); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./reports -update and review the diff\n--- got ---\n%s", path, got)
	}
}

func finding(cat string, conf, rate float64, ex ...string) Finding {
	return Finding{Category: cat, Confidence: conf, MatchRate: rate,
		Evidence: []string{"column_name", "value_format"}, Examples: ex}
}

// nameOnly marks a finding that rests on the column name alone.
func nameOnly(f Finding) Finding {
	f.Evidence, f.NameOnly = []string{"column_name"}, true
	return f
}

func est(v, lo, hi int64) Estimate { return Estimate{Value: v, Low: lo, High: hi} }

// sampleReport is one rich report used by every golden: three sources, one
// of which failed to open; tables of every tier; exact and estimated counts;
// masked examples; an error on one table.
func sampleReport() *Report {
	start := time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC)
	return &Report{
		Schema: Schema,
		Tool:   Tool{Name: "alcance", Version: "0.3.0"},
		Scan: Scan{Mode: "sample", SampleRows: 10000, StartedAt: start,
			FinishedAt: start.Add(4*time.Minute + 12*time.Second),
			FailOn:     []string{taxonomy.CURP, taxonomy.HealthCondition}},
		Sources: []Source{
			{
				Name: "padron", Kind: "postgres", Location: "postgres://auditor@10.0.0.5:5432/padron",
				Tables: []Table{
					{
						Schema: "public", Name: "contactos", Rows: Rows{Value: 25000}, SampledRows: 10000,
						Columns: []Column{
							{Name: "nombre_completo", Type: "varchar(120)", Findings: []Finding{
								finding(taxonomy.PersonName, 0.9, 0.88, "M**** L**** R*****", "J*** P****")}},
							{Name: "correo", Type: "varchar(80)", Findings: []Finding{
								finding(taxonomy.Email, 0.99, 0.95, "j*********@example.com")}},
						},
						Exposure: TableExposure{Records: est(22000, 21400, 22600),
							Categories: []string{taxonomy.PersonName, taxonomy.Email}, Tier: taxonomy.TierMedium,
							Method: "sample of 10,000 rows, scaled to the catalog's row estimate"},
					},
					{
						Schema: "public", Name: "beneficiarios", Rows: Rows{Value: 40000}, SampledRows: 10000,
						Columns: []Column{
							{Name: "curp", Type: "character(18)", Findings: []Finding{{
								Category: taxonomy.CURP, Confidence: 0.99, MatchRate: 0.97,
								Evidence: []string{"column_name", "value_format", "check_digit", "row_consistency"},
								Examples: []string{"GOMC******HDFRRL0*", "PEXJ******MJCRRN0*"}}}},
							{Name: "nombre", Type: "varchar(100)", Findings: []Finding{
								finding(taxonomy.PersonName, 0.95, 0.99, "H******** G***** J***")}},
							{Name: "fecha_nac", Type: "varchar(10)", Findings: []Finding{
								finding(taxonomy.Birthdate, 0.92, 0.96, "**/**/1963", "**/**/1987")}},
							{Name: "padecimiento", Type: "text", Truncated: true, Findings: []Finding{
								finding(taxonomy.HealthCondition, 0.8, 0.41, "E1*.*", "D******* T**** *")}},
							{Name: "municipio", Type: "varchar(60)", Findings: []Finding{}},
						},
						Exposure: TableExposure{Records: est(40000, 39100, 40000),
							Categories: []string{taxonomy.CURP, taxonomy.PersonName, taxonomy.Birthdate, taxonomy.HealthCondition},
							Tier:       taxonomy.TierCritical,
							ByCategory: map[string]Estimate{taxonomy.CURP: Exact(38800), taxonomy.HealthCondition: est(16400, 15800, 17000)},
							Method:     "CURP column read in full; other figures from a sample of 10,000 rows"},
					},
					{
						Schema: "public", Name: "pagos", Rows: Rows{Value: 12000, Exact: true}, SampledRows: 10000,
						Columns: []Column{{Name: "clabe", Type: "char(18)", Findings: []Finding{
							finding(taxonomy.CLABE, 0.99, 1, "01****************")}}},
						Exposure: TableExposure{Records: Exact(12000), Categories: []string{taxonomy.CLABE},
							Tier: taxonomy.TierHigh},
					},
					{
						Schema: "public", Name: "cat_municipios", Rows: Rows{Value: 2469, Exact: true}, SampledRows: 2469,
						Columns:  []Column{{Name: "clave", Type: "char(5)"}, {Name: "nombre", Type: "varchar(80)"}},
						Exposure: TableExposure{Tier: taxonomy.TierNone},
					},
				},
				Errors:      []Error{{Table: "public.audit_log", Error: "permission denied for table audit_log"}},
				Institution: "Secretaría de Bienestar",
				Links: []Link{{From: "public.pagos.id_beneficiario", To: "public.beneficiarios.id", Declared: true},
					{From: "public.contactos.curp_ben", To: "public.beneficiarios.curp"}},
				Warnings: []string{"the login may not see every table: it lacks SELECT on schema archivo"},
				Exposure: &SourceExposure{Figures{
					Persons:           fig(est(41000, 41000, 43500).Opened(), "persons.identity+high.names+open.not_scanned"),
					PersonsWithHealth: fig(Exact(16100).Opened(), "health.linked+open.not_scanned"),
					Minors:            fig(Exact(5200).Opened(), "minors+open.not_scanned"),
					OlderAdults:       fig(Exact(6100).Opened(), "older+open.not_scanned"),
					IdentityKit:       fig(Exact(35200).Opened(), "kit+open.not_scanned"),
					Financial:         fig(Exact(11900).Opened(), "financial+open.not_scanned"),
				}},
				Fingerprint: &Fingerprint{ServerVersion: "PostgreSQL 15.8", Database: "padron",
					TablesDigest: strings.Repeat("5e", 32), Tables: 5},
			},
			{
				Name: "expedientes", Kind: "sqlite", Location: "sqlite:///srv/legacy/expedientes.db",
				Tables: []Table{
					{
						Name: "domicilios", Rows: Rows{Value: 8000, Exact: true}, SampledRows: 8000,
						Columns: []Column{
							{Name: "calle", Type: "TEXT", Findings: []Finding{
								nameOnly(finding(taxonomy.Address, 0.8, 0.9, "C**** H****** **"))}},
							{Name: "cp", Type: "TEXT", Findings: []Finding{
								finding(taxonomy.PostalCode, 0.9, 0.98, "06***")}},
						},
						Exposure: TableExposure{Records: Exact(8000),
							Categories: []string{taxonomy.Address, taxonomy.PostalCode}, Tier: taxonomy.TierLow},
					},
					{
						Name: "consultas", Rows: Rows{Value: 52000, Exact: true}, SampledRows: 10000,
						Columns: []Column{
							{Name: "curp_paciente", Type: "TEXT", Findings: []Finding{
								finding(taxonomy.CURP, 0.99, 0.93, "ROLA******MDFDPR0*")}},
							{Name: "clues", Type: "TEXT", Findings: []Finding{
								finding(taxonomy.HealthFacility, 0.9, 1, "DF**********")}},
						},
						Exposure: TableExposure{Records: Exact(52000),
							Categories: []string{taxonomy.CURP, taxonomy.HealthFacility}, Tier: taxonomy.TierCritical},
					},
				},
				Institution: "Servicios de Salud del Estado",
				Skipped:     []Skipped{{Path: "respaldo/leeme.pdf", Reason: "not a source alcance reads"}},
				Exposure: &SourceExposure{Figures{
					Persons:           fig(Exact(21100), "persons.identity"),
					PersonsWithHealth: fig(Exact(21100), "health.linked"),
					Minors:            fig(Exact(4100), "minors"),
					OlderAdults:       fig(Exact(1000), "older"),
					IdentityKit:       fig(Exact(0), "kit"),
					Financial:         fig(Exact(0), "financial"),
				}},
				Fingerprint: &Fingerprint{SHA256: strings.Repeat("c0ffee", 10) + "c0ff", Size: 48234496},
			},
			{
				Name: "registro_civil", Kind: "mysql", Location: "mysql://auditor@10.0.0.7:3306/registro",
				Errors: []Error{{Error: "dial tcp 10.0.0.7:3306: connect: connection refused"}},
			},
		},
		Exposure: Exposure{
			Figures: Figures{
				// A source failed to open: every figure is a lower bound.
				Persons:           fig(est(58000, 58000, 0).Opened(), "persons.identity+high.names+open.not_scanned"),
				PersonsWithHealth: fig(Exact(16100).Opened(), "health.linked+open.not_scanned"),
				Minors:            fig(Exact(9300).Opened(), "minors+open.not_scanned"),
				OlderAdults:       fig(Exact(7100).Opened(), "older+open.not_scanned"),
				IdentityKit:       fig(Exact(35200).Opened(), "kit+open.not_scanned"),
				Financial:         fig(Exact(11900).Opened(), "financial+open.not_scanned"),
			},
			PersonsInSeveralSources: fig(Exact(4100).Opened(), "several+open.not_scanned"),
			RecordsByCategory: map[string]Estimate{
				taxonomy.CURP:            Exact(90800),
				taxonomy.PersonName:      est(61600, 60500, 62600),
				taxonomy.Birthdate:       est(38400, 37600, 39200),
				taxonomy.Address:         Exact(8000),
				taxonomy.PostalCode:      Exact(7840),
				taxonomy.Email:           est(20900, 20300, 21500),
				taxonomy.HealthCondition: est(16400, 15800, 17000),
				taxonomy.HealthFacility:  Exact(52000),
				taxonomy.CLABE:           Exact(12000),
			},
			TablesByTier: map[string]int{taxonomy.TierCritical: 2, taxonomy.TierHigh: 1,
				taxonomy.TierMedium: 1, taxonomy.TierLow: 1, taxonomy.TierNone: 1},
			KeyID:       "hk1:3f9a0c41d2e87b65",
			PersonsFile: &PersonsFile{Path: "persons.jsonl", SHA256: strings.Repeat("ab12", 16), KeyID: "hk1:3f9a0c41d2e87b65"},
		},
	}
}

// fig is a person figure with its method id, its sentence left for
// Localize to fill.
func fig(e Estimate, methodID string) Figure { return Figure{Estimate: e, MethodID: methodID} }

// sampleIn is the sample report in a language, as the CLI writes it.
func sampleIn(l Lang) *Report {
	r := sampleReport()
	Localize(r, l)
	return r
}

// localized is r in a language.
func localized(r *Report, l Lang) *Report { Localize(r, l); return r }

// interruptedReport is the sample report of a scan a signal stopped.
func interruptedReport() *Report {
	r := sampleReport()
	r.Scan.Interrupted = true
	r.Exposure.Persons = fig(Exact(41000).Opened(), "persons.identity+open.interrupted")
	return r
}

// emptyReport has no sources at all.
func emptyReport() *Report {
	return &Report{Schema: Schema, Tool: Tool{Name: "alcance", Version: "0.3.0"}, Scan: Scan{Mode: "sample", SampleRows: 10000}}
}

// failedReport's only source could not be opened.
func failedReport() *Report {
	r := emptyReport()
	r.Sources = []Source{{Name: "padron", Kind: "postgres", Location: "postgres://auditor@10.0.0.5:5432/padron",
		Errors: []Error{{Error: "dial tcp 10.0.0.5:5432: connect: connection refused"}}}}
	return r
}

// Hostile text a legacy database could hold in its own names and values.
const (
	evilTable   = "<script>alert(1)</script>|x"
	evilSchema  = "# head"
	evilColumn  = "`x` *y* _z_ [l](javascript:alert(1))"
	evilSource  = "=cmd|' /C calc'!A0"
	evilType    = "+1"
	evilExample = "-2+3 | `tick` <b>bold</b> &amp;"
	evilError   = "@SUM(A1)\n# injected heading\x1b[31m red \u202e"
	evilTier    = `x" onmouseover="alert(1)`
)

// hostileReport names everything after something that would break an
// output format if it were written raw.
func hostileReport() *Report {
	r := emptyReport()
	long := "tabla_con_un_nombre_larguisimo_que_no_cabe_en_ninguna_terminal_de_cien_columnas_" +
		"ni_aunque_se_intente_mucho_porque_es_larga"
	r.Sources = []Source{{
		Name: evilSource, Kind: "files", Location: "/srv/" + evilTable,
		Tables: []Table{
			{Schema: evilSchema, Name: evilTable, Rows: Rows{Value: 7, Exact: true}, SampledRows: 7,
				Columns: []Column{{Name: evilColumn, Type: evilType, Findings: []Finding{
					finding(taxonomy.PersonName, 0.9, 0.5, evilExample, "\tTAB", "\rCR")}}},
				Exposure: TableExposure{Records: Exact(7), Categories: []string{taxonomy.PersonName}, Tier: evilTier}},
			{Name: long, Rows: Rows{Value: 123456789}, SampledRows: 10000,
				Columns: []Column{{Name: "c", Type: "TEXT", Findings: []Finding{
					finding(taxonomy.Email, 0.9, 0.5, "a***@example.com")}}},
				Exposure: TableExposure{Records: est(123456789, 123000000, 124000000),
					Categories: []string{taxonomy.PersonName, taxonomy.Birthdate, taxonomy.Address,
						taxonomy.PostalCode, taxonomy.Phone, taxonomy.Email, taxonomy.HealthEnrollment},
					Tier: taxonomy.TierMedium}},
		},
		Errors:      []Error{{Table: evilTable, Error: evilError}, {Table: long, Error: strings.Repeat("very long error ", 20)}},
		Institution: "inst\x00\x1b[2J" + evilSchema,
		Warnings:    []string{evilError},
		Skipped:     []Skipped{{Path: evilTable + "\x00", Reason: evilError}},
		Links:       []Link{{From: evilColumn + "\x1b]0;title\x07", To: evilTable}},
	}}
	r.Exposure.RecordsByCategory = map[string]Estimate{taxonomy.PersonName: Exact(7)}
	return r
}
