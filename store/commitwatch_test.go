package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// commitLog collects what OnCommit reports.
type commitLog struct {
	mu  sync.Mutex
	got []store.Tables
}

func watchCommits(db *store.DB) *commitLog {
	l := &commitLog{}
	db.OnCommit(func(t store.Tables) {
		l.mu.Lock()
		l.got = append(l.got, t)
		l.mu.Unlock()
	})
	return l
}

// take returns what was reported since the last take.
func (l *commitLog) take() []store.Tables {
	l.mu.Lock()
	defer l.mu.Unlock()
	got := l.got
	l.got = nil
	return got
}

func wantCommits(t *testing.T, label string, got []store.Tables, want ...store.Tables) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: reported %v, want %v", label, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: reported %v, want %v", label, got, want)
		}
	}
}

func TestDB_OnCommit(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	log := watchCommits(db)

	t.Run("CarCreateUpdateDelete", func(t *testing.T) {
		c := mustCreateCar(t, db, validCar("#W01"))
		wantCommits(t, "create", log.take(), store.TableCars)
		price := int64(1)
		if _, err := db.UpdateCar(ctx, c.ID, store.CarUpdate{Price: &price}); err != nil {
			t.Fatal(err)
		}
		wantCommits(t, "update", log.take(), store.TableCars)
		if _, err := db.DeleteCar(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		wantCommits(t, "delete", log.take(), store.TableCars)
	})

	t.Run("FailedWriteReportsNothing", func(t *testing.T) {
		mustCreateCar(t, db, validCar("#W02"))
		log.take()
		if err := db.CreateCar(ctx, validCar("#W02")); store.ErrorCode(err) != store.ECONFLICT {
			t.Fatalf("duplicate display code: %v", err)
		}
		wantCommits(t, "rolled back", log.take())
	})

	t.Run("AutocommitAndTriggers", func(t *testing.T) {
		lead := insertLead(t, db, "+6281200000001", "new")
		wantCommits(t, "autocommit insert", log.take(), store.TableLeads)
		insertMessage(t, db, lead, "customer", 5)
		// The trigger that counts messages updates the lead too.
		wantCommits(t, "message", log.take(), store.TableLeads|store.TableMessages)
	})

	t.Run("ReadsReportNothing", func(t *testing.T) {
		if _, _, err := db.FindCars(ctx, store.CarFilter{}); err != nil {
			t.Fatal(err)
		}
		wantCommits(t, "read", log.take())
	})

	t.Run("Unregister", func(t *testing.T) {
		db.OnCommit(nil)
		mustCreateCar(t, db, validCar("#W03"))
		wantCommits(t, "after nil", log.take())
	})
}

// The sales desk's writes reach the change feed: a follow-up and its
// timeline as a lead change, a retry as a message change, read marks and
// quick replies under their own bits.
func TestDB_OnCommitSalesDesk(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	u := leadTestUser(t, db, "owner@example.com", store.RoleOwner)
	l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567801"})
	m, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: l.ID, Message: "Halo", UserID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.MarkDeliveryFailed(ctx, m.ID, "gagal"); err != nil {
		t.Fatal(err)
	}
	log := watchCommits(db)

	at := time.Now()
	if _, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{FollowUpAt: leadPtr(&at), By: &u.ID}); err != nil {
		t.Fatal(err)
	}
	wantCommits(t, "follow-up", log.take(), store.TableLeads)
	if _, err := db.RetryMessage(ctx, l.ID, m.ID, nil); err != nil {
		t.Fatal(err)
	}
	wantCommits(t, "retry", log.take(), store.TableMessages)
	if err := db.MarkLeadRead(ctx, u.ID, l.ID); err != nil {
		t.Fatal(err)
	}
	wantCommits(t, "read", log.take(), store.TableLeadReads)
	if err := db.CreateQuickReply(ctx, &store.QuickReply{Title: "Sapa", Body: "Halo"}); err != nil {
		t.Fatal(err)
	}
	wantCommits(t, "quick reply", log.take(), store.TableQuickReplies)
}
