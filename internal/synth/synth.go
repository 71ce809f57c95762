package synth

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// Config says what to generate.
type Config struct {
	// Seed makes the corpus: the same Seed and Persons give byte-identical
	// tables, labels and SQLite contents.
	Seed uint64
	// Persons is the size of the person pool, from a few thousand to
	// millions; tables are sized from it.
	Persons int
	// Today is the reference day for ages, enrollment and visit dates, and
	// for the "born in the future" CURP check. Zero means DefaultToday.
	Today time.Time
	// Styles are the tables to build, in order; nil means DefaultStyles().
	Styles []Style
}

// DefaultToday is the reference day when Config.Today is zero.
var DefaultToday = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

// MaxPersons bounds the pool: person indices are int32 and a register
// entry packs them with flags.
const MaxPersons = 1 << 28

// A Style builds one table. Build receives the pool and the table's own
// random stream, derived from Config.Seed and Name, so tables are
// independent of each other and of their order. Adding a table is one new
// file holding a Build function, plus its line in a style list.
type Style struct {
	Name  string // the table's name, unique in a corpus
	Build func(p *Pool, r *rand.Rand) *Table
}

// DefaultStyles are the tables of the demo and test corpus (the tuning set
// `make eval` measures): the kinds of system holding personal data, and
// hard negatives that only look like it.
func DefaultStyles() []Style {
	return []Style{
		{"padron_beneficiarios", buildPadron},
		{"consultas", buildConsultas},
		{"RCNACIM", buildRCNacim},
		{"EXP_PROV_2019", buildVendorExport},
		{"cat_productos", buildProductos},
		{"proveedores", buildProveedores},
		{"facturas", buildFacturas},
		{"bitacora_auditoria", buildBitacora},
		{"cat_medicamentos", buildMedicamentos},
		{"cat_cie10", buildCatCIE10},
		{"cat_unidades_medicas", buildCatUnidades},
		{"cat_municipios", buildCatMunicipios},
		{"inventario_almacen", buildInventario},
		{"nomina_empleados", buildNomina},
		{"LISTA_NOMINAL", buildListaNominal},
		{"pagos_beneficiarios", buildPagos},
		{"censo_cronicos", buildCronicos},
		{"plazas", buildPlazas},
		{"cuentas_bancarias", buildCuentas},
		{"terminales_tpv", buildTerminales},
		{"cat_oficinas", buildCatOficinas},
		{"activos_informaticos", buildActivosTI},
		{"cat_puestos_unidad", buildCatPuestosUnidad},
		{"urgencias_atenciones", buildUrgencias},
		{"clinic_patients_export", buildClinicCRM},
		{"domicilios_historial", buildDomicilios},
		{"solicitudes_web", buildSolicitudesWeb},
		{"bitacora_traslados", buildBitacoraTraslados},
		{"atencion_ciudadana", buildAtencionCiudadana},
		{"padron_contribuyentes", buildPadronContribuyentes},
		{"lotes_vacunas", buildLotesVacunas},
		{"personal_salud", buildPersonalSalud},
		{"defunciones_registro", buildDefuncionesRegistro},
	}
}

// Corpus is a generated set of tables over one person pool.
type Corpus struct {
	Config Config
	Pool   *Pool
	Tables []*Table
	labels Labels
}

