package cmd_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/tenants"
)

// tenantJSON is the part of `tenant show --json` the tests read.
type tenantJSON struct {
	ID             int64             `json:"id"`
	Slug           string            `json:"slug"`
	Name           string            `json:"name"`
	Status         string            `json:"status"`
	Plan           string            `json:"plan"`
	TrialEndsAt    *string           `json:"trialEndsAt"`
	PlanExpiresAt  *string           `json:"planExpiresAt"`
	Hosts          []string          `json:"hosts"`
	Phone          *string           `json:"phone"`
	WhatsAppNumber *string           `json:"whatsappNumber"`
	City           *string           `json:"city"`
	BusinessHours  map[string]string `json:"businessHours"`
	WebhookToken   string            `json:"webhookToken"`
	WebhookURL     string            `json:"webhookUrl"`
	FonnteTokenSet bool              `json:"fonnteTokenSet"`
	FonnteToken    *string           `json:"fonnteToken"`
}

func (c *cli) show(slug string, extra ...string) tenantJSON {
	c.t.Helper()
	var v tenantJSON
	decode(c.t, c.run(append([]string{"tenant", "show", slug, "--json"}, extra...)...), &v)
	return v
}

func TestTenantCreate(t *testing.T) {
	c := newCLI(t)
	t.Run("Trial", func(t *testing.T) {
		c := c.with(t)
		out := c.run("tenant", "create", "--slug", "showroom-malang", "--name", "Mobil Bekas Malang",
			"--host", "Malang.Example.com", "--host", "malang.localhost", "--whatsapp", "0812-3456-7890",
			"--phone", "0341-123456", "--email", "info@malang.example.com", "--address", "Jl. Ijen 1", "--city", "Malang")
		v := c.show("showroom-malang")
		wantContains(t, out, "Created showroom showroom-malang", "trial ends", "Webhook URL",
			"https://malang.example.com/webhook/fonnte?token="+v.WebhookToken)
		if v.Status != "trial" || v.Plan != "trial" || v.TrialEndsAt == nil {
			t.Fatalf("status %s plan %s trialEndsAt %v, want a trial", v.Status, v.Plan, v.TrialEndsAt)
		}
		ends, err := time.Parse(time.RFC3339, *v.TrialEndsAt)
		if err != nil {
			t.Fatal(err)
		}
		if d := time.Until(ends); d < 13*24*time.Hour || d > 14*24*time.Hour {
			t.Fatalf("trial ends in %s, want 14 days", d)
		}
		if len(v.WebhookToken) < 43 || *v.WhatsAppNumber != "6281234567890" || *v.City != "Malang" {
			t.Fatalf("got %+v", v)
		}
		if strings.Join(v.Hosts, ",") != "malang.example.com,malang.localhost" {
			t.Fatalf("hosts %v", v.Hosts)
		}
		st, err := os.Stat(filepath.Join(c.dir, "tenants", "showroom-malang", "tenant.db"))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("tenant.db: %v %v", st, err)
		}
	})
	t.Run("ActiveWithPublicURL", func(t *testing.T) {
		c := c.with(t)
		out := c.run("tenant", "create", "--slug", "dealer-b", "--name", "Dealer B", "--host", "b.localhost",
			"--status", "active", "--plan", "pro", "--public-url", "https://hooks.example.com/")
		v := c.show("dealer-b")
		if v.Status != "active" || v.Plan != "pro" || v.TrialEndsAt != nil {
			t.Fatalf("got %+v", v)
		}
		wantContains(t, out, "https://hooks.example.com/webhook/fonnte/dealer-b?token="+v.WebhookToken)
		if v.WebhookURL != "http://b.localhost:8080/webhook/fonnte?token="+v.WebhookToken {
			t.Fatalf("webhookUrl of a local-only showroom = %s", v.WebhookURL)
		}
		c.env["AUTOLEADS_PUBLIC_URL"] = "https://hooks.example.com"
		defer delete(c.env, "AUTOLEADS_PUBLIC_URL")
		if got := c.show("dealer-b").WebhookURL; got != "https://hooks.example.com/webhook/fonnte/dealer-b?token="+v.WebhookToken {
			t.Fatalf("webhookUrl with AUTOLEADS_PUBLIC_URL = %s", got)
		}
	})
	t.Run("Refusals", func(t *testing.T) {
		c := c.with(t)
		for _, tc := range []struct {
			name, want string
			args       []string
		}{
			{"PathSlug", "Slug must be", []string{"--slug", "../x", "--name", "X"}},
			{"UpperSlug", "Slug must be", []string{"--slug", "Bad_Slug", "--name", "X"}},
			{"TakenSlug", `Showroom "dealer-b" already exists`, []string{"--slug", "dealer-b", "--name", "X"}},
			{"TakenHost", `Host malang.example.com is already used by another showroom`,
				[]string{"--slug", "dealer-c", "--name", "X", "--host", "malang.example.com"}},
			{"TakenWhatsApp", `WhatsApp number 6281234567890 is already used by another showroom`,
				[]string{"--slug", "dealer-c", "--name", "X", "--whatsapp", "6281234567890"}},
			{"BadHost", "Invalid host", []string{"--slug", "dealer-c", "--name", "X", "--host", "http://x/y"}},
			{"BadHostName", "Invalid host", []string{"--slug", "dealer-c", "--name", "X", "--host", "-x-.example"}},
			{"NoName", `"name" not set`, []string{"--slug", "dealer-c"}},
			{"BadStatus", "--status must be trial or active", []string{"--slug", "dealer-c", "--name", "X", "--status", "suspended"}},
			{"BadPlan", "Plan must be one of", []string{"--slug", "dealer-c", "--name", "X", "--plan", "gold"}},
			{"TrialDaysOnActive", "--trial-days applies only", []string{"--slug", "dealer-c", "--name", "X", "--status", "active", "--trial-days", "3"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := c.with(t)
				c.fail("", tc.want, append([]string{"tenant", "create"}, tc.args...)...)
			})
		}
		if _, err := os.Stat(filepath.Join(c.dir, "tenants", "dealer-c")); !os.IsNotExist(err) {
			t.Fatalf("a refused showroom left its directory: %v", err)
		}
		if _, err := os.Stat(filepath.Join(c.dir, "x")); !os.IsNotExist(err) {
			t.Fatalf("slug ../x reached the file system: %v", err)
		}
	})
}

