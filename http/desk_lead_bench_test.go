package http_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// BenchmarkDeskLeadPage renders one conversation of 200 messages for its
// owner, as an open page refreshes after each change (its target,
// p99 ≤ 25 ms at 4 connections, is in bench/run.sh).
func BenchmarkDeskLeadPage(b *testing.B) {
	e := &deskLeadEnv{deskEnv: &deskEnv{testEnv: newTestEnv(b)}}
	e.tn = e.whatsAppTenant("alpha", "fonnte-token")
	e.owner = e.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	db := e.db("alpha")
	ctx := context.Background()
	in, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567890", Name: "Budi", Message: "Halo"})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 199 {
		m := &store.Message{LeadID: in.LeadID, Sender: store.SenderCustomer, Message: fmt.Sprintf("Pesan ke-%d: masih ada unitnya?", i)}
		if i%2 == 1 {
			m.Sender, m.DeliveryStatus = store.SenderSales, store.DeliveryRead
		}
		if err := db.CreateMessage(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
	session := e.deskSession("alpha", e.owner)
	path := fmt.Sprintf("/admin/leads/%d", in.LeadID)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e.getDeskPage(b, "alpha.test", session, path)
	}
}