// Generate builds the pool and every table's plan. Rows are produced later,
// by each table's Generate, so memory stays proportional to the pool and
// the row plans, never to the rows' values.
func Generate(cfg Config) (*Corpus, error) {
	if cfg.Persons <= 0 {
		return nil, errors.New("synth: Persons must be positive")
	}
	if cfg.Persons > MaxPersons {
		return nil, fmt.Errorf("synth: at most %d persons", MaxPersons)
	}
	if cfg.Today.IsZero() {
		cfg.Today = DefaultToday
	}
	y, m, d := cfg.Today.Date()
	cfg.Today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if cfg.Styles == nil {
		cfg.Styles = DefaultStyles()
	}
	pool, err := newPool(cfg)
	if err != nil {
		return nil, err
	}
	pool.buildWorld()
	c := &Corpus{Config: cfg, Pool: pool}
	seen := map[string]bool{}
	for _, s := range cfg.Styles {
		if seen[s.Name] {
			return nil, fmt.Errorf("synth: two styles named %q", s.Name)
		}
		seen[s.Name] = true
		t := s.Build(pool, newRand(cfg.Seed, "table/"+s.Name))
		if t.Name != s.Name {
			return nil, fmt.Errorf("synth: style %q built table %q", s.Name, t.Name)
		}
		c.Tables = append(c.Tables, t)
	}
	if err := c.resolveKeys(); err != nil {
		return nil, err
	}
	c.labels = c.computeLabels()
	return c, nil
}

// resolveKeys checks the keys the styles declared and drops the foreign
// keys whose table is not in the corpus (a style list generated without
// the catalogue it points at). A key that names a missing column, or a
// reference to anything but the referenced table's primary key, is a bug
// in a style.
func (c *Corpus) resolveKeys() error {
	for _, t := range c.Tables {
		for _, name := range t.PrimaryKey {
			if t.Column(name) < 0 {
				return fmt.Errorf("synth: table %s: primary key column %q does not exist", t.Name, name)
			}
		}
		var kept []ForeignKey
		for _, fk := range t.ForeignKeys {
			ref := c.Table(fk.RefTable)
			if ref == nil {
				continue
			}
			if len(fk.Columns) == 0 || !slices.Equal(fk.RefColumns, ref.PrimaryKey) || len(fk.Columns) != len(fk.RefColumns) {
				return fmt.Errorf("synth: table %s: foreign key %v must reference the primary key %v of %s", t.Name, fk.Columns, ref.PrimaryKey, ref.Name)
			}
			for i, name := range fk.Columns {
				k := t.Column(name)
				if k < 0 {
					return fmt.Errorf("synth: table %s: foreign key column %q does not exist", t.Name, name)
				}
				a, b := t.Columns[k].Type, ref.Columns[ref.Column(fk.RefColumns[i])].Type
				if a.IsText() != b.IsText() || a.Kind == KindInteger != (b.Kind == KindInteger) {
					return fmt.Errorf("synth: table %s: foreign key column %q (%s) cannot hold %s.%s (%s)", t.Name, name, a.SQL(), ref.Name, fk.RefColumns[i], b.SQL())
				}
			}
			kept = append(kept, fk)
		}
		t.ForeignKeys = kept
	}
	return nil
}

// Institutions lists the institutions whose systems hold the corpus's
// tables (Table.Institution), in the order of their first table; a
// corpus whose tables name none has one, "".
func (c *Corpus) Institutions() []string {
	var out []string
	for _, t := range c.Tables {
		if !slices.Contains(out, t.Institution) {
			out = append(out, t.Institution)
		}
	}
	return out
}

// OfInstitution is the part of the corpus one institution holds: the same
// configuration and pool, that institution's tables (nil when it has
// none), and labels counted over them alone, so it is written as the
// institution's own database by WriteSQLite, WritePostgres or WriteMySQL
// and scored against its own figures. The tables are shared with c, not
// copied: their rows are the same.
func (c *Corpus) OfInstitution(name string) *Corpus {
	sub := &Corpus{Config: c.Config, Pool: c.Pool}
	sub.Config.Styles = nil
	for _, t := range c.Tables {
		if t.Institution == name {
			sub.Tables = append(sub.Tables, t)
		}
	}
	if len(sub.Tables) == 0 {
		return nil
	}
	for _, s := range c.Config.Styles {
		if sub.Table(s.Name) != nil {
			sub.Config.Styles = append(sub.Config.Styles, s)
		}
	}
	sub.labels = sub.computeLabels()
	return sub
}

// Table finds a table by name, or nil.
func (c *Corpus) Table(name string) *Table {
	for _, t := range c.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}
