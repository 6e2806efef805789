package store

import (
	"fmt"
	"sync"
)

// The lead list reports how many leads match its filter, and with a search
// that count tests every lead of the status (LIKE '%…%' cannot seek): a few
// milliseconds over fifty thousand leads, paid again by every dashboard
// refresh. leadCounts keeps the totals of the filters asked for, each with
// the lead generation it was counted at (migration 0005): a total is served
// only to a read whose snapshot holds the same generation, so no write by
// any process can leave a stale total behind.
type leadCounts struct {
	mu       sync.Mutex
	gen      int64
	byFilter map[string]int64
}

// leadCountsMax bounds the filters remembered per showroom; past it the set
// starts over, which costs one recount each.
const leadCountsMax = 256

func leadCountKey(where string, args []any) string {
	return fmt.Sprintf("%s%#v", where, args)
}

// get returns the total of key counted at generation gen.
func (c *leadCounts) get(gen int64, key string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return 0, false
	}
	n, ok := c.byFilter[key]
	return n, ok
}

// put remembers the total of key counted at generation gen. A generation
// newer than the one held replaces it with all its totals; an older one is
// not kept.
func (c *leadCounts) put(gen int64, key string, n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return
	}
	if gen > c.gen || c.byFilter == nil || len(c.byFilter) >= leadCountsMax {
		c.gen, c.byFilter = gen, map[string]int64{}
	}
	c.byFilter[key] = n
}
