package demo_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/demo"
	"github.com/autoleads/autoleads/store/sqldb"
)

// specCars is the table of docs/rules.md (The demo showroom), verbatim.
const specCars = `
#A01 Toyota Avanza 2020 Hitam Manual 45000 165000000 Bensin available
#A02 Toyota Avanza 2021 Silver Matic 32000 185000000 Bensin available
#A03 Toyota Innova Reborn 2019 Putih Matic 58000 285000000 Diesel available
#A04 Toyota Innova Zenix 2022 Abu-abu Matic 18000 385000000 Hybrid booking
#A05 Toyota Fortuner VRZ 2020 Hitam Matic 42000 475000000 Diesel available
#B01 Honda Brio Satya 2019 Merah Manual 52000 135000000 Bensin available
#B02 Honda Brio RS 2021 Putih Matic 28000 165000000 Bensin available
#B03 Honda HR-V Prestige 2018 Hitam Matic 65000 285000000 Bensin sold
#B04 Honda HR-V SE 2022 Putih Matic 22000 385000000 Bensin available
#B05 Honda HR-V RS 2023 Abu-abu Matic 8000 425000000 Bensin booking
#C01 Daihatsu Xenia R 2019 Silver Manual 55000 145000000 Bensin available
#C02 Daihatsu Xenia 1.5 R 2021 Hitam Matic 35000 175000000 Bensin available
#C03 Daihatsu Terios R 2018 Putih Manual 72000 165000000 Bensin available
#C04 Daihatsu Terios X 2020 Merah Matic 48000 195000000 Bensin available
#C05 Daihatsu Terios 1.5 X MT 2022 Hitam Manual 25000 215000000 Bensin available
`

// specRow renders a car as a row of that table.
func specRow(c store.Car) string {
	return strings.Join([]string{c.DisplayCode, c.Brand, c.Model, strconv.Itoa(c.Year), c.Color, c.Transmission,
		strconv.FormatInt(c.Km, 10), strconv.FormatInt(c.Price, 10), c.FuelType, c.Status}, " ")
}