func TestTenantListAndShow(t *testing.T) {
	c := newCLI(t)
	t.Run("Empty", func(t *testing.T) {
		c := c.with(t)
		wantContains(t, c.run("tenant", "list"), "No showrooms yet")
		if out := strings.TrimSpace(c.run("tenant", "list", "--json")); out != "[]" {
			t.Fatalf("empty list --json = %q, want []", out)
		}
	})
	c.createTenant("alpha")
	c.createTenant("beta")
	t.Run("Text", func(t *testing.T) {
		c := c.with(t)
		out := c.run("tenant", "list")
		wantContains(t, out, "SLUG", "alpha", "Showroom beta", "beta.example.com", "active")
	})
	t.Run("JSON", func(t *testing.T) {
		c := c.with(t)
		var list []map[string]any
		decode(t, c.run("tenant", "list", "--json"), &list)
		if len(list) != 2 || list[0]["slug"] != "alpha" || list[1]["slug"] != "beta" {
			t.Fatalf("list = %v", list)
		}
		for _, secret := range []string{"webhookToken", "webhookUrl"} {
			if _, leaked := list[0][secret]; leaked {
				t.Fatalf("list --json shows %s", secret)
			}
		}
	})
	t.Run("ShowText", func(t *testing.T) {
		c := c.with(t)
		v := c.show("alpha")
		out := c.run("tenant", "show", "alpha")
		wantContains(t, out, "Slug:", "alpha", "Fonnte token:", "not set", "https://alpha.example.com/webhook/fonnte?token="+v.WebhookToken)
	})
	t.Run("Unknown", func(t *testing.T) {
		c := c.with(t)
		c.fail("", "Showroom not found", "tenant", "show", "gamma")
		c.fail("", "Showroom not found", "tenant", "show", "gamma", "--json")
		c.fail("", "Slug must be", "tenant", "show", "../alpha")
	})
}

