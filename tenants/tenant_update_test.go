package tenants_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

func TestRegistry_UpdateTenant(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	trialEnds := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	a := &tenants.Tenant{Slug: "alpha", Name: "Alpha", Phone: "031-1234567", City: "Surabaya",
		TrialEndsAt: &trialEnds, WhatsAppNumber: "628111111111"}
	if err := reg.CreateTenant(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, reg, "beta")
	if _, err := reg.UpdateTenant(ctx, "beta", tenants.TenantUpdate{WhatsAppNumber: ptr("628222222222")}); err != nil {
		t.Fatal(err)
	}

	t.Run("Partial", func(t *testing.T) {
		got, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{Name: ptr("Alpha Motor"), Phone: ptr("")})
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Alpha Motor" || got.Phone != "" || got.City != "Surabaya" || got.WhatsAppNumber != "628111111111" {
			t.Fatalf("partial update touched the wrong fields: %+v", got)
		}
		if got.TrialEndsAt == nil || !got.TrialEndsAt.Equal(trialEnds) {
			t.Fatalf("trial end lost: %v", got.TrialEndsAt)
		}
		if idx, _ := reg.Lookup("alpha"); idx.Name != "Alpha Motor" {
			t.Fatalf("index not refreshed: %q", idx.Name)
		}
		var none *time.Time
		got, err = reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{TrialEndsAt: &none,
			BusinessHours: &map[string]string{"monday": "08:00-17:00", "sunday": "closed"},
			Settings:      ptr(json.RawMessage(`{"greeting":"Halo"}`)), PrimaryColor: ptr("#00aa11")})
		if err != nil {
			t.Fatal(err)
		}
		if got.TrialEndsAt != nil || got.BusinessHours["monday"] != "08:00-17:00" || got.PrimaryColor != "#00aa11" {
			t.Fatalf("update not applied: %+v", got)
		}
		stored, _ := reg.FindTenant(ctx, "alpha")
		if string(stored.Settings) != `{"greeting":"Halo"}` || stored.BusinessHours["sunday"] != "closed" {
			t.Fatalf("stored tenant differs: %+v", stored)
		}
	})

	t.Run("ClearBusinessHours", func(t *testing.T) {
		if _, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{BusinessHours: &map[string]string{}}); err != nil {
			t.Fatal(err)
		}
		var nilHours map[string]string
		if _, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{BusinessHours: &nilHours}); err != nil {
			t.Fatal(err)
		}
		got, _ := reg.FindTenant(ctx, "alpha")
		if got.BusinessHours == nil || len(got.BusinessHours) != 0 {
			t.Fatalf("business hours = %#v, want an empty object", got.BusinessHours)
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		before, _ := reg.FindTenant(ctx, "alpha")
		tests := []struct {
			name  string
			upd   tenants.TenantUpdate
			field string
		}{
			{"empty name", tenants.TenantUpdate{Name: ptr("   ")}, "name"},
			{"bad status", tenants.TenantUpdate{Status: ptr("deleted")}, "status"},
			{"bad plan", tenants.TenantUpdate{Plan: ptr("gold")}, "plan"},
			{"bad primary color", tenants.TenantUpdate{PrimaryColor: ptr("red")}, "primaryColor"},
			{"short secondary color", tenants.TenantUpdate{SecondaryColor: ptr("#FFF")}, "secondaryColor"},
			{"bad hours", tenants.TenantUpdate{BusinessHours: &map[string]string{"monday": "9-5"}}, "businessHours"},
			{"bad hour", tenants.TenantUpdate{BusinessHours: &map[string]string{"monday": "08:00-24:00"}}, "businessHours"},
			{"bad day", tenants.TenantUpdate{BusinessHours: &map[string]string{"funday": "closed"}}, "businessHours"},
			{"settings array", tenants.TenantUpdate{Settings: ptr(json.RawMessage(`[]`))}, "settings"},
			{"settings null", tenants.TenantUpdate{Settings: ptr(json.RawMessage(`null`))}, "settings"},
			{"settings string", tenants.TenantUpdate{Settings: ptr(json.RawMessage(`"x"`))}, "settings"},
			{"settings broken", tenants.TenantUpdate{Settings: ptr(json.RawMessage(`{`))}, "settings"},
			{"bad whatsapp", tenants.TenantUpdate{WhatsAppNumber: ptr("12345")}, "whatsappNumber"},
		}
		for _, tt := range tests {
			_, err := reg.UpdateTenant(ctx, "alpha", tt.upd)
			wantCode(t, tt.name, err, store.EINVALID)
			if _, ok := store.ErrorDetails(err)[tt.field]; !ok {
				t.Errorf("%s: details %v lack %q", tt.name, store.ErrorDetails(err), tt.field)
			}
		}
		after, _ := reg.FindTenant(ctx, "alpha")
		if !after.UpdatedAt.Equal(before.UpdatedAt) || after.Name != before.Name || string(after.Settings) != string(before.Settings) {
			t.Fatalf("refused updates changed the tenant: %+v", after)
		}
	})

	t.Run("ErrWhatsAppTaken", func(t *testing.T) {
		_, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{WhatsAppNumber: ptr("+62 822-2222-222")})
		wantCode(t, "whatsapp taken", err, store.ECONFLICT)
		wantMessage(t, "whatsapp taken", err, "WhatsApp number 628222222222 is already used by another showroom")
		if _, ok := store.ErrorDetails(err)["whatsappNumber"]; !ok {
			t.Fatalf("details %v do not name the WhatsApp number", store.ErrorDetails(err))
		}
		// Keeping one's own number is no conflict.
		if _, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{WhatsAppNumber: ptr("628111111111")}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := reg.UpdateTenant(ctx, "nobody", tenants.TenantUpdate{Name: ptr("X")})
		wantCode(t, "unknown", err, store.ENOTFOUND)
		_, err = reg.UpdateTenant(ctx, "../alpha", tenants.TenantUpdate{Name: ptr("X")})
		wantCode(t, "bad slug", err, store.EINVALID)
	})
}

