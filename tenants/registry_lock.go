package tenants

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
)

// ErrRegistryInUse is returned by LockRegistry when another process (a
// running server, most likely) has the registry open.
var ErrRegistryInUse = errors.New("the registry is in use by another process")

// RegistryLock holds an exclusive lock on a live registry for as long as a
// restore changes the data directory. A running server always has its
// registry open, and in WAL mode every open connection holds a shared lock
// on the file, so taking the exclusive lock is how a restore proves that no
// server is running, and holding it keeps one from starting halfway.
type RegistryLock struct {
	h    *sqldb.Handles
	conn *sql.Conn
}

// LockRegistry opens the registry of l and takes its exclusive lock
// without waiting. Errors: ErrRegistryInUse.
func LockRegistry(ctx context.Context, l Layout) (*RegistryLock, error) {
	path := l.RegistryPath()
	h, err := sqldb.Open(path, sqldb.DurabilityFull, nil)
	if err != nil {
		return nil, err
	}
	conn, err := h.Write.Conn(ctx)
	if err != nil {
		h.Close()
		return nil, err
	}
	rl := &RegistryLock{h: h, conn: conn}
	// These pragmas are meant for this one connection only: no waiting for
	// a lock someone else holds, and keep the lock once taken. In WAL mode
	// BEGIN EXCLUSIVE under locking_mode=EXCLUSIVE takes the file's
	// exclusive lock, which fails while any other connection is open.
	for _, q := range []string{`PRAGMA busy_timeout = 0`, `PRAGMA locking_mode = EXCLUSIVE`, `BEGIN EXCLUSIVE`, `COMMIT`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			conn.ExecContext(ctx, `ROLLBACK`)
			rl.Close()
			if sqldb.IsBusy(err) {
				return nil, ErrRegistryInUse
			}
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
	}
	return rl, nil
}

// Close releases the lock.
func (l *RegistryLock) Close() {
	l.conn.Close()
	l.h.Close()
}

// HasTenant reports whether the registry lists the showroom slug.
func (l *RegistryLock) HasTenant(ctx context.Context, slug string) (bool, error) {
	var n int
	err := l.conn.QueryRowContext(ctx, `SELECT COUNT(*) FROM tenants WHERE slug = ?`, slug).Scan(&n)
	return n > 0, err
}

// ImportTenant registers the showroom slug again, exactly as the registry
// file at from (a verified copy of a backup's) knew it: same webhook token,
// hosts, plan and settings, so Fonnte and the dealer's domains keep
// working. place swaps the restored files in while the new row is still
// uncommitted; when the row cannot be committed its undo puts the files
// back, so the row and the files land together or not at all.
// The columns copied are those both registries have (minus the id, which
// another showroom may hold by now), so a backup made before a registry
// migration still restores.
func (l *RegistryLock) ImportTenant(ctx context.Context, from, slug string, place func() (undo func(), err error)) error {
	if _, err := l.conn.ExecContext(ctx, `ATTACH DATABASE ? AS old`, from); err != nil {
		return err
	}
	defer l.conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE old`)

	cols, err := l.sharedColumns(ctx)
	if err != nil {
		return err
	}
	tx, err := l.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO main.tenants (`+cols+`) SELECT `+cols+
		` FROM old.tenants WHERE slug = ?`, slug)
	if err != nil {
		return importConflict(err, slug)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("the backup's registry has no showroom %q", slug)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO main.tenant_hosts (host, tenant_id)
		SELECT h.host, ? FROM old.tenant_hosts h JOIN old.tenants t ON t.id = h.tenant_id
		WHERE t.slug = ?`, id, slug); err != nil {
		return importConflict(err, slug)
	}
	undo, err := place()
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		undo()
		return err
	}
	return nil
}

// sharedColumns lists, quoted and comma-separated, the columns of tenants
// that both the live and the attached registry have, except id.
func (l *RegistryLock) sharedColumns(ctx context.Context) (string, error) {
	rows, err := l.conn.QueryContext(ctx, `SELECT name FROM pragma_table_info('tenants', 'main')
		WHERE name <> 'id' AND name IN (SELECT name FROM pragma_table_info('tenants', 'old'))`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return "", err
		}
		cols = append(cols, `"`+strings.ReplaceAll(c, `"`, `""`)+`"`)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return "", errors.New("the backup's registry has no tenants table")
	}
	return strings.Join(cols, ", "), nil
}

// importConflict explains a unique violation while registering a showroom
// again: something it owned was given to another showroom meanwhile.
func importConflict(err error, slug string) error {
	if store.IsUniqueViolation(err) {
		return fmt.Errorf("showroom %q cannot be registered again: its webhook token, WhatsApp number or one of its hosts now belongs to another showroom", slug)
	}
	return err
}
