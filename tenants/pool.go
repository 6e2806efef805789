package tenants

import (
	"container/list"
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
)

// Pool keeps tenant databases open between requests. It opens them lazily,
// closes the least recently used beyond a bound (each open database holds
// file descriptors and a few connections), and never closes one while a
// request still uses it.
type Pool struct {
	reg *Registry
	max int

	changes *ChangeFeed
	// gate is shared by every database the pool opens: at most one
	// message batch per core runs its statements at a time.
	gate *sqldb.WriteGate

	mu      sync.Mutex
	entries map[string]*poolEntry // by slug
	lru     *list.List            // of *poolEntry, most recent at the front
	closed  bool

	watchMu sync.Mutex              // held over a whole check of the files
	watched map[int64]*watchedFiles // by tenant id
}

type poolEntry struct {
	tenantID int64
	slug     string
	db       *store.DB
	ready    chan struct{} // closed once db or err is set
	err      error
	refs     int
	evicted  bool
	elem     *list.Element
}

// NewPool returns an empty pool over reg's tenants holding at most
// reg's MaxOpen databases open while idle.
func NewPool(reg *Registry) *Pool {
	p := &Pool{reg: reg, max: reg.opts.MaxOpen, gate: sqldb.NewWriteGate(runtime.GOMAXPROCS(0)),
		changes: &ChangeFeed{}, entries: map[string]*poolEntry{}, lru: list.New(),
		watched: map[int64]*watchedFiles{}}
	reg.reloadMu.Lock()
	reg.onReload = p.Prune
	reg.reloadMu.Unlock()
	return p
}

// ErrPoolClosed is returned by Acquire after Close.
var ErrPoolClosed = errors.New("tenant pool is closed")

// Acquire returns t's open database and a release function that must be
// called when the caller is done with it.
func (p *Pool) Acquire(ctx context.Context, t *Tenant) (*store.DB, func(), error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, nil, ErrPoolClosed
	}
	e := p.entries[t.Slug]
	if e != nil && e.tenantID != t.ID {
		// The slug was deleted and registered again: the old file is gone.
		p.evictLocked(e)
		e = nil
	}
	if e == nil {
		e = &poolEntry{tenantID: t.ID, slug: t.Slug, ready: make(chan struct{})}
		e.elem = p.lru.PushFront(e)
		p.entries[t.Slug] = e
		e.refs++
		p.mu.Unlock()
		e.db, e.err = p.open(ctx, t)
		close(e.ready)
		p.mu.Lock()
		err := e.err
		if err == nil && p.closed {
			// Close ran while the database opened, and has closed it.
			err = ErrPoolClosed
		}
		if err != nil {
			e.refs--
			p.evictLocked(e)
			p.mu.Unlock()
			return nil, nil, err
		}
		p.trimLocked()
		p.mu.Unlock()
		return e.db, p.releaser(e), nil
	}
	e.refs++
	p.lru.MoveToFront(e.elem)
	p.mu.Unlock()

	select {
	case <-e.ready:
	case <-ctx.Done():
		p.release(e)
		return nil, nil, ctx.Err()
	}
	if e.err != nil {
		p.release(e)
		return nil, nil, e.err
	}
	return e.db, p.releaser(e), nil
}

// open opens t's database (see Registry.OpenStore) with the pool's write
// gate and commit listener. Errors: ENOTFOUND for a deleted showroom.
func (p *Pool) open(ctx context.Context, t *Tenant) (*store.DB, error) {
	db, err := p.reg.OpenStore(ctx, t)
	if err != nil {
		return nil, err
	}
	db.SetWriteGate(p.gate)
	id, slug := t.ID, t.Slug
	db.OnCommit(func(tables store.Tables) {
		p.changes.publish(Change{TenantID: id, Slug: slug, Tables: tables})
	})
	p.watchFiles(t)
	return db, nil
}

// Changes is the feed of every committed write to the showrooms this pool
// opens, and (with WatchOtherWriters running) of other processes' writes.
func (p *Pool) Changes() *ChangeFeed { return p.changes }

func (p *Pool) releaser(e *poolEntry) func() {
	var once sync.Once
	return func() { once.Do(func() { p.release(e) }) }
}

func (p *Pool) release(e *poolEntry) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e.refs--
	if e.evicted && e.refs == 0 && e.db != nil {
		p.closeIdle(e)
		return
	}
	p.trimLocked()
}

// trimLocked evicts idle databases from the cold end while over the bound.
func (p *Pool) trimLocked() {
	for el := p.lru.Back(); el != nil && len(p.entries) > p.max; {
		prev := el.Prev()
		if e := el.Value.(*poolEntry); e.refs == 0 {
			p.evictLocked(e)
		}
		el = prev
	}
}

// evictLocked removes e from the pool; its database closes now if idle, or
// when its last user releases it.
func (p *Pool) evictLocked(e *poolEntry) {
	if e.evicted {
		return
	}
	e.evicted = true
	p.lru.Remove(e.elem)
	if p.entries[e.slug] == e {
		delete(p.entries, e.slug)
	}
	if e.refs == 0 && e.db != nil {
		p.closeIdle(e)
	}
}

// Prune closes the databases of tenants that are no longer registered.
func (p *Pool) Prune() {
	p.mu.Lock()
	defer p.mu.Unlock()
	idx := p.reg.index.Load()
	for slug, e := range p.entries {
		if t := idx.bySlug[slug]; t == nil || t.ID != e.tenantID {
			p.evictLocked(e)
		}
	}
}

// Len is the number of databases the pool holds open.
func (p *Pool) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.entries)
}

// Close closes every database. Call it after the HTTP server has shut down,
// when no request holds one.
func (p *Pool) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	var first error
	for _, e := range p.entries {
		<-e.ready
		if e.db != nil {
			if err := e.db.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	p.entries = map[string]*poolEntry{}
	p.lru.Init()
	return first
}
