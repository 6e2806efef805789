package ratelimit_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/autoleads/autoleads/http/ratelimit"
)

// BenchmarkAllow measures one rate-limit decision, the cost every public
// request pays when limits are on, over 10,000 distinct clients.
func BenchmarkAllow(b *testing.B) {
	l := ratelimit.New(ratelimit.Limit{N: 120, Period: time.Minute, Burst: 60}, 100_000)
	keys := make([]string, 10_000)
	for i := range keys {
		keys[i] = "public\x00203.0.113." + strconv.Itoa(i)
	}
	now := time.Now()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		l.Allow(keys[i%len(keys)], now)
	}
}
