package tenants

import (
	"sync"
	"sync/atomic"

	"github.com/autoleads/autoleads/store"
)

// Change is a committed write to one showroom's database.
type Change struct {
	TenantID int64
	Slug     string
	// Tables the write changed. A write by another process is seen only
	// as the database's files changing, so it reports every table.
	Tables store.Tables
}

// AllTables is what a change of unknown extent reports.
const AllTables = store.TableCars | store.TableLeads | store.TableMessages | store.TableUsers |
	store.TableQuickReplies | store.TableLeadReads | store.TableOther

// ChangeFeed tells any number of subscribers about every committed write to
// a showroom's database: at once for a write through this process's pool,
// and within a poll of WatchOtherWriters for one by another process (the
// command line, a second server). Caches of showroom data (the catalogue's
// response cache) and live views subscribe to it; cmd/serve.go wires them.
type ChangeFeed struct {
	mu   sync.Mutex                  // serialises Subscribe and unsubscribe
	subs atomic.Pointer[[]*listener] // copied on change, read on every commit
}

type listener struct{ fn func(Change) }

// Subscribe makes fn hear every change from now on, until the returned
// function is called. fn runs on the goroutine that committed, after the
// commit is visible to every new reader: it must be quick and never block
// (a subscriber with slow work hands it to a goroutine of its own).
func (f *ChangeFeed) Subscribe(fn func(Change)) (unsubscribe func()) {
	l := &listener{fn: fn}
	f.mu.Lock()
	defer f.mu.Unlock()
	var next []*listener
	if cur := f.subs.Load(); cur != nil {
		next = append(next, *cur...)
	}
	next = append(next, l)
	f.subs.Store(&next)
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		cur := *f.subs.Load()
		next := make([]*listener, 0, len(cur))
		for _, x := range cur {
			if x != l {
				next = append(next, x)
			}
		}
		f.subs.Store(&next)
	}
}

// publish tells every subscriber about c.
func (f *ChangeFeed) publish(c Change) {
	if cur := f.subs.Load(); cur != nil {
		for _, l := range *cur {
			l.fn(c)
		}
	}
}
