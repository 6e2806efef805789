package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// An inbox row shows its lead's latest message: the newest by time, the
// later insert when two share a millisecond, nothing for a lead without.
func TestDB_FindLastMessages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestClock(db, leadEpoch)
	a := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000001"})
	b := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000002"})
	quiet := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000003"})
	at := leadEpoch.Add(time.Hour)
	for _, m := range []*store.Message{
		{LeadID: a.ID, Sender: store.SenderCustomer, Message: "Avanza masih ada?", CreatedAt: at},
		{LeadID: a.ID, Sender: store.SenderSales, Message: "Masih, Kak.", DeliveryStatus: store.DeliveryRead, CreatedAt: at.Add(time.Minute)},
		// Written later but sent earlier: not the last.
		{LeadID: a.ID, Sender: store.SenderCustomer, Message: "lama", CreatedAt: at.Add(-time.Minute)},
		{LeadID: b.ID, Sender: store.SenderCustomer, Message: "pertama", CreatedAt: at},
		{LeadID: b.ID, Sender: store.SenderCustomer, Message: "kedua", CreatedAt: at},
	} {
		if err := db.CreateMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}

	last, err := db.FindLastMessages(ctx, []int64{a.ID, b.ID, quiet.ID, 9999})
	if err != nil {
		t.Fatal(err)
	}
	if len(last) != 2 || last[quiet.ID] != nil {
		t.Fatalf("got %d entries: %+v", len(last), last)
	}
	if m := last[a.ID]; m.Message != "Masih, Kak." || m.Sender != store.SenderSales ||
		m.DeliveryStatus != store.DeliveryRead || !m.CreatedAt.Equal(at.Add(time.Minute)) {
		t.Errorf("lead a: %+v", m)
	}
	if m := last[b.ID]; m.Message != "kedua" || m.DeliveryStatus != "" {
		t.Errorf("lead b: %+v", m)
	}
	if none, err := db.FindLastMessages(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("no ids: %v %v", none, err)
	}
}

// The inbox's search lists what the lead list's walk would, whether its
// page is among the recent leads, sorted out of a few matches' ids, or
// found by the walk itself.
func TestDB_FindInboxPage(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	sales := leadTestUser(t, db, "sales@x.test", store.RoleSales)
	w := db.Handles().Write
	// 1,200 Budis and 30 others, created a minute apart; every third
	// assigned to the sales user, every fifth hot; a tenth have spoken.
	for i := range 1230 {
		name := fmt.Sprintf("Budi %d", i)
		if i%41 == 0 {
			name = fmt.Sprintf("Siti %d", i)
		}
		var assigned any
		if i%3 == 0 {
			assigned = sales.ID
		}
		status := store.LeadNew
		if i%5 == 0 {
			status = store.LeadHot
		}
		at := leadEpoch.Add(time.Duration(i) * time.Minute).UnixMilli()
		if _, err := w.Exec(`INSERT INTO leads (customer_phone, customer_name, status, source, assigned_to_user_id, created_at, updated_at)
			VALUES (?, ?, ?, 'wa', ?, ?, ?)`, fmt.Sprintf("+62813%08d", i), name, status, assigned, at, at); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Exec(`INSERT INTO messages (lead_id, sender, message, created_at, updated_at)
		SELECT id, 'customer', 'halo', created_at + (id % 7) * 3600000, created_at FROM leads WHERE id % 10 = 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Exec(`UPDATE leads SET follow_up_at = created_at - (id % 5) * 3600000 WHERE id % 2 = 0`); err != nil {
		t.Fatal(err)
	}
	due := leadEpoch.Add(time.Hour * 24 * 30)
	for _, f := range []store.LeadFilter{
		{Search: "siti"},
		{Search: "siti", Status: store.LeadHot},
		{Search: "siti", Offset: 20},
		{Search: "siti", VisibleTo: &sales.ID, ReadBy: &sales.ID},
		{Search: "0813-0000-0123"},
		{Search: "nobody"},
		{Search: "budi"},
		{Search: "budi", Status: store.LeadHot, Offset: 100},
		{Search: "budi", Awaiting: true, VisibleTo: &sales.ID},
		// Beyond the recent leads, and matched by too many to gather.
		{Search: "budi", Status: store.LeadHot, Offset: 200},
		{Search: "siti", FollowUpDue: &due},
		{Search: "budi", FollowUpDue: &due, Offset: 50},
	} {
		f.SortByActivity, f.Limit = true, 25
		want, wantMore, err := db.FindLeadsPage(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got, more, err := db.FindInboxPage(ctx, f)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if ids(got) != ids(want) || more != wantMore {
			t.Errorf("%+v:\n got %s (more %v)\nwant %s (more %v)", f, ids(got), more, ids(want), wantMore)
		}
		if len(want) == 0 && f.Search != "nobody" {
			t.Errorf("%+v finds nothing: a case that proves nothing", f)
		}
	}
}

func ids(leads []*store.Lead) string {
	var b strings.Builder
	for _, l := range leads {
		fmt.Fprintf(&b, "%d,", l.ID)
	}
	return b.String()
}
