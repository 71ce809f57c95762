// Package validate holds the pure, allocation-light validators that every
// detector shares: one parser per identifier or format (CURP, RFC, NSS,
// CLABE, payment cards, INE clave de elector, CLUES, CIE-10, postal codes,
// phones, e-mail, dates) plus the placeholder test, each returning the
// canonical value and a Reason rather than a bool, so a detector can count
// why a column's values fail. Each follows docs/mexico-identifiers.md and
// cites its section in comments; facts marked [U] there are accepted as
// hints and said so where used. Parsers take no locks, read no files and do
// not allocate for values already in canonical form: they run on millions
// of sampled values.
package validate