func TestRegistry_SetStatus(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	mustCreate(t, reg, "alpha", "alpha.test")
	for _, status := range []string{tenants.StatusSuspended, tenants.StatusExpired, tenants.StatusTrial, tenants.StatusActive} {
		got, err := reg.SetStatus(ctx, "alpha", status)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != status {
			t.Fatalf("status = %q, want %q", got.Status, status)
		}
		if idx, _ := reg.Resolve("alpha.test"); idx.Status != status {
			t.Fatalf("index status = %q, want %q", idx.Status, status)
		}
	}
	_, err := reg.SetStatus(ctx, "alpha", "gone")
	wantCode(t, "bad status", err, store.EINVALID)
	_, err = reg.SetStatus(ctx, "nobody", tenants.StatusActive)
	wantCode(t, "unknown", err, store.ENOTFOUND)
}

func TestRegistry_Hosts(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	mustCreate(t, reg, "alpha", "alpha.test")
	mustCreate(t, reg, "beta", "beta.test")

	t.Run("AddNormalised", func(t *testing.T) {
		if err := reg.AddHost(ctx, "alpha", "Shop.Example.COM.:8443"); err != nil {
			t.Fatal(err)
		}
		got, _ := reg.FindTenant(ctx, "alpha")
		if !slices.Equal(got.Hosts, []string{"alpha.test", "shop.example.com"}) {
			t.Fatalf("hosts = %v", got.Hosts)
		}
		if r, err := reg.Resolve("shop.example.com"); err != nil || r.Slug != "alpha" {
			t.Fatalf("Resolve = %v, %v", r, err)
		}
	})

	t.Run("ErrTakenByOther", func(t *testing.T) {
		err := reg.AddHost(ctx, "alpha", "BETA.test")
		wantCode(t, "taken", err, store.ECONFLICT)
		wantMessage(t, "taken", err, "Host beta.test is already used by another showroom")
		if r, _ := reg.Resolve("beta.test"); r.Slug != "beta" {
			t.Fatalf("beta.test now resolves to %s", r.Slug)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, h := range []string{"http://x", "a b", "x/y", ""} {
			wantCode(t, h, reg.AddHost(ctx, "alpha", h), store.EINVALID)
		}
		wantCode(t, "unknown tenant", reg.AddHost(ctx, "nobody", "nobody.test"), store.ENOTFOUND)
	})

	t.Run("Remove", func(t *testing.T) {
		wantCode(t, "other's host", reg.RemoveHost(ctx, "alpha", "beta.test"), store.ENOTFOUND)
		if _, err := reg.Resolve("beta.test"); err != nil {
			t.Fatalf("another tenant's host was removed: %v", err)
		}
		if err := reg.RemoveHost(ctx, "alpha", "SHOP.example.com.:80"); err != nil {
			t.Fatal(err)
		}
		_, err := reg.Resolve("shop.example.com")
		wantCode(t, "removed host", err, store.ENOTFOUND)
		wantCode(t, "again", reg.RemoveHost(ctx, "alpha", "shop.example.com"), store.ENOTFOUND)
		wantCode(t, "unknown tenant", reg.RemoveHost(ctx, "nobody", "alpha.test"), store.ENOTFOUND)
		// A freed host can be given to another tenant.
		if err := reg.AddHost(ctx, "beta", "shop.example.com"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestRegistry_RotateWebhookToken(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	a := mustCreate(t, reg, "alpha")
	got, err := reg.RotateWebhookToken(ctx, "alpha")
	if err != nil {
		t.Fatal(err)
	}
	if got.WebhookToken == a.WebhookToken || len(got.WebhookToken) < 43 {
		t.Fatalf("token not rotated: %q -> %q", a.WebhookToken, got.WebhookToken)
	}
	if idx, _ := reg.Lookup("alpha"); idx.WebhookToken != got.WebhookToken {
		t.Fatal("index keeps the old token")
	}
	_, err = reg.RotateWebhookToken(ctx, "nobody")
	wantCode(t, "unknown", err, store.ENOTFOUND)
}

func TestRegistry_DeleteTenant(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	if err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: "alpha", Name: "A", WhatsAppNumber: "628111111111"},
		[]string{"alpha.test", "www.alpha.test"}); err != nil {
		t.Fatal(err)
	}
	keep := mustCreate(t, reg, "beta", "beta.test")
	uploads, _ := reg.Layout.UploadsDir("alpha")
	if err := os.MkdirAll(uploads, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(uploads, "photo.jpg"), []byte("jpeg"), 0o600); err != nil {
		t.Fatal(err)
	}

	if err := reg.DeleteTenant(ctx, "alpha"); err != nil {
		t.Fatal(err)
	}
	if _, err := reg.FindTenant(ctx, "alpha"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("row survived: %v", err)
	}
	for _, h := range []string{"alpha.test", "www.alpha.test"} {
		if _, err := reg.Resolve(h); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("%s still resolves: %v", h, err)
		}
	}
	if names := dirEntries(t, reg.Layout.TenantsDir()); !slices.Equal(names, []string{"beta"}) {
		t.Fatalf("tenants dir = %v, want only beta", names)
	}
	if r, err := reg.Resolve("beta.test"); err != nil || r.ID != keep.ID {
		t.Fatalf("the other tenant was disturbed: %v, %v", r, err)
	}
	// Its slug, hosts and number are free again.
	if err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: "alpha", Name: "A2", WhatsAppNumber: "628111111111"},
		[]string{"alpha.test"}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "unknown", reg.DeleteTenant(ctx, "nobody"), store.ENOTFOUND)
	wantCode(t, "bad slug", reg.DeleteTenant(ctx, "../beta"), store.EINVALID)
	if _, err := os.Stat(filepath.Join(reg.Layout.TenantsDir(), "beta")); err != nil {
		t.Fatalf("bad slug reached the file system: %v", err)
	}
}

