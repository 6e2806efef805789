package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/autoleads/autoleads/http/ratelimit"
	"github.com/autoleads/autoleads/store"
)

// Rate-limit classes (docs/api.md, Rate limits); each has a flag --rate-<class>.
const (
	ClassLogin   = "login"    // per tenant+email
	ClassLoginIP = "login-ip" // per client IP
	ClassPublic  = "public"   // per client IP: catalogue, profile, photos
	ClassInquiry = "inquiry"  // per client IP: the public lead form
	ClassAdmin   = "admin"    // per user
	ClassWebhook = "webhook"  // per tenant
)

// DefaultRateLimits are the documented defaults (docs/operations.md, Limits).
func DefaultRateLimits() map[string]ratelimit.Limit {
	return map[string]ratelimit.Limit{
		ClassLogin:   {N: 5, Period: 15 * time.Minute, Burst: 5},
		ClassLoginIP: {N: 30, Period: 15 * time.Minute, Burst: 10},
		ClassPublic:  {N: 120, Period: time.Minute, Burst: 60},
		ClassInquiry: {N: 10, Period: time.Hour, Burst: 3},
		ClassAdmin:   {N: 600, Period: time.Minute, Burst: 120},
		ClassWebhook: {N: 1200, Period: time.Minute, Burst: 300},
	}
}

// maxKeysPerClass bounds each class's buckets: about 100 bytes each, so a
// flood of distinct clients costs at most a few tens of megabytes.
const maxKeysPerClass = 100_000

func newLimiters(cfg Config) map[string]*ratelimit.Limiter {
	if cfg.NoRateLimit {
		return nil
	}
	limits := DefaultRateLimits()
	for class, l := range cfg.RateLimits {
		limits[class] = l
	}
	out := make(map[string]*ratelimit.Limiter, len(limits))
	for class, l := range limits {
		out[class] = ratelimit.New(l, maxKeysPerClass)
	}
	return out
}

// allow takes a token of class for key, sets the rate-limit headers, and
// reports whether the request may go on. A refused request has been
// answered 429 with Retry-After.
func (s *Server) allow(w http.ResponseWriter, r *http.Request, class, key string) bool {
	l := s.limiters[class]
	if l == nil {
		return true
	}
	d := l.Allow(class+"\x00"+key, time.Now())
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(d.Limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(d.Remaining))
	if d.Allowed {
		return true
	}
	secs := int((d.RetryAfter + time.Second - 1) / time.Second)
	h.Set("Retry-After", strconv.Itoa(max(1, secs)))
	Error(w, r, store.Errorf(store.ERATELIMIT, "Too many requests, retry in %d seconds", max(1, secs)))
	return false
}

// limitIP wraps h with class's per-client-IP limit; an IPv6 client is
// counted by its /64 (see clientKey).
func (s *Server) limitIP(class string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.allow(w, r, class, clientKey(clientIP(r, s.cfg.TrustedProxies))) {
			h.ServeHTTP(w, r)
		}
	})
}
