package cmd_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// server is `autoleads serve` running in-process on a free port.
type server struct {
	t      testing.TB
	base   string // http://127.0.0.1:port
	stdout *syncBuffer
	stop   func()
}

// serve starts `autoleads serve` with args on 127.0.0.1:0 and waits until it
// logs its address. The server stops (gracefully, as on SIGINT) when the
// test ends or stop is called.
func (c *cli) serve(args ...string) *server {
	c.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		root := newRoot(c, stdout, stderr)
		root.SetArgs(append([]string{"--data-dir", c.dir, "serve", "--addr", "127.0.0.1:0",
			"--log-format", "json", "--no-rate-limit"}, args...))
		done <- root.ExecuteContext(ctx)
	}()
	s := &server{t: c.t, stdout: stdout}
	stopped := false
	s.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			c.t.Errorf("serve returned %v\nstderr: %s", err, stderr.String())
		}
	}
	c.t.Cleanup(s.stop)
	deadline := time.Now().Add(30 * time.Second)
	for s.base == "" {
		select {
		case err := <-done:
			stopped = true
			c.t.Fatalf("serve ended before serving: %v\nstderr: %s", err, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("serve did not log its address:\n%s", stderr.String())
		}
		for _, line := range strings.Split(stderr.String(), "\n") {
			var entry struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &entry) == nil && entry.Msg == "serving" {
				s.base = entry.Addr
			}
		}
	}
	return s
}

// get sends GET path to the server with the Host header host and returns
// the status and body.
func (s *server) get(path, host string) (int, string) {
	s.t.Helper()
	return s.do(http.MethodGet, path, host, "")
}

// do sends a request with a JSON body (none when "") to the server with the
// Host header host and returns the status and body.
func (s *server) do(method, path, host, body string) (int, string) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Host = host
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(out)
}

// waitFor polls GET path on host until it answers want, failing after within.
func (s *server) waitFor(path, host string, want int, within time.Duration) string {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for {
		code, body := s.get(path, host)
		if code == want {
			return body
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("GET %s on %s still answers %d after %s, want %d: %s", path, host, code, within, want, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
