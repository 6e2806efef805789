package tenants

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/autoleads/autoleads/store"
)

const tenantColumns = `id, slug, name, status, plan, trial_ends_at, plan_expires_at, phone,
	whatsapp_number, email, address, city, maps_url, logo_url, primary_color, secondary_color,
	business_hours, settings, webhook_token, fonnte_token, created_at, updated_at, moving_since`

type rowScanner interface{ Scan(dest ...any) error }

func scanTenant(row rowScanner) (*Tenant, error) {
	var t Tenant
	var trialEnds, planExpires, moving sql.NullInt64
	var phone, wa, email, address, city, maps, logo, fonnte sql.NullString
	var hours, settings string
	var created, updated int64
	if err := row.Scan(&t.ID, &t.Slug, &t.Name, &t.Status, &t.Plan, &trialEnds, &planExpires, &phone,
		&wa, &email, &address, &city, &maps, &logo, &t.PrimaryColor, &t.SecondaryColor,
		&hours, &settings, &t.WebhookToken, &fonnte, &created, &updated, &moving); err != nil {
		return nil, err
	}
	t.TrialEndsAt, t.PlanExpiresAt, t.MovingSince = msPtr(trialEnds), msPtr(planExpires), msPtr(moving)
	t.Phone, t.WhatsAppNumber, t.Email, t.Address = phone.String, wa.String, email.String, address.String
	t.City, t.MapsURL, t.LogoURL, t.FonnteToken = city.String, maps.String, logo.String, fonnte.String
	t.BusinessHours = map[string]string{}
	if err := json.Unmarshal([]byte(hours), &t.BusinessHours); err != nil {
		return nil, fmt.Errorf("tenant %s business hours: %w", t.Slug, err)
	}
	t.Settings = json.RawMessage(settings)
	t.CreatedAt, t.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	t.Hosts = []string{}
	return &t, nil
}

func msPtr(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := time.UnixMilli(n.Int64).UTC()
	return &t
}

func msValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMilli()
}

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// NewWebhookToken returns 32 random bytes, URL-safe base64 encoded.
func NewWebhookToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// CreateTenant validates t, registers it with its hosts, and creates its
// directory and migrated database. The webhook token is generated here.
// Errors: EINVALID, ECONFLICT (slug, host or WhatsApp number taken, or a
// leftover directory of that slug).
func (r *Registry) CreateTenant(ctx context.Context, t *Tenant, hosts []string) error {
	if t.Status == "" {
		t.Status = StatusTrial
	}
	if t.Plan == "" {
		t.Plan = "trial"
	}
	if err := t.validate(); err != nil {
		return err
	}
	normHosts, err := normalizeHosts(hosts)
	if err != nil {
		return err
	}
	dir, _ := r.Layout.TenantDir(t.Slug)
	dbPath, _ := r.Layout.TenantDBPath(t.Slug)
	now := r.now()
	t.WebhookToken = NewWebhookToken()
	t.CreatedAt, t.UpdatedAt = now, now
	createdDir := false
	err = r.commit(ctx, func(tx *sql.Tx) error {
		if err := insertTenant(ctx, tx, t, normHosts); err != nil {
			return err
		}
		// The database is created inside the registry transaction: if it
		// cannot be, the tenant is not registered either. Mkdir (not
		// MkdirAll) fails on a leftover directory of a deleted tenant,
		// which is then left alone: only what was created here is removed.
		if err := os.MkdirAll(r.Layout.TenantsDir(), 0o700); err != nil {
			return err
		}
		if err := os.Mkdir(dir, 0o700); errors.Is(err, fs.ErrExist) {
			return store.Errorf(store.ECONFLICT, "A directory for showroom %q already exists; move it away first", t.Slug)
		} else if err != nil {
			return fmt.Errorf("create %s: %w", dir, err)
		}
		createdDir = true
		db, err := r.openDB(ctx, dbPath)
		if err != nil {
			return err
		}
		return db.Close()
	})
	if err != nil {
		// Not registered: remove what was created for it.
		if createdDir {
			os.RemoveAll(dir)
		}
		return err
	}
	t.Hosts = normHosts
	return r.refresh(ctx)
}

