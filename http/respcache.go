package http

import (
	"container/list"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// The public catalogue is read far more often than it is written, so its
// answers are kept, encoded, per showroom and request: a hit costs no
// database, no pool slot and no JSON encoding. It matters most when many
// showrooms share one server: a hit does not open a tenant database, so the
// pool bound does not thrash.
//
// An answer is served from the cache only while nothing it was built from
// can have changed. The cache subscribes to the showrooms' change feed
// (tenants.ChangeFeed, through Server.Changed; cmd/serve.go wires it): a
// change to the cars table bumps the showroom's generation, and an entry
// filled under an older generation is never served again. The generation
// is read before the entry's data, and the feed reports a write after it is
// visible, so a fill racing a write can only be dropped too early, never
// kept too long. A write through this process is reported as it commits,
// so the next read after a write's answer always sees it; one by another
// process (autoleads seed, a second server) within the feed's poll of the
// files. Whatever else: no entry is served after cacheMaxAge, the same 30
// seconds Cache-Control already lets browsers and CDNs keep it.

const (
	// DefaultResponseCacheBytes bounds the encoded answers kept, over all
	// showrooms: a page of 20 cars is about 20 KB, so this holds a few
	// hot pages of every one of a thousand showrooms.
	DefaultResponseCacheBytes = 32 << 20
	// cacheMaxEntryBytes keeps one huge answer (limit=100 pages with long
	// descriptions) from pushing out hundreds of ordinary ones.
	cacheMaxEntryBytes = 512 << 10
	// cacheEntryOverhead is the bookkeeping counted with each entry's body.
	cacheEntryOverhead = 256
	cacheMaxAge        = 30 * time.Second
)

// respCache is the byte-bounded LRU of encoded catalogue answers.
type respCache struct {
	max int64
	now func() time.Time

	mu      sync.Mutex
	entries map[cacheKey]*list.Element // of *cacheEntry
	lru     *list.List                 // most recent at the front
	bytes   int64

	gmu  sync.RWMutex
	gens map[int64]*atomic.Uint64 // by tenant id; created on first write
}

type cacheKey struct {
	tenant int64
	key    string
}

type cacheEntry struct {
	k      cacheKey
	gen    uint64
	filled time.Time
	// profile is when the showroom's record last changed: a page shows
	// its name, colours and numbers, which the registry holds.
	profile time.Time
	body    []byte
	total   string      // X-Total-Count, for lists
	page    *web.Answer // a page of the website, instead of body
}

func newRespCache(max int64) *respCache {
	return &respCache{max: max, now: time.Now,
		entries: map[cacheKey]*list.Element{}, lru: list.New(), gens: map[int64]*atomic.Uint64{}}
}

// generation is the tenant's current write generation.
func (c *respCache) generation(tenantID int64) uint64 {
	c.gmu.RLock()
	g := c.gens[tenantID]
	c.gmu.RUnlock()
	if g == nil {
		return 0
	}
	return g.Load()
}

// changed hears the change feed: a change to the cars table makes every
// answer of that tenant stale.
func (c *respCache) changed(ch tenants.Change) {
	if ch.Tables&store.TableCars == 0 {
		return
	}
	tenantID := ch.TenantID
	c.gmu.RLock()
	g := c.gens[tenantID]
	c.gmu.RUnlock()
	if g == nil {
		c.gmu.Lock()
		if g = c.gens[tenantID]; g == nil {
			g = &atomic.Uint64{}
			c.gens[tenantID] = g
		}
		c.gmu.Unlock()
	}
	g.Add(1)
}

// get returns the fresh entry of key, or nil.
func (c *respCache) get(t *tenants.Tenant, key string) *cacheEntry {
	k := cacheKey{t.ID, key}
	c.mu.Lock()
	el := c.entries[k]
	if el == nil {
		c.mu.Unlock()
		return nil
	}
	e := el.Value.(*cacheEntry)
	c.lru.MoveToFront(el)
	c.mu.Unlock()

	if e.gen != c.generation(t.ID) || c.now().Sub(e.filled) >= cacheMaxAge || !e.profile.Equal(t.UpdatedAt) {
		c.remove(e)
		return nil
	}
	return e
}

// fill is what a miss records before it reads the database.
type fill struct {
	k       cacheKey
	gen     uint64
	at      time.Time
	profile time.Time
}

func (c *respCache) begin(t *tenants.Tenant, key string) fill {
	return fill{k: cacheKey{t.ID, key}, gen: c.generation(t.ID), at: c.now(), profile: t.UpdatedAt}
}

// put stores an answer read after f began.
func (c *respCache) put(f fill, body []byte, total string) {
	c.keep(&cacheEntry{k: f.k, gen: f.gen, filled: f.at, profile: f.profile, body: body, total: total})
}

// putPage stores a page of the website built after f began.
func (c *respCache) putPage(f fill, page *web.Answer) {
	c.keep(&cacheEntry{k: f.k, gen: f.gen, filled: f.at, profile: f.profile, page: page})
}

// entrySize is what an entry counts against the cache's bound.
func entrySize(e *cacheEntry) int64 {
	n := len(e.body) + len(e.k.key) + cacheEntryOverhead
	if e.page != nil {
		n += e.page.Size()
	}
	return int64(n)
}

func (c *respCache) keep(e *cacheEntry) {
	size := entrySize(e)
	if size > cacheMaxEntryBytes || size > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.entries[e.k]; old != nil {
		c.removeLocked(old.Value.(*cacheEntry))
	}
	c.entries[e.k] = c.lru.PushFront(e)
	c.bytes += size
	for c.bytes > c.max {
		c.removeLocked(c.lru.Back().Value.(*cacheEntry))
	}
}

func (c *respCache) remove(e *cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.removeLocked(e)
}

func (c *respCache) removeLocked(e *cacheEntry) {
	el := c.entries[e.k]
	if el == nil || el.Value.(*cacheEntry) != e {
		return // already replaced or removed
	}
	delete(c.entries, e.k)
	c.lru.Remove(el)
	c.bytes -= entrySize(e)
}

// cacheKeyFunc names the answer a request asks for, or reports false when
// the request is not one the cache keeps (it is then served as usual, and
// malformed queries get their error from the handler).
type cacheKeyFunc func(r *http.Request) (string, bool)

// maxMemoQueries bounds memoByQuery's map; past it the map starts over, so
// a flood of distinct query strings costs parsing, as without the memo.
const maxMemoQueries = 4096

// memoByQuery remembers what key returns for each raw query string: its
// result depends on the query alone, and a hit then costs a map lookup
// instead of parsing the query again.
func memoByQuery(key cacheKeyFunc) cacheKeyFunc {
	type result struct {
		key string
		ok  bool
	}
	var mu sync.RWMutex
	memo := map[string]result{}
	return func(r *http.Request) (string, bool) {
		raw := r.URL.RawQuery
		mu.RLock()
		res, found := memo[raw]
		mu.RUnlock()
		if found {
			return res.key, res.ok
		}
		res.key, res.ok = key(r)
		mu.Lock()
		if len(memo) >= maxMemoQueries {
			clear(memo)
		}
		memo[raw] = res
		mu.Unlock()
		return res.key, res.ok
	}
}

// publicCached adapts a public catalogue handler: limited per client IP like
// every public route, answered from the cache when it can be, and filling
// the cache with the handler's successful answers.
func (s *Server) publicCached(key cacheKeyFunc, h scopedHandler) http.Handler {
	if s.cache == nil {
		return s.public(h)
	}
	return s.limitIP(ClassPublic, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, ok := s.admittedTenant(w, r)
		if !ok {
			return
		}
		k, ok := key(r)
		if !ok {
			s.serveTenant(t, w, r, lanePublic, h)
			return
		}
		if e := s.cache.get(t, k); e != nil {
			s.writeCached(w, e)
			return
		}
		f := s.cache.begin(t, k)
		cw := &captureWriter{ResponseWriter: w}
		s.serveTenant(t, cw, r, lanePublic, h)
		if cw.status == http.StatusOK && !cw.overflow {
			s.cache.put(f, cw.buf, w.Header().Get("X-Total-Count"))
		}
	}))
}

// writeCached answers with a kept answer and the headers its handler set.
func (s *Server) writeCached(w http.ResponseWriter, e *cacheEntry) {
	h := w.Header()
	h["Content-Type"] = headerJSON
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	if e.total != "" {
		h.Set("X-Total-Count", e.total)
	}
	s.cachePublic(w)
	w.WriteHeader(http.StatusOK)
	w.Write(e.body)
}

// captureWriter passes an answer through and keeps a copy of its body.
type captureWriter struct {
	http.ResponseWriter
	status   int
	buf      []byte
	overflow bool
}

func (c *captureWriter) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *captureWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if !c.overflow {
		if len(c.buf)+len(b) > cacheMaxEntryBytes {
			c.overflow, c.buf = true, nil
		} else {
			c.buf = append(c.buf, b...)
		}
	}
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (c *captureWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
