package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
)

func TestDB_RecordInboundMessage(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 10, 23, 9, 0, 0, 123456789, time.UTC)

	t.Run("NewLead", func(t *testing.T) {
		db := MustOpenDB(t)
		db.Now = func() time.Time { return now }
		res, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281234567890@s.whatsapp.net",
			Name: "  Ibu Siti ", Message: "Avanza masih ada?", ExternalID: "inbox-1",
			Metadata: json.RawMessage(`{"device":"628123456789"}`)})
		if err != nil {
			t.Fatal(err)
		}
		if !res.LeadCreated || res.Duplicate || res.LeadID == 0 || res.MessageID == 0 {
			t.Fatalf("result = %+v", res)
		}
		l := readLead(t, db, res.LeadID)
		if l.Phone != "+6281234567890" || l.Name.String != "Ibu Siti" || l.Status != store.LeadNew ||
			l.Source != store.SourceWhatsApp || l.MessageCount != 1 || l.LastMessageAt.Int64 != now.Truncate(time.Millisecond).UnixMilli() {
			t.Fatalf("lead = %+v", l)
		}
		var sender, message, ext, metadata string
		err = db.Handles().Read.QueryRow(`SELECT sender, message, external_id, metadata FROM messages WHERE id = ?`,
			res.MessageID).Scan(&sender, &message, &ext, &metadata)
		if err != nil || sender != "customer" || message != "Avanza masih ada?" || ext != "inbox-1" || metadata != `{"device":"628123456789"}` {
			t.Fatalf("message = %q %q %q %q, %v", sender, message, ext, metadata, err)
		}
	})

	t.Run("ReusesOpenLead", func(t *testing.T) {
		db := MustOpenDB(t)
		clock := now
		db.Now = func() time.Time { return clock }
		first, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "0812-3456-7890", Source: store.SourceWeb, Message: "Halo"})
		if err != nil {
			t.Fatal(err)
		}
		clock = now.Add(time.Hour)
		second, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "+62 812 3456 7890", Message: "Masih ada?"})
		if err != nil {
			t.Fatal(err)
		}
		if second.LeadCreated || second.LeadID != first.LeadID || second.MessageID == first.MessageID {
			t.Fatalf("second = %+v, first = %+v", second, first)
		}
		if l := readLead(t, db, first.LeadID); l.MessageCount != 2 || l.Source != store.SourceWeb {
			t.Fatalf("lead = %+v", l)
		}
		// The conversation's new message moves the lead's time forward.
		l, err := db.FindLeadByID(ctx, first.LeadID)
		if err != nil {
			t.Fatal(err)
		}
		if want := clock.Truncate(time.Millisecond); !l.UpdatedAt.Equal(want) || !l.CreatedAt.Equal(now.Truncate(time.Millisecond)) {
			t.Fatalf("lead created %v updated %v, want %v and %v", l.CreatedAt, l.UpdatedAt, now, want)
		}
	})

	t.Run("DuplicateExternalID", func(t *testing.T) {
		db := MustOpenDB(t)
		in := store.InboundMessage{Phone: "6281234567890", Message: "Halo", ExternalID: "inbox-7"}
		first, err := db.RecordInboundMessage(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		in.Message = "Halo (retry)"
		in.Phone = "6289999999999" // even from another number, the id is the message
		again, err := db.RecordInboundMessage(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Duplicate || again.LeadCreated || again.LeadID != first.LeadID || again.MessageID != first.MessageID {
			t.Fatalf("retry = %+v, first = %+v", again, first)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM messages`); n != 1 {
			t.Fatalf("%d messages after a retry, want 1", n)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM leads`); n != 1 {
			t.Fatalf("%d leads after a retry, want 1", n)
		}
		// Messages without an id are never duplicates of each other.
		in.ExternalID = ""
		for range 2 {
			if res, err := db.RecordInboundMessage(ctx, in); err != nil || res.Duplicate {
				t.Fatalf("message without id: %+v, %v", res, err)
			}
		}
	})

	t.Run("ClosedLeadStartsNewOne", func(t *testing.T) {
		for _, status := range []string{store.LeadClosed, store.LeadLost} {
			db := MustOpenDB(t)
			old := insertLead(t, db, "+6281234567890", status)
			res, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567890", Message: "Mau tanya lagi"})
			if err != nil {
				t.Fatal(err)
			}
			if !res.LeadCreated || res.LeadID == old {
				t.Fatalf("%s lead reused: %+v", status, res)
			}
			if l := readLead(t, db, old); l.MessageCount != 0 || l.Status != status {
				t.Fatalf("old lead touched: %+v", l)
			}
		}
	})

	t.Run("NameOnlyWhenMissing", func(t *testing.T) {
		db := MustOpenDB(t)
		phone := "6281234567890"
		res, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: phone, Message: "1"})
		if err != nil {
			t.Fatal(err)
		}
		if l := readLead(t, db, res.LeadID); l.Name.Valid {
			t.Fatalf("name from nowhere: %+v", l.Name)
		}
		for _, step := range []struct{ name, want string }{
			{"", ""}, {"Pak Andi", "Pak Andi"}, {"Someone Else", "Pak Andi"}, {"", "Pak Andi"},
		} {
			if _, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: phone, Name: step.name, Message: "x"}); err != nil {
				t.Fatal(err)
			}
			if l := readLead(t, db, res.LeadID); l.Name.String != step.want {
				t.Fatalf("after name %q: lead name %q, want %q", step.name, l.Name.String, step.want)
			}
		}
		long := strings.Repeat("é", 150)
		res, err = db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281234567891", Name: long, Message: "x"})
		if err != nil {
			t.Fatal(err)
		}
		if l := readLead(t, db, res.LeadID); l.Name.String != strings.Repeat("é", 100) {
			t.Fatalf("long name stored as %d bytes", len(l.Name.String))
		}
	})

	t.Run("Car", func(t *testing.T) {
		db := MustOpenDB(t)
		a01, a02 := insertCar(t, db, "#A01"), insertCar(t, db, "#A02")
		missing := a02 + 100
		_, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281234567890", Message: "x", CarID: &missing})
		wantStoreCode(t, "unknown car", err, store.EINVALID)
		if n := queryInt(t, db, `SELECT COUNT(*) FROM leads`); n != 0 {
			t.Fatal("a refused message created a lead")
		}
		res, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281234567890", Message: "x"})
		if err != nil {
			t.Fatal(err)
		}
		for _, car := range []int64{a01, a02} {
			if _, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281234567890", Message: "x", CarID: &car}); err != nil {
				t.Fatal(err)
			}
		}
		if l := readLead(t, db, res.LeadID); l.CarID.Int64 != a01 {
			t.Fatalf("car = %v, want the first one asked about (%d)", l.CarID, a01)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		db := MustOpenDB(t)
		tests := []struct {
			name  string
			in    store.InboundMessage
			field string
		}{
			{"bad phone", store.InboundMessage{Phone: "12345", Message: "x"}, "phone"},
			{"empty phone", store.InboundMessage{Phone: "", Message: "x"}, "phone"},
			{"letters", store.InboundMessage{Phone: "0812-abc-7890", Message: "x"}, "phone"},
			{"empty message", store.InboundMessage{Phone: "6281234567890", Message: "  "}, "message"},
			{"too long", store.InboundMessage{Phone: "6281234567890", Message: strings.Repeat("x", 65537)}, "message"},
		}
		for _, tt := range tests {
			_, err := db.RecordInboundMessage(ctx, tt.in)
			wantStoreCode(t, tt.name, err, store.EINVALID)
			if _, ok := store.ErrorDetails(err)[tt.field]; !ok {
				t.Errorf("%s: details %v lack %q", tt.name, store.ErrorDetails(err), tt.field)
			}
		}
		_, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "12345", Message: "x"})
		if msg := store.ErrorMessage(err); msg != "Invalid phone number format" {
			t.Fatalf("message = %q", msg)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM leads`); n != 0 {
			t.Fatal("refused messages created leads")
		}
		// A message with only metadata (a photo) is accepted.
		if _, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281234567890",
			Metadata: json.RawMessage(`{"url":"https://example.com/p.jpg"}`)}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestDB_RecordInboundMessage_Concurrent sends the first messages of one new
// number at once, as Fonnte does when a customer types fast: exactly one
// open lead must hold them all, and nobody may see SQLITE_BUSY.
func TestDB_RecordInboundMessage_Concurrent(t *testing.T) {
	ctx := context.Background()
	const n = 50

	run := func(t *testing.T, dbs []*store.DB, externalID func(i int) string) []*store.InboundResult {
		t.Helper()
		results := make([]*store.InboundResult, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = dbs[i%len(dbs)].RecordInboundMessage(ctx, store.InboundMessage{
					Phone: "0812-3456-7890", Message: fmt.Sprintf("pesan %d", i), ExternalID: externalID(i)})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("message %d: %v", i, err)
			}
		}
		return results
	}
	check := func(t *testing.T, db *store.DB, results []*store.InboundResult, wantMessages int64) {
		t.Helper()
		created := 0
		for _, r := range results {
			if r.LeadCreated {
				created++
			}
			if r.LeadID != results[0].LeadID {
				t.Fatalf("messages landed on leads %d and %d", r.LeadID, results[0].LeadID)
			}
		}
		if created != 1 {
			t.Fatalf("%d results report a new lead, want 1", created)
		}
		if got := queryInt(t, db, `SELECT COUNT(*) FROM leads`); got != 1 {
			t.Fatalf("%d leads, want 1", got)
		}
		if l := readLead(t, db, results[0].LeadID); l.MessageCount != wantMessages {
			t.Fatalf("lead holds %d messages, want %d", l.MessageCount, wantMessages)
		}
		if got := queryInt(t, db, `SELECT COUNT(*) FROM messages`); got != wantMessages {
			t.Fatalf("%d messages, want %d", got, wantMessages)
		}
	}

	t.Run("OneProcess", func(t *testing.T) {
		db := MustOpenDB(t)
		results := run(t, []*store.DB{db}, func(i int) string { return fmt.Sprintf("inbox-%d", i) })
		check(t, db, results, n)
	})

	t.Run("TwoProcesses", func(t *testing.T) {
		// Two openers of one file stand for the server and a second
		// process: their writers contend for the file lock.
		path := filepath.Join(t.TempDir(), "tenant.db")
		var dbs []*store.DB
		for range 2 {
			db, err := store.Open(ctx, path, sqldb.DurabilityNormal)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			dbs = append(dbs, db)
		}
		results := run(t, dbs, func(i int) string { return fmt.Sprintf("inbox-%d", i) })
		check(t, dbs[0], results, n)
	})

	t.Run("SameRetry", func(t *testing.T) {
		db := MustOpenDB(t)
		results := run(t, []*store.DB{db}, func(int) string { return "inbox-same" })
		dups := 0
		for _, r := range results {
			if r.Duplicate {
				dups++
			}
			if r.MessageID != results[0].MessageID {
				t.Fatal("one retried message stored twice")
			}
		}
		if dups != n-1 {
			t.Fatalf("%d duplicates, want %d", dups, n-1)
		}
		check(t, db, results, 1)
	})
}
