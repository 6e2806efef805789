package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// The team page's month per person: leads created this month now assigned
// to them, the median time to their first answer, and the sales closed
// this month, whenever the lead came in.
func TestDB_FindTeamStats(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	month := time.Date(2026, 12, 1, 0, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	now := month.AddDate(0, 0, 3)
	db.Now = func() time.Time { return now }
	budi := leadTestUser(t, db, "budi@x.test", store.RoleSales)
	rina := leadTestUser(t, db, "rina@x.test", store.RoleSales)
	idle := leadTestUser(t, db, "idle@x.test", store.RoleSales)

	n := 0
	lead := func(created time.Time, assignee *store.User, answerAfter time.Duration) *store.Lead {
		n++
		l := &store.Lead{CustomerPhone: fmt.Sprintf("08120000%04d", n), CreatedAt: created}
		if assignee != nil {
			l.AssignedToUserID = &assignee.ID
		}
		mustCreateLead(t, db, l)
		if answerAfter > 0 {
			if err := db.CreateMessage(ctx, &store.Message{LeadID: l.ID, Sender: store.SenderSales, Message: "halo",
				CreatedAt: created.Add(answerAfter)}); err != nil {
				t.Fatal(err)
			}
		}
		return l
	}
	closeLead := func(l *store.Lead, status string) {
		if _, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Status: &status}); err != nil {
			t.Fatal(err)
		}
	}

	// Budi: three this month answered after 10, 30 and 50 minutes, one
	// unanswered; one from last month closed now, one closed last month.
	lead(month.Add(time.Hour), budi, 10*time.Minute)
	won := lead(month.Add(2*time.Hour), budi, 30*time.Minute)
	lead(month.Add(3*time.Hour), budi, 50*time.Minute)
	lead(month.Add(4*time.Hour), budi, 0)
	closeLead(won, store.LeadClosed)
	closeLead(lead(month.AddDate(0, 0, -3), budi, 0), store.LeadClosed)
	now = month.Add(-time.Hour)
	closeLead(lead(month.AddDate(0, 0, -5), budi, 0), store.LeadClosed)
	now = month.AddDate(0, 0, 3)
	// Rina: two answered after 20 and 40 minutes (median 30), one lost.
	lead(month.Add(5*time.Hour), rina, 20*time.Minute)
	lead(month.Add(6*time.Hour), rina, 40*time.Minute)
	closeLead(lead(month.Add(7*time.Hour), rina, 0), store.LeadLost)
	// Nobody's, and last month's: counted for no one.
	lead(month.Add(8*time.Hour), nil, time.Minute)
	lead(month.AddDate(0, 0, -2), rina, time.Minute)

	stats, err := db.FindTeamStats(ctx, month)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]store.TeamStats{
		budi.ID: {Assigned: 4, Responded: 3, MedianFirstResponse: 30 * time.Minute, Closed: 2},
		rina.ID: {Assigned: 3, Responded: 2, MedianFirstResponse: 30 * time.Minute},
	}
	if len(stats) != len(want) {
		t.Fatalf("stats for %d users, want %d: %v", len(stats), len(want), stats)
	}
	for id, w := range want {
		if got := stats[id]; got == nil || *got != w {
			t.Errorf("user %d: %+v, want %+v", id, got, w)
		}
	}
	if stats[idle.ID] != nil {
		t.Errorf("a user without leads has figures: %+v", stats[idle.ID])
	}
}
