package sqlite

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// How a database is opened so that neither it nor its side files change.
//
// A database whose writer is not done leaves a side file next to it: a
// WAL-mode database its -wal file (with -shm, the WAL's index), a
// rollback-mode database a hot -journal. SQLite reading such a database
// works on those files even read-only: it rebuilds and writes the -shm of
// a WAL whose writer crashed, takes read marks in the -shm of a live one,
// and must roll a hot journal back, which a read-only connection cannot.
// So:
//
//   - No side file (or an empty -wal, whose frames have all reached the
//     main file): the file is opened with immutable=1, which reads the
//     main file only, takes no locks and makes no side file.
//   - A rollback-mode database without a hot journal: opened read-only in
//     the ordinary way (shared locks, which write nothing).
//   - A -wal with frames, or a hot -journal: the database and that side
//     file are copied into a private temporary folder (never the -shm,
//     which SQLite rebuilds), SQLite brings the copy to its last committed
//     state there (replaying the WAL, or rolling the journal back), and
//     the copy is read as immutable; the folder is removed when the source
//     is closed. An application writing while the files are copied would
//     make the copy inconsistent: the files' sizes and modification times
//     are compared before and after, the copy is made again when they
//     changed, and after copyAttempts the source fails with a message that
//     says to scan when the application is idle. When the copy cannot be
//     made (no room in the temporary folder), the source fails with a
//     message that says how to make one by hand.

// copyAttempts is how many times a database that changes while it is
// copied is copied again.
const copyAttempts = 3

// journalMagic starts the header of a rollback journal that holds a
// transaction to roll back (journal_mode=PERSIST zeroes it when done).
var journalMagic = []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}

// readPlan of a file: what to open, how, and what to remove afterwards.
type openPlan struct {
	path      string // the file to open: the source, or a copy of it
	immutable bool
	tmpDir    string // a copy's folder, removed on Close; "" when none
}

// planOpen decides how to open path (see the top of this file); wal says
// whether its header marks it as a WAL-mode database.
func planOpen(path string, wal bool) (openPlan, error) {
	side, pending, err := sideFile(path, wal)
	if err != nil {
		return openPlan{}, err
	}
	switch {
	case !pending && wal:
		return openPlan{path: path, immutable: true}, nil
	case !pending:
		return openPlan{path: path}, nil
	}
	dir, copied, err := copyWithSide(path, side)
	if err != nil {
		what := "a hot -journal (a writer stopped mid-transaction)"
		if wal {
			what = "a -wal file whose changes are not yet in the main file (an application has it open, or one stopped without a checkpoint)"
		}
		return openPlan{}, fmt.Errorf("the database has %s; reading it in place would change its side files, so alcance reads a copy, and %w", what, err)
	}
	return openPlan{path: copied, immutable: true, tmpDir: dir}, nil
}

// sideFile names path's side file and says whether it holds something the
// main file lacks: a -wal with frames, or a -journal with a live header.
func sideFile(path string, wal bool) (side string, pending bool, err error) {
	if wal {
		side = path + "-wal"
	} else {
		side = path + "-journal"
	}
	fi, err := os.Lstat(side)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return side, false, nil
	case err != nil:
		return side, false, fmt.Errorf("reading %s: %w", filepath.Base(side), err)
	case fi.Size() == 0:
		return side, false, nil
	case wal:
		return side, true, nil
	}
	f, err := os.Open(side)
	if err != nil {
		return side, false, fmt.Errorf("reading %s: %w", filepath.Base(side), err)
	}
	defer f.Close()
	head := make([]byte, len(journalMagic))
	if _, err := io.ReadFull(f, head); err != nil {
		return side, false, nil // too short to hold a transaction
	}
	return side, bytes.Equal(head, journalMagic), nil
}

// fileStamp is what shows that a file changed.
type fileStamp struct {
	size  int64
	mtime time.Time
}

func stamp(path string) (fileStamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, err
	}
	return fileStamp{fi.Size(), fi.ModTime()}, nil
}

// copyWithSide copies path and its side file into a new temporary folder,
// brings the copy to its last committed state, and returns the folder and
// the copy's path.
func copyWithSide(path, side string) (dir, copied string, err error) {
	dir, err = os.MkdirTemp("", "alcance-sqlite-")
	if err != nil {
		return "", "", fmt.Errorf("no temporary folder for the copy: %w (set TMPDIR to a folder with room)", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	copied = filepath.Join(dir, "copy.db")
	sideCopy := copied + side[len(path):]
	stable := false
	for attempt := 0; attempt < copyAttempts && !stable; attempt++ {
		b1, err1 := stamp(path)
		s1, err2 := stamp(side)
		if err := errors.Join(err1, err2); err != nil {
			return "", "", fmt.Errorf("the copy failed: %w", err)
		}
		if err := copyFile(path, copied); err != nil {
			return "", "", howToCopy(path, side, err)
		}
		if err := copyFile(side, sideCopy); err != nil {
			return "", "", howToCopy(path, side, err)
		}
		b2, err1 := stamp(path)
		s2, err2 := stamp(side)
		stable = err1 == nil && err2 == nil && b1 == b2 && s1 == s2
	}
	if !stable {
		return "", "", fmt.Errorf("the database kept changing while it was copied: scan it when the application that writes it is idle, or scan a copy made with the application stopped (or with sqlite3's .backup)")
	}
	if err := recoverCopy(copied); err != nil {
		return "", "", fmt.Errorf("SQLite could not bring the copy to its last committed state: %w", err)
	}
	return dir, copied, nil
}

// howToCopy is a failed copy, with what the user can do instead.
func howToCopy(path, side string, err error) error {
	return fmt.Errorf("copying it into the temporary folder failed: %w; set TMPDIR to a folder with room for %s and %s, or copy both files to another folder and scan the copy there",
		err, filepath.Base(path), filepath.Base(side))
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// recoverCopy opens the copy read-write, once, so that SQLite replays its
// WAL into it (a checkpoint) or rolls its hot journal back; closing the
// last connection removes the copy's side files.
func recoverCopy(path string) error {
	db, err := sql.Open("sqlite", dsnReadWrite(path))
	if err != nil {
		return err
	}
	defer db.Close()
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		return err
	}
	if mode == "wal" {
		if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return err
		}
	}
	var n int64
	return db.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&n)
}
