package http_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
)

// leadBenchInsert fills a tenant with n leads in one transaction of
// multi-row INSERTs: statuses and sources in rotation, a tenth of the notes
// mentioning "kredit", a third of the leads assigned, a few cars.
func leadBenchInsert(tb testing.TB, db *store.DB, n int, cars, users []int64) {
	tb.Helper()
	statuses := store.LeadStatuses
	sources := store.LeadSources
	tx, err := sqldbtest.Open(tb, db.Path()).Write.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	const batch = 500
	const cols = `(customer_phone, customer_name, car_id, status, source, assigned_to_user_id, notes, tags, created_at, updated_at)`
	for start := 0; start < n; start += batch {
		end := min(start+batch, n)
		var sql strings.Builder
		sql.WriteString("INSERT INTO leads " + cols + " VALUES ")
		args := make([]any, 0, (end-start)*10)
		for i := start; i < end; i++ {
			if i > start {
				sql.WriteString(",")
			}
			sql.WriteString("(?, ?, ?, ?, ?, ?, ?, '[]', ?, ?)")
			var car, user, notes any
			if i%4 == 0 {
				car = cars[i%len(cars)]
			}
			if i%3 == 0 {
				user = users[i%len(users)]
			}
			if i%10 == 1 {
				notes = "Tanya simulasi kredit dan DP"
			} else if i%7 == 0 {
				notes = "Minta foto interior"
			}
			created := int64(1_700_000_000_000) + int64(i)*60_000
			args = append(args, fmt.Sprintf("+62813%08d", i), fmt.Sprintf("Customer %d", i), car,
				statuses[i%len(statuses)], sources[i%len(sources)], user, notes, created, created)
		}
		if _, err := tx.Exec(sql.String(), args...); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkAdminLeadList measures the admin lead list through the whole
// HTTP stack (tenant resolution, token check, query, JSON) over 50,000
// leads, filtered by status and a search.
func BenchmarkAdminLeadList(b *testing.B) {
	env := newTestEnv(b)
	env.createTenant("bench")
	owner := env.createUser("bench", "owner@bench.test", store.RoleOwner)
	sales := env.createUser("bench", "ani@bench.test", store.RoleSales)
	db := env.db("bench")
	cars := []int64{leadInsertCar(b, db, "A01", store.CarAvailable), leadInsertCar(b, db, "A02", store.CarSold)}
	leadBenchInsert(b, db, 50_000, cars, []int64{owner.ID, sales.ID})
	token := env.tokenFor("bench", owner)
	writer := sqldbtest.Open(b, db.Path()).Write

	for _, bm := range []struct {
		name, query string
		// write commits a change to a lead's notes before each read, so
		// the total is counted every time rather than remembered.
		write bool
	}{
		{"status+search", "status=hot&search=kredit&limit=20", false},
		{"status+search page 50", "status=hot&search=kredit&limit=20&page=50", false},
		{"status+search after a write", "status=hot&search=kredit&limit=20", true},
	} {
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
				req := httptest.NewRequest("GET", "/api/admin/leads?"+bm.query, nil)
				req.Host = "bench.test"
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				env.Server.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
