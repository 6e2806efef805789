package tenants_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// openRegistry opens the registry of dataDir and closes it when the test ends.
func openRegistry(tb testing.TB, dataDir string, opts tenants.Options) *tenants.Registry {
	tb.Helper()
	reg, err := tenants.Open(context.Background(), dataDir, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { reg.Close() })
	return reg
}

// newRegistry opens a registry over a fresh data directory.
func newRegistry(tb testing.TB) *tenants.Registry {
	tb.Helper()
	return openRegistry(tb, tb.TempDir(), tenants.Options{})
}

// mustCreate registers an active tenant with the given hosts.
func mustCreate(tb testing.TB, reg *tenants.Registry, slug string, hosts ...string) *tenants.Tenant {
	tb.Helper()
	t := &tenants.Tenant{Slug: slug, Name: "Showroom " + slug, Status: tenants.StatusActive, Plan: "pro"}
	if err := reg.CreateTenant(context.Background(), t, hosts); err != nil {
		tb.Fatalf("create %s: %v", slug, err)
	}
	return t
}

// wantCode fails unless err carries the store error code want.
func wantCode(tb testing.TB, label string, err error, want string) {
	tb.Helper()
	if got := store.ErrorCode(err); got != want {
		tb.Fatalf("%s: code = %q (%v), want %q", label, got, err, want)
	}
}

// wantMessage fails unless err's client message contains every fragment.
func wantMessage(tb testing.TB, label string, err error, fragments ...string) {
	tb.Helper()
	var e *store.Error
	if !errors.As(err, &e) {
		tb.Fatalf("%s: %v is not a *store.Error", label, err)
	}
	for _, f := range fragments {
		if !strings.Contains(e.Message, f) {
			tb.Errorf("%s: message %q lacks %q", label, e.Message, f)
		}
	}
}

// waitFor polls cond until it holds, failing the test after deadline. It is
// how a test waits for another goroutine's polling without a fixed sleep.
func waitFor(tb testing.TB, deadline time.Duration, what string, cond func() bool) {
	tb.Helper()
	end := time.Now().Add(deadline)
	for !cond() {
		if time.Now().After(end) {
			tb.Fatalf("not within %s: %s", deadline, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// dirEntries lists the names in dir ("" entries when it does not exist).
func dirEntries(tb testing.TB, dir string) []string {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// fileMode returns the permission bits of path.
func fileMode(tb testing.TB, path string) os.FileMode {
	tb.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return fi.Mode().Perm()
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }
