package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// FLOTA_VEHICULAR: the vehicle fleet of a state health service (evaluation
// hard negative). Vehicle identification numbers of 17 characters with a
// valid ISO 3779 check character, plates, engine numbers, acquisition
// dates, five-digit odometer readings (postal-code look-alikes), the
// vehicle's insurance policy (an insurance policy that is not a person's
// health enrollment) and the area that keeps it. No column names a
// person: the resguardante is an area, not an employee.
func buildEvalFlota(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 30, 120, 20000)
	t := &Table{
		Name:         "FLOTA_VEHICULAR",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		PrimaryKey:   []string{"NUM_ECONOMICO"},
		Columns: []Column{
			col("NUM_ECONOMICO", Varchar(10)),
			col("TIPO", Varchar(20)),
			col("MARCA", Varchar(20)),
			col("SUBMARCA", Varchar(20)),
			col("ANIO_MODELO", Integer),
			col("NIV", Char(17)),
			col("PLACAS", Varchar(10)),
			col("NUM_MOTOR", Varchar(12)),
			col("FECHA_ADQUISICION", Date),
			col("ODOMETRO", Integer),
			col("AREA_RESGUARDO", Varchar(80)),
			col("ASEGURADORA", Varchar(20)),
			col("POLIZA_SEGURO", Varchar(20)),
			col("COSTO_ADQUISICION", Decimal(12, 2)),
			col("ESTATUS", Varchar(12)),
		},
	}
	type model struct{ tipo, marca, sub, wmi, prefix string }
	models := []model{
		{"AMBULANCIA", "FORD", "TRANSIT", "1FT", "AMB"},
		{"AMBULANCIA", "MERCEDES BENZ", "SPRINTER", "WD3", "AMB"},
		{"PICK UP", "NISSAN", "NP300", "3N6", "PU"},
		{"PICK UP", "TOYOTA", "HILUX", "MR0", "PU"},
		{"SEDAN", "NISSAN", "VERSA", "3N1", "SED"},
		{"SEDAN", "VOLKSWAGEN", "JETTA", "3VW", "SED"},
		{"SEDAN", "CHEVROLET", "AVEO", "3G1", "SED"},
		{"CAMIONETA", "DODGE", "RAM 2500", "3C6", "CAM"},
		{"UNIDAD MOVIL", "INTERNATIONAL", "4300", "3HA", "UMM"},
	}
	const vinChars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
	const yearCodes = "ABCDEFGHJKLMNPRST" // model years 2010-2026
	const plateLetters = "ABCDEFGHJKLMNPRSTUVWXYZ"
	areas := []string{"OFICINAS CENTRALES", "DIRECCION DE ATENCION MEDICA", "CENTRO REGULADOR DE URGENCIAS MEDICAS",
		"DEPARTAMENTO DE VECTORES", "ALMACEN ESTATAL", "DIRECCION DE REGULACION SANITARIA"}
	for k := 1; k <= 12; k++ {
		areas = append(areas, fmt.Sprintf("JURISDICCION SANITARIA NO. %d", k))
	}
	insurers := []string{"QUALITAS", "GNP", "AXA", "HDI", "BANORTE", "AFIRME"}
	seed := r.Uint64()
	today := p.Today()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		letter := func() byte { return plateLetters[r.IntN(len(plateLetters))] }
		for k := range n {
			m := pick(r, models)
			year := between(r, 2010, min(2026, today.Year()))
			vin := []byte(m.wmi)
			for len(vin) < 8 {
				vin = append(vin, vinChars[r.IntN(len(vinChars))])
			}
			vin = append(vin, '0', yearCodes[year-2010], vinChars[r.IntN(len(vinChars))])
			vin = append(vin, []byte(fmt.Sprintf("%06d", r.IntN(1_000_000)))...)
			vin[8] = evVINCheck(vin)
			var placa string
			switch r.IntN(3) {
			case 0:
				placa = fmt.Sprintf("%c%c%c-%03d-%c", letter(), letter(), letter(), r.IntN(1000), letter())
			case 1:
				placa = fmt.Sprintf("%c%c%c-%02d-%02d", letter(), letter(), letter(), r.IntN(100), r.IntN(100))
			default:
				placa = fmt.Sprintf("%c%02d-%c%c%c", letter(), r.IntN(100), letter(), letter(), letter())
			}
			motor := make([]byte, 0, 12)
			for len(motor) < 11 {
				motor = append(motor, vinChars[r.IntN(len(vinChars))])
			}
			bought := time.Date(year, time.Month(between(r, 1, 12)), between(r, 1, 28), 0, 0, 0, 0, time.UTC).AddDate(0, -between(r, 0, 6), 0)
			if !bought.Before(today) {
				bought = today.AddDate(0, 0, -between(r, 1, 60))
			}
			status := "ACTIVO"
			switch n := r.IntN(100); {
			case n < 10:
				status = "EN TALLER"
			case n < 16:
				status = "BAJA"
			}
			row := []any{
				fmt.Sprintf("%s-%03d", m.prefix, k+1),
				m.tipo,
				m.marca,
				m.sub,
				int64(year),
				string(vin),
				placa,
				string(motor),
				bought,
				int64(between(r, 10000, 99999)),
				pick(r, areas),
				pick(r, insurers),
				fmt.Sprintf("%04d-%06d-%02d", r.IntN(10000), r.IntN(1_000_000), r.IntN(100)),
				money(between(r, 25000000, 180000000)),
				status,
			}
			if !yield(row) {
				return
			}
		}
	}
	t.noSubjects()
	return t
}
