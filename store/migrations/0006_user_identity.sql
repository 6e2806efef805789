-- A user id names one person forever. Without AUTOINCREMENT SQLite handed a
-- new user the id of a deleted last user, and a token, which names its user
-- by id, opened the new user's account. Each user also gets a random
-- token_key that tokens carry and authentication compares: a reused id or a
-- restored old copy of the database holds another key, so no token of
-- someone else can pass. (The key needs no secrecy, the token is signed; it
-- only must never repeat, so SQLite's randomblob suffices.)
--
-- SQLite cannot add AUTOINCREMENT to a table, so users is rebuilt. Dropping
-- users sets every lead's assigned_to_user_id to NULL (the foreign key's ON
-- DELETE SET NULL, and foreign_keys cannot be switched off inside the
-- migration's transaction), so the assignments are set aside and restored.
-- users has no index but its email's and no trigger of its own.

CREATE TABLE users_new (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	name            TEXT    NOT NULL,
	email           TEXT    NOT NULL UNIQUE CHECK (email = lower(email)),
	phone           TEXT,
	whatsapp_number TEXT,
	password_hash   TEXT    NOT NULL,
	role            TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'sales')),
	status          TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
	token_version   INTEGER NOT NULL DEFAULT 1,
	token_key       TEXT    NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	last_login_at   INTEGER,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
) STRICT;

INSERT INTO users_new (id, name, email, phone, whatsapp_number, password_hash, role, status,
	token_version, last_login_at, created_at, updated_at)
SELECT id, name, email, phone, whatsapp_number, password_hash, role, status,
	token_version, last_login_at, created_at, updated_at
FROM users;

CREATE TEMP TABLE lead_assignments_copy AS
	SELECT id, assigned_to_user_id FROM leads WHERE assigned_to_user_id IS NOT NULL;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
UPDATE leads SET assigned_to_user_id =
	(SELECT c.assigned_to_user_id FROM lead_assignments_copy c WHERE c.id = leads.id)
WHERE id IN (SELECT id FROM lead_assignments_copy);
DROP TABLE lead_assignments_copy;

-- Ids deleted before this migration must not come back either: the
-- sequence starts above every id a user has held that left a trace, in
-- users, in lead assignments, or as the author of a sales message.
INSERT INTO sqlite_sequence (name, seq)
	SELECT 'users', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'users');
UPDATE sqlite_sequence SET seq = max(seq,
	(SELECT COALESCE(MAX(id), 0) FROM users),
	(SELECT COALESCE(MAX(assigned_to_user_id), 0) FROM leads),
	(SELECT COALESCE(MAX(CASE WHEN json_valid(metadata) THEN
			CASE json_type(metadata, '$.userId') WHEN 'integer' THEN json_extract(metadata, '$.userId') END
		END), 0) FROM messages WHERE sender = 'sales'))
WHERE name = 'users';
