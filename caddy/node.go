// Package caddy writes the Caddy configuration that routes each showroom's
// hosts to the node that serves it, when showrooms are spread over several
// nodes (docs/operations.md, Behind a reverse proxy). Caddy routes and
// certifies; this package only decides which node answers for which host,
// from what each node's registry lists.
package caddy

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strconv"

	"github.com/autoleads/autoleads/tenants"
)

// Node is one AutoLeads node as the proxy sees it: the address Caddy
// reaches it on, and the showrooms its registry lists.
type Node struct {
	Addr      string
	Showrooms []Showroom
}

// Showroom is what routing needs of a showroom a node lists.
type Showroom struct {
	Slug   string
	Hosts  []string
	Moving bool
}

// listedShowroom is the part of `autoleads tenant list --json` routing reads.
type listedShowroom struct {
	Slug        string          `json:"slug"`
	Hosts       []string        `json:"hosts"`
	MovingSince json.RawMessage `json:"movingSince"`
}

// ReadNode reads the node at addr from list, the output of `autoleads
// tenant list --json` run on that node. The listing crossed machines and
// may have been edited: each host is checked by the registry's own rule
// here again, since it is written into the proxy's configuration.
func ReadNode(addr string, list io.Reader) (Node, error) {
	if err := checkAddr(addr); err != nil {
		return Node{}, err
	}
	var listed []listedShowroom
	if err := json.NewDecoder(list).Decode(&listed); err != nil {
		return Node{}, fmt.Errorf("node %s: not the output of `autoleads tenant list --json`: %w", addr, err)
	}
	n := Node{Addr: addr}
	seen := map[string]bool{}
	for _, l := range listed {
		if !tenants.ValidSlug(l.Slug) {
			return Node{}, fmt.Errorf("node %s: %q is not a showroom slug", addr, l.Slug)
		}
		if seen[l.Slug] {
			return Node{}, fmt.Errorf("node %s lists showroom %s twice", addr, l.Slug)
		}
		seen[l.Slug] = true
		for _, h := range l.Hosts {
			if tenants.NormalizeHost(h) != h || !tenants.ValidHost(h) {
				return Node{}, fmt.Errorf("node %s: showroom %s has host %q, which is not a host name", addr, l.Slug, h)
			}
		}
		moving := len(l.MovingSince) > 0 && string(l.MovingSince) != "null"
		n.Showrooms = append(n.Showrooms, Showroom{Slug: l.Slug, Hosts: l.Hosts, Moving: moving})
	}
	return n, nil
}

// checkAddr accepts host:port where host is an IP address or a host name,
// the forms Caddy's reverse_proxy takes as an upstream.
func checkAddr(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err == nil {
		if p, perr := strconv.Atoi(port); perr != nil || p < 1 || p > 65535 {
			err = fmt.Errorf("bad port")
		}
	}
	if err == nil {
		if _, aerr := netip.ParseAddr(host); aerr != nil && !tenants.ValidHost(host) {
			err = fmt.Errorf("bad host")
		}
	}
	if err != nil {
		return fmt.Errorf("node address %q must be HOST:PORT, such as 10.0.0.2:8080", addr)
	}
	return nil
}
