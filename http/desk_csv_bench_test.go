package http_test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// countingWriter is a ResponseWriter that keeps nothing of the body, so the
// benchmark measures what the export holds, not what a recorder would.
type countingWriter struct {
	header http.Header
	n      int64
}

func (w *countingWriter) Header() http.Header         { return w.header }
func (w *countingWriter) WriteHeader(int)             {}
func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkDeskExportLeads downloads the leads file of 50,000 leads through
// the whole stack. The file is written as it is read, one batch of leads at
// a time, so memory does not grow with the number of leads: heap-growth-MB
// is the heap in use after the downloads less before, file-MB the file.
func BenchmarkDeskExportLeads(b *testing.B) {
	e := &deskEnv{testEnv: newTestEnv(b)}
	e.createTenant("bench")
	owner := e.createUser("bench", "owner@bench.test", store.RoleOwner)
	db := e.db("bench")
	cars := []int64{leadInsertCar(b, db, "A01", store.CarAvailable), leadInsertCar(b, db, "A02", store.CarSold)}
	leadBenchInsert(b, db, 50_000, cars, []int64{owner.ID})
	session := e.deskSession("bench", owner)
	var size int64
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/admin/export/leads.csv", nil)
		req.Host = "bench.test"
		req.AddCookie(&http.Cookie{Name: "al_session", Value: session})
		w := &countingWriter{header: http.Header{}}
		e.Server.ServeHTTP(w, req)
		size = w.n
	}
	runtime.ReadMemStats(&after)
	if size < 50_000*50 {
		b.Fatalf("file of %d bytes for 50,000 leads", size)
	}
	b.ReportMetric(float64(size)/(1<<20), "file-MB")
	b.ReportMetric(float64(after.HeapInuse-min(before.HeapInuse, after.HeapInuse))/(1<<20), "heap-growth-MB")
}
