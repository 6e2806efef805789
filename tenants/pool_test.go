package tenants_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// newPoolEnv opens a registry bounded to maxOpen open stores, its pool, and
// the given tenants.
func newPoolEnv(t *testing.T, maxOpen int, slugs ...string) (*tenants.Registry, *tenants.Pool, []*tenants.Tenant) {
	t.Helper()
	reg := openRegistry(t, t.TempDir(), tenants.Options{MaxOpen: maxOpen})
	pool := tenants.NewPool(reg)
	t.Cleanup(func() { pool.Close() })
	var ts []*tenants.Tenant
	for _, s := range slugs {
		ts = append(ts, mustCreate(t, reg, s))
	}
	return reg, pool, ts
}

// acquire gets t's store from the pool or fails the test.
func acquire(t *testing.T, pool *tenants.Pool, ten *tenants.Tenant) (*store.DB, func()) {
	t.Helper()
	db, release, err := pool.Acquire(context.Background(), ten)
	if err != nil {
		t.Fatalf("acquire %s: %v", ten.Slug, err)
	}
	return db, release
}

// usable reports whether db still answers a query on both of its pools.
func usable(db *store.DB) error {
	if _, err := db.FindUsers(context.Background()); err != nil {
		return err
	}
	// A write on the writer pool; there is no user 0, so it changes no row.
	return db.RecordLogin(context.Background(), 0)
}

func TestPool_Acquire(t *testing.T) {
	reg, pool, ts := newPoolEnv(t, 4, "alpha", "beta")
	if pool.Len() != 0 {
		t.Fatalf("pool opened %d stores before any request", pool.Len())
	}
	db1, release1 := acquire(t, pool, ts[0])
	db2, release2 := acquire(t, pool, ts[0])
	if db1 != db2 {
		t.Fatal("two acquisitions of one tenant returned different stores")
	}
	if pool.Len() != 1 {
		t.Fatalf("Len = %d, want 1", pool.Len())
	}
	want, _ := reg.Layout.TenantDBPath("alpha")
	if db1.Path() != want {
		t.Fatalf("store path = %s, want %s", db1.Path(), want)
	}
	release1()
	release1() // a second call is harmless
	release2()
	if err := usable(db1); err != nil {
		t.Fatalf("released store closed while within the bound: %v", err)
	}
	other, release := acquire(t, pool, ts[1])
	defer release()
	if other == db1 {
		t.Fatal("two tenants share a store")
	}
}

func TestPool_Bound(t *testing.T) {
	_, pool, ts := newPoolEnv(t, 2, "alpha", "beta", "gamma")
	var dbs []*store.DB
	for _, ten := range ts {
		db, release := acquire(t, pool, ten)
		release()
		dbs = append(dbs, db)
	}
	if pool.Len() != 2 {
		t.Fatalf("Len = %d, want 2", pool.Len())
	}
	// alpha was least recently used: it is evicted and closed.
	if err := usable(dbs[0]); err == nil {
		t.Fatal("evicted store still answers")
	}
	for _, db := range dbs[1:] {
		if err := usable(db); err != nil {
			t.Fatalf("kept store closed: %v", err)
		}
	}
	// Using beta makes gamma the coldest; alpha comes back fresh.
	_, release := acquire(t, pool, ts[1])
	release()
	alpha, release := acquire(t, pool, ts[0])
	release()
	if alpha == dbs[0] || usable(alpha) != nil {
		t.Fatal("alpha did not come back as a fresh, open store")
	}
	if err := usable(dbs[2]); err == nil {
		t.Fatal("gamma, the coldest, was not evicted")
	}
	if err := usable(dbs[1]); err != nil {
		t.Fatalf("beta, recently used, was evicted: %v", err)
	}
}

func TestPool_InUseNeverClosed(t *testing.T) {
	t.Run("Bound", func(t *testing.T) {
		_, pool, ts := newPoolEnv(t, 1, "alpha", "beta", "gamma")
		held, releaseHeld := acquire(t, pool, ts[0])
		for _, ten := range ts[1:] {
			db, release := acquire(t, pool, ten)
			if err := usable(held); err != nil {
				t.Fatalf("held store closed while another was opened: %v", err)
			}
			release()
			if err := usable(db); err == nil || pool.Len() != 1 {
				t.Fatalf("idle store kept beyond the bound (Len = %d, query error %v)", pool.Len(), err)
			}
		}
		if err := usable(held); err != nil {
			t.Fatalf("held store closed: %v", err)
		}
		releaseHeld()
		if pool.Len() > 1 {
			t.Fatalf("Len = %d after release, want <= 1", pool.Len())
		}
	})
}

