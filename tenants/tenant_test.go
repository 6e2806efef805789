package tenants_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

func TestRegistry_CreateTenant(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		reg := newRegistry(t)
		a := &tenants.Tenant{Slug: "showroom-a", Name: "  Showroom A  ", WhatsAppNumber: "0812-3456-7890"}
		if err := reg.CreateTenant(ctx, a, []string{"A.example.com", "a.example.com:8080", "shop.example."}); err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || a.Status != tenants.StatusTrial || a.Plan != "trial" || a.Name != "Showroom A" {
			t.Fatalf("defaults not applied: %+v", a)
		}
		if a.PrimaryColor != "#FF5722" || a.SecondaryColor != "#000000" || a.WhatsAppNumber != "6281234567890" {
			t.Fatalf("colors or number not defaulted/normalised: %+v", a)
		}

		dir, _ := reg.Layout.TenantDir("showroom-a")
		dbPath, _ := reg.Layout.TenantDBPath("showroom-a")
		if m := fileMode(t, dir); m != 0o700 {
			t.Errorf("tenant dir mode = %o, want 700", m)
		}
		if m := fileMode(t, dbPath); m != 0o600 {
			t.Errorf("tenant.db mode = %o, want 600", m)
		}
		for _, side := range []string{"-wal", "-shm"} {
			if fi, err := os.Stat(dbPath + side); err == nil && fi.Mode().Perm() != 0o600 {
				t.Errorf("tenant.db%s mode = %o, want 600", side, fi.Mode().Perm())
			}
		}
		h, err := store.OpenSQLite(dbPath, store.DurabilityNormal)
		if err != nil {
			t.Fatal(err)
		}
		v, err := store.SchemaVersion(ctx, h.Read)
		h.Close()
		if err != nil || v < 1 {
			t.Fatalf("tenant.db not migrated: version %d, %v", v, err)
		}

		b := mustCreate(t, reg, "showroom-b")
		urlSafe := regexp.MustCompile(`^[A-Za-z0-9_-]{43,}$`)
		for _, tok := range []string{a.WebhookToken, b.WebhookToken} {
			if !urlSafe.MatchString(tok) {
				t.Errorf("webhook token %q is not >= 43 URL-safe characters", tok)
			}
		}
		if a.WebhookToken == b.WebhookToken {
			t.Fatal("two tenants share a webhook token")
		}

		got, err := reg.FindTenant(ctx, "showroom-a")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"a.example.com", "shop.example"}; !slices.Equal(got.Hosts, want) {
			t.Errorf("hosts = %v, want %v", got.Hosts, want)
		}
		if got.WebhookToken != a.WebhookToken || got.BusinessHours == nil || string(got.Settings) != "{}" {
			t.Errorf("stored tenant differs: %+v", got)
		}
		if idx, err := reg.Lookup("showroom-a"); err != nil || idx.ID != a.ID {
			t.Fatalf("index lacks the new tenant: %v, %v", idx, err)
		}
	})

	t.Run("ErrInvalidSlug", func(t *testing.T) {
		dataDir := t.TempDir()
		reg := openRegistry(t, dataDir, tenants.Options{})
		before := dirEntries(t, dataDir)
		for _, slug := range []string{"../x", "Bad_Slug", "-a", "a-", strings.Repeat("a", 64), "", "a/b", "a.b", "A"} {
			err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: slug, Name: "X"}, []string{"x-" + "host.test"})
			wantCode(t, slug, err, store.EINVALID)
			if after := dirEntries(t, dataDir); !slices.Equal(after, before) {
				t.Fatalf("%q: data dir changed from %v to %v", slug, before, after)
			}
			if names := dirEntries(t, reg.Layout.TenantsDir()); len(names) != 0 {
				t.Fatalf("%q: tenants dir holds %v", slug, names)
			}
			if _, err := reg.Layout.TenantDBPath(slug); store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("%q: Layout built a path: %v", slug, err)
			}
		}
		if reg.Count() != 0 {
			t.Fatalf("Count = %d after refused creations", reg.Count())
		}
		if _, err := reg.Resolve("x-host.test"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("host of a refused tenant resolves: %v", err)
		}
		// A 63-character slug is the longest allowed.
		mustCreate(t, reg, strings.Repeat("a", 63))
	})

	t.Run("ErrDuplicateSlug", func(t *testing.T) {
		reg := newRegistry(t)
		first := mustCreate(t, reg, "alpha", "alpha.test")
		err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: "alpha", Name: "Other"}, []string{"other.test"})
		wantCode(t, "duplicate", err, store.ECONFLICT)
		wantMessage(t, "duplicate", err, `"alpha"`)
		got, _ := reg.Lookup("alpha")
		if got.ID != first.ID || got.Name != first.Name {
			t.Fatalf("duplicate changed the tenant: %+v", got)
		}
		if _, err := reg.Resolve("other.test"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("host of the refused duplicate was registered: %v", err)
		}
	})

	t.Run("ErrHostTaken", func(t *testing.T) {
		reg := newRegistry(t)
		mustCreate(t, reg, "alpha", "shared.example.com")
		err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: "beta", Name: "Beta"}, []string{"beta.test", "SHARED.example.com:443"})
		wantCode(t, "host taken", err, store.ECONFLICT)
		wantMessage(t, "host taken", err, "shared.example.com", `"alpha"`)
		if _, err := reg.FindTenant(ctx, "beta"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("beta registered despite the conflict: %v", err)
		}
		if names := dirEntries(t, reg.Layout.TenantsDir()); !slices.Equal(names, []string{"alpha"}) {
			t.Fatalf("tenants dir = %v, want only alpha", names)
		}
	})

	t.Run("ErrWhatsAppTaken", func(t *testing.T) {
		reg := newRegistry(t)
		if err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: "alpha", Name: "A", WhatsAppNumber: "6281234567890"}, nil); err != nil {
			t.Fatal(err)
		}
		err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: "beta", Name: "B", WhatsAppNumber: "0812 3456 7890"}, nil)
		wantCode(t, "whatsapp taken", err, store.ECONFLICT)
		wantMessage(t, "whatsapp taken", err, "6281234567890", `"alpha"`)
		if reg.Count() != 1 || len(dirEntries(t, reg.Layout.TenantsDir())) != 1 {
			t.Fatal("the refused tenant left a trace")
		}
	})

	t.Run("ErrInvalidHost", func(t *testing.T) {
		reg := newRegistry(t)
		for _, host := range []string{"http://x", "a b", "x/y", "", "x:abc", "[::1]junk", "-x.test", "user@x.test"} {
			err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: "alpha", Name: "A"}, []string{host})
			wantCode(t, host, err, store.EINVALID)
		}
		if reg.Count() != 0 || len(dirEntries(t, reg.Layout.TenantsDir())) != 0 {
			t.Fatal("a refused tenant left a trace")
		}
	})

	t.Run("ErrInvalidFields", func(t *testing.T) {
		reg := newRegistry(t)
		err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: "alpha", Name: " ", Status: "deleted", Plan: "gold",
			WhatsAppNumber: "12", PrimaryColor: "red", Settings: json.RawMessage(`[1]`)}, nil)
		wantCode(t, "fields", err, store.EINVALID)
		details := store.ErrorDetails(err)
		for _, field := range []string{"name", "status", "plan", "whatsappNumber", "primaryColor", "settings"} {
			if _, ok := details[field]; !ok {
				t.Errorf("details lack %q: %v", field, details)
			}
		}
	})

	t.Run("ErrLeftoverDirectory", func(t *testing.T) {
		reg := newRegistry(t)
		dir, _ := reg.Layout.TenantDir("alpha")
		keep := filepath.Join(dir, "keep.txt")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(keep, []byte("old data"), 0o600); err != nil {
			t.Fatal(err)
		}
		err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: "alpha", Name: "A"}, []string{"alpha.test"})
		wantCode(t, "leftover", err, store.ECONFLICT)
		if _, err := os.Stat(keep); err != nil {
			t.Fatalf("a directory the registry did not create was touched: %v", err)
		}
		if reg.Count() != 0 {
			t.Fatal("tenant registered over a leftover directory")
		}
	})

	t.Run("ErrDatabaseCreation", func(t *testing.T) {
		// SQLite refuses database paths longer than 512 bytes. A data
		// directory just short enough for registry.db makes the
		// 63-character slug's tenant.db the only file that cannot be
		// opened: the directory is created, then the database fails.
		dataDir := t.TempDir()
		for len(dataDir) < 460 {
			dataDir = filepath.Join(dataDir, strings.Repeat("d", min(100, 460-len(dataDir)-1)))
		}
		reg := openRegistry(t, dataDir, tenants.Options{})
		slug := strings.Repeat("z", 63)
		err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: slug, Name: "Z"}, []string{"z.test"})
		if err == nil {
			t.Fatal("tenant created although its database cannot be opened")
		}
		if _, err := reg.FindTenant(ctx, slug); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("registry row survived the failed creation: %v", err)
		}
		if _, err := reg.Resolve("z.test"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("host survived the failed creation: %v", err)
		}
		if names := dirEntries(t, reg.Layout.TenantsDir()); len(names) != 0 {
			t.Fatalf("tenants dir holds %v after the failed creation", names)
		}
		// The same registry still creates a tenant whose path fits.
		mustCreate(t, reg, "z", "z.test")
	})
}

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
		wantMessage(t, "whatsapp taken", err, "628222222222", `"beta"`)
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
		wantMessage(t, "taken", err, "beta.test", `"beta"`)
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
	if _, err := reg.LookupWhatsApp("628111111111"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("number still resolves: %v", err)
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

func TestRegistry_Secret(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()

	reg, err := tenants.Open(ctx, dataDir, tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first, err := reg.Secret(ctx, "jwt", 32)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 32 || string(first) == string(make([]byte, 32)) {
		t.Fatalf("secret = %x", first)
	}
	again, _ := reg.Secret(ctx, "jwt", 32)
	other, _ := reg.Secret(ctx, "other", 32)
	reg.Close()
	if string(again) != string(first) || string(other) == string(first) {
		t.Fatal("secrets are not stable per name and distinct between names")
	}
	reopened := openRegistry(t, dataDir, tenants.Options{})
	if got, _ := reopened.Secret(ctx, "jwt", 32); string(got) != string(first) {
		t.Fatal("secret changed across reopen")
	}

	// Two processes starting at once agree on one value.
	a := openRegistry(t, dataDir, tenants.Options{})
	b := openRegistry(t, dataDir, tenants.Options{})
	const n = 8
	results := make(chan []byte, 2*n)
	errs := make(chan error, 2*n)
	for i := range 2 * n {
		reg := a
		if i%2 == 1 {
			reg = b
		}
		go func() {
			v, err := reg.Secret(ctx, "race", 32)
			errs <- err
			results <- v
		}()
	}
	var want []byte
	for range 2 * n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		v := <-results
		if want == nil {
			want = v
		}
		if string(v) != string(want) {
			t.Fatal("two registries returned different secrets")
		}
	}
}

func TestTenant_Access(t *testing.T) {
	now := time.Date(2025, 10, 23, 9, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Minute), now.Add(24*time.Hour)
	tests := []struct {
		name        string
		status      string
		trialEnds   *time.Time
		planExpires *time.Time
		want        string // "" passes
	}{
		{"active", tenants.StatusActive, nil, nil, ""},
		{"active with future plan", tenants.StatusActive, nil, &future, ""},
		{"active ignores trial end", tenants.StatusActive, &past, nil, ""},
		{"trial without end", tenants.StatusTrial, nil, nil, ""},
		{"valid trial", tenants.StatusTrial, &future, nil, ""},
		{"trial ending now", tenants.StatusTrial, &now, nil, ""},
		{"suspended", tenants.StatusSuspended, nil, &future, "Showroom account is suspended"},
		{"suspended beats expiry", tenants.StatusSuspended, &past, &past, "Showroom account is suspended"},
		{"expired", tenants.StatusExpired, nil, nil, "Showroom subscription has expired"},
		{"plan expired", tenants.StatusActive, nil, &past, "Showroom subscription has expired"},
		{"trial plan expired", tenants.StatusTrial, &future, &past, "Showroom subscription has expired"},
		{"trial ended", tenants.StatusTrial, &past, nil, "Trial period has expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ten := &tenants.Tenant{Status: tt.status, TrialEndsAt: tt.trialEnds, PlanExpiresAt: tt.planExpires}
			err := ten.Access(now)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Access = %v, want nil", err)
				}
				return
			}
			wantCode(t, tt.name, err, store.EFORBIDDEN)
			if msg := store.ErrorMessage(err); msg != tt.want {
				t.Fatalf("message = %q, want %q", msg, tt.want)
			}
		})
	}
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }
