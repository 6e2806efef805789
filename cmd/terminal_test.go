package cmd_test

import (
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
)

// A name with control characters that is already stored (a row from before
// they were refused, or one that came in some other way) reaches the
// operator's terminal escaped, never as a live escape sequence; --json keeps
// the exact value.
func TestTextOutputEscapesControlCharacters(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	c.runStdin("password123\n", "user", "create", "--tenant", "alpha", "--email", "ani@alpha.example",
		"--name", "Ani", "--role", "owner", "--password-stdin")
	const name = "Alpha\x1b[31m Motor\x07\x00\u009b2J\u202e\tX\nY"
	const shown = `Alpha\x1b[31m Motor\a\x00\u009b2J\u202e\tX\nY`
	if _, err := sqldbtest.Open(t, c.registry().Layout.RegistryPath()).Write.Exec(`UPDATE tenants SET name = ?, city = ? WHERE slug = 'alpha'`, name, name); err != nil {
		t.Fatal(err)
	}
	if _, err := sqldbtest.Open(t, c.tenantDB("alpha").Path()).Write.Exec(`UPDATE users SET name = ?`, name); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"tenant", "list"},
		{"tenant", "show", "alpha"},
		{"user", "list", "--tenant", "alpha"},
	} {
		out := c.run(args...)
		if strings.ContainsAny(out, "\x1b\x07\x00\u009b\u202e") {
			t.Errorf("%s printed a control character raw: %q", strings.Join(args, " "), out)
		}
		wantContains(t, out, shown)
	}
	var users []userJSON
	decode(t, c.run("user", "list", "--tenant", "alpha", "--json"), &users)
	if len(users) != 1 || users[0].Name != name {
		t.Errorf("--json changed the name: %+v", users)
	}
}
