package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// The showrooms: malang moves from A to B; kediri stays on A and blitar
// on B, written to all along, to show a move touches only its showroom.
var (
	malang = showroom{slug: "malang", name: "Mobil Malang", host: "malang.test", device: "6281100000001"}
	kediri = showroom{slug: "kediri", name: "Mobil Kediri", host: "kediri.test", device: "6281100000002"}
	blitar = showroom{slug: "blitar", name: "Mobil Blitar", host: "blitar.test", device: "6281100000003"}
)

// customers is how many customers of each showroom write at once.
const customers = 4

const (
	ownerEmail    = "owner@malang.test"
	ownerPassword = "rehearsal-password-1"
)

// stage is everything the rehearsal set up: the nodes, Caddy in front of
// them, the stand-in Fonnte, and a client that reaches Caddy.
type stage struct {
	work, bin string
	ps        *procs
	fonnte    *fonnte
	a, b      *node
	px        *proxy
	through   *http.Client
}

// setUp creates the showrooms, starts both nodes with Litestream and
// Caddy in front, and waits until every showroom answers through Caddy.
func setUp(ctx context.Context, o options, ps *procs, f *fonnte) (*stage, error) {
	if err := os.MkdirAll(ps.logDir, 0o700); err != nil {
		return nil, err
	}
	conf, err := os.ReadFile(o.litestreamConfig)
	if err != nil {
		return nil, err
	}
	st := &stage{work: o.work, bin: o.autoleads, ps: ps, fonnte: f}
	nodes := make([]*node, 2)
	for i, name := range []string{"a", "b"} {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		nodes[i] = &node{name: name, dir: filepath.Join(o.work, "node-"+name), addr: "127.0.0.1:" + strconv.Itoa(port),
			fonnteURL: f.url(name), bin: o.autoleads, streamer: o.litestream, conf: string(conf), ps: ps,
			direct: &http.Client{Timeout: 5 * time.Second}}
		if err := os.MkdirAll(nodes[i].data(), 0o700); err != nil {
			return nil, err
		}
	}
	st.a, st.b = nodes[0], nodes[1]
	for _, s := range []struct {
		n *node
		s *showroom
	}{{st.a, &malang}, {st.a, &kediri}, {st.b, &blitar}} {
		if s.s.webhookToken, err = createShowroom(ctx, s.n, *s.s); err != nil {
			return nil, err
		}
	}
	if _, err := st.a.cli(ctx, []string{"AUTOLEADS_PASSWORD=" + ownerPassword}, "", "user", "create",
		"--tenant", malang.slug, "--email", ownerEmail, "--name", "Pak Hadi", "--role", "owner"); err != nil {
		return nil, err
	}
	for _, n := range nodes {
		if err := n.restart(ctx); err != nil {
			return nil, err
		}
	}
	st.px = &proxy{caddy: o.caddy, dir: filepath.Join(o.work, "caddy"), ps: ps}
	if st.px.httpsPort, err = freePort(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(st.px.dir, 0o700); err != nil {
		return nil, err
	}
	if err := st.px.start(ctx, o.autoleads, st.a, st.b); err != nil {
		return nil, err
	}
	if st.through, err = st.px.client(ctx); err != nil {
		return nil, err
	}
	for _, s := range []showroom{malang, kediri, blitar} {
		if err := waitFor(ctx, s.host+" through Caddy", 30*time.Second, func() bool {
			return statusOf(st.through, "https://"+s.host+"/api/tenant", s.host) == http.StatusOK
		}); err != nil {
			return nil, err
		}
	}
	return st, nil
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

// startClients starts the customers of every showroom writing to its
// webhook and, once malang's customers have leads, its owner adding cars
// and replying to them.
func (st *stage) startClients(stop context.Context, c *client) (*sync.WaitGroup, error) {
	clients := &sync.WaitGroup{}
	for _, s := range []showroom{malang, kediri, blitar} {
		for customer := range customers {
			clients.Go(func() { c.sendMessages(stop, s, customer, 100*time.Millisecond) })
		}
	}
	owner := &staff{c: c, s: malang, email: ownerEmail, password: ownerPassword}
	if _, err := owner.signIn(""); err != nil {
		return clients, err
	}
	var leads []int64
	var err error
	if err := waitFor(stop, "malang's first leads", 15*time.Second, func() bool {
		leads, err = owner.leadIDs()
		return err == nil && len(leads) == customers
	}); err != nil {
		return clients, err
	}
	clients.Go(func() { owner.addCars(stop, 150*time.Millisecond) })
	clients.Go(func() { owner.reply(stop, leads, 200*time.Millisecond) })
	return clients, nil
}
