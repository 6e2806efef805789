package whatsapp_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
	"github.com/autoleads/autoleads/whatsapp"
)

// fakeRequest is one call the fake Fonnte received.
type fakeRequest struct {
	Auth, Target, Message, InboxID string
	At                             time.Time
}

// fakeFonnte is a local stand-in for Fonnte's send API. answer gives the
// HTTP status and body of the n-th call (from 1).
type fakeFonnte struct {
	*httptest.Server
	mu       sync.Mutex
	requests []fakeRequest
	answer   func(n int) (int, string)
}

func newFakeFonnte(t *testing.T, answer func(n int) (int, string)) *fakeFonnte {
	f := &fakeFonnte{answer: answer}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/send" || r.Method != http.MethodPost {
			http.NotFound(w, r)
			return
		}
		r.ParseForm()
		f.mu.Lock()
		f.requests = append(f.requests, fakeRequest{Auth: r.Header.Get("Authorization"),
			Target: r.PostForm.Get("target"), Message: r.PostForm.Get("message"),
			InboxID: r.PostForm.Get("inboxid"), At: time.Now()})
		n := len(f.requests)
		f.mu.Unlock()
		status, body := f.answer(n)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(f.Close)
	return f
}

// sent returns a copy of the calls so far.
func (f *fakeFonnte) sent() []fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeRequest(nil), f.requests...)
}

// okAnswer answers every call with success and the id 100+n.
func okAnswer(n int) (int, string) {
	return 200, fmt.Sprintf(`{"detail":"success! message in queue","id":["%d"],"process":"pending","status":true,"target":["6281234567890"]}`, 100+n)
}

// fixture is a data directory with one showroom that has a Fonnte token
// and a lead whose customer wrote once (inboxid "in-1").
type fixture struct {
	t      *testing.T
	reg    *tenants.Registry
	pool   *tenants.Pool
	db     *store.DB
	fake   *fakeFonnte
	lead   int64
	sender *whatsapp.Sender
}

func newFixture(t *testing.T, answer func(n int) (int, string)) *fixture {
	t.Helper()
	ctx := context.Background()
	reg, err := tenants.Open(ctx, t.TempDir(), tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pool := tenants.NewPool(reg)
	t.Cleanup(func() { pool.Close(); reg.Close() })
	tn := &tenants.Tenant{Slug: "alpha", Name: "Alpha", Status: tenants.StatusActive, Plan: "pro", FonnteToken: "tok-alpha"}
	if err := reg.CreateTenant(ctx, tn, []string{"alpha.test"}); err != nil {
		t.Fatal(err)
	}
	db, release, err := pool.Acquire(ctx, tn)
	if err != nil {
		t.Fatal(err)
	}
	release()
	in, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281234567890", Message: "Halo", ExternalID: "in-1"})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, reg: reg, pool: pool, db: db, fake: newFakeFonnte(t, answer), lead: in.LeadID}
}

// start runs a sender against the fake with test-sized intervals until the
// test ends (or the returned stop is called).
func (f *fixture) start(minInterval time.Duration) (stop func()) {
	f.sender = whatsapp.NewSender(f.reg, f.pool, whatsapp.Options{BaseURL: f.fake.URL,
		MinInterval: minInterval, RetryBase: time.Millisecond, Timeout: 5 * time.Second,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.sender.Run(ctx); close(done) }()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	f.t.Cleanup(stop)
	return stop
}

// queue stores an outgoing message and tells a running sender.
func (f *fixture) queue(text string) int64 {
	f.t.Helper()
	m, err := f.db.QueueMessage(context.Background(), store.OutgoingMessage{LeadID: f.lead, Message: text, UserID: 1})
	if err != nil {
		f.t.Fatal(err)
	}
	if f.sender != nil {
		f.sender.Notify("alpha")
	}
	return m.ID
}

// row reads a message's delivery columns.
func (f *fixture) row(id int64) (status, externalID, metadata string) {
	f.t.Helper()
	var ext, meta *string
	if err := f.db.Handles().Read.QueryRow(`SELECT delivery_status, external_id, metadata FROM messages WHERE id = ?`, id).
		Scan(&status, &ext, &meta); err != nil {
		f.t.Fatal(err)
	}
	if ext != nil {
		externalID = *ext
	}
	if meta != nil {
		metadata = *meta
	}
	return status, externalID, metadata
}

// waitStatus polls until message id has delivery status want; it fails the
// test after a generous deadline rather than asserting any timing.
func (f *fixture) waitStatus(id int64, want string) {
	f.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		status, _, meta := f.row(id)
		if status == want {
			return
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("message %d is %s (%s), want %s; fake saw %d calls", id, status, meta, want, len(f.fake.sent()))
		}
		time.Sleep(5 * time.Millisecond)
	}
}
