package caddy_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/caddy"
)

func node(addr string, showrooms ...caddy.Showroom) caddy.Node {
	return caddy.Node{Addr: addr, Showrooms: showrooms}
}

func room(slug string, moving bool, hosts ...string) caddy.Showroom {
	return caddy.Showroom{Slug: slug, Hosts: hosts, Moving: moving}
}

const nodeA, nodeB = "10.0.0.2:8080", "10.0.0.3:8080"

// Which node a showroom is routed to, through every stage of a move.
func TestRoutesPickTheServingNode(t *testing.T) {
	tests := []struct {
		name  string
		nodes []caddy.Node
		want  []caddy.Route // nil: an error containing err
		err   string
	}{
		{"one node", []caddy.Node{node(nodeA, room("alpha", false, "www.alpha.id", "alpha.id"))},
			[]caddy.Route{{Slug: "alpha", Addr: nodeA, Hosts: []string{"alpha.id", "www.alpha.id"}}}, ""},
		{"moving, not yet imported: still the old node", []caddy.Node{node(nodeA, room("alpha", true, "alpha.id")), node(nodeB)},
			[]caddy.Route{{Slug: "alpha", Addr: nodeA, Hosts: []string{"alpha.id"}}}, ""},
		{"moving on A, imported on B: B", []caddy.Node{node(nodeA, room("alpha", true, "alpha.id")), node(nodeB, room("alpha", false, "alpha.id"))},
			[]caddy.Route{{Slug: "alpha", Addr: nodeB, Hosts: []string{"alpha.id"}}}, ""},
		{"the move finished: B", []caddy.Node{node(nodeA), node(nodeB, room("alpha", false, "alpha.id"))},
			[]caddy.Route{{Slug: "alpha", Addr: nodeB, Hosts: []string{"alpha.id"}}}, ""},
		{"local names are not routed", []caddy.Node{node(nodeA, room("demo", false, "localhost", "127.0.0.1", "[::1]", "demo.localhost", "demo.id"))},
			[]caddy.Route{{Slug: "demo", Addr: nodeA, Hosts: []string{"demo.id"}}}, ""},
		{"served by both", []caddy.Node{node(nodeA, room("alpha", false, "alpha.id")), node(nodeB, room("alpha", false, "alpha.id"))},
			nil, "showroom alpha is served by 2 nodes (10.0.0.2:8080, 10.0.0.3:8080)"},
		{"moving on both", []caddy.Node{node(nodeA, room("alpha", true, "alpha.id")), node(nodeB, room("alpha", true, "alpha.id"))},
			nil, "showroom alpha is moving on every node"},
		{"one host, two showrooms", []caddy.Node{node(nodeA, room("alpha", false, "shared.id")), node(nodeB, room("beta", false, "shared.id"))},
			nil, "host shared.id belongs to both alpha and beta"},
		{"a node given twice", []caddy.Node{node(nodeA), node(nodeA)}, nil, "node 10.0.0.2:8080 is given twice"},
		{"no node", nil, nil, "no node given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, err := caddy.Routes(tt.nodes)
			if tt.want == nil {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(table.Routes, tt.want) {
				t.Fatalf("routes = %+v, want %+v", table.Routes, tt.want)
			}
		})
	}
}

// What a node's listing may hold: anything that is not a plain host name
// could end a site address and start Caddyfile syntax of its own.
func TestReadNodeRefusesWhatIsNotAHost(t *testing.T) {
	tests := []struct{ name, addr, list, err string }{
		{"a block opened in a host", nodeA, `[{"slug":"a","hosts":["evil.id {\n\trespond \"pwned\"\n}\nx.id"]}]`, "is not a host name"},
		{"a comment in a host", nodeA, `[{"slug":"a","hosts":["a.id#x"]}]`, "is not a host name"},
		{"a space in a host", nodeA, `[{"slug":"a","hosts":["a.id b.id"]}]`, "is not a host name"},
		{"a wildcard", nodeA, `[{"slug":"a","hosts":["*.id"]}]`, "is not a host name"},
		{"upper case", nodeA, `[{"slug":"a","hosts":["A.id"]}]`, "is not a host name"},
		{"a bad slug", nodeA, `[{"slug":"a\nb","hosts":[]}]`, "is not a showroom slug"},
		{"a slug twice", nodeA, `[{"slug":"a","hosts":[]},{"slug":"a","hosts":[]}]`, "lists showroom a twice"},
		{"not a listing", nodeA, `{"slug":"a"}`, "not the output of `autoleads tenant list --json`"},
		{"an address without a port", "10.0.0.2", `[]`, "must be HOST:PORT"},
		{"an address with a block in it", "x {:80", `[]`, "must be HOST:PORT"},
		{"port zero", "10.0.0.2:0", `[]`, "must be HOST:PORT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := caddy.ReadNode(tt.addr, strings.NewReader(tt.list))
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want one containing %q", err, tt.err)
			}
		})
	}
	n, err := caddy.ReadNode("node-b.internal:8080", strings.NewReader(
		`[{"slug":"a","hosts":["a.id"],"movingSince":"2026-12-04T10:00:00.000Z","name":"ignored"},{"slug":"b","hosts":[],"movingSince":null}]`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []caddy.Showroom{room("a", true, "a.id"), {Slug: "b", Hosts: []string{}}}; !reflect.DeepEqual(n.Showrooms, want) {
		t.Fatalf("showrooms = %+v, want %+v", n.Showrooms, want)
	}
}