func TestTenantUpdate(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	before := c.show("alpha")
	t.Run("OnlyGivenFlags", func(t *testing.T) {
		c := c.with(t)
		c.run("tenant", "update", "alpha", "--name", "Alpha Motor", "--plan", "growth", "--city", "Kediri",
			"--plan-expires", "2030-12-31", "--whatsapp", "628111222333")
		v := c.show("alpha")
		if v.Name != "Alpha Motor" || v.Plan != "growth" || *v.City != "Kediri" || v.Status != "active" ||
			*v.WhatsAppNumber != "628111222333" || *v.PlanExpiresAt != "2030-12-31T00:00:00.000Z" {
			t.Fatalf("after update: %+v", v)
		}
		if v.WebhookToken != before.WebhookToken || strings.Join(v.Hosts, ",") != "alpha.example.com" {
			t.Fatalf("update changed what it was not asked to: %+v", v)
		}
	})
	t.Run("ClearAndTrial", func(t *testing.T) {
		c := c.with(t)
		c.run("tenant", "update", "alpha", "--city", "", "--plan-expires", "", "--status", "trial",
			"--trial-ends", "2031-01-02T03:04:05Z")
		v := c.show("alpha")
		if v.City != nil || v.PlanExpiresAt != nil || v.Status != "trial" || *v.TrialEndsAt != "2031-01-02T03:04:05.000Z" {
			t.Fatalf("after clearing: %+v", v)
		}
	})
	t.Run("FonnteTokenFromStdin", func(t *testing.T) {
		c := c.with(t)
		out := c.runStdin("sekret-fonnte-token\n", "tenant", "update", "alpha", "--fonnte-token-stdin", "--json")
		if strings.Contains(out, "sekret-fonnte-token") || !c.show("alpha").FonnteTokenSet {
			t.Fatalf("fonnte token leaked or not set: %s", out)
		}
		if c.show("alpha").FonnteToken != nil {
			t.Fatal("show --json carries the Fonnte token")
		}
		reg := c.registry()
		if tn, _ := reg.FindTenant(context.Background(), "alpha"); tn.FonnteToken != "sekret-fonnte-token" {
			t.Fatalf("stored token %q", tn.FonnteToken)
		}
		c.runStdin("\n", "tenant", "update", "alpha", "--fonnte-token-stdin")
		if c.show("alpha").FonnteTokenSet {
			t.Fatal("an empty line did not remove the Fonnte token")
		}
	})
	t.Run("Refusals", func(t *testing.T) {
		c := c.with(t)
		c.fail("", "nothing to update", "tenant", "update", "alpha")
		c.fail("", "Showroom not found", "tenant", "update", "nope", "--name", "X")
		c.fail("", "--trial-ends must be YYYY-MM-DD", "tenant", "update", "alpha", "--trial-ends", "tomorrow")
		c.fail("", "Status must be", "tenant", "update", "alpha", "--status", "paused")
		c.fail("", "Name is required", "tenant", "update", "alpha", "--name", " ")
	})
}

