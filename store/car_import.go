package store

import (
	"context"
	"fmt"
	"strings"
)

// CreateCars writes cars in one transaction, so an import lands whole or
// not at all: each is validated and given its public name, slug and clean
// plate as CreateCar does. On failure nothing is written and the error names
// the index of the first car that failed in its details ("index").
// Errors: EINVALID (a car breaks a rule), ECONFLICT (a display code taken,
// in the database or earlier in cars).
func (db *DB) CreateCars(ctx context.Context, cars []*Car) error {
	now := db.now()
	for i, c := range cars {
		if err := c.readyToInsert(now); err != nil {
			return withIndex(err, i)
		}
	}
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	insert, err := tx.PrepareContext(ctx, insertCar)
	if err != nil {
		return err
	}
	defer insert.Close()
	for i, c := range cars {
		if c.Slug, err = freeCarSlug(ctx, tx, c, 0); err != nil {
			return err
		}
		res, err := insert.ExecContext(ctx, c.insertArgs()...)
		if err != nil {
			return withIndex(displayCodeConflict(err), i)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// withIndex adds the index of the failing car to a store error's details.
func withIndex(err error, i int) error {
	e, ok := err.(*Error)
	if !ok {
		return fmt.Errorf("car %d: %w", i, err)
	}
	details := map[string]any{"index": i}
	for k, v := range e.Details {
		details[k] = v
	}
	return &Error{Code: e.Code, Message: e.Message, Details: details}
}

// FindDisplayCodes returns the display codes of every car, each folded by
// FoldDisplayCode, so a caller can tell which codes are taken before it
// writes.
func (db *DB) FindDisplayCodes(ctx context.Context) (map[string]bool, error) {
	rows, err := db.reader().QueryContext(ctx, `SELECT display_code FROM cars`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	codes := map[string]bool{}
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, err
		}
		codes[FoldDisplayCode(code)] = true
	}
	return codes, rows.Err()
}

// FoldDisplayCode is the form in which two display codes are the same one:
// the column's COLLATE NOCASE, which folds ASCII letters only.
func FoldDisplayCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, strings.TrimSpace(code))
}
