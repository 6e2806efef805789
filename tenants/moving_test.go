package tenants_test

import (
	"context"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

func TestRegistry_SetMoving(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	mustCreate(t, reg, "alpha", "alpha.test")
	began := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	reg.Now = func() time.Time { return began }

	tn, err := reg.SetMoving(ctx, "alpha", true)
	if err != nil {
		t.Fatal(err)
	}
	if !tn.Moving() || !tn.MovingSince.Equal(began) || tn.Status != "active" {
		t.Fatalf("after moving on: moving since %v, status %s; want %v, active", tn.MovingSince, tn.Status, began)
	}
	if idx, _ := reg.Resolve("alpha.test"); !idx.Moving() {
		t.Fatal("the index does not see the move at once")
	}

	// Turning it on again keeps the time the move began: an export's wait
	// for sends under way counts from then.
	reg.Now = func() time.Time { return began.Add(time.Hour) }
	if tn, _ = reg.SetMoving(ctx, "alpha", true); !tn.MovingSince.Equal(began) {
		t.Fatalf("moving on twice: since %v, want %v", tn.MovingSince, began)
	}
	if tn, _ = reg.FindTenant(ctx, "alpha"); !tn.Moving() {
		t.Fatal("the moving state is not stored")
	}

	if tn, err = reg.SetMoving(ctx, "alpha", false); err != nil || tn.Moving() || tn.Status != "active" {
		t.Fatalf("after moving off: %v, moving %v, status %s", err, tn.Moving(), tn.Status)
	}

	_, err = reg.SetMoving(ctx, "nobody", true)
	wantCode(t, "unknown slug", err, store.ENOTFOUND)
	_, err = reg.SetMoving(ctx, "../x", true)
	wantCode(t, "bad slug", err, store.EINVALID)
}
