package cmd_test

import (
	"context"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// userJSON is one user of `user list --json`.
type userJSON struct {
	ID                int64   `json:"id"`
	Email             string  `json:"email"`
	Name              string  `json:"name"`
	Role              string  `json:"role"`
	Status            string  `json:"status"`
	Phone             *string `json:"phone"`
	GeneratedPassword *string `json:"generatedPassword"`
}

// checkPassword reports whether a user of slug signs in with pw.
func (c *cli) checkPassword(slug, email, pw string) bool {
	c.t.Helper()
	u, err := c.tenantDB(slug).FindUserByEmail(context.Background(), email)
	if err != nil {
		c.t.Fatal(err)
	}
	return store.CheckPassword(u, pw)
}

func (c *cli) tokenVersion(slug, email string) int64 {
	c.t.Helper()
	u, err := c.tenantDB(slug).FindUserByEmail(context.Background(), email)
	if err != nil {
		c.t.Fatal(err)
	}
	return u.TokenVersion
}

func TestUserCreate(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	t.Run("PasswordFromStdin", func(t *testing.T) {
		c := c.with(t)
		out := c.runStdin("rahasia-owner-1\nsecond line ignored\n", "user", "create", "--tenant", "alpha",
			"--email", "Owner@Alpha.Example", "--name", "Pak Owner", "--role", "owner", "--password-stdin", "--phone", "0812000111")
		wantContains(t, out, "Created owner owner@alpha.example (Pak Owner) in showroom alpha")
		if strings.Contains(out, "rahasia") {
			t.Fatalf("password printed: %s", out)
		}
		if !c.checkPassword("alpha", "owner@alpha.example", "rahasia-owner-1") {
			t.Fatal("the stdin password does not sign in")
		}
	})
	t.Run("PasswordFromEnv", func(t *testing.T) {
		c := c.with(t)
		c.env["AUTOLEADS_PASSWORD"] = "dari-lingkungan"
		defer delete(c.env, "AUTOLEADS_PASSWORD")
		out := c.run("user", "create", "--tenant", "alpha", "--email", "budi@alpha.example", "--name", "Budi", "--role", "admin")
		if strings.Contains(out, "dari-lingkungan") || strings.Contains(out, "Password for") {
			t.Fatalf("env password printed: %s", out)
		}
		if !c.checkPassword("alpha", "budi@alpha.example", "dari-lingkungan") {
			t.Fatal("the env password does not sign in")
		}
	})
	t.Run("GeneratedPassword", func(t *testing.T) {
		c := c.with(t)
		out := c.run("user", "create", "--tenant", "alpha", "--email", "ani@alpha.example", "--name", "Ani", "--role", "sales")
		_, rest, ok := strings.Cut(out, "Password for ani@alpha.example: ")
		pw, _, _ := strings.Cut(rest, "\n")
		if !ok || len(pw) < 16 || strings.Count(out, pw) != 1 {
			t.Fatalf("generated password not printed once: %q", out)
		}
		wantContains(t, out, "shown only this once")
		if !c.checkPassword("alpha", "ani@alpha.example", pw) {
			t.Fatal("the generated password does not sign in")
		}
		if strings.Contains(c.run("user", "list", "--tenant", "alpha"), pw) {
			t.Fatal("user list shows the password")
		}
	})
	t.Run("GeneratedPasswordJSON", func(t *testing.T) {
		c := c.with(t)
		var u userJSON
		decode(t, c.run("user", "create", "--tenant", "alpha", "--email", "dewi@alpha.example", "--name", "Dewi", "--role", "sales", "--json"), &u)
		if u.GeneratedPassword == nil || len(*u.GeneratedPassword) < 16 || u.Role != "sales" || u.ID == 0 {
			t.Fatalf("create --json = %+v", u)
		}
		if !c.checkPassword("alpha", "dewi@alpha.example", *u.GeneratedPassword) {
			t.Fatal("the generated password does not sign in")
		}
	})
	t.Run("Refusals", func(t *testing.T) {
		c := c.with(t)
		create := func(email, role string) []string {
			return []string{"user", "create", "--tenant", "alpha", "--email", email, "--name", "X", "--role", role, "--password-stdin"}
		}
		c.fail("short\n", "Password must be at least 8 characters", create("x@alpha.example", "sales")...)
		c.fail("          \n", "Password must not be only spaces", create("x@alpha.example", "sales")...)
		c.fail(strings.Repeat("\x00", 10)+"\n", "Password must not contain control characters", create("x@alpha.example", "sales")...)
		c.fail("", "no password on the first line of stdin", create("x@alpha.example", "sales")...)
		c.fail("password123\n", "Email is already registered", create("OWNER@alpha.example", "sales")...)
		c.fail("password123\n", "--role must be owner, admin or sales", create("x@alpha.example", "boss")...)
		c.fail("password123\n", "Email is not a valid address", create("not-an-email", "sales")...)
		c.fail("password123\n", "Showroom not found", "user", "create", "--tenant", "nope", "--email", "x@y.example",
			"--name", "X", "--role", "sales", "--password-stdin")
		c.fail("password123\n", `"tenant" not set`, "user", "create", "--email", "x@y.example", "--name", "X", "--role", "sales")
		c.env["AUTOLEADS_PASSWORD"] = "kurang"
		defer delete(c.env, "AUTOLEADS_PASSWORD")
		r := c.exec(context.Background(), "", "user", "create", "--tenant", "alpha", "--email", "x@alpha.example", "--name", "X", "--role", "sales")
		if r.err == nil || !strings.Contains(r.err.Error(), "at least 8 characters") {
			t.Fatalf("short env password: %v", r.err)
		}
	})
}

func TestUserListPasswdDeactivate(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	c.runStdin("password123\n", "user", "create", "--tenant", "alpha", "--email", "owner@alpha.example", "--name", "Owner", "--role", "owner", "--password-stdin")
	c.runStdin("password123\n", "user", "create", "--tenant", "alpha", "--email", "sari@alpha.example", "--name", "Sari", "--role", "sales", "--password-stdin")
	t.Run("List", func(t *testing.T) {
		c := c.with(t)
		out := c.run("user", "list", "--tenant", "alpha")
		wantContains(t, out, "EMAIL", "owner@alpha.example", "Sari", "sales", "active")
		raw := c.run("user", "list", "--tenant", "alpha", "--json")
		var users []userJSON
		decode(t, raw, &users)
		if len(users) != 2 || users[0].Role != "owner" || users[1].Email != "sari@alpha.example" {
			t.Fatalf("list --json = %+v", users)
		}
		if strings.Contains(raw, "$2a$") || strings.Contains(strings.ToLower(raw), "hash") {
			t.Fatalf("list --json shows password hashes: %s", raw)
		}
		c.createTenant("empty")
		if out := strings.TrimSpace(c.run("user", "list", "--tenant", "empty", "--json")); out != "[]" {
			t.Fatalf("empty list --json = %q", out)
		}
		wantContains(t, c.run("user", "list", "--tenant", "empty"), "no users yet")
		c.fail("", "Showroom not found", "user", "list", "--tenant", "nope")
	})
	t.Run("Passwd", func(t *testing.T) {
		c := c.with(t)
		ver := c.tokenVersion("alpha", "sari@alpha.example")
		out := c.runStdin("kata-sandi-baru\n", "user", "passwd", "--tenant", "alpha", "--email", "SARI@alpha.example", "--password-stdin")
		wantContains(t, out, "sessions are signed out")
		if !c.checkPassword("alpha", "sari@alpha.example", "kata-sandi-baru") || c.checkPassword("alpha", "sari@alpha.example", "password123") {
			t.Fatal("password not changed")
		}
		if got := c.tokenVersion("alpha", "sari@alpha.example"); got != ver+1 {
			t.Fatalf("token version %d → %d, want bumped", ver, got)
		}
		out = c.run("user", "passwd", "--tenant", "alpha", "--email", "sari@alpha.example")
		_, rest, _ := strings.Cut(out, "Password for sari@alpha.example: ")
		pw, _, _ := strings.Cut(rest, "\n")
		if len(pw) < 16 || !c.checkPassword("alpha", "sari@alpha.example", pw) {
			t.Fatalf("generated password %q does not sign in", pw)
		}
		c.fail("short\n", "Password must be at least 8 characters", "user", "passwd", "--tenant", "alpha", "--email", "sari@alpha.example", "--password-stdin")
		c.fail("password123\n", "No user nobody@alpha.example in showroom alpha", "user", "passwd", "--tenant", "alpha", "--email", "nobody@alpha.example", "--password-stdin")
		c.fail("password123\n", "Showroom not found", "user", "passwd", "--tenant", "nope", "--email", "sari@alpha.example", "--password-stdin")
	})
	t.Run("Deactivate", func(t *testing.T) {
		c := c.with(t)
		ver := c.tokenVersion("alpha", "sari@alpha.example")
		wantContains(t, c.run("user", "deactivate", "--tenant", "alpha", "--email", "sari@alpha.example"), "is now inactive")
		if got := c.tokenVersion("alpha", "sari@alpha.example"); got != ver+1 {
			t.Fatalf("deactivation did not revoke tokens: %d → %d", ver, got)
		}
		c.fail("", "The last active owner cannot be demoted, deactivated or deleted", "user", "deactivate", "--tenant", "alpha", "--email", "owner@alpha.example")
		c.fail("", "No user nobody@alpha.example", "user", "deactivate", "--tenant", "alpha", "--email", "nobody@alpha.example")
		wantContains(t, c.run("user", "activate", "--tenant", "alpha", "--email", "sari@alpha.example"), "is now active")
	})
}
