package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

func TestDB_FindLeadReadBy(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestClock(db, time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
	ani := leadTestUser(t, db, "ani@x.test", store.RoleSales)
	budi := leadTestUser(t, db, "budi@x.test", store.RoleSales)
	in, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567801", Message: "Halo"})
	if err != nil {
		t.Fatal(err)
	}
	unread := func(u *store.User) bool {
		t.Helper()
		l, err := db.FindLeadReadBy(ctx, in.LeadID, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if l.ID != in.LeadID || l.CustomerPhone != "+6281234567801" {
			t.Fatalf("wrong lead %+v", l)
		}
		return l.Unread
	}
	if !unread(ani) {
		t.Fatal("a lead never opened is read")
	}
	if err := db.MarkLeadRead(ctx, ani.ID, in.LeadID); err != nil {
		t.Fatal(err)
	}
	if unread(ani) || !unread(budi) {
		t.Fatal("the read mark is not per user")
	}
	if _, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567801", Message: "Masih ada?"}); err != nil {
		t.Fatal(err)
	}
	if !unread(ani) {
		t.Fatal("a new message left the lead read")
	}
	if _, err := db.FindLeadReadBy(ctx, 999, ani.ID); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("missing lead: %v", err)
	}
}
