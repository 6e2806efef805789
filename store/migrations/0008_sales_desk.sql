-- The sales desk: follow-ups, lost reasons, response times, the inbox's
-- "waiting for a reply", a timeline of changes, read marks and quick
-- replies.

-- Response times and "waiting for a reply" come from the conversation;
-- the message triggers keep them on the lead (below) so the inbox reads
-- no messages to show or filter them. Only sales turns are replies: the
-- bot's auto-answer and system notes leave a customer waiting.
ALTER TABLE leads ADD COLUMN follow_up_at INTEGER;
ALTER TABLE leads ADD COLUMN lost_reason TEXT CHECK (lost_reason IN ('leasing_rejected', 'price',
	'bought_elsewhere', 'no_response', 'changed_mind', 'car_sold', 'other'));
ALTER TABLE leads ADD COLUMN first_response_at INTEGER;
ALTER TABLE leads ADD COLUMN last_customer_at INTEGER;
ALTER TABLE leads ADD COLUMN last_reply_at INTEGER;
-- The inbox's order: the last message, or the lead's creation before any.
ALTER TABLE leads ADD COLUMN activity_at INTEGER GENERATED ALWAYS AS (COALESCE(last_message_at, created_at)) VIRTUAL;
-- 1 when the customer of an open lead spoke last, else NULL (so the
-- partial index below holds only the waiting leads).
ALTER TABLE leads ADD COLUMN awaiting_reply INTEGER GENERATED ALWAYS AS (
	CASE WHEN status NOT IN ('closed', 'lost') AND last_customer_at IS NOT NULL
		AND (last_reply_at IS NULL OR last_customer_at > last_reply_at) THEN 1 END
) VIRTUAL;

UPDATE leads SET
	last_customer_at = (SELECT max(m.created_at) FROM messages m
		WHERE m.lead_id = leads.id AND m.sender = 'customer'),
	last_reply_at = (SELECT max(m.created_at) FROM messages m
		WHERE m.lead_id = leads.id AND m.sender = 'sales'),
	first_response_at = (SELECT min(m.created_at) FROM messages m
		WHERE m.lead_id = leads.id AND m.sender = 'sales' AND m.created_at >= leads.created_at);

-- Still one UPDATE per message (migration 0004); it now also moves the
-- lead in the inbox indexes on activity_at, which the inbox's tabs walk.
DROP TRIGGER messages_count_insert;
CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
	UPDATE leads SET message_count = message_count + 1,
		last_message_at = max(COALESCE(last_message_at, 0), NEW.created_at),
		updated_at = max(updated_at, NEW.created_at),
		last_customer_at = CASE WHEN NEW.sender = 'customer'
			THEN max(COALESCE(last_customer_at, 0), NEW.created_at) ELSE last_customer_at END,
		last_reply_at = CASE WHEN NEW.sender = 'sales'
			THEN max(COALESCE(last_reply_at, 0), NEW.created_at) ELSE last_reply_at END,
		first_response_at = CASE WHEN NEW.sender = 'sales' AND NEW.created_at >= created_at
			THEN min(COALESCE(first_response_at, NEW.created_at), NEW.created_at) ELSE first_response_at END
	WHERE id = NEW.lead_id;
END;

DROP TRIGGER messages_count_delete;
CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
	UPDATE leads SET message_count = message_count - 1,
		last_message_at = (SELECT max(created_at) FROM messages WHERE lead_id = OLD.lead_id),
		last_customer_at = (SELECT max(created_at) FROM messages WHERE lead_id = OLD.lead_id AND sender = 'customer'),
		last_reply_at = (SELECT max(created_at) FROM messages WHERE lead_id = OLD.lead_id AND sender = 'sales'),
		first_response_at = (SELECT min(created_at) FROM messages
			WHERE lead_id = OLD.lead_id AND sender = 'sales' AND created_at >= leads.created_at)
	WHERE id = OLD.lead_id;
END;

-- The columns of LeadFilter (store/lead_find.go); status_rank follows
-- status. awaiting_reply follows status, last_customer_at and
-- last_reply_at, which every message's trigger sets: the companion
-- trigger moves the generation only when the lead starts or stops
-- waiting, so a running conversation still keeps the totals.
DROP TRIGGER leads_generation_update;
CREATE TRIGGER leads_generation_update AFTER UPDATE OF customer_phone, customer_name, car_id, status,
	source, assigned_to_user_id, notes, created_at, follow_up_at ON leads BEGIN
	UPDATE lead_generation SET n = n + 1;
END;
CREATE TRIGGER leads_generation_awaiting AFTER UPDATE OF last_customer_at, last_reply_at ON leads
	WHEN OLD.awaiting_reply IS NOT NEW.awaiting_reply BEGIN
	UPDATE lead_generation SET n = n + 1;
END;

-- The inbox's tabs, each walked in its order so a page stops after its
-- rows (no sort of the matching leads): all, by status, mine and
-- unassigned (assigned_to_user_id = ? or IS NULL), waiting for a reply,
-- and follow-ups due (open leads by follow_up_at).
CREATE INDEX leads_activity ON leads (activity_at DESC, id DESC);
CREATE INDEX leads_status_activity ON leads (status, activity_at DESC, id DESC);
CREATE INDEX leads_assigned_activity ON leads (assigned_to_user_id, activity_at DESC, id DESC);
CREATE INDEX leads_awaiting_activity ON leads (activity_at DESC, id DESC) WHERE awaiting_reply = 1;
CREATE INDEX leads_follow_up ON leads (follow_up_at, id) WHERE status NOT IN ('closed', 'lost');

-- The timeline of a lead: one row per changed field of an update, with
-- who made it. Values are text as the API shows them (ids, statuses,
-- RFC 3339 times, tags as a JSON array).
CREATE TABLE lead_events (
	id         INTEGER PRIMARY KEY,
	lead_id    INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
	user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('status', 'assigned', 'follow_up', 'car', 'notes', 'tags', 'lost_reason')),
	from_value TEXT,
	to_value   TEXT,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX lead_events_lead ON lead_events (lead_id, id);
CREATE INDEX lead_events_user ON lead_events (user_id) WHERE user_id IS NOT NULL;

-- The showroom's reply templates, in the order staff arranged them.
CREATE TABLE quick_replies (
	id         INTEGER PRIMARY KEY,
	title      TEXT    NOT NULL,
	body       TEXT    NOT NULL,
	position   INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

-- When each user last opened each lead: a lead is unread for a user while
-- its customer wrote after that.
CREATE TABLE lead_reads (
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
	read_at INTEGER NOT NULL,
	PRIMARY KEY (user_id, lead_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX lead_reads_lead ON lead_reads (lead_id);
