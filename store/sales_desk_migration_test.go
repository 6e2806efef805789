package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
)

// A database from before the sales desk gets each lead's response times
// from its conversation, and the triggers keep them from then on.
func TestMigrateSalesDesk(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tenant.db")
	h := sqldbtest.Open(t, path)
	if _, err := sqldb.Migrate(ctx, h.Write, migrationsBefore(t, "0008")); err != nil {
		t.Fatal(err)
	}
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := h.Write.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	// Lead 1: customer, bot, sales, customer (waiting). Lead 2: answered
	// by sales last. Lead 3: only a bot answered (waiting). Lead 4: no
	// messages. Lead 5: closed with the customer last (not waiting).
	// Lead 6: a sales message older than the lead (an import) is no response.
	for id, status := range map[int]string{1: "new", 2: "hot", 3: "new", 4: "new", 5: "closed", 6: "warm"} {
		exec(`INSERT INTO leads (id, customer_phone, status, created_at, updated_at) VALUES (?, ?, ?, 100, 100)`,
			id, "+62812000000"+string(rune('0'+id)), status)
	}
	msg := func(lead int, sender string, at int) {
		exec(`INSERT INTO messages (lead_id, sender, message, created_at, updated_at) VALUES (?, ?, 'x', ?, ?)`,
			lead, sender, at, at)
	}
	msg(1, "customer", 200)
	msg(1, "bot", 210)
	msg(1, "sales", 300)
	msg(1, "customer", 400)
	msg(2, "customer", 200)
	msg(2, "sales", 250)
	msg(2, "sales", 500)
	msg(3, "customer", 200)
	msg(3, "bot", 201)
	msg(5, "customer", 300)
	msg(6, "sales", 50)
	msg(6, "sales", 150)
	h.Close()

	db, err := store.Open(ctx, path, sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	type times struct{ first, customer, reply, awaiting int64 }
	read := func(id int) times {
		t.Helper()
		var tm times
		if err := db.Handles().Read.QueryRow(`SELECT COALESCE(first_response_at, 0), COALESCE(last_customer_at, 0),
			COALESCE(last_reply_at, 0), COALESCE(awaiting_reply, 0) FROM leads WHERE id = ?`, id).
			Scan(&tm.first, &tm.customer, &tm.reply, &tm.awaiting); err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for id, want := range map[int]times{
		1: {300, 400, 300, 1}, 2: {250, 200, 500, 0}, 3: {0, 200, 0, 1},
		4: {0, 0, 0, 0}, 5: {0, 300, 0, 0}, 6: {150, 0, 150, 0},
	} {
		if got := read(id); got != want {
			t.Errorf("lead %d after the migration: %+v, want %+v", id, got, want)
		}
	}
	// The triggers carry on: a reply answers lead 1, a bot turn does not
	// answer lead 3, a deleted reply makes lead 2 wait again.
	exec2 := func(query string, args ...any) {
		t.Helper()
		if _, err := db.Handles().Write.Exec(query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	insertMessage(t, db, 1, store.SenderSales, 450)
	insertMessage(t, db, 3, store.SenderBot, 460)
	exec2(`DELETE FROM messages WHERE lead_id = 2 AND sender = 'sales'`)
	for id, want := range map[int]times{1: {300, 400, 450, 0}, 3: {0, 200, 0, 1}, 2: {0, 200, 0, 1}} {
		if got := read(id); got != want {
			t.Errorf("lead %d after new messages: %+v, want %+v", id, got, want)
		}
	}
	if n := queryInt(t, db, `SELECT message_count FROM leads WHERE id = 1`); n != 5 {
		t.Errorf("lead 1 counts %d messages, want 5", n)
	}
}