func TestDemoMatchesSpec(t *testing.T) {
	want := strings.Split(strings.TrimSpace(specCars), "\n")
	cars := demo.Demo().Cars
	if len(cars) != len(want) {
		t.Fatalf("%d demo cars, want %d", len(cars), len(want))
	}
	for i, c := range cars {
		if got := specRow(c); got != want[i] {
			t.Fatalf("car %d:\n got  %s\n want %s", i, got, want[i])
		}
		if wantStock := "STK-" + strconv.Itoa(1001 + i)[1:]; c.StockCode != wantStock {
			t.Fatalf("car %s stock code %s, want %s", c.DisplayCode, c.StockCode, wantStock)
		}
	}
	p := demo.Showroom()
	if p.Slug != "showroom-surabaya" || p.Name != "Showroom Mobil Surabaya" || p.WhatsAppNumber != "628123456789" ||
		p.Phone != "031-1234567" || p.Address != "Jl. Raya Darmo No. 123, Surabaya" || p.City != "Surabaya" ||
		strings.Join(p.Hosts, " ") != "localhost 127.0.0.1 showroom-surabaya.localhost" {
		t.Fatalf("profile %+v differs from docs/rules.md", p)
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "tenant.db"), sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2025, 10, 23, 9, 0, 0, 0, time.UTC)
	res, err := demo.Load(ctx, db, demo.Options{Now: now, Password: "kata-sandi-demo"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cars != 15 || len(res.Users) != 3 || res.Leads != 6 || res.Messages != 18 || res.QuickReplies != 3 {
		t.Fatalf("first load = %+v", res)
	}
	leads, _, err := db.FindLeads(ctx, store.LeadFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range leads {
		msgs, err := db.FindMessages(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		// History lies in the past, oldest first, and the lead is as old as
		// its first message.
		if !msgs[0].CreatedAt.Equal(l.CreatedAt) || l.LastMessageAt == nil || !l.LastMessageAt.Equal(msgs[len(msgs)-1].CreatedAt) {
			t.Fatalf("lead %s created %s, last message %v; messages from %s", l.CustomerName, l.CreatedAt, l.LastMessageAt, msgs[0].CreatedAt)
		}
		for i, m := range msgs {
			if !m.CreatedAt.Before(now) || (i > 0 && !m.CreatedAt.After(msgs[i-1].CreatedAt)) {
				t.Fatalf("lead %s message %d at %s is not in order before %s", l.CustomerName, i, m.CreatedAt, now)
			}
		}
	}
	u, err := db.FindUserByEmail(ctx, "ani@showroom-surabaya.com")
	if err != nil || !store.CheckPassword(u, "kata-sandi-demo") {
		t.Fatalf("demo user does not sign in with the chosen password: %v", err)
	}

	wantDesk(t, db, now)

	again, err := demo.Load(ctx, db, demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Cars != 0 || again.CarsSkipped != 15 || len(again.Users) != 0 || again.Leads != 0 ||
		again.LeadsSkipped != 6 || again.Messages != 0 || again.QuickReplies != 0 {
		t.Fatalf("second load = %+v, want nothing added", again)
	}
}

// wantDesk checks what makes the sales desk look alive: customers waiting
// for a reply, one overdue follow-up and one later today, a lead lost to
// leasing, a timeline and quick replies.
func wantDesk(t *testing.T, db *store.DB, now time.Time) {
	t.Helper()
	ctx := context.Background()
	if n, err := db.CountAwaiting(ctx, nil); err != nil || n != 5 {
		t.Errorf("%d leads waiting for a reply (%v), want the five open ones", n, err)
	}
	due, _, err := db.FindLeads(ctx, store.LeadFilter{FollowUpDue: &now})
	if err != nil || len(due) != 1 || due[0].CustomerName != "Pak Andi" {
		t.Fatalf("follow-ups due now: %v (%v), want Pak Andi's", due, err)
	}
	// 9:00 UTC is 16:00 WIB: the day ends in 8 hours.
	endOfDay := now.Add(8*time.Hour - time.Millisecond)
	if today, _, err := db.FindLeads(ctx, store.LeadFilter{FollowUpDue: &endOfDay}); err != nil || len(today) != 2 {
		t.Errorf("follow-ups due today: %d (%v), want 2", len(today), err)
	}
	lost, _, err := db.FindLeads(ctx, store.LeadFilter{Status: store.LeadLost})
	if err != nil || len(lost) != 1 || lost[0].LostReason != store.LostLeasingRejected {
		t.Fatalf("lost leads: %v (%v), want one lost to leasing", lost, err)
	}
	earlier, err := db.FindCustomerLeads(ctx, lost[0].CustomerPhone, 0, nil)
	if err != nil || len(earlier) != 2 {
		t.Errorf("Ibu Siti has %d leads (%v), want her open one and the lost one", len(earlier), err)
	}
	events, err := db.FindLeadEvents(ctx, due[0].ID)
	if err != nil || len(events) != 3 || events[0].UserName != "Owner Showroom" {
		t.Errorf("Pak Andi's timeline: %d events (%v), want status, assignment and follow-up by the owner", len(events), err)
	}
	if replies, err := db.FindQuickReplies(ctx); err != nil || len(replies) != 3 {
		t.Errorf("%d quick replies (%v), want 3", len(replies), err)
	}
}

// Loaded late in the evening, the follow-up due today is still ahead and
// still today in WIB.
func TestLoadFollowUpTodayLateAtNight(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "tenant.db"), sqldb.DurabilityNormal)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2025, 10, 23, 16, 50, 0, 0, time.UTC) // 23:50 WIB
	if _, err := demo.Load(ctx, db, demo.Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	leads, _, err := db.FindLeads(ctx, store.LeadFilter{Search: "Dika"})
	if err != nil || len(leads) != 1 || leads[0].FollowUpAt == nil {
		t.Fatalf("Dika's lead: %v (%v)", leads, err)
	}
	midnight := time.Date(2025, 10, 23, 17, 0, 0, 0, time.UTC)
	if at := *leads[0].FollowUpAt; !at.After(now) || !at.Before(midnight) {
		t.Fatalf("follow-up at %s, want between %s and midnight WIB", at, now)
	}
}
