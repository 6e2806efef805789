-- The write path of a customer's message, made lighter: every page a
-- message's transaction changes is one more frame appended to the WAL at
-- its commit, and every statement one more round through SQLite.

-- Every customer message stores its webhook event, and each index of
-- webhook_events was one more page written per message. Only the WhatsApp
-- connection state reads the table, by its latest device event, so one
-- small index of the rare device events replaces both. (Events are in
-- received order by id, which any retention can use.)
DROP INDEX webhook_events_received;
DROP INDEX webhook_events_kind;
CREATE INDEX webhook_events_device ON webhook_events (id) WHERE kind = 'device';

-- A new message moves its lead's updated_at forward too, in the update the
-- trigger already makes, so a message on a running conversation needs no
-- UPDATE of its own.
DROP TRIGGER messages_count_insert;
CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
	UPDATE leads SET message_count = message_count + 1,
		last_message_at = max(COALESCE(last_message_at, 0), NEW.created_at),
		updated_at = max(updated_at, NEW.created_at)
	WHERE id = NEW.lead_id;
END;