// A showroom whose Fonnte device is a foreign number keeps it, stored as
// digits, through later updates.
func TestRegistry_ForeignWhatsAppNumber(t *testing.T) {
	reg := newRegistry(t)
	mustCreate(t, reg, "abroad")
	ctx := context.Background()
	tn, err := reg.UpdateTenant(ctx, "abroad", tenants.TenantUpdate{WhatsAppNumber: ptr("+1 415 555 2671")})
	if err != nil || tn.WhatsAppNumber != "14155552671" {
		t.Fatalf("set foreign number: %+v, %v", tn, err)
	}
	if tn, err = reg.UpdateTenant(ctx, "abroad", tenants.TenantUpdate{Name: ptr("Abroad Motors")}); err != nil || tn.WhatsAppNumber != "14155552671" {
		t.Fatalf("later update: %+v, %v", tn, err)
	}
	if got, err := reg.Lookup("abroad"); err != nil || got.WhatsAppNumber != "14155552671" {
		t.Fatalf("index: %v, %v", got, err)
	}
}

// A showroom deleted while something keeps writing files into its
// directory — Litestream's metadata beside the database it replicates —
// is deleted whole: no error, no directory left, its slug free again.
func TestRegistry_DeleteTenantWhileFilesAreWritten(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	mustCreate(t, reg, "alpha", "alpha.test")
	dir, _ := reg.Layout.TenantDir("alpha")
	meta := filepath.Join(dir, ".tenant.db-litestream", "ltx", "0")
	if err := os.MkdirAll(meta, 0o700); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	writer := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				writer <- n
				return
			default:
			}
			if os.WriteFile(filepath.Join(meta, fmt.Sprintf("%016x.ltx", n)), []byte("ltx"), 0o600) == nil {
				n++
			}
		}
	}()
	for range 20 { // let the writer fill the directory first
		time.Sleep(time.Millisecond)
	}
	err := reg.DeleteTenant(ctx, "alpha")
	close(stop)
	written := <-writer
	if err != nil {
		t.Fatalf("delete while %d files were written: %v", written, err)
	}
	if names := dirEntries(t, reg.Layout.TenantsDir()); len(names) != 0 {
		t.Fatalf("tenants dir = %v, want empty", names)
	}
	mustCreate(t, reg, "alpha", "alpha.test")
}

