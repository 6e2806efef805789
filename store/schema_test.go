package store_test

import (
	"testing"

	"github.com/autoleads/autoleads/store"
)

// These tests pin the rules migrations/0001_init.sql enforces by itself, so
// that no store method has to re-check them and a later migration cannot
// drop them unnoticed.

func TestSchema_OneOpenLeadPerPhone(t *testing.T) {
	const phone = "+6281234567890"

	t.Run("TwoOpen", func(t *testing.T) {
		db := MustOpenDB(t)
		insertLead(t, db, phone, store.LeadNew)
		for _, status := range []string{store.LeadNew, store.LeadHot, store.LeadWarm, store.LeadCold} {
			_, err := tryInsertLead(db, phone, status)
			if !store.IsUniqueViolation(err) {
				t.Fatalf("second open lead (%s): %v, want a unique violation", status, err)
			}
		}
		// Another phone is independent.
		insertLead(t, db, "+6281234567891", store.LeadNew)
	})

	t.Run("ClosedAndOpen", func(t *testing.T) {
		db := MustOpenDB(t)
		w := db.Handles().Write
		closed := insertLead(t, db, phone, store.LeadClosed)
		insertLead(t, db, phone, store.LeadLost)
		insertLead(t, db, phone, store.LeadClosed)
		open := insertLead(t, db, phone, store.LeadHot)
		if n := queryInt(t, db, `SELECT COUNT(*) FROM leads WHERE customer_phone = ?`, phone); n != 4 {
			t.Fatalf("%d leads, want 4", n)
		}
		// Reopening an old lead while another is open is refused...
		_, err := w.Exec(`UPDATE leads SET status = 'new' WHERE id = ?`, closed)
		if !store.IsUniqueViolation(err) {
			t.Fatalf("reopening a second lead: %v, want a unique violation", err)
		}
		// ...and allowed once the open one is closed.
		if _, err := w.Exec(`UPDATE leads SET status = 'lost' WHERE id = ?`, open); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Exec(`UPDATE leads SET status = 'new' WHERE id = ?`, closed); err != nil {
			t.Fatalf("reopen the only lead: %v", err)
		}
	})
}

