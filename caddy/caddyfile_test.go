package caddy_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/caddy"
)

// Two nodes' listings, as `autoleads tenant list --json` prints them (in
// any order), give the Caddyfile of testdata/two-nodes.caddy byte for byte.
func TestWriteCaddyfileGolden(t *testing.T) {
	a, err := caddy.ReadNode(nodeA, strings.NewReader(`[
		{"slug":"showroom-surabaya","hosts":["localhost","127.0.0.1","showroom-surabaya.localhost","mobilsurabaya.co.id"],"movingSince":null},
		{"slug":"showroom-malang","hosts":["www.mobilmalang.co.id","mobilmalang.co.id","showroom-malang.autoleads.id"],"movingSince":"2026-12-04T10:00:00.000Z"},
		{"slug":"no-host-yet","hosts":[],"movingSince":null}]`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := caddy.ReadNode("[fd00::3]:8080", strings.NewReader(`[
		{"slug":"showroom-malang","hosts":["mobilmalang.co.id","showroom-malang.autoleads.id","www.mobilmalang.co.id"],"movingSince":null},
		{"slug":"auto-kediri","hosts":["autokediri.id"],"movingSince":null}]`))
	if err != nil {
		t.Fatal(err)
	}
	table, err := caddy.Routes([]caddy.Node{a, b})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := table.WriteCaddyfile(&got); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/two-nodes.caddy")
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Fatalf("Caddyfile differs from testdata/two-nodes.caddy; got:\n%s", got.String())
	}
}
