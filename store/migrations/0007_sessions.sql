-- Sessions of the staff dashboard: a browser signed in holds a random token
-- in a cookie; the table keeps only its SHA-256, so a leaked database does
-- not leak a session that works. A session remembers the user's token key
-- and version when it began: a password change, a deactivation or "sign out
-- everywhere" bumps the version and ends it, as it revokes API tokens.

CREATE TABLE sessions (
	id_hash       BLOB    PRIMARY KEY,
	user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	token_key     TEXT    NOT NULL,
	token_version INTEGER NOT NULL,
	user_agent    TEXT    NOT NULL DEFAULT '',
	created_at    INTEGER NOT NULL,
	last_seen_at  INTEGER NOT NULL,
	expires_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_user ON sessions (user_id);
