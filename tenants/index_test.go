package tenants_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

func TestRegistry_Resolve(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	mustCreate(t, reg, "alpha", "alpha.example.com", "127.0.0.1", "[::1]")
	mustCreate(t, reg, "beta", "beta.example.com")

	tests := []struct{ host, want string }{
		{"alpha.example.com", "alpha"},
		{"alpha.example.com:8080", "alpha"},
		{"ALPHA.Example.COM", "alpha"},
		{"alpha.example.com.", "alpha"},
		{"Alpha.Example.Com.:443", "alpha"},
		{" alpha.example.com ", "alpha"},
		{"127.0.0.1:8080", "alpha"},
		{"[::1]:8080", "alpha"},
		{"[::1]", "alpha"},
		{"beta.example.com", "beta"},
	}
	for _, tt := range tests {
		got, err := reg.Resolve(tt.host)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", tt.host, err)
		}
		if got.Slug != tt.want {
			t.Fatalf("Resolve(%q) = %s, want %s", tt.host, got.Slug, tt.want)
		}
	}
	for _, host := range []string{"", "gamma.example.com", "example.com", "alpha.example.com.evil.test",
		"alpha.example.com:bad", "[::2]:8080", "alpha", "http://alpha.example.com"} {
		_, err := reg.Resolve(host)
		wantCode(t, host, err, store.ENOTFOUND)
		if msg := store.ErrorMessage(err); msg != "Showroom not found" {
			t.Fatalf("Resolve(%q) message = %q", host, msg)
		}
	}

	if _, err := reg.SetStatus(ctx, "alpha", tenants.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	// A suspended tenant still resolves: access is decided by Tenant.Access.
	if got, err := reg.Resolve("alpha.example.com"); err != nil || got.Status != tenants.StatusSuspended {
		t.Fatalf("suspended tenant: %v, %v", got, err)
	}
}

func TestNormalizeHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Example.COM", "example.com"},
		{"example.com:8080", "example.com"},
		{"example.com.", "example.com"},
		{"example.com.:80", "example.com"},
		{"localhost:", "localhost"},
		{"[::1]:8080", "[::1]"},
		{"[2001:DB8::1]", "[2001:db8::1]"},
		// Not a port: left for validation to refuse.
		{"http://x", "http://x"},
		{"x:abc", "x:abc"},
		{"[::1]junk", "[::1]junk"},
	}
	for _, tt := range tests {
		if got := tenants.NormalizeHost(tt.in); got != tt.want {
			t.Errorf("NormalizeHost(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRegistry_Lookup(t *testing.T) {
	reg := newRegistry(t)
	a := mustCreate(t, reg, "alpha")
	mustCreate(t, reg, "beta")
	got, err := reg.Lookup("alpha")
	if err != nil || got.ID != a.ID {
		t.Fatalf("Lookup = %v, %v", got, err)
	}
	for _, slug := range []string{"gamma", "ALPHA", "", "../alpha"} {
		_, err := reg.Lookup(slug)
		wantCode(t, slug, err, store.ENOTFOUND)
	}
	all := reg.All()
	if reg.Count() != 2 || len(all) != 2 || all[0].Slug != "alpha" || all[1].Slug != "beta" {
		t.Fatalf("All = %v, Count = %d", all, reg.Count())
	}
}

// Every spelling of a WhatsApp number is stored, and indexed, as the digits
// Fonnte uses.
func TestRegistry_WhatsAppNumber(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	mustCreate(t, reg, "alpha")
	for _, n := range []string{"6281234567890", "+6281234567890", "081234567890", "0812-3456-7890",
		"62 812 3456 7890", "6281234567890@s.whatsapp.net", "(0812) 3456.7890"} {
		if _, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{WhatsAppNumber: ptr(n)}); err != nil {
			t.Fatalf("%q: %v", n, err)
		}
		if got, _ := reg.Lookup("alpha"); got.WhatsAppNumber != "6281234567890" {
			t.Fatalf("%q is indexed as %q", n, got.WhatsAppNumber)
		}
	}
	for _, n := range []string{"not a number", "12"} {
		_, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{WhatsAppNumber: ptr(n)})
		wantCode(t, n, err, store.EINVALID)
	}
	if _, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{WhatsAppNumber: ptr("")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := reg.Lookup("alpha"); got.WhatsAppNumber != "" {
		t.Fatalf("cleared number is indexed as %q", got.WhatsAppNumber)
	}
}

// TestRegistry_Watch opens two registries on one data directory, as the
// server and the CLI do, and checks that the watching one sees every change
// the other makes within the promised 5 seconds.
func TestRegistry_Watch(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	server := openRegistry(t, dataDir, tenants.Options{PollInterval: 20 * time.Millisecond})
	cli := openRegistry(t, dataDir, tenants.Options{})
	pool := tenants.NewPool(server)
	t.Cleanup(func() { pool.Close() })

	watchCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { server.Watch(watchCtx); close(done) }()
	t.Cleanup(func() { stop(); <-done })

	const promise = 5 * time.Second
	resolves := func(host, slug string) func() bool {
		return func() bool {
			got, err := server.Resolve(host)
			return err == nil && got.Slug == slug
		}
	}
	gone := func(host string) func() bool {
		return func() bool {
			_, err := server.Resolve(host)
			return store.ErrorCode(err) == store.ENOTFOUND
		}
	}

	mustCreate(t, cli, "beta", "beta.test")
	waitFor(t, promise, "created tenant resolves", resolves("beta.test", "beta"))

	if _, err := cli.SetStatus(ctx, "beta", tenants.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	waitFor(t, promise, "suspension is seen", func() bool {
		got, err := server.Lookup("beta")
		return err == nil && got.Status == tenants.StatusSuspended && got.Access(time.Now()) != nil
	})

	if err := cli.AddHost(ctx, "beta", "cars.beta.test"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, promise, "added host resolves", resolves("cars.beta.test", "beta"))

	if _, err := cli.UpdateTenant(ctx, "beta", tenants.TenantUpdate{WhatsAppNumber: ptr("628123456789")}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, promise, "new number is seen", func() bool {
		got, err := server.Lookup("beta")
		return err == nil && got.WhatsAppNumber == "628123456789"
	})

	if err := cli.RemoveHost(ctx, "beta", "beta.test"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, promise, "removed host stops resolving", gone("beta.test"))

	// The server has beta's database open; deleting beta elsewhere closes it.
	beta, err := server.Lookup("beta")
	if err != nil {
		t.Fatal(err)
	}
	_, release, err := pool.Acquire(ctx, beta)
	if err != nil {
		t.Fatal(err)
	}
	release()
	if err := cli.DeleteTenant(ctx, "beta"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, promise, "deleted tenant disappears", func() bool {
		_, err := server.Lookup("beta")
		return store.ErrorCode(err) == store.ENOTFOUND && server.Count() == 0
	})
	waitFor(t, promise, "deleted tenant's store is closed", func() bool { return pool.Len() == 0 })
	waitFor(t, promise, "deleted tenant's host stops resolving", gone("cars.beta.test"))

	// A change by the server itself is visible at once, without Watch.
	mustCreate(t, server, "gamma", "gamma.test")
	if _, err := server.Resolve("gamma.test"); err != nil {
		t.Fatalf("own change not visible at once: %v", err)
	}
}

// A registry row that cannot be read (written by another program) stops
// reloads; the watcher says so instead of serving a stale index silently,
// and catches up once the row is readable again.
func TestRegistry_WatchReportsFailedReload(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	var logs syncBuffer
	server := openRegistry(t, dataDir, tenants.Options{PollInterval: 20 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	cli := openRegistry(t, dataDir, tenants.Options{})
	mustCreate(t, server, "alpha", "alpha.test")

	watchCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { server.Watch(watchCtx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	// Once a change is seen, the watcher is past its first poll.
	if err := cli.AddHost(ctx, "alpha", "cars.alpha.test"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "the watcher runs", func() bool {
		_, err := server.Resolve("cars.alpha.test")
		return err == nil
	})

	if _, err := sqldbtest.Open(t, cli.Layout.RegistryPath()).Write.Exec(`UPDATE tenants SET business_hours = 'not json' WHERE slug = 'alpha'`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "the failed reload is logged", func() bool {
		return strings.Contains(logs.String(), "registry changes are not applied: reload failed")
	})
	if _, err := sqldbtest.Open(t, cli.Layout.RegistryPath()).Write.Exec(`UPDATE tenants SET business_hours = '{}', status = 'suspended' WHERE slug = 'alpha'`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "the repaired registry is loaded", func() bool {
		got, err := server.Lookup("alpha")
		return err == nil && got.Status == tenants.StatusSuspended
	})
}

// syncBuffer is a bytes.Buffer safe for a logger and a test to share.
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
