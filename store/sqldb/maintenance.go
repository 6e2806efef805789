package sqldb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Snapshot writes a consistent copy of the database to dst, which must not
// exist. VACUUM INTO reads one WAL snapshot, so writers in other processes
// carry on and the copy holds exactly the transactions committed before it
// began; it also folds the WAL in, so the copy is one self-contained file.
// It runs on the writer pool because the readers are query_only, which
// forbids writing the target too; it takes no write lock on the source.
func (h *Handles) Snapshot(ctx context.Context, dst string) error {
	// Created here so the file gets 0600 instead of the driver's 0644;
	// VACUUM INTO accepts an empty target.
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	if _, err := h.Write.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("snapshot %s: %w", h.Path, err)
	}
	return nil
}

// IntegrityCheck lists what PRAGMA integrity_check reports, at most five
// lines; none means "ok".
func (h *Handles) IntegrityCheck(ctx context.Context) ([]string, error) {
	rows, err := h.Read.QueryContext(ctx, `PRAGMA integrity_check(5)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	return problems, rows.Err()
}

// CheckFile runs the integrity check on the database file at path and
// fails, naming the first problems, unless it answers "ok". The file must
// be a copy the caller owns: opening it through the one opener switches it
// to WAL mode, as the live files are.
func CheckFile(ctx context.Context, path string) error {
	h, err := Open(path, DurabilityNormal, nil)
	if err != nil {
		return fmt.Errorf("failed its integrity check: %w", err)
	}
	problems, err := h.IntegrityCheck(ctx)
	if cerr := h.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("failed its integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("failed its integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// IsBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY
// or SQLITE_LOCKED, any extended code), matched by number.
func IsBusy(err error) bool {
	var coded interface{ Code() int }
	if !errors.As(err, &coded) {
		return false
	}
	switch coded.Code() & 0xff {
	case 5, 6:
		return true
	}
	return false
}

// FileMigrations lists the migrations recorded in the database file at
// path, a copy the caller owns (see CheckFile), and the highest number
// among them.
func FileMigrations(ctx context.Context, path string) ([]string, int, error) {
	h, err := Open(path, DurabilityNormal, nil)
	if err != nil {
		return nil, 0, err
	}
	names, latest, err := AppliedMigrations(ctx, h.Read)
	if cerr := h.Close(); err == nil {
		err = cerr
	}
	return names, latest, err
}
