package tenants

import (
	"context"
	"crypto/rand"
	"database/sql"
)

// Secret returns the platform secret called name, generating size random
// bytes and storing them on first use, so a restart keeps it (and users stay
// signed in).
func (r *Registry) Secret(ctx context.Context, name string, size int) ([]byte, error) {
	var v []byte
	err := r.h.Read.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&v)
	if err == nil {
		return v, nil
	}
	if !isNoRows(err) {
		return nil, err
	}
	v = make([]byte, size)
	rand.Read(v)
	err = r.write(ctx, func(tx *sql.Tx) error {
		// Another process may have won the race: keep its value.
		if _, err := tx.ExecContext(ctx, `INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO NOTHING`, name, v, r.now().UnixMilli()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&v)
	})
	return v, err
}
