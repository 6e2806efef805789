package whatsapp_test

import (
	"context"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// A reply that failed for good goes out once staff retry it: the running
// sender, told of it as of a new reply, sends it again and marks it sent
// with the new Fonnte id.
func TestSender_RetriedMessageIsSent(t *testing.T) {
	f := newFixture(t, func(n int) (int, string) {
		if n == 1 {
			return 200, `{"reason":"target invalid","status":false}`
		}
		return okAnswer(n)
	})
	f.start(time.Millisecond)
	id := f.queue("Unitnya masih ada, Pak")
	f.waitStatus(id, store.DeliveryFailed)

	if _, err := f.db.RetryMessage(context.Background(), f.lead, id, nil); err != nil {
		t.Fatal(err)
	}
	f.sender.Notify("alpha")
	f.waitStatus(id, store.DeliverySent)
	if _, ext, _ := f.row(id); ext != "102" {
		t.Errorf("external id %q, want the second send's 102", ext)
	}
	sent := f.fake.sent()
	if len(sent) != 2 || sent[1].Message != "Unitnya masih ada, Pak" {
		t.Fatalf("Fonnte saw %+v, want the message twice", sent)
	}
}