// Setting sets some keys of the settings and keeps the others.
func TestRegistry_UpdateTenantSetting(t *testing.T) {
	ctx := context.Background()
	reg := newRegistry(t)
	mustCreate(t, reg, "alpha")
	settings := json.RawMessage(`{"theme":"dark","timeZone":"WIB"}`)
	if _, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{Settings: &settings}); err != nil {
		t.Fatal(err)
	}
	tn, err := reg.UpdateTenant(ctx, "alpha", tenants.TenantUpdate{Setting: map[string]json.RawMessage{
		"timeZone": json.RawMessage(`"WITA"`), "banner": json.RawMessage(`{"on":true}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(tn.Settings); got != `{"banner":{"on":true},"theme":"dark","timeZone":"WITA"}` {
		t.Fatalf("settings %s", got)
	}
}

// A delete that died between moving a showroom's directory away and
// removing it leaves the directory; the next start removes it, and leaves
// alone the one of a delete still running.
func TestLayout_RemoveDeleted(t *testing.T) {
	reg := newRegistry(t)
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	dead := filepath.Join(reg.Layout.TenantsDir(), ".deleted-"+strconv.Itoa(ended.Process.Pid)+"-alpha-x")
	running := reg.Layout.DeletedDir("beta-y")
	for _, dir := range []string{dead, running} {
		if err := os.MkdirAll(filepath.Join(dir, "uploads"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := reg.Layout.RemoveDeleted(); err != nil {
		t.Fatal(err)
	}
	if names := dirEntries(t, reg.Layout.TenantsDir()); !slices.Equal(names, []string{filepath.Base(running)}) {
		t.Fatalf("tenants dir = %v, want only %s", names, filepath.Base(running))
	}
}
