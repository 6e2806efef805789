package tenants_test

import (
	"context"
	"sync"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/tenants"
)

// recorder is a subscriber that keeps what it heard.
type recorder struct {
	mu      sync.Mutex
	changes []tenants.Change
}

func (r *recorder) hear(c tenants.Change) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.changes = append(r.changes, c)
}

// take returns what was heard since the last take.
func (r *recorder) take() []tenants.Change {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.changes
	r.changes = nil
	return out
}

func newCar(code string) *store.Car {
	return &store.Car{DisplayCode: code, Brand: "Toyota", Model: "Avanza", Year: 2020, Color: "Hitam",
		Transmission: store.TransmissionMatic, Km: 1, Price: 100_000_000, FuelType: "Bensin", Status: store.CarAvailable}
}

func TestChangeFeed(t *testing.T) {
	ctx := context.Background()
	reg, pool, ts := newPoolEnv(t, 1, "alpha", "beta")
	alpha := ts[0]
	first, second := &recorder{}, &recorder{}
	pool.Changes().Subscribe(first.hear)
	unsubscribe := pool.Changes().Subscribe(second.hear)

	t.Run("a commit reaches every subscriber with its tables", func(t *testing.T) {
		db, release := acquire(t, pool, alpha)
		defer release()
		first.take()
		second.take()
		if err := db.CreateCar(ctx, newCar("A01")); err != nil {
			t.Fatal(err)
		}
		for name, r := range map[string]*recorder{"first": first, "second": second} {
			got := r.take()
			if len(got) != 1 || got[0].TenantID != alpha.ID || got[0].Slug != "alpha" || got[0].Tables&store.TableCars == 0 {
				t.Errorf("%s subscriber heard %+v", name, got)
			}
		}
	})

	t.Run("an unsubscribed listener hears nothing more", func(t *testing.T) {
		unsubscribe()
		db, release := acquire(t, pool, alpha)
		defer release()
		if err := db.CreateCar(ctx, newCar("A02")); err != nil {
			t.Fatal(err)
		}
		if got := second.take(); len(got) != 0 {
			t.Errorf("heard after unsubscribing: %+v", got)
		}
		if got := first.take(); len(got) != 1 {
			t.Errorf("the other subscriber heard %+v", got)
		}
	})

	// Another process's write fires no hook here: the poll of the files
	// reports it, once, with every table, even after the pool closed the
	// showroom's database (the bound is one open store). (Closing, and the
	// background checkpoints of this process's writes, change the files
	// too; the first check below absorbs them.)
	t.Run("another process's write is heard from the files", func(t *testing.T) {
		_, release := acquire(t, pool, ts[1]) // evicts alpha
		release()
		path, err := reg.Layout.TenantDBPath("alpha")
		if err != nil {
			t.Fatal(err)
		}
		// beta, still open, may be checkpointing its own writes: only
		// alpha's changes count here.
		alphaHeard := func() []tenants.Change {
			var out []tenants.Change
			for _, c := range first.take() {
				if c.Slug == "alpha" {
					out = append(out, c)
				}
			}
			return out
		}
		pool.CheckOtherWriters()
		alphaHeard()
		other, err := store.Open(ctx, path, sqldb.DurabilityNormal)
		if err != nil {
			t.Fatal(err)
		}
		if err := other.CreateCar(ctx, newCar("X01")); err != nil {
			t.Fatal(err)
		}
		other.Close()
		if got := alphaHeard(); len(got) != 0 {
			t.Fatalf("heard before the files were checked: %+v", got)
		}
		pool.CheckOtherWriters()
		got := alphaHeard()
		if len(got) != 1 || got[0].Tables != tenants.AllTables {
			t.Fatalf("after the check: %+v", got)
		}
		pool.CheckOtherWriters()
		if got := alphaHeard(); len(got) != 0 {
			t.Fatalf("one write heard twice: %+v", got)
		}
	})
}
