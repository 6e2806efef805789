package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// newNodes makes the two nodes' directories and picks their ports.
func newNodes(o options, conf string, ps *procs, f *fonnte) (a, b *node, err error) {
	nodes := make([]*node, 2)
	for i, name := range []string{"a", "b"} {
		port, err := freePort()
		if err != nil {
			return nil, nil, err
		}
		n := &node{name: name, dir: filepath.Join(o.work, "node-"+name), addr: "127.0.0.1:" + strconv.Itoa(port),
			fonnteURL: f.url(name), bin: o.autoleads, streamer: o.litestream, conf: conf, ps: ps,
			direct: &http.Client{Timeout: 5 * time.Second}}
		if err := os.MkdirAll(n.data(), 0o700); err != nil {
			return nil, nil, err
		}
		nodes[i] = n
	}
	return nodes[0], nodes[1], nil
}

// createShowroom registers s on n, active, with a WhatsApp number and a
// Fonnte token, and returns its webhook token.
func createShowroom(ctx context.Context, n *node, s showroom) (string, error) {
	if _, err := n.cli(ctx, nil, "", "tenant", "create", "--slug", s.slug, "--name", s.name,
		"--host", s.host, "--whatsapp", s.device, "--status", "active", "--plan", "pro"); err != nil {
		return "", err
	}
	if _, err := n.cli(ctx, nil, "fonnte-token-of-"+s.slug+"\n", "tenant", "update", s.slug, "--fonnte-token-stdin"); err != nil {
		return "", err
	}
	out, err := n.cli(ctx, nil, "", "tenant", "show", s.slug, "--json")
	if err != nil {
		return "", err
	}
	var shown struct {
		WebhookToken string `json:"webhookToken"`
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil || shown.WebhookToken == "" {
		return "", fmt.Errorf("tenant show %s --json gave no webhook token: %v", s.slug, err)
	}
	return shown.WebhookToken, nil
}
