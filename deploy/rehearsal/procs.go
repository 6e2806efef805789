package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// procs are the processes the rehearsal started, and only those: stopping
// the rehearsal kills each of them and nothing else on the machine.
type procs struct {
	mu      sync.Mutex
	running map[*proc]bool
	logDir  string
}

// proc is one process started in the background.
type proc struct {
	name string
	cmd  *exec.Cmd
	done chan struct{} // closed once it ended
	err  error         // how it ended, once done is closed
}

func newProcs(logDir string) *procs {
	return &procs{running: map[*proc]bool{}, logDir: logDir}
}

// log is the file that holds the output of the processes called name.
func (p *procs) log(name string) string { return filepath.Join(p.logDir, name+".log") }

// start runs a command in the background, its output appended to the log
// of name, with env added to the rehearsal's environment.
func (p *procs) start(name string, env []string, path string, args ...string) (*proc, error) {
	log, err := os.OpenFile(p.log(name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	defer log.Close()
	c := exec.Command(path, args...)
	c.Env = append(os.Environ(), env...)
	c.Stdout, c.Stderr = log, log
	if err := c.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	pr := &proc{name: name, cmd: c, done: make(chan struct{})}
	p.mu.Lock()
	p.running[pr] = true
	p.mu.Unlock()
	go func() {
		pr.err = c.Wait()
		p.mu.Lock()
		delete(p.running, pr)
		p.mu.Unlock()
		close(pr.done)
	}()
	return pr, nil
}

// run runs a command to its end with stdin as its input and returns its
// output; a failure's error holds the output, which says why.
func (p *procs) run(ctx context.Context, env []string, stdin, path string, args ...string) (string, error) {
	c := exec.CommandContext(ctx, path, args...)
	c.Env = append(os.Environ(), env...)
	c.Stdin = strings.NewReader(stdin)
	out, err := c.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %w: %s", filepath.Base(path), strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return string(out), nil
}

// wait waits up to within for pr to end and returns how it ended; the
// error holds the end of its log.
func (p *procs) wait(pr *proc, within time.Duration) error {
	select {
	case <-pr.done:
	case <-time.After(within):
		p.kill9(pr)
		return fmt.Errorf("%s did not end within %s", pr.name, within)
	}
	if pr.err == nil {
		return nil
	}
	out, _ := os.ReadFile(p.log(pr.name))
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return fmt.Errorf("%s: %w: %s", pr.name, pr.err, lines[len(lines)-1])
}

// kill9 ends pr at once, as a power cut would, and waits for its end.
func (p *procs) kill9(pr *proc) {
	pr.cmd.Process.Kill()
	<-pr.done
}

// stop asks pr to end (SIGINT, which autoleads, Caddy and Litestream take
// as SIGTERM) and kills it after grace.
func (p *procs) stop(pr *proc, grace time.Duration) error {
	pr.cmd.Process.Signal(os.Interrupt)
	select {
	case <-pr.done:
		return nil
	case <-time.After(grace):
		p.kill9(pr)
		return fmt.Errorf("%s did not stop within %s", pr.name, grace)
	}
}

// killAll kills every process still running.
func (p *procs) killAll() {
	p.mu.Lock()
	prs := make([]*proc, 0, len(p.running))
	for pr := range p.running {
		prs = append(prs, pr)
	}
	p.mu.Unlock()
	for _, pr := range prs {
		p.kill9(pr)
	}
}

// freePort is a loopback port nothing listens on at the moment.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitFor calls ok every 50 ms until it is true or within is over.
func waitFor(ctx context.Context, what string, within time.Duration, ok func() bool) error {
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			return fmt.Errorf("gave up after %s waiting for %s", within, what)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return nil
}

// statusOf is the status of a GET of url with the Host header host, or 0
// when nothing answered.
func statusOf(client *http.Client, url, host string) int {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0
	}
	req.Host = host
	res, err := client.Do(req)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}
