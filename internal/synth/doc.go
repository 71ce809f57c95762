// Package synth generates the synthetic legacy databases that alcance's
// demo scans, its tests use and `make eval` scores detectors against.
// Everything is synthetic: names are random combinations of single names
// and surnames, CURPs are built from them by the real rules, and no row
// describes a real person.
//
// # Shape
//
// Generate(Config) builds a Pool of people (pool.go) and the world they
// share (world.go: the health register, the health facilities and their
// doctors, the supplier companies), then one Table per Style. A table keeps
// only its row plan in memory: which person each row is about, and how the
// row writes the CURP. Table.Generate replays the rows from a seed drawn at
// build time, so the same table yields the same rows on every call and
// millions of rows never sit in memory. WriteSQLite (sqlite.go) loads them;
// writers for other databases consume the same Tables, whose column types
// are dialect-neutral (Type).
//
// Adding a table is one file: a func(*Pool, *rand.Rand) *Table, listed in a
// []Style passed as Config.Styles (DefaultStyles for the demo corpus). The
// *rand.Rand is the table's own stream, so a new table never changes the
// others. A style fills Table.Persons with the people whose valid CURP it
// writes in a CURP column, and its columns' Labels, by the rules below.
//
// # Labelling rules (the ground truth in Labels)
//
// A column is labelled with every taxonomy category (docs/taxonomy.md) it
// truly holds, and with nothing else:
//
//   - curp: columns holding CURPs. Placeholders (SIN CURP, blanks, NULL) and
//     CURPs with capture errors are in the column but are not persons.
//   - person_name: given names, surnames, full names in any order, parents'
//     names, staff names such as the attending doctor. Company names,
//     facility names (even HOSPITAL GENERAL DR. ...), street names
//     (BENITO JUAREZ) and programme names (BECAS BENITO JUAREZ) are not.
//   - birthdate: dates of birth in any storage form (DATE, YYYYMMDD text,
//     DD/MM/YYYY text). Registration, affiliation, validity, visit,
//     payment, invoice and audit dates are not, and get no label.
//   - address: street and number, colonia, or a one-line address. A
//     municipality or state column alone is not an address and gets none.
//   - postal_code: the postal code of a person's address, also when a
//     spreadsheet dropped its leading zero. Five-digit amounts, stocks and
//     budget codes are not.
//   - phone, email: a person's telephone and e-mail.
//   - health_enrollment: the póliza folio and the health programme a person
//     is enrolled in. Social programmes (pensions, scholarships) are not
//     health programmes and get no label.
//   - health_condition: CIE-10 codes and diagnosis text in a person's
//     record. A catalogue of diagnoses or medicines is not.
//   - health_facility: the CLUES of the unit that attended a person. A
//     catalogue of units is not.
//   - Ids, foreign keys, amounts, status codes, batch numbers, sex and
//     state-of-birth codes get no label: they are not taxonomy categories.
//   - Free text is labelled with each category present in at least 5% of
//     its non-empty values: consultas.notas holds patients' names (~40%),
//     conditions (~60%) and CURPs (~15%), so it is [curp, person_name,
//     health_condition].
//   - Hard-negative tables (Table.HardNegative) hold no personal data by
//     construction; every column is labelled [].
//
// Labels.Persons is the number of distinct CURPs that pass
// validate.ParseCURP (with Config.Today) across all columns whose only label
// is curp, free text excluded. It is counted from the row plans while the
// tables are built (Table.Persons), and the tests check it against an
// independent recount from a written SQLite file.
//
// # Determinism
//
// Same Seed and Persons give byte-identical rows, labels and SQLite
// contents. Every random choice comes from a math/rand/v2 PCG stream named
// after what it decides (rng.go); nothing iterates a map to generate, and
// only integer arithmetic decides anything.
package synth