func TestSchema_Cascades(t *testing.T) {
	db := MustOpenDB(t)
	w := db.Handles().Write

	t.Run("LeadDeletionDeletesMessages", func(t *testing.T) {
		lead := insertLead(t, db, "+6281111111111", store.LeadNew)
		other := insertLead(t, db, "+6282222222222", store.LeadNew)
		insertMessage(t, db, lead, store.SenderCustomer, 1)
		insertMessage(t, db, lead, store.SenderBot, 2)
		insertMessage(t, db, other, store.SenderCustomer, 3)
		if _, err := w.Exec(`DELETE FROM leads WHERE id = ?`, lead); err != nil {
			t.Fatal(err)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM messages WHERE lead_id = ?`, lead); n != 0 {
			t.Fatalf("%d messages outlived their lead", n)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM messages WHERE lead_id = ?`, other); n != 1 {
			t.Fatalf("other lead has %d messages, want 1", n)
		}
	})

	t.Run("CarDeletionKeepsLeads", func(t *testing.T) {
		car := insertCar(t, db, "#A01")
		lead := insertLead(t, db, "+6283333333333", store.LeadHot)
		if _, err := w.Exec(`UPDATE leads SET car_id = ? WHERE id = ?`, car, lead); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Exec(`DELETE FROM cars WHERE id = ?`, car); err != nil {
			t.Fatal(err)
		}
		l := readLead(t, db, lead)
		if l.CarID.Valid || l.Status != store.LeadHot {
			t.Fatalf("lead after car deletion: %+v", l)
		}
	})

	t.Run("UserDeletionUnassigns", func(t *testing.T) {
		user := mustInsert(t, db, `INSERT INTO users (name, email, password_hash, role, created_at, updated_at)
			VALUES ('Ani', 'ani@example.com', 'x', 'sales', 1, 1)`)
		lead := insertLead(t, db, "+6284444444444", store.LeadNew)
		if _, err := w.Exec(`UPDATE leads SET assigned_to_user_id = ? WHERE id = ?`, user, lead); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Exec(`DELETE FROM users WHERE id = ?`, user); err != nil {
			t.Fatal(err)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM leads WHERE id = ? AND assigned_to_user_id IS NULL`, lead); n != 1 {
			t.Fatal("lead still assigned to a deleted user, or gone")
		}
	})
}

func TestSchema_MessageCountTriggers(t *testing.T) {
	db := MustOpenDB(t)
	lead := insertLead(t, db, "+6281234567890", store.LeadNew)
	if l := readLead(t, db, lead); l.MessageCount != 0 || l.LastMessageAt.Valid {
		t.Fatalf("new lead: %+v", l)
	}
	insertMessage(t, db, lead, store.SenderCustomer, 1000)
	latest := insertMessage(t, db, lead, store.SenderBot, 3000)
	insertMessage(t, db, lead, store.SenderSales, 2000) // arrives late, is older
	if l := readLead(t, db, lead); l.MessageCount != 3 || l.LastMessageAt.Int64 != 3000 {
		t.Fatalf("after 3 messages: count %d, last %v", l.MessageCount, l.LastMessageAt)
	}
	w := db.Handles().Write
	if _, err := w.Exec(`DELETE FROM messages WHERE id = ?`, latest); err != nil {
		t.Fatal(err)
	}
	if l := readLead(t, db, lead); l.MessageCount != 2 || l.LastMessageAt.Int64 != 2000 {
		t.Fatalf("after deleting the latest: count %d, last %v", l.MessageCount, l.LastMessageAt)
	}
	if _, err := w.Exec(`DELETE FROM messages WHERE lead_id = ?`, lead); err != nil {
		t.Fatal(err)
	}
	if l := readLead(t, db, lead); l.MessageCount != 0 || l.LastMessageAt.Valid {
		t.Fatalf("after deleting all: count %d, last %v", l.MessageCount, l.LastMessageAt)
	}
}

func TestSchema_InboundExternalIDUnique(t *testing.T) {
	db := MustOpenDB(t)
	lead := insertLead(t, db, "+6281234567890", store.LeadNew)
	insert := func(sender, ext string) error {
		_, err := db.Handles().Write.Exec(`INSERT INTO messages (lead_id, sender, message, external_id, created_at, updated_at)
			VALUES (?, ?, 'hi', ?, 1, 1)`, lead, sender, ext)
		return err
	}
	if err := insert(store.SenderCustomer, "inbox-1"); err != nil {
		t.Fatal(err)
	}
	if err := insert(store.SenderCustomer, "inbox-1"); !store.IsUniqueViolation(err) {
		t.Fatalf("duplicate inbound external id: %v", err)
	}
	// Outgoing ids live in another namespace and may repeat.
	for range 2 {
		if err := insert(store.SenderBot, "inbox-1"); err != nil {
			t.Fatalf("outgoing message with a repeated id: %v", err)
		}
	}
}

func TestSchema_StatusRank(t *testing.T) {
	db := MustOpenDB(t)
	for i, status := range []string{store.LeadLost, store.LeadNew, store.LeadClosed, store.LeadCold, store.LeadHot, store.LeadWarm} {
		insertLead(t, db, "+628123456780"+string(rune('0'+i)), status)
	}
	rows, err := db.Handles().Read.Query(`SELECT status FROM leads ORDER BY status_rank`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	want := []string{"new", "hot", "warm", "cold", "closed", "lost"}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Fatalf("leads by status rank = %v, want %v", got, want)
		}
	}
}

func TestSchema_UserEmailLowerCase(t *testing.T) {
	db := MustOpenDB(t)
	_, err := db.Handles().Write.Exec(`INSERT INTO users (name, email, password_hash, role, created_at, updated_at)
		VALUES ('A', 'Ani@Example.com', 'x', 'sales', 1, 1)`)
	if err == nil {
		t.Fatal("a mixed-case email was stored")
	}
}
