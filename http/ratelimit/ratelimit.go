// Package ratelimit keeps one token bucket (golang.org/x/time/rate) per key
// — a client IP, a user, a tenant — with memory bounded however many keys
// pass by.
package ratelimit

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limit is "N requests per Period, bursts of up to Burst".
type Limit struct {
	N      int
	Period time.Duration
	Burst  int
}

// String renders the limit in the flag syntax, e.g. "120/1m".
func (l Limit) String() string {
	p := l.Period.String()
	if strings.HasSuffix(p, "m0s") {
		p = strings.TrimSuffix(p, "0s")
	}
	if strings.HasSuffix(p, "h0m") {
		p = strings.TrimSuffix(p, "0m")
	}
	return fmt.Sprintf("%d/%s", l.N, p)
}

// ParseLimit parses "N/period" (period a Go duration, or a bare unit such as
// "min" or "hour"); burst keeps the default's burst, capped at N.
func ParseLimit(s string, burst int) (Limit, error) {
	n, p, ok := strings.Cut(strings.TrimSpace(s), "/")
	count, err := strconv.Atoi(n)
	if !ok || err != nil || count <= 0 {
		return Limit{}, fmt.Errorf("rate %q: want N/period, e.g. 120/1m", s)
	}
	period, err := parsePeriod(p)
	if err != nil || period <= 0 {
		return Limit{}, fmt.Errorf("rate %q: period must be a duration such as 1m, 15m or 1h", s)
	}
	return Limit{N: count, Period: period, Burst: max(1, min(burst, count))}, nil
}

func parsePeriod(p string) (time.Duration, error) {
	switch p {
	case "s", "sec", "second":
		return time.Second, nil
	case "m", "min", "minute":
		return time.Minute, nil
	case "h", "hour":
		return time.Hour, nil
	}
	return time.ParseDuration(p)
}

// every is the interval at which one token comes back.
func (l Limit) every() rate.Limit { return rate.Every(l.Period / time.Duration(l.N)) }

// fillTime is how long an untouched bucket takes to be full again; after it
// the bucket is indistinguishable from a new one and can be forgotten.
func (l Limit) fillTime() time.Duration {
	return time.Duration(l.Burst) * (l.Period / time.Duration(l.N))
}

// Decision is the outcome of one Allow.
type Decision struct {
	Allowed    bool
	Limit      int           // N of the limit, for X-RateLimit-Limit
	Remaining  int           // whole tokens left, for X-RateLimit-Remaining
	RetryAfter time.Duration // when refused: until the next token
}

// Limiter is a set of token buckets sharing one Limit.
type Limiter struct {
	limit   Limit
	maxKeys int

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// New returns a limiter that tracks at most maxKeys keys at once.
func New(l Limit, maxKeys int) *Limiter {
	return &Limiter{limit: l, maxKeys: maxKeys, buckets: map[string]*bucket{}}
}

// Limit returns the limiter's limit.
func (l *Limiter) Limit() Limit { return l.limit }

// Allow takes one token from key's bucket at now.
func (l *Limiter) Allow(key string, now time.Time) Decision {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		l.makeRoom(now)
		b = &bucket{lim: rate.NewLimiter(l.limit.every(), l.limit.Burst)}
		l.buckets[key] = b
	}
	b.seen = now
	d := Decision{Limit: l.limit.N}
	if b.lim.AllowN(now, 1) {
		d.Allowed = true
	} else {
		r := b.lim.ReserveN(now, 1)
		d.RetryAfter = r.DelayFrom(now)
		r.CancelAt(now)
	}
	d.Remaining = max(0, int(math.Floor(b.lim.TokensAt(now))))
	return d
}

// Len is the number of keys tracked.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// makeRoom forgets buckets that have refilled (losing nothing), at most once
// per fill time, or at once when the key cap is reached. If every bucket is
// still busy at the cap, it drops an arbitrary eighth of them: memory stays
// bounded, and those clients merely get a fresh bucket.
func (l *Limiter) makeRoom(now time.Time) {
	fill := l.limit.fillTime()
	full := len(l.buckets) >= l.maxKeys
	if !full && now.Sub(l.lastSweep) < fill {
		return
	}
	l.lastSweep = now
	for k, b := range l.buckets {
		if now.Sub(b.seen) >= fill {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) < l.maxKeys {
		return
	}
	drop := max(1, len(l.buckets)/8)
	for k := range l.buckets {
		if drop == 0 {
			break
		}
		delete(l.buckets, k)
		drop--
	}
}
