package cmd_test

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// buildBinary compiles autoleads once per test run, for tests that need a
// real process (signals, kill -9).
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "autoleads-bin-")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "autoleads")
		out, err := exec.Command("go", "build", "-o", binaryPath, "..").CombinedOutput()
		if err != nil {
			binaryErr = &buildError{out: string(out), err: err}
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

// serverProcess is a running `autoleads serve`.
type serverProcess struct {
	cmd  *exec.Cmd
	Addr string // host:port it listens on
	done chan error

	mu     sync.Mutex
	stderr strings.Builder
}

// Log returns what the process wrote to stderr so far.
func (p *serverProcess) Log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// startServer runs `autoleads serve --addr 127.0.0.1:0 …` on dataDir and
// waits until it logs the address it listens on.
func startServer(t *testing.T, dataDir string, args ...string) *serverProcess {
	t.Helper()
	bin := buildBinary(t)
	cmd := exec.Command(bin, append([]string{"serve", "--data-dir", dataDir, "--addr", "127.0.0.1:0", "--log-format", "json"}, args...)...)
	cmd.Env = append(os.Environ(), "AUTOLEADS_JWT_SECRET=process-test-secret-process-test-secret")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProcess{cmd: cmd, done: make(chan error, 1)}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.stderr.WriteString(line + "\n")
			p.mu.Unlock()
			var entry struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &entry) == nil && entry.Msg == "serving" {
				addr <- strings.TrimPrefix(entry.Addr, "http://")
			}
		}
	}()
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done
	})
	select {
	case p.Addr = <-addr:
		return p
	case err := <-p.done:
		t.Fatalf("server exited before serving: %v\n%s", err, p.Log())
	case <-time.After(30 * time.Second):
		t.Fatalf("server did not start within 30s:\n%s", p.Log())
	}
	return nil
}

// wait waits for the process to exit and returns its error.
func (p *serverProcess) wait(t *testing.T, timeout time.Duration) error {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err // keep it for the cleanup
		return err
	case <-time.After(timeout):
		t.Fatalf("server did not exit within %s:\n%s", timeout, p.Log())
	}
	return nil
}
