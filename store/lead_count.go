package store

import (
	"fmt"
	"sync"
)

// The lead list reports how many leads match its filter, and with a search
// that count tests every lead of the status (LIKE '%…%' cannot seek): a few
// milliseconds over fifty thousand leads, paid again by every dashboard
// refresh. leadCounts keeps the totals of the filters asked for while the
// database stays in one committed state, named by its walStamp, so nothing
// any process commits can leave a stale total behind.
type leadCounts struct {
	mu       sync.Mutex
	stamp    walStamp
	byFilter map[string]int64
}

// leadCountsMax bounds the filters remembered per showroom; past it the set
// starts over, which costs one recount each.
const leadCountsMax = 256

func leadCountKey(where string, args []any) string {
	return fmt.Sprintf("%s%#v", where, args)
}

// get returns the total of key counted in state s.
func (c *leadCounts) get(s walStamp, key string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != s {
		return 0, false
	}
	n, ok := c.byFilter[key]
	return n, ok
}

// put remembers the total of key counted in state s, forgetting every total
// of an earlier state.
func (c *leadCounts) put(s walStamp, key string, n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != s || c.byFilter == nil || len(c.byFilter) >= leadCountsMax {
		c.stamp, c.byFilter = s, map[string]int64{}
	}
	c.byFilter[key] = n
}
