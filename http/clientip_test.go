package http

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientIP(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("127.0.0.1/32")}
	tests := []struct {
		name, peer string
		xff        []string
		trusted    []netip.Prefix
		want       string
	}{
		{"peer only", "203.0.113.7:5555", nil, trusted, "203.0.113.7"},
		{"untrusted peer's header ignored", "203.0.113.7:5555", []string{"1.2.3.4"}, trusted, "203.0.113.7"},
		{"no trusted proxies configured", "127.0.0.1:5555", []string{"1.2.3.4"}, nil, "127.0.0.1"},
		{"trusted proxy", "127.0.0.1:5555", []string{"198.51.100.9"}, trusted, "198.51.100.9"},
		{"spoofed left entries ignored", "127.0.0.1:5555", []string{"6.6.6.6, 198.51.100.9"}, trusted, "198.51.100.9"},
		{"chain of trusted proxies", "127.0.0.1:5555", []string{"198.51.100.9, 10.1.2.3"}, trusted, "198.51.100.9"},
		{"several header lines", "10.9.9.9:1", []string{"6.6.6.6", "198.51.100.9"}, trusted, "198.51.100.9"},
		{"garbage hop stops the walk", "127.0.0.1:5555", []string{"nonsense, 10.1.2.3"}, trusted, "10.1.2.3"},
		{"ipv6 peer", "[2001:db8::1]:443", nil, trusted, "2001:db8::1"},
		{"ipv4-mapped peer", "[::ffff:203.0.113.7]:1", nil, trusted, "203.0.113.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.peer
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := clientIP(r, tt.trusted); got.String() != tt.want {
				t.Errorf("clientIP = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestClientKey(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"::ffff:203.0.113.7", "203.0.113.7"},
		{"0.0.0.0", "0.0.0.0"},
		{"2001:db8:1:2::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"::1", "::/64"},
	}
	for _, tt := range tests {
		if got := clientKey(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("clientKey(%s) = %s, want %s", tt.addr, got, tt.want)
		}
	}
}
