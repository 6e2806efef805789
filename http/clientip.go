package http

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientIP is the address a request came from: the TCP peer, unless the
// peer is a trusted proxy, in which case X-Forwarded-For is read from the
// right, skipping further trusted proxies. A client cannot spoof it by
// sending its own X-Forwarded-For: an untrusted peer's header is ignored,
// and a trusted proxy appends the real peer to the right.
func clientIP(r *http.Request, trusted []netip.Prefix) netip.Addr {
	peer := remoteAddr(r.RemoteAddr)
	if !isTrusted(peer, trusted) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		a = a.Unmap()
		if !isTrusted(a, trusted) {
			return a
		}
		peer = a
	}
	return peer
}

func remoteAddr(s string) netip.Addr {
	host, _, err := net.SplitHostPort(s)
	if err != nil {
		host = s
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.IPv4Unspecified()
	}
	return a.Unmap()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ipv6ClientBits is the prefix an IPv6 client is counted by: a host is
// commonly given a whole /64 and picks any address in it at will, so a key
// per full address would hand it a fresh allowance per request.
const ipv6ClientBits = 64

// clientKey is the key of a's per-client-IP allowances: an IPv4 address
// (IPv4-mapped IPv6 included) as is, an IPv6 address by its /64.
func clientKey(a netip.Addr) string {
	a = a.Unmap()
	if !a.Is6() {
		return a.String()
	}
	p, _ := a.Prefix(ipv6ClientBits) // cannot fail: 64 of an IPv6 address's 128 bits
	return p.String()
}
