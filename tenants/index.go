package tenants

import (
	"context"
	"database/sql"
)

// index is an immutable snapshot of the registry. Requests read it without
// locks; a reload swaps in a new one.
type index struct {
	bySlug map[string]*Tenant
	byHost map[string]*Tenant
	sorted []*Tenant
}

// loadIndex reads tenants and hosts in one read transaction: from one
// snapshot, so a tenant another process creates meanwhile cannot show up by
// its hosts but without its row, or the other way round.
func loadIndex(ctx context.Context, db *sql.DB) (*index, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+tenantColumns+` FROM tenants ORDER BY slug`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idx := &index{bySlug: map[string]*Tenant{}, byHost: map[string]*Tenant{}}
	byID := map[int64]*Tenant{}
	for rows.Next() {
		t, err := scanTenant(rows)
		if err != nil {
			return nil, err
		}
		idx.bySlug[t.Slug] = t
		byID[t.ID] = t
		idx.sorted = append(idx.sorted, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hosts, err := tx.QueryContext(ctx, `SELECT host, tenant_id FROM tenant_hosts ORDER BY host`)
	if err != nil {
		return nil, err
	}
	defer hosts.Close()
	for hosts.Next() {
		var host string
		var id int64
		if err := hosts.Scan(&host, &id); err != nil {
			return nil, err
		}
		if t := byID[id]; t != nil {
			idx.byHost[host] = t
			t.Hosts = append(t.Hosts, host)
		}
	}
	return idx, hosts.Err()
}

// Resolve returns the tenant that host (a raw Host header) names.
// Errors: ENOTFOUND.
func (r *Registry) Resolve(host string) (*Tenant, error) {
	if t := r.index.Load().byHost[NormalizeHost(host)]; t != nil {
		return t, nil
	}
	return nil, notFound()
}

// Lookup returns a tenant by slug from the index. Errors: ENOTFOUND.
func (r *Registry) Lookup(slug string) (*Tenant, error) {
	if t := r.index.Load().bySlug[slug]; t != nil {
		return t, nil
	}
	return nil, notFound()
}

// All returns every tenant, sorted by slug. The slice and its tenants are
// shared and must not be modified.
func (r *Registry) All() []*Tenant { return r.index.Load().sorted }

// Count is the number of registered tenants.
func (r *Registry) Count() int { return len(r.index.Load().sorted) }
