package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// The home page's figures count, in a user's scope, the leads of the
// showroom's day, the waiting conversations, due and overdue follow-ups,
// open leads by status, the stock and the week's median first response.
func TestDB_FindDeskSummary(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	wib := time.FixedZone("WIB", 7*3600)
	// Thursday 3 Dec 2026; the week began on Monday 30 Nov.
	day := time.Date(2026, 12, 3, 0, 0, 0, 0, wib)
	now := day.Add(12 * time.Hour)
	db.Now = func() time.Time { return now }
	sales := leadTestUser(t, db, "sales@x.test", store.RoleSales)
	other := leadTestUser(t, db, "other@x.test", store.RoleSales)

	lead := func(phone string, created time.Time, assignee *store.User, status string) *store.Lead {
		l := &store.Lead{CustomerPhone: phone, CreatedAt: created, Status: status}
		if assignee != nil {
			l.AssignedToUserID = &assignee.ID
		}
		return mustCreateLead(t, db, l)
	}
	say := func(l *store.Lead, sender string, at time.Time) {
		if err := db.CreateMessage(ctx, &store.Message{LeadID: l.ID, Sender: sender, Message: "halo", CreatedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	followUp := func(l *store.Lead, at time.Time) {
		p := &at
		if _, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{FollowUpAt: &p}); err != nil {
			t.Fatal(err)
		}
	}

	// Today: two of the sales user's scope (own, unassigned), one of a colleague's.
	mine := lead("081200000001", day.Add(8*time.Hour), sales, store.LeadHot)
	free := lead("081200000002", day.Add(9*time.Hour), nil, store.LeadNew)
	theirs := lead("081200000003", day.Add(10*time.Hour), other, store.LeadNew)
	// Yesterday 23.59 WIB, and last week: not today.
	late := lead("081200000004", day.Add(-time.Minute), sales, store.LeadWarm)
	old := lead("081200000005", day.AddDate(0, 0, -7), sales, store.LeadClosed)

	// Waiting: the customer spoke last on mine and (below) theirs; free was answered.
	say(mine, store.SenderCustomer, day.Add(8*time.Hour+time.Minute))
	say(free, store.SenderCustomer, day.Add(9*time.Hour))
	say(free, store.SenderSales, day.Add(9*time.Hour+20*time.Minute))
	say(theirs, store.SenderCustomer, day.Add(10*time.Hour))
	// First responses this week: free after 20 min, late after 10 min,
	// theirs after 40 min; old's belongs to last week.
	say(late, store.SenderSales, day.Add(9*time.Minute))
	say(theirs, store.SenderSales, day.Add(10*time.Hour+40*time.Minute))
	say(old, store.SenderSales, day.AddDate(0, 0, -7).Add(time.Minute))
	say(theirs, store.SenderCustomer, day.Add(11*time.Hour))

	followUp(mine, now.Add(-time.Hour))   // overdue
	followUp(late, now.Add(3*time.Hour))  // later today
	followUp(free, day.AddDate(0, 0, 1))  // tomorrow
	followUp(theirs, now.Add(-time.Hour)) // a colleague's
	followUp(old, now.Add(-time.Hour))    // closed: never due

	lastMonth := day.AddDate(0, -1, 0)
	for _, c := range []struct {
		code, status string
		soldAt       *time.Time
	}{
		{"A1", store.CarAvailable, nil}, {"A2", store.CarAvailable, nil}, {"B1", store.CarBooking, nil},
		{"S1", store.CarSold, &now}, {"S2", store.CarSold, &lastMonth}, {"D1", store.CarDraft, nil},
	} {
		id := leadTestCar(t, db, c.code, c.status)
		if c.soldAt != nil {
			if _, err := db.Handles().Write.Exec(`UPDATE cars SET sold_at = ? WHERE id = ?`, c.soldAt.UnixMilli(), id); err != nil {
				t.Fatal(err)
			}
		}
	}

	of := store.DeskSummaryOf{Now: now, DayStart: day, WeekStart: day.AddDate(0, 0, -3), MonthStart: day.AddDate(0, 0, -2)}
	everyone, err := db.FindDeskSummary(ctx, of)
	if err != nil {
		t.Fatal(err)
	}
	of.VisibleTo, of.Mine = &sales.ID, &sales.ID
	theirDay, err := db.FindDeskSummary(ctx, of)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		got, want int64
	}{
		{"owner: new today", everyone.NewToday, 3},
		{"sales: new today", theirDay.NewToday, 2},
		{"owner: overdue", everyone.FollowUpsOverdue, 2},
		{"sales: overdue", theirDay.FollowUpsOverdue, 1},
		{"sales: due later today", theirDay.FollowUpsToday, 1},
		{"owner: open new", everyone.OpenByStatus[store.LeadNew], 2},
		{"sales: own open new", theirDay.OpenByStatus[store.LeadNew], 0},
		{"sales: own open hot", theirDay.OpenByStatus[store.LeadHot], 1},
		{"sales: own open warm", theirDay.OpenByStatus[store.LeadWarm], 1},
		{"cars available", everyone.CarsAvailable, 2},
		{"cars booked", everyone.CarsBooked, 1},
		{"cars sold this month", everyone.CarsSoldThisMonth, 1},
		{"owner: responded this week", everyone.Responded, 3},
		{"sales: responded this week", theirDay.Responded, 2},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %d, want %d", tc.name, tc.got, tc.want)
		}
	}
	if _, ok := everyone.OpenByStatus[store.LeadClosed]; ok || len(everyone.OpenByStatus) != 4 {
		t.Errorf("open statuses %v", everyone.OpenByStatus)
	}
	if everyone.MedianFirstResponse != 20*time.Minute {
		t.Errorf("owner's median %v, want 20m (of 10, 20 and 40)", everyone.MedianFirstResponse)
	}
	if theirDay.MedianFirstResponse != 15*time.Minute {
		t.Errorf("sales median %v, want 15m (of 10 and 20)", theirDay.MedianFirstResponse)
	}
}
