package whatsapp_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

func TestSender_Delivers(t *testing.T) {
	f := newFixture(t, okAnswer)
	f.start(10 * time.Millisecond)
	id := f.queue("Selamat siang, Avanza #A01 masih tersedia.")
	f.waitStatus(id, store.DeliverySent)

	sent := f.fake.sent()
	if len(sent) != 1 {
		t.Fatalf("calls = %d, want 1", len(sent))
	}
	got := sent[0]
	if got.Auth != "tok-alpha" || got.Target != "6281234567890" || got.InboxID != "in-1" ||
		got.Message != "Selamat siang, Avanza #A01 masih tersedia." {
		t.Fatalf("request = %+v", got)
	}
	if _, ext, meta := f.row(id); ext != "101" || meta != `{"fonnteIds":["101"],"userId":1}` {
		t.Fatalf("external id %q, metadata %s", ext, meta)
	}
}

func TestSender_StatusFalseFails(t *testing.T) {
	f := newFixture(t, func(int) (int, string) { return 200, `{"reason":"target invalid","status":false}` })
	f.start(10 * time.Millisecond)
	id := f.queue("Halo")
	f.waitStatus(id, store.DeliveryFailed)
	if _, _, meta := f.row(id); !strings.Contains(meta, `"reason":"Fonnte refused the message: target invalid"`) {
		t.Fatalf("metadata = %s", meta)
	}
	if n := len(f.fake.sent()); n != 1 {
		t.Fatalf("a refusal was retried: %d calls", n)
	}
}

func TestSender_RetriesServerErrors(t *testing.T) {
	f := newFixture(t, func(n int) (int, string) {
		if n <= 2 {
			return 502, `<html>Bad Gateway</html>`
		}
		return okAnswer(n)
	})
	f.start(10 * time.Millisecond)
	id := f.queue("Halo")
	f.waitStatus(id, store.DeliverySent)
	if n := len(f.fake.sent()); n != 3 {
		t.Fatalf("calls = %d, want 3", n)
	}
	if _, ext, meta := f.row(id); ext != "103" || strings.Contains(meta, "lastError") {
		t.Fatalf("external id %q, metadata %s", ext, meta)
	}
}

func TestSender_GivesUpAfterFiveAttempts(t *testing.T) {
	f := newFixture(t, func(int) (int, string) { return 503, `` })
	f.start(10 * time.Millisecond)
	id := f.queue("Halo")
	f.waitStatus(id, store.DeliveryFailed)
	if n := len(f.fake.sent()); n != 5 {
		t.Fatalf("calls = %d, want 5", n)
	}
	if _, _, meta := f.row(id); !strings.Contains(meta, `"reason":"WhatsApp gateway answered HTTP 503"`) {
		t.Fatalf("metadata = %s", meta)
	}
}

func TestSender_ResumesAfterRestart(t *testing.T) {
	f := newFixture(t, okAnswer)
	// Queued while no sender runs (a crash, a deploy): nobody is notified.
	first, second := f.queue("satu"), f.queue("dua")
	stop := f.start(10 * time.Millisecond)
	f.waitStatus(second, store.DeliverySent)
	f.waitStatus(first, store.DeliverySent)
	stop()

	// A second process life picks up what the first left queued.
	third := f.queue("tiga")
	f.start(10 * time.Millisecond)
	f.waitStatus(third, store.DeliverySent)
	var order []string
	for _, r := range f.fake.sent() {
		order = append(order, r.Message)
	}
	if strings.Join(order, ",") != "satu,dua,tiga" {
		t.Fatalf("order = %v", order)
	}
}

func TestSender_SplitsLongMessages(t *testing.T) {
	f := newFixture(t, okAnswer)
	f.start(10 * time.Millisecond)
	line := strings.Repeat("x", 99)
	text := strings.TrimSuffix(strings.Repeat(line+"\n", 50), "\n") // 4999 characters in 50 lines
	id := f.queue(text)
	f.waitStatus(id, store.DeliverySent)
	sent := f.fake.sent()
	if len(sent) != 2 {
		t.Fatalf("calls = %d, want 2", len(sent))
	}
	if sent[0].InboxID != "in-1" || sent[1].InboxID != "" || sent[0].Message+"\n"+sent[1].Message != text {
		t.Fatalf("parts = %d / %d characters (inboxid %q, %q)", len(sent[0].Message), len(sent[1].Message), sent[0].InboxID, sent[1].InboxID)
	}
	if _, ext, meta := f.row(id); ext != "101" || !strings.Contains(meta, `"fonnteIds":["101","102"]`) {
		t.Fatalf("external id %q, metadata %s", ext, meta)
	}
}

