package tenants

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"time"

	"github.com/autoleads/autoleads/store"
)

// TenantUpdate is a partial update of a tenant; nil fields are left alone.
// A pointer to "" clears an optional field.
type TenantUpdate struct {
	Name           *string
	Status         *string
	Plan           *string
	TrialEndsAt    **time.Time
	PlanExpiresAt  **time.Time
	Phone          *string
	WhatsAppNumber *string
	Email          *string
	Address        *string
	City           *string
	MapsURL        *string
	LogoURL        *string
	PrimaryColor   *string
	SecondaryColor *string
	BusinessHours  *map[string]string
	Settings       *json.RawMessage
	// Setting sets these keys of Settings and keeps the others, in the
	// update's transaction, so no other change of the settings is lost.
	Setting     map[string]json.RawMessage
	FonnteToken *string
}

// UpdateTenant applies upd and returns the tenant as stored.
// Errors: ENOTFOUND, EINVALID, ECONFLICT (WhatsApp number taken).
func (r *Registry) UpdateTenant(ctx context.Context, slug string, upd TenantUpdate) (*Tenant, error) {
	return r.update(ctx, slug, upd.apply)
}

// Activate makes a tenant active so that it is served again: a plan expiry
// already past would still lock it out, so it is removed and returned (nil
// when there was none). An expiry still to come is the plan's and stays.
// Errors: ENOTFOUND, EINVALID.
func (r *Registry) Activate(ctx context.Context, slug string) (*Tenant, *time.Time, error) {
	var lapsed *time.Time
	t, err := r.update(ctx, slug, func(t *Tenant) {
		t.Status = StatusActive
		if t.PlanExpiresAt != nil && t.PlanExpiresAt.Before(r.now()) {
			lapsed, t.PlanExpiresAt = t.PlanExpiresAt, nil
		}
	})
	return t, lapsed, err
}

// update changes a tenant with change in one transaction, validates it and
// stores it. Errors: ENOTFOUND, EINVALID, ECONFLICT.
func (r *Registry) update(ctx context.Context, slug string, change func(*Tenant)) (*Tenant, error) {
	if err := checkSlug(slug); err != nil {
		return nil, err
	}
	var out *Tenant
	err := r.write(ctx, func(tx *sql.Tx) error {
		t, err := findTenant(ctx, tx, slug)
		if err != nil {
			return err
		}
		change(t)
		if err := t.validate(); err != nil {
			return err
		}
		t.UpdatedAt = r.now()
		hours, _ := json.Marshal(t.BusinessHours)
		_, err = tx.ExecContext(ctx, `UPDATE tenants SET name = ?, status = ?, plan = ?, trial_ends_at = ?,
			plan_expires_at = ?, phone = ?, whatsapp_number = ?, email = ?, address = ?, city = ?,
			maps_url = ?, logo_url = ?, primary_color = ?, secondary_color = ?, business_hours = ?,
			settings = ?, fonnte_token = ?, updated_at = ? WHERE id = ?`,
			t.Name, t.Status, t.Plan, msValue(t.TrialEndsAt), msValue(t.PlanExpiresAt), orNull(t.Phone),
			orNull(t.WhatsAppNumber), orNull(t.Email), orNull(t.Address), orNull(t.City), orNull(t.MapsURL),
			orNull(t.LogoURL), t.PrimaryColor, t.SecondaryColor, string(hours), string(t.Settings),
			orNull(t.FonnteToken), t.UpdatedAt.UnixMilli(), t.ID)
		if err != nil {
			return tenantConflict(ctx, tx, err, t)
		}
		out = t
		return nil
	})
	return out, err
}

func (u TenantUpdate) apply(t *Tenant) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&t.Name, u.Name)
	set(&t.Status, u.Status)
	set(&t.Plan, u.Plan)
	set(&t.Phone, u.Phone)
	set(&t.WhatsAppNumber, u.WhatsAppNumber)
	set(&t.Email, u.Email)
	set(&t.Address, u.Address)
	set(&t.City, u.City)
	set(&t.MapsURL, u.MapsURL)
	set(&t.LogoURL, u.LogoURL)
	set(&t.PrimaryColor, u.PrimaryColor)
	set(&t.SecondaryColor, u.SecondaryColor)
	set(&t.FonnteToken, u.FonnteToken)
	if u.TrialEndsAt != nil {
		t.TrialEndsAt = *u.TrialEndsAt
	}
	if u.PlanExpiresAt != nil {
		t.PlanExpiresAt = *u.PlanExpiresAt
	}
	if u.BusinessHours != nil {
		t.BusinessHours = *u.BusinessHours
	}
	if u.Settings != nil {
		t.Settings = *u.Settings
	}
	if len(u.Setting) > 0 {
		// Settings are a JSON object (validate checks it), or empty.
		merged := map[string]json.RawMessage{}
		json.Unmarshal(t.Settings, &merged)
		maps.Copy(merged, u.Setting)
		t.Settings, _ = json.Marshal(merged) // raw values of an object always encode
	}
}

