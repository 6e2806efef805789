package tenants

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// CheckImport tells whether the showroom t, as an export describes it, can
// be registered here: its record is valid and its slug, directory, hosts,
// WhatsApp number and webhook token are free. Nothing is written.
// Errors: EINVALID, ECONFLICT naming everything that is taken.
func (r *Registry) CheckImport(ctx context.Context, t *Tenant) error {
	hosts, err := t.validateImport()
	if err != nil {
		return err
	}
	return r.importConflicts(ctx, r.h.Read, t, hosts)
}

// ImportTenant registers the showroom t exactly as an export describes it
// (webhook token, hosts, WhatsApp number, account state, dates; a new id),
// not moving. place moves its files into dir, the showroom's directory,
// while the row is still uncommitted, and the registry's write lock is held
// from before the check of what is taken until the commit; when the row
// cannot be committed, place's undo takes the files back out. So the row
// and the directory land together or not at all.
// Errors: EINVALID, ECONFLICT naming everything that is taken.
func (r *Registry) ImportTenant(ctx context.Context, t *Tenant, place func(dir string) (undo func(), err error)) error {
	hosts, err := t.validateImport()
	if err != nil {
		return err
	}
	dir, _ := r.Layout.TenantDir(t.Slug)
	tx, err := r.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := r.importConflicts(ctx, tx, t, hosts); err != nil {
		return err
	}
	t.MovingSince = nil
	if err := insertTenant(ctx, tx, t, hosts); err != nil {
		return err
	}
	undo, err := place(dir)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		undo()
		return err
	}
	t.Hosts = hosts
	return r.refresh(ctx)
}

// validateImport checks t as CreateTenant would, and its webhook token,
// which an import brings instead of getting a new one; it returns the
// normalised hosts.
func (t *Tenant) validateImport() ([]string, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	if len(t.WebhookToken) < 32 || !validFonnteToken(t.WebhookToken) {
		return nil, store.Errorf(store.EINVALID, "Showroom %q has no valid webhook token", t.Slug)
	}
	return normalizeHosts(t.Hosts)
}

// importConflicts names, in one error, everything of t that this node
// already uses.
func (r *Registry) importConflicts(ctx context.Context, q queryer, t *Tenant, hosts []string) error {
	var taken []string
	var qerr error
	count := func(query string, args ...any) bool {
		var n int
		if err := q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil && qerr == nil {
			qerr = err
		}
		return n > 0
	}
	dir, _ := r.Layout.TenantDir(t.Slug)
	_, statErr := os.Lstat(dir)
	switch {
	case count(`SELECT COUNT(*) FROM tenants WHERE slug = ?`, t.Slug):
		taken = append(taken, fmt.Sprintf("showroom %q already exists", t.Slug))
	case statErr == nil:
		taken = append(taken, fmt.Sprintf("a directory %s exists (move it away first)", dir))
	case !errors.Is(statErr, fs.ErrNotExist):
		return statErr
	}
	for _, h := range hosts {
		if count(`SELECT COUNT(*) FROM tenant_hosts WHERE host = ?`, h) {
			taken = append(taken, fmt.Sprintf("host %s is used by another showroom", h))
		}
	}
	if t.WhatsAppNumber != "" && count(`SELECT COUNT(*) FROM tenants WHERE whatsapp_number = ?`, t.WhatsAppNumber) {
		taken = append(taken, fmt.Sprintf("WhatsApp number %s is used by another showroom", t.WhatsAppNumber))
	}
	if count(`SELECT COUNT(*) FROM tenants WHERE webhook_token = ?`, t.WebhookToken) {
		taken = append(taken, "its webhook token is used by another showroom")
	}
	if qerr != nil || len(taken) == 0 {
		return qerr
	}
	return store.Errorf(store.ECONFLICT, "Showroom %q cannot be imported here: %s", t.Slug, strings.Join(taken, "; "))
}
