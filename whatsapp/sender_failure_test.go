package whatsapp_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/whatsapp"
)

// Staff read a message's metadata (the lead's conversation in the admin
// API): why a send failed is told there in plain words, while the log keeps
// the network detail, which names the gateway's address.
func TestSender_FailureReasonHidesNetworkDetail(t *testing.T) {
	gateways := []struct {
		name      string
		closed    bool // nothing listens on the gateway's port
		answer    func(int) (int, string)
		reason    string
		logDetail string
	}{
		{"gateway down", true, okAnswer, "WhatsApp gateway unreachable", "connection refused"},
		{"gateway error", false, func(int) (int, string) { return 502, `<html>Bad Gateway</html>` },
			"WhatsApp gateway answered HTTP 502", "HTTP 502"},
	}
	outcomes := []struct {
		name   string
		opts   whatsapp.Options
		status string
		key    string
	}{
		{"retried", whatsapp.Options{RetryBase: time.Hour}, store.DeliveryQueued, "lastError"},
		{"given up", whatsapp.Options{MaxAttempts: 1}, store.DeliveryFailed, "reason"},
	}
	for _, gw := range gateways {
		for _, out := range outcomes {
			t.Run(gw.name+"/"+out.name, func(t *testing.T) {
				f := newFixture(t, gw.answer)
				if gw.closed {
					f.fake.Close()
				}
				f.startWith(out.opts)
				id := f.queue("Halo")
				m := f.waitMessage(id, func(m *store.Message) bool {
					return m.DeliveryStatus == out.status && strings.Contains(string(m.Metadata), `"`+out.key+`"`)
				})
				if want := fmt.Sprintf(`"%s":%q`, out.key, gw.reason); !strings.Contains(string(m.Metadata), want) {
					t.Fatalf("metadata = %s, want %s", m.Metadata, want)
				}
				u, _ := url.Parse(f.fake.URL)
				for _, leak := range []string{u.Host, u.Port(), "http", "dial tcp", "/send"} {
					if strings.Contains(string(m.Metadata), leak) {
						t.Fatalf("metadata shows %q to staff: %s", leak, m.Metadata)
					}
				}
				f.logs.wait(t, fmt.Sprintf("tenant=alpha messageId=%d", id))
				f.logs.wait(t, gw.logDetail)
				if gw.closed {
					f.logs.wait(t, u.Host)
				}
			})
		}
	}
}

// waitMessage polls alpha's conversation, through the read the admin API
// uses, until message id satisfies ok, and returns it; it fails the test
// after a generous deadline rather than asserting any timing.
func (f *fixture) waitMessage(id int64, ok func(*store.Message) bool) *store.Message {
	f.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		msgs, err := f.db.FindMessages(context.Background(), f.lead)
		if err != nil {
			f.t.Fatal(err)
		}
		var last *store.Message
		for _, m := range msgs {
			if m.ID == id {
				last = m
			}
		}
		if last != nil && ok(last) {
			return last
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("message %d is not as expected: %+v", id, last)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
