package cmd_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMigrate(t *testing.T) {
	c := newCLI(t)
	if out := c.run("migrate"); !strings.HasPrefix(out, "registry: created, applied 0001_registry.sql") {
		t.Fatalf("first migrate on an empty data dir:\n%s", out)
	}
	c.createTenant("alpha")
	c.createTenant("beta")
	out := c.run("migrate")
	if out != "registry: up to date\nalpha: up to date\nbeta: up to date\n" {
		t.Fatalf("migrate after create:\n%s", out)
	}
	if again := c.run("migrate"); again != out {
		t.Fatalf("migrate is not idempotent:\n%s", again)
	}
	var results []struct {
		Database string   `json:"database"`
		Applied  []string `json:"applied"`
		Error    *string  `json:"error"`
	}
	decode(t, c.run("migrate", "--json"), &results)
	if len(results) != 3 || results[0].Database != "registry" || results[2].Database != "beta" ||
		results[1].Applied == nil || len(results[1].Applied) != 0 || results[1].Error != nil {
		t.Fatalf("migrate --json = %+v", results)
	}
}

func TestMigrateRecreatesMissingDatabase(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	// A directory removed by hand: the registry row remains.
	if err := os.RemoveAll(filepath.Join(c.dir, "tenants", "alpha")); err != nil {
		t.Fatal(err)
	}
	out := c.run("migrate")
	if !strings.HasPrefix(out, "registry: up to date\nalpha: created, applied 0001_init.sql") {
		t.Fatalf("migrate of a missing tenant database:\n%s", out)
	}
}
