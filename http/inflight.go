package http

import (
	"net/http"
	"sync"

	"github.com/autoleads/autoleads/store"
)

// DefaultMaxInflightPerTenant bounds the requests one showroom may have in
// progress at once in each lane, so a flood at one showroom (a promotion
// gone viral, a scraper) leaves workers and database connections for the
// others.
const DefaultMaxInflightPerTenant = 128

// lane is the share of a showroom's in-flight slots a request counts
// against. Anyone on the internet can send requests of the public lane;
// only the showroom's signed-in staff and its WhatsApp gateway (holding the
// webhook token) reach the staff lane, so no flood of strangers can leave
// the staff or Fonnte's deliveries waiting.
type lane uint8

const (
	lanePublic lane = iota // the catalogue, the inquiry form, signing in
	laneStaff              // authenticated users and the Fonnte webhook
)

type inflightKey struct {
	slug string
	lane lane
}

// inflight counts requests in progress per tenant and lane.
type inflight struct {
	max int
	mu  sync.Mutex
	n   map[inflightKey]int
}

func newInflight(max int) *inflight {
	if max <= 0 {
		max = DefaultMaxInflightPerTenant
	}
	return &inflight{max: max, n: map[inflightKey]int{}}
}

// acquire takes a slot of slug's lane l, or reports false when all are taken.
func (f *inflight) acquire(slug string, l lane) bool {
	k := inflightKey{slug, l}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n[k] >= f.max {
		return false
	}
	f.n[k]++
	return true
}

func (f *inflight) release(slug string, l lane) {
	k := inflightKey{slug, l}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n[k]--; f.n[k] <= 0 {
		delete(f.n, k)
	}
}

// busy answers a request refused for lack of a slot.
func busy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "1")
	Error(w, r, store.Errorf(store.ERATELIMIT, "Too many requests in progress for this showroom, retry in a second"))
}
