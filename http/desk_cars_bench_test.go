package http_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// BenchmarkDeskCars measures the stock page through the whole stack
// (session, the waiting count, a page of cards, their lead counts, the
// brands, the template, gzip) over 2,000 cars asked about by 50,000 leads.
func BenchmarkDeskCars(b *testing.B) {
	e := &deskEnv{testEnv: newTestEnv(b)}
	e.createTenant("bench")
	owner := e.createUser("bench", "owner@bench.test", store.RoleOwner)
	sales := e.createUser("bench", "ani@bench.test", store.RoleSales)
	db := e.db("bench")
	brands := []string{"Toyota", "Honda", "Daihatsu", "Suzuki", "Mitsubishi"}
	statuses := []string{store.CarAvailable, store.CarAvailable, store.CarAvailable, store.CarBooking, store.CarSold}
	cars := make([]int64, 0, 2000)
	for i := range 2000 {
		c := testCar(fmt.Sprintf("#B%04d", i), brands[i%len(brands)], "Model", 2015+i%10, int64(80+i%300)*1_000_000, statuses[i%len(statuses)])
		if err := db.CreateCar(context.Background(), c); err != nil {
			b.Fatal(err)
		}
		cars = append(cars, c.ID)
	}
	leadBenchInsert(b, db, 50_000, cars, []int64{owner.ID, sales.ID})
	ownerSession, salesSession := e.deskSession("bench", owner), e.deskSession("bench", sales)
	for _, bm := range []struct{ name, session, path string }{
		{"first page", ownerSession, "/admin/cars"},
		{"available+price+search page 2", ownerSession, "/admin/cars?status=available&minPrice=100.000.000&q=a&page=2"},
		{"brand+age", ownerSession, "/admin/cars?brand=honda&age=0"},
		{"sales first page", salesSession, "/admin/cars"},
		{"car page", ownerSession, fmt.Sprintf("/admin/cars/%d", cars[0])},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e.getDeskPage(b, "bench.test", bm.session, bm.path)
			}
		})
	}
}
