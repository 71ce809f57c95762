package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/alcance-mx/alcance/reports"
)

// checkOutputs makes sure every file alcance was asked to write can be
// written, before anything is scanned: a report that cannot be written is
// bad usage (exit 2), found in a second rather than after an hour's scan.
// Each needs a known extension, an existing folder alcance may create
// files in, and no folder or non-regular file already at its path. The
// check creates and removes a temporary file in each folder; it never
// creates a folder.
func checkOutputs(paths []string, kinds map[string]string) error {
	seen := map[string]string{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return usagef("%s: %v", p, err)
		}
		if other, dup := seen[abs]; dup {
			return usagef("%s is given twice (%s and %s): each output needs its own file", p, other, kinds[p])
		}
		seen[abs] = kinds[p]
		if err := checkWritable(p); err != nil {
			return usagef("%s %s cannot be written: %v", kinds[p], p, err)
		}
	}
	return nil
}

func checkWritable(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("the folder %s does not exist (alcance does not create folders)", dir)
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("%s exists and is not a regular file", path)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".check.*")
	if err != nil {
		return fmt.Errorf("the folder %s is not writable: %w", dir, errors.Unwrap(err))
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// writeFile writes data to path atomically: a reader never sees half a
// report, and a failed write leaves any earlier file in place.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// render writes rep in the format path's extension names.
func render(path string, rep *reports.Report) ([]byte, error) {
	format, err := reports.FormatForFile(path)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := reports.Formats[format].Write(&buf, rep); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", path, err)
	}
	return buf.Bytes(), nil
}

// writeReportFile renders rep into path, atomically.
func writeReportFile(path string, rep *reports.Report) error {
	data, err := render(path, withPersonsFileFrom(rep, path))
	if err != nil {
		return err
	}
	return writeFile(path, data)
}

// withPersonsFileFrom names the persons file relative to the folder of the
// report written at path, as merge reads it (docs/contract.md), so that a
// report and its persons file can be handed over together.
func withPersonsFileFrom(rep *reports.Report, path string) *reports.Report {
	pf := rep.Exposure.PersonsFile
	if pf == nil || !filepath.IsAbs(pf.Path) {
		return rep
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return rep
	}
	rel, err := filepath.Rel(dir, pf.Path)
	if err != nil {
		return rep
	}
	c := *rep
	npf := *pf
	npf.Path = filepath.ToSlash(rel)
	c.Exposure.PersonsFile = &npf
	return &c
}

// documentPath checks that an annex or certificate file is .html or .md.
func documentPath(flag, path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".md", ".markdown":
		return nil
	}
	return usagef("--%s %s: the file must end in .html or .md", flag, path)
}

// besideJSON is the JSON report written beside a certificate: the
// certificate's path with .json for its extension.
func besideJSON(cert string) string {
	return strings.TrimSuffix(cert, filepath.Ext(cert)) + ".json"
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
