package cmd

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/caddy"
	"github.com/autoleads/autoleads/tenants"
)

func newCaddyCommand(g *globals) *cobra.Command {
	c := &cobra.Command{
		Use:   "caddy",
		Short: "Write the configuration of Caddy in front of several nodes",
	}
	c.AddCommand(newCaddyRoutesCommand(g))
	return c
}

type caddyRoutesOptions struct {
	nodes []string
	out   string
}

func newCaddyRoutesCommand(g *globals) *cobra.Command {
	o := &caddyRoutesOptions{}
	c := &cobra.Command{
		Use:   "routes --node ADDR=FILE [--node ADDR=FILE]… [--out FILE]",
		Short: "Route each showroom's hosts to the node that serves it, as Caddyfile site blocks",
		Long: `Routes reads what each node serves — FILE is the output of
autoleads tenant list --json run on that node, ADDR the address the proxy
reaches it on — and writes one Caddyfile site block per showroom, sending its
hosts to its node. Import the file from the proxy's Caddyfile; after a
showroom moves, or gets a new host, regenerate it and run caddy reload.

A showroom listed by two nodes is in the middle of a move and goes to the
node where it is not moving. Two nodes both serving it, or one host claimed
by two showrooms, is an error and nothing is written. Local names
(localhost, *.localhost, IP addresses) are not routed. The output is sorted:
the same nodes give the same bytes. --out is replaced only once the whole
file is written, so a failed run leaves the proxy's routes as they were.`,
		Example: `  ssh node-a sudo -u autoleads autoleads --data-dir /var/lib/autoleads tenant list --json > a.json
  ssh node-b sudo -u autoleads autoleads --data-dir /var/lib/autoleads tenant list --json > b.json
  autoleads caddy routes --node 10.0.0.2:8080=a.json --node 10.0.0.3:8080=b.json \
    --out /etc/caddy/autoleads-routes.caddy && systemctl reload caddy`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runCaddyRoutes(g, o) },
	}
	f := c.Flags()
	f.StringArrayVar(&o.nodes, "node", nil, "a node as ADDR=FILE: its address and its `autoleads tenant list --json` (repeat for each node)")
	f.StringVar(&o.out, "out", "", "file to write (replaced whole); default standard output")
	c.MarkFlagRequired("node")
	return c
}

func runCaddyRoutes(g *globals, o *caddyRoutesOptions) error {
	nodes := make([]caddy.Node, 0, len(o.nodes))
	for _, spec := range o.nodes {
		addr, file, ok := strings.Cut(spec, "=")
		if !ok || addr == "" || file == "" {
			return fmt.Errorf("--node %q must be ADDR=FILE, such as 10.0.0.2:8080=a.json", spec)
		}
		n, err := readNode(addr, file)
		if err != nil {
			return err
		}
		nodes = append(nodes, n)
	}
	table, err := caddy.Routes(nodes)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := table.WriteCaddyfile(&buf); err != nil {
		return err
	}
	if o.out == "" {
		_, err := g.stdout.Write(buf.Bytes())
		return err
	}
	// Whole or not at all, so Caddy never reads half a file; 0644: the
	// routes hold no secret, and Caddy runs as its own user.
	if err := tenants.ReplaceFile(o.out, 0o644, func(w io.Writer) error {
		_, err := buf.WriteTo(w)
		return err
	}); err != nil {
		return err
	}
	hosts := 0
	for _, r := range table.Routes {
		hosts += len(r.Hosts)
	}
	printf(g.stdout, "Routed %d hosts of %d showrooms to %d nodes in %s. Next: caddy reload (or systemctl reload caddy).\n",
		hosts, len(table.Routes), len(nodes), o.out)
	return nil
}

func readNode(addr, file string) (caddy.Node, error) {
	f, err := os.Open(file)
	if err != nil {
		return caddy.Node{}, err
	}
	defer f.Close()
	return caddy.ReadNode(addr, f)
}
