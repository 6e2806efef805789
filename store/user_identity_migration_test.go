package store_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
)

// migrationsBefore returns the embedded tenant migrations numbered below
// version, to build a database as an older release left it.
func migrationsBefore(tb testing.TB, version string) fstest.MapFS {
	tb.Helper()
	names, err := fs.Glob(store.TenantMigrations(), "*.sql")
	if err != nil {
		tb.Fatal(err)
	}
	out := fstest.MapFS{}
	for _, name := range names {
		if name >= version {
			continue
		}
		body, err := fs.ReadFile(store.TenantMigrations(), name)
		if err != nil {
			tb.Fatal(err)
		}
		out[name] = &fstest.MapFile{Data: body}
	}
	return out
}

// schemaObjects lists the database's indexes and triggers as "type name on table".
func schemaObjects(tb testing.TB, db *sql.DB) []string {
	tb.Helper()
	rows, err := db.Query(`SELECT type || ' ' || name || ' on ' || tbl_name FROM sqlite_master
		WHERE type IN ('index', 'trigger') ORDER BY type, name`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			tb.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// A database from before user ids were kept unique, holding users deleted
// there, is upgraded without losing a row, a lead's assignment, an index or
// a trigger, and never hands out an id a user has held.
func TestMigrateUserIdentity(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tenant.db")
	h := sqldbtest.Open(t, path)
	if _, err := sqldb.Migrate(ctx, h.Write, migrationsBefore(t, "0006")); err != nil {
		t.Fatal(err)
	}
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := h.Write.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	for i, u := range []struct{ email, role string }{
		{"owner@x.test", "owner"}, {"sales@x.test", "sales"}, {"admin@x.test", "admin"},
		{"gone4@x.test", "sales"}, {"gone5@x.test", "sales"},
	} {
		exec(`INSERT INTO users (id, name, email, password_hash, role, token_version, created_at, updated_at)
			VALUES (?, ?, ?, 'hash', ?, 3, 1, 1)`, i+1, u.email, u.email, u.role)
	}
	exec(`INSERT INTO leads (id, customer_phone, assigned_to_user_id, created_at, updated_at) VALUES (1, '6281', 2, 1, 1)`)
	exec(`INSERT INTO leads (id, customer_phone, assigned_to_user_id, created_at, updated_at) VALUES (2, '6282', 3, 1, 1)`)
	exec(`INSERT INTO leads (id, customer_phone, created_at, updated_at) VALUES (3, '6283', 1, 1)`)
	// User 5 wrote to a customer and was deleted; user 4 left no trace.
	exec(`INSERT INTO messages (lead_id, sender, message, metadata, created_at, updated_at)
		VALUES (1, 'sales', 'hi', '{"userId":5}', 2, 2)`)
	exec(`INSERT INTO messages (lead_id, sender, message, metadata, created_at, updated_at)
		VALUES (1, 'customer', 'hello', 'not json', 3, 3)`)
	exec(`DELETE FROM users WHERE id IN (4, 5)`)
	before := schemaObjects(t, h.Read)
	h.Close()

	db, err := store.Open(ctx, path, sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Of what the rebuild touches (users, and leads, whose foreign key
	// names users), the one new index is token_key's uniqueness. Later
	// migrations add objects of other tables, and 0008 the inbox's
	// indexes of leads and a trigger.
	touched := func(objects []string) []string {
		return slices.DeleteFunc(objects, func(o string) bool {
			return !strings.HasSuffix(o, " on users") && !strings.HasSuffix(o, " on leads")
		})
	}
	want := touched(append(before, "index sqlite_autoindex_users_2 on users",
		"index leads_activity on leads", "index leads_assigned_activity on leads",
		"index leads_awaiting_activity on leads", "index leads_follow_up on leads",
		"index leads_status_activity on leads", "trigger leads_generation_awaiting on leads"))
	slices.Sort(want)
	if after := touched(schemaObjects(t, db.Handles().Read)); !slices.Equal(after, want) {
		t.Errorf("indexes and triggers:\n got %v\nwant %v", after, want)
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM users WHERE token_version = 3 AND id IN (1, 2, 3)`); n != 3 {
		t.Errorf("%d of the 3 users kept, want all with their ids and token versions", n)
	}
	if n := queryInt(t, db, `SELECT COUNT(DISTINCT token_key) FROM users WHERE length(token_key) = 32`); n != 3 {
		t.Errorf("%d distinct token keys, want one per user", n)
	}
	for lead, want := range map[int64]int64{1: 2, 2: 3, 3: 0} {
		if got := queryInt(t, db, `SELECT assigned_to_user_id FROM leads WHERE id = ?`, lead); got != want {
			t.Errorf("lead %d assigned to %d, want %d", lead, got, want)
		}
	}
	if n := queryInt(t, db, `SELECT message_count FROM leads WHERE id = 1`); n != 2 {
		t.Errorf("lead 1 counts %d messages, want 2 (the trigger still runs)", n)
	}
	var fkProblems int
	rows, err := db.Handles().Read.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		fkProblems++
	}
	rows.Close()
	if fkProblems > 0 {
		t.Errorf("foreign_key_check reports %d rows", fkProblems)
	}

	// Ids 4 and 5 were held once; the next user is 6, and a deleted new
	// user's id is not handed out again either.
	u := &store.User{Name: "New", Email: "new@x.test", Role: store.RoleSales}
	if err := db.CreateUser(ctx, u, "password123"); err != nil {
		t.Fatal(err)
	}
	if u.ID != 6 {
		t.Errorf("new user id %d, want 6", u.ID)
	}
	if err := db.DeleteUser(ctx, u.ID, nil); err != nil {
		t.Fatal(err)
	}
	again := &store.User{Name: "Again", Email: "again@x.test", Role: store.RoleOwner}
	if err := db.CreateUser(ctx, again, "password123"); err != nil {
		t.Fatal(err)
	}
	if again.ID != 7 {
		t.Errorf("user after a deletion got id %d, want 7", again.ID)
	}

	// The foreign key still unassigns a deleted user's leads, and the
	// email rules still hold.
	if err := db.DeleteUser(ctx, 3, nil); err != nil {
		t.Fatal(err)
	}
	if got := queryInt(t, db, `SELECT COUNT(*) FROM leads WHERE assigned_to_user_id IS NULL`); got != 2 {
		t.Errorf("%d unassigned leads after deleting user 3, want 2", got)
	}
	wantStoreCode(t, "same email", db.CreateUser(ctx, &store.User{Name: "Dup", Email: "owner@x.test", Role: store.RoleSales}, "password123"), store.ECONFLICT)
	if _, err := db.Handles().Write.Exec(`INSERT INTO users (name, email, password_hash, role, created_at, updated_at)
		VALUES ('Upper', 'UP@x.test', 'h', 'sales', 1, 1)`); err == nil {
		t.Error("upper-case email accepted")
	}
}
