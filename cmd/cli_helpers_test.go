package cmd_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/cmd"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/tenants"
)

// cli runs autoleads commands against one data directory in a temp dir, with
// an environment of its own (never the developer's).
type cli struct {
	t   testing.TB
	dir string
	env map[string]string
}

func newCLI(t testing.TB) *cli {
	return &cli{t: t, dir: t.TempDir(), env: map[string]string{}}
}

// with returns the cli reporting to t, for use inside a subtest.
func (c *cli) with(t testing.TB) *cli {
	cc := *c
	cc.t = t
	return &cc
}

// getenv is the cli's environment.
func (c *cli) getenv(k string) string { return c.env[k] }

// newRoot builds the root command writing to stdout and stderr, with no stdin.
func newRoot(c *cli, stdout, stderr io.Writer) *cobra.Command {
	return cmd.NewRootCommand(strings.NewReader(""), stdout, stderr, c.getenv)
}

// result is what one command printed and returned.
type result struct {
	stdout, stderr string
	err            error
}

// exec runs one command with stdin through the root command, as Main does
// but with the cli's environment.
func (c *cli) exec(ctx context.Context, stdin string, args ...string) result {
	c.t.Helper()
	var out, errb bytes.Buffer
	root := cmd.NewRootCommand(strings.NewReader(stdin), &out, &errb, c.getenv)
	root.SetArgs(append([]string{"--data-dir", c.dir}, args...))
	err := root.ExecuteContext(ctx)
	return result{stdout: out.String(), stderr: errb.String(), err: err}
}

// run runs a command that must succeed and returns its stdout.
func (c *cli) run(args ...string) string {
	c.t.Helper()
	return c.runStdin("", args...)
}

// runStdin runs a command that must succeed, with stdin.
func (c *cli) runStdin(stdin string, args ...string) string {
	c.t.Helper()
	r := c.exec(context.Background(), stdin, args...)
	if r.err != nil {
		c.t.Fatalf("autoleads %s: %v\nstderr: %s", strings.Join(args, " "), r.err, r.stderr)
	}
	return r.stdout
}

// fail runs a command through cmd.Main that must fail: exit code 1, one line
// on stderr that contains want, nothing on stdout. It returns that line.
func (c *cli) fail(stdin, want string, args ...string) string {
	c.t.Helper()
	var out, errb bytes.Buffer
	code := cmd.Main(append([]string{"--data-dir", c.dir}, args...), strings.NewReader(stdin), &out, &errb)
	line := errb.String()
	if code == 0 {
		c.t.Fatalf("autoleads %s: exit 0, want failure %q\nstdout: %s", strings.Join(args, " "), want, out.String())
	}
	if strings.Count(line, "\n") != 1 || !strings.HasPrefix(line, "autoleads: ") {
		c.t.Fatalf("autoleads %s: stderr is not one line: %q", strings.Join(args, " "), line)
	}
	if !strings.Contains(line, want) {
		c.t.Fatalf("autoleads %s: stderr %q, want it to contain %q", strings.Join(args, " "), line, want)
	}
	if out.Len() != 0 {
		c.t.Fatalf("autoleads %s: failed but printed %q", strings.Join(args, " "), out.String())
	}
	return line
}

// decode parses --json output into v.
func decode(t testing.TB, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("output is not the JSON expected: %v\n%s", err, out)
	}
}

// wantContains fails unless s contains every fragment.
func wantContains(t testing.TB, s string, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if !strings.Contains(s, f) {
			t.Fatalf("output lacks %q:\n%s", f, s)
		}
	}
}

// createTenant registers an active showroom reachable at <slug>.example.com.
func (c *cli) createTenant(slug string) {
	c.t.Helper()
	c.run("tenant", "create", "--slug", slug, "--name", "Showroom "+slug, "--host", slug+".example.com", "--status", "active")
}

// registry opens the data directory's registry, as another process would.
func (c *cli) registry() *tenants.Registry {
	c.t.Helper()
	reg, err := tenants.Open(context.Background(), c.dir, tenants.Options{})
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { reg.Close() })
	return reg
}

// tenantDB opens one showroom's database directly.
func (c *cli) tenantDB(slug string) *store.DB {
	c.t.Helper()
	path, err := tenants.Layout{Root: c.dir}.TenantDBPath(slug)
	if err != nil {
		c.t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path, sqldb.DurabilityNormal)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { db.Close() })
	return db
}

// syncBuffer is a bytes.Buffer safe to read while a server goroutine writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
