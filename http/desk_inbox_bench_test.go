package http_test

import (
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
)

// BenchmarkDeskInbox measures the inbox page through the whole stack
// (session, the waiting count, the page of leads, their last messages,
// the template, gzip) over 50,000 leads, a tenth of them with a short
// conversation.
func BenchmarkDeskInbox(b *testing.B) {
	e := &deskEnv{testEnv: newTestEnv(b)}
	e.createTenant("bench")
	owner := e.createUser("bench", "owner@bench.test", store.RoleOwner)
	sales := e.createUser("bench", "ani@bench.test", store.RoleSales)
	db := e.db("bench")
	cars := []int64{leadInsertCar(b, db, "A01", store.CarAvailable), leadInsertCar(b, db, "A02", store.CarSold)}
	leadBenchInsert(b, db, 50_000, cars, []int64{owner.ID, sales.ID})
	if _, err := sqldbtest.Open(b, db.Path()).Write.Exec(`INSERT INTO messages (lead_id, sender, message, created_at, updated_at)
		SELECT l.id, s.sender, 'Halo, Avanza ' || l.id || ' masih ada? Bisa kredit?', l.created_at + s.n * 60000, l.created_at + s.n * 60000
		FROM leads l, (SELECT 1 AS n, 'customer' AS sender UNION ALL SELECT 2, 'sales' UNION ALL SELECT 3, 'customer') s
		WHERE l.id % 10 = 0`); err != nil {
		b.Fatal(err)
	}
	ownerSession, salesSession := e.deskSession("bench", owner), e.deskSession("bench", sales)
	for _, bm := range []struct{ name, session, path string }{
		{"all+hot", ownerSession, "/admin/leads?tab=all&status=hot"},
		{"all+search", ownerSession, "/admin/leads?tab=all&q=budi"},
		{"all+common search", ownerSession, "/admin/leads?tab=all&q=customer+4"},
		{"all page 40", ownerSession, "/admin/leads?tab=all&page=40"},
		{"sales waiting", salesSession, "/admin/leads?tab=waiting"},
		{"sales mine", salesSession, "/admin/leads?tab=mine"},
		{"sales unassigned", salesSession, "/admin/leads?tab=unassigned"},
		{"home owner", ownerSession, "/admin"},
		{"home sales", salesSession, "/admin"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e.getDeskPage(b, "bench.test", bm.session, bm.path)
			}
		})
	}
}
