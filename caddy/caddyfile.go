package caddy

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteCaddyfile writes t as Caddyfile site blocks, one per showroom, for
// the proxy's Caddyfile to import. The same table always gives the same
// bytes, so a regenerated file differs from the last one only by what
// moved. Every name written was checked by ReadNode to be a plain host
// name or address (letters, digits, dots, dashes, colons), so nothing read
// from a node can open a block, a directive or a comment of its own.
//
// Each block is the single node's site (deploy/Caddyfile) with the node's
// address: the ask endpoint and other /internal/ paths are not the
// public's, and a client's X-Tenant-Domain is dropped (only a proxy may
// pick the showroom by header). Caddy's reverse_proxy sets X-Forwarded-For
// and X-Forwarded-Proto itself, which the node believes from the proxy's
// address given to --trusted-proxies.
func (t *Table) WriteCaddyfile(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintln(b, "# The routes of AutoLeads showrooms to their nodes, written by `autoleads caddy routes`.")
	fmt.Fprintln(b, "# Do not edit: regenerate it from the nodes' `autoleads tenant list --json`, then `caddy reload`.")
	fmt.Fprintf(b, "# Nodes: %s.\n", strings.Join(t.Nodes, ", "))
	if len(t.Local) > 0 {
		fmt.Fprintln(b, "# Not routed, names of a machine itself that no certificate authority certifies:")
		for _, l := range t.Local {
			fmt.Fprintf(b, "#   %s of %s\n", l.Host, l.Slug)
		}
	}
	for _, r := range t.Routes {
		fmt.Fprintf(b, "\n# %s on %s\n", r.Slug, r.Addr)
		if len(r.Hosts) == 0 {
			fmt.Fprintln(b, "#   no host to route")
			continue
		}
		fmt.Fprintf(b, "%s {\n", strings.Join(r.Hosts, ", "))
		fmt.Fprintln(b, "\trespond /internal/* 404")
		fmt.Fprintf(b, "\treverse_proxy %s {\n", r.Addr)
		fmt.Fprintln(b, "\t\theader_up -X-Tenant-Domain")
		fmt.Fprintln(b, "\t}")
		fmt.Fprintln(b, "}")
	}
	return b.Flush()
}
