package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// BenchmarkRecordInboundWebhook measures the group commit: 64 callers at
// once, each a new message (fresh inboxid) from one of 5,000 customers, so
// most land on an open lead, with its webhook event.
func BenchmarkRecordInboundWebhook(b *testing.B) {
	db := MustOpenDB(b)
	ctx := context.Background()
	var seq atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := seq.Add(1)
			ev := store.WebhookEvent{Kind: store.WebhookKindMessage, ContentType: "application/json", Body: "{}"}
			_, err := db.RecordInboundWebhook(ctx, ev, store.InboundMessage{
				Phone: fmt.Sprintf("+62813%08d", n%5000), Message: "Halo, masih ada?", ExternalID: fmt.Sprintf("b-%d", n)})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
