package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
)

// openSecond opens db's file a second time, as another process (the CLI, a
// second server) would: its own connections, its own caches.
func openSecond(t *testing.T, db *store.DB) *store.DB {
	t.Helper()
	other, err := store.Open(context.Background(), db.Path(), sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

func wantLeadTotal(t *testing.T, db *store.DB, f store.LeadFilter, want int64) {
	t.Helper()
	leads, total, err := db.FindLeads(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if total != want || int64(len(leads)) != want {
		t.Fatalf("FindLeads(%+v) = %d leads, total %d; want %d", f, len(leads), total, want)
	}
}

// The lead list's totals are remembered between requests, and every change
// to the leads, by this handle or by another process, is seen by the next
// read.
func TestDB_FindLeadsTotalFollowsEveryCommit(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	other := openSecond(t, db)
	hot := store.LeadFilter{Status: store.LeadHot, Search: "kredit"}
	for i := range 3 {
		mustCreateLead(t, db, &store.Lead{CustomerPhone: fmt.Sprintf("08123456780%d", i), Status: store.LeadHot, Notes: "tanya kredit"})
	}
	mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567810", Status: store.LeadHot, Notes: "nego"})

	wantLeadTotal(t, db, hot, 3)
	if !store.LeadTotalRemembered(db, hot) {
		t.Fatal("the total of a filter just counted is not remembered")
	}
	wantLeadTotal(t, db, hot, 3) // from memory

	mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567820", Status: store.LeadHot, Notes: "Kredit 5 tahun"})
	if store.LeadTotalRemembered(db, hot) {
		t.Fatal("a total is still remembered after a new lead")
	}
	wantLeadTotal(t, db, hot, 4)

	// Written by the other process, whose commits this handle never hears of.
	mustCreateLead(t, other, &store.Lead{CustomerPhone: "081234567830", Status: store.LeadHot, Notes: "KREDIT?"})
	wantLeadTotal(t, db, hot, 5)
	l := mustCreateLead(t, other, &store.Lead{CustomerPhone: "081234567831", Status: store.LeadWarm, Notes: "kredit"})
	wantLeadTotal(t, db, hot, 5)
	if _, err := other.UpdateLead(ctx, l.ID, store.LeadUpdate{Status: leadPtr(store.LeadHot)}); err != nil {
		t.Fatal(err)
	}
	wantLeadTotal(t, db, hot, 6)
	if err := other.DeleteLead(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	wantLeadTotal(t, db, hot, 5)
}

// A message on a running conversation changes no column a filter reads, so
// the totals stay remembered while WhatsApp is busy; a message opening a new
// lead changes them, and so does the first one that leaves the customer
// waiting for a reply (the Awaiting filter reads it).
func TestDB_FindLeadsTotalSurvivesMessages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	open := store.LeadFilter{Status: store.LeadNew, Search: "0812"}
	mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567801", CustomerName: "Ibu Siti"})
	wantLeadTotal(t, db, open, 1)
	if _, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567801", Message: "Halo"}); err != nil {
		t.Fatal(err)
	}
	if store.LeadTotalRemembered(db, open) {
		t.Fatal("the customer's first message left the totals of before it remembered")
	}
	wantLeadTotal(t, db, open, 1)

	for i := range 3 {
		if _, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567801", Message: fmt.Sprintf("Halo %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if !store.LeadTotalRemembered(db, open) {
		t.Fatal("messages on an existing lead made the lead list recount")
	}
	if _, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567802", Message: "Halo"}); err != nil {
		t.Fatal(err)
	}
	if store.LeadTotalRemembered(db, open) {
		t.Fatal("a new lead left the old total remembered")
	}
	wantLeadTotal(t, db, open, 2)
}

// Deleting a car or a user clears it from their leads through the foreign
// key, and the totals of filters by car and by assignee follow.
func TestDB_FindLeadsTotalFollowsForeignKeys(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	car := leadTestCar(t, db, "A01", store.CarAvailable)
	leadTestUser(t, db, "owner@example.com", store.RoleOwner)
	ani := leadTestUser(t, db, "ani@example.com", store.RoleSales)
	mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567801", CarID: &car, AssignedToUserID: &ani.ID})
	byCar := store.LeadFilter{CarID: &car}
	byAni := store.LeadFilter{AssignedTo: &ani.ID}
	unassigned := store.LeadFilter{Unassigned: true}
	wantLeadTotal(t, db, byCar, 1)
	wantLeadTotal(t, db, byAni, 1)
	wantLeadTotal(t, db, unassigned, 0)

	if _, err := db.DeleteCar(ctx, car); err != nil {
		t.Fatal(err)
	}
	wantLeadTotal(t, db, byCar, 0)
	if err := db.DeleteUser(ctx, ani.ID, nil); err != nil {
		t.Fatal(err)
	}
	wantLeadTotal(t, db, byAni, 0)
	wantLeadTotal(t, db, unassigned, 1)
}

// While two processes add leads, every list read gives a total that is the
// number of leads it returns: the remembered total never belongs to another
// state than the page.
func TestDB_FindLeadsTotalMatchesPageUnderWrites(t *testing.T) {
	db := MustOpenDB(t)
	other := openSecond(t, db)
	all := store.LeadFilter{Status: store.LeadNew, Search: "kredit"}
	const perWriter = 60
	var wg sync.WaitGroup
	for w, h := range []*store.DB{db, other} {
		wg.Go(func() {
			for i := range perWriter {
				l := &store.Lead{CustomerPhone: fmt.Sprintf("0812%d%07d", w+1, i), Notes: "kredit"}
				if err := h.CreateLead(context.Background(), l); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	done := make(chan struct{})
	readers := sync.WaitGroup{}
	for range 3 {
		readers.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				leads, total, err := db.FindLeads(context.Background(), all)
				if err != nil {
					t.Error(err)
					return
				}
				if int64(len(leads)) != total {
					t.Errorf("a page of %d leads with a total of %d", len(leads), total)
					return
				}
			}
		})
	}
	wg.Wait()
	close(done)
	readers.Wait()
	wantLeadTotal(t, db, all, 2*perWriter)
}