func TestSender_MinInterval(t *testing.T) {
	f := newFixture(t, okAnswer)
	const interval = 40 * time.Millisecond
	f.start(interval)
	var last int64
	for _, text := range []string{"a", "b", "c"} {
		last = f.queue(text)
	}
	f.waitStatus(last, store.DeliverySent)
	sent := f.fake.sent()
	if len(sent) != 3 {
		t.Fatalf("calls = %d, want 3", len(sent))
	}
	for i := 1; i < len(sent); i++ {
		if gap := sent[i].At.Sub(sent[i-1].At); gap < interval {
			t.Fatalf("send %d came %v after the previous, interval %v", i, gap, interval)
		}
	}
}

// A showroom that may not send for now keeps its queued messages, and
// sends them once the operator lets it again, though nobody notifies the
// sender of that (the CLI runs in another process).
func TestSender_HoldsWhileShowroomMayNotSend(t *testing.T) {
	ctx := context.Background()
	update := func(upd tenants.TenantUpdate) func(*tenants.Registry) error {
		return func(reg *tenants.Registry) error { _, err := reg.UpdateTenant(ctx, "alpha", upd); return err }
	}
	moving := func(on bool) func(*tenants.Registry) error {
		return func(reg *tenants.Registry) error { _, err := reg.SetMoving(ctx, "alpha", on); return err }
	}
	tests := []struct {
		name          string
		block, unlock func(*tenants.Registry) error
		reason        string
	}{
		{"suspended", update(tenants.TenantUpdate{Status: ptr(tenants.StatusSuspended)}),
			update(tenants.TenantUpdate{Status: ptr(tenants.StatusActive)}), "Showroom account is suspended"},
		{"no Fonnte token", update(tenants.TenantUpdate{FonnteToken: ptr("")}),
			update(tenants.TenantUpdate{FonnteToken: ptr("tok-alpha")}), "the showroom has no Fonnte token"},
		// A move called off: the queue leaves from this node after all.
		{"moving", moving(true), moving(false), "the showroom is moving to another node"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, okAnswer)
			f.start(10 * time.Millisecond)
			if err := tt.block(f.reg); err != nil {
				t.Fatal(err)
			}
			id := f.queue("Halo")
			f.logs.wait(t, tt.reason)
			if status, _, _ := f.row(id); status != store.DeliveryQueued || len(f.fake.sent()) != 0 {
				t.Fatalf("held message is %s after %d calls", status, len(f.fake.sent()))
			}
			if err := tt.unlock(f.reg); err != nil {
				t.Fatal(err)
			}
			f.waitStatus(id, store.DeliverySent)
		})
	}
}

// Messages queued while a showroom was suspended are found by the scan of
// the next start, and wait until it is active again.
func TestSender_ScanFindsHeldShowrooms(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, okAnswer)
	id := f.queue("Halo")
	if _, err := f.reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{FonnteToken: ptr("")}); err != nil {
		t.Fatal(err)
	}
	f.start(10 * time.Millisecond)
	f.logs.wait(t, "the showroom has no Fonnte token")
	if _, err := f.reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{FonnteToken: ptr("tok-alpha")}); err != nil {
		t.Fatal(err)
	}
	f.waitStatus(id, store.DeliverySent)
}

// A showroom whose calls to Fonnte hang does not hold back the others.
func TestSender_HangingShowroomDoesNotStallOthers(t *testing.T) {
	f := newFixture(t, okAnswer)
	betaDB, betaLead := f.addShowroom("beta", "tok-beta")
	started, release := f.fake.hold(t, "tok-alpha")
	defer release() // before the sender stops: it waits for the call
	f.start(10 * time.Millisecond)
	stuck := f.queue("Halo dari alpha")
	<-started
	id := f.queueAt("beta", betaDB, betaLead, "Halo dari beta")
	f.waitStatusAt(betaDB, id, store.DeliverySent)
	if status, _, _ := f.row(stuck); status != store.DeliveryQueued {
		t.Fatalf("alpha's hanging message is %s, want queued", status)
	}
}

// Stopping the sender while a send is under way lets the send finish and
// records its result: the message is neither lost nor marked failed.
func TestSender_StopWaitsForSendUnderWay(t *testing.T) {
	f := newFixture(t, okAnswer)
	started, release := f.fake.hold(t, "tok-alpha")
	stop := f.start(10 * time.Millisecond)
	id := f.queue("Halo")
	<-started
	stopped := make(chan struct{})
	go func() { stop(); close(stopped) }()
	release()
	<-stopped
	if status, ext, _ := f.row(id); status != store.DeliverySent || ext != "101" {
		t.Fatalf("message after stop: %s, external id %q; want sent, 101", status, ext)
	}
}

func ptr[T any](v T) *T { return &v }