func TestPool_Prune(t *testing.T) {
	ctx := context.Background()

	t.Run("Deleted", func(t *testing.T) {
		reg, pool, ts := newPoolEnv(t, 4, "alpha", "beta")
		alpha, release := acquire(t, pool, ts[0])
		release()
		beta, releaseBeta := acquire(t, pool, ts[1])
		defer releaseBeta()
		if err := reg.DeleteTenant(ctx, "alpha"); err != nil {
			t.Fatal(err)
		}
		pool.Prune() // also run by the registry on every reload
		if pool.Len() != 1 {
			t.Fatalf("Len = %d after deleting alpha, want 1", pool.Len())
		}
		if err := usable(alpha); err == nil {
			t.Fatal("deleted tenant's store still open")
		}
		if err := usable(beta); err != nil {
			t.Fatalf("other tenant's store closed: %v", err)
		}
	})

	t.Run("DeletedWhileInUse", func(t *testing.T) {
		reg, pool, ts := newPoolEnv(t, 4, "alpha")
		held, release := acquire(t, pool, ts[0])
		// The files are about to go, so only a connection opened before the
		// deletion can still answer: this reader's, kept idle by its pool,
		// unless the pool closed the store.
		onOpenConn := func() error {
			_, err := held.FindUsers(ctx)
			return err
		}
		if err := onOpenConn(); err != nil {
			t.Fatal(err)
		}
		if err := reg.DeleteTenant(ctx, "alpha"); err != nil {
			t.Fatal(err)
		}
		if err := onOpenConn(); err != nil {
			t.Fatalf("store closed under a running request: %v", err)
		}
		release()
		if err := onOpenConn(); err == nil {
			t.Fatal("deleted tenant's store not closed after release")
		}
	})

	t.Run("DeletedByAnotherProcess", func(t *testing.T) {
		reg, pool, ts := newPoolEnv(t, 4, "alpha")
		// The CLI deletes the showroom; this process's index has not caught
		// up yet, and a request (or the WhatsApp sender) asks for its store.
		cli := openRegistry(t, reg.Layout.Root, tenants.Options{})
		if err := cli.DeleteTenant(ctx, "alpha"); err != nil {
			t.Fatal(err)
		}
		_, _, err := pool.Acquire(ctx, ts[0])
		wantCode(t, "acquire a deleted showroom", err, store.ENOTFOUND)
		if names := dirEntries(t, reg.Layout.TenantsDir()); len(names) != 0 {
			t.Fatalf("the deleted showroom's directory came back: %v", names)
		}
		// So its slug is free again.
		mustCreate(t, cli, "alpha")
	})

	t.Run("DirectoryRemovedByHand", func(t *testing.T) {
		reg, pool, ts := newPoolEnv(t, 4, "alpha")
		dir, _ := reg.Layout.TenantDir("alpha")
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		// Still registered: it starts afresh, as `autoleads migrate` does.
		db, release := acquire(t, pool, ts[0])
		defer release()
		if err := usable(db); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Recreated", func(t *testing.T) {
		reg, pool, ts := newPoolEnv(t, 4, "alpha")
		old, release := acquire(t, pool, ts[0])
		if err := old.CreateLead(ctx, &store.Lead{CustomerPhone: "+6281234567890"}); err != nil {
			t.Fatal(err)
		}
		release()
		if err := reg.DeleteTenant(ctx, "alpha"); err != nil {
			t.Fatal(err)
		}
		again := mustCreate(t, reg, "alpha")
		if again.ID == ts[0].ID {
			t.Fatal("re-created tenant reuses the id")
		}
		fresh, release := acquire(t, pool, again)
		defer release()
		if fresh == old {
			t.Fatal("re-created slug got the old store")
		}
		if _, n, err := fresh.FindLeads(ctx, store.LeadFilter{}); err != nil || n != 0 {
			t.Fatalf("re-created tenant sees %d old rows (%v)", n, err)
		}
		// A stale *Tenant of the deleted incarnation does not bring the
		// old store back either.
		stale, releaseStale := acquire(t, pool, ts[0])
		releaseStale()
		if stale == old {
			t.Fatal("stale tenant got the closed store")
		}
	})
}

func TestPool_Close(t *testing.T) {
	_, pool, ts := newPoolEnv(t, 4, "alpha", "beta")
	var dbs []*store.DB
	for _, ten := range ts {
		db, release := acquire(t, pool, ten)
		release()
		dbs = append(dbs, db)
	}
	if err := pool.Close(); err != nil {
		t.Fatal(err)
	}
	for _, db := range dbs {
		if err := usable(db); err == nil {
			t.Fatal("Close left a store open")
		}
	}
	if pool.Len() != 0 {
		t.Fatalf("Len = %d after Close", pool.Len())
	}
	if _, _, err := pool.Acquire(context.Background(), ts[0]); !errors.Is(err, tenants.ErrPoolClosed) {
		t.Fatalf("Acquire after Close: %v", err)
	}
}

func TestPool_AcquireErrors(t *testing.T) {
	reg, pool, _ := newPoolEnv(t, 4)
	bad := &tenants.Tenant{ID: 99, Slug: "../escape"}
	_, _, err := pool.Acquire(context.Background(), bad)
	wantCode(t, "bad slug", err, store.EINVALID)
	if pool.Len() != 0 {
		t.Fatalf("failed open left an entry: Len = %d", pool.Len())
	}
	if names := dirEntries(t, reg.Layout.Root); slices.Contains(names, "escape") {
		t.Fatal("a bad slug reached the file system")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ten := mustCreate(t, reg, "alpha")
	// A request that is already gone still gets no half-open store: either
	// an error or a working one.
	if db, release, err := pool.Acquire(ctx, ten); err == nil {
		if err := usable(db); err != nil {
			t.Fatalf("store opened for a canceled request is broken: %v", err)
		}
		release()
	}
}

// TestPool_Concurrent hammers the pool from many goroutines over more
// tenants than it may keep open; run it with -race. Every acquired store
// must work until released, and the bound must hold once all are idle.
func TestPool_Concurrent(t *testing.T) {
	const workers, rounds, maxOpen = 50, 20, 3
	slugs := make([]string, 10)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("tenant-%02d", i)
	}
	_, pool, ts := newPoolEnv(t, maxOpen, slugs...)

	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				ten := ts[(w+r)%len(ts)]
				db, release, err := pool.Acquire(context.Background(), ten)
				if err != nil {
					errs <- fmt.Errorf("acquire %s: %w", ten.Slug, err)
					return
				}
				_, err = db.FindUsers(context.Background())
				release()
				if err != nil {
					errs <- fmt.Errorf("query %s: %w", ten.Slug, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := pool.Len(); n > maxOpen {
		t.Fatalf("Len = %d after all released, want <= %d", n, maxOpen)
	}
}