// insertTenant writes t's row and its hosts, and sets t.ID.
func insertTenant(ctx context.Context, tx *sql.Tx, t *Tenant, hosts []string) error {
	hours, _ := json.Marshal(t.BusinessHours)
	res, err := tx.ExecContext(ctx, `INSERT INTO tenants (slug, name, status, plan, trial_ends_at,
		plan_expires_at, phone, whatsapp_number, email, address, city, maps_url, logo_url,
		primary_color, secondary_color, business_hours, settings, webhook_token, fonnte_token,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.Slug, t.Name, t.Status, t.Plan, msValue(t.TrialEndsAt), msValue(t.PlanExpiresAt),
		orNull(t.Phone), orNull(t.WhatsAppNumber), orNull(t.Email), orNull(t.Address), orNull(t.City),
		orNull(t.MapsURL), orNull(t.LogoURL), t.PrimaryColor, t.SecondaryColor, string(hours),
		string(t.Settings), t.WebhookToken, orNull(t.FonnteToken), t.CreatedAt.UnixMilli(), t.UpdatedAt.UnixMilli())
	if err != nil {
		return tenantConflict(ctx, tx, err, t)
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	for _, h := range hosts {
		if err := insertHost(ctx, tx, h, t.ID); err != nil {
			return err
		}
	}
	return nil
}

// tenantConflict turns a unique violation on tenants into a message naming
// what is taken, never by whom: the message reaches a dealer through the
// API, and which showroom holds a number is another showroom's business
// (the operator finds it with "autoleads tenant list --json"). Only
// another tenant can hold the value (on update, t itself has its own slug
// and number), hence "id <> t.ID". It asks the transaction, not the index,
// so a tenant another process registered a moment ago is found too (a
// failed constraint undoes only its statement).
func tenantConflict(ctx context.Context, tx *sql.Tx, err error, t *Tenant) error {
	if !store.IsUniqueViolation(err) {
		return err
	}
	var n int
	if tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM tenants WHERE slug = ? AND id <> ?`, t.Slug, t.ID).Scan(&n) == nil && n > 0 {
		return &store.Error{Code: store.ECONFLICT, Message: fmt.Sprintf("Showroom %q already exists", t.Slug),
			Details: map[string]any{"slug": "Slug is already taken"}}
	}
	if t.WhatsAppNumber != "" && tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM tenants WHERE whatsapp_number = ? AND id <> ?`,
		t.WhatsAppNumber, t.ID).Scan(&n) == nil && n > 0 {
		return &store.Error{Code: store.ECONFLICT, Message: fmt.Sprintf("WhatsApp number %s is already used by another showroom", t.WhatsAppNumber),
			Details: map[string]any{"whatsappNumber": "WhatsApp number is already used by another showroom"}}
	}
	return &store.Error{Code: store.ECONFLICT, Message: "Showroom conflicts with an existing one"}
}

// FindTenant reads a tenant fresh from the database, with its hosts.
// Errors: EINVALID (bad slug), ENOTFOUND.
func (r *Registry) FindTenant(ctx context.Context, slug string) (*Tenant, error) {
	if err := checkSlug(slug); err != nil {
		return nil, err
	}
	return findTenant(ctx, r.h.Read, slug)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func findTenant(ctx context.Context, q queryer, slug string) (*Tenant, error) {
	t, err := scanTenant(q.QueryRowContext(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE slug = ?`, slug))
	if isNoRows(err) {
		return nil, notFound()
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT host FROM tenant_hosts WHERE tenant_id = ? ORDER BY host`, t.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		t.Hosts = append(t.Hosts, h)
	}
	return t, rows.Err()
}
