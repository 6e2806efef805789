package http

import (
	"sync"

	"github.com/autoleads/autoleads/http/web"
)

// pageFills are the pages being built for the response cache, so that one
// visitor builds a page while the others who ask for it at the same moment
// wait for that answer.
type pageFills struct {
	mu    sync.Mutex
	fills map[pageFillKey]*pageFill
}

type pageFillKey struct {
	tenant int64
	key    string
}

// pageFill is one page being built; answer is set, before done closes,
// when the page came out as one to keep.
type pageFill struct {
	done   chan struct{}
	answer *web.Answer
}

// join returns the fill of a page, and whether the caller is its leader,
// who must build the page and call done.
func (p *pageFills) join(tenant int64, key string) (*pageFill, bool) {
	k := pageFillKey{tenant, key}
	p.mu.Lock()
	defer p.mu.Unlock()
	if f := p.fills[k]; f != nil {
		return f, false
	}
	if p.fills == nil {
		p.fills = map[pageFillKey]*pageFill{}
	}
	f := &pageFill{done: make(chan struct{})}
	p.fills[k] = f
	return f, true
}

// done ends a leader's fill and releases whoever waits for it.
func (p *pageFills) done(tenant int64, key string, f *pageFill) {
	p.mu.Lock()
	delete(p.fills, pageFillKey{tenant, key})
	p.mu.Unlock()
	close(f.done)
}
