package ratelimit_test

import (
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/autoleads/autoleads/http/ratelimit"
)

func TestParseLimit(t *testing.T) {
	tests := []struct {
		in     string
		burst  int
		want   ratelimit.Limit
		hasErr bool
	}{
		{"120/1m", 60, ratelimit.Limit{N: 120, Period: time.Minute, Burst: 60}, false},
		{"5/15m", 5, ratelimit.Limit{N: 5, Period: 15 * time.Minute, Burst: 5}, false},
		{"10/hour", 3, ratelimit.Limit{N: 10, Period: time.Hour, Burst: 3}, false},
		{"2/1m", 60, ratelimit.Limit{N: 2, Period: time.Minute, Burst: 2}, false},
		{"0/1m", 1, ratelimit.Limit{}, true},
		{"abc", 1, ratelimit.Limit{}, true},
		{"10/", 1, ratelimit.Limit{}, true},
		{"10/-1m", 1, ratelimit.Limit{}, true},
		{"10/fortnight", 1, ratelimit.Limit{}, true},
	}
	for _, tt := range tests {
		got, err := ratelimit.ParseLimit(tt.in, tt.burst)
		if (err != nil) != tt.hasErr || got != tt.want {
			t.Errorf("ParseLimit(%q, %d) = %+v, %v; want %+v, err %v", tt.in, tt.burst, got, err, tt.want, tt.hasErr)
		}
		if err == nil {
			if again, _ := ratelimit.ParseLimit(got.String(), tt.burst); again != got {
				t.Errorf("%q: String %q does not parse back: %+v", tt.in, got.String(), again)
			}
		}
	}
}

func TestLimiterBucket(t *testing.T) {
	l := ratelimit.New(ratelimit.Limit{N: 60, Period: time.Minute, Burst: 3}, 100)
	now := time.Unix(1_700_000_000, 0)
	for i := range 3 {
		d := l.Allow("a", now)
		if !d.Allowed || d.Remaining != 2-i || d.Limit != 60 {
			t.Fatalf("request %d: %+v", i, d)
		}
	}
	d := l.Allow("a", now)
	if d.Allowed || d.RetryAfter <= 0 || d.RetryAfter > time.Second {
		t.Fatalf("fourth request: %+v, want refused with retry ≤ 1s", d)
	}
	if d := l.Allow("b", now); !d.Allowed {
		t.Fatalf("another key shares the bucket: %+v", d)
	}
	if d := l.Allow("a", now.Add(time.Second)); !d.Allowed {
		t.Fatalf("a token did not come back after a second: %+v", d)
	}
}

// A million distinct clients pass by; the limiter's memory stays bounded by
// its key cap, and every client still gets its first request through.
func TestLimiterBoundedMemory(t *testing.T) {
	const maxKeys = 10_000
	l := ratelimit.New(ratelimit.Limit{N: 120, Period: time.Minute, Burst: 60}, maxKeys)
	now := time.Unix(1_700_000_000, 0)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range 1_000_000 {
		// 100k clients per second: far more than fit.
		if d := l.Allow("10."+strconv.Itoa(i), now.Add(time.Duration(i)*10*time.Microsecond)); !d.Allowed {
			t.Fatalf("client %d refused on its first request", i)
		}
		if n := l.Len(); n > maxKeys {
			t.Fatalf("after %d clients the limiter tracks %d keys, cap %d", i, n, maxKeys)
		}
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 16<<20 {
		t.Fatalf("heap grew by %d bytes for %d tracked keys", grown, l.Len())
	}
}

func TestLimiterForgetsRefilledBuckets(t *testing.T) {
	l := ratelimit.New(ratelimit.Limit{N: 60, Period: time.Minute, Burst: 10}, 1000)
	now := time.Unix(1_700_000_000, 0)
	for i := range 500 {
		l.Allow(strconv.Itoa(i), now)
	}
	// Ten seconds refill a burst of 10 at one per second.
	l.Allow("late", now.Add(11*time.Second))
	if n := l.Len(); n != 1 {
		t.Fatalf("Len = %d after every other bucket refilled, want 1", n)
	}
}
