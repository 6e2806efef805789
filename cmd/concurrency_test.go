package cmd_test

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// Many clients writing to many showrooms at once (webhooks, inquiries, car,
// lead and profile updates), while other processes write to the same
// databases (`autoleads user create` and `tenant update` processes, and this
// test's own connections to every tenant database and the registry), never
// see SQLITE_BUSY or "database is locked": every request succeeds, and so
// does every write of the other processes. The busy timeout on every
// connection and BEGIN IMMEDIATE on the writer make writers queue instead
// of failing.
func TestConcurrentWritesNeverSurfaceBusy(t *testing.T) {
	const (
		showrooms = 10
		workers   = 40
		rounds    = 25 // requests per worker
		rows      = 4  // cars and leads per showroom
	)
	slugs := make([]string, showrooms)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("showroom-%d", i)
	}
	dir := newDataDir(t, slugs...)
	fixtures := map[string]*busyFixture{}
	for i, slug := range slugs {
		addOwner(t, dir, slug)
		fixtures[slug] = newBusyFixture(t, dir, slug, i, rows)
	}
	hooks := webhookTokens(t, dir, slugs)
	p := startServer(t, dir, "--no-rate-limit")
	api := newAPIClient(p)
	for _, slug := range slugs {
		fixtures[slug].token = api.login(t, slug, ownerEmail(slug))
		fixtures[slug].hook = hooks[slug]
	}

	stop := make(chan struct{})
	var others sync.WaitGroup
	var otherWrites atomic.Int64
	for i, slug := range slugs {
		others.Add(1)
		go func() {
			defer others.Done()
			otherProcessWrites(t, dir, slug, i, stop, &otherWrites)
		}()
	}
	others.Add(2)
	go func() {
		defer others.Done()
		otherProcessRegistryWrites(t, dir, slugs, stop, &otherWrites)
	}()
	go func() {
		defer others.Done()
		cliWrites(t, dir, slugs, stop, &otherWrites)
	}()

	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slug := slugs[w%showrooms]
			fx := fixtures[slug]
			for n := range rounds {
				fx.step(t, api, slug, w, n, rounds)
			}
		}()
	}
	wg.Wait()
	close(stop)
	others.Wait()
	t.Logf("%d requests, %d writes by other processes", workers*rounds, otherWrites.Load())
	if t.Failed() {
		t.Logf("server log:\n%s", p.Log())
	}

	// Concurrent inquiries and WhatsApp messages from one phone landed on
	// one lead.
	for slug, fx := range fixtures {
		for phone, ids := range fx.phoneLeads {
			if len(ids) != 1 {
				t.Errorf("%s: messages from %s landed on leads %v, want one", slug, phone, ids)
			}
		}
	}
}

// busyFixture is one showroom's rows the workers update, and what its
// inquiries answered.
type busyFixture struct {
	token, hook string // the owner's token, the webhook token
	cars        []int64
	leads       []int64
	n           int // the showroom's index, for phone numbers
	mu          sync.Mutex
	phoneLeads  map[string]map[int64]bool // phone → leads its inquiries and webhooks landed on
}

func newBusyFixture(t *testing.T, dir, slug string, n, rows int) *busyFixture {
	t.Helper()
	ctx := context.Background()
	db := openBackupStore(t, dir, slug)
	defer db.Close()
	fx := &busyFixture{n: n, phoneLeads: map[string]map[int64]bool{}}
	for i := range rows {
		c := &store.Car{DisplayCode: fmt.Sprintf("#B%d", i), Brand: "Honda", Model: "Brio", Year: 2021, Color: "Putih",
			Transmission: store.TransmissionMatic, Km: 28000, Price: 165000000, Status: store.CarAvailable}
		if err := db.CreateCar(ctx, c); err != nil {
			t.Fatal(err)
		}
		l := &store.Lead{CustomerPhone: phoneOf(900+n, i), Source: store.SourceDirect}
		if err := db.CreateLead(ctx, l); err != nil {
			t.Fatal(err)
		}
		fx.cars, fx.leads = append(fx.cars, c.ID), append(fx.leads, l.ID)
	}
	return fx
}

// step is worker w's n-th request to showroom slug: a car update, a lead
// update, a lead status change, a profile change (in the registry), an
// inquiry or a WhatsApp message. Inquiries and messages come from three
// phones per showroom, so they race each other for the phone's open lead.
func (fx *busyFixture) step(t *testing.T, api *apiClient, slug string, w, n, rounds int) {
	host := slug + ".test"
	car := strconv.FormatInt(fx.cars[(w+n)%len(fx.cars)], 10)
	lead := strconv.FormatInt(fx.leads[(w+n)%len(fx.leads)], 10)
	var method, path, token string
	var body any
	want := http.StatusOK
	phone := phoneOf(800+fx.n, n%3)
	switch n % 6 {
	case 0:
		method, path, token, body = "PUT", "/api/admin/cars/"+car, fx.token, map[string]int64{"price": int64(150000000 + w*1000 + n)}
	case 1:
		method, path, token, body = "PUT", "/api/admin/leads/"+lead, fx.token, map[string]string{"notes": fmt.Sprintf("worker %d round %d", w, n)}
	case 2:
		method, path, token, body = "PUT", "/api/admin/leads/"+lead+"/status", fx.token, map[string]string{"status": statusCycle[n%len(statusCycle)]}
	case 3:
		method, path, token, body = "PUT", "/api/admin/tenant", fx.token, map[string]string{"address": fmt.Sprintf("Jl. Darmo %d", w*rounds+n)}
	case 4:
		fx.message(t, api, "POST", "/api/leads", host, map[string]string{"name": "Pengunjung", "phone": phone, "message": "Masih ada?"}, http.StatusCreated, phone)
		return
	default:
		fx.message(t, api, "POST", "/webhook/fonnte?token="+fx.hook, host, fonnteText(phone, "Masih ada?", w*rounds+n+1), http.StatusOK, phone)
		return
	}
	code, b, err := api.call(method, path, host, token, body)
	busyOK(t, method+" "+path, code, b, err, want)
}

