-- The tenant database: one showroom's users, cars, leads, messages and raw
-- webhook events. Timestamps are Unix milliseconds (UTC). Enumerations are
-- text; their *_rank columns give the declared order for sorting.

CREATE TABLE users (
	id              INTEGER PRIMARY KEY,
	name            TEXT    NOT NULL,
	email           TEXT    NOT NULL UNIQUE CHECK (email = lower(email)),
	phone           TEXT,
	whatsapp_number TEXT,
	password_hash   TEXT    NOT NULL,
	role            TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'sales')),
	status          TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
	token_version   INTEGER NOT NULL DEFAULT 1,
	last_login_at   INTEGER,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE cars (
	id                  INTEGER PRIMARY KEY,
	display_code        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
	public_name         TEXT    NOT NULL,
	slug                TEXT    NOT NULL UNIQUE,
	brand               TEXT    NOT NULL,
	model               TEXT    NOT NULL,
	year                INTEGER NOT NULL,
	color               TEXT    NOT NULL,
	transmission        TEXT    NOT NULL CHECK (transmission IN ('Manual', 'Matic')),
	km                  INTEGER NOT NULL CHECK (km >= 0),
	price               INTEGER NOT NULL CHECK (price >= 0),
	fuel_type           TEXT,
	plate_number        TEXT,
	plate_number_clean  TEXT,
	stock_code          TEXT,
	key_features        TEXT    NOT NULL DEFAULT '[]',
	condition_notes     TEXT,
	photos              TEXT    NOT NULL DEFAULT '[]',
	primary_photo_index INTEGER NOT NULL DEFAULT 0,
	description         TEXT,
	status              TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('available', 'sold', 'booking', 'draft')),
	status_rank         INTEGER GENERATED ALWAYS AS (
		CASE status WHEN 'available' THEN 0 WHEN 'sold' THEN 1 WHEN 'booking' THEN 2 ELSE 3 END
	) VIRTUAL,
	created_at          INTEGER NOT NULL,
	updated_at          INTEGER NOT NULL,
	sold_at             INTEGER
) STRICT;

CREATE INDEX cars_status_created ON cars (status, created_at DESC, id DESC);
CREATE INDEX cars_rank_created ON cars (status_rank, created_at DESC, id DESC);
CREATE INDEX cars_brand_model_year ON cars (brand COLLATE NOCASE, model COLLATE NOCASE, year);
CREATE INDEX cars_price ON cars (price);
CREATE INDEX cars_plate_clean ON cars (plate_number_clean);

CREATE TABLE leads (
	id                  INTEGER PRIMARY KEY,
	customer_phone      TEXT    NOT NULL,
	customer_name       TEXT,
	car_id              INTEGER REFERENCES cars (id) ON DELETE SET NULL,
	status              TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'hot', 'warm', 'cold', 'closed', 'lost')),
	status_rank         INTEGER GENERATED ALWAYS AS (
		CASE status WHEN 'new' THEN 0 WHEN 'hot' THEN 1 WHEN 'warm' THEN 2 WHEN 'cold' THEN 3 WHEN 'closed' THEN 4 ELSE 5 END
	) VIRTUAL,
	source              TEXT    NOT NULL DEFAULT 'wa' CHECK (source IN ('web', 'wa', 'direct', 'referral')),
	assigned_to_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	notes               TEXT,
	tags                TEXT    NOT NULL DEFAULT '[]',
	message_count       INTEGER NOT NULL DEFAULT 0,
	last_message_at     INTEGER,
	created_at          INTEGER NOT NULL,
	updated_at          INTEGER NOT NULL,
	closed_at           INTEGER
) STRICT;

-- At most one open lead per customer: concurrent webhooks for a new number
-- cannot both create one.
CREATE UNIQUE INDEX leads_open_phone ON leads (customer_phone) WHERE status NOT IN ('closed', 'lost');
CREATE INDEX leads_phone ON leads (customer_phone);
CREATE INDEX leads_rank_created ON leads (status_rank, created_at DESC, id DESC);
CREATE INDEX leads_assigned ON leads (assigned_to_user_id, status_rank, created_at DESC);
CREATE INDEX leads_car ON leads (car_id);
CREATE INDEX leads_created ON leads (created_at);

CREATE TABLE messages (
	id              INTEGER PRIMARY KEY,
	lead_id         INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
	sender          TEXT    NOT NULL CHECK (sender IN ('customer', 'bot', 'sales', 'system')),
	message         TEXT    NOT NULL,
	metadata        TEXT,
	external_id     TEXT,
	delivery_status TEXT    CHECK (delivery_status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
	-- Outbox: how often delivery was tried and when it may be tried again.
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX messages_lead ON messages (lead_id, created_at, id);
-- Fonnte retries an incoming message with the same inboxid until it sees a 200.
CREATE UNIQUE INDEX messages_inbound_external ON messages (external_id)
	WHERE sender = 'customer' AND external_id IS NOT NULL;
CREATE INDEX messages_outbound_external ON messages (external_id)
	WHERE sender <> 'customer' AND external_id IS NOT NULL;
CREATE INDEX messages_outbox ON messages (next_attempt_at, id) WHERE delivery_status = 'queued';

-- The lead list shows how many messages a lead has and when the last came;
-- triggers keep both on the lead so the list needs no aggregate per row.
CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
	UPDATE leads SET message_count = message_count + 1,
		last_message_at = max(COALESCE(last_message_at, 0), NEW.created_at)
	WHERE id = NEW.lead_id;
END;

CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
	UPDATE leads SET message_count = message_count - 1,
		last_message_at = (SELECT max(created_at) FROM messages WHERE lead_id = OLD.lead_id)
	WHERE id = OLD.lead_id;
END;

CREATE TABLE webhook_events (
	id          INTEGER PRIMARY KEY,
	kind        TEXT    NOT NULL,
	content_type TEXT   NOT NULL DEFAULT '',
	body        TEXT    NOT NULL,
	outcome     TEXT    NOT NULL,
	detail      TEXT,
	lead_id     INTEGER,
	message_id  INTEGER,
	received_at INTEGER NOT NULL
) STRICT;

CREATE INDEX webhook_events_received ON webhook_events (received_at);
CREATE INDEX webhook_events_kind ON webhook_events (kind, id);
