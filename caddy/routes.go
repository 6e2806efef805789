package caddy

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Route sends a showroom's hosts to the node that serves it.
type Route struct {
	Slug  string
	Addr  string
	Hosts []string // sorted
}

// LocalHost is a host a node lists that the proxy does not route: a name
// or address of the machine itself (the demo's localhost, 127.0.0.1), for
// which no certificate authority issues a certificate and which would name
// every node at once.
type LocalHost struct {
	Slug, Host string
}

// Table is the routing of every showroom of every node, sorted by slug.
type Table struct {
	Nodes  []string // addresses, in the order given
	Routes []Route
	Local  []LocalHost
}

// Routes decides which node answers for each showroom. A showroom listed by
// one node is routed there, moving or not (a move not yet imported
// elsewhere is still served, read-only, by its old node). Listed by several,
// it is in the middle of a move: the one node where it is not moving is the
// new one and gets it. Anything else cannot be routed without guessing and
// is an error: two nodes both serving it (a move that was neither finished
// nor called off), every copy moving, or one host claimed by two showrooms.
func Routes(nodes []Node) (*Table, error) {
	if len(nodes) == 0 {
		return nil, fmt.Errorf("no node given: name each with --node ADDR=FILE")
	}
	t := &Table{}
	copies := map[string][]int{} // slug → indexes of nodes listing it
	for i, n := range nodes {
		if slices.Contains(t.Nodes, n.Addr) {
			return nil, fmt.Errorf("node %s is given twice", n.Addr)
		}
		t.Nodes = append(t.Nodes, n.Addr)
		for _, s := range n.Showrooms {
			copies[s.Slug] = append(copies[s.Slug], i)
		}
	}
	slugs := make([]string, 0, len(copies))
	for slug := range copies {
		slugs = append(slugs, slug)
	}
	slices.Sort(slugs)
	hostOwner := map[string]string{}
	for _, slug := range slugs {
		n, s, err := serving(nodes, copies[slug], slug)
		if err != nil {
			return nil, err
		}
		r := Route{Slug: slug, Addr: n.Addr}
		for _, h := range slices.Sorted(slices.Values(s.Hosts)) {
			if isLocal(h) {
				t.Local = append(t.Local, LocalHost{Slug: slug, Host: h})
				continue
			}
			if other, taken := hostOwner[h]; taken {
				return nil, fmt.Errorf("host %s belongs to both %s and %s: remove it from one", h, other, slug)
			}
			hostOwner[h] = slug
			r.Hosts = append(r.Hosts, h)
		}
		t.Routes = append(t.Routes, r)
	}
	return t, nil
}

// serving picks, among the nodes at indexes that list slug, the one that
// serves it.
func serving(nodes []Node, indexes []int, slug string) (Node, Showroom, error) {
	var addrs []string
	var live []int
	for _, i := range indexes {
		addrs = append(addrs, nodes[i].Addr)
		if !showroom(nodes[i], slug).Moving {
			live = append(live, i)
		}
	}
	switch {
	case len(indexes) == 1:
		return nodes[indexes[0]], showroom(nodes[indexes[0]], slug), nil
	case len(live) == 1:
		return nodes[live[0]], showroom(nodes[live[0]], slug), nil
	case len(live) == 0:
		return Node{}, Showroom{}, fmt.Errorf("showroom %s is moving on every node that lists it (%s): import it on the new node first",
			slug, strings.Join(addrs, ", "))
	}
	return Node{}, Showroom{}, fmt.Errorf("showroom %s is served by %d nodes (%s): finish its move (autoleads tenant delete on the old node) or call it off",
		slug, len(live), strings.Join(addrs, ", "))
}

func showroom(n Node, slug string) Showroom {
	i := slices.IndexFunc(n.Showrooms, func(s Showroom) bool { return s.Slug == slug })
	return n.Showrooms[i]
}

// isLocal reports whether h names the machine it is asked on rather than a
// public site: localhost, a name under .localhost (RFC 6761), or an IP
// address.
func isLocal(h string) bool {
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	_, err := netip.ParseAddr(strings.Trim(h, "[]"))
	return err == nil
}
