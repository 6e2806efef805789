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
	"github.com/autoleads/autoleads/store/sqldb"
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
		h, err := sqldb.Open(dbPath, sqldb.DurabilityNormal, nil)
		if err != nil {
			t.Fatal(err)
		}
		v, err := sqldb.SchemaVersion(ctx, h.Read)
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
			err := reg.CreateTenant(ctx, &tenants.Tenant{Slug: slug, Name: "X"}, []string{"x-host.test"})
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
		wantMessage(t, "host taken", err, "Host shared.example.com is already used by another showroom")
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
		wantMessage(t, "whatsapp taken", err, "WhatsApp number 6281234567890 is already used by another showroom")
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