func TestTenantLifecycle(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	c.createTenant("beta")
	t.Run("SuspendActivate", func(t *testing.T) {
		c := c.with(t)
		wantContains(t, c.run("tenant", "suspend", "alpha"), "alpha is now suspended", "within 5 seconds")
		if c.show("alpha").Status != tenants.StatusSuspended {
			t.Fatal("not suspended")
		}
		wantContains(t, c.run("tenant", "activate", "alpha"), "alpha is now active")
		if c.show("alpha").Status != tenants.StatusActive {
			t.Fatal("not active")
		}
		c.fail("", "Showroom not found", "tenant", "suspend", "nope")
		c.fail("", "Showroom not found", "tenant", "activate", "nope")
	})
	t.Run("ActivateEndsAnExpiry", func(t *testing.T) {
		c := c.with(t)
		c.run("tenant", "update", "alpha", "--status", "expired", "--plan-expires", "2020-01-01")
		wantContains(t, c.run("tenant", "activate", "alpha"), "alpha is now active",
			"Its plan expiry 2020-01-01 00:00 UTC had passed and was removed")
		tn, err := c.registry().FindTenant(context.Background(), "alpha")
		if err != nil {
			t.Fatal(err)
		}
		if err := tn.Access(time.Now()); err != nil || tn.PlanExpiresAt != nil {
			t.Fatalf("activated showroom: access %v, plan expires %v", err, tn.PlanExpiresAt)
		}
		// An expiry still to come is the plan's, and stays.
		c.run("tenant", "update", "alpha", "--plan-expires", "2999-01-01")
		c.run("tenant", "activate", "alpha")
		if got := c.show("alpha").PlanExpiresAt; got == nil || *got != "2999-01-01T00:00:00.000Z" {
			t.Fatalf("future plan expiry after activate: %v", got)
		}
	})
	t.Run("Hosts", func(t *testing.T) {
		c := c.with(t)
		wantContains(t, c.run("tenant", "add-host", "alpha", "WWW.Alpha.Example."), "www.alpha.example now reaches showroom alpha")
		if got := strings.Join(c.show("alpha").Hosts, ","); got != "alpha.example.com,www.alpha.example" {
			t.Fatalf("hosts %s", got)
		}
		c.fail("", `Host beta.example.com is already used by another showroom`, "tenant", "add-host", "alpha", "beta.example.com")
		c.fail("", "Invalid host", "tenant", "add-host", "alpha", "bad host")
		c.fail("", "Invalid host", "tenant", "add-host", "alpha", "bad_host")
		c.fail("", "Showroom not found", "tenant", "add-host", "nope", "x.example")
		c.run("tenant", "remove-host", "alpha", "www.alpha.example")
		c.fail("", "does not belong to showroom", "tenant", "remove-host", "alpha", "www.alpha.example")
		c.fail("", "Showroom not found", "tenant", "remove-host", "nope", "alpha.example.com")
	})
	t.Run("RotateWebhookToken", func(t *testing.T) {
		c := c.with(t)
		old := c.show("alpha").WebhookToken
		out := c.run("tenant", "rotate-webhook-token", "alpha")
		now := c.show("alpha").WebhookToken
		if now == old || !strings.Contains(out, "https://alpha.example.com/webhook/fonnte?token="+now) {
			t.Fatalf("rotate printed %q; token %s → %s", out, old, now)
		}
		c.fail("", "Showroom not found", "tenant", "rotate-webhook-token", "nope")
	})
	t.Run("Delete", func(t *testing.T) {
		c := c.with(t)
		dir := filepath.Join(c.dir, "tenants", "beta")
		c.fail("", "without --yes", "tenant", "delete", "beta")
		if _, err := os.Stat(dir); err != nil {
			t.Fatalf("refused delete removed files: %v", err)
		}
		c.fail("", "Showroom not found", "tenant", "delete", "nope", "--yes")
		wantContains(t, c.run("tenant", "delete", "beta", "--yes"), "Deleted showroom beta")
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Fatalf("directory still there: %v", err)
		}
		c.fail("", "Showroom not found", "tenant", "show", "beta")
		// The slug and host are free again.
		c.createTenant("beta")
	})
}

func TestDataDirNotWritable(t *testing.T) {
	c := newCLI(t)
	file := filepath.Join(c.dir, "plain-file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.dir = filepath.Join(file, "data")
	c.fail("", "cannot be created", "tenant", "list")
	c.fail("", "cannot be created", "migrate")
	c.fail("", "cannot be created", "tenant", "create", "--slug", "x", "--name", "X")
}
