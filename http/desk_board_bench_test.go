package http_test

import (
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
)

// BenchmarkDeskBoard renders the board over 50,000 leads for the owner
// (every lead) and for a sales user (theirs and the unassigned ones), once
// as kept counts allow and once after a write, when each column's count
// is taken again.
func BenchmarkDeskBoard(b *testing.B) {
	env := newTestEnv(b)
	env.createTenant("bench")
	owner := env.createUser("bench", "owner@bench.test", store.RoleOwner)
	sales := env.createUser("bench", "ani@bench.test", store.RoleSales)
	db := env.db("bench")
	cars := []int64{leadInsertCar(b, db, "A01", store.CarAvailable), leadInsertCar(b, db, "A02", store.CarSold)}
	leadBenchInsert(b, db, 50_000, cars, []int64{owner.ID, sales.ID})
	writer := sqldbtest.Open(b, db.Path()).Write
	for _, bm := range []struct {
		name  string
		user  *store.User
		write bool
	}{
		{"owner", owner, false},
		{"owner after a write", owner, true},
		{"sales", sales, false},
	} {
		session := env.deskSession("bench", bm.user)
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if bm.write {
					b.StopTimer()
					if _, err := writer.Exec(`UPDATE leads SET notes = notes WHERE id = 1`); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				env.getDeskPage(b, "bench.test", session, "/admin/board")
			}
		})
	}
}