// SetStatus changes a tenant's status (suspend, activate, expire).
func (r *Registry) SetStatus(ctx context.Context, slug, status string) (*Tenant, error) {
	return r.UpdateTenant(ctx, slug, TenantUpdate{Status: &status})
}

// RotateWebhookToken gives the tenant a new webhook token; the old one stops
// working at once (and in other processes within the poll interval).
func (r *Registry) RotateWebhookToken(ctx context.Context, slug string) (*Tenant, error) {
	return r.updateRow(ctx, slug, `webhook_token = ?, updated_at = ?`, NewWebhookToken(), r.now().UnixMilli())
}

// updateRow sets columns of slug's row (set is the SET clause, args its
// values) and returns the tenant as stored. Errors: EINVALID, ENOTFOUND.
func (r *Registry) updateRow(ctx context.Context, slug, set string, args ...any) (*Tenant, error) {
	if err := checkSlug(slug); err != nil {
		return nil, err
	}
	var out *Tenant
	err := r.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE tenants SET `+set+` WHERE slug = ?`, append(args, slug)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound()
		}
		out, err = findTenant(ctx, tx, slug)
		return err
	})
	return out, err
}

// AddHost points host at a tenant. Errors: ENOTFOUND, EINVALID, ECONFLICT
// (host used by another tenant).
func (r *Registry) AddHost(ctx context.Context, slug, host string) error {
	hosts, err := normalizeHosts([]string{host})
	if err != nil {
		return err
	}
	return r.write(ctx, func(tx *sql.Tx) error {
		t, err := findTenant(ctx, tx, slug)
		if err != nil {
			return err
		}
		return insertHost(ctx, tx, hosts[0], t.ID)
	})
}

// RemoveHost detaches host from a tenant. Errors: ENOTFOUND.
func (r *Registry) RemoveHost(ctx context.Context, slug, host string) error {
	return r.write(ctx, func(tx *sql.Tx) error {
		t, err := findTenant(ctx, tx, slug)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM tenant_hosts WHERE host = ? AND tenant_id = ?`,
			NormalizeHost(host), t.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return store.Errorf(store.ENOTFOUND, "Host %s does not belong to showroom %q", NormalizeHost(host), slug)
		}
		return nil
	})
}

// DeleteTenant unregisters a tenant and removes its directory: its database,
// uploads and everything else. The reload after the commit lets this
// process's pool close the tenant's database (Pool.Prune) before the files
// go; other processes close theirs when they see the change.
//
// The directory is first renamed out of the way, so the slug is free at
// once and nothing written into the showroom's path meanwhile (Litestream,
// replicating the database, writes its metadata beside it until it sees
// the file go) can make the removal fail halfway.
func (r *Registry) DeleteTenant(ctx context.Context, slug string) error {
	dir, err := r.Layout.TenantDir(slug)
	if err != nil {
		return err
	}
	err = r.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM tenants WHERE slug = ?`, slug)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound()
		}
		return nil
	})
	if err != nil {
		return err
	}
	trash := r.Layout.DeletedDir(slug + "-" + NewWebhookToken()[:12])
	if err := os.Rename(dir, trash); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("showroom %s is deleted, but its directory could not be moved away: %w", slug, err)
	}
	if err := os.RemoveAll(trash); err != nil {
		return fmt.Errorf("showroom %s is deleted, but not all of its files: %w; remove %s by hand", slug, err, trash)
	}
	return nil
}

func normalizeHosts(hosts []string) ([]string, error) {
	out := []string{}
	seen := map[string]bool{}
	for _, h := range hosts {
		n := NormalizeHost(h)
		if !ValidHost(n) {
			return nil, &store.Error{Code: store.EINVALID, Message: fmt.Sprintf("Invalid host %q", h),
				Details: map[string]any{"host": "Host must be a domain name or IP address without scheme or path"}}
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}

// insertHost points host at a tenant. A taken host is reported without
// naming its showroom, as tenantConflict does for a number.
func insertHost(ctx context.Context, tx *sql.Tx, host string, tenantID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO tenant_hosts (host, tenant_id) VALUES (?, ?)`, host, tenantID)
	if store.IsUniqueViolation(err) {
		return &store.Error{Code: store.ECONFLICT, Message: fmt.Sprintf("Host %s is already used by another showroom", host),
			Details: map[string]any{"host": "Host is already taken"}}
	}
	return err
}
