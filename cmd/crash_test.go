package cmd_test

import (
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// crashLog records the writes the server acknowledged before it was killed,
// and the ones sent but never answered (which may or may not have landed).
type crashLog struct {
	mu        sync.Mutex
	leads     map[crashKey]*leadAck // manual leads, inquiries and WhatsApp messages, by showroom and id
	cars      map[crashKey]string   // display code
	city      []string              // acknowledged cities of alpha, in order
	cityAfter string                // a city sent but not answered
}

type crashKey struct {
	slug string
	id   int64
}

// leadAck is what the server said about one lead. status is the last
// acknowledged status ("new" until one is); pending a status sent after it
// and never answered; message the inquiry or WhatsApp text it must hold.
type leadAck struct {
	phone, status, pending, message string
}

// A SIGKILL in the middle of concurrent webhooks and admin writes loses no
// write the server had answered 2xx: after a restart on the same data
// directory every acknowledged lead, message, car, status and profile
// change is there, and every database passes integrity_check.
//
// The server runs with the default --durability normal (WAL,
// synchronous=NORMAL): a commit is in the WAL file, in the operating
// system's page cache, before it is answered, and a process crash does not
// lose the page cache, so the WAL is replayed on the next open. Only a power
// cut or kernel crash needs --durability full.
func TestCrashLosesNoAcknowledgedWrite(t *testing.T) {
	slugs := []string{"alpha", "beta"}
	dir := newDataDir(t, slugs...)
	for _, slug := range slugs {
		addOwner(t, dir, slug)
	}
	hooks := webhookTokens(t, dir, slugs)
	p := startServer(t, dir, "--no-rate-limit")
	api := newAPIClient(p)
	tokens := map[string]string{}
	for _, slug := range slugs {
		tokens[slug] = api.login(t, slug, ownerEmail(slug))
	}

	log := &crashLog{leads: map[crashKey]*leadAck{}, cars: map[crashKey]string{}}
	var killed atomic.Bool
	var acked atomic.Int64
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cw := &crashWorker{t: t, api: api, log: log, w: w, slug: slugs[w%len(slugs)], killed: &killed, acked: &acked}
			cw.token, cw.hook = tokens[cw.slug], hooks[cw.slug]
			cw.run()
		}()
	}
	// Let the writes flow, then kill the server while they still do.
	time.Sleep(1500 * time.Millisecond)
	if acked.Load() == 0 {
		t.Fatalf("no write acknowledged before the kill:\n%s", p.Log())
	}
	killed.Store(true)
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	p.wait(t, 10*time.Second)
	wg.Wait()
	t.Logf("%d writes acknowledged before SIGKILL", acked.Load())

	p2 := startServer(t, dir, "--no-rate-limit")
	api = newAPIClient(p2)
	log.verify(t, api, tokens)

	if err := p2.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p2.wait(t, 30*time.Second); err != nil {
		t.Errorf("restarted server exit: %v\n%s", err, p2.Log())
	}
	assertIntegrity(t, filepath.Join(dir, "registry.db"))
	for _, slug := range slugs {
		assertIntegrity(t, filepath.Join(dir, "tenants", slug, "tenant.db"))
	}
}

// crashWorker is one client writing to one showroom until the server dies.
type crashWorker struct {
	t           *testing.T
	api         *apiClient
	log         *crashLog
	w           int
	slug, token string
	hook        string // the showroom's webhook token
	killed      *atomic.Bool
	acked       *atomic.Int64
	lastLead    int64
}

// statusCycle are the statuses a worker moves its leads through.
var statusCycle = []string{"hot", "warm", "cold"}

func (cw *crashWorker) run() {
	for n := 0; ; n++ {
		var ok bool
		switch n % 5 {
		case 0:
			ok = cw.createLead(n)
		case 1:
			ok = cw.createCar(n)
		case 2:
			ok = cw.inquire(n)
		case 3:
			ok = cw.webhook(n)
		default:
			if cw.w == 0 {
				ok = cw.moveCity(n)
			} else {
				ok = cw.setStatus(n)
			}
		}
		if !ok {
			return
		}
	}
}

// send makes one request. It reports false when the server is gone, which
// is an error unless it was killed.
func (cw *crashWorker) send(method, path, token string, body any, want int, data any) bool {
	code, b, err := cw.api.call(method, path, cw.slug+".test", token, body)
	if err != nil {
		if !cw.killed.Load() {
			cw.t.Errorf("%s %s before the kill: %v", method, path, err)
		}
		return false
	}
	if code != want {
		cw.t.Errorf("%s %s: status %d, want %d: %s", method, path, code, want, b)
		return false
	}
	if err := decodeData(b, data); err != nil {
		cw.t.Errorf("%s %s: %v: %s", method, path, err, b)
		return false
	}
	cw.acked.Add(1)
	return true
}

func (cw *crashWorker) createLead(n int) bool {
	phone := phoneOf(cw.w, n)
	var d struct{ ID int64 }
	if !cw.send("POST", "/api/admin/leads", cw.token, map[string]string{"customerPhone": phone, "customerName": "Crash"},
		http.StatusCreated, &d) {
		return false
	}
	cw.log.mu.Lock()
	cw.log.leads[crashKey{cw.slug, d.ID}] = &leadAck{phone: phone, status: "new"}
	cw.log.mu.Unlock()
	cw.lastLead = d.ID
	return true
}

