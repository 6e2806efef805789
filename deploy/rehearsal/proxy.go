package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// proxy is Caddy in front of both nodes, on loopback ports of its own, with
// certificates from its local authority (no public one is reachable from
// loopback), configured as docs/operations.md's several nodes: a Caddyfile
// importing the routes `autoleads caddy routes` writes.
type proxy struct {
	caddy     string // the caddy binary
	dir       string
	httpsPort int
	admin     string // Caddy's admin endpoint, which `caddy reload` talks to
	ps        *procs
	cmd       *proc
}

func (p *proxy) caddyfile() string { return filepath.Join(p.dir, "Caddyfile") }
func (p *proxy) routes() string    { return filepath.Join(p.dir, "autoleads-routes.caddy") }

// env keeps Caddy's certificates and state in the rehearsal's directory.
func (p *proxy) env() []string {
	return []string{"HOME=" + p.dir, "XDG_DATA_HOME=" + p.dir, "XDG_CONFIG_HOME=" + p.dir}
}

// start writes the Caddyfile and the first routes, and starts Caddy.
func (p *proxy) start(ctx context.Context, bin string, nodes ...*node) error {
	httpPort, err := freePort()
	if err != nil {
		return err
	}
	adminPort, err := freePort()
	if err != nil {
		return err
	}
	p.admin = "127.0.0.1:" + strconv.Itoa(adminPort)
	global := fmt.Sprintf("{\n\thttp_port %d\n\thttps_port %d\n\tadmin %s\n\tlocal_certs\n\tskip_install_trust\n}\n\nimport %s\n",
		httpPort, p.httpsPort, p.admin, p.routes())
	if err := os.WriteFile(p.caddyfile(), []byte(global), 0o600); err != nil {
		return err
	}
	if err := p.writeRoutes(ctx, bin, nodes...); err != nil {
		return err
	}
	p.cmd, err = p.ps.start("caddy", p.env(), p.caddy, "run", "--adapter", "caddyfile", "--config", p.caddyfile())
	return err
}

// writeRoutes regenerates the routes from each node's listing.
func (p *proxy) writeRoutes(ctx context.Context, bin string, nodes ...*node) error {
	args := []string{"caddy", "routes", "--out", p.routes()}
	for _, n := range nodes {
		listing, _, err := n.listed(ctx)
		if err != nil {
			return err
		}
		args = append(args, "--node", n.addr+"="+listing)
	}
	_, err := p.ps.run(ctx, nil, "", bin, args...)
	return err
}

// reload regenerates the routes and has Caddy load them.
func (p *proxy) reload(ctx context.Context, bin string, nodes ...*node) error {
	if err := p.writeRoutes(ctx, bin, nodes...); err != nil {
		return err
	}
	_, err := p.ps.run(ctx, p.env(), "", p.caddy, "reload", "--adapter", "caddyfile", "--config", p.caddyfile(), "--address", p.admin)
	return err
}

// client reaches any host through Caddy, trusting only Caddy's local
// authority, as a phone trusts the public ones.
func (p *proxy) client(ctx context.Context) (*http.Client, error) {
	root := filepath.Join(p.dir, "caddy", "pki", "authorities", "local", "root.crt")
	if err := waitFor(ctx, "Caddy's local authority", 30*time.Second, func() bool {
		_, err := os.Stat(root)
		return err == nil
	}); err != nil {
		return nil, err
	}
	pem, err := os.ReadFile(root)
	if err != nil {
		return nil, err
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no certificate", root)
	}
	addr := "127.0.0.1:" + strconv.Itoa(p.httpsPort)
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
		TLSClientConfig:     &tls.Config{RootCAs: roots},
		MaxIdleConnsPerHost: 8,
	}}, nil
}
