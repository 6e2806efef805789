package http_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// BenchmarkWebhookIngest measures Fonnte webhook messages through the
// whole handler chain, 32 at a time as a burst delivers them: each a new
// inboxid from one of 5,000 customers with an open lead, so the group
// commit batches inserts into existing leads.
func BenchmarkWebhookIngest(b *testing.B) {
	env := newTestEnv(b)
	t := env.createTenant("bench")
	db := env.db("bench")
	owner := env.createUser("bench", "owner@bench.test", store.RoleOwner)
	leadBenchInsert(b, db, 5000, []int64{leadInsertCar(b, db, "A01", store.CarAvailable)}, []int64{owner.ID})
	var seq atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := seq.Add(1)
			body := fmt.Sprintf(`{"sender":"62813%08d","message":"Halo, masih ada?","inboxid":"b-%d"}`, n%5000, n)
			req := httptest.NewRequest("POST", "/webhook/fonnte?token="+t.WebhookToken, strings.NewReader(body))
			req.Host = "bench.test"
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			env.Server.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
}
