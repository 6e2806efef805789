-- The registry: which showrooms exist, which hosts reach them, and the
-- platform's own secrets. Timestamps are Unix milliseconds (UTC).

CREATE TABLE tenants (
	id              INTEGER PRIMARY KEY,
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

CREATE TABLE tenant_hosts (
	host      TEXT    PRIMARY KEY,
	tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX tenant_hosts_tenant ON tenant_hosts (tenant_id);

CREATE TABLE secrets (
	name       TEXT    PRIMARY KEY,
	value      BLOB    NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;
