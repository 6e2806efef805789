// Package e2e drives the showroom website in a real browser (Debian's
// chromium, headless, through chromedp) against the real autoleads binary
// serving the demo showroom: what a customer does on a phone — filter the
// catalogue, open a car, swipe its photos, send an inquiry — and what the
// staff's writes through the admin API change on the pages. It is its own
// module so the product's go.mod keeps its dependencies.
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store/demo"
)

// server is the autoleads process the suite runs, serving the demo
// showroom from its own data directory.
type server struct {
	bin, dataDir, base string
	cmd                *exec.Cmd
	exited             chan struct{}
	fonnte             *fonnte // where the server sends WhatsApp messages
}

var (
	srvOnce sync.Once
	srv     *server
	srvErr  error
	workDir string // removed when the suite ends
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "autoleads-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	workDir = dir
	code := m.Run()
	if srv != nil {
		srv.stop()
	}
	stopBrowser()
	os.RemoveAll(workDir)
	os.Exit(code)
}

// site is the running server, started on first use: the suite builds the
// root module, serves the demo showroom on a free loopback port and waits
// for /health. Every test needs the browser too, so none builds the
// server for nothing when there is none.
func site(t *testing.T) *server {
	t.Helper()
	requireBrowser(t)
	srvOnce.Do(func() { srv, srvErr = startServer() })
	if srvErr != nil {
		t.Fatalf("start autoleads: %v", srvErr)
	}
	return srv
}

func startServer() (*server, error) {
	s := &server{bin: filepath.Join(workDir, "autoleads"), dataDir: filepath.Join(workDir, "data"), fonnte: newFonnte()}
	build := exec.Command("go", "build", "-o", s.bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build: %v\n%s", err, out)
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s.base = "http://" + addr
	logFile, err := os.Create(filepath.Join(workDir, "server.log"))
	if err != nil {
		return nil, err
	}
	// The suite loads more pages a minute, and signs in more often, from
	// one address than a visitor does; the limits themselves are tested in
	// package http.
	s.cmd = exec.Command(s.bin, "serve", "--demo", "--data-dir", s.dataDir, "--addr", addr,
		"--rate-public", "100000/1m", "--rate-inquiry", "1000/1h", "--rate-login", "1000/15m", "--rate-login-ip", "1000/15m",
		"--fonnte-url", s.fonnte.srv.URL, "--fonnte-min-interval", "50ms")
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	s.exited = make(chan struct{})
	go func() { s.cmd.Wait(); logFile.Close(); close(s.exited) }()
	if err := s.waitHealthy(15 * time.Second); err != nil {
		s.stop()
		log, _ := os.ReadFile(logFile.Name())
		return nil, fmt.Errorf("%v\nserver log:\n%s", err, log)
	}
	return s, nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func (s *server) waitHealthy(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return fmt.Errorf("autoleads exited: %v", s.cmd.ProcessState)
		default:
		}
		if res, err := http.Get(s.base + "/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("no healthy answer from %s/health within %s", s.base, timeout)
}

// stop asks the server to shut down gracefully, and kills it if it has
// not within ten seconds.
func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
	s.fonnte.srv.Close()
}

// url is the absolute URL of a path on the demo showroom's host.
func (s *server) url(path string) string { return s.base + path }

// webhookToken is the demo showroom's Fonnte webhook token, as the
// operator reads it with `autoleads tenant show`.
func (s *server) webhookToken(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, s.bin, "tenant", "show", demo.Showroom().Slug,
		"--json", "--data-dir", s.dataDir).Output()
	if err != nil {
		t.Fatalf("autoleads tenant show: %v", err)
	}
	var shown struct {
		WebhookToken string `json:"webhookToken"`
	}
	if err := json.Unmarshal(out, &shown); err != nil || shown.WebhookToken == "" {
		t.Fatalf("autoleads tenant show --json: %v: %s", err, out)
	}
	return shown.WebhookToken
}
