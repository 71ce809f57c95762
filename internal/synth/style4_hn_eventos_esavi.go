package synth

import "math/rand/v2"

// cat_eventos_esavi: the catalogue of events supposedly attributable to
// vaccination that the surveillance system codes, one row per event: the
// key, the event, its case definition (FIEBRE DE 39 °C O MAS EN LAS 48
// HORAS SIGUIENTES...), its usual seriousness, when it appears and the
// vaccines it is associated with. Definitions, not cases: a hard negative
// (doc.go).
func r4BuildCatEventosESAVI(p *Pool, r *rand.Rand) *Table {
	t := &Table{
		Name:         "cat_eventos_esavi",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         len(r4ESAVIEvents),
		Columns: []Column{
			col("clave", Char(5)),
			col("evento", Varchar(60)),
			col("definicion", Text),
			col("gravedad", Varchar(10)),
			col("tiempo_aparicion", Varchar(20)),
			col("vacunas_asociadas", Varchar(80)),
		},
	}
	t.Generate = func(yield func([]any) bool) {
		for _, e := range r4ESAVIEvents {
			if !yield([]any{e.key, e.event, e.definition, e.severity, e.onset, e.vaccines}) {
				return
			}
		}
	}
	return t
}

var r4ESAVIEvents = []struct{ key, event, definition, severity, onset, vaccines string }{
	{"E0101", "FIEBRE", "TEMPERATURA AXILAR DE 38 °C O MAS EN LAS 48 HORAS SIGUIENTES A LA VACUNACION", "NO GRAVE", "0 A 48 HORAS", "HEXAVALENTE, DPT, NEUMOCOCICA, INFLUENZA"},
	{"E0102", "REACCION LOCAL", "DOLOR, ENROJECIMIENTO O INDURACION EN EL SITIO DE APLICACION", "NO GRAVE", "0 A 48 HORAS", "TODAS LAS INYECTABLES"},
	{"E0103", "ABSCESO EN SITIO DE APLICACION", "COLECCION FLUCTUANTE EN EL SITIO DE LA INYECCION, CON O SIN FIEBRE", "NO GRAVE", "1 A 14 DIAS", "BCG, HEXAVALENTE"},
	{"E0104", "LINFADENITIS POR BCG", "CRECIMIENTO DE GANGLIOS AXILARES DE MAS DE 1.5 CM DEL LADO DE LA VACUNA", "NO GRAVE", "2 A 6 MESES", "BCG"},
	{"E0201", "LLANTO PERSISTENTE", "LLANTO INCONSOLABLE DE 3 HORAS O MAS", "NO GRAVE", "0 A 48 HORAS", "HEXAVALENTE, DPT"},
	{"E0202", "EPISODIO HIPOTONICO HIPORREACTIVO", "DISMINUCION SUBITA DEL TONO MUSCULAR Y DE LA RESPUESTA A ESTIMULOS", "GRAVE", "0 A 48 HORAS", "HEXAVALENTE, DPT"},
	{"E0301", "CRISIS CONVULSIVA", "CONVULSIONES CON O SIN FIEBRE, DE CUALQUIER DURACION", "GRAVE", "0 A 14 DIAS", "DPT, SRP"},
	{"E0302", "SINDROME DE GUILLAIN-BARRE", "PARALISIS FLACIDA AGUDA ASCENDENTE CON ARREFLEXIA", "GRAVE", "1 A 42 DIAS", "INFLUENZA, COVID-19"},
	{"E0401", "ANAFILAXIA", "REACCION ALERGICA GRAVE CON COMPROMISO RESPIRATORIO O CIRCULATORIO", "GRAVE", "0 A 1 HORA", "TODAS"},
	{"E0402", "EXANTEMA", "ERUPCION MACULOPAPULAR GENERALIZADA", "NO GRAVE", "5 A 12 DIAS", "SRP, VARICELA"},
	{"E0501", "TROMBOSIS CON TROMBOCITOPENIA", "TROMBOSIS EN SITIO INUSUAL CON PLAQUETAS MENORES A 150 000", "GRAVE", "4 A 42 DIAS", "COVID-19 DE VECTOR VIRAL"},
	{"E0502", "MIOCARDITIS", "DOLOR TORACICO CON ELEVACION DE TROPONINAS Y CAMBIOS EN EL ELECTROCARDIOGRAMA", "GRAVE", "1 A 14 DIAS", "COVID-19 ARN MENSAJERO"},
	{"E0601", "ERROR PROGRAMATICO", "EVENTO POR TECNICA, DOSIS, VIA O CONSERVACION INCORRECTAS DE LA VACUNA", "NO GRAVE", "VARIABLE", "TODAS"},
	{"E0701", "ANSIEDAD POR INMUNIZACION", "LIPOTIMIA, HIPERVENTILACION O MAREO RELACIONADOS CON EL MIEDO A LA INYECCION", "NO GRAVE", "0 A 30 MINUTOS", "TODAS"},
}
