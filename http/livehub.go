package http

import (
	"crypto/rand"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// The bounds of the dashboard's live streams. Each open stream holds a
// connection, a goroutine and some tens of kilobytes, and is told of every
// write to its showroom: a user's tabs and phones need a handful, and a
// showroom of ten staff far fewer than the default.
const (
	DefaultMaxStreamsPerTenant = 200
	maxStreamsPerUser          = 5
)

// liveHub holds the open live streams and tells those of a showroom about
// each of its committed writes.
type liveHub struct {
	maxPerTenant int

	mu      sync.RWMutex
	tenants map[int64]map[*liveStream]struct{} // by tenant id
	users   map[liveUser]int                   // open streams per user
	closed  bool
	done    chan struct{} // closed when the server shuts down

	// A page is rendered at a version of its showroom's data, and its
	// stream opens at the then current one: when the two differ, the page
	// missed a change while it loaded and fetches itself again.
	epoch    string   // tells this process's versions from another's
	versions sync.Map // tenant id → *atomic.Uint64, the count of changes pages show
}

// liveUser is a user of a showroom: ids repeat across showrooms.
type liveUser struct{ tenantID, userID int64 }

// liveStream is one open stream's share of the hub: the tables changed
// since its last event, and a signal that some did.
type liveStream struct {
	user    liveUser
	pending atomic.Uint32 // store.Tables
	dirty   chan struct{} // capacity 1: a signal pending is all it holds
}

func newLiveHub(maxPerTenant int) *liveHub {
	if maxPerTenant <= 0 {
		maxPerTenant = DefaultMaxStreamsPerTenant
	}
	return &liveHub{maxPerTenant: maxPerTenant, tenants: map[int64]map[*liveStream]struct{}{},
		users: map[liveUser]int{}, done: make(chan struct{}), epoch: rand.Text()[:8]}
}

// count is how many writes of showroom tenantID pages show have been
// committed: every write but a session's.
func (h *liveHub) count(tenantID int64) uint64 {
	if n, ok := h.versions.Load(tenantID); ok {
		return n.(*atomic.Uint64).Load()
	}
	return 0
}

// version is the version of a showroom's data after count writes, as a
// page and its stream tell it.
func (h *liveHub) version(count uint64) string {
	return h.epoch + "." + strconv.FormatUint(count, 10)
}

// counted counts a write of showroom tenantID.
func (h *liveHub) counted(tenantID int64) {
	n, ok := h.versions.Load(tenantID)
	if !ok {
		n, _ = h.versions.LoadOrStore(tenantID, new(atomic.Uint64))
	}
	n.(*atomic.Uint64).Add(1)
}

// join opens a stream for user u of showroom tenantID. Errors: ERATELIMIT
// (the user or the showroom has all the streams it may), EUNAVAILABLE (the
// server is shutting down).
func (h *liveHub) join(tenantID, userID int64) (*liveStream, error) {
	st := &liveStream{user: liveUser{tenantID, userID}, dirty: make(chan struct{}, 1)}
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.closed:
		return nil, store.Errorf(store.EUNAVAILABLE, "The server is shutting down")
	case h.users[st.user] >= maxStreamsPerUser:
		return nil, store.Errorf(store.ERATELIMIT, "You have %d live pages open already; close one", maxStreamsPerUser)
	case len(h.tenants[tenantID]) >= h.maxPerTenant:
		return nil, store.Errorf(store.ERATELIMIT, "This showroom has %d live pages open already", h.maxPerTenant)
	}
	if h.tenants[tenantID] == nil {
		h.tenants[tenantID] = map[*liveStream]struct{}{}
	}
	h.tenants[tenantID][st] = struct{}{}
	h.users[st.user]++
	return st, nil
}

// leave closes a stream join opened.
func (h *liveHub) leave(st *liveStream) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.tenants[st.user.tenantID], st)
	if len(h.tenants[st.user.tenantID]) == 0 {
		delete(h.tenants, st.user.tenantID)
	}
	if h.users[st.user]--; h.users[st.user] <= 0 {
		delete(h.users, st.user)
	}
}

// changed marks c on every stream of its showroom. It runs on the
// committing goroutine, so it never waits for a stream: a stream that has
// not taken its last signal yet finds the new tables with it.
func (h *liveHub) changed(c tenants.Change) {
	if c.Tables&^store.TableSessions != 0 {
		h.counted(c.TenantID)
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	for st := range h.tenants[c.TenantID] {
		st.pending.Or(uint32(c.Tables))
		select {
		case st.dirty <- struct{}{}:
		default:
		}
	}
}

// take returns the tables changed since the last take, and forgets them.
func (st *liveStream) take() store.Tables { return store.Tables(st.pending.Swap(0)) }

// close ends every open stream and refuses new ones.
func (h *liveHub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}