// message posts a customer's message (an inquiry or a webhook) and records
// the lead it landed on.
func (fx *busyFixture) message(t *testing.T, api *apiClient, method, path, host string, body any, want int, phone string) {
	code, b, err := api.call(method, path, host, "", body)
	if !busyOK(t, method+" "+path, code, b, err, want) {
		return
	}
	var d struct{ LeadID int64 }
	if err := decodeData(b, &d); err != nil || d.LeadID == 0 {
		t.Errorf("%s answer %s: %v", path, b, err)
		return
	}
	fx.mu.Lock()
	if fx.phoneLeads[phone] == nil {
		fx.phoneLeads[phone] = map[int64]bool{}
	}
	fx.phoneLeads[phone][d.LeadID] = true
	fx.mu.Unlock()
}

// busyOK reports whether an answer is the expected success, and fails the
// test otherwise, naming a lock error when one leaked out.
func busyOK(t *testing.T, label string, code int, body []byte, err error, want int) bool {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %v", label, err)
		return false
	}
	if lower := strings.ToLower(string(body)); strings.Contains(lower, "locked") || strings.Contains(lower, "busy") {
		t.Errorf("%s: a lock error reached the client: %d %s", label, code, body)
		return false
	}
	if code != want {
		t.Errorf("%s: status %d, want %d: %s", label, code, want, body)
		return false
	}
	return true
}

// otherProcessWrites writes leads, messages and lead updates to a
// showroom's database through its own connections, as the CLI does while
// the server runs, until stop (users come from cliWrites' processes). For SQLite this is another process: the
// server's connections live in the autoleads binary.
func otherProcessWrites(t *testing.T, dir, slug string, n int, stop <-chan struct{}, count *atomic.Int64) {
	ctx := context.Background()
	db := openBackupStore(t, dir, slug)
	defer db.Close()
	paced(stop, func(i int) bool {
		l := &store.Lead{CustomerPhone: phoneOf(700+n, i), CustomerName: "Dari CLI", Source: store.SourceReferral}
		if err := db.CreateLead(ctx, l); err != nil {
			t.Errorf("%s: other process CreateLead: %v", slug, err)
			return false
		}
		if err := db.CreateMessage(ctx, &store.Message{LeadID: l.ID, Sender: store.SenderSystem, Message: "Dicatat lewat CLI"}); err != nil {
			t.Errorf("%s: other process CreateMessage: %v", slug, err)
			return false
		}
		status := store.LeadLost
		if _, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Status: &status}); err != nil {
			t.Errorf("%s: other process UpdateLead: %v", slug, err)
			return false
		}
		count.Add(3)
		return true
	})
}

// foreignPause is how long the other processes pause between writes.
const foreignPause = 5 * time.Millisecond

// paced runs step(0), step(1), … with a pause between steps until stop is
// closed (at least once) or a step fails. The other processes write like
// an operator and their scripts do, often but not in a loop that never
// lets go of the database: SQLite gives its write lock to whichever waiter
// polls at the right moment, so a process that holds it all the time
// starves every other writer past any busy timeout. (The server's own
// writers queue in its single writer connection instead.)
func paced(stop <-chan struct{}, step func(i int) bool) {
	for i := 0; step(i); i++ {
		select {
		case <-stop:
			return
		case <-time.After(foreignPause):
		}
	}
}

// cliWrites runs `autoleads user create` and `autoleads tenant update`
// processes against the data directory, one after the other, until stop.
func cliWrites(t *testing.T, dir string, slugs []string, stop <-chan struct{}, count *atomic.Int64) {
	bin := buildBinary(t)
	paced(stop, func(i int) bool {
		slug := slugs[i%len(slugs)]
		for _, args := range [][]string{
			{"user", "create", "--tenant", slug, "--email", fmt.Sprintf("proc%d@%s.test", i, slug), "--name", "Sales CLI", "--role", "sales", "--password-stdin"},
			{"tenant", "update", slug, "--city", fmt.Sprintf("Kota CLI %d", i)},
		} {
			c := exec.Command(bin, append([]string{"--data-dir", dir}, args...)...)
			c.Stdin = strings.NewReader("password123\n")
			out, err := c.CombinedOutput()
			if err != nil || strings.Contains(strings.ToLower(string(out)), "locked") {
				t.Errorf("autoleads %s: %v\n%s", strings.Join(args, " "), err, out)
				return false
			}
			count.Add(1)
		}
		return true
	})
}

// otherProcessRegistryWrites changes the showrooms' profiles in the
// registry through a registry handle of its own, as `autoleads tenant
// update` does, while the server reads and writes the registry.
func otherProcessRegistryWrites(t *testing.T, dir string, slugs []string, stop <-chan struct{}, count *atomic.Int64) {
	ctx := context.Background()
	reg, err := tenants.Open(ctx, dir, tenants.Options{})
	if err != nil {
		t.Error(err)
		return
	}
	defer reg.Close()
	paced(stop, func(i int) bool {
		city := fmt.Sprintf("Kota %d", i)
		if _, err := reg.UpdateTenant(ctx, slugs[i%len(slugs)], tenants.TenantUpdate{City: &city}); err != nil {
			t.Errorf("other process UpdateTenant: %v", err)
			return false
		}
		count.Add(1)
		return true
	})
}
