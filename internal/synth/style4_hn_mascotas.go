package synth

import (
	"math/rand/v2"
	"strings"
)

// vet_mascotas: the patients of a veterinary clinic, one row per animal,
// keyed to its owner by an id only: the pet's name as the owners write it
// (lower case, often a human name or a nickname: lupita, pancho, canela,
// firulais), species, breed, sex, the animal's birth date, weight, rabies
// vaccine and deworming dates and its last diagnosis.
//
// An animal is not a person: its name, birth date, weight, vaccinations
// and diseases are no personal data, and an owner's id alone names no one
// (doc.go). A hard negative.
func r4BuildMascotas(p *Pool, r *rand.Rand) *Table {
	n := scaled(p.Len(), 1, 15, 80, 20000)
	t := &Table{
		Name:         "vet_mascotas",
		Style:        "hard-negative",
		HardNegative: true,
		Rows:         n,
		Columns: []Column{
			col("id_mascota", Integer),
			col("id_propietario", Integer),
			col("nombre", Varchar(30)),
			col("especie", Varchar(10)),
			col("raza", Varchar(30)),
			col("sexo", Char(1)),
			col("fecha_nacimiento", Date),
			col("peso_kg", Decimal(5, 2)),
			col("vacuna_antirrabica", Date),
			col("desparasitacion", Date),
			col("ultimo_diagnostico", Varchar(60)),
		},
	}
	today := p.Today()
	seed := r.Uint64()
	t.Generate = func(yield func([]any) bool) {
		r := rowRand(seed)
		for k := range n {
			dog := chance(r, 650)
			species, breeds, ill := "GATO", r4CatBreeds, r4CatIllness
			if dog {
				species, breeds, ill = "PERRO", r4DogBreeds, r4DogIllness
			}
			name := pick(r, r4PetNames)
			if chance(r, 150) {
				name = strings.ToUpper(name[:1]) + name[1:]
			}
			born := r4DayBetween(r, today.AddDate(-15, 0, 0), today.AddDate(0, -2, 0))
			var rabia, desp any
			if chance(r, 750) {
				rabia = r4DayBetween(r, born.AddDate(0, 3, 0), today)
			}
			if chance(r, 600) {
				desp = r4DayBetween(r, born.AddDate(0, 1, 0), today)
			}
			kg := float64(between(r, 250, 800)) / 100
			if dog {
				kg = float64(between(r, 200, 4500)) / 100
			}
			row := []any{int64(k + 1), int64(between(r, 1, n*2/3+1)), name, species, pick(r, breeds), pick(r, []string{"M", "H"}),
				born, kg, rabia, desp, r4Nullable(r, 300, pick(r, ill))}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

var (
	r4PetNames = []string{"firulais", "canela", "lupita", "pancho", "max", "luna", "rocky", "chispa", "princesa", "negro",
		"manchas", "bobby", "kira", "toby", "nala", "simba", "coco", "pelusa", "bigotes", "michi", "chato", "guera",
		"rufo", "maya", "lola", "tommy", "peluche", "bruno", "frida", "chocolate", "oso", "nena", "solovino", "copito"}
	r4DogBreeds  = []string{"MESTIZO", "MESTIZO", "CHIHUAHUA", "LABRADOR", "PASTOR ALEMAN", "SCHNAUZER", "PITBULL", "FRENCH POODLE", "XOLOITZCUINTLE"}
	r4CatBreeds  = []string{"DOMESTICO", "DOMESTICO", "SIAMES", "PERSA", "ANGORA"}
	r4DogIllness = []string{"PARVOVIROSIS", "MOQUILLO", "DERMATITIS ALERGICA", "OTITIS EXTERNA", "GASTROENTERITIS", "SARNA DEMODECICA", "DISPLASIA DE CADERA"}
	r4CatIllness = []string{"RINOTRAQUEITIS", "CISTITIS", "OTITIS", "DERMATOFITOSIS", "GINGIVITIS"}
)
