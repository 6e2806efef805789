package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
)

func messageEvent() *store.WebhookEvent {
	return &store.WebhookEvent{Kind: store.WebhookKindMessage, ContentType: "application/json", Body: "{}"}
}

func TestDB_InboundBatch(t *testing.T) {
	t.Run("OneBadItemFailsAlone", func(t *testing.T) {
		db := MustOpenDB(t)
		missingCar := int64(999)
		evs := []*store.WebhookEvent{messageEvent(), messageEvent(), messageEvent()}
		res, errs := store.RecordInboundBatch(db, evs, []store.InboundMessage{
			{Phone: "081200000001", Message: "satu", ExternalID: "in-1"},
			{Phone: "081200000002", Message: "dua", ExternalID: "in-2", CarID: &missingCar},
			{Phone: "081200000003", Message: "tiga", ExternalID: "in-3"},
		})
		if errs[0] != nil || errs[2] != nil || res[0].LeadID == 0 || res[2].LeadID == 0 {
			t.Fatalf("good items: %v %v", errs[0], errs[2])
		}
		wantStoreCode(t, "bad item", errs[1], store.EINVALID)
		// Nothing of the bad item remains: no lead, no message, no event.
		if n := queryInt(t, db, `SELECT COUNT(*) FROM leads WHERE customer_phone = '+6281200000002'`); n != 0 {
			t.Fatalf("the bad item left %d leads", n)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM messages`); n != 2 {
			t.Fatalf("messages = %d, want 2", n)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM webhook_events WHERE outcome = 'processed'`); n != 2 {
			t.Fatalf("events = %d, want 2", n)
		}
	})

	t.Run("DuplicateInboxIDInOneBatch", func(t *testing.T) {
		db := MustOpenDB(t)
		evs := []*store.WebhookEvent{messageEvent(), messageEvent()}
		in := store.InboundMessage{Phone: "081200000001", Message: "halo", ExternalID: "same"}
		res, errs := store.RecordInboundBatch(db, evs, []store.InboundMessage{in, in})
		if errs[0] != nil || errs[1] != nil {
			t.Fatal(errs)
		}
		if res[0].Duplicate || !res[1].Duplicate || res[1].MessageID != res[0].MessageID || res[1].LeadID != res[0].LeadID {
			t.Fatalf("results %+v %+v", res[0], res[1])
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM messages`); n != 1 {
			t.Fatalf("messages = %d, want 1", n)
		}
		if res[0].Event.Outcome != store.WebhookProcessed || res[1].Event.Outcome != store.WebhookDuplicate {
			t.Fatalf("outcomes %s, %s", res[0].Event.Outcome, res[1].Event.Outcome)
		}
	})

	t.Run("SameNewPhoneTwiceInOneBatch", func(t *testing.T) {
		db := MustOpenDB(t)
		res, errs := store.RecordInboundBatch(db, []*store.WebhookEvent{nil, nil}, []store.InboundMessage{
			{Phone: "081200000009", Message: "pertama", ExternalID: "a"},
			{Phone: "+62 812-0000-0009", Name: "Budi", Message: "kedua", ExternalID: "b"},
		})
		if errs[0] != nil || errs[1] != nil {
			t.Fatal(errs)
		}
		if !res[0].LeadCreated || res[1].LeadCreated || res[0].LeadID != res[1].LeadID {
			t.Fatalf("results %+v %+v", res[0], res[1])
		}
		l := readLead(t, db, res[0].LeadID)
		if l.MessageCount != 2 || l.Name.String != "Budi" {
			t.Fatalf("lead %+v", l)
		}
	})

	t.Run("ConcurrentCallsShareCommits", func(t *testing.T) {
		db := MustOpenDB(t)
		ctx := context.Background()
		var wg sync.WaitGroup
		results := make([]store.InboundOutcome, 60)
		for i := range results {
			wg.Go(func() {
				// Ten customers, six messages each, one retried.
				in := store.InboundMessage{Phone: fmt.Sprintf("0812000001%02d", i%10), Message: "halo",
					ExternalID: fmt.Sprintf("c-%d", i)}
				if i == 59 {
					in.ExternalID = "c-0"
				}
				res, err := db.RecordInboundWebhook(ctx, *messageEvent(), in)
				if err != nil {
					t.Error(err)
					return
				}
				results[i] = res
			})
		}
		wg.Wait()
		if n := queryInt(t, db, `SELECT COUNT(*) FROM leads`); n != 10 {
			t.Fatalf("leads = %d, want 10 (one open lead per phone)", n)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM messages`); n != 59 {
			t.Fatalf("messages = %d, want 59 (the retry stores nothing)", n)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM webhook_events`); n != 60 {
			t.Fatalf("events = %d, want 60", n)
		}
	})
}

// Showrooms sharing a gate of one slot still take every message, each
// exactly once: batches of different databases wait for each other, never
// for themselves.
func TestDB_InboundBatchesShareAGate(t *testing.T) {
	gate := sqldb.NewWriteGate(1)
	dbs := []*store.DB{MustOpenDB(t), MustOpenDB(t), MustOpenDB(t)}
	for _, db := range dbs {
		db.SetWriteGate(gate)
	}
	const perDB, senders = 40, 8
	var wg sync.WaitGroup
	for i, db := range dbs {
		for s := range senders {
			wg.Go(func() {
				for m := range perDB / senders {
					in := store.InboundMessage{Phone: fmt.Sprintf("0812%04d%04d", s, m%3), Message: "Halo",
						ExternalID: fmt.Sprintf("db%d-%d-%d", i, s, m)}
					if _, err := db.RecordInboundWebhook(context.Background(), *messageEvent(), in); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
	}
	wg.Wait()
	for i, db := range dbs {
		if n := queryInt(t, db, `SELECT COUNT(*) FROM messages`); n != perDB {
			t.Errorf("showroom %d: %d messages, want %d", i, n, perDB)
		}
		if n := queryInt(t, db, `SELECT COUNT(*) FROM webhook_events`); n != perDB {
			t.Errorf("showroom %d: %d events, want %d", i, n, perDB)
		}
	}
}
