package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// node is one AutoLeads server with its data directory, and the Litestream
// process that streams that directory's databases to the node's replica.
type node struct {
	name      string // "a" or "b"
	dir       string // everything of the node: data/, replica/, litestream.yml
	addr      string // where the server listens, 127.0.0.1:PORT
	fonnteURL string // the stand-in Fonnte, under a path naming the node
	bin       string // the autoleads binary
	streamer  string // the litestream binary
	conf      string // deploy/litestream.yml
	ps        *procs
	serve     *proc
	replicate *proc
	direct    *http.Client // to the node itself, not through Caddy
}

func (n *node) data() string    { return filepath.Join(n.dir, "data") }
func (n *node) replica() string { return filepath.Join(n.dir, "replica") }

// cli runs an autoleads command on the node's data directory, with env
// added to the environment and stdin as its input.
func (n *node) cli(ctx context.Context, env []string, stdin string, args ...string) (string, error) {
	return n.ps.run(ctx, env, stdin, n.bin, append([]string{"--data-dir", n.data()}, args...)...)
}

// startCLI starts an autoleads command on the node's data directory in the
// background (a step of a move that a fault may interrupt).
func (n *node) startCLI(name string, args ...string) (*proc, error) {
	return n.ps.start(n.name+"-"+name, nil, n.bin, append([]string{"--data-dir", n.data()}, args...)...)
}

// startServer starts `autoleads serve` and waits until it answers.
func (n *node) startServer(ctx context.Context) error {
	c, err := n.ps.start(n.name+"-serve", nil, n.bin, "--data-dir", n.data(), "serve",
		"--addr", n.addr, "--trusted-proxies", "127.0.0.1/32", "--log-format", "json",
		"--fonnte-url", n.fonnteURL, "--fonnte-min-interval", "20ms", "--no-rate-limit")
	if err != nil {
		return err
	}
	n.serve = c
	return waitFor(ctx, "node "+n.name+" to answer", 15*time.Second, func() bool {
		return statusOf(n.direct, "http://"+n.addr+"/health", "") == http.StatusOK
	})
}

// startLitestream writes the node's copy of deploy/litestream.yml, with
// the data directory and the replica of this node in place of the
// production paths, and starts `litestream replicate` with it.
func (n *node) startLitestream() error {
	conf := strings.NewReplacer("/var/lib/autoleads", n.data(), "/var/backups/litestream", n.replica()).Replace(n.conf)
	path := filepath.Join(n.dir, "litestream.yml")
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		return err
	}
	c, err := n.ps.start(n.name+"-litestream", nil, n.streamer, "replicate", "-config", path)
	n.replicate = c
	return err
}

// crash kills the server and Litestream with kill -9, as a power cut
// would, along with extra, a command of a move running on the node.
func (n *node) crash(extra ...*proc) {
	for _, c := range append([]*proc{n.serve, n.replicate}, extra...) {
		if c != nil {
			n.ps.kill9(c)
		}
	}
	n.serve, n.replicate = nil, nil
}

// restart starts the server and Litestream again after a crash.
func (n *node) restart(ctx context.Context) error {
	if err := n.startLitestream(); err != nil {
		return err
	}
	return n.startServer(ctx)
}

// listed is the node's `tenant list --json`, saved where `caddy routes`
// reads it.
func (n *node) listed(ctx context.Context) (path string, showrooms []listedShowroom, err error) {
	out, err := n.cli(ctx, nil, "", "tenant", "list", "--json")
	if err != nil {
		return "", nil, err
	}
	if err := json.Unmarshal([]byte(out), &showrooms); err != nil {
		return "", nil, fmt.Errorf("node %s's tenant list --json: %w", n.name, err)
	}
	path = filepath.Join(n.dir, "tenants.json")
	return path, showrooms, os.WriteFile(path, []byte(out), 0o600)
}

// lists tells whether the node's registry has the showroom slug.
func (n *node) lists(ctx context.Context, slug string) (bool, error) {
	_, showrooms, err := n.listed(ctx)
	for _, s := range showrooms {
		if s.Slug == slug {
			return true, err
		}
	}
	return false, err
}

// listedShowroom is what the rehearsal reads of `tenant list --json`.
type listedShowroom struct {
	Slug string `json:"slug"`
}

// serves tells whether the node itself answers for host.
func (n *node) serves(host string) bool {
	return statusOf(n.direct, "http://"+n.addr+"/api/tenant", host) == http.StatusOK
}
