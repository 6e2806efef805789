package cmd_test

import (
	"context"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// demoCounts are what a seeded showroom holds.
type demoCounts struct {
	cars, available, users, leads, messages int64
	perLead                                 map[string]int64 // messages by customer name and status
}

func countDemo(t testing.TB, db *store.DB) demoCounts {
	t.Helper()
	ctx := context.Background()
	var n demoCounts
	var err error
	if _, n.cars, err = db.FindCars(ctx, store.CarFilter{Limit: 1}); err != nil {
		t.Fatal(err)
	}
	if _, n.available, err = db.FindCars(ctx, store.CarFilter{Statuses: []string{store.CarAvailable}, Limit: 1}); err != nil {
		t.Fatal(err)
	}
	users, err := db.FindUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n.users = int64(len(users))
	leads, total, err := db.FindLeads(ctx, store.LeadFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	n.leads, n.perLead = total, map[string]int64{}
	for _, l := range leads {
		n.perLead[l.CustomerName+"/"+l.Status] = l.MessageCount
		n.messages += l.MessageCount
	}
	return n
}

// checkDemo verifies a showroom holds exactly the demo of docs/rules.md.
func checkDemo(t testing.TB, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	n := countDemo(t, db)
	if n.cars != 15 || n.available != 12 || n.users != 3 || n.leads != 6 {
		t.Fatalf("demo holds %d cars (%d available), %d users, %d leads; want 15 (12), 3, 6", n.cars, n.available, n.users, n.leads)
	}
	want := map[string]int64{"Ibu Siti/new": 3, "Pak Andi/hot": 5, "Dika/warm": 3, "Bu Nina/hot": 2, "Pak Rudi/new": 1,
		"Ibu Siti/lost": 4}
	for name, count := range want {
		if n.perLead[name] != count {
			t.Fatalf("lead %s has %d messages, want %d", name, n.perLead[name], count)
		}
	}
	leads, _, err := db.FindLeads(ctx, store.LeadFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	type leadWant struct{ phone, car, status, source, assignee string }
	wantLeads := map[string]leadWant{
		"Ibu Siti/new":  {"+6281987654321", "#A01", "new", "wa", ""},
		"Pak Andi/hot":  {"+6281987654322", "#A03", "hot", "wa", "budi@showroom-surabaya.com"},
		"Dika/warm":     {"+6281987654323", "#B01", "warm", "wa", "ani@showroom-surabaya.com"},
		"Bu Nina/hot":   {"+6281987654324", "#B04", "hot", "web", "budi@showroom-surabaya.com"},
		"Pak Rudi/new":  {"+6281987654325", "", "new", "wa", ""},
		"Ibu Siti/lost": {"+6281987654321", "#B02", "lost", "wa", "ani@showroom-surabaya.com"},
	}
	for _, l := range leads {
		w := wantLeads[l.CustomerName+"/"+l.Status]
		car, assignee := "", ""
		if l.Car != nil {
			car = l.Car.DisplayCode
		}
		if l.AssignedTo != nil {
			assignee = l.AssignedTo.Email
		}
		if got := (leadWant{l.CustomerPhone, car, l.Status, l.Source, assignee}); got != w {
			t.Fatalf("lead %s = %+v, want %+v", l.CustomerName, got, w)
		}
		msgs, err := db.FindMessages(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.DeliveryStatus == store.DeliveryQueued {
				t.Fatalf("demo message %q is queued: the outbox would send it", m.Message)
			}
			if m.CreatedAt.Before(l.CreatedAt) {
				t.Fatalf("lead %s: message at %s before the lead at %s", l.CustomerName, m.CreatedAt, l.CreatedAt)
			}
		}
	}
	cars, _, err := db.FindCars(ctx, store.CarFilter{SortBy: "price_asc"})
	if err != nil {
		t.Fatal(err)
	}
	plates, stock := map[string]bool{}, map[string]bool{}
	for _, c := range cars {
		plates[c.PlateNumberClean], stock[c.StockCode] = true, true
		if !strings.HasPrefix(c.PlateNumber, "L ") || len(c.KeyFeatures) < 3 || len(c.KeyFeatures) > 5 || c.Description == "" {
			t.Fatalf("car %s: plate %q, %d key features, description %q", c.DisplayCode, c.PlateNumber, len(c.KeyFeatures), c.Description)
		}
	}
	if len(plates) != 15 || len(stock) != 15 || !stock["STK-001"] || !stock["STK-015"] {
		t.Fatalf("plates %v stock codes %v: want 15 distinct each", plates, stock)
	}
}

func TestSeed(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	out := c.run("seed", "--tenant", "alpha")
	wantContains(t, out, "Seeded showroom alpha: 15 cars, 3 users, 6 leads, 18 messages.", "password123")
	checkDemo(t, c.tenantDB("alpha"))
	if !c.checkPassword("alpha", "owner@showroom-surabaya.com", "password123") {
		t.Fatal("demo owner does not sign in with password123")
	}

	t.Run("RefusesShowroomWithCars", func(t *testing.T) {
		c := c.with(t)
		c.fail("", "showroom alpha already has 15 cars; pass --force", "seed", "--tenant", "alpha")
	})
	t.Run("ForceAddsOnlyWhatIsMissing", func(t *testing.T) {
		c := c.with(t)
		var res struct {
			Cars, CarsSkipped, Leads, LeadsSkipped, Messages int
			Users, UsersSkipped                              []string
		}
		decode(t, c.run("seed", "--tenant", "alpha", "--force", "--json"), &res)
		if res.Cars != 0 || res.CarsSkipped != 15 || res.Leads != 0 || res.LeadsSkipped != 6 ||
			res.Messages != 0 || len(res.Users) != 0 || len(res.UsersSkipped) != 3 {
			t.Fatalf("second seed = %+v, want everything skipped", res)
		}
		checkDemo(t, c.tenantDB("alpha"))
	})
	t.Run("Refusals", func(t *testing.T) {
		c := c.with(t)
		c.fail("", "Showroom not found", "seed", "--tenant", "nope")
		c.fail("", `"tenant" not set`, "seed")
		c.env["AUTOLEADS_PASSWORD"] = "short"
		defer delete(c.env, "AUTOLEADS_PASSWORD")
		if r := c.exec(context.Background(), "", "seed", "--tenant", "alpha", "--force"); r.err == nil ||
			!strings.Contains(r.err.Error(), "at least 8 characters") {
			t.Fatalf("short AUTOLEADS_PASSWORD: %v", r.err)
		}
	})
}

func TestSeedKeepsExistingUsers(t *testing.T) {
	c := newCLI(t)
	c.createTenant("beta")
	c.runStdin("budi-punya-sendiri\n", "user", "create", "--tenant", "beta", "--email", "BUDI@showroom-surabaya.com",
		"--name", "Budi Lama", "--role", "owner", "--password-stdin")
	c.env["AUTOLEADS_PASSWORD"] = "kata-sandi-demo"
	out := c.run("seed", "--tenant", "beta")
	wantContains(t, out, "15 cars, 2 users, 6 leads", "Already there and kept: 0 cars, 1 users, 0 leads", "AUTOLEADS_PASSWORD")
	if strings.Contains(out, "kata-sandi-demo") {
		t.Fatalf("seed printed the password: %s", out)
	}
	if !c.checkPassword("beta", "budi@showroom-surabaya.com", "budi-punya-sendiri") ||
		!c.checkPassword("beta", "ani@showroom-surabaya.com", "kata-sandi-demo") {
		t.Fatal("seed changed an existing user or ignored AUTOLEADS_PASSWORD")
	}
	// Leads assigned to Budi go to the Budi who was already there.
	leads, _, err := c.tenantDB("beta").FindLeads(context.Background(), store.LeadFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range leads {
		if l.CustomerName == "Pak Andi" && (l.AssignedTo == nil || l.AssignedTo.Name != "Budi Lama") {
			t.Fatalf("Pak Andi assigned to %+v, want the existing Budi", l.AssignedTo)
		}
	}
}
