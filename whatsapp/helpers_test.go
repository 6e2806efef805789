package whatsapp_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
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
	// before, when set, runs before a call is answered: a test holds a
	// call there to play a Fonnte that hangs.
	before func(fakeRequest)
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
		n, req, before := len(f.requests), f.requests[len(f.requests)-1], f.before
		f.mu.Unlock()
		if before != nil {
			before(req)
		}
		status, body := f.answer(n)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(f.Close)
	return f
}

// hold makes the fake hang on every call whose token is token until the
// returned release is called (or the test ends); started receives each call
// as it begins to hang.
func (f *fakeFonnte) hold(t *testing.T, token string) (started <-chan fakeRequest, release func()) {
	ch, gate := make(chan fakeRequest, 16), make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	t.Cleanup(release) // before the fake closes: Close waits for held calls
	f.mu.Lock()
	f.before = func(r fakeRequest) {
		if r.Auth == token {
			ch <- r
			<-gate
		}
	}
	f.mu.Unlock()
	return ch, release
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

// fixture is a data directory with one showroom, alpha, that has a Fonnte
// token and a lead whose customer wrote once (inboxid "in-1"); more
// showrooms can be added.
type fixture struct {
	t      *testing.T
	reg    *tenants.Registry
	pool   *tenants.Pool
	db     *store.DB // alpha's
	fake   *fakeFonnte
	lead   int64 // alpha's
	sender *whatsapp.Sender
	logs   *logBuffer
}

func newFixture(t *testing.T, answer func(n int) (int, string)) *fixture {
	t.Helper()
	reg, err := tenants.Open(context.Background(), t.TempDir(), tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pool := tenants.NewPool(reg)
	t.Cleanup(func() { pool.Close(); reg.Close() })
	f := &fixture{t: t, reg: reg, pool: pool, fake: newFakeFonnte(t, answer), logs: &logBuffer{}}
	f.db, f.lead = f.addShowroom("alpha", "tok-alpha")
	return f
}

// addShowroom registers an active showroom with Fonnte token token and a
// lead whose customer (6281234567890) wrote once, with inboxid "in-1".
func (f *fixture) addShowroom(slug, token string) (*store.DB, int64) {
	f.t.Helper()
	ctx := context.Background()
	tn := &tenants.Tenant{Slug: slug, Name: slug, Status: tenants.StatusActive, Plan: "pro", FonnteToken: token}
	if err := f.reg.CreateTenant(ctx, tn, []string{slug + ".test"}); err != nil {
		f.t.Fatal(err)
	}
	db, release, err := f.pool.Acquire(ctx, tn)
	if err != nil {
		f.t.Fatal(err)
	}
	release()
	in, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281234567890", Message: "Halo", ExternalID: "in-1"})
	if err != nil {
		f.t.Fatal(err)
	}
	return db, in.LeadID
}

// start runs a sender against the fake with test-sized intervals until the
// test ends (or the returned stop is called).
func (f *fixture) start(minInterval time.Duration) (stop func()) {
	return f.startWith(whatsapp.Options{MinInterval: minInterval, RetryBase: time.Millisecond})
}

// startWith runs a sender with opts against the fake, with test-sized
// recheck and timeout and its log in f.logs, until the test ends (or the
// returned stop is called).
func (f *fixture) startWith(opts whatsapp.Options) (stop func()) {
	opts.BaseURL, opts.Recheck, opts.Timeout = f.fake.URL, 10*time.Millisecond, 5*time.Second
	opts.Logger = slog.New(slog.NewTextHandler(f.logs, nil))
	f.sender = whatsapp.NewSender(f.reg, f.pool, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.sender.Run(ctx); close(done) }()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	f.t.Cleanup(stop)
	return stop
}

// queue stores an outgoing message of alpha and tells a running sender.
func (f *fixture) queue(text string) int64 {
	f.t.Helper()
	return f.queueAt("alpha", f.db, f.lead, text)
}

// queueAt stores an outgoing message on a showroom's lead and tells a
// running sender.
func (f *fixture) queueAt(slug string, db *store.DB, lead int64, text string) int64 {
	f.t.Helper()
	m, err := db.QueueMessage(context.Background(), store.OutgoingMessage{LeadID: lead, Message: text, UserID: 1})
	if err != nil {
		f.t.Fatal(err)
	}
	if f.sender != nil {
		f.sender.Notify(slug)
	}
	return m.ID
}

// row reads a message's delivery columns in alpha's database.
func (f *fixture) row(id int64) (status, externalID, metadata string) {
	f.t.Helper()
	return f.rowAt(f.db, id)
}

// rowAt reads a message's delivery columns in db.
func (f *fixture) rowAt(db *store.DB, id int64) (status, externalID, metadata string) {
	f.t.Helper()
	var ext, meta *string
	if err := sqldbtest.Open(f.t, db.Path()).Read.QueryRow(`SELECT delivery_status, external_id, metadata FROM messages WHERE id = ?`, id).
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

// waitStatus polls until alpha's message id has delivery status want.
func (f *fixture) waitStatus(id int64, want string) {
	f.t.Helper()
	f.waitStatusAt(f.db, id, want)
}

// waitStatusAt polls until message id of db has delivery status want; it
// fails the test after a generous deadline rather than asserting any timing.
func (f *fixture) waitStatusAt(db *store.DB, id int64, want string) {
	f.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		status, _, meta := f.rowAt(db, id)
		if status == want {
			return
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("message %d is %s (%s), want %s; fake saw %d calls", id, status, meta, want, len(f.fake.sent()))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// logBuffer collects a sender's log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// wait polls until a log line contains s, failing the test after a
// generous deadline.
func (b *logBuffer) wait(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		b.mu.Lock()
		found, all := strings.Contains(b.buf.String(), s), b.buf.String()
		b.mu.Unlock()
		if found {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line contains %q:\n%s", s, all)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
