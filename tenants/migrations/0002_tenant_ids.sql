-- Tenant ids are never reused. Without AUTOINCREMENT SQLite hands a new row
-- the id of a deleted last row, so a showroom deleted and created again under
-- its slug got its old id back, and a running server's pool (which tells
-- incarnations apart by id) kept writing into the deleted database file.
--
-- SQLite cannot add AUTOINCREMENT to a table, so tenants is rebuilt. The
-- hosts are set aside first: dropping tenants while tenant_hosts references
-- it would cascade-delete them, and foreign_keys cannot be switched off
-- inside the migration's transaction.

CREATE TABLE tenants_new (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	slug            TEXT    NOT NULL UNIQUE,
	name            TEXT    NOT NULL,
	status          TEXT    NOT NULL DEFAULT 'trial' CHECK (status IN ('active', 'trial', 'suspended', 'expired')),
	plan            TEXT    NOT NULL DEFAULT 'trial' CHECK (plan IN ('trial', 'free', 'starter', 'growth', 'pro')),
	trial_ends_at   INTEGER,
	plan_expires_at INTEGER,
	phone           TEXT,
	whatsapp_number TEXT    UNIQUE,
	email           TEXT,
	address         TEXT,
	city            TEXT,
	maps_url        TEXT,
	logo_url        TEXT,
	primary_color   TEXT    NOT NULL DEFAULT '#FF5722',
	secondary_color TEXT    NOT NULL DEFAULT '#000000',
	business_hours  TEXT    NOT NULL DEFAULT '{}',
	settings        TEXT    NOT NULL DEFAULT '{}',
	webhook_token   TEXT    NOT NULL UNIQUE,
	fonnte_token    TEXT,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
) STRICT;

INSERT INTO tenants_new (id, slug, name, status, plan, trial_ends_at, plan_expires_at, phone,
	whatsapp_number, email, address, city, maps_url, logo_url, primary_color, secondary_color,
	business_hours, settings, webhook_token, fonnte_token, created_at, updated_at)
SELECT id, slug, name, status, plan, trial_ends_at, plan_expires_at, phone,
	whatsapp_number, email, address, city, maps_url, logo_url, primary_color, secondary_color,
	business_hours, settings, webhook_token, fonnte_token, created_at, updated_at
FROM tenants;

CREATE TEMP TABLE tenant_hosts_copy AS SELECT host, tenant_id FROM tenant_hosts;
DROP TABLE tenant_hosts;
DROP TABLE tenants;
ALTER TABLE tenants_new RENAME TO tenants;

CREATE TABLE tenant_hosts (
	host      TEXT    PRIMARY KEY,
	tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX tenant_hosts_tenant ON tenant_hosts (tenant_id);

INSERT INTO tenant_hosts (host, tenant_id) SELECT host, tenant_id FROM tenant_hosts_copy;
DROP TABLE tenant_hosts_copy;
