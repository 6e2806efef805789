package http

import (
	"net/http"
	"sync"

	"github.com/autoleads/autoleads/store"
)

// DefaultMaxInflightPerTenant bounds the requests one showroom may have in
// progress at once, so a flood at one showroom (a promotion gone viral, a
// scraper) leaves workers and database connections for the others.
const DefaultMaxInflightPerTenant = 128

// inflight counts requests in progress per tenant.
type inflight struct {
	max int
	mu  sync.Mutex
	n   map[string]int
}

func newInflight(max int) *inflight {
	if max <= 0 {
		max = DefaultMaxInflightPerTenant
	}
	return &inflight{max: max, n: map[string]int{}}
}

// acquire takes a slot of slug, or reports false when all are taken.
func (f *inflight) acquire(slug string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n[slug] >= f.max {
		return false
	}
	f.n[slug]++
	return true
}

func (f *inflight) release(slug string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n[slug]--; f.n[slug] <= 0 {
		delete(f.n, slug)
	}
}

// busy answers a request refused for lack of a slot.
func busy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "1")
	Error(w, r, store.Errorf(store.ERATELIMIT, "Too many requests in progress for this showroom, retry in a second"))
}