func (cw *crashWorker) createCar(n int) bool {
	code := fmt.Sprintf("#W%dN%d", cw.w, n)
	var d struct{ ID int64 }
	if !cw.send("POST", "/api/admin/cars", cw.token, map[string]any{"displayCode": code, "brand": "Toyota", "model": "Avanza",
		"year": 2020, "color": "Hitam", "transmission": "Manual", "km": 45000, "price": 165000000}, http.StatusCreated, &d) {
		return false
	}
	cw.log.mu.Lock()
	cw.log.cars[crashKey{cw.slug, d.ID}] = code
	cw.log.mu.Unlock()
	return true
}

func (cw *crashWorker) inquire(n int) bool {
	phone, msg := phoneOf(cw.w, n), fmt.Sprintf("Masih ada? (%d/%d)", cw.w, n)
	var d struct{ LeadID int64 }
	if !cw.send("POST", "/api/leads", "", map[string]string{"name": "Pengunjung", "phone": phone, "message": msg},
		http.StatusCreated, &d) {
		return false
	}
	cw.log.mu.Lock()
	cw.log.leads[crashKey{cw.slug, d.LeadID}] = &leadAck{phone: phone, status: "new", message: msg}
	cw.log.mu.Unlock()
	return true
}

func (cw *crashWorker) webhook(n int) bool {
	phone, msg := phoneOf(cw.w, n), fmt.Sprintf("Avanza masih ada? (%d/%d)", cw.w, n)
	var d struct{ LeadID int64 }
	if !cw.send("POST", "/webhook/fonnte?token="+cw.hook, "", fonnteText(phone, msg, cw.w*1_000_000+n),
		http.StatusOK, &d) {
		return false
	}
	cw.log.mu.Lock()
	cw.log.leads[crashKey{cw.slug, d.LeadID}] = &leadAck{phone: phone, status: "new", message: msg}
	cw.log.mu.Unlock()
	return true
}

func (cw *crashWorker) setStatus(n int) bool {
	status := statusCycle[(n/5)%len(statusCycle)]
	key := crashKey{cw.slug, cw.lastLead}
	cw.log.mu.Lock()
	cw.log.leads[key].pending = status
	cw.log.mu.Unlock()
	if !cw.send("PUT", "/api/admin/leads/"+strconv.FormatInt(cw.lastLead, 10)+"/status", cw.token,
		map[string]string{"status": status}, http.StatusOK, &struct{}{}) {
		return false
	}
	cw.log.mu.Lock()
	cw.log.leads[key].status, cw.log.leads[key].pending = status, ""
	cw.log.mu.Unlock()
	return true
}

func (cw *crashWorker) moveCity(n int) bool {
	city := fmt.Sprintf("Kota %d", n)
	cw.log.mu.Lock()
	cw.log.cityAfter = city
	cw.log.mu.Unlock()
	if !cw.send("PUT", "/api/admin/tenant", cw.token, map[string]string{"city": city}, http.StatusOK, &struct{}{}) {
		return false
	}
	cw.log.mu.Lock()
	cw.log.city, cw.log.cityAfter = append(cw.log.city, city), ""
	cw.log.mu.Unlock()
	return true
}

// verify checks, through the restarted server, that every acknowledged
// write is there.
func (l *crashLog) verify(t *testing.T, api *apiClient, tokens map[string]string) {
	t.Helper()
	for k, want := range l.leads {
		var got struct {
			CustomerPhone, Status string
			Messages              []struct{ Message string }
		}
		api.mustCall(t, "GET", "/api/admin/leads/"+strconv.FormatInt(k.id, 10), k.slug+".test", tokens[k.slug], nil, http.StatusOK, &got)
		if got.CustomerPhone != "+62"+want.phone[1:] {
			t.Errorf("%s lead %d: phone %s, want %s", k.slug, k.id, got.CustomerPhone, want.phone)
		}
		if got.Status != want.status && got.Status != want.pending {
			t.Errorf("%s lead %d: status %s, acknowledged %s (then sent %q)", k.slug, k.id, got.Status, want.status, want.pending)
		}
		if want.message != "" && !slices.ContainsFunc(got.Messages, func(m struct{ Message string }) bool { return m.Message == want.message }) {
			t.Errorf("%s lead %d lacks acknowledged message %q: %+v", k.slug, k.id, want.message, got.Messages)
		}
	}
	for k, code := range l.cars {
		var got struct{ DisplayCode string }
		api.mustCall(t, "GET", "/api/admin/cars/"+strconv.FormatInt(k.id, 10), k.slug+".test", tokens[k.slug], nil, http.StatusOK, &got)
		if got.DisplayCode != code {
			t.Errorf("%s car %d: display code %s, want %s", k.slug, k.id, got.DisplayCode, code)
		}
	}
	if len(l.city) > 0 {
		var got struct{ City string }
		api.mustCall(t, "GET", "/api/admin/tenant", "alpha.test", tokens["alpha"], nil, http.StatusOK, &got)
		if last := l.city[len(l.city)-1]; got.City != last && got.City != l.cityAfter {
			t.Errorf("alpha city %q, acknowledged %q (then sent %q)", got.City, last, l.cityAfter)
		}
	}
	t.Logf("verified %d leads, %d cars, %d profile changes", len(l.leads), len(l.cars), len(l.city))
}
